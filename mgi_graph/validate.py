"""SHACL validation with results a researcher can read, grouped by country and domain.

>>> from mgi_graph.assemble import knowledge_graph
>>> report = validate_graph(knowledge_graph())
>>> report.conforms
True
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef

from .forked import Child, in_child
from .knowledge import load_turtle
from .paths import home
from .vocab import MGI, OA, RDF, RDFS, SH


class Severity(Enum):
    VIOLATION = "Violation"
    WARNING = "Warning"
    INFO = "Info"


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL result, with the country and domain it concerns where that can be told."""

    severity: Severity
    focus: str
    path: str | None
    value: str | None
    message: str
    shape: str | None
    country: str
    domain: str


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validating a graph against the shapes."""

    conforms: bool
    results: tuple[ValidationResult, ...]
    graph: Graph

    def text(self) -> str:
        """Results as plain text, grouped by country and domain, in a stable order."""
        if self.conforms:
            return "The graph conforms to the mgi-graph shapes.\n"
        groups: dict[tuple[str, str], list[ValidationResult]] = defaultdict(list)
        for r in self.results:
            groups[(r.country, r.domain)].append(r)
        lines = [f"The graph does not conform: {len(self.results)} problem(s).", ""]
        for (country, domain), results in sorted(groups.items()):
            lines.append(f"{country} / {domain}:")
            for r in sorted(results, key=lambda r: (r.focus, r.path or "", r.message)):
                where = f" ({_short(r.path)})" if r.path else ""
                value = f" [value: {r.value}]" if r.value is not None else ""
                lines.append(f"  - {r.severity.value}: {r.message}{where}")
                lines.append(f"    at {r.focus}{value}")
            lines.append("")
        return "\n".join(lines)


def load_shapes(path: Path | None = None) -> Graph:
    """The shapes graph (parsed once per process and file)."""
    return _load_shapes(path or home().shapes_file)


@lru_cache(maxsize=4)
def _load_shapes(path: Path) -> Graph:
    return load_turtle(path)


def validate_graph(
    data: Graph, shapes: Graph | None = None, nt: str | bytes | None = None
) -> ValidationReport:
    """Validate ``data`` against the shapes; never raises for non-conformance.

    The shapes run first as SPARQL on Oxigraph (:mod:`mgi_graph.shacl_sparql`, at least as
    strict as pySHACL): a graph that passes there conforms, and gets pySHACL's report for a
    conforming graph. Any other graph is validated by pySHACL, whose report is returned.
    ``nt``: the graph as N-Triples, if already made.
    """
    shapes_graph = shapes if shapes is not None else load_shapes()
    if conforms_quickly(data, shapes_graph, nt):
        return CONFORMING
    return validate_with_pyshacl(data, shapes_graph)


def conforms_quickly(data: Graph, shapes: Graph, nt: str | bytes | None = None) -> bool:
    """True if ``data`` passes the shapes run as SPARQL on Oxigraph (then it conforms)."""
    from .serialize import ntriples
    from .shacl_sparql import passes

    return passes(nt if nt is not None else ntriples(data), shapes)


def _conforming() -> ValidationReport:
    from rdflib import BNode, Literal

    graph = Graph()
    graph.bind("sh", SH)
    report = BNode()
    graph.add((report, RDF.type, SH.ValidationReport))
    graph.add((report, SH.conforms, Literal(True)))
    return ValidationReport(True, (), graph)


#: The report pySHACL gives for a graph that conforms.
CONFORMING = _conforming()


def validate_with_pyshacl(data: Graph, shapes: Graph) -> ValidationReport:
    """Validate ``data`` with pySHACL alone."""
    conforms, report_graph = _pyshacl(_context_aware(data), shapes)
    return ValidationReport(conforms, tuple(_results(report_graph, data)), report_graph)


def _pyshacl(
    data: Graph, shapes: Graph, use_shapes: list[URIRef] | None = None
) -> tuple[bool, Graph]:
    """pySHACL's verdict and report graph for ``data`` (against ``use_shapes`` only, if
    given), with the options every validation here uses."""
    from pyshacl import validate

    conforms, report_graph, _ = validate(
        data,
        shacl_graph=shapes,
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        use_shapes=use_shapes,
    )
    return bool(conforms), report_graph


def _context_aware(data: Graph) -> Graph:
    """``data`` in a store pySHACL can use: it wraps the data graph in a dataset, which needs
    a context-aware store (the build's graph lives in rdflib's faster context-free one)."""
    if data.store.context_aware:
        return data
    copy = Graph()
    for t in data:
        copy.add(t)
    return copy


def check_shapes(shapes: Graph | None = None) -> ValidationReport:
    """Validate the shapes graph itself against the SHACL-SHACL shapes."""
    from pyshacl import validate

    shapes_graph = shapes if shapes is not None else load_shapes()
    conforms, report_graph, _ = validate(
        shapes_graph, shacl_graph=shapes_graph, meta_shacl=True, inference="none"
    )
    return ValidationReport(
        bool(conforms), tuple(_results(report_graph, shapes_graph)), report_graph
    )


def _results(report: Graph, data: Graph) -> list[ValidationResult]:
    out = []
    for res in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(res, SH.focusNode)
        path = report.value(res, SH.resultPath)
        value = report.value(res, SH.value)
        severity = report.value(res, SH.resultSeverity)
        message = report.value(res, SH.resultMessage)
        country, domain = _context(data, focus)
        out.append(
            ValidationResult(
                severity=Severity(str(severity).rsplit("#", 1)[-1])
                if severity
                else Severity.VIOLATION,
                focus=str(focus),
                path=str(path) if path is not None else None,
                value=str(value) if value is not None else None,
                message=str(message) if message is not None else "constraint not met",
                shape=str(report.value(res, SH.sourceShape)),
                country=country,
                domain=domain,
            )
        )
    return sorted(out, key=lambda r: (r.country, r.domain, r.focus, r.path or "", r.message))


def _context(data: Graph, focus: object) -> tuple[str, str]:
    """The country and domain labels a focus node belongs to, or general headings."""
    node = focus
    if isinstance(node, URIRef) and (None, OA.hasSelector, node) in data:
        node = data.value(None, OA.hasSelector, node)
    if isinstance(node, URIRef) and (None, MGI.hasQuote, node) in data:
        node = data.value(None, MGI.hasQuote, node)
    profile = data.value(node, MGI.inProfile) if isinstance(node, URIRef) else None
    if profile is None and isinstance(node, URIRef) and (node, RDF.type, MGI.Profile) in data:
        profile = node
    country = data.value(profile, MGI.assesses) if profile is not None else None
    if country is None and isinstance(node, URIRef):
        if (node, RDF.type, MGI.Country) in data:
            country = node
        else:
            country = data.value(node, MGI.subjectCountry)
    domain = data.value(node, MGI.domain) if isinstance(node, URIRef) else None
    return (_label(data, country, "(no country)"), _label(data, domain, "(no domain)"))


def _label(data: Graph, node: object, default: str) -> str:
    if node is None:
        return default
    for label in data.objects(node, RDFS.label):  # type: ignore[arg-type]
        if getattr(label, "language", None) in (None, "en"):
            return str(label)
    return _short(str(node))


def _short(iri: str) -> str:
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rsplit("/", 1)[-1]


def shape_groups(shapes: Graph, data: Graph, groups: int) -> list[list[URIRef]]:
    """The shapes that have targets, in ``groups`` groups of about equal work (counted as the
    number of target nodes, largest first, each to the lightest group).

    >>> from mgi_graph.assemble import knowledge_graph
    >>> parts = shape_groups(load_shapes(), knowledge_graph(), 2)
    >>> len(parts), sum(len(p) for p in parts) == len(set().union(*map(set, parts)))
    (2, True)
    """
    work: dict[URIRef, int] = {}
    for shape in set(shapes.subjects(SH.targetClass, None)) | set(
        shapes.subjects(SH.targetSubjectsOf, None)
    ):
        if not isinstance(shape, URIRef):
            continue
        n = sum(len(set(data.subjects(RDF.type, c))) for c in shapes.objects(shape, SH.targetClass))
        n += sum(
            len(set(data.subjects(p, None))) for p in shapes.objects(shape, SH.targetSubjectsOf)
        )
        work[shape] = n
    bins: list[list[URIRef]] = [[] for _ in range(groups)]
    loads = [0] * groups
    for shape in sorted(work, key=lambda sh: (-work[sh], str(sh))):
        i = loads.index(min(loads))
        bins[i].append(shape)
        loads[i] += work[shape] + 1
    return [b for b in bins if b]


class PendingValidation:
    """Validation as :func:`validate_graph` does it, in forked processes while the caller
    writes the outputs: first the quick check (one child); for a graph that does not pass
    it, pySHACL (one child per share of the shapes, see :func:`shape_groups`).

    Each child inherits the graph without copying it; a pySHACL child sends back its report
    as N-Triples and the parent joins the reports. The results are those of pySHACL in one
    process, which is what runs where there is no fork.
    """

    def __init__(self, data: Graph, nt: str | bytes | None = None, processes: int = 2) -> None:
        self.data = data
        self.processes = processes
        self._report: ValidationReport | None = None
        self._quick = in_child(conforms_quickly, data, load_shapes(), nt)
        self._children: list[Child[tuple[bool, str]]] = []

    def result(self) -> ValidationReport:
        """The report (waiting for the children still at work)."""
        if self._report is not None:
            return self._report
        if self._quick.result():
            self._report = CONFORMING
            return self._report
        aware = _context_aware(self.data)  # copied once, before the children share it
        self._children = [
            in_child(_validate_part, aware, group)
            for group in shape_groups(load_shapes(), aware, self.processes)
        ]
        graph = Graph()
        graph.bind("sh", SH)
        conforms = True
        for child in self._children:
            try:
                ok, nt = child.result()
            except RuntimeError as exc:
                raise RuntimeError(f"validation failed: {exc}") from None
            conforms = conforms and ok
            graph.parse(data=nt, format="nt")
        if len(self._children) > 1:
            _merge_reports(graph, conforms)
        results = tuple(_results(graph, self.data))
        self._report = ValidationReport(conforms, results, graph)
        return self._report

    def cancel(self) -> None:
        """Stop the children that still run (the caller failed first)."""
        self._quick.cancel()
        for child in self._children:
            child.cancel()


def _merge_reports(graph: Graph, conforms: bool) -> None:
    """One sh:ValidationReport node holding every result, as a single validation gives."""
    from rdflib import BNode, Literal

    reports = sorted(graph.subjects(RDF.type, SH.ValidationReport))
    results = [r for rep in reports for r in graph.objects(rep, SH.result)]
    for rep in reports:
        graph.remove((rep, None, None))
    merged = BNode()
    graph.add((merged, RDF.type, SH.ValidationReport))
    graph.add((merged, SH.conforms, Literal(conforms)))
    for r in results:
        graph.add((merged, SH.result, r))


def _validate_part(data: Graph, shapes: list[URIRef]) -> tuple[bool, str]:
    """pySHACL's verdict on ``data`` against some of the shapes, and its report as N-Triples."""
    conforms, report_graph = _pyshacl(data, load_shapes(), shapes)
    return conforms, report_graph.serialize(format="nt")
