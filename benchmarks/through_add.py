"""The build of a researcher's corpus grown through ``mgi-graph add`` against the build of
the synthetic project of the same scale, side by side.

    python -m benchmarks.through_add [--scale 100] [--repeat 3]

Both hold ×``scale`` the shipped profiles' findings: the synthetic project
(:func:`benchmarks.corpus.make_project`) as hand-written catalogue records of made-up
countries; the added corpus (:func:`benchmarks.corpus.make_corpus_through_add`) as profiles
of real ISO countries added one by one, with the bodies ``add`` proposes for each. Times
``add`` once, then ``mgi-graph build`` as fresh processes, alternating the two corpora, and
prints the medians and their ratio as JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from .corpus import make_corpus_through_add, make_project


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from .__main__ import env_for, timed

    with tempfile.TemporaryDirectory(prefix="mgi-bench-through-add-") as tmp:
        tmpd = Path(tmp)
        project = make_project(args.scale, tmpd / "project")
        start = time.perf_counter()
        added = make_corpus_through_add(args.scale, tmpd / "added")
        add_seconds = time.perf_counter() - start
        proposed = (added / "curation" / "proposed.ttl").read_text("utf-8")
        times: dict[str, list[float]] = {"project": [], "added": []}
        build = [sys.executable, "-m", "mgi_graph", "build"]
        for _ in range(args.repeat):
            for name, home in (("project", project), ("added", added)):
                times[name].append(timed(build, env_for(home)))
        medians = {k: round(statistics.median(v), 2) for k, v in times.items()}
        print(
            json.dumps(
                {
                    "scale": args.scale,
                    "add_seconds": round(add_seconds, 1),
                    "proposals": proposed.count("mgi:reviewStatus"),
                    "build_median_seconds": medians,
                    "build_seconds": times,
                    "ratio_added_to_project": round(medians["added"] / medians["project"], 2),
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
