"""Running SPARQL on the embedded Oxigraph store, on rdflib, or on a remote endpoint.

All three take the same query text and the same typed bindings; parameters become RDF terms
in a VALUES block, serialised by the RDF library (see :func:`with_bindings`), never text
pasted into the query.

Results are a :class:`Table`: column names and rows of plain strings (IRIs in full,
literals by their lexical form, unbound as the empty string).
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from pathlib import Path

from mgi_graph.query.remote import run_endpoint
from mgi_graph.query.results import EngineError, Table
from mgi_graph.query.stored_queries import Binding

GRAPH_NT = "mgi-graph.nt"


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def with_bindings(text: str, bindings: dict[str, Binding]) -> str:
    """The query with its parameters bound by a VALUES block at the top of the outer WHERE.

    Each value becomes an RDF term built and serialised by pyoxigraph (an IRI is checked by
    ``NamedNode``, a literal escaped by ``Literal``), so a value can never change the query.
    pyoxigraph's own ``substitutions`` accepts projected variables only, and the same text
    must also run on rdflib and on remote endpoints: one mechanism serves all three.

    >>> q = "SELECT ?t WHERE { ?s ?p ?t }"
    >>> print(with_bindings(q, {"s": ("iri", "http://example.org/a"), "p": ("string", 'x" } #')}))
    SELECT ?t WHERE { VALUES (?p ?s) { ("x\\" } #" <http://example.org/a>) }
     ?s ?p ?t }

    A subquery that projects a parameter can ask for it with a ``# @bind`` line:

    >>> q = "SELECT ?n WHERE { { SELECT ?s (COUNT(*) AS ?n) WHERE {\\n  # @bind ?s\\n"
    >>> q += "  ?s ?p ?o } GROUP BY ?s } }"
    >>> print(with_bindings(q, {"s": ("iri", "http://example.org/a")}))
    SELECT ?n WHERE { VALUES (?s) { (<http://example.org/a>) }
     { SELECT ?s (COUNT(*) AS ?n) WHERE {
      VALUES (?s) { (<http://example.org/a>) }
      ?s ?p ?o } GROUP BY ?s } }
    """
    if not bindings:
        return text
    names = sorted(bindings)
    # SERVICE needs its endpoint when the query is planned, which a VALUES row is not on
    # every engine: there the variable is replaced by the same library-serialised IRI term.
    for name in names:
        kind, value = bindings[name]
        if kind == "iri":
            term = str(rdf_term(kind, value))

            def keep(m: re.Match[str], term: str = term) -> str:
                return m.group(1) + term

            text = re.sub(
                rf"(\bSERVICE\s+(?:SILENT\s+)?)\?{name}\b",
                keep,
                text,
                flags=re.IGNORECASE,
            )
    block = f" {_values(names, bindings)}\n"
    text = _BIND_HERE.sub(lambda m: _values_for(m, bindings), text)
    masked = "\n".join(
        " " * len(line) if line.lstrip().startswith("#") else line for line in text.split("\n")
    )
    m = _WHERE.search(masked)
    if m is None:
        raise EngineError("the query has no WHERE clause to bind its parameters in")
    return text[: m.end()] + block + text[m.end() :]


#: ``# @bind ?a ?b`` on a line of its own, in a UNION branch or in a subquery that projects
#: those variables: the bound values are repeated there, so that part works on them alone
#: instead of on every value and leaving the outer join to discard the rest (the same rows,
#: sooner). Without a value for them, or run as plain SPARQL, the line is a comment.
_BIND_HERE = re.compile(r"^([ \t]*)#[ \t]*@bind((?:[ \t]+\?\w+)+)[ \t]*$", re.MULTILINE)


def _values_for(m: re.Match[str], bindings: dict[str, Binding]) -> str:
    names = sorted(n for n in re.findall(r"\?(\w+)", m.group(2)) if n in bindings)
    return m.group(1) + _values(names, bindings) if names else m.group(0)


def _values(names: list[str], bindings: dict[str, Binding]) -> str:
    """One VALUES row binding ``names``, each value serialised by the RDF library."""
    terms = " ".join(str(rdf_term(*bindings[n])) for n in names)
    return f"VALUES ({' '.join('?' + n for n in names)}) {{ ({terms}) }}"


def rdf_term(kind: str, value: str) -> object:
    """A pyoxigraph term for a typed parameter value."""
    import pyoxigraph as ox

    try:
        if kind == "iri":
            return ox.NamedNode(value)
        if kind == "integer":
            return ox.Literal(value, datatype=ox.NamedNode(XSD_INTEGER))
        return ox.Literal(value)
    except ValueError as exc:
        raise EngineError(f"not a valid RDF term: {value!r} ({exc})") from None


XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


class LocalStore:
    """The graph ``data`` (N-Triples) on a pyoxigraph store, for many queries: the
    persistent store its build wrote beside it, opened read-only, else (a file of one's own,
    or a build without one) ``data`` loaded into memory."""

    def __init__(self, data: Path) -> None:
        import pyoxigraph as ox

        from mgi_graph.store.disk_store import open_read_only, store_for

        on_disk = store_for(data)
        if on_disk is not None:
            self._store = open_read_only(on_disk)
        else:
            self._store = ox.Store()
            self._store.bulk_load(path=str(data), format=ox.RdfFormat.N_TRIPLES)
        #: Where the answers come from: the persistent store's folder, or None (in memory).
        self.on_disk = on_disk

    def run(self, text: str, bindings: dict[str, Binding] | None = None) -> Table:
        """Run ``text`` with its parameters bound (see :func:`with_bindings`)."""
        return oxigraph_solutions(self._store, with_bindings(text, bindings or {}))

    def solutions(self, text: str, bindings: dict[str, Binding] | None = None) -> object:
        """The pyoxigraph solutions of a SELECT ``text``, its terms as they are (for the
        Python API, which gives Python values); a QueryError if it is no SELECT."""
        import pyoxigraph as ox

        result = self.answer(text, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise EngineError("a canned query is a SELECT query")
        return result

    def answer(self, text: str, bindings: dict[str, Binding] | None = None) -> object:
        """pyoxigraph's answer to ``text``, of any query form: solutions (SELECT), a
        boolean (ASK) or triples (CONSTRUCT, DESCRIBE)."""
        try:
            return self._store.query(with_bindings(text, bindings or {}))
        except SyntaxError as exc:
            raise syntax_error(text, exc) from None


def syntax_error(text: str, exc: SyntaxError) -> EngineError:
    """The error for a ``text`` that is no SPARQL query: an update is told where updates go
    (the local graph is read-only), anything else gets the parser's message.

    >>> update = "INSERT DATA { <http://x/a> <http://x/b> 1 }"
    >>> str(syntax_error(update, SyntaxError("x"))).startswith("this is a SPARQL Update")
    True
    >>> str(syntax_error("SELECT ?s WHERE { ?s }", SyntaxError("at 1:20: expected ...")))
    'SPARQL syntax error: at 1:20: expected ...'
    """
    import pyoxigraph as ox

    try:
        ox.Store().update(text)  # an empty store of its own: parsed, and nothing kept
    except (SyntaxError, OSError, ValueError, RuntimeError):
        return EngineError(f"SPARQL syntax error: {_short(text, str(exc))}")
    return EngineError(
        "this is a SPARQL Update, and the built graph is read-only: change data/ and run "
        "`mgi-graph build`, or send the update to a store of your own with --endpoint URL "
        "--allow-update"
    )


_AT = re.compile(r"^error at (\d+):(\d+): expected one of .{120,}", re.DOTALL)


def _short(text: str, message: str) -> str:
    """The parser's ``message``, its long list of expected characters (hundreds of Unicode
    ranges) replaced by the text where the parser stopped (the position is left out: it
    counts the PREFIX declarations put before the query).

    >>> long = "error at 1:28: expected one of " + "x" * 200
    >>> _short("SELECT ?o WHERE { finding:F/1 ?p ?o }", long)
    'unexpected text: "/1 ?p ?o }"'
    """
    m = _AT.match(message)
    if not m:
        return message
    line, column = int(m.group(1)), int(m.group(2))
    lines = text.splitlines() or [""]
    rest = lines[line - 1][column - 1 :] if line <= len(lines) else ""
    return f'unexpected text: "{rest[:40]}"'


def oxigraph_solutions(store: object, text: str) -> Table:
    """The answer to ``text`` on a pyoxigraph store already loaded, as a :class:`Table`.

    >>> import pyoxigraph as ox
    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p"), ox.Literal("1")))
    >>> q = "SELECT ?s ?o ?none WHERE { ?s ?p ?o OPTIONAL { ?s <http://x/q> ?none } }"
    >>> oxigraph_solutions(store, q)
    Table(columns=('s', 'o', 'none'), rows=(('http://x/a', '1', ''),))
    """
    import pyoxigraph as ox

    assert isinstance(store, ox.Store)
    try:
        result = store.query(text)
    except SyntaxError as exc:
        raise syntax_error(text, exc) from None
    if not isinstance(result, ox.QuerySolutions):
        raise EngineError("a table answers a SELECT query (ASK, CONSTRUCT and DESCRIBE: sparql)")
    return table_of(result)


def table_of(result: object) -> Table:
    """pyoxigraph's solutions as a :class:`Table` of strings ("" where unbound)."""
    import pyoxigraph as ox

    assert isinstance(result, ox.QuerySolutions)
    columns = tuple(v.value for v in result.variables)
    # A solution iterates its values in the order of the variables (None where unbound):
    # a third faster than looking each one up by name (×1000 findings, 70,000 rows). Most
    # rows have every value bound to a term with a ``value``, read at C speed; the others
    # (an unbound variable, a quoted triple) go term by term (×1000 findings, the
    # conversion alone: 0.22 s → 0.18 s).
    rows = []
    for sol in result:
        try:
            rows.append(tuple(map(_VALUE, sol)))
        except AttributeError:
            rows.append(tuple(map(_ox_str, sol)))
    return Table(columns, tuple(rows))


_VALUE = operator.attrgetter("value")


def _ox_str(term: object) -> str:
    """A term as the table shows it: the empty string where unbound.

    >>> import pyoxigraph as ox
    >>> [_ox_str(t) for t in (None, ox.NamedNode("http://x/a"), ox.Literal("1"))]
    ['', 'http://x/a', '1']
    """
    if term is None:
        return ""
    return str(getattr(term, "value", term))


def rdflib_solutions(graph: object, text: str) -> Table:
    """The answer to ``text`` on an rdflib graph already loaded, as a :class:`Table`."""
    from rdflib import Graph
    from rdflib.query import ResultRow

    assert isinstance(graph, Graph)
    try:
        result = graph.query(text)
    except Exception as exc:  # rdflib's parser raises pyparsing exceptions
        raise EngineError(f"SPARQL syntax error: {exc}") from None
    columns = tuple(str(v) for v in result.vars or ())
    rows = tuple(
        tuple("" if row[c] is None else str(row[c]) for c in columns)
        for row in result
        if isinstance(row, ResultRow)
    )
    return Table(columns, rows)


Runner = Callable[[str, dict[str, Binding]], Table]


_NAMES = "SELECT ?p WHERE { { ?v ?p ?o } UNION { ?s ?p ?v } } LIMIT 1"
_NEAR = "SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(STRSTARTS(STR(?s), ?base)) }"


def check_values(runner: Runner, values: dict[str, Binding]) -> dict[str, Binding]:
    """``values`` checked, and each resolved: a value in the project's namespace
    (``mgid:``, ``profile:``…) that names nothing in the graph but names a resource under
    the corpus's own base (``init --base``) is that resource; one that names nothing either
    way is a QueryError, with the closest IRIs that do, or all of them when they are few; so
    is a language the graph has no text in (see :func:`_check_lang`). ``runner`` runs a
    query with bindings on the engine the query will run on."""
    from rapidfuzz import fuzz, process

    from mgi_graph.core import iris
    from mgi_graph.core.namespaces import NAMESPACES
    from mgi_graph.query.stored_queries import QueryError

    own = NAMESPACES["mgid"]
    resolved = dict(values)
    for name, (kind, value) in sorted(values.items()):
        if kind == "lang":
            _check_lang(runner, name, value)
        if kind != "iri" or not value.startswith(own) or runner(_NAMES, {"v": (kind, value)}).rows:
            continue
        mine = iris.own_base() + value.removeprefix(own)
        if iris.own_base() != own and runner(_NAMES, {"v": (kind, mine)}).rows:
            resolved[name] = (kind, mine)
            continue
        base = value[: value.rfind("/") + 1] if "/" in value[len(own) :] else own
        near = sorted(r[0] for r in runner(_NEAR, {"base": ("string", base)}).rows)
        keys = [n.removeprefix(base) for n in near]
        close = process.extract(value.removeprefix(base), keys, scorer=fuzz.ratio, limit=3)
        shown = [k for k, score, _ in close if score >= 60] or (keys if len(keys) <= 20 else [])
        prefix = "mgid:" + base.removeprefix(own)
        hint = (
            ("; the closest that do: " if len(shown) < len(keys) else "; the graph has: ")
            + ", ".join(prefix + k for k in shown)
            if shown
            else ""
        )
        raise QueryError(
            f"--param {name}=mgid:{value.removeprefix(own)} names nothing in the graph{hint}"
        )
    return resolved


_IN_LANG = "SELECT ?o WHERE { ?s ?p ?o FILTER(LANGMATCHES(LANG(?o), ?lang)) } LIMIT 1"
_LANGS = "SELECT DISTINCT (LCASE(LANG(?o)) AS ?lang) WHERE { ?s ?p ?o FILTER(LANG(?o) != '') }"


def _check_lang(runner: Runner, name: str, value: str) -> None:
    """Raise QueryError if no literal of the graph is in language ``value`` (the labels
    would all fall back to English without a word)."""
    from mgi_graph.query.stored_queries import QueryError

    if runner(_IN_LANG, {"lang": ("string", value)}).rows:
        return
    langs = sorted({r[0] for r in runner(_LANGS, {}).rows})
    raise QueryError(
        f"--param {name}={value}: the graph has no text in that language; it has "
        + ", ".join(langs)
    )


def runner_for(
    engine: str = "oxigraph",
    endpoint: str | None = None,
    default_graph: str | None = None,
    data: Path | None = None,
    allow_update: bool = False,
) -> Runner:
    """A runner of queries on a remote ``endpoint`` if given (over its named graph
    ``default_graph`` if given), else on the chosen local engine over the N-Triples file
    ``data``, loaded once for all the queries it runs."""
    if endpoint is not None:
        return lambda text, b: run_endpoint(
            with_bindings(text, b), endpoint, default_graph=default_graph, allow_update=allow_update
        )
    if data is None:
        raise EngineError("no graph to query: give the N-Triples file or an endpoint")
    path = data
    if engine == "oxigraph":
        return LocalStore(path).run
    if engine == "rdflib":
        from rdflib import Graph

        g = Graph()
        g.parse(path, format="nt")
        return lambda text, b: rdflib_solutions(g, with_bindings(text, b))
    raise EngineError(f"unknown engine {engine!r} (oxigraph or rdflib)")


def run(
    text: str,
    bindings: dict[str, Binding],
    engine: str = "oxigraph",
    data: Path | None = None,
    endpoint: str | None = None,
    default_graph: str | None = None,
    allow_update: bool = False,
) -> Table:
    """Run ``text`` on a remote ``endpoint`` if given (over its named graph ``default_graph``
    if given), else on the chosen local engine over the built graph."""
    return runner_for(engine, endpoint, default_graph, data, allow_update)(text, bindings)
