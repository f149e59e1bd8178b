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
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from mgi_graph.core.errors import InputError

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
        try:
            size = p.stat().st_size
            if size > MAX_SOURCE_BYTES:
                raise InputError(
                    f"file is {size} bytes; the limit for a source text is {MAX_SOURCE_BYTES}",
                    path=p,
                )
            data = p.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read file: {exc.strerror or exc}", path=p) from exc
        return cls.from_bytes(data, str(p))

    @classmethod
    def from_bytes(cls, data: bytes, path: str) -> SourceText:
        """Decode bytes as UTF-8 (a BOM is dropped); refuse binary or mis-encoded input."""
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
        return cls(path=path, text=text, lines=tuple(_split_lines(text)))

    @cached_property
    def _starts(self) -> list[int]:
        return [ln.start for ln in self.lines]

    def line_of(self, offset: int) -> int:
        """The 1-based number of the line holding character ``offset``."""
        return bisect.bisect_right(self._starts, offset)


def _split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        content = raw[:-1] if raw.endswith("\r") else raw
        lines.append(Line(number, pos, pos + len(content), content))
        pos += len(raw) + 1
    return lines
