"""The answers the build keeps: each canned query's table at its default parameters, run
once on the new store, so that a fresh ``mgi-graph query NAME`` reads a table instead of the
graph (see ``docs/performance.md`` for what it saves).

Each answer carries a digest of the query text it answers: an edited query is not answered
from the kept table.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from mgi_graph.query.engines import oxigraph_solutions, with_bindings
from mgi_graph.query.stored_queries import QueryError, load_queries
from mgi_graph.store.disk_store import store_for

if TYPE_CHECKING:
    import pyoxigraph

__all__ = ["ANSWERS", "cached_answer", "default_answers", "keeper"]

#: Inside the store: the canned queries' answers with their default parameters, one JSON file
#: each, so that a fresh ``mgi-graph query NAME`` reads a table instead of the graph.
ANSWERS = "answers"


def keeper(answers: dict[str, str]) -> Callable[[pyoxigraph.Store, Path], None]:
    """What the store's loader calls with the new store and its folder: run each of
    ``answers`` (a name to its query text) once and keep its table in the folder."""
    return functools.partial(_write_answers, answers=answers)


def _write_answers(store: pyoxigraph.Store, store_dir: Path, answers: dict[str, str]) -> None:
    folder = store_dir / ANSWERS
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
    return hashlib.sha256(text.encode()).hexdigest()


def default_answers() -> dict[str, str]:
    """Each canned query's text with its default bindings, by name: those whose answer the
    build keeps (all but the federated ones, and those with a required parameter)."""
    out = {}
    for name, q in load_queries().items():
        if q.federated:
            continue
        try:
            out[name] = with_bindings(q.text, q.bind({}))
        except QueryError:  # a required parameter: no default answer
            continue
    return out
