"""Shared fixtures: the real sources and one build of the graph per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgi_graph.core.paths import SOURCES_DIR

KZ_EN = SOURCES_DIR / "mgi-profile-kazakhstan-2018-en.txt"
KZ_ES = SOURCES_DIR / "mgi-profile-kazakhstan-2018-page-es.txt"
KG_EN = SOURCES_DIR / "mgi-profile-kyrgyzstan-2023-en.txt"
ARTICLE = SOURCES_DIR / "article-kazakhstan-migration-regulation.txt"
NEWS = SOURCES_DIR / "iom-news-astana-roundtable-2014.txt"

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str) -> int:
    """``mgi-graph ARGS`` in this process, its exit code; the corpus in use is reset after."""
    from mgi_graph.cli import main
    from mgi_graph.core.paths import use_home

    try:
        return main(list(args))
    finally:
        use_home(None)


#: The base of the IRIs of what a test corpus adds (``init --base``): a researcher's own,
#: never the project's namespace.
OWN = "https://example.org/corpus/id/"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A researcher's corpus made with ``mgi-graph init``, seeded with the shipped one; what
    it adds is named under :data:`OWN`."""
    home = tmp_path / "corpus"
    assert cli("init", "--base", OWN, str(home)) == 0
    return home


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory):
    """One build of the real sources into a temporary folder, in every format."""
    from mgi_graph.build.pipeline import build

    return build(tmp_path_factory.mktemp("build"), formats=("jsonld", "turtle"))


@pytest.fixture(scope="session")
def graph(built):
    return built.graph


@pytest.fixture(scope="session")
def endpoint(built, tmp_path_factory: pytest.TempPathFactory):
    """The built graph served by a real Oxigraph server on 127.0.0.1 (query URL)."""
    from tests.servers import oxigraph_server

    with oxigraph_server(built.out_dir / "mgi-graph.nt", tmp_path_factory.mktemp("store")) as url:
        yield url


@pytest.fixture(scope="session")
def wikidata(tmp_path_factory: pytest.TempPathFactory):
    """A local stand-in for the Wikidata endpoint: a real Oxigraph server loaded with a small
    Wikidata-shaped fixture. No test reaches the internet."""
    from tests.servers import oxigraph_server

    data = Path(__file__).parent / "fixtures" / "wikidata" / "entities.nt"
    with oxigraph_server(data, tmp_path_factory.mktemp("wikidata")) as url:
        yield url


def example_params(query, wikidata_url: str) -> dict[str, str]:
    """The example value of each required parameter; the stand-in for a SERVICE endpoint."""
    values = {p.name: p.example for p in query.params if p.required}
    if any(p.name == "service" for p in query.params):
        values["service"] = wikidata_url
    return values


def query_rows(built, name: str, **params: str) -> list[dict[str, str]]:
    """The rows of catalogue query ``name`` on the built graph, as dicts by column."""
    from mgi_graph.query.engines import run
    from mgi_graph.query.stored_queries import load_queries

    q = load_queries()[name]
    table = run(q.text, q.bind(params), data=built.out_dir / "mgi-graph.nt")
    return [dict(zip(table.columns, r, strict=True)) for r in table.rows]
