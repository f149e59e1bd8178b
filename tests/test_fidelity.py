"""Facts the sources do not state in so many words say so: inferred memberships, an announced
signing, a gap read otherwise than it stands, and figures from undated page furniture.
The words were checked by hand against the sources."""

from __future__ import annotations

from mgi_graph.core.paths import SOURCES_DIR
from mgi_graph.query.engines import run
from tests.conftest import query_rows

ID = "https://w3id.org/mgi-graph/id/"


ask = query_rows


def test_eaeu_memberships_read_from_the_labour_market_sentence_are_inferred(built):
    rows = [r for r in ask(built, "shared-memberships") if r["organization"] == ID + "org/eaeu"]
    basis = {r["member_code"]: r["basis"] for r in rows}
    # The Kazakhstan profile: "Kazakhstan's membership in the Eurasian Economic Union and access
    # to the common labour market of the Russian Federation, Belarus, the Kyrgyz Republic and
    # Armenia". Kazakhstan's own membership is stated; the others' is read from it. The
    # Kyrgyzstan profile states its own ("The country is part of the Eurasian Economic Union
    # Treaty (2014)"), so Kyrgyzstan has a stated row too.
    assert basis["AM"] == basis["BY"] == basis["RU"] == "inferred"
    assert basis["KZ"] == "stated"
    kg = {r["basis"] for r in rows if r["member_code"] == "KG"}
    assert "stated" in kg


def test_the_treaty_signing_date_is_announced(built):
    rows = ask(built, "describe", entity="mgid:agreement/eaeu-treaty")
    basis = [r["value"] for r in rows if r["direction"] == "basis"]
    assert len(basis) == 1 and basis[0].startswith("announced: ")
    evidence = [r["value"] for r in rows if r["direction"] == "evidence"]
    assert any("will be signed" in v for v in evidence)


def test_the_do_now_have_access_gap_keeps_its_words_and_its_link_says_how_it_is_read(built):
    g = built.graph
    from rdflib import URIRef

    from mgi_graph.core.vocab import MGI, SKOS

    finding = URIRef(ID + "finding/KZ-1/d1/potential/1")
    assert str(g.value(finding, MGI.text)) == (
        "Irregular and undocumented migrants do now have access to the health-care system "
        "beyond emergency treatment."
    )
    update = URIRef(ID + "update/kz-health-care-irregular")
    assert g.value(update, MGI.basis) == URIRef(ID + "basis/interpreted")
    note = str(g.value(update, SKOS.scopeNote))
    assert '"do now have access"' in note and '"do not have access"' in note
    rows = ask(built, "gaps-and-developments", country="country:KZ")
    (row,) = [r for r in rows if r["finding"] == str(finding)]
    assert row["status"] == "still open" and row["basis"] == "interpreted"
    assert {r["basis"] for r in rows if r["finding"] != str(finding)} <= {"stated", ""}


def test_iom_figures_from_the_news_page_navigation_are_not_dated_may_2014(built):
    news = (SOURCES_DIR / "iom-news-astana-roundtable-2014.txt").read_text("utf-8")
    quote = "with 175 member states and a presence in over 100 countries"
    # The words stand on line 3, in the site navigation (the news text starts at line 16).
    (line,) = [n for n, text in enumerate(news.splitlines(), start=1) if quote in text]
    assert line == 3
    rows = [r for r in ask(built, "figures") if r["quote"] == quote]
    assert {r["category"] for r in rows} == {"member states", "countries with an IOM presence"}
    for r in rows:
        assert r["period"] == "2016/.." and r["basis"] == "inferred"
    # Every other figure is stated by its quote, with its own period.
    others = [r for r in ask(built, "figures") if r["quote"] != quote]
    assert others and {r["basis"] for r in others} == {"stated"}


def test_each_documents_eec_is_its_own_entry_mentioned_only_there(built):
    rows = {}
    q = """SELECT ?entity ?source WHERE {
      ?m mgi:refersTo ?entity ; mgi:hasQuote/oa:hasSource ?source .
      FILTER(STRSTARTS(STR(?entity), "https://w3id.org/mgi-graph/id/org/eec"))
    }"""
    from mgi_graph.query.stored_queries import with_prefixes

    table = run(with_prefixes(q), {}, data=built.out_dir / "mgi-graph.nt")
    for entity, source in table.rows:
        rows.setdefault(entity.removeprefix(ID), set()).add(source.removeprefix(ID))
    # "the EEC is setting up the right of employers" (news, line 22); "within the framework
    # of the EEC" (article, line 49): one entry each, neither borrowed by the other document.
    assert rows == {
        "org/eec-news-2014": {"source/iom-news-astana-roundtable-2014"},
        "org/eec-article-2022": {"source/article-kazakhstan-migration-regulation"},
    }
    g = built.graph
    from rdflib import URIRef

    from mgi_graph.core.vocab import SCHEMA, SKOS

    for key in rows:
        note = str(g.value(URIRef(ID + key), SKOS.editorialNote))
        assert "does not expand the abbreviation" in note
        assert not list(g.objects(URIRef(ID + key), SCHEMA.sameAs))


def test_the_graph_holds_no_blank_nodes(built):
    # Scoped names are IRIs of their entries (…#name-in-news): a blank node would send the
    # whole graph through rdflib's Turtle writer, and change its bytes from build to build.
    from mgi_graph.store.serialize import has_blank_nodes

    assert not has_blank_nodes((built.out_dir / "mgi-graph.nt").read_bytes())


def test_section_xxvi_labour_migration_is_part_of_the_treaty_and_named_in_both_documents(built):
    rows = ask(built, "describe", entity="mgid:agreement/eaeu-treaty-section-xxvi")
    out = {(r["property"], r["value"]) for r in rows if r["direction"] == "out"}
    assert ("https://w3id.org/mgi-graph/ontology#partOf", ID + "agreement/eaeu-treaty") in out
    evidence = {r["value"] for r in rows if r["direction"] == "evidence"}
    # The news report: "… are reflected in section XXVI «Labor Migration»"; the article:
    # "Section XXVI “Labor Migration” provides for a number of norms …".
    assert any(v.endswith("reflected in section XXVI «Labor Migration»") for v in evidence)
    assert any(v.startswith("Section XXVI “Labor Migration” provides") for v in evidence)
    mentions = ask(built, "mentions-of", entity="mgid:agreement/eaeu-treaty-section-xxvi")
    assert len(mentions) == 2
