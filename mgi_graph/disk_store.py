"""The persistent store: the built graph as an Oxigraph store on disk, opened read-only.

``build`` loads the N-Triples it writes into ``build/store/`` (a RocksDB folder), in the same
staging folder as the other outputs, so the store is published with them, at once. The
manifest names the store, the N-Triples file it was loaded from and its number of triples;
the build's stamp (:func:`mgi_graph.manifest.write_stamp`, kept in the store's folder)
records that file's size and time, and a store whose file has changed since is not used.
``query``, ``sparql``, ``serve``, ``report`` and the Python API then open it read-only
instead of loading the graph again (see ``docs/performance.md`` for what that saves).

The store is an index of ``mgi-graph.nt``, not a publication: its bytes differ from build to
build (RocksDB writes its own file names and logs), while the triples it holds are the same.
The manifest's digests and the byte-identical builds cover the published files.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "g.nt").write_text("<http://x/a> <http://x/p> \\"1\\" .\\n")
>>> write_store(folder / "g.nt", folder / STORE_DIR)
1
>>> store = open_read_only(folder / STORE_DIR)
>>> [q.object.value for q in store]
['1']
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyoxigraph

#: The store's folder in ``build/``.
STORE_DIR = "store"


def write_store(nt_file: Path, dest: Path, answers: dict[str, str] | None = None) -> int:
    """Load ``nt_file`` into a new Oxigraph store at ``dest``, compacted and closed; return
    the number of triples it holds. ``answers`` maps a canned query's name to its text with
    its default bindings: each is run once, and its table kept (see :func:`cached_answer`)."""
    import pyoxigraph as ox

    store = ox.Store(str(dest))
    store.bulk_load(path=str(nt_file), format=ox.RdfFormat.N_TRIPLES)
    store.optimize()
    n = len(store)
    store.flush()
    if answers:
        _write_answers(store, dest / ANSWERS, answers)
    del store
    return n


def open_read_only(folder: Path) -> pyoxigraph.Store:
    """The store at ``folder``, opened read-only (many readers at once, and the build may
    publish a new one meanwhile: a reader keeps the one it opened)."""
    import pyoxigraph as ox

    return ox.Store.read_only(str(folder))


#: Inside the store: the canned queries' answers with their default parameters, one JSON file
#: each, so that a fresh ``mgi-graph query NAME`` reads a table instead of the graph.
ANSWERS = "answers"


def _write_answers(store: pyoxigraph.Store, folder: Path, answers: dict[str, str]) -> None:
    import json

    from .engines import oxigraph_solutions

    folder.mkdir()
    for name, text in sorted(answers.items()):
        table = oxigraph_solutions(store, text)
        record = {"text": _digest(text), "columns": table.columns, "rows": table.rows}
        (folder / f"{name}.json").write_text(json.dumps(record), encoding="utf-8")


def cached_answer(
    nt_file: Path, name: str, text: str
) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]] | None:
    """The columns and rows the build kept for canned query ``name``, if the store beside
    ``nt_file`` holds that file and kept them for exactly this ``text``; else None."""
    import json

    store = store_for(nt_file)
    if store is None:
        return None
    try:
        record = json.loads((store / ANSWERS / f"{name}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if record.get("text") != _digest(text):
        return None
    return tuple(record["columns"]), tuple(tuple(r) for r in record["rows"])


def _digest(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()


def store_for(nt_file: Path) -> Path | None:
    """The store a build loaded from ``nt_file``, if there is one and the file is as the
    build left it (the size and time its stamp records)."""
    from .manifest import unchanged_since_build

    store = nt_file.parent / STORE_DIR
    return store if store.is_dir() and unchanged_since_build(nt_file) else None


__all__ = ["STORE_DIR", "cached_answer", "open_read_only", "store_for", "write_store"]
