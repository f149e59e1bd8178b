"""Figures quoted from the sources as RDF Data Cube observations: ``data/figures.ttl``.

The structure (``qb:DataStructureDefinition``) and the data sets are copied as they are; each
observation is checked: its data set declared, its area a country or the international
jurisdiction, its period an ISO 8601 date, month, year, interval or ``P1Y``, its value a
number, its unit given, and its evidence located in its source. The number as the source
writes it (``mgi:valueAsWritten``) must occur in the quoted text and read as the value, so a
mistyped figure stops the build.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import BNode, Graph, Literal
from rdflib.term import Node

from mgi_graph.core.paths import home
from mgi_graph.core.rdffiles import load_turtle
from mgi_graph.core.vocab import MGI, PREFIXES, RDF, ordered
from mgi_graph.graph.evidence import CuratedFile, Sources, add_evidence
from mgi_graph.graph.record_rules import (
    RecordRules,
    check_record,
    load_record_shapes,
    record_rules,
)

QB = PREFIXES["qb"]
SDMX_DIMENSION = PREFIXES["sdmx-dimension"]
SDMX_MEASURE = PREFIXES["sdmx-measure"]
SDMX_ATTRIBUTE = PREFIXES["sdmx-attribute"]

_NUMBER = re.compile(
    r"^(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?\s*"
    r"(?P<scale>%|thousand|million|billion)?(?:\s+[A-Z]{2,5})?$"
)
_SCALE = {"thousand": 10**3, "million": 10**6, "billion": 10**9}


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
    rules = record_rules(load_record_shapes(), QB.Observation)
    for obs in ordered(observations):
        _add_observation(g, curated, obs, rules, knowledge, sources)
    return len(observations)


def _add_observation(
    g: Graph,
    curated: CuratedFile,
    obs: Node,
    rules: RecordRules,
    knowledge: Graph,
    sources: Sources,
) -> None:
    """Check observation ``obs`` against its shapes and its quote, and add it."""
    c = curated.graph
    obs = check_record(curated, obs, rules, (knowledge, c))
    area = c.value(obs, SDMX_DIMENSION.refArea)
    if (area, RDF.type, None) not in knowledge:
        raise curated.error(obs, f"its sdmx-dimension:refArea must be a country; found {area}")
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
