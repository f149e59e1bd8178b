"""``curation/links.ttl``: the Wikidata items proposed for a corpus's entries, each with its
evidence (the item's label, description, classes and countries), its score, and the decision
on it: proposed, accepted (by the researcher, or by the strict rule, which says so) or
rejected, with the day it was decided. The build puts the accepted ones in the graph
(:func:`add_links`): the identity link (``schema:sameAs``) and the candidate record it rests
on."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from mgi_graph.core import iris
from mgi_graph.core.errors import InputError
from mgi_graph.core.rdffiles import load_turtle
from mgi_graph.core.vocab import DCTERMS, MGI, RDF, RDFS, SCHEMA, SKOS, XSD, ordered

STATUSES = ("proposed", "accepted", "rejected")
DECIDERS = ("rule", "researcher")


@dataclass(frozen=True)
class Link:
    """One candidate and the decision on it."""

    entry: str
    item: str
    label: str
    description: str
    classes: tuple[str, ...]
    countries: tuple[str, ...]
    score: int
    status: str = "proposed"
    decided_by: str | None = None
    date: str | None = None

    @property
    def key(self) -> str:
        """What ``link --accept`` and ``--reject`` name it by: ``ENTRY=QID``."""
        return f"{iris.key_of(self.entry)}={self.item.rsplit('/', 1)[-1]}"

    def triples(self) -> list[tuple[URIRef, URIRef, object]]:
        node = iris.link_candidate(self.entry, self.item.rsplit("/", 1)[-1])
        out: list[tuple[URIRef, URIRef, object]] = [
            (node, RDF.type, MGI.LinkCandidate),
            (node, MGI.linkFrom, URIRef(self.entry)),
            (node, MGI.linkTo, URIRef(self.item)),
            (node, MGI.candidateScore, Literal(self.score, datatype=XSD.integer)),
            (node, MGI.linkStatus, iris.concept("review", self.status)),
        ]
        if self.label:
            out.append((node, RDFS.label, Literal(self.label, lang="en")))
        if self.description:
            out.append((node, SKOS.scopeNote, Literal(self.description, lang="en")))
        out += [(node, MGI.candidateClass, Literal(c)) for c in self.classes]
        out += [(node, MGI.candidateCountry, Literal(c)) for c in self.countries]
        if self.decided_by is not None:
            out.append((node, MGI.decidedBy, Literal(self.decided_by)))
        if self.date is not None:
            out.append((node, DCTERMS.date, Literal(self.date, datatype=XSD.date)))
        return out


def read(path: Path) -> list[Link]:
    """The links of ``path`` (none if it does not exist), in key order."""
    if not path.is_file():
        return []
    g = load_turtle(path)
    out = []
    for node in ordered(g.subjects(RDF.type, MGI.LinkCandidate)):

        def one(p: URIRef, node: Node = node) -> str | None:
            v = g.value(node, p)
            return None if v is None else str(v)

        entry, item, status = one(MGI.linkFrom), one(MGI.linkTo), one(MGI.linkStatus)
        if entry is None or item is None or status is None:
            raise InputError(
                f"{node}: a link candidate needs mgi:linkFrom, mgi:linkTo and mgi:linkStatus",
                path=path,
            )
        status = status.rsplit("/", 1)[-1]
        decided = one(MGI.decidedBy)
        if status not in STATUSES or (decided is not None and decided not in DECIDERS):
            raise InputError(f"{node}: status {status!r} or decider {decided!r} unknown", path=path)
        out.append(
            Link(
                entry,
                item,
                one(RDFS.label) or "",
                one(SKOS.scopeNote) or "",
                tuple(sorted(str(v) for v in g.objects(node, MGI.candidateClass))),
                tuple(sorted(str(v) for v in g.objects(node, MGI.candidateCountry))),
                int(one(MGI.candidateScore) or 0),
                status,
                decided,
                one(DCTERMS.date),
            )
        )
    return sorted(out, key=lambda link: link.key)


def render(links: Iterable[Link]) -> str:
    """The Turtle of ``links``, the same text for the same links."""
    g = Graph()
    for prefix, ns in (("mgi", MGI), ("schema", SCHEMA), ("skos", SKOS), ("dcterms", DCTERMS)):
        g.bind(prefix, ns)
    g.bind("wd", "http://www.wikidata.org/entity/")
    for link in links:
        for t in link.triples():
            g.add(t)  # type: ignore[arg-type]
    head = (
        "# Wikidata items proposed for this corpus's entries by `mgi-graph link`, with the\n"
        "# decision on each: settle them with `mgi-graph link --accept KEY` / `--reject KEY`.\n"
    )
    return head + g.serialize(format="turtle")


def add_links(g: Graph, path: Path) -> int:
    """Add the accepted links of ``path`` to ``g``: the identity link and the record it
    rests on (who decided, when, on what evidence); return how many."""
    accepted = [link for link in read(path) if link.status == "accepted"]
    for link in accepted:
        for t in link.triples():
            g.add(t)  # type: ignore[arg-type]
        g.add((URIRef(link.entry), SCHEMA.sameAs, URIRef(link.item)))
    return len(accepted)


__all__ = ["DECIDERS", "STATUSES", "Link", "add_links", "read", "render"]
