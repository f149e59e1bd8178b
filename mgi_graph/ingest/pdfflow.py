"""How the lines of a PDF report, in reading order (:mod:`.pdflayout`), flow into text.

* A line in larger or bold type continuing one of the same type (a wrapped title or heading)
  joins it, as one line;
* a wider gap than the lines' spacing, a change of type, a bullet, or a new column or page
  that does not continue the line before opens a new paragraph (a blank line). A line in the
  next column or page continues the one before when it stands indented under a bullet's text
  (a bullet's wrapped line), or when the line before ends with no sentence's end;
* a word **hyphenated** at a line's end is put back together on the first line; the hyphen
  is kept where the document writes the word with one elsewhere ("well-developed"), and
  dropped otherwise.

The text is what is stored as the source and what quotes point into; each page's first
character is recorded, so that a quote knows its page.
"""

from __future__ import annotations

from collections.abc import Sequence

from mgi_graph.ingest.pdflayout import Line

#: What a line ends a sentence with, so that the next column does not continue it.
_ENDS = (".", "!", "?", ":", ";", "»", "”", '"', ")")


def compose(lines: Sequence[Line], body: float, pages: int) -> tuple[str, tuple[int, ...]]:
    """The text of the lines in reading order (see the module), and the offset in it at
    which each of the ``pages`` begins."""
    vocabulary = _vocabulary(lines)
    out: list[str] = []
    page_of: list[int] = []  # the page each line of ``out`` begins on
    prev: Line | None = None
    bullet_indent: float | None = None
    for ln in lines:
        text = ln.text
        goes_on = prev is not None and _continues(prev, ln, body, bullet_indent)
        if prev is not None and not goes_on:
            out.append("")
            page_of.append(prev.page)
            bullet_indent = None
        if goes_on and out[-1]:
            joined = _dehyphenate(out[-1], text, vocabulary)
            if joined is not None:
                out[-1], text = joined
            if text and prev and _heading_style(prev, body) and _heading_style(ln, body):
                out[-1], text = f"{out[-1]} {text}", ""
        if ln.bullet:
            bullet_indent = ln.indent_of_text()
        if text:
            out.append(text)
            page_of.append(ln.page)
        prev = ln
    line_starts: list[int] = []
    pos = 0
    for s in out:
        line_starts.append(pos)
        pos += len(s) + 1
    lines_of = list(zip(line_starts, page_of, out, strict=True))
    starts = tuple(
        next((at for at, pg, s in lines_of if pg >= page and s), pos)
        for page in range(1, pages + 1)
    )
    return "\n".join(out) + "\n", starts


def _heading_style(ln: Line, body: float) -> bool:
    return ln.bold or ln.size >= 1.2 * body


def _continues(prev: Line, ln: Line, body: float, bullet_indent: float | None) -> bool:
    """Does ``ln`` go on with the paragraph of ``prev``, the line before it?"""
    if ln.bullet or abs(ln.size - prev.size) > 0.1 * prev.size or ln.bold != prev.bold:
        return False
    if ln.page == prev.page and ln.column == prev.column and ln.bottom > prev.bottom:
        return ln.bottom - prev.bottom <= 1.6 * max(ln.size, prev.size)
    if bullet_indent is not None and abs(ln.indent_of_text() - bullet_indent) <= 0.3 * ln.size:
        return True
    return not prev.text.rstrip().endswith(_ENDS)


def _vocabulary(lines: Sequence[Line]) -> set[str]:
    """The words of the document, as written (hyphenated or not), in lower case."""
    words: set[str] = set()
    for ln in lines:
        for w in ln.text.split():
            words.add(w.strip(".,;:()«»“”\"'").casefold())
    return words


def _dehyphenate(before: str, after: str, vocabulary: set[str]) -> tuple[str, str] | None:
    """``before`` ending in a word hyphenated at the line's end, completed with the first
    word of ``after``; and what is left of ``after``. None if ``before`` ends otherwise.

    >>> _dehyphenate("the migra-", "tion policy", set())
    ('the migration', 'policy')
    >>> _dehyphenate("well-", "developed areas", {"well-developed"})
    ('well-developed', 'areas')
    """
    if not before.endswith("-") or not before[-2:-1].isalpha() or not after[:1].islower():
        return None
    head = before.rsplit(None, 1)[-1][:-1]
    first, _, rest = after.partition(" ")
    tail = first.rstrip(".,;:()«»“”\"'")
    keep = f"{head}-{tail}".casefold() in vocabulary and (head + tail).casefold() not in vocabulary
    return (before if keep else before[:-1]) + first, rest.lstrip()


def join_wrapped(lines: Sequence[str]) -> str:
    """Lines of one paragraph as one line (a word hyphenated at a line's end rejoined).

    >>> join_wrapped(["Decree of the Minis-", "try of Labour", "(2017)."])
    'Decree of the Ministry of Labour (2017).'
    """
    out = ""
    for line in lines:
        if out.endswith("-") and line[:1].islower() and out[-2:-1].isalpha():
            out = out[:-1] + line
        else:
            out = f"{out} {line}" if out else line
    return " ".join(out.split())


__all__ = ["compose", "join_wrapped"]
