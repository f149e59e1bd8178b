"""The ``mgi-graph`` command line: a thin layer over the package's functions.

Each command's help text is the docstring of its function (in :mod:`mgi_graph.commands`).

>>> main(["--version"])
mgi-graph 0.1.0
0
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from mgi_graph.commands.corpus import cmd_add, cmd_init, cmd_remove, cmd_review
from mgi_graph.commands.graph import cmd_build, cmd_candidates, cmd_check, cmd_parse, cmd_validate
from mgi_graph.commands.linking import register as register_link
from mgi_graph.commands.publish import cmd_push, cmd_report, cmd_serve
from mgi_graph.commands.queries import cmd_queries, cmd_query, cmd_sparql
from mgi_graph.core.errors import EXIT_NONCONFORMING, EXIT_OK, EXIT_USAGE, MgiError
from mgi_graph.core.options import DEFAULT_GRAPH, FORMATS, PROTOCOLS
from mgi_graph.core.version import __version__

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


def summary(doc: str) -> str:
    """The first sentence of a command's docstring, whole, for the list of commands.

    >>> summary("Run one canned query (see\\n    `mgi-graph queries`).\\n\\nMore. Text.")
    'Run one canned query (see `mgi-graph queries`).'
    """
    first = " ".join(doc.strip().split("\n\n")[0].split())
    end = first.find(". ")
    return first if end < 0 else first[: end + 1]


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
    debug = argparse.ArgumentParser(add_help=False)
    debug.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=debug_help)
    common = argparse.ArgumentParser(add_help=False, parents=[debug])
    common.add_argument("--home", metavar="DIR", default=argparse.SUPPRESS, help=home_help)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(
        name: str, func: Callable[[argparse.Namespace], int], *, on_corpus: bool = True
    ) -> argparse.ArgumentParser:
        doc = func.__doc__ or ""
        p = sub.add_parser(
            name,
            help=summary(doc),
            description=doc,
            epilog=EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
            parents=[common if on_corpus else debug],
        )
        p.set_defaults(func=func)
        return p

    p = add("init", cmd_init, on_corpus=False)
    p.add_argument("dir", metavar="DIR", help="The folder to make the corpus in: new or empty.")
    p.add_argument("--base", metavar="IRI", help=BASE_HELP)
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
        help="The country the document is about, by name or ISO code: for an article or a "
        "news item, and for a local profile whose title does not name its country.",
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
    p = add("remove", cmd_remove)
    p.add_argument("keys", nargs="+", metavar="KEY", help="The added documents to take out.")
    p = add("review", cmd_review)
    p.add_argument(
        "action",
        nargs="?",
        default="list",
        choices=("list", "accept", "reject", "merge", "kind"),
        help="What to do: list the proposals (the default), or accept, reject or merge some, "
        "or set their kind of body (with --kind).",
    )
    p.add_argument("keys", nargs="*", metavar="KEY", help="The proposals to settle, by key.")
    p.add_argument(
        "--into", metavar="ENTRY", help="With merge: the entry the proposal is another name of."
    )
    p.add_argument(
        "--kind",
        action="append",
        metavar="KIND",
        help="With kind: a kind of body (ontology/body-kinds.ttl: labour, interior, "
        "statistics…); repeat for several, give none to go back to the rules.",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="With merge: merge into an entry of another jurisdiction (another country's, or "
        "an international one), which is refused otherwise.",
    )
    p.add_argument(
        "--status",
        choices=("proposed", "accepted", "rejected"),
        help="With list: list only the proposals of this status.",
    )
    add("check", cmd_check)
    p = add("build", cmd_build)
    p.add_argument(
        "--out", metavar="DIR", help="The output folder (by default, the corpus's build folder)."
    )
    p.add_argument("--force", action="store_true", help="Build even if no input has changed.")
    p.add_argument("--formats", metavar="LIST", help="Also write turtle, jsonld (or all).")
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
    register_link(add)
    p = add("serve", cmd_serve)
    p.add_argument("--host", default="127.0.0.1", help="The address to listen on (127.0.0.1).")
    p.add_argument(
        "--port", type=port, default=0, help="The port to listen on (by default, a free one)."
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="Cancel a query that runs longer than this (by default 30 s).",
    )
    p.add_argument(
        "--allow-service",
        action="append",
        metavar="HOST",
        help="Let queries name a SERVICE on this host (repeat for several); by default every "
        "SERVICE is refused, so that the server makes no requests elsewhere.",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=2,
        metavar="N",
        help="Queries answered at once (worker processes; by default 2).",
    )
    p.add_argument(
        "--max-answer-bytes",
        type=int,
        default=50 * 1024 * 1024,
        metavar="N",
        help="Refuse an answer longer than this, asking for a narrower query (by default 50 MB).",
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
        "into a staging graph then a COPY (for stores whose PUT is not one transaction).",
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
        help="How to print the rows: a table fitted to the terminal (the default; IRIs as "
        "prefixed names, long values wrapped, never cut), Markdown, CSV, TSV or JSON.",
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


BASE_HELP = "The base IRI of what the corpus adds (default: file:///…/DIR/id/)."
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
    """Console-script entry point. The process ends by ``os._exit`` once the streams are
    flushed, without the interpreter's teardown of the libraries it imported (a tenth of a
    fresh query's time; docs/performance.md, process exit). Nothing is left to do at exit:
    every output is written and renamed into place before :func:`main` returns."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader has gone (``mgi-graph query … | head``)
        pass
    os._exit(code)


__all__ = ["EXIT_INTERNAL", "EXIT_NONCONFORMING", "main", "run"]
