"""The build graph's store: rdflib's context-free in-memory store, leaner.

rdflib's ``SimpleMemory`` keeps every triple in three nested-dictionary indexes: subject →
predicate → objects, predicate → object → subjects and object → subject → predicates, the
innermost a dictionary even when it holds one term. :class:`TwoIndexMemory` differs twice:

- It has no object index. That index serves only patterns that bind the object alone,
  ``(None, None, o)``, which the build never asks; yet it was the largest (×100: 127 of the
  264 MB the three took), since most objects are literals that occur once. Such a pattern
  is still answered, from the predicate index, one lookup per predicate (a graph has few).
- A predicate with one object for a subject (or one subject for an object) holds that term
  itself, not a dictionary of one: ×100, 386,000 of the 452,000 innermost dictionaries
  (81 MB). A second term turns it into a dictionary, in the order the terms came.

Triples come out of :meth:`TwoIndexMemory.triples` in the order ``SimpleMemory`` gives them
(unless the pattern binds the object alone, or triples were removed and added again).

>>> from rdflib import Graph, Literal, URIRef
>>> g = Graph(store=TwoIndexMemory())
>>> a, b, p, q = (URIRef(f"http://x/{n}") for n in "abpq")
>>> for t in [(a, p, Literal("1")), (b, p, a), (b, q, a), (a, q, b), (a, p, b)]:
...     _ = g.add(t)
>>> sorted((str(s), str(p)) for s, p in g.subject_predicates(a))  # (None, None, a)
[('http://x/b', 'http://x/p'), ('http://x/b', 'http://x/q')]
>>> [str(o) for o in g.objects(a, p)]
['1', 'http://x/b']
>>> g.remove((b, p, None))  # doctest: +ELLIPSIS
<Graph ...>
>>> len(g), sorted(str(s) for s, _ in g.subject_predicates(a))
(4, ['http://x/b'])
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rdflib.plugins.stores.memory import SimpleMemory

_Triple = tuple[Any, Any, Any]
#: What an index holds under two keys: one term, or several as the keys of a dictionary.
Leaf = Any
Index = dict[Any, dict[Any, Leaf]]
#: Nothing under a key (a term is never this object).
_NONE = object()
_NO_CONTEXTS: tuple[()] = ()


def terms(leaf: Leaf) -> tuple[Any, ...] | dict[Any, int]:
    """The terms an index holds under two keys.

    >>> terms("x"), terms({"x": 1, "y": 1})
    (('x',), {'x': 1, 'y': 1})
    """
    return leaf if type(leaf) is dict else (leaf,)


def _put(index: Index, a: Any, b: Any, c: Any) -> None:
    inner = index.get(a)
    if inner is None:
        index[a] = {b: c}
        return
    leaf = inner.get(b, _NONE)
    if leaf is _NONE:
        inner[b] = c
    elif type(leaf) is dict:
        leaf[c] = 1
    elif leaf is not c and leaf != c:
        inner[b] = {leaf: 1, c: 1}


def _drop(index: Index, a: Any, b: Any, c: Any) -> None:
    inner = index[a]
    leaf = inner[b]
    if type(leaf) is dict:
        del leaf[c]
        if leaf:
            return
    del inner[b]
    if not inner:
        del index[a]


def _under(index: Index, a: Any, b: Any) -> tuple[tuple[Any, Leaf], ...]:
    """The (second key, terms) pairs ``index`` holds under ``a``: only ``b``'s if given."""
    inner = index.get(a)
    if inner is None:
        return ()
    if b is None:
        return tuple(inner.items())
    leaf = inner.get(b, _NONE)
    return () if leaf is _NONE else ((b, leaf),)


class TwoIndexMemory(SimpleMemory):
    """A context-free store of subject and predicate indexes, one term held as itself (see
    the module). ``spo`` is subject → predicate → objects, ``pos`` predicate → object →
    subjects; read the objects or subjects under two keys with :func:`terms`."""

    def __init__(self) -> None:
        super().__init__()
        self.spo: Index = {}
        self.pos: Index = {}
        # SimpleMemory's own indexes go: anything of it that still used them would fail.
        self._SimpleMemory__spo = self._SimpleMemory__pos = self._SimpleMemory__osp = None

    def add(self, triple: _Triple, context: Any, quoted: bool = False) -> None:
        """Add ``triple`` (``context`` and ``quoted`` are ignored, as in ``SimpleMemory``)."""
        s, p, o = triple
        _put(self.spo, s, p, o)
        _put(self.pos, p, o, s)

    def remove(self, triple_pattern: _Triple, context: Any = None) -> None:
        """Remove every triple matching ``triple_pattern``."""
        for (s, p, o), _ in list(self.triples(triple_pattern)):
            _drop(self.spo, s, p, o)
            _drop(self.pos, p, o, s)

    def triples(
        self, triple_pattern: _Triple, context: Any = None
    ) -> Iterator[tuple[_Triple, Iterator[Any]]]:
        """The triples matching ``triple_pattern``, each with no contexts."""
        s, p, o = triple_pattern
        none = iter(_NO_CONTEXTS)
        if s is not None:
            for predicate, leaf in _under(self.spo, s, p):
                if o is None:
                    for obj in tuple(terms(leaf)):
                        yield (s, predicate, obj), none
                elif o in terms(leaf):
                    yield (s, predicate, o), none
        elif p is not None:
            for obj, leaf in _under(self.pos, p, o):
                for subject in tuple(terms(leaf)):
                    yield (subject, p, obj), none
        elif o is not None:
            for predicate, by_object in tuple(self.pos.items()):
                leaf = by_object.get(o, _NONE)
                if leaf is not _NONE:
                    for subject in tuple(terms(leaf)):
                        yield (subject, predicate, o), none
        else:
            for subject, by_predicate in tuple(self.spo.items()):
                for predicate, leaf in tuple(by_predicate.items()):
                    for obj in tuple(terms(leaf)):
                        yield (subject, predicate, obj), none

    def __len__(self, context: Any = None) -> int:
        return sum(len(terms(leaf)) for inner in self.spo.values() for leaf in inner.values())
