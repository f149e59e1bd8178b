"""Namespaces of the graph: the ontology (``mgi:``), the instances (``mgid:``) and reused ones.

>>> str(MGI.Finding)
'https://w3id.org/mgi-graph/ontology#Finding'
>>> str(ID["domain/4"])
'https://w3id.org/mgi-graph/id/domain/4'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

MGI = Namespace("https://w3id.org/mgi-graph/ontology#")
ID = Namespace("https://w3id.org/mgi-graph/id/")
OA = Namespace("http://www.w3.org/ns/oa#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES: dict[str, Namespace] = {
    "mgi": MGI,
    "mgid": ID,
    "dcterms": DCTERMS,
    "oa": OA,
    "org": ORG,
    "owl": OWL,
    "prov": PROV,
    "rdf": RDF,
    "rdfs": RDFS,
    "schema": SCHEMA,
    "skos": SKOS,
    "xsd": XSD,
    "wd": WD,
}


def domain_iri(number: int) -> URIRef:
    """The IRI of MGI domain ``number`` (1-6)."""
    return ID[f"domain/{number}"]
