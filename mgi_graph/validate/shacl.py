"""SHACL validation with results a researcher can read, grouped by country and domain.

>>> from mgi_graph.graph.assemble import knowledge_graph
>>> report = validate_graph(knowledge_graph())
>>> report.conforms
True
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.term import Node

from mgi_graph.core import iris
from mgi_graph.core.errors import InputError
from mgi_graph.core.forked import in_child
from mgi_graph.core.paths import home
from mgi_graph.core.rdffiles import load_turtle, quiet_literals
from mgi_graph.core.vocab import MGI, OA, RDF, RDFS, SH


class Severity(Enum):
    VIOLATION = "Violation"
    WARNING = "Warning"
    INFO = "Info"


def severity_name(node: object) -> str:
    """The name a report gives a result's severity: Violation, Warning or Info, or the local
    name of a severity of the shapes' own (SHACL allows any IRI).

    >>> severity_name(SH.Warning), severity_name(None), severity_name("http://ex/org#Mine")
    ('Warning', 'Violation', 'Mine')
    """
    return _short(str(node)) if node is not None else Severity.VIOLATION.value


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL result, with the country and domain it concerns where that can be told."""

    #: Violation, Warning, Info (see :class:`Severity`) or a severity of the shapes' own.
    severity: str
    focus: str
    path: str | None
    value: str | None
    message: str
    shape: str | None
    country: str
    domain: str
    #: The SHACL constraint component the result is of (e.g. sh:MinCountConstraintComponent).
    component: str | None = None
    #: The path with each IRI shortened to its local name, as the text shows it.
    path_label: str | None = None


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validating a graph against the shapes."""

    conforms: bool
    results: tuple[ValidationResult, ...]
    graph: Graph

    def text(self, against: str | None = None) -> str:
        """Results as plain text, grouped by country and domain, in a stable order;
        ``against`` names the shapes, if not the mgi-graph shapes."""
        if self.conforms:
            shapes = f"the shapes of {against}" if against else "the mgi-graph shapes"
            return f"The graph conforms to {shapes}.\n"
        groups: dict[tuple[str, str], list[ValidationResult]] = defaultdict(list)
        for r in self.results:
            groups[(r.country, r.domain)].append(r)
        lines = [f"The graph does not conform: {len(self.results)} problem(s).", ""]
        for (country, domain), results in sorted(groups.items()):
            lines.append(f"{country} / {domain}:")
            for r in sorted(results, key=_order):
                where = f" ({r.path_label or r.path})" if r.path else ""
                value = f" [value: {r.value}]" if r.value is not None else ""
                lines.append(f"  - {r.severity}: {r.message}{where}")
                lines.append(f"    at {r.focus}{value}")
            lines.append("")
        return "\n".join(lines)


def load_shapes(path: Path | None = None) -> Graph:
    """The shapes graph (parsed once per process and file), its IRI patterns widened to the
    corpus's own base (see :func:`mgi_graph.core.iris.for_bases`)."""
    return _load_shapes(path or home().shapes_file, iris.own_base())


@lru_cache(maxsize=4)
def _load_shapes(path: Path, own_base: str) -> Graph:
    return iris.for_bases(load_turtle(path), own_base)


def validate_graph(data: Graph, shapes: Graph | None = None) -> ValidationReport:
    """Validate ``data`` against the shapes (default: the mgi-graph shapes) with
    pyshacl-turbo; never raises for non-conformance.

    The verdict follows the SHACL specification: a graph conforms when validation gives no
    result at all, whatever its severity. Raises :class:`InputError` when the shapes are not
    SHACL the engine can run (a malformed list, an unknown path form).

    >>> from rdflib import Graph
    >>> shapes = Graph().parse(format="turtle", data='''
    ...     @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
    ...     ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .''')
    >>> validate_graph(Graph(), shapes).conforms
    False
    """
    shapes_graph = shapes if shapes is not None else load_shapes()
    return _report(*_engine(data, shapes_graph), data)


def _report(conforms: bool, report_graph: Graph, data: Graph) -> ValidationReport:
    """An engine's verdict and report graph as a :class:`ValidationReport` (the one
    conforming report for every graph that conforms)."""
    if conforms:
        return CONFORMING
    return ValidationReport(False, tuple(_results(report_graph, data)), report_graph)


def _engine(data: Graph, shapes: Graph) -> tuple[bool, Graph]:
    """pyshacl-turbo's verdict and report graph, with the options every validation here uses
    (no inference: the shapes name superclasses through ``rdfs:subClassOf`` as SHACL does)."""
    from pyshacl_turbo import compile_shapes, validate
    from pyshacl_turbo.errors import ReportableRuntimeError

    try:  # shapes that are not SHACL fail here (20 ms for the project's), data never does
        compile_shapes(shapes)
    except (ReportableRuntimeError, ValueError) as exc:
        raise InputError(f"the shapes cannot be run: {exc}") from None
    with quiet_literals():
        conforms, report_graph, _ = validate(
            data, shacl_graph=shapes, inference="none", abort_on_first=False
        )
    return bool(conforms), report_graph


def reference_report(data: Graph, shapes: Graph | None = None) -> ValidationReport:
    """The report of pySHACL, the reference implementation, with the same options (the
    tests hold :func:`validate_graph` to it)."""
    from pyshacl import validate

    shapes_graph = shapes if shapes is not None else load_shapes()
    with quiet_literals():
        conforms, report_graph, _ = validate(
            _context_aware(data),
            shacl_graph=shapes_graph,
            inference="none",
            abort_on_first=False,
        )
    return _report(bool(conforms), report_graph, data)


def _conforming() -> ValidationReport:
    from rdflib import BNode, Literal

    graph = Graph()
    graph.bind("sh", SH)
    report = BNode()
    graph.add((report, RDF.type, SH.ValidationReport))
    graph.add((report, SH.conforms, Literal(True)))
    return ValidationReport(True, (), graph)


#: The report for a graph that conforms (as pySHACL and pyshacl-turbo give it).
CONFORMING = _conforming()


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
        messages = sorted(str(m) for m in report.objects(res, SH.resultMessage))
        country, domain = _context(data, focus)
        out.append(
            ValidationResult(
                severity=severity_name(severity),
                focus=_shown(focus),
                path=path_text(report, path) if path is not None else None,
                path_label=path_text(report, path, _short) if path is not None else None,
                component=_optional(report.value(res, SH.sourceConstraintComponent)),
                value=_shown(value) if value is not None else None,
                message=" ".join(messages) or "constraint not met",
                shape=str(report.value(res, SH.sourceShape)),
                country=country,
                domain=domain,
            )
        )
    return sorted(out, key=_order)


def _order(r: ValidationResult) -> tuple[str, ...]:
    return (r.country, r.domain, r.focus, r.path or "", r.message, r.value or "", r.shape or "")


def path_text(g: Graph, path: object, name: Callable[[str], str] = str) -> str:
    """A SHACL property path written as in SPARQL, each IRI written by ``name``.

    >>> from rdflib import BNode, URIRef
    >>> from rdflib.collection import Collection
    >>> g, seq, inv = Graph(), BNode(), BNode()
    >>> g.add((inv, SH.inversePath, URIRef("http://ex/b")))
    <Graph identifier=... (<class 'rdflib.graph.Graph'>)>
    >>> _ = Collection(g, seq, [URIRef("http://ex/a"), inv])
    >>> path_text(g, seq)
    'http://ex/a/^http://ex/b'
    """
    from rdflib import BNode
    from rdflib.collection import Collection

    if not isinstance(path, BNode):
        return name(str(path))
    if (path, RDF.first, None) in g:
        return "/".join(path_text(g, p, name) for p in Collection(g, path))
    for p, o in g.predicate_objects(path):
        if p == SH.alternativePath and isinstance(o, BNode):
            return "(" + "|".join(path_text(g, a, name) for a in Collection(g, o)) + ")"
        suffix: dict[Node, str] = {
            SH.zeroOrMorePath: "*",
            SH.oneOrMorePath: "+",
            SH.zeroOrOnePath: "?",
        }
        if p == SH.inversePath:
            return "^" + path_text(g, o, name)
        if p in suffix:
            return path_text(g, o, name) + suffix[p]
    return "(blank node)"


def _optional(node: object) -> str | None:
    return None if node is None else str(node)


def _shown(node: object) -> str:
    """A node as the report names it: a blank node's label is random, so it is not shown."""
    from rdflib import BNode

    return "(blank node)" if isinstance(node, BNode) else str(node)


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


class PendingValidation:
    """:func:`validate_graph` in a forked process while the caller writes the outputs.

    The child inherits the graph without copying it and sends back its verdict and report
    as N-Triples; where there is no fork, the validation runs at once, in this process.
    """

    def __init__(self, data: Graph, shapes: Graph | None = None) -> None:
        self.data = data
        self._report: ValidationReport | None = None
        self._child = in_child(_validate_to_nt, data, shapes or load_shapes())

    def result(self) -> ValidationReport:
        """The report (waiting for the child if it still works)."""
        if self._report is None:
            try:
                conforms, nt = self._child.result()
            except RuntimeError as exc:
                raise RuntimeError(f"validation failed: {exc}") from None
            graph = Graph()
            graph.bind("sh", SH)
            if not conforms:
                graph.parse(data=nt, format="nt")
            self._report = _report(conforms, graph, self.data)
        return self._report

    def cancel(self) -> None:
        """Stop the child if it still runs (the caller failed first)."""
        self._child.cancel()


def _validate_to_nt(data: Graph, shapes: Graph) -> tuple[bool, str]:
    conforms, report_graph = _engine(data, shapes)
    return conforms, "" if conforms else report_graph.serialize(format="nt")
