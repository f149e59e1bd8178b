"""A quoted passage of a source in RDF: a Web Annotation specific resource with the exact
text, its context, and its character offsets; for a source read from a PDF, the page.

Its IRI comes from the source's key and the span: ``quote/<source key>/<start>-<end>``.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from mgi_graph.core import iris
from mgi_graph.core.vocab import MGI, OA, RDF, XSD
from mgi_graph.ingest.records import Span
from mgi_graph.ingest.sources import SourceRecord
from mgi_graph.ingest.sourcetext import SourceText

__all__ = ["CONTEXT_CHARS", "add_quote", "quote_iri"]

#: Characters of context kept before and after a quote (Web Annotation prefix and suffix).
CONTEXT_CHARS = 32


def quote_iri(source: SourceRecord, span: Span) -> URIRef:
    """The IRI of the passage ``span`` of ``source``."""
    return iris.quote(source.iri, span.start, span.end)


def add_quote(
    g: Graph,
    source: SourceRecord,
    text: SourceText,
    span: Span,
    *,
    assignment: str | None = None,
    note: str | None = None,
) -> URIRef:
    """Add a Web Annotation specific resource quoting ``span`` of ``source``; return its IRI."""
    q = quote_iri(source, span)
    exact = text.text[span.start : span.end]
    sel_text, sel_pos = URIRef(f"{q}#text"), URIRef(f"{q}#position")
    g.add((q, RDF.type, MGI.Quote))
    g.add((q, RDF.type, OA.SpecificResource))
    g.add((q, OA.hasSource, source.iri))
    g.add((q, OA.hasSelector, sel_text))
    g.add((q, OA.hasSelector, sel_pos))
    g.add((q, MGI.line, Literal(span.line, datatype=XSD.integer)))
    page = source.page_of(span.start)
    if page is not None:
        g.add((q, MGI.page, Literal(page, datatype=XSD.integer)))
    if assignment:
        g.add((q, MGI.domainAssignment, iris.concept("assignment", assignment)))
    if note:
        g.add((q, MGI.parserNote, Literal(note, lang="en")))
    g.add((sel_text, RDF.type, OA.TextQuoteSelector))
    g.add((sel_text, OA.exact, Literal(exact)))
    g.add(
        (sel_text, OA.prefix, Literal(text.text[max(0, span.start - CONTEXT_CHARS) : span.start]))
    )
    g.add((sel_text, OA.suffix, Literal(text.text[span.end : span.end + CONTEXT_CHARS])))
    g.add((sel_pos, RDF.type, OA.TextPositionSelector))
    g.add((sel_pos, OA.start, Literal(span.start, datatype=XSD.integer)))
    g.add((sel_pos, OA.end, Literal(span.end, datatype=XSD.integer)))
    return q
