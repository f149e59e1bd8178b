"""How well names are read, measured on the profiles written for the tests
(``tests/fixtures/languages``), each with what a careful reader finds in it, read by hand
(``<profile>.gold.toml``: bodies and the domains whose findings name them; laws, instruments
and agreements with their number, year and period).

Each profile is added to a fresh corpus (``mgi-graph add``, with ``--country`` where a local
title does not name it) and the corpus is built; then, from the built graph:

* **pairs**: of the body × domain pairs the reader finds, those where a finding of that
  domain mentions an entry carrying the body's name (label, other name or acronym);
* **laws**: of the laws and instruments the reader finds, those mentioned under their whole
  name, with the number, year and period the reader reads;
* **junk**: of the entries proposed from the profile, those that are no name the reader
  finds (nor its acronym or earlier name);
* **lent**: mentions in the profile's findings of an entry of another country.

``python -m tests.name_scores`` prints the table reported in ``docs/own-corpus.md``.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

#: The base of what the scored corpora add (``init --base``; tests.conftest.OWN).
OWN = "https://example.org/corpus/id/"

HERE = Path(__file__).parent / "fixtures" / "languages"
GOLD = sorted(HERE.glob("*.gold.toml"))
#: Profiles written after the reading rules were fixed, to measure them on unseen text.
HELD_OUT = sorted((HERE / "held-out").glob("*.gold.toml"))


def profile_of(gold: Path) -> Path:
    """The profile a gold file describes."""
    data = tomllib.loads(gold.read_text(encoding="utf-8"))
    return (
        (HERE / data["file"])
        if "file" in data
        else gold.with_name(gold.name[: -len(".gold.toml")] + ".txt")
    )


@dataclass
class Score:
    """What was read of one profile, against the reader's."""

    name: str
    lang: str
    layout: str
    findings: tuple[int, int]  # read, expected
    pairs: tuple[int, int]  # found, expected
    laws: tuple[int, int]
    junk: tuple[int, int]  # junk, proposed
    lent: int
    #: bodies carrying the kind a careful reader gives / bodies; kinds no reader accepts
    kinds: tuple[int, int] = (0, 0)
    wrong_kinds: list[str] = field(default_factory=list)
    #: each body's reader's kind, and whether the body carries it
    kind_rows: list[tuple[str, bool]] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    junk_names: list[str] = field(default_factory=list)


def _fold(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold()


_QUERY = """
PREFIX mgi: <https://w3id.org/mgi-graph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?finding ?domain ?entry WHERE {
  ?finding mgi:inProfile ?profile ; mgi:domain ?d .
  ?d mgi:domainNumber ?domain .
  OPTIONAL { ?finding mgi:mentions ?entry }
}
"""


def score(graph: Graph, gold_file: Path, source_key: str, profile: URIRef) -> Score:
    """The score of one added profile in ``graph``."""
    gold = tomllib.loads(gold_file.read_text(encoding="utf-8"))
    country = gold["country"]
    names: dict[URIRef, set[str]] = {}
    for p in ("prefLabel", "altLabel", "hiddenLabel"):
        for s, o in graph.subject_objects(URIRef("http://www.w3.org/2004/02/skos/core#" + p)):
            if isinstance(s, URIRef):
                names.setdefault(s, set()).add(_fold(str(o)))
    findings: set[URIRef] = set()
    by_domain: dict[int, set[URIRef]] = {}
    for row in graph.query(_QUERY, initBindings={"profile": profile}):
        findings.add(row.finding)  # type: ignore[union-attr]
        if row.entry is not None:  # type: ignore[union-attr]
            by_domain.setdefault(int(row.domain), set()).add(row.entry)  # type: ignore[union-attr]
    mgi = "https://w3id.org/mgi-graph/ontology#"
    juris = {s: str(o) for s, o in graph.subject_objects(URIRef(mgi + "jurisdiction"))}

    def named(entry: URIRef, name: str) -> bool:
        return _fold(name) in names.get(entry, set())

    missed: list[str] = []
    pairs = found_pairs = 0
    for body, domains in gold.get("bodies", {}).items():
        for d in domains:
            pairs += 1
            if any(named(e, body) for e in by_domain.get(d, ())):
                found_pairs += 1
            else:
                missed.append(f"{body} (domain {d})")
    laws = found_laws = 0
    for law, facts in gold.get("laws", {}).items():
        laws += 1
        hits = [e for d in facts["domains"] for e in by_domain.get(d, ()) if named(e, law)]
        ok = bool(hits)
        for e in hits[:1]:
            number = graph.value(e, URIRef("https://schema.org/legislationIdentifier"))
            year = graph.value(e, URIRef(mgi + "adopted"))
            start = graph.value(e, URIRef(mgi + "periodStart"))
            end = graph.value(e, URIRef(mgi + "periodEnd"))
            ok = (
                str(number or "") == facts.get("number", "")
                and str(year or "")[:4] == facts.get("year", "")
                and ([str(start), str(end)] if start else []) == facts.get("period", [])
            )
        found_laws += ok
        if not ok:
            missed.append(f"{law} (law)")
    readable = {_fold(n) for n in (*gold.get("bodies", {}), *gold.get("laws", {}))}
    readable |= {_fold(n) for n in gold.get("former", {}).values()}
    source = URIRef(f"{OWN}source/{source_key}")
    proposed = set()
    for entry, quote in graph.subject_objects(URIRef(mgi + "proposalEvidence")):
        if (quote, URIRef("http://www.w3.org/ns/oa#hasSource"), source) in graph:
            proposed.add(entry)
    junk_names = sorted(
        str(graph.value(e, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")))
        for e in proposed
        if not names.get(e, set()) & readable
    )
    lent = sum(
        1
        for entries in by_domain.values()
        for e in entries
        if juris.get(e, "").startswith("https://w3id.org/mgi-graph/id/country/")
        and not juris[e].endswith("/" + country)
    )
    carried, wrong, kind_rows = kind_agreement(graph, gold.get("kinds", {}), names)
    layout = "local" if gold.get("local") else "national"
    return Score(
        gold_file.name.split(".")[0],
        gold["lang"],
        layout,
        (len(findings), gold["findings"]),
        (found_pairs, pairs),
        (found_laws, laws),
        (len(junk_names), len(proposed)),
        lent,
        (carried, len(gold.get("kinds", {}))),
        wrong,
        kind_rows,
        missed,
        junk_names,
    )


def kind_agreement(
    graph: Graph, kinds: dict[str, list[str]], names: dict[URIRef, set[str]]
) -> tuple[int, list[str], list[tuple[str, bool]]]:
    """How many bodies of ``kinds`` (name: the kind a reader gives, then the kinds accepted)
    carry the reader's kind, the kinds given that no reader accepts, and per body its
    reader's kind and whether it carries it."""
    classification = URIRef("http://www.w3.org/ns/org#classification")
    carried, wrong, rows = 0, [], []
    for body, accepted in kinds.items():
        entries = [e for e, labels in names.items() if _fold(body) in labels]
        given = {
            str(k).rsplit("/", 1)[1] for e in entries for k in graph.objects(e, classification)
        }
        carried += accepted[0] in given
        rows.append((accepted[0], accepted[0] in given))
        wrong += [f"{body}: {k}" for k in sorted(given - set(accepted))]
    return carried, wrong, rows


def add_and_build(
    home: Path, gold_files: list[Path]
) -> tuple[Graph, dict[Path, tuple[str, URIRef]]]:
    """A fresh corpus in ``home`` with each gold file's profile added; its built graph and,
    for each gold file, the key of the added source and the profile's IRI."""
    from mgi_graph.cli import main
    from mgi_graph.core.paths import use_home

    def cli(*args: str) -> int:
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                return main(list(args))
        finally:
            use_home(None)

    assert cli("init", "--base", OWN, str(home)) == 0
    added: dict[Path, tuple[str, URIRef]] = {}
    for gold_file in gold_files:
        gold = tomllib.loads(gold_file.read_text(encoding="utf-8"))
        before = {p.stem for p in (home / "data" / "catalogue").glob("*.ttl")}
        args = ["add", "--home", str(home), str(profile_of(gold_file))]
        if gold.get("local"):
            args += ["--country", gold["country"]]
        assert cli(*args) == 0, gold_file.name
        (key,) = {p.stem for p in (home / "data" / "catalogue").glob("*.ttl")} - before
        record = Graph().parse(home / "data" / "catalogue" / f"{key}.ttl")
        profile = next(
            o
            for o in record.objects(
                None, URIRef("https://w3id.org/mgi-graph/ontology#reportsProfile")
            )
        )
        added[gold_file] = (key, URIRef(str(profile)))
    assert cli("build", "--home", str(home)) == 0
    g = Graph()
    g.parse(home / "build" / "mgi-graph.nt", format="nt")
    return g, added


def table(scores: list[Score]) -> str:
    """The scores as a Markdown table, with a total row."""
    lines = [
        "| profile | language | layout | findings | body × domain pairs "
        "| laws with number and year | junk proposals | lent |",
        "|---|---|---|---|---|---|---|---|",
    ]

    def pct(a: int, b: int) -> str:
        return f"{a}/{b} ({100 * a / b:.0f}%)" if b else "–"

    for s in scores:
        lines.append(
            f"| {s.name} | {s.lang} | {s.layout} | {s.findings[0]}/{s.findings[1]} | "
            f"{pct(*s.pairs)} | {pct(*s.laws)} | {pct(*s.junk)} | {s.lent} |"
        )
    total = [sum(x) for x in zip(*(s.pairs for s in scores), strict=True)]
    laws = [sum(x) for x in zip(*(s.laws for s in scores), strict=True)]
    junk = [sum(x) for x in zip(*(s.junk for s in scores), strict=True)]
    lines.append(
        f"| **all** | | | | {pct(*total)} | {pct(*laws)} | {pct(*junk)} | "
        f"{sum(s.lent for s in scores)} |"
    )
    return "\n".join(lines)


def main() -> None:
    import sys

    golds = HELD_OUT if "--held-out" in sys.argv else GOLD
    with tempfile.TemporaryDirectory() as tmp:
        g, added = add_and_build(Path(tmp) / "corpus", golds)
        scores = [score(g, f, *added[f]) for f in golds]
    print(table(scores))
    carried = sum(s.kinds[0] for s in scores)
    total = sum(s.kinds[1] for s in scores)
    print(f"\nkinds: {carried}/{total} bodies carry the reader's kind")
    per: dict[str, list[bool]] = {}
    for s in scores:
        for kind, ok in s.kind_rows:
            per.setdefault(kind, []).append(ok)
    print("| kind | bodies carrying it / bodies a reader gives it |\n|---|---|")
    for kind, oks in sorted(per.items()):
        print(f"| {kind} | {sum(oks)}/{len(oks)} |")
    for s in scores:
        if s.kinds[0] < s.kinds[1] or s.wrong_kinds:
            print(f"  {s.name}: {s.kinds[0]}/{s.kinds[1]}; not accepted {s.wrong_kinds}")
    for s in scores:
        if s.missed or s.junk_names:
            print(f"\n{s.name}: missed {s.missed}; junk {s.junk_names}")


if __name__ == "__main__":
    main()
