"""What each page of the report shows: plain records, filled by :mod:`.views` and read by
the templates. Rows of a query's answer that a page shows as they are stay dictionaries
(:data:`~mgi_graph.report.loading.Row`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mgi_graph.report.loading import Row


@dataclass(frozen=True)
class Quote:
    text: str
    source_title: str
    start: str
    end: str


@dataclass(frozen=True)
class Fact:
    property: str
    value: str
    is_iri: bool
    lang: str


@dataclass(frozen=True)
class Statement:
    anchor: str
    subject: str
    property: str
    object: str
    object_is_iri: bool
    quotes: list[Quote]


@dataclass(frozen=True)
class Named:
    """An entry a finding names."""

    iri: str
    label: str
    type: str
    review: str


@dataclass(frozen=True)
class FindingItem:
    anchor: str
    ordinal: str
    text: str
    entities: list[Named]
    quotes: list[Quote]


@dataclass(frozen=True)
class PolarityList:
    label: str
    findings: list[FindingItem]


@dataclass(frozen=True)
class DomainSection:
    number: str
    label: str
    count: int
    polarities: list[PolarityList]


@dataclass(frozen=True)
class Profile:
    iri: str
    label: str
    country: str
    country_label: str
    edition: str
    date: str
    sources: list[str]


@dataclass(frozen=True)
class ProfileRef:
    iri: str
    label: str


@dataclass(frozen=True)
class Country:
    iri: str
    code: str
    label: str
    profiles: list[ProfileRef] = field(default_factory=list)


@dataclass(frozen=True)
class EditionDomain:
    counts: Row
    changes: list[Row] = field(default_factory=list)


@dataclass(frozen=True)
class EditionPair:
    earlier: str
    later: str
    domains: dict[str, EditionDomain] = field(default_factory=dict)


@dataclass(frozen=True)
class CountryPage:
    iri: str
    code: str
    label: str
    profiles: list[ProfileRef]
    facts: list[Fact]
    statements: list[Statement]
    editions: list[EditionPair]


@dataclass(frozen=True)
class Name:
    value: str
    kind: str
    lang: str


@dataclass(frozen=True)
class Identifier:
    iri: str
    property: str


@dataclass(frozen=True)
class CountryMentions:
    code: str
    mentions: list[Row]


@dataclass(frozen=True)
class MatrixRow:
    """An entry's findings in one domain, by country."""

    number: str
    label: str
    by_country: list[CountryMentions]
    counts: dict[str, int]


@dataclass(frozen=True)
class EntityPage:
    iri: str
    label: str
    type: str
    jurisdiction: str
    jurisdiction_iri: str
    parent: str
    review: str
    names: list[Name]
    facts: list[Fact]
    identifiers: list[Identifier]
    statements: list[Statement]
    matrix: list[MatrixRow]
    matrix_countries: list[str]
    paragraphs: list[Row]
    people: list[Row]


@dataclass(frozen=True)
class EntryLine:
    iri: str
    label: str
    jurisdiction: str
    review: str
    findings: int
    paragraphs: int


@dataclass(frozen=True)
class EntryGroup:
    type: str
    entries: list[EntryLine]


@dataclass(frozen=True)
class Link:
    href: str | None
    text: str


@dataclass(frozen=True)
class Term:
    name: str
    label: str
    comment: str
    parents: list[Link]
    domains: list[Link]
    ranges: list[Link]


@dataclass(frozen=True)
class OntologySection:
    title: str
    id: str
    terms: list[Term]


__all__ = [
    "Country",
    "CountryMentions",
    "CountryPage",
    "DomainSection",
    "EditionDomain",
    "EditionPair",
    "EntityPage",
    "EntryGroup",
    "EntryLine",
    "Fact",
    "FindingItem",
    "Identifier",
    "Link",
    "MatrixRow",
    "Name",
    "Named",
    "OntologySection",
    "PolarityList",
    "Profile",
    "ProfileRef",
    "Quote",
    "Statement",
    "Term",
]
