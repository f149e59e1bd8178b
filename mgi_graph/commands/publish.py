"""Publishing the graph: ``report``, ``serve``, ``push``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from mgi_graph.core.errors import EXIT_OK

if TYPE_CHECKING:
    pass


def cmd_report(args: argparse.Namespace) -> int:
    """Write a static website of the graph (HTML and SVG) into --out (default build/site/):
    home and scorecard, the bodies × domains heatmap with its filters, a page per
    country, profile, body, law, instrument and agreement, and a page per canned query with
    its results and a CSV download. Builds first if build/ is missing or out of date.
    """
    from mgi_graph.build.manifest import ensure_built
    from mgi_graph.core.paths import home
    from mgi_graph.report.site import make_report

    out = Path(args.out) if args.out else home().build_dir / "site"
    n = make_report(ensure_built(), out, lang=args.lang)
    print(f"wrote {n} files to {out}; open {out / 'index.html'}")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the built graph as a read-only SPARQL 1.1 endpoint, with a query page, on
    127.0.0.1 by default and a free port unless --port is given. Queries that name a SERVICE
    are refused unless its host is allowed (--allow-service); a query is cancelled after
    --timeout seconds. Builds first if build/ is missing or out of date. Stop with Ctrl-C or
    SIGTERM.
    """
    from mgi_graph.build.manifest import ensure_built
    from mgi_graph.publish.server import serve

    return serve(
        ensure_built(),
        host=args.host,
        port=args.port,
        timeout=args.timeout,
        allow_service=args.allow_service or (),
        workers=args.workers,
        max_bytes=args.max_answer_bytes,
    )


def cmd_push(args: argparse.Namespace) -> int:
    """Load the built graph into a SPARQL 1.1 store, replacing one named graph at once.

    --endpoint is the store's Graph Store Protocol URL (Oxigraph: http://HOST:PORT/store,
    Fuseki: http://HOST:PORT/DATASET/data), or with --protocol update its SPARQL Update URL.
    --protocol staged (Virtuoso) loads a staging graph through the Graph Store Protocol, then
    moves it onto the graph in one SPARQL Update sent to --update-endpoint.
    Credentials, if the store needs them, come from MGI_GRAPH_USER and MGI_GRAPH_PASSWORD.
    """
    from mgi_graph.build.manifest import ensure_built
    from mgi_graph.publish.server import push

    n = push(
        ensure_built(),
        args.endpoint,
        graph=args.graph,
        protocol=args.protocol,
        timeout=args.timeout,
        update_endpoint=args.update_endpoint,
    )
    print(f"pushed {n} triples into <{args.graph}>")
    return EXIT_OK


__all__ = ["cmd_push", "cmd_report", "cmd_serve"]
