"""``mgi-graph remove``: added documents taken out of a corpus, with the evidence they gave.

A document's files (its text, its PDF, its catalogue record) are deleted, and the passages it
gave as evidence are taken from the proposals; a proposal left with no evidence goes too,
unless the researcher has decided on it (accepted, rejected or merged), which is kept. All in
one transaction under the corpus's lock (:mod:`mgi_graph.core.corpus_lock`): a kill at any
point leaves the document wholly there or wholly gone.
"""

from __future__ import annotations

from collections.abc import Sequence

from mgi_graph.core import iris
from mgi_graph.core.corpus_lock import Transaction, corpus_lock
from mgi_graph.core.errors import InputError
from mgi_graph.core.paths import Home, home
from mgi_graph.curate.proposals import Proposal
from mgi_graph.curate.proposed_file import parse, render


def document_files(h: Home, key: str) -> list[str]:
    """The files of the added document ``key``, relative to the corpus."""
    return [
        relative(h, p)
        for p in (
            h.added_catalogue_dir / f"{key}.ttl",
            h.sources_dir / f"{key}.txt",
            h.sources_dir / f"{key}.pdf",
        )
    ]


def relative(h: Home, path: object) -> str:
    """A corpus file's path relative to the corpus, as the transaction takes it."""
    from pathlib import Path

    assert isinstance(path, Path)
    return path.relative_to(h.root).as_posix()


def without(proposals: Sequence[Proposal], key: str) -> list[Proposal]:
    """``proposals`` without the evidence the document ``key`` gave; a proposal left with
    none is dropped unless it was decided on."""
    src = str(iris.source(key, iris.own_base()))
    kept = []
    for p in proposals:
        p.evidence = [e for e in p.evidence if e.source != src]
        if p.evidence or p.status != "proposed" or p.merged_into:
            kept.append(p)
    return kept


def remove_documents(keys: Sequence[str]) -> list[str]:
    """Take the added documents ``keys`` out of the corpus in use; what was done."""
    h = home()
    h.check_writable()
    done = []
    with corpus_lock(h.root):
        proposals = parse(h.proposed_file)
        with Transaction(h.root) as txn:
            for key in keys:
                if not (h.added_catalogue_dir / f"{key}.ttl").is_file():
                    raise InputError(
                        f"no added document {key!r} in this corpus (the file names of "
                        "data/catalogue/ are the keys; the shipped sources are not removed)",
                        path=h.root,
                    )
                for f in document_files(h, key):
                    if (h.root / f).exists():
                        txn.delete(f)
                before = len(proposals)
                proposals = without(proposals, key)
                done.append(f"{key}: removed ({before - len(proposals)} proposals went with it)")
            txn.write(relative(h, h.proposed_file), render(proposals).encode("utf-8"))
    return done


__all__ = ["document_files", "relative", "remove_documents", "without"]
