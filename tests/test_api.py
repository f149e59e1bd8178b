"""The Python API (``mgi_graph.Graph``): a corpus of one's own opened, its canned queries
and ad-hoc SPARQL answered with Python values. Facts from the made-up Moldova profile
(tests/fixtures/corpus/mgi-profile-moldova-test.txt), counted by hand."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mgi_graph.core.paths import use_home
from tests.conftest import OWN
from tests.test_own_corpus import cli

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    import mgi_graph

    home = tmp_path_factory.mktemp("api") / "corpus"
    assert cli("init", "--base", OWN, str(home)) == 0
    assert cli("add", "--home", str(home), str(FIXTURES / "mgi-profile-moldova-test.txt")) == 0
    g = mgi_graph.Graph.open(home)  # built on opening: the corpus has no build yet
    yield g
    use_home(None)


def test_a_canned_query_gives_python_values(graph):
    r = graph.query("scorecard", country="country:MD")
    assert r.columns == (
        "country_code", "profile", "domain", "domain_label", "well_developed", "potential"
    )  # fmt: skip
    got = [(row["domain"], row["well_developed"], row["potential"]) for row in r.rows]
    assert got == [(1, 2, 2), (2, 2, 2), (3, 2, 1), (4, 2, 1), (5, 1, 1), (6, 2, 1)]
    assert all(isinstance(v, int) for row in r.rows for v in (row["well_developed"],))
    assert {row["profile"] for row in r.rows} == {OWN + "profile/MD-1"}


def test_sparql_needs_no_prefix_lines_and_unbound_is_none(graph):
    r = graph.sparql(
        "SELECT ?p ?date ?n ?none WHERE { ?p mgi:assesses country:MD ; dcterms:date ?date ; "
        "mgi:editionNumber ?n OPTIONAL { ?p mgi:noSuchProperty ?none } }"
    )
    # the page says "2019 June"; a year and month stays text, the edition is a number
    assert r.rows == [{"p": OWN + "profile/MD-1", "date": "2019-06", "n": 1, "none": None}]


def test_describe_gives_what_the_graph_says_of_an_entry(graph):
    facts = {(r["property"], r["value"]) for r in graph.describe("country:MD").rows}
    assert ("https://w3id.org/mgi-graph/ontology#isoAlpha2", "MD") in facts
    assert ("https://w3id.org/mgi-graph/ontology#isoNumeric", "498") in facts


def test_a_bad_request_is_a_query_error(graph):
    from mgi_graph.api import QueryError

    with pytest.raises(QueryError, match="scorecard"):
        graph.query("scorcard")
    with pytest.raises(QueryError, match="names nothing in the graph"):
        graph.query("scorecard", country="country:XX")
    with pytest.raises(QueryError, match="no parameter 'colour'"):
        graph.query("scorecard", colour="red")


def test_to_pandas_without_pandas_says_how_to_get_it(graph, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if not installed
    with pytest.raises(ImportError, match=r"pip install 'mgi-graph\[pandas\]'"):
        graph.query("scorecard", country="country:MD").to_pandas()
