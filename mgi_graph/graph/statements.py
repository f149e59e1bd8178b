"""Curated statements with evidence: ``data/statements.ttl`` → located, quoted statements.

Each curated statement names a subject, a predicate and an object, and one or more pieces of
evidence: a source document and the exact text in it. The build finds each text in its source
(it must occur exactly once), turns it into a quote with character offsets, and adds the
statement (``rdf:subject``/``rdf:predicate``/``rdf:object`` plus its quotes) and the relation
itself as a plain triple. A text that is not in its source stops the build with the
statement's IRI and the text.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef

from mgi_graph.core.errors import InputError
from mgi_graph.core.paths import home
from mgi_graph.core.rdffiles import load_turtle
from mgi_graph.core.vocab import DCTERMS, MGI, RDF, SKOS, ordered
from mgi_graph.graph.evidence import CuratedFile, Sources, add_evidence

#: Properties a curated statement may carry besides its triple and its evidence.
QUALIFIERS = (DCTERMS.date, MGI.effectiveFrom, SKOS.scopeNote, MGI.basis)


def add_statements(
    g: Graph,
    knowledge: Graph,
    sources: Sources,
    path: Path | None = None,
) -> int:
    """Add every curated statement of ``path`` to ``g``; return how many there are."""
    path = path or home().statements_file
    curated = CuratedFile(load_turtle(path), path)
    c = curated.graph
    count = 0
    for st in ordered(c.subjects(RDF.type, MGI.Statement)):
        if not isinstance(st, URIRef):
            raise InputError("a statement needs an IRI, not a blank node", path=path)
        s, p, o = (c.value(st, prop) for prop in (RDF.subject, RDF.predicate, RDF.object))
        if s is None or p is None or o is None:
            raise curated.error(st, "needs rdf:subject, rdf:predicate and rdf:object")
        for node in (s, o):
            if isinstance(node, URIRef) and (node, RDF.type, None) not in knowledge:
                raise curated.error(
                    st, f"refers to {node}, which is neither a registry entry nor a country"
                )
        if (p, RDF.type, None) not in knowledge:
            raise curated.error(st, f"uses the predicate {p}, which the ontology does not define")
        located = curated.evidence(st, sources)
        g.add((st, RDF.type, MGI.Statement))
        g.add((st, RDF.subject, s))
        g.add((st, RDF.predicate, p))
        g.add((st, RDF.object, o))
        g.add((s, p, o))
        for q in QUALIFIERS:
            for v in c.objects(st, q):
                g.add((st, q, v))
        add_evidence(g, st, located, sources)
        count += 1
    return count


__all__ = ["add_statements"]
