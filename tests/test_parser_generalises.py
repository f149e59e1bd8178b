"""The parser reads variants of a profile page it has not seen (own-corpus issue, point 5),
on the made-up Moldova page of the own-corpus tests: a page footer after the findings ends
them; a domain heading that differs from its label by inflection, accents, articles or
punctuation is read as that domain, with a note; an unknown one names the closest labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgi_graph.core.errors import InputError
from mgi_graph.ingest.profile_parser import parse_profile
from mgi_graph.ingest.sourcetext import SourceText
from tests.test_own_corpus import FIXTURE

PAGE = FIXTURE.read_text("utf-8")
FOOTER = "\nClick the icons on the wheel to explore the key findings.\n\n© IOM 2019. Terms of use\n"


def parse(text: str):
    return parse_profile(SourceText.from_bytes(text.encode("utf-8"), "variant.txt"))


def findings(rec) -> list[tuple[int, str, int, str]]:
    return [(f.domain, f.polarity, f.ordinal, f.text) for f in rec.findings]


def test_a_page_footer_after_the_findings_ends_them_with_a_note():
    plain = parse(PAGE)
    rec = parse(PAGE + FOOTER)
    assert findings(rec) == findings(plain) and len(rec.findings) == 19
    lines = (PAGE + FOOTER).split("\n")
    footer_line = lines.index("Click the icons on the wheel to explore the key findings.") + 1
    assert rec.end_note is not None and f"line {footer_line}" in rec.end_note
    assert plain.end_note is None


def test_the_same_footer_before_the_last_domain_is_an_error():
    cut = PAGE.index("Mobility dimensions of crises")
    with pytest.raises(InputError) as err:
        parse(PAGE[:cut] + FOOTER.lstrip("\n") + "\n" + PAGE[cut:])
    assert "Click the icons" in str(err.value) and err.value.line is not None


@pytest.mark.parametrize(
    ("heading", "variant", "domain"),
    [
        ("Migrants' rights", "Migrant's right", 1),
        ("Partnerships", "Partnership", 3),
        ("Well-being of migrants", "THE WELL BEING OF MIGRANTS", 4),
        ("Mobility dimensions of crises", "Domain 5: Mobility dimension of crisis", 5),
        ("Safe, orderly and regular migration", "Migración segura, ordenada y regular", 6),
    ],
)
def test_a_heading_near_its_label_is_read_as_its_domain_with_a_note(heading, variant, domain):
    assert PAGE.count(f"\n{heading}\n") == 1
    rec = parse(PAGE.replace(f"\n{heading}\n", f"\n{variant}\n"))
    assert findings(rec) == findings(parse(PAGE))
    noted = {f.domain for f in rec.findings if f.note}
    exact = variant.casefold() in {"migración segura, ordenada y regular"}
    assert noted == (set() if exact else {domain})
    if not exact:
        assert repr(variant) in next(f.note for f in rec.findings if f.domain == domain)


def test_an_unknown_heading_is_an_error_that_names_the_closest_labels():
    with pytest.raises(InputError) as err:
        parse(PAGE.replace("\nPartnerships\n", "\nPartnerships and friendship\n"))
    assert "unknown domain heading: 'Partnerships and friendship'" in str(err.value)
    assert "'partnerships'" in str(err.value)
    assert err.value.line == PAGE.split("\n").index("Partnerships") + 1


def test_the_shipped_profiles_read_as_before():
    from tests.conftest import KG_EN, KZ_EN, KZ_ES

    for path, n in ((KZ_EN, 36), (KZ_ES, 36), (KG_EN, 34)):
        rec = parse_profile(SourceText.read(Path(path)))
        assert len(rec.findings) == n and rec.end_note is None
        assert not any("no label of a domain" in (f.note or "") for f in rec.findings)
