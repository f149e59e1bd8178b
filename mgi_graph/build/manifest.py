"""Is ``build/`` a complete build of the current inputs? Light: no RDF libraries imported,
so that a query answered from the build's kept answers starts at once.

``manifest.json`` records a digest of every input and of every output; it is written last.
The build also stamps the size and time of every input as it read them
(:func:`mgi_graph.store.stamp.write_inputs_stamp`): a reader that finds them so needs not
hash them again (×1000, 3,000 source files, about 0.1 s a query).

>>> import tempfile, pathlib
>>> is_up_to_date(pathlib.Path(tempfile.mkdtemp()))
False
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from mgi_graph.core.files import sha256_file
from mgi_graph.core.paths import home
from mgi_graph.core.version import __version__
from mgi_graph.store.stamp import file_stat, inputs_stamped, stamped

MANIFEST_JSON = "manifest.json"
SUMMARY_JSON = "summary.json"
GRAPH_TTL = "mgi-graph.ttl"
GRAPH_JSONLD = "mgi-graph.jsonld"
CONTEXT_JSONLD = "context.jsonld"
#: The serialisations written only when asked for (``build --formats``), by name: the store
#: and the N-Triples are always written, and a researcher's loop needs only those.
FORMATS: dict[str, tuple[str, ...]] = {
    "turtle": (GRAPH_TTL,),
    "jsonld": (GRAPH_JSONLD, CONTEXT_JSONLD),
}


#: The package's code, an input of every build (its data in ``share/``, when installed, is
#: among the corpus's inputs).
_PACKAGE = Path(__file__).resolve().parents[1]
GRAPH_NT = "mgi-graph.nt"


def inputs_digest() -> str:
    """A digest of every input file and the package version: equal digests, equal builds.

    Inputs are named by their path inside the corpus (or the package), so two copies of a
    corpus in different places agree."""
    h = hashlib.sha256(folders_digest((_PACKAGE,), leave_out="share").encode())
    for name, p in home().input_files():
        h.update(name.encode())
        h.update(sha256_file(p).encode())
    return h.hexdigest()


def read_inputs() -> tuple[str, dict[str, list[int]]]:
    """The inputs' digest, and the size and time of each input taken just before it (a file
    changed while it is hashed then shows a time its stamp does not have)."""
    stats = input_stats()
    return inputs_digest(), stats


def input_stats() -> dict[str, list[int]]:
    """The size and modification time of every input: the package's code and the corpus's
    files, by their path."""
    files = _files_in((_PACKAGE,), leave_out="share")
    return {name: file_stat(p) for name, p in sorted([*files, *home().input_files()])}


def folders_digest(folders: tuple[Path, ...], leave_out: str | None = None) -> str:
    """A digest of the package version and the files in ``folders``, wherever they are.

    Each file is named by its folder's name and its path inside it, so two copies of a
    project in different places agree, and a renamed or edited file changes the digest
    (a subfolder named ``leave_out`` is left out):

    >>> import tempfile
    >>> a, b = (Path(tempfile.mkdtemp()) / "data" for _ in range(2))
    >>> for folder in (a, b):
    ...     folder.mkdir()
    ...     _ = (folder / "x.ttl").write_text("<a> <b> <c> .")
    >>> folders_digest((a,)) == folders_digest((b,))
    True
    >>> _ = (b / "x.ttl").rename(b / "y.ttl")
    >>> folders_digest((a,)) == folders_digest((b,))
    False
    """
    h = hashlib.sha256(__version__.encode())
    for name, p in _files_in(folders, leave_out):
        h.update(name.encode())
        h.update(sha256_file(p).encode())
    return h.hexdigest()


def _files_in(folders: tuple[Path, ...], leave_out: str | None) -> list[tuple[str, Path]]:
    """The files in ``folders``, each named by its folder's name and its path inside it,
    sorted (caches and a subfolder named ``leave_out`` left out)."""
    return sorted(
        (f"{folder.name}/{p.relative_to(folder).as_posix()}", p)
        for folder in folders
        for p in folder.rglob("*")
        if p.is_file()
        and "__pycache__" not in p.parts
        and p.relative_to(folder).parts[0] != leave_out
    )


def is_up_to_date(out_dir: Path | None = None) -> bool:
    """True if ``out_dir`` (default: the corpus's build folder) holds a complete build of
    the current inputs.

    The inputs are hashed again unless the build's stamp of them shows each with the size
    and time it has now. Each output is checked against its digest in the manifest, unless
    the build's stamp
    (:func:`mgi_graph.store.stamp.write_stamp`) shows every output, and the manifest, with
    the size and time it had when the build wrote it: hashing them would read the whole graph
    (×1000, 1.5 GB in about a second) for each query.
    """
    out_dir = out_dir or home().build_dir
    try:
        manifest = json.loads((out_dir / MANIFEST_JSON).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    digest = manifest.get("inputs_digest")
    if not inputs_stamped(out_dir, digest, input_stats()) and digest != inputs_digest():
        return False
    files: dict[str, str] = manifest.get("files", {})
    if stamped(out_dir, [*files, MANIFEST_JSON]):
        return True
    return all(
        (out_dir / name).is_file() and sha256_file(out_dir / name) == digest
        for name, digest in files.items()
    )


def ensure_built(out_dir: Path | None = None) -> Path:
    """The built N-Triples file, building first if ``out_dir`` is missing or stale (the
    build's code is imported only then)."""
    out_dir = out_dir or home().build_dir
    if not is_up_to_date(out_dir):
        import sys

        from mgi_graph.build.pipeline import build

        print(
            f"mgi-graph: building {out_dir} first (missing or older than its inputs)",
            file=sys.stderr,
        )
        build(out_dir)
    return out_dir / GRAPH_NT
