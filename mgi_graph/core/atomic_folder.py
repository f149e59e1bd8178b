"""Replacing a folder of outputs at once: readers see the old set or the new, never a mix.

The new outputs are written into a staging folder beside the target; the two folders are
then exchanged in one system call (Linux ``renameat2(RENAME_EXCHANGE)``), and the old set is
deleted. Where the system has no such call, the target is renamed away and the staging
folder renamed into place: a reader may then, for that instant, find no folder, but never a
mixed one. Entries of the target that the new set does not hold (the report's ``site/`` in
``build/``, say) are carried over into the new set before the exchange, named first in a list
beside the staging folder; a build killed just then leaves them in its staging folder, and the
next publication puts back what that list names, and deletes the rest (half-written outputs
and their temporary files never reach the target).

One lock file beside the target serialises publications: two builds at once each publish a
whole set, one after the other.

>>> import tempfile
>>> root = Path(tempfile.mkdtemp())
>>> with staging_for(root / "out") as new:
...     _ = (new / "a.txt").write_text("one")
...     publish(new, root / "out", outputs={"a.txt"})
>>> (root / "out" / "a.txt").read_text()
'one'
>>> (root / "out" / "keep").mkdir()
>>> with staging_for(root / "out") as new:
...     _ = (new / "a.txt").write_text("two")
...     publish(new, root / "out", outputs={"a.txt"})
>>> sorted(p.name for p in (root / "out").iterdir()), (root / "out" / "a.txt").read_text()
(['a.txt', 'keep'], 'two')
>>> sorted(p.name for p in root.iterdir() if not p.name.startswith(".out.lock"))
['out']
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from mgi_graph.core.errors import InputError

_AT_FDCWD = -100
_CARRIED = ".carried"
_RENAME_EXCHANGE = 2


def exchange(a: Path, b: Path) -> bool:
    """Swap the two folders in one system call; False where the system cannot."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return done == 0


@contextlib.contextmanager
def locked(target: Path) -> Iterator[None]:
    """Hold the lock of ``target``, an output folder (a file beside it), for the duration;
    raises InputError, with nothing written, if ``target`` is a file."""
    if target.exists() and not target.is_dir():
        raise InputError("an output folder is wanted here, and this is a file", path=target)
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = target.parent / f".{target.name}.lock"
    with open(lock, "a+b") as fh:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not on Windows
            yield
            return
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@contextlib.contextmanager
def staging_for(target: Path) -> Iterator[Path]:
    """A fresh staging folder beside ``target``, removed afterwards if still there."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=f".{target.name}-staging-", dir=target.parent))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def recover(target: Path, outputs: set[str]) -> None:
    """Clean up after publications killed half-way: put back the entries a staging folder
    was carrying (those its list names, see :func:`publish`) that ``target`` now lacks, then
    delete every staging folder, list and old set left beside ``target``. Nothing else of a
    staging folder (a half-written output, its temporary file) ever reaches ``target``."""
    target = target.resolve()
    for left in sorted(target.parent.glob(f".{target.name}-staging-*")):
        if left.suffix == _CARRIED or not left.is_dir():
            continue
        carried = _carried_list(left)
        if target.is_dir() and carried.is_file():
            for name in carried.read_text("utf-8").splitlines():
                entry = left / name
                if name not in outputs and entry.exists() and not (target / name).exists():
                    os.rename(entry, target / name)
        shutil.rmtree(left, ignore_errors=True)
    for pattern in (f".{target.name}-staging-*{_CARRIED}", f"..{target.name}-staging-*"):
        for left in sorted(target.parent.glob(pattern)):  # lists, and their temporary files
            left.unlink(missing_ok=True)
    for left in sorted(target.parent.glob(f".{target.name}-old-*")):
        shutil.rmtree(left, ignore_errors=True)


def _carried_list(staging: Path) -> Path:
    """The file, beside a staging folder, naming what it carries over from the target."""
    return staging.with_name(staging.name + _CARRIED)


def publish(staging: Path, target: Path, outputs: set[str] | None = None) -> None:
    """Make ``staging`` the new ``target``. With ``outputs`` (the names the new set holds),
    the other entries of ``target`` are carried over; without, nothing is. Call under
    :func:`locked`."""
    target = target.resolve()
    if not target.exists():
        os.rename(staging, target)
        return
    carry = [
        entry.name
        for entry in (sorted(target.iterdir()) if outputs is not None else ())
        if entry.name not in (outputs or ()) and not (staging / entry.name).exists()
    ]
    carried = _carried_list(staging)
    if carry:  # named first, so that a kill while they move leaves them found
        from mgi_graph.core.files import atomic_write

        atomic_write(carried, "".join(f"{name}\n" for name in carry))
    for name in carry:
        os.rename(target / name, staging / name)
    if not exchange(staging, target):
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
        os.rename(target, old / "set")
        os.rename(staging, target)
        shutil.rmtree(old, ignore_errors=True)
    # ``staging`` now holds the old set
    shutil.rmtree(staging, ignore_errors=True)
    carried.unlink(missing_ok=True)


__all__ = ["exchange", "locked", "publish", "recover", "staging_for"]
