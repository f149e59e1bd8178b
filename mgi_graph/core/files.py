"""Files written whole or not at all, and text read and written a block at a time.

A build's outputs reach 750 MB of N-Triples at ×1000: they are never copied whole into
bytes, and a file appears at its name only once it is complete.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, AnyStr, BinaryIO

from mgi_graph.core.errors import InputError

__all__ = [
    "BlockReader",
    "atomic_file",
    "atomic_write",
    "line_blocks",
    "read_limited",
    "sha256_file",
    "text_reader",
]

#: Characters encoded at a time when text is written or read: blocks this small reuse the
#: same memory, where a whole copy or 4-million-character blocks took fresh pages each time
#: (×100, writing the N-Triples: 18,800 page faults → 2; the Turtle: 34,500 → 3).
_BLOCK = 1 << 18


def atomic_write(path: Path, data: str | bytes | Iterable[str]) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    Text (one string, or the pieces of one) is encoded a block at a time: the 750 MB of
    N-Triples at ×1000 are never copied whole into bytes (see :func:`_encoded`).
    """
    with atomic_file(path) as fh:
        if isinstance(data, bytes):
            fh.write(data)
        else:
            for block in _encoded(data):
                fh.write(block)


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A file to write that appears at ``path`` (by a rename) only once the block ends
    without an error; on an error it is removed and ``path`` is left as it was.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     with atomic_file(Path(d) / "a.txt") as fh:
    ...         _ = fh.write(b"x")
    ...         before = os.listdir(d) != ["a.txt"]
    ...     before, os.listdir(d), (Path(d) / "a.txt").read_bytes()
    (True, ['a.txt'], b'x')
    >>> with tempfile.TemporaryDirectory() as d:
    ...     try:
    ...         with atomic_file(Path(d) / "a.txt") as fh:
    ...             _ = fh.write(b"half")
    ...             raise ValueError("stopped")
    ...     except ValueError:
    ...         pass
    ...     os.listdir(d)
    []
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class BlockReader(io.RawIOBase):
    """A binary file reading the blocks of bytes given, one after another: a parser reads
    text made a block at a time without a whole copy of it (see :func:`text_reader`).

    >>> BlockReader(iter([b"ab", b"", b"c"])).read()
    b'abc'
    """

    def __init__(self, blocks: Iterator[bytes]) -> None:
        self._blocks = blocks
        self._pending = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            chunk = next(self._blocks, None)
            if chunk is None:
                return 0
            self._pending = memoryview(chunk)
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


def text_reader(text: str) -> io.BufferedReader:
    """A binary file reading ``text`` as UTF-8, encoded a block at a time.

    >>> text_reader("aé" * 3).read() == ("aé" * 3).encode()
    True
    """
    return io.BufferedReader(BlockReader(_encoded(text)))


def line_blocks(text: AnyStr, block: int = _BLOCK) -> Iterator[AnyStr]:
    """``text`` (characters or bytes) in pieces of about ``block`` characters or bytes,
    each ending at a line end (or at the end of the text).

    >>> list(line_blocks("ab\\ncd\\nef", block=1))
    ['ab\\n', 'cd\\n', 'ef']
    >>> "".join(line_blocks("x\\n" * 1000, block=7)) == "x\\n" * 1000
    True
    >>> list(line_blocks(b"ab\\ncd", block=1))
    [b'ab\\n', b'cd']
    """
    newline = b"\n" if isinstance(text, bytes) else "\n"
    start, size = 0, len(text)
    while start < size:
        end = text.find(newline, min(start + block, size) - 1)
        stop = size if end == -1 else end + 1
        yield text[start:stop]
        start = stop


def _encoded(data: str | Iterable[str], block: int = _BLOCK) -> Iterator[bytes]:
    """``data`` as UTF-8, in blocks of about ``block`` characters: a string is cut in
    slices, pieces are gathered until they reach that size.

    >>> b"".join(_encoded("aé" * 5, block=4)) == ("aé" * 5).encode()
    True
    >>> [len(b) for b in _encoded(["ab", "cd", "e", "fghij"], block=4)]
    [4, 6]
    """
    if isinstance(data, str):
        for start in range(0, len(data), block):
            yield data[start : start + block].encode("utf-8")
        return
    pending: list[str] = []
    size = 0
    for piece in data:
        pending.append(piece)
        size += len(piece)
        if size >= block:
            yield "".join(pending).encode("utf-8")
            pending, size = [], 0
    if pending:
        yield "".join(pending).encode("utf-8")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them: a folder, a pipe,
    a socket or a device is refused before it is opened, and a file found longer than the
    limit (however its size was reported) after ``limit + 1`` bytes are read.

    >>> try:
    ...     read_limited(Path("/dev/zero"), 10)
    ... except InputError as err:
    ...     print(err.reason)
    a character device, not a file: give the text or PDF file itself
    """
    try:
        st = os.stat(path)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", path=path) from None
    for test, kind in _KINDS:
        if test(st.st_mode):
            raise InputError(f"{kind}, not a file: give the text or PDF file itself", path=path)
    if st.st_size > limit:
        raise InputError(
            f"file is {st.st_size} bytes; the limit for a source text is {limit}", path=path
        )
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", path=path) from None
    if len(data) > limit:
        raise InputError(
            f"file is over {limit} bytes; the limit for a source text is {limit}", path=path
        )
    return data


def sha256_file(path: Path) -> str:
    """The SHA-256 of the file at ``path``, read a block at a time: never held whole in
    memory (×1000, the three graph files are 1.5 GB).

    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "x"
    >>> _ = p.write_bytes(b"abc")
    >>> sha256_file(p) == hashlib.sha256(b"abc").hexdigest()
    True
    """
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()
