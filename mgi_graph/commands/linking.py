"""The ``link`` command: Wikidata candidates for the corpus's entries, and decisions on them."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from mgi_graph.core.errors import EXIT_OK, EXIT_USAGE


def cmd_link(args: argparse.Namespace) -> int:
    """Propose Wikidata items for the corpus's bodies, laws and agreements that have none.

    Asks a Wikidata SPARQL endpoint (--endpoint; the public one by default) for the items
    whose label or alias is one of an entry's names, in its language or English, of the
    entry's country (P17 or P1001, by its ISO code P297): another country's body of the same
    name is never proposed. Each candidate is kept in curation/links.ttl with its evidence
    (label, description, classes, countries) and a score; one with a fitting class (P31) that
    is its entry's only candidate is accepted by the strict rule, and says so. Every other
    waits for --accept KEY or --reject KEY, or `review accept KEY` (KEY: ENTRY=QID, as --list
    and `review list` show). Accepted links
    go into the next build as schema:sameAs. Without a network, says so and changes nothing
    (exit 2); a batch that fails later is reported, and running link again resumes.
    """
    from mgi_graph.linking import fetch

    if args.accept or args.reject:
        changed = fetch.decide(args.accept or [], "accepted") if args.accept else []
        changed += fetch.decide(args.reject or [], "rejected") if args.reject else []
        for link in changed:
            print(f"{link.status}: {link.key} ({link.label})")
        return EXIT_OK
    if args.list:
        for line in fetch.listed():
            print(line)
        return EXIT_OK
    run = fetch.link(args.endpoint, args.batch, args.delay, args.timeout)
    for link in run.proposed:
        by = " by the rule" if link.decided_by == "rule" else ""
        print(f"{link.status}{by}: {link.key}  {link.label} (score {link.score})")
    print(
        f"asked for {run.asked} entries: {len(run.proposed)} candidates, "
        f"{sum(1 for x in run.proposed if x.status == 'accepted')} accepted by the rule"
    )
    return EXIT_USAGE if run.failed else EXIT_OK


def register(add: Callable[..., argparse.ArgumentParser]) -> None:
    """The ``link`` command's options."""
    from mgi_graph.linking.fetch import PUBLIC_ENDPOINT

    p = add("link", cmd_link)
    p.add_argument("--endpoint", default=PUBLIC_ENDPOINT, help="A Wikidata SPARQL endpoint.")
    p.add_argument("--batch", type=int, default=20, help="Entries asked for per request.")
    p.add_argument("--delay", type=float, default=1.0, help="Seconds between requests.")
    p.add_argument("--timeout", type=float, default=60.0, help="Seconds to wait for an answer.")
    p.add_argument("--list", action="store_true", help="List the candidates and decisions.")
    p.add_argument("--accept", nargs="+", metavar="KEY", help="Accept candidates (ENTRY=QID).")
    p.add_argument("--reject", nargs="+", metavar="KEY", help="Reject candidates (ENTRY=QID).")
