"""The bodies × domains heatmap: panels and their geometry, from the rows of the
``bodies-by-domain`` query.

One panel per country (the bodies named in that country's profiles) and one for all
countries together. Rows are grouped by the body's jurisdiction (the panel's own country
first, then other countries, then international bodies) and, within it, by parent body (a
parent, then the bodies within it); groups and bodies are ordered by the number of findings
that name them, most first, then by name.

>>> rows = [
...     {"country_code": "KZ", "domain": "2", "body": "m", "body_label": "Ministry",
...      "jurisdiction": "KZ", "parent": "", "findings": "2"},
...     {"country_code": "KZ", "domain": "5", "body": "c", "body_label": "Committee",
...      "jurisdiction": "KZ", "parent": "m", "findings": "1"},
...     {"country_code": "KZ", "domain": "3", "body": "i", "body_label": "IOM",
...      "jurisdiction": "international", "parent": "", "findings": "3"},
... ]
>>> panel = panels(rows, {"KZ": "Kazakhstan"})[0]
>>> [(r.label, r.total, r.counts) for r in panel.rows]
[('Ministry', 2, {'2': 2}), ('Committee', 1, {'5': 1}), ('IOM', 3, {'3': 3})]
>>> [r.label for r in panels(rows, {"KZ": "Kazakhstan"})[1].rows]  # all countries
['Ministry', 'Committee', 'IOM']
>>> panel.rows[1].indent
True
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

#: Sequential colours (ColorBrewer Blues) for 1, 2, 3, 4 and 5 or more findings.
PALETTE = ("#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
EMPTY = "#f3f3f3"
INTERNATIONAL = "international"


@dataclass
class HeatRow:
    """One body in one panel: findings per domain."""

    body: str
    label: str
    jurisdiction: str
    parent: str
    counts: dict[str, int] = field(default_factory=dict)
    indent: bool = False
    review: str = "curated"  # or proposed (not yet reviewed) or accepted

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def display(self, panel_code: str, width: int = 72) -> str:
        """The row's label as drawn: whose body it is, if not the panel country's, and cut
        to ``width`` characters.

        >>> HeatRow("x", "Budapest Process", "international", "").display("KZ")
        'Budapest Process (international)'
        >>> len(HeatRow("x", "A" * 90, "KZ", "").display("KZ"))
        72
        >>> HeatRow("x", "Agency", "MD", "", review="proposed").display("MD")
        'Agency (proposed)'
        """
        whose = [self.jurisdiction] if self.jurisdiction not in ("", panel_code) else []
        marks = [*whose, *(["proposed"] if self.review == "proposed" else [])]
        suffix = f" ({', '.join(marks)})" if marks else ""
        room = width - len(suffix) - (2 if self.indent else 0)
        label = self.label if len(self.label) <= room else self.label[: room - 1] + "…"
        return label + suffix


@dataclass
class Panel:
    """One heatmap: a country's (``code``) or all countries' (``code`` empty)."""

    code: str
    title: str
    rows: list[HeatRow]

    @property
    def max(self) -> int:
        return max((n for r in self.rows for n in r.counts.values()), default=0)


def panels(rows: Iterable[Mapping[str, str]], countries: Mapping[str, str]) -> list[Panel]:
    """A panel per country code in ``countries`` (code → name) that has rows, then one for
    all countries together."""
    rows = list(rows)
    out = []
    for code, name in countries.items():
        mine = [r for r in rows if r["country_code"] == code]
        if mine:
            out.append(Panel(code, name, _ordered(mine, first=code)))
    out.append(Panel("", "All countries", _ordered(rows, first=None)))
    return out


def _ordered(rows: list[Mapping[str, str]], first: str | None) -> list[HeatRow]:
    bodies: dict[str, HeatRow] = {}
    for r in rows:
        row = bodies.setdefault(
            r["body"],
            HeatRow(
                r["body"],
                r["body_label"],
                r["jurisdiction"],
                r["parent"],
                review=r.get("review", "curated"),
            ),
        )
        row.counts[r["domain"]] = row.counts.get(r["domain"], 0) + int(r["findings"])
    groups: dict[str, list[HeatRow]] = defaultdict(list)
    for row in bodies.values():
        head = row.parent if row.parent in bodies else row.body
        groups[head].append(row)

    def jurisdiction_rank(code: str) -> tuple[int, str]:
        if code == first:
            return (0, "")
        return (2, "") if code == INTERNATIONAL else (1, code)

    def group_key(head: str) -> tuple[object, ...]:
        members = groups[head]
        return (
            jurisdiction_rank(bodies[head].jurisdiction),
            -sum(m.total for m in members),
            bodies[head].label.casefold(),
        )

    ordered: list[HeatRow] = []
    for head in sorted(groups, key=group_key):
        parent = bodies[head]
        ordered.append(parent)
        children = sorted(
            (m for m in groups[head] if m is not parent),
            key=lambda m: (-m.total, m.label.casefold()),
        )
        for child in children:
            child.indent = True
        ordered.extend(children)
    return ordered


@dataclass
class KindCell:
    """One kind in one domain: in how many countries, how many bodies and findings, and the
    bodies behind it (rows of kind-bodies)."""

    countries: int
    bodies: int
    findings: int
    behind: list[Mapping[str, str]] = field(default_factory=list)


@dataclass
class KindRow:
    """One kind of body: its cells by domain number."""

    kind: str
    label: str
    cells: dict[str, KindCell] = field(default_factory=dict)

    @property
    def countries(self) -> int:
        return max((c.countries for c in self.cells.values()), default=0)


def kind_grid(
    counts: Iterable[Mapping[str, str]], bodies: Iterable[Mapping[str, str]]
) -> list[KindRow]:
    """The kinds × domains grid from the rows of kinds-by-domain and kind-bodies, the kinds
    found in most countries first.

    >>> counts = [{"kind": "labour", "kind_label": "Labour", "domain": "6", "countries": "2",
    ...            "bodies": "3", "findings": "4"}]
    >>> behind = [{"body_kind": "labour", "domain": "6", "body": "b", "country_code": "KZ"}]
    >>> [k] = kind_grid(counts, behind)
    >>> k.kind, k.cells["6"].countries, len(k.cells["6"].behind)
    ('labour', 2, 1)
    """
    rows: dict[str, KindRow] = {}
    for r in counts:
        row = rows.setdefault(r["kind"], KindRow(r["kind"], r["kind_label"]))
        row.cells[r["domain"]] = KindCell(int(r["countries"]), int(r["bodies"]), int(r["findings"]))
    for b in bodies:
        cell = rows.get(b["body_kind"], KindRow("", "")).cells.get(b["domain"])
        if cell is not None:
            cell.behind.append(b)
    return sorted(rows.values(), key=lambda k: (-k.countries, k.label.casefold()))


def colour(count: int) -> str:
    """The fill for a cell naming a body in ``count`` findings.

    >>> colour(0), colour(1), colour(9)
    ('#f3f3f3', '#c6dbef', '#08519c')
    """
    if count <= 0:
        return EMPTY
    return PALETTE[min(count, len(PALETTE)) - 1]


def ink(count: int) -> str:
    """Text colour readable on ``colour(count)``."""
    return "#ffffff" if count >= 4 else "#000000"


def legend(maximum: int) -> list[tuple[str, str]]:
    """(label, colour) for each step of the scale up to ``maximum``.

    >>> legend(2)
    [('1', '#c6dbef'), ('2', '#9ecae1')]
    >>> legend(7)[-1]
    ('5 or more', '#08519c')
    """
    steps = min(max(maximum, 1), len(PALETTE))
    out = [(str(n), PALETTE[n - 1]) for n in range(1, steps + 1)]
    if maximum > len(PALETTE):
        out[-1] = (f"{len(PALETTE)} or more", PALETTE[-1])
    return out


__all__ = [
    "HeatRow",
    "KindCell",
    "KindRow",
    "Panel",
    "colour",
    "ink",
    "kind_grid",
    "legend",
    "panels",
]
