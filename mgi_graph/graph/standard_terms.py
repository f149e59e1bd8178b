"""The graph's facts about laws said again in ELI, the European Legislation Identifier
ontology, beside the ontology's own terms, for the tools that read legislation by ELI.

A law (``mgi:Law``, a sub-class of ``eli:LegalResource``) gets its number, its date of
adoption and of entry into force where the source gives the day, and the body that adopted
it. An amendment the sources date but whose amending act they do not name stays
``mgi:amended``: ELI records amendments as links between acts (``eli:amends``).

>>> from rdflib import Graph, Literal
>>> from mgi_graph.core.vocab import ID, RDF, XSD
>>> g = Graph()
>>> law = ID["law/sn-loi-2005-06"]
>>> g += [(law, RDF.type, ELI.LegalResource),
...       (law, SCHEMA.legislationIdentifier, Literal("2005-06")),
...       (law, MGI.adopted, Literal("2005-05-10", datatype=XSD.date)),
...       (law, MGI.adopted, Literal("2005", datatype=XSD.gYear)),
...       (law, MGI.inForceFrom, Literal("2005-07-01", datatype=XSD.date)),
...       (law, MGI.amended, Literal("2020", datatype=XSD.gYear))]
>>> add_eli(g)
3
>>> str(g.value(law, ELI.number)), str(g.value(law, ELI.date_document))
('2005-06', '2005-05-10')
>>> str(g.value(law, ELI.first_date_entry_in_force))
'2005-07-01'
>>> (law, ELI.amends, None) in g or (law, ELI.amended_by, None) in g
False
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from mgi_graph.core.vocab import ELI, MGI, RDF, SCHEMA, XSD

#: The ontology's property, ELI's, and the datatype a value must have for ELI (whose
#: ``date_document`` is an ``xsd:date``: a year or a month alone is no date of adoption there).
ELI_TERMS: tuple[tuple[URIRef, URIRef, URIRef | None], ...] = (
    (SCHEMA.legislationIdentifier, ELI.number, None),
    (MGI.adopted, ELI.date_document, XSD.date),
    (MGI.inForceFrom, ELI.first_date_entry_in_force, XSD.date),
    (MGI.adoptedBy, ELI.passed_by, None),
)


def add_eli(g: Graph) -> int:
    """Add the ELI terms of every ``eli:LegalResource`` of ``g``; return how many."""
    added = 0
    for law in set(g.subjects(RDF.type, ELI.LegalResource)):
        for ours, theirs, datatype in ELI_TERMS:
            for value in g.objects(law, ours):
                if datatype is not None and not (
                    isinstance(value, Literal) and value.datatype == datatype
                ):
                    continue
                if (law, theirs, value) not in g:
                    g.add((law, theirs, value))
                    added += 1
    return added


__all__ = ["ELI_TERMS", "add_eli"]
