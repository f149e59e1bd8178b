"""Reading a document ``add`` is given: its text (extracted from a PDF) and its language."""

from __future__ import annotations

import re
from pathlib import Path

from mgi_graph.core.errors import InputError
from mgi_graph.ingest.sourcetext import MAX_SOURCE_BYTES

_STOPWORDS = {
    "en": {"the", "of", "and", "to", "in", "is", "for", "with", "are", "has", "on", "that"},
    "es": {"el", "la", "de", "y", "en", "los", "las", "del", "que", "con", "para", "por"},
    "fr": {"le", "la", "de", "et", "les", "des", "du", "en", "est", "pour", "dans", "une"},
}


def detect_language(text: str) -> str:
    """The language most of the words of ``text`` are in (en, es or fr), by their most
    common short words.

    >>> detect_language("Los migrantes tienen acceso a la salud y a la educación.")
    'es'
    """
    words = re.findall(r"[^\W\d_]+", text.casefold())
    counts = {lang: sum(w in stop for w in words) for lang, stop in _STOPWORDS.items()}
    return max(sorted(counts), key=lambda lang: counts[lang])


def read_document(path: Path) -> tuple[bytes, bytes | None, str | None]:
    """The text of a file as UTF-8 bytes, the original bytes where the text was extracted
    (a PDF), and the extractor."""
    from mgi_graph.ingest.pdftext import extractor, is_pdf, pdf_text

    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES * 5:
            raise InputError(f"file of {size} bytes is too large to be a profile", path=path)
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    if is_pdf(raw):
        return pdf_text(path).encode("utf-8"), raw, extractor()
    if b"\x00" in raw[:4096]:
        raise InputError("a binary file that is not a PDF: add a text or a PDF file", path=path)
    return raw, None, None


__all__ = ["detect_language", "read_document"]
