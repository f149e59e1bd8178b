"""Reading RDF files: the project's knowledge files (Turtle) and a researcher's own.

A syntax error becomes an :class:`InputError` with file, line and column.

>>> from mgi_graph.core.paths import ONTOLOGY_DIR
>>> g = load_turtle(ONTOLOGY_DIR / "mgi.ttl")
>>> (MGI.Finding, RDF.type, OWL.Class) in g
True
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal
from rdflib.term import Node

from mgi_graph.core.errors import InputError
from mgi_graph.core.vocab import MGI, OWL, RDF, XSD, iri

__all__ = ["MGI", "OWL", "RDF", "RDF_FORMATS", "load_rdf", "load_turtle", "quiet_literals"]

_XSD_STRING = str(XSD.string)


def load_turtle(path: Path, into: Graph | None = None) -> Graph:
    """Parse one Turtle file into ``into`` (or a new graph)."""
    g = into if into is not None else Graph()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read Turtle file: {exc.strerror or exc}", path=path) from exc
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid UTF-8: byte 0x{raw[exc.start : exc.start + 1].hex()} at byte offset "
            f"{exc.start} (Turtle files are UTF-8; is this one in another encoding, such as "
            "Windows-1251 or Latin-1?)",
            path=path,
            line=raw.count(b"\n", 0, exc.start) + 1,
        ) from None
    bnodes: dict[str, BNode] = {}
    parser = ox.parse(raw, format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
    try:
        triples = [
            (_term(q.subject, bnodes), iri(q.predicate.value), _term(q.object, bnodes))
            for q in parser
        ]
    except SyntaxError as exc:
        why = exc.msg.split(": ", 1)[-1] if exc.msg.startswith("Parser error") else exc.msg
        raise InputError(
            f"Turtle syntax error: {why}", path=path, line=exc.lineno, column=exc.offset
        ) from None
    except _NotInRdf11 as exc:
        raise InputError(f"Turtle error: {exc}", path=path) from None
    # As rdflib's own Turtle parser does: the file's prefixes become the graph's.
    for prefix, namespace in parser.prefixes.items():
        g.bind(prefix, namespace)
    g.addN((s, p, o, g) for s, p, o in triples)
    return g


@contextmanager
def quiet_literals() -> Iterator[None]:
    """rdflib logs a traceback for each ill-typed literal it meets ("hour must be in
    0..23"); the shapes report such a literal as a result, so the traceback is noise."""
    log = logging.getLogger("rdflib.term")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        log.setLevel(level)


#: rdflib's parser names for file name endings other than Turtle's.
RDF_FORMATS = {
    ".nt": "nt", ".n3": "n3", ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml",
    ".xml": "xml", ".owl": "xml", ".trig": "trig", ".nq": "nquads",
}  # fmt: skip


def load_rdf(path: Path, into: Graph | None = None) -> Graph:
    """Parse one RDF file into ``into`` (or a new graph): Turtle as :func:`load_turtle` does,
    other formats by their name's ending with rdflib. Raises :class:`InputError` naming the
    file (and the line, where the parser tells it) for a file that cannot be read or parsed,
    or that holds a literal RDF does not allow (``"x"^^rdf:langString``, with no language:
    Oxigraph's Turtle parser refuses it, rdflib's other parsers do not).
    """
    if not path.is_file():
        raise InputError("no such file", path=path)
    fmt = RDF_FORMATS.get(path.suffix.lower())
    if fmt is None:
        with quiet_literals():
            return load_turtle(path, into=into)
    part = Graph()
    try:
        with quiet_literals():
            part.parse(path, format=fmt)
    except Exception as exc:  # rdflib's parsers raise many types
        line = getattr(exc, "lineno", None) or getattr(exc, "line", None)
        why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(
            f"cannot parse RDF: {why}", path=path, line=line if isinstance(line, int) else None
        ) from None
    for o in part.objects():
        if isinstance(o, Literal) and o.datatype == RDF.langString and not o.language:
            raise InputError(
                f'the literal "{o}"^^rdf:langString has no language tag, which RDF requires',
                path=path,
            )
    if into is None:
        return part
    for t in part:
        into.add(t)
    return into


def _term(term: ox.NamedNode | ox.BlankNode | ox.Literal, bnodes: dict[str, BNode]) -> Node:
    """The rdflib term for a pyoxigraph one, as rdflib's Turtle parser would make it.

    Blank nodes are fresh for each file (``bnodes`` maps the file's own labels), and a plain
    string stays without a datatype, as rdflib keeps it:

    >>> _term(ox.Literal("x"), {}) == Literal("x")
    True
    >>> _term(ox.Literal("x", language="en"), {}) == Literal("x", lang="en")
    True
    >>> str(_term(ox.Literal("1", datatype=ox.NamedNode(str(XSD.integer))), {}).datatype)
    'http://www.w3.org/2001/XMLSchema#integer'
    """
    if isinstance(term, ox.NamedNode):
        return iri(term.value)
    if isinstance(term, ox.BlankNode):
        node = bnodes.get(term.value)
        if node is None:
            node = bnodes[term.value] = BNode()
        return node
    if not isinstance(term, ox.Literal):
        raise _NotInRdf11(
            f"the triple term << {term} >> is RDF 1.2, which the knowledge files do not use"
        )
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype == _XSD_STRING:
        return Literal(term.value)
    return Literal(term.value, datatype=iri(datatype))


class _NotInRdf11(ValueError):
    """A term Oxigraph's Turtle parser accepts (RDF 1.2) that rdflib's graph cannot hold."""
