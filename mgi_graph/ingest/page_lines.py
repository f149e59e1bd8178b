"""What each line of a profile page is: blank, a bullet, a list header, a domain heading, a
marker ("Key findings"), the title, the date, or other text.

>>> from mgi_graph.ingest.layout import load_layout
>>> from mgi_graph.ingest.sourcetext import SourceText
>>> text = b"Domain 5: Mobility dimension of crisis\\n- A finding.\\n"
>>> page = SourceText.from_bytes(text, "p.txt")
>>> rows = [classify(ln, load_layout()) for ln in page.lines]
>>> [(r.kind == HEADING, r.domain) for r in rows][0], rows[1].kind == BULLET
((True, 5), True)
"""

from __future__ import annotations

from dataclasses import dataclass

from mgi_graph.ingest.layout import Layout
from mgi_graph.ingest.sourcetext import Line

NEAR_NOTE = (
    "The domain heading {heading!r} (line {line}) is no label of a domain as written; it was "
    "read as domain {domain}, whose label {label!r} it matches up to inflection, accents, "
    "articles and punctuation."
)


# Line kinds.
BLANK, BULLET, LIST, HEADING, MARKER, TITLE, DATE, OTHER = range(8)


@dataclass
class Classified:
    """A line of the page and what it is: its kind, and for a list header its polarity, for
    a domain heading its domain (and a note if matched only up to inflection)."""

    line: Line
    kind: int
    polarity: str | None = None
    domain: int | None = None
    note: str | None = None


def classify(ln: Line, lay: Layout) -> Classified:
    """What the line ``ln`` is, by the phrases of ``lay``."""
    text = ln.text
    if not text.strip():
        return Classified(ln, BLANK)
    if lay.bullet.match(text):
        return Classified(ln, BULLET)
    polarity = lay.list_polarity(text)
    if polarity:
        return Classified(ln, LIST, polarity=polarity)
    domain = lay.domain_of_heading(text)
    if domain:
        return Classified(ln, HEADING, domain=domain)
    near = lay.near_domain(text) if looks_like_heading(text) else None
    if near:
        note = NEAR_NOTE.format(line=ln.number, heading=text.strip(), label=near[1], domain=near[0])
        return Classified(ln, HEADING, domain=near[0], note=note)
    if lay.is_marker(text):
        return Classified(ln, MARKER)
    if any(t.match(text.strip()) for t in lay.titles):
        return Classified(ln, TITLE)
    if lay.date.match(text):
        return Classified(ln, DATE)
    return Classified(ln, OTHER)


def previous_nonblank(rows: list[Classified], index: int) -> Classified | None:
    """The nearest line before ``rows[index]`` that is not blank."""
    for row in reversed(rows[:index]):
        if row.kind != BLANK:
            return row
    return None


def looks_like_heading(text: str) -> bool:
    """A short line without a closing full stop: a heading, not a paragraph."""
    stripped = text.strip()
    return len(stripped) <= 100 and not stripped.endswith((".", "!", "?"))


__all__ = [
    "BLANK",
    "BULLET",
    "DATE",
    "HEADING",
    "LIST",
    "MARKER",
    "OTHER",
    "TITLE",
    "Classified",
    "classify",
    "looks_like_heading",
    "previous_nonblank",
]
