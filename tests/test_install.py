"""A non-editable install works from any folder: the wheel carries the ontology, shapes,
queries and the shipped corpus as package data, and builds into the user's data folder.

The wheel is built from this checkout without network (no build isolation: the test extra
installs setuptools) and installed into a folder of its own, which comes first on the path.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.test_build import ROOT

pytestmark = pytest.mark.slow

#: What a source distribution holds (see MANIFEST.in).
SOURCE_TREE = (
    "pyproject.toml",
    "setup.py",
    "MANIFEST.in",
    "README.md",
    "LICENSE",
    "mgi_graph",
    "ontology",
    "queries",
    "data",
)


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def _files(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(the folder the wheel is installed into, the environment that uses it, a work folder)."""
    tmp = tmp_path_factory.mktemp("install")
    wheels, target, work, tree = tmp / "wheels", tmp / "site", tmp / "work", tmp / "tree"
    work.mkdir()
    # A copy of the source tree, so no scratch folder of an earlier build can count.
    for name in SOURCE_TREE:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, tree / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            tree.mkdir(exist_ok=True)
            shutil.copy2(src, tree / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    r = _run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(tree)],
        tree,
        dict(os.environ),
    )
    assert r.returncode == 0, r.stderr
    (wheel,) = wheels.glob("*.whl")
    r = _run(
        [*pip, "install", "--no-deps", "--target", str(target), str(wheel)], tmp, dict(os.environ)
    )
    assert r.returncode == 0, r.stderr
    env = {
        **os.environ,
        "PYTHONPATH": str(target),
        "XDG_DATA_HOME": str(tmp / "xdg"),
        "HOME": str(tmp / "home"),
    }
    env.pop("MGI_GRAPH_HOME", None)
    return target, env, work, wheel


def test_the_wheel_holds_the_knowledge_and_the_shipped_corpus(installed):
    *_, wheel = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in (
        "ontology/mgi.ttl",
        "ontology/shapes.ttl",
        "queries/scorecard.rq",
        "data/catalogue.ttl",
        "data/registry.ttl",
        "data/profile-layout.toml",
    ):
        assert f"mgi_graph/share/{name}" in names
    code = [
        p.relative_to(ROOT).as_posix()
        for p in sorted((ROOT / "mgi_graph").rglob("*"))
        if p.is_file() and p.suffix in (".py", ".html") and "share" not in p.parts
    ]
    assert len(code) > 60  # every module of every stage, and the report's templates
    assert [n for n in code if n not in names] == []
    sources = [n for n in names if n.startswith("mgi_graph/share/data/sources/")]
    assert len(sources) == len([p for p in (ROOT / "data" / "sources").rglob("*") if p.is_file()])


def test_installed_package_builds_and_answers_from_another_folder(installed, built):
    target, env, work, _ = installed
    mgi = [sys.executable, "-m", "mgi_graph"]
    # The installed copy is the one running, not this checkout.
    r = _run([sys.executable, "-c", "import mgi_graph; print(mgi_graph.__file__)"], work, env)
    assert r.stdout.strip() == str(target / "mgi_graph" / "__init__.py")
    before = _files(target)

    r = _run([*mgi, "build", "--formats", "all"], work, env)
    assert r.returncode == 0, r.stderr
    out = Path(env["XDG_DATA_HOME"]) / "mgi-graph" / "build"
    assert (out / "manifest.json").is_file()
    # The same inputs give the same graph as the source checkout's build.
    for name in ("mgi-graph.nt", "mgi-graph.ttl", "summary.json"):
        assert (out / name).read_bytes() == (built.out_dir / name).read_bytes(), name

    r = _run([*mgi, "queries"], work, env)
    assert r.returncode == 0 and "scorecard" in r.stdout and "bodies-by-domain" in r.stdout
    r = _run([*mgi, "query", "scorecard", "--format", "tsv"], work, env)
    assert r.returncode == 0, r.stderr
    here = subprocess.run(
        [*mgi, "query", "scorecard", "--format", "tsv"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": ""},
    )
    assert r.stdout == here.stdout and r.stdout.count("\n") == 13

    # Nothing was written into the installed package, nor into the work folder.
    assert _files(target) == before
    assert list(work.iterdir()) == []


def test_the_installed_shipped_corpus_is_not_changed_but_a_corpus_of_ones_own_is(installed):
    target, env, work, _ = installed
    mgi = [sys.executable, "-m", "mgi_graph"]
    news = ROOT / "tests" / "fixtures" / "corpus" / "news-moldova-employment-test.txt"
    before = _files(target)
    r = _run(
        [*mgi, "add", str(news), "--kind", "news", "--country", "MD", "--date", "2021-03"],
        work,
        env,
    )
    assert r.returncode == 2
    assert "mgi-graph init DIR" in r.stderr and "--home" in r.stderr
    assert _files(target) == before

    r = _run([*mgi, "init", str(work / "corpus")], work, env)
    assert r.returncode == 0, r.stderr
    assert (work / "corpus" / "data" / "catalogue.ttl").is_file()
    # The package's ontology is used from the package, not copied.
    assert not (work / "corpus" / "ontology").exists()
    r = _run([*mgi, "--home", str(work / "corpus"), "queries"], work, env)
    assert r.returncode == 0 and "scorecard" in r.stdout
