"""The Kazakhstan profile rewritten into each layout the sources README lists parses to the
same findings (domain, polarity, ordinal, text)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from mgi_graph.ingest.profile_parser import parse_profile
from mgi_graph.ingest.sourcetext import SourceText
from tests.conftest import KZ_EN

TEXT = KZ_EN.read_text(encoding="utf-8")
LINES = TEXT.split("\n")
# The six findings headings of the English page (1-based lines, checked by hand).
HEADING_LINES = {55: 1, 71: 2, 85: 3, 99: 4, 112: 5, 125: 6}
WELL = {57, 73, 87, 101, 114, 127}
POTENTIAL = {65, 79, 94, 107, 120, 133}

EN = [
    "Migrants' rights",
    "Whole of government approach",
    "Partnerships",
    "Well-being of migrants",
    "Mobility dimensions of crises",
    "Safe, orderly and regular migration",
]
EN_ALT = [
    "Adherence to international standards and fulfilment of migrants' rights",
    "Whole-of-government / evidence-based policies",
    "Cooperation and partnerships",
    "Socioeconomic well-being of migrants",
    "Mobility dimension of crises",
    "Safe, orderly and regular migration",
]
ES = [
    "Derechos de los migrantes",
    "Enfoque de gobierno integral",
    "Alianzas",
    "Bienestar de los migrantes",
    "Dimensiones de movilidad en situaciones de crisis",
    "Migración segura, ordenada y regular",
]
FR = [
    "Droits des migrants",
    "Approche associant l'ensemble du gouvernement",
    "Partenariats",
    "Bien-être des migrants",
    "Dimension « mobilité » des crises",
    "Migration sûre, ordonnée et régulière",
]


def rewrite(
    heading: Callable[[int], str] | None = None,
    well: str | None = None,
    potential: str | None = None,
    bullet: str | None = None,
) -> str:
    out = []
    for number, line in enumerate(LINES, start=1):
        if heading and number in HEADING_LINES:
            line = heading(HEADING_LINES[number])
        elif well and number in WELL:
            line = well
        elif potential and number in POTENTIAL:
            line = potential
        elif bullet and line.lstrip().startswith("•"):
            line = line.replace("•", bullet, 1)
        out.append(line)
    return "\n".join(out)


VARIANTS: dict[str, bytes] = {
    "numbered-1-colon": rewrite(lambda d: f"{d}: {EN[d - 1]}").encode(),
    "domain-n-dot": rewrite(lambda d: f"Domain {d}. {EN[d - 1]}").encode(),
    "misnumbered": rewrite(lambda d: f"Domain {7 - d}: {EN[d - 1]}").encode(),
    "unnumbered": rewrite(lambda d: EN[d - 1]).encode(),
    "doubled-headings": rewrite(lambda d: f"{EN[d - 1]}\n{EN[d - 1]}").encode(),
    "all-caps": rewrite(lambda d: f"DOMAIN {d}: {EN[d - 1].upper()}").encode(),
    "alternative-names": rewrite(lambda d: EN_ALT[d - 1]).encode(),
    "well-governed": rewrite(
        well="Migration Governance: examples of well-governed areas:"
    ).encode(),
    "spanish-headings": rewrite(
        lambda d: ES[d - 1],
        well="Gobernanza de la migración: ejemplos de áreas bien desarrolladas:",
        potential="Áreas con potencial de desarrollo adicional:",
    ).encode(),
    "french-headings": rewrite(
        lambda d: FR[d - 1],
        well="Gouvernance des migrations : exemples de domaines bien développés :",
        potential="Domaines pouvant être développés davantage :",
    ).encode(),
    "dash-bullets": rewrite(bullet="-").encode(),
    "star-bullets": rewrite(bullet="*").encode(),
    "crlf": TEXT.replace("\n", "\r\n").encode(),
    "bom": b"\xef\xbb\xbf" + TEXT.encode(),
    "bom-crlf-caps": b"\xef\xbb\xbf"
    + rewrite(lambda d: EN[d - 1].upper()).replace("\n", "\r\n").encode(),
    "no-headings-by-order": rewrite(lambda d: "").encode(),
}


def findings(data: bytes) -> list[tuple[int, str, int, str]]:
    rec = parse_profile(SourceText.from_bytes(data, "variant.txt"))
    return [(f.domain, f.polarity, f.ordinal, f.text) for f in rec.findings]


EXPECTED = findings(TEXT.encode())


def test_the_reference_reading_has_36_findings():
    assert len(EXPECTED) == 36


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_variant_layout_parses_to_the_same_findings(name):
    assert findings(VARIANTS[name]) == EXPECTED


@pytest.mark.parametrize("name", ["crlf", "bom", "bom-crlf-caps"])
def test_offsets_in_crlf_and_bom_files_reread_exactly(name):
    src = SourceText.from_bytes(VARIANTS[name], "v.txt")
    for f in parse_profile(src).findings:
        assert " ".join(src.text[f.span.start : f.span.end].split()) == f.text
        assert "\r" not in src.text[f.span.start : f.span.end]
