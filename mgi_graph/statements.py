"""Curated statements with evidence: ``data/statements.ttl`` → located, quoted statements.

Each curated statement names a subject, a predicate and an object, and one or more pieces of
evidence: a source document and the exact text in it. The build finds each text in its source
(it must occur exactly once), turns it into a quote with character offsets, and adds the
statement (``rdf:subject``/``rdf:predicate``/``rdf:object`` plus its quotes) and the relation
itself as a plain triple. A text that is not in its source stops the build with the
statement's IRI and the text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS

from .assemble import add_quote
from .errors import InputError
from .knowledge import SourceRecord, load_turtle
from .paths import STATEMENTS_FILE
from .profile_parser import Span
from .sourcetext import SourceText
from .vocab import MGI

#: Properties a curated statement may carry besides its triple and its evidence.
QUALIFIERS = (DCTERMS.date, MGI.effectiveFrom, SKOS.scopeNote)


@dataclass(frozen=True)
class Evidence:
    """One located piece of evidence."""

    source: SourceRecord
    span: Span


def add_statements(
    g: Graph,
    knowledge: Graph,
    sources: Mapping[URIRef, tuple[SourceRecord, SourceText]],
    path: Path = STATEMENTS_FILE,
) -> int:
    """Add every curated statement of ``path`` to ``g``; return how many there are."""
    curated = load_turtle(path)
    raw = path.read_text(encoding="utf-8")
    count = 0
    for st in sorted(curated.subjects(RDF.type, MGI.Statement)):
        if not isinstance(st, URIRef):
            raise InputError("a statement needs an IRI, not a blank node", path=path)
        s, p, o = (curated.value(st, prop) for prop in (RDF.subject, RDF.predicate, RDF.object))
        if s is None or p is None or o is None:
            raise InputError(
                f"statement {st} needs rdf:subject, rdf:predicate and rdf:object",
                path=path,
                line=_line_of(raw, _local(st)),
            )
        for node in (s, o):
            if isinstance(node, URIRef) and (node, RDF.type, None) not in knowledge:
                raise InputError(
                    f"statement {st} refers to {node}, which is neither a registry entry nor "
                    "a country",
                    path=path,
                    line=_line_of(raw, _local(st)),
                )
        if (p, RDF.type, None) not in knowledge:
            raise InputError(
                f"statement {st} uses the predicate {p}, which the ontology does not define",
                path=path,
                line=_line_of(raw, _local(st)),
            )
        evidence = sorted(curated.objects(st, MGI.evidence))
        if not evidence:
            raise InputError(
                f"statement {st} has no evidence", path=path, line=_line_of(raw, _local(st))
            )
        g.add((st, RDF.type, MGI.Statement))
        g.add((st, RDF.type, RDF.Statement))
        g.add((st, RDF.subject, s))
        g.add((st, RDF.predicate, p))
        g.add((st, RDF.object, o))
        g.add((s, p, o))  # type: ignore[arg-type]
        for q in QUALIFIERS:
            for v in curated.objects(st, q):
                g.add((st, q, v))
        for ev in evidence:
            located = _locate(curated, st, ev, sources, path, raw)
            quote = add_quote(g, located.source, sources[located.source.iri][1], located.span)
            g.add((st, MGI.hasQuote, quote))
            g.add((st, PROV.wasDerivedFrom, located.source.iri))
        count += 1
    return count


def _locate(
    curated: Graph,
    st: URIRef,
    ev: object,
    sources: Mapping[URIRef, tuple[SourceRecord, SourceText]],
    path: Path,
    raw: str,
) -> Evidence:
    src, text = curated.value(ev, MGI.inSource), curated.value(ev, MGI.quotedText)  # type: ignore[arg-type]
    if not isinstance(text, Literal) or src not in sources:
        raise InputError(
            f"statement {st}: each piece of evidence needs mgi:inSource (a catalogued source) "
            f"and mgi:quotedText; found source {src}",
            path=path,
            line=_line_of(raw, _local(st)),
        )
    quoted = str(text)
    record, source = sources[src]  # type: ignore[index]
    start = source.text.find(quoted)
    line = _line_of(raw, quoted[:60]) or _line_of(raw, _local(st))
    if not quoted.strip() or start < 0:
        raise InputError(
            f"statement {st}: the quoted text does not occur in {record.file_name}: {quoted!r}",
            path=path,
            line=line,
        )
    if source.text.find(quoted, start + 1) >= 0:
        raise InputError(
            f"statement {st}: the quoted text occurs more than once in {record.file_name}; "
            f"quote more of it: {quoted!r}",
            path=path,
            line=line,
        )
    end = start + len(quoted)
    return Evidence(record, Span(start, end, source.line_of(start)))


def _local(iri: URIRef) -> str:
    return str(iri).rsplit("/", 1)[-1]


def _line_of(raw: str, needle: str) -> int | None:
    pos = raw.find(needle)
    return raw.count("\n", 0, pos) + 1 if pos >= 0 else None


__all__ = ["add_statements"]
