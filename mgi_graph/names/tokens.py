"""A text as the name finder reads it: words, numbers with their sign ("No. 200", "n° 2005-06"),
dates ("10 mai 2005", "July 22, 2011") and elided articles ("l'"), by the rules of its
language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from mgi_graph.names.rules import NameRules

_CLOSE = "’'"


@dataclass(frozen=True)
class Tok:
    """One token of a text: a word, a number with its sign ("No. 200"), a date ("10 mai
    2005") or an elided article ("l'"); ``ended``: a full stop or an apostrophe was cut
    off its end, so a name does not run on past it."""

    start: int
    end: int
    text: str
    kind: str
    ended: bool = False

    @property
    def capital(self) -> bool:
        return self.kind == "word" and self.text[:1].isupper()

    @property
    def digits(self) -> bool:
        return self.kind == "word" and self.text[:1].isdigit()


@cache
def _tokenizer(rules: NameRules) -> re.Pattern[str]:
    signs = "|".join(re.escape(s) for s in rules.number_signs) or r"(?!x)x"
    months = "|".join(sorted(map(re.escape, rules.months), key=len, reverse=True))
    return re.compile(
        rf"(?P<number>(?<![\w])(?:{signs})\s*\d[\w./-]*)"
        rf"|(?P<date>\b\d{{1,2}}(?:er|º|st|nd|rd|th)?\s+(?:de\s+)?(?i:{months})\s+(?:de\s+)?\d{{4}}\b"
        rf"|\b(?i:{months})\s+\d{{1,2}},\s+\d{{4}}\b)"
        r"|(?P<elided>(?<![\w])[lLdD]['’](?=[^\W\d_]))"
        r"|(?P<word>[^\W_][\w'’./-]*)"
    )


def tokens(text: str, rules: NameRules) -> list[Tok]:
    """The tokens of ``text`` (see :class:`Tok`).

    >>> from mgi_graph.names.rules import name_rules
    >>> text = "la Loi n° 98-12 du 1er août 1998, l'emploi"
    >>> [t.kind for t in tokens(text, name_rules("fr"))]
    ['word', 'word', 'number', 'word', 'date', 'elided', 'word']
    >>> [t.text for t in tokens(text, name_rules("fr"))][2:]
    ['n° 98-12', 'du', '1er août 1998', 'l', 'emploi']
    """
    out = []
    for m in _tokenizer(rules).finditer(text):
        kind = m.lastgroup or "word"
        raw = m.group()
        if kind == "elided":
            out.append(Tok(m.start(), m.end(), raw[0].lower(), kind))
            continue
        stripped = raw.rstrip("." + _CLOSE) if kind != "date" else raw
        out.append(Tok(m.start(), m.start() + len(stripped), stripped, kind, stripped != raw))
    return out


__all__ = ["Tok", "tokens"]
