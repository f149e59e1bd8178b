"""Editions and domains come from the concept schemes of ``ontology/domains.ttl``, not from
code: a fourth profile gets the vocabulary's ``edition/fourth``; an edition no concept stands
for is refused at its title line; a scheme with a seventh domain asks for seven lists."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from mgi_graph.core.errors import InputError
from mgi_graph.core.paths import PACKAGE_ROOT
from mgi_graph.core.rdffiles import load_turtle
from mgi_graph.core.vocab import ID, MGI, SKOS
from mgi_graph.ingest.layout import load_layout
from mgi_graph.ingest.profile_parser import parse_profile
from mgi_graph.ingest.sourcetext import SourceText
from tests.conftest import KZ_EN

TITLE = "Migration Governance Profile: Republic of Kazakhstan"  # line 141 of the page
TEXT = KZ_EN.read_text(encoding="utf-8")
ENGLISH = (PACKAGE_ROOT / "data" / "languages" / "en.toml").read_text(encoding="utf-8")
DOMAINS_TTL = PACKAGE_ROOT / "ontology" / "domains.ttl"


def languages_reading_fifth(tmp_path):
    """The package's language files, English reading "Fifth" (as a researcher might add)."""
    folder = tmp_path / "languages"
    folder.mkdir()
    for f in (PACKAGE_ROOT / "data" / "languages").glob("*.toml"):
        (folder / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "en.toml").write_text(
        ENGLISH.replace("second|third|fourth", "second|third|fourth|fifth").replace(
            "fourth = 4 }", "fourth = 4, fifth = 5 }"
        ),
        encoding="utf-8",
    )
    return folder


def parse(text: str, tmp_path, **layout_files):
    path = tmp_path / "profile.txt"
    path.write_text(text, encoding="utf-8")
    lay = load_layout(**layout_files) if layout_files else None
    return parse_profile(SourceText.read(path), layout=lay)


def test_the_editions_scheme_numbers_its_concepts_one_to_four():
    g = load_turtle(DOMAINS_TTL)
    numbered = {
        int(o): str(g.value(s, SKOS.notation)) for s, o in g.subject_objects(MGI.editionOrdinal)
    }
    assert numbered == {1: "first", 2: "second", 3: "third", 4: "fourth"}
    assert g.value(ID["edition/fourth"], SKOS.prefLabel) == Literal("Fourth profile", lang="en")


def test_a_fourth_profile_is_the_fourth_edition(tmp_path):
    text = TEXT.replace(TITLE, "Migration Governance Fourth Profile: Republic of Kazakhstan")
    rec = parse(text, tmp_path)
    assert (rec.edition, rec.edition_number) == ("fourth", 4)
    assert rec.place == "Republic of Kazakhstan"


def test_an_edition_the_scheme_lacks_is_refused_at_its_title_line(tmp_path):
    # A layout that reads "Fifth" (as a researcher might add), with no concept for edition 5.
    languages = languages_reading_fifth(tmp_path)
    text = TEXT.replace(TITLE, "Migration Governance Fifth Profile: Republic of Kazakhstan")
    with pytest.raises(InputError) as err:
        parse(text, tmp_path, languages_dir=languages, domains_file=DOMAINS_TTL)
    assert err.value.line == 141 and str(err.value.path).endswith("profile.txt")
    assert "edition 5" in str(err.value)


def test_a_concept_for_the_fifth_edition_makes_it_readable(tmp_path):
    languages = languages_reading_fifth(tmp_path)
    domains = tmp_path / "domains.ttl"
    domains.write_text(
        DOMAINS_TTL.read_text(encoding="utf-8")
        + '\nmgid:edition\\/fifth a mgi:Edition ; skos:notation "fifth" ; mgi:editionOrdinal 5 .\n',
        encoding="utf-8",
    )
    text = TEXT.replace(TITLE, "Migration Governance Fifth Profile: Republic of Kazakhstan")
    rec = parse(text, tmp_path, languages_dir=languages, domains_file=domains)
    assert (rec.edition, rec.edition_number) == ("fifth", 5)


def test_the_number_of_domains_is_the_schemes(tmp_path):
    """With a seventh domain in the scheme, the six-domain page lacks domain 7's lists."""
    domains = tmp_path / "domains.ttl"
    domains.write_text(
        DOMAINS_TTL.read_text(encoding="utf-8")
        + "\nmgid:domain\\/7 a mgi:Domain ; mgi:domainNumber 7 ;"
        + ' skos:prefLabel "Climate mobility"@en .\n',
        encoding="utf-8",
    )
    lay = load_layout(domains_file=domains)
    assert lay.domains == (1, 2, 3, 4, 5, 6, 7)
    with pytest.raises(InputError) as err:
        parse(TEXT, tmp_path, domains_file=domains)
    assert "each of the 7 domains" in str(err.value)


def test_the_shipped_scheme_has_six_domains():
    assert load_layout().domains == (1, 2, 3, 4, 5, 6)
    assert isinstance(ID["edition/fourth"], URIRef)
