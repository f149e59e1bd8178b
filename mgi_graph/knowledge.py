"""Loading the project's knowledge files (Turtle) and its source catalogue.

A syntax error becomes an :class:`InputError` with file, line and column.

>>> from mgi_graph.paths import ONTOLOGY_DIR
>>> g = load_turtle(ONTOLOGY_DIR / "mgi.ttl")
>>> (MGI.Finding, RDF.type, OWL.Class) in g
True
>>> [s.file_name for s in load_catalogue()][:2]
['article-kazakhstan-migration-regulation.txt', 'iom-news-astana-roundtable-2014.txt']
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF
from rdflib.plugins.parsers.notation3 import BadSyntax

from .errors import InputError
from .manifest import sha256_file
from .namespaces import local_name
from .paths import CATALOGUE_FILE, SOURCES_DIR
from .vocab import MGI

__all__ = ["MGI", "OWL", "RDF", "SourceRecord", "load_catalogue", "load_turtle"]


def load_turtle(path: Path, into: Graph | None = None) -> Graph:
    """Parse one Turtle file into ``into`` (or a new graph)."""
    g = into if into is not None else Graph()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read Turtle file: {exc.strerror or exc}", path=path) from exc
    try:
        data = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid UTF-8: byte 0x{raw[exc.start : exc.start + 1].hex()} at byte offset "
            f"{exc.start} (Turtle files are UTF-8; is this one in another encoding, such as "
            "Windows-1251 or Latin-1?)",
            path=path,
            line=raw.count(b"\n", 0, exc.start) + 1,
        ) from None
    try:
        g.parse(data=data, format="turtle", publicID=path.resolve().as_uri())
    except BadSyntax as exc:
        _uri, _line, text, index, why = exc.args
        text = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
        # rdflib's own line counter can run ahead after backtracking; count from the offset.
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        raise InputError(
            f"Turtle syntax error: {why}", path=path, line=line, column=column
        ) from None
    except Exception as exc:  # rdflib raises plain exceptions for some bad terms
        raise InputError(f"Turtle error: {exc}", path=path) from None
    return g


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

    @property
    def path(self) -> Path:
        return SOURCES_DIR / self.file_name

    @property
    def key(self) -> str:
        """The stable key of the document: its IRI's last segment."""
        return local_name(self.iri)


def load_catalogue(
    path: Path = CATALOGUE_FILE, sources_dir: Path = SOURCES_DIR
) -> list[SourceRecord]:
    """Read the catalogue and check it against the files in ``sources_dir``."""
    g = load_turtle(path)
    records: list[SourceRecord] = []
    for doc in sorted(g.subjects(RDF.type, MGI.SourceDocument)):
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
            )
        )
    records.sort(key=lambda r: r.file_name)
    _check_files(records, path, sources_dir)
    return records


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
