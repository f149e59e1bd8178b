"""Every country and territory of ISO 3166-1, from ``pycountry`` (a maintained copy of the
ISO 3166 tables and their translations), with the names MGI profiles use.

The curated ``data/countries.ttl`` holds the countries with checked external identifiers
(Wikidata, GeoNames, M49 regions); any other country a document or a registry entry refers
to gets a record made here: its ISO names (English, and their translations into each language
of ``data/languages/``),
its alpha-2, alpha-3 and numeric codes, and its UN M49 code, sub-region and region (from the
M49 table, :mod:`mgi_graph.curate.m49`). No external link is made for it: none has been
checked.

>>> lookup_country("The Kyrgyz Republic (Kyrgyzstan)").alpha_2
'KG'
>>> [lookup_country(n).alpha_2 for n in ("Republic of Moldova", "Türkiye", "Turkey", "Moldavia")]
['MD', 'TR', 'TR', 'MD']
>>> lookup_country("Atlantis") is None
True
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import pycountry
from rdflib import Graph, Literal, URIRef

from mgi_graph.core import iris
from mgi_graph.core.vocab import MGI, RDF, RDFS, SKOS
from mgi_graph.curate.m49 import m49_of
from mgi_graph.ingest.languages import load_languages
from mgi_graph.ingest.layout import plain_words


@dataclass(frozen=True)
class IsoCountry:
    """One entry of ISO 3166-1."""

    alpha_2: str
    alpha_3: str
    numeric: str
    name: str
    official_name: str | None
    names: dict[str, str]

    @property
    def iri(self) -> URIRef:
        return iris.country(self.alpha_2)


def _fold(name: str) -> str:
    """A name folded for lookup: accents, case, punctuation and articles ignored.

    >>> _fold("The Republic of Côte d’Ivoire")
    'republic of cote d ivoire'
    """
    words = plain_words(name)
    while words and words[0] in ("the", "la", "le", "el", "les", "los", "las", "l"):
        words = words[1:]
    return " ".join(words)


def _table() -> tuple[dict[str, IsoCountry], dict[str, str]]:
    """Every country by alpha-2, and every folded name (in each language of the corpus in
    use) to its alpha-2."""
    return _table_in(tuple(sorted(load_languages())))


@cache
def _table_in(languages: tuple[str, ...]) -> tuple[dict[str, IsoCountry], dict[str, str]]:
    # The languages profiles are read in (data/languages/), each with pycountry's
    # translation of ISO 3166 (CLDR-reviewed names); a language it lacks keeps English.
    translations = {
        lang: gettext.translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True
        )
        for lang in languages
        if lang != "en"
    }
    countries: dict[str, IsoCountry] = {}
    names: dict[str, str] = {}
    for c in pycountry.countries:
        english = getattr(c, "common_name", None) or c.name
        official = getattr(c, "official_name", None)
        local = {"en": english}
        for lang, tr in translations.items():
            local[lang] = (
                tr.gettext(english) if english != tr.gettext(english) else tr.gettext(c.name)
            )
        iso = IsoCountry(c.alpha_2, c.alpha_3, c.numeric, english, official, local)
        countries[c.alpha_2] = iso
        forms = {english, c.name, official or "", *local.values()}
        if official:
            forms |= {t.gettext(official) for t in translations.values()}
        for form in forms:
            for variant in _variants(form):
                names.setdefault(_fold(variant), c.alpha_2)
    return countries, names


def _variants(name: str) -> Iterable[str]:
    """A name and its inverted ISO form turned round ("Moldova, Republic of" → "Republic
    of Moldova"); with "Republic of X" also "X"."""
    if not name:
        return
    yield name
    if ", " in name:
        head, tail = name.split(", ", 1)
        yield f"{tail} {head}"
        yield head


#: Names profiles use that ISO 3166 does not give (the former short name of Türkiye).
_EXTRA = {"turkey": "TR", "the kyrgyz republic": "KG"}


def lookup_country(place: str) -> IsoCountry | None:
    """The country a place name designates: an ISO name or code, in any language of
    ``data/languages/``, with or without an article, or "Name (Other name)" where either
    part is one."""
    countries, names = _table()
    wanted = [place]
    m = re.fullmatch(r"\s*(.+?)\s*\((.+)\)\s*", place)
    if m:
        wanted += [m.group(1), m.group(2)]
    for w in wanted:
        folded = _fold(w)
        code = names.get(folded) or _EXTRA.get(folded)
        if code is None and len(w.strip()) in (2, 3) and w.strip().isupper():
            code_ = w.strip()
            hit = (
                pycountry.countries.get(alpha_2=code_)
                if len(code_) == 2
                else pycountry.countries.get(alpha_3=code_)
            )
            code = hit.alpha_2 if hit else None
        if code:
            return countries[code]
    return None


def country(alpha_2: str) -> IsoCountry | None:
    """The ISO 3166-1 entry of ``alpha_2``.

    >>> country("MD").numeric, country("MD").names["es"]
    ('498', 'Moldavia')
    """
    return _table()[0].get(alpha_2)


def add_iso_countries(g: Graph) -> list[URIRef]:
    """Give every country the graph refers to (``mgi:subjectCountry``, ``mgi:jurisdiction``,
    ``mgi:country``) and does not describe a record from ISO 3166; return their IRIs.

    >>> g = Graph()
    >>> _ = g.add((iris.source("x"), MGI.subjectCountry, iris.country("MD")))
    >>> [str(c).rsplit("/", 1)[1] for c in add_iso_countries(g)]
    ['MD']
    >>> str(g.value(iris.country("MD"), MGI.isoAlpha3))
    'MDA'
    """
    prefix = iris.BASE + "country/"
    wanted = {
        o
        for p in (MGI.subjectCountry, MGI.jurisdiction, MGI.country)
        for o in g.objects(None, p)
        if isinstance(o, URIRef) and str(o).startswith(prefix)
    }
    added = []
    for iri in sorted(wanted):
        if (iri, RDF.type, MGI.Country) in g:
            continue
        iso = country(str(iri)[len(prefix) :])
        if iso is None:
            continue
        add_country_record(g, iso)
        added.append(iri)
    return added


def add_country_record(g: Graph, iso: IsoCountry) -> None:
    """The record of one ISO country: names, codes, its UN M49 code, sub-region and region
    where M49 lists it (:mod:`mgi_graph.curate.m49`), and where it came from."""
    c = iso.iri
    g.add((c, RDF.type, MGI.Country))
    for lang, name in sorted(iso.names.items()):
        g.add((c, RDFS.label, Literal(name, lang=lang)))
        g.add((c, SKOS.prefLabel, Literal(name, lang=lang)))
    if iso.official_name and iso.official_name != iso.name:
        g.add((c, SKOS.altLabel, Literal(iso.official_name, lang="en")))
    g.add((c, MGI.isoAlpha2, Literal(iso.alpha_2)))
    g.add((c, MGI.isoAlpha3, Literal(iso.alpha_3)))
    g.add((c, MGI.isoNumeric, Literal(iso.numeric)))
    g.add((c, MGI.recordFrom, iris.ISO_3166_1))
    area = m49_of(iso.alpha_3)
    if area is not None:
        g.add((c, MGI.m49Code, Literal(area.code)))
        if area.sub_region:
            g.add((c, MGI.m49SubRegion, Literal(area.sub_region)))
        if area.region:
            g.add((c, MGI.m49Region, Literal(area.region)))


__all__ = ["IsoCountry", "add_country_record", "add_iso_countries", "country", "lookup_country"]
