"""Curation aid: capitalised names in the sources that look like a body, law, plan or agreement
and match no registry entry.

A candidate is a capitalised head word (Ministry, Committee, Council, Agency, Law, Decree,
Resolution, Concept, Strategy, Programme, Plan, Agreement, Convention, Treaty, Process…)
that no registry name covers, reported with the capitalised phrase around it, the document
and the line. Phrases recorded in the registry as ``mgi:Exclusion`` are reported apart, with
their reason.

>>> from mgi_graph.curate.matcher import Matcher
>>> text = "The Ministry of Magic met the National Council. This Agreement was signed."
>>> [c.phrase for c in find_candidates(text, Matcher([]), [], "x.txt")]
['Ministry of Magic', 'National Council', 'Agreement']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from mgi_graph.core.namespaces import local_name
from mgi_graph.curate.matcher import Matcher
from mgi_graph.curate.name_words import name_key
from mgi_graph.curate.registry import Exclusion, Registry
from mgi_graph.ingest.sources import load_catalogue
from mgi_graph.ingest.sourcetext import SourceText

HEADS = (
    "Ministry|Ministries|Committee|Committees|Council|Councils|Agency|Agencies|Law|Laws|"
    "Decree|Decrees|Resolution|Resolutions|Concept|Concepts|Strategy|Strategies|Programme|"
    "Programmes|Program|Programs|Plan|Plans|Agreement|Agreements|Convention|Conventions|"
    "Treaty|Treaties|Process|Processes"
)
_HEAD = re.compile(rf"\b(?:{HEADS})\b")
_WORD = re.compile(r"[^\W_][\w'’.-]*")
_CONNECTORS = {"of", "on", "for", "and", "the", "in", "to", "with", "from"}


@dataclass(frozen=True)
class Candidate:
    """A name-like phrase that no registry entry covers."""

    file_name: str
    line: int
    column: int
    phrase: str
    excluded: Exclusion | None = None


def _phrase(line: str, start: int, end: int) -> str:
    """The capitalised phrase around the head word at ``line[start:end]``."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(line)]
    idx = next(i for i, (s, _, _) in enumerate(words) if s == start)

    def ok(w: str) -> bool:
        return w[:1].isupper() or w[:1].isdigit() or w in _CONNECTORS

    lo = idx
    while lo > 0 and ok(words[lo - 1][2]) and not _ends_clause(line, words[lo - 1][1]):
        lo -= 1
    hi = idx
    # After the head word only a preposition continues the name ("Treaty on the Union",
    # not "Agreement the EEC").
    if idx + 1 < len(words) and words[idx + 1][2] in _CONNECTORS - {"the", "and"}:
        while hi + 1 < len(words) and ok(words[hi + 1][2]) and not _ends_clause(line, words[hi][1]):
            hi += 1
    while lo < idx and (words[lo][2] in _CONNECTORS or words[lo][2] in ("The", "This", "A")):
        lo += 1
    while hi > idx and words[hi][2] in _CONNECTORS:
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
        for m in _HEAD.finditer(line):
            if any(s <= m.start() < e for s, e in covered):
                continue
            phrase = _phrase(line, m.start(), m.end())
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


__all__ = ["HEADS", "Candidate", "find_candidates", "source_candidates"]
