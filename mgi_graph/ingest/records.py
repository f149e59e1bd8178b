"""What the profile parser reads from a page, as typed records: passages, quoted values,
findings and the profile with its metadata.

>>> f = FindingRecord(2, WELL_DEVELOPED, 1, "A finding.", Span(10, 20, 3), BY_HEADING)
>>> f.key, f.line
((2, 'well-developed', 1), 3)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mgi_graph.ingest.layout import POTENTIAL, WELL_DEVELOPED

#: How a polarity is said to a reader.
POLARITY_WORDS = {WELL_DEVELOPED: "well-developed", POTENTIAL: "with potential for development"}
BY_HEADING = "heading"
BY_ORDER = "order"


@dataclass(frozen=True)
class Span:
    """A passage of the source: character offsets [start, end) and the line it starts on."""

    start: int
    end: int
    line: int


@dataclass(frozen=True)
class Quoted:
    """A value read from the page together with where it stands."""

    value: str
    span: Span


@dataclass(frozen=True)
class FindingRecord:
    """One finding as read from one source."""

    domain: int
    polarity: str
    ordinal: int
    text: str
    span: Span
    assignment: str
    note: str | None = None

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def key(self) -> tuple[int, str, int]:
        """The stable key of a finding within its profile: domain, polarity, ordinal."""
        return (self.domain, self.polarity, self.ordinal)


@dataclass(frozen=True)
class ProfileRecord:
    """What the parser read from one profile page."""

    path: str
    title: Quoted | None
    date: Quoted | None
    place: str | None
    edition: str | None
    edition_number: int | None
    implementer: Quoted | None
    funder: Quoted | None
    findings: tuple[FindingRecord, ...] = field(repr=False)
    #: Where the findings end before the page does, and why (a parser note).
    end_note: str | None = None
    #: The line where the findings end before the page does, if they do.
    end_line: int | None = None
    #: For a page read as partial: what it lacks (a parser note), else None.
    partial_note: str | None = None

    def to_json(self) -> dict[str, object]:
        """The record as the JSON that ``mgi-graph parse`` prints."""
        return {
            "file": self.path,
            "title": self.title.value if self.title else None,
            "date": self.date.value if self.date else None,
            "place": self.place,
            "edition": self.edition,
            "edition_number": self.edition_number,
            "implementer": self.implementer.value if self.implementer else None,
            "funder": self.funder.value if self.funder else None,
            "domain_assignment": sorted({f.assignment for f in self.findings}),
            **({"end_note": self.end_note} if self.end_note else {}),
            **({"partial_note": self.partial_note} if self.partial_note else {}),
            "findings": [
                {
                    "domain": f.domain,
                    "polarity": f.polarity,
                    "ordinal": f.ordinal,
                    "text": f.text,
                    "line": f.line,
                    "start": f.span.start,
                    "end": f.span.end,
                    **({"note": f.note} if f.note else {}),
                }
                for f in self.findings
            ],
        }


__all__ = [
    "BY_HEADING",
    "BY_ORDER",
    "POLARITY_WORDS",
    "POTENTIAL",
    "WELL_DEVELOPED",
    "FindingRecord",
    "ProfileRecord",
    "Quoted",
    "Span",
]
