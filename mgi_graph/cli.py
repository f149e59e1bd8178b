"""The ``mgi-graph`` command line: a thin layer over the package's functions.

Each command's help text is the docstring of its function.

>>> main(["--version"])
mgi-graph 0.1.0
0
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from mgi_graph.core.errors import EXIT_NONCONFORMING, EXIT_OK, EXIT_USAGE, InputError, MgiError
from mgi_graph.core.options import DEFAULT_GRAPH, FORMATS, PROTOCOLS
from mgi_graph.core.version import __version__

if TYPE_CHECKING:
    from mgi_graph.curate.proposals import Proposal

EPILOG = """exit codes:
  0  success (the data conforms)
  1  the data does not conform to the SHACL shapes
  2  usage or input error (bad arguments, unreadable or malformed input, a path that
     cannot be written)
  3  internal error (a bug: the message says how to get its traceback)
"""

EXIT_INTERNAL = 3


def port(value: str) -> int:
    """A TCP port number, 0 (a free one) to 65535."""
    n = int(value)
    if not 0 <= n <= 65535:
        raise argparse.ArgumentTypeError(f"{value} is no port: give 0 (a free one) to 65535")
    return n


def cmd_build(args: argparse.Namespace) -> int:
    """Build the graph from data/ and ontology/ into build/, validated with SHACL.

    Writes mgi-graph.ttl, .nt and .jsonld (with context.jsonld), the validation report,
    summary.json (counts per class and per country x domain x polarity) and manifest.json.
    If the graph does not conform, prints the violations grouped by country and domain,
    exits 1 and leaves the previous outputs untouched.
    """
    import time

    from mgi_graph.build.pipeline import build

    started = time.monotonic()

    def progress(stage: str) -> None:  # on a terminal only: a log or a pipe stays clean
        if sys.stderr.isatty():
            print(f"[{time.monotonic() - started:5.1f} s] {stage}", file=sys.stderr)

    result = build(Path(args.out) if args.out else None, progress)
    s = result.summary
    classes = s["classes"]
    assert isinstance(classes, dict)
    print(
        f"built {result.out_dir}: {s['triples']} triples, {classes.get('Profile', 0)} profiles, "
        f"{classes.get('Finding', 0)} findings, {classes.get('Paragraph', 0)} paragraphs, "
        f"{classes.get('Statement', 0)} statements, {classes.get('Mention', 0)} mentions, "
        f"{classes.get('Quote', 0)} quotes; "
        "the graph conforms"
    )
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate RDF files against SHACL shapes: the mgi-graph shapes, or those of --shapes.

    The data files (any format rdflib reads: Turtle, N-Triples, JSON-LD, RDF/XML…) are
    validated together, as one graph, and so are the shapes files. Use --with-knowledge to
    add the ontology, catalogue, countries and registry, so that a file holding only new
    findings can be checked. Exit 0: conforms; 1: does not conform (the report says why);
    2: a file cannot be read or the shapes are not SHACL.
    """
    from rdflib import Graph

    from mgi_graph.core.errors import InputError
    from mgi_graph.core.rdffiles import load_rdf
    from mgi_graph.graph.assemble import knowledge_graph
    from mgi_graph.validate.shacl import validate_graph

    g = knowledge_graph() if args.with_knowledge else Graph()
    for name in args.files:
        load_rdf(Path(name), into=g)
    shapes = None
    if args.shapes:
        shapes = Graph()
        for name in args.shapes:
            load_rdf(Path(name), into=shapes)
    against = ", ".join(args.shapes) if args.shapes else None
    try:
        report = validate_graph(g, shapes)
    except InputError as exc:  # the shapes cannot be run: name their files
        raise InputError(exc.reason, path=against or str(exc.path)) from None
    sys.stdout.write(report.text(against))
    return EXIT_OK if report.conforms else EXIT_NONCONFORMING


def cmd_parse(args: argparse.Namespace) -> int:
    """Print, as JSON, what the parser reads from one MGI profile text.

    Shows title, date, place, edition and every finding (domain 1-6, polarity, text, line and
    character offsets) in document order, so a curator can check a new profile before adding
    it to the catalogue.
    """
    from mgi_graph.core.namespaces import local_name
    from mgi_graph.core.paths import home
    from mgi_graph.core.rdffiles import load_turtle
    from mgi_graph.graph.assemble import country_names, resolve_country
    from mgi_graph.ingest.profile_parser import parse_profile_file

    record = parse_profile_file(args.file, partial=args.partial)
    data = record.to_json()
    country = None
    if record.place:
        country = resolve_country(record.place, country_names(load_turtle(home().countries_file)))
    data = {"country": local_name(country) if country else None, **data}
    print(json.dumps(data, indent=2, ensure_ascii=False))
    return EXIT_OK


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
    from mgi_graph.build.pipeline import ensure_built
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
        from mgi_graph.query.engines import Table, with_bindings

        kept = cached_answer(data, q.name, with_bindings(q.text, bindings))
        if kept is not None:
            sys.stdout.write(render(Table(*kept), args.format))
            return EXIT_OK
    runner = runner_for(args.engine, args.endpoint, graph, data)
    check_values(runner, {k: v for k, v in bindings.items() if k in values})
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
    """Run an ad-hoc SPARQL SELECT query, given as text or as the path of a .rq file.

    The project's prefixes (mgi:, mgid:, country:, domain:, skos:, dcterms:...; see
    --prefixes) are declared for the query when it uses them without declaring them.
    """
    from mgi_graph.build.pipeline import ensure_built
    from mgi_graph.query.engines import EngineError, run
    from mgi_graph.query.output import render
    from mgi_graph.query.stored_queries import SPARQL_PREFIXES, undeclared_prefixes, with_prefixes

    if args.prefixes:
        for name, iri in SPARQL_PREFIXES.items():
            print(f"PREFIX {name}: <{iri}>")
        return EXIT_OK
    if args.query is None:
        raise InputError("sparql needs a query: its text, or the path of a .rq file")
    text = _query_text(args.query)
    data = None if args.endpoint else ensure_built()
    try:
        table = run(
            with_prefixes(text),
            {},
            engine=args.engine,
            data=data,
            endpoint=args.endpoint,
            default_graph=_remote_graph(args),
            allow_update=args.allow_update,
        )
    except EngineError as exc:
        missing = undeclared_prefixes(text)
        if missing and "syntax" in str(exc).casefold():
            names = ", ".join(f"{p}:" for p in missing)
            raise EngineError(
                f"the query uses the prefix {names}, which it does not declare and mgi-graph "
                "does not predefine (see mgi-graph sparql --prefixes)"
            ) from None
        raise
    sys.stdout.write(render(table, args.format))
    return EXIT_OK


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


def cmd_candidates(args: argparse.Namespace) -> int:
    """List names in the sources that look like a body, law, plan or agreement but match no
    registry entry (curation aid).

    Prints FILE:LINE:COLUMN and the phrase for each; with --all, also the phrases the
    registry deliberately leaves out, with the reason. Exits 1 if any name is unaccounted
    for, 0 if every one is in the registry or excluded.
    """
    from mgi_graph.curate.candidates import source_candidates
    from mgi_graph.curate.registry import Registry
    from mgi_graph.graph.assemble import knowledge_graph

    found = source_candidates(Registry.from_graph(knowledge_graph()))
    open_ = [c for c in found if c.excluded is None]
    for c in open_:
        print(f"{c.file_name}:{c.line}:{c.column}: {c.phrase}")
    if args.all:
        for c in found:
            if c.excluded is not None:
                print(
                    f"{c.file_name}:{c.line}:{c.column}: {c.phrase} (excluded: {c.excluded.reason})"
                )
    print(
        f"{len(open_)} candidate name(s) not in the registry; "
        f"{len(found) - len(open_)} excluded on purpose",
        file=sys.stderr,
    )
    return EXIT_NONCONFORMING if open_ else EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    """Write a static website of the graph (HTML and SVG, no JavaScript) into --out
    (default build/site/): home and scorecard, the bodies × domains heatmaps, a page per
    country, profile, body, law, instrument and agreement, and a page per canned query with
    its results and a CSV download. Builds first if build/ is missing or out of date.
    """
    from mgi_graph.build.pipeline import ensure_built
    from mgi_graph.core.paths import home
    from mgi_graph.report.site import make_report

    out = Path(args.out) if args.out else home().build_dir / "site"
    n = make_report(ensure_built(), out, lang=args.lang)
    print(f"wrote {n} files to {out}; open {out / 'index.html'}")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the built graph as a read-only SPARQL 1.1 endpoint (the Oxigraph server, with its
    query editor), on 127.0.0.1 by default and a free port unless --port is given. Builds
    first if build/ is missing or out of date. Stop with Ctrl-C or SIGTERM.
    """
    from mgi_graph.build.pipeline import ensure_built
    from mgi_graph.publish.server import serve

    return serve(ensure_built(), host=args.host, port=args.port)


def cmd_push(args: argparse.Namespace) -> int:
    """Load the built graph into a SPARQL 1.1 store, replacing one named graph at once.

    --endpoint is the store's Graph Store Protocol URL (Oxigraph: http://HOST:PORT/store,
    Fuseki: http://HOST:PORT/DATASET/data), or with --protocol update its SPARQL Update URL.
    --protocol staged (Virtuoso) loads a staging graph through the Graph Store Protocol, then
    moves it onto the graph in one SPARQL Update sent to --update-endpoint.
    Credentials, if the store needs them, come from MGI_GRAPH_USER and MGI_GRAPH_PASSWORD.
    """
    from mgi_graph.build.pipeline import ensure_built
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


def cmd_init(args: argparse.Namespace) -> int:
    """Create a corpus of your own in DIR, seeded with the shipped sources.

    DIR must be new or empty; it receives the shipped sources and their curated knowledge.
    Use it with --home DIR (or MGI_GRAPH_HOME=DIR) on
    every other command; the ontology, shapes and queries stay the package's.
    """
    from mgi_graph.corpus.add import init_corpus

    h = init_corpus(Path(args.dir))
    print(f"created the corpus {h.root}; add profiles with: mgi-graph add --home {h.root} FILE...")
    return EXIT_OK


def cmd_add(args: argparse.Namespace) -> int:
    """Add MGI profiles (text or PDF files) to the corpus.

    Each is read whole (title, country, date, edition, language and every finding),
    stored in data/sources/ with its catalogue record in data/catalogue/, and the bodies,
    laws and instruments it names that no registry entry of its country covers are proposed
    in curation/proposed.ttl for review (see `mgi-graph review`). Adding the same file
    again changes nothing; a changed file under a name already added is refused unless
    --replace. Nothing is written for a file that cannot be read whole.

    Articles and news items are added with --kind article or --kind news, --country and
    --date (and --title, --publisher, --start-line where the text does not say them
    plainly): their paragraphs are matched and the names in them proposed the same way.
    """
    from mgi_graph.corpus.add import Described, add_files
    from mgi_graph.ingest.profile_parser import POLARITY_WORDS

    given = [o for o in ("country", "date", "title", "publisher", "start_line") if getattr(args, o)]
    if args.kind == "profile" and given:
        options = ", ".join("--" + o.replace("_", "-") for o in given)
        raise InputError(
            f"{options}: for --kind article or news; a profile says its own title, country and date"
        )
    about = None
    if args.kind != "profile":
        about = Described(
            args.kind,
            args.country,
            args.date,
            args.title,
            args.publisher,
            args.start_line or 1,
        )

    def progress(n: int, total: int, path: Path) -> None:
        if total > 1 and sys.stderr.isatty():
            print(f"[{n}/{total}] {path}", file=sys.stderr)

    added = add_files(
        [Path(f) for f in args.files],
        replace=args.replace,
        partial=args.partial,
        progress=progress,
        about=about,
    )
    for r in added:
        if r.action == "unchanged":
            print(f"{r.file}: already in the corpus as {r.key}; nothing changed")
            continue
        if r.kind != "profile":
            print(
                f"{r.file}: {r.action} as {r.key} ({r.kind} on country/{r.country}, "
                f"{r.title}): {r.paragraphs} paragraphs"
            )
            _print_proposals(r.proposals)
            continue
        total = sum(r.findings.values())
        print(f"{r.file}: {r.action} as {r.key} ({r.profile}, {r.title}): {total} findings")
        for domain in sorted({d for d, _ in r.findings}):
            counts = ", ".join(
                f"{r.findings[(domain, pol)]} {POLARITY_WORDS[pol]}" for pol in POLARITY_WORDS
            )
            print(f"  domain {domain}: {counts}")
        _print_proposals(r.proposals)
    return EXIT_OK


def _print_proposals(proposals: list[Proposal]) -> None:
    print(f"  {len(proposals)} entries proposed for review:")
    for p in proposals:
        parent = f", part of {p.parent}" if p.parent else ""
        print(f"    {p.iri}  {p.cls}  {p.label!r}{parent}")


def cmd_review(args: argparse.Namespace) -> int:
    """List or settle the registry entries proposed from added documents.

    `review` lists them; `review accept KEY...`, `review reject KEY...` (the name is
    then never proposed again), `review merge KEY --into ENTRY` (the proposal's names
    become ENTRY's: an acronym, a variant spelling). KEY is an entry's key as listed
    (org/md-...). The next build checks the result.
    """
    from mgi_graph.corpus.review import list_proposals, settle

    if args.action == "list":
        if args.keys:
            raise MgiError("review list takes no keys")
        rows = list_proposals(status=args.status)
        for line in rows:
            print(line)
        if not rows:
            print("no proposals" + (f" with status {args.status}" if args.status else ""))
        return EXIT_OK
    if not args.keys:
        raise MgiError(f"review {args.action} needs at least one KEY")
    for line in settle(args.action, args.keys, into=args.into):
        print(line)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per ``cmd_*`` function."""
    parser = argparse.ArgumentParser(
        prog="mgi-graph",
        description="An open knowledge graph of migration governance (IOM MGI profiles).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "-V",
        "--version",
        action="version",
        version=f"mgi-graph {__version__}",
        help="Print the version of mgi-graph, and stop.",
    )
    home_help = (
        "The corpus folder to use, made by `mgi-graph init`. The default is $MGI_GRAPH_HOME, "
        "else the shipped corpus, which is built into build/ in a source checkout and into the "
        "user data folder (~/.local/share/mgi-graph/build on Linux) when installed."
    )
    parser.add_argument("--home", metavar="DIR", help=home_help)
    debug_help = "On an internal error, print its traceback."
    parser.add_argument("--debug", action="store_true", help=debug_help)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--home", metavar="DIR", default=argparse.SUPPRESS, help=home_help)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=debug_help)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, func: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
        doc = func.__doc__ or ""
        p = sub.add_parser(
            name,
            help=doc.strip().splitlines()[0],
            description=doc,
            epilog=EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
            parents=[common],
        )
        p.set_defaults(func=func)
        return p

    p = add("init", cmd_init)
    p.add_argument("dir", metavar="DIR", help="The folder to create; it must not exist yet.")
    p = add("add", cmd_add)
    p.add_argument("files", nargs="+", metavar="FILE", help="The text or PDF files to add.")
    p.add_argument(
        "--replace",
        action="store_true",
        help="Replace a document added before from a file of the same name.",
    )
    p.add_argument("--partial", action="store_true", help=PARTIAL_HELP)
    p.add_argument(
        "--kind",
        choices=("profile", "article", "news"),
        default="profile",
        help="What the files are: MGI profiles (the default), or articles or news items, "
        "which need --country and --date.",
    )
    p.add_argument(
        "--country",
        metavar="NAME",
        help="With --kind: the country the document is about, by name or ISO code.",
    )
    p.add_argument(
        "--date",
        metavar="DATE",
        help="With --kind: its date of issue, YYYY, YYYY-MM or YYYY-MM-DD.",
    )
    p.add_argument(
        "--title", metavar="TEXT", help="With --kind: its title (by default, its first line)."
    )
    p.add_argument("--publisher", metavar="TEXT", help="With --kind: who published it.")
    p.add_argument(
        "--start-line",
        type=int,
        metavar="N",
        help="With --kind: the line its content starts on, after site navigation (default 1).",
    )
    p = add("review", cmd_review)
    p.add_argument(
        "action",
        nargs="?",
        default="list",
        choices=("list", "accept", "reject", "merge"),
        help="What to do: list the proposals (the default), or accept, reject or merge some.",
    )
    p.add_argument("keys", nargs="*", metavar="KEY", help="The proposals to settle, by key.")
    p.add_argument(
        "--into", metavar="ENTRY", help="With merge: the entry the proposal is another name of."
    )
    p.add_argument(
        "--status",
        choices=("proposed", "accepted", "rejected"),
        help="With list: list only the proposals of this status.",
    )
    p = add("build", cmd_build)
    p.add_argument(
        "--out", metavar="DIR", help="The output folder (by default, the corpus's build folder)."
    )
    p = add("validate", cmd_validate)
    p.add_argument("files", nargs="+", metavar="FILE", help="The RDF files to validate.")
    p.add_argument(
        "--shapes",
        action="append",
        metavar="FILE",
        help="Validate against the SHACL shapes in this file instead of the mgi-graph shapes "
        "(repeat it for several files).",
    )
    p.add_argument(
        "--with-knowledge",
        action="store_true",
        help="Add the project's knowledge files (ontology, registry) to the data validated.",
    )
    p = add("parse", cmd_parse)
    p.add_argument("file", metavar="FILE", help="The profile to read.")
    p.add_argument("--partial", action="store_true", help=PARTIAL_HELP)
    add("queries", cmd_queries)
    p = add("query", cmd_query)
    p.add_argument(
        "name", metavar="NAME", help="The canned query to run (see `mgi-graph queries`)."
    )
    p.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="A value for one of the query's parameters (once per parameter).",
    )
    p.add_argument(
        "--lang", default=None, help="The language of labels (en, es); English by default."
    )
    _query_options(p)
    p = add("report", cmd_report)
    p.add_argument("--out", metavar="DIR", help="Where to write the site (by default, build/site).")
    p.add_argument(
        "--lang", default="en", help="The language of labels (en, es); English by default."
    )
    p = add("serve", cmd_serve)
    p.add_argument(
        "--host", default="127.0.0.1", help="The address to listen on (by default 127.0.0.1)."
    )
    p.add_argument(
        "--port", type=port, default=0, help="The port to listen on (by default, a free one)."
    )
    p = add("push", cmd_push)
    p.add_argument(
        "--endpoint",
        required=True,
        metavar="URL",
        help="The store's Graph Store Protocol URL (or, with --protocol update, its update URL).",
    )
    p.add_argument(
        "--graph",
        default=DEFAULT_GRAPH,
        metavar="IRI",
        help=f"The named graph to replace (by default {DEFAULT_GRAPH}).",
    )
    p.add_argument(
        "--protocol",
        choices=PROTOCOLS,
        default="gsp",
        help="How to replace it: a Graph Store PUT (the default), one SPARQL Update, or a PUT "
        "into a staging graph then a MOVE (for stores whose PUT is not one transaction).",
    )
    p.add_argument(
        "--update-endpoint",
        metavar="URL",
        help="With --protocol staged: the store's SPARQL Update URL.",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=120,
        metavar="SECONDS",
        help="How long to wait for each request (by default 120 seconds).",
    )
    p = add("candidates", cmd_candidates)
    p.add_argument("--all", action="store_true", help="Also list the phrases left out on purpose.")
    p = add("sparql", cmd_sparql)
    p.add_argument(
        "query",
        metavar="QUERY_OR_FILE",
        nargs="?",
        help="The query, as text or as the path of a .rq file.",
    )
    p.add_argument(
        "--prefixes",
        action="store_true",
        help="List the prefixes a query may use without declaring them, and stop.",
    )
    _query_options(p)
    p.add_argument(
        "--allow-update",
        action="store_true",
        help="With --endpoint: send a SPARQL Update (refused otherwise).",
    )
    for each in (parser, *sub.choices.values()):
        for action in each._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = "Print this help, and stop."
    return parser


def _query_options(p: argparse.ArgumentParser) -> None:
    """The options ``query`` and ``sparql`` share: how to print, and where to run."""
    p.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="How to print the rows: an aligned table (the default), CSV, TSV or JSON.",
    )
    p.add_argument(
        "--engine",
        choices=("oxigraph", "rdflib"),
        default="oxigraph",
        help="The local engine: the embedded Oxigraph store (the default) or rdflib.",
    )
    p.add_argument(
        "--endpoint", metavar="URL", help="Run on this remote SPARQL 1.1 endpoint instead."
    )
    p.add_argument(
        "--graph",
        metavar="IRI",
        help="With --endpoint: query this named graph as the default graph (e.g. the graph "
        "`push` wrote, on stores whose default graph is not the union of their graphs).",
    )


PARTIAL_HELP = (
    "Read a profile known to be partial (cut short, or without a domain's list): what it "
    "lacks is noted on the profile instead of refused."
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 0 for --help/--version, 2 for usage errors
        code = exc.code if isinstance(exc.code, int) else EXIT_USAGE
        return code
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    from mgi_graph.core.paths import use_home

    try:
        use_home(args.home)
        return args.func(args)
    except MgiError as exc:
        print(f"mgi-graph: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("mgi-graph: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader has gone (``mgi-graph review | head``)
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (nothing more is written)
        return EXIT_OK
    except OSError as exc:  # a path or port given that cannot be used: the user's to mend
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"mgi-graph: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:
        if args.debug:
            import traceback

            traceback.print_exc()
        else:
            print(
                f"mgi-graph: internal error: {type(exc).__name__}: {exc} (a bug; run again "
                "with --debug for its traceback, and report it)",
                file=sys.stderr,
            )
        return EXIT_INTERNAL


def run() -> None:
    """Console-script entry point. The process ends without the interpreter's teardown, which
    would free the built graph object by object first: at ×1000 (4 million triples, 9 GB)
    that took 14 s after the build was done. Nothing is left to do at exit: every output is
    written and renamed into place before :func:`main` returns, and the streams are flushed
    here."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader has gone (``mgi-graph query … | head``)
        pass
    os._exit(code)


__all__ = ["EXIT_INTERNAL", "EXIT_NONCONFORMING", "main", "run"]
