"""The ontology as a semantic-web engineer checks it: consistent with the vocabularies it
builds on under an OWL reasoner, within OWL 2 DL but for the exceptions ``docs/model.md``
names, and the graph a store serves the very graph that was validated.

The W3C vocabularies are kept as test data in ``tests/fixtures/vocabularies/`` (see its
README): PROV-O, ORG and Web Annotation from the W3C's namespace documents, SKOS and DCMI
terms.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from mgi_graph.core.paths import SHIPPED

VOCABULARIES = Path(__file__).parent / "fixtures" / "vocabularies"
MGI = "https://w3id.org/mgi-graph/ontology#"
RDF_NS, RDFS_NS, OWL_NS = str(RDF), str(RDFS), str(OWL)

#: Where the graph steps outside OWL 2 DL on purpose, with the reason (docs/model.md says
#: the same): statements with evidence are RDF reifications, whose rdf:subject, rdf:predicate
#: and rdf:object are reserved vocabulary in OWL 2.
DL_EXCEPTIONS = {RDF.subject, RDF.predicate, RDF.object}

#: The datatypes of the OWL 2 datatype map that ranges may name.
DATATYPE_MAP = {
    XSD.string, XSD.integer, XSD.decimal, XSD.boolean, XSD.dateTime, XSD.double, XSD.float,
    XSD.anyURI, XSD.date, XSD.gYear, XSD.gYearMonth, XSD.language, XSD.nonNegativeInteger,
    XSD.positiveInteger, RDFS.Literal, RDF.PlainLiteral, RDF.XMLLiteral,
}  # fmt: skip
#: Properties OWL 2 gives as annotation properties (no declaration needed).
BUILT_IN_ANNOTATIONS = {
    RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy, OWL.versionInfo,
    OWL.deprecated, OWL.versionIRI, OWL.priorVersion,
}  # fmt: skip


def ontology() -> Graph:
    g = Graph()
    for path in SHIPPED.ontology_files:
        g.parse(path)
    return g


@pytest.fixture(scope="module")
def published(built) -> Graph:
    g = Graph()
    g.parse(built.out_dir / "mgi-graph.nt", format="nt")
    return g


def test_the_vocabularies_are_the_ones_built_on():
    names = sorted(p.name for p in VOCABULARIES.glob("*.ttl"))
    assert names == ["dcterms.ttl", "oa.ttl", "org.ttl", "prov-o.ttl", "skos.ttl"]
    prov = Graph().parse(VOCABULARIES / "prov-o.ttl")
    assert (URIRef("http://www.w3.org/ns/prov#Activity"), OWL.disjointWith, None) in prov or (
        None,
        OWL.disjointWith,
        URIRef("http://www.w3.org/ns/prov#Activity"),
    ) in prov


@pytest.mark.slow
def test_ontology_data_and_vocabularies_are_consistent_and_every_class_satisfiable(published):
    """OWL 2 RL (owlrl) over the ontology, the shipped graph, PROV-O, ORG, SKOS, Web
    Annotation and DCMI terms: no clash; and an individual of each of the ontology's classes
    added brings none (no class is unsatisfiable by a disjointness it inherits)."""
    import owlrl
    from owlrl.Namespaces import ERRNS

    g = Graph()
    g += ontology()
    g += published
    for path in VOCABULARIES.glob("*.ttl"):
        g.parse(path)
    for n, cls in enumerate(sorted(set(ontology().subjects(RDF.type, OWL.Class)))):
        if str(cls).startswith(MGI):
            g.add((URIRef(f"urn:probe:{n}"), RDF.type, cls))
    owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics, rdfs_closure=False, axiomatic_triples=False, datatype_axioms=False
    ).expand(g)
    clashes = sorted(str(m) for m in g.objects(None, ERRNS.error))
    assert clashes == []


def test_a_development_is_no_prov_activity(published):
    """What broke consistency before: a development derived from its sources was also a
    prov:Activity, which PROV-O keeps disjoint from prov:Entity."""
    developments = set(published.subjects(RDF.type, URIRef(MGI + "Development")))
    assert len(developments) == 22
    activity = URIRef("http://www.w3.org/ns/prov#Activity")
    assert not any((d, RDF.type, activity) in published for d in developments)


def kinds_of(g: Graph) -> dict[URIRef, set[URIRef]]:
    kinds: dict[URIRef, set[URIRef]] = {}
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty):
        for p in g.subjects(RDF.type, kind):
            kinds.setdefault(p, set()).add(kind)  # type: ignore[arg-type]
    return kinds


def dl_violations(onto: Graph, data: Graph) -> list[str]:
    """What keeps ``onto`` with ``data`` out of OWL 2 DL, by the rules the OWL 2 structural
    specification sets for declarations, typing and reserved vocabulary."""
    out: list[str] = []
    kinds = kinds_of(onto)
    classes = set(onto.subjects(RDF.type, OWL.Class))
    for p, ks in kinds.items():
        if len(ks) > 1:
            out.append(f"{p} is declared as {sorted(ks)}")
    used: dict[URIRef, set[str]] = {}
    for _, p, o in data:
        if p == RDF.type:
            if not (str(o).startswith((OWL_NS, RDFS_NS)) or o in classes):
                out.append(f"class {o} is used undeclared")
            continue
        used.setdefault(p, set()).add("literal" if isinstance(o, Literal) else "node")  # type: ignore[arg-type]
    for p, values in sorted(used.items()):
        if p in DL_EXCEPTIONS or p in BUILT_IN_ANNOTATIONS:
            continue
        if str(p).startswith((RDF_NS, RDFS_NS, OWL_NS)) and onto.value(p, RDF.type) is None:
            if p not in (RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range):
                out.append(f"{p}: reserved vocabulary used as a property")
            continue
        ks = kinds.get(p, set())
        if not ks:
            out.append(f"{p} is used undeclared")
        elif OWL.ObjectProperty in ks and "literal" in values:
            out.append(f"{p}, an object property, has a literal value")
        elif OWL.DatatypeProperty in ks and "node" in values:
            out.append(f"{p}, a data property, has an IRI value")
    for p, r in onto.subject_objects(RDFS.range):
        if OWL.DatatypeProperty in kinds.get(p, set()) and r not in DATATYPE_MAP:  # type: ignore[arg-type]
            out.append(f"{p} has the range {r}, outside the OWL 2 datatype map")
    for c, sup in onto.subject_objects(RDFS.subClassOf):
        if isinstance(sup, URIRef) and str(sup).startswith((RDF_NS, RDFS_NS)):
            out.append(f"{c} is a subclass of {sup}, reserved vocabulary")
    for p, sup in onto.subject_objects(RDFS.subPropertyOf):
        a, b = kinds.get(p, set()), kinds.get(sup, set())  # type: ignore[arg-type]
        if a and b and not a & b:
            out.append(f"{p} ({sorted(a)}) is a sub-property of {sup} ({sorted(b)})")
    return sorted(set(out))


def test_the_ontology_and_the_graph_are_owl2_dl_but_for_the_named_exceptions(published):
    assert dl_violations(ontology(), published) == []


def test_the_dl_check_catches_what_it_is_for():
    """Each rule on a graph made to break it."""
    ex = "http://example.org/"
    onto = Graph()
    onto.add((URIRef(ex + "p"), RDF.type, OWL.ObjectProperty))
    onto.add((URIRef(ex + "q"), RDF.type, OWL.DatatypeProperty))
    onto.add((URIRef(ex + "q"), RDFS.range, RDF.langString))
    onto.add((URIRef(ex + "C"), RDF.type, OWL.Class))
    onto.add((URIRef(ex + "C"), RDFS.subClassOf, RDF.Statement))
    onto.add((URIRef(ex + "a"), RDF.type, OWL.AnnotationProperty))
    onto.add((URIRef(ex + "q"), RDFS.subPropertyOf, URIRef(ex + "a")))
    data = Graph()
    data.add((URIRef(ex + "x"), URIRef(ex + "p"), Literal("text")))
    data.add((URIRef(ex + "x"), URIRef(ex + "r"), Literal("undeclared")))
    data.add((URIRef(ex + "x"), RDF.type, URIRef(ex + "D")))
    found = "\n".join(dl_violations(onto, data))
    for expected in (
        "an object property, has a literal value",
        "http://example.org/r is used undeclared",
        "class http://example.org/D is used undeclared",
        "outside the OWL 2 datatype map",
        "reserved vocabulary",
        "is a sub-property of",
    ):
        assert expected in found, expected


def test_the_store_serves_the_graph_that_was_validated(built):
    """The persistent store the build writes, exported, is the N-Triples dump triple for
    triple (one datatype policy: whole numbers are xsd:integer, bounded by the shapes), and
    the export conforms to the shapes."""
    import pyoxigraph as ox

    from mgi_graph.validate.shacl import validate_graph

    store = ox.Store.read_only(str(built.out_dir / "store"))
    exported = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    export = Graph().parse(data=exported.decode("utf-8"), format="nt")
    dump = Graph().parse(built.out_dir / "mgi-graph.nt", format="nt")
    assert len(export) == len(dump) and set(export) == set(dump)
    assert validate_graph(export).conforms
    numbers = {o.datatype for o in dump.objects() if isinstance(o, Literal)}
    assert XSD.positiveInteger not in numbers and XSD.nonNegativeInteger not in numbers


def test_a_mention_is_a_web_annotation_of_its_quote(published):
    """Each mention is also an oa:Annotation identifying its entries (the bodies) in its
    quote (the target), for any Web Annotation client."""
    oa = "http://www.w3.org/ns/oa#"
    mentions = set(published.subjects(RDF.type, URIRef(MGI + "Mention")))
    assert len(mentions) == 260
    for m in mentions:
        assert (m, RDF.type, URIRef(oa + "Annotation")) in published
        assert set(published.objects(m, URIRef(oa + "hasBody"))) == set(
            published.objects(m, URIRef(MGI + "refersTo"))
        )
        assert set(published.objects(m, URIRef(oa + "hasTarget"))) == set(
            published.objects(m, URIRef(MGI + "hasQuote"))
        )
        assert published.value(m, URIRef(oa + "motivatedBy")) == URIRef(oa + "identifying")


def test_a_law_is_said_in_eli_too(corpus):
    """A law a French profile names with its number and day of adoption is an
    eli:LegalResource with eli:number and eli:date_document (read by hand: "Loi n° 2005-06
    du 10 mai 2005")."""
    from tests.conftest import cli
    from tests.test_own_corpus import built_graph

    senegal = Path(__file__).parent / "fixtures" / "languages" / "mgi-profile-senegal-fr-test.txt"
    assert cli("add", "--home", str(corpus), str(senegal)) == 0
    g = built_graph(corpus)
    eli = "http://data.europa.eu/eli/ontology#"
    (law,) = [
        s for s in g.subjects(RDF.type, URIRef(eli + "LegalResource")) if "loi-n-2005-06" in str(s)
    ]
    assert str(g.value(law, URIRef(eli + "number"))) == "2005-06"
    date = g.value(law, URIRef(eli + "date_document"))
    assert str(date) == "2005-05-10" and date.datatype == XSD.date


def test_a_transfer_of_functions_is_an_org_change_event(published):
    """The 2021 transfer of migration functions, read in the article ("transferred from the
    Ministry of Internal Affairs of the RK to the Ministry of Labor and Social Protection of
    Population of the RK"), as the W3C Organization Ontology says a change of bodies."""
    org = "http://www.w3.org/ns/org#"
    dev = URIRef(
        "https://w3id.org/mgi-graph/id/development/kz-2021-transfer-of-migration-functions"
    )
    event = published.value(dev, URIRef(MGI + "changeEvent"))
    assert (event, RDF.type, URIRef(org + "ChangeEvent")) in published
    assert str(published.value(event, URIRef(org + "originalOrganization"))).endswith("org/kz-mia")
    assert str(published.value(event, URIRef(org + "resultingOrganization"))).endswith(
        "org/kz-mlsp"
    )
    assert len(set(published.subjects(RDF.type, URIRef(org + "ChangeEvent")))) == 1
