"""``mgi-graph init``: a new corpus of a researcher's own, seeded with the shipped one."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from mgi_graph.core.corpus_lock import LOCK_NAME
from mgi_graph.core.errors import InputError
from mgi_graph.core.paths import SHIPPED, Home
from mgi_graph.curate.proposed_file import render as render_proposed

#: The shipped corpus files ``init`` copies (the package's ontology, shapes, queries and
#: rules are not copied: they are read from the package).
CORPUS_FILES = (
    "catalogue.ttl",
    "countries.ttl",
    "registry.ttl",
    "people.ttl",
    "cited-sources.ttl",
    "statements.ttl",
    "developments.ttl",
    "figures.ttl",
)


def default_base(dest: Path) -> str:
    """The base of a corpus's own IRIs when ``init`` is given none: the corpus folder's
    ``file:`` IRI, plainly the researcher's and not the project's; give a published one with
    ``init --base``.

    >>> default_base(Path("/home/ana/mgi corpus"))
    'file:///home/ana/mgi%20corpus/id/'
    """
    return dest.absolute().as_uri() + "/id/"


def check_base(base: str) -> str:
    """``base`` if it can prefix the corpus's IRIs: absolute, ending in ``/`` or ``#``.

    >>> check_base("https://example.org/mine/")
    'https://example.org/mine/'
    >>> try:
    ...     check_base("mine")
    ... except InputError as exc:
    ...     print(str(exc).split(":")[0])
    --base 'mine' is no base IRI
    """
    import pyoxigraph as ox

    try:
        ox.NamedNode(base + "x")
        ok = ":" in base and base.endswith(("/", "#")) and " " not in base
    except ValueError:
        ok = False
    if not ok:
        raise InputError(
            f"--base {base!r} is no base IRI: give an absolute IRI ending in / or # "
            "(https://example.org/my-corpus/id/)"
        )
    return base


def init_corpus(dest: Path, base: str | None = None) -> Home:
    """Create a corpus at ``dest`` seeded with the shipped sources and curated knowledge, its
    own IRIs under ``base`` (default: :func:`default_base`).

    >>> d = Path(tempfile.mkdtemp()) / "my-corpus"
    >>> h = init_corpus(d)
    >>> sorted(p.name for p in h.sources_dir.iterdir())[:1], h.proposed_file.is_file()
    (['article-kazakhstan-migration-regulation.txt'], True)
    """
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise InputError("a corpus is made in a new or empty folder; this one is not", path=dest)
    base = check_base(base) if base is not None else default_base(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}-", dir=dest.parent))
    try:
        data = staging / "data"
        data.mkdir()
        for name in CORPUS_FILES:
            shutil.copy2(SHIPPED.data_dir / name, data / name)
        shutil.copytree(SHIPPED.sources_dir, data / "sources")
        (data / "catalogue").mkdir()
        (data / "corpus.toml").write_text(
            "# The settings of this corpus.\n"
            "# The base of the IRIs of what it adds (its documents, their findings, quotes and\n"
            "# mentions, the entries proposed from them); the shipped data keep the project's.\n"
            f"base = {json.dumps(base)}\n",
            "utf-8",
        )
        (staging / "curation").mkdir()
        (staging / "curation" / "proposed.ttl").write_text(render_proposed([], base), "utf-8")
        (staging / LOCK_NAME).write_bytes(b"")  # the corpus's lock (core.corpus_lock)
        (staging / ".gitignore").write_text(
            "/build/\n/.mgi-graph.lock\n/.mgi-graph-txn/\n", "utf-8"
        )
        if dest.exists():
            dest.rmdir()
        staging.rename(dest)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Home(dest.resolve())


__all__ = ["CORPUS_FILES", "init_corpus"]
