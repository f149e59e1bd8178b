"""Names and texts as the matcher reads them: words normalised by ``data/matching.toml``.

Words are runs of letters and digits, so hyphens, dashes and quotation marks separate words;
a possessive ``'s`` is dropped; words are lower-cased, British spellings mapped to American
ones and plurals reduced; "the" is ignored. A name of one word keeps its capitalisation and
number, so "Government" names a body and "government structures" does not.

>>> name_key("the Ministries of Labour") == name_key("Ministry of Labor")
True
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import NamedTuple

from mgi_graph.core.paths import home
from mgi_graph.core.tomlfile import read_toml

_WORD = re.compile(r"[^\W_]+")
_APOSTROPHES = "'’‘`´"


@dataclass(frozen=True)
class Rules:
    """The normalisation rules of ``data/matching.toml``."""

    ignored: frozenset[str]
    not_plural: frozenset[str]
    spelling: Mapping[str, str]
    #: Words of which generic names of bodies are made (see
    #: :meth:`mgi_graph.curate.matcher.Matcher._resolve`).
    generic: frozenset[str] = frozenset()
    #: Words already normalised: a text repeats its words, and a build reads each text
    #: several times (tokens over the five sources: 35 → 24 ms with this and Token below).
    _known: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def word(self, raw: str) -> str:
        """The normal form of one word (lower case, American spelling, singular).

        >>> load_rules().word("Programmes")
        'program'
        """
        try:
            return self._known[raw]
        except KeyError:
            w = self._known[raw] = self._normalise(raw)
            return w

    def _normalise(self, raw: str) -> str:
        w = raw.casefold()
        w = self.spelling.get(w, w)
        if len(w) > 3 and w.endswith("s") and w not in self.not_plural and not w.endswith("ss"):
            if w.endswith("ies"):
                w = w[:-3] + "y"
            elif w.endswith(("sses", "xes", "ches", "shes")):
                w = w[:-2]
            else:
                w = w[:-1]
        return self.spelling.get(w, w)


def load_rules(path: Path | None = None) -> Rules:
    """Read the normalisation rules (once per process and file)."""
    return _load_rules(path or home().matching_file)


@cache
def _load_rules(path: Path) -> Rules:
    data = read_toml(path, "matching rules")
    return Rules(
        ignored=frozenset(data.get("ignored", [])),
        not_plural=frozenset(data.get("not_plural", [])),
        spelling=dict(data.get("spelling", {})),
        generic=frozenset(data.get("generic", [])),
    )


class Token(NamedTuple):
    """One word of a text: its normal form, its form as written and where it is (a named
    tuple: made for every word of every text, and a third cheaper to make than a frozen
    dataclass)."""

    norm: str
    raw: str
    start: int
    end: int


def tokens(text: str, rules: Rules | None = None) -> list[Token]:
    """The words of ``text`` with their offsets, normalised.

    >>> [t.norm for t in tokens("Kazakhstan’s Inter-Agency Committees (2018–2030)")]
    ['kazakhstan', 'inter', 'agency', 'committee', '2018', '2030']
    """
    rules = rules or load_rules()
    word, ignored = rules.word, rules.ignored
    out: list[Token] = []
    for m in _WORD.finditer(text):
        raw = m.group()
        s = m.start()
        # A possessive "'s" after a word is not a word.
        if raw in ("s", "S") and s >= 2 and text[s - 1] in _APOSTROPHES and text[s - 2].isalnum():
            continue
        norm = word(raw)
        if norm in ignored:
            continue
        out.append(Token(norm, raw, s, m.end()))
    return out


def name_key(name: str, rules: Rules | None = None) -> tuple[str, ...]:
    """The sequence of words a name is matched by.

    A one-word name is matched as written ("Government" ≠ "government" ≠ "Governments").

    >>> name_key("the Almaty and the Budapest Processes")
    ('almaty', 'and', 'budapest', 'process')
    >>> name_key("Government")
    ('=Government',)
    """
    words = tokens(name, rules)
    if len(words) == 1:
        return ("=" + words[0].raw,)
    return tuple(w.norm for w in words)


_HYPHENATED = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")


def variants(label: str, rules: Rules) -> set[tuple[str, ...]]:
    """The word sequences a name is matched by: as written, and with hyphenated words
    joined ("Co-operation" also as "Cooperation", "Inter-Agency" as "Interagency").

    >>> sorted(variants("Inter-Agency Committee", load_rules()))
    [('inter', 'agency', 'committee'), ('interagency', 'committee')]
    """
    out = {name_key(label, rules), name_key(_HYPHENATED.sub("", label), rules)}
    return {v for v in out if v}


__all__ = ["Rules", "Token", "load_rules", "name_key", "tokens", "variants"]
