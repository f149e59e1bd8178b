"""Developments, finding updates and figures, checked by hand against the article and the
news report."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF

from mgi_graph.build.pipeline import assemble_graph
from mgi_graph.core.errors import InputError
from mgi_graph.core.paths import DEVELOPMENTS_FILE, FIGURES_FILE
from mgi_graph.core.vocab import MGI
from mgi_graph.graph.developments import add_developments
from mgi_graph.graph.figures import add_figures
from mgi_graph.ingest.sources import load_catalogue
from mgi_graph.ingest.sourcetext import SourceText
from tests.conftest import query_rows

DEV = "https://w3id.org/mgi-graph/id/development/"


ask = query_rows


def test_counts(graph):
    developments = set(graph.subjects(RDF.type, MGI.Development))
    updates = set(graph.subjects(RDF.type, MGI.FindingUpdate))
    # 16 dated events in the article, 6 in the news report; 12 bearings on 2018 findings
    assert (len(developments), len(updates)) == (22, 12)


def test_kazakhstan_timeline_lists_the_events_in_date_order_with_their_quotes(built):
    rows = ask(built, "timeline", country="country:KZ")
    order = [r["event"].removeprefix(DEV) for r in rows]
    # The events the issue names, as the sources date them
    expected = [
        ("2000-09-05", "kz-2000-migration-policy-concept", "No. 1346 of September 5, 2000"),
        ("2007-08-28", "kz-2007-migration-policy-concept", "No. 399 of August 28, 2007"),
        ("2010-11-19", "kz-2010-agreement-legal-status-migrant-workers", "November 19, 2010"),
        ("2014-05-29", "kz-2014-eaeu-treaty-signing", "On May 29, 2014, in Astana"),
        ("2017-09-29", "kz-2017-migration-policy-concept", "No. 602 of September 29, 2017"),
        ("2020", "kz-2020-evisa", "In 2020, the country launched e-visa services"),
        ("2020-05", "kz-2020-oralman-renamed-qandas", "from “oralman” (a repatriate) to"),
        ("2021-01-01", "kz-2021-qandas-single-procedure", "Since January 1st, 2021"),
        ("2021-07-19", "kz-2021-transfer-of-migration-functions", "on July 19, 2021"),
        ("2022", "kz-2022-2026-migration-policy-concept", "for 2022— 2026"),
    ]
    positions = []
    for date, key, words in expected:
        mine = [r for r in rows if r["event"] == DEV + key]
        assert mine, key
        assert all(r["date"] == date for r in mine), key
        assert any(words in r["quote"] for r in mine), (key, [r["quote"] for r in mine])
        positions.append(order.index(key))
    assert positions == sorted(positions)
    transfer = [r for r in rows if r["event"].endswith("transfer-of-migration-functions")]
    assert {r["effective_from"] for r in transfer} == {"2022-01-01"}
    # the decree, what changes on 1 January 2022, and from which body to which
    assert len(transfer) == 3
    agreement = next(r for r in rows if r["event"].endswith("legal-status-migrant-workers"))
    assert agreement["effective_from"] == "2012-01-01"
    eaeu = next(r for r in rows if r["event"].endswith("eaeu-treaty-signing"))
    assert eaeu["reported_as"] == "announced"  # the news (May 2014): "will be signed"
    concept = next(r for r in rows if r["event"].endswith("2022-2026-migration-policy-concept"))
    assert concept["reported_as"] == "in-preparation"
    # the profile edition of May 2018 sits between the 2017 concept and the 2020 changes
    edition = next(r for r in rows if r["kind"] == "profile-edition")
    assert (edition["date"], edition["quote"]) == ("2018-05", "2018 May")
    assert order.index("kz-2017-migration-policy-concept") < rows.index(edition)
    assert rows.index(edition) < order.index("kz-2020-evisa")
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates)
    assert len(rows) == 24  # 21 developments (one with three quotes) and one profile edition


def test_the_2018_online_visa_gap_is_addressed_by_the_2020_e_visa_launch(built):
    rows = ask(built, "gaps-and-developments", country="country:KZ")
    assert len(rows) == 15  # the 15 areas with potential for development of the 2018 profile
    visa = [r for r in rows if r["gap"] == "It is not yet possible to apply for visas online."]
    assert len(visa) == 1
    (v,) = visa
    assert v["finding"].endswith("/finding/KZ-1/d6/potential/2")
    assert (v["status"], v["bearing"]) == ("addressed", "addresses")
    assert v["development"] == DEV + "kz-2020-evisa"
    assert v["development_date"] == "2020"
    assert v["later_quote"] == (
        "In 2020, the country launched e-visa services for business, tourist, and medical trips."
    )
    assert v["gap_source"].endswith("/source/mgi-profile-kazakhstan-2018-en")
    statuses = sorted(r["status"] for r in rows)
    assert statuses.count("still open") == 5 and statuses.count("no later source") == 9


def test_foreign_workers_with_permits_on_1_december_2021(built):
    rows = ask(built, "figures", dataset="mgid:dataset/kz-foreign-workers-lea-permits")
    got = [(r["category"], r["value"], r["as_written"]) for r in rows]
    assert got == [
        ("total", "15527", "15,527"),
        ("China", "3784", "3,784"),
        ("Great Britain", "1996", "1,996"),
        ("Turkey", "1985", "1,985"),
        ("India", "1182", "1,182"),
        ("Uzbekistan", "1138", "1,138"),
    ]
    assert {r["period"] for r in rows} == {"2021-12-01"}
    assert {r["unit"] for r in rows} == {"persons"}


def test_qandas_figures(built):
    rows = ask(built, "figures")
    by = {(r["dataset"].rsplit("/", 1)[-1], r["category"], r["period"]): r for r in rows}
    assert by[("kz-qandas-returned", "total", "2021")]["value"] == "17540"
    assert by[("kz-qandas-returned", "total", "1991/..")]["value"] == "1087800"
    assert by[("kz-qandas-regional-quota", "total", "2021")]["value"] == "941"
    assert by[("kz-qandas-regional-quota", "total", "2022")]["value"] == "1499"
    origin = [(r["category"], r["value"]) for r in rows if r["dataset"].endswith("2021-by-origin")]
    assert origin == [
        ("Uzbekistan", "76.2"),
        ("China", "9.7"),
        ("Turkmenistan", "6"),
        ("other countries", "5.7"),
        ("Mongolia", "2.6"),
    ]
    assert len(rows) == 38


@pytest.fixture
def sources():
    out = {}
    for record in load_catalogue():
        out[record.iri] = (record, SourceText.read(record.path))
    return out


@pytest.fixture(scope="module")
def knowledge():
    return assemble_graph()


def broken_copy(tmp_path: Path, original: Path, old: str, new: str) -> Path:
    text = original.read_text("utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / original.name
    path.write_text(text.replace(old, new), "utf-8")
    return path


def test_a_figure_not_in_its_quote_stops_the_build(tmp_path, knowledge, sources):
    path = broken_copy(tmp_path, FIGURES_FILE, '"15,527"', '"15,572"')
    with pytest.raises(InputError) as err:
        add_figures(Graph(), knowledge, sources, path)
    message = str(err.value)
    assert "observation/kz-foreign-workers-lea-permits/total" in message
    assert "'15,572' does not occur in its quote" in message
    line = FIGURES_FILE.read_text("utf-8")[: FIGURES_FILE.read_text("utf-8").index('"15,527"')]
    assert err.value.path == str(path) and err.value.line == line.count("\n") + 1


def test_a_figure_that_does_not_read_as_its_value_stops_the_build(tmp_path, knowledge, sources):
    path = broken_copy(
        tmp_path, FIGURES_FILE, "sdmx-measure:obsValue 3784 ;", "sdmx-measure:obsValue 3748 ;"
    )
    with pytest.raises(InputError, match=r"the value 3748 is not the number the source writes"):
        add_figures(Graph(), knowledge, sources, path)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "refPeriod mgid:period\\/2021 ; mgi:category mgid:category\\/total ;\n"
            "    sdmx-measure:obsValue 17540",
            "refPeriod mgid:period\\/2021-13 ; mgi:category mgid:category\\/total ;\n"
            "    sdmx-measure:obsValue 17540",
            "not a period: '2021-13'",
        ),
        (
            "refPeriod mgid:period\\/2021 ; mgi:category mgid:category\\/total ;\n"
            "    sdmx-measure:obsValue 17540",
            'refPeriod "2021" ; mgi:category mgid:category\\/total ;\n'
            "    sdmx-measure:obsValue 17540",
            "must be a period IRI",
        ),
        (
            "mgi:category mgid:category\\/total ;\n    sdmx-measure:obsValue 17540",
            "mgi:category mgid:category\\/totals ;\n    sdmx-measure:obsValue 17540",
            "category must be a Concept; found https://w3id.org/mgi-graph/id/category/totals",
        ),
        (
            "sdmx-measure:obsValue 17540 ;",
            'sdmx-measure:obsValue "17540" ;',
            "obsValue must be an xsd:integer or xsd:decimal; found 17540",
        ),
    ],
)
def test_a_figure_that_breaks_its_shape_stops_the_build_at_its_line(
    tmp_path, knowledge, sources, old, new, message
):
    """The rules of an observation are its shape's (a numeric value) and the code list's
    and the calendar's (a category of the list, a period of ISO 8601), checked as the file is
    read."""
    path = broken_copy(tmp_path, FIGURES_FILE, old, new)
    with pytest.raises(InputError, match=message) as err:
        add_figures(Graph(), knowledge, sources, path)
    assert err.value.line is not None and str(err.value.path) == str(path)


def test_a_development_quote_not_in_its_source_stops_the_build(tmp_path, knowledge, sources):
    path = broken_copy(
        tmp_path,
        DEVELOPMENTS_FILE,
        "In 2020, the country launched e-visa services for business, tourist, and medical "
        'trips." ] .\n\ndev:',
        "In 2021, the country launched e-visa services for business, tourist, and medical "
        'trips." ] .\n\ndev:',
    )
    with pytest.raises(InputError) as err:
        add_developments(Graph(), knowledge, sources, path)
    assert "development/kz-2020-evisa" in str(err.value)
    assert "does not occur in article-kazakhstan-migration-regulation.txt" in str(err.value)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('dcterms:date "1951"^^xsd:gYear', 'dcterms:daet "1951"^^xsd:gYear', "cannot carry"),
        (
            "finding:KZ-1\\/d6\\/potential\\/2",
            "finding:KZ-1\\/d6\\/potential\\/9",
            "must be a Finding",
        ),
        ('"2002"^^xsd:gYear', '"2002"', "must be an xsd:date"),
        # Rules the code once kept in a table of its own, now read from the shapes.
        (
            'mgi:effectiveFrom "2022-01-01"^^xsd:date',
            'mgi:effectiveFrom "2022-01-01"^^xsd:date, "2022-02-01"^^xsd:date',
            "has 2 values of https://w3id.org/mgi-graph/ontology#effectiveFrom",
        ),
        (
            "mgi:byDevelopment dev:kz-2020-evisa ;",
            'mgi:byDevelopment dev:kz-2020-evisa ; rdfs:label "An update"@en ;',
            "rdf-schema#label, which a FindingUpdate cannot carry",
        ),
        (
            "finding:KZ-1\\/d6\\/potential\\/2 ; mgi:bearing bearing:addresses ;",
            "finding:KZ-1\\/d6\\/potential\\/2 ; mgi:bearing dev:kz-2020-evisa ;",
            "bearing must be a Bearing",
        ),
    ],
)
def test_bad_records_stop_the_build_with_file_and_line(
    tmp_path, knowledge, sources, old, new, message
):
    path = broken_copy(tmp_path, DEVELOPMENTS_FILE, old, new)
    with pytest.raises(InputError, match=message) as err:
        add_developments(Graph(), knowledge, sources, path)
    assert err.value.line is not None


def test_the_rules_of_a_curated_record_are_its_shapes(tmp_path, knowledge, sources, monkeypatch):
    """A corpus whose own shapes ask no date of a development loads one without a date; the
    package's shapes stop it, naming the file and the line."""
    from mgi_graph.core.paths import PACKAGE_ROOT

    old = 'dcterms:date "2020"^^xsd:gYear ;'
    text = DEVELOPMENTS_FILE.read_text("utf-8")
    at = text.index("dev:kz-2020-evisa a mgi:Development")
    undated = text[:at] + text[at:].replace(old, "", 1)
    assert undated != text
    path = tmp_path / "developments.ttl"
    path.write_text(undated, "utf-8")
    with pytest.raises(InputError, match=r"needs http://purl.org/dc/terms/date") as err:
        add_developments(Graph(), knowledge, sources, path)
    assert err.value.line == text.count("\n", 0, at) + 1
    assert "exactly one date: a day, a month or a year" in str(err.value)

    shapes = (PACKAGE_ROOT / "ontology" / "shapes.ttl").read_text("utf-8")
    rule = "[ sh:path dcterms:date ; sh:minCount 1 ; sh:maxCount 1 ;\n        sh:or"
    assert shapes.count(rule) == 1  # the development's date
    own = tmp_path / "corpus" / "ontology" / "shapes.ttl"
    own.parent.mkdir(parents=True)
    own.write_text(
        shapes.replace(rule, "[ sh:path dcterms:date ; sh:maxCount 1 ;\n        sh:or"), "utf-8"
    )
    monkeypatch.setenv("MGI_GRAPH_HOME", str(tmp_path / "corpus"))
    g = Graph()
    add_developments(g, knowledge, sources, path)
    assert (URIRef(DEV + "kz-2020-evisa"), RDF.type, MGI.Development) in g
    assert g.value(URIRef(DEV + "kz-2020-evisa"), DCTERMS.date) is None
