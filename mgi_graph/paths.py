"""Where the project's folders are: the one module that knows.

Two kinds of folder:

* the **package's knowledge**: the ontology and shapes (``ontology/``), the canned queries
  (``queries/``) and the rules by which profiles are read and names matched
  (``data/profile-layout.toml``, ``data/matching.toml``, the checked identifiers);
* a **corpus** (a "home"): the sources and what was curated from them (``data/sources/``,
  the catalogue, countries, registry, statements, developments, figures) and the proposals
  made from added documents (``curation/proposed.ttl``); its build goes to ``build/``.

The default corpus is the shipped one, beside the package. ``mgi-graph init DIR`` makes
another; ``--home DIR`` or the environment variable ``MGI_GRAPH_HOME`` selects it. A corpus
may hold its own copy of any package knowledge file (``ontology/shapes.ttl``, say), which is
then used instead of the package's.

>>> (ONTOLOGY_DIR / "mgi.ttl").is_file()
True
>>> home().sources_dir.name
'sources'
>>> Home(Path("/tmp/nowhere")).knowledge("ontology/mgi.ttl") == ONTOLOGY_DIR / "mgi.ttl"
True
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

#: The folder that holds the package and, in a source checkout, the shipped corpus.
PACKAGE_ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = PACKAGE_ROOT / "ontology"
QUERIES_DIR = PACKAGE_ROOT / "queries"
#: The package's rules, which a corpus may override with a file of the same name.
PACKAGE_RULES = (
    "data/checked-identifiers.tsv",
    "data/editions.toml",
    "data/linksets.toml",
    "data/matching.toml",
    "data/profile-layout.toml",
    "data/proposals.toml",
)
#: The variable that names the corpus when ``--home`` does not.
HOME_VARIABLE = "MGI_GRAPH_HOME"


@dataclass(frozen=True)
class Home:
    """A corpus folder: its sources, curated knowledge, proposals and build."""

    root: Path

    def knowledge(self, relative: str) -> Path:
        """A knowledge file: the corpus's own copy if it has one, else the package's."""
        own = self.root / relative
        return own if own.exists() else PACKAGE_ROOT / relative

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def sources_dir(self) -> Path:
        return self.data_dir / "sources"

    @property
    def catalogue_file(self) -> Path:
        return self.data_dir / "catalogue.ttl"

    @property
    def added_catalogue_dir(self) -> Path:
        """One catalogue record per document added with ``mgi-graph add``."""
        return self.data_dir / "catalogue"

    @property
    def countries_file(self) -> Path:
        return self.data_dir / "countries.ttl"

    @property
    def registry_file(self) -> Path:
        return self.data_dir / "registry.ttl"

    @property
    def statements_file(self) -> Path:
        return self.data_dir / "statements.ttl"

    @property
    def developments_file(self) -> Path:
        return self.data_dir / "developments.ttl"

    @property
    def figures_file(self) -> Path:
        return self.data_dir / "figures.ttl"

    @property
    def proposed_file(self) -> Path:
        """Registry entries proposed from added documents, with their review status."""
        return self.root / "curation" / "proposed.ttl"

    @property
    def build_dir(self) -> Path:
        return self.root / "build"

    @property
    def ontology_dir(self) -> Path:
        return self.knowledge("ontology/mgi.ttl").parent

    @property
    def ontology_files(self) -> tuple[Path, Path]:
        return (self.knowledge("ontology/mgi.ttl"), self.knowledge("ontology/domains.ttl"))

    @property
    def shapes_file(self) -> Path:
        return self.knowledge("ontology/shapes.ttl")

    @property
    def queries_dir(self) -> Path:
        own = self.root / "queries"
        return own if own.is_dir() else QUERIES_DIR

    @property
    def layout_file(self) -> Path:
        return self.knowledge("data/profile-layout.toml")

    @property
    def matching_file(self) -> Path:
        return self.knowledge("data/matching.toml")

    @property
    def proposals_file(self) -> Path:
        """The head words by which names of bodies and instruments are proposed."""
        return self.knowledge("data/proposals.toml")

    def input_files(self) -> list[tuple[str, Path]]:
        """Every file a build of this corpus reads, named by its path inside the corpus
        (or the package, for the package's knowledge it does not override), sorted."""
        found: dict[str, Path] = {}
        for base, folders in (
            (PACKAGE_ROOT, ("ontology", "queries")),
            (self.root, ("ontology", "queries", "data", "curation")),
        ):
            for folder in folders:
                if (base / folder).is_dir():
                    for p in (base / folder).rglob("*"):
                        if p.is_file() and "__pycache__" not in p.parts:
                            found[p.relative_to(base).as_posix()] = p
        for rule in PACKAGE_RULES:
            found.setdefault(rule, self.knowledge(rule))
        return sorted(found.items())


#: The shipped corpus (the five sources and their curated knowledge).
SHIPPED = Home(PACKAGE_ROOT)

_chosen: Home | None = None


def home() -> Home:
    """The corpus in use: the one set by :func:`use_home`, else ``MGI_GRAPH_HOME``, else the
    shipped corpus."""
    if _chosen is not None:
        return _chosen
    env = os.environ.get(HOME_VARIABLE)
    return Home(Path(env).resolve()) if env else SHIPPED


def use_home(root: str | Path | None) -> Home:
    """Use the corpus at ``root`` from now on (None: back to the default); return it."""
    global _chosen
    _chosen = Home(Path(root).resolve()) if root is not None else None
    return home()


# The shipped corpus's files, for the doctests and the tests that read the five sources.
DATA_DIR = SHIPPED.data_dir
SOURCES_DIR = SHIPPED.sources_dir
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
CATALOGUE_FILE = SHIPPED.catalogue_file
COUNTRIES_FILE = SHIPPED.countries_file
REGISTRY_FILE = SHIPPED.registry_file
DEVELOPMENTS_FILE = SHIPPED.developments_file
FIGURES_FILE = SHIPPED.figures_file
