"""The W3C SHACL Core test suite, run through ``mgi-graph validate DATA --shapes SHAPES``.

Every ``sht:Validate`` test under ``core/`` gives its expected verdict as the exit code (0
conforms, 1 does not). The suite is fetched at install time from pySHACL's source
distribution by ``tests/fetch_shacl_suite.py`` (the README's test command runs it); it is not
in the repository, and this module does not reach the network.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, Namespace

from mgi_graph.cli import main
from mgi_graph.core.rdffiles import load_rdf

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")
CORE = Path(__file__).parent / "w3c" / "sht_tests" / "core"

#: Tests whose expected verdict neither pyshacl-turbo nor pySHACL gives, with the reason.
KNOWN_WRONG = {
    "property/uniqueLang-002": 'both engines read sh:uniqueLang "1"^^xsd:boolean as true; '
    "SHACL activates the constraint only for the literal true",
}


def _file(node: object) -> Path:
    return Path(str(node).removeprefix("file://"))


def validate_tests(manifest: Path) -> list[tuple[str, Path, Path, bool]]:
    """(name, data file, shapes file, expected conforms) of each sht:Validate test that the
    manifest names or includes."""
    g: Graph = load_rdf(manifest)
    out = []
    for include in sorted(g.objects(None, MF.include)):
        out += validate_tests(_file(include))
    for entries in g.objects(None, MF.entries):
        for test in Collection(g, entries):  # type: ignore[arg-type]
            if (test, RDF.type, SHT.Validate) not in g:
                continue
            action, result = g.value(test, MF.action), g.value(test, MF.result)
            conforms = g.value(result, SH.conforms)
            assert conforms is not None, test
            name = str(test).removeprefix(CORE.as_uri() + "/")
            data, shapes = g.value(action, SHT.dataGraph), g.value(action, SHT.shapesGraph)
            assert isinstance(data, URIRef) and isinstance(shapes, URIRef), test
            out.append((name, _file(data), _file(shapes), bool(conforms.toPython())))
    return out


def _suite() -> list[tuple[str, Path, Path, bool]]:
    if not (CORE / "manifest.ttl").is_file():
        return []
    return validate_tests(CORE / "manifest.ttl")


SUITE = _suite()


def test_the_suite_is_there():
    assert SUITE, f"{CORE} is missing: run `python tests/fetch_shacl_suite.py` (needs the registry)"
    # core/ of the suite as pySHACL ships it: 98 validation tests in 7 folders
    assert len(SUITE) == 98
    assert {name.split("/")[0] for name, *_ in SUITE} == {
        "complex", "misc", "node", "path", "property", "targets", "validation-reports",
    }  # fmt: skip
    assert set(KNOWN_WRONG) <= {name for name, *_ in SUITE}


@pytest.mark.parametrize(
    ("name", "data", "shapes", "conforms"),
    [
        pytest.param(*t, marks=pytest.mark.xfail(strict=True, reason=KNOWN_WRONG[t[0]]))
        if t[0] in KNOWN_WRONG
        else t
        for t in SUITE
    ],
    ids=[t[0] for t in SUITE],
)
def test_validate_gives_the_suites_verdict(name, data, shapes, conforms, capsys):
    code = main(["validate", str(data), "--shapes", str(shapes)])
    out = capsys.readouterr().out
    assert code == (0 if conforms else 1), out
    assert out.startswith("The graph conforms" if conforms else "The graph does not conform")
