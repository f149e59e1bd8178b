"""Find registry names in text: one pass over the words, one trie of all names.

Text and names are normalised alike, into words (see :mod:`mgi_graph.curate.name_words`).

The matcher walks the text once. At each word it follows the trie as far as the words allow
and keeps the longest name that ends on a word boundary, then continues after it
(leftmost-longest), so "Ministry of Emergency Situations of the Kyrgyz Republic" wins over
"Ministry of Emergency Situations". Time grows with the length of the text and of the longest
name, not with the number of names.

>>> m = Matcher([
...     Name("Ministry of Emergency Situations", "kg-mes", "KG"),
...     Name("Ministry of Emergency Situations of the Kyrgyz Republic", "kg-mes", "KG"),
...     Name("Ministry of Labour", "kz-labour", "KZ"),
...     Name("Ministry of Labour", "kg-labour", "KG"),
... ], countries={"KZ": ["kazakhstan", "kazakh"], "KG": ["kyrgyz republic", "kyrgyz"]})
>>> text = ("The Kazakh Ministry of Labor works with the Ministry of Emergency Situations"
...         " of the Kyrgyz Republic.")
>>> for h in m.find(text, country="KZ"):
...     print(text[h.start:h.end], h.keys)
Ministry of Labor ('kz-labour',)
Ministry of Emergency Situations of the Kyrgyz Republic ('kg-mes',)
>>> [h.keys for h in m.find("the Kyrgyz Ministry of Labour", country="KZ")]
[('kg-labour',)]

A body of one country is never borrowed for a document of another, and a longer name is not
the shorter one it starts with:

>>> m.find("The Ministry of Labour and the Ministry of Emergency Situations", country="MD")
[]
>>> m.find("the Ministry of Labour and Social Protection", country="KZ")
[]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from mgi_graph.core.errors import InputError
from mgi_graph.curate.name_words import Rules, Token, load_rules, tokens, variants


@dataclass(frozen=True)
class Name:
    """One name of one registry entry: the entry's key and its jurisdiction (None: international).

    ``joint`` marks a name that denotes several entries at once ("the Almaty and the Budapest
    Processes"); every entry carrying the same joint name is linked. ``source`` scopes a name
    to one document (its catalogue key): an abbreviation the sources never expand, which may
    denote different bodies in different documents ("EEC"), matches only there.
    """

    label: str
    key: str
    jurisdiction: str | None
    joint: bool = False
    source: str | None = None


@dataclass(frozen=True)
class Hit:
    """A name found in a text: the span, the name as matched and the entries it refers to."""

    start: int
    end: int
    name: tuple[str, ...]
    keys: tuple[str, ...]


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    names: list[Name] = field(default_factory=list)


class AmbiguousName(InputError):
    """A name that refers to more than one entry and that the context does not resolve."""


class Matcher:
    """All registry names in one trie of words, with country-aware resolution.

    ``countries`` maps a jurisdiction key to the names and adjectives that designate it
    ("kazakhstan", "kazakh", "rk"); they decide which country's body a generic name means.
    """

    def __init__(
        self,
        names: Iterable[Name],
        countries: Mapping[str, Sequence[str]] | None = None,
        rules: Rules | None = None,
    ) -> None:
        self.rules = rules or load_rules()
        self.root = _Node()
        self.depth = 0
        # Country designations: each word sequence with the countries it designates, in
        # registry order, and the sequence lengths, longest first.
        self.designations: dict[tuple[str, ...], list[str]] = {}
        for key, labels in (countries or {}).items():
            for label in labels:
                words = tuple(t.norm for t in tokens(label, self.rules))
                if words:
                    keys = self.designations.setdefault(words, [])
                    if key not in keys:
                        keys.append(key)
        self.lengths = sorted({len(d) for d in self.designations}, reverse=True)
        for name in names:
            self.add(name)

    def add(self, name: Name) -> None:
        """Add ``name`` (a proposal made while a batch of documents is added, say), as if it
        had been given at the start."""
        for words in variants(name.label, self.rules):
            node = self.root
            for w in words:
                node = node.children.setdefault(w, _Node())
            if name not in node.names:
                node.names.append(name)
            self.depth = max(self.depth, len(words))

    def _designated(self, words: tuple[str, ...]) -> set[str]:
        """The countries a word sequence designates by one of their names."""
        found: set[str] = set()
        for n in self.lengths:
            for i in range(len(words) - n + 1):
                found.update(self.designations.get(words[i : i + n], ()))
        return found

    def _designation(self, toks: list[Token], start: int, stop: int) -> str | None:
        """The country the words ``start``..``stop`` designate (the first in registry order)."""
        if start < 0 or stop > len(toks):
            return None
        keys = self.designations.get(tuple(t.norm for t in toks[start:stop]))
        return keys[0] if keys else None

    def _explicit(self, toks: list[Token], i: int, j: int) -> str | None:
        """The country named right next to the name at words i..j: an adjective or country
        name just before it ("Kazakh Ministry of …") or "of <country>" just after it.
        Longer designations win ("Kyrgyz Republic" over "Kyrgyz")."""
        for n in self.lengths:
            if (key := self._designation(toks, i - n, i)) is not None:
                return key
        if j < len(toks) and toks[j].norm == "of":
            for n in self.lengths:
                if (key := self._designation(toks, j + 1, j + 1 + n)) is not None:
                    return key
        return None

    def _resolve(
        self,
        names: list[Name],
        words: tuple[str, ...],
        explicit: str | None,
        document: str | None,
        where: str,
        unit: Callable[[], frozenset[str]] = frozenset,
    ) -> tuple[str, ...]:
        """Which entries a matched name refers to.

        A joint name refers to all its entries. Otherwise the entry whose country is named in
        or next to the name wins, then the entry of the document's country, then an
        international one. An entry of another country is never borrowed: in a document
        of country X, a name that only an entry of country Y carries refers to nothing
        unless Y is named in or right next to it or, for a distinctive name, somewhere in
        the text unit (``unit()``: the countries it names, worked out only when asked); a
        generic name (made only of the words of ``Rules.generic`` and country names:
        "Ministry of Internal Affairs", "National Migration Policy") needs Y in or next to
        the name. The name is then left to be proposed as X's own. Two equally good
        candidates are an error, never a guess (a document without a country has no
        country to prefer).
        """
        joint = sorted({n.key for n in names if n.joint})
        if joint:
            return tuple(joint)
        juris = {n.key: n.jurisdiction for n in names}
        named = self._designated(words) | ({explicit} if explicit else set())
        if len(juris) == 1:
            ((key, j),) = juris.items()
            if j is not None and j not in named:
                if explicit is not None:
                    return ()
                # Another country's entry: a generic name never; a distinctive one only
                # where the text unit names that country.
                if (
                    document is not None
                    and j != document
                    and (self._generic(words) or j not in unit())
                ):
                    return ()
            return (key,)
        for level in (
            {k for k, j in juris.items() if j in named},
            {k for k, j in juris.items() if j is not None and j == document},
            {k for k, j in juris.items() if j is None},
        ):
            if len(level) == 1:
                return tuple(level)
            if len(level) > 1:
                break
        else:
            if document is not None:
                # Bodies of other countries only, none of them named: not this document's.
                return ()
        raise AmbiguousName(
            f"{where}: the name {' '.join(words)!r} may refer to {', '.join(sorted(juris))}; "
            "the context does not tell which (add a country-qualified name to the registry)"
        )

    def _generic(self, words: tuple[str, ...]) -> bool:
        """Is a name made only of generic words and country designations?"""
        generic = self.rules.generic
        i = 0
        while i < len(words):
            for n in self.lengths:
                if words[i : i + n] in self.designations:
                    i += n
                    break
            else:
                if words[i] not in generic:
                    return False
                i += 1
        return True

    def _longer_name(
        self, toks: list[Token], end: int, names: list[Name], keys: tuple[str, ...]
    ) -> bool:
        """Does the name of a national body that ends at word ``end`` go on, as a longer
        name, with "and" and a capitalised word that starts no other name nor a country
        ("Ministry of Foreign Affairs and European Integration" is not the "Ministry of
        Foreign Affairs")?"""
        if end + 1 >= len(toks) or toks[end].norm != "and":
            return False
        if any(n.jurisdiction is None for n in names if n.key in keys):
            return False
        nxt = toks[end + 1]
        if not nxt.raw[:1].isupper() or nxt.norm in self.root.children:
            return False
        if ("=" + nxt.raw) in self.root.children:
            return False
        return not any(d[0] == nxt.norm for d in self.designations)

    def find(
        self,
        text: str,
        country: str | None = None,
        where: str = "text",
        source: str | None = None,
    ) -> list[Hit]:
        """Every registry name in ``text``, leftmost-longest, resolved for ``country``; names
        scoped to a document match only in ``source``, the key of the document read."""
        toks = tokens(text, self.rules)

        @cache
        def unit() -> frozenset[str]:
            return frozenset(self._designated(tuple(t.norm for t in toks)))

        hits: list[Hit] = []
        i = 0
        while i < len(toks):
            node, best = self.root, None
            j = i
            while j < len(toks) and j - i < self.depth:
                t = toks[j]
                nxt = node.children.get(t.norm)
                one = node.children.get("=" + t.raw) if j == i else None
                if one is not None and best is None and (here := _in(one.names, source)):
                    best = (j + 1, here)
                if nxt is None:
                    break
                node = nxt
                j += 1
                if here := _in(node.names, source):
                    best = (j, here)
            if best is None:
                i += 1
                continue
            end, names = best
            words = tuple(t.norm for t in toks[i:end])
            keys = self._resolve(
                names,
                words,
                self._explicit(toks, i, end),
                country,
                f"{where}, offset {toks[i].start}",
                unit,
            )
            if keys and self._longer_name(toks, end, names, keys):
                keys = ()
            if keys:
                start, stop = toks[i].start, _close(text, toks[i].start, toks[end - 1].end)
                hits.append(Hit(start, stop, words, keys))
                i = end
            else:
                i += 1
        return hits


def _in(names: list[Name], source: str | None) -> list[Name]:
    """The ``names`` that may match in document ``source`` (unscoped, or scoped to it)."""
    return [n for n in names if n.source is None or n.source == source]


_CLOSERS = {")": "(", "”": "“", "»": "«", "’": "‘", '"': '"'}


def _close(text: str, start: int, end: int) -> int:
    """Extend a match over a closing bracket or quotation mark opened inside it.

    >>> t = 'Resolution No. 227 (2022). Law “On X”.'
    >>> t[:_close(t, 0, 24)], t[27:_close(t, 27, 36)]
    ('Resolution No. 227 (2022)', 'Law “On X”')
    """
    if end < len(text) and text[end] in _CLOSERS:
        opener = _CLOSERS[text[end]]
        inside = text[start:end]
        if (inside.count(opener) % 2 == 1) if opener == text[end] else opener in inside:
            return end + 1
    return end


__all__ = ["AmbiguousName", "Hit", "Matcher", "Name"]
