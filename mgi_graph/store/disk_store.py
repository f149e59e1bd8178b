"""The persistent store: the built graph as an Oxigraph store on disk, opened read-only.

``build`` loads the N-Triples it writes into ``build/store/`` (a RocksDB folder), in the same
staging folder as the other outputs, so the store is published with them, at once. The
manifest names the store, the N-Triples file it was loaded from and its number of triples;
the build's stamp (:func:`mgi_graph.store.stamp.write_stamp`, kept in the store's folder)
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

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyoxigraph

#: The store's folder in ``build/``.
STORE_DIR = "store"


def write_store(
    nt_file: Path, dest: Path, then: Callable[[pyoxigraph.Store, Path], None] | None = None
) -> int:
    """Load ``nt_file`` into a new Oxigraph store at ``dest``, compacted and closed; return
    the number of triples it holds. ``then``, if given, is called with the loaded store and
    its folder before the store is closed (the build keeps its answers so)."""
    import pyoxigraph as ox

    store = ox.Store(str(dest))
    store.bulk_load(path=str(nt_file), format=ox.RdfFormat.N_TRIPLES)
    store.optimize()
    n = len(store)
    store.flush()
    if then is not None:
        then(store, dest)
    del store
    return n


def open_read_only(folder: Path) -> pyoxigraph.Store:
    """The store at ``folder``, opened read-only (many readers at once, and the build may
    publish a new one meanwhile: a reader keeps the one it opened)."""
    import pyoxigraph as ox

    return ox.Store.read_only(str(folder))


def store_for(nt_file: Path) -> Path | None:
    """The store a build loaded from ``nt_file``, if there is one and the file is as the
    build left it (the size and time its stamp records)."""
    from mgi_graph.store.stamp import unchanged_since_build

    store = nt_file.parent / STORE_DIR
    return store if store.is_dir() and unchanged_since_build(nt_file) else None


__all__ = ["STORE_DIR", "open_read_only", "store_for", "write_store"]
