"""The query catalogue: one ``.rq`` file per question in ``queries/``, each opening with a
comment header that this module reads.

Header format (every line starts with ``#``)::

    # title: Country x domain scorecard
    # description: One paragraph; it may go on
    #   over indented continuation lines.
    # param: country | iri | (none) | country:KZ | Only this country.
    # param: domain | iri | (required) | domain:4 | The domain.
    # columns: country, domain, well_developed, potential

A parameter line gives name | type | default | example | description. Types: ``iri`` (a full
IRI, or a prefixed name such as ``country:KZ``), ``string``, ``integer``, ``lang`` (a language
tag). A parameter without default that is not given stays unbound, which the queries read as
"all". Values are turned into RDF terms here and handed to the engine as bindings: they are
never pasted into query text.

>>> q = load_queries()["scorecard"]
>>> q.title
'Country x domain scorecard'
>>> [p.name for p in q.params]
['country', 'lang']
>>> q.bind({"country": "country:KZ"})["country"]
('iri', 'https://w3id.org/mgi-graph/id/country/KZ')
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from mgi_graph.core.errors import MgiError
from mgi_graph.core.namespaces import NAMESPACES
from mgi_graph.core.paths import home

#: Prefixes accepted in ``iri`` parameter values.
PARAM_PREFIXES = {
    **{p: NAMESPACES[p] for p in ("mgid", "mgi", "wd")},
    **{
        kind: f"{NAMESPACES['mgid']}{kind}/"
        for kind in (
            "country",
            "local",
            "body-kind",
            "domain",
            "profile",
            "org",
            "law",
            "instrument",
            "agreement",
            "status",
            "statement",
            "finding",
            "paragraph",
            "source",
        )
    },
}
PARAM_TYPES = ("iri", "string", "integer", "lang")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Characters RFC 3987 excludes from IRIs, and that would let a value leave an IRI term.
_IRI_BAD = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LANG = re.compile(r"^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$")

#: A bound parameter: (type, lexical value).
Binding = tuple[str, str]


class QueryError(MgiError):
    """A problem with a stored query, its name or its parameters (exit code 2)."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None
    example: str
    description: str
    required: bool = False


@dataclass(frozen=True)
class StoredQuery:
    """One canned question."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    text: str
    path: Path

    @property
    def federated(self) -> bool:
        """True if the query asks a remote SPARQL service (its ``service`` parameter): its
        answer is the network's, never computed offline."""
        return any(p.name == "service" for p in self.params)

    def bind(self, values: dict[str, str]) -> dict[str, Binding]:
        """Check ``values`` against the parameters and return typed bindings (defaults filled)."""
        known = {p.name: p for p in self.params}
        for name in values:
            if name not in known:
                expected = ", ".join(known) or "none"
                raise QueryError(
                    f"query {self.name!r} has no parameter {name!r} (its parameters: {expected})"
                )
        out: dict[str, Binding] = {}
        for p in self.params:
            raw = values.get(p.name, p.default)
            if raw is None:
                if p.required:
                    raise QueryError(
                        f"query {self.name!r} needs parameter {p.name!r} ({p.type}, "
                        f"for example --param {p.name}={p.example}): {p.description}"
                    )
                continue
            out[p.name] = (p.type, check_value(p, raw))
        return out


def check_value(p: Param, raw: str) -> str:
    """Validate one parameter value; return its lexical form (IRIs expanded)."""
    if p.type == "iri":
        value = expand_iri(raw)
        if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value) or _IRI_BAD.search(value):
            raise QueryError(
                f"parameter {p.name!r} expects an IRI (such as {p.example}); got {raw!r}"
            )
        return value
    if p.type == "integer":
        if not re.fullmatch(r"[+-]?\d+", raw):
            raise QueryError(f"parameter {p.name!r} expects a whole number; got {raw!r}")
        return str(int(raw))
    if p.type == "lang":
        if not _LANG.match(raw):
            raise QueryError(
                f"parameter {p.name!r} expects a language tag (such as en or es); got {raw!r}"
            )
        return raw.lower()
    return raw


def expand_iri(value: str) -> str:
    """Expand a prefixed name ("country:KZ") to a full IRI; leave full IRIs alone.

    >>> expand_iri("domain:4")
    'https://w3id.org/mgi-graph/id/domain/4'
    >>> expand_iri("<http://example.org/x>")
    'http://example.org/x'
    """
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        return value[1:-1]
    prefix, sep, local = value.partition(":")
    if sep and prefix in PARAM_PREFIXES and not local.startswith("//"):
        return PARAM_PREFIXES[prefix] + local
    return value


def parse_header(path: Path) -> StoredQuery:
    """Read one ``.rq`` file and its header; a missing header field is a QueryError."""
    text = path.read_text(encoding="utf-8")
    fields: dict[str, list[str]] = {}
    key = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line[1:]
        m = re.match(r"^ (\w+):\s?(.*)$", body)
        if m:
            key = m.group(1)
            fields.setdefault(key, []).append(m.group(2).strip())
        elif key and body.startswith("   "):
            fields[key][-1] += " " + body.strip()
    where = f"{path.name}: header"
    for field in ("title", "description", "columns"):
        if not fields.get(field) or not fields[field][0]:
            raise QueryError(f"{where} lacks '# {field}:'")
    params = []
    for spec in fields.get("param", []):
        parts = [s.strip() for s in spec.split("|")]
        if len(parts) != 5 or parts[1] not in PARAM_TYPES or not _VAR.match(parts[0]):
            raise QueryError(
                f"{where}: bad '# param:' line {spec!r}; expected "
                "name | iri|string|integer|lang | default, (none) or (required) | example "
                "| description"
            )
        required = parts[2] == "(required)"
        default = None if parts[2] in ("(none)", "(required)") else parts[2]
        params.append(Param(parts[0], parts[1], default, parts[3], parts[4], required))
    columns = tuple(c.strip() for c in fields["columns"][0].split(",") if c.strip())
    name = path.stem
    if not _NAME.match(name):
        raise QueryError(f"{path.name}: query names are kebab-case")
    return StoredQuery(
        name=name,
        title=fields["title"][0],
        description=fields["description"][0],
        params=tuple(params),
        columns=columns,
        text=text,
        path=path,
    )


def load_queries(folder: Path | None = None) -> dict[str, StoredQuery]:
    """Every stored query, by name."""
    folder = folder or home().queries_dir
    return {q.name: q for q in (parse_header(p) for p in sorted(folder.glob("*.rq")))}


def get_query(name: str, folder: Path | None = None) -> StoredQuery:
    """The query called ``name``, or a QueryError listing the names and the closest match."""
    queries = load_queries(folder)
    if name in queries:
        return queries[name]
    close = difflib.get_close_matches(name, list(queries), n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise QueryError(f"no query called {name!r}.{hint} Queries: {', '.join(sorted(queries))}")


def parse_param_args(items: list[str]) -> dict[str, str]:
    """``["country=country:KZ"]`` → ``{"country": "country:KZ"}``; a parameter given twice
    is an error (each takes one value)."""
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise QueryError(f"--param expects key=value; got {item!r}")
        if name.strip() in out:
            raise QueryError(
                f"--param {name.strip()} is given twice ({out[name.strip()]!r} and {value!r}); "
                "a parameter takes one value"
            )
        out[name.strip()] = value
    return out


#: The prefixes ``sparql`` declares for an ad-hoc query: the graph's namespaces and the
#: kinds of its resources (``org:`` is the W3C Organization Ontology's, as in the queries).
SPARQL_PREFIXES = dict(
    sorted({**{k: v for k, v in PARAM_PREFIXES.items() if k != "org"}, **NAMESPACES}.items())
)

_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)
_USED = re.compile(r"(?<![\w<?$:#.-])([A-Za-z][\w-]*):(?=[\w%\\(]|\s|$)")


def with_prefixes(text: str) -> str:
    r"""``text`` with the :data:`SPARQL_PREFIXES` it uses and does not declare declared
    at the start of its first line that is not a comment (so that error positions keep
    their line numbers, and comment lines stay comments only).

    >>> print(with_prefixes("# the countries\nSELECT * { ?c a mgi:Country }"))
    # the countries
    PREFIX mgi: <https://w3id.org/mgi-graph/ontology#> SELECT * { ?c a mgi:Country }
    """
    first, head = _head(text)
    lines = text.splitlines(keepends=True)
    return "".join([*lines[:first], head, *lines[first:]])


def _head(text: str) -> tuple[int, str]:
    """Where :func:`with_prefixes` declares the prefixes ``text`` needs (the index of its
    first line that is not a comment), and the declarations."""
    head = "".join(
        f"PREFIX {p}: <{SPARQL_PREFIXES[p]}> "
        for p in sorted(_undeclared(text) & set(SPARQL_PREFIXES))
    )
    lines = text.splitlines(keepends=True)
    first = next(
        (i for i, ln in enumerate(lines) if ln.strip() and not ln.lstrip().startswith("#")),
        len(lines),
    )
    return first, head


_AT = re.compile(r"(?<=at )(\d+):(\d+)")


def user_positions(message: str, text: str) -> str:
    """An error ``message`` about ``with_prefixes(text)``, with its position counted in
    ``text`` as the user wrote it (without the declarations put before it).

    >>> q = "SELECT ?x WHERE { ?x a mgi:Country "
    >>> user_positions("error at 1:87: expected one of", q)
    'error at 1:36: expected one of'
    """
    first, head = _head(text)

    def back(m: re.Match[str]) -> str:
        line, column = int(m.group(1)), int(m.group(2))
        if line == first + 1 and column > len(head):
            column -= len(head)
        return f"{line}:{column}"

    return _AT.sub(back, message, count=1)


def undeclared_prefixes(text: str) -> list[str]:
    """The prefixes ``text`` uses and neither declares nor has predefined."""
    return sorted(_undeclared(text) - set(SPARQL_PREFIXES))


def _undeclared(text: str) -> set[str]:
    """The prefixes ``text`` uses outside IRIs, strings and comments, and does not declare."""
    declared = {m.group(1) or "" for m in _DECLARED.finditer(text)}
    return {m.group(1) for m in _USED.finditer(_without_strings(text))} - declared


def _without_strings(text: str) -> str:
    """``text`` with its IRIs, string literals and comments blanked out."""
    return re.sub(r'<[^<>\s]*>|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*', " ", text)
