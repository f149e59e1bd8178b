"""Read an MGI profile page into typed records: title, date, edition, place and findings.

The parser works on the structure of the page, not on one capture of it:

* a **list header** ("Migration Governance: examples of well-developed areas", "Areas with
  potential for further development", or their "well-governed", Spanish and French forms)
  opens a list; the bullets after it ("•", "-", "–", "*" …) are its findings;
* a **domain heading** is a line that names a domain (by any of its labels in
  ``ontology/domains.ttl``, any case, with or without a number, which is ignored: "Domain 3:
  Well-being of migrants" is domain 4). A heading belongs to the findings only when the next
  non-blank line is a list header; otherwise it heads a standard domain description;
* a page whose lists have **no headings at all** (the Spanish page of the Kazakhstan profile)
  is read by order: the n-th list of well-developed areas, and the list of areas with
  potential after it, belong to domain n. Each finding's provenance says so;
* a bullet holding **two findings run together** (a sentence end followed at once by a stray
  quotation mark and a capital letter, as in the 2023 Kyrgyzstan profile) is split in two;
  the stray mark belongs to neither, and both findings carry a parser note saying so;
* a line directly under a bullet, with no blank line between, continues that bullet.

Everything from the first list header on must be a finding, a header, a heading, a marker
("Key findings"), the date or the title. Anything else is an :class:`InputError` naming the
file and line: no line of a findings section is ever silently dropped.

>>> from mgi_graph.core.paths import SOURCES_DIR
>>> rec = parse_profile(SourceText.read(SOURCES_DIR / "mgi-profile-kazakhstan-2018-en.txt"))
>>> rec.title.value, rec.date.value
('Migration Governance Profile: Republic of Kazakhstan', '2018-05')
>>> rec.place, rec.edition, len(rec.findings)
('Republic of Kazakhstan', 'first', 36)
>>> f = rec.findings[0]
>>> f.domain, f.polarity, f.ordinal, f.line, f.text[:40]
(1, 'well-developed', 1, 59, 'Immigrants are guaranteed access to pres')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mgi_graph.core.errors import InputError
from mgi_graph.ingest.layout import POTENTIAL, WELL_DEVELOPED, Layout, load_layout
from mgi_graph.ingest.page_lines import (
    BLANK,
    BULLET,
    DATE,
    HEADING,
    LIST,
    OTHER,
    TITLE,
    Classified,
    classify,
    looks_like_heading,
    previous_nonblank,
)
from mgi_graph.ingest.page_metadata import read_date, read_title, search_value
from mgi_graph.ingest.records import (
    BY_HEADING,
    BY_ORDER,
    FindingRecord,
    ProfileRecord,
    Span,
)
from mgi_graph.ingest.sourcetext import Line, SourceText

#: A sentence end followed directly by a stray quotation mark and a capital letter: two
#: findings run together in one bullet.
RUN_TOGETHER = re.compile(r'(?<=[.!?])["“”](?=[A-Z])')
END_NOTE = (
    "The findings end at line {line}: every domain has both its lists, and the text from there "
    "on ({text!r}) is no finding, list or heading (page footer or navigation)."
)
#: What a list of each polarity is called in an error or note.
LIST_NAMES = {
    WELL_DEVELOPED: "list of well-developed areas",
    POTENTIAL: "list of areas with potential for further development",
}
PARTIAL_NOTE = (
    "The page was read as partial (its catalogue record says mgi:partialPage true): {missing}."
)
SPLIT_NOTE = (
    "Two findings were run together in one bullet (line {line}): a sentence end followed "
    "directly by a stray quotation mark. The bullet was split there into two findings; the "
    "stray mark belongs to neither."
)


@dataclass
class _List:
    header: Classified
    polarity: str
    domain: int | None
    assignment: str
    note: str | None = None
    bullets: list[tuple[int, int, int]] = field(default_factory=list)  # (start, end, line)


def parse_profile(
    source: SourceText, layout: Layout | None = None, *, partial: bool = False
) -> ProfileRecord:
    """Parse one profile page; raise :class:`InputError` on anything it cannot place.

    A page is read whole: each of the six domains has its two lists, or the page is refused,
    unless ``partial`` (a page known to be cut short): then what it lacks is a parser note.
    """
    lay = layout or load_layout()
    rows = [classify(ln, lay) for ln in source.lines]
    lists = _find_lists(source, rows, lay)
    missing = _missing(source, lists, partial, lay.domains)
    end_line = _fill_lists(source, rows, lists, lay, complete=missing is None)
    findings = _findings(source, lists)
    title, place, edition, number = read_title(
        source, (r.line for r in rows if r.kind == TITLE), lay
    )
    return ProfileRecord(
        path=source.path,
        title=title,
        date=read_date((r.line for r in rows if r.kind == DATE), lay),
        place=place,
        edition=edition,
        edition_number=number,
        implementer=search_value(source, lay.implementer),
        funder=search_value(source, lay.funder),
        findings=tuple(findings),
        end_note=_end_note(source, end_line),
        end_line=end_line,
        partial_note=PARTIAL_NOTE.format(missing=missing) if missing else None,
    )


def _end_note(source: SourceText, line: int | None) -> str | None:
    if line is None:
        return None
    return END_NOTE.format(line=line, text=source.lines[line - 1].text.strip()[:60])


def parse_profile_file(path: str | Path, *, partial: bool = False) -> ProfileRecord:
    """Read and parse one profile file."""
    return parse_profile(SourceText.read(path), partial=partial)


def _missing(
    source: SourceText, lists: list[_List], partial: bool, domains: tuple[int, ...]
) -> str | None:
    """What the page lacks of the domains' two lists each, said in words; raises
    :class:`InputError` if it lacks anything and is not ``partial``.

    A domain with one list names the line of that list (a list header deleted turns the
    list below into the one above); a domain with none names the last list read (a page cut
    short after it, or a domain left out)."""
    have = {(lst.domain, lst.polarity): lst.header.line.number for lst in lists}
    problems: list[tuple[int, str]] = []
    absent = [d for d in domains if all((d, pol) not in have for pol in LIST_NAMES)]
    for d in domains:
        if d in absent:
            continue
        for pol, name in LIST_NAMES.items():
            if (d, pol) not in have:
                other = next(have[(d, o)] for o in LIST_NAMES if (d, o) in have)
                problems.append((other, f"domain {d} has no {name} (its other list: line {other})"))
    if absent:
        last = max(have.values())
        words = ", ".join(map(str, absent))
        problems.append(
            (last, f"domain{'s' if len(absent) > 1 else ''} {words} "
             f"{'have' if len(absent) > 1 else 'has'} no lists (the last list read begins at "
             f"line {last})")
        )  # fmt: skip
    if not problems:
        return None
    said = "; ".join(text for _line, text in problems)
    if partial:
        return said
    raise InputError(
        f"the profile is not whole: {said}. A profile has both lists in each of the "
        f"{len(domains)} domains; a page known to be partial can be added with --partial",
        path=source.path,
        line=min(line for line, _text in problems),
    )


def _find_lists(source: SourceText, rows: list[Classified], lay: Layout) -> list[_List]:
    """Find every list header and decide the domain of each list."""
    lists: list[_List] = []
    for i, row in enumerate(rows):
        if row.kind != LIST:
            continue
        assert row.polarity is not None
        before = previous_nonblank(rows, i)
        if before is not None and before.kind == OTHER and looks_like_heading(before.line.text):
            raise InputError(
                f"unknown domain heading: {before.line.text.strip()[:80]!r} (domains are matched "
                "by name, against the labels in ontology/domains.ttl; the closest are "
                f"{', '.join(map(repr, lay.closest_labels(before.line.text))) or 'none'})",
                path=source.path,
                line=before.line.number,
            )
        if before is not None and before.kind == HEADING:
            lists.append(_List(row, row.polarity, before.domain, BY_HEADING, before.note))
        elif row.polarity == POTENTIAL and lists and lists[-1].polarity == WELL_DEVELOPED:
            prev = lists[-1]
            lists.append(_List(row, POTENTIAL, prev.domain, prev.assignment, prev.note))
        elif lists and lists[-1].assignment == BY_HEADING:
            prev = lists[-1]
            raise InputError(
                f"a {LIST_NAMES[row.polarity]} right after domain {prev.domain}'s "
                f"{LIST_NAMES[prev.polarity]} (line {prev.header.line.number}), with no domain "
                "heading between: a list header out of order, or a domain heading missing",
                path=source.path,
                line=row.line.number,
            )
        else:
            lists.append(_List(row, row.polarity, None, BY_ORDER))
    if not lists:
        raise InputError(
            "no findings lists found: expected a line such as 'Migration Governance: examples "
            "of well-developed areas' (is this an MGI profile?)",
            path=source.path,
            line=1,
        )
    headed = [lst for lst in lists if lst.assignment == BY_HEADING]
    if headed and len(headed) != len(lists):
        odd = next(lst for lst in lists if lst.assignment == BY_ORDER)
        raise InputError(
            "this list has no domain heading before it, though other lists in the file do; "
            "add the heading of its domain",
            path=source.path,
            line=odd.header.line.number,
        )
    if not headed:
        starts = [lst for lst in lists if lst.polarity == WELL_DEVELOPED]
        if len(starts) != len(lay.domains):
            raise InputError(
                f"the findings lists have no domain headings, so domains are assigned by order; "
                f"that needs exactly {len(lay.domains)} lists of well-developed areas, "
                f"found {len(starts)}",
                path=source.path,
                line=lists[0].header.line.number,
            )
        if lists[0].polarity != WELL_DEVELOPED:
            raise InputError(
                f"a {LIST_NAMES[lists[0].polarity]} before the first {LIST_NAMES[WELL_DEVELOPED]}: "
                "without domain headings, each domain's lists are read in order, well-developed "
                "areas first",
                path=source.path,
                line=lists[0].header.line.number,
            )
        numbers = iter(lay.domains)
        domain = 0
        for lst in lists:
            if lst.polarity == WELL_DEVELOPED:
                domain = next(numbers)
            lst.domain = domain
    seen: dict[tuple[int | None, str], int] = {}
    for lst in lists:
        key = (lst.domain, lst.polarity)
        if key in seen:
            raise InputError(
                f"domain {lst.domain} already has a list of {lst.polarity} areas "
                f"(line {seen[key]}); check the domain headings",
                path=source.path,
                line=lst.header.line.number,
            )
        seen[key] = lst.header.line.number
    return lists


def _fill_lists(
    source: SourceText, rows: list[Classified], lists: list[_List], lay: Layout, complete: bool
) -> int | None:
    """Walk the findings section, giving each bullet to its list; refuse stray lines. Once
    every domain has both its lists (``complete``, see :func:`_missing`), a stray line after a
    blank line ends the section (page footer, navigation); return the line where it ended, if
    it did."""
    last_header = lists[-1].header.line.number
    by_line = {lst.header.line.number: lst for lst in lists}
    first = lists[0].header.line.number
    current: _List | None = None
    last_bullet: int | None = None  # index into current.bullets of a bullet open to continuation
    for i, row in enumerate(rows):
        ln = row.line
        if ln.number < first:
            continue
        where: dict[str, Any] = {"path": source.path, "line": ln.number}
        if row.kind == BLANK:
            last_bullet = None
            continue
        if row.kind == LIST:
            _close(source, current)
            current, last_bullet = by_line[ln.number], None
            continue
        if row.kind == BULLET:
            if current is None:
                raise InputError("bullet outside any findings list", **where)
            match = lay.bullet.match(ln.text)
            assert match is not None
            start = ln.start + match.end()
            content = ln.text[match.end() :].rstrip()
            if not content:
                raise InputError("empty bullet", **where)
            current.bullets.append((start, start + len(content), ln.number))
            last_bullet = len(current.bullets) - 1
            continue
        if row.kind == OTHER and current is not None and last_bullet is not None:
            if lay.looks_numbered(ln.text):
                raise _stray_line(ln, lay, source)
            s, _, number = current.bullets[last_bullet]
            current.bullets[last_bullet] = (s, ln.start + len(ln.text.rstrip()), number)
            continue
        if row.kind == OTHER:
            if complete and ln.number > last_header and lists[-1].bullets:
                _close(source, current)
                return ln.number
            raise _stray_line(ln, lay, source)
        _close(source, current)
        current, last_bullet = None, None
        if row.kind == HEADING:
            # A heading may be doubled ("Partnerships" twice); look past its twins.
            after = next(
                (
                    r
                    for r in rows[i + 1 :]
                    if r.kind != BLANK and not (r.kind == HEADING and r.domain == row.domain)
                ),
                None,
            )
            if after is None or after.kind != LIST:
                raise InputError(
                    f"domain heading {ln.text.strip()!r} is followed by no list of findings",
                    **where,
                )
    _close(source, current)
    return None


def _stray_line(ln: Line, lay: Layout, source: SourceText) -> InputError:
    """The error for a line of the findings section that is no part of a finding."""
    where: dict[str, Any] = {"path": source.path, "line": ln.number}
    if lay.looks_numbered(ln.text):
        return InputError(f"unknown domain heading: {ln.text.strip()!r}", **where)
    return InputError(
        f"line in the findings section is neither a finding, a list header nor a "
        f"domain heading: {ln.text.strip()[:80]!r}",
        **where,
    )


def _close(source: SourceText, lst: _List | None) -> None:
    if lst is not None and not lst.bullets:
        raise InputError(
            f"list of {lst.polarity} areas has no findings",
            path=source.path,
            line=lst.header.line.number,
        )


def _findings(source: SourceText, lists: list[_List]) -> list[FindingRecord]:
    out: list[FindingRecord] = []
    for lst in lists:
        assert lst.domain is not None
        ordinal = 0
        for start, end, line in lst.bullets:
            raw = source.text[start:end]
            parts = _split_run_together(raw, start)
            notes = [lst.note] if lst.note else []
            if len(parts) > 1:
                notes.append(SPLIT_NOTE.format(line=line))
            note = " ".join(notes) or None
            for part_start, part_end in parts:
                ordinal += 1
                text = " ".join(source.text[part_start:part_end].split())
                out.append(
                    FindingRecord(
                        domain=lst.domain,
                        polarity=lst.polarity,
                        ordinal=ordinal,
                        text=text,
                        span=Span(part_start, part_end, source.line_of(part_start)),
                        assignment=lst.assignment,
                        note=note,
                    )
                )
    return out


def _split_run_together(raw: str, offset: int) -> list[tuple[int, int]]:
    parts: list[tuple[int, int]] = []
    pos = 0
    for m in RUN_TOGETHER.finditer(raw):
        parts.append((offset + pos, offset + m.start()))
        pos = m.end()
    parts.append((offset + pos, offset + len(raw.rstrip())))
    return [(s, e) for s, e in parts if e > s]
