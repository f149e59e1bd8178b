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
    assert set(times) == expected and len(expected) == 22
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


def test_the_stage_timer_times_the_builds_own_stages():
    """``benchmarks.stages`` times the stages the build reports, in its order: a copy of the
    pipeline's steps once drifted from it (and stopped at a statement that needs a development
    added first)."""
    import json
    import subprocess
    import sys

    from tests.conftest import ROOT

    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.stages"], capture_output=True, text=True, cwd=ROOT
    )
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["findings"] == 70  # KZ 36 + KG 34, the scorecard's hand counts
    stages = list(result["seconds"])
    assert stages[:3] == [
        "import",
        "reading the knowledge files",
        "reading and parsing the sources",
    ]
    assert "finding the entries named in N documents" in stages
    assert stages[-3:] == ["publishing", "build", "total"]
    assert all(t >= 0 for t in result["seconds"].values())


def test_the_synthetic_corpus_is_built_through_add(tmp_path):
    """×2 through ``add``: one copy of each shipped profile, each as a profile of a real ISO
    country the graph does not curate, with the bodies ``add`` proposes for it."""
    import json
    import subprocess
    import sys

    from benchmarks.corpus import iso_slots, make_corpus_through_add
    from tests.conftest import ROOT

    home = make_corpus_through_add(2, tmp_path / "x2")
    added = sorted(p.stem for p in (home / "data" / "catalogue").glob("*.ttl"))
    first, second = iso_slots()[:2]
    assert [first[2], second[2]] == [1, 1]
    assert len(added) == 2
    assert {a.split("-")[2].upper() for a in added} == {first[0], second[0]}
    # The copies' bodies are proposed for the countries they were added as, never taken for
    # the Kazakh or Kyrgyz entries whose names they carry ("Ministry of Internal Affairs").
    from rdflib import Graph

    from mgi_graph.core.vocab import ID, MGI

    proposed = Graph().parse(home / "curation" / "proposed.ttl")
    jurisdictions = set(proposed.objects(None, MGI.jurisdiction))
    assert jurisdictions == {ID[f"country/{first[0]}"], ID[f"country/{second[0]}"]}
    from rdflib import URIRef

    from mgi_graph.core.paths import corpus_base

    # A proposal is the corpus's own: named under its base.
    own = corpus_base(home)
    assert own.startswith("file:///")
    kazakh_name = URIRef(f"{own}org/{first[0].lower()}-ministry-of-internal-affairs")
    assert (kazakh_name, MGI.jurisdiction, ID[f"country/{first[0]}"]) in proposed
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "mgi_graph",
            "query",
            "scorecard",
            "--home",
            str(home),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)["rows"]
    by_country = {r["country_code"] for r in rows}
    assert {first[0], second[0], "KZ", "KG"} <= by_country


def test_the_researchers_loop_benchmark_runs_and_reports_every_figure(monkeypatch, capsys):
    """``python -m benchmarks.loop`` at ×2: every figure is a time measured, and the no-change
    build is reported against the import floor (the numbers themselves are the benchmark's
    business, not a test's)."""
    import json
    import sys

    from benchmarks import loop

    argv = ["loop", "--scale", "2", "--repeat", "1", "--batch", "2"]
    monkeypatch.setattr(sys, "argv", argv)
    loop.main()
    figures = json.loads(capsys.readouterr().out)
    assert figures["scale"] == 2
    for key in ("import_floor", "full_build", "no_change_build", "loop_add_build_query"):
        assert figures[key] > 0, key
    assert figures["add_2"] > 0 and figures["add_4"] > 0
    assert figures["no_change_to_floor"] == round(
        figures["no_change_build"] / figures["import_floor"], 2
    )
