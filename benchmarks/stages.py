"""Time each stage of one build in this process (run with MGI_GRAPH_HOME set); print JSON.

The stages are the build's own: each starts when :func:`mgi_graph.build.pipeline.build`
reports it to its ``progress`` callback and ends when the next starts, so the benchmark
times what ``mgi-graph build`` runs, in its order, and cannot drift from it. Numbers in a
stage's message (``adding 200 profile documents``) become ``N``, so that scales compare.
"""

from __future__ import annotations

import json
import re
import resource
import tempfile
import time
from pathlib import Path


def stage_key(message: str) -> str:
    """The stage a progress message names, its numbers replaced.

    >>> stage_key("finding the entries named in 205 documents")
    'finding the entries named in N documents'
    """
    return re.sub(r"\d+", "N", message)


def main() -> None:
    t: dict[str, float] = {}
    start = time.perf_counter()
    import pyoxigraph  # noqa: F401
    import pyshacl  # noqa: F401
    import rdflib  # noqa: F401

    t["import"] = time.perf_counter() - start
    from mgi_graph.build.pipeline import build
    from mgi_graph.core.vocab import MGI, RDF

    current: list[tuple[str, float]] = []

    def progress(message: str) -> None:
        now = time.perf_counter()
        if current:
            name, began = current.pop()
            t[name] = now - began
        current.append((stage_key(message), now))

    with tempfile.TemporaryDirectory() as d:
        built = time.perf_counter()
        result = build(Path(d) / "build", progress=progress)
        progress("")  # ends the last stage
        t["build"] = time.perf_counter() - built
    t["total"] = time.perf_counter() - start
    findings = sum(1 for _ in result.graph.subjects(RDF.type, MGI.Finding))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {"seconds": t, "triples": len(result.graph), "findings": findings, "peak_rss_mb": rss}
        )
    )


if __name__ == "__main__":
    main()
