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


__all__ = ["make_project"]
