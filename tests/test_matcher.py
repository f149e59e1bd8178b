"""The name matcher on its own: normalisation, longest match, country resolution, scale."""

from __future__ import annotations

import pytest

from mgi_graph.curate.matcher import AmbiguousName, Matcher, Name

COUNTRIES = {
    "KZ": ["Kazakhstan", "Republic of Kazakhstan", "RK", "Kazakh"],
    "KG": ["Kyrgyzstan", "Kyrgyz Republic", "Kyrgyz"],
}


def found(m: Matcher, text: str, country: str | None = "KZ") -> list[tuple[str, tuple[str, ...]]]:
    return [(text[h.start : h.end], h.keys) for h in m.find(text, country=country)]


@pytest.fixture
def labour() -> Matcher:
    return Matcher(
        [
            Name("Ministry of Labour and Social Protection", "kz-mlsp", "KZ"),
            Name("Ministry of Labour", "kg-labour", "KG"),
            Name("Ministry of Labour", "kz-labour", "KZ"),
            Name("Ministry of Emergency Situations", "kg-mes", "KG"),
            Name("Ministry of Emergency Situations of the Kyrgyz Republic", "kg-mes", "KG"),
            Name("Inter-Agency Committee", "iac", "KZ"),
            Name("Organization for Security and Co-operation in Europe", "osce", None),
            Name("Law “On Population Migration”", "law", "KZ"),
            Name("Strategy for 2018–2040", "strategy", "KZ"),
            Name("Government", "gov", "KZ"),
            Name("the Almaty and the Budapest Processes", "almaty", None, joint=True),
            Name("the Almaty and the Budapest Processes", "budapest", None, joint=True),
            Name("Almaty Process", "almaty", None),
        ],
        COUNTRIES,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # British and American spelling, case, possessive
        ("the ministry of labor’s plan", [("ministry of labor", ("kz-labour",))]),
        # hyphenation and quotes
        ("the Inter Agency Committee", [("Inter Agency Committee", ("iac",))]),
        ("the Interagency Committee", [("Interagency Committee", ("iac",))]),
        ("OSCE: Cooperation in Europe", []),
        (
            "Organization for Security and Co-operation in Europe",
            [("Organization for Security and Co-operation in Europe", ("osce",))],
        ),
        (
            'the Law "On Population Migration" of 2011',
            [('Law "On Population Migration"', ("law",))],
        ),
        # dashes of all kinds, spaced or not
        ("the Strategy for 2018 — 2040", [("Strategy for 2018 — 2040", ("strategy",))]),
        ("the Strategy for 2018-2040", [("Strategy for 2018-2040", ("strategy",))]),
        # plurals
        ("both Almaty Processes", [("Almaty Processes", ("almaty",))]),
        # longest match wins
        (
            "the Ministry of Labour and Social Protection",
            [("Ministry of Labour and Social Protection", ("kz-mlsp",))],
        ),
        # a one-word name keeps its capitalisation and number
        ("government structures", []),
        ("Governments and the Government", [("Government", ("gov",))]),
        # a joint name refers to all its entries
        (
            "the Almaty and the Budapest Processes",
            [("Almaty and the Budapest Processes", ("almaty", "budapest"))],
        ),
        # word boundaries
        ("the Ministry of Labourers", []),
    ],
)
def test_normalisation_and_longest_match(labour, text, expected):
    assert found(labour, text) == expected


def test_country_of_a_generic_name_comes_from_the_document(labour):
    assert found(labour, "the Ministry of Labour", country="KZ") == [
        ("Ministry of Labour", ("kz-labour",))
    ]
    assert found(labour, "the Ministry of Labour", country="KG") == [
        ("Ministry of Labour", ("kg-labour",))
    ]


def test_country_named_next_to_the_name_overrides_the_document(labour):
    assert found(labour, "the Kyrgyz Ministry of Labour", country="KZ") == [
        ("Ministry of Labour", ("kg-labour",))
    ]
    assert found(labour, "the Ministry of Labour of the Republic of Kazakhstan", country="KG") == [
        ("Ministry of Labour", ("kz-labour",))
    ]


def test_a_name_qualified_by_its_country_matches_in_any_document(labour):
    text = "in cooperation with the Ministry of Emergency Situations of the Kyrgyz Republic"
    assert found(labour, text, country="KZ") == [
        ("Ministry of Emergency Situations of the Kyrgyz Republic", ("kg-mes",))
    ]


def test_another_countrys_law_or_instrument_is_never_lent(labour):
    """A distinctive name of one country's entry links in another country's text only where
    that text names the country; without it the name is left to be proposed as the
    document's own ("National Strategy on Migration" exists in many countries)."""
    text = "the Strategy for 2018–2040 was adopted"
    assert found(labour, text, country="KZ") == [("Strategy for 2018–2040", ("strategy",))]
    assert found(labour, text, country="KG") == []
    named = "Kyrgyzstan studied the Strategy for 2018–2040 of its neighbour, Kazakhstan"
    assert found(labour, named, country="KG") == [("Strategy for 2018–2040", ("strategy",))]
    assert found(labour, 'the Law "On Population Migration"', country="MD") == []
    # a document without a country has no country to keep to
    assert found(labour, text, country=None) == [("Strategy for 2018–2040", ("strategy",))]


def test_a_unique_name_is_not_linked_when_another_country_is_named_beside_it(labour):
    assert found(labour, "the Kazakh Ministry of Emergency Situations", country="KZ") == []


def test_an_unresolvable_name_is_an_error_not_a_guess(labour):
    with pytest.raises(AmbiguousName, match="kg-labour, kz-labour"):
        labour.find("the Ministry of Labour", country=None, where="doc.txt:3")


def test_time_does_not_grow_with_the_number_of_names():
    """The matcher walks a trie: its work per word is bounded by the longest name, so a
    registry of 10,000 names finds the same hits as one of 10 (the timing is in benchmarks)."""
    small = [Name("Ministry of Labour", "kz-labour", "KZ")]
    big = small + [Name(f"Committee number {i} of something", f"c{i}", "KZ") for i in range(10_000)]
    text = "The Ministry of Labour met Committee number 9999 of something. " * 50
    hits_small = found(Matcher(small, COUNTRIES), text)
    hits_big = found(Matcher(big, COUNTRIES), text)
    assert hits_small == [("Ministry of Labour", ("kz-labour",))] * 50
    assert len(hits_big) == 100
    assert Matcher(big, COUNTRIES).depth == 5


def test_a_name_scoped_to_a_document_matches_only_there():
    m = Matcher(
        [
            Name("EEC", "org/eec-a", None, source="doc-a"),
            Name("EEC", "org/eec-b", None, source="doc-b"),
            Name("Customs Union", "org/cu", None),
        ]
    )
    text = "Within the EEC and the Customs Union."
    assert [h.keys for h in m.find(text, source="doc-a")] == [("org/eec-a",), ("org/cu",)]
    assert [h.keys for h in m.find(text, source="doc-b")] == [("org/eec-b",), ("org/cu",)]
    # In any other document, "EEC" names nothing: it is left to be proposed or reviewed.
    assert [h.keys for h in m.find(text, source="doc-c")] == [("org/cu",)]
    assert [h.keys for h in m.find(text)] == [("org/cu",)]


def test_a_scoped_name_may_not_also_be_another_entrys_name_everywhere(tmp_path):
    from rdflib import Graph

    from mgi_graph.curate.registry import DuplicateName, Registry

    ttl = tmp_path / "registry.ttl"
    ttl.write_text(
        """@prefix mgi: <https://w3id.org/mgi-graph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix id: <https://w3id.org/mgi-graph/id/> .
mgi:InternationalOrganization rdfs:subClassOf mgi:RegistryEntry .
id:org\\/eec-a a mgi:InternationalOrganization ; skos:prefLabel "EEC (a)"@en ;
    mgi:nameInSource <https://w3id.org/mgi-graph/id/org/eec-a#name> .
<https://w3id.org/mgi-graph/id/org/eec-a#name> mgi:nameAsWritten "EEC"@en ;
    mgi:inSource id:source\\/doc-a .
id:org\\/eec a mgi:InternationalOrganization ; skos:prefLabel "EEC"@en .
""",
        encoding="utf-8",
    )
    with pytest.raises(DuplicateName, match=r"EEC' belongs to org/eec, org/eec-a, .* in doc-a"):
        Registry.from_graph(Graph().parse(ttl), ttl)
