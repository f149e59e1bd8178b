"""Point 6 of the robustness work: large and strange input.

A source far larger than any real profile is read within the documented memory bound (the
parser holds about 15 times the file's size; 30 times is the bound tested), and a file over
the limit (``MAX_SOURCE_BYTES``, 20 MB) is refused before it is read. Text in another
encoding (Windows-1251, Latin-1), in a source or in a Turtle file, is reported with the
offending byte, its offset and its line.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tracemalloc

import pytest

from mgi_graph.core.errors import InputError
from mgi_graph.core.paths import SOURCES_DIR
from mgi_graph.core.rdffiles import load_turtle
from mgi_graph.ingest.profile_parser import parse_profile
from mgi_graph.ingest.sourcetext import MAX_SOURCE_BYTES, SourceText
from tests.conftest import ROOT

KZ = (SOURCES_DIR / "mgi-profile-kazakhstan-2018-en.txt").read_text("utf-8")
BULLET = "• Immigrants are guaranteed access to preschool, primary, and secondary education"


def big_profile(copies: int) -> bytes:
    """The Kazakhstan profile with its first finding's list grown by ``copies`` bullets."""
    i = KZ.index(BULLET)
    j = KZ.index("\n", i)
    return (KZ[: j + 1] + (KZ[i:j] + "\n") * copies + KZ[j + 1 :]).encode("utf-8")


def test_a_large_profile_is_read_whole_within_the_memory_bound():
    data = big_profile(8000)
    assert len(data) > 50 * len(KZ.encode())  # far larger than any real profile
    tracemalloc.start()
    try:
        record = parse_profile(SourceText.from_bytes(data, "big.txt"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(record.findings) == 36 + 8000  # none dropped
    assert peak < 30 * len(data), f"peak {peak} bytes for a {len(data)}-byte file"


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:  # a sparse file: no disk or memory spent
        fh.truncate(MAX_SOURCE_BYTES + 1)
    tracemalloc.start()
    try:
        with pytest.raises(InputError) as err:
            SourceText.read(big)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert f"the limit for a source text is {MAX_SOURCE_BYTES}" in str(err.value)
    assert peak < 1_000_000  # the file was never read into memory


@pytest.mark.parametrize(
    ("encoding", "text", "byte", "offset", "line"),
    [
        ("cp1251", "Key findings\nПартнерство\n", "cf", 13, 2),
        ("latin-1", "Key findings\nMigrants' rights\nAccès aux soins\n", "e8", 33, 3),
    ],
)
def test_another_encoding_in_a_source_names_the_byte(tmp_path, encoding, text, byte, offset, line):
    path = tmp_path / "profile.txt"
    path.write_bytes(text.encode(encoding))
    r = subprocess.run(
        [sys.executable, "-m", "mgi_graph", "parse", str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    assert r.returncode == 2
    assert f"{path}:{line}: not valid UTF-8: byte 0x{byte} at byte offset {offset}" in r.stderr


def test_another_encoding_in_a_turtle_file_names_the_byte(tmp_path):
    text = (
        "@prefix org: <https://w3id.org/mgi-graph/id/org/> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n\n"
        'org:fr-interior skos:prefLabel "Ministère de l’Intérieur"@fr .\n'
    )
    path = tmp_path / "registry.ttl"
    path.write_bytes(text.encode("cp1252"))
    with pytest.raises(InputError) as err:
        load_turtle(path)
    offset = text.encode("cp1252").index("è".encode("cp1252"))
    assert err.value.line == text[: text.index("è")].count("\n") + 1
    assert f"byte 0x{'è'.encode('cp1252').hex()} at byte offset {offset}" in str(err.value)
