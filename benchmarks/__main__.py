"""Run the benchmarks and write BENCHMARKS.md.

    python -m benchmarks [--scales 1,10,100] [--repeat 3] [--rdflib-max 10]
                         [--rdflib-timeout 120] [--once-above 100] [--corpus add|project]
                         [--out BENCHMARKS.md]

The scaled corpora are grown through ``mgi-graph add``, as a researcher grows one (copies of
the shipped profiles as profiles of real ISO countries, their bodies proposed), up to ×478;
``--corpus project`` (and any larger scale) uses the synthetic project instead.

Measures, on this machine: the import baseline and the whole ``mgi-graph build`` as fresh
processes; each build stage at each scale (in a fresh process per run); peak RSS; every
catalogue query on the embedded Oxigraph engine and on rdflib over the same data, up to the
table of strings the command line prints; a query as a fresh process on an already built
graph; and mention matching with 100 and 10,000 registry names. Reports medians.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import platform
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .corpus import PROFILES, ROOT, iso_slots, make_corpus_through_add, make_project

PY = sys.executable


def timed(cmd: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env, cwd=ROOT)
    return time.perf_counter() - start


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def env_for(home: Path | None) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if home is not None:
        env["MGI_GRAPH_HOME"] = str(home)
    return env


class _Slow(BaseException):
    """The alarm that stops a slow rdflib query: not an Exception, so that no handler for
    query errors on the way (``rdflib_solutions`` turns those into EngineError) catches it."""


def _alarm(_signum: int, _frame: object) -> None:
    raise _Slow


def query_times(
    nt: Path, engines: tuple[str, ...], repeat: int, rdflib_timeout: float = 120
) -> dict[str, dict[str, float | None]]:
    """Median seconds per catalogue query and engine; None where rdflib did not finish
    within ``rdflib_timeout`` (stopped by an alarm: rdflib runs in Python).

    Each run is what ``mgi-graph query`` does with a loaded graph: the answer as a table of
    strings (for Oxigraph, each term turned into a Python string, not only counted)."""
    import pyoxigraph as ox
    from rdflib import Graph

    from mgi_graph.query.engines import oxigraph_solutions, rdflib_solutions, with_bindings
    from mgi_graph.query.stored_queries import load_queries

    out: dict[str, dict[str, float | None]] = {}
    store = ox.Store()
    store.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
    g = None
    if "rdflib" in engines:
        g = Graph()
        g.parse(nt, format="nt")
    for name, q in sorted(load_queries().items()):
        if q.federated:
            continue  # federation: its time is the remote service's
        text = with_bindings(q.text, q.bind({p.name: p.example for p in q.params if p.required}))
        out[name] = {}
        for engine in engines:
            runs: list[float] = []
            for _ in range(repeat):
                s = time.perf_counter()
                if engine == "oxigraph":
                    oxigraph_solutions(store, text)
                else:
                    assert g is not None
                    signal.signal(signal.SIGALRM, _alarm)
                    signal.setitimer(signal.ITIMER_REAL, rdflib_timeout)
                    try:
                        rdflib_solutions(g, text)
                    except _Slow:
                        break
                    finally:
                        signal.setitimer(signal.ITIMER_REAL, 0)
                runs.append(time.perf_counter() - s)
            out[name][engine] = median(runs) if runs else None
    return out


def matcher_times(repeat: int) -> dict[int, float]:
    from mgi_graph.curate.matcher import Matcher, Name
    from mgi_graph.curate.registry import Registry
    from mgi_graph.graph.assemble import knowledge_graph
    from mgi_graph.ingest.sources import load_catalogue
    from mgi_graph.ingest.sourcetext import SourceText

    reg = Registry.from_graph(knowledge_graph())
    texts = [SourceText.read(r.path).text for r in load_catalogue()]
    real = list(reg.names)
    out = {}
    for size in (100, 10_000):
        extra = [
            Name(f"Committee number {i} on Benchmark Affairs of Region {i % 97}", f"x{i}", "KZ")
            for i in range(max(0, size - len(real)))
        ]
        names = (real + extra)[:size] if size < len(real) else real + extra
        m = Matcher(names, reg.countries)
        runs = []
        for _ in range(repeat):
            s = time.perf_counter()
            for t in texts:
                for line in t.split("\n"):
                    # an ambiguity in a cut registry is not what is timed
                    with contextlib.suppress(Exception):
                        m.find(line, country="KZ")
            runs.append(time.perf_counter() - s)
        out[size] = median(runs)
    return out


def scaled_corpus(factor: int, dest: Path, how: str) -> Path | None:
    """The corpus at ×``factor`` (None: the shipped one, ×1), made through ``add`` where
    ``how`` says so and the ISO countries give enough profiles, else as the project."""
    if factor == 1:
        return None
    if how == "add" and (factor - 1) * len(PROFILES) <= len(iso_slots()):
        return make_corpus_through_add(factor, dest)
    if how == "add":
        print(f"x{factor}: beyond what add can place; the synthetic project instead", flush=True)
    return make_project(factor, dest)


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    ap.add_argument("--scales", default="1,10,100")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rdflib-max", type=int, default=10, help="largest scale to run rdflib on")
    ap.add_argument(
        "--rdflib-timeout", type=float, default=120, help="seconds before an rdflib query stops"
    )
    ap.add_argument(
        "--once-above", type=int, default=100, help="scales above this are measured once"
    )
    ap.add_argument(
        "--corpus",
        choices=("add", "project"),
        default="add",
        help="how the scaled corpus is made: through mgi-graph add, as a researcher grows one "
        "(profiles of real ISO countries, their bodies proposed; up to x478), or as the "
        "synthetic project of hand-written catalogue records (any scale)",
    )
    ap.add_argument("--out", default=str(ROOT / "BENCHMARKS.md"))
    args = ap.parse_args()
    scales = [int(s) for s in args.scales.split(",")]
    r = args.repeat
    results: dict[str, object] = {}

    base = [timed([PY, "-c", "import rdflib, pyshacl, pyoxigraph"]) for _ in range(r)]
    results["import"] = median(base)
    print(f"import baseline {median(base):.2f} s", flush=True)

    with tempfile.TemporaryDirectory(prefix="mgi-bench-") as tmp:
        tmpd = Path(tmp)
        scale_rows = []
        homes: dict[int, dict[str, str]] = {}
        queries: dict[int, dict[str, dict[str, float]]] = {}
        for factor in scales:
            home = scaled_corpus(factor, tmpd / f"x{factor}", args.corpus)
            env = env_for(home)
            runs = 1 if factor > args.once_above else r
            stage_runs = []
            for _ in range(runs):
                out = subprocess.run(
                    [PY, "-m", "benchmarks.stages"],
                    check=True,
                    capture_output=True,
                    text=True,
                    env=env,
                    cwd=ROOT,
                )
                stage_runs.append(json.loads(out.stdout))
            stages = {
                k: median([s["seconds"][k] for s in stage_runs]) for k in stage_runs[0]["seconds"]
            }
            out_dir = tmpd / f"build-x{factor}"
            builds = [
                timed([PY, "-m", "mgi_graph", "build", "--out", str(out_dir)], env)
                for _ in range(runs)
            ]
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            row = {
                "factor": factor,
                "findings": stage_runs[0]["findings"],
                "triples": stage_runs[0]["triples"],
                "build": median(builds),
                "build_runs": builds,
                "peak_rss_mb": max(s["peak_rss_mb"] for s in stage_runs),
                "children_peak_rss_mb": peak,
                "stages": stages,
            }
            scale_rows.append(row)
            print(json.dumps(row), flush=True)
            engines = ("oxigraph", "rdflib") if factor <= args.rdflib_max else ("oxigraph",)
            queries[factor] = query_times(out_dir / "mgi-graph.nt", engines, r, args.rdflib_timeout)
            homes[factor] = env
        # The scale below one measured once is built again right after it: its runs then
        # surround the big one, and the growth between the two is not the machine's drift
        # over the quarter of an hour between them (this 2-core VM varies by a quarter).
        for lower, upper in itertools.pairwise(scale_rows):
            if upper["factor"] > args.once_above >= lower["factor"]:
                out_dir = tmpd / f"build-x{lower['factor']}"
                lower["build_after"] = [
                    timed(
                        [PY, "-m", "mgi_graph", "build", "--out", str(out_dir)],
                        homes[lower["factor"]],
                    )
                    for _ in range(r)
                ]
        results["scales"] = scale_rows
        results["queries"] = queries

    # A query on the built real graph, as a fresh process: no rebuild on the query path.
    subprocess.run(
        [PY, "-m", "mgi_graph", "build"],
        check=True,
        capture_output=True,
        cwd=ROOT,
        env=env_for(None),
    )
    q = [timed([PY, "-m", "mgi_graph", "query", "scorecard"], env_for(None)) for _ in range(r)]
    results["query_process"] = median(q)
    results["matcher"] = matcher_times(r)
    Path(args.out).write_text(report(results, args), encoding="utf-8")
    print(f"wrote {args.out}")


def report(res: dict, args: argparse.Namespace) -> str:  # type: ignore[type-arg]
    imp = res["import"]
    lines = [
        "# Benchmarks",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}. Medians of {args.repeat} runs "
        f"(one run for scales above ×{args.once_above}).",
        "",
        f"Reproduce: `python -m benchmarks --scales {args.scales} --repeat {args.repeat} "
        f"--rdflib-max {args.rdflib_max} --rdflib-timeout {args.rdflib_timeout:g} "
        f"--once-above {args.once_above} --corpus {args.corpus}`",
        "",
        "Scaled corpora: "
        + (
            "grown through `mgi-graph add` (copies of the shipped English profile pages as "
            "profiles of real ISO countries, their bodies proposed; the synthetic project "
            "above ×478)."
            if args.corpus == "add"
            else "the synthetic project (copies of the shipped profiles under made-up "
            "countries, hand-written catalogue records)."
        ),
        "",
        f'- `python -c "import rdflib, pyshacl, pyoxigraph"` (fresh process): **{imp:.2f} s**',
        "- `mgi-graph query scorecard` on a built graph (fresh process): "
        f"**{res['query_process']:.2f} s** "
        f"({res['query_process'] / imp:.1f}× the import)",
        f"- mention matching over the five sources, 100 names: {res['matcher'][100]:.3f} s; "
        f"10,000 names: {res['matcher'][10000]:.3f} s "
        f"({res['matcher'][10000] / res['matcher'][100]:.2f}×)",
        "",
        "## Build, per scale",
        "",
        "| scale | findings parsed | triples | `mgi-graph build` (fresh process) | × import "
        "| peak RSS (MB) |",
        "|---|---|---|---|---|---|",
    ]
    for row in res["scales"]:
        lines.append(
            f"| ×{row['factor']} | {row['findings']} | {row['triples']} | {row['build']:.2f} s | "
            f"{row['build'] / imp:.1f} | {row['peak_rss_mb']:.0f} |"
        )
    lines += growth(res["scales"])
    stages = list(res["scales"][0]["stages"])
    lines += [
        "",
        "## Stages (seconds, in one process)",
        "",
        "| scale | " + " | ".join(stages) + " |",
        "|---|" + "---|" * len(stages),
    ]
    for row in res["scales"]:
        lines.append(
            f"| ×{row['factor']} | " + " | ".join(f"{row['stages'][s]:.2f}" for s in stages) + " |"
        )
    lines += [
        "",
        "## Catalogue queries (seconds, store already loaded; the answer as a table of strings)",
        "",
    ]
    for factor, qs in res["queries"].items():
        lines += [
            f"### ×{factor}",
            "",
            "| query | oxigraph | rdflib | rdflib / oxigraph |",
            "|---|---|---|---|",
        ]
        for name, t in qs.items():
            ox = t["oxigraph"]
            if "rdflib" not in t:
                rds, ratio = "not run", "—"
            elif t["rdflib"] is None:
                limit = args.rdflib_timeout
                rds, ratio = f"> {limit:g} (stopped)", f"> {limit / ox:.0f}"
            else:
                rds, ratio = f"{t['rdflib']:.3f}", f"{t['rdflib'] / ox:.0f}"
            lines.append(f"| `{name}` | {ox:.4f} | {rds} | {ratio} |")
        lines.append("")
    return "\n".join(lines) + "\n"


def growth(rows: list[dict]) -> list[str]:  # type: ignore[type-arg]
    """The build time of each scale over the one below it (the target: at most 12 for a
    tenfold corpus). A scale built again after the next one counts all its runs (tested in
    ``tests/test_benchmarks.py``: pytest does not collect doctests from ``__main__.py``)."""
    lines = [
        "",
        "## Growth of the build",
        "",
        "| scales | `mgi-graph build` | ratio |",
        "|---|---|---|",
    ]
    for lower, upper in itertools.pairwise(rows):
        runs = lower["build_runs"] + lower.get("build_after", [])
        before = median(runs)
        if "build_after" in lower:
            said = f"{before:.2f} s ({len(runs)} runs, before and after ×{upper['factor']})"
        else:
            said = f"{before:.2f} s"
        lines.append(
            f"| ×{lower['factor']} → ×{upper['factor']} | {said} → {upper['build']:.2f} s | "
            f"{upper['build'] / before:.1f} |"
        )
    return lines


if __name__ == "__main__":
    main()
