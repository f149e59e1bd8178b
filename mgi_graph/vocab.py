"""Namespaces of the graph: the ontology (``mgi:``), the instances (``mgid:``) and reused ones.

>>> str(MGI.Finding)
'https://w3id.org/mgi-graph/ontology#Finding'
>>> str(ID["domain/4"])
'https://w3id.org/mgi-graph/id/domain/4'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef

from .namespaces import NAMESPACES, local_name

PREFIXES: dict[str, Namespace] = {prefix: Namespace(iri) for prefix, iri in NAMESPACES.items()}
MGI = PREFIXES["mgi"]
ID = PREFIXES["mgid"]
OA = PREFIXES["oa"]
ORG = PREFIXES["org"]
SCHEMA = PREFIXES["schema"]
WD = PREFIXES["wd"]

__all__ = ["ID", "MGI", "OA", "ORG", "PREFIXES", "SCHEMA", "WD", "domain_iri", "local_name"]


def domain_iri(number: int) -> URIRef:
    """The IRI of MGI domain ``number`` (1-6)."""
    return ID[f"domain/{number}"]
