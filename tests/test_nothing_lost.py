"""Point 3 of the robustness work: nothing is lost.

A build killed at random points leaves ``build/`` as the old complete set of outputs or the
new one (every file listed in the manifest, with its digest, and nothing else of the build's),
and what else lives in ``build/`` (the report's ``site/``) survives; two builds at once both
succeed and leave one complete set.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from mgi_graph.build.pipeline import OUTPUTS
from mgi_graph.core.atomic_folder import locked, publish, recover, staging_for
from mgi_graph.store.disk_store import STORE_DIR, open_read_only, store_for
from tests.conftest import ROOT
from tests.test_build import copy_project

pytestmark = pytest.mark.slow

KILLS = int(os.environ.get("MGI_KILL_POINTS", "100"))


def state(out: Path) -> str:
    """The manifest's digest if ``out`` holds one complete, consistent set; else fail."""
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    names = {
        p.name
        for p in out.iterdir()
        if p.is_file() and (p.name in OUTPUTS or p.suffix in (".ttl", ".nt"))
    }
    assert names == set(manifest["files"]) | {"manifest.json"}, sorted(names)
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest, name
    # The persistent store is the one loaded from this set's N-Triples, whole.
    assert store_for(out / "mgi-graph.nt") == out / STORE_DIR
    assert len(open_read_only(out / STORE_DIR)) == manifest["store"]["triples"]
    return hashlib.sha256((out / "manifest.json").read_bytes()).hexdigest()


def exactly_one_set(out: Path) -> None:
    """``out`` holds the files of one build and the report's site, nothing else; beside it,
    nothing but its lock file."""
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert sorted(os.listdir(out)) == sorted(
        {*manifest["files"], "manifest.json", STORE_DIR, "site"}
    )
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}")] == [
        f".{out.name}.lock"
    ]


def start_build(home: Path, out: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MGI_GRAPH_HOME": str(home)}
    return subprocess.Popen(
        [sys.executable, "-m", "mgi_graph", "build", "--out", str(out)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


ORIGINAL = '"Ministry of Interior"@en'
CHANGED = '"Ministry of Interior"@en , "Interior Ministry"@en'


def set_variant(home: Path, changed: bool) -> None:
    registry = home / "data" / "registry.ttl"
    text = registry.read_text("utf-8").replace(CHANGED, ORIGINAL)
    registry.write_text(text.replace(ORIGINAL, CHANGED) if changed else text, "utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A project whose registry has two variants, each built once: (home, build folder,
    manifest digest of each variant)."""
    tmp = tmp_path_factory.mktemp("lost")
    home = copy_project(tmp)
    digests = {}
    took = []
    for changed in (True, False):
        set_variant(home, changed)
        probe = tmp / f"probe-{changed}"
        start = time.perf_counter()
        assert start_build(home, probe).wait(timeout=300) == 0
        took.append(time.perf_counter() - start)
        digests[changed] = state(probe)
    assert digests[True] != digests[False]
    out = tmp / "build"
    assert start_build(home, out).wait(timeout=300) == 0  # the original variant
    (out / "site").mkdir()
    (out / "site" / "index.html").write_text("the report", "utf-8")
    return home, out, digests, max(took)


def test_a_build_killed_at_random_points_leaves_a_whole_set(project):
    """``MGI_KILL_POINTS`` builds (default 100), each killed at a random moment of a build's
    run: ``build/`` holds a whole set after each, and exactly one set's files at the end."""
    home, out, digests, took = project
    rng = random.Random(20261123)
    seen = []
    for _ in range(KILLS):
        before = state(out)
        current = next(k for k, v in digests.items() if v == before)
        set_variant(home, not current)  # every build changes every output
        proc = start_build(home, out)
        time.sleep(rng.uniform(0.05, took * 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        after = state(out)
        assert after in (before, digests[not current])
        assert not [n for n in os.listdir(out) if n.startswith(".")]  # no temporary file
        seen.append("old" if after == before else "new")
    print(f"\nkill points tried: {KILLS}; build/ afterwards: {dict(Counter(seen))}")
    # an undisturbed build still completes, and cleans up what the killed ones left
    set_variant(home, False)
    assert start_build(home, out).wait(timeout=300) == 0
    assert state(out) == digests[False]
    exactly_one_set(out)
    assert (out / "site" / "index.html").read_text("utf-8") == "the report"


def test_a_kill_between_carrying_and_exchanging_loses_nothing(tmp_path, monkeypatch):
    """The one step that is not a single system call, made to fail on purpose."""
    out = tmp_path / "build"
    with locked(out), staging_for(out) as s:
        (s / "graph.nt").write_text("old", "utf-8")
        publish(s, out, {"graph.nt"})
    (out / "site").mkdir()
    (out / "site" / "index.html").write_text("the report", "utf-8")

    import mgi_graph.core.atomic_folder as pub

    def dies(a: Path, b: Path) -> bool:
        raise KeyboardInterrupt  # the process dies here: after carrying site/ over

    monkeypatch.setattr(pub, "exchange", dies)
    staging = Path(pub.tempfile.mkdtemp(prefix=".build-staging-", dir=tmp_path))
    (staging / "graph.nt").write_text("new", "utf-8")
    with pytest.raises(KeyboardInterrupt):
        publish(staging, out, {"graph.nt"})
    assert (out / "graph.nt").read_text("utf-8") == "old"  # the old set, whole
    assert not (out / "site").exists()  # carried into the staging folder…
    monkeypatch.undo()
    recover(out, {"graph.nt"})  # …and put back by the next publication
    assert (out / "site" / "index.html").read_text("utf-8") == "the report"
    assert not list(tmp_path.glob(".build-staging-*"))


def test_two_builds_at_once(project, tmp_path):
    home, _out, digests, _took = project
    set_variant(home, False)
    out = tmp_path / "build"
    a, b = start_build(home, out), start_build(home, out)
    assert a.wait(timeout=300) == 0 and b.wait(timeout=300) == 0
    assert state(out) == digests[False]
    assert not list(tmp_path.glob(".build-staging-*"))
