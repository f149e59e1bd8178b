"""Editions compared: a made-up first and second profile of the Republic of Moldova
(tests/fixtures/corpus/), added to a corpus of one's own; each change read by hand.

Second edition against the first, by domain (E: earlier, L: later, W: well-developed,
P: potential):
1. health care, reworded (Ministry renamed): kept; refugees' education under the Law on
   Asylum, now "not yet to secondary education": lost; detention data: persisting;
   registration with the National Employment Agency, now allowed: closed.
2. the BMA: kept; the National Strategy, now "expired ... not been replaced": lost;
   emigration data, now collected: closed; the Parliament and the diaspora: persisting.
3. social security agreements: kept; IOM membership: dropped; the Budapest Process: new;
   the Bureau for Diaspora Relations: persisting.
4. all three repeated: kept, kept, persisting.
5. the disaster plan: kept; no measures for nationals abroad, now consulates keep a
   register: closed; migrants not consulted on local emergency plans: new.
6. all three repeated: kept, kept, persisting.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import OWN
from tests.test_own_corpus import cli, rows

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"
FIRST = FIXTURES / "mgi-profile-moldova-test.txt"
SECOND = FIXTURES / "mgi-profile-moldova-test-2.txt"

BY_HAND = {
    ("1", "kept"): 1, ("1", "lost"): 1, ("1", "persisting"): 1, ("1", "closed"): 1,
    ("2", "kept"): 1, ("2", "lost"): 1, ("2", "closed"): 1, ("2", "persisting"): 1,
    ("3", "kept"): 1, ("3", "dropped"): 1, ("3", "new"): 1, ("3", "persisting"): 1,
    ("4", "kept"): 2, ("4", "persisting"): 1,
    ("5", "kept"): 1, ("5", "closed"): 1, ("5", "new"): 1,
    ("6", "kept"): 2, ("6", "persisting"): 1,
}  # fmt: skip


#: Counted by hand from the two fixtures, per domain: well-developed before, after;
#: potential before, after; closed, persisting, kept, lost, dropped, new.
COUNTS = {
    "1": (2, 2, 2, 2, 1, 1, 1, 1, 0, 0),
    "2": (2, 2, 2, 2, 1, 1, 1, 1, 0, 0),
    "3": (2, 2, 1, 1, 0, 1, 1, 0, 1, 1),
    "4": (2, 2, 1, 1, 0, 1, 2, 0, 0, 0),
    "5": (1, 2, 1, 1, 1, 0, 1, 0, 0, 1),
    "6": (2, 2, 1, 1, 0, 1, 2, 0, 0, 0),
}

DOMAIN = "https://w3id.org/mgi-graph/id/domain/"


def number(row: dict[str, str]) -> str:
    return row["domain"].removeprefix(DOMAIN)


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("editions") / "corpus"
    assert cli("init", "--base", OWN, str(home)) == 0
    assert cli("add", "--home", str(home), str(FIRST), str(SECOND)) == 0
    assert cli("build", "--home", str(home)) == 0
    return home


def test_each_change_is_the_one_read_by_hand(two_editions):
    got = rows(two_editions, "compare-editions", "country=country:MD")
    assert all(r["domain"].startswith(DOMAIN) for r in got)
    assert [number(r) for r in got] == sorted(number(r) for r in got)  # by domain
    assert Counter((number(r), r["change"]) for r in got) == Counter(BY_HAND)

    def change(earlier: str, later: str) -> str:
        (hit,) = [
            r["change"]
            for r in got
            if r["earlier_text"].startswith(earlier) and r["later_text"].startswith(later)
        ]
        return hit

    assert change("Migrants cannot register", "Migrants can register") == "closed"
    assert change("The Law on Asylum grants", "Under the Law on Asylum") == "lost"
    assert change("There are no specific measures", "Consulates keep a register") == "closed"
    assert change("The National Strategy on Migration", "The National Strategy") == "lost"
    assert change("The Republic of Moldova is a member", "") == "dropped"
    assert change("", "The Republic of Moldova takes part") == "new"


def test_every_link_joins_two_findings_of_one_domain_with_its_score_and_basis(two_editions):
    got = rows(two_editions, "compare-editions", "country=country:MD")
    for r in got:
        linked = r["earlier_finding"] and r["later_finding"]
        assert bool(r["score"]) is bool(linked)
        if r["earlier_finding"]:
            assert f"/MD-1/d{number(r)}/" in r["earlier_finding"]
        if r["later_finding"]:
            assert f"/MD-2/d{number(r)}/" in r["later_finding"]
        if linked:
            assert 60 <= float(r["score"]) <= 100
            assert r["basis"].startswith("text similarity ") and f"domain {number(r)}" in r["basis"]
        assert r["review"] == "proposed"
    earlier = [r["earlier_finding"] for r in got if r["earlier_finding"]]
    later = [r["later_finding"] for r in got if r["later_finding"]]
    assert len(earlier) == len(set(earlier)) == 19  # every finding once, none twice
    assert len(later) == len(set(later)) == 20


def test_the_domain_parameter_keeps_one_domain(two_editions):
    got = rows(two_editions, "compare-editions", "country=country:MD", "domain=domain:5")
    assert sorted(r["change"] for r in got) == ["closed", "kept", "new"]


def test_a_country_with_one_edition_has_no_changes(two_editions):
    assert rows(two_editions, "compare-editions", "country=country:KZ") == []


def test_a_link_set_by_hand_and_a_rejected_one_are_applied_and_checked(two_editions, tmp_path):
    import shutil

    home = tmp_path / "corpus"
    shutil.copytree(two_editions, home)
    curation = home / "curation" / "editions.toml"
    curation.write_text(
        "[[link]]\n"
        'earlier = "finding/MD-1/d3/well-developed/2"\n'
        'later = "finding/MD-2/d3/well-developed/2"\n'
        "[[reject]]\n"
        'earlier = "finding/MD-1/d5/potential/1"\n'
        'later = "finding/MD-2/d5/well-developed/2"\n',
        "utf-8",
    )
    assert cli("build", "--home", str(home)) == 0
    got = rows(home, "compare-editions", "country=country:MD", "domain=domain:3")
    hand = [r for r in got if r["review"] == "accepted"]
    assert len(hand) == 1 and hand[0]["change"] == "kept"
    assert hand[0]["basis"].startswith("set by hand in curation/editions.toml")
    assert "dropped" not in {r["change"] for r in got} and "new" not in {r["change"] for r in got}
    d5 = rows(home, "compare-editions", "country=country:MD", "domain=domain:5")
    assert sorted(r["change"] for r in d5) == ["dropped", "kept", "new", "new"]
    # a link across two countries is refused, naming the file
    curation.write_text(
        "[[link]]\n"
        'earlier = "finding/MD-1/d1/potential/1"\n'
        'later = "finding/KG-2/d1/potential/1"\n',
        "utf-8",
    )
    assert cli("build", "--home", str(home)) == 2


def test_the_editions_scorecard_counts_each_domain_before_and_after(two_editions):
    got = rows(two_editions, "editions-scorecard", "country=country:MD")
    assert [r["domain"] for r in got] == ["1", "2", "3", "4", "5", "6"]
    assert {r["earlier_profile"].rsplit("/", 1)[-1] for r in got} == {"MD-1"}
    assert {r["later_profile"].rsplit("/", 1)[-1] for r in got} == {"MD-2"}
    counts = {
        r["domain"]: tuple(
            int(r[c])
            for c in (
                "well_developed_before",
                "well_developed_after",
                "potential_before",
                "potential_after",
                "closed",
                "persisting",
                "kept",
                "lost",
                "dropped",
                "new",
            )
        )
        for r in got
    }
    assert counts == COUNTS
    other = rows(two_editions, "editions-scorecard", "country=country:KZ")
    assert other == []


def test_a_candidate_passed_over_for_a_closer_one_is_named_on_both_changes():
    """Two later findings both close to one earlier finding: the closer is linked, the other
    is new, and both changes name the candidate they did not get (no rival goes unseen)."""
    from rdflib import Graph, Literal

    from mgi_graph.core.vocab import ID, MGI, RDF
    from mgi_graph.graph.editions import Overrides, Rules, compare_editions

    g = Graph()
    country = ID["country/XX"]
    texts = {
        ("1", 1): "Migrants have access to public health care on the same terms as nationals.",
        ("2", 1): "Migrants have access to public health care on the same terms as nationals.",
        ("2", 2): "Migrants have access to public health care in the capital only.",
    }
    for (edition, n), text in texts.items():
        profile, f = ID[f"profile/XX-{edition}"], ID[f"finding/XX-{edition}/d1/potential/{n}"]
        g.add((profile, MGI.assesses, country))
        g.add((profile, MGI.editionNumber, Literal(int(edition))))
        for p, o in [
            (RDF.type, MGI.Finding),
            (MGI.inProfile, profile),
            (MGI.domain, ID["domain/1"]),
            (MGI.polarity, ID["polarity/potential"]),
            (MGI.text, Literal(text)),
        ]:
            g.add((f, p, o))
    rules = Rules(entity_bonus=10.0, max_bonus=20.0, threshold=60.0)
    changes = compare_editions(g, rules, Overrides((), frozenset(), None))
    by_kind = {c.kind: c for c in changes}
    assert sorted(by_kind) == ["new", "persisting"]
    linked, new = by_kind["persisting"], by_kind["new"]
    assert linked.earlier.iri == ID["finding/XX-1/d1/potential/1"]
    assert linked.later.iri == ID["finding/XX-2/d1/potential/1"] and linked.score == 100.0
    assert new.later.iri == ID["finding/XX-2/d1/potential/2"]
    # the passed-over pair scores at or above the threshold, below the linked one
    ((rival, s),) = linked.rivals
    assert rival == new.later.iri and rules.threshold <= s < 100.0
    assert new.rivals == ((linked.earlier.iri, s),)
    assert linked.basis.endswith(
        f"; also close, linked elsewhere: finding/XX-2/d1/potential/2 ({s:.1f})"
    )
    assert new.basis.endswith(f"linked elsewhere: finding/XX-1/d1/potential/1 ({s:.1f})")
    from mgi_graph.graph.editions import add_edition_changes

    out = Graph()
    add_edition_changes(out, changes)
    assert set(out.subject_objects(MGI.rivalFinding)) == {
        (linked.iri, new.later.iri),
        (new.iri, linked.earlier.iri),
    }


def test_the_country_page_of_the_report_shows_the_editions_compared(two_editions, tmp_path):
    """The report's page for Moldova gives the scorecard of the two editions and each change
    by domain, each finding linked to its place on its profile's page; a country with one
    profile has no such section."""
    from tests.test_report import parse, text_of

    out = tmp_path / "site"
    assert cli("report", "--home", str(two_editions), "--out", str(out)) == 0
    tree = parse(out / "country" / "MD.html")
    scorecard = tree.find(".//table[@class='editions']")
    got = {
        text_of(tr.find("th")).split(".")[0]: tuple(int(text_of(td)) for td in tr.findall("td"))
        for tr in scorecard.find("tbody").findall("tr")
    }
    assert got == COUNTS  # the page's columns are in the order of COUNTS
    changes = tree.findall(".//table[@class='changes']")
    assert len(changes) == 6
    partnerships = [
        [text_of(td) for td in tr.findall("td")] for tr in changes[2].find("tbody").findall("tr")
    ]
    kinds = Counter(r[0] for r in partnerships)
    assert kinds == Counter({"kept": 1, "dropped": 1, "new": 1, "persisting": 1})
    (dropped,) = [r for r in partnerships if r[0] == "dropped"]
    assert "a member state of IOM" in dropped[1] and dropped[2] == ""
    (new,) = [r for r in partnerships if r[0] == "new"]
    assert "Budapest Process" in new[2] and new[1] == ""
    links = [a.get("href") for a in changes[2].iter("a")]
    assert links and all(re.match(r"\.\./profile/MD-[12]\.html#d3-", h) for h in links)
    for h in links:  # each anchor is on its profile's page
        page, anchor = h.removeprefix("../").split("#")
        assert any(e.get("id") == anchor for e in parse(out / page).iter())
    one = parse(out / "country" / "KZ.html")
    assert one.find(".//table[@class='editions']") is None
    assert "Editions compared" not in text_of(one)


NEWS = FIXTURES / "news-moldova-employment-test.txt"
NEWS_KEY = "news-md-2021-moldova-opens-employment-registration-to-holders"
# The corpus's own finding and news item, under its own base (init --base).
UPDATE = """
update:md-employment-registration a mgi:FindingUpdate ;
    mgi:onFinding <{own}finding/MD-1/d1/potential/2> ; mgi:bearing bearing:addresses ;
    mgi:evidence [ mgi:inSource <{own}source/{key}> ;
        mgi:quotedText "can now register with the National Employment Agency" ] .
"""


def test_a_later_source_on_an_earlier_finding_shows_beside_its_change(tmp_path):
    """A news item of 2021, between the two editions, says the gap of the first edition on
    registering with the National Employment Agency is addressed; the second edition shows
    it closed. compare-editions gives both on one row: "closed in the 2023 profile,
    announced in the 2021 news"; every other row has no update."""
    home = tmp_path / "corpus"
    assert cli("init", "--base", OWN, str(home)) == 0
    assert cli("add", "--home", str(home), str(FIRST), str(SECOND)) == 0
    news = ("--kind", "news", "--country", "MD", "--date", "2021-03", "--start-line", "4")
    assert cli("add", "--home", str(home), str(NEWS), *news) == 0
    developments = home / "data" / "developments.ttl"
    with developments.open("a", encoding="utf-8") as f:
        f.write(UPDATE.format(key=NEWS_KEY, own=OWN))
    assert cli("build", "--home", str(home)) == 0
    got = rows(home, "compare-editions", "country=country:MD")
    updated = [r for r in got if r["update"]]
    assert len(updated) == 1
    (r,) = updated
    assert r["change"] == "closed" and number(r) == "1"
    assert r["earlier_finding"].endswith("/finding/MD-1/d1/potential/2")
    assert "National Employment Agency" in r["later_text"]
    assert r["update"] == f"addresses in {NEWS_KEY} (2021-03)"
    # and the report's country page gives it in the same row
    from tests.test_report import parse, text_of

    assert cli("report", "--home", str(home), "--out", str(tmp_path / "site")) == 0
    page = parse(tmp_path / "site" / "country" / "MD.html")
    cells = [
        [text_of(td) for td in tr.findall("td")]
        for tr in page.iter("tr")
        if tr.get("class", "").startswith("change-")
    ]
    assert [c[0] for c in cells if c[-1]] == ["closed"]
    assert [c[-1] for c in cells if c[-1]] == [f"addresses in {NEWS_KEY} (2021-03)"]
