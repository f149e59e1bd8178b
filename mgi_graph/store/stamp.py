"""A build's stamp: the size and modification time of each output as the build wrote it.

A reader that finds a file with the size and time its stamp records knows it unchanged
without hashing it (×1000, the graph's files are 1.5 GB, about a second to hash).
"""

from __future__ import annotations

import json
from pathlib import Path

from mgi_graph.store.disk_store import STORE_DIR

__all__ = [
    "INPUTS_STAMP",
    "STAMP",
    "file_stat",
    "inputs_stamped",
    "stamped",
    "unchanged_since_build",
    "write_inputs_stamp",
    "write_stamp",
]

#: Beside the persistent store (the build's machine-local part, which no digest covers): the
#: size and modification time of each output as the build wrote it.
STAMP = Path(STORE_DIR) / "build-stamp.json"
#: Beside it: the digest of the inputs the build read, and the size and time each had then.
INPUTS_STAMP = Path(STORE_DIR) / "inputs-stamp.json"


def write_stamp(folder: Path, names: list[str]) -> None:
    """Record the size and time of the files ``names`` of ``folder`` (a build being made)."""
    stamp = {name: file_stat(folder / name) for name in sorted(names)}
    (folder / STAMP).write_text(json.dumps(stamp, sort_keys=True), encoding="utf-8")


def write_inputs_stamp(folder: Path, digest: str, stats: dict[str, list[int]]) -> None:
    """Record the inputs' ``digest`` and the size and time of each (a build being made)."""
    record = {"inputs_digest": digest, "files": stats}
    (folder / INPUTS_STAMP).write_text(json.dumps(record, sort_keys=True), encoding="utf-8")


def inputs_stamped(folder: Path, digest: object, stats: dict[str, list[int]]) -> bool:
    """True if the build in ``folder`` stamped the inputs of ``digest`` with exactly the
    sizes and times ``stats`` gives now."""
    try:
        record = json.loads((folder / INPUTS_STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        isinstance(record, dict)
        and record.get("inputs_digest") == digest
        and record.get("files") == stats
    )


def stamped(folder: Path, names: list[str]) -> bool:
    """True if the stamp lists exactly ``names``, each with the size and time it has now."""
    stamp = _read_stamp(folder)
    try:
        return (
            stamp is not None
            and set(stamp) == set(names)
            and all(stamp[name] == file_stat(folder / name) for name in names)
        )
    except OSError:
        return False


def unchanged_since_build(path: Path) -> bool:
    """True if the build that wrote ``path`` stamped it, with the size and time it has now."""
    stamp = _read_stamp(path.parent)
    try:
        return stamp is not None and stamp.get(path.name) == file_stat(path)
    except OSError:
        return False


def _read_stamp(folder: Path) -> dict[str, object] | None:
    try:
        stamp = json.loads((folder / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stamp if isinstance(stamp, dict) else None


def file_stat(path: Path) -> list[int]:
    """The size and modification time (in nanoseconds) of ``path``."""
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]
