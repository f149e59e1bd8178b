"""A researcher's corpus names what it adds under its own base IRI (``init --base``), never
the project's namespace: its documents, profiles, findings, quotes, mentions, footnotes and
the entries proposed from them. The shipped data keep the project's IRIs; countries keep the
project's ISO-keyed IRIs, which every corpus shares. Queries, shapes and the report work
under any base."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from mgi_graph.core.paths import use_home
from mgi_graph.query.stored_queries import load_queries
from tests.conftest import cli, example_params
from tests.pdfmaker import report_pdf
from tests.test_own_corpus import FIXTURE, rows

MINE = "https://example.org/mine/"
PROJECT = "https://w3id.org/mgi-graph/id/"
NEWS = Path(__file__).parent / "fixtures" / "corpus" / "news-moldova-employment-test.txt"
SENEGAL = Path(__file__).parent / "fixtures" / "languages" / "mgi-profile-senegal-fr-test.txt"


@pytest.fixture(scope="module")
def mine(tmp_path_factory, built) -> tuple[Path, Graph, Graph]:
    """A corpus under ``MINE`` with a profile as text, one as a PDF with footnotes, and a
    news item, built; its graph, and the shipped graph."""
    tmp = tmp_path_factory.mktemp("base")
    home = tmp / "corpus"
    assert cli("init", "--base", MINE, str(home)) == 0
    pdf = tmp / "senegal.pdf"
    report_pdf(
        SENEGAL.read_text("utf-8"),
        pdf,
        header="PROFIL DE GOUVERNANCE DES MIGRATIONS : RÉPUBLIQUE DU SÉNÉGAL",
        notes={"Processus de Rabat": "Dialogue euro-africain sur la migration."},
    )
    assert cli("add", "--home", str(home), str(FIXTURE), str(pdf)) == 0
    news = ("--kind", "news", "--country", "MD", "--date", "2021-03", "--start-line", "4")
    assert cli("add", "--home", str(home), str(NEWS), *news) == 0
    assert cli("build", "--home", str(home)) == 0
    g = Graph().parse(home / "build" / "mgi-graph.nt", format="nt")
    shipped = Graph().parse(built.out_dir / "mgi-graph.nt", format="nt")
    return home, g, shipped


def iris_of(g: Graph) -> set[str]:
    return {str(n) for t in g for n in t if isinstance(n, URIRef)}


def test_nothing_the_corpus_adds_is_named_in_the_projects_namespace(mine):
    _, g, shipped = mine
    added = {i for i in iris_of(g) - iris_of(shipped) if i.startswith(PROJECT)}
    # Only the ISO-keyed records of the new countries, shared by every corpus.
    assert added and all(i.startswith(PROJECT + "country/") for i in added)
    assert {i.removeprefix(PROJECT) for i in added} == {"country/MD", "country/SN"}


def test_what_the_corpus_adds_is_named_under_its_base(mine):
    _, g, _ = mine
    own = {i.removeprefix(MINE) for i in iris_of(g) if i.startswith(MINE)}
    folders = {i.split("/", 1)[0] for i in own}
    assert folders >= {
        "source", "profile", "finding", "quote", "mention", "paragraph", "note", "org", "law",
    }  # fmt: skip
    assert "profile/MD-1" in own and "profile/SN-1" in own
    assert "finding/MD-1/d1/well-developed/1" in own
    assert "org/md-bureau-for-migration-and-asylum" in own
    assert any(i.startswith("note/mgi-profile-sn-2018-1-fr/") for i in own)


def test_the_corpus_graph_conforms_and_its_entries_join_the_shipped_ones(mine):
    home, g, _ = mine
    report = (home / "build" / "validation-report.txt").read_text("utf-8")
    assert "conforms" in report.casefold()
    # A Moldovan finding names the IOM, the project's entry; another a body proposed here.
    mentions = URIRef("https://w3id.org/mgi-graph/ontology#mentions")
    partnerships = URIRef(MINE + "finding/MD-1/d3/well-developed/2")
    assert (partnerships, mentions, URIRef(PROJECT + "org/iom")) in g
    mia = URIRef(MINE + "org/md-ministry-of-internal-affairs")
    assert (URIRef(MINE + "finding/MD-1/d2/well-developed/1"), mentions, mia) in g


@pytest.mark.parametrize("name", sorted(load_queries()))
def test_every_canned_query_answers_on_it(mine, name, wikidata):
    home, _, _ = mine
    q = load_queries()[name]
    params = [f"{k}={v}" for k, v in example_params(q, wikidata).items()]
    assert isinstance(rows(home, name, *params), list)


def test_a_parameter_names_the_corpuss_own_resources_by_prefix(mine):
    """``profile:MD-1`` and ``org:md-…`` name the corpus's own, under its base."""
    home, _, _ = mine
    got = rows(home, "describe", "entity=profile:MD-1")
    assert {r["value"] for r in got if r["property"].endswith("#assesses")} == {
        PROJECT + "country/MD"
    }
    got = rows(home, "mentions-of", "entity=org:md-bureau-for-migration-and-asylum")
    assert got and all(r["source"].startswith(MINE + "source/") for r in got)


def test_the_report_has_a_page_for_each_own_resource(mine, tmp_path):
    home, _, _ = mine
    out = tmp_path / "site"
    assert cli("report", "--home", str(home), "--out", str(out)) == 0
    assert (out / "profile" / "MD-1.html").is_file()
    assert (out / "org" / "md-bureau-for-migration-and-asylum.html").is_file()


def test_init_without_a_base_names_the_corpus_by_its_folder(tmp_path):
    home = tmp_path / "plain"
    assert cli("init", str(home)) == 0
    text = (home / "data" / "corpus.toml").read_text("utf-8")
    assert f'base = "{home.resolve().as_uri()}/id/"' in text
    try:
        assert use_home(home).base.startswith("file:///") and PROJECT not in use_home(home).base
    finally:
        use_home(None)


def test_a_base_that_is_no_iri_is_refused(tmp_path, capsys):
    assert cli("init", "--base", "not an iri", str(tmp_path / "c")) == 2
    assert "no base IRI" in capsys.readouterr().err
    assert not (tmp_path / "c").exists()
