"""The command line: help, version, exit codes, parse output."""

from __future__ import annotations

import json

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
