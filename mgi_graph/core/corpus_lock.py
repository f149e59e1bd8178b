"""One writer at a time on a corpus, and every change all or nothing.

**The lock.** A command that changes a corpus (``add``, ``review``, ``remove``) holds its
exclusive lock; ``build`` holds it shared while it reads, so builds run side by side and a
writer waits for them (and they for it). The lock is ``flock`` on ``<corpus>/.mgi-graph.lock``,
which the system releases when a process dies, however it dies. A command that finds the
lock taken says so and waits, up to ``MGI_GRAPH_LOCK_WAIT`` seconds (default 120), then
gives up with a clear error and nothing changed.

**The transaction.** A change is staged whole in ``<corpus>/.mgi-graph-txn/``: each new
file's bytes and a manifest of what to write and what to delete; once all of it is on disk, a
``COMMITTED`` marker is made (one rename); only then are the files moved into place. A
process killed before the marker leaves a change that never happened (the staging is
removed); one killed after it leaves a change the next command finishes (:func:`recover`,
run under the lock by every command before it reads). Moving a file into place is one rename,
so no file is ever half-written.

>>> import tempfile
>>> root = Path(tempfile.mkdtemp())
>>> with corpus_lock(root):
...     with Transaction(root) as txn:
...         txn.write("data/a.txt", b"one")
...         txn.write("curation/b.ttl", b"two")
>>> (root / "data" / "a.txt").read_bytes(), (root / ".mgi-graph-txn").exists()
(b'one', False)
>>> try:
...     with corpus_lock(root), Transaction(root) as txn:
...         txn.delete("data/a.txt")
...         txn.write("data/c.txt", b"three")
...         raise ValueError("stopped before the commit")
... except ValueError:
...     pass
>>> (root / "data" / "a.txt").exists(), (root / "data" / "c.txt").exists()
(True, False)
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

from mgi_graph.core.errors import InputError

LOCK_NAME = ".mgi-graph.lock"
TXN_NAME = ".mgi-graph-txn"
_MARKER = "COMMITTED"
_MANIFEST = "manifest.json"
#: The variable that says how long a command waits for another's lock, in seconds.
WAIT_VARIABLE = "MGI_GRAPH_LOCK_WAIT"


def _wait() -> float:
    raw = os.environ.get(WAIT_VARIABLE, "120")
    try:
        return max(0.0, float(raw))
    except ValueError:
        raise InputError(f"{WAIT_VARIABLE}={raw!r}: a number of seconds is wanted") from None


@contextlib.contextmanager
def corpus_lock(root: Path, shared: bool = False) -> Iterator[None]:
    """Hold the corpus's lock (exclusive, or ``shared`` for a reader) for the duration,
    after finishing or undoing a change a killed command left (see :func:`recover`)."""
    import fcntl

    root.mkdir(parents=True, exist_ok=True)
    with open(root / LOCK_NAME, "a+b") as fh:
        # A reader takes the lock shared, beside other readers; only a change a killed
        # command left makes it take the lock exclusive first, to finish or undo it.
        _take(fh.fileno(), fcntl.LOCK_SH if shared else fcntl.LOCK_EX, root)
        try:
            if (root / TXN_NAME).exists():
                if shared:
                    fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
                    _take(fh.fileno(), fcntl.LOCK_EX, root)
                recover(root)
                if shared:
                    fcntl.flock(fh.fileno(), fcntl.LOCK_SH)
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _take(fd: int, kind: int, root: Path) -> None:
    """Take the lock, waiting (with a word) while another command holds it."""
    import fcntl

    try:
        fcntl.flock(fd, kind | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        pass
    wait = _wait()
    print(
        f"mgi-graph: another mgi-graph command is changing or reading {root}; waiting for it "
        f"(up to {wait:g} s, {WAIT_VARIABLE})",
        file=sys.stderr,
        flush=True,
    )
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, kind | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise InputError(
                    f"another mgi-graph command still holds this corpus after {wait:g} s; "
                    f"nothing was changed: run this again when it is done (or set "
                    f"{WAIT_VARIABLE} to wait longer)",
                    path=root,
                ) from None
            time.sleep(0.05)


def recover(root: Path) -> bool:
    """Finish the change a killed command committed, or undo the one it had not; True if
    there was one. Call only under the exclusive lock."""
    txn = root / TXN_NAME
    if not txn.exists():
        return False
    if (txn / _MARKER).is_file():
        _apply(root, txn)
    shutil.rmtree(txn, ignore_errors=True)
    return True


def _apply(root: Path, txn: Path) -> None:
    manifest = json.loads((txn / _MANIFEST).read_text(encoding="utf-8"))
    for target, staged in manifest["writes"]:
        src = txn / staged
        if src.exists():  # else moved already, before a kill
            dest = root / target
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(src, dest)
    for target in manifest["deletes"]:
        (root / target).unlink(missing_ok=True)
    _sync_dir(root)


def _sync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class Transaction:
    """A change of a corpus, staged and then made at once when the block ends without an
    error (see the module); an error leaves the corpus as it was. Use under the exclusive
    :func:`corpus_lock`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.txn = root / TXN_NAME
        self.writes: dict[str, str] = {}
        self.deletes: list[str] = []

    def __enter__(self) -> Transaction:
        if self.txn.exists():
            shutil.rmtree(self.txn)
        self.txn.mkdir()
        return self

    def write(self, relative: str, data: bytes) -> None:
        """Stage ``data`` as the file ``relative`` (to the corpus) will hold."""
        staged = str(len(self.writes))
        path = self.txn / staged
        with open(path, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        self.writes[relative] = staged
        if relative in self.deletes:
            self.deletes.remove(relative)

    def delete(self, relative: str) -> None:
        """Stage the removal of the file ``relative`` (to the corpus)."""
        self.writes.pop(relative, None)
        if relative not in self.deletes:
            self.deletes.append(relative)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if kind is not None:
            shutil.rmtree(self.txn, ignore_errors=True)
            return
        manifest = {"writes": sorted(self.writes.items()), "deletes": sorted(self.deletes)}
        (self.txn / _MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        marker = self.txn / (_MARKER + ".tmp")
        marker.write_bytes(b"")
        _sync_dir(self.txn)
        os.replace(marker, self.txn / _MARKER)  # the change happens here
        _sync_dir(self.txn)
        _apply(self.root, self.txn)
        shutil.rmtree(self.txn, ignore_errors=True)


__all__ = ["LOCK_NAME", "TXN_NAME", "WAIT_VARIABLE", "Transaction", "corpus_lock", "recover"]
