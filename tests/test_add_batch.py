"""Adding a batch of files reads the corpus once, keeps what it read up to date file by file
and writes once: it must leave exactly the corpus that adding the files one at a time
leaves (the proposals file byte for byte). A no-change ``build`` is not run again.

The documents are the test profiles written for this project (Moldova, two editions; Kumasi,
a local profile).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import cli
from tests.test_own_corpus import FIXTURE, tree

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"
SECOND = FIXTURES / "mgi-profile-moldova-test-2.txt"
KUMASI = FIXTURES / "mgi-local-profile-kumasi-test.txt"

pytestmark = pytest.mark.slow


def copy_of(corpus: Path, tmp_path: Path, name: str) -> Path:
    other = tmp_path / name
    shutil.copytree(corpus, other)
    return other


def test_a_batch_leaves_the_corpus_one_file_at_a_time_leaves(corpus, tmp_path):
    batch = copy_of(corpus, tmp_path, "batch")
    for f in (FIXTURE, SECOND, KUMASI):
        assert cli("add", "--home", str(corpus), str(f)) == 0
    assert cli("add", "--home", str(batch), str(FIXTURE), str(SECOND), str(KUMASI)) == 0
    one_by_one = tree(corpus)
    assert tree(batch) == one_by_one
    proposed = (batch / "curation" / "proposed.ttl").read_text("utf-8")
    # The second edition names bodies the first proposed: no proposal is made twice
    assert proposed.count("md-bureau-for-migration-and-asylum ") <= 1
    assert "gh-" in proposed  # Kumasi's own bodies, under Ghana


def test_a_bad_file_in_a_batch_keeps_the_files_before_it_and_adds_none_after(
    corpus, tmp_path, capsys
):
    expected = copy_of(corpus, tmp_path, "expected")
    assert cli("add", "--home", str(expected), str(FIXTURE)) == 0
    bad = tmp_path / "bad.txt"
    bad.write_text("A note on migration in Moldova.\nIt has no findings lists.\n", "utf-8")
    assert cli("add", "--home", str(corpus), str(FIXTURE), str(bad), str(SECOND)) == 2
    assert str(bad) in capsys.readouterr().err
    assert tree(corpus) == tree(expected)
    assert not (corpus / ".mgi-graph-txn").exists()


def test_a_file_replaced_within_the_batch_that_added_it(corpus, tmp_path):
    """A document added and replaced in one batch: its first version's files and proposals
    are gone, as if it had been added and replaced in two runs."""
    changed_dir = tmp_path / "changed"
    changed_dir.mkdir()
    changed = changed_dir / FIXTURE.name
    changed.write_text(
        FIXTURE.read_text("utf-8").replace("before they hold", "until they hold"), "utf-8"
    )
    two_runs = copy_of(corpus, tmp_path, "two-runs")
    assert cli("add", "--home", str(two_runs), str(FIXTURE)) == 0
    assert cli("add", "--home", str(two_runs), "--replace", str(changed)) == 0
    assert cli("add", "--home", str(corpus), "--replace", str(FIXTURE), str(changed)) == 0
    assert tree(corpus) == tree(two_runs)
    text = (corpus / "data" / "sources" / "mgi-profile-md-2019-1-en.txt").read_text("utf-8")
    assert "until they hold" in text


def test_a_build_with_nothing_changed_is_not_run_again(corpus, capsys):
    assert cli("add", "--home", str(corpus), str(FIXTURE)) == 0
    capsys.readouterr()
    assert cli("build", "--home", str(corpus)) == 0
    first = capsys.readouterr().out
    assert first.startswith("built ")
    outputs = {p: p.stat().st_mtime_ns for p in (corpus / "build").glob("*") if p.is_file()}
    assert cli("build", "--home", str(corpus)) == 0
    again = capsys.readouterr().out
    assert again.startswith("up to date (no input changed since it was built; --force")
    assert again.split(": ", 1)[1] == first.split(" ", 1)[1]  # the same counts
    assert {p: p.stat().st_mtime_ns for p in outputs} == outputs
    assert cli("build", "--home", str(corpus), "--force") == 0
    assert capsys.readouterr().out.startswith("built ")
    assert cli("add", "--home", str(corpus), str(SECOND)) == 0
    capsys.readouterr()
    assert cli("build", "--home", str(corpus)) == 0
    assert capsys.readouterr().out.startswith("built ")


def test_turtle_and_json_ld_are_written_when_asked_for(corpus, capsys):
    """The researcher's loop writes the store and the N-Triples; Turtle and JSON-LD come
    with --formats (and a later build without it takes them away, as stale)."""
    assert cli("build", "--home", str(corpus)) == 0
    out = corpus / "build"
    names = {p.name for p in out.iterdir()}
    assert {"mgi-graph.nt", "store", "void.ttl", "summary.json"} <= names
    assert not names & {"mgi-graph.ttl", "mgi-graph.jsonld", "context.jsonld"}
    void = (out / "void.ttl").read_text("utf-8")
    assert "distribution/mgi-graph.nt" in void and "distribution/mgi-graph.ttl" not in void
    capsys.readouterr()
    assert cli("build", "--home", str(corpus), "--formats", "turtle") == 0
    assert capsys.readouterr().out.startswith("built ")  # up to date, but without Turtle
    assert (out / "mgi-graph.ttl").is_file() and not (out / "mgi-graph.jsonld").exists()
    assert "distribution/mgi-graph.ttl" in (out / "void.ttl").read_text("utf-8")
    assert cli("build", "--home", str(corpus), "--formats", "turtle") == 0
    assert capsys.readouterr().out.startswith("up to date")
    assert cli("build", "--home", str(corpus), "--formats", "all", "--force") == 0
    assert (out / "mgi-graph.jsonld").is_file() and (out / "context.jsonld").is_file()
    assert cli("build", "--home", str(corpus), "--force") == 0
    assert not (out / "mgi-graph.ttl").exists()
    assert cli("build", "--home", str(corpus), "--formats", "rdfxml") == 2
