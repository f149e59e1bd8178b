"""The README's ad-hoc SPARQL examples run as written and give true answers."""

from __future__ import annotations

import re

from mgi_graph.core.paths import SOURCES_DIR
from mgi_graph.query.engines import run
from mgi_graph.query.stored_queries import with_prefixes
from tests.conftest import ROOT

ID = "https://w3id.org/mgi-graph/id/"


def examples() -> list[str]:
    readme = (ROOT / "README.md").read_text("utf-8")
    return re.findall(r"```sparql\n(.*?)```", readme, re.DOTALL)


def test_the_readme_has_two_sparql_examples():
    assert len(examples()) == 2


def test_bodies_of_the_partnerships_domain(built):
    table = run(with_prefixes(examples()[0]), {}, data=built.out_dir / "mgi-graph.nt")
    assert table.columns == ("country", "body", "findings")
    rows = {(c.removeprefix(ID), b.removeprefix(ID), n) for c, b, n in table.rows}
    # Read in the profiles: the Almaty Process in a partnerships finding of each country,
    # IOM in Kazakhstan's (its first well-developed area of domain 3).
    assert ("country/KG", "org/almaty-process", "1") in rows
    assert ("country/KZ", "org/almaty-process", "1") in rows
    assert ("country/KZ", "org/iom", "1") in rows
    assert {c for c, _, _ in rows} == {"country/KG", "country/KZ"}


def test_the_words_and_offsets_of_findings_that_name_iom(built):
    table = run(with_prefixes(examples()[1]), {}, data=built.out_dir / "mgi-graph.nt")
    assert table.rows
    for finding, source, start, end, exact in table.rows:
        assert finding.startswith(ID + "finding/")
        name = source.removeprefix(ID + "source/")
        (path,) = SOURCES_DIR.glob(f"{name}.*")
        text = path.read_bytes().decode("utf-8-sig")  # line endings as they are
        assert text[int(start) : int(end)] == exact
