"""Deterministic serialisations: the same graph always gives the same bytes.

The graph has no blank nodes, so sorting is enough: N-Triples lines are sorted, JSON-LD node
objects are sorted by ``@id`` and their values by their JSON text; rdflib's Turtle writer
writes Turtle from the sorted N-Triples.

>>> from rdflib import Graph, Literal, URIRef
>>> g = Graph()
>>> _ = g.add((URIRef("http://x/b"), URIRef("http://x/p"), Literal("2")))
>>> _ = g.add((URIRef("http://x/a"), URIRef("http://x/p"), Literal("1")))
>>> print(ntriples(g), end="")
<http://x/a> <http://x/p> "1" .
<http://x/b> <http://x/p> "2" .
"""

from __future__ import annotations

import functools
import json
import os
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def ntriples(g: Graph) -> str:
    """The graph as sorted N-Triples, one line per triple as rdflib's serialiser writes it.

    IRIs and blank nodes are written once each and looked up after (about twice as fast as
    ``g.serialize(format="nt")``); a literal whose text holds a Unicode line separator
    stays on its line.

    >>> from rdflib import Graph, Literal, URIRef
    >>> g = Graph()
    >>> _ = g.add((URIRef("http://x/a"), URIRef("http://x/p"), Literal("one\\u2028two")))
    >>> ntriples(g).count("\\n"), ntriples(g) == g.serialize(format="nt")
    (1, True)
    """
    from rdflib import Literal
    from rdflib.plugins.serializers.nt import _quoteLiteral

    written: dict[object, str] = {}

    def term(t: object) -> str:
        try:
            return written[t]
        except KeyError:
            text = written[t] = t.n3()  # type: ignore[attr-defined]
            return text

    # A graph holds each triple once, so its lines need no set (a third faster at ×100).
    lines = [
        f"{term(s)} {term(p)} {_quoteLiteral(o) if isinstance(o, Literal) else term(o)} .\n"
        for s, p, o in g
    ]
    lines.sort()
    return "".join(lines)


@dataclass(frozen=True)
class Counts:
    """What VoID and the build summary count, read off sorted N-Triples in one pass."""

    triples: int
    subjects: int  # distinct subjects (the lines of a subject are adjacent once sorted)
    predicates: Counter[str]  # IRI → triples
    classes: Counter[str]  # IRI → instances (rdf:type objects that are IRIs)


_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def count_ntriples(nt: str) -> Counts:
    """Count the triples, subjects, predicates and classes of sorted N-Triples text.

    Subjects and predicates hold no spaces in N-Triples, so each line splits in three at its
    first two spaces (about three times faster than iterating the rdflib graph).

    >>> c = count_ntriples(
    ...     "<http://x/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://x/C> .\\n"
    ...     '<http://x/a> <http://x/p> "1 2" .\\n'
    ...     '_:b <http://x/p> "3" .\\n'
    ... )
    >>> c.triples, c.subjects, dict(c.predicates)["http://x/p"], dict(c.classes)
    (3, 2, 2, {'http://x/C': 1})
    """
    subjects, last = 0, None
    predicates: Counter[str] = Counter()
    classes: Counter[str] = Counter()
    lines = nt.splitlines()
    for line in lines:
        s, p, o = line.split(" ", 2)
        if s != last:
            subjects, last = subjects + 1, s
        predicates[p] += 1
        if p == _RDF_TYPE and o.startswith("<"):
            classes[o[1 : o.index(">")]] += 1
    return Counts(
        len(lines),
        subjects,
        Counter({p[1:-1]: n for p, n in predicates.items()}),
        classes,
    )


def has_blank_nodes(nt: str) -> bool:
    """Whether N-Triples text holds a blank node (a term ``_:label``).

    >>> has_blank_nodes('<http://x/a> <http://x/p> "_:not a node" .'), has_blank_nodes(
    ...     "<http://x/a> <http://x/p> _:b1 .")
    (False, True)
    """
    if "_:" not in nt:
        return False
    return any(
        s.startswith("_:") or o.startswith("_:")
        for s, _, o in (line.split(" ", 2) for line in nt.splitlines())
    )


def write_ntriples(g: Graph | str, path: Path) -> None:
    """Write the graph (or its N-Triples text, when already made) as N-Triples."""
    atomic_write(path, g if isinstance(g, str) else ntriples(g))


def turtle(g: Graph | str, prefixes: dict[str, str] | None = None) -> bytes:
    """The graph as Turtle, written by Oxigraph's serialiser from the sorted N-Triples (so
    subjects come in order, each with its properties), about 25 times faster than rdflib's.

    The prefix for the project's own identifiers is left out on purpose: their local names
    contain "/", which Turtle must escape, and not every reader unescapes it.

    >>> from rdflib import Graph, Literal, URIRef
    >>> g = Graph()
    >>> _ = g.add((URIRef("http://x/a"), URIRef("http://x/p"), Literal("1")))
    >>> print(turtle(g, {"x": "http://x/"}).decode(), end="")
    @prefix x: <http://x/> .
    x:a x:p "1" .
    """
    import pyoxigraph as ox

    nt = g if isinstance(g, str) else ntriples(g)
    triples = ox.parse(nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    out = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes or {})
    assert out is not None
    return out


def write_turtle(
    g: Graph, path: Path, prefixes: dict[str, str] | None = None, nt: str | None = None
) -> None:
    """Write ``g`` as Turtle with the project's prefixes (a fixed table, so bytes are stable).

    A graph with blank nodes (the SHACL report) goes through rdflib, which writes them inline
    as ``[ … ]`` instead of with generated labels that would differ from build to build.
    """
    from rdflib import BNode

    if (
        has_blank_nodes(nt)
        if nt is not None
        else any(isinstance(t, BNode) for triple in g for t in triple)
    ):
        atomic_write(path, g.serialize(format="turtle", encoding="utf-8"))
        return
    if prefixes is None:
        from .namespaces import NAMESPACES

        extra = {
            "sh": "http://www.w3.org/ns/shacl#",
            "void": "http://rdfs.org/ns/void#",
            "dcat": "http://www.w3.org/ns/dcat#",
            "foaf": "http://xmlns.com/foaf/0.1/",
        }
        table = {**NAMESPACES, **extra}
        prefixes = {p: table[p] for p in sorted(table) if p != "mgid"}
    atomic_write(path, turtle(nt if nt is not None else g, prefixes))


def write_jsonld(g: Graph | str, path: Path, context: dict[str, str]) -> None:
    """Write the graph (or its N-Triples text) as JSON-LD with ``context``.

    Oxigraph writes expanded JSON-LD (about 40 times faster than rdflib); IRIs are then
    compacted with the context's prefixes, and nodes and values sorted, so bytes are stable.
    """
    atomic_write(path, jsonld(g if isinstance(g, str) else ntriples(g), context))


def _value_key(v: dict[str, object]) -> tuple[str, str, str, str]:
    """A total order of JSON-LD value objects: by node, then by literal."""
    get = v.get
    return (
        str(get("@id", "")),
        str(get("@value", "")),
        str(get("@type", "")),
        str(get("@language", "")),
    )


def jsonld(nt: str, context: dict[str, str]) -> str:
    """JSON-LD of the N-Triples text ``nt``, compacted with the prefixes of ``context``.

    >>> nt = '<http://x/a> <http://x/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .'
    >>> doc = jsonld(nt, {"x": "http://x/", "xsd": "http://www.w3.org/2001/XMLSchema#"})
    >>> json.loads(doc)["@graph"]
    [{'@id': 'x:a', 'x:p': [{'@type': 'xsd:integer', '@value': '1'}]}]
    """
    import pyoxigraph as ox

    triples = ox.parse(nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    expanded = json.loads(ox.serialize(triples, format=ox.RdfFormat.JSON_LD) or b"[]")
    if isinstance(expanded, dict):
        expanded = expanded.get("@graph", [expanded])
    table = sorted(((ns, p) for p, ns in context.items()), key=lambda t: -len(t[0]))

    @functools.cache
    def short(iri: str) -> str:
        for ns, prefix in table:
            local = iri[len(ns) :]
            if iri.startswith(ns) and local and not local.startswith("//"):
                return f"{prefix}:{local}"
        return iri

    def value(v: dict[str, object]) -> dict[str, object]:
        # ``v`` was parsed just now and belongs to nobody else: compacted in place.
        for key in ("@id", "@type"):
            iri = v.get(key)
            if isinstance(iri, str):
                v[key] = short(iri)
        return v

    nodes = []
    for node in expanded:
        compact: dict[str, object] = {"@id": short(node["@id"])}
        for key, values in node.items():
            if key == "@id":
                continue
            if key == "@type":
                compact["@type"] = sorted(short(t) for t in values)
                continue
            items = [value(v) for v in values]
            compact[short(key)] = sorted(items, key=_value_key) if len(items) > 1 else items
        nodes.append(compact)
    nodes.sort(key=lambda n: str(n["@id"]))
    return indented_json({"@context": context, "@graph": nodes}) + "\n"


def indented_json(data: object) -> str:
    """``json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False)``, the same text,
    about twice as fast: the standard library's C encoder does not indent, and its Python
    one pays for a generator at every level.

    >>> data = {"b": [1, {"x": "é\\"", "a": []}], "a": {}, "c": [True, None, 1.5]}
    >>> indented_json(data) == json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False)
    True
    """
    out: list[str] = []
    _indented(data, out, "\n")
    return "".join(out)


def _indented(o: object, out: list[str], newline: str) -> None:
    # Dicts and lists each have their own loop: one loop over a generator of (key, value)
    # pairs for both is shorter, but makes the whole JSON-LD 1.8 times slower to write.
    if isinstance(o, str):
        out.append(_encode_string(o))
    elif isinstance(o, dict):
        if not o:
            out.append("{}")
            return
        inner = newline + " "
        out.append("{")
        sep = inner
        for key in sorted(o):
            value = o[key]
            if type(value) is str:  # most values: written here, without a call
                out.append(f"{sep}{_encode_string(key)}: {_encode_string(value)}")
            else:
                out.append(f"{sep}{_encode_string(key)}: ")
                _indented(value, out, inner)
            sep = "," + inner
        out.append(newline)
        out.append("}")
    elif isinstance(o, list):
        if not o:
            out.append("[]")
            return
        inner = newline + " "
        out.append("[")
        sep = inner
        for item in o:
            out.append(sep)
            _indented(item, out, inner)
            sep = "," + inner
        out.append(newline)
        out.append("]")
    else:
        out.append(json.dumps(o))


_encode_string = json.encoder.encode_basestring  # type: ignore[attr-defined]
