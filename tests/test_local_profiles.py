"""Local (city) profiles: a local government as the subject, within its country.

The profile added here (tests/fixtures/corpus/mgi-local-profile-kumasi-test.txt) was written
for these tests: the layout of a local MGI profile, its title in the form of IOM's local
reports ("Local Migration Governance Indicators Profile 2021 | City of Kumasi (Ghana)"), with
findings made up so that each domain names municipal and national bodies, some with names
that bodies of other countries in the registry also carry ("Ministry of Interior", "Ministry
of Foreign Affairs and ..."). The counts and bodies below were read by hand from the file.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from mgi_graph.core.vocab import DCTERMS, ID, MGI, RDF, RDFS, SKOS
from tests.conftest import OWN
from tests.pdfmaker import profile_pdf
from tests.test_build import check_quotes
from tests.test_own_corpus import built_graph, cli, rows, tree

FIXTURE = Path(__file__).parent / "fixtures" / "corpus" / "mgi-local-profile-kumasi-test.txt"
TITLE = "Local Migration Governance Indicators Profile 2021 | City of Kumasi (Ghana)"
PROFILE = URIRef(OWN + "profile/GH-kumasi-1")
KUMASI = URIRef(OWN + "local/GH-kumasi")

#: Well-developed and potential findings per domain, counted by hand.
COUNTS = {1: (2, 1), 2: (1, 2), 3: (1, 1), 4: (2, 1), 5: (1, 1), 6: (1, 1)}
#: The municipal and national bodies a reader finds in each domain (IOM, international, aside).
BY_HAND = {
    1: {"Kumasi Metropolitan Assembly", "Department of Social Welfare", "Ministry of Interior"},
    2: {
        "Kumasi Migration Desk",
        "Kumasi Metropolitan Assembly",
        "National Migration Policy",
        "Metropolitan Planning Coordinating Unit",
    },
    3: {"Kumasi Metropolitan Assembly", "Ghana Immigration Service"},
    4: {
        "Business Advisory Centre",
        "Kumasi Metropolitan Assembly",
        "Ministry of Employment and Labour Relations",
    },
    5: {"National Disaster Management Organisation"},
    6: {"Ghana Immigration Service", "Ministry of Foreign Affairs and Regional Integration"},
}


def without_country(tmp_path: Path) -> Path:
    """The fixture with a title that names the city only."""
    text = FIXTURE.read_text("utf-8").replace(" (Ghana)\n", "\n")
    path = tmp_path / "kumasi-no-country.txt"
    path.write_text(text, "utf-8")
    return path


def check_local_profile(g: Graph, home: Path) -> None:
    """What the tests below expect of the Kumasi profile, however it was added."""
    # The profile assesses the city, a local government within Ghana.
    assert g.value(PROFILE, MGI.assesses) == KUMASI
    assert (KUMASI, RDF.type, MGI.LocalGovernment) in g
    assert g.value(KUMASI, MGI.withinCountry) == ID["country/GH"]
    assert g.value(KUMASI, SKOS.prefLabel) == Literal("City of Kumasi")
    assert g.value(PROFILE, MGI.edition) == ID["edition/local"]
    assert int(g.value(PROFILE, MGI.editionNumber)) == 1
    assert str(g.value(PROFILE, RDFS.label)) == "MGI profile of City of Kumasi, 2021 (local)"
    # Six scorecard rows, under Ghana, with the counts read by hand.
    score = [r for r in rows(home, "scorecard") if r["profile"] == str(PROFILE)]
    assert {r["country_code"] for r in score} == {"GH"}
    got = {int(r["domain"]): (int(r["well_developed"]), int(r["potential"])) for r in score}
    assert got == COUNTS
    # No finding names an entry of another country.
    q = """
    PREFIX mgi: <https://w3id.org/mgi-graph/ontology#>
    SELECT ?f ?e WHERE {
      ?f mgi:inProfile ?p ; mgi:mentions ?e . ?e mgi:jurisdiction ?j .
      FILTER(?j NOT IN (<https://w3id.org/mgi-graph/id/country/GH>,
                        <https://w3id.org/mgi-graph/id/jurisdiction/international>))
    }"""
    assert list(g.query(q, initBindings={"p": PROFILE})) == []
    # At least 90% of the bodies a reader finds, per domain, are proposed as Ghana's.
    q = """
    PREFIX mgi: <https://w3id.org/mgi-graph/ontology#>
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    SELECT ?n ?label WHERE {
      ?f mgi:inProfile ?p ; mgi:mentions ?e ; mgi:domain/mgi:domainNumber ?n .
      ?e skos:prefLabel ?label ; mgi:reviewStatus <https://w3id.org/mgi-graph/id/review/proposed> ;
         mgi:jurisdiction <https://w3id.org/mgi-graph/id/country/GH> .
    }"""
    found: dict[int, set[str]] = {}
    for n, label in g.query(q, initBindings={"p": PROFILE}):
        found.setdefault(int(n), set()).add(str(label))
    for domain, wanted in BY_HAND.items():
        share = len(wanted & found.get(domain, set())) / len(wanted)
        assert share >= 0.9, (domain, wanted - found.get(domain, set()))
    # The city's own authority is a local authority, not a parliament; IOM stays IOM.
    assert (URIRef(OWN + "org/gh-kumasi-metropolitan-assembly"), RDF.type, MGI.LocalAuthority) in g
    d3 = {
        r["body"]
        for r in rows(home, "bodies-by-domain", "country=country:GH")
        if r["domain"] == "3"
    }
    assert str(ID["org/iom"]) in d3
    assert not any("iom-and" in b for b in d3)
    assert check_quotes(g, home / "data" / "sources") > 0


def test_a_local_profile_whose_title_names_its_country(corpus):
    assert cli("add", "--home", str(corpus), str(FIXTURE)) == 0
    g = built_graph(corpus)
    check_local_profile(g, corpus)
    assert list(g.objects(PROFILE, DCTERMS.title)) == [Literal(TITLE, lang="en")]


def test_a_local_profile_as_a_pdf_with_its_country_given(corpus, tmp_path):
    source = without_country(tmp_path)
    pdf = profile_pdf(source.read_text("utf-8"), tmp_path / "kumasi.pdf")
    assert cli("add", "--home", str(corpus), str(pdf), "--country", "Ghana") == 0
    g = built_graph(corpus)
    check_local_profile(g, corpus)
    # The catalogue record says the country was given, not read.
    record = next((corpus / "data" / "catalogue").glob("mgi-local-profile-gh-kumasi-*.ttl"))
    assert "the country was given with --country" in record.read_text("utf-8")
    assert (corpus / "data" / "sources" / f"{record.stem}.pdf").is_file()


@pytest.mark.parametrize(
    ("country", "says"),
    [
        (None, "but not its country: give it with --country"),
        ("Atlantis", "Atlantis"),
    ],
)
def test_a_local_profile_without_a_country_is_refused_and_nothing_is_written(
    corpus, tmp_path, capsys, country, says
):
    before = tree(corpus)
    extra = ["--country", country] if country else []
    assert cli("add", "--home", str(corpus), str(without_country(tmp_path)), *extra) == 2
    err = capsys.readouterr().err
    assert says in err and "kumasi-no-country.txt" in err
    assert tree(corpus) == before


def test_a_country_given_against_the_title_is_refused(corpus, capsys):
    before = tree(corpus)
    assert cli("add", "--home", str(corpus), str(FIXTURE), "--country", "MD") == 2
    assert "places 'City of Kumasi' in Ghana" in capsys.readouterr().err
    assert tree(corpus) == before


def test_a_city_and_its_country_keep_their_profiles_apart(corpus):
    """A national profile and a local one of the same country: each keeps its findings, and
    the country's queries see both, the city's under its own profile."""
    from tests.test_own_corpus import FIXTURE as MOLDOVA

    moldovan_city = FIXTURE.read_text("utf-8").replace(
        "City of Kumasi (Ghana)", "Municipality of Bălți (Republic of Moldova)"
    )
    path = corpus.parent / "balti.txt"
    path.write_text(moldovan_city, "utf-8")
    assert cli("add", "--home", str(corpus), str(MOLDOVA), str(path)) == 0
    g = built_graph(corpus)
    balti = URIRef(OWN + "local/MD-balti")
    assert g.value(URIRef(OWN + "profile/MD-balti-1"), MGI.assesses) == balti
    assert g.value(balti, SKOS.prefLabel) == Literal("Municipality of Bălți")
    assert g.value(URIRef(OWN + "profile/MD-1"), MGI.assesses) == ID["country/MD"]
    profiles = {r["profile"] for r in rows(corpus, "scorecard", "country=country:MD")}
    assert profiles == {str(URIRef(OWN + "profile/MD-1")), str(URIRef(OWN + "profile/MD-balti-1"))}
    # The editions of the city are compared among themselves only: one edition, no changes.
    assert not list(g.subjects(MGI.laterProfile, URIRef(OWN + "profile/MD-balti-1")))


def test_a_citys_second_local_profile_is_compared_with_its_first(corpus, tmp_path):
    """Two local editions of one city, the second with the same findings: compared with
    each other, as a country's are, every strength kept and every gap persisting."""
    second = (
        FIXTURE.read_text("utf-8")
        .replace(TITLE, "Migration Governance Second Local Profile: Kumasi, Ghana")
        .replace("2021 March", "2024 March")
    )
    path = tmp_path / "kumasi-2024.txt"
    path.write_text(second, "utf-8")
    assert cli("add", "--home", str(corpus), str(FIXTURE), str(path)) == 0
    g = built_graph(corpus)
    later = URIRef(OWN + "profile/GH-kumasi-2")
    # "Kumasi, Ghana" and "City of Kumasi (Ghana)" are one place, named as its first edition.
    assert g.value(later, MGI.assesses) == KUMASI
    assert g.value(KUMASI, SKOS.prefLabel) == Literal("City of Kumasi")
    assert int(g.value(later, MGI.editionNumber)) == 2
    assert g.value(later, MGI.edition) == ID["edition/local"]
    changes = rows(corpus, "compare-editions", "country=local:GH-kumasi")
    # 8 strengths and 7 gaps (COUNTS), each linked to its twin of the second edition.
    assert Counter(r["change"] for r in changes) == {"kept": 8, "persisting": 7}
    for r in changes:
        assert "/finding/GH-kumasi-1/" in r["earlier_finding"]
        assert r["later_finding"] == r["earlier_finding"].replace("GH-kumasi-1", "GH-kumasi-2")
    # Ghana has no national profile, so no editions of its own to compare.
    assert rows(corpus, "compare-editions", "country=country:GH") == []
