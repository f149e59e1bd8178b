"""`mgi-graph serve` answers the W3C Entity Reconciliation API (v0.2) over the registry, as
OpenRefine asks it: the manifest, a batch of queries posted as a form with a country
condition, the preview card, suggest; JSONP; clear errors.

The corpus holds the shipped sources (Kazakhstan, Kyrgyzstan) and the Moldova test profile,
so the same name ("Ministry of Internal Affairs") belongs to two countries' bodies: with the
country given, only that country's is a candidate, and only it is matched for sure.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.conftest import cli
from tests.test_own_corpus import FIXTURE
from tests.test_serve_safety import serving

pytestmark = pytest.mark.slow

ID = "https://w3id.org/mgi-graph/id/"
KZ_MIA = ID + "org/kz-mia"
IOM = ID + "org/iom"


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    home = tmp_path_factory.mktemp("reconcile") / "corpus"
    assert cli("init", "--base", "https://example.org/corpus/id/", str(home)) == 0
    assert cli("add", "--home", str(home), str(FIXTURE)) == 0
    assert cli("build", "--home", str(home)) == 0
    with serving(home=str(home)) as (url, _proc):
        yield url.removesuffix("/query") + "/reconcile"


def get(url: str, **params: str) -> tuple[int, str, bytes]:
    full = f"{url}?{urllib.parse.urlencode(params)}" if params else url
    try:
        with urllib.request.urlopen(full, timeout=60) as resp:
            return resp.status, resp.headers["Content-Type"], resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers["Content-Type"], err.read()


def post_queries(url: str, queries: dict) -> dict:
    """A batch as OpenRefine sends it: the form field ``queries``, a JSON object."""
    data = urllib.parse.urlencode({"queries": json.dumps(queries)}).encode()
    req = urllib.request.Request(
        url, data=data, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    with urllib.request.urlopen(req, timeout=60) as resp:
        return json.loads(resp.read())


def test_the_manifest(service):
    status, media, body = get(service)
    assert status == 200 and media.startswith("application/json")
    m = json.loads(body)
    assert m["versions"] == ["0.2"]
    assert m["identifierSpace"] == ID
    assert m["defaultTypes"][0]["id"].endswith("#RegistryEntry")
    assert m["preview"]["url"] == service + "/preview?id={{id}}"
    assert m["suggest"]["entity"]["service_path"] == "/reconcile/suggest/entity"


def test_a_batch_with_a_country_condition_gives_that_countrys_entry_first(service):
    answer = post_queries(
        service,
        {
            "q0": {
                "query": "Ministry of Internal Affairs",
                "properties": [{"pid": "country", "v": "Kazakhstan"}],
            },
            "q1": {
                "query": "Ministry of Internal Affairs",
                "properties": [{"pid": "country", "v": "MD"}],
            },
            "q2": {"query": "Ministry of Internal Affairs"},
            "q3": {
                "query": "IOM",
                "type": "https://w3id.org/mgi-graph/ontology#InternationalOrganization",
            },
            "q4": {
                "query": "ministry of labour",
                "properties": [{"pid": "country", "v": "KZ"}],
                "limit": 2,
            },
        },
    )
    kz = answer["q0"]["result"]
    assert kz[0]["id"] == KZ_MIA and kz[0]["score"] == 100 and kz[0]["match"] is True
    assert all(r["description"] in ("Kazakhstan", "international") for r in kz)
    md = answer["q1"]["result"]
    assert md[0]["id"].startswith("https://example.org/corpus/id/org/md-")
    assert md[0]["name"] == "Ministry of Internal Affairs" and md[0]["match"] is True
    assert KZ_MIA not in {r["id"] for r in md}  # never another country's body
    both = answer["q2"]["result"]
    assert {both[0]["id"], both[1]["id"]} == {KZ_MIA, md[0]["id"]}
    assert not any(r["match"] for r in both)  # no country given: nothing matched for sure
    iom = answer["q3"]["result"]
    assert iom[0]["id"] == IOM and iom[0]["match"] is True
    assert all(any("InternationalOrganization" in t["id"] for t in r["type"]) for r in iom)
    labour = answer["q4"]["result"]
    assert len(labour) == 2
    assert labour[0]["id"] == ID + "org/kz-mlsp"
    assert labour[0]["match"] is False and 40 <= labour[0]["score"] < 100


def test_preview_suggest_and_jsonp(service):
    status, media, body = get(service + "/preview", id=KZ_MIA)
    page = body.decode()
    assert status == 200 and media.startswith("text/html")
    assert "Ministry of Internal Affairs of the Republic of Kazakhstan" in page
    assert "Kazakhstan" in page and "<blockquote>" in page
    status, _media, body = get(service + "/suggest/entity", prefix="Ministry of Int")
    names = [r["name"] for r in json.loads(body)["result"]]
    assert "Ministry of Internal Affairs of the Republic of Kazakhstan" in names
    status, _media, body = get(service + "/suggest/type", prefix="minis")
    assert [r["name"] for r in json.loads(body)["result"]] == ["Ministry"]
    status, media, body = get(service, query="IOM", callback="cb")
    assert media.startswith("application/javascript") and body.startswith(b"cb({")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"queries": "not json"}, "queries: not JSON"),
        ({"queries": json.dumps({"q": {"limit": 3}})}, 'each query needs "query"'),
        (
            {
                "queries": json.dumps(
                    {"q": {"query": "x", "properties": [{"pid": "country", "v": "Atlantis"}]}}
                )
            },
            "no country or territory of ISO 3166",
        ),
        (
            {
                "queries": json.dumps(
                    {"q": {"query": "x", "properties": [{"pid": "P17", "v": "KZ"}]}}
                )
            },
            '"country"',
        ),
        ({"query": "IOM", "callback": "alert(1)//"}, "callback: not a function name"),
    ],
)
def test_bad_requests_get_a_readable_400(service, params, message):
    status, media, body = get(service, **params)
    assert status == 400 and media.startswith("application/json")
    assert message in json.loads(body)["error"]
    status, _media, _body = get(service + "/preview", id="https://example.org/nothing")
    assert status == 404
