"""Profiles are read whole or refused: a page without one of the six domains, or a domain
without one of its two lists, or with two lists of one kind, is an error naming the file, the
line and what is missing, unless the page is declared partial (``--partial``, recorded in the
catalogue as ``mgi:partialPage true``): then what it lacks is a parser note on the profile.

The pages are cut from the made-up profile of tests/fixtures/corpus/ (6 domains, 12 lists,
19 findings; counted by hand: domains 1-6 hold 4, 4, 3, 3, 2 and 3 findings).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from mgi_graph.core.errors import InputError
from mgi_graph.core.paths import SOURCES_DIR
from mgi_graph.core.vocab import MGI
from mgi_graph.ingest.layout import load_layout
from mgi_graph.ingest.profile_parser import parse_profile
from mgi_graph.ingest.sourcetext import SourceText
from tests.conftest import OWN
from tests.test_own_corpus import FIXTURE, cli, tree

LINES = FIXTURE.read_text("utf-8").split("\n")


def page(drop: range | None = None, replace: dict[int, str] | None = None) -> SourceText:
    """The fixture with lines ``drop`` (numbered from 1) left out and others replaced."""
    out = []
    for n, line in enumerate(LINES, start=1):
        if drop is not None and n in drop:
            continue
        out.append((replace or {}).get(n, line))
    return SourceText.from_bytes("\n".join(out).encode("utf-8"), "moldova.txt")


def test_the_whole_page_reads_to_its_findings():
    record = parse_profile(page())
    assert len(record.findings) == 19 and record.partial_note is None
    counts = [sum(f.domain == d for f in record.findings) for d in range(1, 7)]
    assert counts == [4, 4, 3, 3, 2, 3]


def test_a_page_without_its_last_two_domains_is_refused():
    with pytest.raises(InputError) as exc:
        parse_profile(page(drop=range(58, 79)))  # lines 58-78: domains 5 and 6
    assert exc.value.path == "moldova.txt"
    assert exc.value.line == 54  # domain 4's second list, the last read
    assert "domains 5, 6 have no lists" in exc.value.reason
    assert "--partial" in exc.value.reason


def test_a_deleted_list_header_is_refused_not_read_as_the_list_above():
    # line 64: domain 5's "Areas with potential for further development:"
    with pytest.raises(InputError) as exc:
        parse_profile(page(drop=range(64, 65)))
    assert exc.value.line == 60
    assert exc.value.reason.startswith(
        "the profile is not whole: domain 5 has no list of areas with potential for further "
        "development (its other list: line 60)"
    )


def test_two_lists_of_well_developed_areas_in_one_domain_are_refused():
    header = "Migration Governance: examples of well-developed areas:"
    with pytest.raises(InputError) as exc:
        parse_profile(page(replace={43: header}))  # domain 3's second list header
    assert exc.value.line == 43
    assert exc.value.reason == (
        "a list of well-developed areas right after domain 3's list of well-developed areas "
        "(line 38), with no domain heading between: a list header out of order, or a domain "
        "heading missing"
    )


def test_a_partial_page_reads_what_it_has_and_notes_what_it_lacks():
    record = parse_profile(page(drop=range(58, 79)), partial=True)
    assert len(record.findings) == 14  # 4 + 4 + 3 + 3
    assert {f.domain for f in record.findings} == {1, 2, 3, 4}
    assert record.partial_note == (
        "The page was read as partial (its catalogue record says mgi:partialPage true): "
        "domains 5, 6 have no lists (the last list read begins at line 54)."
    )
    assert parse_profile(page(), partial=True).partial_note is None  # a whole page is whole


def test_add_refuses_a_cut_page_and_writes_nothing_and_partial_adds_it_with_its_note(
    corpus, tmp_path
):
    cut = tmp_path / "moldova-cut.txt"
    cut.write_bytes("\n".join(n for i, n in enumerate(LINES, 1) if i not in range(58, 79)).encode())
    before = tree(corpus)
    assert cli("add", "--home", str(corpus), str(cut)) == 2
    assert tree(corpus) == before
    assert cli("add", "--home", str(corpus), "--partial", str(cut)) == 0
    record = next((corpus / "data" / "catalogue").glob("mgi-profile-md-*.ttl"))
    assert "mgi:partialPage true ;" in record.read_text("utf-8")
    assert cli("build", "--home", str(corpus)) == 0
    g = Graph().parse(corpus / "build" / "mgi-graph.nt", format="nt")
    profile = URIRef(OWN + "profile/MD-1")
    notes = [str(n) for n in g.objects(profile, MGI.parserNote)]
    assert any("domains 5, 6 have no lists" in n for n in notes), notes
    findings = set(g.subjects(MGI.inProfile, profile)) & set(g.subjects(RDF.type, MGI.Finding))
    assert len(findings) == 14
    source = URIRef(OWN + "source/" + record.stem)
    assert (source, MGI.partialPage, Literal(True)) in g


PROFILES = [*sorted(SOURCES_DIR.glob("mgi-profile-*.txt")), FIXTURE]


def _headers(path: Path) -> list[int]:
    layout = load_layout()
    return [ln.number for ln in SourceText.read(path).lines if layout.list_polarity(ln.text)]


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_deleting_any_one_list_header_of_a_profile_is_refused(path):
    lines = path.read_text("utf-8").split("\n")
    headers = _headers(path)
    assert len(headers) == 12  # six domains, two lists each
    for n in headers:
        mutant = "\n".join(line for i, line in enumerate(lines, 1) if i != n).encode("utf-8")
        with pytest.raises(InputError) as exc:
            parse_profile(SourceText.from_bytes(mutant, path.name))
        assert exc.value.path == path.name and exc.value.line is not None, n


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_a_profile_cut_short_after_any_list_is_refused(path):
    lines = path.read_text("utf-8").split("\n")
    headers = _headers(path)
    whole = parse_profile(SourceText.read(path))
    by_order = {f.assignment for f in whole.findings} == {"order"}
    assert by_order is path.name.endswith("-page-es.txt")  # the Spanish page has no headings
    for k, n in enumerate(headers[1:], start=1):  # cut after the k-th list's last line
        end = max(i for i in range(1, n) if lines[i - 1].strip().startswith(("•", "-", "*")))
        mutant = "\n".join(lines[:end]).encode("utf-8")
        with pytest.raises(InputError) as exc:
            parse_profile(SourceText.from_bytes(mutant, path.name))
        assert "not whole" in exc.value.reason or "found" in exc.value.reason, k
        if by_order and k < 11:  # without domain headings, fewer than six lists of
            # well-developed areas cannot be placed in their domains
            with pytest.raises(InputError, match="assigned by order"):
                parse_profile(SourceText.from_bytes(mutant, path.name), partial=True)
            continue
        record = parse_profile(SourceText.from_bytes(mutant, path.name), partial=True)
        assert len({(f.domain, f.polarity) for f in record.findings}) == k
        assert record.partial_note and " no list" in record.partial_note
