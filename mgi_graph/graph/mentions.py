"""Text units and the registry entries they name.

Findings are text units already. The article and the news report are cut into paragraphs:
every non-blank line from the catalogue's ``mgi:contentStartLine`` (site navigation before it
is not content). Each unit is matched once against the registry; every hit becomes an
``mgi:Mention`` with its quote, and the unit ``mgi:mentions`` the entry.

>>> from mgi_graph.ingest.sourcetext import SourceText
>>> t = SourceText.from_bytes(b"nav\\n\\nFirst paragraph.\\n  Second.  \\n", "x.txt")
>>> [(s.line, t.text[s.start:s.end]) for s in paragraphs(t, first_line=2)]
[(3, 'First paragraph.'), (4, 'Second.')]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rdflib import Graph, Literal, URIRef

from mgi_graph.core import iris
from mgi_graph.core.namespaces import local_name
from mgi_graph.core.vocab import MGI, OA, PROV, RDF, RDFS, XSD
from mgi_graph.curate.matcher import Matcher
from mgi_graph.graph.assemble import ParsedSource, finding_iri
from mgi_graph.ingest.quotes import add_quote
from mgi_graph.ingest.records import Span
from mgi_graph.ingest.sources import SourceRecord
from mgi_graph.ingest.sourcetext import SourceText


def paragraphs(text: SourceText, first_line: int = 1) -> list[Span]:
    """The non-blank lines from ``first_line`` on, stripped of surrounding blanks."""
    out = []
    for ln in text.lines:
        if ln.number < first_line or not ln.text.strip():
            continue
        lead = len(ln.text) - len(ln.text.lstrip())
        start = ln.start + lead
        out.append(Span(start, start + len(ln.text.strip()), ln.number))
    return out


def paragraph_iri(source: SourceRecord, span: Span) -> URIRef:
    """The IRI of the paragraph on line ``span.line`` of ``source``."""
    return iris.paragraph(source.iri, span.line)


def add_paragraphs(
    g: Graph, record: SourceRecord, text: SourceText, first_line: int
) -> list[tuple[URIRef, Span]]:
    """Add the paragraphs of a document as text units; return them with their spans."""
    units = []
    for number, span in enumerate(paragraphs(text, first_line), start=1):
        p = paragraph_iri(record, span)
        g.add((p, RDF.type, MGI.Paragraph))
        g.add((p, MGI.inDocument, record.iri))
        g.add((p, MGI.line, Literal(span.line, datatype=XSD.integer)))
        g.add((p, MGI.ordinal, Literal(number, datatype=XSD.integer)))
        g.add((p, RDFS.label, Literal(f"{record.file_name}, line {span.line}", lang="en")))
        g.add((p, MGI.hasQuote, add_quote(g, record, text, span)))
        g.add((p, PROV.wasDerivedFrom, record.iri))
        units.append((p, span))
    return units


def link_mentions(
    g: Graph,
    matcher: Matcher,
    entries: dict[str, URIRef],
    record: SourceRecord,
    text: SourceText,
    units: Iterable[tuple[URIRef, Span]],
) -> int:
    """Match each unit once; add a mention per hit. Return the number of mentions."""
    country = local_name(record.country) if record.country is not None else None
    count = 0
    for unit, span in units:
        segment = text.text[span.start : span.end]
        where = f"{record.file_name}:{span.line}"
        for hit in matcher.find(segment, country=country, where=where, source=record.key):
            start = span.start + hit.start
            at = Span(start, span.start + hit.end, text.line_of(start))
            m = iris.mention(record.iri, at.start, at.end)
            quote = add_quote(g, record, text, at)
            g.add((m, RDF.type, MGI.Mention))
            g.add((m, MGI.mentionIn, unit))
            g.add((m, MGI.hasQuote, quote))
            # The same, as a Web Annotation: the entry identified in the quoted span.
            g.add((m, OA.hasTarget, quote))
            g.add((m, OA.motivatedBy, OA.identifying))
            for key in hit.keys:
                g.add((m, MGI.refersTo, entries[key]))
                g.add((m, OA.hasBody, entries[key]))
                g.add((unit, MGI.mentions, entries[key]))
            count += 1
    return count


def finding_units(ps: ParsedSource) -> list[tuple[URIRef, Span]]:
    """The findings of one profile document as text units."""
    assert ps.record.profile is not None
    return [(finding_iri(ps.record.profile, f), f.span) for f in ps.profile.findings]


def add_text_units(
    g: Graph,
    knowledge: Graph,
    matcher: Matcher,
    entries: dict[str, URIRef],
    profiles: Sequence[ParsedSource],
    others: Sequence[tuple[SourceRecord, SourceText]],
) -> int:
    """Paragraphs for the non-profile documents, and mentions in every unit."""
    count = 0
    for ps in profiles:
        count += link_mentions(g, matcher, entries, ps.record, ps.text, finding_units(ps))
    for record, text in others:
        start = knowledge.value(record.iri, MGI.contentStartLine)
        units = add_paragraphs(g, record, text, int(str(start)) if start is not None else 1)
        count += link_mentions(g, matcher, entries, record, text, units)
    return count


__all__ = ["add_paragraphs", "add_text_units", "link_mentions", "paragraph_iri", "paragraphs"]
