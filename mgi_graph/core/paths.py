"""Where the project's folders are: the one module that knows.

Two kinds of folder:

* the **package's knowledge**: the ontology and shapes (``ontology/``), the canned queries
  (``queries/``) and the rules by which profiles are read and names matched
  (``data/profile-layout.toml``, ``data/matching.toml``, the checked identifiers);
* a **corpus** (a "home"): the sources and what was curated from them (``data/sources/``,
  the catalogue, countries, registry, statements, developments, figures) and the proposals
  made from added documents (``curation/proposed.ttl``); its build goes to ``build/``.

The package's knowledge and the shipped corpus are read with :mod:`importlib.resources`: in
an installed wheel they are package data in ``mgi_graph/share/`` (see ``setup.py``), in a
source checkout (or an editable install) the top-level folders of the source tree. The
default corpus is the shipped one. Its build goes to ``build/`` in a source checkout, and to
the user's data folder (``platformdirs``; ``~/.local/share/mgi-graph/build`` on Linux) in an
installed package, whose own files are never written. ``mgi-graph init DIR`` makes another
corpus; ``--home DIR`` or the environment variable ``MGI_GRAPH_HOME`` selects it. A corpus
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
from importlib import resources
from pathlib import Path

import platformdirs


def _shared() -> tuple[Path, bool]:
    """The folder that holds ``ontology/``, ``queries/`` and ``data/``, and whether it is the
    package data of an installed wheel (else the top of a source checkout)."""
    share = resources.files("mgi_graph") / "share"
    if share.is_dir():
        return Path(str(share)), True
    return Path(__file__).resolve().parents[2], False


#: The folder of the package's knowledge and the shipped corpus.
PACKAGE_ROOT, INSTALLED = _shared()
ONTOLOGY_DIR = PACKAGE_ROOT / "ontology"
QUERIES_DIR = PACKAGE_ROOT / "queries"
#: The package's rules, which a corpus may override with a file of the same name.
PACKAGE_RULES = (
    "data/checked-identifiers.tsv",
    "data/dataset.toml",
    "data/body-kinds.toml",
    "data/editions.toml",
    "data/link-classes.toml",
    "data/linksets.toml",
    "data/m49.tsv",
    "data/matching.toml",
    "data/profile-layout.toml",
    "data/proposals.toml",
)
#: The variable that names the corpus when ``--home`` does not.
HOME_VARIABLE = "MGI_GRAPH_HOME"


@dataclass(frozen=True)
class Home:
    """A corpus folder: its sources, curated knowledge, proposals and build (in ``build``,
    default ``root/build``). A corpus that is not ``writable`` (the shipped one, installed
    as package data) is read and built, never changed."""

    root: Path
    build: Path | None = None
    writable: bool = True

    def check_writable(self) -> None:
        """Raise InputError if this corpus may not be changed."""
        if not self.writable:
            from mgi_graph.core.errors import InputError

            raise InputError(
                "the shipped corpus is part of the installed package and is not changed; "
                "make a corpus of your own with `mgi-graph init DIR` and name it with "
                f"--home DIR (or {HOME_VARIABLE}=DIR)",
                path=self.root,
            )

    @property
    def corpus_file(self) -> Path:
        """The corpus's own settings (``data/corpus.toml``): the base of its IRIs."""
        return self.root / "data" / "corpus.toml"

    @property
    def base(self) -> str:
        """The base of the IRIs of what this corpus adds (its documents, their findings,
        quotes and mentions, the entries proposed from them): ``base`` in
        ``data/corpus.toml``, else the project's (the shipped corpus, and corpora made before
        the setting)."""
        return _corpus_base(self.corpus_file)

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
    def people_file(self) -> Path:
        """The people the sources name, and their posts (their links are statements)."""
        return self.data_dir / "people.ttl"

    @property
    def cited_sources_file(self) -> Path:
        """The periodicals the sources cite (bibliographic records, not registry entries)."""
        return self.data_dir / "cited-sources.ttl"

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
    def links_file(self) -> Path:
        """Wikidata items proposed for the corpus's entries by ``link``, with decisions."""
        return self.root / "curation" / "links.ttl"

    @property
    def build_dir(self) -> Path:
        return self.build or self.root / "build"

    @property
    def ontology_dir(self) -> Path:
        return self.knowledge("ontology/mgi.ttl").parent

    @property
    def ontology_files(self) -> tuple[Path, ...]:
        return (
            self.knowledge("ontology/mgi.ttl"),
            self.knowledge("ontology/domains.ttl"),
            self.knowledge("ontology/body-kinds.ttl"),
            self.knowledge("ontology/external-terms.ttl"),
        )

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

    def language_files(self) -> list[Path]:
        """The language files (``data/languages/<code>.toml``): the package's, with the
        corpus's own added or put in their place, sorted by language code."""
        found = {p.name: p for p in sorted((PACKAGE_ROOT / "data" / "languages").glob("*.toml"))}
        own = self.root / "data" / "languages"
        if own.is_dir():
            found.update({p.name: p for p in sorted(own.glob("*.toml"))})
        return [found[name] for name in sorted(found)]

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
        for lang in self.language_files():
            found.setdefault(f"data/languages/{lang.name}", lang)
        return sorted(found.items())


#: The shipped corpus (the five sources and their curated knowledge); installed, it is
#: built into the user's data folder.
SHIPPED = (
    Home(PACKAGE_ROOT, Path(platformdirs.user_data_dir("mgi-graph")) / "build", writable=False)
    if INSTALLED
    else Home(PACKAGE_ROOT)
)

_chosen: Home | None = None


def home() -> Home:
    """The corpus in use: the one set by :func:`use_home`, else ``MGI_GRAPH_HOME``, else the
    shipped corpus."""
    if _chosen is not None:
        return _chosen
    env = os.environ.get(HOME_VARIABLE)
    return Home(Path(env).expanduser().resolve()) if env else SHIPPED


def corpus_base(root: Path) -> str:
    """The base of the IRIs the corpus at ``root`` adds (see :attr:`Home.base`)."""
    return _corpus_base(root / "data" / "corpus.toml")


def _corpus_base(path: Path) -> str:
    """``base`` of the corpus settings at ``path``, or the project's base without them; read
    once per file and process (``init`` writes it, nothing changes it), for IRIs are made
    and read with it in the build's hot paths."""
    from mgi_graph.core.namespaces import NAMESPACES

    cached = _BASES.get(path)
    if cached is not None:
        return cached
    if not path.is_file():
        return NAMESPACES["mgid"]
    import tomllib

    from mgi_graph.core.errors import InputError

    try:
        base = str(tomllib.loads(path.read_text(encoding="utf-8"))["base"])
    except (OSError, KeyError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"the corpus settings need a base IRI: {exc}", path=path) from None
    _BASES[path] = base
    return base


_BASES: dict[Path, str] = {}


def use_home(root: str | Path | None) -> Home:
    """Use the corpus at ``root`` from now on (None: back to the default); return it. A
    leading ``~`` is the user's home folder; a folder that is no corpus is an error that
    says how to make one.

    >>> import tempfile
    >>> from mgi_graph.core.errors import InputError
    >>> try:
    ...     use_home(tempfile.mkdtemp())
    ... except InputError as exc:
    ...     print(str(exc).split(": ", 2)[1])
    not a corpus (it has no data/catalogue.ttl)
    """
    global _chosen
    if root is None:
        _chosen = None
        return home()
    folder = Path(root).expanduser().resolve()
    if not (folder / "data" / "catalogue.ttl").is_file():
        from mgi_graph.core.errors import InputError

        what = (
            "not a corpus (it has no data/catalogue.ttl)" if folder.is_dir() else "no such folder"
        )
        raise InputError(
            f"{what}: make one with `mgi-graph init DIR`, or give the folder `init` made",
            path=folder,
        )
    _chosen = Home(folder)
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
