"""A second, independent SPARQL store: Virtuoso Open Source (Debian package
``virtuoso-opensource``, installed by ``.ci/run``), started here on 127.0.0.1 and free ports
with its database in a temporary folder.

``mgi-graph push`` loads the graph through Virtuoso's Graph Store Protocol service
(``/sparql-graph-crud``); every catalogue query then runs on Virtuoso's ``/sparql`` endpoint
through SPARQLWrapper and must give the same rows as the embedded engine.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

from mgi_graph.publish.server import DEFAULT_GRAPH, push, staging_graph
from mgi_graph.query.engines import run
from mgi_graph.query.stored_queries import load_queries
from tests.conftest import OWN, ROOT, example_params
from tests.servers import virtuoso_server

pytestmark = pytest.mark.system

QUERIES = load_queries()
COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{DEFAULT_GRAPH}> {{ ?s ?p ?o }} }}"


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as base:
        yield base


def count(base: str) -> int:
    return int(run(COUNT, {}, endpoint=base + "/sparql").rows[0][0])


@pytest.fixture(scope="module")
def pushed(virtuoso, built):
    n = push(built.out_dir / "mgi-graph.nt", virtuoso + "/sparql-graph-crud")
    assert n == len(built.graph) == count(virtuoso)
    return virtuoso


#: Queries the shipped sources give no rows for (no country has two editions there): they
#: are compared on a corpus with two made-up editions, at the end of this module.
EDITION_QUERIES = ("compare-editions", "editions-scorecard")


@pytest.mark.parametrize("name", sorted(set(QUERIES) - set(EDITION_QUERIES)))
def test_every_query_on_virtuoso_equals_embedded(pushed, built, wikidata, name):
    """Virtuoso's default graph is the union of its graphs, as the Oxigraph server's is when
    started with --union-default-graph."""
    q = QUERIES[name]
    req = example_params(q, wikidata)
    local = run(q.text, q.bind(req), data=built.out_dir / "mgi-graph.nt")
    assert local.rows, f"{name}: the example gives no rows, so the comparison proves nothing"
    assert run(q.text, q.bind(req), endpoint=pushed + "/sparql") == local


@pytest.mark.parametrize("name", ["bodies-by-domain", "describe", "sources"])
def test_queries_on_the_pushed_graph_by_name(pushed, built, name):
    """With --graph, the query sees the pushed graph as its default graph and nothing else."""
    q = QUERIES[name]
    req = {p.name: p.example for p in q.params if p.required}
    local = run(q.text, q.bind(req), data=built.out_dir / "mgi-graph.nt")
    remote = run(q.text, q.bind(req), endpoint=pushed + "/sparql", default_graph=DEFAULT_GRAPH)
    assert remote == local


def test_push_twice_gives_no_duplicates(pushed, built):
    nt = built.out_dir / "mgi-graph.nt"
    push(nt, pushed + "/sparql-graph-crud")
    push(nt, pushed + "/sparql-graph-crud")
    assert count(pushed) == len(built.graph)


def test_a_staged_push_under_concurrent_readers_ends_in_the_new_graph(pushed, built, tmp_path):
    """Virtuoso's Graph Store PUT clears the graph and loads the new one in two steps.
    ``--protocol staged`` loads a staging graph beside it, then ``COPY``s it onto the graph
    and drops it. Under two readers polling throughout, every push ends in exactly the new
    graph with no staging graph left, and the readers get answers throughout. Virtuoso
    commits its COPY in steps of 10,000 rows, so a reader may see part of a graph during the
    copy (docs/publishing.md): that is not asserted either way."""
    nt = built.out_dir / "mgi-graph.nt"
    small = tmp_path / "small.nt"
    small.write_text("".join(nt.read_text("utf-8").splitlines(keepends=True)[:100]), "utf-8")
    staged = {"protocol": "staged", "update_endpoint": pushed + "/sparql"}
    left = COUNT.replace(DEFAULT_GRAPH, staging_graph(DEFAULT_GRAPH))
    push(small, pushed + "/sparql-graph-crud", **staged)
    seen: list[int] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            seen.append(count(pushed))

    readers = [threading.Thread(target=reader) for _ in range(2)]
    for t in readers:
        t.start()
    ends: list[tuple[int, str]] = []
    try:
        for f in (*(nt, small) * 3, nt):
            push(f, pushed + "/sparql-graph-crud", **staged)
            ends.append((count(pushed), run(left, {}, endpoint=pushed + "/sparql").rows[0][0]))
    finally:
        stop.set()
        for t in readers:
            t.join()
    assert ends == [(len(built.graph), "0"), (100, "0")] * 3 + [(len(built.graph), "0")]
    assert len(seen) > 10 and {100, len(built.graph)} <= set(seen)
    assert all(0 < n <= len(built.graph) + 100 for n in seen)


def test_query_command_with_endpoint_and_graph(pushed, built):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "mgi_graph", "query", "scorecard", "--format", "csv"]
    remote = subprocess.run(
        [*cmd, "--endpoint", pushed + "/sparql", "--graph", DEFAULT_GRAPH],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    assert remote.startswith("country_code,profile,domain,domain_label,well_developed,potential")
    assert "KZ,https://w3id.org/mgi-graph/id/profile/KZ-1,1,Migrants' rights," in remote
    assert len(remote.splitlines()) == 13  # header + 2 profiles × 6 domains
    bad = subprocess.run(
        [*cmd, "--endpoint", pushed + "/sparql", "--graph", "http://x> } DROP ALL {"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert bad.returncode == 2 and "not a valid graph IRI" in bad.stderr
    alone = subprocess.run(
        [*cmd, "--graph", DEFAULT_GRAPH], capture_output=True, text=True, env=env
    )
    assert alone.returncode == 2 and "needs --endpoint" in alone.stderr


def test_push_command_staged(pushed, built):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "mgi_graph",
            "push",
            "--endpoint",
            pushed + "/sparql-graph-crud",
            "--protocol",
            "staged",
            "--update-endpoint",
            pushed + "/sparql",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == f"pushed {len(built.graph)} triples into <{DEFAULT_GRAPH}>"
    assert count(pushed) == len(built.graph)


@pytest.mark.parametrize("name", EDITION_QUERIES)
def test_edition_queries_on_virtuoso_equal_embedded(virtuoso, tmp_path_factory, name):
    """Last in the module: the two-edition corpus goes to a graph of its own, queried as the
    default graph, after the tests that read Virtuoso's union of graphs."""
    from tests.test_editions import FIRST, SECOND
    from tests.test_own_corpus import cli

    home = tmp_path_factory.mktemp("two-editions") / "corpus"
    if not (home / "build" / "mgi-graph.nt").exists():
        assert cli("init", "--base", OWN, str(home)) == 0
        assert cli("add", "--home", str(home), str(FIRST), str(SECOND)) == 0
        assert cli("build", "--home", str(home)) == 0
    nt = home / "build" / "mgi-graph.nt"
    graph = "https://w3id.org/mgi-graph/test/two-editions"
    push(nt, virtuoso + "/sparql-graph-crud", graph=graph)
    q = QUERIES[name]
    bindings = q.bind({"country": "country:MD"})
    local = run(q.text, bindings, data=nt)
    assert local.rows, f"{name}: no rows on the two-edition corpus"
    assert run(q.text, bindings, endpoint=virtuoso + "/sparql", default_graph=graph) == local
