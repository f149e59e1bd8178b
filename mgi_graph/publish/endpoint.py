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
* **A service description** (SPARQL 1.1 Service Description, Turtle) at ``/query`` fetched
  with no query.
* **The prefixes** ``mgi-graph sparql`` predeclares (``mgi:``, ``country:``, ``domain:`` …)
  are declared for a query that uses them without declaring them, as ``sparql`` and the
  Python API do; an error's position is counted in the query as sent.
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

import json
import os
import re
import sys
import urllib.parse
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from mgi_graph.publish.workers import Workers
from mgi_graph.query.stored_queries import user_positions, with_prefixes

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


@dataclass
class Endpoint:
    """The WSGI application: ``/query`` (SPARQL 1.1 protocol, read-only), ``/`` (a query
    page) and ``/reconcile`` (the W3C reconciliation service over the registry,
    :mod:`mgi_graph.publish.reconcile`)."""

    workers: Workers
    allowed_hosts: tuple[str, ...] = ()
    page: bytes = b""
    #: The store's identity when the workers opened it (inode, time): a new one is reloaded.
    seen: tuple[int, int] = (0, 0)
    say: Callable[[str], None] = field(default=lambda text: print(text, file=sys.stderr))
    #: The reconciliation index and the store identity it was built from.
    index: tuple[tuple[int, int], dict[str, Any]] | None = None

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
        if path == "/reconcile" or path.startswith("/reconcile/"):
            return self._reconcile(environ, path)
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
        if method == "GET" and not environ.get("QUERY_STRING"):
            # SPARQL 1.1 Service Description: the endpoint, dereferenced, describes itself.
            body = service_description(_endpoint_url(environ)).encode("utf-8")
            return 200, "text/turtle; charset=utf-8", body, []
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
        self.reload_if_rebuilt()
        # The prefixes `mgi-graph sparql` and the Python API predeclare, declared here too
        # for a query that uses them without declaring them; error positions stay the user's.
        status, media, body = self.workers.run(with_prefixes(query), environ.get("HTTP_ACCEPT", ""))
        if status == 400:
            body = user_positions(body.decode("utf-8"), query).encode("utf-8")
        return status, media, body, []

    def _select(self, query: str) -> list[dict[str, str]]:
        """The rows of a SELECT ``query`` on the store, each variable's value as text."""
        status, _media, body = self.workers.run(query, "application/sparql-results+json")
        if status != 200:
            raise RuntimeError(body.decode("utf-8", "replace"))
        return [
            {k: v["value"] for k, v in b.items()} for b in json.loads(body)["results"]["bindings"]
        ]

    def _reconcile(
        self, environ: dict[str, Any], path: str
    ) -> tuple[int, str, bytes, list[tuple[str, str]]]:
        """The W3C reconciliation service over the registry (:mod:`.reconcile`)."""
        from mgi_graph.publish import reconcile as rc
        from mgi_graph.query.engines import with_bindings

        js = "application/json; charset=utf-8"
        try:
            params = _params(environ)
        except ValueError as exc:
            return 400, js, json.dumps({"error": str(exc)}).encode(), []
        self.reload_if_rebuilt()
        if self.index is None or self.index[0] != self.seen:
            self.index = (self.seen, rc.build_index(self._select(rc.INDEX_QUERY)))
        index = self.index[1]
        base = _endpoint_url(environ).removesuffix("/query")
        answer: object
        try:
            if path == "/reconcile/preview":
                entry = index.get(params.get("id", ""))
                if entry is None:
                    return 404, "text/plain; charset=utf-8", b"no such entry\n", []
                rows = self._select(with_bindings(rc.QUOTE_QUERY, {"entry": ("iri", entry.iri)}))
                quote = (rows[0]["text"], rows[0].get("title", "")) if rows else None
                return 200, "text/html; charset=utf-8", rc.preview(entry, quote).encode(), []
            if path.startswith("/reconcile/suggest/"):
                kind = path.rsplit("/", 1)[-1]
                if kind not in ("entity", "type", "property"):
                    return 404, js, b'{"error": "suggest entity, type or property"}', []
                answer = {"result": rc.suggest(kind, params.get("prefix", ""), index)}
            elif path != "/reconcile":
                return 404, js, b'{"error": "no such page"}', []
            elif "queries" in params:
                answer = rc.answer_queries(params["queries"], index)
            elif "query" in params:
                answer = rc.answer_queries(params["query"], index, single=True)
            else:
                answer = rc.manifest(base)
        except rc.BadRequest as exc:
            return 400, js, json.dumps({"error": str(exc)}).encode(), []
        body = json.dumps(answer, ensure_ascii=False, sort_keys=True)
        callback = params.get("callback")
        if callback is not None:  # JSONP, for clients that ask for it
            if not re.fullmatch(r"[A-Za-z_$][\w$.]{0,100}", callback):
                return 400, js, b'{"error": "callback: not a function name"}', []
            return 200, "application/javascript; charset=utf-8", f"{callback}({body});".encode(), []
        return 200, js, body.encode(), []

    def reload_if_rebuilt(self) -> None:
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


def service_description(endpoint: str) -> str:
    """The SPARQL 1.1 Service Description of the endpoint at ``endpoint``, in Turtle.

    >>> print(service_description("http://127.0.0.1:7878/query").splitlines()[3])
    <http://127.0.0.1:7878/query> a sd:Service ;
    """
    formats = "http://www.w3.org/ns/formats/"
    results = ", ".join(
        f"<{formats}{f}>"
        for f in (
            "SPARQL_Results_JSON",
            "SPARQL_Results_XML",
            "SPARQL_Results_CSV",
            "SPARQL_Results_TSV",
            "N-Triples",
            "Turtle",
            "JSON-LD",
            "RDF_XML",
        )
    )
    return "\n".join(
        [
            "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .",
            "@prefix void: <http://rdfs.org/ns/void#> .",
            "",
            f"<{endpoint}> a sd:Service ;",
            f"    sd:endpoint <{endpoint}> ;",
            "    sd:supportedLanguage sd:SPARQL11Query ;",
            f"    sd:resultFormat {results} ;",
            "    sd:feature sd:UnionDefaultGraph ;",
            "    sd:defaultDataset [ a sd:Dataset ;",
            "        void:vocabulary <https://w3id.org/mgi-graph/ontology#> ;",
            "        sd:defaultGraph [ a sd:Graph ] ] .",
            "",
        ]
    )


def _endpoint_url(environ: dict[str, Any]) -> str:
    """The URL the client reached this endpoint at (its Host header)."""
    host = environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME')}:{environ.get('SERVER_PORT')}"
    scheme = environ.get("wsgi.url_scheme", "http")
    return f"{scheme}://{host}/query"


def _is_update(environ: dict[str, Any]) -> bool:
    media = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
    if media == "application/sparql-update":
        return True
    query = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""))
    return "update" in query


def _body(environ: dict[str, Any]) -> bytes:
    """The body of a POST, refused past the size limit."""
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if length > _MAX_REQUEST:
        raise ValueError(f"the request is too large: over {_MAX_REQUEST} bytes")
    return environ["wsgi.input"].read(length) if length else b""


def _params(environ: dict[str, Any]) -> dict[str, str]:
    """The parameters of a GET, or of a POST of an HTML form; the last of each name."""
    params = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""))
    if environ.get("REQUEST_METHOD") == "POST":
        params.update(urllib.parse.parse_qs(_body(environ).decode("utf-8", "replace")))
    return {k: v[-1] for k, v in params.items()}


def _query_of(environ: dict[str, Any]) -> str:
    """The query of a GET or POST request of the SPARQL 1.1 protocol."""
    params = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""))
    if environ.get("REQUEST_METHOD") == "POST":
        body = _body(environ)
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


__all__ = ["Endpoint", "refused_services"]
