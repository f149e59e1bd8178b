"""How the report names a property: in words, never as a bare local name."""

from __future__ import annotations

from functools import cache

from mgi_graph.core.vocab import MGI


def property_name(iri: str, label: str) -> str:
    """How a page names the property ``iri``, whose label the graph gives as ``label`` (its
    local name where it has none): the name ``property-names.toml`` gives a property of
    another vocabulary, else the graph's label, else its prefixed name.

    >>> property_name("http://www.w3.org/2004/02/skos/core#altLabel", "altLabel")
    'other name'
    >>> property_name("https://w3id.org/mgi-graph/ontology#jurisdiction", "jurisdiction")
    'jurisdiction'
    >>> property_name("http://www.w3.org/2004/02/skos/core#broader", "broader")
    'skos:broader'
    """
    names = _property_names()
    if iri in names:
        return names[iri]
    if label != iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1] or iri.startswith(str(MGI)):
        return label
    from mgi_graph.query.output import compact

    return compact(iri)


@cache
def _property_names() -> dict[str, str]:
    import tomllib
    from pathlib import Path

    path = Path(__file__).with_name("property-names.toml")
    return tomllib.loads(path.read_text(encoding="utf-8"))


__all__ = ["property_name"]
