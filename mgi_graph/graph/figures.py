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

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from mgi_graph.core import iris
from mgi_graph.core.paths import home
from mgi_graph.core.rdffiles import load_turtle
from mgi_graph.core.vocab import ID, MGI, PREFIXES, RDF, ordered
from mgi_graph.graph.evidence import CuratedFile, Sources, add_evidence

QB = PREFIXES["qb"]
SDMX_DIMENSION = PREFIXES["sdmx-dimension"]
SDMX_MEASURE = PREFIXES["sdmx-measure"]
SDMX_ATTRIBUTE = PREFIXES["sdmx-attribute"]

_NUMBER = re.compile(
    r"^(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?\s*"
    r"(?P<scale>%|thousand|million|billion)?(?:\s+[A-Z]{2,5})?$"
)
_SCALE = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
_PERIOD = re.compile(r"^(?:\d{4}(?:-\d{2}(?:-\d{2})?)?|\d{4}/\d{4}|\d{4}/\.\.|\.\./\d{4}|P1Y)$")


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
    for obs in ordered(observations):
        _add_observation(g, curated, obs, knowledge, sources)
    return len(observations)


def _add_observation(
    g: Graph, curated: CuratedFile, obs: Node, knowledge: Graph, sources: Sources
) -> None:
    c = curated.graph
    if not isinstance(obs, URIRef) or not iris.is_own(str(obs), "observation/"):
        raise curated.error(obs, f"an observation needs an IRI under {ID}observation/")
    dataset = c.value(obs, QB.dataSet)
    if dataset is None or (dataset, RDF.type, QB.DataSet) not in c:
        raise curated.error(obs, f"its qb:dataSet must be a data set of this file; found {dataset}")
    area = c.value(obs, SDMX_DIMENSION.refArea)
    if area is None or (area, RDF.type, None) not in knowledge:
        raise curated.error(obs, f"its sdmx-dimension:refArea must be a country; found {area}")
    period = c.value(obs, SDMX_DIMENSION.refPeriod)
    if not isinstance(period, Literal) or not _PERIOD.match(str(period)):
        raise curated.error(
            obs, f"its sdmx-dimension:refPeriod must be an ISO 8601 date or period; found {period}"
        )
    if not isinstance(c.value(obs, MGI.category), Literal):
        raise curated.error(obs, 'needs mgi:category ("total" where there is no breakdown)')
    unit = c.value(obs, SDMX_ATTRIBUTE.unitMeasure)
    if unit is None or (unit, RDF.type, None) not in knowledge:
        raise curated.error(obs, f"its sdmx-attribute:unitMeasure must be a unit; found {unit}")
    value = c.value(obs, SDMX_MEASURE.obsValue)
    written = c.value(obs, MGI.valueAsWritten)
    if not isinstance(value, Literal) or not isinstance(value.toPython(), int | float | Decimal):
        raise curated.error(obs, f"its sdmx-measure:obsValue must be a number; found {value}")
    if not isinstance(written, Literal):
        raise curated.error(obs, "needs mgi:valueAsWritten, the number as the source writes it")
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
