"""Point 4 of the robustness work: remote faults, injected on 127.0.0.1.

Connection refused, a store that answers too slowly, HTTP 4xx and 5xx, and a connection cut
in the middle of an upload (a proxy in front of a real Oxigraph server forwards part of the
request and hangs up): each ends with a clear message and exit code 2; an idempotent PUT is
sent again after a dropped connection or a 502/503/504, nothing else is; and the remote named
graph keeps its previous content.
"""

from __future__ import annotations

import http.server
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import ClassVar

import pytest

from mgi_graph.publish import server
from mgi_graph.publish.server import RemoteError, push
from tests.conftest import ROOT
from tests.servers import free_port
from tests.test_server import count, store  # noqa: F401  (a writable Oxigraph server)

pytestmark = pytest.mark.slow

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
INJECTED: list[str] = []


class _Stub(http.server.BaseHTTPRequestHandler):
    statuses: ClassVar[list[int]] = []
    body = b"stub answer"
    delay = 0.0
    seen: ClassVar[list[str]] = []

    def _answer(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        word = body.split(b" ", 1)[0].decode() if self.command == "POST" else ""
        self.seen.append(f"{self.command} {word}".strip())
        time.sleep(self.delay)
        status = self.statuses.pop(0) if self.statuses else 200
        self.send_response(status)
        self.end_headers()
        self.wfile.write(self.body)

    do_PUT = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def stub(
    statuses: list[int],
    delay: float = 0.0,
    body: bytes = b"stub answer",
) -> Iterator[tuple[str, list[str]]]:
    """A store on 127.0.0.1 answering each request with the next of ``statuses`` (then 200),
    ``seen`` listing each request's method and first word."""
    seen: list[str] = []
    fields = {
        "statuses": list(statuses),
        "delay": delay,
        "seen": seen,
        "body": body,
    }
    handler = type("H", (_Stub,), fields)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.handle_error = lambda *args: None  # type: ignore[method-assign]
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/store", seen
    finally:
        httpd.shutdown()


@pytest.mark.parametrize(
    ("statuses", "protocol", "message", "attempts"),
    [
        ([400], "gsp", "HTTP 400: the store failed", 1),
        ([401], "gsp", "HTTP 401: the store refused the credentials", 1),
        ([403], "gsp", "HTTP 403: the store forbids writing here", 1),
        ([404], "gsp", "HTTP 404: there is no graph store at this URL", 1),
        ([405], "gsp", "HTTP 405", 1),
        ([500], "gsp", "HTTP 500: the store failed", 1),
        ([503, 503, 503], "gsp", "HTTP 503: the store failed. stub answer (tried 3 times)", 3),
        ([502, 200], "gsp", None, 2),  # a PUT is sent again, and succeeds
        ([503], "update", "HTTP 503", 1),  # an update POST is never sent twice
    ],
)
def test_http_errors(built, statuses, protocol, message, attempts):
    INJECTED.append(f"HTTP {statuses} ({protocol})")
    with stub(statuses) as (url, seen):
        if message is None:
            push(built.out_dir / "mgi-graph.nt", url, protocol=protocol)
        else:
            with pytest.raises(RemoteError, match=message.replace("(", r"\(").replace(")", r"\)")):
                push(built.out_dir / "mgi-graph.nt", url, protocol=protocol)
    assert len(seen) == attempts


DEADLOCK = b"Virtuoso 40001 Error SR172: Transaction deadlocked"


@pytest.mark.parametrize("protocol", ["update", "gsp"])
def test_a_deadlocked_transaction_is_sent_again(built, protocol, monkeypatch):
    """A store that rolled the transaction back in a deadlock (as Virtuoso does under
    concurrent readers: SR172) had no effect: the request is sent again, update or PUT,
    up to five times, waiting longer each time."""
    INJECTED.append(f"deadlock ({protocol})")
    assert server.DEADLOCK_DELAYS == (0.5, 1.0, 2.0, 4.0, 8.0)
    monkeypatch.setattr(server, "DEADLOCK_DELAYS", (0.0, 0.0))
    with stub([500, 200], body=DEADLOCK) as (url, seen):
        push(built.out_dir / "mgi-graph.nt", url, protocol=protocol)
    assert len(seen) == 2
    refused = pytest.raises(RemoteError, match=r"deadlocked \(tried 3 times\)")
    with stub([500, 500, 500], body=DEADLOCK) as (url, seen), refused:
        push(built.out_dir / "mgi-graph.nt", url, protocol=protocol)
    assert len(seen) == 3


def test_a_staged_push_copies_then_drops_and_sends_a_deadlocked_step_again(built, monkeypatch):
    """--protocol staged: PUT into the staging graph, COPY it onto the graph, DROP it; each
    step gives the same graph however often it runs, so a deadlocked one is sent again."""
    INJECTED.append("deadlock (staged)")
    monkeypatch.setattr(server, "DEADLOCK_DELAYS", (0.0, 0.0))
    nt = built.out_dir / "mgi-graph.nt"
    with stub([200, 500, 200, 500, 200], body=DEADLOCK) as (url, seen):
        push(nt, url, protocol="staged", update_endpoint=url)
    assert seen == ["PUT", "POST COPY", "POST COPY", "POST DROP", "POST DROP"]
    swap_fails = pytest.raises(RemoteError, match=r"tried 3 times\) The new graph waits in <")
    with stub([200, 500, 500, 500], body=DEADLOCK) as (url, seen), swap_fails:
        push(nt, url, protocol="staged", update_endpoint=url)
    assert seen == ["PUT", "POST COPY", "POST COPY", "POST COPY"]
    drop_fails = pytest.raises(RemoteError, match="holds the new graph; a copy is left in <")
    with stub([200, 200, 400], body=b"no") as (url, seen), drop_fails:
        push(nt, url, protocol="staged", update_endpoint=url)
    assert seen == ["PUT", "POST COPY", "POST DROP"]


def test_slow_store_times_out(built):
    INJECTED.append("slow answer")
    with (
        stub([200], delay=3) as (url, seen),
        pytest.raises(RemoteError, match="no answer within 1 s"),
    ):
        push(built.out_dir / "mgi-graph.nt", url, timeout=1)
    assert len(seen) == 1  # a time-out is not retried: the store may still be applying it


def test_refused_connection_exits_2(built):
    INJECTED.append("connection refused")
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "mgi_graph",
            "push",
            "--endpoint",
            f"http://127.0.0.1:{free_port()}/store",
            "--timeout",
            "5",
        ],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=120,
    )
    assert r.returncode == 2 and "cannot reach" in r.stderr and "Traceback" not in r.stderr


@contextmanager
def cutting_proxy(target_port: int, cut_after: int) -> Iterator[tuple[str, list[int]]]:
    """A TCP proxy that forwards the first ``cut_after`` bytes of each request to the real
    server, then closes both ends: the server stopped in the middle of the upload."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    cuts: list[int] = []
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                client, _ = listener.accept()
            except OSError:
                continue
            upstream = socket.create_connection(("127.0.0.1", target_port))
            sent = 0
            client.settimeout(5)
            try:
                while sent < cut_after:
                    chunk = client.recv(min(65536, cut_after - sent))
                    if not chunk:
                        break
                    upstream.sendall(chunk)
                    sent += len(chunk)
            except OSError:
                pass
            cuts.append(sent)
            for s in (upstream, client):
                with suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/store", cuts
    finally:
        stop.set()
        t.join()
        listener.close()


@pytest.mark.parametrize("cut_after", [200, 100_000, 1_000_000])
def test_server_stopped_mid_upload_keeps_the_previous_graph(store, built, tmp_path, cut_after):  # noqa: F811
    INJECTED.append(f"upload cut after {cut_after} bytes")
    nt = built.out_dir / "mgi-graph.nt"
    small = tmp_path / "small.nt"
    small.write_text("".join(nt.read_text("utf-8").splitlines(keepends=True)[:100]), "utf-8")
    push(small, store + "/store")
    assert count(store) == 100
    port = int(store.rsplit(":", 1)[1])
    with cutting_proxy(port, cut_after) as (url, cuts), pytest.raises(RemoteError) as err:
        push(nt, url, timeout=10)
    assert "(tried 3 times)" in str(err.value)  # a PUT is idempotent: sent three times
    assert len(cuts) == 3 and all(c <= cut_after for c in cuts)
    assert count(store) == 100  # the graph as it was
    push(nt, store + "/store")  # and the store still takes a whole upload
    assert count(store) == len(built.graph)


def test_zz_counts():
    print(f"\nfaults injected: {len(INJECTED)}: {INJECTED}")
    assert len(INJECTED) >= 14
