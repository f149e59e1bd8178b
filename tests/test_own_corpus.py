"""A researcher's own corpus: init, add (text and PDF), build, review, query.

The profile added here (tests/fixtures/corpus/mgi-profile-moldova-test.txt) was written for
these tests: the layout of an MGI country profile, for a country the shipped graph has never
seen, with findings made up so that each domain names national bodies, some of them with
names that Kazakh bodies of the registry also carry. The bodies a reader finds in it were
listed by hand below.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from mgi_graph.core.vocab import MGI
from tests.conftest import OWN, cli
from tests.pdfmaker import profile_pdf
from tests.test_build import check_quotes

FIXTURE = Path(__file__).parent / "fixtures" / "corpus" / "mgi-profile-moldova-test.txt"

#: The national bodies, laws and instruments a reader finds in each domain of the fixture.
BY_HAND = {
    1: {
        "Ministry of Health, Labour and Social Protection",
        "Law on Asylum",
        "Ministry of Education, Culture and Research",
        "Ministry of Internal Affairs",
        "National Employment Agency",
    },
    2: {
        "Bureau for Migration and Asylum",
        "Ministry of Internal Affairs",
        "National Strategy on Migration and Asylum (2011-2020)",
        "State Chancellery",
        "National Bureau of Statistics",
        "Parliament",
    },
    3: {"Ministry of Foreign Affairs and European Integration", "Bureau for Diaspora Relations"},
    4: {
        "Diaspora Engagement Programme",
        "Organization for Small and Medium Enterprises Development",
        "State Labour Inspectorate",
        "Public Services Agency",
    },
    5: {"General Inspectorate for Emergency Situations"},
    6: {
        "General Inspectorate of Border Police",
        "Bureau for Migration and Asylum",
        "Law on the Regime of Foreigners",
        "Ministry of Foreign Affairs and European Integration",
    },
}


def tree(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` with its digest."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "build" not in p.relative_to(folder).parts
    }


def rows(home: Path, name: str, *params: str) -> list[dict[str, str]]:
    """The rows of a canned query on the corpus's build, as dicts."""
    import contextlib
    import io

    out = io.StringIO()
    args = ["query", name, "--home", str(home), "--format", "json"]
    for p in params:
        args += ["--param", p]
    with contextlib.redirect_stdout(out):
        assert cli(*args) == 0
    data = json.loads(out.getvalue())
    return (
        [{k: v for k, v in row.items()} for row in data["rows"]] if isinstance(data, dict) else data
    )


def built_graph(home: Path) -> Graph:
    assert cli("build", "--home", str(home)) == 0
    g = Graph()
    g.parse(home / "build" / "mgi-graph.nt", format="nt")
    return g


def test_init_seeds_the_shipped_sources_and_no_package_knowledge(corpus):
    names = sorted(p.name for p in (corpus / "data" / "sources").iterdir())
    assert len(names) == 5 and "mgi-profile-kyrgyzstan-2023-en.txt" in names
    assert not (corpus / "ontology").exists() and not (corpus / "queries").exists()
    assert (corpus / "curation" / "proposed.ttl").is_file()
    assert cli("init", "--base", OWN, str(corpus)) == 2  # not an empty folder


def test_a_new_country_as_text_gives_its_scorecard_its_own_bodies_and_borrows_none(corpus):
    assert cli("add", "--home", str(corpus), str(FIXTURE)) == 0
    g = built_graph(corpus)
    score = [r for r in rows(corpus, "scorecard") if r["country_code"] == "MD"]
    counts = {int(r["domain"]): (int(r["well_developed"]), int(r["potential"])) for r in score}
    # Counted by hand in the fixture.
    assert counts == {1: (2, 2), 2: (2, 2), 3: (2, 1), 4: (2, 1), 5: (1, 1), 6: (2, 1)}
    # No finding of Moldova names an entry of another country.
    q = """
    PREFIX mgi: <https://w3id.org/mgi-graph/ontology#>
    SELECT ?f ?e ?j WHERE {
      ?f mgi:inProfile <https://example.org/corpus/id/profile/MD-1> ; mgi:mentions ?e .
      ?e mgi:jurisdiction ?j .
      FILTER(?j NOT IN (<https://w3id.org/mgi-graph/id/country/MD>,
                        <https://w3id.org/mgi-graph/id/jurisdiction/international>))
    }"""
    assert list(g.query(q)) == []
    # Moldova, a country the curated records lack, gets its ISO codes and its UN M49 area
    # (the M49 table: 498, Eastern Europe 151, Europe 150).
    md = URIRef("https://w3id.org/mgi-graph/id/country/MD")
    assert [
        str(g.value(md, MGI[p])) for p in ("isoAlpha3", "m49Code", "m49SubRegion", "m49Region")
    ] == [
        "MDA",
        "498",
        "151",
        "150",
    ]
    # At least 90% of the bodies a reader finds, per domain, are proposed and linked.
    q = """
    PREFIX mgi: <https://w3id.org/mgi-graph/ontology#>
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    SELECT ?n ?label WHERE {
      ?f mgi:inProfile <https://example.org/corpus/id/profile/MD-1> ; mgi:mentions ?e ;
         mgi:domain/mgi:domainNumber ?n .
      ?e skos:prefLabel ?label ; mgi:reviewStatus <https://w3id.org/mgi-graph/id/review/proposed> ;
         mgi:jurisdiction <https://w3id.org/mgi-graph/id/country/MD> .
    }"""
    found: dict[int, set[str]] = {}
    for n, label in g.query(q):
        found.setdefault(int(n), set()).add(str(label))
    for domain, wanted in BY_HAND.items():
        share = len(wanted & found.get(domain, set())) / len(wanted)
        assert share >= 0.9, (domain, wanted - found.get(domain, set()))
    # The body-by-domain answer shows them, marked as not yet reviewed.
    bodies = [
        r for r in rows(corpus, "bodies-by-domain", "country=country:MD") if r["domain"] == "2"
    ]
    bma = next(r for r in bodies if r["body_label"] == "Bureau for Migration and Asylum")
    assert bma["review"] == "proposed" and bma["jurisdiction"] == "MD"
    assert bma["parent"].endswith("/org/md-ministry-of-internal-affairs")
    # The shipped Kazakh ministry keeps its own findings and gains none of Moldova's.
    kz = [r for r in rows(corpus, "bodies-by-domain") if r["body"].endswith("/org/kz-mia")]
    assert {r["country_code"] for r in kz} == {"KZ"}
    assert check_quotes(g, corpus / "data" / "sources") > 0


def test_proposals_carry_kind_parent_acronym_and_verbatim_evidence(corpus):
    assert cli("add", "--home", str(corpus), str(FIXTURE)) == 0
    g = built_graph(corpus)
    from mgi_graph.core.vocab import MGI, ORG, RDF, SKOS

    bma = URIRef(OWN + "org/md-bureau-for-migration-and-asylum")
    assert (bma, RDF.type, MGI.Agency) in g
    assert (bma, ORG.subOrganizationOf, URIRef(OWN + "org/md-ministry-of-internal-affairs")) in g
    assert {str(a) for a in g.objects(bma, SKOS.altLabel)} == {"BMA"}
    assert (URIRef(OWN + "law/md-law-on-asylum"), RDF.type, MGI.Law) in g
    assert (
        URIRef(OWN + "instrument/md-diaspora-engagement-programme"),
        RDF.type,
        MGI.PolicyInstrument,
    ) in g
    text = (corpus / "data" / "sources" / "mgi-profile-md-2019-1-en.txt").read_text("utf-8")
    evidence = list(g.objects(bma, MGI.proposalEvidence))
    assert len(evidence) == 2  # domain 2 and domain 6
    from mgi_graph.core.vocab import OA

    for q in evidence:
        start = int(g.value(URIRef(f"{q}#position"), OA.start))
        end = int(g.value(URIRef(f"{q}#position"), OA.end))
        assert text[start:end] == "Bureau for Migration and Asylum"


def test_a_pdf_of_the_same_profile_reads_to_the_same_findings(corpus, tmp_path):
    from mgi_graph.ingest.profile_parser import parse_profile
    from mgi_graph.ingest.sourcetext import SourceText

    pdf = profile_pdf(FIXTURE.read_text("utf-8"), tmp_path / "moldova.pdf")
    assert cli("add", "--home", str(corpus), str(pdf)) == 0
    key = "mgi-profile-md-2019-1-en"
    stored = corpus / "data" / "sources"
    assert (stored / f"{key}.pdf").read_bytes() == pdf.read_bytes()
    record = (corpus / "data" / "catalogue" / f"{key}.ttl").read_text("utf-8")
    assert hashlib.sha256(pdf.read_bytes()).hexdigest() in record
    assert hashlib.sha256((stored / f"{key}.txt").read_bytes()).hexdigest() in record
    extracted = (stored / f"{key}.txt").read_text("utf-8")
    assert "MIGRATION GOVERNANCE PROFILE 2019" not in extracted  # the running header
    web = parse_profile(SourceText.read(FIXTURE))
    from_pdf = parse_profile(SourceText.read(stored / f"{key}.txt"))
    assert [(f.domain, f.polarity, f.ordinal, f.text) for f in from_pdf.findings] == [
        (f.domain, f.polarity, f.ordinal, f.text) for f in web.findings
    ]
    g = built_graph(corpus)
    assert check_quotes(g, stored) > 0
    assert (
        len(set(g.subjects(None, None)) & {s for s in g.subjects() if "/finding/MD-1/" in s}) == 19
    )


def test_adding_the_same_file_again_changes_nothing_and_a_changed_one_needs_replace(
    corpus, tmp_path
):
    assert cli("add", "--home", str(corpus), str(FIXTURE)) == 0
    before = tree(corpus)
    assert cli("add", "--home", str(corpus), str(FIXTURE)) == 0
    assert tree(corpus) == before
    changed = tmp_path / FIXTURE.name
    changed.write_text(
        FIXTURE.read_text("utf-8").replace("before they hold", "until they hold"), "utf-8"
    )
    assert cli("add", "--home", str(corpus), str(changed)) == 2
    assert tree(corpus) == before
    assert cli("add", "--home", str(corpus), "--replace", str(changed)) == 0
    text = (corpus / "data" / "sources" / "mgi-profile-md-2019-1-en.txt").read_text("utf-8")
    assert "until they hold" in text
    assert built_graph(corpus) is not None


@pytest.mark.parametrize(
    "content",
    [
        b"A news item about migration in Moldova.\nIt has no findings lists.\n",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00binary",
        b"%PDF-1.4 broken",
        "Migration Governance Profile: Atlantis\n\nKey findings\nMigrants' rights\n\n"
        "Migration Governance: examples of well-developed areas:\n\n  • A finding.\n".encode(),
    ],
)
def test_a_file_that_is_not_a_readable_profile_is_refused_and_nothing_is_written(
    corpus, tmp_path, content, capsys
):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    before = tree(corpus)
    assert cli("add", "--home", str(corpus), str(bad)) == 2
    assert tree(corpus) == before
    assert str(bad) in capsys.readouterr().err


def review(corpus: Path, *args: str) -> int:
    return cli("review", "--home", str(corpus), *args)


def test_review_accept_reject_and_merge_are_checked_by_the_build(corpus, tmp_path):
    assert cli("add", "--home", str(corpus), str(FIXTURE)) == 0
    assert review(corpus, "accept", "org/md-national-employment-agency") == 0
    assert review(corpus, "reject", "org/md-parliament") == 0
    mia = "org/md-ministry-of-internal-affairs"
    assert review(corpus, "merge", "org/md-state-chancellery", "--into", mia) == 0
    assert review(corpus, "merge", "org/md-nowhere", "--into", "org/md-x") == 2
    assert review(corpus, "merge", "org/md-public-services-agency", "--into", "org/md-x") == 2
    g = built_graph(corpus)
    from mgi_graph.core.vocab import ID, MGI, RDF, SKOS

    nea = URIRef(OWN + "org/md-national-employment-agency")
    assert (nea, MGI.reviewStatus, ID["review/accepted"]) in g
    assert (URIRef(OWN + "org/md-parliament"), RDF.type, None) not in g
    assert (URIRef(OWN + "org/md-state-chancellery"), RDF.type, None) not in g
    mia = URIRef(OWN + "org/md-ministry-of-internal-affairs")
    assert "State Chancellery" in {str(x) for x in g.objects(mia, SKOS.altLabel)}
    # The finding that named the Chancellery now names the ministry it was merged into.
    assert (URIRef(OWN + "finding/MD-1/d2/well-developed/2"), MGI.mentions, mia) in g
    # A rejected name is not proposed again.
    changed = tmp_path / FIXTURE.name
    changed.write_text(FIXTURE.read_text("utf-8").replace("June", "July"), "utf-8")
    assert cli("add", "--home", str(corpus), "--replace", str(changed)) == 0
    proposed = (corpus / "curation" / "proposed.ttl").read_text("utf-8")
    assert proposed.count("org:md-parliament ") == 1 and "review:rejected" in proposed


def test_a_merge_across_jurisdictions_is_refused_unless_forced(corpus, capsys):
    """Moldova's ministry is not Kazakhstan's (a registry entry) nor IOM under another name,
    unless the researcher says so with --force."""
    assert cli("add", "--home", str(corpus), str(FIXTURE)) == 0
    before = (corpus / "curation" / "proposed.ttl").read_bytes()
    capsys.readouterr()
    mia = "org/md-ministry-of-internal-affairs"
    assert review(corpus, "merge", mia, "--into", "org/kz-mia") == 2
    err = capsys.readouterr().err
    assert "of country MD" in err and "of country KZ" in err and "--force" in err
    assert review(corpus, "merge", mia, "--into", "org/iom") == 2
    assert "international" in capsys.readouterr().err
    assert (corpus / "curation" / "proposed.ttl").read_bytes() == before
    assert review(corpus, "accept", mia, "--force") == 2
    assert review(corpus, "merge", mia, "--into", "org/kz-mia", "--force") == 0
    # The registry's entry, under the project's base (the file's org: is the corpus's own).
    merged = "mgi:mergedInto <https://w3id.org/mgi-graph/id/org/kz-mia>"
    assert merged in (corpus / "curation" / "proposed.ttl").read_text("utf-8")


def test_a_name_clash_made_in_the_proposals_file_names_that_file(corpus, capsys):
    assert cli("add", "--home", str(corpus), str(FIXTURE)) == 0
    f = corpus / "curation" / "proposed.ttl"
    text = f.read_text("utf-8")
    f.write_text(
        text.replace(
            'skos:prefLabel "Parliament"@en', 'skos:prefLabel "Ministry of Internal Affairs"@en'
        ),
        "utf-8",
    )
    capsys.readouterr()
    assert cli("build", "--home", str(corpus)) == 2
    assert f"{f}:" in capsys.readouterr().err


def test_a_merge_into_an_entry_that_is_gone_stops_the_build(corpus):
    assert cli("add", "--home", str(corpus), str(FIXTURE)) == 0
    f = corpus / "curation" / "proposed.ttl"
    f.write_text(
        f.read_text("utf-8").replace(
            "org:md-parliament a mgi:Parliament ;",
            "org:md-parliament a mgi:Parliament ;\n    mgi:mergedInto org:md-no-such-body ;",
        ),
        "utf-8",
    )
    assert cli("build", "--home", str(corpus)) == 2


def test_a_profile_of_a_curated_country_borrows_no_neighbour_bodies(corpus, tmp_path):
    # The same made-up page, titled for Tajikistan: a country with a curated record and
    # checked identifiers, neighbour of the two whose bodies the registry holds.
    tj = tmp_path / "tajikistan.txt"
    tj.write_text(
        FIXTURE.read_text("utf-8").replace("Republic of Moldova", "Republic of Tajikistan"),
        "utf-8",
    )
    assert cli("add", "--home", str(corpus), str(tj)) == 0
    g = built_graph(corpus)
    q = """
    PREFIX mgi: <https://w3id.org/mgi-graph/ontology#>
    SELECT DISTINCT ?j WHERE {
      ?f mgi:inProfile <https://example.org/corpus/id/profile/TJ-1> ; mgi:mentions ?e .
      ?e mgi:jurisdiction ?j . }"""
    assert {str(j).rsplit("/", 1)[1] for (j,) in g.query(q)} == {"TJ", "international"}
    from mgi_graph.core.vocab import ID, SCHEMA

    # The curated record, with its checked Wikidata link, is the one used.
    assert ID["country/TJ"] in set(g.subjects(SCHEMA.sameAs, None))


def test_a_proposal_merged_into_a_later_proposal_builds(corpus):
    # The target stands after the merged one in the file (IRI order): merges are applied
    # once every proposal is in the graph.
    assert cli("add", "--home", str(corpus), str(FIXTURE)) == 0
    merge = ("merge", "org/md-bureau-for-diaspora-relations", "--into", "org/md-state-chancellery")
    assert review(corpus, *merge) == 0
    g = built_graph(corpus)
    from mgi_graph.core.vocab import MGI, SKOS

    chancellery = URIRef(OWN + "org/md-state-chancellery")
    assert "Bureau for Diaspora Relations" in {
        str(x) for x in g.objects(chancellery, SKOS.altLabel)
    }
    assert (URIRef(OWN + "finding/MD-1/d3/potential/1"), MGI.mentions, chancellery) in g
