"""Golden files (``tests/golden/``): the shipped build's published bytes, and each canned
query's answer at its default parameters (a required one at its example).

A change to the code that changes no knowledge (a move, a speed device) keeps every golden
file; a change to the data or the queries shows in review as a diff of these files. After a
deliberate change, refresh them with::

    MGI_GRAPH_REFRESH_GOLDEN=1 .venv/bin/python -m pytest -q tests/test_golden.py

and read the diff before committing it.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from mgi_graph.build.manifest import MANIFEST_JSON
from mgi_graph.build.pipeline import OUTPUTS
from mgi_graph.query.engines import LocalStore, with_bindings
from mgi_graph.query.output import render
from mgi_graph.query.stored_queries import load_queries
from mgi_graph.store.disk_store import STORE_DIR

GOLDEN = Path(__file__).parent / "golden"
REFRESH = os.environ.get("MGI_GRAPH_REFRESH_GOLDEN") == "1"

#: The published files: not the manifest (its inputs digest covers the code) nor the store
#: (RocksDB's own bytes; its triples are checked against the N-Triples in test_build).
PUBLISHED = sorted(OUTPUTS - {MANIFEST_JSON, STORE_DIR})


def _answers() -> dict[str, str]:
    """Each canned query but the federated ones, by name: its text bound to its default
    parameters, and each required one to its example."""
    out = {}
    for name, q in load_queries().items():
        if not q.federated:
            example = {p.name: p.example for p in q.params if p.required}
            out[name] = with_bindings(q.text, q.bind(example))
    return out


def _check(path: Path, actual: str) -> None:
    if REFRESH:
        path.write_text(actual, encoding="utf-8")
        return
    assert path.is_file(), f"no golden file {path.name}: refresh the golden files"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{path.name} differs from its golden file (see the module doc)"


def test_the_shipped_build_gives_the_golden_bytes(built):
    lines = [
        f"{hashlib.sha256((built.out_dir / name).read_bytes()).hexdigest()}  {name}\n"
        for name in PUBLISHED
    ]
    _check(GOLDEN / "build.sha256", "".join(lines))


@pytest.fixture(scope="module")
def store(built):
    return LocalStore(built.out_dir / "mgi-graph.nt")


@pytest.mark.parametrize("name", sorted(_answers()))
def test_each_canned_query_gives_its_golden_answer(store, name):
    text = _answers()[name]
    _check(GOLDEN / "queries" / f"{name}.tsv", render(store.run(text), "tsv"))


def test_every_golden_answer_belongs_to_a_query():
    """A query removed or renamed leaves no golden file behind."""
    names = {p.stem for p in (GOLDEN / "queries").glob("*.tsv")}
    assert names == set(_answers())
