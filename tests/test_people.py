"""People and posts: who spoke, who holds which office, when the source places them there.
Every name, title and date checked by hand against the news report (lines 20-26) and the
article (lines 42 and 52, its President); and the periodicals the article cites, as cited
sources rather than bodies."""

from __future__ import annotations

from mgi_graph.core.paths import SOURCES_DIR
from tests.conftest import query_rows

ID = "https://w3id.org/mgi-graph/id/"
NEWS = SOURCES_DIR / "iom-news-astana-roundtable-2014.txt"
ARTICLE = SOURCES_DIR / "article-kazakhstan-migration-regulation.txt"


def test_people_lists_every_person_post_and_organization_of_the_sources(built):
    rows = query_rows(built, "people")
    got = {
        (r["name"], r["post_title"], r["organization"].removeprefix(ID), r["date"]) for r in rows
    }
    assert got == {
        (
            "Kuanysh Sultanov",
            "deputy of the Mazhilis of the Parliament of the Republic of Kazakhstan",
            "org/kz-mazhilis",
            "2014-05",
        ),
        (
            "Kuanysh Sultanov",
            "Chairman of the Commission on Human Rights under the President "
            "of the Republic of Kazakhstan",
            "org/kz-human-rights-commission",
            "2014-05",
        ),
        (
            "Salamat Amanbayev",
            "Chairman of the Committee on Migration of the Ministry of Labour "
            "and Social Protection of the Republic of Kazakhstan",
            "org/kz-committee-migration",
            "2014-05",
        ),
        (
            "Yerzhan Ashikbayev",
            "Vice-Minister of Foreign Affairs of the Republic of Kazakhstan",
            "org/kz-mfa",
            "2014-05",
        ),
        (
            "William Lacy Swing",
            "Director-General of the International Organization for Migration (IOM)",
            "org/iom",
            "2014-03",
        ),
        ("Nursultan Nazarbayev", "President of Kazakhstan", "org/kz-president", "2014-05"),
        # The article (2022): "the President of the Republic of Kazakhstan K. Tokayev".
        ("K. Tokayev", "President of Kazakhstan", "org/kz-president", "2022"),
        (
            "Renate Held",
            "Regional Director for South-Eastern Europe, Eastern Europe and Central "
            "Asia, International Organization for Migration (IOM)",
            "org/iom",
            "2014-05",
        ),
    }
    news, article = NEWS.read_text("utf-8"), ARTICLE.read_text("utf-8")
    for r in rows:
        # The name and the post's words stand in the quote, and the quote in the source.
        from_article = r["source"].endswith(ARTICLE.stem)
        assert r["name"] in r["quote"] and r["quote"] in (article if from_article else news)
        words = "President" if from_article else r["post_title"].split(",")[0]
        assert words.removeprefix("the ") in r["quote"]
    # Two quotes place the article's President: one row each.
    assert sorted(r["quote"] for r in rows if r["name"] == "K. Tokayev") == [
        "the President K. Tokayev",
        "the President of the Republic of Kazakhstan K. Tokayev",
    ]


def test_who_spoke_at_the_roundtable_and_on_what_basis(built):
    rows = query_rows(built, "people")
    spoke = {r["name"]: (r["event"].removeprefix(ID), r["event_basis"]) for r in rows}
    roundtable = ("development/kz-2014-iom-roundtable", "inferred")
    assert spoke["Kuanysh Sultanov"] == spoke["Salamat Amanbayev"] == roundtable
    assert spoke["Yerzhan Ashikbayev"] == spoke["Renate Held"] == roundtable
    # Swing's words come from an interview of March 2014, not from the roundtable; the
    # President is named in Sultanov's words.
    assert spoke["William Lacy Swing"] == spoke["Nursultan Nazarbayev"] == ("", "")
    # The article does not date the meeting where Tokayev raised the issue: no event.
    assert spoke["K. Tokayev"] == ("", "")


def test_posts_in_one_organization(built):
    rows = query_rows(built, "people", organization="mgid:org/iom")
    assert sorted({r["name"] for r in rows}) == ["Renate Held", "William Lacy Swing"]


def test_describe_and_the_body_page_show_them(built, tmp_path):
    rows = query_rows(built, "describe", entity="mgid:org/kz-mfa")
    assert ("in", ID + "post/kz-mfa-vice-minister") in {(r["direction"], r["value"]) for r in rows}
    from mgi_graph.report.site import make_report

    out = tmp_path / "site"
    make_report(built.out_dir / "mgi-graph.nt", out)
    page = (out / "org" / "kz-mfa.html").read_text("utf-8")
    assert "People in its posts" in page and "Yerzhan Ashikbayev" in page
    assert "Vice-Minister of Foreign Affairs of the Republic of Kazakhstan" in page


def test_no_person_is_linked_out(graph):
    from rdflib import OWL, RDF
    from rdflib.namespace import FOAF

    from mgi_graph.core.vocab import SCHEMA

    for person in graph.subjects(RDF.type, FOAF.Person):
        assert not list(graph.objects(person, SCHEMA.sameAs))
        assert not list(graph.objects(person, OWL.sameAs))


def test_the_articles_periodicals_are_cited_sources_with_their_publishers(graph):
    """Checked by hand against the article's references (lines 9, 64, 69, 76, 87): the
    Vestnik of Saint Petersburg University, Demoscope Weekly and the Bulletin of the Kazakh
    National University are cited, not governance bodies; who publishes them is read from
    the references, each reading with its basis."""
    from rdflib import RDF, URIRef

    from mgi_graph.core.vocab import MGI

    cited = {str(c).removeprefix(ID) for c in graph.subjects(RDF.type, MGI.CitedSource)}
    assert cited == {
        "cited/vestnik-spbu-history",
        "cited/demoscope-weekly",
        "cited/bulletin-kaznu-philosophy",
    }
    article = URIRef(ID + "source/article-kazakhstan-migration-regulation")
    for c in cited:
        assert (URIRef(ID + c), MGI.citedIn, article) in graph
        assert (URIRef(ID + c), RDF.type, MGI.RegistryEntry) not in graph
        assert not list(graph.subjects(MGI.refersTo, URIRef(ID + c)))  # never matched as a body
    publishers = {
        (str(s).removeprefix(ID), str(o).removeprefix(ID))
        for s, o in graph.subject_objects(MGI.publishedBy)
    }
    assert publishers == {
        ("cited/vestnik-spbu-history", "org/ru-spbu"),
        ("cited/demoscope-weekly", "org/ru-center-demography-human-ecology"),
        ("cited/demoscope-weekly", "org/ru-hse-institute-demography"),
    }
    text = ARTICLE.read_text("utf-8")
    q = """
    PREFIX mgi: <https://w3id.org/mgi-graph/ontology#>
    PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
    PREFIX oa: <http://www.w3.org/ns/oa#>
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    SELECT ?o ?basis ?exact WHERE {
      ?st rdf:predicate mgi:publishedBy ; rdf:object ?o ; mgi:basis/skos:notation ?basis ;
          mgi:hasQuote/oa:hasSelector/oa:exact ?exact .
    }"""
    readings = {(str(o).removeprefix(ID), str(b)) for o, b, exact in graph.query(q)}
    assert readings == {
        ("org/ru-spbu", "inferred"),
        ("org/ru-center-demography-human-ecology", "interpreted"),
        ("org/ru-hse-institute-demography", "inferred"),
    }
    assert all(str(exact) in text for _, _, exact in graph.query(q))
