"""Make a PDF of a profile text, as IOM's PDF reports lay one out: a running header, a page
number at the foot of each page, and long bullets wrapped over several lines and pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HEADER = "MIGRATION GOVERNANCE PROFILE 2019 | REPUBLIC OF MOLDOVA"


def profile_pdf(text: str, out: Path, lines_per_page: int = 24, width: int = 70) -> Path:
    """Write ``text`` to ``out`` as a PDF (blank lines dropped, as PDF text has none)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    lines: list[str] = []
    for raw in text.splitlines():
        if not raw.strip():
            continue
        indent = "  " if raw.lstrip().startswith("•") else ""
        words, line = raw.strip().split(), ""
        for w in words:
            if line and len(line) + 1 + len(w) > width:
                lines.append(line)
                line = indent + w
            else:
                line = f"{line} {w}" if line else w
        lines.append(line)
    c = canvas.Canvas(str(out), pagesize=A4, invariant=1)
    _, height = A4
    for page, start in enumerate(range(0, len(lines), lines_per_page), start=1):
        c.setFont("Helvetica", 8)
        c.drawString(60, height - 40, HEADER)
        c.setFont("Helvetica", 10)
        y = height - 80
        for line in lines[start : start + lines_per_page]:
            c.drawString(60, y, line)
            y -= 16
        c.setFont("Helvetica", 8)
        c.drawString(290, 30, str(page))
        c.showPage()
    c.save()
    return out


# --- The report layout ---------------------------------------------------------------------

#: A4 in points, and the report's frame.
_W, _H = 595.0, 842.0
_LEFT, _RIGHT, _TOP = 50.0, 50.0, 70.0
#: The top of the footnotes, below the lowest column.
_NOTES = 120.0
_GUTTER = 24.0
_COLUMN = (_W - _LEFT - _RIGHT - _GUTTER) / 2
_BODY, _LEAD = 9.5, 12.0
_HANG = 10.0
_MARK_OPEN, _MARK_CLOSE = "\x01", "\x02"


@dataclass
class Made:
    """What the report maker did, so that a test knows its PDF has each feature it checks."""

    pages: int = 0
    hyphenated: list[str] = field(default_factory=list)
    #: bullets whose lines went on in the next column, or on the next page
    across_columns: list[str] = field(default_factory=list)
    across_pages: list[str] = field(default_factory=list)
    notes: list[tuple[int, int, str]] = field(default_factory=list)  # page, number, text


@dataclass
class _Item:
    kind: str  # title, date, heading, header, bullet, para
    text: str


def _items(text: str) -> list[_Item]:
    """The profile text as the report's items: each line of the text one item."""
    raw = [ln.strip() for ln in text.splitlines()]
    items: list[_Item] = []
    for i, line in enumerate(raw):
        if not line:
            continue
        nxt = next((r for r in raw[i + 1 :] if r), "")
        if line.startswith(("•", "- ")):
            items.append(_Item("bullet", line.lstrip("•- ").strip()))
        elif not items or (items[-1].kind != "title" and _is_date(nxt) and len(line) < 90):
            items.append(_Item("title", line))
        elif items[-1].kind == "title" and _is_date(line):
            items.append(_Item("date", line))
        elif line.endswith(":") and len(line) < 80:
            items.append(_Item("header", line))
        elif len(line) < 60 and not line.endswith("."):
            items.append(_Item("heading", line))
        else:
            items.append(_Item("para", line))
    # The first item was taken for a title only if nothing came before; find the real one.
    return [
        it if it.kind != "title" or _is_title(items, it) else _Item("heading", it.text)
        for it in items
    ]


def _is_date(line: str) -> bool:
    import re

    return bool(re.search(r"\b(19|20)\d\d\b", line)) and len(line.split()) <= 4


def _is_title(items: list[_Item], item: _Item) -> bool:
    i = items.index(item)
    return i + 1 < len(items) and items[i + 1].kind == "date"


def _fonts(kind: str) -> tuple[str, float, float]:
    """Font, size and leading of an item kind."""
    return {
        "heading": ("Helvetica-Bold", 12.5, 15.0),
        "header": ("Helvetica-Bold", _BODY, _LEAD),
        "full": ("Helvetica-Bold", 15.0, 18.0),
    }.get(kind, ("Helvetica", _BODY, _LEAD))


def _plain(word: str) -> str:
    """A word without its footnote marker."""
    import re

    return re.sub(f"{_MARK_OPEN}[0-9]+{_MARK_CLOSE}", "", word)


def _width(word: str, font: str, size: float) -> float:
    import re

    from reportlab.pdfbase.pdfmetrics import stringWidth

    marks = re.findall(f"{_MARK_OPEN}([0-9]+){_MARK_CLOSE}", word)
    return stringWidth(_plain(word), font, size) + sum(
        stringWidth(m, "Helvetica", 5.5) for m in marks
    )


def _wrap(text: str, font: str, size: float, width: float, made: Made) -> list[str]:
    """Lines of ``text`` at most ``width`` wide, long words hyphenated where that fills a
    line better (at a hyphen of the word where it has one)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if _width(trial, font, size) <= width:
            line = trial
            continue
        head, tail = _hyphenate(word, line, font, size, width)
        if head:
            lines.append(f"{line} {head}" if line else head)
            made.hyphenated.append(_plain(word))
            line = tail
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _hyphenate(word: str, line: str, font: str, size: float, width: float) -> tuple[str, str]:
    """Where ``word`` breaks at the end of ``line``: its head (ending in a hyphen) and tail,
    or nothing if it is too short, not a word, or no head fits."""
    if len(word) < 8 or not word.replace("-", "").isalpha() or not line:
        return "", ""
    if "-" in word.strip("-"):
        cut = word.index("-", 1) + 1
        head = word[:cut]
        if _width(f"{line} {head}", font, size) <= width:
            return head, word[cut:]
        return "", ""
    for cut in range(len(word) - 3, 3, -1):
        head = word[:cut] + "-"
        if _width(f"{line} {head}", font, size) <= width:
            return head, word[cut:]
    return "", ""


def report_pdf(
    text: str,
    out: Path,
    *,
    header: str,
    footer: str = "MIGRATION GOVERNANCE INDICATORS",
    full_width: str | None = None,
    notes: dict[str, str] | None = None,
    contents: tuple[str, ...] = (),
    column_lines: int = 40,
    title_lines: int = 2,
) -> Made:
    """Write the profile ``text`` to ``out`` as IOM's PDF reports are designed.

    A title page (the title in large type, over ``title_lines`` lines; the date); a page of contents
    (``contents``, with dot leaders and page numbers) and the text before the title; then the
    profile in two columns: headings, list headers in bold, bullets with a hanging indent,
    wrapped and hyphenated, going on across columns and pages. Every page after the first
    has the running ``header`` (the title's words in capitals) and ``footer`` with the page
    number. The line ``full_width`` opens a page, across both columns. Each phrase of
    ``notes`` gets a superscript footnote marker after its first occurrence, and the note at
    the foot of that page. A column holds ``column_lines`` lines of text.
    """
    from reportlab.pdfgen import canvas

    made = Made()
    bottom = _H - _TOP - column_lines * _LEAD
    for phrase in notes or {}:
        if phrase not in text:
            raise ValueError(f"no {phrase!r} in the text")
    numbered = {p: n for n, p in enumerate(notes or {}, start=1)}
    for phrase, n in numbered.items():
        text = text.replace(phrase, f"{phrase}{_MARK_OPEN}{n}{_MARK_CLOSE}", 1)
    items = _items(text)
    title_at = next(i for i, it in enumerate(items) if it.kind == "title")
    before, title, date = items[:title_at], items[title_at], items[title_at + 1]
    body = items[title_at + 2 :]

    c = canvas.Canvas(str(out), pagesize=(_W, _H), invariant=1)
    state = {"page": 1, "notes": []}

    def furniture() -> None:
        c.setFont("Helvetica", 7)
        c.drawString(_LEFT, _H - 32, header)
        c.drawString(_LEFT, 28, footer)
        c.drawRightString(_W - _RIGHT, 28, str(state["page"]))

    def end_page() -> None:
        page_notes = state["notes"]
        if page_notes:
            y = _NOTES - 22
            c.line(_LEFT, y + 10, _LEFT + 120, y + 10)
            for n, note in page_notes:
                c.setFont("Helvetica", 5.5)
                c.drawString(_LEFT, y + 3, str(n))
                c.setFont("Helvetica", 7.5)
                for part in _wrap(note, "Helvetica", 7.5, _W - _LEFT - _RIGHT - 8, Made()):
                    c.drawString(_LEFT + 6, y, part)
                    y -= 9
                made.notes.append((state["page"], n, note))
        c.showPage()
        state["page"] = int(state["page"]) + 1  # type: ignore[call-overload]
        state["notes"] = []

    # The title page: the title in large type, over ``title_lines`` lines; the date under it.
    words = title.text.split()
    c.setFont("Helvetica-Bold", 24 if title_lines > 1 else 16)
    if title_lines > 1:
        half = (len(words) + 1) // 2
        c.drawString(_LEFT, 480, " ".join(words[:half]))
        c.drawString(_LEFT, 450, " ".join(words[half:]))
    else:
        c.drawString(_LEFT, 450, title.text)
    c.setFont("Helvetica", 13)
    c.drawString(_LEFT, 420, date.text)
    end_page()

    # Contents and the text before the title, in one column.
    furniture()
    c.setFont("Helvetica-Bold", 15)
    y = _H - _TOP - 10
    c.drawString(_LEFT, y, "Contents")
    y -= 26
    c.setFont("Helvetica", _BODY)
    for n, entry in enumerate(contents, start=3):
        c.drawString(_LEFT, y, entry)
        c.drawRightString(_W - _RIGHT, y, str(n))
        leader_x = _LEFT + _width(entry, "Helvetica", _BODY) + 4
        c.drawString(leader_x, y, "." * int((_W - _RIGHT - 16 - leader_x) / 2.64))
        y -= 16
    y -= 20
    for item in before:
        font, size, lead = _fonts(item.kind)
        c.setFont(font, size)
        for part in _wrap(item.text, font, size, _W - _LEFT - _RIGHT, Made()):
            c.drawString(_LEFT, y, _plain(part))
            y -= lead
        y -= 8
    end_page()

    # The profile in two columns.
    furniture()
    col, y, fresh = 0, _H - _TOP, True
    for item in body:
        if full_width is not None and item.text == full_width:
            if not fresh:
                end_page()
                furniture()
            c.setFont("Helvetica-Bold", 15)
            c.drawCentredString(_W / 2, _H - _TOP - 6, _plain(item.text))
            col, y, fresh = 0, _H - _TOP - 34, True
            continue
        font, size, lead = _fonts(item.kind)
        indent = _HANG if item.kind == "bullet" else 0.0
        parts = _wrap(item.text, font, size, _COLUMN - indent, made)
        if not fresh:
            y -= 7  # space between items
        if item.kind in ("heading", "header") and y - lead * (len(parts) + 1) < bottom:
            col, y = _next_column(col, end_page, furniture)
        for k, part in enumerate(parts):
            if y - lead < bottom:
                page_before = state["page"]
                col, y = _next_column(col, end_page, furniture)
                if item.kind == "bullet" and k > 0:
                    same_page = state["page"] == page_before
                    (made.across_columns if same_page else made.across_pages).append(
                        _plain(item.text)
                    )
            y -= lead
            fresh = False
            x = _LEFT + col * (_COLUMN + _GUTTER)
            if item.kind == "bullet" and k == 0:
                c.setFont("Helvetica", size)
                c.drawString(x, y, "•")
            _draw_line(c, x + indent, y, part, font, size, numbered, notes or {}, state)
    end_page()
    c.save()
    made.pages = int(state["page"]) - 1  # type: ignore[call-overload]
    return made


def _next_column(col: int, end_page: Any, furniture: Any) -> tuple[int, float]:
    """The next column's number and top: the right column, or the next page's left."""
    if col == 0:
        return 1, _H - _TOP
    end_page()
    furniture()
    return 0, _H - _TOP


def _draw_line(
    c: Any,
    x: float,
    y: float,
    line: str,
    font: str,
    size: float,
    numbered: dict[str, int],
    notes: dict[str, str],
    state: dict[str, Any],
) -> None:
    """Draw ``line``, its footnote markers as superscripts; note them for the page's foot."""
    import re

    from reportlab.pdfbase.pdfmetrics import stringWidth

    by_number = {n: p for p, n in numbered.items()}
    pos = 0
    for m in re.finditer(f"{_MARK_OPEN}([0-9]+){_MARK_CLOSE}", line):
        run = line[pos : m.start()]
        c.setFont(font, size)
        c.drawString(x, y, run)
        x += stringWidth(run, font, size)
        c.setFont("Helvetica", 5.5)
        c.drawString(x, y + 3.8, m.group(1))
        x += stringWidth(m.group(1), "Helvetica", 5.5)
        n = int(m.group(1))
        state["notes"].append((n, notes[by_number[n]]))
        pos = m.end()
    c.setFont(font, size)
    c.drawString(x, y, line[pos:])
