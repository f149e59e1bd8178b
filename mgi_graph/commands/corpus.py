"""A researcher's own corpus: ``init``, ``add``, ``review``, ``remove``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mgi_graph.core.errors import EXIT_OK, InputError, MgiError, shown

if TYPE_CHECKING:
    from mgi_graph.curate.proposals import Proposal


def cmd_init(args: argparse.Namespace) -> int:
    """Create a corpus of your own in DIR, seeded with the shipped sources.

    DIR must be new or empty; it receives the shipped sources and their curated knowledge.
    Use it with --home DIR (or MGI_GRAPH_HOME=DIR) on every other command; the ontology,
    shapes and queries stay the package's. What the corpus adds (its documents, findings,
    quotes, mentions and proposed entries) is named under its own base IRI (--base), never
    the project's namespace unless given.
    """
    from mgi_graph.corpus.create import init_corpus

    h = init_corpus(Path(args.dir), args.base)
    print(f"created the corpus {h.root}; add profiles with: mgi-graph add --home {h.root} FILE...")
    return EXIT_OK


def cmd_add(args: argparse.Namespace) -> int:
    """Add MGI profiles (text or PDF files) to the corpus.

    Each is read whole (title, country, date, edition, language and every finding),
    stored in data/sources/ with its catalogue record in data/catalogue/, and the bodies,
    laws and instruments it names that no registry entry of its country covers are proposed
    in curation/proposed.ttl for review (see `mgi-graph review`). Adding the same file
    again changes nothing; a changed file under a name already added is refused unless
    --replace. Nothing is written for a file that cannot be read whole.

    A local profile (of a city, a municipality or a province) assesses a local government
    within its country: where its title does not name the country ("City of Montréal"
    rather than "Accra (Ghana)"), give it with --country.

    Articles and news items are added with --kind article or --kind news, --country and
    --date (and --title, --publisher, --start-line where the text does not say them
    plainly): their paragraphs are matched and the names in them proposed the same way.
    """
    from mgi_graph.corpus.add import Described, add_files
    from mgi_graph.ingest.records import POLARITY_WORDS

    given = [o for o in ("date", "title", "publisher", "start_line") if getattr(args, o)]
    if args.kind == "profile" and given:
        options = ", ".join("--" + o.replace("_", "-") for o in given)
        raise InputError(
            f"{options}: for --kind article or news; a profile says its own title and date"
        )
    about = None
    if args.kind != "profile":
        about = Described(
            args.kind,
            args.country,
            args.date,
            args.title,
            args.publisher,
            args.start_line or 1,
        )

    def progress(n: int, total: int, path: Path) -> None:
        if total > 1 and sys.stderr.isatty():
            print(f"[{n}/{total}] {shown(path)}", file=sys.stderr)

    added = add_files(
        [Path(f) for f in args.files],
        replace=args.replace,
        partial=args.partial,
        progress=progress,
        about=about,
        country=args.country if args.kind == "profile" else None,
    )
    for r in added:
        if r.action == "unchanged":
            print(f"{shown(r.file)}: already in the corpus as {r.key}; nothing changed")
            continue
        if r.kind != "profile":
            print(
                f"{shown(r.file)}: {r.action} as {r.key} ({r.kind} on country/{r.country}, "
                f"{r.title}): {r.paragraphs} paragraphs"
            )
            _print_proposals(r.proposals)
            continue
        total = sum(r.findings.values())
        print(f"{shown(r.file)}: {r.action} as {r.key} ({r.profile}, {r.title}): {total} findings")
        for domain in sorted({d for d, _ in r.findings}):
            counts = ", ".join(
                f"{r.findings[(domain, pol)]} {POLARITY_WORDS[pol]}" for pol in POLARITY_WORDS
            )
            print(f"  domain {domain}: {counts}")
        _print_proposals(r.proposals)
    return EXIT_OK


def _print_proposals(proposals: list[Proposal]) -> None:
    print(f"  {len(proposals)} entries proposed for review:")
    for p in proposals:
        parent = f", part of {p.parent}" if p.parent else ""
        print(f"    {p.iri}  {p.cls}  {p.label!r}{parent}")


def cmd_review(args: argparse.Namespace) -> int:
    """List or settle the registry entries proposed from added documents.

    `review` or `review list` lists them, the least certain first (`--status proposed`,
    `accepted` or `rejected` for some only); `review accept KEY...`, `review reject KEY...`
    (the name is then never proposed again), `review merge KEY --into ENTRY` (the proposal's
    names become ENTRY's: an acronym, a variant spelling), `review kind KEY --kind KIND`.
    KEY is an entry's key as listed (org/md-...), or a Wikidata candidate's from `link`
    (ENTRY=QID), which accept and reject settle too. The next build checks the result.
    """
    from mgi_graph.corpus.review import list_proposals, settle
    from mgi_graph.linking.fetch import decide, listed

    links = [k for k in args.keys if "=" in k]
    if args.action == "list":
        if args.keys:
            raise MgiError("review list takes no keys")
        rows = list_proposals(status=args.status) + listed(args.status)
        for line in rows:
            print(line)
        if not rows:
            print("no proposals" + (f" with status {args.status}" if args.status else ""))
        return EXIT_OK
    if not args.keys:
        raise MgiError(f"review {args.action} needs at least one KEY")
    if args.force and args.action != "merge":
        raise MgiError("--force goes with review merge")
    if args.action == "kind":
        from mgi_graph.corpus.review import set_kinds

        for line in set_kinds(args.keys, args.kind or []):
            print(line)
        return EXIT_OK
    if args.kind:
        raise MgiError("--kind goes with review kind")
    if links and args.action not in ("accept", "reject"):
        raise MgiError(f"review {args.action} takes no link candidate: {', '.join(links)}")
    for link in decide(links, "accepted" if args.action == "accept" else "rejected"):
        print(f"{link.status}: {link.key} ({link.label})")
    entries = [k for k in args.keys if "=" not in k]
    for line in settle(args.action, entries, into=args.into, force=args.force) if entries else ():
        print(line)
    return EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    """Take added documents out of the corpus, with the evidence they gave.

    KEY is a document's key, the name of its record in data/catalogue/ (as `add` printed
    it). Its files go, and so do the passages it gave as evidence; a proposal left with no
    evidence goes too unless it was decided on. All or nothing, under the corpus's lock.
    """
    from mgi_graph.corpus.remove import remove_documents

    for line in remove_documents(args.keys):
        print(line)
    return EXIT_OK


__all__ = ["cmd_add", "cmd_init", "cmd_remove", "cmd_review"]
