"""Dated developments and how later sources bear on findings: ``data/developments.ttl``.

A development (``mgi:Development``) is an event a source reports, with its date as precise as
the source gives it; a finding update (``mgi:FindingUpdate``) says how a later source bears
on a profile's finding. Both carry evidence, located like a curated statement's (see
:mod:`mgi_graph.graph.evidence`). Each record is checked against the shapes of its class as it
is read (see :mod:`mgi_graph.graph.record_rules`): their shapes are closed, so a misspelt
property stops the build, with the file and the line, instead of vanishing.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.term import Node

from mgi_graph.core import iris
from mgi_graph.core.namespaces import local_name
from mgi_graph.core.paths import home
from mgi_graph.core.rdffiles import load_turtle
from mgi_graph.core.vocab import MGI, ORG, RDF, RDFS, ordered
from mgi_graph.graph.evidence import CuratedFile, Sources, add_evidence
from mgi_graph.graph.record_rules import (
    RecordRules,
    check_record,
    load_record_shapes,
    record_rules,
)


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
    shapes = load_record_shapes()
    for cls, records in ((MGI.Development, developments), (MGI.FindingUpdate, updates)):
        rules = record_rules(shapes, cls)
        for record in records:
            _add_record(g, curated, record, rules, known, sources)
    return len(developments), len(updates)


def _add_record(
    g: Graph,
    curated: CuratedFile,
    iri: Node,
    rules: RecordRules,
    known: tuple[Graph, ...],
    sources: Sources,
) -> None:
    """Check record ``iri`` against the rules of its class's shapes and add it, its evidence
    (``mgi:evidence``, the curated form of ``mgi:hasQuote``) made quotes."""
    c = curated.graph
    iri = check_record(curated, iri, rules, known)
    for p, v in sorted(c.predicate_objects(iri)):
        if p not in (MGI.evidence, RDF.type):
            g.add((iri, p, v))
    g.add((iri, RDF.type, rules.cls))
    add_evidence(g, iri, curated.evidence(iri, sources), sources)
    if isinstance(iri, URIRef):
        add_change_event(g, iri)


def add_change_event(g: Graph, development: URIRef) -> URIRef | None:
    """For a transfer of functions (``mgi:functionsFrom``, ``mgi:functionsTo``), the
    org:ChangeEvent it records, at ``change/<the development's key>``; None for another
    development.

    >>> from mgi_graph.core.vocab import ID
    >>> g = Graph()
    >>> dev = ID["development/kz-2021-transfer"]
    >>> g += [(dev, MGI.functionsFrom, ID["org/kz-mia"]),
    ...       (dev, MGI.functionsTo, ID["org/kz-mlsp"])]
    >>> event = add_change_event(g, dev)
    >>> iris.key_of(event), iris.key_of(g.value(event, ORG.resultingOrganization))
    ('change/kz-2021-transfer', 'org/kz-mlsp')
    """
    source = g.value(development, MGI.functionsFrom)
    target = g.value(development, MGI.functionsTo)
    if source is None or target is None:
        return None
    event = iris.entry(f"change/{local_name(development)}")
    g.add((event, RDF.type, ORG.ChangeEvent))
    g.add((event, ORG.originalOrganization, source))
    g.add((event, ORG.resultingOrganization, target))
    for label in g.objects(development, RDFS.label):
        g.add((event, RDFS.label, label))
    g.add((development, MGI.changeEvent, event))
    return event


__all__ = ["add_developments"]
