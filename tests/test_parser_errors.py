"""Bad profile input: the parser names the file and line, and says why."""

from __future__ import annotations

import pytest

from mgi_graph.core.errors import InputError
from mgi_graph.ingest.profile_parser import parse_profile
from mgi_graph.ingest.sourcetext import SourceText
from tests.conftest import KZ_EN

TEXT = KZ_EN.read_text(encoding="utf-8")


def parse(data: bytes):
    return parse_profile(SourceText.from_bytes(data, "bad.txt"))


def error_of(data: bytes) -> InputError:
    with pytest.raises(InputError) as info:
        parse(data)
    return info.value


def test_empty_file():
    err = error_of(b"  \n\n")
    assert err.path == "bad.txt" and "empty" in err.reason


def test_binary_file_names_the_nul_byte():
    err = error_of(b"Key findings\n\x00\x01\x02")
    assert "binary" in err.reason and err.line == 2


def test_invalid_utf8_names_byte_offset_and_line():
    data = "Migrants' rights\nКазахстан".encode("cp1251")
    err = error_of(data)
    assert "not valid UTF-8" in err.reason and "byte offset 17" in err.reason
    assert err.line == 2


def test_text_that_is_not_an_mgi_profile():
    err = error_of(b"Lorem ipsum dolor sit amet.\n\nAnother paragraph.\n")
    assert "no findings lists" in err.reason and err.line == 1


def test_unknown_domain_heading_is_an_error_with_its_line():
    data = TEXT.replace("Domain 3: Partnerships", "Domain 7: Space migration").encode()
    err = error_of(data)
    assert err.line == 85
    assert "unknown domain heading" in err.reason or "neither a finding" in err.reason


def test_heading_with_no_findings():
    data = TEXT.replace(
        "Key findings\nDomain 5: Mobility dimensions of crises",
        "Key findings\nDomain 5: Mobility dimensions of crises\n\n"
        "Key findings\nMobility dimensions of crises",
    ).encode()
    err = error_of(data)
    assert err.line == 112 and "followed by no list of findings" in err.reason


def test_list_header_with_no_bullets():
    lines = TEXT.split("\n")
    # Drop the three bullets of the domain 2 potential list (lines 81-83).
    data = "\n".join(lines[:80] + lines[83:]).encode()
    err = error_of(data)
    assert err.line == 79 and "has no findings" in err.reason


def test_stray_paragraph_inside_findings_is_reported_not_dropped():
    lines = TEXT.split("\n")
    # After the blank line 80, under "Areas with potential for further development" (line 79).
    data = "\n".join([*lines[:80], "Share this page on social media", "", *lines[80:]]).encode()
    err = error_of(data)
    assert err.line == 81 and "Share this page" in err.reason


def test_two_lists_for_one_domain_is_an_error():
    data = TEXT.replace(
        "Domain 2: Whole of government approach", "Domain 1: Migrants' rights"
    ).encode()
    err = error_of(data)
    assert err.line == 73 and "already has a list" in err.reason


def test_unheaded_lists_need_six_domains():
    data = "\n".join(
        [
            "Migration Governance: examples of well-developed areas:",
            "- One finding.",
            "Areas with potential for further development:",
            "- Another.",
        ]
    ).encode()
    err = error_of(data)
    assert "exactly 6 lists" in err.reason


def test_mixed_headed_and_unheaded_lists():
    data = TEXT.replace("Key findings\nDomain 3: Partnerships\n", "Key findings\n\n").encode()
    err = error_of(data)
    assert err.line == 87 and "no domain heading" in err.reason


def test_wrapped_bullet_line_continues_the_finding():
    data = TEXT.replace(
        "  • There is a favourable framework for achieving long-term residency. ",
        "  • There is a favourable framework\n    for achieving long-term residency. ",
    ).encode()
    rec = parse(data)
    f = next(f for f in rec.findings if f.domain == 1 and f.ordinal == 3)
    assert f.text == "There is a favourable framework for achieving long-term residency."
    assert len(rec.findings) == 36


def test_oversized_file_is_refused_before_reading(tmp_path, monkeypatch):
    from mgi_graph.ingest import sourcetext

    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2048)
    monkeypatch.setattr(sourcetext, "MAX_SOURCE_BYTES", 1024)
    with pytest.raises(InputError, match="limit for a source text is 1024"):
        SourceText.read(big)
