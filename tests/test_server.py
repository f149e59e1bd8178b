"""`serve` and `push` against real servers started here, on 127.0.0.1 and free ports."""

from __future__ import annotations

import http.server
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from mgi_graph.publish.server import DEFAULT_GRAPH, RemoteError, push, staging_graph
from mgi_graph.query.engines import run
from mgi_graph.query.stored_queries import load_queries
from tests.conftest import ROOT, example_params
from tests.servers import free_port, oxigraph_command

pytestmark = pytest.mark.slow

QUERIES = load_queries()
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{DEFAULT_GRAPH}> {{ ?s ?p ?o }} }}"


def sparql(url: str, query: str) -> list[dict]:
    client = SPARQLWrapper(url)
    client.setQuery(query)
    client.setReturnFormat(JSON)
    return client.queryAndConvert()["results"]["bindings"]  # type: ignore[index]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """A writable Oxigraph server whose default graph is the union of its named graphs."""
    port = free_port()
    proc = subprocess.Popen(
        [
            oxigraph_command(),
            "serve",
            "--location",
            str(tmp_path_factory.mktemp("rw")),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1).read()
            break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


def count(base: str) -> int:
    return int(sparql(base + "/query", COUNT)[0]["n"]["value"])


def test_push_then_every_query_remotely_equals_embedded(store, built, wikidata):
    nt = built.out_dir / "mgi-graph.nt"
    n = push(nt, store + "/store")
    assert n == len(built.graph) == count(store)
    for name, q in sorted(QUERIES.items()):
        req = example_params(q, wikidata)
        local = run(q.text, q.bind(req), data=nt)
        assert run(q.text, q.bind(req), endpoint=store + "/query") == local, name


def test_push_twice_gives_no_duplicates_and_update_protocol_too(store, built):
    nt = built.out_dir / "mgi-graph.nt"
    push(nt, store + "/store")
    push(nt, store + "/store")
    assert count(store) == len(built.graph)
    push(nt, store + "/update", protocol="update")
    assert count(store) == len(built.graph)


def test_a_reader_sees_the_old_graph_or_the_new_one_never_half(store, built, tmp_path):
    nt = built.out_dir / "mgi-graph.nt"
    small = tmp_path / "small.nt"
    small.write_text("".join(nt.read_text("utf-8").splitlines(keepends=True)[:100]), "utf-8")
    push(small, store + "/store")
    seen: list[int] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            seen.append(count(store))

    t = threading.Thread(target=reader)
    t.start()
    for _ in range(3):
        push(nt, store + "/store")
        push(small, store + "/store")
    push(nt, store + "/store")
    stop.set()
    t.join()
    assert seen and set(seen) <= {100, len(built.graph)}


def test_staged_push_copies_the_staging_graph_onto_the_graph(store, built, tmp_path):
    """--protocol staged: PUT into the staging graph, COPY it onto the graph, DROP it; nothing
    is left behind. If the COPY fails, the graph keeps its content (Oxigraph runs an update
    as one transaction) and the message says where the new one is."""
    nt = built.out_dir / "mgi-graph.nt"
    small = tmp_path / "small.nt"
    small.write_text("".join(nt.read_text("utf-8").splitlines(keepends=True)[:100]), "utf-8")
    staged = {"protocol": "staged", "update_endpoint": store + "/update"}
    assert push(small, store + "/store", **staged) == 100
    assert count(store) == 100
    ask = f"ASK {{ GRAPH <{staging_graph(DEFAULT_GRAPH)}> {{ ?s ?p ?o }} }}"
    client = SPARQLWrapper(store + "/query")
    client.setQuery(ask)
    client.setReturnFormat(JSON)
    assert client.queryAndConvert()["boolean"] is False  # type: ignore[index]
    push(nt, store + "/store", **staged)
    assert count(store) == len(built.graph)
    kept = r"The new graph waits in <.*> keeps its previous content"
    with pytest.raises(RemoteError, match=kept):
        push(small, store + "/store", protocol="staged", update_endpoint=store + "/nowhere")
    assert count(store) == len(built.graph)
    assert client.queryAndConvert()["boolean"] is True  # type: ignore[index]
    with pytest.raises(RemoteError, match="needs --update-endpoint"):
        push(small, store + "/store", protocol="staged")
    push(nt, store + "/store", **staged)  # the staging graph is replaced, copied, dropped
    assert count(store) == len(built.graph)
    assert client.queryAndConvert()["boolean"] is False  # type: ignore[index]


def test_push_errors_are_clear_and_leave_the_store_as_it_was(store, built):
    nt = built.out_dir / "mgi-graph.nt"
    push(nt, store + "/store")
    with pytest.raises(RemoteError, match="cannot reach"):
        push(nt, f"http://127.0.0.1:{free_port()}/store", timeout=5)
    with pytest.raises(RemoteError, match="HTTP 404"):
        push(nt, store + "/no-such-path")
    with pytest.raises(RemoteError, match="not a valid graph IRI"):
        push(nt, store + "/store", graph="http://example.org/a> } ; DROP ALL ; <x")
    assert count(store) == len(built.graph)


class _Stub(http.server.BaseHTTPRequestHandler):
    status = 500
    delay = 0.0

    def do_PUT(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        time.sleep(self.delay)
        self.send_response(self.status)
        self.end_headers()
        self.wfile.write(b"stub says no")

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.parametrize(
    ("status", "delay", "message"),
    [
        (401, 0, "HTTP 401: the store refused the credentials"),
        (500, 0, "HTTP 500"),
        (200, 3, "no answer within 1 s"),
    ],
)
def test_push_to_a_failing_store(built, status, delay, message, monkeypatch):
    handler = type("H", (_Stub,), {"status": status, "delay": delay})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.handle_error = lambda *args: None  # type: ignore[method-assign] # client gave up
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("MGI_GRAPH_USER", "alice")
    monkeypatch.setenv("MGI_GRAPH_PASSWORD", "s3cret-value")
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/store"
        with pytest.raises(RemoteError, match=message) as err:
            push(built.out_dir / "mgi-graph.nt", url, timeout=1)
        assert "s3cret-value" not in str(err.value)
    finally:
        server.shutdown()


def start_serve(port: int, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "mgi_graph", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env or ENV,
        # As at a terminal: a shell without job control starts background commands with
        # SIGINT ignored, and the server would inherit that from a test run started so.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def stores_left() -> set[str]:
    import tempfile

    return {p.name for p in Path(tempfile.gettempdir()).glob("mgi-graph-store-*")}


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_serve_stops_cleanly_on_ctrl_c_and_on_kill(built, stop):
    before = stores_left()
    port = free_port()
    proc = start_serve(port)
    first = proc.stdout.readline() if proc.stdout else ""
    assert first.startswith("SPARQL endpoint: ")
    # It serves the build's persistent store: no store is loaded for it.
    assert stores_left() == before
    proc.send_signal(stop)
    assert proc.wait(timeout=20) == 0
    assert "stopping" in (proc.stderr.read() if proc.stderr else "")
    # the Oxigraph server is gone with it (the port is free) and so is its store
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    assert stores_left() == before


def test_serve_loads_a_store_of_its_own_where_the_build_has_none(tmp_path):
    from tests.test_build import first_build

    home, out, env, _ = first_build(tmp_path)
    # The build's folder is the corpus's own: serve reads that one.
    (home / "build").mkdir()
    for p in out.iterdir():
        if p.is_file():
            shutil.copy2(p, home / "build" / p.name)
    before = stores_left()
    port = free_port()
    proc = start_serve(port, env)
    try:
        first = proc.stdout.readline() if proc.stdout else ""
        assert first.startswith("SPARQL endpoint: "), proc.stderr.read() if proc.stderr else ""
        assert len(stores_left() - before) == 1  # loaded from mgi-graph.nt, while it serves
        url = first.split(": ", 1)[1].strip()
        n = int(sparql(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]["value"])
        assert n == sum(1 for _ in (out / "mgi-graph.nt").open(encoding="utf-8"))
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=20) == 0
    assert stores_left() == before


def test_serve_answers_sparqlwrapper_and_plain_http_and_rejects_updates(built):
    port = free_port()
    proc = start_serve(port)
    try:
        first = proc.stdout.readline() if proc.stdout else ""
        assert first.strip() == f"SPARQL endpoint: http://127.0.0.1:{port}/query"
        url = first.split(": ", 1)[1].strip()
        rows = sparql(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert int(rows[0]["n"]["value"]) == len(built.graph)
        q = urllib.parse.quote("ASK { ?s a <https://w3id.org/mgi-graph/ontology#Finding> }")
        with urllib.request.urlopen(f"{url}?query={q}", timeout=10) as resp:
            assert b"true" in resp.read()
        update = urllib.request.Request(
            f"http://127.0.0.1:{port}/update",
            data=b"DROP ALL",
            method="POST",
            headers={"Content-Type": "application/sparql-update"},
        )
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(update, timeout=10)
        assert err.value.code in (403, 404, 405)
        assert int(sparql(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]["value"]) > 0
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=20) == 0


def test_serve_refuses_a_taken_port(built):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        proc = start_serve(port)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in err


def test_serve_starts_again_on_its_port_at_once(built):
    port = free_port()
    for _ in range(2):
        proc = start_serve(port)
        try:
            first = proc.stdout.readline() if proc.stdout else ""
            assert first.strip() == f"SPARQL endpoint: http://127.0.0.1:{port}/query", (
                proc.stderr.read() if proc.stderr else ""
            )
            url = first.split(": ", 1)[1].strip()
            for _ in range(3):  # connections the server closes leave the port in TIME_WAIT
                sparql(url, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1")
        finally:
            proc.send_signal(signal.SIGINT)
            assert proc.wait(timeout=20) == 0
