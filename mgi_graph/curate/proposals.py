"""Bodies, laws and instruments named in an added document that no registry entry of the
right jurisdiction covers, proposed as new registry entries for review.

A **name** is a run of capitalised words, with connectors ("of", "for", "and" …) between
them, that holds a head word of ``data/proposals.toml`` ("Ministry", "Agency", "Law" …); its
last head word gives its class. A name is split where "of the" (or "within the", "under
the" …) leads to another name, which is then its parent: "the Bureau for Migration and
Asylum within the Ministry of Internal Affairs" proposes the Bureau as a sub-organization of
the Ministry. An acronym in brackets right after a name is one of its names.

A name is **proposed** when no registry entry the matcher resolves for the document covers
its head word: entries of another country are never borrowed (see
:meth:`mgi_graph.curate.matcher.Matcher._resolve`). The proposal belongs to the document's country,
or to the country the name itself designates, or is international where it starts as
international bodies do ("International …", "United Nations …"). Each carries every passage
it was found in (source, offsets, exact text).

>>> rules = load_proposal_rules()
>>> text = ("The Bureau for Migration and Asylum (BMA) within the Ministry of Internal Affairs "
...         "applies the Law on Asylum.")
>>> for n in find_names(text, rules):
...     print(n.text, n.cls, n.acronym, n.parent)
Bureau for Migration and Asylum Agency BMA 1
Ministry of Internal Affairs Ministry None None
Law on Asylum Law None None
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from mgi_graph.core import iris
from mgi_graph.core.paths import home
from mgi_graph.core.tomlfile import read_toml
from mgi_graph.curate.matcher import Hit, Matcher
from mgi_graph.curate.name_words import name_key
from mgi_graph.ingest.layout import plain_words

_WORD = re.compile(r"[^\W_][\w'’.-]*")
_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z]{1,9})\)")


@dataclass(frozen=True)
class ProposalRules:
    """The rules of ``data/proposals.toml``."""

    connectors: frozenset[str]
    openers: frozenset[str]
    parent: tuple[tuple[str, ...], ...]
    heads: dict[str, str]
    folders: dict[str, str]
    #: "Metropolitan Assembly": a head word with the word before it, and its kind.
    qualified_heads: dict[tuple[str, str], str] = field(default_factory=dict)
    #: The kinds a head word alone names ("Parliament"); None: every kind.
    single_word_kinds: frozenset[str] | None = None
    international: tuple[str, ...] = ("International", "United Nations", "UN", "World", "Global")


def load_proposal_rules(path: Path | None = None) -> ProposalRules:
    """Read the rules (once per process and file)."""
    return _load(path or home().proposals_file)


@cache
def _load(path: Path) -> ProposalRules:
    data = read_toml(path, "proposal rules")
    return ProposalRules(
        connectors=frozenset(data["connectors"]),
        openers=frozenset(data["openers"]),
        parent=tuple(tuple(p.split()) for p in data["parent"]),
        heads=dict(data["heads"]),
        folders=dict(data["folders"]),
        qualified_heads=_qualified(data.get("qualified_heads", {})),
        single_word_kinds=(
            frozenset(data["single_word_kinds"]) if "single_word_kinds" in data else None
        ),
    )


def _qualified(table: dict[str, str]) -> dict[tuple[str, str], str]:
    """The qualified head words of the rules file, as (word before, head word) pairs."""
    out: dict[tuple[str, str], str] = {}
    for words, cls in table.items():
        before, head = words.split()
        out[(before, head)] = cls
    return out


@dataclass(frozen=True)
class FoundName:
    """A name found in a text: offsets into the text, its class, an acronym given for it,
    and the index (in the same list) of the name it belongs to, if the text says so."""

    start: int
    end: int
    text: str
    cls: str
    acronym: str | None = None
    parent: int | None = None
    head_start: int = 0


def find_names(text: str, rules: ProposalRules) -> list[FoundName]:
    """Every name in ``text`` (see the module), in order."""
    words = [(m.start(), m.end(), m.group().rstrip(".’'")) for m in _WORD.finditer(text)]
    runs: list[list[int]] = []
    run: list[int] = []
    for i, (s, _, w) in enumerate(words):
        gap = text[words[i - 1][1] : s] if i else ""
        ended = bool(run) and words[i - 1][2] != text[words[i - 1][0] : words[i - 1][1]]
        listed = gap.strip() == "," and _listed_in_name(run, i, words, rules)
        breaks = bool(run) and (ended or (gap.strip() not in ("", "-") and not listed))
        if breaks:
            runs.append(run)
            run = []
        if w[:1].isupper() or (w[:1].isdigit() and run) or (w in rules.connectors and run):
            run.append(i)
        else:
            if run:
                runs.append(run)
            run = []
    if run:
        runs.append(run)
    found: list[FoundName] = []
    for r in runs:
        for piece, parent_gap in _split(r, words, rules):
            name = _name(piece, words, text, rules)
            if name is None:
                continue
            if parent_gap and found and found[-1].end <= name.start:
                prev = found[-1]
                found[-1] = FoundName(
                    prev.start,
                    prev.end,
                    prev.text,
                    prev.cls,
                    prev.acronym,
                    len(found),
                    prev.head_start,
                )
            found.append(name)
    # A parent named after "within the" / "under the", which end a run of capitals.
    for i, name in enumerate(found[:-1]):
        if name.parent is None:
            between = text[name.end : found[i + 1].start]
            between = _ACRONYM.sub("", between, count=1)
            if tuple(between.split()) in rules.parent:
                found[i] = FoundName(
                    name.start,
                    name.end,
                    name.text,
                    name.cls,
                    name.acronym,
                    i + 1,
                    name.head_start,
                )
    return found


def _listed_in_name(
    run: list[int], i: int, words: list[tuple[int, int, str]], rules: ProposalRules
) -> bool:
    """Does the comma before word ``i`` list the portfolios of one name ("Ministry of
    Health, Labour and Social Protection"): the run so far holds a head word, and from word
    ``i`` capitalised words that are no head words lead to "and"?"""
    if not any(words[j][2] in rules.heads for j in run):
        return False
    for _, _, w in words[i:]:
        if w == "and":
            return True
        if not w[:1].isupper() or w in rules.heads:
            return False
    return False


def _split(
    run: list[int], words: list[tuple[int, int, str]], rules: ProposalRules
) -> Iterable[tuple[list[int], bool]]:
    """A run cut where "of the" (the second a parent of the first) or "and [the]" leads
    from one headed name to another headed name; with whether the cut names a parent."""
    start, k = 0, 0
    while k < len(run) - 1:
        a, b = words[run[k]][2], words[run[k + 1]][2]
        cut = 2 if (a, b) in (("of", "the"), ("and", "the")) else 1 if a == "and" else 0
        if cut and k > start:
            left = [words[j][2] for j in run[start:k]]
            right = [words[j][2] for j in run[k + cut :]]
            if any(w in rules.heads for w in left) and _headed_name_start(right, rules):
                yield run[start:k], a == "of"
                start = k = k + cut
                continue
        k += 1
    yield run[start:], False


def _headed_name_start(words: list[str], rules: ProposalRules) -> bool:
    """Do ``words`` start a name headed within its first three words ("State Migration
    Service", "National Agency")?"""
    return any(w in rules.heads for w in words[:3]) and words[0][:1].isupper()


def _name(
    piece: list[int], words: list[tuple[int, int, str]], text: str, rules: ProposalRules
) -> FoundName | None:
    """The name in one piece of a run: openers and trailing connectors trimmed; None if no
    head word is left, or if a head word alone is left that names no body alone.

    >>> [n.text for n in find_names("Policy coherence is weak; the Parliament may act.",
    ...                              load_proposal_rules())]
    ['Parliament']
    """
    while piece and (words[piece[0]][2] in rules.openers or words[piece[0]][2] in rules.connectors):
        piece = piece[1:]
    while piece and words[piece[-1]][2] in rules.connectors:
        piece = piece[:-1]
    heads = [j for j in piece if words[j][2] in rules.heads]
    if not heads:
        return None
    last = heads[-1]
    cls = rules.heads[words[last][2]]
    if last > piece[0]:
        cls = rules.qualified_heads.get((words[last - 1][2], words[last][2]), cls)
    elif (
        len(piece) == 1
        and rules.single_word_kinds is not None
        and cls not in rules.single_word_kinds
    ):
        return None  # a common noun ("Policy coherence …"), not a name
    start, end = words[piece[0]][0], words[piece[-1]][1]
    while end > start and text[end - 1] in ".’'":
        end -= 1
    m = _ACRONYM.match(text, end)
    return FoundName(
        start, end, text[start:end], cls, m.group(1) if m else None, None, words[heads[0]][0]
    )


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
    """A proposed registry entry."""

    iri: str
    cls: str
    label: str
    jurisdiction: str | None  # an alpha-2 code; None: international
    acronyms: set[str] = field(default_factory=set)
    parent: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    status: str = "proposed"
    merged_into: str | None = None


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
    rules: ProposalRules | None = None,
) -> list[Proposal]:
    """Proposals for the names in ``units`` (source IRI, start, end, line) of ``text`` that
    ``matcher`` does not resolve for ``country``. ``taken`` holds the IRIs already in use
    (registry and earlier proposals), and the new ones are added to it.

    >>> from mgi_graph.curate.matcher import Name
    >>> m = Matcher([Name("Ministry of Internal Affairs", "org/kz-mia", "KZ")],
    ...             {"KZ": ["Kazakhstan", "Kazakh"], "MD": ["Moldova"]})
    >>> t = "The Ministry of Internal Affairs and the Kazakh Ministry of Internal Affairs."
    >>> found = propose([("src", 0, len(t), 1)], t, m, "MD", set())
    >>> [(p.iri, p.label, p.jurisdiction) for p in found]
    [('org/md-ministry-of-internal-affairs', 'Ministry of Internal Affairs', 'MD')]
    """
    rules = rules or load_proposal_rules()
    by_key: dict[tuple[tuple[str, ...], str | None], Proposal] = {}
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
                p = by_key[pkey] = Proposal(iri, name.cls, label, juris)
                out.append(p)
            if name.acronym:
                p.acronyms.add(name.acronym)
            at = start + name.start
            p.evidence.append(
                Evidence(
                    source,
                    at,
                    start + name.end,
                    name.text,
                    line + segment.count("\n", 0, name.start),
                )
            )
            made.append(p)
        for name, p in zip(names, made, strict=True):
            if p is None or name.parent is None or p.parent is not None:
                continue
            parent = made[name.parent]
            if parent is not None:
                p.parent = parent.iri
            else:
                target = names[name.parent]
                hit = next(h for h in hits if h.start <= target.head_start < h.end)
                p.parent = hit.keys[0]
    return out


def _after_known(
    name: FoundName, hits: Sequence[Hit], segment: str, rules: ProposalRules
) -> FoundName:
    """``name`` without the known names (matcher ``hits``) it starts with and the connectors
    after them: in "works with IOM and with the Ghana Immigration Service", the run of
    capitals holds IOM, known, and the name proposed is "Ghana Immigration Service".

    >>> from mgi_graph.curate.matcher import Hit
    >>> text = "IOM and with the Ghana Immigration Service"
    >>> name = FoundName(0, len(text), text, "Agency", head_start=text.index("Service"))
    >>> hit = Hit(0, 3, ("iom",), ("org/iom",))
    >>> _after_known(name, [hit], text, load_proposal_rules()).text
    'Ghana Immigration Service'
    """
    known = [h.end for h in hits if name.start <= h.start and h.end <= name.head_start]
    if not known:
        return name
    start = max(known)
    for m in _WORD.finditer(segment, start, name.end):
        word = m.group()
        if word not in rules.connectors and word not in rules.openers:
            start = m.start()
            break
    return replace(name, start=start, text=segment[start : name.end])


def _jurisdiction(
    name: str, matcher: Matcher, country: str | None, rules: ProposalRules
) -> str | None:
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
    "FoundName",
    "Proposal",
    "find_names",
    "load_proposal_rules",
    "propose",
    "slug",
]
