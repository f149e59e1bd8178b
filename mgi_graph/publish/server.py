"""Serving the built graph (``mgi-graph serve``) and loading it into any SPARQL 1.1 store
(``mgi-graph push``).

``serve`` answers SPARQL queries read-only, on 127.0.0.1 by default, over the persistent
store the build wrote (``build/store``; a store is loaded first from an N-Triples file that
has none), with pyoxigraph in worker processes behind the waitress WSGI server: no SERVICE
requests unless allowed, a time-out, size limits, HTTP errors, CORS, a rebuilt store served
anew (:mod:`mgi_graph.publish.endpoint`). ``push`` replaces one named graph of a remote
store so that readers see the old graph or the new one: an HTTP PUT of the Graph Store
Protocol (the store swaps the graph in one transaction); one SPARQL Update request that
drops and re-inserts the graph (stores without the protocol); or, for stores whose PUT is
not one transaction (Virtuoso), a PUT into a staging graph, a ``COPY`` of it onto the graph,
then a ``DROP`` of the staging graph (readers see the old or the new graph if the store runs
the COPY as one transaction; Virtuoso does not). Credentials come from ``MGI_GRAPH_USER`` and
``MGI_GRAPH_PASSWORD`` and are never printed.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import os
import signal
import socket
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from pathlib import Path

from mgi_graph.core.errors import MgiError
from mgi_graph.core.options import DEFAULT_GRAPH, PROTOCOLS

USER_VAR, PASSWORD_VAR = "MGI_GRAPH_USER", "MGI_GRAPH_PASSWORD"


class RemoteError(MgiError):
    """A remote store or server could not do what was asked (exit code 2)."""


def check_port(host: str, port: int) -> int:
    """``port`` if it can be bound on ``host`` (a free one if 0); else a clear error.

    The port may still hold connections of a server stopped a moment ago (TIME_WAIT, a
    minute on Linux): as the Oxigraph server itself does, the check allows that; a port on
    which another server listens is refused."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as exc:
            raise MgiError(
                f"cannot listen on {host}:{port}: {exc.strerror or exc} "
                "(is another server using the port? choose one with --port)"
            ) from None
        return int(s.getsockname()[1])


def _as_ctrl_c(_signum: int, _frame: object) -> None:
    """SIGTERM while serving: stop as Ctrl-C does (KeyboardInterrupt), once."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second one must not cut the clean-up
    raise KeyboardInterrupt


def serve(
    nt_file: Path,
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    timeout: float = 30.0,
    allow_service: Sequence[str] = (),
    max_bytes: int = 50 * 1024 * 1024,
    workers: int = 2,
) -> int:
    """Serve ``nt_file`` read-only until interrupted; print the URLs. Return the exit code.

    Ctrl-C (SIGINT) or ``kill`` (SIGTERM) stops the server and its workers and removes a
    store it loaded before the process ends. See :mod:`mgi_graph.publish.endpoint` for what
    it refuses and limits.
    """
    previous = signal.signal(signal.SIGTERM, _as_ctrl_c)
    try:
        return _serve(nt_file, host, port, timeout, tuple(allow_service), max_bytes, workers)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _serve(
    nt_file: Path,
    host: str,
    port: int,
    timeout: float,
    allow_service: tuple[str, ...],
    max_bytes: int,
    size: int,
) -> int:
    from importlib.resources import files

    from waitress.server import create_server

    from mgi_graph.publish.endpoint import Endpoint, Workers
    from mgi_graph.store.disk_store import store_for

    port = check_port(host, port)
    with contextlib.ExitStack() as stack:
        store = store_for(nt_file)
        if store is None:
            # No persistent store beside the file (a file of one's own): load one.
            import pyoxigraph

            store = Path(
                stack.enter_context(tempfile.TemporaryDirectory(prefix="mgi-graph-store-"))
            )
            loading = pyoxigraph.Store(str(store))
            loading.bulk_load(path=str(nt_file), format=pyoxigraph.RdfFormat.N_TRIPLES)
            loading.flush()
            del loading
        pool = Workers(store, size=size, timeout=timeout, max_bytes=max_bytes)
        pool.start()
        stack.callback(pool.close)
        page = files("mgi_graph.publish").joinpath("query-page.html").read_bytes()
        app = Endpoint(pool, allow_service, page)
        app.reload_if_rebuilt()  # the store's identity now
        server = create_server(app, host=host, port=port, threads=max(4, size * 2))
        base = f"http://{host if ':' not in host else f'[{host}]'}:{port}"
        try:
            print(f"SPARQL endpoint: {base}/query", flush=True)
            print(f"query editor:    {base}/", flush=True)
            print(f"reconciliation:  {base}/reconcile (W3C API v0.2, for OpenRefine)", flush=True)
            print(
                f"read-only; queries time out after {timeout:g} s; SERVICE "
                + (f"allowed to {', '.join(allow_service)} only" if allow_service else "refused")
                + "; press Ctrl-C to stop",
                flush=True,
            )
            server.run()  # returns on Ctrl-C or SIGTERM, which waitress catches
        except KeyboardInterrupt:
            pass
        finally:
            print("stopping", file=sys.stderr)
            server.close()
    return 0


def _auth_headers() -> dict[str, str]:
    user, password = os.environ.get(USER_VAR), os.environ.get(PASSWORD_VAR)
    if not user:
        return {}
    token = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def _safe(url: str) -> str:
    """The URL without any user:password part, for messages."""
    parts = urllib.parse.urlsplit(url)
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))


#: HTTP statuses after which an idempotent request (a Graph Store PUT) is sent again.
RETRY_STATUSES = {502, 503, 504}
RETRY_DELAYS = (0.5, 1.5)
#: Waits before a request the store rolled back in a deadlock is sent again: longer, since
#: the readers it deadlocked with are still reading.
DEADLOCK_DELAYS = (0.5, 1.0, 2.0, 4.0, 8.0)


def _send(req: urllib.request.Request, timeout: float) -> None:
    """Send ``req``. A PUT (idempotent: the graph ends the
    same however often it is sent) is tried again after a dropped connection or a 502, 503
    or 504. Any request is tried again when the store says its transaction deadlocked
    (SQLSTATE 40001, as Virtuoso does under concurrent readers): the store rolled it back,
    so it had no effect. Nothing else is. Every message is scrubbed of the credentials."""
    attempt = 0
    while True:
        attempt += 1
        try:
            _send_once(req, timeout)
            return
        except _Transient as exc:
            deadlock = isinstance(exc, _Deadlock)
            delays = DEADLOCK_DELAYS if deadlock else RETRY_DELAYS
            again = req.get_method() == "PUT" or deadlock
            if attempt > len(delays) or not again:
                tried = f" (tried {attempt} times)" if attempt > 1 or again else ""
                raise RemoteError(_scrub(f"{exc}{tried}")) from None
            time.sleep(delays[attempt - 1])


class _Transient(Exception):
    """A failure after which an idempotent request may be sent again."""


class _Deadlock(_Transient):
    """The store rolled the request's transaction back (a deadlock): any request may be
    sent again."""


#: How a store says it rolled a transaction back in a deadlock (SQLSTATE 40001).
_DEADLOCK = ("40001", "deadlock")


def _send_once(req: urllib.request.Request, timeout: float) -> None:
    url = _safe(req.full_url)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            resp.read()
    except urllib.error.HTTPError as exc:
        body = exc.read(500).decode("utf-8", "replace").strip()
        why = {
            401: "the store refused the credentials (set MGI_GRAPH_USER and MGI_GRAPH_PASSWORD)",
            403: "the store forbids writing here",
            404: "there is no graph store at this URL",
            405: "the store does not accept this method here (try --protocol update)",
        }.get(exc.code, "the store failed")
        message = f"{url}: HTTP {exc.code}: {why}. {body}".strip()
        if exc.code in RETRY_STATUSES:
            raise _Transient(message) from None
        if any(sign in body.casefold() for sign in _DEADLOCK):
            raise _Deadlock(message) from None
        raise RemoteError(_scrub(message)) from None
    except TimeoutError:
        raise RemoteError(f"{url}: no answer within {timeout:g} s") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError | socket.timeout):
            raise RemoteError(f"{url}: no answer within {timeout:g} s") from None
        if isinstance(reason, ConnectionResetError | BrokenPipeError):
            raise _Transient(f"{url}: the connection was dropped: {reason}") from None
        raise RemoteError(_scrub(f"cannot reach {url}: {reason}")) from None
    except (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected) as exc:
        raise _Transient(f"{url}: the connection was dropped: {exc}") from None
    except OSError as exc:
        raise RemoteError(_scrub(f"cannot reach {url}: {exc}")) from None


def _scrub(text: str) -> str:
    """``text`` without the password or the encoded credentials, should a server echo them."""
    user, password = os.environ.get(USER_VAR), os.environ.get(PASSWORD_VAR)
    secrets = [password] if password else []
    if user:
        secrets.append(base64.b64encode(f"{user}:{password or ''}".encode()).decode())
    for secret in secrets:
        text = text.replace(secret, "***")
    return text


def staging_graph(graph: str) -> str:
    """The graph ``push --protocol staged`` loads before moving it onto ``graph``.

    >>> staging_graph("https://w3id.org/mgi-graph/graph")
    'https://w3id.org/mgi-graph/graph-staging'
    """
    return graph + "-staging"


def _check_url(url: str) -> None:
    if not url.startswith(("http://", "https://")):
        raise RemoteError(f"an endpoint is an http:// or https:// URL; got {_safe(url)!r}")
    if urllib.parse.urlsplit(url).password is not None:
        raise RemoteError(
            f"{_safe(url)}: put the credentials in {USER_VAR} and {PASSWORD_VAR}, "
            "not in the URL (they would show in process lists and logs)"
        )


def _graph_term(graph: str) -> str:
    """``graph`` as a SPARQL IRI term, checked and written by the RDF library."""
    import pyoxigraph as ox

    try:
        return str(ox.NamedNode(graph))
    except ValueError as exc:
        raise RemoteError(f"not a valid graph IRI: {graph!r} ({exc})") from None


def _request(url: str, body: bytes, method: str, content_type: str) -> urllib.request.Request:
    req = urllib.request.Request(url, data=body, method=method)
    req.add_header("Content-Type", content_type)
    for k, v in _auth_headers().items():
        req.add_header(k, v)
    return req


def _put(endpoint: str, graph: str, data: bytes) -> urllib.request.Request:
    sep = "&" if "?" in endpoint else "?"
    url = f"{endpoint}{sep}{urllib.parse.urlencode({'graph': graph})}"
    return _request(url, data, "PUT", "application/n-triples")


def _update(endpoint: str, text: bytes) -> urllib.request.Request:
    return _request(endpoint, text, "POST", "application/sparql-update")


def push(
    nt_file: Path,
    endpoint: str,
    graph: str = DEFAULT_GRAPH,
    protocol: str = "gsp",
    timeout: float = 120,
    update_endpoint: str | None = None,
) -> int:
    """Replace ``graph`` in the store at ``endpoint`` with ``nt_file``; return triples sent.

    ``protocol="gsp"``: ``endpoint`` is the Graph Store Protocol URL (Oxigraph: ``/store``;
    Fuseki: ``/<dataset>/data``); one PUT. ``protocol="update"``: ``endpoint`` is the SPARQL
    Update URL; one request ``DROP SILENT GRAPH …; INSERT DATA { GRAPH … { … } }``.
    ``protocol="staged"``: a PUT of the graph into :func:`staging_graph` at ``endpoint``, then
    the Updates ``COPY <staging> TO <graph>`` and ``DROP SILENT GRAPH <staging>`` at
    ``update_endpoint``: for stores whose PUT clears and loads in two steps (Virtuoso), so
    that the load happens beside the graph. Both updates give the same graph however often
    they are sent, so one the store rolled back in a deadlock is sent again (``MOVE`` would
    not be safe to send again).
    """
    if protocol not in PROTOCOLS:
        raise RemoteError(f"unknown protocol {protocol!r} ({', '.join(PROTOCOLS)})")
    _check_url(endpoint)
    g = _graph_term(graph)
    if protocol == "staged":
        if update_endpoint is None:
            raise RemoteError("--protocol staged needs --update-endpoint (the SPARQL Update URL)")
        _check_url(update_endpoint)
    data = nt_file.read_bytes()
    triples = data.count(b"\n")
    if protocol == "gsp":
        _send(_put(endpoint, graph, data), timeout)
    elif protocol == "update":
        head = f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n".encode()
        _send(_update(endpoint, head + data + b"} }\n"), timeout)
    else:
        staging = staging_graph(graph)
        _send(_put(endpoint, staging, data), timeout)
        st = _graph_term(staging)
        try:
            _send(_update(str(update_endpoint), f"COPY {st} TO {g}".encode()), timeout)
        except RemoteError as exc:
            raise RemoteError(
                f"{exc} The new graph waits in <{staging}>; <{graph}> keeps its previous "
                "content on a store that runs an update as one transaction: push again"
            ) from None
        try:
            _send(_update(str(update_endpoint), f"DROP SILENT GRAPH {st}".encode()), timeout)
        except RemoteError as exc:
            raise RemoteError(
                f"{exc} <{graph}> holds the new graph; a copy is left in <{staging}>"
            ) from None
    return triples


__all__ = [
    "DEFAULT_GRAPH",
    "PROTOCOLS",
    "RemoteError",
    "check_port",
    "push",
    "serve",
    "staging_graph",
]
