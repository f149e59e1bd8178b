"""Reading a PDF report as it is designed: the words of each page, with their positions and
sizes (from pdfplumber), put back in reading order.

MGI profiles are published as designed reports. Each page is read as a careful reader
reads it:

* **footnote markers** (a small number raised against the word it follows) are taken out of
  the text; the **footnotes** (small type, at the foot of the page, each opening with its
  marker) are kept as notes of their page, out of the text;
* the **running header and footer** (a line at the top or the foot of a page whose words,
  numbers aside, stand at the same height on other pages) and a **page number** standing alone
  there are removed; the title, which stands elsewhere on its page, stays whatever its words;
* **columns** are found where a vertical strip of the page is crossed by (almost) no line:
  the left column is read before the right, and a line across both (a heading over the
  columns) is read in its place between them;

The lines, in reading order, then flow into text (:mod:`.pdfflow`).

>>> w = [Word("Migrant", 50, 85, 100, 109.5, 9.5), Word("rights", 87, 112, 100, 109.5, 9.5)]
>>> line_text(w)
'Migrant rights'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

#: A footnote marker: a number (or a reference mark) set small and raised.
_MARKER = re.compile(r"^(?:\d{1,3}|[*†‡§])$")
#: A page number standing alone ("12", "Page 12", "12 of 30", "- 12 -").
PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—|]\s*)?(?:page|página|page n°)?\s*\d{1,4}(?:\s*(?:of|/|de|sur)\s*\d{1,4})?"
    r"(?:\s*[-–—|])?\s*$",
    re.IGNORECASE,
)
#: A glyph the PDF gives no character for (pdfminer writes ``(cid:N)``), or one of the private
#: use area (symbol fonts): at the start of a line, a bullet.
_UNMAPPED = re.compile(r"^(?:\(cid:\d+\)|[\uf000-\uf0ff])$")
_DIGITS = re.compile(r"\d+")
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl"})


@dataclass
class Word:
    """A word of a page, as pdfplumber gives it: its text, box (in points from the page's top
    left) and font size; ``bold`` for a bold face; ``marker`` for a footnote marker."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False
    marker: bool = False
    #: for a marker, the word it is glued to
    anchor: Word | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class Footnote:
    """A note at the foot of a page: its page (1-based), its marker and its text."""

    page: int
    marker: str
    text: str


@dataclass
class Line:
    """A line of one column of a page, in reading order. ``column`` is 0 for a page in one
    column or a line across both, 1 and 2 for the left and right columns; ``left`` is where
    lines of its column start."""

    page: int
    column: int
    words: list[Word]
    left: float = 0.0
    text: str = field(init=False)

    def __post_init__(self) -> None:
        self.text = line_text(self.words)

    @property
    def text_words(self) -> list[Word]:
        """The line's words, its footnote markers aside."""
        return [w for w in self.words if not w.marker]

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.text_words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.text_words)

    @property
    def size(self) -> float:
        return max(w.size for w in self.text_words)

    @property
    def bold(self) -> bool:
        return all(w.bold for w in self.text_words)

    @property
    def bullet(self) -> bool:
        return self.text.startswith("•")

    def indent_of_text(self) -> float:
        """How far right of its column this line's text begins (after a bullet)."""
        words = self.text_words
        first = words[1] if self.bullet and len(words) > 1 else words[0]
        return first.x0 - self.left


def line_text(words: Sequence[Word]) -> str:
    """The words of one line as text: a space where there is a gap between two words (a
    footnote marker between them is no gap), a bullet for an unmapped glyph opening the line.

    >>> line_text([Word("(cid:127)", 50, 54, 0, 9, 9), Word("The", 60, 75, 0, 9, 9)])
    '• The'
    >>> mark = Word("2", 75, 78, 0, 5, 5, marker=True)
    >>> line_text([Word("Rabat", 50, 75, 0, 9, 9), mark, Word(",", 78, 80, 0, 9, 9)])
    'Rabat,'
    """
    out: list[str] = []
    edge: float | None = None
    for w in words:
        if w.marker:
            edge = w.x1 if edge is not None else None
            continue
        text = w.text.translate(_LIGATURES)
        if not out and _UNMAPPED.match(text):
            text = "•"
        if out and edge is not None and w.x0 - edge > 0.15 * w.size:
            out.append(" ")
        out.append(text)
        edge = w.x1
    return "".join(out)


def body_size(pages: Sequence[Sequence[Word]]) -> float:
    """The size of the running text: the size most of the document's letters are set in."""
    sizes: Counter[float] = Counter()
    for words in pages:
        for w in words:
            sizes[round(w.size, 1)] += len(w.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def mark_footnote_markers(words: list[Word], body: float) -> None:
    """Flag the footnote markers among ``words``: a small number raised against the word it
    follows (glued to it), or opening a small line (a footnote's own number)."""
    for cand in words:
        if not _MARKER.match(cand.text) or cand.size > 0.8 * body:
            continue
        mid = (cand.top + cand.bottom) / 2
        for w in words:
            if w is cand or w.size <= cand.size * 1.15:
                continue
            glued = -0.5 <= cand.x0 - w.x1 <= 1.5 or -0.5 <= w.x0 - cand.x1 <= 3.0
            if glued and w.top - 1 <= mid <= w.bottom and cand.bottom < w.bottom - 1:
                cand.marker, cand.anchor = True, w
                break


def rows(words: Sequence[Word]) -> list[list[Word]]:
    """The words of a page grouped by the line they sit on (their baseline), top to bottom,
    each left to right; a marker goes with the word it is glued to."""
    text = sorted((w for w in words if not w.marker), key=lambda w: (w.bottom, w.x0))
    grouped: list[list[Word]] = []
    for w in text:
        if grouped and abs(grouped[-1][0].bottom - w.bottom) <= 2.0:
            grouped[-1].append(w)
        else:
            grouped.append([w])
    row_of = {id(w): r for r in grouped for w in r}
    for m in words:
        if m.marker and m.anchor is not None and id(m.anchor) in row_of:
            row_of[id(m.anchor)].append(m)
    return [sorted(r, key=lambda w: w.x0) for r in grouped]


def shape(text: str) -> str:
    """A line with its numbers masked, so that "Profile 2019 | 3" and "… | 4" are one header.

    >>> shape("MIGRATION Governance  INDICATORS 12")
    'migration governance indicators #'
    """
    return _DIGITS.sub("#", " ".join(text.split())).casefold()


def furniture(pages: Sequence[list[list[Word]]], heights: Sequence[float]) -> set[tuple[int, int]]:
    """The (page index, row index) of running headers, footers and page numbers: among the
    two rows at the top and the two at the foot of a page, in its margin (the tenth of the
    page above or below), those that are a page number alone, and those whose shape stands at
    the same height (within 4 points) on at least two pages and two in five of them."""
    edges: list[tuple[int, int, str, float]] = []
    for p, page_rows in enumerate(pages):
        n, height = len(page_rows), heights[p]
        for r in sorted({*range(min(2, n)), *range(max(0, n - 2), n)}):
            row = page_rows[r]
            top, bottom = min(w.top for w in row), max(w.bottom for w in row)
            if bottom <= 0.1 * height:
                edges.append((p, r, shape(line_text(row)), bottom))
            elif top >= 0.9 * height:
                edges.append((p, r, shape(line_text(row)), top - height))
    need = max(2, -(-2 * len(pages) // 5))
    found: set[tuple[int, int]] = set()
    for p, r, s, y in edges:
        alike = {q for q, _, s2, y2 in edges if s2 == s and abs(y2 - y) <= 4}
        if PAGE_NUMBER.match(line_text(pages[p][r])) or len(alike) >= need:
            found.add((p, r))
    return found


def split_footnotes(
    page_rows: list[list[Word]], body: float, page: int
) -> tuple[list[list[Word]], list[Footnote]]:
    """The rows of a page without its footnotes, and the footnotes: the block of rows in
    small type at the foot of the page, each note opening with its marker (its text as its
    lines, one per line)."""
    start = len(page_rows)
    while start > 0 and _small(page_rows[start - 1], body):
        start -= 1
    block = page_rows[start:]
    if not block or not _opens_note(block[0]):
        return page_rows, []
    notes: list[list[str]] = []
    markers: list[str] = []
    for row in block:
        if _opens_note(row):
            first = row[0]
            markers.append(first.text)
            notes.append([line_text([w for w in row[1:] if not w.marker] or row[1:])])
        else:
            notes[-1].append(line_text(row))
    pairs = zip(markers, notes, strict=True)
    return page_rows[:start], [Footnote(page, marker, "\n".join(lines)) for marker, lines in pairs]


def _small(row: list[Word], body: float) -> bool:
    return max(w.size for w in row) < 0.92 * body


def _opens_note(row: list[Word]) -> bool:
    return bool(_MARKER.match(row[0].text)) and len(row) > 1


def columns(page_rows: list[list[Word]], width: float, page: int) -> list[Line]:
    """The lines of a page in reading order: by column where the page has two (see the
    module), else top to bottom."""
    segments = [seg for row in page_rows for seg in _segments(row)]
    gutter = _gutter(segments, width)
    if gutter is None:
        return _with_left([Line(page, 0, row) for row in page_rows])
    lines: list[Line] = []
    band: dict[int, list[list[Word]]] = {1: [], 2: []}

    def flush() -> None:
        for col in (1, 2):
            lines.extend(_with_left([Line(page, col, seg) for seg in _merged(band[col])]))
            band[col] = []

    for row in page_rows:
        parts = _segments(row)
        if any(_crosses(seg, gutter) for seg in parts):
            flush()
            lines.append(Line(page, 0, row, left=min(w.x0 for w in row)))
            continue
        for seg in parts:
            band[1 if seg[-1].x1 <= gutter else 2].append(seg)
    flush()
    return lines


def _with_left(lines: list[Line]) -> list[Line]:
    """``lines`` with the left edge of their column: where most of them start."""
    if lines:
        left = min(ln.x0 for ln in lines)
        for ln in lines:
            ln.left = left
    return lines


def _merged(segments: list[list[Word]]) -> list[list[Word]]:
    """Segments of one column on the same baseline, as one line each."""
    out: list[list[Word]] = []
    for seg in segments:
        if out and abs(out[-1][0].bottom - seg[0].bottom) <= 2.0:
            out[-1] = sorted(out[-1] + seg, key=lambda w: w.x0)
        else:
            out.append(seg)
    return out


def _segments(row: list[Word]) -> list[list[Word]]:
    """A row cut where its words stand further apart than a wide word space (a gutter)."""
    segs: list[list[Word]] = [[row[0]]]
    for w in row[1:]:
        last = segs[-1][-1]
        if w.x0 - last.x1 > max(1.1 * max(w.size, last.size), 8.0) and not w.marker:
            segs.append([w])
        else:
            segs[-1].append(w)
    return segs


def _crosses(seg: list[Word], x: float) -> bool:
    return seg[0].x0 < x < seg[-1].x1


def _gutter(segments: list[list[Word]], width: float) -> float | None:
    """The middle of the widest vertical strip, in the middle of the page, that (almost) no
    segment crosses and that has lines on both sides; None for a page in one column."""
    if len(segments) < 2:
        return None
    lo, hi = int(0.3 * width), int(0.7 * width)
    cover = [sum(1 for s in segments if _crosses(s, x)) for x in range(lo, hi)]
    least = min(cover)
    if least > 0.15 * len(segments):
        return None
    runs: list[tuple[int, float]] = []  # width, middle
    start: int | None = None
    for i, n in enumerate([*cover, least + 1]):
        if n == least and start is None:
            start = i
        elif n != least and start is not None:
            runs.append((i - start, lo + (start + i - 1) / 2))
            start = None
    for _, x in sorted(runs, key=lambda r: (-r[0], r[1])):
        if any(s[-1].x1 <= x for s in segments) and any(s[0].x0 >= x for s in segments):
            return x
    return None


__all__ = [
    "PAGE_NUMBER",
    "Footnote",
    "Line",
    "Word",
    "body_size",
    "columns",
    "furniture",
    "line_text",
    "mark_footnote_markers",
    "rows",
    "shape",
    "split_footnotes",
]
