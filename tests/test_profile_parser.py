"""The profile parser on the real sources: counts, domains, texts and lines checked by hand."""

from __future__ import annotations

from collections import Counter

import pytest

from mgi_graph.ingest.profile_parser import parse_profile_file
from mgi_graph.ingest.records import BY_HEADING, BY_ORDER
from tests.conftest import KG_EN, KZ_EN, KZ_ES


def per_domain(record) -> list[str]:
    c = Counter((f.domain, f.polarity) for f in record.findings)
    return [f"{c[(d, 'well-developed')]}/{c[(d, 'potential')]}" for d in range(1, 7)]


def test_kazakhstan_2018_has_36_findings_21_well_developed_15_potential():
    rec = parse_profile_file(KZ_EN)
    assert len(rec.findings) == 36
    assert sum(f.polarity == "well-developed" for f in rec.findings) == 21
    assert sum(f.polarity == "potential" for f in rec.findings) == 15
    assert per_domain(rec) == ["5/3", "3/3", "4/2", "3/2", "3/2", "3/3"]


def test_kazakhstan_metadata_from_the_page():
    rec = parse_profile_file(KZ_EN)
    assert rec.title.value == "Migration Governance Profile: Republic of Kazakhstan"
    assert rec.title.span.line == 141
    assert rec.date.value == "2018-05" and rec.date.span.line == 139
    assert (rec.edition, rec.edition_number) == ("first", 1)
    assert rec.implementer.value == "Economist Intelligence Unit"
    assert rec.funder.value == "Government of Sweden"


def test_misnumbered_domain_3_heading_is_well_being_domain_4():
    rec = parse_profile_file(KZ_EN)
    d4 = [f for f in rec.findings if f.domain == 4]
    # Line 99 reads "Domain 3: Well-being of migrants"; its first bullet is line 103.
    assert d4[0].line == 103
    assert d4[0].text.startswith("The Republic of Kazakhstan guarantees the protection")
    assert all(f.assignment == BY_HEADING for f in rec.findings)


def test_all_caps_domain_6_heading_is_read():
    rec = parse_profile_file(KZ_EN)
    d6 = [f for f in rec.findings if f.domain == 6 and f.polarity == "potential"]
    assert [f.text for f in d6][1] == "It is not yet possible to apply for visas online."
    assert d6[1].line == 136


def test_descriptions_and_introduction_are_not_findings():
    rec = parse_profile_file(KZ_EN)
    assert not any(
        f.text.startswith(("Indicators in this", "This domain", "This country profile"))
        for f in rec.findings
    )
    assert min(f.line for f in rec.findings) == 59


def test_spanish_page_without_headings_is_assigned_by_order():
    rec = parse_profile_file(KZ_ES)
    assert len(rec.findings) == 36
    assert per_domain(rec) == ["5/3", "3/3", "4/2", "3/2", "3/2", "3/3"]
    assert {f.assignment for f in rec.findings} == {BY_ORDER}
    assert rec.title is None and rec.date is None


def test_spanish_page_findings_equal_english_page_findings():
    en = {f.key: f.text for f in parse_profile_file(KZ_EN).findings}
    es = {f.key: f.text for f in parse_profile_file(KZ_ES).findings}
    assert en == es


def test_kyrgyzstan_2023_second_profile_has_34_findings():
    rec = parse_profile_file(KG_EN)
    assert len(rec.findings) == 34
    assert per_domain(rec) == ["4/3", "4/1", "3/1", "4/2", "4/2", "4/2"]
    assert (rec.edition, rec.edition_number) == ("second", 2)
    assert rec.date.value == "2023-12"
    assert rec.place == "The Kyrgyz Republic (Kyrgyzstan)"
    assert rec.funder.value == "IOM Member States"


def test_run_together_bullet_is_split_in_two_with_a_note():
    rec = parse_profile_file(KG_EN)
    split = [f for f in rec.findings if f.note]
    assert [(f.domain, f.polarity, f.ordinal, f.line) for f in split] == [
        (4, "well-developed", 3, 101),
        (4, "well-developed", 4, 101),
    ]
    assert split[0].text.endswith("are respected in destination countries.")
    assert split[1].text == (
        "The National Bank promotes the financial inclusion of migrants through financial "
        "literacy training courses and videos on how to use remittances."
    )
    assert "stray quotation mark" in split[0].note


@pytest.mark.parametrize("path", [KZ_EN, KZ_ES, KG_EN], ids=lambda p: p.name)
def test_every_span_rereads_to_the_finding_text(path):
    """The span is the exact passage; the finding text is it with white space collapsed."""
    text = path.read_text(encoding="utf-8")
    for f in parse_profile_file(path).findings:
        exact = text[f.span.start : f.span.end]
        assert exact == exact.strip()
        assert " ".join(exact.split()) == f.text
        assert text.count("\n", 0, f.span.start) + 1 == f.line


def test_findings_are_in_document_order_and_ordinals_restart_per_list():
    rec = parse_profile_file(KZ_EN)
    starts = [f.span.start for f in rec.findings]
    assert starts == sorted(starts)
    firsts = [f for f in rec.findings if f.ordinal == 1]
    assert len(firsts) == 12
