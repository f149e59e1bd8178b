"""One term object per vocabulary IRI: the assembled graph's dictionaries then find a term
by identity instead of comparing strings (see mgi_graph.core.vocab.Terms)."""

from __future__ import annotations

import pytest
from rdflib import URIRef
from rdflib import namespace as rdflib_ns

from mgi_graph.build.pipeline import assemble_graph
from mgi_graph.core.vocab import MGI, OA, PREFIXES, RDF, SKOS, XSD, iri
from mgi_graph.graph.assemble import knowledge_graph


def test_namespace_terms_are_made_once() -> None:
    assert MGI.Finding is MGI.Finding
    assert OA.hasSource is OA.hasSource
    assert XSD.integer is XSD.integer
    assert iri(str(MGI.Quote)) is MGI.Quote
    # and they are the same IRIs as rdflib's
    assert RDF.type == rdflib_ns.RDF.type and SKOS.prefLabel == rdflib_ns.SKOS.prefLabel


def test_a_name_rdflib_does_not_define_is_still_an_error() -> None:
    with pytest.raises(AttributeError, match="typo"):
        _ = RDF.typo
    # and the prefix table holds the same closed namespaces
    assert PREFIXES["rdf"] is RDF and PREFIXES["skos"] is SKOS and PREFIXES["xsd"] is XSD
    with pytest.raises(AttributeError, match="typo"):
        _ = PREFIXES["skos"].typo


def test_item_access_makes_instance_iris_without_keeping_them() -> None:
    a, b = MGI["Finding"], MGI["Finding"]
    assert a == MGI.Finding and a is not b
    assert "Finding" in MGI.__dict__  # attribute access keeps it
    assert isinstance(a, URIRef)


def test_the_knowledge_files_use_the_vocabulary_objects() -> None:
    g = knowledge_graph()
    types = [p for p in g.predicates() if p == RDF.type]
    assert types and all(p is RDF.type for p in types)
    labels = [p for p in g.predicates() if p == SKOS.prefLabel]
    assert labels and all(p is SKOS.prefLabel for p in labels)
    classes = {o for o in g.objects(None, RDF.type) if o == MGI.Country}
    assert classes and all(o is MGI.Country for o in classes)


def test_the_assembled_graph_holds_one_object_per_vocabulary_term() -> None:
    g = assemble_graph()
    objects = {id(o) for o in g.objects(None, RDF.type) if o == MGI.Quote}
    assert objects == {id(MGI.Quote)}
    predicates = {id(p) for p in g.predicates(None, None) if p == OA.hasSource}
    assert predicates == {id(OA.hasSource)}
