"""Point 2 of the robustness work: broken knowledge files.

A Turtle syntax error in any knowledge file stops the build with the file, the line and the
column; a registry name that two records share (so that matching would have to pick one), or
two records for one body, is a named error with the file and the line.
"""

from __future__ import annotations

import pytest

from tests.conftest import ROOT
from tests.test_build import copy_project, run_cli

ENV_HOME = "MGI_GRAPH_HOME"
KNOWLEDGE = [
    "ontology/mgi.ttl",
    "ontology/domains.ttl",
    "ontology/shapes.ttl",
    "data/catalogue.ttl",
    "data/countries.ttl",
    "data/registry.ttl",
    "data/statements.ttl",
    "data/developments.ttl",
    "data/figures.ttl",
]
BROKEN = 'mgid:broken rdfs:label "never closed .'


@pytest.mark.parametrize("name", KNOWLEDGE)
def test_turtle_syntax_error_in_any_knowledge_file(tmp_path, name):
    home = copy_project(tmp_path)
    path = home / name
    lines = path.read_text("utf-8").split("\n")
    # after the prefixes, in the middle of the file: a statement that never ends
    at = next(i for i, ln in enumerate(lines) if i > len(lines) // 2 and not ln.strip())
    lines.insert(at + 1, BROKEN)
    path.write_text("\n".join(lines), "utf-8")
    r = run_cli("build", "--out", str(tmp_path / "out"), env=_env(home))
    assert r.returncode == 2, r.stderr
    assert "Turtle syntax error" in r.stderr
    where = r.stderr.split(": Turtle syntax error")[0].rsplit("error: ", 1)[-1]
    file, line, column = where.rsplit(":", 2)
    assert file.endswith(name)
    # rdflib notices the unterminated string at the line break that follows it, or later
    assert int(line) >= at + 2 and int(column) >= 1
    assert not (tmp_path / "out").exists()


def _env(home):
    import os

    return {**os.environ, "PYTHONPATH": str(ROOT), ENV_HOME: str(home)}


def test_a_name_shared_by_two_bodies_of_one_country_is_a_named_error(tmp_path):
    home = copy_project(tmp_path)
    registry = home / "data" / "registry.ttl"
    text = registry.read_text("utf-8")
    addition = (
        "\norg:kz-another-ministry a mgi:Ministry ;\n"
        '    skos:prefLabel "Another ministry"@en ;\n'
        '    skos:altLabel "Ministry of Interior"@en ;\n'
        "    mgi:jurisdiction country:KZ .\n"
    )
    registry.write_text(text + addition, "utf-8")
    r = run_cli("build", "--out", str(tmp_path / "out"), env=_env(home))
    assert r.returncode == 2
    line = text.count("\n") + 4  # the added altLabel
    assert f"registry.ttl:{line}: the name 'ministry of interior' belongs to " in r.stderr
    assert "org/kz-another-ministry, org/kz-mia" in r.stderr
    assert "matching would have to pick one" in r.stderr


def test_two_records_for_one_body_is_a_named_error(tmp_path):
    from mgi_graph.core.errors import InputError
    from mgi_graph.core.rdffiles import load_turtle
    from mgi_graph.curate.registry import DuplicateName, Registry
    from mgi_graph.graph.assemble import knowledge_graph

    path = tmp_path / "registry.ttl"
    text = (ROOT / "data" / "registry.ttl").read_text("utf-8")
    record = text[
        text.index("org:kz-mia a mgi:Ministry ;") : text.index("org:kz-committee-emergency")
    ]
    path.write_text(text + "\n" + record.replace("org:kz-mia a", "org:kz-mia-again a"), "utf-8")
    g = knowledge_graph()
    g -= load_turtle(ROOT / "data" / "registry.ttl")
    load_turtle(path, into=g)
    with pytest.raises(DuplicateName) as err:
        Registry.from_graph(g, path)
    assert isinstance(err.value, InputError)
    assert err.value.path == str(path) and err.value.line is not None
    assert err.value.line > text.count("\n")  # the second record, not the first
    assert "org/kz-mia, org/kz-mia-again" in str(err.value)


@pytest.mark.parametrize("name", KNOWLEDGE)
def test_knowledge_files_load_as_rdflib_parses_them(name):
    """Oxigraph's Turtle parser reads the knowledge files (twice as fast as rdflib's); the
    graph is the one rdflib's own parser gives, term for term (plain strings without a
    datatype, language tags and lexical forms as written), with the file's prefixes bound."""
    from rdflib import Graph
    from rdflib.compare import to_isomorphic

    from mgi_graph.core.rdffiles import load_turtle

    path = ROOT / name
    ours = load_turtle(path)
    rdflibs = Graph().parse(path, format="turtle", publicID=path.resolve().as_uri())
    assert len(ours) == len(rdflibs) > 50
    assert to_isomorphic(ours) == to_isomorphic(rdflibs)
    assert set(ours.namespaces()) == set(rdflibs.namespaces())


def test_blank_nodes_are_fresh_in_each_file(tmp_path):
    from mgi_graph.core.rdffiles import load_turtle

    path = tmp_path / "shape.ttl"
    path.write_text('_:a <http://x/p> [ <http://x/q> "1" ] .\n', "utf-8")
    g = load_turtle(path)
    load_turtle(path, into=g)
    # two files that share a label share no node: four triples, four blank nodes
    assert len(g) == 4 and len(set(g.subjects())) == 4


def test_a_triple_term_is_a_named_error(tmp_path):
    """Oxigraph's parser reads RDF 1.2 triple terms, which rdflib's graph cannot hold."""
    from mgi_graph.core.errors import InputError
    from mgi_graph.core.rdffiles import load_turtle

    path = tmp_path / "statements.ttl"
    path.write_text(
        "@prefix ex: <http://example.org/> .\nex:a ex:says <<( ex:b ex:c ex:d )>> .\n", "utf-8"
    )
    with pytest.raises(InputError) as err:
        load_turtle(path)
    assert err.value.path == str(path)
    assert "triple term << <http://example.org/b> <http://example.org/c>" in str(err.value)
