"""Dated developments and how later sources bear on findings: ``data/developments.ttl``.

A development (``mgi:Development``) is an event a source reports, with its date as precise as
the source gives it; a finding update (``mgi:FindingUpdate``) says how a later source bears
on a profile's finding. Both carry evidence, located like a curated statement's (see
:mod:`mgi_graph.graph.evidence`). Every property is checked against what the record may carry, so a
misspelt property stops the build instead of vanishing.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from mgi_graph.core import iris
from mgi_graph.core.paths import home
from mgi_graph.core.rdffiles import load_turtle
from mgi_graph.core.vocab import DCTERMS, ID, MGI, RDF, RDFS, SKOS, XSD, ordered
from mgi_graph.graph.evidence import CuratedFile, Sources, add_evidence

DATE_TYPES = (XSD.date, XSD.gYearMonth, XSD.gYear)

#: property → (required, what its values must be)
DEVELOPMENT = {
    RDFS.label: (True, "text"),
    MGI.developmentKind: (True, MGI.DevelopmentKind),
    MGI.reportedAs: (True, "concept"),
    DCTERMS.date: (True, "date"),
    MGI.country: (False, MGI.Country),
    MGI.involves: (False, MGI.RegistryEntry),
    MGI.effectiveFrom: (False, "date"),
    MGI.periodEnd: (False, "date"),
    SKOS.scopeNote: (False, "text"),
}
UPDATE = {
    MGI.onFinding: (True, MGI.Finding),
    MGI.bearing: (True, MGI.Bearing),
    MGI.byDevelopment: (False, MGI.Development),
    MGI.basis: (False, MGI.Basis),
    SKOS.scopeNote: (False, "text"),
}


def add_developments(
    g: Graph, knowledge: Graph, sources: Sources, path: Path | None = None
) -> tuple[int, int]:
    """Add the developments and finding updates of ``path``; return how many of each."""
    path = path or home().developments_file
    curated = CuratedFile(load_turtle(path), path)
    c = curated.graph
    developments = ordered(c.subjects(RDF.type, MGI.Development))
    updates = ordered(c.subjects(RDF.type, MGI.FindingUpdate))
    known = (knowledge, c)  # developments may be referred to by the updates of the same file
    for dev in developments:
        _add_record(g, curated, dev, MGI.Development, "development/", DEVELOPMENT, known, sources)
    for upd in updates:
        _add_record(g, curated, upd, MGI.FindingUpdate, "update/", UPDATE, known, sources)
    return len(developments), len(updates)


def _add_record(
    g: Graph,
    curated: CuratedFile,
    iri: Node,
    cls: URIRef,
    prefix: str,
    allowed: Mapping[URIRef, tuple[bool, object]],
    known: tuple[Graph, ...],
    sources: Sources,
) -> None:
    c = curated.graph
    if not isinstance(iri, URIRef) or not iris.is_own(str(iri), prefix):
        raise curated.error(iri, f"a {cls.fragment} needs an IRI under {ID}{prefix}")
    for p in ordered(set(c.predicates(iri, None))):
        if p not in allowed and p not in (RDF.type, MGI.evidence):
            raise curated.error(iri, f"has the property {p}, which a {cls.fragment} cannot carry")
    for p, (required, kind) in allowed.items():
        values = ordered(c.objects(iri, p))
        if required and not values:
            raise curated.error(iri, f"needs {p}")
        for v in values:
            _check(curated, iri, p, v, kind, known)
            g.add((iri, p, v))
    g.add((iri, RDF.type, cls))
    add_evidence(g, iri, curated.evidence(iri, sources), sources)


def is_a(known: tuple[Graph, ...], node: Node, cls: URIRef) -> bool:
    """True if ``node`` has type ``cls`` or a subclass of it in any of the ``known`` graphs."""
    for g in known:
        for t in g.objects(node, RDF.type):
            if t == cls or any(cls in h.transitive_objects(t, RDFS.subClassOf) for h in known):
                return True
    return False


def _check(
    curated: CuratedFile, iri: Node, p: URIRef, v: Node, kind: object, known: tuple[Graph, ...]
) -> None:
    if kind == "text":
        ok = isinstance(v, Literal) and bool(str(v).strip())
        need = "a text"
    elif kind == "date":
        ok = isinstance(v, Literal) and v.datatype in DATE_TYPES and not v.ill_typed
        need = "an xsd:date, xsd:gYearMonth or xsd:gYear"
    elif kind == "concept":
        ok = isinstance(v, URIRef) and any((v, RDF.type, None) in g for g in known)
        need = "a concept the ontology defines"
    else:
        assert isinstance(kind, URIRef)
        ok = isinstance(v, URIRef) and is_a(known, v, kind)
        need = f"a {kind.fragment}"
    if not ok:
        raise curated.error(iri, f"{p} must be {need}; found {v}")


__all__ = ["add_developments"]
