"""Turn parsed records and the knowledge files into one RDF graph.

IRIs come from stable keys only: a profile is ``profile/<country>-<edition number>`` (a
local profile ``profile/<country>-<place>-<edition number>``, see
:mod:`mgi_graph.curate.places`), a
finding ``finding/<profile>/d<domain>/<polarity>/<ordinal>``, a quote
``quote/<source key>/<start>-<end>``. No blank nodes are made, so serialisations are stable.

A profile presented by several documents (the English and the Spanish page of the 2018
Kazakhstan profile) gives each finding once, with one quote per document; the documents must
agree finding by finding, or the build stops naming both places.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from mgi_graph.core import iris
from mgi_graph.core.errors import InputError
from mgi_graph.core.paths import home
from mgi_graph.core.rdffiles import load_turtle
from mgi_graph.core.vocab import (
    DCTERMS,
    MGI,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    SKOS,
    XSD,
    local_name,
    ordered,
)
from mgi_graph.curate.countries import add_iso_countries, lookup_country
from mgi_graph.curate.places import local_place
from mgi_graph.ingest.layout import normalise
from mgi_graph.ingest.quotes import add_quote
from mgi_graph.ingest.records import FindingRecord, ProfileRecord
from mgi_graph.ingest.sources import SourceRecord, catalogue_files
from mgi_graph.ingest.sourcetext import SourceText
from mgi_graph.store.memory_store import TwoIndexMemory


@dataclass(frozen=True)
class ParsedSource:
    """A catalogued profile document with its text and what the parser read from it."""

    record: SourceRecord
    text: SourceText
    profile: ProfileRecord


def knowledge_graph() -> Graph:
    """The ontology, concept schemes, catalogue, countries, registry, people and cited sources
    in one graph."""
    g = new_graph()
    h = home()
    for path in (*h.ontology_files, *catalogue_files(h), h.countries_file, h.registry_file):
        load_turtle(path, into=g)
    # A corpus made before people or cited sources were kept has none.
    for optional in (h.people_file, h.cited_sources_file):
        if optional.is_file():
            load_turtle(optional, into=g)
    # Countries the documents and entries refer to, beyond the curated ones, from ISO 3166.
    add_iso_countries(g)
    # Curated records give their names once, as skos:prefLabel; rdfs:label follows from it.
    for node in ordered(set(g.subjects(SKOS.prefLabel, None))):
        if g.value(node, RDFS.label) is None:
            for label in g.objects(node, SKOS.prefLabel):
                g.add((node, RDFS.label, label))
    return g


def add_superclass_types(g: Graph) -> int:
    """Give every typed node the superclasses of its classes (RDFS rule rdfs9); return how
    many types were added.

    With types closed under the ontology's ``rdfs:subClassOf``, queries ask ``?x a
    mgi:Institution`` instead of following ``rdfs:subClassOf*``: no reasoning and no property
    paths needed, so every SPARQL store gives the same answers (Virtuoso mis-evaluates such
    paths inside joins: openlink/virtuoso-opensource#127).

    >>> from rdflib import Namespace
    >>> ex = Namespace("http://example.org/")
    >>> g = Graph()
    >>> g += [(ex.Ministry, RDFS.subClassOf, ex.Institution),
    ...       (ex.Institution, RDFS.subClassOf, ex.Organization), (ex.moi, RDF.type, ex.Ministry)]
    >>> add_superclass_types(g)
    2
    >>> sorted(str(t).rsplit("/", 1)[1] for t in g.objects(ex.moi, RDF.type))
    ['Institution', 'Ministry', 'Organization']
    """
    supers: dict[Node, set[Node]] = {}
    for cls in set(g.subjects(RDFS.subClassOf, None)):
        supers[cls] = {
            c for c in g.transitive_objects(cls, RDFS.subClassOf) if c is not None and c != cls
        }
    # Class by class, in IRI order, rather than node by node in sorted order: sorting every
    # typed node cost more than the closure itself (×100, 0.76 s; the graph is a set, so the
    # order changes nothing that is written).
    added = 0
    for cls in ordered(supers):
        nodes = list(g.subjects(RDF.type, cls))
        for sup in ordered(supers[cls]):
            have = set(g.subjects(RDF.type, sup))
            for node in nodes:
                if node not in have:
                    g.add((node, RDF.type, sup))
                    have.add(node)
                    added += 1
    return added


def new_graph() -> Graph:
    """An empty graph with the project's prefixes bound, in a leaner form of rdflib's
    context-free store (the build has one graph; adding and reading are about 1.5 times
    faster there than in rdflib's default store, and the assembled graph takes less than
    half the memory it took in the context-free store: ×1000, 3.6 → 1.6 GB; see
    :mod:`mgi_graph.store.memory_store`)."""
    g = Graph(store=TwoIndexMemory())
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)
    return g


def country_names(knowledge: Graph) -> dict[str, URIRef]:
    """Every label of every country (preferred, alternative, rdfs:label), normalised, to its
    country; where two countries share a label, the first in IRI order has it. Made once per
    build, so naming a profile's country does not walk all countries.

    >>> names = country_names(knowledge_graph())
    >>> local_name(names["kyrgyzstan"])
    'KG'
    """
    names: dict[str, URIRef] = {}
    for country in ordered(knowledge.subjects(RDF.type, MGI.Country)):
        for prop in (SKOS.prefLabel, SKOS.altLabel, RDFS.label):
            for label in knowledge.objects(country, prop):
                names.setdefault(normalise(str(label)), country)  # type: ignore[arg-type]
    return names


def resolve_country(place: str, names: Mapping[str, URIRef]) -> URIRef | None:
    """The country whose label matches ``place`` ("The Kyrgyz Republic (Kyrgyzstan)" → KG),
    looked up in :func:`country_names`; the first in IRI order where several match.

    >>> names = country_names(knowledge_graph())
    >>> local_name(resolve_country("The Kyrgyz Republic (Kyrgyzstan)", names))
    'KG'
    >>> resolve_country("Atlantis", names) is None
    True
    """
    wanted = {normalise(place)}
    if "(" in place and place.rstrip().endswith(")"):
        outer, inner = place.rstrip()[:-1].split("(", 1)
        wanted |= {normalise(outer), normalise(inner)}
    wanted |= {n[4:] for n in wanted if n.startswith("the ")}
    found = [names[n] for n in wanted if n in names]
    if found:
        return min(found)
    iso = lookup_country(place)
    return iso.iri if iso is not None else None


def add_profiles(g: Graph, knowledge: Graph, parsed: Sequence[ParsedSource]) -> None:
    """Add one profile per catalogued profile IRI, merging the documents that present it."""
    by_profile: dict[URIRef, list[ParsedSource]] = {}
    for ps in parsed:
        if ps.record.profile is None:
            raise InputError(
                "an MGI profile document needs mgi:reportsProfile in the catalogue",
                path=ps.record.path,
            )
        by_profile.setdefault(ps.record.profile, []).append(ps)
    names = country_names(knowledge)
    for profile_iri in sorted(by_profile):
        # Documents with a title (the full page) first; then by file name.
        docs = sorted(
            by_profile[profile_iri], key=lambda p: (p.profile.title is None, p.record.file_name)
        )
        _add_profile(g, knowledge, names, profile_iri, docs)


def _add_profile(
    g: Graph,
    knowledge: Graph,
    names: Mapping[str, URIRef],
    iri: URIRef,
    docs: list[ParsedSource],
) -> None:
    main = docs[0]
    rec = main.profile
    if rec.edition == "local":
        subject, key, subject_label = _local_government(g, main)
    else:
        subject = _profile_country(main, names)
        key = local_name(subject)
        subject_label = str(knowledge.value(subject, RDFS.label) or subject)
    number = rec.edition_number or 1
    expected = iris.profile(key, number, iris.base_of(iri))
    if expected != iri:
        raise InputError(
            f"the catalogue calls this profile {iri}, but its title makes it {expected}",
            path=rec.path,
        )

    edition = rec.edition or "first"
    g.add((iri, RDF.type, MGI.Profile))
    g.add((iri, MGI.assesses, subject))
    g.add((iri, MGI.edition, iris.concept("edition", edition)))
    g.add((iri, MGI.editionNumber, Literal(number, datatype=XSD.integer)))
    year = rec.date.value[:4] if rec.date else "undated"
    g.add(
        (iri, RDFS.label, Literal(f"MGI profile of {subject_label}, {year} ({edition})", lang="en"))
    )
    if main.record.publisher is not None:
        g.add((iri, DCTERMS.publisher, main.record.publisher))
    for ps in docs:
        g.add((iri, PROV.wasDerivedFrom, ps.record.iri))
    for ps in docs:
        p = ps.profile
        if p.title:
            g.add((iri, DCTERMS.title, Literal(p.title.value, lang="en")))
        if p.date:
            g.add((iri, DCTERMS.date, Literal(p.date.value, datatype=XSD.gYearMonth)))
        if p.implementer:
            g.add((iri, MGI.implementer, Literal(p.implementer.value, lang="en")))
        if p.funder:
            g.add((iri, MGI.funder, Literal(p.funder.value, lang="en")))
        for note in (p.end_note, p.partial_note):
            if note:
                g.add((iri, MGI.parserNote, Literal(note, lang="en")))
        for quoted in (p.title, p.date, p.implementer, p.funder):
            if quoted is not None:
                g.add((iri, MGI.metadataQuote, add_quote(g, ps.record, ps.text, quoted.span)))
    language = main.record.languages[0] if main.record.languages else "en"
    _add_findings(g, iri, docs, language)


def _profile_country(main: ParsedSource, names: Mapping[str, URIRef]) -> URIRef:
    """The country a national profile assesses: the one its title names, which must be the
    catalogue's where the catalogue names one."""
    rec = main.profile
    country = main.record.country
    if rec.place is not None:
        found = resolve_country(rec.place, names)
        if found is None:
            raise InputError(
                f"unknown country or place in the title: {rec.place!r}",
                path=rec.path,
                line=rec.title.span.line if rec.title else None,
            )
        if country is not None and found != country:
            raise InputError(
                f"the title names {found}, the catalogue says {country}", path=rec.path
            )
        country = found
    if country is None:
        raise InputError(
            "the profile's country is known neither from its title nor from the catalogue",
            path=rec.path,
        )
    return country


def _local_government(g: Graph, main: ParsedSource) -> tuple[URIRef, str, str]:
    """The local government a local profile assesses, added to ``g`` within its country
    (named by the title, or by the catalogue's mgi:subjectCountry, which must agree): its
    IRI, its key and its name. A place two editions name differently keeps the name of the
    first profile in IRI order."""
    rec = main.profile
    line = rec.title.span.line if rec.title else None
    catalogued = main.record.country
    given = local_name(catalogued) if catalogued is not None else None
    place = local_place(rec.place, given, where=rec.path) if rec.place else None
    if place is None:
        raise InputError(
            f"the local profile's title names {rec.place!r} but not its country, and the "
            "catalogue gives none (mgi:subjectCountry; mgi-graph add --country)",
            path=rec.path,
            line=line,
        )
    lg = place.iri
    if (lg, RDF.type, MGI.LocalGovernment) not in g:
        g.add((lg, RDF.type, MGI.LocalGovernment))
        g.add((lg, SKOS.prefLabel, Literal(place.name)))
        g.add((lg, RDFS.label, Literal(place.name)))
        g.add((lg, MGI.withinCountry, place.country.iri))
    return lg, place.key, str(g.value(lg, RDFS.label))


def _add_findings(g: Graph, profile: URIRef, docs: list[ParsedSource], language: str) -> None:
    # One key -> finding table per document, built once and used for both the check and the
    # quotes.
    tables = [{f.key: f for f in ps.profile.findings} for ps in docs]
    for ps, table in zip(docs[1:], tables[1:], strict=True):
        _check_agreement(docs[0], tables[0], ps, table)
    for key in sorted(tables[0]):
        f = tables[0][key]
        fi = finding_iri(profile, f)
        g.add((fi, RDF.type, MGI.Finding))
        g.add((fi, MGI.inProfile, profile))
        g.add((fi, MGI.domain, iris.domain(f.domain)))
        g.add((fi, MGI.polarity, iris.concept("polarity", f.polarity)))
        g.add((fi, MGI.ordinal, Literal(f.ordinal, datatype=XSD.integer)))
        g.add((fi, MGI.text, Literal(f.text, lang=language)))
        g.add((fi, DCTERMS.language, Literal(language, datatype=XSD.language)))
        for ps, table in zip(docs, tables, strict=True):
            twin = table[key]
            q = add_quote(
                g, ps.record, ps.text, twin.span, assignment=twin.assignment, note=twin.note
            )
            g.add((fi, MGI.hasQuote, q))
            g.add((fi, PROV.wasDerivedFrom, ps.record.iri))


def finding_iri(profile: URIRef, f: FindingRecord) -> URIRef:
    """The IRI of finding ``f`` of ``profile``."""
    return iris.finding(profile, f.domain, f.polarity, f.ordinal)


def _check_agreement(
    main: ParsedSource,
    a: dict[tuple[int, str, int], FindingRecord],
    other: ParsedSource,
    b: dict[tuple[int, str, int], FindingRecord],
) -> None:
    for key in sorted(set(a) | set(b)):
        fa, fb = a.get(key), b.get(key)
        if fa is None or fb is None:
            has, lacks = (main, other) if fb is None else (other, main)
            present = fa or fb
            assert present is not None
            raise InputError(
                f"finding {key} (line {present.line} of {has.record.file_name}) is missing "
                f"from {lacks.record.file_name}, which presents the same profile",
                path=lacks.record.path,
            )
        if " ".join(fa.text.split()) != " ".join(fb.text.split()):
            raise InputError(
                f"finding {key} differs between {main.record.file_name} (line {fa.line}) and "
                f"{other.record.file_name} (line {fb.line}), which present the same profile",
                path=other.record.path,
                line=fb.line,
            )


__all__ = ["ParsedSource", "add_profiles", "knowledge_graph", "new_graph"]
