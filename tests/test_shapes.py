"""The SHACL shapes: they are valid SHACL, the real graph conforms, and every shape catches
the breakage it is for, with its plain-language message.

Each file in tests/fixtures/shapes/ is a SPARQL Update that breaks a copy of the built graph;
its header says the message expected (``# expect:``) and the focus node (``# focus:``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from mgi_graph.validate.shacl import check_shapes, validate_graph

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "shapes").glob("*.ru"))


def header(path: Path, key: str) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(f"# {key}: "):
            return line.split(": ", 1)[1]
    raise AssertionError(f"{path.name} has no '# {key}:' line")


def test_shapes_conform_to_shacl_shacl():
    report = check_shapes()
    assert report.conforms, report.text()


def test_there_is_a_fixture_for_every_shape():
    shapes = Graph().parse(Path(__file__).parents[1] / "ontology" / "shapes.ttl")
    names = {
        str(s).rsplit("#", 1)[-1]
        for s in shapes.subjects(predicate=None, object=None)
        if str(s).endswith("Shape")
    }
    covered = {
        "FindingShape": "finding-",
        "InProfileSubjectShape": "inprofile-subject-",
        "RefersToSubjectShape": "refersto-subject-",
        "EarlierProfileSubjectShape": "earlierprofile-subject-",
        "ProfileShape": "profile-",
        "QuoteShape": "quote-",
        "TextQuoteSelectorShape": "selector-empty",
        "TextPositionSelectorShape": "selector-start",
        "SourceDocumentShape": "source-",
        "CountryShape": "country-",
        "LocalGovernmentShape": "local-government-",
        "DomainShape": "domain-",
        "OntologyTermShape": "ontology-term-",
        "RegistryEntryShape": "registry-",
        "SchemeConceptShape": "scheme-concept-",
        "JurisdictionShape": "jurisdiction-",
        "StatementShape": "statement-",
        "ParagraphShape": "paragraph-",
        "FootnoteShape": "footnote-",
        "ChangeEventShape": "change-event-",
        "MentionShape": "mention-",
        "MentionClosedShape": "mention-closed-",
        "MentionCountryShape": "mention-country-",
        "BodyKindShape": "body-kind-",
        "ExclusionShape": "exclusion-",
        "DevelopmentShape": "development-closed-",
        "DevelopmentIriShape": "development-iri-",
        "FindingUpdateShape": "update-closed-",
        "FindingUpdateIriShape": "update-iri-",
        "ObservationShape": "observation-",
        "ReferencePeriodShape": "period-",
        "LinkCandidateShape": "link-",
        "BasisShape": "basis-",
        "UndatedFigureShape": "figure-from-navigation",
        "EditionChangeShape": "edition-change-no-kind",
        "EditionChangeLinkShape": "edition-change-across",
    }
    assert names == set(covered)
    for prefix in covered.values():
        assert any(f.name.startswith(prefix) for f in FIXTURES), prefix


def broken_by(fixture: Path, graph: Graph) -> Graph:
    """A copy of ``graph`` with the SPARQL Update of ``fixture`` applied."""
    broken = Graph()
    for triple in graph:
        broken.add(triple)
    broken.update(fixture.read_text(encoding="utf-8"))
    return broken


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_breaking_fixture_gives_its_message(fixture, graph):
    report = validate_graph(broken_by(fixture, graph))
    assert not report.conforms
    expect, focus = header(fixture, "expect"), header(fixture, "focus")
    hits = [r for r in report.results if expect in r.message and r.focus.endswith(focus)]
    assert hits, report.text()
    assert expect in report.text()
