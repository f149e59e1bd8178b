"""Reading a document ``add`` is given: its text (extracted from a PDF)."""

from __future__ import annotations

from pathlib import Path

from mgi_graph.core.errors import InputError
from mgi_graph.ingest.sourcetext import MAX_SOURCE_BYTES


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


__all__ = ["read_document"]
