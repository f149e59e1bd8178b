"""Figures quoted from the sources as RDF Data Cube observations: ``data/figures.ttl``.

The structure (``qb:DataStructureDefinition``), the data sets and the code list of
categories are copied as they are; each observation is checked: its data set declared, its
area a country or the international jurisdiction, its period named by an ISO 8601 date,
month, year, interval or ``P1Y`` (described here with OWL-Time, :func:`describe_period`),
its category a concept of the code list, its value a number, its unit given, and its
evidence located in its source. The number as the source
writes it (``mgi:valueAsWritten``) must occur in the quoted text and read as the value, so a
mistyped figure stops the build.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from mgi_graph.core import iris
from mgi_graph.core.namespaces import local_name
from mgi_graph.core.paths import home
from mgi_graph.core.rdffiles import load_turtle
from mgi_graph.core.vocab import MGI, PREFIXES, RDF, RDFS, SKOS, XSD, ordered
from mgi_graph.graph.evidence import CuratedFile, Sources, add_evidence
from mgi_graph.graph.record_rules import (
    RecordRules,
    check_record,
    load_record_shapes,
    record_rules,
)

QB = PREFIXES["qb"]
TIME = PREFIXES["time"]
SDMX_MEASURE = PREFIXES["sdmx-measure"]
SDMX_ATTRIBUTE = PREFIXES["sdmx-attribute"]

_NUMBER = re.compile(
    r"^(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?\s*"
    r"(?P<scale>%|thousand|million|billion)?(?:\s+[A-Z]{2,5})?$"
)
_SCALE = {"thousand": 10**3, "million": 10**6, "billion": 10**9}


#: A period's key: ISO 8601 with "/" written "--" (an open end left empty), or P1Y.
_PERIOD = re.compile(r"^(?P<start>[\d-]*?)(?:--(?P<end>[\d-]*))?$|^(?P<duration>P1Y)$")
_POINT = {
    4: ("inXSDgYear", XSD.gYear),
    7: ("inXSDgYearMonth", XSD.gYearMonth),
    10: ("inXSDDate", XSD.date),
}
_POINT_SHAPE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


class FigureError(ValueError):
    """A number written in a way the loader does not read."""


def read_number(written: str) -> Decimal:
    """The value of a number as a source writes it.

    >>> read_number("15,527"), read_number("76.2%"), read_number("1.7 million")
    (Decimal('15527'), Decimal('76.2'), Decimal('1700000.0'))
    >>> read_number("100 thousand"), read_number("35 MCI")
    (Decimal('100000'), Decimal('35'))
    >>> read_number("15.527")
    Decimal('15.527')
    >>> read_number("about 5")
    Traceback (most recent call last):
    ...
    mgi_graph.graph.figures.FigureError: not a number as written: 'about 5'
    """
    m = _NUMBER.match(written.strip())
    if m is None:
        raise FigureError(f"not a number as written: {written!r}")
    try:
        value = Decimal(m["int"].replace(",", "") + (f".{m['frac']}" if m["frac"] else ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits digits only
        raise FigureError(f"not a number as written: {written!r}") from None
    return value * _SCALE.get(m["scale"] or "", 1)


def describe_period(period: URIRef) -> Graph:
    """The OWL-Time description of a reference period, read from its key: its label (the
    ISO 8601 form), the instants it begins and ends at (each placed by a typed year, month or
    date, under the period's base), or its duration.

    >>> g = describe_period(URIRef("https://ex.org/period/1991--"))
    >>> print(g.value(URIRef("https://ex.org/period/1991--"), RDFS.label))
    1991/..
    >>> begins = g.value(URIRef("https://ex.org/period/1991--"), TIME.hasBeginning)
    >>> begins, g.value(begins, TIME.inXSDgYear).datatype == XSD.gYear
    (rdflib.term.URIRef('https://ex.org/instant/1991'), True)
    >>> g.value(URIRef("https://ex.org/period/1991--"), TIME.hasEnd) is None
    True
    >>> describe_period(URIRef("https://ex.org/period/2021-13"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    mgi_graph.graph.figures.FigureError: not a period: '2021-13' (an ISO 8601 year, ...
    """
    key = local_name(period)
    m = _PERIOD.match(key)
    g = Graph()
    g.add((period, RDF.type, MGI.ReferencePeriod))
    if m is not None and m["duration"]:
        g.add((period, RDFS.label, Literal(key)))
        g.add((period, TIME.hasXSDDuration, Literal(key, datatype=XSD.duration)))
        return g
    points = [m["start"], m["end"]] if m is not None and m["end"] is not None else [key] * 2
    if m is None or not any(points) or not all(_point_ok(x) for x in points if x):
        raise FigureError(
            f"not a period: {key!r} (an ISO 8601 year, month or date, two of them joined by "
            "'--', an open end left empty, or P1Y)"
        )
    written = key if m["end"] is None else f"{points[0] or '..'}/{points[1] or '..'}"
    g.add((period, RDFS.label, Literal(written)))
    for edge, point in zip((TIME.hasBeginning, TIME.hasEnd), points, strict=True):
        if point:
            instant = iris.instant(point, str(period)[: -len(f"period/{key}")])
            name, datatype = _POINT[len(point)]
            g.add((period, edge, instant))
            g.add((instant, RDF.type, TIME.Instant))
            g.add((instant, TIME[name], Literal(point, datatype=datatype)))
    return g


def _point_ok(point: str) -> bool:
    """Whether ``point`` is an ISO 8601 year, month or date of the calendar."""
    if not _POINT_SHAPE.match(point):
        return False
    try:
        datetime.date.fromisoformat((point + "-01-01")[:10])
    except ValueError:
        return False
    return True


def add_figures(g: Graph, knowledge: Graph, sources: Sources, path: Path | None = None) -> int:
    """Add the data structure, data sets and checked observations of ``path``; return the
    number of observations."""
    path = path or home().figures_file
    curated = CuratedFile(load_turtle(path), path)
    c = curated.graph
    observations = set(c.subjects(RDF.type, QB.Observation))
    evidence_nodes = set(c.objects(None, MGI.evidence))
    for s, p, o in sorted(c):
        if s in observations or s in evidence_nodes:
            continue
        if isinstance(s, BNode) or isinstance(o, BNode):
            raise curated.error(
                s,
                "a blank node outside mgi:evidence: give it an IRI (builds must be "
                "byte-identical, and blank nodes get new names each time)",
            )
        g.add((s, p, o))
    periods = Graph()
    for period in ordered(set(c.objects(None, MGI.refPeriod))):
        obs = ordered(c.subjects(MGI.refPeriod, period))[0]
        if not isinstance(period, URIRef):
            raise curated.error(obs, f"its mgi:refPeriod must be a period IRI; found {period}")
        try:
            periods += describe_period(period)
        except FigureError as exc:
            raise curated.error(obs, str(exc), needle=local_name(period)) from None
    g += periods
    rules = record_rules(load_record_shapes(), QB.Observation)
    for obs in ordered(observations):
        _add_observation(g, curated, obs, rules, (knowledge, c, periods), sources)
    return len(observations)


def _add_observation(
    g: Graph,
    curated: CuratedFile,
    obs: Node,
    rules: RecordRules,
    known: tuple[Graph, Graph, Graph],
    sources: Sources,
) -> None:
    """Check observation ``obs`` against its shapes (``known``: the knowledge, the curated
    file, the periods described) and its quote, and add it."""
    c = curated.graph
    knowledge = known[0]
    obs = check_record(curated, obs, rules, known)
    area = c.value(obs, MGI.refArea)
    if (area, RDF.type, None) not in knowledge:
        raise curated.error(obs, f"its mgi:refArea must be a country; found {area}")
    category = c.value(obs, MGI.category)
    code_list = c.value(MGI.category, QB.codeList)
    if (category, SKOS.inScheme, code_list) not in c:
        raise curated.error(
            obs, f"its mgi:category must be a concept of the code list {code_list}: {category}"
        )
    unit = c.value(obs, SDMX_ATTRIBUTE.unitMeasure)
    if (unit, RDF.type, None) not in knowledge:
        raise curated.error(obs, f"its sdmx-attribute:unitMeasure must be a unit; found {unit}")
    value = c.value(obs, SDMX_MEASURE.obsValue)
    written = c.value(obs, MGI.valueAsWritten)
    assert isinstance(value, Literal) and written is not None  # checked against the shape
    located = curated.evidence(obs, sources)
    if not any(str(written) in ev.text for ev in located):
        raise curated.error(
            obs,
            f"the number {str(written)!r} does not occur in its quote: {located[0].text!r}",
            needle=str(written),
        )
    try:
        reads = read_number(str(written))
    except FigureError as exc:
        raise curated.error(obs, str(exc), needle=str(written)) from None
    if reads != Decimal(str(value.toPython())):
        raise curated.error(
            obs, f"the value {value} is not the number the source writes: {str(written)!r}"
        )
    for p, o in sorted(c.predicate_objects(obs)):
        if p != MGI.evidence:
            g.add((obs, p, o))
    add_evidence(g, obs, located, sources)


__all__ = ["FigureError", "add_figures", "read_number"]
