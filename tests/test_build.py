"""The built graph: provenance, determinism, outputs, and builds that fail cleanly."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from mgi_graph.core.paths import SOURCES_DIR
from mgi_graph.core.vocab import ID, MGI, OA
from mgi_graph.graph.figures import QB
from tests.conftest import ROOT

KZ_EN_DOC = ID["source/mgi-profile-kazakhstan-2018-en"]
KZ_ES_DOC = ID["source/mgi-profile-kazakhstan-2018-page-es"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
KG_TEXT = (SOURCES_DIR / "mgi-profile-kyrgyzstan-2023-en.txt").read_text("utf-8")


def findings_of(graph: Graph, profile: str) -> list[URIRef]:
    return sorted(graph.subjects(MGI.inProfile, ID[f"profile/{profile}"]))


def test_graph_conforms_and_counts(built):
    assert built.report.conforms
    g = built.graph
    assert len(findings_of(g, "KZ-1")) == 36
    assert len(findings_of(g, "KG-2")) == 34
    assert len(set(g.subjects(RDF.type, MGI.SourceDocument))) == 5


def test_every_kazakhstan_finding_cites_both_documents(graph):
    for f in findings_of(graph, "KZ-1"):
        sources = {graph.value(q, OA.hasSource) for q in graph.objects(f, MGI.hasQuote)}
        assert sources == {KZ_EN_DOC, KZ_ES_DOC}, f
        assert set(graph.objects(f, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))) == sources


def test_spanish_quotes_say_domain_was_assigned_by_order(graph):
    finding_quotes = {
        q for f in graph.subjects(RDF.type, MGI.Finding) for q in graph.objects(f, MGI.hasQuote)
    }
    for q in graph.subjects(OA.hasSource, KZ_ES_DOC):
        if q in finding_quotes:
            assert graph.value(q, MGI.domainAssignment) == ID["assignment/order"]
    for q in graph.subjects(OA.hasSource, KZ_EN_DOC):
        if q in finding_quotes:
            assert graph.value(q, MGI.domainAssignment) == ID["assignment/heading"]


def check_quotes(graph, sources_dir: Path) -> int:
    """Every quote of ``graph`` read back from its source file in ``sources_dir``: the exact
    text at its offsets and its line; return how many quotes there are."""
    texts: dict[URIRef, str] = {}
    n = 0
    for q in graph.subjects(RDF.type, MGI.Quote):
        doc = graph.value(q, OA.hasSource)
        if doc not in texts:
            name = graph.value(doc, MGI.fileName)
            texts[doc] = (sources_dir / str(name)).read_text(encoding="utf-8-sig")
        text = texts[doc]
        exact = graph.value(URIRef(f"{q}#text"), OA.exact)
        start = int(graph.value(URIRef(f"{q}#position"), OA.start))
        end = int(graph.value(URIRef(f"{q}#position"), OA.end))
        assert text[start:end] == str(exact), q
        assert text.count("\n", 0, start) + 1 == int(graph.value(q, MGI.line))
        n += 1
    return n


def test_every_quote_matches_its_source_at_its_offsets(graph):
    n = check_quotes(graph, SOURCES_DIR)
    quoted_by = {
        cls: {q for u in graph.subjects(RDF.type, cls) for q in graph.objects(u, MGI.hasQuote)}
        for cls in (
            MGI.Finding,
            MGI.Paragraph,
            MGI.Statement,
            MGI.Mention,
            MGI.Development,
            MGI.FindingUpdate,
            QB.Observation,
        )
    }
    assert len(quoted_by[MGI.Finding]) == 36 * 2 + 34
    assert len(set(graph.objects(None, MGI.metadataQuote))) == 10  # titles, dates, funders
    assert len(quoted_by[MGI.Paragraph]) == 94 + 11  # article lines 1-94, news lines 16-26
    # 602; Section XXVI: two mentions and the news statement quote; the six people of the
    # news report (the line introducing their speeches is already a paragraph quote); the
    # article's President (two quotes) and its cited periodicals (five: the Vestnik's title
    # is one quote for two statements)
    # and the transfer of functions' third quote (from which body to which)
    assert n == 619
    # Every quote is one of these; all were read back from the files above.
    assert n == len(set().union(*quoted_by.values(), graph.objects(None, MGI.metadataQuote)))


def test_finding_iris_come_from_stable_keys(graph):
    f = ID["finding/KZ-1/d6/potential/2"]
    assert str(graph.value(f, MGI.text)) == "It is not yet possible to apply for visas online."
    g = ID["finding/KG-2/d4/well-developed/4"]
    assert str(graph.value(g, MGI.text)).startswith("The National Bank promotes")


def test_profile_metadata(graph):
    kz, kg = ID["profile/KZ-1"], ID["profile/KG-2"]
    assert str(graph.value(kz, URIRef("http://purl.org/dc/terms/date"))) == "2018-05"
    assert graph.value(kz, MGI.edition) == ID["edition/first"]
    assert graph.value(kg, MGI.edition) == ID["edition/second"]
    assert graph.value(kg, MGI.assesses) == ID["country/KG"]
    assert str(graph.value(kz, MGI.funder)) == "Government of Sweden"


def test_outputs_are_written_and_agree(built):
    out = built.out_dir
    names = {p.name for p in out.iterdir()}
    assert {
        "mgi-graph.ttl",
        "mgi-graph.nt",
        "mgi-graph.jsonld",
        "context.jsonld",
        "validation-report.ttl",
        "validation-report.txt",
        "summary.json",
        "manifest.json",
    } <= names
    ttl = Graph().parse(out / "mgi-graph.ttl")
    nt = Graph().parse(out / "mgi-graph.nt", format="nt")
    jsonld = Graph().parse(out / "mgi-graph.jsonld", format="json-ld")
    assert isomorphic(ttl, nt) and isomorphic(ttl, jsonld)
    assert len(ttl) == len(built.graph)
    # Our JSON writer gives the standard library's text, byte for byte.
    text = (out / "mgi-graph.jsonld").read_text("utf-8")
    assert text == json.dumps(json.loads(text), indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    summary = json.loads((out / "summary.json").read_text())
    assert summary["classes"]["Finding"] == 70
    assert summary["findings_by_country_domain_polarity"]["KZ"]["1"] == {
        "potential": 3,
        "well-developed": 5,
    }
    assert summary["findings_by_country_domain_polarity"]["KG"]["4"] == {
        "potential": 2,
        "well-developed": 4,
    }


def digests(folder: Path) -> dict[str, str]:
    """The SHA-256 of each published file (the persistent store, a folder, is an index of
    ``mgi-graph.nt`` whose bytes RocksDB makes its own: see :func:`store_triples`)."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def store_triples(folder: Path) -> set[str]:
    """The triples of the build's persistent store, as N-Triples lines."""
    from mgi_graph.store.disk_store import open_read_only

    return {str(q.triple) for q in open_read_only(folder / "store")}


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mgi_graph", *args],
        capture_output=True,
        text=True,
        env=env or ENV,
        cwd=ROOT,
        timeout=300,
    )


def test_two_builds_in_fresh_processes_are_byte_identical(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    # The second build reads a copy of the project in another folder: where the project
    # lies is not an input (the manifest's digest once named every file by its full path).
    elsewhere = {"MGI_GRAPH_HOME": str(copy_project(tmp_path))}
    for out, seed, home in ((a, "1", {}), (b, "2", elsewhere)):
        # A release carries a creation date: fixed as reproducible builds do.
        env = {**ENV, **home, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1763856000"}
        r = run_cli("build", "--out", str(out), "--formats", "all", env=env)
        assert r.returncode == 0, r.stderr
    assert digests(a) == digests(b)
    assert '"2025-11-23"^^xsd:date' in (a / "void.ttl").read_text("utf-8")
    # The two persistent stores hold the same triples as the N-Triples file loaded into
    # memory (Oxigraph keeps the value of an xsd:nonNegativeInteger as an xsd:integer, on
    # disk as in memory).
    import pyoxigraph as ox

    memory = ox.Store()
    memory.bulk_load(path=str(a / "mgi-graph.nt"), format=ox.RdfFormat.N_TRIPLES)
    nt = {str(q.triple) for q in memory}
    assert store_triples(a) == store_triples(b) == nt
    assert len(nt) == sum(1 for _ in (a / "mgi-graph.nt").open(encoding="utf-8"))


def copy_project(tmp_path: Path) -> Path:
    """A copy of the knowledge folders, to break without touching the real ones."""
    import shutil

    home = tmp_path / "home"
    for name in ("ontology", "data", "queries"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, home / name)
    return home


def first_build(tmp_path: Path) -> tuple[Path, Path, dict[str, str], dict[str, str]]:
    """A copy of the project, built once: (home, build folder, environment, output digests)."""
    home = copy_project(tmp_path)
    out = tmp_path / "out"
    env = {**ENV, "MGI_GRAPH_HOME": str(home)}
    assert run_cli("build", "--out", str(out), env=env).returncode == 0
    return home, out, env, digests(out)


def test_nonconforming_data_exits_1_grouped_and_leaves_build_untouched(tmp_path, built):
    home, out, env, before = first_build(tmp_path)
    # A country whose ISO code is malformed breaks the country shape.
    countries = home / "data" / "countries.ttl"
    countries.write_text(
        countries.read_text().replace('mgi:isoAlpha2 "KZ"', 'mgi:isoAlpha2 "kz1"'), "utf-8"
    )
    r = run_cli("build", "--out", str(out), env=env)
    assert r.returncode == 1
    assert "two capital letters" in r.stderr
    assert "Kazakhstan / (no domain):" in r.stderr
    assert digests(out) == before


def test_bad_source_exits_2_naming_file_and_line_and_leaves_build_untouched(tmp_path):
    home, out, env, before = first_build(tmp_path)
    src = home / "data" / "sources" / "mgi-profile-kyrgyzstan-2023-en.txt"
    text = src.read_text("utf-8").replace("Key findings\nPartnerships", "Key findings\nPartnerzips")
    src.write_text(text, "utf-8")
    catalogue = home / "data" / "catalogue.ttl"
    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    catalogue.write_text(
        catalogue.read_text().replace(
            "203b34a7a50ddb45ea6bed95693bc6ebb569c24b575f5c3b1b54a29d67506acd", digest
        ),
        "utf-8",
    )
    r = run_cli("build", "--out", str(out), env=env)
    assert r.returncode == 2
    assert (
        "mgi-profile-kyrgyzstan-2023-en.txt:83: unknown domain heading: 'Partnerzips'" in r.stderr
    )
    assert digests(out) == before


def test_edited_source_is_refused_by_its_digest(tmp_path):
    home = copy_project(tmp_path)
    src = home / "data" / "sources" / "iom-news-astana-roundtable-2014.txt"
    src.write_text(src.read_text("utf-8") + "extra\n", "utf-8")
    r = run_cli("build", "--out", str(tmp_path / "out"), env={**ENV, "MGI_GRAPH_HOME": str(home)})
    assert r.returncode == 2
    assert "source file changed" in r.stderr and "iom-news-astana-roundtable-2014.txt" in r.stderr


def test_uncatalogued_source_is_refused(tmp_path):
    home = copy_project(tmp_path)
    (home / "data" / "sources" / "stray.txt").write_text("x", "utf-8")
    r = run_cli("build", "--out", str(tmp_path / "out"), env={**ENV, "MGI_GRAPH_HOME": str(home)})
    assert r.returncode == 2 and "stray.txt is not described in the catalogue" in r.stderr


def test_turtle_syntax_error_names_file_line_and_column(tmp_path):
    home = copy_project(tmp_path)
    reg = home / "data" / "registry.ttl"
    reg.write_text(reg.read_text("utf-8") + '\norg:broken rdfs:label "unterminated .\n', "utf-8")
    r = run_cli("build", "--out", str(tmp_path / "out"), env={**ENV, "MGI_GRAPH_HOME": str(home)})
    assert r.returncode == 2
    lines = reg.read_text("utf-8").count("\n")
    assert f"registry.ttl:{lines}:" in r.stderr and "Turtle syntax error" in r.stderr


BAD_INPUTS = {
    "empty": (b"", "file is empty"),
    "binary": (b"Key findings\n\x00\x01\x02\x03", "binary file"),
    "not-mgi": (b"Minutes of the meeting.\n\nNothing else.\n", "no findings lists found"),
    "invalid-utf8": ("Partnerships\nКыргызстан\n".encode("cp1251"), "not valid UTF-8"),
    "heading-without-findings": (
        KG_TEXT.replace(
            "Key findings\nPartnerships", "Key findings\nPartnerships\n\nKey findings\nPartnerships"
        ).encode(),
        "followed by no list of findings",
    ),
}


@pytest.mark.parametrize("kind", sorted(BAD_INPUTS))
def test_bad_profile_input_exits_2_and_leaves_build_untouched(kind, tmp_path):
    home, out, env, before = first_build(tmp_path)
    data, message = BAD_INPUTS[kind]
    src = home / "data" / "sources" / "mgi-profile-kyrgyzstan-2023-en.txt"
    old = hashlib.sha256(src.read_bytes()).hexdigest()
    src.write_bytes(data)
    catalogue = home / "data" / "catalogue.ttl"
    new = hashlib.sha256(data).hexdigest()
    catalogue.write_text(catalogue.read_text("utf-8").replace(old, new), "utf-8")
    r = run_cli("build", "--out", str(out), env=env)
    assert r.returncode == 2, r.stderr
    assert "mgi-profile-kyrgyzstan-2023-en.txt" in r.stderr and message in r.stderr
    assert digests(out) == before


def test_documents_of_one_profile_that_disagree_stop_the_build(tmp_path):
    home, out, env, before = first_build(tmp_path)
    src = home / "data" / "sources" / "mgi-profile-kazakhstan-2018-page-es.txt"
    old = hashlib.sha256(src.read_bytes()).hexdigest()
    text = src.read_text("utf-8").replace(
        "It is not yet possible to apply for visas online.",
        "It is possible to apply for visas online.",
    )
    src.write_text(text, "utf-8")
    catalogue = home / "data" / "catalogue.ttl"
    new = hashlib.sha256(src.read_bytes()).hexdigest()
    catalogue.write_text(catalogue.read_text("utf-8").replace(old, new), "utf-8")
    r = run_cli("build", "--out", str(out), env=env)
    assert r.returncode == 2
    assert (
        "finding (6, 'potential', 2) differs between mgi-profile-kazakhstan-2018-en.txt "
        "(line 136) and mgi-profile-kazakhstan-2018-page-es.txt (line 66)" in r.stderr
    )
    assert digests(out) == before
