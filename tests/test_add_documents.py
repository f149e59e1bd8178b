"""``add --kind article|news``: a document that is not a profile, described by the researcher
(country, date of issue) and read for its paragraphs, whose names are matched and proposed
like a profile's. On a made-up news item about the Republic of Moldova
(tests/fixtures/corpus/news-moldova-employment-test.txt), read by hand: four paragraphs from
line 4 (the title line, then three), naming the National Employment Agency, the Parliament,
the Bureau for Migration and Asylum, the Ministry of Internal Affairs and, new to the corpus,
the Agency for Cross-Border Job Placement."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgi_graph.core.errors import InputError
from mgi_graph.corpus.catalogue_records import issued
from tests.conftest import OWN
from tests.test_own_corpus import cli, rows, tree

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"
PROFILE = FIXTURES / "mgi-profile-moldova-test.txt"
NEWS = FIXTURES / "news-moldova-employment-test.txt"
KEY = "news-md-2021-moldova-opens-employment-registration-to-holders"
OPTIONS = ("--kind", "news", "--country", "Republic of Moldova", "--date", "2021-03")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("news") / "corpus"
    assert cli("init", "--base", OWN, str(home)) == 0
    assert cli("add", "--home", str(home), str(PROFILE)) == 0
    assert cli("add", "--home", str(home), str(NEWS), *OPTIONS, "--start-line", "4") == 0
    assert cli("build", "--home", str(home)) == 0
    return home


def test_the_news_item_is_catalogued_as_described_and_as_read(corpus):
    got = {r["source"].rsplit("/", 1)[-1]: r for r in rows(corpus, "sources")}
    news = got[KEY]
    assert news["kind"] == "news-report" and news["issued"] == "2021-03"
    assert news["title"] == (
        "Moldova opens employment registration to holders of temporary residence permits"
    )
    record = (corpus / "data" / "catalogue" / f"{KEY}.ttl").read_text("utf-8")
    assert "mgi:contentStartLine 4 ;" in record and "mgi:subjectCountry country:MD ;" in record
    # what was given and what was read is said, and nothing is made up for the rest
    assert "the title is the first line of its text (line 4), not checked" in record
    assert "its publisher was not given, so the record names none" in record
    assert "dcterms:publisher" not in record
    assert (corpus / "data" / "sources" / f"{KEY}.txt").read_bytes() == NEWS.read_bytes()


def test_its_paragraphs_name_moldovas_entries_and_nobody_elses(corpus):
    from rdflib import Graph, URIRef

    from mgi_graph.core.vocab import ID, MGI

    g = Graph().parse(corpus / "build" / "mgi-graph.nt")
    units = sorted(
        (int(str(u).rsplit("/", 1)[-1]), str(e).removeprefix(OWN))
        for u, e in g.subject_objects(MGI.mentions)
        if str(u).startswith(f"{OWN}paragraph/{KEY}/")
    )
    assert units == [
        (6, "org/md-national-employment-agency"),
        (6, "org/md-parliament"),
        (7, "org/md-bureau-for-migration-and-asylum"),
        (7, "org/md-ministry-of-internal-affairs"),
        (8, "org/md-agency-for-cross-border-job-placement"),
    ]
    for _, e in units:
        assert g.value(URIRef(OWN + e), MGI.jurisdiction) == URIRef(ID["country/MD"])
    lines = sorted(
        int(g.value(u, MGI.line)) for u in g.subjects(MGI.inDocument, URIRef(f"{OWN}source/{KEY}"))
    )
    assert lines == [4, 6, 7, 8]  # from --start-line 4, the blank lines left out


def test_a_name_no_entry_covers_is_proposed_with_its_evidence(corpus):
    proposed = (corpus / "curation" / "proposed.ttl").read_text("utf-8")
    assert "org:md-agency-for-cross-border-job-placement" in proposed
    start = NEWS.read_text("utf-8").index("Agency for Cross-Border Job Placement")
    assert (
        f"mgi:inSource src:{KEY} ; mgi:evidenceStart {start} ; mgi:evidenceEnd {start + 37} ;"
        in proposed
    )


def test_adding_it_again_changes_nothing(corpus):
    before = tree(corpus)
    assert cli("add", "--home", str(corpus), str(NEWS), *OPTIONS, "--start-line", "4") == 0
    assert tree(corpus) == before


@pytest.mark.parametrize(
    "args, says",
    [
        ((str(NEWS),), "not an MGI profile"),
        ((str(NEWS), "--kind", "news", "--date", "2021"), "--country"),
        ((str(NEWS), "--kind", "news", "--country", "MD"), "--date"),
        ((str(NEWS), "--kind", "news", "--country", "Atlantis", "--date", "2021"), "Atlantis"),
        ((str(NEWS), *OPTIONS[:4], "--date", "2021-13"), "2021-13"),
        ((str(NEWS), *OPTIONS, "--start-line", "99"), "line 99"),
        ((str(PROFILE), "--date", "2021"), "--date: for --kind article or news"),
        # A national profile's country is the one its title names (Moldova).
        ((str(PROFILE), "--country", "GH"), "a national profile's country is the one"),
        ((str(NEWS), str(PROFILE), *OPTIONS, "--title", "T"), "one at a time"),
    ],
)
def test_a_bad_description_is_refused_and_nothing_is_written(tmp_path, capsys, args, says):
    home = tmp_path / "corpus"
    assert cli("init", "--base", OWN, str(home)) == 0
    before = tree(home)
    assert cli("add", "--home", str(home), *args) == 2
    assert says in capsys.readouterr().err
    assert tree(home) == before


def test_a_date_of_issue_is_a_year_a_month_or_a_day():
    assert issued("2021") == ("2021", "gYear")
    assert issued("2021-03-12") == ("2021-03-12", "date")
    for bad in ("21", "2021-3", "2021-02-30", "12 March 2021"):
        with pytest.raises(InputError):
            issued(bad)


def test_every_quote_of_the_corpus_reads_back_from_its_file(corpus):
    from rdflib import Graph

    from mgi_graph.core.vocab import MGI, OA, RDF
    from tests.test_build import check_quotes

    g = Graph().parse(corpus / "build" / "mgi-graph.nt")
    assert check_quotes(g, corpus / "data" / "sources") > 0
    news = [q for q in g.subjects(RDF.type, MGI.Quote) if KEY in str(g.value(q, OA.hasSource))]
    assert len(news) == 4 + 5  # a quote per paragraph and per mention


def test_the_report_marks_proposed_entries_as_not_yet_reviewed(corpus, tmp_path):
    from mgi_graph.curate.proposed_file import parse as parse_proposed
    from tests.test_report import parse, text_of

    out = tmp_path / "site"
    assert cli("report", "--home", str(corpus), "--out", str(out)) == 0
    proposed = [p for p in parse_proposed(corpus / "curation" / "proposed.ttl")]
    assert proposed and all(p.status == "proposed" for p in proposed)
    mark = "proposed, not yet reviewed"

    def marked(page: Path) -> bool:
        tree = parse(page)
        return any(
            "proposed" in (s.get("class") or "") and text_of(s) == mark for s in tree.iter("span")
        )

    for p in proposed:  # each proposed entry's page says so, with how to review it
        page = out / f"{p.iri}.html"
        assert marked(page), p.iri
        assert "mgi-graph review" in text_of(parse(page))
    for curated in ("org/iom", "org/kz-border-service"):
        assert not marked(out / f"{curated}.html"), curated
    index = text_of(parse(out / "entities.html"))
    assert f"{len(proposed)} of them were proposed from added documents" in index
    rows_marked = [
        text_of(tr.find("td"))
        for tr in parse(out / "entities.html").iter("tr")
        if tr.find("td") is not None and mark in text_of(tr.find("td"))
    ]
    assert len(rows_marked) == len(proposed)
    # on the profile page, beside the finding that names it; in the heatmap, on its row
    profile = parse(out / "profile" / "MD-1.html")
    assert any(
        mark in text_of(p) and "Bureau for Diaspora Relations" in text_of(p)
        for p in profile.iter("p")
    )
    heatmap = text_of(parse(out / "heatmap.html"))
    assert "Bureau for Diaspora Relations (proposed)" in heatmap
    assert (
        "(KZ, proposed)" not in heatmap
        and "International Organization for Migration (international, proposed)" not in heatmap
    )
