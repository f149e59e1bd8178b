"""The build graph's store: rdflib's context-free in-memory store, without its object index.

rdflib's ``SimpleMemory`` keeps every triple in three nested-dictionary indexes: subject →
predicate → object, predicate → object → subject and object → subject → predicate. The
third serves only patterns that bind the object alone, ``(None, None, o)``, which the build
never asks; yet it is the largest (×100: 127 of the 264 MB the three indexes take), since
most objects are literals that occur once and each needs two dictionaries of its own.
:class:`TwoIndexMemory` keeps the first two. A pattern binding the object alone is still
answered, from the second index, one lookup per predicate (a graph has few of those).

>>> from rdflib import Graph, Literal, URIRef
>>> g = Graph(store=TwoIndexMemory())
>>> a, b, p, q = (URIRef(f"http://x/{n}") for n in "abpq")
>>> for t in [(a, p, Literal("1")), (b, p, a), (b, q, a), (a, q, b)]:
...     _ = g.add(t)
>>> sorted((str(s), str(p)) for s, p in g.subject_predicates(a))  # (None, None, a)
[('http://x/b', 'http://x/p'), ('http://x/b', 'http://x/q')]
>>> g.remove((b, p, None))  # doctest: +ELLIPSIS
<Graph ...>
>>> len(g), sorted(str(s) for s, _ in g.subject_predicates(a))
(3, ['http://x/b'])
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rdflib.plugins.stores.memory import SimpleMemory

_Triple = tuple[Any, Any, Any]


class TwoIndexMemory(SimpleMemory):
    """``SimpleMemory`` with its subject and predicate indexes only (see the module)."""

    def __init__(self) -> None:
        super().__init__()
        self._spo: dict[Any, dict[Any, dict[Any, int]]] = self._SimpleMemory__spo  # type: ignore[attr-defined]
        self._pos: dict[Any, dict[Any, dict[Any, int]]] = self._SimpleMemory__pos  # type: ignore[attr-defined]
        # Nothing may be written to the object index: a store that used it would fail loudly.
        self._SimpleMemory__osp = None

    def add(self, triple: _Triple, context: Any, quoted: bool = False) -> None:
        """Add ``triple`` to the two indexes (``context`` and ``quoted`` are ignored, as in
        ``SimpleMemory``)."""
        s, p, o = triple
        by_predicate = self._spo.get(s)
        if by_predicate is None:
            by_predicate = self._spo[s] = {}
        objects = by_predicate.get(p)
        if objects is None:
            objects = by_predicate[p] = {}
        objects[o] = 1
        by_object = self._pos.get(p)
        if by_object is None:
            by_object = self._pos[p] = {}
        subjects = by_object.get(o)
        if subjects is None:
            subjects = by_object[o] = {}
        subjects[s] = 1

    def remove(self, triple_pattern: _Triple, context: Any = None) -> None:
        """Remove every triple matching ``triple_pattern``."""
        for (s, p, o), _ in list(self.triples(triple_pattern)):
            del self._spo[s][p][o]
            del self._pos[p][o][s]

    def triples(
        self, triple_pattern: _Triple, context: Any = None
    ) -> Iterator[tuple[_Triple, Iterator[Any]]]:
        """The triples matching ``triple_pattern``, each with no contexts."""
        s, p, o = triple_pattern
        if s is not None or p is not None or o is None:
            yield from super().triples(triple_pattern, context)
            return
        for predicate, by_object in self._pos.items():
            subjects = by_object.get(o)
            if subjects:
                for subject in list(subjects):
                    yield (subject, predicate, o), iter(())
