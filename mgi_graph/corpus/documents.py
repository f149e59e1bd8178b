"""Reading a document ``add`` is given: its text (extracted from a PDF), within limits."""

from __future__ import annotations

import codecs
from pathlib import Path

from mgi_graph.core.errors import InputError
from mgi_graph.core.files import read_limited
from mgi_graph.ingest.sourcetext import MAX_SOURCE_BYTES, SourceText

#: The byte-order marks of UTF-16 and UTF-32.
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)


def read_document(path: Path) -> tuple[bytes, bytes | None, str | None]:
    """The text of a file as UTF-8 bytes (decoded from UTF-16 or UTF-32 where its
    byte-order mark says so), the original bytes where the text was extracted (a PDF), and
    the extractor; with the build's limit on a source's text, so that what ``add`` takes
    builds."""
    from mgi_graph.ingest.pdftext import extractor, is_pdf, pdf_text

    raw = read_limited(path, MAX_SOURCE_BYTES * 5)
    if is_pdf(raw):
        text = pdf_text(path).encode("utf-8")
        if len(text) > MAX_SOURCE_BYTES:
            raise InputError(
                f"the PDF's text is {len(text)} bytes; the limit for a source text is "
                f"{MAX_SOURCE_BYTES}",
                path=path,
            )
        return text, raw, extractor()
    if len(raw) > MAX_SOURCE_BYTES:
        raise InputError(
            f"file is {len(raw)} bytes; the limit for a source text is {MAX_SOURCE_BYTES}",
            path=path,
        )
    if raw.startswith(_WIDE_BOMS):
        # Stored as UTF-8, the encoding every reader of a corpus's sources takes.
        return SourceText.from_bytes(raw, str(path)).text.encode("utf-8"), None, None
    if b"\x00" in raw[:4096]:
        raise InputError("a binary file that is not a PDF: add a text or a PDF file", path=path)
    return raw, None, None


__all__ = ["read_document"]
