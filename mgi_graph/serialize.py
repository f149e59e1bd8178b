"""Deterministic serialisations: the same graph always gives the same bytes.

The graph has no blank nodes, so sorting is enough: N-Triples lines are sorted, JSON-LD node
objects are sorted by ``@id`` and their values by their JSON text; rdflib's Turtle writer
already orders subjects and predicates.

>>> from rdflib import Graph, Literal, URIRef
>>> g = Graph()
>>> _ = g.add((URIRef("http://x/b"), URIRef("http://x/p"), Literal("2")))
>>> _ = g.add((URIRef("http://x/a"), URIRef("http://x/p"), Literal("1")))
>>> print(ntriples(g), end="")
<http://x/a> <http://x/p> "1" .
<http://x/b> <http://x/p> "2" .
"""

from __future__ import annotations

import json
import os
import tempfile
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
    """The graph as sorted N-Triples."""
    lines = g.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    return "".join(line + "\n" for line in sorted(set(lines)) if line.strip())


def write_ntriples(g: Graph, path: Path) -> None:
    atomic_write(path, ntriples(g))


def write_turtle(g: Graph, path: Path) -> None:
    atomic_write(path, g.serialize(format="turtle", encoding="utf-8"))


def write_jsonld(g: Graph, path: Path, context: dict[str, str]) -> None:
    data = json.loads(g.serialize(format="json-ld", context=context, auto_compact=True))
    nodes = data.get("@graph", [data] if "@id" in data else [])
    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=lambda v: json.dumps(v, sort_keys=True))
    nodes.sort(key=lambda n: str(n.get("@id", "")))
    out = {"@context": context, "@graph": nodes}
    atomic_write(path, json.dumps(out, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
