"""The SPARQL endpoint ``mgi-graph serve`` runs: safe to leave running.

The store is queried with pyoxigraph, read-only, in worker processes; the HTTP side is a WSGI
application served by waitress (a maintained pure-Python WSGI server). What the Oxigraph
server does not do, and a server left running on a researcher's machine must:

* **No requests elsewhere.** A query with ``SERVICE`` is refused (403), unless every service
  it names is on a host the user allowed (``serve --allow-service HOST``): a web page open
  in the browser cannot make the server fetch from another port or host.
* **A time-out.** A query that runs longer than ``timeout`` seconds is cancelled: its worker
  process is ended and another started, and the client gets 503 with why; the other clients
  are served meanwhile by the other workers.
* **A size limit** on answers (``max_bytes``: 422 past it, with how to narrow the query) and on
  requests (413).
* **Errors as HTTP statuses** with a readable text body: 400 for a query that does not parse,
  405 for an update (the endpoint is read-only), 404 for another path.
* **CORS** for read-only use from browser clients (``Access-Control-Allow-Origin: *``).
* **A rebuilt store is served anew**: when the build publishes a new store, the workers are
  restarted on it, and the server says so on stderr.

>>> refused_services("SELECT * WHERE { SERVICE <http://127.0.0.1:9/q> { ?s ?p ?o } }", ())
['http://127.0.0.1:9/q']
>>> refused_services('SELECT * WHERE { ?s ?p "SERVICE <http://x/>" } # SERVICE <http://y/>', ())
[]
>>> refused_services("SELECT * WHERE { SERVICE <https://query.wikidata.org/sparql> {} }",
...                  ("query.wikidata.org",))
[]
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import queue
import re
import sys
import threading
import urllib.parse
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import IO, Any, cast

#: An answer: HTTP status, content type, body.
Answer = tuple[int, str, bytes]

_STATUS = {
    200: "200 OK",
    204: "204 No Content",
    400: "400 Bad Request",
    403: "403 Forbidden",
    404: "404 Not Found",
    405: "405 Method Not Allowed",
    413: "413 Content Too Large",
    422: "422 Unprocessable Content",
    500: "500 Internal Server Error",
    503: "503 Service Unavailable",
}
_MAX_REQUEST = 1024 * 1024

# Strings, IRIs and comments, which may hold the word SERVICE without being the keyword.
_LEXEMES = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*",
)
_SERVICE = re.compile(r"(?<![\w?$:])SERVICE(?![\w:])(?:\s+SILENT)?\s*(\S*)", re.IGNORECASE)


def refused_services(query: str, allowed_hosts: Sequence[str]) -> list[str]:
    """The services a query names that are not on an allowed host (a service named by a
    variable counts as not allowed)."""
    iris: list[str] = []
    kept: list[str] = []

    def hide(m: re.Match[str]) -> str:
        text = m.group()
        if text.startswith("<"):
            iris.append(text[1:-1])
            return f"<{len(iris) - 1}>"
        return " "

    stripped = _LEXEMES.sub(hide, query)
    for m in _SERVICE.finditer(stripped):
        target = m.group(1)
        if target.startswith("<") and target[1:-1].isdigit():
            iri = iris[int(target[1:-1])]
            host = urllib.parse.urlsplit(iri).hostname or ""
            if host not in allowed_hosts:
                kept.append(iri)
        else:
            kept.append(target or "(a variable)")
    return kept


# --- the worker processes ------------------------------------------------------------------


class _Full(Exception):
    """An answer past the size limit."""


class _Bounded(io.RawIOBase):
    """A binary sink that refuses to grow past ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.parts: list[bytes] = []
        self.size = 0
        self.limit = limit

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise _Full
        self.parts.append(bytes(data))
        return len(data)


_RESULTS = {
    "application/sparql-results+json": "JSON",
    "application/json": "JSON",
    "application/sparql-results+xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
}
_GRAPHS = {
    "application/n-triples": "N_TRIPLES",
    "text/turtle": "TURTLE",
    "application/ld+json": "JSON_LD",
    "application/rdf+xml": "RDF_XML",
}


def _pick(accept: str, table: dict[str, str], default: str) -> tuple[str, str]:
    """The media type of ``table`` the Accept header prefers, and its format name."""
    for part in accept.split(","):
        media = part.split(";")[0].strip().lower()
        if media in table:
            return media, table[media]
    return default, table[default]


def _answer(store: Any, query: str, accept: str, max_bytes: int) -> Answer:
    import pyoxigraph

    try:
        result = store.query(query)
    except SyntaxError as exc:
        return 400, "text/plain; charset=utf-8", f"the query does not parse: {exc}\n".encode()
    sink = cast("IO[bytes]", _Bounded(max_bytes))
    try:
        if isinstance(result, pyoxigraph.QueryTriples):
            media, fmt = _pick(accept, _GRAPHS, "application/n-triples")
            result.serialize(sink, getattr(pyoxigraph.RdfFormat, fmt))
        else:
            media, fmt = _pick(accept, _RESULTS, "application/sparql-results+json")
            result.serialize(sink, getattr(pyoxigraph.QueryResultsFormat, fmt))
    except _Full:
        return (
            422,
            "text/plain; charset=utf-8",
            f"the answer is over {max_bytes} bytes, this endpoint's limit: narrow the query "
            "(LIMIT, a filter, fewer variables)\n".encode(),
        )
    return 200, media, b"".join(cast(_Bounded, sink).parts)


def _work(conn: Connection, store_path: str, max_bytes: int) -> None:
    """A worker process: answer queries on the read-only store until told to stop."""
    import pyoxigraph

    store = pyoxigraph.Store.read_only(store_path)
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        query, accept = job
        try:
            conn.send(_answer(store, query, accept, max_bytes))
        except Exception as exc:  # an answer, not a dead worker
            conn.send((500, "text/plain; charset=utf-8", f"{type(exc).__name__}: {exc}\n".encode()))


@dataclass
class _Worker:
    process: Any
    conn: Connection


@dataclass
class Workers:
    """Worker processes over one store: each query runs in one, and one that runs past the
    time-out is ended and replaced."""

    store_path: Path
    size: int = 2
    timeout: float = 30.0
    max_bytes: int = 50 * 1024 * 1024
    idle: queue.Queue[_Worker] = field(default_factory=queue.Queue)
    lock: threading.Lock = field(default_factory=threading.Lock)
    generation: int = 0

    def start(self) -> None:
        for _ in range(self.size):
            self.idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe()
        proc = ctx.Process(
            target=_work, args=(child, str(self.store_path), self.max_bytes), daemon=True
        )
        proc.start()
        child.close()
        return _Worker(proc, parent)

    def run(self, query: str, accept: str) -> Answer:
        """The answer to ``query``, or 503 if no worker is free in time or it timed out."""
        try:
            worker = self.idle.get(timeout=self.timeout)
        except queue.Empty:
            return 503, "text/plain; charset=utf-8", b"every worker is busy; try again\n"
        generation = self.generation
        worker.conn.send((query, accept))
        if worker.conn.poll(self.timeout):
            try:
                answer: Answer = worker.conn.recv()
            except EOFError:
                answer = (500, "text/plain; charset=utf-8", b"the query's worker died\n")
                worker = self._replace(worker)
            self._give_back(worker, generation)
            return answer
        self._give_back(self._replace(worker), generation)
        return (
            503,
            "text/plain; charset=utf-8",
            f"the query ran longer than {self.timeout:g} s, this endpoint's time-out, and was "
            "cancelled: narrow it, or start serve with a longer --timeout\n".encode(),
        )

    def _replace(self, worker: _Worker) -> _Worker:
        worker.process.kill()
        worker.process.join()
        return self._spawn()

    def _give_back(self, worker: _Worker, generation: int) -> None:
        if generation == self.generation:
            self.idle.put(worker)
        else:  # the store was replaced meanwhile: this worker reads the old one
            self._stop(worker)
            self.idle.put(self._spawn())

    def _stop(self, worker: _Worker) -> None:
        with contextlib.suppress(OSError):
            worker.conn.send(None)
        worker.process.join(timeout=5)
        if worker.process.is_alive():
            worker.process.kill()

    def reload(self) -> None:
        """Serve the store anew (it was rebuilt): idle workers are replaced now, busy ones
        when their query is done."""
        with self.lock:
            self.generation += 1
            replaced = []
            while True:
                try:
                    replaced.append(self.idle.get_nowait())
                except queue.Empty:
                    break
            for worker in replaced:
                self._stop(worker)
                self.idle.put(self._spawn())

    def close(self) -> None:
        while True:
            try:
                self._stop(self.idle.get_nowait())
            except queue.Empty:
                return


# --- the web application --------------------------------------------------------------------


@dataclass
class Endpoint:
    """The WSGI application: ``/query`` (SPARQL 1.1 protocol, read-only) and ``/`` (a query
    page)."""

    workers: Workers
    allowed_hosts: tuple[str, ...] = ()
    page: bytes = b""
    #: The store's identity when the workers opened it (inode, time): a new one is reloaded.
    seen: tuple[int, int] = (0, 0)
    say: Callable[[str], None] = field(default=lambda text: print(text, file=sys.stderr))

    def __call__(
        self, environ: dict[str, Any], start: Callable[[str, list[tuple[str, str]]], Any]
    ) -> Iterable[bytes]:
        status, media, body, extra = self._handle(environ)
        headers = [
            ("Content-Type", media),
            ("Content-Length", str(len(body))),
            ("Access-Control-Allow-Origin", "*"),
            *extra,
        ]
        start(_STATUS[status], headers)
        return [body]

    def _handle(self, environ: dict[str, Any]) -> tuple[int, str, bytes, list[tuple[str, str]]]:
        path, method = environ.get("PATH_INFO", "/"), environ.get("REQUEST_METHOD", "GET")
        text = "text/plain; charset=utf-8"
        if path in ("/", "/index.html") and method == "GET":
            return 200, "text/html; charset=utf-8", self.page, []
        if path == "/update" or (path == "/query" and _is_update(environ)):
            return 405, text, b"this endpoint is read-only: no updates\n", [("Allow", "GET, POST")]
        if path != "/query":
            return 404, text, f"no such page: {path} (the endpoint is /query)\n".encode(), []
        if method == "OPTIONS":
            allow = [
                ("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
                ("Access-Control-Allow-Headers", "Content-Type, Accept"),
            ]
            return 204, text, b"", allow
        if method not in ("GET", "POST"):
            return 405, text, b"GET or POST a query\n", [("Allow", "GET, POST, OPTIONS")]
        try:
            query = _query_of(environ)
        except ValueError as exc:
            status = 413 if "large" in str(exc) else 400
            return status, text, f"{exc}\n".encode(), []
        refused = refused_services(query, self.allowed_hosts)
        if refused:
            return (
                403,
                text,
                (
                    "this endpoint makes no requests to other servers: SERVICE "
                    f"{', '.join(refused)} is refused (start serve with --allow-service HOST "
                    "for a host you trust)\n"
                ).encode(),
                [],
            )
        self._reload_if_rebuilt()
        status, media, body = self.workers.run(query, environ.get("HTTP_ACCEPT", ""))
        return status, media, body, []

    def _reload_if_rebuilt(self) -> None:
        try:
            st = os.stat(self.workers.store_path)
        except OSError:
            return
        now = (st.st_ino, st.st_mtime_ns)
        with self.workers.lock:
            if now == self.seen:
                return
            first, self.seen = self.seen == (0, 0), now
        if not first:
            self.say("mgi-graph: the store was rebuilt; serving the new one")
            self.workers.reload()


def _is_update(environ: dict[str, Any]) -> bool:
    media = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
    if media == "application/sparql-update":
        return True
    query = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""))
    return "update" in query


def _query_of(environ: dict[str, Any]) -> str:
    """The query of a GET or POST request of the SPARQL 1.1 protocol."""
    params = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""))
    if environ.get("REQUEST_METHOD") == "POST":
        length = int(environ.get("CONTENT_LENGTH") or 0)
        if length > _MAX_REQUEST:
            raise ValueError(f"the request is too large: over {_MAX_REQUEST} bytes")
        body = environ["wsgi.input"].read(length) if length else b""
        media = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        if media == "application/sparql-query":
            return body.decode("utf-8", "replace")
        if media == "application/x-www-form-urlencoded":
            params.update(urllib.parse.parse_qs(body.decode("utf-8", "replace")))
        elif body:
            raise ValueError("POST a query as application/sparql-query or as the form field query")
    queries = params.get("query", [])
    if len(queries) != 1:
        raise ValueError("give exactly one query (the parameter query)")
    return queries[0]


__all__ = ["Answer", "Endpoint", "Workers", "refused_services"]
