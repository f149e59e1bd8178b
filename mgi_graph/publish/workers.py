"""The worker processes of ``mgi-graph serve``: each answers queries on the read-only store
with pyoxigraph, one at a time; a query that runs past the time-out has its worker ended and
replaced, so that it is cancelled while the other workers serve the other clients; answers
are serialised into a sink that refuses to grow past the size limit."""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import queue
import threading
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import IO, Any, cast

#: An answer: HTTP status, content type, body.
Answer = tuple[int, str, bytes]


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


__all__ = ["Answer", "Workers"]
