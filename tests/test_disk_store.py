"""The persistent store the build writes, and its readers: they open it read-only and get the
answers a fresh load of the N-Triples gives."""

from __future__ import annotations

import json
import os
import shutil

import pyoxigraph as ox
import pytest

from mgi_graph.query.engines import LocalStore
from mgi_graph.query.stored_queries import load_queries
from mgi_graph.store.disk_store import STORE_DIR, open_read_only, store_for
from mgi_graph.store.stamp import STAMP
from tests.conftest import example_params


def test_the_build_publishes_a_store_with_every_triple(built):
    out = built.out_dir
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest["store"] == {
        "folder": STORE_DIR,
        "loaded_from": "mgi-graph.nt",
        "triples": len(built.graph),
    }
    assert len(open_read_only(out / STORE_DIR)) == len(built.graph)
    # The store is not among the files whose bytes the manifest vouches for.
    assert STORE_DIR not in manifest["files"]


def test_every_catalogue_query_gives_the_same_rows_from_the_store_as_from_memory(built, tmp_path):
    nt = built.out_dir / "mgi-graph.nt"
    on_disk = LocalStore(nt)
    assert on_disk.on_disk == built.out_dir / STORE_DIR
    alone = tmp_path / "mgi-graph.nt"  # the same file, with no store beside it
    shutil.copy2(nt, alone)
    in_memory = LocalStore(alone)
    assert in_memory.on_disk is None
    n = 0
    for q in load_queries().values():
        if any(p.name == "service" for p in q.params):
            continue  # a federated query (its SERVICE is tested with its own server)
        bindings = q.bind(example_params(q, ""))
        rows = on_disk.run(q.text, bindings).rows
        assert rows == in_memory.run(q.text, bindings).rows, q.name
        n += bool(rows)
    assert n >= 15  # most of them have answers on the shipped graph


def test_a_store_is_not_used_once_its_file_has_changed(built, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(built.out_dir, out)
    nt = out / "mgi-graph.nt"
    assert store_for(nt) == out / STORE_DIR
    # The same bytes, written again: the time differs, so the store may not be that file.
    stat = nt.stat()
    os.utime(nt, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert store_for(nt) is None
    # A file cut short, say by hand: its own triples are answered, not the store's.
    lines = nt.read_text("utf-8").splitlines(keepends=True)
    nt.write_text("".join(lines[:10]), encoding="utf-8")
    assert store_for(nt) is None
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert LocalStore(nt).run(count).rows == (("10",),)
    # No stamp (a store made otherwise), no store.
    (out / STAMP).unlink()
    assert store_for(nt) is None


def test_readers_cannot_write_the_store(built):
    store = open_read_only(built.out_dir / STORE_DIR)
    quad = ox.Quad(
        ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/p"), ox.Literal("x")
    )
    with pytest.raises(RuntimeError, match="read-write"):
        store.add(quad)
    assert quad not in store


def test_two_readers_at_once(built):
    a = open_read_only(built.out_dir / STORE_DIR)
    b = open_read_only(built.out_dir / STORE_DIR)
    assert len(a) == len(b) == len(built.graph)


def counting_hashes(monkeypatch) -> list[str]:
    """The names of the files the build's manifest hashes from now on, in order."""
    import mgi_graph.build.manifest as manifest

    hashed: list[str] = []
    real = manifest.sha256_file

    def counting(path):
        hashed.append(path.name)
        return real(path)

    monkeypatch.setattr(manifest, "sha256_file", counting)
    return hashed


def test_up_to_date_reads_the_stamp_not_the_files_and_still_sees_a_changed_one(
    built, tmp_path, monkeypatch
):
    import mgi_graph.build.manifest as manifest

    out = tmp_path / "out"
    shutil.copytree(built.out_dir, out)  # copy2 keeps sizes and times
    hashed = counting_hashes(monkeypatch)
    assert manifest.is_up_to_date(out)
    assert not [n for n in hashed if n.startswith("mgi-graph")]  # no output was read
    # An output changed since the build (another size): its digest is checked, and fails.
    nt = out / "mgi-graph.nt"
    nt.write_bytes(nt.read_bytes() + b'<http://example.org/a> <http://example.org/p> "x" .\n')
    assert not manifest.is_up_to_date(out)
    assert "mgi-graph.nt" in hashed
    # The same bytes written again (a new time only): read, and found the same.
    shutil.copy(built.out_dir / "mgi-graph.nt", nt)
    hashed.clear()
    assert manifest.is_up_to_date(out)
    assert "mgi-graph.nt" in hashed


def test_the_build_keeps_each_default_answer_and_it_is_the_live_answer(built, tmp_path):
    from mgi_graph.build.answers import cached_answer, default_answers

    nt = built.out_dir / "mgi-graph.nt"
    alone = tmp_path / "mgi-graph.nt"
    shutil.copy2(nt, alone)
    live = LocalStore(alone)  # in memory: another engine path than the store's
    answers = default_answers()
    assert len(answers) >= 10 and "bodies-by-domain" in answers and "describe" not in answers
    for name, text in answers.items():
        kept = cached_answer(nt, name, text)
        assert kept is not None, name
        table = live.run(text)
        assert kept == (table.columns, table.rows), name
    # Another text (a query edited since) is not answered from the kept table.
    assert cached_answer(nt, "scorecard", answers["scorecard"] + "\n# edited") is None


def test_query_without_parameters_reads_the_kept_answer(built, monkeypatch, capsys):
    import mgi_graph.query.engines as engines
    from mgi_graph.cli import main

    assert main(["query", "scorecard", "--format", "tsv"]) == 0
    expected = capsys.readouterr().out

    def no_store(*args, **kwargs):
        raise AssertionError("the graph was opened")

    monkeypatch.setattr(engines, "runner_for", no_store)
    assert main(["query", "scorecard", "--format", "tsv"]) == 0
    assert capsys.readouterr().out == expected and expected.count("\n") == 13
    # With a parameter, the graph is asked (here: the stand-in fails, an internal error).
    assert main(["query", "scorecard", "--param", "country=country:KZ"]) == 3
    assert "the graph was opened" in capsys.readouterr().err


def test_up_to_date_trusts_the_inputs_stamp_and_still_sees_a_changed_input(corpus, monkeypatch):
    """The build stamps its inputs' sizes and times: a query hashes no input while they are
    so, and one changed since (another size, or only another time) is hashed and compared."""
    import os

    import mgi_graph.build.manifest as manifest
    from mgi_graph.core.paths import use_home
    from tests.conftest import cli

    assert cli("build", "--home", str(corpus)) == 0
    use_home(corpus)
    try:
        out = corpus / "build"
        hashed = counting_hashes(monkeypatch)
        assert manifest.is_up_to_date(out)
        assert hashed == []  # neither an input nor an output was read
        registry = corpus / "data" / "registry.ttl"
        before = registry.read_bytes()
        registry.write_bytes(before + b"\n# a comment: another input, another build\n")
        assert not manifest.is_up_to_date(out)
        assert "registry.ttl" in hashed
        # The same bytes again, with a new time: hashed, and found the same.
        registry.write_bytes(before)
        st = registry.stat()
        os.utime(registry, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
        hashed.clear()
        assert manifest.is_up_to_date(out)
        assert "registry.ttl" in hashed
    finally:
        use_home(None)
