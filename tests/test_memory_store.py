"""The build graph's store answers every triple pattern as rdflib's own store does, in its order."""

from __future__ import annotations

import itertools
import random

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.plugins.stores.memory import SimpleMemory

from mgi_graph.graph.assemble import new_graph
from mgi_graph.store.memory_store import TwoIndexMemory, terms
from mgi_graph.store.serialize import count_graph, count_ntriples, ntriples

NODES = [URIRef(f"http://x/n{i}") for i in range(6)]
PREDICATES = [URIRef(f"http://x/p{i}") for i in range(2)] + [RDF.type]
OBJECTS = [*NODES, Literal("a"), Literal(1), Literal("a", lang="en")]


def _pair(seed: int) -> tuple[Graph, Graph]:
    """The same random triples, some then removed by patterns, in both stores."""
    rng = random.Random(seed)
    triples = [(rng.choice(NODES), rng.choice(PREDICATES), rng.choice(OBJECTS)) for _ in range(60)]
    # Patterns that bind one or two terms, and one binding the object alone.
    removals: list[tuple[object, object, object]] = [(None, None, rng.choice(NODES))]
    while len(removals) < 4:
        pattern = tuple(
            rng.choice([None, term])
            for term in (rng.choice(NODES), rng.choice(PREDICATES), rng.choice(OBJECTS))
        )
        if pattern.count(None) in (1, 2):
            removals.append(pattern)
    graphs = Graph(store=SimpleMemory()), Graph(store=TwoIndexMemory())
    for g in graphs:
        for t in triples:
            g.add(t)
        for pattern in removals:
            g.remove(pattern)
    return graphs


@pytest.mark.parametrize("seed", range(5))
def test_every_pattern_gives_the_same_triples(seed: int) -> None:
    reference, lean = _pair(seed)
    assert len(lean) == len(reference) > 0
    patterns = itertools.product([None, *NODES], [None, *PREDICATES], [None, *OBJECTS])
    for pattern in patterns:
        got, expected = list(lean.triples(pattern)), list(reference.triples(pattern))
        if pattern[0] is None and pattern[1] is None and pattern[2] is not None:
            # answered from the predicate index: the same triples, in another order
            got, expected = sorted(got), sorted(expected)
        assert got == expected, pattern
    # the counts read off its indexes are those of the N-Triples
    assert count_graph(lean) == count_ntriples(ntriples(reference))


def test_a_triple_is_kept_in_its_two_indexes_only_and_found_by_its_object() -> None:
    store = TwoIndexMemory()
    g = Graph(store=store)
    g.add((NODES[0], PREDICATES[0], NODES[1]))
    assert list(terms(store.spo[NODES[0]][PREDICATES[0]])) == [NODES[1]]
    assert list(terms(store.pos[PREDICATES[0]][NODES[1]])) == [NODES[0]]
    assert list(g.subjects(None, NODES[1])) == [NODES[0]]  # no object index: from pos
    g.remove((NODES[0], None, None))
    assert store.spo == {} and store.pos == {}


def test_the_build_graph_uses_it() -> None:
    assert isinstance(new_graph().store, TwoIndexMemory)
