"""mgi-graph in a shell, a notebook and a SPARQL client: tables that fit the terminal, every
query form, errors that point into the user's own text, the Python API as the README
promises, and messages that say what to do."""

from __future__ import annotations

import contextlib
import datetime
import io
import json
import re
import urllib.request

import pytest

from mgi_graph.core.paths import use_home
from mgi_graph.query.output import render
from tests.conftest import ROOT, cli

#: 35 characters, unclosed: the error is at its end, column 36.
UNCLOSED = "SELECT ?x WHERE { ?x a mgi:Country "


def out_of(*args: str) -> tuple[int, str]:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = cli(*args)
    return code, buf.getvalue()


@pytest.fixture(scope="module")
def bodies(built):
    from mgi_graph.query.engines import LocalStore
    from mgi_graph.query.stored_queries import get_query

    q = get_query("bodies-by-domain")
    return LocalStore(built.out_dir / "mgi-graph.nt").run(q.text, q.bind({}))


@pytest.mark.parametrize("width", [80, 160])
def test_the_headline_table_shows_whole_labels_and_prefixed_iris(bodies, width):
    text = render(bodies, "table", width)
    assert "…" not in text and "https://" not in text
    assert max(len(line) for line in text.splitlines()) <= width
    column = bodies.columns.index("body_label")
    # A value longer than the room beside its column's name goes on, indented, below.
    flat = re.sub(r"\n {14}(?=\S)", " ", text)
    for row in bodies.rows:
        assert row[column] in flat
    assert "mgid:org/iom" in text and "finding:KZ-1/" in text
    assert "country_code" in text  # the headers whole


def test_a_narrow_table_fits_side_by_side(built):
    from mgi_graph.query.engines import LocalStore
    from mgi_graph.query.stored_queries import get_query

    q = get_query("scorecard")
    table = LocalStore(built.out_dir / "mgi-graph.nt").run(q.text, q.bind({}))
    text = render(table, "table", 100)
    header = text.splitlines()[0].split()
    assert header == list(table.columns)
    assert "Safe, orderly and regular migration" in text


def test_markdown_is_a_format(bodies):
    text = render(bodies, "markdown")
    lines = text.splitlines()
    assert lines[0].startswith("| country_code | domain |") and lines[1].startswith("|---|")
    assert len(lines) == len(bodies.rows) + 2
    assert "| mgid:org/iom |" in text


def test_sparql_answers_every_query_form():
    code, out = out_of("sparql", "ASK { country:KZ a mgi:Country }")
    assert (code, out) == (0, "true\n")
    code, out = out_of("sparql", "ASK { country:KZ a mgi:Finding }", "--format", "json")
    assert json.loads(out) == {"boolean": False}
    code, out = out_of(
        "sparql",
        "CONSTRUCT { ?c rdfs:label ?l } WHERE { ?c a mgi:Country ; rdfs:label ?l "
        'FILTER(?c = country:KZ && lang(?l) = "en") }',
    )
    assert code == 0 and 'country:KZ rdfs:label "Kazakhstan"@en .' in out
    assert "@prefix country: <https://w3id.org/mgi-graph/id/country/> ." in out
    code, out = out_of("sparql", "DESCRIBE country:KZ")
    assert code == 0 and "country:KZ" in out and "mgi:isoAlpha2" in out


def test_an_error_points_into_the_query_as_written(capsys):
    assert cli("sparql", UNCLOSED) == 2
    assert "1:36" in capsys.readouterr().err


def test_the_api_answers_every_query_form_and_keeps_its_promises(built):
    import rdflib

    from mgi_graph import Graph
    from mgi_graph.query.results import EngineError

    g = Graph.open()
    assert g.sparql("ASK { country:KZ a mgi:Country }") is True
    described = g.sparql("DESCRIBE country:KZ")
    assert isinstance(described, rdflib.Graph) and len(described) > 10
    with pytest.raises(EngineError, match="1:36"):
        g.sparql(UNCLOSED)
    rows = g.query("bodies-by-domain")
    assert len(rows) == len(rows.rows) and next(iter(rows)) == rows.rows[0]
    assert any(r["parent"] is None for r in rows) and all(r["parent"] != "" for r in rows)
    html = rows._repr_html_()
    assert html.startswith("<table>") and "mgid:org/iom" in html
    dates = [r["date"] for r in g.query("timeline", country="country:KZ")]
    assert datetime.date(2014, 5, 22) in dates
    assert "mgi_graph.Graph of" in repr(g) and "findings" in g._repr_html_()


def test_a_corpus_is_opened_from_a_path_with_a_tilde(tmp_path, monkeypatch):
    from mgi_graph import Graph

    monkeypatch.setenv("HOME", str(tmp_path))
    assert cli("init", str(tmp_path / "mgi-corpus")) == 0
    try:
        g = Graph.open("~/mgi-corpus")
        assert g.home == tmp_path / "mgi-corpus"
        assert len(g.query("scorecard")) == 12
    finally:
        use_home(None)


def test_a_folder_that_is_no_corpus_says_how_to_make_one(tmp_path, capsys):
    assert cli("query", "scorecard", "--home", str(tmp_path)) == 2
    err = capsys.readouterr().err
    assert "not a corpus" in err and "mgi-graph init" in err and "Turtle" not in err
    use_home(None)


def test_an_option_error_of_add_names_its_file(corpus, tmp_path, capsys):
    news = tmp_path / "news.txt"
    news.write_text("A news item.\n", "utf-8")
    args = ("add", "--home", str(corpus), str(news), "--kind", "news")
    assert cli(*args, "--country", "Atlantis", "--date", "2021") == 2
    assert cli(*args, "--country", "MD", "--date", "2021-13") == 2
    err = capsys.readouterr().err
    assert "<input>" not in err and err.count(str(news)) == 2


def test_help_texts_are_whole():
    _, text = out_of("--help")
    summaries = re.findall(r"^    (\w+) +(.+(?:\n {17}.+)*)", text, re.MULTILINE)
    assert len(summaries) >= 14
    for name, summary in summaries:
        assert " ".join(summary.split()).endswith((".", ")")), name
    _, text = out_of("init", "--help")
    assert "[--home" not in text and "  --home DIR" not in text and "empty" in text
    _, text = out_of("review", "--help")
    assert "review list" in text


def test_the_system_packages_come_without_recommends_and_are_named():
    script = (ROOT / "tests" / "system-packages.sh").read_text("utf-8")
    installs = [ln for ln in script.splitlines() if "apt-get install" in ln]
    assert installs and all("--no-install-recommends" in ln for ln in installs)
    assert "installing the Debian packages" in script


def readme_block(lang: str) -> list[str]:
    readme = (ROOT / "README.md").read_text("utf-8")
    return re.findall(rf"```{lang}\n(.*?)```", readme, re.DOTALL)


def test_the_readmes_python_block_runs_as_written(built):
    (block,) = readme_block("python")
    namespace: dict[str, object] = {}
    lines = block.splitlines()
    pandas_line = next(i for i, ln in enumerate(lines) if "to_pandas" in ln)
    exec("\n".join(lines[:pandas_line]), namespace)
    g = namespace["g"]
    assert isinstance(eval(lines[pandas_line - 1].split("#")[0], namespace), list)
    rows = eval(lines[pandas_line - 2], namespace)
    assert rows and all(isinstance(r["date"], str) for r in rows)  # gYearMonth: "2018-05"
    try:
        import pandas  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError, match="mgi-graph\\[pandas\\]"):
            exec(lines[pandas_line], namespace)
    else:
        assert len(eval(lines[pandas_line].split("#")[0], namespace)) == 12
    assert g is not None


@pytest.mark.parametrize("index", [0, 1])
def test_the_readmes_sparql_blocks_run_in_the_cli_and_the_api(built, tmp_path, index):
    from mgi_graph import Graph

    block = readme_block("sparql")[index]
    query = tmp_path / "q.rq"
    query.write_text(block, "utf-8")
    code, out = out_of("sparql", str(query), "--format", "json")
    assert code == 0
    rows = json.loads(out)["rows"]
    assert rows and len(rows) == len(Graph.open().sparql(block))


@pytest.mark.slow
def test_the_readmes_sparql_blocks_run_on_serve_with_no_prefix_lines(built):
    from tests.test_serve_safety import ask, serving

    with serving() as (url, _):
        for block in readme_block("sparql"):
            status, _, body = ask(url, block)
            assert status == 200, body
            assert json.loads(body)["results"]["bindings"]
        status, _, body = ask(url, UNCLOSED)
        assert status == 400 and b"1:36" in body
        with urllib.request.urlopen(url.removesuffix("query"), timeout=30) as resp:
            page = resp.read().decode("utf-8")
        assert "PREFIX" not in page.split("<textarea")[1].split("</textarea>")[0]
