"""The heatmap of every body named in every country's findings, as one table with facets.

One row per body and country (the bodies-by-domain query's rows, summed over domains), with
what the page's filters choose by: the country, its UN M49 region and sub-region, the kinds
of the body (the kind-bodies query), the domains it is named in, and its name. The page
filters the rows in the browser; without a script, every row shows.

>>> rows = [
...     {"country_code": "KZ", "domain": "2", "body": "m", "body_label": "Ministry",
...      "jurisdiction": "KZ", "findings": "2"},
...     {"country_code": "KZ", "domain": "5", "body": "m", "body_label": "Ministry",
...      "jurisdiction": "KZ", "findings": "1"},
... ]
>>> kinds = [{"country_code": "KZ", "body": "m", "body_kind": "interior"}]
>>> regions = [{"country_code": "KZ", "region": "142", "sub_region": "143"}]
>>> f = facets(rows, kinds, regions, {"KZ": "Kazakhstan"}, {"142": "Asia", "143": "Central Asia"},
...            {"interior": "Interior"})
>>> r = f.rows[0]
>>> r.label, r.counts, r.total, r.regions, r.kinds
('Ministry', {'2': 2, '5': 1}, 3, ('142', '143'), ('interior',))
>>> f.regions, f.kinds
([('142', 'Asia'), ('143', 'Central Asia')], [('interior', 'Interior')])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass
class FacetRow:
    """A body named in one country's findings: findings per domain, and its facets."""

    country: str
    country_label: str
    body: str
    label: str
    jurisdiction: str
    counts: dict[str, int] = field(default_factory=dict)
    regions: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    review: str = "curated"  # or proposed (not yet reviewed) or accepted

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def domains(self) -> str:
        """The domains the body is named in, as the page filters by them ("2 5")."""
        return " ".join(sorted(self.counts))


@dataclass
class Facets:
    """The rows and the choices of each filter (code, label), in the order shown."""

    rows: list[FacetRow]
    countries: list[tuple[str, str]]
    regions: list[tuple[str, str]]
    kinds: list[tuple[str, str]]

    @property
    def max(self) -> int:
        return max((n for r in self.rows for n in r.counts.values()), default=0)


def facets(
    bodies: Iterable[Mapping[str, str]],
    kinds: Iterable[Mapping[str, str]],
    regions: Iterable[Mapping[str, str]],
    countries: Mapping[str, str],
    region_names: Mapping[str, str],
    kind_labels: Mapping[str, str],
) -> Facets:
    """The faceted rows from the rows of bodies-by-domain, kind-bodies and the report's
    regions query; ``countries``, ``region_names`` and ``kind_labels`` name the codes. Rows
    go by country name, then most findings first, then body name."""
    where = {
        r["country_code"]: tuple(c for c in (r["region"], r["sub_region"]) if c) for r in regions
    }
    kinds_of: dict[tuple[str, str], set[str]] = {}
    for k in kinds:
        kinds_of.setdefault((k["country_code"], k["body"]), set()).add(k["body_kind"])
    rows: dict[tuple[str, str], FacetRow] = {}
    for b in bodies:
        key = (b["country_code"], b["body"])
        row = rows.get(key)
        if row is None:
            row = rows[key] = FacetRow(
                b["country_code"],
                countries.get(b["country_code"], b["country_code"]),
                b["body"],
                b["body_label"],
                b["jurisdiction"],
                regions=where.get(b["country_code"], ()),
                kinds=tuple(sorted(kinds_of.get(key, ()))),
                review=b.get("review", "curated"),
            )
        row.counts[b["domain"]] = row.counts.get(b["domain"], 0) + int(b["findings"])
    ordered = sorted(
        rows.values(), key=lambda r: (r.country_label.casefold(), -r.total, r.label.casefold())
    )
    used_regions = sorted({c for r in ordered for c in r.regions})
    used_kinds = sorted({k for r in ordered for k in r.kinds})
    return Facets(
        ordered,
        sorted({(r.country, r.country_label) for r in ordered}, key=lambda c: c[1].casefold()),
        [(c, region_names.get(c, c)) for c in used_regions],
        sorted(((k, kind_labels.get(k, k)) for k in used_kinds), key=lambda k: k[1].casefold()),
    )


__all__ = ["FacetRow", "Facets", "facets"]
