"""The PDF layout reading on pages given as words (positions and sizes in points from the top
left), each rule on a page made for it."""

from __future__ import annotations

from mgi_graph.ingest.pdfflow import compose
from mgi_graph.ingest.pdflayout import Word, columns, furniture, rows, split_footnotes
from mgi_graph.ingest.pdftext import layout_reading

SIZE = 10.0


def line(text: str, x: float, bottom: float, size: float = SIZE, bold: bool = False) -> list[Word]:
    """The words of ``text`` set from ``x`` on the baseline ``bottom``, 6 points a letter."""
    words = []
    for w in text.split():
        words.append(Word(w, x, x + 6 * len(w), bottom - size, bottom, size, bold))
        x += 6 * len(w) + 3
    return words


def test_the_title_in_the_headers_words_stays_and_the_header_goes():
    title = "MIGRATION GOVERNANCE PROFILE: ATLANTIS"
    pages = [line(title, 50, 400, 16) + line("May 2020", 50, 430)]
    for n in range(2, 6):
        pages.append(
            line(title, 50, 30, 7)
            + line(f"Body text of page {n}.", 50, 100)
            + line(str(n), 290, 820, 7)
        )
    reading = layout_reading(pages, [(595.0, 842.0)] * 5)
    assert reading.text.count(title) == 1 and reading.text.startswith(title)
    assert "Body text of page 5." in reading.text and "\n5\n" not in reading.text
    assert len(reading.page_starts) == 5 and reading.text[reading.page_starts[2] :].startswith(
        "Body text of page 3."
    )


def test_a_line_alone_at_the_top_of_one_page_is_no_header():
    page_rows = [rows(line("Introduction", 50, 40) + line("Text.", 50, 100))]
    page_rows += [rows(line("Other text.", 50, 100)) for _ in range(3)]
    assert furniture(page_rows, [842.0] * 4) == set()


def test_two_columns_and_a_heading_across_them_read_in_order():
    words = (
        line("left one", 50, 100)
        + line("right one", 320, 100)
        + line("left two", 50, 112)
        + line("right two", 320, 112)
        + line(
            "A HEADING ACROSS BOTH COLUMNS OF THE PAGE, FROM ONE SIDE TO THE OTHER",
            50,
            140,
            bold=True,
        )
        + line("left three", 50, 170)
        + line("right three", 320, 170)
    )
    got = [ln.text for ln in columns(rows(words), 595.0, 1)]
    assert got == [
        "left one",
        "left two",
        "right one",
        "right two",
        "A HEADING ACROSS BOTH COLUMNS OF THE PAGE, FROM ONE SIDE TO THE OTHER",
        "left three",
        "right three",
    ]


def test_footnotes_at_the_foot_are_notes_and_a_raised_number_is_a_marker():
    body = line("The findings of the profile name bodies and laws.", 50, 88)
    body += line("The Ministry of Labour", 50, 100)
    mark = Word("7", body[-1].x1, body[-1].x1 + 3, 90, 96, 5.5)
    foot = [Word("7", 50, 53, 770, 776, 5.5), *line("Decree 12 of 2019 on the Minis-", 56, 780, 7)]
    foot += line("try of Labour.", 50, 789, 7)
    reading = layout_reading([[*body, mark, *foot]], [(595.0, 842.0)])
    assert (
        reading.text
        == "The findings of the profile name bodies and laws.\nThe Ministry of Labour\n"
    )
    assert [(n.page, n.marker, n.text) for n in reading.notes] == [
        (1, "7", "Decree 12 of 2019 on the Ministry of Labour.")
    ]


def test_small_lines_at_the_foot_without_a_marker_stay_in_the_text():
    page_rows = rows(line("Text.", 50, 100) + line("Source: IOM, 2019.", 50, 780, 7))
    kept, notes = split_footnotes(page_rows, SIZE, 1)
    assert notes == [] and len(kept) == 2


def test_a_hyphen_the_document_writes_elsewhere_is_kept():
    words = (
        line("examples of well-developed areas:", 50, 100)
        + line("the well-", 50, 130)
        + line("developed and migra-", 50, 142)
        + line("tion policy.", 50, 154)
    )
    lines = columns(rows(words), 595.0, 1)
    text, _ = compose(lines, SIZE, 1)
    assert "the well-developed\nand migration\npolicy." in text
