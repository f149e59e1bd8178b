"""The Python API, for notebooks and scripts: the built graph, its canned queries and
ad-hoc SPARQL, with answers as Python values.

>>> from mgi_graph import Graph
>>> g = Graph.open()                                   # the shipped corpus (built if need be)
>>> r = g.query("scorecard", country="country:KZ")
>>> r.columns[:3], len(r.rows)
(('country_code', 'profile', 'domain'), 6)
>>> r.rows[0]["well_developed"], type(r.rows[0]["well_developed"]).__name__
(5, 'int')
>>> g.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?c a mgi:Country }").rows
[{'n': 10}]
>>> g.sparql("ASK { country:KZ a mgi:Country }")
True
>>> len(g.sparql("DESCRIBE country:KZ")) > 10          # an rdflib graph
True
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from mgi_graph.build.manifest import ensure_built
from mgi_graph.core.namespaces import NAMESPACES
from mgi_graph.core.paths import home, use_home
from mgi_graph.query.engines import LocalStore, check_values
from mgi_graph.query.output import turtle
from mgi_graph.query.results import EngineError
from mgi_graph.query.stored_queries import QueryError, get_query, user_positions, with_prefixes

XSD = NAMESPACES["xsd"]
_INTEGERS = {
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort",
    "unsignedByte",
}  # fmt: skip


def python_value(term: Any) -> Any:
    """A pyoxigraph term as a Python value: an IRI or a blank node as a string, a literal as
    int, Decimal, float, bool, date or datetime by its datatype, else its text; None for
    an unbound variable.

    >>> import pyoxigraph as ox
    >>> python_value(ox.Literal("7", datatype=ox.NamedNode(XSD + "integer")))
    7
    >>> python_value(ox.Literal("2014-05-22", datatype=ox.NamedNode(XSD + "date")))
    datetime.date(2014, 5, 22)
    >>> python_value(ox.Literal("2014-05", datatype=ox.NamedNode(XSD + "gYearMonth")))
    '2014-05'
    """
    import pyoxigraph as ox

    if term is None:
        return None
    if not isinstance(term, ox.Literal):
        return term.value
    kind = term.datatype.value.removeprefix(XSD)
    text = term.value
    try:
        if kind in _INTEGERS:
            return int(text)
        if kind == "decimal":
            return Decimal(text)
        if kind in ("double", "float"):
            return float(text)
        if kind == "boolean":
            return text in ("true", "1")
        if kind == "date":
            return datetime.date.fromisoformat(text)
        if kind == "dateTime":
            return datetime.datetime.fromisoformat(text)
    except ValueError:
        return text  # an ill-typed literal keeps its lexical form
    return text


@dataclass(frozen=True)
class Result:
    """The answer to a query: its columns, and a row per solution as a dict of Python
    values (None where a variable is unbound). It has a length, iterates over its rows, and
    shows as a table in a notebook.

    >>> r = Result(("a", "b"), [{"a": 1, "b": None}])
    >>> len(r), list(r), r
    (1, [{'a': 1, 'b': None}], Result(1 row: a, b))
    """

    columns: tuple[str, ...]
    rows: list[dict[str, Any]]

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows)

    def __repr__(self) -> str:
        n = len(self.rows)
        return f"Result({n} row{'' if n == 1 else 's'}: {', '.join(self.columns)})"

    def _repr_html_(self) -> str:
        """The rows as an HTML table (shown by Jupyter), IRIs as prefixed names."""
        from html import escape

        from mgi_graph.query.output import compact

        def cell(v: Any) -> str:
            return "" if v is None else escape(compact(str(v)))

        head = "".join(f"<th>{escape(c)}</th>" for c in self.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{cell(row[c])}</td>" for c in self.columns) + "</tr>"
            for row in self.rows
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    def to_pandas(self) -> Any:
        """The rows as a pandas DataFrame, the columns in order (pandas is an optional
        extra: ``pip install 'mgi-graph[pandas]'``)."""
        try:
            import pandas as pd
        except ImportError:
            raise ImportError(
                "to_pandas needs pandas, an optional extra: pip install 'mgi-graph[pandas]'"
            ) from None
        return pd.DataFrame(self.rows, columns=list(self.columns))


class Graph:
    """The built graph of a corpus, loaded once into an embedded Oxigraph store."""

    def __init__(self, data: Path) -> None:
        self._store = LocalStore(data)
        self._data = data

    def __repr__(self) -> str:
        return f"<mgi_graph.Graph of {home().root} ({self._data})>"

    def _repr_html_(self) -> str:
        """The graph's size and what it holds (shown by Jupyter)."""
        from html import escape

        counts = self.sparql(
            "SELECT (COUNT(DISTINCT ?c) AS ?countries) (COUNT(DISTINCT ?p) AS ?profiles) "
            "(COUNT(DISTINCT ?f) AS ?findings) WHERE { { ?c a mgi:Country } UNION "
            "{ ?p a mgi:Profile } UNION { ?f a mgi:Finding } }"
        ).rows[0]
        facts = ", ".join(f"{v} {k}" for k, v in counts.items())
        return f"<p>mgi-graph of <code>{escape(str(home().root))}</code>: {escape(facts)}</p>"

    @classmethod
    def open(cls, home: str | Path | None = None) -> Graph:
        """The graph of the corpus at ``home`` (made by ``mgi-graph init``; default:
        ``$MGI_GRAPH_HOME``, else the shipped corpus), built first if its build is missing
        or older than its inputs. The corpus is then the one in use in this process."""
        use_home(home)
        return cls(ensure_built())

    @property
    def home(self) -> Path:
        """The corpus folder this graph was built from."""
        return home().root

    def query(self, name: str, **params: str) -> Result:
        """The answer to canned query ``name`` (see ``mgi-graph queries``), its parameters
        given as keywords (``country="country:KZ"``) and bound as typed RDF terms; a value
        in the graph's namespace that names nothing in it is a QueryError."""
        q = get_query(name)
        bindings = q.bind(params)
        bindings.update(
            check_values(self._store.run, {k: v for k, v in bindings.items() if k in params})
        )
        return self._result(q.text, bindings)

    def sparql(self, text: str) -> Any:
        """The answer to an ad-hoc query: a :class:`Result` for SELECT, a bool for ASK, an
        rdflib Graph for CONSTRUCT and DESCRIBE. The project's prefixes (mgi:, mgid:,
        country:...) need no declaration; an error's position is counted in ``text``."""
        import pyoxigraph as ox

        try:
            result = self._store.answer(with_prefixes(text))
        except EngineError as exc:
            raise EngineError(user_positions(str(exc), text)) from None
        if isinstance(result, ox.QuerySolutions):
            return self._table(result)
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        import rdflib

        return rdflib.Graph().parse(data=turtle(result), format="turtle")

    def describe(self, iri: str) -> Result:
        """Everything the graph says about ``iri`` (a full IRI or a prefixed name such as
        ``country:KZ``): the canned query ``describe``."""
        return self.query("describe", entity=iri)

    def _result(self, text: str, bindings: dict[str, tuple[str, str]]) -> Result:
        return self._table(self._store.solutions(text, bindings))

    @staticmethod
    def _table(solutions: Any) -> Result:
        columns = tuple(v.value for v in solutions.variables)
        rows = [
            {c: python_value(value) for c, value in zip(columns, s, strict=True)} for s in solutions
        ]
        return Result(columns, rows)


__all__ = ["Graph", "QueryError", "Result", "python_value"]
