"""Evidence in the curated files: a source and the exact text in it, located as a quote.

Curated statements, developments, finding updates and figures all support themselves the same
way: ``mgi:evidence [ mgi:inSource <source> ; mgi:quotedText "…" ]``. The text must occur
exactly once in its source; the build turns it into a quote with character offsets, or stops
with the record's IRI, the text, and the line of the curated file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from mgi_graph.core.errors import InputError
from mgi_graph.core.vocab import MGI, PROV, ordered
from mgi_graph.ingest.quotes import add_quote
from mgi_graph.ingest.records import Span
from mgi_graph.ingest.sources import SourceRecord
from mgi_graph.ingest.sourcetext import SourceText

Sources = Mapping[URIRef, tuple[SourceRecord, SourceText]]


@dataclass(frozen=True)
class Evidence:
    """One located piece of evidence."""

    source: SourceRecord
    span: Span
    text: str


class CuratedFile:
    """A curated Turtle file, parsed, with its text for locating errors by line."""

    def __init__(self, graph: Graph, path: Path) -> None:
        self.graph = graph
        self.path = path
        self.raw = path.read_text(encoding="utf-8")

    def line_of(self, needle: str) -> int | None:
        """The line of the first occurrence of ``needle`` in the file, if any.

        >>> import tempfile
        >>> p = Path(tempfile.mkdtemp()) / "x.ttl"
        >>> _ = p.write_text("a\\nb c\\n", encoding="utf-8")
        >>> CuratedFile(Graph(), p).line_of("c")
        2
        """
        pos = self.raw.find(needle)
        return self.raw.count("\n", 0, pos) + 1 if pos >= 0 else None

    def line_of_record(self, iri: Node) -> int | None:
        return self.line_of(local(iri))

    def error(self, iri: Node, message: str, needle: str | None = None) -> InputError:
        """An input error about record ``iri``, at the line of ``needle`` or of the record."""
        line = (self.line_of(needle) if needle else None) or self.line_of_record(iri)
        return InputError(f"{local_kind(iri)} {iri}: {message}", path=self.path, line=line)

    def evidence(self, iri: Node, sources: Sources) -> list[Evidence]:
        """Every piece of evidence of record ``iri``, located; at least one is required."""
        nodes = ordered(self.graph.objects(iri, MGI.evidence))
        if not nodes:
            raise self.error(
                iri, "has no evidence (mgi:evidence [ mgi:inSource …; mgi:quotedText … ])"
            )
        return [self._locate(iri, ev, sources) for ev in nodes]

    def _locate(self, iri: Node, ev: Node, sources: Sources) -> Evidence:
        src = self.graph.value(ev, MGI.inSource)
        text = self.graph.value(ev, MGI.quotedText)
        if not isinstance(text, Literal) or src not in sources:
            raise self.error(
                iri,
                "each piece of evidence needs mgi:inSource (a catalogued source) and "
                f"mgi:quotedText; found source {src}",
            )
        quoted = str(text)
        record, source = sources[src]  # type: ignore[index]
        start = source.text.find(quoted)
        if not quoted.strip() or start < 0:
            raise self.error(
                iri,
                f"the quoted text does not occur in {record.file_name}: {quoted!r}",
                needle=quoted[:60],
            )
        if source.text.find(quoted, start + 1) >= 0:
            raise self.error(
                iri,
                f"the quoted text occurs more than once in {record.file_name}; quote more of "
                f"it: {quoted!r}",
                needle=quoted[:60],
            )
        end = start + len(quoted)
        return Evidence(record, Span(start, end, source.line_of(start)), quoted)


def add_evidence(g: Graph, iri: URIRef, located: list[Evidence], sources: Sources) -> None:
    """Give ``iri`` a quote (``mgi:hasQuote``) and a source (``prov:wasDerivedFrom``) for each
    piece of evidence."""
    for ev in located:
        quote = add_quote(g, ev.source, sources[ev.source.iri][1], ev.span)
        g.add((iri, MGI.hasQuote, quote))
        g.add((iri, PROV.wasDerivedFrom, ev.source.iri))


def local(iri: Node) -> str:
    """The last path segment of an IRI."""
    return str(iri).rsplit("/", 1)[-1]


def local_kind(iri: Node) -> str:
    """What a record is, from its IRI: statement, development, update, observation…

    >>> local_kind(URIRef("https://w3id.org/mgi-graph/id/development/kz-2020-evisa"))
    'development'
    """
    parts = str(iri).split("/id/", 1)
    return parts[1].split("/", 1)[0] if len(parts) == 2 else "record"


__all__ = ["CuratedFile", "Evidence", "Sources", "add_evidence"]
