"""The command line: help, version, exit codes, parse output."""

from __future__ import annotations

import json

import pytest

from mgi_graph.cli import main
from tests.conftest import KG_EN


def test_version(capsys):
    assert main(["-V"]) == 0
    assert capsys.readouterr().out.strip() == "mgi-graph 0.1.0"


def test_help_lists_commands_and_exit_codes(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in ("build", "validate", "parse"):
        assert command in out
    assert "1  the data does not conform" in out and "2  usage or input error" in out


def test_unknown_command_is_a_usage_error(capsys):
    assert main(["frobnicate"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_parse_prints_json_findings_in_document_order(capsys):
    assert main(["parse", str(KG_EN)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["title"] == "Migration Governance Second Profile: The Kyrgyz Republic (Kyrgyzstan)"
    assert data["date"] == "2023-12" and data["edition"] == "second"
    assert data["country"] == "KG"
    assert len(data["findings"]) == 34
    first = data["findings"][0]
    assert first == {
        "domain": 1,
        "polarity": "well-developed",
        "ordinal": 1,
        "text": "All migrants have access to health services under the same conditions as "
        "Kyrgyz nationals.",
        "line": 59,
        "start": 5192,
        "end": 5282,
    }
    assert [f["line"] for f in data["findings"]] == sorted(f["line"] for f in data["findings"])


def test_parse_of_a_non_profile_exits_2_with_file_and_line(tmp_path, capsys):
    bad = tmp_path / "notes.txt"
    bad.write_text("Just some notes.\n", "utf-8")
    assert main(["parse", str(bad)]) == 2
    assert f"{bad}:1: no findings lists found" in capsys.readouterr().err


def test_parse_of_a_missing_file_exits_2(tmp_path, capsys):
    assert main(["parse", str(tmp_path / "nope.txt")]) == 2
    assert "cannot read file" in capsys.readouterr().err


def test_validate_exits_0_for_the_build_and_1_for_broken_data(built, tmp_path, capsys):
    assert main(["validate", str(built.out_dir / "mgi-graph.nt")]) == 0
    assert "conforms" in capsys.readouterr().out
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        "@prefix mgi: <https://w3id.org/mgi-graph/ontology#> .\n"
        '<https://w3id.org/mgi-graph/id/country/XX> a mgi:Country ; mgi:isoAlpha2 "x" .\n',
        "utf-8",
    )
    assert main(["validate", str(broken)]) == 1
    out = capsys.readouterr().out
    assert "two capital letters" in out and "A country needs a label" in out


def test_the_console_entry_point_flushes_its_output_and_keeps_the_exit_code(capsys):
    """``run()`` ends the process with os._exit (no teardown of the graph): what it wrote
    to a pipe must all arrive, and its exit code must be main()'s."""
    import os
    import subprocess
    import sys

    assert main(["parse", str(KG_EN)]) == 0
    in_process = capsys.readouterr().out
    cmd = [sys.executable, "-c", "from mgi_graph.cli import run; run()"]
    # Buffered, as a pipe is by default (PYTHONUNBUFFERED would hide a missing flush).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    done = subprocess.run([*cmd, "parse", str(KG_EN)], capture_output=True, text=True, env=env)
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout == in_process and len(json.loads(done.stdout)["findings"]) == 34
    missing = subprocess.run(
        [*cmd, "parse", "no-such-file.txt"], capture_output=True, text=True, env=env
    )
    assert missing.returncode == 2 and "no-such-file.txt" in missing.stderr


SHAPES = (
    "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .\n"
    "ex:S sh:targetNode ex:a ;\n"
    '  sh:property [ sh:path ex:q ; sh:minCount 1 ; sh:message "needs q" ] .\n'
)


def _files(tmp_path, data: str, shapes: str = SHAPES) -> tuple[str, str]:
    if data.startswith("nt:"):  # N-Triples, read by rdflib
        d = tmp_path / "data.nt"
        d.write_text(data.removeprefix("nt:"), "utf-8")
    else:
        d = tmp_path / "data.ttl"
        d.write_text("@prefix ex: <http://example.org/> .\n" + data, "utf-8")
    s = tmp_path / "shapes.ttl"
    s.write_text(shapes, "utf-8")
    return str(d), str(s)


def test_validate_with_shapes_of_ones_own_gives_their_verdict(tmp_path, capsys):
    d, s = _files(tmp_path, 'ex:a ex:p "x" .\n')
    assert main(["validate", d, "--shapes", s]) == 1
    out = capsys.readouterr().out
    assert "needs q (q)" in out and "at http://example.org/a" in out
    d, s = _files(tmp_path, 'ex:a ex:q "x" .\n')
    assert main(["validate", d, "--shapes", s]) == 0
    assert capsys.readouterr().out == f"The graph conforms to the shapes of {s}.\n"


@pytest.mark.parametrize(
    ("data", "shapes", "error"),
    [
        ("ex:a ex:p .\n", SHAPES, "data.ttl:2:"),
        (
            'ex:a ex:q "x"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString> .\n',
            SHAPES,
            "data.ttl:2:16: Turtle syntax error: The datatype of a literal without a language tag",
        ),
        (
            'nt:<http://example.org/a> <http://example.org/q> "x"^^'
            "<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString> .\n",
            SHAPES,
            'data.nt: the literal "x"^^rdf:langString has no language tag',
        ),
        (
            "ex:a ex:q 1 .\n",
            SHAPES.replace("sh:minCount 1", 'sh:minCount "x"'),
            "shapes.ttl: the shapes cannot be run: Invalid integer parameter sh:minCount",
        ),
        (
            "ex:a ex:q 1 .\n",
            SHAPES.replace("sh:property [", "sh:or ex:notalist ; sh:property ["),
            "shapes.ttl: the shapes cannot be run: Malformed RDF list",
        ),
    ],
    ids=[
        "syntax",
        "langstring-without-tag",
        "langstring-without-tag-nt",
        "min-count-not-a-number",
        "or-not-a-list",
    ],
)
def test_validate_refuses_bad_input_with_exit_2_naming_the_file(
    tmp_path, capsys, data, shapes, error
):
    d, s = _files(tmp_path, data, shapes)
    assert main(["validate", d, "--shapes", s]) == 2
    captured = capsys.readouterr()
    assert error in captured.err and captured.out == ""
    assert "Traceback" not in captured.err


def test_validate_of_a_missing_file_exits_2(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "none.ttl")]) == 2
    assert "none.ttl: no such file" in capsys.readouterr().err


def test_validate_reports_an_ill_typed_literal_without_a_traceback(tmp_path, capfd):
    shapes = SHAPES.replace("sh:minCount 1 ;", "sh:datatype xsd:dateTime ;").replace(
        "@prefix ex:", "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix ex:"
    )
    d, s = _files(
        tmp_path,
        'ex:a ex:q "2020-13-45T99:00:00"^^<http://www.w3.org/2001/XMLSchema#dateTime> .\n',
        shapes,
    )
    assert main(["validate", d, "--shapes", s]) == 1
    captured = capfd.readouterr()
    assert "needs q (q)" in captured.out and "2020-13-45T99:00:00" in captured.out
    assert "Traceback" not in captured.err


@pytest.mark.parametrize("tty", [True, False])
def test_build_shows_its_stages_on_a_terminal_only(tmp_path, capsys, monkeypatch, tty):
    import sys

    monkeypatch.setattr(sys.stderr, "isatty", lambda: tty)
    assert main(["build", "--out", str(tmp_path / "b")]) == 0
    captured = capsys.readouterr()
    stages = [ln.split("] ", 1)[1] for ln in captured.err.splitlines() if ln.startswith("[")]
    if not tty:
        assert stages == []
        return
    # every stage, in the order the build goes through them, each with its time
    assert stages == [
        "reading the knowledge files",
        "reading and parsing the sources",
        "adding 3 profile documents",  # the shipped corpus: three profile files
        "locating the curated statements, developments and figures in their sources",
        "finding the entries named in 5 documents",
        "comparing editions",
        "serialising the graph",
        "validating with the SHACL shapes, writing the N-Triples and the store",
        "publishing",
    ]
    assert "the graph conforms" in captured.out


@pytest.mark.parametrize(
    "args, says",
    [
        (["build", "--out", "{file}"], "{file}: an output folder is wanted here"),
        (["report", "--out", "{file}"], "{file}: an output folder is wanted here"),
        (["build", "--out", "{file}/x"], "{file}: File exists"),
        (["serve", "--port", "99999"], "99999 is no port"),
    ],
)
def test_a_path_or_port_that_cannot_be_used_exits_2_in_one_line(tmp_path, capsys, args, says):
    file = tmp_path / "a-file"
    file.write_text("kept\n")
    assert main([a.format(file=file) for a in args]) == 2
    err = capsys.readouterr().err
    assert says.format(file=file) in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]  # nothing written
    assert file.read_text() == "kept\n"


def test_an_internal_error_exits_3_in_one_line_and_with_debug_its_traceback(capsys, monkeypatch):
    import mgi_graph.build.pipeline

    def broken(*args, **kwargs):
        raise ZeroDivisionError("made in the test")

    monkeypatch.setattr(mgi_graph.build.pipeline, "build", broken)
    assert main(["build", "--force"]) == 3
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [
        "mgi-graph: internal error: ZeroDivisionError: made in the test (a bug; run again with "
        "--debug for its traceback, and report it)"
    ]
    assert main(["build", "--force", "--debug"]) == 3
    err = capsys.readouterr().err
    assert "Traceback" in err and "ZeroDivisionError: made in the test" in err


def test_sparql_declares_the_projects_prefixes_a_query_uses(built, capsys):
    query = 'SELECT ?c WHERE { ?c a mgi:Country ; mgi:isoAlpha2 "KZ" }'
    assert main(["sparql", query, "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    rows = out["rows"] if isinstance(out, dict) else out
    assert [r["c"] for r in rows] == ["https://w3id.org/mgi-graph/id/country/KZ"]
    # a prefix the query declares itself is its own
    own = "PREFIX mgi: <http://example.org/other#> SELECT ?c WHERE { ?c a mgi:Country }"
    assert main(["sparql", own, "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["rows"] if isinstance(out, dict) else out) == []
    assert main(["sparql", "--prefixes"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert "PREFIX mgid: <https://w3id.org/mgi-graph/id/>" in listed
    assert "PREFIX country: <https://w3id.org/mgi-graph/id/country/>" in listed


@pytest.mark.parametrize(
    "args, says",
    [
        (["sparql", "SELECT * WHERE { ?s foo:x ?o }"], "the query uses the prefix foo:"),
        (["sparql", "no-such-query.rq"], "no-such-query.rq: no such query file"),
        (["sparql"], "sparql needs a query"),
        (
            ["query", "scorecard", "--param", "country=country:KZ", "--param", "country=x:y"],
            "--param country is given twice",
        ),
    ],
)
def test_sparql_and_query_explain_a_bad_request(built, capsys, args, says):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert says in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "param, says",
    [
        (
            "country=country:KX",
            "--param country=mgid:country/KX names nothing in the graph; the graph has: "
            "mgid:country/AM, mgid:country/BY, mgid:country/CN, mgid:country/KG, "
            "mgid:country/KR, mgid:country/KZ, mgid:country/RU, mgid:country/TJ, "
            "mgid:country/TR, mgid:country/UZ",
        ),
        ("domain=domain:9", "the graph has: mgid:domain/1, mgid:domain/2, mgid:domain/3"),
        ("lang=de", "--param lang=de: the graph has no text in that language; it has en, es"),
    ],
)
def test_a_parameter_value_that_names_nothing_is_an_error_naming_what_there_is(
    built, capsys, param, says
):
    args = ["query", "compare-editions", "--param", "country=country:KZ"]
    if param.startswith(("country", "lang")):
        args = ["query", "scorecard"]
    assert main([*args, "--param", param]) == 2
    assert says in capsys.readouterr().err
    # the value as the graph has it gives its rows, and an IRI outside the graph's own
    # namespace (a service endpoint, say) is not checked against the graph
    assert main(["query", "scorecard", "--param", "country=country:KZ"]) == 0
    assert main(["query", "scorecard", "--param", "country=<http://example.org/x>"]) == 0


def test_every_help_text_is_a_whole_sentence():
    import argparse

    from mgi_graph.cli import build_parser

    parser = build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    parsers = {"mgi-graph": parser, **sub.choices}
    texts = []
    for name, p in parsers.items():
        for action in p._actions:
            if action.help in (None, argparse.SUPPRESS) or action is sub:
                continue
            texts.append((name, action.dest, action.help))
        texts.append((name, "(description)", (p.description or "").strip().split("\n\n")[0]))
    assert len(texts) > 60
    for name, dest, text in texts:
        assert text[:1].isupper() and text.rstrip().endswith("."), (name, dest, text)


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <http://example.org/a> <http://example.org/p> 1 }",
        "DELETE WHERE { ?s ?p ?o }",
        "PREFIX ex: <http://example.org/> CLEAR ALL",
    ],
)
def test_a_local_update_says_where_updates_go_and_changes_nothing(update, capsys):
    from mgi_graph.cli import main

    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert main(["sparql", count, "--format", "tsv"]) == 0
    before = capsys.readouterr().out
    assert main(["sparql", update]) == 2
    err = capsys.readouterr().err
    assert "this is a SPARQL Update, and the built graph is read-only" in err
    assert "--endpoint URL --allow-update" in err and "expected CONSTRUCT" not in err
    assert main(["sparql", count, "--format", "tsv"]) == 0
    assert capsys.readouterr().out == before


def test_a_query_with_a_syntax_error_gets_the_parser_message(capsys):
    from mgi_graph.cli import main

    assert main(["sparql", "SELECT ?s WHERE { ?s ?p }"]) == 2
    err = capsys.readouterr().err
    assert "SPARQL syntax error" in err and "Update" not in err


def test_a_syntax_error_shows_where_the_parser_stopped_not_its_character_table(capsys):
    from mgi_graph.cli import main

    # A slash may not stand in a prefixed name: the IRI needs <...> or mgid:finding/...
    assert main(["sparql", "SELECT ?p ?o WHERE { finding:KZ-1/d6/potential/1 ?p ?o }"]) == 2
    err = capsys.readouterr().err
    assert err.strip().endswith('unexpected text: "/d6/potential/1 ?p ?o }"')
    assert "\\u{" not in err and len(err) < 200


def test_a_prefix_after_a_path_slash_is_declared_too(capsys):
    # mgi:hasQuote/oa:hasSource: oa: stands right after the "/" of a property path.
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?f a mgi:Finding ; mgi:hasQuote/oa:hasSource ?s }"
    assert main(["sparql", text, "--format", "tsv"]) == 0
    assert capsys.readouterr().out == "n\n106\n"


def test_graph_without_endpoint_is_refused_even_where_a_kept_answer_exists(capsys):
    assert main(["query", "scorecard", "--graph", "https://w3id.org/mgi-graph/graph"]) == 2
    assert "needs --endpoint" in capsys.readouterr().err
