"""A scaled copy of the project: the real sources plus copies of the real profiles under
synthetic countries, so the whole pipeline runs on ×N the findings.

Each copy of a profile keeps its layout and findings; its title names a synthetic country
("Benchmarkland AB") and an edition ("Migration Governance Third Profile: …"), recorded in
the copied ``countries.ttl`` and ``catalogue.ttl`` of the scaled project (never in the real
one). Codes are two capital letters not used by a real country of the graph (666 of them),
each with up to three editions: 1,998 profiles, just enough for ×1000 (999 × 2 copies).
"""

from __future__ import annotations

import hashlib
import itertools
import shutil
import string
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = {"KZ", "KG", "TJ", "UZ", "RU", "BY", "AM", "TR", "CN", "KR"}
PROFILES = {
    # family: (documents, title line of the main document)
    "kz": (
        ("mgi-profile-kazakhstan-2018-en.txt", "mgi-profile-kazakhstan-2018-page-es.txt"),
        "Migration Governance Profile: Republic of Kazakhstan",
    ),
    "kg": (
        ("mgi-profile-kyrgyzstan-2023-en.txt",),
        "Migration Governance Second Profile: The Kyrgyz Republic (Kyrgyzstan)",
    ),
}
ORDINALS = {1: "", 2: "Second ", 3: "Third "}  # the editions the ontology has


def codes() -> list[str]:
    letters = string.ascii_uppercase
    return [a + b for a, b in itertools.product(letters, letters) if a + b not in REAL]


def slots() -> list[tuple[str, int]]:
    """(country code, edition) for each synthetic profile, editions 1 to 3 of every code."""
    return [(code, edition) for edition in ORDINALS for code in codes()]


def make_project(factor: int, dest: Path) -> Path:
    """A project folder at ``dest`` holding ×``factor`` the real profiles."""
    if dest.exists():
        shutil.rmtree(dest)
    for folder in ("ontology", "queries", "data"):
        shutil.copytree(ROOT / folder, dest / folder)
    sources = dest / "data" / "sources"
    countries = (dest / "data" / "countries.ttl").open("a", encoding="utf-8")
    catalogue = (dest / "data" / "catalogue.ttl").open("a", encoding="utf-8")
    available = iter(slots())
    seen: set[str] = set()
    for _copy in range(factor - 1):
        for family, (docs, title) in PROFILES.items():
            code, edition = next(available)
            if code not in seen:
                seen.add(code)
                countries.write(
                    f"\ncountry:{code} a mgi:Country ;\n"
                    f'    rdfs:label "Benchmarkland {code}"@en ;\n'
                    f'    skos:prefLabel "Benchmarkland {code}"@en ;\n'
                    f'    mgi:isoAlpha2 "{code}" .\n'
                )
            new_title = f"Migration Governance {ORDINALS[edition]}Profile: Benchmarkland {code}"
            for doc in docs:
                text = (ROOT / "data" / "sources" / doc).read_text("utf-8")
                text = text.replace(title, new_title)
                name = f"bench-{family}-{code.lower()}-{edition}-{doc.split('-', 3)[-1]}"
                (sources / name).write_text(text, "utf-8")
                digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
                key = name.removesuffix(".txt")
                lang = (
                    '"es"^^xsd:language , "en"^^xsd:language'
                    if "page-es" in doc
                    else '"en"^^xsd:language'
                )
                catalogue.write(
                    f"\nsrc:{key} a mgi:SourceDocument ;\n"
                    f'    dcterms:title "Benchmark copy {key}"@en ;\n'
                    "    mgi:documentKind <https://w3id.org/mgi-graph/id/kind/mgi-profile> ;\n"
                    "    dcterms:publisher org:iom ;\n"
                    '    dcterms:issued "2018-05"^^xsd:gYearMonth ;\n'
                    f"    dcterms:language {lang} ;\n"
                    f"    mgi:subjectCountry country:{code} ;\n"
                    f"    mgi:reportsProfile profile:{code}-{edition} ;\n"
                    '    dcterms:rights "Synthetic copy for benchmarks."@en ;\n'
                    f'    mgi:fileName "{name}" ;\n'
                    f'    mgi:sha256 "{digest}" .\n'
                )
    countries.close()
    catalogue.close()
    return dest


#: The ordinal a title gives each edition (the editions the vocabulary numbers, 1 to 4).
ADD_ORDINALS = {1: "", 2: "Second ", 3: "Third ", 4: "Fourth "}


def iso_slots() -> list[tuple[str, str, int]]:
    """(alpha-2, English name, edition) for each profile ``make_corpus_through_add`` can
    write: every ISO 3166 country but the graph's curated ten whose name reads back to it,
    each in editions 1 to 4."""
    import pycountry

    from mgi_graph.curate.countries import country, lookup_country

    names = []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        iso = country(c.alpha_2)
        if c.alpha_2 in REAL or iso is None:
            continue
        found = lookup_country(iso.name)
        if found is not None and found.alpha_2 == c.alpha_2:
            names.append((c.alpha_2, iso.name))
    return [(code, name, edition) for edition in ADD_ORDINALS for code, name in names]


def profile_files(count: int, folder: Path, skip: int = 0) -> list[Path]:
    """``count`` profiles written to ``folder``, each a copy of a shipped English page (the
    Spanish page has no title, so ``add`` cannot place it) as a profile of a real ISO
    country the graph does not curate, after the first ``skip`` such profiles; up to 956
    (239 countries × 4 editions)."""
    available = iso_slots()
    if skip + count > len(available):
        raise ValueError(f"{skip + count} profiles asked for; {len(available)} can be written")
    slots = iter(available[skip:])
    families = itertools.cycle(PROFILES.items())
    files = []
    for _n in range(count):
        family, (docs, title) = next(families)
        code, name, edition = next(slots)
        text = (ROOT / "data" / "sources" / docs[0]).read_text("utf-8")
        new_title = f"Migration Governance {ADD_ORDINALS[edition]}Profile: {name}"
        path = folder / f"bench-{family}-{code.lower()}-{edition}.txt"
        path.write_text(text.replace(title, new_title), "utf-8")
        files.append(path)
    return files


def make_corpus_through_add(factor: int, dest: Path, code: Path = ROOT) -> Path:
    """A researcher's corpus at ``dest`` (``mgi-graph init``) with ×``factor`` the shipped
    profiles' findings, each copy added with ``mgi-graph add`` (in one batch, with the code
    of the checkout ``code``) as a profile of a real ISO country the graph does not curate:
    its bodies are proposed as ``add`` proposes them. Up to ×478."""
    import os
    import subprocess
    import sys
    import tempfile

    from mgi_graph.corpus.create import init_corpus

    if dest.exists():
        shutil.rmtree(dest)
    init_corpus(dest)
    with tempfile.TemporaryDirectory(prefix="mgi-bench-add-") as tmp:
        files = profile_files((factor - 1) * len(PROFILES), Path(tmp))
        cmd = [sys.executable, "-m", "mgi_graph", "add", "--home", str(dest), *map(str, files)]
        env = {**os.environ, "PYTHONPATH": str(code)}
        subprocess.run(cmd, check=True, capture_output=True, cwd=code, env=env)
    return dest


__all__ = ["make_corpus_through_add", "make_project", "profile_files"]
