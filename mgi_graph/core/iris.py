"""The IRI scheme of the graph's own resources, in one place.

Every resource the build makes gets its IRI here, from a stable key (a source's key, a
country's ISO code, a line or a character span), never from a counter: the same inputs give
the same IRIs. Curated entries (registry, statements) are named in the knowledge files; their
keys are the part after :data:`ID` (``org/kz-mia``), read back with :func:`key_of`.

>>> str(finding(profile("KZ", 1), 2, "well-developed", 3))
'https://w3id.org/mgi-graph/id/finding/KZ-1/d2/well-developed/3'
>>> str(quote(source("kz-2018-en"), 120, 180))
'https://w3id.org/mgi-graph/id/quote/kz-2018-en/120-180'
>>> key_of(country("MD"))
'country/MD'
"""

from __future__ import annotations

import re

from rdflib import Graph, Literal, URIRef

from mgi_graph.core.namespaces import local_name
from mgi_graph.core.vocab import ID, SH

#: The jurisdiction of international bodies and agreements (the IOM, the EAEU Treaty).
INTERNATIONAL = ID["jurisdiction/international"]
#: The dataset the build describes in its VoID file.
DATASET = ID["dataset"]
#: ISO 3166-1, the reference a country record generated from ``pycountry`` cites.
ISO_3166_1 = ID["reference/iso-3166-1"]
#: What every IRI of the scheme starts with (the ``mgid:`` namespace).
BASE = str(ID)


def own_base() -> str:
    """The base of the IRIs of what the corpus in use adds: its own (``init --base``), or
    the project's (:data:`BASE`) for the shipped corpus."""
    from mgi_graph.core.paths import home

    return home().base


def bases() -> tuple[str, ...]:
    """The bases of the graph's own IRIs: the project's, then the corpus's if it has its own."""
    own = own_base()
    return (BASE,) if own == BASE else (BASE, own)


def base_of(iri: str) -> str:
    """The base ``iri`` is under: the corpus's own or the project's.

    >>> base_of("https://w3id.org/mgi-graph/id/source/x")
    'https://w3id.org/mgi-graph/id/'
    """
    own = own_base()
    return own if own != BASE and str(iri).startswith(own) else BASE


def key_of(iri: str) -> str:
    """The key of one of the graph's own IRIs (the part after its base, the project's or the
    corpus's); any other IRI as it is.

    >>> key_of("https://w3id.org/mgi-graph/id/org/kz-mia")
    'org/kz-mia'
    >>> key_of("http://www.wikidata.org/entity/Q232")
    'http://www.wikidata.org/entity/Q232'
    """
    for base in bases():
        if iri.startswith(base):
            return iri[len(base) :]
    return iri


def is_own(iri: str, folder: str = "") -> bool:
    """True if ``iri`` is one of the graph's own, in ``folder`` if given (``"observation/"``).

    >>> is_own("https://w3id.org/mgi-graph/id/observation/x", "observation/")
    True
    """
    return any(iri.startswith(base + folder) for base in bases())


def own_entry(key: str) -> URIRef:
    """An entry the corpus adds (a proposal), by its key, under the corpus's base."""
    return URIRef(own_base() + key)


def entry(key: str) -> URIRef:
    """A registry entry, statement or other curated resource by its key (``org/kz-mia``)."""
    return ID[key]


def entry_key(folder: str, jurisdiction: str | None, name_slug: str) -> str:
    """The key of a proposed entry: its kind's folder, its jurisdiction's code (``intl`` for
    an international one) and its name's slug.

    >>> entry_key("org", "MD", "bureau-for-migration")
    'org/md-bureau-for-migration'
    """
    return f"{folder}/{(jurisdiction or 'intl').lower()}-{name_slug}"


def source(key: str, base: str = BASE) -> URIRef:
    """A catalogued source document (one the corpus adds: under ``own_base()``)."""
    return URIRef(f"{base}source/{key}")


def country(alpha_2: str) -> URIRef:
    """A country or territory, by its ISO 3166-1 alpha-2 code."""
    return ID[f"country/{alpha_2}"]


def jurisdiction(alpha_2: str | None) -> URIRef:
    """The country of ``alpha_2``, or :data:`INTERNATIONAL` for None."""
    return country(alpha_2) if alpha_2 else INTERNATIONAL


def instant(point: str, base: str = BASE) -> URIRef:
    """An instant a reference period begins or ends at, by its ISO 8601 year, month or date
    (``instant/2021-12``)."""
    return URIRef(f"{base}instant/{point}")


def link_candidate(entry: str, qid: str) -> URIRef:
    """A Wikidata item proposed for an entry (``link/org/md-mia/Q42``), under the corpus's
    own base: a candidate is the corpus's record, whoever's entry it is for."""
    return URIRef(f"{own_base()}link/{key_of(entry)}/{qid}")


def local_government(key: str, base: str = BASE) -> URIRef:
    """A local government (a city, a municipality, a province) by its key: its country's
    alpha-2 code and its name's slug (``local/CA-montreal``)."""
    return URIRef(f"{base}local/{key}")


def profile(place_key: str, edition_number: int, base: str = BASE) -> URIRef:
    """A country's MGI profile of one edition (``profile/KZ-2``), or a local government's, by
    the place's key (``profile/CA-montreal-1``)."""
    return URIRef(f"{base}profile/{place_key}-{edition_number}")


def finding(profile_iri: URIRef, domain: int, polarity: str, ordinal: int) -> URIRef:
    """The ``ordinal``-th finding of a profile's list for ``domain`` and ``polarity``, under
    the profile's base."""
    base = base_of(profile_iri)
    return URIRef(f"{base}finding/{local_name(profile_iri)}/d{domain}/{polarity}/{ordinal}")


def footnote(source_key: str, page: int, number: int, base: str = BASE) -> URIRef:
    """The ``number``-th footnote of page ``page`` of a source read from a PDF."""
    return URIRef(f"{base}note/{source_key}/{page}-{number}")


def _of_source(folder: str, source_iri: str, rest: str) -> URIRef:
    """A resource of ``folder`` in the source ``source_iri``, under the source's base."""
    return URIRef(f"{base_of(source_iri)}{folder}/{local_name(source_iri)}/{rest}")


def quote(source_iri: str, start: int, end: int) -> URIRef:
    """The passage ``[start, end)`` of a source's text."""
    return _of_source("quote", source_iri, f"{start}-{end}")


def paragraph(source_iri: str, line: int) -> URIRef:
    """The paragraph on ``line`` of a source's text."""
    return _of_source("paragraph", source_iri, str(line))


def mention(source_iri: str, start: int, end: int) -> URIRef:
    """A name found at ``[start, end)`` of a source's text."""
    return _of_source("mention", source_iri, f"{start}-{end}")


def edition_change(pair: str, domain: str, earlier: str, later: str, base: str = BASE) -> URIRef:
    """A change between two editions' profiles (``pair``: ``KZ-1.KZ-2``) in a domain, from
    the earlier side to the later (each a finding's list and place, or ``none``), under the
    later profile's base."""
    return URIRef(f"{base}edition-change/{pair}/d{domain}/{earlier}.{later}")


def query(name: str) -> URIRef:
    """A canned query of the catalogue."""
    return ID[f"query/{name}"]


def query_parameter(name: str, parameter: str) -> URIRef:
    """A parameter of a canned query."""
    return ID[f"query/{name}/param/{parameter}"]


def parameter_path(parameter: str) -> URIRef:
    """The path (``sh:path``) a parameter of that name binds, shared by all queries."""
    return ID[f"query/param/{parameter}"]


def domain(number: int) -> URIRef:
    """The MGI domain ``number`` (a concept of ``ontology/domains.ttl``)."""
    return ID[f"domain/{number}"]


def concept(scheme_folder: str, notation: str) -> URIRef:
    """A concept of one of the vocabulary's small schemes, by notation: ``edition/second``,
    ``polarity/potential``, ``review/proposed``, ``change/new``, ``assignment/heading``.

    >>> str(concept("review", "proposed"))
    'https://w3id.org/mgi-graph/id/review/proposed'
    """
    return ID[f"{scheme_folder}/{notation}"]


def for_bases(shapes: Graph, own_base: str) -> Graph:
    r"""``shapes`` with each IRI pattern that starts with the project's base taking the
    corpus's own base as well (a corpus made with ``init --base``); as it is otherwise.

    >>> from rdflib import Literal
    >>> g, s = Graph(), URIRef("http://example.org/shape")
    >>> _ = g.add((s, SH.pattern, Literal(r"^https://w3id\.org/mgi-graph/id/quote/[0-9]+$")))
    >>> print(for_bases(g, "https://example.org/mine/").value(s, SH.pattern))
    ^(?:https://w3id\.org/mgi-graph/id/|https://example\.org/mine/)quote/[0-9]+$
    """
    if own_base == BASE:
        return shapes
    project = "^" + re.escape(BASE).replace("\\-", "-").replace("\\/", "/")
    mine = re.escape(own_base).replace("\\-", "-").replace("\\/", "/")
    for s, o in list(shapes.subject_objects(SH.pattern)):
        text = str(o)
        if text.startswith(project):
            widened = f"^(?:{project[1:]}|{mine}){text[len(project) :]}"
            shapes.set((s, SH.pattern, Literal(widened)))
    return shapes
