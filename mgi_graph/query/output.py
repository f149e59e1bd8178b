"""Writing a result table as a terminal table, CSV, TSV or JSON.

>>> from mgi_graph.query.results import Table
>>> t = Table(("a", "b"), (("1", "x,y"),))
>>> print(render(t, "csv"), end="")
a,b
1,"x,y"
>>> print(render(t, "table", width=40), end="")
a  b
-  ---
1  x,y
"""

from __future__ import annotations

import csv
import io
import json
import shutil

from mgi_graph.core.namespaces import NAMESPACES
from mgi_graph.query.results import Table

_SHORT = {
    NAMESPACES[p]: f"{p}:"
    for p in ("mgid", "mgi", "rdf", "rdfs", "skos", "dcterms", "prov", "oa", "wd")
}


def render(table: Table, fmt: str, width: int | None = None) -> str:
    """The table in format ``fmt``; CSV and TSV start with a header row of column names."""
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(table.columns)
        writer.writerows(table.rows)
        return buf.getvalue()
    if fmt == "json":
        rows = [dict(zip(table.columns, row, strict=True)) for row in table.rows]
        return (
            json.dumps({"columns": list(table.columns), "rows": rows}, indent=2, ensure_ascii=False)
            + "\n"
        )
    return _terminal(table, width or shutil.get_terminal_size((120, 24)).columns)


def compact(value: str) -> str:
    for long, short in _SHORT.items():
        if value.startswith(long):
            return short + value[len(long) :]
    return value


def _terminal(table: Table, width: int) -> str:
    rows = [[compact(v) for v in row] for row in table.rows]
    cols = list(table.columns)
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(cols)]
    budget = max(width - 2 * (len(cols) - 1), len(cols) * 8)
    while sum(widths) > budget:
        i = widths.index(max(widths))
        widths[i] -= 1

    def cell(v: str, w: int) -> str:
        return v if len(v) <= w else v[: max(w - 1, 1)] + "…"

    lines = ["  ".join(cell(c, w).ljust(w) for c, w in zip(cols, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths).rstrip())
    for r in rows:
        lines.append(
            "  ".join(cell(v, w).ljust(w) for v, w in zip(r, widths, strict=True)).rstrip()
        )
    return "\n".join(lines) + "\n"
