"""The report's data: the rows of the SPARQL queries its pages are drawn from.

Two sets of queries: the catalogue's (``queries/*.rq``, as a researcher runs them) and the
report's own (``queries/report/*.rq``). No page reads the graph any other way, so the report
shows what the graph says.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mgi_graph.core.paths import home
from mgi_graph.query.engines import LocalStore
from mgi_graph.query.results import Table
from mgi_graph.query.stored_queries import StoredQuery, load_queries

#: One row of a query's answer, by column name.
Row = dict[str, str]


def rows(table: Table) -> list[Row]:
    """The rows of ``table`` as dictionaries by column name.

    >>> rows(Table(("a", "b"), (("1", "2"),)))
    [{'a': '1', 'b': '2'}]
    """
    return [dict(zip(table.columns, r, strict=True)) for r in table.rows]


class Asker:
    """The queries of the report, run on the graph ``data`` (N-Triples, or the store its
    build wrote beside it) with the site's language for any ``lang`` parameter."""

    def __init__(self, data: Path, lang: str = "en") -> None:
        self.store = LocalStore(data)
        self.lang = lang
        self.catalogue = load_queries()
        self.report_queries = load_queries(home().queries_dir / "report")

    def report(self, name: str) -> list[Row]:
        """The rows of the report's own query ``name``."""
        q = self.report_queries[name]
        return rows(self.store.run(q.text, q.bind(self._lang_for(q))))

    def catalogue_rows(self, name: str, **values: str) -> list[Row]:
        """The rows of catalogue query ``name`` with ``values`` for its parameters."""
        return rows(self.catalogue_table(self.catalogue[name], values))

    def catalogue_table(self, q: StoredQuery, values: dict[str, str]) -> Table:
        """The answer to catalogue query ``q`` with ``values`` for its parameters."""
        return self.store.run(q.text, q.bind({**self._lang_for(q), **values}))

    def example_values(self, q: StoredQuery) -> dict[str, str]:
        """The values the report runs ``q`` with: each required parameter's example, and
        the site's language."""
        values = {p.name: p.example for p in q.params if p.required}
        values.update(self._lang_for(q))
        return values

    def _lang_for(self, q: StoredQuery) -> dict[str, str]:
        return {"lang": self.lang} if any(p.name == "lang" for p in q.params) else {}


@dataclass(frozen=True)
class ReportRows:
    """Every answer the pages are drawn from, each read once."""

    labels: dict[str, str]
    domains: list[Row]
    overview: Row
    profiles: list[Row]
    entities: list[Row]
    facts: list[Row]
    statements: list[Row]
    mentions: list[Row]
    findings: list[Row]
    people: list[Row]
    scorecard: list[Row]
    bodies_by_domain: list[Row]
    kinds_by_domain: list[Row]
    kind_bodies: list[Row]
    regions: list[Row]
    ontology: list[Row]
    ontology_about: Row


def load(ask: Asker) -> ReportRows:
    """Run the report's queries once each."""
    return ReportRows(
        labels={r["node"]: r["label"] for r in ask.report("labels")},
        domains=ask.report("domains"),
        overview=ask.report("overview")[0],
        profiles=ask.report("profiles"),
        entities=ask.report("entities"),
        facts=ask.report("facts"),
        statements=ask.report("statements"),
        mentions=ask.report("mentions"),
        findings=ask.report("findings"),
        people=ask.catalogue_rows("people"),
        scorecard=ask.catalogue_rows("scorecard"),
        bodies_by_domain=ask.catalogue_rows("bodies-by-domain"),
        kinds_by_domain=ask.catalogue_rows("kinds-by-domain"),
        kind_bodies=ask.catalogue_rows("kind-bodies"),
        regions=ask.report("regions"),
        ontology=ask.report("ontology"),
        ontology_about=ask.report("ontology-about")[0],
    )


__all__ = ["Asker", "ReportRows", "Row", "load", "rows"]
