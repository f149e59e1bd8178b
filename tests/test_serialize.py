"""The serialisations made from N-Triples text, on random graphs (hypothesis): the JSON-LD
writer reads the N-Triples lines itself, so every kind of term and escape is tried here.

Each random graph is made with rdflib, written as N-Triples by :func:`ntriples`, and the
JSON-LD read back by rdflib must be the same graph; the counts must be rdflib's own.
"""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from mgi_graph.store.jsonld import jsonld
from mgi_graph.store.memory_store import TwoIndexMemory
from mgi_graph.store.serialize import (
    count_graph,
    count_ntriples,
    has_blank_nodes,
    nt_lines,
    ntriples,
)

CONTEXT = {"x": "http://x.example/", "xsd": str(XSD), "rdf": str(RDF)}
# Any character but lone surrogates (which UTF-8 cannot hold): quotes, backslashes, line
# feeds, form feeds, Unicode line separators and astral characters included.
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
IRI = st.sampled_from(
    [
        URIRef("http://x.example/a"),
        URIRef("http://x.example/b/c"),
        URIRef("http://x.example/é"),
        URIRef("http://other.example/z"),
        URIRef("http://x.example/"),  # a prefix alone is not compacted
        RDF.type,
    ]
)
LITERAL = st.one_of(
    TEXT.map(Literal),
    # lower case: the writer, like Oxigraph, writes tags in lower case (they compare without
    # case in RDF, but not in rdflib's isomorphism)
    st.tuples(TEXT, st.sampled_from(["en", "es", "fr", "kk-cyrl"])).map(
        lambda t: Literal(t[0], lang=t[1])
    ),
    st.integers(-(10**6), 10**6).map(Literal),
    st.sampled_from(["2018", "2023"]).map(lambda y: Literal(y, datatype=XSD.gYear)),
    TEXT.map(lambda t: Literal(t, datatype=URIRef("http://x.example/dt"))),
)
# "b1" begins "b12": sorted lines put "_:b1 …" first, as sorted subjects do
NODE = st.one_of(IRI, st.sampled_from([BNode("b1"), BNode("b12"), BNode("b2")]))
TRIPLES = st.lists(st.tuples(NODE, IRI, st.one_of(NODE, LITERAL)), max_size=12)


def _graph(triples: list[tuple[object, object, object]], store: object = "default") -> Graph:
    g = Graph(store=store)  # type: ignore[arg-type]
    for t in triples:
        g.add(t)  # type: ignore[arg-type]
    return g


@settings(max_examples=300, deadline=None, derandomize=True)
@given(TRIPLES)
def test_jsonld_from_ntriples_is_the_same_graph(triples):
    g = _graph(triples)
    nt = ntriples(g)
    text = jsonld(nt, CONTEXT)
    back = Graph().parse(data=text, format="json-ld")
    assert isomorphic(back, g), text
    # the text is json.dumps' own indented, key-sorted text of the document
    doc = json.loads(text)
    assert text == json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    ids = [node["@id"] for node in doc["@graph"]]
    assert ids == sorted(ids) and len(ids) == len(set(s for s, _, _ in g))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(TRIPLES)
def test_ntriples_from_the_build_store_are_rdflibs_own_lines(triples):
    """The build's context-free store is read through its index; any other store by
    iterating the graph: both give rdflib's own N-Triples lines, sorted, in UTF-8; the
    readers of N-Triples take it as bytes or as text alike."""
    fast, generic = _graph(triples, TwoIndexMemory()), _graph(triples)
    nt = ntriples(fast)
    assert nt == ntriples(generic)
    lines = generic.serialize(format="nt").split("\n")
    assert nt.decode("utf-8") == "".join(sorted(f"{line}\n" for line in lines if line))
    assert list(nt_lines(nt)) == list(nt_lines(nt.decode("utf-8")))
    assert count_ntriples(nt) == count_ntriples(nt.decode("utf-8")) == count_graph(fast)
    assert jsonld(nt, CONTEXT) == jsonld(nt.decode("utf-8"), CONTEXT)
    assert has_blank_nodes(nt) == has_blank_nodes(nt.decode("utf-8"))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(TRIPLES)
def test_counts_and_lines_are_rdflibs_own(triples):
    g = _graph(triples)
    nt = ntriples(g)
    assert len(list(nt_lines(nt))) == len(g)
    counts = count_ntriples(nt)
    assert counts.triples == len(g)
    assert counts.subjects == len(set(g.subjects()))
    assert sum(counts.predicates.values()) == len(g)
    assert counts.classes == {
        str(o): len(set(g.subjects(RDF.type, o)))
        for o in set(g.objects(None, RDF.type))
        if isinstance(o, URIRef)
    }
    assert has_blank_nodes(nt) == any(isinstance(t, BNode) for triple in g for t in triple)


def test_an_escaped_literal_and_iri_are_read_as_what_they_stand_for():
    nt = (
        '<http://x.example/a> <http://x.example/p> "tab\\there \\"q\\" \\u00e9\\\\"@EN-gb .\n'
        "<http://x.example/a> <http://x.example/p> <http://x.example/\\u00e9> .\n"
    )
    node = json.loads(jsonld(nt, CONTEXT))["@graph"][0]
    assert node["x:p"] == [  # literals (no @id) first
        {"@language": "en-gb", "@value": 'tab\there "q" é\\'},
        {"@id": "x:é"},
    ]
