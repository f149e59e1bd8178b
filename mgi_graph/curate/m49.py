"""UN M49, the UN Statistics Division's codes for countries and regions: each country's M49
code, sub-region and region, read from ``data/m49.tsv`` (made from a maintained copy of the
table, see ``tools/m49_table.py``).

>>> area = m49_of("KAZ")
>>> area.code, area.sub_region, area.region
('398', '143', '142')
>>> m49_of("MDA").sub_region, m49_of("MDA").region
('151', '150')
>>> m49_of("TWN") is None  # ISO 3166 has it; M49 lists no such area
True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from mgi_graph.core.errors import InputError
from mgi_graph.core.paths import home

COLUMNS = ["code", "kind", "name", "parent", "iso3166_alpha3"]
KINDS = ("world", "region", "sub-region", "intermediate-region", "country")


@dataclass(frozen=True)
class M49Area:
    """Where M49 places a country: its own code, its sub-region and its region."""

    code: str
    name: str
    sub_region: str | None
    region: str | None


def m49_of(alpha_3: str, path: Path | None = None) -> M49Area | None:
    """The M49 entry of the country with ISO 3166-1 alpha-3 code ``alpha_3``, if M49 has it."""
    return _load(path or home().knowledge("data/m49.tsv")).get(alpha_3)


def area_names(path: Path | None = None) -> dict[str, str]:
    """The name of every M49 area (region, sub-region, country) by its code.

    >>> area_names()["143"], area_names()["142"]
    ('Central Asia', 'Asia')
    """
    return _names(path or home().knowledge("data/m49.tsv"))


@cache
def _names(path: Path) -> dict[str, str]:
    _load(path)  # checks the table
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [ln.split("\t") for ln in lines if ln.strip() and not ln.startswith("#")][1:]
    return {fields[0]: fields[2] for fields in rows}


@cache
def _load(path: Path) -> dict[str, M49Area]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read the M49 table: {exc.strerror or exc}", path=path) from None
    rows: dict[str, tuple[str, str, str, str]] = {}
    header_seen = False
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if not header_seen:
            if fields != COLUMNS:
                raise InputError(
                    f"the M49 table's header must be {COLUMNS}", path=path, line=number
                )
            header_seen = True
            continue
        if len(fields) != len(COLUMNS) or fields[1] not in KINDS or len(fields[0]) != 3:
            raise InputError(
                "an M49 row is a three-digit code, a kind "
                f"({', '.join(KINDS)}), a name, the parent's code and, for a country, its "
                "ISO 3166-1 alpha-3 code, separated by tabs",
                path=path,
                line=number,
            )
        code, kind, name, parent, _alpha_3 = fields
        rows[code] = (kind, name, parent, _alpha_3)
    out: dict[str, M49Area] = {}
    for code, (kind, name, _parent, alpha_3) in rows.items():
        if kind != "country":
            continue
        ancestors = _ancestors(code, rows, path)
        out[alpha_3] = M49Area(
            code,
            name,
            next((a for a in ancestors if rows[a][0] == "sub-region"), None),
            next((a for a in ancestors if rows[a][0] == "region"), None),
        )
    return out


def _ancestors(code: str, rows: dict[str, tuple[str, str, str, str]], path: Path) -> list[str]:
    """The codes of the areas that hold ``code``, nearest first."""
    out: list[str] = []
    parent = rows[code][2]
    while parent:
        if parent not in rows or parent in out:
            raise InputError(f"M49 area {code} has a parent {parent} the table lacks", path=path)
        out.append(parent)
        parent = rows[parent][2]
    return out


__all__ = ["M49Area", "area_names", "m49_of"]
