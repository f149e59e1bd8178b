"""The text of a PDF profile, as the parser reads a web capture: page furniture removed.

MGI profiles are published as PDF reports: a title page, then the findings by domain, with a
running header on each page, a page number, and bullets wrapped across lines and across
pages. The text of each page is extracted with pdfplumber (a well-kept library over
pdfminer.six); then

* lines that stand at the top or the bottom of most pages with the same words (the running
  header and footer, the page number set apart) are removed;
* a line that is only a page number ("12", "Page 12", "12 of 30", "- 12 -") is removed;
* a glyph the PDF gives no character for (pdfminer writes ``(cid:N)``) at the start of a
  line, before a space, is a bullet (PDF reports draw them from symbol fonts) and becomes "•";
* pages are joined with no blank line between them, so a bullet wrapped onto the next page
  continues there, as a wrapped line does on one page.

The text returned is what is stored as the source and what quotes and offsets refer to; the
original PDF is kept beside it and its SHA-256 recorded.

>>> strip_furniture([["HEAD", "a", "1"], ["HEAD", "b", "2"], ["HEAD", "(cid:127) c", "Page 3"]])
'a\\nb\\n• c\\n'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from mgi_graph.core.errors import InputError

PDF_MAGIC = b"%PDF-"
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—|]\s*)?(?:page|página|page n°)?\s*\d{1,4}(?:\s*(?:of|/|de|sur)\s*\d{1,4})?"
    r"(?:\s*[-–—|])?\s*$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_UNMAPPED_BULLET = re.compile(r"^(\s*)\(cid:\d+\)(?=\s)")


def is_pdf(raw: bytes) -> bool:
    """Does ``raw`` start as a PDF file does?

    >>> is_pdf(b"%PDF-1.7 ..."), is_pdf(b"Migration Governance Profile")
    (True, False)
    """
    return raw.startswith(PDF_MAGIC)


def extractor() -> str:
    """The library and version that extract the text (recorded in the catalogue)."""
    import pdfplumber

    return f"pdfplumber {pdfplumber.__version__}"


def pdf_text(path: Path) -> str:
    """The text of the PDF at ``path``, page furniture removed (see the module)."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        with pdfplumber.open(path) as pdf:
            pages = [(page.extract_text() or "").splitlines() for page in pdf.pages]
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"cannot read this PDF: {exc}", path=path) from None
    except Exception as exc:  # pdfminer raises many kinds of error on a broken file
        raise InputError(f"cannot read this PDF ({type(exc).__name__}: {exc})", path=path) from None
    text = strip_furniture(pages)
    if not text.strip():
        raise InputError(
            "this PDF has no text layer (a scanned image?): nothing to read without OCR",
            path=path,
        )
    return text


def strip_furniture(pages: Sequence[Sequence[str]]) -> str:
    """The lines of all pages, without running headers, footers and page numbers, joined."""
    repeated = _running_lines(pages)
    out: list[str] = []
    for lines in pages:
        for i, line in enumerate(lines):
            edge = i < 2 or i >= len(lines) - 2
            if edge and (_PAGE_NUMBER.match(line) or _shape(line) in repeated):
                continue
            out.append(_UNMAPPED_BULLET.sub(r"\1•", line.rstrip()))
    return "\n".join(out) + "\n"


def _shape(line: str) -> str:
    """A line with its numbers masked, so "Profile 2019 | 3" and "… | 4" are one header."""
    return _DIGITS.sub("#", " ".join(line.split())).casefold()


def _running_lines(pages: Sequence[Sequence[str]]) -> set[str]:
    """Lines at the top or bottom two of at least half the pages (three pages or more)."""
    if len(pages) < 3:
        return set()
    seen: Counter[str] = Counter()
    for lines in pages:
        edges = {_shape(ln) for ln in (*lines[:2], *lines[-2:]) if ln.strip()}
        seen.update(edges)
    return {shape for shape, n in seen.items() if n >= max(3, len(pages) // 2)}


__all__ = ["extractor", "is_pdf", "pdf_text", "strip_furniture"]
