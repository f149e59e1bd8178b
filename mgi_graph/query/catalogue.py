"""The query catalogue as RDF, published in the build beside the data.

Each stored query becomes a SHACL-AF ``sh:SPARQLSelectExecutable`` (and ``mgi:StoredQuery``)
with its title, description, result columns and text (``sh:select``); each parameter a
``sh:Parameter`` whose ``sh:path`` ends in the variable name, with its type, default and
example. IRIs are ``query/<name>`` and ``query/<name>/param/<variable>``.

>>> from mgi_graph.graph.assemble import new_graph
>>> g = new_graph()
>>> add_query_catalogue(g, load_queries())
>>> str(g.value(iris.query("scorecard"), RDFS.label))
'Country x domain scorecard'
"""

from __future__ import annotations

from rdflib import Graph, Literal

from mgi_graph.core import iris
from mgi_graph.core.vocab import DCTERMS, MGI, RDF, RDFS, SH, SKOS, XSD
from mgi_graph.query.stored_queries import StoredQuery, load_queries


def add_query_catalogue(g: Graph, queries: dict[str, StoredQuery]) -> None:
    """Describe every query of ``queries`` in ``g``."""
    for name in sorted(queries):
        q = queries[name]
        iri = iris.query(name)
        g.add((iri, RDF.type, MGI.StoredQuery))
        g.add((iri, RDF.type, SH.SPARQLSelectExecutable))
        g.add((iri, RDFS.label, Literal(q.title, lang="en")))
        g.add((iri, DCTERMS.description, Literal(q.description, lang="en")))
        g.add((iri, SKOS.notation, Literal(name)))
        g.add((iri, MGI.columns, Literal(", ".join(q.columns))))
        g.add((iri, SH.select, Literal(q.text)))
        g.add((iri, DCTERMS.source, Literal(f"queries/{q.path.name}")))
        for p in q.params:
            pi = iris.query_parameter(name, p.name)
            g.add((iri, SH.parameter, pi))
            g.add((pi, RDF.type, SH.Parameter))
            g.add((pi, SH.path, iris.parameter_path(p.name)))
            g.add((pi, SH.name, Literal(p.name)))
            g.add((pi, SH.description, Literal(p.description, lang="en")))
            g.add((pi, SH.optional, Literal(not p.required, datatype=XSD.boolean)))
            g.add((pi, MGI.parameterType, Literal(p.type)))
            g.add((pi, SKOS.example, Literal(p.example)))
            if p.default is not None:
                g.add((pi, SH.defaultValue, Literal(p.default)))


__all__ = ["add_query_catalogue", "load_queries"]
