"""Wikidata candidates for a corpus's entries: the items whose label or alias is one of the
entry's names (in its language or English), of the entry's country, scored with the evidence
a researcher needs to decide.

An item is a candidate only if it is of the entry's country (``wdt:P17`` country or
``wdt:P1001`` jurisdiction, read through the country's ISO code ``wdt:P297``), or, for an
international entry, of no country: another country's body of the same name is never
proposed. Its class (``wdt:P31``, by English label) fits when it contains one of the words
``data/link-classes.toml`` gives for the entry's kind. Truthy statements (``wdt:``) leave out
deprecated ones, as Wikidata's own query service does.

A score is 60 for the name, 25 for the country, 15 for a fitting class. The **rule**: a
candidate with all three that is its entry's only candidate is accepted, and says so
(``decidedBy "rule"``); every other candidate waits for ``mgi-graph link --accept``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph

from mgi_graph.core.errors import InputError
from mgi_graph.core.paths import home

WD = "http://www.wikidata.org/entity/"

#: The corpus's entries that have no Wikidata link yet: names (with language), class names,
#: the jurisdiction's ISO code ("" for the international jurisdiction).
ENTRIES_QUERY = """
PREFIX mgi: <https://w3id.org/mgi-graph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
SELECT ?entry ?what ?value ?lang WHERE {
  ?entry a mgi:RegistryEntry ; mgi:jurisdiction ?j .
  FILTER NOT EXISTS {
    ?entry schema:sameAs ?wd . FILTER(STRSTARTS(STR(?wd), "http://www.wikidata.org/entity/"))
  }
  {
    { ?entry skos:prefLabel ?n } UNION { ?entry skos:altLabel ?n }
    BIND("name" AS ?what) BIND(STR(?n) AS ?value) BIND(LANG(?n) AS ?lang)
  } UNION {
    ?entry a ?cls . FILTER(STRSTARTS(STR(?cls), STR(mgi:)))
    BIND("class" AS ?what) BIND(STRAFTER(STR(?cls), "#") AS ?value)
  } UNION {
    ?entry mgi:jurisdiction ?j . OPTIONAL { ?j mgi:isoAlpha2 ?code }
    BIND("iso" AS ?what) BIND(COALESCE(?code, "") AS ?value)
  }
}
"""

#: The items named by the names of ``VALUES ?name`` (filled per batch), with what decides.
CANDIDATES_QUERY = """
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <http://schema.org/>
SELECT ?name ?item ?label ?description ?class ?iso WHERE {
  VALUES ?name { %s }
  ?item rdfs:label|skos:altLabel ?name .
  OPTIONAL { ?item rdfs:label ?label . FILTER(LANG(?label) = "en") }
  OPTIONAL { ?item schema:description ?description . FILTER(LANG(?description) = "en") }
  OPTIONAL { ?item wdt:P31 ?c . ?c rdfs:label ?class . FILTER(LANG(?class) = "en") }
  OPTIONAL { ?item wdt:P17|wdt:P1001 ?country . ?country wdt:P297 ?iso }
}
"""

NAME_POINTS, COUNTRY_POINTS, CLASS_POINTS = 60, 25, 15


@dataclass
class Entry:
    """An entry of the corpus to find a Wikidata item for."""

    iri: str
    names: set[tuple[str, str]] = field(default_factory=set)  # (name, language)
    classes: set[str] = field(default_factory=set)
    iso: str = ""

    def asked(self) -> set[tuple[str, str]]:
        """The (name, language) pairs asked for: each name in its language and in English."""
        return {(n, lang) for n, lang in self.names if lang} | {(n, "en") for n, _ in self.names}


@dataclass
class Candidate:
    """A Wikidata item proposed for an entry, with the evidence."""

    entry: str
    item: str
    label: str
    description: str
    classes: list[str]
    countries: list[str]
    score: int
    fits: bool

    @property
    def qid(self) -> str:
        return self.item.removeprefix(WD)


def entries_of(rows: Iterable[Mapping[str, str]]) -> list[Entry]:
    """The entries of the rows of :data:`ENTRIES_QUERY`, in IRI order."""
    found: dict[str, Entry] = {}
    for row in rows:
        e = found.setdefault(row["entry"], Entry(row["entry"]))
        if row["what"] == "name":
            e.names.add((row["value"], row.get("lang", "")))
        elif row["what"] == "class":
            e.classes.add(row["value"])
        else:
            e.iso = row["value"]
    return [found[k] for k in sorted(found)]


def load_class_words(path: Path | None = None) -> dict[str, list[str]]:
    """The words a fitting Wikidata class has, by the ontology's class name."""
    path = path or home().knowledge("data/link-classes.toml")
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))["classes"]
        return {str(k): [str(w).casefold() for w in v] for k, v in table.items()}
    except (OSError, KeyError, AttributeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"cannot read the table of fitting classes: {exc}", path=path) from None


def names_block(entries: Sequence[Entry]) -> str:
    """The ``VALUES ?name`` terms for ``entries``: each a literal with its language, made and
    escaped by the RDF library (a name can never change the query)."""
    terms = sorted(
        {str(pyoxigraph.Literal(n, language=lang)) for e in entries for n, lang in e.asked()}
    )
    return " ".join(terms)


def candidates(
    entries: Sequence[Entry],
    rows: Iterable[Mapping[str, str]],
    class_words: Mapping[str, list[str]],
) -> list[Candidate]:
    """Score the items of ``rows`` (bindings of :data:`CANDIDATES_QUERY`: name, item, label,
    description, class, iso) for ``entries``; another country's item is never one."""
    by_item: dict[str, dict[str, set[str]]] = {}
    for row in rows:
        info = by_item.setdefault(
            row["item"],
            {"names": set(), "label": set(), "description": set(), "class": set(), "iso": set()},
        )
        info["names"].add(row["name"].casefold())
        for key in ("label", "description", "class", "iso"):
            if row.get(key):
                info[key].add(row[key])
    out = []
    for e in entries:
        asked = {n.casefold() for n, _ in e.names}
        words = {w for c in e.classes for w in class_words.get(c, [])}
        for item in sorted(by_item):
            info = by_item[item]
            if not info["names"] & asked:
                continue
            countries = sorted(info["iso"])
            if e.iso and e.iso not in countries:
                continue  # another country's (or no country's) item: never proposed
            if not e.iso and countries:
                continue  # an international entry: an item of one country is not it
            classes = sorted(info["class"])
            fits = any(w in c.casefold() for c in classes for w in words)
            out.append(
                Candidate(
                    e.iri,
                    item,
                    min(info["label"], default=""),
                    min(info["description"], default=""),
                    classes,
                    countries,
                    NAME_POINTS + COUNTRY_POINTS + (CLASS_POINTS if fits else 0),
                    fits,
                )
            )
    return out


def by_rule(found: Sequence[Candidate]) -> set[tuple[str, str]]:
    """The (entry, item) pairs the rule accepts: a fitting class, and its entry's only
    candidate."""
    per_entry: dict[str, list[Candidate]] = {}
    for c in found:
        per_entry.setdefault(c.entry, []).append(c)
    return {(c.entry, c.item) for cs in per_entry.values() if len(cs) == 1 for c in cs if c.fits}


__all__ = [
    "CANDIDATES_QUERY",
    "ENTRIES_QUERY",
    "Candidate",
    "Entry",
    "by_rule",
    "candidates",
    "entries_of",
    "load_class_words",
    "names_block",
]
