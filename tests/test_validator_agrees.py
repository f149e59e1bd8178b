"""The published validator (pyshacl-turbo) agrees with pySHACL, the reference, result for
result: on the real graph, on every breaking fixture of tests/fixtures/shapes/, on copies
of the built graph broken in hundreds of places at once, on tricky literals of every datatype
the shapes use, and on shapes the project's own do not use (targets, nested property shapes,
sh:closed, severities). ``MGI_SHACL_BATCHES`` sets how many broken copies (default 4).
"""

from __future__ import annotations

import os
import random
import re
from collections import Counter

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD

from mgi_graph.validate.shacl import ValidationReport, load_shapes, reference_report, validate_graph
from tests.test_shapes import FIXTURES, broken_by

pytestmark = pytest.mark.slow

BATCHES = int(os.environ.get("MGI_SHACL_BATCHES", "4"))

#: The datatypes the shapes name.
DATATYPES = sorted({d for d in load_shapes().objects(None, SH.datatype) if isinstance(d, URIRef)})

#: Lexical forms near the edges of the XSD types (signs, zeros, padding, impossible dates,
#: case, spaces, exponents, non-ASCII digits).
TRICKY = [
    "0", "1", "7", "07", "+7", "-7", "-0", "00", " 7", "7 ", "1e3", "1.0", "1.", ".5", "0.5",
    "-0.5", "12345678901234567890", "٣", "true", "false", "True", "1", "2020", "0000", "-2020",
    "20201", "2020-01", "2020-1", "2020-13", "2020-00", "2020-01-31", "2020-02-29",
    "2019-02-29", "2020-02-30", "2020-04-31", "2020-12-31", "2020-01-01Z", "2020-01-01+02:00",
    "2020-01Z", "en", "EN", "en-GB", "en-gb", "e", "english", "x-klingon", "", "a", "ab",
    "abc", "\n", "KZ", "kz", "KAZ", "398", "39", "PD_1", "PD_7", "P1Y", "-P1Y2M", "PT1H", "P",
    "P1Y2", "1Y",
]  # fmt: skip


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
            if shapes.value(path, SH.inversePath) is not None:
                continue  # an inverse path is broken from its other end
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
                    dt = rng.choice([*DATATYPES, None])
                    lang = "en" if dt is None and rng.random() < 0.5 else None
                    if dt == RDF.langString:  # "x"^^rdf:langString is no RDF literal
                        dt, lang = None, "en"
                    g.add((f, path, Literal(rng.choice(TRICKY), lang=lang, datatype=dt)))
                elif how == "node":
                    g.add((f, path, rng.choice(nodes)))
                else:
                    g.add((f, path, BNode()))
    triples = sorted(g)
    for t in rng.sample(triples, 100):
        g.remove(t)
    return g


Key = tuple[str, str | None, str | None, str | None]


def results(report: ValidationReport) -> Counter[Key]:
    """Each result's focus node, path, value and constraint component, with how many times it
    is given (the messages of shapes without sh:message differ between the engines; the text
    of the report, compared where the results agree, holds those of sh:message)."""
    return Counter((r.focus, r.path, r.value, r.component) for r in report.results)


#: XSD lexical forms rdflib does not check (it parses "2002x"^^xsd:gYear without marking it
#: ill-typed).
UNCHECKED_BY_RDFLIB = {
    XSD.gYear: re.compile(r"-?([1-9][0-9]{3,}|0[0-9]{3})(Z|[+-][0-9]{2}:[0-9]{2})?"),
    XSD.gYearMonth: re.compile(
        r"-?([1-9][0-9]{3,}|0[0-9]{3})-(0[1-9]|1[0-2])(Z|[+-][0-9]{2}:[0-9]{2})?"
    ),
}
DATES = {XSD.gYear, XSD.gYearMonth, XSD.date, XSD.dateTime}


def disputed(v: object) -> bool:
    """True if ``v`` is a literal whose lexical form the two engines judge differently:
    rdflib does not check the form (so pySHACL passes "2002x"^^xsd:gYear inside an sh:or,
    where SHACL and pyshacl-turbo do not), or rdflib reads it as ill-typed (which includes
    what Python's dates cannot hold but XSD allows: hour 24, years of five digits), or it is a
    year of more than four digits (which pyshacl-turbo refuses beyond its integer range)."""
    if not isinstance(v, Literal) or v.datatype is None:
        return False
    if v.datatype in UNCHECKED_BY_RDFLIB and not UNCHECKED_BY_RDFLIB[v.datatype].fullmatch(str(v)):
        return True
    return bool(v.ill_typed) or (v.datatype in DATES and bool(re.match(r"-?[0-9]{5}", str(v))))


NUMBERS = {
    XSD.integer,
    XSD.decimal,
    XSD.double,
    XSD.float,
    XSD.nonNegativeInteger,
    XSD.positiveInteger,
    XSD.int,
    XSD.long,
}


def family(v: Literal) -> object:
    """What values ``v`` can be ordered against: numbers with numbers, else its datatype."""
    return "number" if v.datatype in NUMBERS else (v.datatype, v.language)


def incomparable(data: Graph, focus: str, value: str | None) -> bool:
    """True if the value ``value`` of ``focus`` cannot be ordered against another literal of
    it (a date against an integer). SHACL makes that an sh:lessThan result (``<`` is not
    true), as pyshacl-turbo does; pySHACL leaves the pair out."""
    literals = [v for v in data.objects(URIRef(focus), None) if isinstance(v, Literal)]
    mine = [v for v in literals if str(v) == value]
    return any(family(a) != family(b) for a in mine for b in literals)


def about_disputed(data: Graph, key: Key) -> bool:
    """True if the result ``key`` is about a disputed literal of its focus node (any of them,
    for sh:lessThan, which compares two properties), or an sh:lessThan result about values
    that cannot be compared (see :func:`incomparable`)."""
    focus, path, value, component = key
    if component == str(SH.LessThanConstraintComponent):
        return any(disputed(v) for v in data.objects(URIRef(focus), None)) or incomparable(
            data, focus, value
        )
    if value is None or path is None:
        return False
    return any(str(v) == value and disputed(v) for v in data.objects(URIRef(focus), URIRef(path)))


def agree(data: Graph, shapes: Graph | None = None) -> ValidationReport:
    """Validate ``data`` with both engines and assert they give the same results, but for
    results about :func:`disputed` literals; where there are none, the same report text."""
    ours, ref = validate_graph(data, shapes), reference_report(data, shapes)
    differ = (results(ref) - results(ours)) + (results(ours) - results(ref))
    assert all(about_disputed(data, k) for k in differ), [
        k for k in differ if not about_disputed(data, k)
    ][:5]
    if not differ:
        assert ours.conforms is ref.conforms
        if shapes is None:
            assert ours.text() == ref.text()
    return ours


def test_the_real_graph_conforms_for_both(graph):
    assert agree(graph).conforms


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_each_breaking_fixture_gives_the_references_results(fixture, graph):
    report = agree(broken_by(fixture, graph))
    assert not report.conforms


@pytest.mark.parametrize("seed", range(BATCHES))
def test_a_graph_broken_in_hundreds_of_places_gives_the_references_results(graph, seed):
    report = agree(_break(graph, seed))
    assert len(report.results) > 150  # the breakages are seen


def _tiny(values: list[Literal], datatype: URIRef) -> tuple[Graph, Graph]:
    ex = "http://example.org/"
    shapes = Graph()
    shape, prop = URIRef(ex + "S"), BNode()
    shapes.add((shape, RDF.type, SH.NodeShape))
    shapes.add((shape, SH.targetClass, URIRef(ex + "C")))
    shapes.add((shape, SH.property, prop))
    shapes.add((prop, SH.path, URIRef(ex + "p")))
    shapes.add((prop, SH.datatype, datatype))
    shapes.add((prop, SH.maxCount, Literal(1)))
    data = Graph()
    for i, v in enumerate(values):
        node = URIRef(f"{ex}n{i}")
        data.add((node, RDF.type, URIRef(ex + "C")))
        data.add((node, URIRef(ex + "p"), v))
    return data, shapes


@pytest.mark.parametrize("datatype", DATATYPES, ids=lambda d: d.split("#")[-1])
def test_tricky_literals_of_each_datatype_give_the_references_verdicts(datatype):
    others = [XSD.integer, XSD.string, XSD.positiveInteger, XSD.decimal, XSD.gYear]
    typed = [dt for dt in [datatype, *others] if dt != RDF.langString]  # "x"^^rdf:langString
    values = [Literal(s, datatype=dt) for s in TRICKY for dt in typed]  # is no RDF literal
    values += [Literal(s, lang="en") for s in TRICKY] + [Literal(s) for s in TRICKY]
    data, shapes = _tiny(values, datatype)
    report = agree(data, shapes)
    assert 0 < len({r.focus for r in report.results}) < len(values)


@pytest.mark.parametrize(
    "lexical",
    [
        ("2020-01-01T24:00:00", "2020-01-02T00:00:00", XSD.dateTime),
        ("10000-01-01", "10000-01-01Z", XSD.date),
        ("1.0", "1.00", XSD.decimal),
        ("2020Z", "2020+00:00", XSD.gYear),
    ],
    ids=["hour-24", "year-10000", "decimal-zeros", "zone-spelling"],
)
def test_two_literals_equal_by_value_are_two_values_for_max_count(lexical):
    """Two distinct RDF terms of one value break ``sh:maxCount 1`` (SHACL counts terms; rdflib
    keeps both, where it would turn "007"^^xsd:integer into "7" as it reads it)."""
    a, b, dt = lexical
    data, shapes = _tiny([], dt)
    node = URIRef("http://example.org/n")
    data.add((node, RDF.type, URIRef("http://example.org/C")))
    for v in (a, b):
        data.add((node, URIRef("http://example.org/p"), Literal(v, datatype=dt)))
    report = agree(data, shapes)
    assert sum(r.component == str(SH.MaxCountConstraintComponent) for r in report.results) == 1


EX = "@prefix ex: <http://example.org/> . @prefix sh: <http://www.w3.org/ns/shacl#> .\n"


@pytest.mark.parametrize(
    ("shapes", "data", "conforms"),
    [
        (
            "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .",
            "ex:a ex:q 1 .",
            False,
        ),
        ("ex:S sh:targetObjectsOf ex:q ; sh:nodeKind sh:Literal .", "ex:a ex:q ex:b .", False),
        (
            "ex:C a rdfs:Class, sh:NodeShape ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .",
            "ex:a a ex:C .",
            False,
        ),
        (
            "ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:property "
            "[ sh:path ex:q ; sh:minCount 1 ] ] .",
            "ex:a a ex:C ; ex:p ex:b .",
            False,
        ),
        (
            "ex:S a sh:PropertyShape ; sh:targetClass ex:C ; sh:path ex:p ; sh:class ex:D .",
            "ex:a a ex:C ; ex:p ex:b .",
            False,
        ),
        (
            'ex:S a sh:PropertyShape ; sh:targetClass ex:C ; sh:path ex:p ; sh:pattern "^x" .',
            'ex:a a ex:C ; ex:p "xy" .',
            True,
        ),
        (
            "ex:S sh:targetClass ex:C ; sh:closed true ; sh:property [ sh:path ex:p ] .",
            "ex:a a ex:C ; ex:p 1 ; ex:q 2 .",
            False,
        ),
        (
            "ex:S sh:targetClass ex:C ; sh:severity sh:Warning ; sh:property "
            "[ sh:path ex:p ; sh:minCount 1 ] .",
            "ex:a a ex:C .",
            False,
        ),
        (
            "ex:S sh:targetClass ex:C ; sh:deactivated true ; sh:property "
            "[ sh:path ex:p ; sh:minCount 1 ] .",
            "ex:a a ex:C .",
            True,
        ),
    ],
    ids=[
        "targetNode",
        "targetObjectsOf",
        "implicit-class",
        "nested-property",
        "property-shape-class",
        "property-shape-pattern",
        "closed",
        "warning",
        "deactivated",
    ],
)
def test_shape_forms_beyond_the_projects_give_the_references_verdict(shapes, data, conforms):
    prefixes = EX + "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    s = Graph().parse(data=prefixes + shapes, format="turtle")
    d = Graph().parse(data=prefixes + data, format="turtle")
    assert agree(d, s).conforms is conforms


def test_an_incomparable_pair_under_less_than_is_a_result_as_shacl_says():
    """A start that is a date against an integer end: ``<`` is not true, so SHACL gives a
    result; pyshacl-turbo does, pySHACL leaves the pair out (the one disagreement
    :func:`incomparable` allows)."""
    shapes = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix oa: <http://www.w3.org/ns/oa#> .
        <http://example.org/S> a sh:NodeShape ; sh:targetClass oa:TextPositionSelector ;
          sh:property [ sh:path oa:start ; sh:lessThan oa:end ] .
        """,
        format="turtle",
    )
    oa = "http://www.w3.org/ns/oa#"
    g = Graph()
    s = URIRef("http://example.org/s")
    g.add((s, RDF.type, URIRef(oa + "TextPositionSelector")))
    g.add((s, URIRef(oa + "start"), Literal("2020-12-31", datatype=XSD.date)))
    g.add((s, URIRef(oa + "end"), Literal(5, datatype=XSD.nonNegativeInteger)))
    key = (str(s), oa + "start", "2020-12-31", str(SH.LessThanConstraintComponent))
    assert results(validate_graph(g, shapes)) == Counter({key: 1})
    assert results(reference_report(g, shapes)) == Counter()
    assert about_disputed(g, key)
