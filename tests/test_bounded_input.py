"""Any file `add` is given is read bounded and typed: devices, pipes, sockets and folders are
refused before they are opened, nothing is read past the limit, UTF-16 and UTF-32 are read
by their byte-order mark, CR-only line ends are lines, an undecodable file name is shown, not
a crash; and `add` refuses what the build would refuse (an undated profile, a text over the
build's limit), with nothing written."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from mgi_graph.ingest.sourcetext import MAX_SOURCE_BYTES
from tests.conftest import ROOT, cli
from tests.test_own_corpus import tree

TEMPLATE = (ROOT / "tests" / "fixtures" / "languages" / "shared-names-template.txt").read_text(
    encoding="utf-8"
)


def profile(country: str = "Georgia") -> str:
    return TEMPLATE.replace("{country}", country)


def refused(corpus: Path, path: str, capsys, expected: str) -> None:
    before = tree(corpus)
    capsys.readouterr()
    assert cli("add", "--home", str(corpus), path) == 2
    assert expected in capsys.readouterr().err
    assert tree(corpus) == before


def test_a_fifo_is_refused_without_waiting_for_a_writer(corpus, tmp_path, capsys):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    refused(corpus, str(fifo), capsys, "named pipe (FIFO), not a file")


def test_a_device_is_refused_before_it_is_read(corpus, capsys):
    refused(corpus, "/dev/zero", capsys, "character device, not a file")


def test_a_socket_and_a_folder_are_refused(corpus, tmp_path, capsys):
    sock_path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(sock_path))
        refused(corpus, str(sock_path), capsys, "a socket, not a file")
    refused(corpus, str(tmp_path), capsys, "a folder, not a file")


def test_a_text_over_the_builds_limit_is_refused_by_add(corpus, tmp_path, capsys):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:  # sparse: no disk used
        fh.truncate(MAX_SOURCE_BYTES + 1)
    refused(corpus, str(big), capsys, f"the limit for a source text is {MAX_SOURCE_BYTES}")


def test_an_undated_profile_is_refused_by_add_as_the_build_would(corpus, tmp_path, capsys):
    f = tmp_path / "undated.txt"
    f.write_text(profile().replace("2021 March\n", ""), encoding="utf-8")
    refused(corpus, str(f), capsys, "date line")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_are_read_by_their_byte_order_mark(corpus, tmp_path, codec):
    f = tmp_path / f"{codec}.txt"
    data = profile("Armenia").encode(codec)
    if not codec.endswith(("16", "32")):
        data = ("\ufeff" + profile("Armenia")).encode(codec)
    f.write_bytes(data)
    assert cli("add", "--home", str(corpus), str(f)) == 0
    (stored,) = (corpus / "data" / "sources").glob("mgi-profile-am-*.txt")
    assert stored.read_text(encoding="utf-8") == profile("Armenia")
    assert cli("build", "--home", str(corpus)) == 0


def test_cr_only_line_ends_are_lines(corpus, tmp_path):
    from rdflib import Graph

    f = tmp_path / "mac.txt"
    f.write_bytes(profile("Azerbaijan").replace("\n", "\r").encode("utf-8"))
    assert cli("add", "--home", str(corpus), str(f)) == 0
    assert cli("build", "--home", str(corpus)) == 0
    g = Graph().parse(corpus / "build" / "mgi-graph.nt", format="nt")
    q = """SELECT (COUNT(?f) AS ?n) WHERE {
      ?f <https://w3id.org/mgi-graph/ontology#inProfile> <https://example.org/corpus/id/profile/AZ-1>
    }"""
    assert int(next(iter(g.query(q)))[0]) == 12


def test_an_undecodable_file_name_is_shown_escaped(corpus, tmp_path, capsys):
    name = os.fsdecode(b"profile-\xff.txt")
    f = tmp_path / name
    f.write_text(profile("Belarus"), encoding="utf-8")
    assert cli("add", "--home", str(corpus), str(f)) == 0
    (record,) = (corpus / "data" / "catalogue").glob("*.ttl")
    assert "profile-\\\\xff.txt" in record.read_text(encoding="utf-8")
    bad = tmp_path / os.fsdecode(b"broken-\xfe.txt")
    bad.write_bytes(b"\xff\xfenot a profile at all")
    capsys.readouterr()
    assert cli("add", "--home", str(corpus), str(bad)) == 2
    assert "broken-\\xfe.txt" in capsys.readouterr().err
