"""``mgi-graph init``: a new corpus of a researcher's own, seeded with the shipped one."""

from __future__ import annotations

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


def init_corpus(dest: Path) -> Home:
    """Create a corpus at ``dest`` seeded with the shipped sources and curated knowledge.

    >>> d = Path(tempfile.mkdtemp()) / "my-corpus"
    >>> h = init_corpus(d)
    >>> sorted(p.name for p in h.sources_dir.iterdir())[:1], h.proposed_file.is_file()
    (['article-kazakhstan-migration-regulation.txt'], True)
    """
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise InputError("a corpus is made in a new or empty folder; this one is not", path=dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}-", dir=dest.parent))
    try:
        data = staging / "data"
        data.mkdir()
        for name in CORPUS_FILES:
            shutil.copy2(SHIPPED.data_dir / name, data / name)
        shutil.copytree(SHIPPED.sources_dir, data / "sources")
        (data / "catalogue").mkdir()
        (staging / "curation").mkdir()
        (staging / "curation" / "proposed.ttl").write_text(render_proposed([]), "utf-8")
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
