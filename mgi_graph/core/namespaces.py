"""The namespace IRIs of the graph, as plain strings: the one table every module reads.

Light on purpose (no RDF library imported), so the query path can use it.

>>> NAMESPACES["mgid"]
'https://w3id.org/mgi-graph/id/'
>>> local_name("https://w3id.org/mgi-graph/id/country/KZ")
'KZ'
"""

from __future__ import annotations

NAMESPACES: dict[str, str] = {
    "mgi": "https://w3id.org/mgi-graph/ontology#",
    "mgid": "https://w3id.org/mgi-graph/id/",
    "dcterms": "http://purl.org/dc/terms/",
    "oa": "http://www.w3.org/ns/oa#",
    "org": "http://www.w3.org/ns/org#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "wd": "http://www.wikidata.org/entity/",
    "qb": "http://purl.org/linked-data/cube#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "sdmx-dimension": "http://purl.org/linked-data/sdmx/2009/dimension#",
    "sdmx-measure": "http://purl.org/linked-data/sdmx/2009/measure#",
    "sdmx-attribute": "http://purl.org/linked-data/sdmx/2009/attribute#",
    "time": "http://www.w3.org/2006/time#",
}


def local_name(iri: object) -> str:
    """The last path segment of an IRI: the stable key of an mgi-graph resource."""
    return str(iri).rsplit("/", 1)[-1]
