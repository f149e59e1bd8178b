"""The text of a PDF profile: its pages read in their layout (:mod:`.pdflayout`), flowing
into text (:mod:`.pdfflow`), with where each page begins and the footnotes of each page.

The words of each page, with their positions, sizes and fonts, come from pdfplumber (a
well-kept library over pdfminer.six). The text returned is what is stored as the source and
what quotes and offsets refer to; the original PDF is kept beside it and its SHA-256 recorded;
the page starts and the footnotes go in the document's catalogue record.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mgi_graph.core.errors import InputError
from mgi_graph.ingest import pdfflow, pdflayout
from mgi_graph.ingest.pdflayout import Footnote, Word

PDF_MAGIC = b"%PDF-"

NO_TEXT = (
    "this PDF has no text layer (a scanned image?): nothing to read without OCR; make a "
    "searchable PDF with an OCR tool (for example `ocrmypdf --language eng+spa+fra in.pdf "
    "out.pdf`) and add that"
)


@dataclass(frozen=True)
class PdfReading:
    """What is read from a PDF: the text, the offset in it at which each page begins (page
    1 first), and the footnotes."""

    text: str
    page_starts: tuple[int, ...]
    notes: tuple[Footnote, ...]


def is_pdf(raw: bytes) -> bool:
    """Does ``raw`` start as a PDF file does?

    >>> is_pdf(b"%PDF-1.7 ..."), is_pdf(b"Migration Governance Profile")
    (True, False)
    """
    return raw.startswith(PDF_MAGIC)


def extractor() -> str:
    """The library and version that extract the text (recorded in the catalogue)."""
    import pdfplumber

    return f"pdfplumber {pdfplumber.__version__} (mgi-graph layout reading)"


def read_pdf(path: Path) -> PdfReading:
    """The reading of the PDF at ``path`` (see :mod:`.pdflayout`)."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        with pdfplumber.open(path) as pdf:
            pages = [_words(page) for page in pdf.pages]
            sizes = [(float(page.width), float(page.height)) for page in pdf.pages]
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"cannot read this PDF: {exc}", path=path) from None
    except Exception as exc:  # pdfminer raises many kinds of error on a broken file
        raise InputError(f"cannot read this PDF ({type(exc).__name__}: {exc})", path=path) from None
    reading = layout_reading(pages, sizes)
    if not reading.text.strip():
        raise InputError(NO_TEXT, path=path)
    return reading


def layout_reading(pages: list[list[Word]], sizes: list[tuple[float, float]]) -> PdfReading:
    """The reading of pages given as their words and (width, height)."""
    body = pdflayout.body_size(pages)
    for words in pages:
        pdflayout.mark_footnote_markers(words, body)
    page_rows = [pdflayout.rows(words) for words in pages]
    drop = pdflayout.furniture(page_rows, [h for _, h in sizes])
    lines: list[pdflayout.Line] = []
    notes: list[Footnote] = []
    for p, rows in enumerate(page_rows):
        kept = [row for r, row in enumerate(rows) if (p, r) not in drop]
        kept, page_notes = pdflayout.split_footnotes(kept, body, p + 1)
        notes += [
            pdflayout.Footnote(n.page, n.marker, pdfflow.join_wrapped(n.text.splitlines()))
            for n in page_notes
        ]
        lines += pdflayout.columns(kept, sizes[p][0], p + 1)
    text, starts = pdfflow.compose(lines, body, len(pages))
    return PdfReading(text, starts, tuple(notes))


def _words(page: Any) -> list[Word]:
    """The words of a pdfplumber page, with their size and whether their face is bold."""
    words = page.extract_words(
        keep_blank_chars=False, use_text_flow=False, extra_attrs=["size", "fontname"]
    )
    return [
        Word(
            w["text"],
            float(w["x0"]),
            float(w["x1"]),
            float(w["top"]),
            float(w["bottom"]),
            round(float(w["size"]), 2),
            bold="bold" in str(w["fontname"]).casefold(),
        )
        for w in words
        if w["text"].strip() and w.get("upright", True)
    ]


__all__ = ["NO_TEXT", "PdfReading", "extractor", "is_pdf", "layout_reading", "read_pdf"]
