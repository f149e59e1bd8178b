"""The build: sources → records → RDF → SHACL → files in ``build/``.

Outputs are written to a staging folder beside ``build/`` and swapped in as one set only when
the graph conforms (see :mod:`mgi_graph.core.atomic_folder`), so a failed or killed build leaves the
previous outputs as they were, and two builds at once publish one after the other.
``manifest.json`` records the digest of every input, so ``build/`` can tell whether it is up
to date.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Callable, Collection
from concurrent.futures import Future
from contextlib import ExitStack, nullcontext
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef

from mgi_graph.build.answers import default_answers, keeper
from mgi_graph.build.manifest import (
    CONTEXT_JSONLD,
    FORMATS,
    GRAPH_JSONLD,
    GRAPH_NT,
    GRAPH_TTL,
    MANIFEST_JSON,
    SUMMARY_JSON,
    read_inputs,
)
from mgi_graph.core.atomic_folder import locked, publish, recover, staging_for
from mgi_graph.core.collector import assembling
from mgi_graph.core.corpus_lock import corpus_lock
from mgi_graph.core.errors import InputError, NonConformingError
from mgi_graph.core.files import atomic_write, sha256_file
from mgi_graph.core.forked import Child, in_child
from mgi_graph.core.namespaces import NAMESPACES, local_name
from mgi_graph.core.paths import home
from mgi_graph.core.version import __version__
from mgi_graph.core.vocab import MGI, RDF
from mgi_graph.curate.countries import add_iso_countries
from mgi_graph.curate.kinds import add_kinds
from mgi_graph.curate.links_file import add_links
from mgi_graph.curate.proposed_file import add_proposed_entries
from mgi_graph.curate.registry import Registry
from mgi_graph.graph.assemble import (
    ParsedSource,
    add_profiles,
    add_superclass_types,
    knowledge_graph,
)
from mgi_graph.graph.developments import add_developments
from mgi_graph.graph.editions import add_edition_changes, compare_editions
from mgi_graph.graph.figures import add_figures
from mgi_graph.graph.mentions import add_text_units
from mgi_graph.graph.standard_terms import add_eli
from mgi_graph.graph.statements import add_statements
from mgi_graph.graph.void import describe_dataset
from mgi_graph.ingest.profile_parser import parse_profile
from mgi_graph.ingest.sources import SourceRecord, load_catalogue
from mgi_graph.ingest.sourcetext import SourceText
from mgi_graph.query.catalogue import add_query_catalogue, load_queries
from mgi_graph.store.disk_store import STORE_DIR, write_store
from mgi_graph.store.jsonld import write_jsonld
from mgi_graph.store.serialize import (
    Counts,
    count_graph,
    ntriples,
    write_ntriples,
    write_turtle,
)
from mgi_graph.store.stamp import write_inputs_stamp, write_stamp
from mgi_graph.validate.shacl import PendingValidation, ValidationReport

REPORT_TTL = "validation-report.ttl"
REPORT_TXT = "validation-report.txt"
VOID_TTL = "void.ttl"
OUTPUTS = {
    GRAPH_TTL,
    GRAPH_NT,
    GRAPH_JSONLD,
    CONTEXT_JSONLD,
    REPORT_TTL,
    REPORT_TXT,
    SUMMARY_JSON,
    VOID_TTL,
    MANIFEST_JSON,
    STORE_DIR,
}


@dataclass(frozen=True)
class BuildResult:
    """What a build made."""

    graph: Graph
    report: ValidationReport
    summary: dict[str, object]
    out_dir: Path


#: Told what stage a build is at (see :func:`build`).
Progress = Callable[[str], None]


def _quiet(stage: str) -> None:
    """No progress shown."""


def assemble_graph(progress: Progress = _quiet) -> Graph:
    """Parse every catalogued source and assemble the whole graph (not validated).

    Profiles give findings; the registry gives entries and names; curated statements are
    located in their sources; every finding and paragraph is linked to the entries it names.
    Types are closed under the ontology's class hierarchy, so queries need no reasoning.
    """
    progress("reading the knowledge files")
    g = knowledge_graph()
    progress("reading and parsing the sources")
    parsed, others, sources = read_sources()
    add_proposed_entries(g, sources, home().proposed_file)
    add_iso_countries(g)
    progress(f"adding {len(parsed)} profile documents")
    add_profiles(g, g, parsed)
    registry = Registry.from_graph(g)
    progress("locating the curated statements, developments and figures in their sources")
    # Developments first: statements may place a person at one (mgi:spokeAt).
    add_developments(g, g, sources)
    add_statements(g, g, sources)
    add_figures(g, g, sources)
    progress(f"finding the entries named in {len(parsed) + len(others)} documents")
    add_text_units(g, g, registry.matcher(), registry.entries, parsed, others)
    progress("comparing editions")
    add_edition_changes(g, compare_editions(g))
    add_query_catalogue(g, load_queries())
    add_kinds(g)
    add_links(g, home().links_file)
    add_superclass_types(g)
    add_eli(g)
    return g


def read_sources() -> tuple[
    list[ParsedSource],
    list[tuple[SourceRecord, SourceText]],
    dict[URIRef, tuple[SourceRecord, SourceText]],
]:
    """Every catalogued source read: the profiles parsed, the other documents as text, and
    all of them by IRI."""
    parsed, others = [], []
    sources = {}
    for record in load_catalogue():
        text = SourceText.read(record.path)
        if record.page_starts and record.page_starts[-1] > len(text.text):
            raise InputError(
                f"catalogue record {record.iri}: mgi:pageStarts puts a page at offset "
                f"{record.page_starts[-1]}, past the end of its text ({len(text.text)} "
                "characters)",
                path=record.path,
            )
        sources[record.iri] = (record, text)
        if record.kind == "mgi-profile":
            parsed.append(ParsedSource(record, text, parse_profile(text, partial=record.partial)))
        else:
            others.append((record, text))
    return parsed, others, sources


def summarise(g: Graph, counts: Counts | None = None) -> dict[str, object]:
    """Counts per class and per country × domain × polarity; ``counts`` are the graph's
    counts when already made (see :func:`mgi_graph.store.serialize.count_graph`)."""
    if counts is None:
        counts = count_graph(g)
    classes = Counter(
        {c.rsplit("#", 1)[-1]: n for c, n in counts.classes.items() if c.startswith(str(MGI))}
    )
    cells: Counter[tuple[str, str, str]] = Counter()
    for f in g.subjects(RDF.type, MGI.Finding):
        profile = g.value(f, MGI.inProfile)
        country = g.value(profile, MGI.assesses)
        domain, polarity = g.value(f, MGI.domain), g.value(f, MGI.polarity)
        cells[(local_name(country), local_name(domain), local_name(polarity))] += 1
    by_cell: dict[str, dict[str, dict[str, int]]] = {}
    for (code, number, pole), n in sorted(cells.items()):
        by_cell.setdefault(code, {}).setdefault(number, {})[pole] = n
    return {
        "triples": counts.triples,
        "classes": dict(sorted(classes.items())),
        "findings_by_country_domain_polarity": by_cell,
    }


def build(
    out_dir: Path | None = None,
    progress: Progress = _quiet,
    formats: Collection[str] = (),
) -> BuildResult:
    """Build, validate and write the graph; raise NonConformingError if it does not conform.
    ``progress`` is told each stage as it starts; ``formats``: the serialisations of
    :data:`FORMATS` to write besides the store and the N-Triples."""
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise InputError(f"no such format: {', '.join(unknown)} ({', '.join(FORMATS)})")
    h = home()
    out_dir = out_dir or h.build_dir
    with ExitStack() as stack:
        # The corpus read as one snapshot: no add or review changes it meanwhile.
        with corpus_lock(h.root, shared=True) if h.writable else nullcontext():
            digest, stats = read_inputs()
            with assembling(stack):
                g = assemble_graph(progress)
        return _write(g, out_dir, (digest, stats), progress, frozenset(formats))


def _write(
    g: Graph,
    out_dir: Path,
    inputs: tuple[str, dict[str, list[int]]],
    progress: Progress = _quiet,
    formats: frozenset[str] = frozenset(),
) -> BuildResult:
    """Serialise, validate and publish the assembled graph ``g`` (see :func:`build`)."""
    progress("serialising the graph")
    nt = ntriples(g)
    # What is read off the graph is read before the children that share its pages start:
    # after, every object touched here would copy its page (×1000: the summary 0.5 s here,
    # 3.6 s after, among 83,000 page faults).
    counts = count_graph(g)
    summary = summarise(g, counts)
    written = {GRAPH_NT, *(name for f in sorted(formats) for name in FORMATS[f])}
    void = describe_dataset(g, counts=counts, files=written)
    jsonld: Child[None] | None = None
    loading: Future[int] | None = None
    pending: PendingValidation | None = None
    try:
        with locked(out_dir), staging_for(out_dir) as staging:
            try:
                recover(out_dir, OUTPUTS)
                context = dict(sorted(NAMESPACES.items()))
                # The JSON-LD is written on another core while this one validates and writes
                # the rest; the validation runs in a child of its own.
                if "jsonld" in formats:
                    jsonld = in_child(write_jsonld, nt, staging / GRAPH_JSONLD, context)
                pending = PendingValidation(g)
                progress("validating with the SHACL shapes, writing the N-Triples and the store")
                write_ntriples(nt, staging / GRAPH_NT)
                # The persistent store is loaded from the N-Triples in a thread of this process
                # (its loader runs without the GIL), never in a forked child: RocksDB's threads,
                # started by a store opened earlier in this process, do not survive a fork.
                loading = _in_thread(
                    write_store, staging / GRAPH_NT, staging / STORE_DIR, keeper(default_answers())
                )
                if "turtle" in formats:
                    write_turtle(g, staging / GRAPH_TTL, nt=nt)
                if "jsonld" in formats:
                    atomic_write(staging / CONTEXT_JSONLD, _json({"@context": context}))
                write_turtle(void, staging / VOID_TTL)
                atomic_write(staging / SUMMARY_JSON, _json(summary))
                report = pending.result()
                if not report.conforms:
                    raise NonConformingError(report.text())
                if jsonld is not None:
                    jsonld.result()
                triples = loading.result()
                write_turtle(report.graph, staging / REPORT_TTL)
                atomic_write(staging / REPORT_TXT, report.text())
                files = sorted(p.name for p in staging.iterdir() if p.is_file())
                digest, stats = inputs
                manifest = {
                    "inputs_digest": digest,
                    "version": __version__,
                    "files": {name: sha256_file(staging / name) for name in files},
                    "store": {"folder": STORE_DIR, "loaded_from": GRAPH_NT, "triples": triples},
                }
                atomic_write(staging / MANIFEST_JSON, _json(manifest))
                write_stamp(staging, [*files, MANIFEST_JSON])
                write_inputs_stamp(staging, digest, stats)
                # The whole set replaces the old one at once (see publish.py).
                progress("publishing")
                publish(staging, out_dir, OUTPUTS)
            finally:
                # The store's thread ends before its staging folder can be removed.
                if loading is not None:
                    loading.exception()
    finally:
        for job in (jsonld, pending):
            if job is not None:
                job.cancel()
    return BuildResult(g, report, summary, out_dir)


def _in_thread(fn: Callable[..., int], *args: object) -> Future[int]:
    """Start ``fn(*args)`` in a thread of its own; its result is the future's."""
    future: Future[int] = Future()

    def work() -> None:
        try:
            future.set_result(fn(*args))
        except BaseException as exc:
            future.set_exception(exc)

    threading.Thread(target=work, name="mgi-graph-store", daemon=True).start()
    return future


def _json(data: object) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


__all__ = ["FORMATS", "MANIFEST_JSON", "BuildResult", "assemble_graph", "build", "read_sources"]
