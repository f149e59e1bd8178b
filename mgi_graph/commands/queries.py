"""Asking the graph: ``queries``, ``query``, ``sparql``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mgi_graph.core.errors import EXIT_OK, InputError, MgiError

if TYPE_CHECKING:
    pass


def cmd_queries(args: argparse.Namespace) -> int:
    """List the catalogue of canned queries with their titles and parameters."""
    from mgi_graph.query.stored_queries import load_queries

    for q in load_queries().values():
        print(f"{q.name:28} {q.title}")
        for p in q.params:
            need = "required" if p.required else f"default {p.default}" if p.default else "optional"
            print(f"{'':28}   --param {p.name}=<{p.type}>  ({need}; e.g. {p.example})")
    return EXIT_OK


def cmd_query(args: argparse.Namespace) -> int:
    """Run one canned query from the catalogue (see `mgi-graph queries`).

    Parameters are given as --param key=value and bound as typed RDF terms; IRIs may be
    written as prefixed names (country:KZ, domain:4, mgid:...). Runs on the embedded Oxigraph
    store by default, building the graph first if build/ is missing or out of date;
    --engine rdflib runs the same text on rdflib, --endpoint URL on a remote SPARQL 1.1
    endpoint (through SPARQLWrapper).
    """
    from mgi_graph.build.manifest import ensure_built
    from mgi_graph.query.engines import check_values, runner_for
    from mgi_graph.query.output import render
    from mgi_graph.query.stored_queries import get_query, parse_param_args

    q = get_query(args.name)
    values = parse_param_args(args.param)
    if args.lang and any(p.name == "lang" for p in q.params):
        values.setdefault("lang", args.lang)
    bindings = q.bind(values)
    graph = _remote_graph(args)  # checked first: --graph without --endpoint is an error
    data = None if args.endpoint else ensure_built()  # once: the runner is given it
    if not values and args.engine == "oxigraph" and data is not None:
        # The answer with the default parameters, as the build kept it.
        from mgi_graph.build.answers import cached_answer
        from mgi_graph.query.engines import with_bindings
        from mgi_graph.query.results import Table

        kept = cached_answer(data, q.name, with_bindings(q.text, bindings))
        if kept is not None:
            sys.stdout.write(render(Table(*kept), args.format))
            return EXIT_OK
    runner = runner_for(args.engine, args.endpoint, graph, data)
    bindings.update(check_values(runner, {k: v for k, v in bindings.items() if k in values}))
    table = runner(q.text, bindings)
    sys.stdout.write(render(table, args.format))
    return EXIT_OK


def _remote_graph(args: argparse.Namespace) -> str | None:
    """The --graph IRI, checked; only meaningful with --endpoint."""
    if args.graph is None:
        return None
    if args.endpoint is None:
        raise MgiError("--graph names a graph of a remote store; it needs --endpoint")
    import pyoxigraph as ox

    try:
        return ox.NamedNode(args.graph).value
    except ValueError as exc:
        raise MgiError(f"not a valid graph IRI: {args.graph!r} ({exc})") from None


def cmd_sparql(args: argparse.Namespace) -> int:
    """Run an ad-hoc SPARQL query, given as text or as the path of a .rq file: SELECT (a
    table, in --format), ASK (true or false) or CONSTRUCT and DESCRIBE (Turtle).

    The project's prefixes (mgi:, mgid:, country:, domain:, skos:, dcterms:...; see
    --prefixes) are declared for the query when it uses them without declaring them; an
    error's position is counted in the query as written. With --endpoint URL the query runs
    on a remote SPARQL 1.1 store; a SPARQL Update is sent there only with --allow-update (the
    built graph itself is read-only: change data/ and build).
    """
    from mgi_graph.build.manifest import ensure_built
    from mgi_graph.query.engines import run
    from mgi_graph.query.output import render
    from mgi_graph.query.results import EngineError
    from mgi_graph.query.stored_queries import (
        SPARQL_PREFIXES,
        undeclared_prefixes,
        user_positions,
        with_prefixes,
    )

    if args.prefixes:
        for name, iri in SPARQL_PREFIXES.items():
            print(f"PREFIX {name}: <{iri}>")
        return EXIT_OK
    if args.query is None:
        raise InputError("sparql needs a query: its text, or the path of a .rq file")
    text = _query_text(args.query)
    try:
        if args.endpoint is None and args.engine == "oxigraph":
            out = _local_answer(ensure_built(), with_prefixes(text), args.format)
        else:
            data = None if args.endpoint else ensure_built()
            table = run(
                with_prefixes(text),
                {},
                engine=args.engine,
                data=data,
                endpoint=args.endpoint,
                default_graph=_remote_graph(args),
                allow_update=args.allow_update,
            )
            out = render(table, args.format)
    except EngineError as exc:
        missing = undeclared_prefixes(text)
        if missing and "syntax" in str(exc).casefold():
            names = ", ".join(f"{p}:" for p in missing)
            raise EngineError(
                f"the query uses the prefix {names}, which it does not declare and mgi-graph "
                "does not predefine (see mgi-graph sparql --prefixes)"
            ) from None
        raise EngineError(user_positions(str(exc), text)) from None
    sys.stdout.write(out)
    return EXIT_OK


def _local_answer(data: Path, text: str, fmt: str) -> str:
    """The answer of the embedded store to ``text``, of any query form, as printed."""
    import json

    import pyoxigraph as ox

    from mgi_graph.query.engines import LocalStore, table_of
    from mgi_graph.query.output import render, turtle

    result = LocalStore(data).answer(text)
    if isinstance(result, ox.QuerySolutions):
        return render(table_of(result), fmt)
    if isinstance(result, ox.QueryBoolean):
        answer = bool(result)
        return (
            json.dumps({"boolean": answer}) + "\n" if fmt == "json" else f"{str(answer).lower()}\n"
        )
    return turtle(result)


def _query_text(arg: str) -> str:
    """The query of ``sparql``: the file ``arg`` names, or ``arg`` itself; an argument that
    can only be a path (a .rq or .sparql name, or a path without spaces) must exist."""
    path = Path(arg)
    looks_like_path = path.suffix in (".rq", ".sparql") or (
        os.sep in arg and not any(c.isspace() for c in arg) and "{" not in arg
    )
    if path.is_file():
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read the query file: {exc}", path=path) from None
    if looks_like_path:
        raise InputError("no such query file", path=path)
    return arg


__all__ = ["cmd_queries", "cmd_query", "cmd_sparql"]
