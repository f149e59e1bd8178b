"""A corpus that never loses a researcher's work: one writer at a time, every change all or
nothing, recoverable after a kill at any point (mgi_graph.core.corpus_lock)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Graph

from mgi_graph.core.corpus_lock import TXN_NAME
from tests.conftest import ROOT, cli

TEMPLATE = ROOT / "tests" / "fixtures" / "languages" / "shared-names-template.txt"
COUNTRIES = [
    "Georgia", "Armenia", "Azerbaijan", "Belarus", "Ukraine", "Albania", "Serbia",
    "Montenegro", "Tunisia", "Morocco", "Egypt", "Jordan",
]  # fmt: skip


def profiles(folder: Path, countries: list[str]) -> list[Path]:
    """One made-up profile per country (the shared-names template)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for country in countries:
        f = folder / f"{country.lower()}.txt"
        f.write_text(TEMPLATE.read_text(encoding="utf-8").replace("{country}", country), "utf-8")
        out.append(f)
    return out


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "mgi_graph", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def holds(home: Path) -> tuple[set[str], set[str]]:
    """The added documents' keys, and the keys of the documents the proposals cite."""
    docs = {p.stem for p in (home / "data" / "catalogue").glob("*.ttl")}
    g = Graph().parse(home / "curation" / "proposed.ttl")
    cited = {
        str(o).rsplit("/", 1)[1]
        for o in g.objects(None, g.namespace_manager.expand_curie("mgi:inSource"))
    }
    return docs, cited


@pytest.mark.slow
def test_concurrent_adds_reviews_and_builds_lose_nothing(corpus, tmp_path):
    """Four adds at once, each of three profiles, with a build running beside them: every
    document is added, every document's proposals are there, the corpus builds. Then twelve
    reviews at once: every decision is kept."""
    files = profiles(tmp_path / "in", COUNTRIES)
    procs = [run("add", "--home", str(corpus), *map(str, files[i::4])) for i in range(4)]
    procs.append(run("build", "--home", str(corpus)))
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err.decode()
    docs, cited = holds(corpus)
    assert len(docs) == 12 and docs <= cited
    assert cli("build", "--home", str(corpus)) == 0
    g = Graph().parse(corpus / "curation" / "proposed.ttl")
    keys = sorted(
        str(s).split("/id/", 1)[1]
        for s in g.subjects(g.namespace_manager.expand_curie("mgi:reviewStatus"), None)
    )[:12]
    procs = [run("review", "accept", key, "--home", str(corpus)) for key in keys]
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err.decode()
    accepted = Graph().parse(corpus / "curation" / "proposed.ttl")
    status = {
        str(s).split("/id/", 1)[1]: str(o).rsplit("/", 1)[1]
        for s, o in accepted.subject_objects(
            accepted.namespace_manager.expand_curie("mgi:reviewStatus")
        )
    }
    assert all(status[k] == "accepted" for k in keys)


# A run of `mgi-graph add` that kills itself at the N-th write to disk (an fsync of a staged
# file, the replace of a file into place), as a power cut or a kill -9 would stop it.
KILLER = """
import os, signal, sys
n = int(sys.argv[1]); seen = [0]
def counted(f):
    def g(*a, **k):
        seen[0] += 1
        if seen[0] == n:
            os.kill(os.getpid(), signal.SIGKILL)
        return f(*a, **k)
    return g
os.fsync = counted(os.fsync); os.replace = counted(os.replace)
from mgi_graph.cli import main
sys.exit(main(sys.argv[2:]))
"""


def test_a_kill_at_any_write_leaves_the_document_wholly_there_or_gone(corpus, tmp_path):
    """``add`` killed at each of its writes in turn: the next command finishes or undoes the
    change, the document is wholly there (record, text, evidence) or wholly gone, and the
    corpus builds."""
    (first, second) = profiles(tmp_path / "in", ["Georgia", "Armenia"])
    assert cli("add", "--home", str(corpus), str(first)) == 0
    base = tmp_path / "base"
    shutil.copytree(corpus, base)
    outcomes = []
    for n in range(1, 40):
        home = tmp_path / f"kill-{n}"
        shutil.copytree(base, home)
        p = subprocess.run(
            [sys.executable, "-c", KILLER, str(n), "add", "--home", str(home), str(second)],
            cwd=ROOT,
            capture_output=True,
        )
        if p.returncode == 0:  # fewer writes than n: the add ran whole
            break
        assert p.returncode == -9, p.stderr.decode()
        assert cli("build", "--home", str(home)) == 0  # recovers, then builds
        assert not (home / TXN_NAME).exists()
        docs, cited = holds(home)
        added = {d for d in docs if "-am-" in d}
        if added:
            (key,) = added
            assert (home / "data" / "sources" / f"{key}.txt").is_file() and key in cited
        else:
            assert not [p for p in (home / "data" / "sources").glob("*-am-*")]
            assert not {c for c in cited if "-am-" in c}
        outcomes.append(bool(added))
        shutil.rmtree(home)
    # killed before the commit (gone) and after it (there), at every write in between
    assert len(outcomes) >= 6 and outcomes[0] is False and outcomes[-1] is True
    assert outcomes == sorted(outcomes)


@pytest.mark.slow
def test_rounds_of_concurrent_adds_reviews_and_kills_lose_nothing(corpus, tmp_path):
    """Round after round (``MGI_STRESS_ROUNDS``, 10 by default; 100 were run for the notes),
    at once: an add, an add killed at a random moment, a review accept and a build. Every add
    that ended is there with its proposals, every decision is kept, every build conforms, a
    killed add is wholly there or wholly gone, and the corpus builds at the end."""
    import random

    import pycountry

    rounds = int(os.environ.get("MGI_STRESS_ROUNDS", "10"))
    codes = sorted(c.alpha_2 for c in pycountry.countries if c.alpha_2 not in ("KZ", "KG"))
    rng = random.Random(42)
    rng.shuffle(codes)
    files = profiles(tmp_path / "in", codes[: 2 * rounds])
    decided: set[str] = set()
    kept: set[str] = set()
    for n in range(rounds):
        added, killed = files[2 * n], files[2 * n + 1]
        pending = _undecided(corpus, decided)
        procs = [run("add", "--home", str(corpus), str(added))]
        victim = run("add", "--home", str(corpus), str(killed))
        if pending:
            procs.append(run("review", "accept", pending, "--home", str(corpus)))
        procs.append(run("build", "--home", str(corpus)))
        time.sleep(rng.uniform(0.2, 2.5))
        victim.kill()
        victim.wait()
        for p in procs:
            _, err = p.communicate(timeout=600)
            assert p.returncode == 0, err.decode()
        kept.add(added.stem)
        if pending:
            decided.add(pending)
    docs, cited = _after_recovery(corpus)
    for code in kept:
        assert any(f"-{code}-" in d for d in docs), code
    assert docs <= cited  # every document's proposals are there
    status = _statuses(corpus)
    assert all(status[k] == "accepted" for k in decided)
    assert cli("build", "--home", str(corpus)) == 0


def _after_recovery(home: Path) -> tuple[set[str], set[str]]:
    """The corpus's documents and cited documents, once a command has recovered it."""
    assert cli("check", "--home", str(home)) == 0
    return holds(home)


def _statuses(home: Path) -> dict[str, str]:
    g = Graph().parse(home / "curation" / "proposed.ttl")
    return {
        str(s).split("/id/", 1)[1]: str(o).rsplit("/", 1)[1]
        for s, o in g.subject_objects(g.namespace_manager.expand_curie("mgi:reviewStatus"))
    }


def _undecided(home: Path, decided: set[str]) -> str | None:
    """A proposal still to be decided, if any."""
    return next(
        (k for k, v in sorted(_statuses(home).items()) if v == "proposed" and k not in decided),
        None,
    )


def test_remove_takes_a_document_and_its_evidence_out(corpus, tmp_path, capsys):
    (first, second) = profiles(tmp_path / "in", ["Georgia", "Armenia"])
    assert cli("add", "--home", str(corpus), str(first), str(second)) == 0
    docs, _ = holds(corpus)
    (georgia,) = [d for d in docs if "-ge-" in d]
    capsys.readouterr()
    assert cli("remove", "--home", str(corpus), georgia) == 0
    assert "removed" in capsys.readouterr().out
    docs, cited = holds(corpus)
    assert georgia not in docs and georgia not in cited and len(docs) == 1
    assert not list((corpus / "data" / "sources").glob(f"{georgia}.*"))
    assert cli("remove", "--home", str(corpus), georgia) == 2
    assert cli("build", "--home", str(corpus)) == 0


def test_a_second_writer_waits_then_gives_up_clearly(corpus, tmp_path, capsys):
    import fcntl

    (first,) = profiles(tmp_path / "in", ["Georgia"])
    with open(corpus / ".mgi-graph.lock", "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        os.environ["MGI_GRAPH_LOCK_WAIT"] = "0.3"
        try:
            assert cli("add", "--home", str(corpus), str(first)) == 2
        finally:
            del os.environ["MGI_GRAPH_LOCK_WAIT"]
    err = capsys.readouterr().err
    assert "waiting for it" in err and "nothing was changed" in err
    assert not list((corpus / "data" / "catalogue").glob("*.ttl"))
    assert cli("add", "--home", str(corpus), str(first)) == 0


def test_check_says_whether_the_corpus_builds_and_what_to_do(corpus, tmp_path, capsys):
    assert cli("check", "--home", str(corpus)) == 0
    assert "builds" in capsys.readouterr().out
    assert not (corpus / "build").exists()  # checked in a folder of its own
    (first,) = profiles(tmp_path / "in", ["Georgia"])
    assert cli("add", "--home", str(corpus), str(first)) == 0
    f = corpus / "curation" / "proposed.ttl"
    f.write_text(f.read_text("utf-8").replace("mgi:Ministry ;", "mgi:Minstry ;", 1), "utf-8")
    capsys.readouterr()
    assert cli("check", "--home", str(corpus)) == 2
    err = capsys.readouterr().err
    assert "does not build" in err and "proposed.ttl" in err and "what to do" in err


def test_readers_share_the_lock_and_a_writer_waits_for_them(corpus):
    """Two builds read side by side; a writer waits for both."""
    import fcntl

    from mgi_graph.core.corpus_lock import corpus_lock

    with (
        corpus_lock(corpus, shared=True),
        corpus_lock(corpus, shared=True),
        open(corpus / ".mgi-graph.lock", "a+b") as fh,
        pytest.raises(BlockingIOError),
    ):
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    with open(corpus / ".mgi-graph.lock", "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)  # free again
