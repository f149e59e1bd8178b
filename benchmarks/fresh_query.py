"""Every catalogue query from the persistent store and from the N-Triples loaded into memory,
as a fresh process and warm, on a scaled corpus; printed as a Markdown table.

    python -m benchmarks.fresh_query [--scales 100,1000] [--repeat 3] [--once-above 100]
                                     [--given] [--store-only] [--home DIR]

A fresh process is ``mgi-graph query NAME`` (required parameters given their example
value), timed whole, against the import floor (``python -c "import mgi_graph.cli, pyoxigraph"``
and ``python -c "import rdflib, pyshacl, pyoxigraph"``). The memory side is the same command
with the build's store set aside, so the graph is loaded from ``mgi-graph.nt`` as before the
store existed. Warm is one process running each query again on a store already open.
``--given`` gives every IRI parameter its example, so that a query with a parameter, which no
kept answer serves, is measured; ``--home`` reuses a corpus already made at the one scale.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .corpus import ROOT, make_project

PY = sys.executable


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env, cwd=ROOT)
    return time.perf_counter() - start


def args_for(name: str, given: bool = False) -> list[str]:
    """The command line of query ``name``, each required parameter at its example (and,
    ``given``, every other IRI parameter too, so that no kept answer serves it)."""
    from mgi_graph.query.stored_queries import get_query

    q = get_query(name)
    args = ["query", name, "--format", "tsv"]
    for p in q.params:
        if p.required or (given and p.type == "iri" and p.example):
            args += ["--param", f"{p.name}={p.example}"]
    return args


def warm(build: Path, names: list[str], repeat: int, given: bool = False) -> dict[str, float]:
    """The median seconds of each query on a store already open (in this process)."""
    from mgi_graph.query.engines import LocalStore
    from mgi_graph.query.stored_queries import get_query, parse_param_args

    store = LocalStore(build / "mgi-graph.nt")
    out = {}
    for name in names:
        q = get_query(name)
        params = args_for(name, given)[4:]
        bindings = q.bind(parse_param_args(params[1::2]))
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            store.run(q.text, bindings)
            times.append(time.perf_counter() - start)
        out[name] = statistics.median(times)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.fresh_query", description=__doc__)
    ap.add_argument("--scales", default="100,1000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--once-above", type=int, default=100)
    ap.add_argument("--queries", default="", help="comma-separated names (default: all)")
    ap.add_argument(
        "--given",
        action="store_true",
        help="give every IRI parameter its example value, not only the required ones",
    )
    ap.add_argument(
        "--store-only", action="store_true", help="leave out the N-Triples loaded into memory"
    )
    ap.add_argument("--home", help="a corpus already built at the one scale given")
    args = ap.parse_args()
    from mgi_graph.query.stored_queries import load_queries

    catalogue = load_queries()
    # The federated query reaches the network (Wikidata): it is left out.
    names = [n for n in args.queries.split(",") if n] or sorted(
        n for n, q in catalogue.items() if not q.federated
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    r = args.repeat
    floor_cli = statistics.median(
        timed([PY, "-c", "import mgi_graph.cli, pyoxigraph"], env) for _ in range(r)
    )
    floor_all = statistics.median(
        timed([PY, "-c", "import rdflib, pyshacl, pyoxigraph"], env) for _ in range(r)
    )
    print(
        f"import floor: mgi_graph.cli + pyoxigraph {floor_cli:.2f} s; "
        f"rdflib + pyshacl + pyoxigraph {floor_all:.2f} s\n"
    )
    with tempfile.TemporaryDirectory(prefix="mgi-fresh-") as tmp:
        for factor in (int(s) for s in args.scales.split(",")):
            home = Path(args.home) if args.home else make_project(factor, Path(tmp) / f"x{factor}")
            henv = {**env, "MGI_GRAPH_HOME": str(home)}
            start = time.perf_counter()
            subprocess.run(
                [PY, "-m", "mgi_graph", "build"],
                check=True,
                capture_output=True,
                env=henv,
                cwd=ROOT,
            )
            built = time.perf_counter() - start
            build = home / "build"
            runs = 1 if factor > args.once_above else r
            print(f"## ×{factor} (build {built:.1f} s, {runs} run(s) each)\n")
            print(
                "| query | fresh, store | fresh, memory | ratio | store ÷ floor | "
                "warm, store | warm, memory |"
            )
            print("|---|---|---|---|---|---|---|")
            rows = {}
            for name in names:
                cmd = [PY, "-m", "mgi_graph", *args_for(name, args.given)]
                store = statistics.median(timed(cmd, henv) for _ in range(runs))
                rows[name] = [store]
            warm_store = warm(build, names, r, args.given)
            warm_memory = dict.fromkeys(names, float("nan"))
            if not args.store_only:
                (build / "store").rename(build / "store.aside")
                try:
                    for name in names:
                        cmd = [PY, "-m", "mgi_graph", *args_for(name, args.given)]
                        rows[name].append(statistics.median(timed(cmd, henv) for _ in range(runs)))
                    warm_memory = warm(build, names, r, args.given)
                finally:
                    (build / "store.aside").rename(build / "store")
            for name in names:
                store, memory = rows[name][0], (rows[name][1:] or [float("nan")])[0]
                print(
                    f"| `{name}` | {store:.2f} s | {memory:.2f} s | {memory / store:.1f}× | "
                    f"{store / floor_cli:.1f}× | {warm_store[name]:.3f} s | "
                    f"{warm_memory[name]:.3f} s |"
                )
            fresh = statistics.median(v[0] for v in rows.values())
            print(
                f"\nmedian fresh query from the store: {fresh:.2f} s "
                f"({fresh / floor_cli:.1f}× the CLI floor, {fresh / floor_all:.1f}× the "
                "rdflib + pyshacl + pyoxigraph floor)\n",
                flush=True,
            )


if __name__ == "__main__":
    main()
