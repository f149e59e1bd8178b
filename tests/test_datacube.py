"""The figures are a well-formed RDF Data Cube: the integrity constraints IC-1 to IC-21 of
the W3C Recommendation (section 11.1) hold on the published graph with the ontology, after
the Recommendation's normalization (section 10: type closure and the component properties
of each component specification; dataset-level attachments pushed down to observations).

Each constraint is an ASK query that finds a violation; a well-formed cube answers false to
all. Breaking the cube the way the issue found it (a dimension without a range, a category
outside the code list, a duplicate observation, a missing measure) makes the right one fire.
IC-20 and IC-21 concern hierarchical code lists: the graph has none, which is asserted.
"""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from tests.test_ontology_fit import ontology

QB = "http://purl.org/linked-data/cube#"
PREFIXES = f"""
PREFIX qb: <{QB}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

#: Section 10.1 (phase 1: type and property closure) and 10.2 (phase 2: dataset attachments).
NORMALIZE = (
    PREFIXES
    + """
INSERT { ?o rdf:type qb:Observation } WHERE { [] qb:observation ?o } ;
INSERT { ?o rdf:type qb:Observation } WHERE { ?o qb:dataSet [] } ;
INSERT { ?s rdf:type qb:Slice } WHERE { [] qb:slice ?s } ;
INSERT { ?cs qb:componentProperty ?p . ?p rdf:type qb:DimensionProperty }
  WHERE { ?cs qb:dimension ?p } ;
INSERT { ?cs qb:componentProperty ?p . ?p rdf:type qb:MeasureProperty }
  WHERE { ?cs qb:measure ?p } ;
INSERT { ?cs qb:componentProperty ?p . ?p rdf:type qb:AttributeProperty }
  WHERE { ?cs qb:attribute ?p } ;
INSERT { ?obs ?comp ?value } WHERE {
  ?spec qb:componentProperty ?comp ; qb:componentAttachment qb:DataSet .
  ?dataset qb:structure [ qb:component ?spec ] ; ?comp ?value .
  ?obs qb:dataSet ?dataset .
}
"""
)

CONSTRAINTS = {
    "IC-1 unique data set": """ASK {
      { ?obs a qb:Observation . FILTER NOT EXISTS { ?obs qb:dataSet ?d } }
      UNION { ?obs a qb:Observation ; qb:dataSet ?d1 , ?d2 . FILTER (?d1 != ?d2) } }""",
    "IC-2 unique DSD": """ASK {
      { ?ds a qb:DataSet . FILTER NOT EXISTS { ?ds qb:structure ?dsd } }
      UNION { ?ds a qb:DataSet ; qb:structure ?a , ?b . FILTER (?a != ?b) } }""",
    "IC-3 DSD includes measure": """ASK { ?dsd a qb:DataStructureDefinition .
      FILTER NOT EXISTS {
        ?dsd qb:component [ qb:componentProperty [ a qb:MeasureProperty ] ] } }""",
    "IC-4 dimensions have range": """ASK { ?dim a qb:DimensionProperty .
      FILTER NOT EXISTS { ?dim rdfs:range [] } }""",
    "IC-5 concept dimensions have code lists": """ASK {
      ?dim a qb:DimensionProperty ; rdfs:range skos:Concept .
      FILTER NOT EXISTS { ?dim qb:codeList [] } }""",
    "IC-6 only attributes may be optional": """ASK {
      ?dsd qb:component ?spec . ?spec qb:componentRequired false ; qb:componentProperty ?c .
      FILTER NOT EXISTS { ?c a qb:AttributeProperty } }""",
    "IC-7 slice keys must be declared": """ASK { ?key a qb:SliceKey .
      FILTER NOT EXISTS { [ a qb:DataStructureDefinition ] qb:sliceKey ?key } }""",
    "IC-8 slice keys consistent with DSD": """ASK {
      ?key a qb:SliceKey ; qb:componentProperty ?p . ?dsd qb:sliceKey ?key .
      FILTER NOT EXISTS { ?dsd qb:component [ qb:componentProperty ?p ] } }""",
    "IC-9 unique slice structure": """ASK {
      { ?s a qb:Slice . FILTER NOT EXISTS { ?s qb:sliceStructure ?k } }
      UNION { ?s a qb:Slice ; qb:sliceStructure ?a , ?b . FILTER (?a != ?b) } }""",
    "IC-10 slice dimensions complete": """ASK {
      ?s qb:sliceStructure [ qb:componentProperty ?dim ] . FILTER NOT EXISTS { ?s ?dim [] } }""",
    "IC-11 all dimensions required": """ASK {
      ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
      ?dim a qb:DimensionProperty . FILTER NOT EXISTS { ?obs ?dim [] } }""",
    "IC-12 no duplicate observations": """ASK { FILTER (?allEqual) {
      SELECT (MIN(?equal) AS ?allEqual) WHERE {
        ?obs1 qb:dataSet ?ds . ?obs2 qb:dataSet ?ds . FILTER (?obs1 != ?obs2)
        ?ds qb:structure/qb:component/qb:componentProperty ?dim . ?dim a qb:DimensionProperty .
        ?obs1 ?dim ?v1 . ?obs2 ?dim ?v2 . BIND (?v1 = ?v2 AS ?equal)
      } GROUP BY ?obs1 ?obs2 } }""",
    "IC-13 required attributes": """ASK {
      ?obs qb:dataSet/qb:structure/qb:component ?spec .
      ?spec qb:componentRequired true ; qb:componentProperty ?attr .
      FILTER NOT EXISTS { ?obs ?attr [] } }""",
    "IC-14 all measures present": """ASK {
      ?obs qb:dataSet/qb:structure ?dsd .
      FILTER NOT EXISTS { ?dsd qb:component/qb:componentProperty qb:measureType }
      ?dsd qb:component/qb:componentProperty ?m . ?m a qb:MeasureProperty .
      FILTER NOT EXISTS { ?obs ?m [] } }""",
    "IC-15 measure dimension consistent": """ASK {
      ?obs qb:dataSet/qb:structure ?dsd ; qb:measureType ?m .
      ?dsd qb:component/qb:componentProperty qb:measureType .
      FILTER NOT EXISTS { ?obs ?m [] } }""",
    "IC-16 single measure on measure dimension observation": """ASK {
      ?obs qb:dataSet/qb:structure ?dsd ; qb:measureType ?m ; ?other [] .
      ?dsd qb:component/qb:componentProperty qb:measureType ;
           qb:component/qb:componentProperty ?other .
      ?other a qb:MeasureProperty . FILTER (?other != ?m) }""",
    "IC-17 all measures present in measures dimension cube": """ASK {
      { SELECT ?numMeasures (COUNT(?obs2) AS ?count) WHERE {
          { SELECT ?dsd (COUNT(?m) AS ?numMeasures) WHERE {
              ?dsd qb:component/qb:componentProperty ?m . ?m a qb:MeasureProperty .
            } GROUP BY ?dsd }
          ?obs1 qb:dataSet/qb:structure ?dsd ; qb:dataSet ?ds ; qb:measureType ?m1 .
          ?obs2 qb:dataSet ?ds ; qb:measureType ?m2 .
          FILTER NOT EXISTS {
            ?dsd qb:component/qb:componentProperty ?dim . FILTER (?dim != qb:measureType)
            ?dim a qb:DimensionProperty . ?obs1 ?dim ?v1 . ?obs2 ?dim ?v2 . FILTER (?v1 != ?v2)
          }
        } GROUP BY ?obs1 ?numMeasures HAVING (?count != ?numMeasures) } }""",
    "IC-18 consistent data set links": """ASK { ?ds qb:slice ?s . ?s qb:observation ?obs .
      FILTER NOT EXISTS { ?obs qb:dataSet ?ds } }""",
    "IC-19 codes from code list (scheme)": """ASK {
      ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
      ?dim a qb:DimensionProperty ; qb:codeList ?list . ?list a skos:ConceptScheme .
      ?obs ?dim ?v . FILTER NOT EXISTS { ?v a skos:Concept ; skos:inScheme ?list } }""",
    "IC-19 codes from code list (collection)": """ASK {
      ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
      ?dim a qb:DimensionProperty ; qb:codeList ?list . ?list a skos:Collection .
      ?obs ?dim ?v . FILTER NOT EXISTS { ?v a skos:Concept . ?list skos:member+ ?v } }""",
}
HIERARCHICAL = "ASK { ?list a qb:HierarchicalCodeList }"


def normalized(g: Graph) -> Graph:
    g.update(NORMALIZE)
    return g


@pytest.fixture(scope="module")
def cube(built) -> Graph:
    """The published graph with the ontology, normalized."""
    g = ontology()
    g.parse(built.out_dir / "mgi-graph.nt", format="nt")
    return normalized(g)


def violated(g: Graph) -> list[str]:
    return [name for name, ask in CONSTRAINTS.items() if g.query(PREFIXES + ask).askAnswer]


def test_the_figures_are_a_well_formed_cube(cube):
    observations = set(cube.subjects(RDF.type, URIRef(QB + "Observation")))
    assert len(observations) == 38  # data/figures.ttl: 38 observations in 13 data sets
    assert len(set(cube.subjects(RDF.type, URIRef(QB + "DataSet")))) == 13
    assert violated(cube) == []
    # IC-20 and IC-21 apply to hierarchical code lists only: there are none
    assert cube.query(PREFIXES + HIERARCHICAL).askAnswer is False


def test_dimensions_have_ranges_code_lists_and_typed_periods(cube):
    mgi = "https://w3id.org/mgi-graph/ontology#"
    dims = set(cube.subjects(RDF.type, URIRef(QB + "DimensionProperty")))
    assert dims == {URIRef(mgi + p) for p in ("refArea", "refPeriod", "category")}
    assert {cube.value(d, RDFS.range) for d in dims} == {
        URIRef(mgi + "Jurisdiction"),
        URIRef(mgi + "ReferencePeriod"),
        SKOS.Concept,
    }
    obs = URIRef("https://w3id.org/mgi-graph/id/observation/kz-foreign-workers-lea-permits/china")
    period = cube.value(obs, URIRef(mgi + "refPeriod"))
    assert str(cube.value(period, RDFS.label)) == "2021-12-01"
    time = "http://www.w3.org/2006/time#"
    begins = cube.value(period, URIRef(time + "hasBeginning"))
    assert cube.value(begins, URIRef(time + "inXSDDate")) == Literal(
        "2021-12-01", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date")
    )
    category = cube.value(obs, URIRef(mgi + "category"))
    assert str(cube.value(category, SKOS.prefLabel)) == "China"
    china = URIRef("https://w3id.org/mgi-graph/id/country/CN")
    assert cube.value(category, URIRef("http://purl.org/dc/terms/spatial")) == china
    # the six category values that name a country the graph has link it (by hand: Uzbekistan
    # and China twice, Turkey, and "from Kazakhstan"), and no country is made a concept
    spatial = URIRef("http://purl.org/dc/terms/spatial")
    linked = [
        o
        for o in observations_of(cube)
        if (cube.value(o, URIRef(mgi + "category")), spatial, None) in cube
    ]
    assert len(linked) == 6
    assert not set(cube.subjects(RDF.type, SKOS.Concept)) & set(
        cube.subjects(RDF.type, URIRef(mgi + "Country"))
    )


def observations_of(g: Graph) -> list[URIRef]:
    return sorted(g.subjects(RDF.type, URIRef(QB + "Observation")))  # type: ignore[arg-type]


BREAKS = {
    "IC-4 dimensions have range": """DELETE WHERE {
      <https://w3id.org/mgi-graph/ontology#refPeriod> rdfs:range ?r }""",
    "IC-19 codes from code list (scheme)": """DELETE WHERE {
      <https://w3id.org/mgi-graph/id/category/china> skos:inScheme ?s }""",
    "IC-12 no duplicate observations": """INSERT {
      <https://example.org/twin> ?p ?o } WHERE {
      <https://w3id.org/mgi-graph/id/observation/kz-refugees/2015> ?p ?o }""",
    "IC-14 all measures present": """DELETE WHERE {
      <https://w3id.org/mgi-graph/id/observation/kz-refugees/2015>
        <http://purl.org/linked-data/sdmx/2009/measure#obsValue> ?v }""",
    "IC-11 all dimensions required": """DELETE WHERE {
      <https://w3id.org/mgi-graph/id/observation/kz-refugees/2015>
        <https://w3id.org/mgi-graph/ontology#category> ?v }""",
    "IC-5 concept dimensions have code lists": """DELETE WHERE {
      <https://w3id.org/mgi-graph/ontology#category> qb:codeList ?l }""",
}


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_each_break_fires_its_constraint(cube, name):
    broken = Graph()
    for triple in cube:
        broken.add(triple)
    broken.update(PREFIXES + BREAKS[name])
    assert name in violated(broken)
