"""The UN M49 table (data/m49.tsv) agrees with the identifiers checked by hand
(../shared/reference/external-ids.md, as data/countries.ttl records them), and every country
of it sits in a sub-region and a region."""

from __future__ import annotations

import pytest
from rdflib import Graph

from mgi_graph.core.errors import InputError
from mgi_graph.core.paths import PACKAGE_ROOT
from mgi_graph.core.vocab import MGI, RDF
from mgi_graph.curate.m49 import m49_of

# Checked by hand: the M49 sub-region of each of the ten curated countries, and the regions
# Asia 142 and Europe 150.
CHECKED = {
    "KAZ": ("398", "143", "142"),
    "KGZ": ("417", "143", "142"),
    "TJK": ("762", "143", "142"),
    "UZB": ("860", "143", "142"),
    "RUS": ("643", "151", "150"),
    "BLR": ("112", "151", "150"),
    "ARM": ("051", "145", "142"),
    "TUR": ("792", "145", "142"),
    "CHN": ("156", "030", "142"),
    "KOR": ("410", "030", "142"),
}


@pytest.mark.parametrize("alpha_3", sorted(CHECKED))
def test_the_table_gives_the_checked_codes(alpha_3):
    area = m49_of(alpha_3)
    assert (area.code, area.sub_region, area.region) == CHECKED[alpha_3]


def test_the_curated_countries_agree_with_the_table():
    g = Graph().parse(PACKAGE_ROOT / "data" / "countries.ttl")
    countries = list(g.subjects(RDF.type, MGI.Country))
    assert len(countries) == 10
    for c in countries:
        area = m49_of(str(g.value(c, MGI.isoAlpha3)))
        recorded = [str(g.value(c, p)) for p in (MGI.m49Code, MGI.m49SubRegion, MGI.m49Region)]
        assert recorded == [area.code, area.sub_region, area.region], c


def test_every_country_of_the_table_has_a_sub_region_and_a_region():
    rows = [
        line.split("\t")
        for line in (PACKAGE_ROOT / "data" / "m49.tsv").read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    ][1:]
    countries = [r[4] for r in rows if r[1] == "country"]
    assert len(countries) == 248
    # Antarctica (010) belongs to no region of M49; every other area does.
    placed = [a for a in countries if m49_of(a).region]
    assert sorted(set(countries) - set(placed)) == ["ATA"]
    assert all(m49_of(a).sub_region for a in placed)


def test_a_broken_row_names_the_file_and_line(tmp_path):
    table = tmp_path / "m49.tsv"
    text = (PACKAGE_ROOT / "data" / "m49.tsv").read_text("utf-8")
    table.write_text(text.replace("398\tcountry\tKazakhstan", "398\tcontry\tKazakhstan"), "utf-8")
    with pytest.raises(InputError) as err:
        m49_of("KAZ", table)
    assert err.value.line == text[: text.index("398\tcountry")].count("\n") + 1
