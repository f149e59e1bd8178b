"""Curation aid: capitalised names in the sources that look like a body, law, plan or agreement
and match no registry entry.

A candidate is a capitalised head word (Ministry, Committee, Council, Agency, Law, Decree,
Resolution, Concept, Strategy, Programme, Plan, Agreement, Convention, Treaty, Process…: the
``[candidates]`` table of ``data/proposals.toml``) that no registry name covers, reported
with the capitalised phrase around it, the document and the line. Phrases recorded in the
registry as ``mgi:Exclusion`` are reported apart, with their reason.

>>> from mgi_graph.curate.matcher import Matcher
>>> text = "The Ministry of Magic met the National Council. This Agreement was signed."
>>> [c.phrase for c in find_candidates(text, Matcher([]), [], "x.txt")]
['Ministry of Magic', 'National Council', 'Agreement']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from mgi_graph.core.errors import InputError
from mgi_graph.core.namespaces import local_name
from mgi_graph.core.paths import home
from mgi_graph.core.tomlfile import read_toml
from mgi_graph.curate.matcher import Matcher
from mgi_graph.curate.name_words import name_key
from mgi_graph.curate.registry import Exclusion, Registry
from mgi_graph.ingest.sources import load_catalogue
from mgi_graph.ingest.sourcetext import SourceText

_WORD = re.compile(r"[^\W_][\w'’.-]*")


@dataclass(frozen=True)
class CandidateRules:
    """The ``[candidates]`` table of ``data/proposals.toml``: head words, the connectors
    that may stand inside a name, the words a name never starts with."""

    head: re.Pattern[str]
    connectors: frozenset[str]
    openers: frozenset[str]


def candidate_rules(path: Path | None = None) -> CandidateRules:
    """The rules of the corpus's proposals file (read once per process and file)."""
    return _rules(path or home().proposals_file)


@cache
def _rules(path: Path) -> CandidateRules:
    table = read_toml(path, "proposal rules").get("candidates")
    if not isinstance(table, dict) or not all(
        isinstance(table.get(k), list) for k in ("heads", "connectors", "openers")
    ):
        raise InputError(
            "a [candidates] table with the lists heads, connectors and openers is needed",
            path=path,
        )
    heads = "|".join(map(re.escape, table["heads"]))
    return CandidateRules(
        re.compile(rf"\b(?:{heads})\b"),
        frozenset(table["connectors"]),
        frozenset(table["openers"]),
    )


@dataclass(frozen=True)
class Candidate:
    """A name-like phrase that no registry entry covers."""

    file_name: str
    line: int
    column: int
    phrase: str
    excluded: Exclusion | None = None


def _phrase(line: str, start: int, end: int, rules: CandidateRules) -> str:
    """The capitalised phrase around the head word at ``line[start:end]``."""
    connectors = rules.connectors
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(line)]
    idx = next(i for i, (s, _, _) in enumerate(words) if s == start)

    def ok(w: str) -> bool:
        return w[:1].isupper() or w[:1].isdigit() or w in connectors

    lo = idx
    while lo > 0 and ok(words[lo - 1][2]) and not _ends_clause(line, words[lo - 1][1]):
        lo -= 1
    hi = idx
    # After the head word only a preposition continues the name ("Treaty on the Union",
    # not "Agreement the EEC").
    if idx + 1 < len(words) and words[idx + 1][2] in connectors - {"the", "and"}:
        while hi + 1 < len(words) and ok(words[hi + 1][2]) and not _ends_clause(line, words[hi][1]):
            hi += 1
    while lo < idx and (words[lo][2] in connectors or words[lo][2] in rules.openers):
        lo += 1
    while hi > idx and words[hi][2] in connectors:
        hi -= 1
    return line[words[lo][0] : words[hi][1]].rstrip(".")


def _ends_clause(line: str, pos: int) -> bool:
    return (pos < len(line) and line[pos] in ',;:()“”"«»') or line[pos - 1 : pos] == "."


def find_candidates(
    text: str,
    matcher: Matcher,
    exclusions: Sequence[Exclusion],
    file_name: str,
    country: str | None = None,
    first_line: int = 1,
    source: str | None = None,
) -> list[Candidate]:
    """Candidates in one text, line by line."""
    rules = candidate_rules()
    excluded = {name_key(x.name): x for x in exclusions}
    out: list[Candidate] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if number < first_line:
            continue
        covered = [
            (h.start, h.end)
            for h in matcher.find(
                line, country=country, where=f"{file_name}:{number}", source=source
            )
        ]
        for m in rules.head.finditer(line):
            if any(s <= m.start() < e for s, e in covered):
                continue
            phrase = _phrase(line, m.start(), m.end(), rules)
            out.append(
                Candidate(file_name, number, m.start() + 1, phrase, excluded.get(name_key(phrase)))
            )
    return out


def source_candidates(registry: Registry) -> list[Candidate]:
    """Candidates in every catalogued source."""
    matcher = registry.matcher()
    out: list[Candidate] = []
    for record in load_catalogue():
        text = SourceText.read(record.path)
        country = local_name(record.country) if record.country is not None else None
        out += find_candidates(
            text.text, matcher, registry.exclusions, record.file_name, country, source=record.key
        )
    return out


__all__ = ["Candidate", "CandidateRules", "candidate_rules", "find_candidates", "source_candidates"]
