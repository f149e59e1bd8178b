"""What a profile page says of itself: its title (and so its place and edition), its date,
who implemented the assessment and who funded it, each quoted where it stands.

>>> from mgi_graph.ingest.layout import load_layout
>>> from mgi_graph.ingest.sourcetext import SourceText
>>> page = SourceText.from_bytes(
...     b"Intro\\n2023 December\\nMigration Governance Second Profile: Xland\\n", "p.txt"
... )
>>> lay = load_layout()
>>> title, place, edition, number = read_title(page, page.lines[2:], lay)
>>> place, edition, number, title.span.line
('Xland', 'second', 2, 3)
>>> read_date(page.lines[1:2], lay).value
'2023-12'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from mgi_graph.core.errors import InputError
from mgi_graph.ingest.layout import Layout
from mgi_graph.ingest.records import Quoted, Span
from mgi_graph.ingest.sourcetext import Line, SourceText


def read_title(
    source: SourceText, lines: Iterable[Line], lay: Layout
) -> tuple[Quoted | None, str | None, str | None, int | None]:
    """The first of ``lines`` (title lines) that a title pattern reads: the title, the place
    it names, the edition (its notation, or ``"local"`` for a local government's profile)
    and the edition number (of a local profile, its ordinal: a second local profile is 2);
    Nones if none reads. An edition number no concept of the editions scheme stands for is
    refused.

    >>> from mgi_graph.ingest.layout import load_layout
    >>> page = SourceText.from_bytes(
    ...     "Local Migration Governance Indicators Profile 2019 | City of Montréal\\n".encode(),
    ...     "p.txt",
    ... )
    >>> _, place, edition, number = read_title(page, page.lines, load_layout())
    >>> place, edition, number
    ('City of Montréal', 'local', 1)
    """
    for line in lines:
        text = line.text.strip()
        for pattern in lay.titles:
            m = pattern.match(text)
            if not m:
                continue
            start = line.start + line.text.index(text)
            title = Quoted(text, Span(start, start + len(text), line.number))
            place = m.group("place").strip()
            ordinal = next(
                (v for k, v in m.groupdict().items() if k.startswith("ordinal") and v), None
            )
            number = lay.ordinals[ordinal.casefold()] if ordinal else 1
            if any(v for k, v in m.groupdict().items() if k.startswith("local")):
                return title, place, "local", number
            if number not in lay.editions:
                raise InputError(
                    f"the title makes this profile edition {number}, which no concept of the "
                    "editions scheme (ontology/domains.ttl, mgi:editionOrdinal) stands for",
                    path=source.path,
                    line=line.number,
                )
            return title, place, lay.editions[number], number
    return None, None, None, None


def read_date(lines: Iterable[Line], lay: Layout) -> Quoted | None:
    """The first of ``lines`` (date lines) as ``YYYY-MM``, quoted where it stands."""
    for line in lines:
        m = lay.date.match(line.text)
        assert m is not None
        year = m.group("y1") or m.group("y2")
        month = lay.months[(m.group("m1") or m.group("m2")).casefold()]
        text = line.text.strip()
        start = line.start + line.text.index(text)
        return Quoted(f"{year}-{month:02d}", Span(start, start + len(text), line.number))
    return None


def search_value(source: SourceText, patterns: Iterable[re.Pattern[str]]) -> Quoted | None:
    """The ``value`` group of the first match of the first of ``patterns`` that matches in
    the page (an implementer, a funder), without a leading "the"."""
    m = next((found for p in patterns if (found := p.search(source.text))), None)
    if not m:
        return None
    value = m.group("value")
    start = m.start("value")
    if value.casefold().startswith("the "):
        value, start = value[4:], start + 4
    return Quoted(value, Span(start, start + len(value), source.line_of(start)))


__all__ = ["read_date", "read_title", "search_value"]
