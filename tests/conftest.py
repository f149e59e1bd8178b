"""Shared fixtures: the real sources and one build of the graph per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgi_graph.paths import SOURCES_DIR

KZ_EN = SOURCES_DIR / "mgi-profile-kazakhstan-2018-en.txt"
KZ_ES = SOURCES_DIR / "mgi-profile-kazakhstan-2018-page-es.txt"
KG_EN = SOURCES_DIR / "mgi-profile-kyrgyzstan-2023-en.txt"
ARTICLE = SOURCES_DIR / "article-kazakhstan-migration-regulation.txt"
NEWS = SOURCES_DIR / "iom-news-astana-roundtable-2014.txt"

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory):
    """One build of the real sources into a temporary folder."""
    from mgi_graph.build import build

    return build(tmp_path_factory.mktemp("build"))


@pytest.fixture(scope="session")
def graph(built):
    return built.graph


@pytest.fixture(scope="session")
def endpoint(built, tmp_path_factory: pytest.TempPathFactory):
    """The built graph served by a real Oxigraph server on 127.0.0.1 (query URL)."""
    from tests.servers import oxigraph_server

    with oxigraph_server(built.out_dir / "mgi-graph.nt", tmp_path_factory.mktemp("store")) as url:
        yield url
