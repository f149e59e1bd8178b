"""The registry, the statements with evidence and the mention links, on the real sources.

Every expected value here was read off the five source texts by hand.
"""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from mgi_graph.core.errors import InputError
from mgi_graph.core.vocab import ID, MGI, OA
from mgi_graph.curate.candidates import source_candidates
from mgi_graph.curate.name_words import name_key
from mgi_graph.curate.registry import Registry
from mgi_graph.graph.assemble import knowledge_graph
from tests.test_build import ENV, copy_project, run_cli

ORG_SUB = URIRef("http://www.w3.org/ns/org#subOrganizationOf")


def e(key: str) -> URIRef:
    return ID[key]


def mentioned(graph: Graph, unit: str) -> set[str]:
    return {str(x)[len(str(ID)) :] for x in graph.objects(ID[unit], MGI.mentions)}


def quotes_of(graph: Graph, statement: URIRef) -> list[str]:
    return [
        str(graph.value(URIRef(f"{q}#text"), OA.exact))
        for q in graph.objects(statement, MGI.hasQuote)
    ]


def statement(graph: Graph, s: URIRef, p: URIRef, o: URIRef) -> URIRef:
    """The one statement of (s, p, o); the triple itself must be in the graph too."""
    assert (s, p, o) in graph
    found = [
        st
        for st in graph.subjects(RDF.subject, s)
        if (st, RDF.predicate, p) in graph and (st, RDF.object, o) in graph
    ]
    assert len(found) == 1, (s, p, o, found)
    return found[0]


# --- the Kazakh Ministry of Internal Affairs -------------------------------------------------


def test_kazakh_interior_ministry_is_one_entity_in_three_domains(graph):
    mia = e("org/kz-mia")
    findings = {f for f in graph.subjects(MGI.mentions, mia) if (f, RDF.type, MGI.Finding) in graph}
    assert {str(f)[len(str(ID)) :] for f in findings} == {
        "finding/KZ-1/d2/well-developed/3",  # "the Ministry of Interior" (data)
        "finding/KZ-1/d5/well-developed/2",  # "within the Ministry of Interior"
        "finding/KZ-1/d6/well-developed/2",  # "the Ministry of Internal Affairs"
    }
    assert {graph.value(f, MGI.domain) for f in findings} == {
        ID["domain/2"],
        ID["domain/5"],
        ID["domain/6"],
    }
    # In crises through its Committee for Emergency Situations, which the profile places
    # within the ministry.
    ces = e("org/kz-committee-emergency-situations")
    assert (ID["finding/KZ-1/d5/well-developed/2"], MGI.mentions, ces) in graph
    st = statement(graph, ces, ORG_SUB, mia)
    assert quotes_of(graph, st) == [
        "The Committee for Emergency Situations within the Ministry of Interior"
    ]
    names = {str(n) for n in graph.objects(mia, SKOS.altLabel)}
    assert {"Ministry of Interior", "Ministry of Internal Affairs"} <= names


# --- statements with evidence ----------------------------------------------------------------


def test_kazakhstan_has_not_ratified_three_conventions(graph):
    kz = ID["country/KZ"]
    d3 = (
        "neither has it ratified the ILO Migration Employment Convention (Revised) 1949, or "
        "the ILO Migrant Workers Convention (Supplementary Provisions) 1975."
    )
    for conv in ("ilo-c097", "ilo-c143"):
        st = statement(graph, kz, MGI.notRatified, e(f"agreement/{conv}"))
        assert quotes_of(graph, st) == [d3]
    cmw = e("agreement/migrant-workers-convention")
    st = statement(graph, kz, MGI.notRatified, cmw)
    assert any(
        q.startswith("Kazakhstan has neither ratified nor signed") for q in quotes_of(graph, st)
    )
    statement(graph, kz, MGI.notSigned, cmw)
    # Nothing says Kazakhstan is a party to any of them.
    for conv in ("ilo-c097", "ilo-c143", "migrant-workers-convention"):
        assert (kz, MGI.partyTo, e(f"agreement/{conv}")) not in graph


@pytest.mark.parametrize(
    ("country", "org", "quote_start"),
    [
        ("KZ", "almaty-process", "Kazakhstan is also a member of two regional consultative"),
        ("KZ", "budapest-process", "Kazakhstan is also a member of two regional consultative"),
        ("KZ", "eaeu", "Kazakhstan’s membership in the Eurasian Economic Union"),
        ("KZ", "gfmd", "Kazakhstan is a participant of the Global Forum"),
        ("KZ", "iom", "It is also a member state of the IOM"),
        ("KG", "almaty-process", "Kyrgyzstan participates in the Almaty Process"),
        ("KG", "eaeu", "Kazakhstan’s membership in the Eurasian Economic Union and access"),
    ],
)
def test_memberships_with_their_quotes(graph, country, org, quote_start):
    st = statement(graph, ID[f"country/{country}"], MGI.memberOf, e(f"org/{org}"))
    assert any(q.startswith(quote_start) for q in quotes_of(graph, st))


def test_kyrgyzstan_is_not_said_to_be_in_the_budapest_process(graph):
    assert (ID["country/KG"], MGI.memberOf, e("org/budapest-process")) not in graph


def test_cross_border_cooperation_on_emergencies(graph):
    ces, mes = e("org/kz-committee-emergency-situations"), e("org/kg-ministry-emergency-situations")
    st = statement(graph, ces, MGI.cooperatesWith, mes)
    assert (
        "in cooperation with the Ministry of Emergency Situations of the Kyrgyz Republic"
        in (quotes_of(graph, st)[0])
    )
    assert graph.value(ces, MGI.jurisdiction) == ID["country/KZ"]
    assert graph.value(mes, MGI.jurisdiction) == ID["country/KG"]


def test_transfer_of_functions_with_dates(graph):
    st = statement(graph, e("org/kz-mia"), MGI.transferredFunctionsTo, e("org/kz-mlsp"))
    assert str(graph.value(st, DCTERMS.date)) == "2021-07-19"
    assert str(graph.value(st, MGI.effectiveFrom)) == "2022-01-01"
    assert len(quotes_of(graph, st)) == 3


def test_oralman_renamed_qandas_in_may_2020(graph):
    qandas = e("status/qandas")
    assert {"oralman", "Oralman"} <= {str(n) for n in graph.objects(qandas, SKOS.altLabel)}
    st = next(graph.subjects(RDF.subject, qandas))
    assert str(graph.value(st, RDF.object)) == "oralman"
    assert str(graph.value(st, DCTERMS.date)) == "2020-05"


def test_one_law_under_the_names_of_profile_and_article(graph):
    law = e("law/kz-population-migration")
    units = {str(u)[len(str(ID)) :] for u in graph.subjects(MGI.mentions, law)}
    assert {
        "finding/KZ-1/d1/well-developed/4",  # "The law on Migration of the Republic of …"
        "finding/KZ-1/d2/well-developed/2",  # "the 2011 Law on Migration"
        "paragraph/article-kazakhstan-migration-regulation/23",  # Law of the RK No. 477-IV …
        "paragraph/article-kazakhstan-migration-regulation/56",  # Law “On Population Migration”
        "paragraph/article-kazakhstan-migration-regulation/93",  # the reference (Zakon …)
    } == units


def test_statement_quotes_are_verbatim_in_their_sources(graph, built):
    # The quote test in test_build reads every quote back; here: every statement has one and
    # the relation it states is in the graph as a triple.
    statements = set(graph.subjects(RDF.type, MGI.Statement))
    assert len(statements) > 90
    for st in statements:
        assert quotes_of(graph, st), st
        s, p, o = (graph.value(st, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        assert (s, p, o) in graph, st


def test_statement_with_a_quote_not_in_its_source_stops_the_build(tmp_path):
    home = copy_project(tmp_path)
    f = home / "data" / "statements.ttl"
    good = "Kyrgyzstan participates in the Almaty Process on Refugee Protection"
    f.write_text(f.read_text("utf-8").replace(good, good.replace("participates", "takes part")))
    r = run_cli("build", "--out", str(tmp_path / "out"), env={**ENV, "MGI_GRAPH_HOME": str(home)})
    assert r.returncode == 2
    assert "statements.ttl:" in r.stderr
    assert "statement/kg-member-almaty-process" in r.stderr
    assert "Kyrgyzstan takes part in the Almaty Process" in r.stderr
    assert "does not occur in mgi-profile-kyrgyzstan-2023-en.txt" in r.stderr
    assert not (tmp_path / "out" / "manifest.json").exists()


# --- mention linking ---------------------------------------------------------------------------

EXPECTED_FINDINGS = {
    "KZ-1/d1/well-developed/1": set(),
    "KZ-1/d1/well-developed/2": {"org/kz-government", "instrument/kz-gafma"},
    "KZ-1/d1/well-developed/4": {"law/kz-population-migration"},
    "KZ-1/d1/potential/2": {"law/kz-mandatory-social-insurance"},
    "KZ-1/d2/well-developed/3": {
        "org/kz-committee-statistics",
        "org/kz-mia",
        "org/kz-mfa-social-protection",
    },
    "KZ-1/d2/potential/2": set(),
    "KZ-1/d3/well-developed/1": {"org/gfmd", "org/iom"},
    "KZ-1/d3/well-developed/2": {"org/almaty-process", "org/budapest-process"},
    "KZ-1/d3/well-developed/3": {"org/eaeu"},
    "KZ-1/d3/well-developed/4": {
        "agreement/cis-labour-migration",
        "org/cis",
        "agreement/kz-tj-labour-migrants",
    },
    "KZ-1/d3/potential/2": {
        "agreement/migrant-workers-convention",
        "agreement/ilo-c097",
        "agreement/ilo-c143",
    },
    "KZ-1/d4/well-developed/1": {"law/kz-constitution"},
    "KZ-1/d4/well-developed/2": {"org/kz-local-executive-bodies"},
    "KZ-1/d5/well-developed/2": {
        "org/kz-committee-emergency-situations",
        "org/kz-mia",
        "org/kz-centre-emergency-drr",
        "org/kg-ministry-emergency-situations",
    },
    "KZ-1/d6/well-developed/1": {
        "org/kz-border-service-academy",
        "org/kz-border-service",
        "instrument/bomca",
        "org/eu",
        "org/osce",
    },
    "KZ-1/d6/well-developed/2": {
        "org/kz-inter-agency-committee-trafficking",
        "org/kz-mlsp",
        "org/kz-mia",
    },
    "KZ-1/d6/well-developed/3": {"instrument/kz-repatriation-programme", "status/qandas"},
    "KZ-1/d6/potential/3": {"instrument/kz-repatriation-programme"},
    "KG-2/d1/well-developed/1": set(),
    "KG-2/d1/well-developed/2": {"instrument/kg-human-rights-action-plan"},
    "KG-2/d1/well-developed/3": {"agreement/kg-tr-social-security"},
    "KG-2/d1/potential/2": {"org/eaeu"},
    "KG-2/d2/well-developed/1": {"instrument/kg-migration-policy-concept"},
    "KG-2/d2/well-developed/2": {"org/kg-council-on-migration"},
    "KG-2/d2/potential/1": {"instrument/kg-gender-equality-plan"},
    "KG-2/d3/well-developed/1": {"org/almaty-process"},
    "KG-2/d3/well-developed/2": {"agreement/eaeu-treaty"},
    "KG-2/d4/well-developed/3": {
        "law/kg-provision-labour-migration",
        "org/kg-state-center-employment-abroad",
    },
    "KG-2/d4/well-developed/4": {"org/kg-national-bank"},
    "KG-2/d4/potential/1": {"org/kg-department-labour-employment"},
    "KG-2/d5/well-developed/1": {"instrument/kg-comprehensive-protection-concept"},
    "KG-2/d5/potential/1": {"instrument/kg-comprehensive-protection-concept"},
    "KG-2/d5/potential/2": {"instrument/kg-national-development-strategy"},
    "KG-2/d6/well-developed/1": {"instrument/kg-unitary-monitoring-system"},
    "KG-2/d6/well-developed/3": {
        "org/kg-cabinet",
        "instrument/kg-anti-trafficking-programme",
        "law/kg-resolution-227-2022",
        "instrument/kg-anti-trafficking-action-plan",
    },
}

ARTICLE = "paragraph/article-kazakhstan-migration-regulation/"
NEWS = "paragraph/iom-news-astana-roundtable-2014/"
EXPECTED_PARAGRAPHS = {
    ARTICLE + "23": {
        "instrument/kz-migration-policy-concepts",
        "law/kz-decree-1346-2000",
        "law/kz-decree-399-2007",
        "law/kz-decree-602-2017",
        "law/kz-population-migration",
    },
    ARTICLE + "24": {
        "agreement/global-compact-migration",
        "org/kz-mia",
        "org/kz-mlsp",
        "status/qandas",
        "status/kz-refugee",
        "instrument/kz-migration-policy-concept-2022-2026",
    },
    ARTICLE + "25": {
        "org/kz-government",
        "org/kz-mia",
        "org/kz-mfa",
        "org/kz-mlsp",
        "org/kz-committee-labour-migration",
        "org/kz-nsc",
        "org/kz-ministry-education",
        "org/kz-ministry-health",
        "org/kz-local-executive-bodies",
    },
    ARTICLE + "26": {
        "org/kz-mia",
        "org/kz-nsc",
        "org/kz-border-service",
        "org/kz-mfa",
        "instrument/kz-berkut",
        "org/kz-mlsp",
        "instrument/kz-foreign-labor-force",
    },
    ARTICLE + "28": {
        "org/kz-mia",
        "org/kz-mlsp",
        "law/kz-decree-public-administration-2021",
        "status/kz-refugee",
    },
    ARTICLE + "29": {"org/kz-national-agency-migration"},
    ARTICLE + "31": {"org/kz-otandastar"},
    ARTICLE + "38": {"org/kz-mia", "instrument/kz-operation-migrant"},
    ARTICLE + "42": {
        "org/kz-mlsp",
        "org/kz-mfa",
        "org/kz-government",
        "org/kz-president",
        "org/kz-national-council-public-trust",
    },
    ARTICLE + "44": {
        "org/eaeu",
        "instrument/work-in-eaeu",
        "org/eurasian-development-bank",
        "org/pension-fund",
    },
    ARTICLE + "53": {"org/iom", "org/kz-nazarbayev-university", "org/kz-kbtu"},
    ARTICLE + "56": {"instrument/kz-migration-policy-concepts", "law/kz-population-migration"},
    NEWS + "17": {
        "org/iom",
        "org/iom-central-asia-office",
        "org/kz-astana-economic-forum",
        "org/customs-union",
    },
    NEWS + "20": {
        "org/kz-mazhilis",
        "org/kz-human-rights-commission",
        "org/kz-president",
        "instrument/kz-strategy-2050",
        "org/kz-government",
    },
    NEWS + "21": {
        "org/kz-committee-migration",
        "org/common-economic-space",
        "agreement/legal-status-migrant-workers",
        "org/eurasian-economic-space",
        "org/wto",
    },
    NEWS + "22": {
        "agreement/eaeu-treaty",
        "agreement/eaeu-treaty-section-xxvi",
        "org/high-eurasian-economic-council",
        "org/eec-news-2014",
    },
}


@pytest.mark.parametrize("finding", sorted(EXPECTED_FINDINGS))
def test_finding_mentions(graph, finding):
    assert mentioned(graph, f"finding/{finding}") == EXPECTED_FINDINGS[finding]


def test_expected_findings_span_both_profiles_and_all_domains():
    assert len(EXPECTED_FINDINGS) >= 20
    assert {k.split("/")[0] for k in EXPECTED_FINDINGS} == {"KZ-1", "KG-2"}
    assert {k.split("/")[1] for k in EXPECTED_FINDINGS} == {f"d{n}" for n in range(1, 7)}


@pytest.mark.parametrize("paragraph", sorted(EXPECTED_PARAGRAPHS))
def test_paragraph_mentions(graph, paragraph):
    assert mentioned(graph, paragraph) == EXPECTED_PARAGRAPHS[paragraph]


def test_news_navigation_is_not_a_paragraph(graph):
    lines = {
        int(graph.value(p, MGI.line))
        for p in graph.subjects(MGI.inDocument, ID["source/iom-news-astana-roundtable-2014"])
    }
    assert lines == set(range(16, 27))


def test_every_mention_quotes_a_name_of_its_entry(graph):
    mentions = list(graph.subjects(RDF.type, MGI.Mention))
    assert len(mentions) > 200
    for m in mentions:
        q = graph.value(m, MGI.hasQuote)
        exact = str(graph.value(URIRef(f"{q}#text"), OA.exact))
        for entry in graph.objects(m, MGI.refersTo):
            names = {
                name_key(str(n))
                for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, MGI.jointName)
                for n in graph.objects(entry, p)
            }
            assert name_key(exact) in names, (m, exact, entry)


def test_every_entry_is_named_in_the_sources_or_in_a_statement(graph):
    entries = set(graph.subjects(MGI.jurisdiction, None)) | {
        e("org/government-of-sweden"),
        e("org/pension-fund"),
    }
    assert len(entries) > 100
    for entry in entries:
        in_text = (None, MGI.refersTo, entry) in graph
        in_statement = (None, RDF.subject, entry) in graph or (None, RDF.object, entry) in graph
        assert in_text or in_statement, entry


# --- curation aid ------------------------------------------------------------------------------


def test_candidates_on_the_sources_are_only_the_recorded_exclusions():
    found = source_candidates(Registry.from_graph(knowledge_graph()))
    assert [c for c in found if c.excluded is None] == []
    assert sorted((c.line, c.phrase) for c in found) == [
        (21, "Agreement"),
        (21, "Agreement"),
        (21, "Member States of the Agreement"),
        (22, "Agreement"),
    ]
    assert all(c.file_name == "iom-news-astana-roundtable-2014.txt" for c in found)


def test_candidates_command_lists_an_unregistered_name(tmp_path):
    home = copy_project(tmp_path)
    reg = home / "data" / "registry.ttl"
    text = reg.read_text("utf-8")
    start = text.index("org:kg-council-on-migration a mgi:Council")
    end = text.index("\n\n", start)
    reg.write_text(text[:start] + text[end + 2 :], "utf-8")
    r = run_cli("candidates", env={**ENV, "MGI_GRAPH_HOME": str(home)})
    assert r.returncode == 1
    assert r.stdout.splitlines() == [
        "mgi-profile-kyrgyzstan-2023-en.txt:75:9: Council on Migration"
    ]


# --- registry integrity ------------------------------------------------------------------------


def test_two_entries_of_one_country_may_not_share_a_name():
    g = knowledge_graph()
    g.add((e("org/kz-mfa"), SKOS.altLabel, g.value(e("org/kz-mia"), SKOS.prefLabel)))
    with pytest.raises(InputError, match="belongs to org/kz-mfa, org/kz-mia"):
        Registry.from_graph(g)


def test_a_joint_name_needs_two_entries():
    g = knowledge_graph()
    g.remove((e("org/budapest-process"), MGI.jointName, None))
    with pytest.raises(InputError, match=r"joint name .* carried by one entry only"):
        Registry.from_graph(g)
