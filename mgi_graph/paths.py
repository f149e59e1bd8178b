"""Where the project's folders are: the one module that knows.

Knowledge lives in ``ontology/``, ``data/`` and ``queries/`` beside the package; outputs go
to ``build/``. Set ``MGI_GRAPH_HOME`` to use another project folder.

>>> (ONTOLOGY_DIR / "mgi.ttl").is_file()
True
>>> SOURCES_DIR.name
'sources'
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(os.environ.get("MGI_GRAPH_HOME", Path(__file__).resolve().parent.parent))
ONTOLOGY_DIR = ROOT / "ontology"
DATA_DIR = ROOT / "data"
SOURCES_DIR = DATA_DIR / "sources"
QUERIES_DIR = ROOT / "queries"
BUILD_DIR = ROOT / "build"

ONTOLOGY_FILES = (ONTOLOGY_DIR / "mgi.ttl", ONTOLOGY_DIR / "domains.ttl")
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
LAYOUT_FILE = DATA_DIR / "profile-layout.toml"
CATALOGUE_FILE = DATA_DIR / "catalogue.ttl"
COUNTRIES_FILE = DATA_DIR / "countries.ttl"
REGISTRY_FILE = DATA_DIR / "registry.ttl"
STATEMENTS_FILE = DATA_DIR / "statements.ttl"
MATCHING_FILE = DATA_DIR / "matching.toml"
DEVELOPMENTS_FILE = DATA_DIR / "developments.ttl"
FIGURES_FILE = DATA_DIR / "figures.ttl"
