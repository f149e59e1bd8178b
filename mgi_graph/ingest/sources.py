"""The source catalogue: which documents the graph is built from, each with its file, its
SHA-256 and what the catalogue says of it.

>>> [s.file_name for s in load_catalogue()][:2]
['article-kazakhstan-migration-regulation.txt', 'iom-news-astana-roundtable-2014.txt']
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from mgi_graph.core.errors import InputError
from mgi_graph.core.files import sha256_file
from mgi_graph.core.namespaces import local_name
from mgi_graph.core.paths import Home, home
from mgi_graph.core.rdffiles import load_turtle
from mgi_graph.core.vocab import DCTERMS, MGI, RDF, ordered

__all__ = ["SourceRecord", "catalogue_files", "load_catalogue"]


@dataclass(frozen=True)
class SourceRecord:
    """One catalogued source document."""

    iri: URIRef
    file_name: str
    sha256: str
    kind: str
    languages: tuple[str, ...]
    country: URIRef | None
    profile: URIRef | None
    publisher: URIRef | None

    sources_dir: Path
    #: A profile known to be partial (mgi:partialPage true): what it lacks is noted.
    partial: bool = False
    #: For a text read from a PDF: the offset at which each page begins (mgi:pageStarts).
    page_starts: tuple[int, ...] = ()

    @property
    def path(self) -> Path:
        return self.sources_dir / self.file_name

    def page_of(self, offset: int) -> int | None:
        """The page (1-based) of the original PDF that character ``offset`` of the text is on;
        None for a source that is no PDF.

        >>> from pathlib import Path
        >>> rec = SourceRecord(URIRef("x:s"), "s.txt", "", "", (), None, None, None, Path("."),
        ...                    page_starts=(0, 120, 480))
        >>> rec.page_of(0), rec.page_of(119), rec.page_of(120), rec.page_of(900)
        (1, 1, 2, 3)
        """
        if not self.page_starts:
            return None
        return bisect.bisect_right(self.page_starts, offset)

    @property
    def key(self) -> str:
        """The stable key of the document: its IRI's last segment."""
        return local_name(self.iri)


def load_catalogue(path: Path | None = None, sources_dir: Path | None = None) -> list[SourceRecord]:
    """Read the catalogue at ``path``, or the corpus's (its main file and the records of added
    documents, one file each), and check it against the files in ``sources_dir``."""
    h = home()
    files = catalogue_files(h) if path is None else [path]
    path = files[0]
    sources_dir = sources_dir or h.sources_dir
    g = Graph()
    for f in files:
        load_turtle(f, into=g)
    records: list[SourceRecord] = []
    for doc in ordered(g.subjects(RDF.type, MGI.SourceDocument)):
        assert isinstance(doc, URIRef)

        def one(prop: URIRef, doc: URIRef = doc) -> object:
            values = list(g.objects(doc, prop))
            return values[0] if len(values) == 1 else None

        name, digest, kind = one(MGI.fileName), one(MGI.sha256), one(MGI.documentKind)
        if not isinstance(name, Literal) or not isinstance(digest, Literal) or kind is None:
            raise InputError(
                f"catalogue record {doc} needs exactly one mgi:fileName, mgi:sha256 "
                "and mgi:documentKind",
                path=path,
            )
        publisher = one(DCTERMS.publisher)
        records.append(
            SourceRecord(
                iri=doc,
                file_name=str(name),
                sha256=str(digest),
                kind=local_name(kind),
                languages=tuple(sorted(str(v) for v in g.objects(doc, DCTERMS.language))),
                country=one(MGI.subjectCountry),  # type: ignore[arg-type]
                profile=one(MGI.reportsProfile),  # type: ignore[arg-type]
                publisher=publisher if isinstance(publisher, URIRef) else None,
                sources_dir=sources_dir,
                partial=Literal(True) in set(g.objects(doc, MGI.partialPage)),
                page_starts=_page_starts(one(MGI.pageStarts), doc, path),
            )
        )
    records.sort(key=lambda r: r.file_name)
    _check_files(records, path, sources_dir)
    return records


def _page_starts(value: object, doc: URIRef, path: Path) -> tuple[int, ...]:
    """The offsets of ``mgi:pageStarts`` ("0 1520 3011"), checked to rise from 0."""
    if value is None:
        return ()
    words = str(value).split()
    starts = tuple(int(w) for w in words if w.isdigit())
    if len(starts) != len(words) or not starts or starts[0] != 0 or list(starts) != sorted(starts):
        raise InputError(
            f"catalogue record {doc}: mgi:pageStarts must be the offsets at which the pages "
            f"begin, rising from 0, separated by spaces; it is {str(value)!r}",
            path=path,
        )
    return starts


def catalogue_files(h: Home | None = None) -> list[Path]:
    """The catalogue of a corpus: its main file, then one file per added document."""
    h = h or home()
    return [h.catalogue_file, *sorted(h.added_catalogue_dir.glob("*.ttl"))]


def _check_files(records: list[SourceRecord], path: Path, sources_dir: Path) -> None:
    names = {r.file_name for r in records}
    on_disk = {p.name for p in sources_dir.glob("*.txt")}
    for extra in sorted(on_disk - names):
        raise InputError(
            f"source file {extra} is not described in the catalogue {path.name}",
            path=sources_dir / extra,
        )
    for rec in records:
        file = sources_dir / rec.file_name
        if not file.is_file():
            raise InputError(f"catalogued source file is missing: {rec.file_name}", path=path)
        digest = sha256_file(file)
        if digest != rec.sha256:
            raise InputError(
                f"source file changed: its SHA-256 is {digest}, the catalogue records "
                f"{rec.sha256}; sources are quoted and must not be edited (update the "
                "catalogue if the change is intended)",
                path=file,
            )
