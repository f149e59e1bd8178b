"""The canned queries: headers, exact answers on the real sources, both engines agreeing,
clear errors, and parameter values that cannot change a query."""

from __future__ import annotations

import re

import pytest

from mgi_graph.cli import main
from mgi_graph.engines import EngineError, run, with_bindings
from mgi_graph.stored_queries import QueryError, get_query, load_queries, parse_header
from tests.conftest import ROOT

QUERIES = load_queries()
KZ = "https://w3id.org/mgi-graph/id/country/KZ"


@pytest.fixture(scope="module")
def data(built):
    return built.out_dir / "mgi-graph.nt"


def ask(name: str, data, engine: str = "oxigraph", **params: str):
    q = QUERIES[name]
    return run(q.text, q.bind(params), engine=engine, data=data)


def test_every_query_has_a_header_and_is_listed_in_the_readme():
    readme = (ROOT / "README.md").read_text("utf-8")
    for q in QUERIES.values():
        assert q.title and q.description and q.columns
        assert f"| `{q.name}` |" in readme, q.name


def test_a_query_without_header_is_refused(tmp_path):
    bad = tmp_path / "no-header.rq"
    bad.write_text("SELECT * WHERE { ?s ?p ?o }\n", "utf-8")
    with pytest.raises(QueryError, match="lacks '# title:'"):
        parse_header(bad)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_columns_match_the_header(name, data):
    q = QUERIES[name]
    required = {p.name: p.example for p in q.params if p.required}
    assert ask(name, data, **required).columns == q.columns


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_oxigraph_and_rdflib_return_the_same_rows(name, data):
    q = QUERIES[name]
    required = {p.name: p.example for p in q.params if p.required}
    assert ask(name, data, "oxigraph", **required) == ask(name, data, "rdflib", **required)


def test_scorecard_matches_the_hand_counts(data):
    rows = ask("scorecard", data).rows
    got = {(r[0], int(r[2])): (int(r[4]), int(r[5])) for r in rows}
    kz = [(5, 3), (3, 3), (4, 2), (3, 2), (3, 2), (3, 3)]
    kg = [(4, 3), (4, 1), (3, 1), (4, 2), (4, 2), (4, 2)]
    assert got == {
        **{("KZ", d + 1): v for d, v in enumerate(kz)},
        **{("KG", d + 1): v for d, v in enumerate(kg)},
    }


def test_scorecard_for_one_country_in_spanish(data):
    rows = ask("scorecard", data, country="country:KG", lang="es").rows
    assert len(rows) == 6 and {r[0] for r in rows} == {"KG"}
    assert rows[3][3] == "Bienestar de los migrantes"


def test_findings_of_kazakhstan_safe_migration_gaps(data):
    rows = ask(
        "findings",
        data,
        country="country:KZ",
        domain="domain:6",
        polarity="mgid:polarity/potential",
    ).rows
    assert [r[5] for r in rows] == [
        "There is a lack of clear and accessible information on the different types of visas "
        "and permits available for migrants migrating to Kazakhstan.",
        "It is not yet possible to apply for visas online.",
        "With the exception of the government funded repatriation programme for ethnic Kazakhs "
        "living abroad, Kazakhstan does not have a policy incentivizing the return of its "
        "citizens living abroad.",
    ]


def test_compare_countries_in_well_being(data):
    rows = ask("compare-countries", data, a="country:KZ", b="country:KG", domain="domain:4").rows
    assert [(r[0], r[1]) for r in rows] == (
        [("well-developed", "KG")] * 4
        + [("well-developed", "KZ")] * 3
        + [("potential", "KG")] * 2
        + [("potential", "KZ")] * 2
    )
    assert rows[4][4].startswith("The Republic of Kazakhstan guarantees the protection")


def test_sources_counts(data):
    rows = {r[0].rsplit("/", 1)[-1]: r for r in ask("sources", data).rows}
    assert rows["mgi-profile-kazakhstan-2018-en"][4] == "36"
    assert rows["mgi-profile-kazakhstan-2018-page-es"][4] == "36"
    assert rows["mgi-profile-kyrgyzstan-2023-en"][4] == "34"
    assert rows["article-kazakhstan-migration-regulation"][2] == "journal-article"


def test_describe_kazakhstan_shows_its_codes_and_links(data):
    rows = ask("describe", data, entity="country:KZ").rows
    values = {(r[1].rsplit("#", 1)[-1], r[2]) for r in rows if r[0] == "out"}
    assert ("isoAlpha3", "KAZ") in values and ("isoNumeric", "398") in values
    assert any(v == "http://www.wikidata.org/entity/Q232" for _, v in values)
    assert any(r[0] == "in" and r[2].endswith("profile/KZ-1") for r in rows)


def test_unknown_query_name_lists_names_and_closest_match(capsys):
    assert main(["query", "scorcard"]) == 2
    err = capsys.readouterr().err
    assert "Did you mean 'scorecard'?" in err and "compare-countries" in err
    with pytest.raises(QueryError):
        get_query("nothing-like-it")


def test_missing_and_ill_typed_parameters(capsys):
    assert main(["query", "compare-countries", "--param", "a=country:KZ"]) == 2
    assert "needs parameter 'b'" in capsys.readouterr().err
    assert main(["query", "scorecard", "--param", "lang=not a tag"]) == 2
    assert "expects a language tag" in capsys.readouterr().err
    assert main(["query", "scorecard", "--param", "colour=red"]) == 2
    assert "has no parameter 'colour'" in capsys.readouterr().err


def test_malformed_sparql_gives_line_and_column(capsys, data, monkeypatch):
    monkeypatch.setattr("mgi_graph.engines.ensure_built", lambda: data)
    assert main(["sparql", "SELECT ?x WHERE { ?x ?y }"]) == 2
    assert re.search(r"SPARQL syntax error: error at 1:\d+", capsys.readouterr().err)


INJECTIONS = [
    '"} ; DROP ALL #',
    'en" } UNION { ?s ?p ?o } #',
    "x' . } SERVICE <http://example.org/sparql> { ?a ?b ?c } #",
    "}\nDROP ALL",
    "> <http://example.org/x",
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_string_values_are_plain_literals(value):
    bound = with_bindings("SELECT ?x WHERE { ?x ?p ?label }", {"label": ("string", value)})
    # The whole value sits inside one escaped literal: the query's structure is unchanged.
    import pyoxigraph as ox

    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://p"), ox.Literal(value)))
    assert [str(r["x"].value) for r in store.query(bound)] == ["http://a"]


@pytest.mark.parametrize("value", INJECTIONS)
def test_iri_parameters_refuse_values_that_would_leave_the_term(value, capsys):
    assert main(["query", "scorecard", "--param", f"country={value}"]) == 2
    assert "expects an IRI" in capsys.readouterr().err


def test_hostile_language_value_changes_nothing(data):
    with pytest.raises(QueryError):
        QUERIES["scorecard"].bind({"lang": 'en") } #'})
    with pytest.raises(EngineError):
        with_bindings("SELECT * WHERE { ?s ?p ?o }", {"s": ("iri", "not an iri")})
