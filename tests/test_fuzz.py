"""Point 1 of the robustness work: the profile parser, the source catalogue and the registry
loader under property-based fuzzing (hypothesis).

Every input either loads, or fails with the project's own :class:`InputError` naming the file,
a line inside it, and a reason: never another exception, never a hang (each example has a
deadline), and never a silently dropped finding: when a mutated profile parses, every
non-blank line from its first findings list on is part of a finding or one of the page's
structural lines (headings, list headers, markers, title, date) as read from the real page.

``MGI_FUZZ_EXAMPLES`` sets the number of examples per target (default 150); the counts tried
are printed at the end of the module (pytest -s) and asserted.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mgi_graph.core.errors import InputError
from mgi_graph.core.paths import CATALOGUE_FILE, REGISTRY_FILE, SOURCES_DIR
from mgi_graph.core.rdffiles import load_turtle
from mgi_graph.curate.registry import Registry
from mgi_graph.ingest.layout import POTENTIAL, WELL_DEVELOPED, load_layout, plain_words
from mgi_graph.ingest.profile_parser import parse_profile
from mgi_graph.ingest.sources import load_catalogue
from mgi_graph.ingest.sourcetext import SourceText

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("MGI_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=3000,  # milliseconds per input: a hang fails the test
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=True,
)
#: The shipped profiles and the made-up one of the own-corpus tests.
PROFILES = [
    *sorted(SOURCES_DIR.glob("mgi-profile-*.txt")),
    Path(__file__).parent / "fixtures" / "corpus" / "mgi-profile-moldova-test.txt",
]
TRIED: Counter[str] = Counter()

# Lines a mutation may insert: bits of real pages (bullets, headers, headings) and noise.
PIECES = st.sampled_from(
    [
        "• A new finding inserted by the fuzzer.",
        "- another bullet",
        "Migration Governance: examples of well-developed areas",
        "Areas with potential for further development",
        "Migrants' rights",
        "Domain 7: Something else",
        "Key findings",
        "",
        "   ",
        "\t• tabbed bullet",
        "“Quoted” line.",
        "2018 May",
    ]
)
LINE = st.one_of(PIECES, st.text(max_size=80).map(lambda s: s.replace("\n", " ")))


@st.composite
def mutated(draw: st.DrawFn, lines: list[str]) -> list[str]:
    """``lines`` after one to four random edits."""
    out = list(lines)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete", "duplicate", "insert", "swap", "truncate", "edit"]))
        i = draw(st.integers(0, max(len(out) - 1, 0)))
        if op == "delete" and out:
            del out[i]
        elif op == "duplicate" and out:
            out.insert(i, out[i])
        elif op == "insert":
            out.insert(i, draw(LINE))
        elif op == "swap" and len(out) > 1:
            j = draw(st.integers(0, len(out) - 1))
            out[i], out[j] = out[j], out[i]
        elif op == "truncate":
            out = out[:i]
        elif op == "edit" and out:
            text = out[i]
            k = draw(st.integers(0, len(text)))
            out[i] = text[:k] + draw(st.text(max_size=5)) + text[k:]
    return out


def structural_lines(path: Path) -> set[str]:
    """The non-blank lines of a real page that are not inside a finding."""
    source = SourceText.read(path)
    record = parse_profile(source)
    inside = set()
    for f in record.findings:
        first = source.line_of(f.span.start)
        last = source.line_of(max(f.span.end - 1, f.span.start))
        inside.update(range(first, last + 1))
    return {squeeze(ln.text) for ln in source.lines if ln.text.strip() and ln.number not in inside}


def squeeze(text: str) -> str:
    """A line with its runs of white space (a stray CR, tabs) made one space."""
    return " ".join(text.split())


#: Inserted pieces that are structure, not findings: list headers, a heading, a marker, a date.
STRUCTURAL_PIECES = {
    "Migration Governance: examples of well-developed areas",
    "Areas with potential for further development",
    "Migrants' rights",
    "Key findings",
    "2018 May",
}


STRUCTURE = {p: structural_lines(p) for p in PROFILES}
STRUCTURE_WORDS = {
    p: [plain_words(line) for line in lines | STRUCTURAL_PIECES] for p, lines in STRUCTURE.items()
}


def structural(text: str) -> bool:
    """True if the layout reads ``text`` as a line of the page's structure, not a finding: a
    domain heading (also one near a label, which the parser notes), a list header, a marker,
    the title or the date."""
    lay = load_layout()
    return bool(
        lay.domain_of_heading(text)
        or lay.near_domain(text)
        or lay.list_polarity(text)
        or lay.is_marker(text)
        or any(t.match(text.strip()) for t in lay.titles)
        or lay.date.match(text)
    )


def check_profile(path: Path, lines: list[str]) -> None:
    data = "\n".join(lines).encode("utf-8")
    try:
        source = SourceText.from_bytes(data, str(path))
        record = parse_profile(source)
    except InputError as exc:
        TRIED["profile: refused"] += 1
        assert exc.path == str(path)
        assert exc.reason
        if exc.line is not None:
            assert 1 <= exc.line <= max(len(lines), 1)
        return
    TRIED["profile: parsed"] += 1
    covered: set[int] = set()
    for f in record.findings:
        assert f.text.strip()
        first = source.line_of(f.span.start)
        last = source.line_of(max(f.span.end - 1, f.span.start))
        covered.update(range(first, last + 1))
    # read whole: every domain with both its lists (a list is never empty)
    assert {(f.domain, f.polarity) for f in record.findings} == {
        (d, pol) for d in range(1, 7) for pol in (WELL_DEVELOPED, POTENTIAL)
    }
    # each finding of the polarity of the list header nearest above it in the mutant
    layout = load_layout()
    for f in record.findings:
        above = (layout.list_polarity(ln.text) for ln in reversed(source.lines[: f.line - 1]))
        assert next(pol for pol in above if pol) == f.polarity, (f.line, f.text[:40])
    first_list = min(source.line_of(f.span.start) for f in record.findings)
    end = record.end_line or len(source.lines) + 1  # from there on, the note says: no findings
    assert (record.end_line is None) is (record.end_note is None)
    for ln in source.lines:
        if ln.number < first_list or ln.number >= end or not ln.text.strip():
            continue
        if ln.number in covered:
            continue
        # a line that is neither in a finding nor one of the page's own structural lines
        # would have been dropped silently
        # (compared word by word: the parser reads "¡Partnerships" as the heading it is)
        assert plain_words(ln.text) in STRUCTURE_WORDS[path] or structural(ln.text), (
            ln.number,
            ln.text,
        )


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_mutated_profiles_parse_or_fail_cleanly(path: Path):
    lines = path.read_text("utf-8").split("\n")

    @FUZZ
    @given(mutated(lines))
    def run(mutant: list[str]) -> None:
        check_profile(path, mutant)

    run()


@FUZZ
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise_anything_but_input_error(data: bytes):
    try:
        parse_profile(SourceText.from_bytes(data, "fuzz.txt"))
        TRIED["bytes: parsed"] += 1
    except InputError as exc:
        TRIED["bytes: refused"] += 1
        assert exc.path == "fuzz.txt" and exc.reason


CATALOGUE_LINES = CATALOGUE_FILE.read_text("utf-8").split("\n")
REGISTRY_LINES = REGISTRY_FILE.read_text("utf-8").split("\n")


@FUZZ
@given(mutated(CATALOGUE_LINES))
def test_mutated_catalogue_loads_or_fails_cleanly(tmp_path_factory, mutant: list[str]):
    path = tmp_path_factory.mktemp("catalogue") / "catalogue.ttl"
    path.write_text("\n".join(mutant), "utf-8")
    try:
        records = load_catalogue(path, SOURCES_DIR)
        TRIED["catalogue: loaded"] += 1
        assert all(r.path.is_file() for r in records)
    except InputError as exc:
        TRIED["catalogue: refused"] += 1
        assert exc.path is not None and Path(exc.path).name in (path.name, *_source_names())
        assert exc.reason


def _source_names() -> tuple[str, ...]:
    return tuple(p.name for p in SOURCES_DIR.iterdir())


@FUZZ
@given(mutated(REGISTRY_LINES))
def test_mutated_registry_loads_or_fails_cleanly(tmp_path_factory, mutant: list[str]):
    from mgi_graph.graph.assemble import knowledge_graph

    path = tmp_path_factory.mktemp("registry") / "registry.ttl"
    path.write_text("\n".join(mutant), "utf-8")
    try:
        g = knowledge_graph()
        # the mutated registry replaces the real one
        g -= load_turtle(REGISTRY_FILE)
        load_turtle(path, into=g)
        registry = Registry.from_graph(g, path)
        registry.matcher()
        TRIED["registry: loaded"] += 1
    except InputError as exc:
        TRIED["registry: refused"] += 1
        assert exc.path == str(path) and exc.reason
        if exc.line is not None:
            assert 1 <= exc.line <= len(mutant)


def test_zz_counts():
    """Runs last in this module: how many inputs each target got."""
    print("\nfuzzing:", dict(sorted(TRIED.items())))
    for target in ("profile", "bytes", "catalogue", "registry"):
        tried = sum(n for k, n in TRIED.items() if k.startswith(target))
        assert tried >= EXAMPLES * (len(PROFILES) if target == "profile" else 1) * 0.9, target
