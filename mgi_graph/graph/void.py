"""A VoID and DCAT description of the built dataset (``build/void.ttl``).

Title, licence, publisher and rights per source, the sources, the creation date, the triple
count, every class and property with its count, a public SPARQL endpoint only when one is
given, example resources, the downloadable files with their download URLs, and one
``void:Linkset`` per external dataset (from
``data/linksets.toml``) with its number of links. The creation date is the day of
``SOURCE_DATE_EPOCH`` when it is set (a release); without it there is none, since a build
of the same inputs must give the same bytes on any day.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef

from mgi_graph.core import iris
from mgi_graph.core.errors import InputError
from mgi_graph.core.iris import DATASET
from mgi_graph.core.paths import home
from mgi_graph.core.tomlfile import read_toml
from mgi_graph.core.vocab import (
    DCAT,
    DCTERMS,
    FOAF,
    ID,
    MGI,
    OWL,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    VOID,
    XSD,
    ordered,
)
from mgi_graph.store.serialize import Counts, count_graph

#: The predicates of links to other datasets: identity (schema:sameAs, or owl:sameAs),
#: a match between concepts (skos:exactMatch), a web page about it (rdfs:seeAlso).
LINK_PREDICATES = (SCHEMA.sameAs, OWL.sameAs, SKOS.exactMatch, RDFS.seeAlso)


@dataclass(frozen=True)
class DatasetInfo:
    """What the description says of the dataset itself (``data/dataset.toml``)."""

    title: str
    description: str
    rights: str
    examples: tuple[str, ...]
    #: Each file the graph is written to, and its media type.
    distributions: dict[str, str]
    license: str | None = None
    #: The publisher's name and home page.
    publisher: tuple[str, str] | None = None
    #: A public SPARQL endpoint, when there is one.
    sparql_endpoint: str | None = None
    #: Where the files can be downloaded from (a file's name after it).
    download_base: str | None = None


def load_dataset_info(path: Path | None = None) -> DatasetInfo:
    """The dataset's title, description, rights, endpoint, examples and files.

    >>> info = load_dataset_info()
    >>> info.distributions["mgi-graph.nt"]
    'application/n-triples'
    """
    path = path or home().knowledge("data/dataset.toml")
    data = read_toml(path, "dataset description")
    try:
        publisher = data.get("publisher")
        return DatasetInfo(
            title=str(data["title"]),
            description=str(data["description"]),
            rights=str(data["rights"]),
            examples=tuple(str(e) for e in data["examples"]),
            distributions={str(k): str(v) for k, v in data["distributions"].items()},
            license=_optional(data, "license"),
            publisher=(str(publisher["name"]), str(publisher["homepage"])) if publisher else None,
            sparql_endpoint=_optional(data, "sparql_endpoint"),
            download_base=_optional(data, "download_base"),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise InputError(f"the dataset description lacks or mistypes {exc}", path=path) from None


def _optional(data: dict[str, object], key: str) -> str | None:
    value = data.get(key)
    return None if value is None else str(value)


@dataclass(frozen=True)
class ExternalDataset:
    key: str
    title: str
    prefix: str
    homepage: str


def load_linksets(path: Path | None = None) -> list[ExternalDataset]:
    """The external datasets the graph may link to."""
    path = path or home().knowledge("data/linksets.toml")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return [ExternalDataset(**d) for d in data["dataset"]]
    except (OSError, KeyError, TypeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"cannot read the linkset table: {exc}", path=path) from None


def creation_date() -> dt.date | None:
    """``SOURCE_DATE_EPOCH`` as a UTC date if set, else None.

    >>> saved = os.environ.pop("SOURCE_DATE_EPOCH", None)
    >>> creation_date() is None
    True
    >>> os.environ["SOURCE_DATE_EPOCH"] = "1763856000"; creation_date()
    datetime.date(2025, 11, 23)
    >>> _ = os.environ.pop("SOURCE_DATE_EPOCH")
    >>> os.environ.update({"SOURCE_DATE_EPOCH": saved} if saved else {})
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return None


def external_links(g: Graph) -> list[tuple[URIRef, URIRef, URIRef]]:
    """Every triple of ``g`` that links to an IRI outside the project's namespaces."""
    return sorted(
        (s, p, o)  # type: ignore[misc]
        for p in LINK_PREDICATES
        for s, o in g.subject_objects(p)
        if isinstance(o, URIRef) and not str(o).startswith("https://w3id.org/mgi-graph/")
    )


def describe_dataset(
    g: Graph,
    endpoint: str | None = None,
    counts: Counts | None = None,
    files: Collection[str] | None = None,
) -> Graph:
    """The VoID/DCAT description of ``g``; ``endpoint`` its SPARQL endpoint if not the one
    ``data/dataset.toml`` names; ``counts`` are its counts when already made (see
    :func:`mgi_graph.store.serialize.count_graph`); ``files``: the files the build writes,
    of which those ``data/dataset.toml`` lists are its distributions (all it lists if None)."""
    if counts is None:
        counts = count_graph(g)
    info = load_dataset_info()
    d = Graph()
    for prefix, ns in (("void", VOID), ("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF)):
        d.bind(prefix, ns)
    d.bind("mgid", ID)
    part = Namespace(f"{DATASET}/")
    d.add((DATASET, RDF.type, VOID.Dataset))
    d.add((DATASET, RDF.type, DCAT.Dataset))
    d.add((DATASET, DCTERMS.title, Literal(info.title, lang="en")))
    d.add((DATASET, DCTERMS.description, Literal(info.description, lang="en")))
    created = creation_date()
    if created is not None:
        d.add((DATASET, DCTERMS.created, Literal(created.isoformat(), datatype=XSD.date)))
    d.add((DATASET, DCTERMS.rights, Literal(info.rights, lang="en")))
    d.add((DATASET, VOID.triples, Literal(counts.triples, datatype=XSD.integer)))
    d.add((DATASET, VOID.entities, Literal(counts.subjects, datatype=XSD.integer)))
    if endpoint or info.sparql_endpoint:
        d.add((DATASET, VOID.sparqlEndpoint, URIRef(endpoint or info.sparql_endpoint or "")))
    if info.license:
        d.add((DATASET, DCTERMS.license, URIRef(info.license)))
    if info.publisher:
        agent = part["publisher"]
        d.add((DATASET, DCTERMS.publisher, agent))
        d.add((agent, RDF.type, FOAF.Agent))
        d.add((agent, FOAF.name, Literal(info.publisher[0])))
        d.add((agent, FOAF.homepage, URIRef(info.publisher[1])))
    for base in iris.bases():  # the project's, and the corpus's own (init --base)
        d.add((DATASET, VOID.uriSpace, Literal(base)))
    d.add((DATASET, VOID.vocabulary, URIRef(str(MGI))))
    for key in info.examples:
        d.add((DATASET, VOID.exampleResource, iris.entry(key)))
    for source in ordered(g.subjects(RDF.type, MGI.SourceDocument)):
        d.add((DATASET, DCTERMS.source, source))
        for p in (DCTERMS.title, DCTERMS.rights, DCTERMS.publisher, DCTERMS.issued):
            for v in g.objects(source, p):
                d.add((source, p, v))
    for name, media in info.distributions.items():
        if files is not None and name not in files:
            continue
        dist = part[f"distribution/{name}"]
        d.add((DATASET, DCAT.distribution, dist))
        d.add((dist, RDF.type, DCAT.Distribution))
        d.add((dist, DCAT.mediaType, Literal(media)))
        d.add((dist, DCTERMS.title, Literal(name)))
        d.add((dist, DCTERMS.identifier, Literal(name)))
        if info.download_base:
            d.add((dist, DCAT.downloadURL, URIRef(info.download_base + name)))
        if info.license:
            d.add((dist, DCTERMS.license, URIRef(info.license)))
    for cls, n in sorted(counts.classes.items()):
        cp = part[f"class/{_slug(cls)}"]
        d.add((DATASET, VOID.classPartition, cp))
        d.add((cp, VOID["class"], URIRef(cls)))
        d.add((cp, VOID.entities, Literal(n, datatype=XSD.integer)))
    for prop, n in sorted(counts.predicates.items()):
        pp = part[f"property/{_slug(prop)}"]
        d.add((DATASET, VOID.propertyPartition, pp))
        d.add((pp, VOID.property, URIRef(prop)))
        d.add((pp, VOID.triples, Literal(n, datatype=XSD.integer)))
    links = external_links(g)
    for ext in load_linksets():
        n = sum(1 for _, _, o in links if str(o).startswith(ext.prefix))
        if not n:
            continue
        target = part[f"external/{ext.key}"]
        ls = part[f"linkset/{ext.key}"]
        d.add((target, RDF.type, VOID.Dataset))
        d.add((target, DCTERMS.title, Literal(ext.title, lang="en")))
        d.add((target, FOAF.homepage, URIRef(ext.homepage)))
        d.add((target, VOID.uriSpace, Literal(ext.prefix)))
        d.add((DATASET, VOID.subset, ls))
        d.add((ls, RDF.type, VOID.Linkset))
        d.add((ls, VOID.subjectsTarget, DATASET))
        d.add((ls, VOID.objectsTarget, target))
        for pred in sorted({p for _, p, o in links if str(o).startswith(ext.prefix)}):
            d.add((ls, VOID.linkPredicate, pred))
        d.add((ls, VOID.triples, Literal(n, datatype=XSD.integer)))
    return d


def _slug(iri: str) -> str:
    s = str(iri)
    for ch in "#/:.":
        s = s.replace(ch, "-")
    return "".join(c for c in s.lower() if c.isalnum() or c == "-").strip("-")


__all__ = [
    "DATASET",
    "DatasetInfo",
    "describe_dataset",
    "external_links",
    "load_dataset_info",
    "load_linksets",
]
