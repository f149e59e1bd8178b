"""Reading a document ``add`` is given: its text (read in its layout from a PDF), within
limits."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from mgi_graph.core.errors import InputError
from mgi_graph.core.files import read_limited
from mgi_graph.ingest.pdflayout import Footnote
from mgi_graph.ingest.sourcetext import MAX_SOURCE_BYTES, SourceText

#: The byte-order marks of UTF-16 and UTF-32.
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)


@dataclass(frozen=True)
class Document:
    """A document as the corpus keeps it: its text as UTF-8 bytes; for a PDF, the original's
    bytes, the extractor, the character offset at which each page begins in the text, and
    the footnotes of its pages."""

    text: bytes
    original: bytes | None = None
    extractor: str | None = None
    page_starts: tuple[int, ...] = ()
    notes: tuple[Footnote, ...] = ()

    def source(self, path: Path) -> SourceText:
        """The text, read as the build reads a stored source, named for ``path``."""
        label = f"{path} (text read from the PDF)" if self.original is not None else str(path)
        return SourceText.from_bytes(self.text, label)


def read_document(path: Path) -> Document:
    """The document at ``path``: a PDF read in its layout, or a text file (decoded from
    UTF-16 or UTF-32 where its byte-order mark says so, and stored as UTF-8); with the build's
    limit on a source's text, so that what ``add`` takes builds."""
    from mgi_graph.ingest.pdftext import extractor, is_pdf, read_pdf

    raw = read_limited(path, MAX_SOURCE_BYTES * 5)
    if is_pdf(raw):
        reading = read_pdf(path)
        text = reading.text.encode("utf-8")
        if len(text) > MAX_SOURCE_BYTES:
            raise InputError(
                f"the PDF's text is {len(text)} bytes; the limit for a source text is "
                f"{MAX_SOURCE_BYTES}",
                path=path,
            )
        return Document(text, raw, extractor(), reading.page_starts, reading.notes)
    if len(raw) > MAX_SOURCE_BYTES:
        raise InputError(
            f"file is {len(raw)} bytes; the limit for a source text is {MAX_SOURCE_BYTES}",
            path=path,
        )
    if raw.startswith(_WIDE_BOMS):
        # Stored as UTF-8, the encoding every reader of a corpus's sources takes.
        return Document(SourceText.from_bytes(raw, str(path)).text.encode("utf-8"))
    if b"\x00" in raw[:4096]:
        raise InputError("a binary file that is not a PDF: add a text or a PDF file", path=path)
    return Document(raw)


__all__ = ["Document", "read_document"]
