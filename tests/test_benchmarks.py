"""The benchmark runner's query timing: the figures come from the answers the command line
gives, and a slow rdflib query is stopped and reported, not turned into an error."""

from __future__ import annotations

import pytest

from benchmarks.__main__ import query_times
from mgi_graph.query.stored_queries import load_queries

pytestmark = pytest.mark.slow


def test_every_query_is_timed_on_both_engines(built):
    times = query_times(built.out_dir / "mgi-graph.nt", ("oxigraph", "rdflib"), 1, 60)
    # the federated query (wikidata-labels) is the remote service's time: left out
    expected = {n for n, q in load_queries().items() if all(p.name != "service" for p in q.params)}
    assert set(times) == expected and len(expected) == 18
    for t in times.values():
        assert t["oxigraph"] is not None and t["oxigraph"] > 0
        assert t["rdflib"] is not None and t["rdflib"] > 0


def test_a_slow_rdflib_query_is_stopped_and_reported_as_such(built):
    # a limit of a tenth of a millisecond stops every rdflib query, wherever it is stopped
    # (inside the handler for syntax errors in rdflib_solutions, the alarm once became an
    # EngineError and stopped the runner)
    times = query_times(built.out_dir / "mgi-graph.nt", ("oxigraph", "rdflib"), 1, 1e-4)
    assert all(t["rdflib"] is None for t in times.values())
    assert all(t["oxigraph"] > 0 for t in times.values())


def test_growth_counts_the_runs_on_both_sides_of_a_scale_built_once():
    from benchmarks.__main__ import growth

    rows = [
        {"factor": 10, "build": 2.0, "build_runs": [2.0]},
        {
            "factor": 100,
            "build": 14.0,
            "build_runs": [14.0, 13.0, 15.0],
            "build_after": [19.0, 20.0, 21.0],
        },
        {"factor": 1000, "build": 200.0, "build_runs": [200.0]},
    ]
    assert growth(rows)[-2:] == [
        "| ×10 → ×100 | 2.00 s → 14.00 s | 7.0 |",
        # the median of 13, 14, 15, 19, 20 and 21
        "| ×100 → ×1000 | 17.00 s (6 runs, before and after ×1000) → 200.00 s | 11.8 |",
    ]
