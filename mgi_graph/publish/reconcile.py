"""A W3C Entity Reconciliation service (API v0.2) over the registry of the served graph, so
that a spreadsheet column of body or law names can be matched to entries in OpenRefine.

``mgi-graph serve`` answers it under ``/reconcile``:

* ``GET /reconcile``: the service manifest (identifier space: the graph's entry IRIs; types:
  the registry's classes; preview, suggest and view URLs);
* ``GET`` or ``POST /reconcile`` with ``queries`` (a JSON object of queries keyed by the
  client, each with ``query``, optionally ``type``, ``limit`` and ``properties``): the
  candidates of each, best first, with a score from 0 to 100 and ``match`` where it is
  certain; ``query`` alone (one query) is answered too, and ``callback`` wraps the answer
  as JSONP;
* ``GET /reconcile/preview?id=IRI``: a small HTML card: the entry's name, kind, jurisdiction
  and the first quote of a source that names it;
* ``GET /reconcile/suggest/entity?prefix=…``, ``…/suggest/type``, ``…/suggest/property``.

The one property is ``country``: an ISO 3166 code or a country's name in any language the
graph knows, or a country IRI. With it, an entry of **another** country is never a
candidate (an international one still is, with a lower score): a name is never lent to
another country. A candidate's score is how closely one of its names (its labels in every
language, its acronyms) reads as the query once both are normalised as the matcher does
(case, accents, punctuation, articles); ``match`` is true only for a single candidate that
has the query as one of its names exactly, of the type asked for if one was.
"""

from __future__ import annotations

import difflib
import functools
import html
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from mgi_graph.core import iris
from mgi_graph.curate.countries import lookup_country
from mgi_graph.curate.name_words import name_key, tokens

#: The registry's entries with their names, classes and jurisdiction, for the index.
INDEX_QUERY = """
PREFIX mgi: <https://w3id.org/mgi-graph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?entry ?what ?value ?lang WHERE {
  ?entry a mgi:RegistryEntry .
  {
    { ?entry skos:prefLabel ?label } UNION { ?entry rdfs:label ?label }
    UNION { ?entry skos:altLabel ?label } UNION { ?entry skos:hiddenLabel ?label }
    BIND("name" AS ?what) BIND(STR(?label) AS ?value) BIND(LANG(?label) AS ?lang)
  } UNION {
    ?entry skos:prefLabel ?label . FILTER(LANGMATCHES(LANG(?label), "en"))
    BIND("display" AS ?what) BIND(STR(?label) AS ?value)
  } UNION {
    ?entry a ?cls . ?cls rdfs:label ?cl . FILTER(STRSTARTS(STR(?cls), STR(mgi:)))
    FILTER(LANGMATCHES(LANG(?cl), "en"))
    BIND("type" AS ?what) BIND(CONCAT(STR(?cls), " ", STR(?cl)) AS ?value)
  } UNION {
    ?entry mgi:jurisdiction ?j . OPTIONAL { ?j mgi:isoAlpha2 ?code }
    BIND("jurisdiction" AS ?what) BIND(CONCAT(STR(?j), " ", COALESCE(?code, "")) AS ?value)
  } UNION {
    ?entry mgi:jurisdiction ?j . ?j skos:prefLabel ?jl . FILTER(LANGMATCHES(LANG(?jl), "en"))
    BIND("place" AS ?what) BIND(STR(?jl) AS ?value)
  }
}
"""

#: The first text unit (a finding, a paragraph) that names the entry, and its source's title,
#: for the preview; ``?entry`` is bound.
QUOTE_QUERY = """
PREFIX mgi: <https://w3id.org/mgi-graph/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?text ?title WHERE {
  ?mention a mgi:Mention ; mgi:refersTo ?entry ; mgi:mentionIn ?unit ; mgi:hasQuote ?q .
  ?q oa:hasSource ?doc .
  { ?unit mgi:text ?t } UNION { ?unit a mgi:Paragraph ; mgi:hasQuote/oa:hasSelector/oa:exact ?t }
  BIND(STR(?t) AS ?text)
  OPTIONAL { ?doc dcterms:title ?title }
} ORDER BY ?doc ?text LIMIT 1
"""

MGI = "https://w3id.org/mgi-graph/ontology#"
DEFAULT_TYPE = {"id": MGI + "RegistryEntry", "name": "Registry entry"}
DEFAULT_LIMIT = 5
#: A candidate of the international jurisdiction for a query about a country scores this
#: much less than one of the country itself.
INTERNATIONAL_PENALTY = 10
#: Candidates scoring less are not shown.
MIN_SCORE = 40


@dataclass
class Entry:
    """One registry entry as the service sees it."""

    iri: str
    display: str = ""
    names: set[str] = field(default_factory=set)
    types: dict[str, str] = field(default_factory=dict)  # class IRI: label
    jurisdiction: str = ""  # an ISO alpha-2 code, or "" for the international jurisdiction
    place: str = ""

    @property
    def name(self) -> str:
        return self.display or min(self.names, default=self.iri)


def build_index(rows: Iterable[Mapping[str, str]]) -> dict[str, Entry]:
    """The entries of ``rows`` (bindings of :data:`INDEX_QUERY`: entry, what, value), by IRI.

    >>> rows = [{"entry": "e:1", "what": "name", "value": "Migration Service"},
    ...         {"entry": "e:1", "what": "jurisdiction", "value": "c:KZ KZ"},
    ...         {"entry": "e:1", "what": "type", "value": "m:Agency Agency"}]
    >>> e = build_index(rows)["e:1"]
    >>> e.name, e.jurisdiction, e.types
    ('Migration Service', 'KZ', {'m:Agency': 'Agency'})
    """
    index: dict[str, Entry] = {}
    for row in rows:
        e = index.setdefault(row["entry"], Entry(row["entry"]))
        what, value = row["what"], row["value"]
        if what == "name":
            e.names.add(value)
        elif what == "display":
            e.display = min(filter(None, (e.display, value)))
        elif what == "type":
            cls, _, label = value.partition(" ")
            e.types[cls] = label
        elif what == "jurisdiction":
            e.jurisdiction = value.partition(" ")[2]
        elif what == "place":
            e.place = value
    return index


@functools.lru_cache(maxsize=65536)
def _norm(text: str) -> str:
    """``text`` as the matcher keys a name (a single word keeps its case: an acronym); the
    registry's names are normalised once, not again for every query."""
    return " ".join(name_key(text))


@functools.lru_cache(maxsize=65536)
def _words(text: str) -> str:
    """``text``'s words, folded (case, accents), for prefixes."""
    return " ".join(t.norm for t in tokens(text))


def score(query: str, entry: Entry) -> tuple[float, bool]:
    """How closely one of ``entry``'s names reads as ``query`` (0 to 100: mostly the share of
    the query's words the name has, then the share of words the two have in common and their
    likeness letter by letter), and whether one of them is the query exactly (normalised).

    >>> e = Entry("e:1", names={"Migration Service", "MS"})
    >>> score("the migration services", e), score("State Migration Service", e)[1]
    ((100.0, True), False)
    """
    q = _norm(query)
    if not q:
        return 0.0, False
    words = set(q.split())
    best = 0.0
    for name in entry.names:
        n = _norm(name)
        if n == q:
            return 100.0, True
        theirs = set(n.split())
        common = len(words & theirs)
        has = common / len(words)
        shared = 2 * common / (len(words) + len(theirs)) if theirs else 0.0
        letters = difflib.SequenceMatcher(None, q, n).ratio()
        best = max(best, (0.6 * has + 0.2 * shared + 0.2 * letters) * 100)
    return round(best, 1), False


def country_of(value: str) -> str | None:
    """The ISO alpha-2 code a ``country`` property value designates (a code, a name in any
    language the graph knows, a country IRI), or None.

    >>> country_of("kz"), country_of("Kasachstan") or "?", country_of(".../country/KG")
    ('KZ', '?', 'KG')
    """
    value = value.strip()
    if "/country/" in value:
        value = value.rsplit("/", 1)[-1]
    found = lookup_country(value.upper() if len(value) in (2, 3) else value)
    return found.alpha_2 if found is not None else None


class BadRequest(ValueError):
    """A reconciliation request the service cannot read."""


def reconcile(index: Mapping[str, Entry], query: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The candidates of one reconciliation query, best first."""
    text = query.get("query")
    if not isinstance(text, str):
        raise BadRequest('each query needs "query", the name to reconcile, as a string')
    limit = query.get("limit", DEFAULT_LIMIT)
    if not isinstance(limit, int) or limit < 1:
        raise BadRequest('"limit" must be a positive whole number')
    wanted = query.get("type")
    types = {wanted} if isinstance(wanted, str) else set(wanted or ())
    country = None
    for prop in query.get("properties") or ():
        if not isinstance(prop, Mapping) or prop.get("pid") != "country":
            raise BadRequest('the one property this service knows is "country"')
        value = prop.get("v")
        value = value.get("id", "") if isinstance(value, Mapping) else str(value)
        country = country_of(value)
        if country is None:
            raise BadRequest(f"country {value!r}: no country or territory of ISO 3166")
    found = []
    for e in index.values():
        if types and not types & set(e.types):
            continue
        if country is not None and e.jurisdiction not in (country, ""):
            continue  # another country's entry is never a candidate
        points, exact = score(text, e)
        if country is not None and e.jurisdiction == "":
            points = max(0.0, points - INTERNATIONAL_PENALTY)
        if points >= MIN_SCORE:
            found.append((-points, e.name, e, exact))
    found.sort(key=lambda t: (t[0], t[1], t[2].iri))
    # Certain only with the country given (or for an international entry): without it, a
    # country's body that happens to be the only one of its name is not to be lent.
    exact_ones = [t for t in found if t[3]]
    sure = len(exact_ones) == 1 and exact_ones[0][2].jurisdiction in (country, "")
    results = []
    for points, _name, e, _exact in found[:limit]:
        results.append(
            {
                "id": e.iri,
                "name": e.name,
                "description": e.place or "international",
                "type": [{"id": k, "name": v} for k, v in sorted(e.types.items())],
                "score": -points,
                "match": sure and exact_ones[0][2] is e,
            }
        )
    return results


def manifest(base: str) -> dict[str, Any]:
    """The service manifest, with URLs under ``base`` (the server's root URL)."""
    return {
        "versions": ["0.2"],
        "name": "mgi-graph registry (bodies, laws, instruments, agreements)",
        "identifierSpace": iris.BASE,
        "schemaSpace": MGI,
        "defaultTypes": [DEFAULT_TYPE],
        "view": {"url": "{{id}}"},
        "preview": {"url": f"{base}/reconcile/preview?id={{{{id}}}}", "width": 400, "height": 160},
        "suggest": {
            kind: {"service_url": base, "service_path": f"/reconcile/suggest/{kind}"}
            for kind in ("entity", "type", "property")
        },
        "documentation": f"{base}/",
    }


def suggest(kind: str, prefix: str, index: Mapping[str, Entry]) -> list[dict[str, str]]:
    """Entities, types or properties whose name starts with ``prefix`` (any word of it)."""
    p = _words(prefix)
    if kind == "property":
        return [{"id": "country", "name": "country"}] if "country".startswith(p) else []
    if kind == "type":
        types = {k: v for e in index.values() for k, v in e.types.items()}
        return [
            {"id": k, "name": v}
            for k, v in sorted(types.items(), key=lambda kv: kv[1])
            if any(w.startswith(p) for w in _words(v).split()) or not p
        ][:20]
    hits = [e for e in index.values() if p and any(f" {p}" in f" {_words(n)}" for n in e.names)]
    hits.sort(key=lambda e: (e.name, e.iri))
    return [
        {"id": e.iri, "name": e.name, "description": e.place or "international"} for e in hits[:20]
    ]


def preview(entry: Entry, quote: tuple[str, str] | None) -> str:
    """The HTML card of ``entry``; ``quote``: its first quote and the source's title."""
    kinds = ", ".join(sorted(v for k, v in entry.types.items() if not k.endswith("RegistryEntry")))
    parts = [
        f"<strong>{html.escape(entry.name)}</strong>",
        f"<br><small>{html.escape(kinds or 'registry entry')} · "
        f"{html.escape(entry.place or 'international')}</small>",
    ]
    if quote is not None:
        text, title = quote
        parts.append(f"<blockquote>“{html.escape(text)}”</blockquote>")
        if title:
            parts.append(f"<small>{html.escape(title)}</small>")
    body = "".join(parts)
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{font:13px sans-serif;'
        "margin:6px}blockquote{margin:6px 0;color:#333}</style></head>"
        f"<body>{body}</body></html>"
    )


def answer_queries(
    raw: str, index: Mapping[str, Entry], single: bool = False
) -> dict[str, Any] | list[dict[str, Any]]:
    """The answer to the ``queries`` parameter ``raw`` (or, ``single``, to ``query``)."""
    try:
        parsed = json.loads(raw)
    except ValueError:
        if single:  # a bare name
            return {"result": reconcile(index, {"query": raw})}
        raise BadRequest("queries: not JSON") from None
    if single:
        query = parsed if isinstance(parsed, dict) else {"query": str(parsed)}
        return {"result": reconcile(index, query)}
    if not isinstance(parsed, dict):
        raise BadRequest("queries: a JSON object of queries keyed by the client's names")
    return {key: {"result": reconcile(index, q)} for key, q in parsed.items()}


__all__ = [
    "INDEX_QUERY",
    "QUOTE_QUERY",
    "BadRequest",
    "Entry",
    "answer_queries",
    "build_index",
    "country_of",
    "manifest",
    "preview",
    "reconcile",
    "score",
    "suggest",
]
