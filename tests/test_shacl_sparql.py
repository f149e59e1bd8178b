"""The shapes as SPARQL on Oxigraph (mgi_graph/shacl_sparql.py): a quick check that must be at
least as strict as pySHACL, since a graph it passes is published without pySHACL.

Each test compares it with pySHACL itself: on copies of the built graph broken in many ways at
once (every constraint of the shapes, random removals, tricky literals), every result pySHACL
gives must be among the quick check's. ``MGI_SHACL_BATCHES`` sets how many broken copies
(default 4, each with a few hundred breakages).
"""

from __future__ import annotations

import os
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD

from mgi_graph.build import build
from mgi_graph.serialize import ntriples
from mgi_graph.shacl_sparql import (
    LEXICAL,
    NON_CONSTRAINTS,
    Check,
    Unsupported,
    as_written,
    broken,
    compile_shapes,
    passes,
)
from mgi_graph.validate import load_shapes, validate_graph, validate_with_pyshacl
from tests.test_shapes import FIXTURES, broken_by, header

BATCHES = int(os.environ.get("MGI_SHACL_BATCHES", "4"))

#: Lexical forms near the edges of the XSD types (signs, zeros, padding, impossible dates,
#: case, spaces, exponents, non-ASCII digits).
TRICKY = [
    "0", "1", "7", "07", "+7", "-7", "-0", "00", " 7", "7 ", "1e3", "1.0", "1.", ".5", "0.5",
    "-0.5", "12345678901234567890", "٣", "true", "false", "True", "1", "2020", "0000", "-2020",
    "20201", "2020-01", "2020-1", "2020-13", "2020-00", "2020-01-31", "2020-02-29",
    "2019-02-29", "2020-02-30", "2020-04-31", "2020-12-31", "2020-01-01Z", "2020-01-01+02:00",
    "2020-01Z", "en", "EN", "en-GB", "en-gb", "e", "english", "x-klingon", "", "a", "ab",
    "abc", "\n", "KZ", "kz", "KAZ", "398", "39", "PD_1", "PD_7",
]  # fmt: skip


def pyshacl_results(g: Graph) -> set[tuple[str, str]]:
    report = validate_with_pyshacl(g, load_shapes())
    return {(_focus(r.focus), r.message) for r in report.results}


def quick_broken(g: Graph, shapes: Graph) -> list[tuple[Check, str]]:
    """(check, focus node) for each constraint of ``shapes`` the quick check finds broken in
    ``g``, loaded as the build loads it."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(as_written(ntriples(g)), ox.RdfFormat.N_TRIPLES)
    return list(broken(store, compile_shapes(shapes)))


def quick_results(g: Graph) -> set[tuple[str, str]]:
    return {(_focus(f), c.message) for c, f in quick_broken(g, load_shapes())}


def _focus(f: str) -> str:
    return "(blank node)" if not f.startswith(("http://", "https://", "urn:")) else f


def test_every_constraint_of_the_shapes_is_compiled():
    shapes = load_shapes()
    expected = 0
    targeted = set(shapes.subjects(SH.targetClass, None)) | set(
        shapes.subjects(SH.targetSubjectsOf, None)
    )
    for shape in targeted:
        members = [shape, *shapes.objects(shape, SH.property)]
        expected += sum(
            1 for m in members for p in shapes.predicates(m) if p not in NON_CONSTRAINTS
        )
    # 240 before InProfileSubjectShape and RefersToSubjectShape (one sh:class each), 242
    # before the sh:equals of the sources of findings, statements and paragraphs
    assert len(compile_shapes(shapes)) == expected == 245


def _tiny(values: list[Literal], datatype: URIRef) -> tuple[Graph, Graph]:
    ex = "http://example.org/"
    shapes = Graph()
    shape, prop = URIRef(ex + "S"), BNode()
    shapes.add((shape, RDF.type, SH.NodeShape))
    shapes.add((shape, SH.targetClass, URIRef(ex + "C")))
    shapes.add((shape, SH.property, prop))
    shapes.add((prop, SH.path, URIRef(ex + "p")))
    shapes.add((prop, SH.datatype, datatype))
    shapes.add((prop, SH.message, Literal("wrong datatype")))
    data = Graph()
    for i, v in enumerate(values):
        node = URIRef(f"{ex}n{i}")
        data.add((node, RDF.type, URIRef(ex + "C")))
        data.add((node, URIRef(ex + "p"), v))
    return data, shapes


@pytest.mark.parametrize("datatype", sorted(LEXICAL), ids=lambda d: d.removeprefix(str(XSD)))
def test_a_literal_accepted_here_is_accepted_by_pyshacl(datatype):
    """For each datatype, the tricky lexical forms, typed with it and with its neighbours:
    no node the quick check passes is failed by pySHACL."""
    others = [XSD.integer, XSD.string, XSD.positiveInteger, XSD.decimal, XSD.gYear]
    values = [Literal(s, datatype=dt) for s in TRICKY for dt in [datatype, *others]]
    values += [Literal(s, lang="en") for s in TRICKY] + [Literal(s) for s in TRICKY]
    data, shapes = _tiny(values, datatype)
    quick = {f for _c, f in quick_broken(data, shapes)}
    slow = {r.focus for r in validate_with_pyshacl(data, shapes).results}
    assert slow <= quick, sorted(slow - quick)
    assert len(quick) < len(values)  # some forms are accepted: the check is not "fail all"
    assert passes(ntriples(data), shapes) is (not quick)


def _break(graph: Graph, seed: int) -> Graph:
    """A copy of ``graph`` broken in a few hundred places: for every property shape, a few of
    its focus nodes lose their values, get an extra one, or get a tricky literal or another
    node instead; plus random triples removed and nodes with malformed IRIs."""
    rng = random.Random(seed)
    g = Graph()
    for t in graph:
        g.add(t)
    shapes = load_shapes()
    nodes = sorted({s for s in graph.subjects() if isinstance(s, URIRef)})
    compared = set(shapes.objects(None, SH.lessThan)) | {
        shapes.value(p, SH.path) for p in shapes.subjects(SH.lessThan, None)
    }
    for shape in sorted(set(shapes.subjects(SH.targetClass, None))):
        classes = list(shapes.objects(shape, SH.targetClass))
        focus = sorted({f for c in classes for f in graph.subjects(RDF.type, c)})
        if not focus:
            continue
        for cls in classes:  # a node of the class with a malformed IRI
            g.add((URIRef(f"https://w3id.org/mgi-graph/id/Bad_Node_{seed}"), RDF.type, cls))
        for prop in shapes.objects(shape, SH.property):
            path = shapes.value(prop, SH.path)
            if not isinstance(path, URIRef):
                path = Collection(shapes, path)[0]  # type: ignore[arg-type]
            for f in rng.sample(focus, min(3, len(focus))):
                values = list(g.objects(f, path))
                ways = ["remove", "extra", "literal", "node", "blank"]
                if path in compared:
                    ways.remove("blank")  # pySHACL stops: "Cannot use sh:lessThan to compare…"
                how = rng.choice(ways)
                if how != "extra":
                    g.remove((f, path, None))
                if how == "remove":
                    continue
                if how == "extra" and values:
                    v = values[0]
                    extra = (
                        Literal(str(v) + "x", lang=v.language, datatype=v.datatype)
                        if isinstance(v, Literal)
                        else rng.choice(nodes)
                    )
                    g.add((f, path, extra))
                elif how == "literal" or how == "extra":
                    dt = rng.choice([*LEXICAL, XSD.string, None])
                    lang = "en" if dt is None and rng.random() < 0.5 else None
                    g.add((f, path, Literal(rng.choice(TRICKY), lang=lang, datatype=dt)))
                elif how == "node":
                    g.add((f, path, rng.choice(nodes)))
                else:
                    g.add((f, path, BNode()))
    triples = sorted(g)
    for t in rng.sample(triples, 100):
        g.remove(t)
    return g


@pytest.mark.parametrize("seed", range(BATCHES))
def test_every_result_of_pyshacl_is_found_by_the_quick_check(graph, seed):
    g = _break(graph, seed)
    slow, quick = pyshacl_results(g), quick_results(g)
    assert len(slow) > 150  # the breakages are seen
    assert slow <= quick, sorted(slow - quick)[:10]
    assert not passes(ntriples(g), load_shapes())


def test_the_real_graph_passes_both(graph):
    assert quick_results(graph) == set() == pyshacl_results(graph)


def test_a_build_through_the_quick_check_writes_pyshacls_bytes(tmp_path, monkeypatch):
    """The same build with the quick check and with pySHACL alone: every file is identical
    (the manifest records the same digests)."""
    quick = build(tmp_path / "quick")
    monkeypatch.setattr("mgi_graph.validate.conforms_quickly", lambda *a, **k: False)
    slow = build(tmp_path / "slow")
    assert quick.report.conforms and slow.report.conforms
    names = sorted(p.name for p in (tmp_path / "quick").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "slow").iterdir())
    for name in names:
        assert (tmp_path / "quick" / name).read_bytes() == (tmp_path / "slow" / name).read_bytes()


@pytest.mark.parametrize(
    ("extra", "conforms", "result_path"),
    [
        ("mgish:FindingShape sh:closed true .", False, "#mentions"),
        ("mgish:FindingShape sh:severity sh:Warning .", True, None),
        ("mgish:FindingShape sh:property [ sh:path mgi:text ; sh:maxLength 2 ] .", False, "#text"),
        (
            "mgish:FindingShape sh:property [ sh:path [ sh:zeroOrMorePath mgi:text ] ; "
            "sh:minCount 1 ] .",
            True,
            None,
        ),
    ],
)
def test_shapes_beyond_the_compiled_subset_go_to_pyshacl(graph, extra, conforms, result_path):
    shapes = Graph()
    for t in load_shapes():
        shapes.add(t)
    prefixes = "\n".join(f"@prefix {p}: <{n}> ." for p, n in load_shapes().namespaces())
    shapes.parse(data=prefixes + "\n" + extra, format="turtle")
    with pytest.raises(Unsupported):
        compile_shapes(shapes)
    assert passes(ntriples(graph), shapes) is False
    report = validate_graph(graph, shapes)  # pySHACL decides
    assert report.conforms is conforms
    if result_path:
        assert any(r.path and r.path.endswith(result_path) for r in report.results)


def test_typed_numbers_are_checked_as_written(graph):
    """Oxigraph's store keeps numbers by value ("07"^^xsd:positiveInteger would come back as
    "7"^^xsd:integer); the check sees them as written, as pySHACL does."""
    f = URIRef("https://w3id.org/mgi-graph/id/finding/KZ-1/d1/well-developed/1")
    mgi = "https://w3id.org/mgi-graph/ontology#"
    for bad in (Literal("1", datatype=XSD.integer), Literal("-1", datatype=XSD.positiveInteger)):
        g = Graph()
        for t in graph:
            g.add(t)
        g.set((f, URIRef(mgi + "ordinal"), bad))
        assert (
            str(f),
            "A finding needs its position in its list, as a positive whole number.",
        ) in (pyshacl_results(g) & quick_results(g))


_XSD_NAMES = [dt.removeprefix(str(XSD)) for dt in LEXICAL] + ["string", "gYearMonthX", "int"]


def _typed_line(text: str, datatype: str, end: str) -> bytes:
    return f'<a:s> <a:p> "{text}"^^<{datatype}>{end}'.encode()


def _as_written_per_datatype(nt: bytes) -> bytes:
    """The replace-per-datatype that :func:`as_written` does in one pass."""
    for dt in LEXICAL:
        local = dt.removeprefix(str(XSD))
        nt = nt.replace(
            f'"^^<{dt}> .\n'.encode(), f'"^^<urn:x-mgi-graph:as-written:{local}> .\n'.encode()
        )
    return nt


_LINES = st.builds(
    _typed_line,
    st.sampled_from(["7", "07", 'x\\"^^<' + str(XSD) + "integer> .", ""]),
    st.sampled_from(_XSD_NAMES).map(lambda n: str(XSD) + n)
    | st.sampled_from(["http://x/integer", str(XSD)]),
    st.sampled_from([" .\n", " .", " .\r\n", "  .\n"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINES, max_size=8))
def test_as_written_replaces_exactly_what_a_replace_per_datatype_does(lines: list[bytes]):
    """Lines typed with each datatype of LEXICAL, with near misses (other XSD names, a
    longer name, a datatype quoted inside a literal, no newline after the dot)."""
    nt = b"".join(lines)
    assert as_written(nt) == _as_written_per_datatype(nt)


def test_as_written_replaces_every_datatype_of_lexical():
    nt = b"".join(_typed_line("7", str(dt), " .\n") for dt in LEXICAL)
    assert as_written(nt).count(b"urn:x-mgi-graph:as-written:") == len(LEXICAL) == 8


def test_the_quick_check_reads_a_long_graph_block_by_block(graph):
    """passes() reads N-Triples (bytes or text) a block of lines at a time: every block is
    loaded, and a number written non-canonically far past the first block is still seen."""
    nt = ntriples(graph)
    assert len(nt) > 8 * (1 << 18)  # several blocks
    assert passes(nt, load_shapes()) and passes(nt.decode(), load_shapes())
    quote = max(graph.subjects(RDF.type, URIRef("https://w3id.org/mgi-graph/ontology#Quote")))
    g = Graph()
    for t in graph:
        g.add(t)
    line = URIRef("https://w3id.org/mgi-graph/ontology#line")
    g.set((quote, line, Literal("07", datatype=XSD.positiveInteger, normalize=False)))
    broken_nt = ntriples(g)
    assert broken_nt.index(b'"07"^^') > 4 * (1 << 18)  # past the first blocks
    assert not passes(broken_nt, load_shapes())
    assert not passes(broken_nt.decode(), load_shapes())


EQUALS_FIXTURES = [
    "finding-source-not-quoted",
    "statement-quote-source-not-named",
    "paragraph-source-not-its-document",
]


@pytest.mark.parametrize("name", EQUALS_FIXTURES)
def test_sources_not_those_of_the_quotes_are_found_quickly(graph, name):
    """sh:equals, both ways: a source named that no quote comes from, a quote from a source
    not named, and a source swapped for another. The quick check finds what pySHACL finds."""
    fixture = next(f for f in FIXTURES if f.stem == name)
    g = broken_by(fixture, graph)
    slow, quick = pyshacl_results(g), quick_results(g)
    expect, focus = header(fixture, "expect"), header(fixture, "focus")
    assert {(f.rsplit("/id/", 1)[-1], m) for f, m in slow} == {(focus, expect)}
    assert slow <= quick


def test_a_literal_source_is_left_to_pyshacl():
    """Oxigraph keeps some typed literals by value ("1" and "01" as one xsd:double), so a
    literal compared by sh:equals counts as broken here, whatever pySHACL says."""
    ex = "http://example.org/"
    shapes = Graph().parse(
        data=f"""@prefix sh: <http://www.w3.org/ns/shacl#> .
        <{ex}S> sh:targetClass <{ex}C> ;
            sh:property [ sh:path <{ex}p> ; sh:equals <{ex}q> ; sh:message "p = q" ] .""",
        format="turtle",
    )
    data = Graph().parse(
        data=f"""@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <{ex}same> a <{ex}C> ; <{ex}p> <{ex}x> ; <{ex}q> <{ex}x> .
        <{ex}one-value> a <{ex}C> ; <{ex}p> "1"^^xsd:double ; <{ex}q> "01"^^xsd:double .
        <{ex}extra> a <{ex}C> ; <{ex}p> <{ex}x> ; <{ex}q> <{ex}x>, <{ex}y> .
        <{ex}missing> a <{ex}C> ; <{ex}p> <{ex}x>, <{ex}y> ; <{ex}q> <{ex}x> .""",
        format="turtle",
    )
    quick = {f.removeprefix(ex) for _c, f in quick_broken(data, shapes)}
    slow = {r.focus.removeprefix(ex) for r in validate_with_pyshacl(data, shapes).results}
    assert quick == {"one-value", "extra", "missing"}
    assert slow <= quick and {"extra", "missing"} <= slow
