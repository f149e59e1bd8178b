"""Time each build stage in this process (run with MGI_GRAPH_HOME set); print JSON."""

from __future__ import annotations

import json
import resource
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path


def main() -> None:
    t: dict[str, float] = {}
    start = time.perf_counter()
    import pyoxigraph  # noqa: F401
    import pyshacl  # noqa: F401
    import rdflib  # noqa: F401

    t["import"] = time.perf_counter() - start
    from mgi_graph.build.pipeline import read_sources, summarise
    from mgi_graph.core.collector import assembling
    from mgi_graph.core.namespaces import NAMESPACES
    from mgi_graph.curate.registry import Registry
    from mgi_graph.graph.assemble import add_profiles, add_superclass_types, knowledge_graph
    from mgi_graph.graph.developments import add_developments
    from mgi_graph.graph.figures import add_figures
    from mgi_graph.graph.mentions import add_text_units
    from mgi_graph.graph.statements import add_statements
    from mgi_graph.graph.void import describe_dataset
    from mgi_graph.query.catalogue import add_query_catalogue, load_queries
    from mgi_graph.store.jsonld import write_jsonld
    from mgi_graph.store.serialize import (
        count_graph,
        ntriples,
        write_ntriples,
        write_turtle,
    )
    from mgi_graph.validate.shacl import validate_graph

    def stage(name: str, fn):  # type: ignore[no-untyped-def]
        s = time.perf_counter()
        out = fn()
        t[name] = time.perf_counter() - s
        return out

    stack = ExitStack()
    with assembling(stack):  # as the build: frozen until the outputs are written
        g = stage("knowledge", knowledge_graph)
        parsed, others, sources = stage("parse", read_sources)
        stage("profiles", lambda: add_profiles(g, g, parsed))
        registry = stage("registry", lambda: Registry.from_graph(g))
        stage("statements", lambda: add_statements(g, g, sources))
        stage("developments", lambda: (add_developments(g, g, sources), add_figures(g, g, sources)))
        matcher = registry.matcher()
        stage("mentions", lambda: add_text_units(g, g, matcher, registry.entries, parsed, others))
        stage("queries", lambda: add_query_catalogue(g, load_queries()))
        stage("types", lambda: add_superclass_types(g))
    with stack:  # as the build writes: the graph stays out of garbage collections
        nt = stage("ntriples", lambda: ntriples(g))
        report = stage("validate", lambda: validate_graph(g))
        assert report.conforms
        with tempfile.TemporaryDirectory() as d:
            stage("write_nt", lambda: write_ntriples(nt, Path(d) / "g.nt"))
            stage("write_ttl", lambda: write_turtle(g, Path(d) / "g.ttl", nt=nt))
            stage("write_jsonld", lambda: write_jsonld(nt, Path(d) / "g.jsonld", dict(NAMESPACES)))

            def void_summary() -> None:
                counts = count_graph(g)
                write_turtle(describe_dataset(g, counts=counts), Path(d) / "void.ttl")
                summarise(g, counts)

            stage("void_summary", void_summary)
    t["total"] = time.perf_counter() - start
    findings = sum(len(p.profile.findings) for p in parsed)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": t, "triples": len(g), "findings": findings, "peak_rss_mb": rss}))


if __name__ == "__main__":
    main()
