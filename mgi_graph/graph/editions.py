"""Editions compared: each finding of a later edition of a country's profile linked to the
finding of the previous edition it continues, within the same domain, or to none.

The links are proposals (``mgi:reviewStatus`` proposed), decided by text similarity
(rapidfuzz) and the registry entries both findings name, with the rules of
``data/editions.toml``; ``curation/editions.toml`` of the corpus accepts a link the rules did
not find, or rejects one they found. Each link and each lone finding becomes an
``mgi:EditionChange``: closed, persisting, kept, lost, dropped or new.

>>> change_kind("potential", "well-developed"), change_kind("well-developed", None)
('closed', 'dropped')
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from mgi_graph.core import iris
from mgi_graph.core.errors import InputError
from mgi_graph.core.namespaces import local_name
from mgi_graph.core.paths import home
from mgi_graph.core.tomlfile import read_toml
from mgi_graph.core.vocab import MGI, RDF, XSD, ordered

#: The change for (earlier polarity, later polarity); None: no finding on that side.
CHANGES = {
    ("potential", "well-developed"): "closed",
    ("potential", "potential"): "persisting",
    ("well-developed", "well-developed"): "kept",
    ("well-developed", "potential"): "lost",
}


def change_kind(earlier: str | None, later: str | None) -> str:
    """The change of a pair of polarities (a side is None for a lone finding)."""
    if later is None:
        return "dropped"
    if earlier is None:
        return "new"
    return CHANGES[(earlier, later)]


@dataclass(frozen=True)
class Rules:
    """How findings are compared (``data/editions.toml``)."""

    entity_bonus: float
    max_bonus: float
    threshold: float

    @classmethod
    def load(cls, path: Path | None = None) -> Rules:
        path = path or home().knowledge("data/editions.toml")
        data = read_toml(path, "edition rules")
        if data.get("scorer") != "token_set_ratio":
            raise InputError("scorer: only 'token_set_ratio' is known", path=path)
        return cls(float(data["entity_bonus"]), float(data["max_bonus"]), float(data["threshold"]))


@dataclass(frozen=True)
class Finding:
    iri: URIRef
    profile: URIRef
    country: URIRef
    edition: int
    domain: URIRef
    polarity: str
    text: str
    entities: frozenset[URIRef]


@dataclass(frozen=True)
class Change:
    """One ``mgi:EditionChange``: a pair, or a lone finding, of two consecutive editions."""

    earlier_profile: URIRef
    later_profile: URIRef
    domain: URIRef
    earlier: Finding | None
    later: Finding | None
    score: float | None
    shared: frozenset[URIRef]
    basis: str
    status: str  # proposed or accepted
    #: findings of the other edition that also score at or above the threshold against
    #: this change's finding, but went to a closer one: (finding, score)
    rivals: tuple[tuple[URIRef, float], ...] = ()

    @property
    def kind(self) -> str:
        return change_kind(
            self.earlier.polarity if self.earlier else None,
            self.later.polarity if self.later else None,
        )

    @property
    def iri(self) -> URIRef:
        def side(f: Finding | None) -> str:
            return "none" if f is None else "-".join(str(f.iri).split("/")[-2:])

        pair = f"{local_name(self.earlier_profile)}.{local_name(self.later_profile)}"
        domain = local_name(self.domain)
        base = iris.base_of(str(self.later_profile))
        return iris.edition_change(pair, domain, side(self.earlier), side(self.later), base)


def read_findings(g: Graph) -> list[Finding]:
    """Every finding of the graph with what the comparison needs."""
    out = []
    for f in ordered(g.subjects(RDF.type, MGI.Finding)):
        assert isinstance(f, URIRef)
        profile = g.value(f, MGI.inProfile)
        country = g.value(profile, MGI.assesses)
        edition = g.value(profile, MGI.editionNumber)
        domain, polarity, text = (
            g.value(f, MGI.domain),
            g.value(f, MGI.polarity),
            g.value(f, MGI.text),
        )
        if None in (profile, country, edition, domain, polarity, text):
            continue  # the shapes report an incomplete finding
        out.append(
            Finding(
                f,
                profile,  # type: ignore[arg-type]
                country,  # type: ignore[arg-type]
                int(edition),  # type: ignore[call-overload]
                domain,  # type: ignore[arg-type]
                local_name(polarity),
                str(text),
                frozenset(e for e in g.objects(f, MGI.mentions) if isinstance(e, URIRef)),
            )
        )
    return out


def score(a: Finding, b: Finding, rules: Rules) -> tuple[float, frozenset[URIRef]]:
    """The similarity of two findings and the entries both name."""
    from rapidfuzz import fuzz, utils

    shared = a.entities & b.entities
    text = fuzz.token_set_ratio(a.text, b.text, processor=utils.default_process)
    return min(100.0, text + min(rules.max_bonus, rules.entity_bonus * len(shared))), shared


@dataclass(frozen=True)
class Overrides:
    """Links set by hand (``curation/editions.toml``): ``[[link]]`` pairs accepted whatever
    their score, ``[[reject]]`` pairs never proposed."""

    links: tuple[tuple[URIRef, URIRef], ...]
    rejected: frozenset[tuple[URIRef, URIRef]]
    path: Path | None

    @classmethod
    def load(cls, path: Path | None = None) -> Overrides:
        path = path or home().root / "curation" / "editions.toml"
        if not path.is_file():
            return cls((), frozenset(), None)
        data = read_toml(path, "edition links")

        def pairs(key: str) -> list[tuple[URIRef, URIRef]]:
            out = []
            for i, item in enumerate(data.get(key, []), start=1):
                if not isinstance(item, dict) or set(item) != {"earlier", "later"}:
                    raise InputError(
                        f"[[{key}]] number {i} needs exactly 'earlier' and 'later' (finding keys "
                        "such as finding/MD-1/d1/potential/1)",
                        path=path,
                    )
                out.append((iris.entry(str(item["earlier"])), iris.entry(str(item["later"]))))
            return out

        return cls(tuple(pairs("link")), frozenset(pairs("reject")), path)

    def of(self, known: Mapping[URIRef, object]) -> Overrides:
        """These overrides with each finding key resolved to the finding of ``known`` it
        names: the project's, or the corpus's own (a key names either)."""

        def resolve(iri: URIRef) -> URIRef:
            own = URIRef(iris.own_base() + iris.key_of(str(iri)))
            return iri if iri in known or own not in known else own

        def both(pair: tuple[URIRef, URIRef]) -> tuple[URIRef, URIRef]:
            return resolve(pair[0]), resolve(pair[1])

        return Overrides(
            tuple(both(p) for p in self.links),
            frozenset(both(p) for p in self.rejected),
            self.path,
        )


def compare_editions(
    g: Graph, rules: Rules | None = None, overrides: Overrides | None = None
) -> list[Change]:
    """The changes between each pair of consecutive editions of each country's profiles."""
    rules = rules or Rules.load()
    overrides = overrides or Overrides.load()
    findings = read_findings(g)
    by_iri = {f.iri: f for f in findings}
    overrides = overrides.of(by_iri)
    editions: dict[URIRef, dict[int, URIRef]] = defaultdict(dict)
    for f in findings:
        editions[f.country][f.edition] = f.profile
    forced = _check_overrides(overrides, by_iri, editions)
    by_place: dict[tuple[URIRef, URIRef], list[Finding]] = defaultdict(list)
    for f in findings:  # in IRI order, as read
        by_place[(f.profile, f.domain)].append(f)
    domains = sorted({f.domain for f in findings})
    changes: list[Change] = []
    for country in sorted(editions):
        numbers = sorted(editions[country])
        for before, after in pairwise(numbers):
            pair = (editions[country][before], editions[country][after])
            changes += _compare(pair, by_place, domains, by_iri, rules, overrides, forced)
    return changes


def _check_overrides(
    o: Overrides, by_iri: dict[URIRef, Finding], editions: dict[URIRef, dict[int, URIRef]]
) -> dict[tuple[URIRef, URIRef], tuple[URIRef, URIRef]]:
    """The hand-set links by the profile pair they belong to; raises for one that names no
    finding, links two countries or two domains, or does not go to the next edition."""
    out: dict[tuple[URIRef, URIRef], tuple[URIRef, URIRef]] = {}
    seen: set[URIRef] = set()
    for earlier, later in [*o.links, *sorted(o.rejected)]:
        for f in (earlier, later):
            if f not in by_iri:
                raise InputError(f"{local_name(f)} is no finding of the graph", path=o.path)
        a, b = by_iri[earlier], by_iri[later]
        numbers = sorted(editions[a.country])
        if a.country != b.country:
            raise InputError(
                f"{local_name(earlier)} and {local_name(later)} are findings of two countries",
                path=o.path,
            )
        if a.domain != b.domain:
            raise InputError(
                f"{local_name(earlier)} and {local_name(later)} are in two domains", path=o.path
            )
        if b.edition not in numbers or numbers.index(b.edition) != numbers.index(a.edition) + 1:
            raise InputError(
                f"{local_name(later)} is not of the edition after {local_name(earlier)}'s",
                path=o.path,
            )
    for earlier, later in o.links:
        for f in (earlier, later):
            if f in seen:
                raise InputError(f"{local_name(f)} is in two [[link]] entries", path=o.path)
            seen.add(f)
        out[(earlier, later)] = (by_iri[earlier].profile, by_iri[later].profile)
    return out


def _compare(
    pair: tuple[URIRef, URIRef],
    by_place: dict[tuple[URIRef, URIRef], list[Finding]],
    domains: list[URIRef],
    by_iri: dict[URIRef, Finding],
    rules: Rules,
    o: Overrides,
    forced: dict[tuple[URIRef, URIRef], tuple[URIRef, URIRef]],
) -> list[Change]:
    """The changes between the two profiles of ``pair`` in each of ``domains`` (``by_place``:
    the findings of each profile and domain)."""
    earlier_p, later_p = pair
    out: list[Change] = []
    for domain in domains:
        olds = by_place.get((earlier_p, domain), [])
        news = by_place.get((later_p, domain), [])
        if not olds and not news:
            continue
        taken: set[URIRef] = set()
        for (e, later), profiles in sorted(forced.items()):
            if profiles == pair and by_iri[e].domain == domain:
                a, b = by_iri[e], by_iri[later]
                s, shared = score(a, b, rules)
                basis = f"set by hand in curation/editions.toml (similarity {s:.1f})"
                out.append(Change(earlier_p, later_p, domain, a, b, s, shared, basis, "accepted"))
                taken |= {e, later}
        candidates = []
        for a in olds:
            for b in news:
                if a.iri in taken or b.iri in taken or (a.iri, b.iri) in o.rejected:
                    continue
                s, shared = score(a, b, rules)
                if s >= rules.threshold:
                    candidates.append((-s, str(a.iri), str(b.iri), a, b, s, shared))
        passed_over: list[tuple[URIRef, URIRef, float]] = []
        for _, _, _, a, b, s, shared in sorted(candidates, key=lambda c: c[:3]):
            if a.iri in taken or b.iri in taken:
                passed_over.append((a.iri, b.iri, s))
                continue
            taken |= {a.iri, b.iri}
            out.append(
                Change(
                    earlier_p,
                    later_p,
                    domain,
                    a,
                    b,
                    s,
                    shared,
                    _basis(s, shared, domain),
                    "proposed",
                )
            )
        for a in olds:
            if a.iri not in taken:
                out.append(Change(earlier_p, later_p, domain, a, None, None, frozenset(),
                                  _lone(rules, domain), "proposed"))  # fmt: skip
        for b in news:
            if b.iri not in taken:
                out.append(Change(earlier_p, later_p, domain, None, b, None, frozenset(),
                                  _lone(rules, domain), "proposed"))  # fmt: skip
        out = _with_rivals(out, passed_over)
    return sorted(out, key=lambda c: str(c.iri))


def _with_rivals(
    changes: list[Change], passed_over: list[tuple[URIRef, URIRef, float]]
) -> list[Change]:
    """Each change with the candidates passed over for its findings: a pair scoring at or
    above the threshold whose earlier or later finding went to a closer one is noted on the
    changes of both its findings, so that no competing candidate goes unseen."""
    rivals: dict[URIRef, list[tuple[URIRef, float]]] = defaultdict(list)
    for e, later, s in passed_over:
        rivals[e].append((later, s))
        rivals[later].append((e, s))
    out = []
    for c in changes:
        found = sorted(
            {r for f in (c.earlier, c.later) if f is not None for r in rivals.get(f.iri, [])},
            key=lambda r: (-r[1], str(r[0])),
        )
        if found:
            note = "; ".join(f"{_key(f)} ({s:.1f})" for f, s in found)
            c = replace(
                c, rivals=tuple(found), basis=f"{c.basis}; also close, linked elsewhere: {note}"
            )
        out.append(c)
    return out


def _key(f: URIRef) -> str:
    """A finding's key, as curation/editions.toml writes it (finding/MD-1/d1/potential/1)."""
    return iris.key_of(str(f))


def _basis(s: float, shared: frozenset[URIRef], domain: URIRef) -> str:
    names = ", ".join(sorted(local_name(e) for e in shared))
    both = f"; both name {names}" if shared else ""
    return (
        f"text similarity {s:.1f} (rapidfuzz token-set ratio, with entries){both}; "
        f"domain {local_name(domain)}"
    )


def _lone(rules: Rules, domain: URIRef) -> str:
    return (
        f"no finding of the other edition in domain {local_name(domain)} scores "
        f"{rules.threshold:g} or more"
    )


def add_edition_changes(g: Graph, changes: list[Change]) -> None:
    """The changes as ``mgi:EditionChange`` nodes."""
    for c in changes:
        n = c.iri
        g.add((n, RDF.type, MGI.EditionChange))
        g.add((n, MGI.earlierProfile, c.earlier_profile))
        g.add((n, MGI.laterProfile, c.later_profile))
        g.add((n, MGI.domain, c.domain))
        g.add((n, MGI.changeKind, iris.concept("change", c.kind)))
        g.add((n, MGI.linkBasis, Literal(c.basis, lang="en")))
        g.add((n, MGI.reviewStatus, iris.concept("review", c.status)))
        if c.earlier is not None:
            g.add((n, MGI.earlierFinding, c.earlier.iri))
        if c.later is not None:
            g.add((n, MGI.laterFinding, c.later.iri))
        if c.score is not None:
            g.add((n, MGI.similarityScore, Literal(f"{c.score:.1f}", datatype=XSD.decimal)))
        for e in sorted(c.shared):
            g.add((n, MGI.sharedEntity, e))
        for f, _ in c.rivals:
            g.add((n, MGI.rivalFinding, f))


__all__ = ["Change", "Overrides", "Rules", "add_edition_changes", "compare_editions"]
