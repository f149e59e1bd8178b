"""Reading a source text: strict UTF-8, a byte-order mark tolerated, lines with offsets.

Offsets everywhere in the graph are character (code point) offsets into the text as this
module returns it: the file decoded as UTF-8 with a leading byte-order mark removed and line
endings left as they are. ``text[start:end]`` is then exactly the quoted passage.

>>> src = SourceText.from_bytes(b"\\xef\\xbb\\xbfone\\r\\ntwo\\n", "x.txt")
>>> [(ln.number, ln.text, src.text[ln.start:ln.end]) for ln in src.lines]
[(1, 'one', 'one'), (2, 'two', 'two'), (3, '', '')]
>>> src.line_of(5)
2
"""

from __future__ import annotations

import bisect
import codecs
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from mgi_graph.core.errors import InputError
from mgi_graph.core.files import read_limited

#: Largest source file accepted, in bytes. The biggest real MGI profile page is under 50 kB;
#: anything beyond this is refused before it is read into memory.
MAX_SOURCE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Line:
    """One line of a source text; ``end`` excludes the line break (and a CR before it)."""

    number: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class SourceText:
    """A decoded source file and its lines."""

    path: str
    text: str
    lines: tuple[Line, ...] = field(repr=False)

    @classmethod
    def read(cls, path: str | Path) -> SourceText:
        """Read and decode a file, or raise :class:`InputError` saying why not."""
        p = Path(path)
        return cls.from_bytes(read_limited(p, MAX_SOURCE_BYTES), str(p))

    @classmethod
    def from_bytes(cls, data: bytes, path: str) -> SourceText:
        """Decode bytes as UTF-8 (a BOM is dropped), or as UTF-16 or UTF-32 where a BOM says
        so; refuse binary or mis-encoded input.

        >>> SourceText.from_bytes("Perfil\\r\\nagosto".encode("utf-16"), "x.txt").lines[1].text
        'agosto'
        """
        for bom, codec in _BOMS:
            if data.startswith(bom):
                try:
                    return cls._of(data.decode(codec), path)
                except UnicodeDecodeError as exc:
                    raise InputError(
                        f"not valid {codec.upper()} (its byte-order mark says it is): "
                        f"{exc.reason} at byte offset {exc.start}",
                        path=path,
                    ) from None
        if not data.strip():
            raise InputError("file is empty", path=path)
        if b"\x00" in data:
            pos = data.index(b"\x00")
            raise InputError(
                f"binary file: NUL byte at byte offset {pos}",
                path=path,
                line=data.count(b"\n", 0, pos) + 1,
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            bad = data[exc.start : exc.start + 1].hex()
            raise InputError(
                f"not valid UTF-8: byte 0x{bad} at byte offset {exc.start} "
                "(is the file in another encoding, such as Windows-1251 or Latin-1?)",
                path=path,
                line=line,
            ) from None
        if text.startswith("\ufeff"):
            text = text[1:]
        return cls._of(text, path)

    @classmethod
    def _of(cls, text: str, path: str) -> SourceText:
        if not text.strip():
            raise InputError("file is empty", path=path)
        return cls(path=path, text=text, lines=tuple(_split_lines(text)))

    @cached_property
    def _starts(self) -> list[int]:
        return [ln.start for ln in self.lines]

    def line_of(self, offset: int) -> int:
        """The 1-based number of the line holding character ``offset``."""
        return bisect.bisect_right(self._starts, offset)


_BREAK = re.compile(r"\r\n|\n|\r")
#: Byte-order marks of the encodings read besides UTF-8, longest first (UTF-32-LE's starts
#: as UTF-16-LE's does).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _split_lines(text: str) -> list[Line]:
    """The lines of ``text``, broken at LF, CRLF or a lone CR (old Mac files).

    >>> [ln.text for ln in _split_lines("a\\rb\\r\\nc\\n")]
    ['a', 'b', 'c', '']
    """
    lines: list[Line] = []
    pos = 0
    for number, m in enumerate(_BREAK.finditer(text), start=1):
        lines.append(Line(number, pos, m.start(), text[pos : m.start()]))
        pos = m.end()
    lines.append(Line(len(lines) + 1, pos, len(text), text[pos:]))
    return lines
