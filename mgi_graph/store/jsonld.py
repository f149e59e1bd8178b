"""JSON-LD of the graph, byte-stable: node objects sorted by ``@id``, their values by their
JSON text, written from the sorted N-Triples a subject at a time.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

from mgi_graph.core.files import atomic_write
from mgi_graph.store.serialize import nt_lines, ntriples

__all__ = ["jsonld", "jsonld_pieces", "write_jsonld"]


def write_jsonld(g: Graph | str | bytes, path: Path, context: dict[str, str]) -> None:
    """Write the graph (or its N-Triples) as JSON-LD with ``context``.

    IRIs are compacted with the context's prefixes, and nodes, keys and values sorted, so
    the bytes are stable (see :func:`jsonld`).
    """
    atomic_write(path, jsonld_pieces(g if isinstance(g, str | bytes) else ntriples(g), context))


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_NT_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(text: str) -> str:
    r"""The characters an N-Triples string or IRI stands for (ECHAR and UCHAR escapes).

    >>> _unescape(r'a\"b\\c\nd\u00e9\U0001F600')
    'a"b\\c\nd\xe9\U0001f600'
    """
    if "\\" not in text:
        return text
    return _NT_ESCAPE.sub(
        lambda m: chr(int(m[1] or m[2], 16)) if m[3] is None else _ECHAR[m[3]], text
    )


def jsonld(nt: str | bytes, context: dict[str, str]) -> str:
    """JSON-LD of the sorted N-Triples ``nt`` (as :func:`ntriples` writes it),
    compacted with the prefixes of ``context``: the pieces of :func:`jsonld_pieces` joined.

    >>> nt = '<http://x/a> <http://x/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .'
    >>> doc = jsonld(nt, {"x": "http://x/", "xsd": "http://www.w3.org/2001/XMLSchema#"})
    >>> json.loads(doc)["@graph"]
    [{'@id': 'x:a', 'x:p': [{'@type': 'xsd:integer', '@value': '1'}]}]
    """
    return "".join(jsonld_pieces(nt, context))


def jsonld_pieces(nt: str | bytes, context: dict[str, str]) -> list[str]:
    """The text of :func:`jsonld` in pieces, one per node object and the commas between:
    written one after another, the document is never held whole (×1000: a 430 MB file,
    held before as two copies of its text and one of its bytes).

    The document has one node object per subject, sorted by ``@id``; its keys are sorted,
    and so are the values of each key (by node, then by literal). The text is what
    ``json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False)`` writes, made here
    straight from the lines, without an expanded document in between (twice as fast as
    having Oxigraph write expanded JSON-LD and compacting that).

    >>> json.loads("".join(jsonld_pieces("", {"x": "http://x/"})))
    {'@context': {'x': 'http://x/'}, '@graph': []}
    """
    table = sorted(((ns, p) for p, ns in context.items()), key=lambda t: -len(t[0]))

    @functools.cache
    def short(term: str) -> str:
        """A compact IRI for an N-Triples IRI or blank node."""
        if term.startswith("_:"):
            return term
        iri = _unescape(term[1:-1])
        for ns, prefix in table:
            if iri.startswith(ns):
                local = iri[len(ns) :]
                if local and not local.startswith("//"):
                    return f"{prefix}:{local}"
        return iri

    enc = _encode_string

    def node(subject: str, props: dict[str, list[str]]) -> tuple[str, str]:
        """The node object of ``subject``: its compact ``@id`` and its text."""
        items = [("@id", enc(short(subject)))]
        for p, objects in props.items():
            if len(objects) == 1:  # most keys: nothing to sort
                values = _value(objects[0], short)[1]
            else:
                values = ",".join(text for _, text in sorted(_value(o, short) for o in objects))
            items.append((short(p), f"[{values}\n   ]"))
        items.sort()
        body = ",".join(f"\n   {enc(key)}: {text}" for key, text in items)
        return short(subject), f"\n  {{{body}\n  }}"

    # The lines of a subject are adjacent in sorted N-Triples: one node is made at a time.
    nodes: list[tuple[str, str]] = []
    done: set[str] = set()
    subject, props = "", dict[str, list[str]]()
    for line in nt_lines(nt):
        s, p, o = line.split(" ", 2)
        if s != subject:
            if subject:
                nodes.append(node(subject, props))
            if s in done:
                raise ValueError(f"N-Triples not sorted: the lines of {s} are not together")
            done.add(s)
            subject, props = s, {}
        objects = props.get(p)
        if objects is None:
            props[p] = [o[: o.rindex(" ")]]
        else:
            objects.append(o[: o.rindex(" ")])
    if subject:
        nodes.append(node(subject, props))
    nodes.sort()
    head = json.dumps({"@context": context}, indent=1, sort_keys=True, ensure_ascii=False)[:-2]
    if not nodes:
        return [head, ',\n "@graph": []\n}\n']
    pieces = [head, ',\n "@graph": [']
    for i, (_, text) in enumerate(nodes):
        if i:
            pieces.append(",")
        pieces.append(text)
    pieces.append("\n ]\n}\n")
    return pieces


def _value(o: str, short: Callable[[str], str]) -> tuple[tuple[str, str, str, str], str]:
    """A value object's sort key (node, then literal) and its text, from an N-Triples term."""
    pad = "\n     "
    if o[0] != '"':
        iri = short(o)
        return (iri, "", "", ""), f'\n    {{{pad}"@id": {_encode_string(iri)}\n    }}'
    end = o.rindex('"')
    value = _unescape(o[1:end])
    tail = o[end + 1 :]
    language = datatype = ""
    if tail.startswith("@"):
        language = tail[1:].lower()
        extra = f'{pad}"@language": {_encode_string(language)},'
    elif tail and tail[3:-1] != _XSD_STRING:
        datatype = short(tail[2:])
        extra = f'{pad}"@type": {_encode_string(datatype)},'
    else:
        extra = ""
    text = f'\n    {{{extra}{pad}"@value": {_encode_string(value)}\n    }}'
    return ("", value, datatype, language), text


_encode_string = json.encoder.encode_basestring
