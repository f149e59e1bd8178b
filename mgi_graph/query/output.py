"""Writing a result table for a terminal, as Markdown, CSV, TSV or JSON.

In a terminal table, IRIs are shortened to their prefixed names (the prefixes ``sparql``
predeclares) and every value is shown whole: columns are sized to their content and the
terminal's width, and a long value wraps at its spaces within its column (Rich lays the table
out). Where the columns cannot fit side by side without cutting words, each row is shown as
a record, a line per column. No colour or control code is written, so the output pages and
pipes as plain text.

>>> from mgi_graph.query.results import Table
>>> t = Table(("a", "b"), (("1", "x,y"),))
>>> print(render(t, "csv"), end="")
a,b
1,"x,y"
>>> print(render(t, "markdown"), end="")
| a | b |
|---|---|
| 1 | x,y |
>>> t = Table(("body", "label"), (("https://w3id.org/mgi-graph/id/org/kz-mlsp", "Ministry"),))
>>> print(render(t, "table", 40), end="")
 body              label
────────────────────────────
 mgid:org/kz-mlsp  Ministry
>>> print(render(t, "table", 20), end="")
─ 1 ─
body   mgid:org/kz-mlsp
label  Ministry
"""

from __future__ import annotations

import csv
import io
import json
import shutil

from mgi_graph.query.results import Table


def render(table: Table, fmt: str, width: int | None = None) -> str:
    """The table in format ``fmt``; CSV and TSV start with a header row of column names. A
    terminal table is at most ``width`` columns wide (default: the terminal's)."""
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
    if fmt == "markdown":
        return _markdown(table)
    return _terminal(table, width or shutil.get_terminal_size((120, 24)).columns)


def compact(value: str) -> str:
    """An IRI as a prefixed name, by the longest predeclared namespace it starts with.

    >>> compact("https://w3id.org/mgi-graph/id/country/KZ"), compact("plain text")
    ('country:KZ', 'plain text')
    """
    for long, short in _prefixes():
        if value.startswith(long) and len(value) > len(long):
            return short + value[len(long) :]
    return value


_PREFIXES: list[tuple[str, str]] = []


def _prefixes() -> list[tuple[str, str]]:
    if not _PREFIXES:
        from mgi_graph.query.stored_queries import SPARQL_PREFIXES

        _PREFIXES.extend(
            sorted(((iri, f"{p}:") for p, iri in SPARQL_PREFIXES.items()), key=lambda x: -len(x[0]))
        )
    return _PREFIXES


def _markdown(table: Table) -> str:
    def cell(v: str) -> str:
        return compact(v).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(table.columns) + " |", "|" + "---|" * len(table.columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in table.rows]
    return "\n".join(lines) + "\n"


def _terminal(table: Table, width: int) -> str:
    rows = [[compact(v) for v in row] for row in table.rows]
    # The narrowest each column can be without cutting a word, and the padding between.
    least = [
        max([len(name), *(len(w) for r in rows for w in r[i].split())])
        for i, name in enumerate(table.columns)
    ]
    if sum(least) + 3 * len(least) > width:
        return _records(table.columns, rows, width)
    return _grid(table.columns, rows, width)


def _records(columns: tuple[str, ...], rows: list[list[str]], width: int) -> str:
    """Each row as a record: its number, then a line per column (name, value wrapped)."""
    import textwrap

    label = max(len(c) for c in columns)
    room = max(width - label - 2, 20)
    out: list[str] = []
    for n, row in enumerate(rows, start=1):
        out.append(f"─ {n} ─")
        for name, value in zip(columns, row, strict=True):
            parts = textwrap.wrap(value, room, break_on_hyphens=False) or [""]
            out.append(f"{name.ljust(label)}  {parts[0]}".rstrip())
            out += [f"{'':{label}}  {part}" for part in parts[1:]]
    return "\n".join(out) + "\n"


def _grid(columns: tuple[str, ...], rows: list[list[str]], width: int) -> str:
    from rich import box
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table as Grid

    grid = Grid(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=True, collapse_padding=True)
    for name in columns:
        grid.add_column(name, overflow="fold")
    for row in rows:
        grid.add_row(*(escape(v) for v in row))
    buf = io.StringIO()
    console = Console(
        file=buf,
        width=width,
        no_color=True,
        color_system=None,
        highlight=False,
        force_terminal=False,
        emoji=False,
    )
    console.print(grid)
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n"


def turtle(triples: object) -> str:
    """Triples (pyoxigraph's, of a CONSTRUCT or DESCRIBE) as Turtle, with the prefixes
    ``sparql`` predeclares."""
    import pyoxigraph as ox

    from mgi_graph.query.stored_queries import SPARQL_PREFIXES

    kept = list(triples)  # type: ignore[call-overload]
    used = {
        term.value
        for t in kept
        for term in (t.subject, t.predicate, t.object)
        if isinstance(term, ox.NamedNode)
    }
    prefixes = {
        p: iri for p, iri in SPARQL_PREFIXES.items() if any(u.startswith(iri) for u in used)
    }
    data = ox.serialize(kept, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    return data.decode("utf-8") if data else ""


__all__ = ["compact", "render", "turtle"]
