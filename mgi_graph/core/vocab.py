"""Namespaces of the graph: the ontology (``mgi:``), the instances (``mgid:``) and reused ones.

>>> str(MGI.Finding)
'https://w3id.org/mgi-graph/ontology#Finding'
>>> str(ID["domain/4"])
'https://w3id.org/mgi-graph/id/domain/4'

Every module takes its vocabulary terms from here, the W3C ones included (``RDF.type``,
``XSD.integer``…), so that each term is one object (see :class:`Terms`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar, cast

from rdflib import Namespace, URIRef
from rdflib import namespace as _rdflib
from rdflib.term import Node

from mgi_graph.core.namespaces import NAMESPACES, local_name


class Terms(Namespace):
    """A namespace whose terms, read as attributes, are made once and kept.

    rdflib's ``Namespace`` makes a new ``URIRef`` at each ``MGI.Finding``, and the graph's
    dictionaries then compare it with the stored one character by character; with one object
    per term they find it by identity. Assembling the ×100 graph takes about a quarter less.
    For a namespace rdflib defines (``RDF``, ``XSD``…) the terms are rdflib's own, so a name
    it does not define is still an error. Item access (``ID["domain/4"]``), used for the
    instances, makes a new term each time, as rdflib's does: those are not kept.

    >>> MGI.Finding is MGI.Finding, RDF.type is RDF.type, RDF.type == _rdflib.RDF.type
    (True, True, True)
    >>> RDF.typo
    Traceback (most recent call last):
    ...
    AttributeError: term 'typo' not in namespace 'http://www.w3.org/1999/02/22-rdf-syntax-ns#'
    """

    def __new__(cls, iri: str, defined: type[_rdflib.DefinedNamespace] | None = None) -> Terms:
        ns = cast("Terms", super().__new__(cls, iri))
        ns.__dict__["_defined"] = defined
        return ns

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("_"):  # no term starts so; probes (doctest's _mock_name) get none
            raise AttributeError(name)
        defined = self.__dict__["_defined"]
        term = getattr(defined, name) if defined is not None else self.term(name)
        term = self.__dict__[name] = _INTERNED.setdefault(str(term), term)
        return term


#: One term object per IRI, shared by :class:`Terms` and :func:`iri`.
_INTERNED: dict[str, URIRef] = {}


def iri(value: str) -> URIRef:
    """The one ``URIRef`` for ``value``, the same object each time (and the same as
    :class:`Terms` give): for the IRIs of the knowledge files, which the build then looks
    up by the terms of its namespaces.

    >>> iri(str(MGI.Finding)) is MGI.Finding, iri("http://example.org/a") is iri("http://example.org/a")
    (True, True)
    """
    term = _INTERNED.get(value)
    if term is None:
        term = _INTERNED[value] = URIRef(value)
    return term


N = TypeVar("N", bound=Node)


def ordered(nodes: Iterable[N]) -> list[N]:
    """``nodes`` sorted in rdflib's order of terms (the order ``sorted`` gives them), which
    rdflib's type hints do not declare.

    >>> ordered([iri("http://x/b"), iri("http://x/a")])
    [rdflib.term.URIRef('http://x/a'), rdflib.term.URIRef('http://x/b')]
    """
    return sorted(cast("Iterable[Any]", nodes))


def _defined(ns: type[_rdflib.DefinedNamespace]) -> Terms:
    return Terms(str(ns), ns)


DCAT = _defined(_rdflib.DCAT)
DCTERMS = _defined(_rdflib.DCTERMS)
FOAF = _defined(_rdflib.FOAF)
OWL = _defined(_rdflib.OWL)
PROV = _defined(_rdflib.PROV)
RDF = _defined(_rdflib.RDF)
RDFS = _defined(_rdflib.RDFS)
SH = _defined(_rdflib.SH)
SKOS = _defined(_rdflib.SKOS)
VOID = _defined(_rdflib.VOID)
XSD = _defined(_rdflib.XSD)

_DEFINED = {str(ns): ns for ns in (DCAT, DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SH, SKOS, VOID, XSD)}
#: The namespace of every prefix: rdflib's definition where it has one (``PREFIXES["rdf"] is
#: RDF``), else an open one.
PREFIXES: dict[str, Terms] = {
    prefix: _DEFINED.get(iri) or Terms(iri) for prefix, iri in NAMESPACES.items()
}
MGI = PREFIXES["mgi"]
ID = PREFIXES["mgid"]
ELI = PREFIXES["eli"]
OA = PREFIXES["oa"]
ORG = PREFIXES["org"]
SCHEMA = PREFIXES["schema"]
WD = PREFIXES["wd"]

__all__ = [
    "DCAT",
    "DCTERMS",
    "ELI",
    "FOAF",
    "ID",
    "MGI",
    "OA",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SH",
    "SKOS",
    "VOID",
    "WD",
    "XSD",
    "Terms",
    "iri",
    "local_name",
]
