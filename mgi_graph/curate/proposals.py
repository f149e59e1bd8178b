"""Bodies, laws and instruments named in an added document that no registry entry of the
right jurisdiction covers, proposed as new registry entries for review.

Names are found by the rules of the document's language (:mod:`mgi_graph.names`). A name
is **proposed** when no registry entry the matcher resolves for the document covers its
head word: entries of another country are never borrowed (see
:meth:`mgi_graph.curate.matcher.Matcher._resolve`). The proposal belongs to the document's
country, or to the country the name itself designates, or is international where it starts
as international bodies do ("International …", "Organisation internationale …"). Each
carries every passage it was found in (source, offsets, exact text), its label in the
document's language, the acronym and earlier names the text gives for it, a law's number,
year and period, and a confidence (``[confidence]`` of ``data/proposals.toml``).

In a head-first language, a name's tail that the document later uses alone ("Migración
Colombia" after "Unidad Administrativa Especial Migración Colombia") is one of its names,
and so is an acronym defined for it, wherever the document uses them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from mgi_graph.core import iris
from mgi_graph.core.paths import home
from mgi_graph.core.tomlfile import read_toml
from mgi_graph.curate.matcher import AmbiguousName, Hit, Matcher
from mgi_graph.curate.name_words import name_key
from mgi_graph.ingest.layout import plain_words
from mgi_graph.names import FoundName, NameRules, find_names, name_rules
from mgi_graph.names.tokens import tokens


@dataclass(frozen=True)
class Evidence:
    """One passage a proposed name was found in."""

    source: str  # the source document's IRI
    start: int
    end: int
    text: str
    line: int


@dataclass
class Proposal:
    """A proposed registry entry. ``acronyms`` holds its other names as the documents give
    them (an acronym, a shorter form used alone); ``former_names`` the names it had before
    ("formerly …"); ``adopted`` a law's year or date (ISO), ``period`` the years it covers."""

    iri: str
    cls: str
    label: str
    jurisdiction: str | None  # an alpha-2 code; None: international
    acronyms: set[str] = field(default_factory=set)
    parent: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    status: str = "proposed"
    merged_into: str | None = None
    lang: str = "en"
    former_names: set[str] = field(default_factory=set)
    number: str | None = None
    adopted: str | None = None
    period: tuple[str, str] | None = None
    confidence: float | None = None
    #: Kinds of body set on review (notations of ontology/body-kinds.ttl); else the rules'.
    kinds: set[str] = field(default_factory=set)

    @property
    def names(self) -> list[str]:
        """Every name of the entry: label, other names, earlier names."""
        return [self.label, *sorted(self.acronyms), *sorted(self.former_names)]


@dataclass(frozen=True)
class Weights:
    """The ``[confidence]`` table of ``data/proposals.toml``."""

    base: float
    acronym: float
    several_passages: float
    citation: float
    lowercase_word: float
    two_words: float
    long_name: float
    former_name: float
    no_head: float


def confidence_weights(path: Path | None = None) -> Weights:
    """The confidence weights of the corpus in use."""
    return _weights(path or home().proposals_file)


@cache
def _weights(path: Path) -> Weights:
    table = read_toml(path, "proposal rules")["confidence"]
    return Weights(**{k: float(table[k]) for k in Weights.__dataclass_fields__})


def confidence(p: Proposal, name: FoundName, w: Weights | None = None) -> float:
    """How certain a proposal is (0 to 1), from what its first name and its evidence show.

    >>> from mgi_graph.names import find_names, name_rules
    >>> [n] = find_names("the Departamento Administrativo Nacional de Estadística (DANE)",
    ...                  name_rules("es"))
    >>> confidence(Proposal("org/co-dane", "Agency", n.text, "CO", {"DANE"}), n)
    0.9
    >>> [n] = find_names("la Direction de la migration", name_rules("fr"))
    >>> confidence(Proposal("org/gn-d", "Agency", n.text, "GN"), n)
    0.65
    """
    w = w or confidence_weights()
    score = w.base
    score += w.acronym * bool(p.acronyms)
    score += w.several_passages * (len({(e.source, e.start) for e in p.evidence}) > 1)
    score += w.citation * bool(p.number or p.adopted or p.period)
    score += w.lowercase_word * name.lowercase
    score += w.two_words * (name.words == 2)
    score += w.long_name * (name.words > 12)
    score += w.former_name * bool(p.former_names)
    score += w.no_head * name.headless
    return round(min(0.99, max(0.05, score)), 2)


def slug(name: str) -> str:
    """An IRI segment for a name: ASCII, lower case, words joined by hyphens.

    >>> slug("Bureau for Migration and Asylum (Ministry of Internal Affairs)")
    'bureau-for-migration-and-asylum-ministry-of-internal-affairs'
    >>> slug("Agenția Națională pentru Ocuparea Forței de Muncă")[:30]
    'agentia-nationala-pentru-ocupa'
    """
    return "-".join(plain_words(name))[:80].rstrip("-")


def propose(
    units: Sequence[tuple[str, int, int, int]],
    text: str,
    matcher: Matcher,
    country: str | None,
    taken: set[str],
    lang: str = "en",
) -> list[Proposal]:
    """Proposals for the names in ``units`` (source IRI, start, end, line) of ``text``, in
    language ``lang``, that ``matcher`` does not resolve for ``country``. ``taken`` holds
    the IRIs already in use (registry and earlier proposals), and the new ones are added.

    >>> from mgi_graph.curate.matcher import Name
    >>> m = Matcher([Name("Ministry of Internal Affairs", "org/kz-mia", "KZ")],
    ...             {"KZ": ["Kazakhstan", "Kazakh"], "MD": ["Moldova"]})
    >>> t = "The Ministry of Internal Affairs and the Kazakh Ministry of Internal Affairs."
    >>> found = propose([("src", 0, len(t), 1)], t, m, "MD", set())
    >>> [(p.iri, p.label, p.jurisdiction) for p in found]
    [('org/md-ministry-of-internal-affairs', 'Ministry of Internal Affairs', 'MD')]
    >>> t = ("La Unidad Administrativa Especial Migración Colombia aplica la Ley 43 de 1993. "
    ...      "Migración Colombia expide visas.")
    >>> for p in propose([("src", 0, len(t), 1)], t, Matcher([]), "CO", set(), "es"):
    ...     print(p.label, sorted(p.acronyms), p.number, p.adopted, len(p.evidence))
    Unidad Administrativa Especial Migración Colombia ['Migración Colombia'] None None 2
    Ley 43 de 1993 [] 43 1993 1
    """
    rules = name_rules(lang)
    by_key: dict[tuple[tuple[str, ...], str | None], Proposal] = {}
    first: dict[str, FoundName] = {}
    out: list[Proposal] = []
    for source, start, end, line in units:
        segment = text[start:end]
        key = source.rsplit("/", 1)[-1]  # the document key, for names scoped to it
        hits = matcher.find(segment, country=country, where=f"{source}:{line}", source=key)
        names = find_names(segment, rules)
        made: list[Proposal | None] = []
        for name in names:
            if any(h.start <= name.head_start < h.end for h in hits):
                made.append(None)
                continue
            name = _after_known(name, hits, segment, rules)
            if name.acronym and _known_acronym(name.acronym, matcher, country, source):
                made.append(None)  # "… (OIM)": the entry the acronym names, in another language
                continue
            evidence = Evidence(
                source,
                start + name.start,
                start + name.end,
                name.text,
                line + segment.count("\n", 0, name.start),
            )
            if name.former_of is not None:
                # an earlier name of the name before it: never a body of its own
                earlier = made[name.former_of]
                if earlier is not None:
                    earlier.former_names.add(" ".join(name.text.split()))
                    earlier.evidence.append(evidence)
                made.append(earlier)
                continue
            juris = _jurisdiction(name.text, matcher, country, rules)
            pkey = (name_key(name.text), juris)
            p = by_key.get(pkey)
            if p is None:
                folder = rules.folders[name.cls]
                base = iris.entry_key(folder, juris, slug(name.text))
                iri, n = base, 2
                while iri in taken:
                    iri, n = f"{base}-{n}", n + 1
                taken.add(iri)
                # The name as one line: a PDF's text may wrap it; the evidence keeps it exact.
                label = " ".join(name.text.split())
                p = by_key[pkey] = Proposal(iri, name.cls, label, juris, lang=lang)
                p.number, p.adopted = name.number, name.date or name.year
                p.period = name.period
                first[iri] = name
                out.append(p)
            if name.acronym:
                p.acronyms.add(name.acronym)
            p.evidence.append(evidence)
            made.append(p)
        for name, p in zip(names, made, strict=True):
            if p is None or name.parent is None or p.parent is not None:
                continue
            parent = made[name.parent]
            if parent is not None and parent is not p:
                p.parent = parent.iri
            elif parent is None:
                target = names[name.parent]
                hit = next((h for h in hits if h.start <= target.head_start < h.end), None)
                if hit is not None:
                    p.parent = hit.keys[0]
    _other_names(out, units, text, rules)
    weights = confidence_weights()
    for p in out:
        p.confidence = confidence(p, first[p.iri], weights)
    return out


def _known_acronym(acronym: str, matcher: Matcher, country: str | None, source: str) -> bool:
    """Does ``acronym`` name exactly one known entry, of the document's country or
    international?"""
    try:
        hits = matcher.find(acronym, country=country, where=source)
    except AmbiguousName:
        return True
    return len(hits) == 1 and hits[0].end - hits[0].start == len(acronym)


def _other_names(
    proposals: list[Proposal],
    units: Sequence[tuple[str, int, int, int]],
    text: str,
    rules: NameRules,
) -> None:
    """Where the document uses a proposal's acronym alone, or (in a head-first language)
    the tail of its name that follows a capitalised word ("Migración Colombia" of "Unidad
    Administrativa Especial Migración Colombia"), that is one of its names: add it and the
    passage."""
    for p in proposals:
        forms = set(p.acronyms)
        if rules.head_first:
            forms |= _tails(p.label, rules)
        for form in sorted(forms, key=len, reverse=True):
            pattern = re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])")
            for source, start, end, line in units:
                for m in pattern.finditer(text, start, end):
                    at, stop = m.start(), m.end()
                    # inside a passage already held, or the acronym's own definition "(BMA)"
                    if any(e.source == source and e.start <= at <= e.end + 2 for e in p.evidence):
                        continue
                    if form not in p.acronyms and _capitalised_before(text, at, start):
                        continue  # inside a longer name
                    if form not in p.acronyms:
                        p.acronyms.add(form)
                    p.evidence.append(
                        Evidence(source, at, stop, form, line + text.count("\n", start, at))
                    )


def _tails(label: str, rules: NameRules) -> set[str]:
    """The tails of a head-first name that may be used alone: two words or more, starting
    with a capitalised word right after another capitalised word, with no head word.

    >>> sorted(_tails("Unidad Administrativa Especial Migración Colombia", name_rules("es")))
    ['Especial Migración Colombia', 'Migración Colombia']
    >>> _tails("Ministerio de Salud y Protección Social", name_rules("es"))
    set()
    """
    words = label.split()
    out = set()
    for i in range(2, len(words) - 1):
        tail = words[i:]
        if not (words[i - 1][:1].isupper() and words[i][:1].isupper()):
            continue
        if any(rules.head_kind(w) for w in tail) or words[i - 1] in rules.connectors:
            continue
        out.add(" ".join(tail))
    return out


_LAST_WORD = re.compile(r"([^\W\d_][\w'’.-]*)\s*$")


def _capitalised_before(text: str, at: int, floor: int) -> bool:
    """Is the word right before offset ``at`` (after ``floor``) capitalised, so that a tail
    found there is part of a longer name?

    >>> t = "la Unidad Especial Migración Colombia y Migración Colombia"
    >>> _capitalised_before(t, 19, 0), _capitalised_before(t, 40, 0)
    (True, False)
    """
    m = _LAST_WORD.search(text, floor, at)
    return m is not None and m.end() == at and m.group(1)[:1].isupper()


def _after_known(name: FoundName, hits: Sequence[Hit], segment: str, rules: NameRules) -> FoundName:
    """``name`` without the known names (matcher ``hits``) it starts with and the connectors
    after them: in "works with IOM and with the Ghana Immigration Service", the run of
    capitals holds IOM, known, and the name proposed is "Ghana Immigration Service".

    >>> from mgi_graph.curate.matcher import Hit
    >>> text = "IOM and with the Ghana Immigration Service"
    >>> name = FoundName(0, len(text), text, "Agency", head_start=text.index("Service"))
    >>> hit = Hit(0, 3, ("iom",), ("org/iom",))
    >>> _after_known(name, [hit], text, name_rules("en")).text
    'Ghana Immigration Service'
    """
    known = [h.end for h in hits if name.start <= h.start and h.end <= name.head_start]
    if not known:
        return name
    start = max(known)
    for t in tokens(segment[start : name.end], rules):
        if t.text not in rules.connectors and t.text not in rules.openers:
            start += t.start
            break
    return replace(name, start=start, text=segment[start : name.end])


def _jurisdiction(name: str, matcher: Matcher, country: str | None, rules: NameRules) -> str | None:
    """Whose body a name is: the country it designates, else international if it starts
    as international bodies do, else the document's country."""
    designated = sorted(matcher._designated(tuple(t for t in name_key(name))))
    if len(designated) == 1:
        return designated[0]
    if name.startswith(rules.international):
        return None
    return country


__all__ = [
    "Evidence",
    "Proposal",
    "Weights",
    "confidence",
    "confidence_weights",
    "propose",
    "slug",
]
