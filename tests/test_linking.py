"""External links and the dataset description."""

from __future__ import annotations

import os
from collections import Counter

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, VOID

from mgi_graph.core.errors import InputError
from mgi_graph.core.vocab import ID, MGI, SCHEMA
from mgi_graph.graph.void import DATASET, external_links
from tests.conftest import ROOT


def checked_identifiers() -> set[str]:
    lines = (ROOT / "data" / "checked-identifiers.tsv").read_text("utf-8").splitlines()
    return {ln.split("\t")[0] for ln in lines if ln and not ln.startswith("#")}


def test_every_external_identifier_in_the_graph_has_been_checked(graph):
    allowed = checked_identifiers()
    linked = {str(o) for _, _, o in external_links(graph)}
    assert linked, "the graph links out"
    assert linked - allowed == set()


def test_a_guessed_identifier_would_be_caught(graph):
    g = Graph()
    g.add((ID["org/kz-mia"], SCHEMA.sameAs, URIRef("http://www.wikidata.org/entity/Q1")))
    linked = {str(o) for _, _, o in external_links(g)}
    assert linked - checked_identifiers() == {"http://www.wikidata.org/entity/Q1"}


def test_countries_carry_iso_m49_geonames_and_wikidata(graph):
    kz = ID["country/KZ"]
    assert str(graph.value(kz, MGI.isoAlpha3)) == "KAZ"
    assert str(graph.value(kz, MGI.isoNumeric)) == "398"
    assert str(graph.value(kz, MGI.m49SubRegion)) == "143"
    am = ID["country/AM"]
    assert str(graph.value(am, MGI.isoNumeric)) == "051"  # leading zero kept
    assert set(graph.objects(kz, SCHEMA.sameAs)) == {
        URIRef("http://www.wikidata.org/entity/Q232"),
        URIRef("https://sws.geonames.org/1522867/"),
    }


def test_organizations_and_conventions_linked_only_where_checked(graph):
    assert set(graph.objects(ID["org/iom"], SCHEMA.sameAs)) == {
        URIRef("http://www.wikidata.org/entity/Q472311")
    }
    assert set(graph.objects(ID["org/almaty-process"], SCHEMA.sameAs)) == set()  # unchecked
    assert set(graph.objects(ID["org/kz-mia"], SCHEMA.sameAs)) == set()
    # The ILO's page of the convention is a web page about it, not an identifier of it.
    c097 = set(graph.objects(ID["agreement/ilo-c097"], RDFS.seeAlso))
    assert [str(x).rsplit(":", 1)[-1] for x in c097] == ["C097"]
    assert not set(graph.objects(ID["agreement/ilo-c097"], SCHEMA.sameAs))


def test_void_description(built):
    d = Graph().parse(built.out_dir / "void.ttl")
    assert int(d.value(DATASET, VOID.triples)) == len(built.graph)
    part = {
        str(d.value(p, VOID["class"])): int(d.value(p, VOID.entities))
        for p in d.objects(DATASET, VOID.classPartition)
    }
    assert part[str(MGI.Finding)] == 70
    assert part[str(MGI.Paragraph)] == 105
    # Counted from the N-Triples text: the same as counting the graph itself.
    assert int(d.value(DATASET, VOID.entities)) == len(set(built.graph.subjects()))
    props = {
        str(d.value(p, VOID.property)): int(d.value(p, VOID.triples))
        for p in d.objects(DATASET, VOID.propertyPartition)
    }
    assert props == dict(Counter(str(p) for p in built.graph.predicates()))
    assert part == dict(Counter(str(o) for o in built.graph.objects(None, RDF.type)))
    linksets = {
        str(ls).rsplit("/", 1)[-1]: int(d.value(ls, VOID.triples))
        for ls in d.subjects(RDF.type, VOID.Linkset)
    }
    # 10 countries + IOM, OSCE, EU, EAEU, CIS, Nazarbayev University; 10 GeoNames; 1 ROR;
    # 1 SDG target; 2 ILO conventions; 1 UN treaty page.
    assert linksets == {
        "wikidata": 16,
        "geonames": 10,
        "ror": 1,
        "un-sdg": 1,
        "ilo-normlex": 2,
        "un-treaty-collection": 1,
    }
    sources = set(d.objects(DATASET, URIRef("http://purl.org/dc/terms/source")))
    assert len(sources) == 5
    for s in sources:
        assert d.value(s, URIRef("http://purl.org/dc/terms/rights")) is not None
    # a creation date only for a release (SOURCE_DATE_EPOCH): a build is the same any day
    created = d.value(DATASET, URIRef("http://purl.org/dc/terms/created"))
    assert (created is None) == ("SOURCE_DATE_EPOCH" not in os.environ)


def test_the_dataset_description_is_publishable(built):
    """A licence, a publisher (an agent with a name and home page), a download URL per file,
    and no SPARQL endpoint on this machine's loopback (none is given)."""
    from mgi_graph.core.vocab import DCAT, DCTERMS, FOAF

    d = Graph().parse(built.out_dir / "void.ttl")
    assert d.value(DATASET, DCTERMS.license) == URIRef("https://opensource.org/licenses/MIT")
    publisher = d.value(DATASET, DCTERMS.publisher)
    assert isinstance(publisher, URIRef) and str(d.value(publisher, FOAF.name))
    assert d.value(DATASET, VOID.sparqlEndpoint) is None
    assert "127.0.0.1" not in (built.out_dir / "void.ttl").read_text("utf-8")
    urls = sorted(str(d.value(x, DCAT.downloadURL)) for x in d.objects(DATASET, DCAT.distribution))
    assert urls == [
        f"https://w3id.org/mgi-graph/dump/mgi-graph.{ext}" for ext in ("jsonld", "nt", "ttl")
    ]


def test_the_dataset_description_comes_from_its_data_file(tmp_path, monkeypatch):
    """A corpus's own ``data/dataset.toml`` gives its VoID title, endpoint, examples and
    files; a key left out is an error naming the file."""
    from mgi_graph.core.paths import PACKAGE_ROOT
    from mgi_graph.core.vocab import DCAT, DCTERMS
    from mgi_graph.graph.void import describe_dataset

    shipped = (PACKAGE_ROOT / "data" / "dataset.toml").read_text(encoding="utf-8")
    own = tmp_path / "data" / "dataset.toml"
    own.parent.mkdir()
    own.write_text(
        shipped.replace(
            'title = "mgi-graph: a knowledge graph of migration governance"',
            'title = "Migration governance in the Caucasus"',
        )
        .replace(
            '# sparql_endpoint = "https://example.org/sparql"',
            'sparql_endpoint = "https://example.org/sparql"',
        )
        .replace('examples = ["profile/KZ-1", ', "examples = [")
        .replace('"mgi-graph.jsonld" = "application/ld+json"\n', ""),
        encoding="utf-8",
    )
    monkeypatch.setenv("MGI_GRAPH_HOME", str(tmp_path))
    d = describe_dataset(Graph())
    assert d.value(DATASET, DCTERMS.title) == Literal(
        "Migration governance in the Caucasus", lang="en"
    )
    assert d.value(DATASET, VOID.sparqlEndpoint) == URIRef("https://example.org/sparql")
    assert {str(x).rsplit("id/", 1)[1] for x in d.objects(DATASET, VOID.exampleResource)} == {
        "finding/KZ-1/d5/well-developed/2",
        "org/kz-mia",
        "country/KZ",
    }
    assert sorted(
        str(d.value(x, DCTERMS.identifier)) for x in d.objects(DATASET, DCAT.distribution)
    ) == [
        "mgi-graph.nt",
        "mgi-graph.ttl",
    ]
    own.write_text(shipped.replace("rights = ", "rites = "), encoding="utf-8")
    with pytest.raises(InputError) as err:
        describe_dataset(Graph())
    assert "rights" in str(err.value) and str(err.value.path) == str(own)
