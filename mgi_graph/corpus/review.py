"""``mgi-graph review``: the proposed registry entries listed, accepted, rejected or merged.

Each change rewrites ``curation/proposed.ttl`` (see :mod:`mgi_graph.curate.proposed_file`)
under the corpus's lock, so that two reviews at once lose no decision; the next build checks
the result (a merge into an entry that does not exist is an error there).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from mgi_graph.core import iris
from mgi_graph.core.corpus_lock import corpus_lock
from mgi_graph.core.errors import InputError
from mgi_graph.core.files import atomic_write
from mgi_graph.core.paths import home
from mgi_graph.curate.kinds import KindRules, rule_kinds
from mgi_graph.curate.proposals import Proposal
from mgi_graph.curate.proposed_file import parse, render
from mgi_graph.names import name_rules


def list_proposals(status: str | None = None) -> list[str]:
    """One line per proposal, the least certain first (then by key): key, status,
    confidence, class, jurisdiction, name, parent, where found."""
    from mgi_graph.curate.kinds import kind_rules

    h = home()
    lines = []
    rules = kind_rules()
    proposals = parse(h.proposed_file)
    proposals.sort(key=lambda p: (p.confidence if p.confidence is not None else 1.0, p.iri))
    for p in proposals:
        if status is not None and p.status != status:
            continue
        state = f"merged into {p.merged_into}" if p.merged_into else p.status
        where = ", ".join(
            f"{e.source.rsplit('/', 1)[-1]}@{e.start}"
            for e in sorted(p.evidence, key=lambda e: (e.source, e.start))[:3]
        )
        more = f" (+{len(p.evidence) - 3})" if len(p.evidence) > 3 else ""
        parent = f" part of {p.parent};" if p.parent else ""
        names = f" ({', '.join(sorted(p.acronyms))})" if p.acronyms else ""
        sure = f"{p.confidence:.2f}" if p.confidence is not None else "-"
        lines.append(
            f"{p.iri}\t{state}\t{sure}\t{p.cls}\t{p.jurisdiction or 'international'}\t"
            f"{p.label}{names};{parent} kind: {_kinds(p, rules)}; found at {where}{more}"
        )
    return lines


def _kinds(p: Proposal, rules: KindRules) -> str:
    """A proposal's kinds as the build will give them: set on review, or by the rules (a
    body whose parent decides says so), or none; "-" for a law, instrument or agreement
    (whose IRI folder, in data/proposals.toml, is not that of bodies)."""
    if p.kinds:
        return ", ".join(sorted(p.kinds)) + " (set on review)"
    if name_rules(p.lang).folders.get(p.cls) != "org":
        return "-"
    given = rule_kinds([p.cls], [(n, p.lang) for n in p.names], p.jurisdiction is None, rules)
    if given:
        return ", ".join(k for k, _ in given)
    return "its parent's" if p.parent else "none (set one with review kind)"


def _find(proposals: Sequence[Proposal], key: str) -> Proposal:
    wanted = key.replace(":", "/", 1) if ":" in key and "/" not in key else key
    hits = [p for p in proposals if p.iri == wanted or p.iri.split("/", 1)[-1] == wanted]
    if len(hits) != 1:
        raise InputError(
            f"no proposed entry {key!r} (see `mgi-graph review`)", path=home().proposed_file
        )
    return hits[0]


def set_kinds(keys: Sequence[str], kinds: Sequence[str]) -> list[str]:
    """Give the proposals ``keys`` the kinds of body ``kinds`` (notations of
    ``ontology/body-kinds.ttl``), in place of the rules' (none: back to the rules')."""
    from mgi_graph.core.rdffiles import load_turtle
    from mgi_graph.core.vocab import MGI, SKOS

    h = home()
    h.check_writable()
    scheme = load_turtle(h.knowledge("ontology/body-kinds.ttl"))
    known = {str(scheme.value(k, SKOS.notation)) for k in scheme.subjects(None, MGI.BodyKind)}
    unknown = sorted(set(kinds) - known)
    if unknown:
        raise InputError(
            f"no kind of body {', '.join(unknown)}: the kinds are {', '.join(sorted(known))}"
        )
    with corpus_lock(h.root):
        proposals = parse(h.proposed_file)
        done = []
        for key in keys:
            p = _find(proposals, key)
            p.kinds = set(kinds)
            done.append(f"{p.iri}: kind {', '.join(sorted(kinds)) or 'by the rules'}")
        atomic_write(h.proposed_file, render(proposals))
    return done


def settle(
    action: str, keys: Sequence[str], into: str | None = None, force: bool = False
) -> list[str]:
    """Accept, reject or merge the proposals ``keys``; return what was done. A merge into
    an entry of another jurisdiction (another country's, or an international one) is
    refused unless ``force``."""
    h = home()
    h.check_writable()
    with corpus_lock(h.root):
        return _settle(h.proposed_file, action, keys, into, force)


def _settle(
    path: Path, action: str, keys: Sequence[str], into: str | None, force: bool
) -> list[str]:
    proposals = parse(path)
    done = []
    if action == "merge" and not into:
        raise InputError("review merge needs --into ENTRY (the entry the proposal is)")
    if action != "merge" and into:
        raise InputError("--into goes with review merge")
    for key in keys:
        p = _find(proposals, key)
        if action == "accept":
            p.status, p.merged_into = "accepted", None
        elif action == "reject":
            p.status, p.merged_into = "rejected", None
        else:
            assert into is not None
            target = into.replace(":", "/", 1) if ":" in into and "/" not in into else into
            if target == p.iri:
                raise InputError(f"{key} cannot be merged into itself")
            p.merged_into, p.status = target, "accepted"
        verb = {"accept": "accepted", "reject": "rejected", "merge": "merged"}[action]
        done.append(f"{p.iri}: {verb}" + (f" into {p.merged_into}" if p.merged_into else ""))
    _check_targets(proposals, keys if action == "merge" and not force else ())
    atomic_write(path, render(proposals))
    return done


def _check_targets(proposals: Sequence[Proposal], merging: Sequence[str] = ()) -> None:
    """A merge must name a registry entry or another proposal that is not itself merged;
    the proposals being merged (``merging``, their keys) only one of their own
    jurisdiction."""
    from mgi_graph.core.vocab import MGI, SKOS
    from mgi_graph.graph.assemble import knowledge_graph

    g = knowledge_graph()
    own = {p.iri: p for p in proposals}
    for key in merging:
        p = _find(proposals, key)
        assert p.merged_into is not None
        target = own.get(p.merged_into)
        if target is not None:
            theirs = target.jurisdiction
        else:
            juris = g.value(iris.entry(p.merged_into), MGI.jurisdiction)
            theirs = None if juris is None else str(juris).rsplit("/", 1)[-1]
            theirs = None if theirs == "international" else theirs
        if theirs != p.jurisdiction:
            raise InputError(
                f"{p.iri} is {_whose(p.jurisdiction)}; {p.merged_into} is {_whose(theirs)}: "
                "a body, law or instrument is not another jurisdiction's under another name "
                "(pass --force if they truly are one entry)",
                path=home().proposed_file,
            )
    for p in proposals:
        if not p.merged_into:
            continue
        target = own.get(p.merged_into)
        in_registry = (iris.entry(p.merged_into), SKOS.prefLabel, None) in g
        if not in_registry and (
            target is None or target.merged_into or target.status == "rejected"
        ):
            raise InputError(
                f"{p.iri} cannot be merged into {p.merged_into}: no such entry in the registry "
                "or among the accepted and proposed entries",
                path=home().proposed_file,
            )


def _whose(jurisdiction: str | None) -> str:
    return "international" if jurisdiction is None else f"of country {jurisdiction}"


__all__ = ["list_proposals", "set_kinds", "settle"]
