"""The canned queries: headers, exact answers on the real sources, both engines agreeing,
clear errors, and parameter values that cannot change a query."""

from __future__ import annotations

import re

import pytest

from mgi_graph.cli import main
from mgi_graph.core.paths import home
from mgi_graph.query.engines import run, with_bindings
from mgi_graph.query.results import EngineError
from mgi_graph.query.stored_queries import QueryError, get_query, load_queries, parse_header
from tests.conftest import OWN, ROOT, example_params

QUERIES = load_queries()
KZ = "https://w3id.org/mgi-graph/id/country/KZ"


@pytest.fixture(scope="module")
def data(built):
    return built.out_dir / "mgi-graph.nt"


def ask(name: str, data, engine: str = "oxigraph", **params: str):
    q = QUERIES[name]
    return run(q.text, q.bind(params), engine=engine, data=data)


def test_every_query_has_a_header_and_is_listed_in_the_readme():
    readme = (ROOT / "README.md").read_text("utf-8")
    for q in QUERIES.values():
        assert q.title and q.description and q.columns
        assert f"| `{q.name}` |" in readme, q.name


def test_a_query_without_header_is_refused(tmp_path):
    bad = tmp_path / "no-header.rq"
    bad.write_text("SELECT * WHERE { ?s ?p ?o }\n", "utf-8")
    with pytest.raises(QueryError, match="lacks '# title:'"):
        parse_header(bad)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_columns_match_the_header(name, data, wikidata):
    q = QUERIES[name]
    assert ask(name, data, **example_params(q, wikidata)).columns == q.columns


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(QUERIES))
def test_oxigraph_and_rdflib_return_the_same_rows(name, data, wikidata):
    params = example_params(QUERIES[name], wikidata)
    assert ask(name, data, "oxigraph", **params) == ask(name, data, "rdflib", **params)


def test_scorecard_matches_the_hand_counts(data):
    rows = ask("scorecard", data).rows
    got = {(r[0], int(r[2])): (int(r[4]), int(r[5])) for r in rows}
    kz = [(5, 3), (3, 3), (4, 2), (3, 2), (3, 2), (3, 3)]
    kg = [(4, 3), (4, 1), (3, 1), (4, 2), (4, 2), (4, 2)]
    assert got == {
        **{("KZ", d + 1): v for d, v in enumerate(kz)},
        **{("KG", d + 1): v for d, v in enumerate(kg)},
    }


def test_scorecard_for_one_country_in_spanish(data):
    rows = ask("scorecard", data, country="country:KG", lang="es").rows
    assert len(rows) == 6 and {r[0] for r in rows} == {"KG"}
    assert rows[3][3] == "Bienestar de los migrantes"


def test_findings_of_kazakhstan_safe_migration_gaps(data):
    rows = ask(
        "findings",
        data,
        country="country:KZ",
        domain="domain:6",
        polarity="mgid:polarity/potential",
    ).rows
    assert [r[5] for r in rows] == [
        "There is a lack of clear and accessible information on the different types of visas "
        "and permits available for migrants migrating to Kazakhstan.",
        "It is not yet possible to apply for visas online.",
        "With the exception of the government funded repatriation programme for ethnic Kazakhs "
        "living abroad, Kazakhstan does not have a policy incentivizing the return of its "
        "citizens living abroad.",
    ]


def profile_with_a_gap(code: str, edition: int, text: str) -> list[str]:
    """N-Triples lines: profile ``<code>-<edition>`` of country ``code``, assessing it with
    one gap (``text``) in domain 1."""
    mgi, mgid = "https://w3id.org/mgi-graph/ontology#", "https://w3id.org/mgi-graph/id/"
    positive = "<http://www.w3.org/2001/XMLSchema#positiveInteger>"
    profile = f"<{mgid}profile/{code}-{edition}>"
    finding = f"<{mgid}finding/{code}-{edition}/d1/potential/1>"
    return [
        f"{profile} <{mgi}assesses> <{mgid}country/{code}> .",
        f'{profile} <{mgi}editionNumber> "{edition}"^^{positive} .',
        f"{finding} <{mgi}inProfile> {profile} .",
        f"{finding} <{mgi}domain> <{mgid}domain/1> .",
        f"{finding} <{mgi}polarity> <{mgid}polarity/potential> .",
        f'{finding} <{mgi}ordinal> "1"^^{positive} .',
        f'{finding} <{mgi}text> "{text}"@en .',
    ]


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """A graph with a country's second and tenth profiles, one gap in domain 1 each: the
    IRI of the tenth (profile/KZ-10) sorts before that of the second."""
    mgi, mgid = "https://w3id.org/mgi-graph/ontology#", "https://w3id.org/mgi-graph/id/"
    rdf_type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    positive = "<http://www.w3.org/2001/XMLSchema#positiveInteger>"
    source = f"<{mgid}source/synthetic>"
    lines = [
        f'<{mgid}country/KZ> <{mgi}isoAlpha2> "KZ" .',
        f'<{mgid}domain/1> <{mgi}domainNumber> "1"^^{positive} .',
        f'<{mgid}domain/1> <http://www.w3.org/2004/02/skos/core#prefLabel> "Rights"@en .',
        f'<{mgid}polarity/potential> <http://www.w3.org/2004/02/skos/core#notation> "potential" .',
        f"{source} <http://purl.org/dc/terms/language> "
        '"en"^^<http://www.w3.org/2001/XMLSchema#language> .',
    ]
    for edition in (10, 2):
        profile = f"<{mgid}profile/KZ-{edition}>"
        finding = f"<{mgid}finding/KZ-{edition}/d1/potential/1>"
        quote = f"<{mgid}quote/synthetic/{edition}>"
        lines += profile_with_a_gap("KZ", edition, f"Edition {edition} finds a gap.")
        lines += [
            f"{profile} {rdf_type} <{mgi}Profile> .",
            f"{finding} {rdf_type} <{mgi}Finding> .",
            f"{finding} <{mgi}hasQuote> {quote} .",
            f"{quote} <http://www.w3.org/ns/oa#hasSource> {source} .",
        ]
    nt = tmp_path_factory.mktemp("editions") / "editions.nt"
    nt.write_text("\n".join(lines) + "\n", "utf-8")
    return nt


# Each query with profiles in its rows: its parameters, and the column with a profile or finding.
BY_EDITION = [
    ("findings", {}, 1),
    ("scorecard", {}, 1),
    ("compare-countries", {"a": "country:KZ", "b": "country:KZ", "domain": "domain:1"}, 2),
    ("gaps-and-developments", {"country": "country:KZ"}, 0),
]


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize(("name", "params", "column"), BY_EDITION)
def test_profiles_come_in_the_order_of_their_editions(editions, engine, name, params, column):
    """A tenth edition comes after the second, though its IRI (profile/KZ-10) sorts first."""
    rows = ask(name, editions, engine, **params).rows
    assert [re.search(r"/KZ-(\d+)", r[column]).group(1) for r in rows] == ["2", "10"]


def test_findings_come_by_country_edition_domain_polarity_and_position(data):
    """All 70 findings of the two profiles (KZ 36, KG 34, the scorecard's hand counts):
    Kyrgyzstan's before Kazakhstan's, each domain's strengths before its gaps, each list in
    the order of the profile."""
    rows = ask("findings", data).rows
    key = [(r[0], int(r[2]), r[3] != "well-developed", int(r[4])) for r in rows]
    assert len(rows) == 70 and key == sorted(key)
    assert [r[0] for r in rows] == ["KG"] * 34 + ["KZ"] * 36
    # The first bullet under domain 1's strengths: line 59 of each profile's text.
    assert rows[0][5].startswith("All migrants have access to health services under the same")
    assert rows[34][5].startswith("Immigrants are guaranteed access to preschool, primary")


@pytest.fixture(scope="module")
def four_countries(tmp_path_factory):
    """One finding each in the profiles of four countries: the order of their codes (AB, AZ,
    BA, ZA) turns on the first letter, then the second, at both ends of the alphabet."""
    mgi, mgid = "https://w3id.org/mgi-graph/ontology#", "https://w3id.org/mgi-graph/id/"
    positive = "<http://www.w3.org/2001/XMLSchema#positiveInteger>"
    lines = [
        f'<{mgid}domain/1> <{mgi}domainNumber> "1"^^{positive} .',
        f'<{mgid}polarity/potential> <http://www.w3.org/2004/02/skos/core#notation> "potential" .',
    ]
    for code in ("ZA", "BA", "AZ", "AB"):
        lines.append(f'<{mgid}country/{code}> <{mgi}isoAlpha2> "{code}" .')
        lines += profile_with_a_gap(code, 1, f"A gap in {code}.")
    nt = tmp_path_factory.mktemp("four") / "four.nt"
    nt.write_text("\n".join(lines) + "\n", "utf-8")
    return nt


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_findings_come_in_the_order_of_the_country_codes(four_countries, engine):
    rows = ask("findings", four_countries, engine).rows
    assert [r[0] for r in rows] == ["AB", "AZ", "BA", "ZA"]


def test_compare_countries_in_well_being(data):
    rows = ask("compare-countries", data, a="country:KZ", b="country:KG", domain="domain:4").rows
    assert [(r[0], r[1]) for r in rows] == (
        [("well-developed", "KG")] * 4
        + [("well-developed", "KZ")] * 3
        + [("potential", "KG")] * 2
        + [("potential", "KZ")] * 2
    )
    assert rows[4][4].startswith("The Republic of Kazakhstan guarantees the protection")


def test_sources_counts(data):
    rows = {r[0].rsplit("/", 1)[-1]: r for r in ask("sources", data).rows}
    assert rows["mgi-profile-kazakhstan-2018-en"][4] == "36"
    assert rows["mgi-profile-kazakhstan-2018-page-es"][4] == "36"
    assert rows["mgi-profile-kyrgyzstan-2023-en"][4] == "34"
    assert rows["article-kazakhstan-migration-regulation"][2] == "journal-article"


def test_describe_kazakhstan_shows_its_codes_and_links(data):
    rows = ask("describe", data, entity="country:KZ").rows
    values = {(r[1].rsplit("#", 1)[-1], r[2]) for r in rows if r[0] == "out"}
    assert ("isoAlpha3", "KAZ") in values and ("isoNumeric", "398") in values
    assert any(v == "http://www.wikidata.org/entity/Q232" for _, v in values)
    assert any(r[0] == "in" and r[2].endswith("profile/KZ-1") for r in rows)


def test_unknown_query_name_lists_names_and_closest_match(capsys):
    assert main(["query", "scorcard"]) == 2
    err = capsys.readouterr().err
    assert "Did you mean 'scorecard'?" in err and "compare-countries" in err
    with pytest.raises(QueryError):
        get_query("nothing-like-it")


def test_missing_and_ill_typed_parameters(capsys):
    assert main(["query", "compare-countries", "--param", "a=country:KZ"]) == 2
    assert "needs parameter 'b'" in capsys.readouterr().err
    assert main(["query", "scorecard", "--param", "lang=not a tag"]) == 2
    assert "expects a language tag" in capsys.readouterr().err
    assert main(["query", "scorecard", "--param", "colour=red"]) == 2
    assert "has no parameter 'colour'" in capsys.readouterr().err


def test_malformed_sparql_gives_line_and_column(capsys, data, monkeypatch):
    monkeypatch.setattr("mgi_graph.build.manifest.ensure_built", lambda: data)
    assert main(["sparql", "SELECT ?x WHERE { ?x ?y }"]) == 2
    assert re.search(r"SPARQL syntax error: error at 1:\d+", capsys.readouterr().err)


INJECTIONS = [
    '"} ; DROP ALL #',
    'en" } UNION { ?s ?p ?o } #',
    "x' . } SERVICE <http://example.org/sparql> { ?a ?b ?c } #",
    "}\nDROP ALL",
    "> <http://example.org/x",
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_string_values_are_plain_literals(value):
    bound = with_bindings("SELECT ?x WHERE { ?x ?p ?label }", {"label": ("string", value)})
    # The whole value sits inside one escaped literal: the query's structure is unchanged.
    import pyoxigraph as ox

    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://p"), ox.Literal(value)))
    assert [str(r["x"].value) for r in store.query(bound)] == ["http://a"]


@pytest.mark.parametrize("value", INJECTIONS)
def test_iri_parameters_refuse_values_that_would_leave_the_term(value, capsys):
    assert main(["query", "scorecard", "--param", f"country={value}"]) == 2
    assert "expects an IRI" in capsys.readouterr().err


def test_hostile_language_value_changes_nothing(data):
    with pytest.raises(QueryError):
        QUERIES["scorecard"].bind({"lang": 'en") } #'})
    with pytest.raises(EngineError):
        with_bindings("SELECT * WHERE { ?s ?p ?o }", {"s": ("iri", "not an iri")})


# --- registry questions (answers read off the sources by hand) ---------------------------------


def col(table, name: str) -> list[str]:
    i = table.columns.index(name)
    return [r[i] for r in table.rows]


def short(iri: str) -> str:
    return iri.replace("https://w3id.org/mgi-graph/id/", "")


def test_bodies_by_domain_kazakh_interior_ministry_in_three_domains(data):
    t = ask("bodies-by-domain", data, country="country:KZ")
    mia = [r for r in t.rows if short(r[3]) == "org/kz-mia"]
    assert [(r[1], r[8]) for r in mia] == [("2", "1"), ("5", "1"), ("6", "1")]
    assert [short(r[9]) for r in mia] == [
        "finding/KZ-1/d2/well-developed/3",
        "finding/KZ-1/d5/well-developed/2",
        "finding/KZ-1/d6/well-developed/2",
    ]
    assert all(r[5] == "Ministry" and r[6] == "KZ" for r in mia)
    # The committee through which the ministry acts in crises, with its parent.
    ces = [r for r in t.rows if short(r[3]) == "org/kz-committee-emergency-situations"]
    assert [(r[1], short(r[7])) for r in ces] == [("5", "org/kz-mia")]
    # The Kyrgyz ministry it cooperates with is named in the Kazakh profile, as a KG body.
    kg = [r for r in t.rows if short(r[3]) == "org/kg-ministry-emergency-situations"]
    assert [(r[0], r[1], r[6]) for r in kg] == [("KZ", "5", "KG")]
    assert len(t.rows) == 22  # KZ body x domain cells; 30 with Kyrgyzstan's 8
    assert len(ask("bodies-by-domain", data).rows) == 30


def test_bodies_by_domain_in_spanish_where_labels_exist(data):
    t = ask("bodies-by-domain", data, country="country:KZ", lang="es")
    iom = next(r for r in t.rows if short(r[3]) == "org/iom")
    assert iom[4] == "Organización Internacional para las Migraciones"
    assert iom[2] == "Alianzas"  # the Spanish label of domain 3
    # An entry with no Spanish name keeps its English one.
    mia = next(r for r in t.rows if short(r[3]) == "org/kz-mia")
    assert mia[4] == "Ministry of Internal Affairs of the Republic of Kazakhstan"


def test_bodies_in_several_domains(data):
    t = ask("bodies-in-several-domains", data)
    got = [(short(r[0]), r[2], r[3], r[4], r[5]) for r in t.rows]
    assert got == [
        ("org/kz-mia", "3", "1", "2 5 6", "KZ"),
        ("org/eaeu", "2", "2", "1 3", "KG KZ"),
        ("org/almaty-process", "1", "2", "3", "KG KZ"),
    ]


def test_agreements_by_country_kazakhstan(data):
    t = ask("agreements-by-country", data, country="country:KZ")
    got = {(short(r[1]), r[3]) for r in t.rows}
    assert got == {
        ("agreement/cis-labour-migration", "party to"),
        ("agreement/global-compact-migration", "endorsed"),
        ("agreement/ilo-c097", "not ratified"),
        ("agreement/ilo-c143", "not ratified"),
        ("agreement/kz-tj-labour-migrants", "party to"),
        ("agreement/migrant-workers-convention", "not ratified"),
        ("agreement/migrant-workers-convention", "not signed"),
    }
    c097 = next(r for r in t.rows if short(r[1]) == "agreement/ilo-c097")
    assert c097[4].startswith("neither has it ratified the ILO Migration Employment Convention")
    assert short(c097[5]) == "source/mgi-profile-kazakhstan-2018-en"
    # Not ratified is said by the profile and, as an invitation to ratify, by the article.
    cmw = {short(r[5]) for r in t.rows if r[3] == "not ratified" and "migrant-workers" in r[1]}
    assert cmw == {
        "source/mgi-profile-kazakhstan-2018-en",
        "source/article-kazakhstan-migration-regulation",
    }


def test_agreements_by_country_all(data):
    t = ask("agreements-by-country", data)
    assert sorted({r[0] for r in t.rows}) == ["KG", "KZ", "TJ", "TR"]
    kg = {(short(r[1]), r[3]) for r in t.rows if r[0] == "KG"}
    assert kg == {
        ("agreement/eaeu-treaty", "party to"),
        ("agreement/kg-tr-social-security", "signed"),
    }


def test_shared_memberships_of_kazakhstan_and_kyrgyzstan(data):
    t = ask("shared-memberships", data, a="country:KZ", b="country:KG")
    assert sorted({short(r[0]) for r in t.rows}) == ["org/almaty-process", "org/eaeu"]
    members = {(short(r[0]), r[3]) for r in t.rows}
    assert ("org/eaeu", "AM") in members and ("org/almaty-process", "KG") in members
    everything = ask("shared-memberships", data)
    assert {(short(r[0]), r[3]) for r in everything.rows} == {
        ("org/almaty-process", "KG"),
        ("org/almaty-process", "KZ"),
        ("org/eaeu", "AM"),
        ("org/eaeu", "BY"),
        ("org/eaeu", "KG"),
        ("org/eaeu", "KZ"),
        ("org/eaeu", "RU"),
    }
    # Kazakhstan and Tajikistan share no membership the sources state.
    assert ask("shared-memberships", data, a="country:KZ", b="country:TJ").rows == ()


def test_cross_border_cooperation(data):
    t = ask("cross-border-cooperation", data)
    assert [(short(r[0]), r[2], short(r[3]), r[5]) for r in t.rows] == [
        (
            "org/kz-committee-emergency-situations",
            "KZ",
            "org/kg-ministry-emergency-situations",
            "KG",
        )
    ]
    assert (
        "in cooperation with the Ministry of Emergency Situations of the Kyrgyz Republic"
        in (t.rows[0][6])
    )
    assert ask("cross-border-cooperation", data, country="country:TJ").rows == ()


def test_instruments_cited_in_kyrgyzstan_with_years(data):
    t = ask("instruments-cited", data, country="country:KG")
    got = {(r[1], short(r[2]), r[5]) for r in t.rows}
    assert ("4", "law/kg-external-labour-migration", "2006") in got
    assert ("4", "law/kg-provision-labour-migration", "2019") in got
    assert ("6", "law/kg-resolution-227-2022", "2022") in got
    assert ("6", "instrument/kg-national-referral-mechanism", "2019") in got
    assert ("5", "instrument/kg-comprehensive-protection-concept", "") in got
    concept = next(
        r for r in t.rows if short(r[2]) == "instrument/kg-comprehensive-protection-concept"
    )
    assert concept[6] == "2"  # a strength and a gap of domain 5
    assert len(t.rows) == 13


def test_instruments_cited_kazakh_law_year_comes_from_the_article(data):
    t = ask("instruments-cited", data, country="country:KZ")
    law = [(r[1], r[5]) for r in t.rows if short(r[2]) == "law/kz-population-migration"]
    assert law == [("1", "2011"), ("2", "2011")]


def test_mentions_of_the_kazakh_interior_ministry(data):
    t = ask("mentions-of", data, entity="org:kz-mia")
    findings = [(short(r[0]), r[3], r[5], short(r[6])) for r in t.rows if r[1] == "finding"]
    assert {(f, d) for f, d, _, _ in findings} == {
        ("finding/KZ-1/d2/well-developed/3", "2"),
        ("finding/KZ-1/d5/well-developed/2", "5"),
        ("finding/KZ-1/d6/well-developed/2", "6"),
    }
    assert {m for _, _, m, _ in findings} == {
        "Ministry of Interior",
        "Ministry of Internal Affairs",
    }
    assert len(findings) == 6  # each finding on the English and the Spanish page
    paragraphs = {short(r[0]).rsplit("/", 1)[-1] for r in t.rows if r[1] == "paragraph"}
    assert paragraphs == {"24", "25", "26", "28", "38", "57", "79"}
    assert all(r[2] == "KZ" for r in t.rows)


def test_describe_groups_mentions_by_domain_and_shows_evidence(data):
    rows = ask("describe", data, entity="org:kz-mia").rows
    by_domain = {short(r[1]): r[2] for r in rows if r[0] == "findings in domain"}
    assert by_domain == {"domain/2": "1", "domain/5": "1", "domain/6": "1"}
    evidence = {r[1].rsplit("#", 1)[-1] for r in rows if r[0] == "evidence"}
    assert {"transferredFunctionsTo", "operates", "subOrganizationOf", "role"} <= evidence
    names = {r[2] for r in rows if r[0] == "out" and r[1].endswith("altLabel")}
    assert {"Ministry of Interior", "Ministry of Internal Affairs"} <= names


def test_sources_say_what_each_document_contributed(data):
    rows = {short(r[0]): r for r in ask("sources", data).rows}
    assert rows["source/article-kazakhstan-migration-regulation"][6] == "94"
    assert rows["source/iom-news-astana-roundtable-2014"][6] == "11"
    assert rows["source/mgi-profile-kyrgyzstan-2023-en"][6] == "0"
    for r in rows.values():
        assert int(r[7]) > 0 and int(r[9]) > 0  # mentions and statements from every source


def test_sources_count_each_quote_of_a_source_once(data, graph):
    """The quotes column, against the graph read in Python: every node with oa:hasSource
    to the source, counted once however many findings, mentions or statements share it."""
    from rdflib import URIRef

    has_source = URIRef("http://www.w3.org/ns/oa#hasSource")
    rows = ask("sources", data).rows
    assert len(rows) == 5
    for r in rows:
        quotes = set(graph.subjects(has_source, URIRef(r[0])))
        assert int(r[5]) == len(quotes) > 0, r[0]
    by_source = {short(r[0]): r for r in rows}
    # each finding is quoted from its profile, at least once
    assert int(by_source["source/mgi-profile-kyrgyzstan-2023-en"][5]) >= 34


# --- the catalogue as RDF, and a real remote endpoint ------------------------------------------


def test_catalogue_is_published_as_rdf_in_the_build(graph):
    from rdflib.namespace import RDF, SH

    from mgi_graph.core.vocab import ID, MGI

    iris = set(graph.subjects(RDF.type, MGI.StoredQuery))
    assert {short(str(i)) for i in iris} == {f"query/{n}" for n in QUERIES}
    q = ID["query/compare-countries"]
    assert (q, RDF.type, SH.SPARQLSelectExecutable) in graph
    assert str(graph.value(q, SH.select)) == QUERIES["compare-countries"].text
    params = {str(graph.value(p, SH.name)) for p in graph.objects(q, SH.parameter)}
    assert params == {"a", "b", "domain"}


def test_catalogue_can_be_queried_like_the_data(data):
    from mgi_graph.query.engines import run as run_text

    t = run_text(
        "PREFIX mgi: <https://w3id.org/mgi-graph/ontology#> "
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "SELECT ?name WHERE { ?q a mgi:StoredQuery ; skos:notation ?name } ORDER BY ?name",
        {},
        data=data,
    )
    assert [r[0] for r in t.rows] == sorted(QUERIES)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_remote_endpoint_returns_the_same_rows(name, data, endpoint, wikidata):
    q = QUERIES[name]
    params = example_params(q, wikidata)
    local = ask(name, data, **params)
    remote = run(q.text, q.bind(params), endpoint=endpoint)
    assert remote == local


def test_federation_with_wikidata_through_a_stand_in(data, wikidata):
    t = ask("wikidata-labels", data, service=wikidata)
    got = [(short(r[0]), r[3], r[4], r[5]) for r in t.rows]
    assert got == [
        ("country/KG", "en", "Kyrgyzstan", "country in Central Asia"),
        ("country/KG", "es", "Kirguistán", "country in Central Asia"),
        ("country/KZ", "en", "Kazakhstan", "country in Central Asia and Eastern Europe"),
        ("country/KZ", "es", "Kazajistán", "country in Central Asia and Eastern Europe"),
        ("country/KZ", "fr", "Kazakhstan", "country in Central Asia and Eastern Europe"),
        (
            "org/iom",
            "en",
            "International Organization for Migration",
            "intergovernmental organization",
        ),
        (
            "org/iom",
            "fr",
            "Organisation internationale pour les migrations",
            "intergovernmental organization",
        ),
    ]
    assert {r[6] for r in t.rows} == {wikidata}


def test_service_parameter_cannot_change_the_query(data, capsys):
    bad = "http://127.0.0.1/sparql> { ?s ?p ?o } } #"
    assert main(["query", "wikidata-labels", "--param", f"service={bad}"]) == 2
    assert "service" in capsys.readouterr().err


def test_query_command_with_endpoint(endpoint, capsys):
    assert (
        main(["query", "cross-border-cooperation", "--endpoint", endpoint, "--format", "csv"]) == 0
    )
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "body_a,body_a_label,country_a,body_b,body_b_label,country_b,quote,source"
    assert "kg-ministry-emergency-situations" in out[1]


def test_unreachable_endpoint_is_a_clear_error(capsys):
    from tests.servers import free_port

    url = f"http://127.0.0.1:{free_port()}/query"
    assert main(["sparql", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--endpoint", url]) == 2
    assert "cannot reach the endpoint" in capsys.readouterr().err


FILTERS = [
    (name, p.name)
    for name, q in sorted(QUERIES.items())
    for p in q.params
    if p.type == "iri"
    and not p.required
    and p.example
    and p.name != "service"
    # the shipped sources hold one edition per country: tests/test_editions.py tests the
    # domain filter of compare-editions on two made-up editions
    and name != "compare-editions"
]


@pytest.mark.parametrize(("name", "param"), FILTERS)
def test_every_optional_filter_takes_effect(data, name, param):
    """A parameter bound outside the subquery that uses its variable would be ignored
    silently: each optional IRI parameter must narrow the answer to a part of it, and to
    nothing for an IRI the graph does not hold."""
    q = QUERIES[name]
    required = {p.name: p.example for p in q.params if p.required}
    everything = set(ask(name, data, **required).rows)
    example = next(p.example for p in q.params if p.name == param)
    narrowed = set(ask(name, data, **required, **{param: example}).rows)
    if q.columns[-3:] == ("countries", "bodies", "findings"):
        # Counted across countries (kinds-by-domain): a part of the rows, each count at most
        # the count over every country.
        total = {r[:-3]: r[-3:] for r in everything}
        assert narrowed and all(r[:-3] in total for r in narrowed)
        assert all(
            int(a) <= int(b) for r in narrowed for a, b in zip(r[-3:], total[r[:-3]], strict=True)
        )
        narrowed = {r[:-3] + total[r[:-3]] for r in narrowed}
    assert narrowed and narrowed <= everything
    nowhere = {param: "https://w3id.org/mgi-graph/id/country/ZZ"}
    assert ask(name, data, **required, **nowhere).rows == ()


BIND_LINE = re.compile(r"^[ \t]*#[ \t]*@bind[ \t]+\?.*$", re.MULTILINE)
ENTITIES = ["org:kz-mia", "org:iom", "country:KZ", "law:kz-population-migration"]


def bind_line_queries(about_an_entity: bool) -> list[str]:
    """The catalogue queries with a `# @bind` line, with or without an entity parameter."""
    return sorted(
        n
        for n, q in QUERIES.items()
        if BIND_LINE.search(q.text) and any(p.name == "entity" for p in q.params) == about_an_entity
    )


@pytest.mark.parametrize("name", bind_line_queries(about_an_entity=True))
@pytest.mark.parametrize("entity", ENTITIES)
@pytest.mark.parametrize("engine", ["oxigraph", pytest.param("rdflib", marks=pytest.mark.slow)])
def test_a_bind_line_changes_no_row(name, entity, engine, data):
    """A `# @bind` line only repeats the binding inside its subquery: the query without it
    gives the same rows, on both engines."""
    q = QUERIES[name]
    bound = q.bind({"entity": entity})
    with_line = run(q.text, bound, engine=engine, data=data)
    without = run(BIND_LINE.sub("", q.text), bound, engine=engine, data=data)
    assert with_line == without
    assert not BIND_LINE.search(with_bindings(q.text, bound))  # each line became a VALUES
    if entity == "org:kz-mia" and name != "external-ids":  # named in findings of 3 domains
        assert {"findings in domain", "finding"} & {c for r in with_line.rows for c in r[:2]}
    if name == "external-ids":  # by hand: the IOM's Wikidata item; Kazakhstan's and GeoNames'
        assert len(with_line.rows) == {"org:iom": 1, "country:KZ": 2}.get(entity, 0)


@pytest.mark.parametrize("name", bind_line_queries(about_an_entity=False))
@pytest.mark.parametrize("engine", ["oxigraph", pytest.param("rdflib", marks=pytest.mark.slow)])
def test_a_bind_line_changes_no_row_of_the_other_queries(name, engine, data):
    """The same for the queries whose parameters are not an entity (bodies-by-domain's
    country): with no parameter, with every example, and with a country nowhere."""
    q = QUERIES[name]
    examples = {p.name: p.example for p in q.params}
    nowhere = {
        p.name: "https://w3id.org/mgi-graph/id/country/ZZ" for p in q.params if p.type == "iri"
    }
    answers = []
    # A query with a required parameter (the editions compared) is run with its examples only.
    required = any(p.required for p in q.params)
    for params in ({} if not required else examples, examples, {**examples, **nowhere}):
        bound = q.bind(params)
        with_line = run(q.text, bound, engine=engine, data=data)
        assert with_line == run(BIND_LINE.sub("", q.text), bound, engine=engine, data=data)
        answers.append(set(with_line.rows))
    everything, narrowed, none = answers
    assert not none
    if q.columns[0] == "country_code":
        assert {r[0] for r in narrowed} == {"KZ"} < {r[0] for r in everything}


def test_no_query_comment_carries_a_benchmark_figure():
    """Timings of a query's shape live in docs/performance.md, not in the text published as
    sh:select."""
    figure = re.compile(r"×\d|\d s\b|\d ms\b")
    for folder in (home().queries_dir, home().queries_dir / "report"):
        for path in sorted(folder.glob("*.rq")):
            comments = [ln for ln in path.read_text(encoding="utf-8").splitlines() if "#" in ln]
            assert not [ln for ln in comments if figure.search(ln)], path.name


def test_shared_memberships_joins_each_member_once(data):
    """Each row once, before DISTINCT too: the query does not join the members three ways
    (124 rows for 8 answers, before)."""
    q = get_query("shared-memberships")
    text = q.text.replace("SELECT DISTINCT", "SELECT", 1)
    table = run(text, q.bind({}), data=data)
    assert len(table.rows) == len(set(table.rows)) == 8


def test_a_spanish_only_profile_keeps_its_gaps(corpus):
    """The gaps of a profile read from a Spanish page only, one row each with its source
    (before, the query asked for an English source and gave none)."""
    from tests.conftest import cli
    from tests.test_own_corpus import built_graph, rows

    colombia = ROOT / "tests" / "fixtures" / "languages" / "mgi-profile-colombia-es-test.txt"
    assert cli("add", "--home", str(corpus), str(colombia)) == 0
    built_graph(corpus)
    gaps = rows(corpus, "gaps-and-developments", "country=country:CO")
    assert len(gaps) == 6 and {g["domain"] for g in gaps} == {"1", "2", "3", "4", "5", "6"}
    assert {g["gap_source"] for g in gaps} == {OWN + "source/mgi-profile-co-2019-1-es"}
    assert all(g["status"] == "no later source" for g in gaps)
