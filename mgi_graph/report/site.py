"""``mgi-graph report``: a static website of the graph, drawn from SPARQL results.

Every page is rendered with Jinja2 templates (``mgi_graph/report/templates/``) from the rows of
SPARQL queries run on the built graph: the catalogue's (``queries/*.rq``) and the report's
own (``queries/report/*.rq``). No page reads the graph any other way, so the report shows
what the graph says. Pages are plain HTML and SVG, with no JavaScript; links are relative,
so the site opens from disk or from any web server.

The site is written to a temporary folder beside ``out_dir`` and moved into place when
complete: a reader sees the old site or the new one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mgi_graph.core.atomic_folder import locked, publish, recover, staging_for
from mgi_graph.core.errors import MgiError
from mgi_graph.core.paths import home
from mgi_graph.core.vocab import ID, MGI, OWL
from mgi_graph.query.engines import LocalStore, Table
from mgi_graph.query.output import compact, render
from mgi_graph.query.stored_queries import StoredQuery, load_queries
from mgi_graph.report.heatmap import DOMAINS, colour, ink, legend, panels

Row = dict[str, str]
TEMPLATES = Path(__file__).parent / "templates"
#: Kinds of node (the first step of their IRI under ``ID``) that get a page of their own.
PAGE_KINDS = ("org", "law", "instrument", "agreement", "status", "country", "profile")
NAME_PROPERTIES = {
    "http://www.w3.org/2004/02/skos/core#prefLabel": "preferred name",
    "http://www.w3.org/2004/02/skos/core#altLabel": "also called",
    "http://www.w3.org/2004/02/skos/core#hiddenLabel": "variant matched in the sources",
    "https://w3id.org/mgi-graph/ontology#jointName": "joint name",
}
SKIPPED = {"http://www.w3.org/2000/01/rdf-schema#label"}


def rows(table: Table) -> list[Row]:
    """The rows of ``table`` as dictionaries by column name."""
    return [dict(zip(table.columns, r, strict=True)) for r in table.rows]


def page_path(iri: str) -> str | None:
    """The page of the site that shows ``iri`` (path and anchor), if any.

    >>> page_path("https://w3id.org/mgi-graph/id/org/kz-mia")
    'org/kz-mia.html'
    >>> page_path("https://w3id.org/mgi-graph/id/finding/KZ-1/d2/well-developed/3")
    'profile/KZ-1.html#d2-well-developed-3'
    >>> page_path("http://www.wikidata.org/entity/Q232") is None
    True
    """
    if not iri.startswith(str(ID)):
        return None
    rest = iri[len(str(ID)) :]
    kind, _, key = rest.partition("/")
    if kind in PAGE_KINDS and key and "/" not in key:
        return f"{rest}.html"
    if kind == "finding":
        profile, _, anchor = key.partition("/")
        return f"profile/{profile}.html#{anchor.replace('/', '-')}"
    return None


class Site:
    """The pages of the report, rendered from query results."""

    def __init__(self, data: Path, lang: str = "en") -> None:
        import jinja2

        self.store = LocalStore(data)
        self.lang = lang
        self.catalogue = load_queries()
        self.report_queries = load_queries(home().queries_dir / "report")
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
        self.place_of: dict[str, tuple[str, str]] = {}  # finding → (profile, domain number)
        self.domain_labels: dict[str, str] = {}  # domain number → label
        self.people_in: dict[str, list[Row]] = {}  # organization → rows of `people`

    # --- queries -------------------------------------------------------------------------

    def ask(self, name: str) -> list[Row]:
        """The rows of report query ``name`` (its ``lang`` parameter set to the site's)."""
        q = self.report_queries[name]
        return rows(self.store.run(q.text, q.bind(self._lang_for(q))))

    def _lang_for(self, q: StoredQuery) -> dict[str, str]:
        return {"lang": self.lang} if any(p.name == "lang" for p in q.params) else {}

    # --- links ---------------------------------------------------------------------------

    def href(self, iri: str, root: str) -> str | None:
        """A relative link from a page at depth ``root`` to the page of ``iri``; external
        IRIs link to themselves; nodes without a page get no link."""
        if iri.startswith(("http://", "https://")) and not iri.startswith(str(ID)):
            return iri
        path = page_path(iri)
        if path is None or path.split("#")[0] not in self.known:
            return None
        return root + path

    def render(self, path: str, template: str, **context: Any) -> None:
        depth = path.count("/")
        root = "../" * depth
        page = self.env.get_template(template).render(root=root, **context)
        self.pages[path] = page

    # --- the site ------------------------------------------------------------------------

    def build(self) -> dict[str, str]:
        """Render every page; return them by relative path."""
        labels = {r["node"]: r["label"] for r in self.ask("labels")}
        overview = self.ask("overview")[0]
        profiles = self.ask("profiles")
        entities = self.ask("entities")
        facts = self.ask("facts")
        statements = self.ask("statements")
        mentions = self.ask("mentions")
        findings = self.ask("findings")
        countries = _countries(profiles)
        self.known = (
            {p for p in (page_path(r["entity"]) for r in entities) if p is not None}
            | {page_path(c["iri"]) or "" for c in countries}
            | {page_path(r["profile"]) or "" for r in profiles}
        )
        domains = _domain_labels(findings)
        self.domain_labels = dict(domains)
        self._home(overview, countries, labels)
        self._heatmap(countries, domains)
        texts = {r["finding"]: r["text"] for r in findings}
        self.place_of = {r["finding"]: (r["profile"], r["domain"]) for r in findings}
        kinds = {r["entity"]: r for r in entities}
        for profile in _profiles(profiles):
            self._profile(profile, findings, mentions, kinds)
        by_entity = _group(facts, "entity")
        stmts = _statements(statements)
        for c in countries:
            self._country(c, by_entity.get(c["iri"], []), stmts, labels)
        mentions_of = _group(mentions, "entity")
        self.people_in = _group(self._run("people"), "organization")
        for e in entities:
            self._entity(
                e,
                by_entity.get(e["entity"], []),
                stmts,
                mentions_of.get(e["entity"], []),
                labels,
                domains,
                texts,
            )
        self._entities(entities, mentions_of)
        self._queries(labels)
        self._ontology()
        return dict(sorted(self.pages.items()))

    def _home(self, overview: Row, countries: list[dict[str, Any]], labels: dict[str, str]) -> None:
        self.render(
            "index.html",
            "index.html",
            title="Home",
            overview=overview,
            countries=countries,
            scorecard=self._run("scorecard"),
            labels=labels,
        )

    def _heatmap(self, countries: list[dict[str, Any]], domains: list[tuple[str, str]]) -> None:
        data = self._run("bodies-by-domain")
        names = {c["code"]: c["label"] for c in countries}
        ps = panels(data, names)
        scale = legend(max((p.max for p in ps), default=0))
        self.render(
            "heatmap.html",
            "heatmap.html",
            title="Bodies × domains",
            panels=ps,
            domains=domains,
            legend=scale,
        )

    def _profile(
        self,
        profile: dict[str, Any],
        findings: list[Row],
        mentions: list[Row],
        kinds: dict[str, Row],
    ) -> None:
        mine = [r for r in findings if r["profile"] == profile["iri"]]
        named: dict[str, dict[str, dict[str, str]]] = defaultdict(dict)
        for m in mentions:
            if m["unit_kind"] == "finding" and m["profile"] == profile["iri"]:
                e = kinds.get(m["entity"])
                if e is not None:
                    named[m["unit"]][m["entity"]] = {
                        "iri": m["entity"],
                        "label": e["label"],
                        "type": e["type_label"],
                        "review": e["review"],
                    }
        domains = []
        for number, drows in _group(mine, "domain").items():
            polarities = []
            for pol_rows in _group(drows, "polarity").values():
                items: list[dict[str, Any]] = []
                for f_rows in _group(pol_rows, "finding").values():
                    f = f_rows[0]
                    items.append(
                        {
                            "anchor": (page_path(f["finding"]) or "#").split("#")[1],
                            "ordinal": f["ordinal"],
                            "text": f["text"],
                            "entities": sorted(named[f["finding"]].values(), key=_by_label),
                            "quotes": [_quote(r) for r in f_rows],
                        }
                    )
                polarities.append({"label": pol_rows[0]["polarity_label"], "findings": items})
            domains.append(
                {
                    "number": number,
                    "label": drows[0]["domain_label"],
                    "count": len({r["finding"] for r in drows}),
                    "polarities": polarities,
                }
            )
        path = page_path(profile["iri"]) or ""
        self.render(path, "profile.html", title=profile["label"], profile=profile, domains=domains)

    def _country(
        self,
        c: dict[str, Any],
        facts: list[Row],
        stmts: list[dict[str, Any]],
        labels: dict[str, str],
    ) -> None:
        path = page_path(c["iri"]) or ""
        self.render(
            path,
            "country.html",
            title=c["label"],
            c={
                **c,
                "facts": [_fact(f) for f in facts],
                "statements": _about(c["iri"], stmts),
                "editions": self._editions(c) if len(c["profiles"]) > 1 else [],
            },
            labels=labels,
            domain_labels=self.domain_labels,
        )

    def _editions(self, c: dict[str, Any]) -> list[dict[str, Any]]:
        """Editions compared, for a country with two or more profiles: by pair of editions
        and domain number, the counts of ``editions-scorecard`` and the changes of
        ``compare-editions`` (the catalogue's queries, as a researcher would run them)."""
        pairs: dict[tuple[str, str], dict[str, Any]] = {}
        for r in self._run("editions-scorecard", country=c["iri"]):
            pair = pairs.setdefault(
                (r["earlier_profile"], r["later_profile"]),
                {"earlier": r["earlier_profile"], "later": r["later_profile"], "domains": {}},
            )
            pair["domains"][r["domain"]] = {"counts": r, "changes": []}
        for r in self._run("compare-editions", country=c["iri"]):
            earlier = self.place_of.get(r["earlier_finding"])
            later = self.place_of.get(r["later_finding"])
            number = (earlier or later or ("", ""))[1]
            for (p1, p2), pair in pairs.items():
                if (earlier and earlier[0] == p1) or (later and later[0] == p2):
                    pair["domains"][number]["changes"].append(r)
        return list(pairs.values())

    def _run(self, name: str, **values: str) -> list[Row]:
        """The rows of catalogue query ``name`` with ``values`` for its parameters (its
        ``lang`` parameter set to the site's)."""
        q = self.catalogue[name]
        return rows(self.store.run(q.text, q.bind({**self._lang_for(q), **values})))

    def _entity(
        self,
        e: Row,
        facts: list[Row],
        stmts: list[dict[str, Any]],
        mentions: list[Row],
        labels: dict[str, str],
        domains: list[tuple[str, str]],
        texts: dict[str, str],
    ) -> None:
        order = list(NAME_PROPERTIES)
        names = [
            {"value": f["value"], "kind": NAME_PROPERTIES[f["property"]], "lang": f["lang"]}
            for f in sorted(
                (f for f in facts if f["property"] in NAME_PROPERTIES),
                key=lambda f: (order.index(f["property"]), f["lang"] != "en", f["lang"]),
            )
        ]
        others = [
            _fact(f)
            for f in facts
            if f["property"] not in NAME_PROPERTIES and f["property"] not in SKIPPED
        ]
        external = [f for f in others if f["is_iri"] and not f["value"].startswith(str(ID))]
        identifiers = [{"iri": f["value"], "property": f["property"]} for f in external]
        others = [f for f in others if f not in external]
        in_findings = [m for m in mentions if m["unit_kind"] == "finding"]
        matrix = []
        codes = sorted({m["country_code"] for m in in_findings})
        for number, label in domains:
            here = [m for m in in_findings if m["domain"] == number]
            if not here:
                continue
            by_country: list[dict[str, Any]] = []
            for code in codes:
                ms = [m for m in here if m["country_code"] == code]
                if ms:
                    by_country.append(
                        {
                            "code": code,
                            "mentions": [
                                {
                                    **m,
                                    "unit_label": "Finding: "
                                    + _short(texts.get(m["unit"], m["unit"])),
                                }
                                for m in ms
                            ],
                        }
                    )
            matrix.append(
                {
                    "number": number,
                    "label": label,
                    "by_country": by_country,
                    "counts": {
                        c["code"]: len({m["unit"] for m in c["mentions"]}) for c in by_country
                    },
                }
            )
        paragraphs = [
            {**m, "unit_label": labels.get(m["unit"], m["unit"])}
            for m in mentions
            if m["unit_kind"] == "paragraph"
        ]
        jurisdiction_iri = (
            str(ID) + "country/" + e["jurisdiction_code"]
            if e["jurisdiction_code"] and e["jurisdiction_code"] != "international"
            else ""
        )
        path = page_path(e["entity"]) or ""
        self.render(
            path,
            "entity.html",
            title=e["label"],
            labels=labels,
            e={
                "iri": e["entity"],
                "label": e["label"],
                "type": e["type_label"],
                "jurisdiction": e["jurisdiction_code"],
                "jurisdiction_iri": jurisdiction_iri,
                "parent": e["parent"],
                "review": e["review"],
                "names": names,
                "facts": others,
                "identifiers": identifiers,
                "statements": _about(e["entity"], stmts),
                "matrix": matrix,
                "matrix_countries": codes,
                "paragraphs": paragraphs,
                "people": self.people_in.get(e["entity"], []),
            },
        )

    def _entities(self, entities: list[Row], mentions_of: dict[str, list[Row]]) -> None:
        groups = []
        for type_label, es in sorted(_group(entities, "type_label").items()):
            entries = []
            for e in sorted(es, key=lambda e: e["label"].casefold()):
                ms = mentions_of.get(e["entity"], [])
                entries.append(
                    {
                        "iri": e["entity"],
                        "label": e["label"],
                        "jurisdiction": e["jurisdiction_code"],
                        "review": e["review"],
                        "findings": len({m["unit"] for m in ms if m["unit_kind"] == "finding"}),
                        "paragraphs": len({m["unit"] for m in ms if m["unit_kind"] == "paragraph"}),
                    }
                )
            groups.append({"type": type_label, "entries": entries})
        self.render(
            "entities.html",
            "entities.html",
            title="Bodies, laws and agreements",
            groups=groups,
            total=len(entities),
            proposed=sum(e["review"] == "proposed" for e in entities),
        )

    def _queries(self, labels: dict[str, str]) -> None:
        listed = []
        for name, q in sorted(self.catalogue.items()):
            values = {p.name: p.example for p in q.params if p.required}
            values.update(self._lang_for(q))
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
                table = self.store.run(q.text, q.bind(values))
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

    def _ontology(self) -> None:
        """The ontology reference: every class and property, linked to one another."""
        terms = self.ask("ontology")
        own = str(MGI)

        def link(iri: str) -> dict[str, str | None]:
            if iri.startswith(own):
                return {"href": "#" + iri.removeprefix(own), "text": "mgi:" + iri.removeprefix(own)}
            return {"href": None, "text": compact(iri)}

        sections = []
        for kind, title, anchor in ONTOLOGY_SECTIONS:
            listed = [
                {
                    "name": t["term"].removeprefix(own),
                    "label": t["label"],
                    "comment": t["comment"],
                    **{
                        k: [link(i) for i in t[k].split()] for k in ("parents", "domains", "ranges")
                    },
                }
                for t in terms
                if t["kind"] == kind
            ]
            sections.append({"title": title, "id": anchor, "terms": listed})
        about = self.ask("ontology-about")[0]
        self.render(
            "ontology.html",
            "ontology.html",
            title="Ontology",
            sections=sections,
            about=about,
            namespace=own,
        )


#: The ontology reference's sections: (the terms' type, heading, anchor).
ONTOLOGY_SECTIONS = (
    (str(OWL.Class), "Classes", "classes"),
    (str(OWL.ObjectProperty), "Object properties", "object-properties"),
    (str(OWL.DatatypeProperty), "Datatype properties", "datatype-properties"),
)


def _group(items: Iterable[Row], key: str) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = {}
    for item in items:
        out.setdefault(item[key], []).append(item)
    return out


def _quote(r: Row) -> dict[str, str]:
    return {
        "text": r["quote"],
        "source_title": r["source_title"],
        "start": r["start"],
        "end": r["end"],
    }


def _fact(f: Row) -> dict[str, Any]:
    return {
        "property": f["property_label"],
        "value": f["value"],
        "is_iri": bool(f["value_is_iri"]),
        "lang": f["lang"],
    }


def _short(text: str, n: int = 110) -> str:
    """``text`` cut at a word boundary to at most ``n`` characters.

    >>> _short("one two three", 8)
    'one two…'
    """
    if len(text) <= n:
        return text
    return text[:n].rsplit(" ", 1)[0] + "…"


def _statements(statements: list[Row]) -> list[dict[str, Any]]:
    """Statements, each with its quotes."""
    out = []
    for iri, srows in _group(statements, "statement").items():
        s = srows[0]
        out.append(
            {
                "anchor": iri.rsplit("/", 1)[-1],
                "subject": s["subject"],
                "property": s["property_label"],
                "object": s["object"],
                "object_is_iri": bool(s["object_is_iri"]),
                "quotes": [_quote(r) for r in srows],
            }
        )
    return out


def _about(iri: str, stmts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [s for s in stmts if iri in (s["subject"], s["object"])]


def _countries(profiles: list[Row]) -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for r in profiles:
        c = out.setdefault(
            r["country"],
            {
                "iri": r["country"],
                "code": r["country_code"],
                "label": r["country_label"],
                "profiles": [],
            },
        )
        if all(p["iri"] != r["profile"] for p in c["profiles"]):
            c["profiles"].append({"iri": r["profile"], "label": r["profile_label"]})
    return sorted(out.values(), key=lambda c: c["code"])


def _profiles(profiles: list[Row]) -> list[dict[str, Any]]:
    out = []
    for iri, prows in _group(profiles, "profile").items():
        r = prows[0]
        out.append(
            {
                "iri": iri,
                "label": r["profile_label"],
                "country": r["country"],
                "country_label": r["country_label"],
                "edition": r["edition"],
                "date": r["date"],
                "sources": [p["source_title"] for p in prows],
            }
        )
    return out


def _domain_labels(findings: list[Row]) -> list[tuple[str, str]]:
    labels = {r["domain"]: r["domain_label"] for r in findings}
    return [(d, labels.get(d, f"Domain {d}")) for d in DOMAINS]


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


def _by_label(entry: Row) -> str:
    """The key that sorts entries by label, whatever its case."""
    return entry["label"].casefold()


__all__ = ["Site", "make_report", "page_path", "write_site"]
