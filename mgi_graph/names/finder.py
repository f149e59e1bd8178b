"""Names of bodies, laws, instruments and agreements in a text, found as a careful reader
finds them, by the rules of the text's language (:mod:`mgi_graph.names.rules`).

A **name** is a run of capitalised words, with the language's connectors between them
("of", "de la", "du", "l'"), that holds a head word ("Ministry", "Ministerio", "Direction");
the head word gives its kind. In a head-last language (English) the last head word decides
("State Migration Service"); in a head-first one (Spanish, French, Portuguese) the first
("Ministerio de Relaciones Exteriores", "Direction préfectorale de l'emploi", where a
lower-case adjective or a noun after "de l'" stays inside the name). A hyphenated word is
headed by its last part ("Sub-Council"). A law's number and year are part of its name, and
kept as data: "Law No. 200 on the Regime of Foreigners (2010)", "Ley 1465 de 2011", "Loi n°
2005-06 du 10 mai 2005", "Programme … for 2021–2025"; a trailing "in 2016" is not.

A run is cut where a parent phrase ("of the", "within the", "del", "de la") or a
coordinator ("and the", "y la", "et le") leads to another headed name: "the Bureau for
Migration within the Ministry of Internal Affairs" is two names, the second the parent of
the first; "IAM and the Ministry of Education and Science" names the Ministry alone, and
"General Agency for Labour and Welfare Services" is one name. An acronym in brackets after a
name ("(DANE)") is one of its names; a name after "formerly" / "anteriormente" /
"anciennement" is an earlier name of the one before it.

>>> from mgi_graph.names.rules import name_rules
>>> text = ("The Bureau for Migration and Asylum (BMA) within the Ministry of Internal Affairs "
...         "applies Law No. 200 on the Regime of Foreigners (2010).")
>>> for n in find_names(text, name_rules("en")):
...     print(n.text, n.cls, n.acronym, n.parent, n.number, n.year)
Bureau for Migration and Asylum Agency BMA 1 None None
Ministry of Internal Affairs Ministry None None None None
Law No. 200 on the Regime of Foreigners (2010) Law None None 200 2010
>>> es = ("El Ministerio de Relaciones Exteriores y la Unidad Administrativa Especial "
...       "Migración Colombia aplican la Ley 1465 de 2011.")
>>> for n in find_names(es, name_rules("es")):
...     print(n.text, n.cls, n.number, n.year)
Ministerio de Relaciones Exteriores Ministry None None
Unidad Administrativa Especial Migración Colombia Agency None None
Ley 1465 de 2011 Law 1465 2011
>>> fr = "La Direction préfectorale de l'emploi a appliqué la Loi n° 2005-06 du 10 mai 2005."
>>> for n in find_names(fr, name_rules("fr")):
...     print(n.text, n.number, n.date)
Direction préfectorale de l'emploi None None
Loi n° 2005-06 du 10 mai 2005 2005-06 2005-05-10
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from mgi_graph.names.citations import citation
from mgi_graph.names.rules import NameRules
from mgi_graph.names.tokens import Tok, tokens

_ACRONYM = re.compile(r"\s*\(([^\W\d_][\w&.-]{1,11})\)")
_YEARS = re.compile(r"\s*\((\d{4})(?:\s*[-–—/]\s*(\d{4}))?\)")
_DASHES = ("-", "–", "—")


@dataclass(frozen=True)
class FoundName:
    """A name found in a text: offsets into the text, its kind, an acronym given for it,
    the index (in the same list) of the name it belongs to and of the name it is an
    earlier name of, and a law's number, year, date and period as the text gives them."""

    start: int
    end: int
    text: str
    cls: str
    acronym: str | None = None
    parent: int | None = None
    head_start: int = 0
    former_of: int | None = None
    number: str | None = None
    year: str | None = None
    date: str | None = None
    period: tuple[str, str] | None = None
    #: Lower-case words the name holds (French modifiers and complements), read by rule.
    lowercase: int = 0
    words: int = 0
    #: No head word: the name is known by the acronym its text defines for it.
    headless: bool = False


def find_names(text: str, rules: NameRules) -> list[FoundName]:
    """Every name in ``text`` (see the module), in order."""
    toks = tokens(text, rules)
    found: list[FoundName] = []
    for run in _runs(text, toks, rules):
        for piece, parent_cut in _split(run, toks, rules):
            name = _name(piece, toks, text, rules)
            if name is None:
                continue
            if parent_cut and found and found[-1].end <= name.start:
                found[-1] = replace(found[-1], parent=len(found))
            found.append(name)
    for i in range(len(found) - 1):
        between = _ACRONYM.sub("", text[found[i].end : found[i + 1].start], count=1)
        words = tuple(between.replace("(", " ").replace(",", " ").split())
        if found[i].parent is None and words in rules.parent:
            found[i] = replace(found[i], parent=i + 1)
        while words and words[-1] in rules.articles:
            words = words[:-1]
        if words and tuple(w.casefold() for w in words) in rules.former:
            found[i + 1] = replace(found[i + 1], former_of=i)
    return found


def _runs(text: str, toks: list[Tok], rules: NameRules) -> list[list[int]]:
    """Runs of token indices that may hold a name: capitalised words and what may stand
    between them in this language."""
    runs: list[list[int]] = []
    run: list[int] = []
    headed = False
    for i, t in enumerate(toks):
        prev = toks[i - 1] if i else None
        if run and prev is not None:
            gap = text[prev.end : t.start]
            dash = gap.strip() in _DASHES and prev.text[:1].isdigit() and t.text[:1].isdigit()
            listed = gap.strip() == "," and _listed_in_name(run, i, toks, rules)
            if (prev.ended and prev.kind != "elided") or (
                gap.strip() not in ("", "-") and not listed and not dash
            ):
                runs.append(run)
                run, headed = [], False
        if _joins(t, prev, toks[i - 2] if i > 1 else None, run, headed, rules):
            run.append(i)
            headed = headed or (t.capital and rules.head_kind(t.text) is not None)
        else:
            if run:
                runs.append(run)
            run, headed = [], False
    if run:
        runs.append(run)
    return runs


def _joins(
    t: Tok, prev: Tok | None, before: Tok | None, run: list[int], headed: bool, rules: NameRules
) -> bool:
    """May token ``t`` join the run so far (``prev`` and ``before`` are the two tokens
    before it)?"""
    if t.capital:
        return True
    if not run:
        return False
    if t.kind in ("number", "date") or t.digits:
        return True
    if t.kind == "elided":
        return t.text in rules.elisions
    if t.text in rules.connectors:
        return True
    if not headed or prev is None:
        return False
    if prev.kind != "elided" and rules.is_modifier(t.text) and prev.text not in rules.connectors:
        return True  # "Direction générale", "Protection civile", "formation professionnelle"
    # "des urgences et catastrophes": a coordinator inside a chain of lower-case words
    chain = (
        before is not None
        and before.kind == "word"
        and before.text[:1].islower()
        and before.text not in rules.connectors
    )
    licensing = prev.kind == "elided" or prev.text in rules.complement_connectors
    after_connector = licensing or (prev.text in rules.coordinators and chain)
    return after_connector and t.text[:1].islower()


def _listed_in_name(run: list[int], i: int, toks: list[Tok], rules: NameRules) -> bool:
    """Does the comma before token ``i`` list the portfolios of one name ("Ministry of
    Health, Labour and Social Protection")?"""
    if not any(toks[j].capital and rules.head_kind(toks[j].text) for j in run):
        return False
    for t in toks[i:]:
        if t.text in rules.coordinators:
            return True
        if not t.capital or rules.head_kind(t.text):
            return False
    return False


def _split(run: list[int], toks: list[Tok], rules: NameRules) -> list[tuple[list[int], bool]]:
    """A run cut where a parent phrase or a coordinator leads to another headed name; with
    whether each cut names a parent."""
    out: list[tuple[list[int], bool]] = []
    start, k = 0, 0
    words = [toks[j].text for j in run]
    while k < len(run) - 1:
        cut, parent = _cut_at(words, k, rules)
        if cut and k > start:
            left = words[start:k]
            if not parent or _complete(left, rules):
                out.append((run[start:k], parent))
                start = k = k + cut
                continue
        k += 1
    out.append((run[start:], False))
    return out


def _complete(words: list[str], rules: NameRules) -> bool:
    """Is ``words`` a whole name that another may be the parent of: headed and, in a
    head-first language, with a complement after its head ("Dirección de Migración" of
    the Ministerio, "Réseau des villes" of the Communauté; not "Direction régionale", which
    is of the Police's name)?"""
    heads = [i for i, w in enumerate(words) if w[:1].isupper() and rules.head_kind(w)]
    if not heads:
        return False
    if not rules.head_first:
        return True
    rest = words[heads[0] + 1 :]
    return any(
        w[:1].isupper() or (w in rules.connectors and i + 1 < len(rest)) for i, w in enumerate(rest)
    )


def _cut_at(words: list[str], k: int, rules: NameRules) -> tuple[int, bool]:
    """The length of a parent phrase or coordinator at word ``k`` that leads to a headed
    name (0 if none), and whether it names a parent."""
    for phrase in rules.parent:
        n = len(phrase)
        if tuple(words[k : k + n]) == phrase and _headed_start(words[k + n :], rules):
            return n, True
    if words[k] in rules.coordinators:
        # "y en el Proceso de Quito", "et au Dialogue …", "and the Ministry of …"
        skip = 1
        while skip < 3 and k + skip < len(words) and words[k + skip] in rules.connectors:
            skip += 1
        if skip > 1 and _headed_start(words[k + skip :], rules):
            return skip, False
        if skip == 1 and words[k + 1 : k + 2] and rules.head_kind(words[k + 1]):
            return 1, False  # "… and Ministry of Health"
    return 0, False


def _headed_start(words: list[str], rules: NameRules) -> bool:
    """Do ``words`` start a headed name (its head first in a head-first language, within
    its first three words in a head-last one)?"""
    if not words or not words[0][:1].isupper():
        return False
    window = words[:1] if rules.head_first else words[:3]
    return any(rules.head_kind(w) for w in window)


def _name(piece: list[int], toks: list[Tok], text: str, rules: NameRules) -> FoundName | None:
    """The name in one piece of a run: openers and trailing connectors trimmed, a trailing
    "in 2016" dropped; None if no head word is left, or a head word alone that names no
    body alone."""

    def weak(t: Tok) -> bool:
        return t.kind == "elided" or t.text in rules.connectors

    while piece and (toks[piece[0]].text in rules.openers or weak(toks[piece[0]])):
        piece = piece[1:]
    changed = True
    while piece and changed:
        changed = False
        while piece and weak(toks[piece[-1]]):
            piece, changed = piece[:-1], True
        # "… in 2016": digits after a connector that introduces no year of the name
        if len(piece) >= 2 and toks[piece[-1]].digits:
            before = toks[piece[-2]]
            if weak(before) and before.text not in rules.year_words:
                piece, changed = piece[:-2], True
    heads = [j for j in piece if toks[j].capital and rules.head_kind(toks[j].text)]
    if not heads:
        return _defined_by_acronym(piece, toks, text, rules)
    if rules.head_first and any(weak(toks[j]) for j in piece if j < heads[0]):
        piece = [j for j in piece if j >= heads[0]]  # "Réseau des villes de la Communauté …"
    head = heads[0] if rules.head_first else heads[-1]
    cls = rules.head_kind(toks[head].text) or ""
    if cls not in rules.numbered_kinds:
        # "Central Bank of Nigeria 4": a footnote marker, not a number of the name
        while len(piece) > 1 and toks[piece[-1]].digits and piece[-1] > head:
            piece = piece[:-1]
    pair = (toks[head].text, toks[head + 1].text) if head + 1 in piece else None
    if rules.head_first and pair in rules.qualified_heads:
        cls = rules.qualified_heads[pair]
    elif not rules.head_first and head - 1 in piece:
        cls = rules.qualified_heads.get((toks[head - 1].text, toks[head].text), cls)
    content = [j for j in piece if not weak(toks[j])]
    single = rules.single_word_kinds
    if len(content) == 1 and single is not None and cls not in single:
        return None  # a common noun ("Policy coherence …"), not a name
    start, end = toks[piece[0]].start, toks[piece[-1]].end
    number, year, date, period = citation(piece, toks, rules)
    m = _YEARS.match(text, end)
    if m and (year is None and period is None):
        end = m.end()
        year, period = (m.group(1), None) if not m.group(2) else (None, (m.group(1), m.group(2)))
    acronym = None
    a = _ACRONYM.match(text, end)
    if a and _is_acronym(a.group(1)):
        acronym = a.group(1)
    lowercase = sum(1 for j in content if toks[j].kind == "word" and toks[j].text[:1].islower())
    return FoundName(
        start,
        end,
        text[start:end],
        cls,
        acronym,
        head_start=toks[heads[0]].start,
        number=number,
        year=year,
        date=date,
        period=period,
        lowercase=lowercase,
        words=len(content),
    )


def _defined_by_acronym(
    piece: list[int], toks: list[Tok], text: str, rules: NameRules
) -> FoundName | None:
    """A name with no head word that its text defines an acronym for, the acronym's
    capitals the initials of its capitalised words ("Seguro Integral de Salud (SIS)"): a
    body of the kind ``unheaded_kind``, less certain than a headed one."""
    if rules.unheaded_kind is None:
        return None
    capitals = [toks[j] for j in piece if toks[j].capital]
    if len(capitals) < 2 or any(toks[j].kind != "word" for j in piece):
        return None
    start, end = toks[piece[0]].start, toks[piece[-1]].end
    a = _ACRONYM.match(text, end)
    if not a or not _is_acronym(a.group(1)):
        return None
    initials = "".join(t.text[0] for t in capitals).upper()
    if "".join(c for c in a.group(1) if c.isupper()) != initials:
        return None
    return FoundName(
        start,
        end,
        text[start:end],
        rules.unheaded_kind,
        a.group(1),
        head_start=start,
        words=sum(1 for j in piece if toks[j].text not in rules.connectors),
        headless=True,
    )


def _is_acronym(word: str) -> bool:
    """An acronym: at least two capitals, and more capitals than lower-case letters
    ("DANE", "MoLSP", "OIM"; not "Parliament")."""
    upper = sum(c.isupper() for c in word)
    return upper >= 2 and upper * 2 >= sum(c.isalpha() for c in word)


__all__ = ["FoundName", "find_names"]
