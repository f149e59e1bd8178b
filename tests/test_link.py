"""`mgi-graph link` against a local stand-in for Wikidata (an Oxigraph server loaded with
tests/fixtures/wikidata/link-candidates.nt): candidates for the corpus's entries by name and
country, never another country's body, nothing from a deprecated statement, the strict rule
only for a single fitting candidate; decisions; accepted links in the next build; offline,
one line and nothing changed. No test reaches the internet."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path
from typing import ClassVar

import pytest
from rdflib import Graph, URIRef

from tests.conftest import OWN, cli
from tests.servers import free_port, oxigraph_server
from tests.test_own_corpus import FIXTURE

pytestmark = pytest.mark.slow

WD = "http://www.wikidata.org/entity/"
SAME_AS = URIRef("https://schema.org/sameAs")
DATA = Path(__file__).parent / "fixtures" / "wikidata" / "link-candidates.nt"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    with oxigraph_server(DATA, tmp_path_factory.mktemp("wikidata-link")) as url:
        yield url


@pytest.fixture
def moldova(corpus):
    assert cli("add", "--home", str(corpus), str(FIXTURE)) == 0
    return corpus


def link(corpus: Path, *args: str) -> int:
    return cli("link", "--home", str(corpus), *args)


def test_candidates_by_name_and_country_and_the_strict_rule(moldova, endpoint, capsys):
    assert link(moldova, "--endpoint", endpoint, "--delay", "0", "--batch", "7") == 0
    out = capsys.readouterr().out
    assert link(moldova, "--list") == 0
    listed = capsys.readouterr().out.splitlines()
    got = {line.split(": ", 1)[1].split()[0]: line.split(":", 1)[0] for line in listed}
    assert got == {
        # the one Moldovan item of that name and class: accepted by the rule
        "org/md-ministry-of-internal-affairs=Q9990010": "accepted by rule",
        "law/md-law-on-asylum=Q9990040": "accepted by rule",
        # two Moldovan items carry the bureau's name: both proposed, neither accepted
        "org/md-bureau-for-migration-and-asylum=Q9990020": "proposed",
        "org/md-bureau-for-migration-and-asylum=Q9990021": "proposed",
        # the name and the country, but a hospital is no ministry: proposed, lower score
        "org/md-ministry-of-health-labour-and-social-protection=Q9990060": "proposed",
        # Kazakhstan's ministry of the same name, for Kazakhstan's entry only
        "org/kz-mia=Q9990011": "accepted by rule",
    }, listed
    assert "Q9990011" not in {k.split("=")[1] for k in got if k.startswith("org/md-")}
    assert not any("Q9990030" in line for line in listed)  # its country is deprecated
    assert "score 85" in next(line for line in listed if "Q9990060" in line)
    assert "accepted by the rule" in out
    text = (moldova / "curation" / "links.ttl").read_text("utf-8")
    assert f"<{OWN}link/org/md-ministry-of-internal-affairs/Q9990010>" in text
    # a second run asks only for entries with no candidate yet: nothing new, nothing lost
    assert link(moldova, "--endpoint", endpoint, "--delay", "0") == 0
    assert (moldova / "curation" / "links.ttl").read_text("utf-8") == text


def test_decisions_go_into_the_next_build(moldova, endpoint, capsys):
    assert link(moldova, "--endpoint", endpoint, "--delay", "0") == 0
    key = "org/md-bureau-for-migration-and-asylum=Q9990020"
    assert cli("review", "--home", str(moldova), "list", "--status", "proposed") == 0
    assert key in capsys.readouterr().out  # review lists the candidates with the proposals
    assert cli("review", "--home", str(moldova), "accept", key) == 0  # as a proposal is
    assert (
        link(moldova, "--reject", "org/md-ministry-of-health-labour-and-social-protection=Q9990060")
        == 0
    )
    assert link(moldova, "--accept", "org/md-no-such=Q1") == 2
    capsys.readouterr()
    assert cli("build", "--home", str(moldova)) == 0
    g = Graph().parse(moldova / "build" / "mgi-graph.nt", format="nt")
    bureau = URIRef(f"{OWN}org/md-bureau-for-migration-and-asylum")
    mia = URIRef(f"{OWN}org/md-ministry-of-internal-affairs")
    assert set(g.objects(bureau, SAME_AS)) == {URIRef(WD + "Q9990020")}
    assert set(g.objects(mia, SAME_AS)) == {URIRef(WD + "Q9990010")}
    assert not set(
        g.objects(URIRef(f"{OWN}org/md-ministry-of-health-labour-and-social-protection"), SAME_AS)
    )
    decided = {
        str(o)
        for s in g.subjects(URIRef("https://w3id.org/mgi-graph/ontology#linkTo"), None)
        for o in g.objects(s, URIRef("https://w3id.org/mgi-graph/ontology#decidedBy"))
    }
    assert decided == {"researcher", "rule"}
    assert cli("query", "--home", str(moldova), "external-ids", "--format", "csv") == 0
    rows = capsys.readouterr().out
    assert f"{OWN}org/md-bureau-for-migration-and-asylum,Bureau for Migration and Asylum" in rows
    # the federated labels query reaches the added entries' items too
    federated = ["wikidata-labels", "--param", f"service={endpoint}", "--format", "csv"]
    assert cli("query", "--home", str(moldova), *federated) == 0
    rows = capsys.readouterr().out
    mia = f"{OWN}org/md-ministry-of-internal-affairs,Ministry of Internal Affairs,{WD}Q9990010"
    assert f"{mia},en,Ministry of Internal Affairs,ministry of the Republic of Moldova," in rows


def test_without_a_network_link_says_so_in_one_line_and_changes_nothing(moldova, capsys):
    assert cli("build", "--home", str(moldova)) == 0
    capsys.readouterr()
    dead = f"http://127.0.0.1:{free_port()}/query"
    assert link(moldova, "--endpoint", dead, "--timeout", "5") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot reach it" in err[0] and "nothing changed" in err[0]
    assert not (moldova / "curation" / "links.ttl").exists()


class _Failing(http.server.BaseHTTPRequestHandler):
    """A SPARQL endpoint that answers its first request with no rows, then fails."""

    seen: ClassVar[list[str]] = []

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.seen.append("POST")
        if len(self.seen) == 1:
            body = b'{"head": {"vars": []}, "results": {"bindings": []}}'
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
        else:
            body = b"overloaded"
            self.send_response(500)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_a_batch_that_fails_is_reported_and_a_second_run_resumes(moldova, endpoint, capsys):
    _Failing.seen = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Failing)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/sparql"
        assert link(moldova, "--endpoint", url, "--delay", "0", "--batch", "10") == 2
    finally:
        httpd.shutdown()
    out = capsys.readouterr().out
    assert "batch 2 of" in out and "failed" in out and "run link again to resume" in out
    assert "Traceback" not in out
    assert not (moldova / "curation" / "links.ttl").exists()  # the first batch found none
    assert link(moldova, "--endpoint", endpoint, "--delay", "0") == 0
    assert "Q9990010" in (moldova / "curation" / "links.ttl").read_text("utf-8")
