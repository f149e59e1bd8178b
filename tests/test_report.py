"""The static report: every page valid HTML, no broken internal link, the heatmap's numbers
those of the bodies-by-domain query, accessible tables and SVG, and facts checked by hand
against the sources."""

from __future__ import annotations

import re
import urllib.parse
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import html5lib
import pytest

from mgi_graph.query.engines import run
from mgi_graph.query.stored_queries import load_queries
from mgi_graph.report.site import Site, make_report, write_site

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def site(built, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "site"
    make_report(built.out_dir / "mgi-graph.nt", out)
    return out


def parse(path: Path):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(path.read_bytes())


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def text_of(node) -> str:
    return re.sub(r"\s+", " ", "".join(node.itertext())).strip()


def test_the_strict_parser_rejects_broken_html():
    """So that the next test can fail."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    with pytest.raises(html5lib.html5parser.ParseError):
        parser.parse(b"<!DOCTYPE html><html><body><p>a</div></body></html>")


def test_every_page_is_valid_html_and_every_internal_link_resolves(site):
    all_pages = pages(site)
    # home, heatmap, kinds heatmap, entities, queries index, ontology; 2 countries; 2
    # profiles; 118 entries; a page per catalogue query
    assert len(all_pages) == 6 + 2 + 2 + 118 + len(load_queries())
    ids: dict[Path, set[str]] = {}
    links: list[tuple[Path, str]] = []
    for page in all_pages:
        tree = parse(page)
        ids[page] = {e.get("id") for e in tree.iter() if e.get("id")}
        for e in tree.iter():
            target = e.get("href")
            if target and not target.startswith(("http://", "https://")):
                links.append((page, target))
    reached = {site / "index.html"}
    for page, target in links:
        path, _, anchor = target.partition("#")
        dest = (page.parent / urllib.parse.unquote(path)).resolve() if path else page
        assert dest.is_file(), f"{page.relative_to(site)} links to missing {target}"
        if anchor:
            assert anchor in ids[dest], f"{page.relative_to(site)}: no #{anchor} in {path}"
        reached.add(dest)
    assert len(links) > 1000
    # every page is reachable by a link
    assert {p.resolve() for p in all_pages} <= {p.resolve() for p in reached}


def country_pages(site: Path) -> list[Path]:
    return sorted((site / "country").glob("*.html"))


def panel_numbers(site: Path) -> dict[str, Counter[tuple[str, str]]]:
    """(body, domain) → number, per country: from the SVG panel of each country's page, and
    (key ``heatmap:<code>``) from the faceted table of the heatmap page."""
    out: dict[str, Counter[tuple[str, str]]] = {}
    for page in country_pages(site):
        for figure in parse(page).iter("figure"):
            svg = figure.find(SVG + "svg")
            counts: Counter[tuple[str, str]] = Counter()
            for t in svg.iter(SVG + "text"):
                if t.get("class") == "count":
                    counts[(t.get("data-body"), t.get("data-domain"))] = int(t.text)
            out[figure.get("id").removeprefix("panel-")] = counts
    for row in parse(site / "heatmap.html").find(".//table[@id='heatmap']/tbody").iter("tr"):
        counts = out.setdefault(f"heatmap:{row.get('data-country')}", Counter())
        for cell in row.iter("td"):
            if cell.get("data-domain") and text_of(cell):
                counts[(cell.get("data-body"), cell.get("data-domain"))] = int(text_of(cell))
    return out


def test_heatmap_numbers_equal_the_bodies_by_domain_query(site, built):
    q = load_queries()["bodies-by-domain"]
    table = run(q.text, q.bind({}), data=built.out_dir / "mgi-graph.nt")
    rows = [dict(zip(table.columns, r, strict=True)) for r in table.rows]
    expected: dict[str, Counter[tuple[str, str]]] = {}
    for r in rows:
        key = (r["body"], r["domain"])
        expected.setdefault(r["country_code"], Counter())[key] += int(r["findings"])
        expected.setdefault(f"heatmap:{r['country_code']}", Counter())[key] += int(r["findings"])
    assert panel_numbers(site) == expected
    assert set(expected) == {"KZ", "KG", "heatmap:KZ", "heatmap:KG"}


def test_the_heatmap_is_one_table_with_facets(site):
    tree = parse(site / "heatmap.html")
    form = tree.find(".//form[@id='facets']")
    ids = {e.get("id") for e in form.iter() if e.get("id")}
    assert {"f-text", "f-country", "f-region", "f-domain", "f-kind"} <= ids
    regions = [text_of(o) for o in form.find(".//select[@id='f-region']").iter("option")]
    assert regions == ["all", "Asia", "Central Asia"]
    assert not list(tree.iter("figure"))  # no panel per country on this page
    rows = list(tree.find(".//table[@id='heatmap']/tbody").iter("tr"))
    mia = [r for r in rows if "kz-mia" in (r.find("th/a").get("href") or "")]
    assert [(r.get("data-country"), r.get("data-domains"), r.get("data-regions")) for r in mia] == [
        ("KZ", "2 5 6", "142 143")
    ]
    assert "interior" in mia[0].get("data-kinds").split()


def test_heatmap_shows_the_kazakh_ministry_of_internal_affairs_in_three_domains(site):
    kz = panel_numbers(site)["KZ"]
    mia = "https://w3id.org/mgi-graph/id/org/kz-mia"
    # Profile of Kazakhstan: data collection (domain 2), the Committee for Emergency
    # Situations (5), the anti-trafficking committee (6).
    assert {d: n for (b, d), n in kz.items() if b == mia} == {"2": 1, "5": 1, "6": 1}


def test_heatmap_is_accessible(site):
    figures = [f for page in country_pages(site) for f in parse(page).iter("figure")]
    assert len(figures) == 2
    for figure in figures:
        svg = figure.find(SVG + "svg")
        assert svg.get("role") == "img"
        title, desc = svg.get("aria-labelledby").split()
        assert (
            svg.find(SVG + "title").get("id") == title
            and "Institutions" in svg.find(SVG + "title").text
        )
        assert svg.find(SVG + "desc").get("id") == desc
        # every coloured cell also carries its number as text
        coloured = [r for r in svg.iter(SVG + "rect") if r.get("fill") not in ("#f3f3f3", None)]
        numbers = [t for t in svg.iter(SVG + "text") if t.get("class") == "count"]
        legend_swatches = [r for r in coloured if r.get("stroke")]
        assert len(coloured) - len(legend_swatches) == len(numbers) > 0
    for page in pages(site):
        for table in parse(page).iter("table"):
            assert table.find("thead/tr/th") is not None, f"{page}: a table without headers"


def test_entity_page_of_the_ministry_of_internal_affairs(site):
    tree = parse(site / "org" / "kz-mia.html")
    body = text_of(tree.find("body"))
    assert "Ministry of Internal Affairs of the Republic of Kazakhstan" in body
    assert "Ministry of Interior" in body  # the profile's name for it
    # mentioned in findings of domains 2, 5 and 6, each a list under its own anchor
    sections = {e.get("id") for e in tree.iter("section")}
    assert {"in-2", "in-5", "in-6"} <= sections and "in-1" not in sections
    assert tree.find(".//*[@id='in-KZ-5']") is not None
    # statements with their evidence, e.g. the transfer of functions in the article
    assert "transferred functions to" in body
    assert "Ministry of Labor and Social Protection of Population of the RK" in body


def test_profile_page_lists_every_finding_with_its_quote(site, built):
    tree = parse(site / "profile" / "KG-2.html")
    items = [li for li in tree.iter("li") if li.get("id", "").startswith("d")]
    assert len(items) == 34  # the Kyrgyz second profile: 34 findings
    first = items[0]
    assert first.get("id") == "d1-well-developed-1"
    # The finding's text once: the quote that says it word for word gives where it stands.
    text = text_of(first.find("p"))
    assert text_of(first).count(text) == 1 and first.find(".//blockquote") is None
    assert "Migration Governance Second Profile" in text_of(first)
    assert "characters" in text_of(first.find("ul"))


def test_a_finding_read_from_two_pages_shows_its_text_once(site, built):
    """Kazakhstan's findings are read from the English and the Spanish page (which gives
    them in English): the text once, and where each page has it. A page that words it
    otherwise is folded away."""
    tree = parse(site / "profile" / "KZ-1.html")
    first = next(li for li in tree.iter("li") if li.get("id") == "d1-well-developed-1")
    text = text_of(first.find("p"))
    assert text_of(first).count(text) == 1 and first.find(".//blockquote") is None
    assert len(first.find("ul").findall("li")) == 2
    from mgi_graph.report.models import Quote

    macros = Site(built.out_dir / "mgi-graph.nt").env.get_template("macros.html").module
    html = str(macros.finding_sources("A finding.", [Quote("Un hallazgo.", "Perfil", 1, 12)]))
    assert "<details>" in html and "Un hallazgo." in html


def test_a_country_page_names_properties_in_words(site):
    body = text_of(parse(site / "country" / "KZ.html").find("body"))
    for raw in ("altLabel", "prefLabel", "exactMatch", "hiddenLabel"):
        assert f" {raw} " not in f" {body} ", raw
    assert "other name" in body and "the same as (another dataset)" in body


def test_the_ontology_page_has_contents(site):
    tree = parse(site / "ontology.html")
    nav = tree.find(".//nav[@aria-label='Contents']")
    links = [a.get("href") for a in nav.iter("a")]
    assert "#Finding" in links and len(links) > 100


def test_home_page_counts_and_scorecard(site):
    body = text_of(parse(site / "index.html").find("body"))
    assert "5 source documents, 2 MGI profiles of 2 countries with 70 findings" in body
    assert "118 bodies, laws, instruments and agreements" in body


def test_query_pages_have_results_and_csv(site):
    csv = (site / "queries" / "scorecard.csv").read_text("utf-8").splitlines()
    assert csv[0] == "country_code,profile,domain,domain_label,well_developed,potential"
    assert len(csv) == 13
    federated = text_of(parse(site / "queries" / "wikidata-labels.html").find("body"))
    assert "Not run for this report" in federated
    assert not (site / "queries" / "wikidata-labels.csv").exists()


def test_spanish_labels(built, tmp_path):
    out = tmp_path / "es"
    make_report(built.out_dir / "mgi-graph.nt", out, lang="es")
    body = text_of(parse(out / "heatmap.html").find("body"))
    assert "1. Derechos de los migrantes" in body


def test_the_report_is_deterministic(built):
    data = built.out_dir / "mgi-graph.nt"
    assert Site(data).build() == Site(data).build()


def test_a_failed_report_leaves_the_old_site(site, tmp_path):
    out = tmp_path / "site"
    write_site({"index.html": "old"}, out)

    class Boom(dict):
        def items(self):
            yield "index.html", "new"
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_site(Boom(), out)
    assert (out / "index.html").read_text() == "old"
    # no staging folder is left behind, only the site and its lock file
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"]


def test_svg_is_well_formed_xml(site):
    svgs = [
        svg
        for page in country_pages(site)
        for svg in re.findall(r"<svg .*?</svg>", page.read_text("utf-8"), flags=re.S)
    ]
    assert len(svgs) == 2
    for svg in svgs:
        root = ET.fromstring(svg)
        assert root.tag == SVG + "svg"


def test_report_command(tmp_path, capsys):
    from mgi_graph.cli import main

    assert main(["report", "--out", str(tmp_path / "s"), "--lang", "es"]) == 0
    # the pages (one per query among them) and a CSV for each query run (the federated one
    # is not): the external-ids query added a page and a CSV to the 171 before it
    assert "wrote 173 files" in capsys.readouterr().out
    assert main(["report", "--out", str(tmp_path / "s"), "--lang", "e s"]) == 2


def test_the_ontology_reference_lists_every_class_and_property_of_the_ontology(site):
    from rdflib import OWL, RDF, RDFS, Graph, URIRef

    from mgi_graph.core.paths import ONTOLOGY_DIR

    g = Graph().parse(ONTOLOGY_DIR / "mgi.ttl")
    ns = "https://w3id.org/mgi-graph/ontology#"
    declared = {
        str(t).removeprefix(ns): kind
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for t in g.subjects(RDF.type, kind)
        if isinstance(t, URIRef) and str(t).startswith(ns)
    }
    doc = parse(site / "ontology.html")
    terms = {dt.get("id"): dt for dt in doc.iter("dt")}
    assert set(terms) == set(declared) and len(terms) > 100
    # Each with its comment from the ontology, word for word.
    dds = {
        dt.get("id"): text_of(dd)
        for dt, dd in zip(
            doc.iter("dt"),
            doc.iter("dd"),
            strict=True,
        )
    }
    for name in declared:
        comment = g.value(URIRef(ns + name), RDFS.comment)
        assert comment is not None and str(comment) in dds[name], name
    # Parents, domains and ranges link to their own entries.
    assert "Parent: mgi:Institution" in dds["Ministry"]
    assert "Range: mgi:RegistryEntry" in dds["mentions"]
    nav = parse(site / "index.html")
    assert any(a.get("href") == "ontology.html" for a in nav.iter("a"))


def test_the_kinds_heatmap_shows_the_numbers_of_kinds_by_domain(site, built):
    """Each cell of the kinds × domains heatmap is the kinds-by-domain query's number of
    countries, and drills down to the bodies behind it."""
    q = load_queries()["kinds-by-domain"]
    table = run(q.text, q.bind({}), data=built.out_dir / "mgi-graph.nt")
    expected = {(r[0], r[2]): r[4] for r in table.rows}
    html = (site / "kinds.html").read_text(encoding="utf-8")
    cells = dict(
        ((kind, domain), n)
        for kind, domain, n in re.findall(
            r'data-kind="([a-z-]+)" data-domain="(\d)" class="count"[^>]*><a[^>]*>(\d+)</a>', html
        )
    )
    assert cells == expected and ("interior", "2") in cells
    assert 'id="kind-interior-2"' in html and "Ministry of Internal Affairs" in html


def test_the_heatmap_facets_hold_a_corpus_of_sixty_countries():
    """Sixty countries of four regions, three bodies each: one table of 180 rows, a country
    choice per country, the regions named, every row findable by its facets."""
    from mgi_graph.report.facets import facets

    codes = [f"{chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(60)]
    bodies = [
        {"country_code": c, "domain": str(1 + (n + i) % 6), "body": f"b/{c}/{n}",
         "body_label": f"Body {n} of {c}", "jurisdiction": c, "findings": "1"}
        for i, c in enumerate(codes) for n in range(3)
    ]  # fmt: skip
    regions = [{"country_code": c, "region": ("002", "009", "019", "142")[i % 4],
                "sub_region": ""} for i, c in enumerate(codes)]  # fmt: skip
    kinds = [{"country_code": b["country_code"], "body": b["body"], "body_kind": "labour"}
             for b in bodies[::3]]  # fmt: skip
    names = {"002": "Africa", "009": "Oceania", "019": "Americas", "142": "Asia"}
    f = facets(bodies, kinds, regions, {c: f"Country {c}" for c in codes}, names, {})
    assert len(f.rows) == 180 and len(f.countries) == 60
    assert [label for _, label in f.regions] == ["Africa", "Oceania", "Americas", "Asia"]
    asia = [r for r in f.rows if "142" in r.regions]
    assert len(asia) == 45 and {r.country for r in asia} == set(codes[3::4])
    assert sum("labour" in r.kinds for r in f.rows) == 60
