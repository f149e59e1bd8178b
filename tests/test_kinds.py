"""Bodies compared across countries by what they do: every body carries the kinds a careful
reader gives it (ontology/body-kinds.ttl), in every language, with the basis; queries by kind.

The kinds a reader gives were read by hand: for the shipped graph's bodies in
tests/fixtures/kinds/shipped-kinds.tsv, for the test profiles' bodies in the [kinds] tables
of their .gold.toml files (tests/fixtures/languages)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from mgi_graph.core.vocab import ID, MGI, ORG, RDF, SCHEMA, SKOS
from tests.conftest import OWN, cli
from tests.name_scores import GOLD, HELD_OUT, add_and_build, score
from tests.test_own_corpus import rows

SHIPPED = Path(__file__).parent / "fixtures" / "kinds" / "shipped-kinds.tsv"


def reader_kinds() -> dict[str, list[str]]:
    out = {}
    for line in SHIPPED.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        key, kind, accepted = line.split("\t")
        out[key] = [kind, *accepted.split()]
    return out


def kinds_of(g: Graph, entry: URIRef) -> set[str]:
    return {str(k).rsplit("/", 1)[1] for k in g.objects(entry, ORG.classification)}


def test_the_scheme_has_the_kinds_a_researcher_recognises():
    from mgi_graph.core.paths import PACKAGE_ROOT
    from mgi_graph.core.rdffiles import load_turtle

    g = load_turtle(PACKAGE_ROOT / "ontology" / "body-kinds.ttl")
    kinds = list(g.subjects(RDF.type, MGI.BodyKind))
    assert 20 <= len(kinds) <= 25
    for k in kinds:
        assert {lbl.language for lbl in g.objects(k, SKOS.prefLabel)} >= {"en", "es", "fr"}
        assert g.value(k, SKOS.definition) is not None
    assert not list(g.objects(None, SCHEMA.sameAs))  # no identifier has been checked


def test_the_shipped_bodies_carry_the_kinds_a_reader_gives(graph):
    """At least 95% carry the reader's kind, and none a kind no reader accepts."""
    wanted = reader_kinds()
    bodies = {
        str(b).rsplit("/", 1)[1]
        for b in graph.subjects(RDF.type, MGI.Institution)
        if str(b).startswith(str(ID["org/"]))
    }
    assert bodies == set(wanted)
    carried = sum(wanted[k][0] in kinds_of(graph, ID[f"org/{k}"]) for k in wanted)
    assert carried >= 0.95 * len(wanted), carried
    wrong = {k: kinds_of(graph, ID[f"org/{k}"]) - set(wanted[k]) for k in wanted}
    assert {k: v for k, v in wrong.items() if v} == {}
    # each with its basis
    mlsp = ID["org/kz-mlsp"]
    bases = {str(b) for b in graph.objects(mlsp, MGI.kindBasis)}
    assert any(b.startswith("labour: its name") and '"labour"' in b for b in bases)


@pytest.fixture(scope="module")
def languages(tmp_path_factory: pytest.TempPathFactory):
    home = tmp_path_factory.mktemp("kinds") / "corpus"
    g, added = add_and_build(home, GOLD + HELD_OUT)
    return home, g, [score(g, f, *added[f]) for f in GOLD + HELD_OUT]


def test_the_test_profiles_bodies_carry_the_kinds_a_reader_gives(languages):
    """English, Spanish, French and Portuguese profiles, national and local: at least 90% of
    their bodies carry the reader's kind (a body not read at all counts against), none a
    kind no reader accepts."""
    _, _, scores = languages
    carried = sum(s.kinds[0] for s in scores)
    total = sum(s.kinds[1] for s in scores)
    assert total > 100 and carried >= 0.9 * total, [(s.name, s.kinds) for s in scores]
    assert [w for s in scores for w in s.wrong_kinds] == []


def test_kinds_by_domain_answers_across_languages(languages):
    """Which kinds of body appear in each domain, in how many countries: statistics offices
    in domain 2 in Colombia (DANE), Mozambique (INE), Senegal (ANSD), Mali (INSTAT), Nigeria
    and Peru (INEI), and Kazakhstan's Committee on Statistics from the shipped profile; the
    region filter keeps Latin America's."""
    home, _, _ = languages
    answer = rows(home, "kinds-by-domain")
    cell = next(r for r in answer if r["kind"] == "statistics" and r["domain"] == "2")
    assert int(cell["countries"]) == 7 and cell["kind_label"] == "Statistics"
    south = rows(home, "kinds-by-domain", "region=419")
    cell = next(r for r in south if r["kind"] == "statistics" and r["domain"] == "2")
    assert int(cell["countries"]) == 2  # Colombia and Peru (Latin America, 419)
    spanish = rows(home, "kinds-by-domain", "lang=es")
    assert {r["kind_label"] for r in spanish if r["kind"] == "labour"} == {"Trabajo y empleo"}
    pair = rows(home, "compare-kinds", "a=country:CO", "b=country:PE")
    cell = next(r for r in pair if r["kind"] == "statistics" and r["domain"] == "2")
    assert (cell["bodies_a"], cell["bodies_b"]) == ("1", "1")
    labour = rows(home, "kind-bodies", "kind=body-kind:labour", "country=country:CO")
    assert {r["body_label"] for r in labour} == {"Ministerio del Trabajo"}
    assert all("holds" in r["basis"] for r in labour)


def test_a_body_no_rule_places_has_no_kind(tmp_path):
    from mgi_graph.curate.kinds import add_kinds

    g = Graph()
    for f in ("mgi.ttl", "body-kinds.ttl"):
        from mgi_graph.core.paths import PACKAGE_ROOT

        g.parse(PACKAGE_ROOT / "ontology" / f)
    body = ID["org/xx-mystery"]
    g.add((body, RDF.type, MGI.Agency))
    from rdflib import Literal

    g.add((body, SKOS.prefLabel, Literal("Otandastar Board", lang="en")))
    g.add((body, MGI.jurisdiction, ID["country/KZ"]))
    add_kinds(g)
    assert kinds_of(g, body) == set()
    counted = Counter(str(k) for k in g.objects(None, ORG.classification))
    assert not counted


def test_the_shipped_answers_of_the_other_queries_are_unchanged():
    """The golden answers of every other canned query (tests/test_golden.py) hold: this
    checks that the kinds queries are among them too."""
    golden = Path(__file__).parent / "golden" / "queries"
    assert (golden / "kinds-by-domain.tsv").is_file()
    assert cli("query", "kinds-by-domain", "--format", "csv") == 0


def test_review_lists_each_proposals_kind_and_sets_one_kept_across_rebuilds(corpus, capsys):
    from tests.test_own_corpus import FIXTURE

    assert cli("add", "--home", str(corpus), str(FIXTURE)) == 0
    capsys.readouterr()
    assert cli("review", "--home", str(corpus)) == 0
    listed = {ln.split("\t")[0]: ln for ln in capsys.readouterr().out.splitlines()}
    assert "kind: interior" in listed["org/md-ministry-of-internal-affairs"]
    assert (
        "kind: none" in listed["org/md-state-chancellery"]
        or "kind: executive" in listed["org/md-state-chancellery"]
    )
    assert cli("review", "kind", "org/md-state-chancellery", "--kind", "nowhere", "--home",
               str(corpus)) == 2  # fmt: skip
    assert cli("review", "kind", "org/md-state-chancellery", "--kind", "executive",
               "--kind", "coordination", "--home", str(corpus)) == 0  # fmt: skip
    for _ in range(2):  # kept across rebuilds
        assert cli("build", "--home", str(corpus)) == 0
        g = Graph().parse(corpus / "build" / "mgi-graph.nt", format="nt")
        chancellery = URIRef(OWN + "org/md-state-chancellery")
        assert kinds_of(g, chancellery) == {"executive", "coordination"}
        assert {str(b) for b in g.objects(chancellery, MGI.kindBasis)} == {
            "coordination: set on review",
            "executive: set on review",
        }
