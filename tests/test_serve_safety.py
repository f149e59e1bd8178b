"""`mgi-graph serve` is safe to leave running: it makes no requests elsewhere, cancels a
query at its time-out while serving the others, limits its answers, answers errors with HTTP
statuses, serves browsers read-only (CORS), serves a rebuilt store anew, and serves a bounded
load of concurrent clients without error."""

from __future__ import annotations

import contextlib
import http.server
import json
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import ClassVar

import pytest

from tests.conftest import ROOT
from tests.servers import free_port

pytestmark = pytest.mark.slow

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
# Every triple against every triple against every triple: far longer than any time-out.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@contextlib.contextmanager
def serving(*args: str, home: str | None = None) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    port = free_port()
    cmd = [sys.executable, "-m", "mgi_graph", "serve", "--port", str(port), *args]
    if home:
        cmd += ["--home", home]
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        first = proc.stdout.readline() if proc.stdout else ""
        assert first.startswith("SPARQL endpoint: "), proc.stderr.read() if proc.stderr else ""
        yield first.split(": ", 1)[1].strip(), proc
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)


def ask(url: str, query: str, accept: str = "application/sparql-results+json", timeout=60):
    """(status, headers, body) of a GET of ``query``."""
    req = urllib.request.Request(
        f"{url}?query={urllib.parse.quote(query)}", headers={"Accept": accept}
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def count(url: str) -> int:
    status, _, body = ask(url, COUNT)
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


class _Secret(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"secret on another local port")

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        pass


def test_service_to_a_local_port_is_refused_and_nothing_is_sent(built):
    secret = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Secret)
    threading.Thread(target=secret.serve_forever, daemon=True).start()
    target = f"http://127.0.0.1:{secret.server_address[1]}/sparql"
    try:
        with serving() as (url, _):
            for query in (
                f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
                f"select * where {{ service silent <{target}> {{ ?s ?p ?o }} }}",
                "SELECT * WHERE { BIND(<" + target + "> AS ?x) SERVICE ?x { ?s ?p ?o } }",
            ):
                status, headers, body = ask(url, query)
                assert status == 403 and b"SERVICE" in body and b"secret" not in body
                assert headers["Content-Type"].startswith("text/plain")
            # the word in a string or a comment is no SERVICE
            status, _, _ = ask(url, 'ASK { ?s ?p "SERVICE <http://x/>" } # SERVICE <http://y/>')
            assert status == 200
        assert _Secret.hits == []
        with serving("--allow-service", "127.0.0.1") as (url, _):
            status, _, body = ask(url, f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}")
            assert status != 403  # allowed: the request went out (the stub is no endpoint)
        assert _Secret.hits
    finally:
        secret.shutdown()


def test_a_slow_query_is_cancelled_at_the_time_out_while_others_are_served(built):
    with serving("--timeout", "2", "--workers", "2") as (url, _):
        slow: list[tuple[int, float]] = []

        def run_slow() -> None:
            start = time.monotonic()
            status, _, _ = ask(url, SLOW)
            slow.append((status, time.monotonic() - start))

        t = threading.Thread(target=run_slow)
        t.start()
        time.sleep(0.3)
        start = time.monotonic()
        assert count(url) == len(built.graph)  # served while the slow one runs
        assert time.monotonic() - start < 2
        t.join(timeout=60)
        ((status, took),) = slow
        assert status == 503 and 1.5 < took < 15
        # the cancelled query's worker was replaced: the endpoint still answers
        assert count(url) == len(built.graph)


def test_errors_are_http_statuses_with_a_readable_body_and_browsers_are_served(built):
    with serving("--max-answer-bytes", "2000") as (url, _):
        status, headers, body = ask(url, "SELECT * WHERE { ?s ?p ?o } LIMIT 1")
        assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"
        status, _, body = ask(url, "SELEKT nothing")
        assert status == 400 and b"does not parse" in body
        status, _, body = ask(url, "SELECT * WHERE { ?s ?p ?o }")
        assert status == 422 and b"LIMIT" in body
        base = url.rsplit("/", 1)[0]
        for req, code in (
            (urllib.request.Request(f"{base}/nowhere"), 404),
            (
                urllib.request.Request(
                    url,
                    data=b"DROP ALL",
                    method="POST",
                    headers={"Content-Type": "application/sparql-update"},
                ),
                405,
            ),
            (urllib.request.Request(url, method="OPTIONS"), 204),
        ):
            try:
                with urllib.request.urlopen(req, timeout=30) as resp:
                    got, headers = resp.status, dict(resp.headers)
            except urllib.error.HTTPError as err:
                got, headers = err.code, dict(err.headers)
            assert got == code
        assert "GET" in headers["Access-Control-Allow-Methods"]
        status, headers, body = ask(url, "CONSTRUCT WHERE { ?s a ?t } LIMIT 2", "text/turtle")
        assert status == 200 and headers["Content-Type"] == "text/turtle"
        with urllib.request.urlopen(f"{base}/", timeout=30) as resp:
            assert b"<textarea" in resp.read()


def test_the_endpoint_describes_itself(built):
    """GET of the endpoint with no query: its SPARQL 1.1 Service Description."""
    from rdflib import Graph, Namespace, URIRef
    from rdflib.namespace import RDF

    sd = Namespace("http://www.w3.org/ns/sparql-service-description#")
    with serving() as (url, _), urllib.request.urlopen(url, timeout=30) as resp:
        assert resp.headers["Content-Type"].startswith("text/turtle")
        g = Graph().parse(data=resp.read().decode("utf-8"), format="turtle")
    service = URIRef(url)
    assert (service, RDF.type, sd.Service) in g and (service, sd.endpoint, service) in g
    assert (service, sd.supportedLanguage, sd.SPARQL11Query) in g


def test_a_rebuilt_store_is_served_anew(corpus, tmp_path):
    from tests.conftest import cli

    assert cli("build", "--home", str(corpus)) == 0
    template = (ROOT / "tests" / "fixtures" / "languages" / "shared-names-template.txt").read_text(
        "utf-8"
    )
    profile = tmp_path / "georgia.txt"
    profile.write_text(template.replace("{country}", "Georgia"), "utf-8")
    with serving(home=str(corpus)) as (url, proc):
        before = count(url)
        assert cli("add", "--home", str(corpus), str(profile)) == 0
        assert cli("build", "--home", str(corpus)) == 0
        assert count(url) > before
    assert "rebuilt" in (proc.stderr.read() if proc.stderr else "")


def test_a_bounded_load_of_concurrent_clients_is_served_without_error(built, capsys):
    """Eight clients, 25 queries each, at once: every answer 200; throughput and p99 are
    printed for docs/robustness.md."""
    with serving("--workers", "2") as (url, _):
        times: list[float] = []
        errors: list[int] = []

        def client() -> None:
            for _ in range(25):
                start = time.monotonic()
                status, _, _ = ask(url, "SELECT ?s WHERE { ?s a ?t } LIMIT 50")
                times.append(time.monotonic() - start)
                if status != 200:
                    errors.append(status)

        threads = [threading.Thread(target=client) for _ in range(8)]
        start = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=300)
        took = time.monotonic() - start
    assert errors == [] and len(times) == 200
    p99 = statistics.quantiles(times, n=100)[98]
    with capsys.disabled():
        print(f"\n200 queries from 8 clients: {200 / took:.0f}/s, p99 {p99 * 1000:.0f} ms")
