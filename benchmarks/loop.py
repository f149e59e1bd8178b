"""The researcher's loop: add one profile to a corpus of ×``scale``, build, query, against a
full build of it; a build with nothing changed against the import floor; and ``add``'s
growth: a batch of 2n profiles against twice a batch of n.

    python -m benchmarks.loop [--scale 100] [--repeat 3] [--batch 100] [--code DIR]

Every step runs as a fresh process with the code of the checkout ``--code`` (by default this
one), so two checkouts can be measured side by side. Prints medians (seconds) as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .corpus import PROFILES, ROOT, make_corpus_through_add, profile_files


def run(cmd: list[str], code: Path, home: Path | None = None) -> float:
    """Seconds ``cmd`` takes as a fresh process with the code of ``code``."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    if home is not None:
        env["MGI_GRAPH_HOME"] = str(home)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=code, env=env)
    return time.perf_counter() - start


def mgi(*args: str) -> list[str]:
    return [sys.executable, "-m", "mgi_graph", *args]


def median(xs: list[float]) -> float:
    return round(statistics.median(xs), 2)


def add_growth(batch: int, code: Path, tmp: Path) -> dict[str, float]:
    """Seconds to add a batch of ``batch`` profiles and of twice as many to fresh corpora."""
    from mgi_graph.corpus.create import init_corpus

    out = {}
    for n in (batch, 2 * batch):
        folder = tmp / f"growth-{n}"
        folder.mkdir()
        files = profile_files(n, folder)
        home = tmp / f"growth-corpus-{n}"
        init_corpus(home)
        out[f"add_{n}"] = round(run(mgi("add", *map(str, files)), code, home), 2)
    out["ratio_2n_to_twice_n"] = round(out[f"add_{2 * batch}"] / (2 * out[f"add_{batch}"]), 2)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--code", type=Path, default=ROOT)
    args = ap.parse_args()
    code = args.code.resolve()
    with tempfile.TemporaryDirectory(prefix="mgi-bench-loop-") as tmp:
        tmpd = Path(tmp)
        growth = add_growth(args.batch, code, tmpd)
        home = make_corpus_through_add(args.scale, tmpd / "corpus", code)
        floor = [run([sys.executable, "-c", "import rdflib, pyshacl, pyoxigraph"], code)]
        # a checkout from before `build --force` builds every time anyway
        helps = subprocess.run(mgi("build", "--help"), capture_output=True, text=True, cwd=code)
        force = ["--force"] if "--force" in helps.stdout else []
        full = [run(mgi("build", *force), code, home) for _ in range(args.repeat)]
        unchanged = [run(mgi("build"), code, home) for _ in range(args.repeat)]
        floor += [run([sys.executable, "-c", "import rdflib, pyshacl, pyoxigraph"], code)]
        spare = tmpd / "spare"
        spare.mkdir()
        extra = profile_files(args.repeat, spare, skip=(args.scale - 1) * len(PROFILES))
        loop = []
        for f in extra:
            add = run(mgi("add", str(f)), code, home)
            build = run(mgi("build"), code, home)
            query = run(mgi("query", "scorecard", "--format", "csv"), code, home)
            loop.append(add + build + query)
        result = {
            "scale": args.scale,
            "code": str(code),
            "import_floor": median(floor),
            "full_build": median(full),
            "no_change_build": median(unchanged),
            "no_change_to_floor": round(median(unchanged) / median(floor), 2),
            "loop_add_build_query": median(loop),
            "loop_to_full_build": round(median(loop) / median(full), 2),
            **growth,
        }
        print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
