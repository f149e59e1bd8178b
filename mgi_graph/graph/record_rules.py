"""What a curated record may carry, read from the shapes of its class (``ontology/shapes.ttl``).

The shapes state the rules; the build checks a curated record against them as it reads the
file, so that a broken record stops the build with the file and the line, before the graph is
validated as a whole. It reads the few constraints such records use: the IRI's
``sh:pattern``, ``sh:closed`` (and ``sh:ignoredProperties``), and per property ``sh:minCount``,
``sh:maxCount``, ``sh:class``, ``sh:datatype`` (alone or as an ``sh:or`` of datatypes),
``sh:in``, ``sh:nodeKind`` (IRI or literal) and ``sh:pattern``. Whatever else a shape says
is checked by the SHACL validation of the whole graph.

>>> from mgi_graph.core.vocab import MGI, DCTERMS
>>> rules = record_rules(load_record_shapes(), MGI.Development)
>>> rules.closed, rules.property(DCTERMS.date).required
(True, True)
>>> rules.property(DCTERMS.date).need()
'an xsd:date, xsd:gYearMonth or xsd:gYear'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from mgi_graph.core import iris
from mgi_graph.core.errors import InputError
from mgi_graph.core.paths import home
from mgi_graph.core.rdffiles import load_turtle
from mgi_graph.core.vocab import MGI, RDF, RDFS, SH, XSD, ordered
from mgi_graph.graph.evidence import CuratedFile

#: ``is_a(node, cls)``: the node has that class or a subclass of it.
IsA = Callable[[Node, URIRef], bool]


@dataclass(frozen=True)
class PropertyRule:
    """What one property of a record must be (from one property shape)."""

    path: URIRef
    required: bool
    max_count: int | None
    classes: tuple[URIRef, ...]
    datatypes: tuple[URIRef, ...]
    values: tuple[Node, ...] | None
    message: str | None
    node_kind: URIRef | None = None
    pattern: re.Pattern[str] | None = None

    def need(self) -> str | None:
        """What a value must be, in words; None if this rule says nothing of values."""
        if self.classes:
            said = " or ".join(f"a {_short(c)}" for c in self.classes)
        elif self.datatypes == (RDF.langString,):
            said = "a text with its language"
        elif self.datatypes:
            names = [_qname(d) for d in self.datatypes]
            listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
            said = f"an {listed}" if listed[0] in "aeiouxAEIOUX" else f"a {listed}"
        elif self.values is not None:
            said = "one of " + ", ".join(_short(v) for v in self.values)
        elif self.node_kind == SH.IRI:
            said = "an IRI"
        elif self.node_kind == SH.Literal:
            said = "a literal"
        else:
            said = "a value" if self.pattern else ""
        if self.pattern:
            said += f" matching {self.pattern.pattern}"
        return said or None

    def admits(self, v: Node, is_a: IsA) -> bool:
        """True if ``v`` is a value this rule admits."""
        if self.classes and not (isinstance(v, URIRef) and any(is_a(v, c) for c in self.classes)):
            return False
        if self.datatypes and not (isinstance(v, Literal) and _datatype_of(v) in self.datatypes):
            return False
        if self.datatypes and isinstance(v, Literal) and v.ill_typed:
            return False
        if self.node_kind == SH.IRI and not isinstance(v, URIRef):
            return False
        if self.node_kind == SH.Literal and not isinstance(v, Literal):
            return False
        if self.pattern and not self.pattern.search(str(v)):
            return False
        return self.values is None or v in self.values


@dataclass(frozen=True)
class RecordRules:
    """What a record of one class may carry."""

    cls: URIRef
    properties: tuple[PropertyRule, ...]
    closed: bool
    #: Properties a closed shape lets a record carry beside those it describes.
    ignored: frozenset[URIRef]
    pattern: re.Pattern[str] | None
    pattern_message: str | None

    def property(self, path: URIRef) -> PropertyRule:
        return next(p for p in self.properties if p.path == path)

    def allows(self, path: URIRef) -> bool:
        """True if a record may carry ``path`` (always, unless a shape is closed)."""
        return (
            not self.closed or path in self.ignored or any(p.path == path for p in self.properties)
        )


def load_record_shapes(path: Path | None = None) -> Graph:
    """The shapes of the corpus in use (its own ``ontology/shapes.ttl`` or the package's)."""
    return iris.for_bases(load_turtle(path or home().shapes_file), iris.own_base())


def record_rules(shapes: Graph, cls: URIRef) -> RecordRules:
    """The rules of every shape that targets ``cls``; an error names a shape whose rule for a
    property cannot be read (a property path that is not one property)."""
    properties: list[PropertyRule] = []
    closed = False
    ignored: set[URIRef] = set()
    pattern: re.Pattern[str] | None = None
    pattern_message: str | None = None
    for shape in ordered(shapes.subjects(SH.targetClass, cls)):
        if (shape, SH.closed, Literal(True)) in shapes:
            closed = True
            listed = shapes.value(shape, SH.ignoredProperties)
            if listed is not None:
                ignored |= {p for p in Collection(shapes, listed) if isinstance(p, URIRef)}
        found = shapes.value(shape, SH.pattern)
        if found is not None:
            pattern = re.compile(str(found))
            message = shapes.value(shape, SH.message)
            pattern_message = str(message) if message is not None else None
        for prop in ordered(shapes.objects(shape, SH.property)):
            properties.append(_property_rule(shapes, shape, prop))
    return RecordRules(cls, tuple(properties), closed, frozenset(ignored), pattern, pattern_message)


def _property_rule(shapes: Graph, shape: Node, prop: Node) -> PropertyRule:
    path = shapes.value(prop, SH.path)
    if not isinstance(path, URIRef):
        raise InputError(
            f"the shape {shape} describes a record's property by a path that is not one property"
        )
    min_count = shapes.value(prop, SH.minCount)
    max_count = shapes.value(prop, SH.maxCount)
    datatypes = [d for d in shapes.objects(prop, SH.datatype) if isinstance(d, URIRef)]
    alternatives = shapes.value(prop, SH["or"])
    if alternatives is not None:
        for alt in Collection(shapes, alternatives):
            datatypes += [d for d in shapes.objects(alt, SH.datatype) if isinstance(d, URIRef)]
    listed = shapes.value(prop, SH["in"])
    message = shapes.value(prop, SH.message)
    kind = shapes.value(prop, SH.nodeKind)
    pattern = shapes.value(prop, SH.pattern)
    return PropertyRule(
        path=path,
        required=min_count is not None and int(str(min_count)) >= 1,
        max_count=int(str(max_count)) if max_count is not None else None,
        classes=tuple(c for c in shapes.objects(prop, SH["class"]) if isinstance(c, URIRef)),
        datatypes=tuple(datatypes),
        values=tuple(Collection(shapes, listed)) if listed is not None else None,
        message=str(message) if message is not None else None,
        node_kind=kind if isinstance(kind, URIRef) else None,
        pattern=re.compile(str(pattern)) if pattern is not None else None,
    )


def check_record(
    curated: CuratedFile, iri: Node, rules: RecordRules, known: tuple[Graph, ...]
) -> URIRef:
    """Check record ``iri`` of ``curated`` against ``rules`` and return it; raise an
    :class:`InputError` at its line if it breaks one. ``mgi:evidence`` is the curated form
    of ``mgi:hasQuote``: it is checked as it is located (see :mod:`mgi_graph.graph.evidence`).
    """
    c = curated.graph
    kind = rules.cls.fragment
    if not isinstance(iri, URIRef) or (rules.pattern and not rules.pattern.search(str(iri))):
        raise curated.error(iri, rules.pattern_message or f"a {kind} needs an IRI of the graph")
    for p in ordered(set(c.predicates(iri, None))):
        if p != MGI.evidence and not (isinstance(p, URIRef) and rules.allows(p)):
            raise curated.error(iri, f"has the property {p}, which a {kind} cannot carry")
    for rule in rules.properties:
        if rule.path == MGI.hasQuote:
            continue  # made from the evidence, which is checked as it is located
        values = ordered(c.objects(iri, rule.path))
        if rule.required and not values:
            raise curated.error(iri, f"needs {rule.path}" + _said(rule.message))
        if rule.max_count is not None and len(values) > rule.max_count:
            raise curated.error(
                iri, f"has {len(values)} values of {rule.path}" + _said(rule.message)
            )
        for v in values:
            if not rule.admits(v, lambda n, cls: is_a(known, n, cls)):
                raise curated.error(iri, f"{rule.path} must be {rule.need()}; found {v}")
    return iri


def _said(message: str | None) -> str:
    return f" ({message})" if message else ""


def is_a(known: tuple[Graph, ...], node: Node, cls: URIRef) -> bool:
    """True if ``node`` has type ``cls`` or a subclass of it in any of the ``known`` graphs."""
    for g in known:
        for t in g.objects(node, RDF.type):
            if t == cls or any(cls in h.transitive_objects(t, RDFS.subClassOf) for h in known):
                return True
    return False


def _short(node: Node) -> str:
    """The last part of an IRI (after ``#`` or the last ``/``)."""
    return str(node).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _datatype_of(v: Literal) -> URIRef:
    if v.language:
        return RDF.langString
    return v.datatype or XSD.string


def _qname(iri: URIRef) -> str:
    for prefix, ns in (("xsd", XSD), ("rdf", RDF), ("rdfs", RDFS)):
        if str(iri).startswith(str(ns)):
            return f"{prefix}:{str(iri)[len(str(ns)) :]}"
    return str(iri)


__all__ = [
    "PropertyRule",
    "RecordRules",
    "check_record",
    "is_a",
    "load_record_shapes",
    "record_rules",
]
