"""The proposals of a corpus with those of a document being added merged in: the names the
document gives that no registry entry nor earlier proposal of their jurisdiction covers (see
:mod:`mgi_graph.curate.proposals`), rejected names never proposed again."""

from __future__ import annotations

from mgi_graph.curate.proposals import Proposal, propose
from mgi_graph.ingest.sourcetext import SourceText


def corpus_proposals(
    held: list[Proposal],
    source: SourceText,
    units: list[tuple[str, int, int, int]],
    country: str,
    lang: str,
) -> list[Proposal]:
    """The corpus's proposals ``held`` with those of the new document's ``units`` (source
    IRI, start, end, line), in language ``lang``, merged in."""
    from mgi_graph.curate.registry import Registry
    from mgi_graph.graph.assemble import knowledge_graph

    g = knowledge_graph()
    registry = Registry.from_graph(g)
    taken = set(registry.entries) | {p.iri for p in held}
    from mgi_graph.curate.matcher import Matcher, Name

    names = list(registry.names)
    for p in held:
        if p.status == "rejected" or p.merged_into:
            continue
        for label in p.names:
            names.append(Name(label, p.iri, p.jurisdiction))
    rejected = {p.label.casefold() for p in held if p.status == "rejected"}
    matcher = Matcher(names, registry.countries)
    new = propose(units, source.text, matcher, country, taken, lang)
    by_iri = {p.iri: p for p in held}
    for p in new:
        if p.label.casefold() not in rejected:
            by_iri[p.iri] = p
    return [by_iri[k] for k in sorted(by_iri)]


__all__ = ["corpus_proposals"]
