"""The rules by which names are found in one language: the ``[names]`` table of its language
file (``data/languages/<code>.toml``), with the kinds and IRI folders of
``data/proposals.toml``, which do not differ by language.

>>> en = name_rules("en")
>>> en.head_kind("Sub-Council"), en.head_kind("Khural"), en.head_kind("Councillor")
('Council', 'Parliament', None)
>>> name_rules("fr").head_first, name_rules("fr").is_modifier("préfectorale")
(True, True)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from mgi_graph.core.paths import home
from mgi_graph.core.tomlfile import read_toml
from mgi_graph.ingest.languages import Language, read_languages


@dataclass(frozen=True, eq=False)
class NameRules:
    """How names are made in one language (see ``data/languages/en.toml`` for each key)."""

    lang: str
    #: The word that says what a name is comes first ("Ministerio de …"), or last.
    head_first: bool
    heads: dict[str, str]
    connectors: frozenset[str]
    coordinators: frozenset[str]
    articles: frozenset[str]
    elisions: frozenset[str]
    openers: frozenset[str]
    parent: tuple[tuple[str, ...], ...]
    former: tuple[tuple[str, ...], ...]
    number_signs: tuple[str, ...]
    year_words: frozenset[str]
    modifier_suffixes: tuple[str, ...]
    #: Connectors after which a lower-case noun is still inside a name ("de l'emploi").
    complement_connectors: frozenset[str]
    international: tuple[str, ...]
    #: The month names, folded, to their numbers (for a law's date).
    months: dict[str, int]
    folders: dict[str, str]
    #: "Metropolitan Assembly", "Conseil municipal": two words, as written, and their kind.
    qualified_heads: dict[tuple[str, str], str] = field(default_factory=dict)
    #: The kinds a head word alone names ("Parliament"); None: every kind.
    single_word_kinds: frozenset[str] | None = None
    #: The kinds whose names may carry a number ("Law No. 200").
    numbered_kinds: frozenset[str] = frozenset()
    #: The kind of a name with no head word that its text defines an acronym for.
    unheaded_kind: str | None = None

    def head_kind(self, word: str) -> str | None:
        """The kind a head word names; a hyphenated word is headed by its last part
        ("Sub-Council" is a Council)."""
        kind = self.heads.get(word)
        if kind is None and "-" in word:
            last = word.rsplit("-", 1)[1]
            kind = self.heads.get(last) or self.heads.get(last.capitalize())
        return kind

    def is_modifier(self, word: str) -> bool:
        """Is a lower-case word one that may qualify a head inside a name ("générale")?"""
        return bool(self.modifier_suffixes) and word.endswith(self.modifier_suffixes)


def name_rules(lang: str) -> NameRules:
    """The rules of language ``lang`` in the corpus in use; English for a language that
    has no file."""
    h = home()
    return _rules(tuple(h.language_files()), h.proposals_file, lang)


@cache
def _rules(files: tuple[Path, ...], proposals_file: Path, lang: str) -> NameRules:
    langs = read_languages(files)
    language = langs.get(lang) or langs["en"]
    common = read_toml(proposals_file, "proposal rules")
    return _from(language, common)


def _words(phrases: list[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted((tuple(p.split()) for p in phrases), key=len, reverse=True))


def _from(language: Language, common: dict[str, Any]) -> NameRules:
    n = language.names
    qualified = {}
    for words, cls in n.get("qualified_heads", {}).items():
        first, second = words.split()
        qualified[(first, second)] = cls
    return NameRules(
        lang=language.code,
        head_first=n["order"] == "head-first",
        heads=dict(n["heads"]),
        connectors=frozenset(n["connectors"]),
        coordinators=frozenset(n.get("coordinators", [])),
        articles=frozenset(n.get("articles", [])),
        elisions=frozenset(n.get("elisions", [])),
        openers=frozenset(n["openers"]),
        parent=_words(n.get("parent", [])),
        former=_words(n.get("former", [])),
        number_signs=tuple(sorted(n.get("number_signs", []), key=len, reverse=True)),
        year_words=frozenset(n.get("year_words", [])),
        modifier_suffixes=tuple(n.get("modifier_suffixes", [])),
        complement_connectors=frozenset(n.get("complement_connectors", [])),
        international=tuple(n.get("international", [])),
        months={m.casefold(): n for n, m in enumerate(language.profile["months"], start=1)},
        folders=dict(common["folders"]),
        qualified_heads=qualified,
        single_word_kinds=(
            frozenset(common["single_word_kinds"]) if "single_word_kinds" in common else None
        ),
        numbered_kinds=frozenset(common.get("numbered_kinds", [])),
        unheaded_kind=common.get("unheaded_kind"),
    )


__all__ = ["NameRules", "name_rules"]
