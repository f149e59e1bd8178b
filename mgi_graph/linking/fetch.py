"""``mgi-graph link``: ask a Wikidata SPARQL endpoint for the items of a corpus's entries that
have no Wikidata link, batch by batch, and keep the candidates in ``curation/links.ttl``.

Polite to the endpoint: a user agent that names the tool, batches of names, a pause between
batches. Offline or refused at the first batch, it changes nothing and says so in one line;
a batch that fails later is reported and the candidates found so far are kept, so that the
run can be resumed (an entry that has candidates is not asked again).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
import urllib.error
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from mgi_graph.core.corpus_lock import Transaction, corpus_lock
from mgi_graph.core.errors import InputError
from mgi_graph.core.paths import home
from mgi_graph.core.version import __version__
from mgi_graph.curate import links_file
from mgi_graph.curate.links_file import Link
from mgi_graph.linking import wikidata as wd

PUBLIC_ENDPOINT = "https://query.wikidata.org/sparql"
AGENT = f"mgi-graph/{__version__} (https://w3id.org/mgi-graph; migration governance graph)"


class EndpointError(InputError):
    """The endpoint could not be asked."""


@dataclass
class LinkRun:
    """What a run of ``link`` did."""

    asked: int = 0
    proposed: list[Link] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def ask(endpoint: str, query: str, timeout: float) -> list[dict[str, str]]:
    """The rows of ``query`` at ``endpoint``, each variable's value as text."""
    from SPARQLWrapper import JSON, POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    client = SPARQLWrapper(endpoint, agent=AGENT)
    client.setQuery(query)
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    client.setTimeout(int(timeout))
    try:
        answer = client.queryAndConvert()
    except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
        reason = getattr(exc, "reason", exc)
        raise EndpointError(f"{endpoint}: cannot reach it ({reason})") from None
    except SPARQLWrapperException as exc:
        raise EndpointError(f"{endpoint}: {str(exc).splitlines()[0]}") from None
    if not isinstance(answer, dict):
        raise EndpointError(f"{endpoint}: the answer is not SPARQL JSON results")
    bindings = answer["results"]["bindings"]
    return [{k: v["value"] for k, v in b.items()} for b in bindings]


def link(
    endpoint: str = PUBLIC_ENDPOINT,
    batch: int = 20,
    delay: float = 1.0,
    timeout: float = 60.0,
    say: Callable[[str], None] = print,
    today: str | None = None,
) -> LinkRun:
    """Propose Wikidata items for the corpus's entries that have none (see the module)."""
    from mgi_graph.build.manifest import ensure_built
    from mgi_graph.query.engines import run

    h = home()
    h.check_writable()
    day = today or dt.datetime.now(tz=dt.UTC).date().isoformat()
    nt = ensure_built()
    result = run(wd.ENTRIES_QUERY, {}, data=nt)
    rows = [dict(zip(result.columns, r, strict=True)) for r in result.rows]
    words = wd.load_class_words()
    done = {link.entry for link in links_file.read(h.links_file)}
    todo = [e for e in wd.entries_of(rows) if e.iri not in done and e.names]
    out = LinkRun()
    batches = [todo[i : i + batch] for i in range(0, len(todo), batch)]
    for n, part in enumerate(batches, start=1):
        if n > 1 and delay > 0:
            time.sleep(delay)
        try:
            found = ask(endpoint, wd.CANDIDATES_QUERY % wd.names_block(part), timeout)
        except EndpointError as exc:
            if n == 1:
                raise EndpointError(f"{exc.reason}: nothing changed") from None
            out.failed.append(f"batch {n} of {len(batches)}: {exc.reason}")
            say(f"batch {n} of {len(batches)} failed ({exc.reason}); run link again to resume")
            continue
        out.asked += len(part)
        scored = wd.candidates(part, found, words)
        sure = wd.by_rule(scored)
        made = [_link(c, (c.entry, c.item) in sure, day) for c in scored]
        if made:
            _keep(made)
        out.proposed += made
    return out


def _link(c: wd.Candidate, sure: bool, day: str) -> Link:
    return Link(
        c.entry,
        c.item,
        c.label,
        c.description,
        tuple(c.classes),
        tuple(c.countries),
        c.score,
        "accepted" if sure else "proposed",
        "rule" if sure else None,
        day if sure else None,
    )


@contextlib.contextmanager
def _held_links() -> Iterator[dict[str, Link]]:
    """The links file's candidates by key, to change in place: written back when the block
    ends, in one transaction under the corpus lock (nothing written on an error)."""
    h = home()
    with corpus_lock(h.root), Transaction(h.root) as txn:
        held = {link.key: link for link in links_file.read(h.links_file)}
        yield held
        text = links_file.render(held[k] for k in sorted(held))
        txn.write(h.links_file.relative_to(h.root).as_posix(), text.encode("utf-8"))


def _keep(new: Sequence[Link]) -> None:
    """Add ``new`` to the links file (a candidate already held keeps its decision)."""
    with _held_links() as held:
        for link in new:
            held.setdefault(link.key, link)


def listed(status: str | None = None) -> list[str]:
    """One line per Wikidata candidate (``status``: those only), with its evidence."""
    lines = []
    for link in links_file.read(home().links_file):
        if status is not None and link.status != status:
            continue
        by = f" by {link.decided_by}" if link.decided_by else ""
        classes = ", ".join(link.classes) or "no class"
        countries = ", ".join(link.countries) or "no country"
        lines.append(
            f"{link.status}{by}: {link.key}  {link.label} — {link.description or '-'}; "
            f"{classes}; {countries}; score {link.score}"
        )
    return lines


def decide(keys: Sequence[str], status: str, today: str | None = None) -> list[Link]:
    """Accept or reject the candidates ``keys`` (``ENTRY=QID``) as the researcher's decision;
    accepting one rejects its entry's other accepted candidates. Return the links changed."""
    if not keys:
        return []
    h = home()
    h.check_writable()
    day = today or dt.datetime.now(tz=dt.UTC).date().isoformat()
    with _held_links() as held:
        unknown = [k for k in keys if k not in held]
        if unknown:
            raise InputError(
                f"no such candidate: {', '.join(unknown)} (`mgi-graph link --list` lists them)",
                path=h.links_file,
            )
        changed = []
        for k in keys:
            old = held[k]
            held[k] = replace(old, status=status, decided_by="researcher", date=day)
            changed.append(held[k])
            if status != "accepted":
                continue
            for other_key, other in list(held.items()):
                if other.entry == old.entry and other_key != k and other.status == "accepted":
                    held[other_key] = replace(
                        other, status="rejected", decided_by="researcher", date=day
                    )
                    changed.append(held[other_key])
    return changed


__all__ = [
    "AGENT",
    "PUBLIC_ENDPOINT",
    "EndpointError",
    "LinkRun",
    "ask",
    "decide",
    "link",
    "listed",
]
