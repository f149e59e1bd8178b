"""The report's view models (:mod:`.models`), made from the query rows once.

Every grouping the pages need (findings by profile, mentions by entity and by profile,
statements by the nodes they are about, facts by entity) is made in one pass over the rows
(:class:`Indexes`), so that no page scans the rows of every other.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mgi_graph.core import iris
from mgi_graph.core.vocab import ID, MGI, OWL
from mgi_graph.report.loading import ReportRows, Row
from mgi_graph.report.models import (
    Country,
    CountryMentions,
    CountryPage,
    DomainSection,
    EditionDomain,
    EditionPair,
    EntityPage,
    EntryGroup,
    EntryLine,
    Fact,
    FindingItem,
    Identifier,
    Link,
    MatrixRow,
    Name,
    Named,
    OntologySection,
    PolarityList,
    Profile,
    ProfileRef,
    Quote,
    Statement,
    Term,
)
from mgi_graph.report.property_names import property_name

#: Properties that give an entry's names, with how its page calls them.
NAME_PROPERTIES = {
    "http://www.w3.org/2004/02/skos/core#prefLabel": "preferred name",
    "http://www.w3.org/2004/02/skos/core#altLabel": "also called",
    "http://www.w3.org/2004/02/skos/core#hiddenLabel": "variant matched in the sources",
    "https://w3id.org/mgi-graph/ontology#jointName": "joint name",
}
#: Properties an entry's page leaves out of its facts.
SKIPPED = {"http://www.w3.org/2000/01/rdf-schema#label"}
#: Kinds of node (the first step of their IRI under ``ID``) that get a page of their own.
PAGE_KINDS = ("org", "law", "instrument", "agreement", "status", "country", "profile")
#: The ontology reference's sections: (the terms' type, heading, anchor).
ONTOLOGY_SECTIONS = (
    (str(OWL.Class), "Classes", "classes"),
    (str(OWL.ObjectProperty), "Object properties", "object-properties"),
    (str(OWL.DatatypeProperty), "Datatype properties", "datatype-properties"),
)


def page_path(iri: str) -> str | None:
    """The page of the site that shows ``iri`` (path and anchor), if any.

    >>> page_path("https://w3id.org/mgi-graph/id/org/kz-mia")
    'org/kz-mia.html'
    >>> page_path("https://w3id.org/mgi-graph/id/finding/KZ-1/d2/well-developed/3")
    'profile/KZ-1.html#d2-well-developed-3'
    >>> page_path("http://www.wikidata.org/entity/Q232") is None
    True
    """
    if not iris.is_own(iri):
        return None
    rest = iris.key_of(iri)
    kind, _, key = rest.partition("/")
    if kind in PAGE_KINDS and key and "/" not in key:
        return f"{rest}.html"
    if kind == "finding":
        profile, _, anchor = key.partition("/")
        return f"profile/{profile}.html#{anchor.replace('/', '-')}"
    return None


def group(items: Iterable[Row], key: str) -> dict[str, list[Row]]:
    """``items`` by their value of ``key``, in the order first met.

    >>> group([{"k": "a"}, {"k": "b"}, {"k": "a"}], "k")
    {'a': [{'k': 'a'}, {'k': 'a'}], 'b': [{'k': 'b'}]}
    """
    out: dict[str, list[Row]] = {}
    for item in items:
        out.setdefault(item[key], []).append(item)
    return out


class Indexes:
    """The groupings of the rows the pages need, each made in one pass."""

    def __init__(self, data: ReportRows) -> None:
        self.findings_of = group(data.findings, "profile")
        self.finding_mentions_of = group(
            (m for m in data.mentions if m["unit_kind"] == "finding"), "profile"
        )
        self.mentions_of = group(data.mentions, "entity")
        self.facts_of = group(data.facts, "entity")
        self.people_in = group(data.people, "organization")
        self.kinds = {r["entity"]: r for r in data.entities}
        self.texts = {r["finding"]: r["text"] for r in data.findings}
        self.place_of = {r["finding"]: (r["profile"], r["domain"]) for r in data.findings}
        self.statements = statements(data.statements)
        self.about: dict[str, list[Statement]] = {}
        for s in self.statements:
            for node in dict.fromkeys((s.subject, s.object)):
                self.about.setdefault(node, []).append(s)


def quote(r: Row) -> Quote:
    return Quote(r["quote"], r["source_title"], r["start"], r["end"])


def fact(f: Row) -> Fact:
    return Fact(
        property_name(f["property"], f["property_label"]),
        f["value"],
        bool(f["value_is_iri"]),
        f["lang"],
    )


def short(text: str, n: int = 110) -> str:
    """``text`` cut at a word boundary to at most ``n`` characters.

    >>> short("one two three", 8)
    'one two…'
    """
    if len(text) <= n:
        return text
    return text[:n].rsplit(" ", 1)[0] + "…"


def statements(rows: list[Row]) -> list[Statement]:
    """Statements, each with its quotes."""
    out = []
    for iri, srows in group(rows, "statement").items():
        s = srows[0]
        out.append(
            Statement(
                anchor=iri.rsplit("/", 1)[-1],
                subject=s["subject"],
                property=property_name(s.get("property", ""), s["property_label"]),
                object=s["object"],
                object_is_iri=bool(s["object_is_iri"]),
                quotes=[quote(r) for r in srows],
            )
        )
    return out


def countries(profiles: list[Row]) -> list[Country]:
    """The countries the profiles assess, by code, each with its profiles."""
    out: dict[str, Country] = {}
    seen: set[tuple[str, str]] = set()
    for r in profiles:
        c = out.setdefault(
            r["country"], Country(r["country"], r["country_code"], r["country_label"])
        )
        if (r["country"], r["profile"]) not in seen:
            seen.add((r["country"], r["profile"]))
            c.profiles.append(ProfileRef(r["profile"], r["profile_label"]))
    return sorted(out.values(), key=lambda c: c.code)


def profiles(rows: list[Row]) -> list[Profile]:
    """Each profile once, with the titles of the documents it is read from."""
    out = []
    for iri, prows in group(rows, "profile").items():
        r = prows[0]
        out.append(
            Profile(
                iri=iri,
                label=r["profile_label"],
                country=r["country"],
                country_label=r["country_label"],
                edition=r["edition"],
                date=r["date"],
                sources=[p["source_title"] for p in prows],
            )
        )
    return out


def domain_labels(domains: list[Row]) -> list[tuple[str, str]]:
    """(number, label) of each domain of the graph's scheme, in order (the rows of the
    report query ``domains``).

    >>> domain_labels([{"domain": "1", "label": "Migrants' rights"}])
    [('1', "Migrants' rights")]
    """
    return [(r["domain"], r["label"]) for r in domains]


def profile_sections(profile: Profile, ix: Indexes) -> list[DomainSection]:
    """A profile's findings by domain and polarity, each with the entries it names."""
    named: dict[str, dict[str, Named]] = {}
    for m in ix.finding_mentions_of.get(profile.iri, []):
        e = ix.kinds.get(m["entity"])
        if e is not None:
            named.setdefault(m["unit"], {})[m["entity"]] = Named(
                m["entity"], e["label"], e["type_label"], e["review"]
            )
    sections = []
    for number, drows in group(ix.findings_of.get(profile.iri, []), "domain").items():
        polarities = []
        for pol_rows in group(drows, "polarity").values():
            items = []
            for f_rows in group(pol_rows, "finding").values():
                f = f_rows[0]
                names = named.get(f["finding"], {}).values()
                items.append(
                    FindingItem(
                        anchor=(page_path(f["finding"]) or "#").split("#")[1],
                        ordinal=f["ordinal"],
                        text=f["text"],
                        entities=sorted(names, key=lambda e: e.label.casefold()),
                        quotes=[quote(r) for r in f_rows],
                    )
                )
            polarities.append(PolarityList(pol_rows[0]["polarity_label"], items))
        sections.append(
            DomainSection(
                number=number,
                label=drows[0]["domain_label"],
                count=len({r["finding"] for r in drows}),
                polarities=polarities,
            )
        )
    return sections


def editions(scorecard: list[Row], changes: list[Row], ix: Indexes) -> list[EditionPair]:
    """Editions compared, for a country with two or more profiles: by pair of editions and
    domain number, the counts of ``editions-scorecard`` and the changes of
    ``compare-editions``."""
    pairs: dict[tuple[str, str], EditionPair] = {}
    for r in scorecard:
        key = (r["earlier_profile"], r["later_profile"])
        pair = pairs.setdefault(key, EditionPair(*key))
        pair.domains[r["domain"]] = EditionDomain(r)
    for r in changes:
        earlier = ix.place_of.get(r["earlier_finding"])
        later = ix.place_of.get(r["later_finding"])
        number = (earlier or later or ("", ""))[1]
        for (p1, p2), pair in pairs.items():
            if (earlier and earlier[0] == p1) or (later and later[0] == p2):
                pair.domains[number].changes.append(r)
    return list(pairs.values())


def country_page(c: Country, ix: Indexes, pairs: list[EditionPair]) -> CountryPage:
    return CountryPage(
        iri=c.iri,
        code=c.code,
        label=c.label,
        profiles=c.profiles,
        facts=[fact(f) for f in ix.facts_of.get(c.iri, [])],
        statements=ix.about.get(c.iri, []),
        editions=pairs,
    )


def entity_page(
    e: Row, ix: Indexes, labels: dict[str, str], domains: list[tuple[str, str]]
) -> EntityPage:
    """An entry's page: its names, facts, identifiers, statements, the findings that name it
    by domain and country, the paragraphs that name it, and the people in its posts."""
    facts = ix.facts_of.get(e["entity"], [])
    mentions = ix.mentions_of.get(e["entity"], [])
    order = list(NAME_PROPERTIES)
    names = [
        Name(f["value"], NAME_PROPERTIES[f["property"]], f["lang"])
        for f in sorted(
            (f for f in facts if f["property"] in NAME_PROPERTIES),
            key=lambda f: (order.index(f["property"]), f["lang"] != "en", f["lang"]),
        )
    ]
    others = [
        fact(f)
        for f in facts
        if f["property"] not in NAME_PROPERTIES and f["property"] not in SKIPPED
    ]
    external = [f for f in others if f.is_iri and not iris.is_own(f.value)]
    in_findings = [m for m in mentions if m["unit_kind"] == "finding"]
    codes = sorted({m["country_code"] for m in in_findings})
    cells: dict[str, dict[str, list[Row]]] = {}
    for m in in_findings:
        cells.setdefault(m["domain"], {}).setdefault(m["country_code"], []).append(m)
    matrix = []
    for number, label in domains:
        here = cells.get(number)
        if not here:
            continue
        by_country = [
            CountryMentions(
                code,
                [
                    {**m, "unit_label": "Finding: " + short(ix.texts.get(m["unit"], m["unit"]))}
                    for m in here[code]
                ],
            )
            for code in codes
            if code in here
        ]
        counts = {c.code: len({m["unit"] for m in c.mentions}) for c in by_country}
        matrix.append(MatrixRow(number, label, by_country, counts))
    code = e["jurisdiction_code"]
    return EntityPage(
        iri=e["entity"],
        label=e["label"],
        type=e["type_label"],
        jurisdiction=code,
        jurisdiction_iri=f"{ID}country/{code}" if code and code != "international" else "",
        parent=e["parent"],
        review=e["review"],
        names=names,
        facts=[f for f in others if f not in external],
        identifiers=[Identifier(f.value, f.property) for f in external],
        statements=ix.about.get(e["entity"], []),
        matrix=matrix,
        matrix_countries=codes,
        paragraphs=[
            {**m, "unit_label": labels.get(m["unit"], m["unit"])}
            for m in mentions
            if m["unit_kind"] == "paragraph"
        ],
        people=ix.people_in.get(e["entity"], []),
    )


def entry_groups(entities: list[Row], ix: Indexes) -> list[EntryGroup]:
    """The entries index: entries by type, each with its counts of findings and paragraphs."""
    out = []
    for type_label, es in sorted(group(entities, "type_label").items()):
        entries = []
        for e in sorted(es, key=lambda e: e["label"].casefold()):
            ms = ix.mentions_of.get(e["entity"], [])
            entries.append(
                EntryLine(
                    iri=e["entity"],
                    label=e["label"],
                    jurisdiction=e["jurisdiction_code"],
                    review=e["review"],
                    findings=len({m["unit"] for m in ms if m["unit_kind"] == "finding"}),
                    paragraphs=len({m["unit"] for m in ms if m["unit_kind"] == "paragraph"}),
                )
            )
        out.append(EntryGroup(type_label, entries))
    return out


def ontology_sections(terms: list[Row], compact: Any) -> list[OntologySection]:
    """The ontology reference: every class and property, linked to one another (``compact``
    writes an IRI of another vocabulary as a prefixed name)."""
    own = str(MGI)

    def link(iri: str) -> Link:
        if iri.startswith(own):
            return Link("#" + iri.removeprefix(own), "mgi:" + iri.removeprefix(own))
        return Link(None, compact(iri))

    return [
        OntologySection(
            title,
            anchor,
            [
                Term(
                    name=t["term"].removeprefix(own),
                    label=t["label"],
                    comment=t["comment"],
                    parents=[link(i) for i in t["parents"].split()],
                    domains=[link(i) for i in t["domains"].split()],
                    ranges=[link(i) for i in t["ranges"].split()],
                )
                for t in terms
                if t["kind"] == kind
            ],
        )
        for kind, title, anchor in ONTOLOGY_SECTIONS
    ]
