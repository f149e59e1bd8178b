"""The proposals of a corpus as documents are added to it: the names each document gives
that no registry entry nor earlier proposal of their jurisdiction covers (see
:mod:`mgi_graph.curate.proposals`), rejected names never proposed again.

The registry and its matcher are built once for a whole batch of documents, and each
document's new proposals join the matcher as they are made, so adding n documents costs n
times one document's work, not n times the corpus's.
"""

from __future__ import annotations

from mgi_graph.curate.matcher import Matcher, Name
from mgi_graph.curate.proposals import Proposal, propose
from mgi_graph.ingest.sourcetext import SourceText


class CorpusProposals:
    """The corpus's proposals, ``held`` at the start of a batch, with those of each document
    added since merged in."""

    def __init__(self, held: list[Proposal]) -> None:
        from mgi_graph.curate.registry import Registry
        from mgi_graph.graph.assemble import knowledge_graph

        self.registry = Registry.from_graph(knowledge_graph())
        self.by_iri = {p.iri: p for p in held}
        self.rejected = {p.label.casefold() for p in held if p.status == "rejected"}
        self.taken = set(self.registry.entries) | set(self.by_iri)
        self.changed = False
        self._matcher: Matcher | None = None

    @property
    def matcher(self) -> Matcher:
        """The registry's names and the live proposals' (made on first use, and again after
        :meth:`drop_evidence_of`)."""
        if self._matcher is None:
            names = list(self.registry.names)
            for p in self.by_iri.values():
                names.extend(_names(p))
            self._matcher = Matcher(names, self.registry.countries)
        return self._matcher

    def drop_evidence_of(self, source_key: str) -> None:
        """Forget what the document ``source_key`` (being replaced) gave."""
        from mgi_graph.corpus.remove import without

        self.by_iri = {p.iri: p for p in without(list(self.by_iri.values()), source_key)}
        self.taken = set(self.registry.entries) | set(self.by_iri)
        self._matcher = None
        self.changed = True

    def add(
        self,
        source: SourceText,
        units: list[tuple[str, int, int, int]],
        country: str,
        lang: str,
    ) -> list[Proposal]:
        """Propose the names of a new document's ``units`` (source IRI, start, end, line), in
        language ``lang``; merge them in and return them."""
        new = [
            p
            for p in propose(units, source.text, self.matcher, country, self.taken, lang)
            if p.label.casefold() not in self.rejected
        ]
        for p in new:
            self.by_iri[p.iri] = p
            for name in _names(p):
                self.matcher.add(name)
        self.changed = self.changed or bool(new)
        return new

    def all(self) -> list[Proposal]:
        """Every proposal, in the order of their IRIs."""
        return [self.by_iri[k] for k in sorted(self.by_iri)]


def _names(p: Proposal) -> list[Name]:
    """The names a live proposal adds to the matcher (none if rejected or merged)."""
    if p.status == "rejected" or p.merged_into:
        return []
    return [Name(label, p.iri, p.jurisdiction) for label in p.names]


__all__ = ["CorpusProposals"]
