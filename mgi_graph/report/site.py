"""``mgi-graph report``: a static website of the graph, drawn from SPARQL results.

Three steps: the rows of SPARQL queries run on the built graph (:mod:`.loading`), the view
model of each page made from them (:mod:`.views`), and each page rendered here with Jinja2
templates (``mgi_graph/report/templates/``). No page reads the graph any other way, so the
report shows what the graph says. Pages are plain HTML and SVG; one small script filters
the heatmap's rows (without it, every row shows). Links are relative, so the site opens from
disk or from any web server.

The site is written to a temporary folder beside ``out_dir`` and moved into place when
complete: a reader sees the old site or the new one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mgi_graph.core import iris
from mgi_graph.core.atomic_folder import locked, publish, recover, staging_for
from mgi_graph.core.errors import MgiError
from mgi_graph.core.vocab import MGI
from mgi_graph.query.output import compact, render
from mgi_graph.report import views
from mgi_graph.report.heatmap import Panel, colour, ink, kind_grid, legend, panels
from mgi_graph.report.loading import Asker, ReportRows, load
from mgi_graph.report.views import Country, Indexes, page_path

TEMPLATES = Path(__file__).parent / "templates"


class Site:
    """The pages of the report, rendered from query results."""

    def __init__(self, data: Path, lang: str = "en") -> None:
        import jinja2

        self.ask = Asker(data, lang)
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(TEMPLATES)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=False,
            keep_trailing_newline=True,
        )
        self.env.globals.update(
            href=self.href,
            compact=compact,
            is_iri=lambda v: isinstance(v, str) and v.startswith(("http://", "https://")),
            colour=colour,
            ink=ink,
        )
        self.pages: dict[str, str] = {}
        self.known: set[str] = set()
        #: Each country's bodies × domains panel, drawn on its page, and their legend.
        self.panels: dict[str, Panel] = {}
        self.panel_legend: list[tuple[str, str]] = []

    def href(self, iri: str, root: str) -> str | None:
        """A relative link from a page at depth ``root`` to the page of ``iri``; external
        IRIs link to themselves; nodes without a page get no link."""
        if iri.startswith(("http://", "https://")) and not iris.is_own(iri):
            return iri
        path = page_path(iri)
        if path is None or path.split("#")[0] not in self.known:
            return None
        return root + path

    def render(self, path: str, template: str, **context: Any) -> None:
        root = "../" * path.count("/")
        self.pages[path] = self.env.get_template(template).render(root=root, **context)

    def build(self) -> dict[str, str]:
        """Render every page; return them by relative path."""
        data = load(self.ask)
        ix = Indexes(data)
        countries = views.countries(data.profiles)
        self.known = (
            {p for p in (page_path(r["entity"]) for r in data.entities) if p is not None}
            | {page_path(c.iri) or "" for c in countries}
            | {page_path(r["profile"]) or "" for r in data.profiles}
        )
        domains = views.domain_labels(data.domains)
        labels = data.labels
        self.render(
            "index.html",
            "index.html",
            title="Home",
            overview=data.overview,
            countries=countries,
            scorecard=data.scorecard,
            labels=labels,
        )
        self._heatmap(data, countries, domains)
        self._kinds(data, domains)
        for profile in views.profiles(data.profiles):
            self.render(
                page_path(profile.iri) or "",
                "profile.html",
                title=profile.label,
                profile=profile,
                domains=views.profile_sections(profile, ix),
            )
        for c in countries:
            self.render(
                page_path(c.iri) or "",
                "country.html",
                title=c.label,
                c=views.country_page(c, ix, self._editions(c, ix)),
                labels=labels,
                domain_labels=dict(domains),
                panel=self.panels.get(c.code),
                domains=domains,
                legend=self.panel_legend,
            )
        for e in data.entities:
            self.render(
                page_path(e["entity"]) or "",
                "entity.html",
                title=e["label"],
                labels=labels,
                e=views.entity_page(e, ix, labels, domains),
            )
        self.render(
            "entities.html",
            "entities.html",
            title="Bodies, laws and agreements",
            groups=views.entry_groups(data.entities, ix),
            total=len(data.entities),
            proposed=sum(e["review"] == "proposed" for e in data.entities),
        )
        self._queries()
        self.render(
            "ontology.html",
            "ontology.html",
            title="Ontology",
            sections=views.ontology_sections(data.ontology, compact),
            about=data.ontology_about,
            namespace=str(MGI),
        )
        return dict(sorted(self.pages.items()))

    def _heatmap(
        self, data: ReportRows, countries: list[Country], domains: list[tuple[str, str]]
    ) -> None:
        from mgi_graph.curate.m49 import area_names
        from mgi_graph.report.facets import facets

        names = {c.code: c.label for c in countries}
        kind_labels = {k["kind"]: k["kind_label"] for k in data.kinds_by_domain}
        f = facets(
            data.bodies_by_domain,
            data.kind_bodies,
            data.regions,
            names,
            area_names(),
            kind_labels,
        )
        self.env.filters["kind_label"] = lambda code: kind_labels.get(code, code)
        self.render(
            "heatmap.html",
            "heatmap.html",
            title="Bodies × domains",
            f=f,
            domains=domains,
            legend=legend(f.max),
        )
        # Each country's page draws its own panel.
        self.panels = {p.code: p for p in panels(data.bodies_by_domain, names) if p.code}
        self.panel_legend = legend(max((p.max for p in self.panels.values()), default=0))

    def _kinds(self, data: ReportRows, domains: list[tuple[str, str]]) -> None:
        """The kinds × domains heatmap: in how many countries a body of each kind is named
        in each domain, with the bodies behind each cell."""
        grid = kind_grid(data.kinds_by_domain, data.kind_bodies)
        self.render(
            "kinds.html",
            "kinds.html",
            title="Kinds of body × domains",
            grid=grid,
            domains=domains,
            legend=legend(max((c.countries for k in grid for c in k.cells.values()), default=0)),
        )

    def _editions(self, c: Country, ix: Indexes) -> list[views.EditionPair]:
        """Editions compared (the catalogue's queries, as a researcher would run them), for
        a country with two or more profiles."""
        if len(c.profiles) < 2:
            return []
        return views.editions(
            self.ask.catalogue_rows("editions-scorecard", country=c.iri),
            self.ask.catalogue_rows("compare-editions", country=c.iri),
            ix,
        )

    def _queries(self) -> None:
        """A page per catalogue query: its text, the command that runs it, and its answer
        with its examples (a federated query is not run: the report reaches no network)."""
        listed = []
        for name, q in sorted(self.ask.catalogue.items()):
            values = self.ask.example_values(q)
            page: dict[str, Any] = {
                "name": name,
                "title": q.title,
                "description": q.description,
                "params": q.params,
                "text": q.text,
                "ran": False,
                "why": "",
                "used": "",
                "command": " ".join(
                    ["mgi-graph query", name] + [f"--param {k}={v}" for k, v in values.items()]
                ),
            }
            if q.federated:
                page["why"] = (
                    "it asks a remote SPARQL service (its service parameter), and building "
                    "the report never reaches the network. Run the command above."
                )
            else:
                table = self.ask.catalogue_table(q, values)
                page.update(
                    ran=True,
                    table=table,
                    rows=len(table.rows),
                    used=", ".join(f"{k} = {v}" for k, v in values.items()),
                )
                self.pages[f"queries/{name}.csv"] = render(table, "csv")
            listed.append(page)
            self.render(f"queries/{name}.html", "query.html", title=q.title, q=page)
        self.render("queries/index.html", "queries.html", title="Queries", queries=listed)


def write_site(pages: dict[str, str], out_dir: Path) -> None:
    """Write ``pages`` into ``out_dir``, replacing the old site at once when all are written
    (see :mod:`mgi_graph.core.atomic_folder`)."""
    with locked(out_dir), staging_for(out_dir) as staging:
        recover(out_dir, set())
        for rel, text in pages.items():
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        publish(staging, out_dir)


def make_report(data: Path, out_dir: Path, lang: str = "en") -> int:
    """Render the report of the graph in ``data`` (N-Triples) into ``out_dir``; return the
    number of files written."""
    if not lang.isalpha() or len(lang) > 8:
        raise MgiError(f"--lang takes a language code such as en or es; got {lang!r}")
    pages = Site(data, lang.lower()).build()
    write_site(pages, out_dir)
    return len(pages)


__all__ = ["Site", "make_report", "page_path", "write_site"]
