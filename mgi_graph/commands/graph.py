"""Building, validating and reading: ``build``, ``validate``, ``parse``, ``candidates``."""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from mgi_graph.core.errors import EXIT_NONCONFORMING, EXIT_OK, InputError


def cmd_check(args: argparse.Namespace) -> int:
    """Say whether the corpus builds, and what to do if it does not.

    Builds into a temporary folder (the corpus's build/ is left as it is): exit 0 if the graph
    builds and conforms, 1 if it does not conform (the violations are listed), 2 if a file
    cannot be read or is wrong (the file and the line are named, with what to do).
    """
    import tempfile

    from mgi_graph.build.pipeline import build
    from mgi_graph.core.errors import InputError
    from mgi_graph.core.paths import home

    h = home()
    with tempfile.TemporaryDirectory(prefix="mgi-graph-check-") as tmp:
        try:
            result = build(Path(tmp) / "out")
        except InputError as exc:
            raise InputError(
                f"the corpus does not build: {exc.reason}\n{_advice(exc.path or '')}",
                path=exc.path,
                line=exc.line,
                column=exc.column,
            ) from None
    n = _counts(result.summary)
    print(
        f"the corpus {h.root} builds: {n['Profile']} profiles, {n['Finding']} findings, "
        f"{n['triples']} triples; the graph conforms"
    )
    return EXIT_OK


def _counts(summary: dict[str, object]) -> dict[str, int]:
    """A build's triples and its number of resources of each class (0 for none), from its
    summary."""
    classes = summary["classes"]
    assert isinstance(classes, dict)
    return defaultdict(int, {**classes, "triples": int(str(summary["triples"]))})


def _built_line(out_dir: Path, summary: dict[str, object]) -> str:
    n = _counts(summary)
    return (
        f"{out_dir}: {n['triples']} triples, {n['Profile']} profiles, "
        f"{n['Finding']} findings, {n['Paragraph']} paragraphs, "
        f"{n['Statement']} statements, {n['Mention']} mentions, "
        f"{n['Quote']} quotes; the graph conforms"
    )


def _advice(path: str) -> str:
    """What to do about an error in the corpus's file ``path``."""
    if "curation/proposed.ttl" in path:
        return (
            "what to do: mend the entry named in curation/proposed.ttl (or settle it with "
            "`mgi-graph review`), then check again"
        )
    if "/data/sources/" in path or "/data/catalogue/" in path:
        return (
            "what to do: take the document out with `mgi-graph remove KEY` (KEY: its file "
            "name in data/catalogue/) or add a mended file with `mgi-graph add --replace`"
        )
    return "what to do: mend the file at the line named, then check again"


def _formats(listed: str | None, known: dict[str, tuple[str, ...]]) -> list[str]:
    """The formats of ``--formats a,b``; an unknown one is an input error."""
    chosen = sorted({f.strip() for f in (listed or "").split(",") if f.strip()})
    unknown = [f for f in chosen if f not in known]
    if unknown:
        raise InputError(
            f"--formats: no such format {', '.join(unknown)} (choose from {', '.join(known)}, all)"
        )
    return chosen


def cmd_build(args: argparse.Namespace) -> int:
    """Build the graph from data/ and ontology/ into build/, validated with SHACL.

    Writes the graph as N-Triples (mgi-graph.nt) and as a persistent store (store/), the
    validation report, void.ttl, summary.json (counts per class and per country x domain x
    polarity) and manifest.json; Turtle and JSON-LD (with context.jsonld) with --formats.
    If the graph does not conform, prints the violations grouped by country and domain,
    exits 1 and leaves the previous outputs untouched. When no input has changed since the
    last build (as `query` checks) and it wrote the formats asked for, the build is not run
    again; --force runs it anyway.
    """
    import time

    from mgi_graph.build.manifest import FORMATS, SUMMARY_JSON, is_up_to_date
    from mgi_graph.core.paths import home

    out_dir = Path(args.out) if args.out else home().build_dir
    formats = sorted(FORMATS) if args.formats == "all" else _formats(args.formats, FORMATS)
    wanted = [out_dir / name for f in formats for name in FORMATS[f]]
    if not args.force and is_up_to_date(out_dir) and all(p.is_file() for p in wanted):
        summary = json.loads((out_dir / SUMMARY_JSON).read_text(encoding="utf-8"))
        print(
            f"up to date (no input changed since it was built; --force builds again): "
            f"{_built_line(out_dir, summary)}"
        )
        return EXIT_OK
    from mgi_graph.build.pipeline import build

    started = time.monotonic()

    def progress(stage: str) -> None:  # on a terminal only: a log or a pipe stays clean
        if sys.stderr.isatty():
            print(f"[{time.monotonic() - started:5.1f} s] {stage}", file=sys.stderr)

    result = build(out_dir, progress, formats)
    print(f"built {_built_line(result.out_dir, result.summary)}")
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
    """Print, as JSON, what the parser reads from one MGI profile: a text or a PDF, read as
    ``add`` reads it.

    Shows title, date, place, edition and every finding (domain 1-6, polarity, text, line and
    character offsets, and for a PDF its page) in document order, and a PDF's footnotes, so
    a curator can check a new profile before adding it to the catalogue.
    """
    import bisect

    from mgi_graph.core.namespaces import local_name
    from mgi_graph.core.paths import home
    from mgi_graph.core.rdffiles import load_turtle
    from mgi_graph.corpus.documents import read_document
    from mgi_graph.graph.assemble import country_names, resolve_country
    from mgi_graph.ingest.profile_parser import parse_profile

    path = Path(args.file)
    doc = read_document(path)
    record = parse_profile(doc.source(path), partial=args.partial)
    data = record.to_json()
    if doc.page_starts:
        for finding in data["findings"]:  # type: ignore[attr-defined]
            finding["page"] = bisect.bisect_right(doc.page_starts, finding["start"])
        data["pages"] = len(doc.page_starts)
        data["footnotes"] = [
            {"page": n.page, "marker": n.marker, "text": n.text} for n in doc.notes
        ]
    country = None
    if record.place:
        country = resolve_country(record.place, country_names(load_turtle(home().countries_file)))
    data = {"country": local_name(country) if country else None, **data}
    print(json.dumps(data, indent=2, ensure_ascii=False))
    return EXIT_OK


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


__all__ = [
    "cmd_build",
    "cmd_candidates",
    "cmd_check",
    "cmd_parse",
    "cmd_validate",
]
