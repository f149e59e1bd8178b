"""The ontology and concept schemes: quoted descriptions, labels, canonical namespaces."""

from __future__ import annotations

import re

from rdflib import Graph
from rdflib.namespace import SKOS

from mgi_graph.core.paths import ONTOLOGY_DIR
from mgi_graph.core.vocab import ID, MGI
from tests.conftest import KG_EN, KZ_EN, KZ_ES

DOMAINS = Graph().parse(ONTOLOGY_DIR / "domains.ttl")


def test_six_domains_with_sdg_codes_pd1_to_pd6():
    codes = {str(DOMAINS.value(ID[f"domain/{n}"], MGI.sdgCode)) for n in range(1, 7)}
    assert codes == {f"PD_{n}" for n in range(1, 7)}
    assert str(DOMAINS.value(ID["domain/4"], SKOS.prefLabel)) in {
        "Well-being of migrants",
        "Bienestar de los migrantes",
        "Bien-être des migrants",
    }


def test_domain_and_category_descriptions_are_quoted_verbatim_from_the_sources():
    english = KZ_EN.read_text("utf-8") + KG_EN.read_text("utf-8")
    spanish = KZ_ES.read_text("utf-8")
    n = 0
    for prop in (MGI.domainDescription, MGI.categoryDescription):
        for d in range(1, 7):
            values = {v.language: str(v) for v in DOMAINS.objects(ID[f"domain/{d}"], prop)}
            assert set(values) == {"en", "es"}
            assert values["en"] in english
            assert values["es"] in spanish
            n += 2
    assert n == 24


def test_local_category_texts_speak_of_categories():
    for d in range(1, 7):
        for v in DOMAINS.objects(ID[f"domain/{d}"], MGI.categoryDescription):
            assert "categor" in str(v)


def test_domains_have_english_and_spanish_preferred_labels():
    for d in range(1, 7):
        langs = {lbl.language for lbl in DOMAINS.objects(ID[f"domain/{d}"], SKOS.prefLabel)}
        assert {"en", "es"} <= langs


def test_standard_vocabularies_use_their_canonical_namespace_iris():
    canonical = {
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "dcterms": "http://purl.org/dc/terms/",
        "prov": "http://www.w3.org/ns/prov#",
        "org": "http://www.w3.org/ns/org#",
        "oa": "http://www.w3.org/ns/oa#",
        "schema": "https://schema.org/",
        "owl": "http://www.w3.org/2002/07/owl#",
        "sh": "http://www.w3.org/ns/shacl#",
    }
    for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
        for prefix, iri in re.findall(r"@prefix (\w+):\s+<([^>]+)>", path.read_text("utf-8")):
            if prefix in canonical:
                assert iri == canonical[prefix], (path.name, prefix, iri)


def test_the_graph_keeps_to_the_domains_and_ranges_of_the_ontology(graph):
    """Each subject of a property with an rdfs:domain is typed with it, and each object of a
    property whose rdfs:range is a class is typed with that class (types are closed under
    rdfs:subClassOf in the graph). Queries rely on it: findings.rq starts from mgi:inProfile
    alone, sources.rq from mgi:refersTo alone."""
    from rdflib import Literal, URIRef

    from mgi_graph.core.vocab import OWL, RDF, RDFS

    classes = set(graph.subjects(RDF.type, OWL.Class)) | set(graph.subjects(RDF.type, RDFS.Class))
    broken = []
    for p, d in sorted(graph.subject_objects(RDFS.domain)):
        assert isinstance(d, URIRef), f"{p}: its rdfs:domain is not a named class"
        broken += [
            ("domain", p, s) for s in graph.subjects(p, None) if (s, RDF.type, d) not in graph
        ]
    for p, r in sorted(graph.subject_objects(RDFS.range)):
        if r in classes:  # not a datatype
            broken += [
                ("range", p, o)
                for o in graph.objects(None, p)
                if isinstance(o, Literal) or (o, RDF.type, r) not in graph
            ]
    assert broken == []
    assert graph.value(MGI.inProfile, RDFS.domain) == MGI.Finding
    assert graph.value(MGI.refersTo, RDFS.domain) == MGI.Mention
