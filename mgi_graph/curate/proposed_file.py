"""``curation/proposed.ttl``: the registry entries proposed from added documents.

The file is the researcher's to read, edit and commit. ``mgi-graph add`` and
``mgi-graph review`` rewrite it, one block per entry in IRI order, keeping every value the
researcher changed (names, class, jurisdiction, parent, status, merges) but not comments.
Each entry carries its review status (``review:proposed``, ``review:accepted``,
``review:rejected``), or ``mgi:mergedInto`` another entry (its names then become that
entry's), and every passage it was found in (``mgi:evidence``: source, offsets, exact text).

>>> p = Proposal("org/md-bma", "Agency", "Bureau for Migration", "MD", {"BMA"})
>>> source = "https://w3id.org/mgi-graph/id/source/x"
>>> p.evidence.append(Evidence(source, 3, 23, "Bureau for Migration", 4))
>>> import tempfile
>>> f = Path(tempfile.mkdtemp()) / "proposed.ttl"
>>> _ = f.write_text(render([p]), encoding="utf-8")
>>> [(q.label, q.acronyms, q.status, q.evidence[0].start) for q in parse(f)]
[('Bureau for Migration', {'BMA'}, 'proposed', 3)]
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from mgi_graph.core import iris
from mgi_graph.core.errors import InputError
from mgi_graph.core.namespaces import NAMESPACES
from mgi_graph.core.rdffiles import load_turtle
from mgi_graph.core.vocab import MGI, ORG, OWL, RDF, RDFS, SCHEMA, SKOS, XSD, ordered
from mgi_graph.curate.proposals import Evidence, Proposal
from mgi_graph.ingest.sources import SourceRecord
from mgi_graph.ingest.sourcetext import SourceText

STATUSES = ("proposed", "accepted", "rejected")

HEADER = """\
# Registry entries proposed from documents added with `mgi-graph add`, for review.
# Each names a body, law, instrument or agreement the matcher found in a document and that no
# registry entry of the document's jurisdiction covers. Review them with `mgi-graph review`,
# or edit this file: set mgi:reviewStatus to review:accepted or review:rejected, fix a name,
# the class, the jurisdiction or the parent (org:subOrganizationOf), or write
# `mgi:mergedInto <entry>` to make the names of a proposal names of another entry (an
# acronym, a variant spelling). The build checks every change. `mgi-graph add` and
# `mgi-graph review` rewrite this file, keeping its values but not its comments.
"""

#: A prefix per folder, and whether the folder's IRIs are the corpus's own (proposals and
#: the documents they come from) or the project's (countries, review statuses).
_PREFIXES = {
    "org/": ("org:", True),
    "law/": ("law:", True),
    "instrument/": ("instrument:", True),
    "agreement/": ("agreement:", True),
    "country/": ("country:", False),
    "source/": ("src:", True),
    "review/": ("review:", False),
}


def header(base: str | None = None) -> str:
    """The file's comment and prefixes: the vocabulary, the project's namespace, and a prefix
    per folder (under the corpus's own base, ``base`` or the corpus in use's, for its own
    resources)."""
    own = base or iris.own_base()
    return HEADER + "".join(
        [
            f"@prefix mgi:     <{NAMESPACES['mgi']}> .\n",
            f"@prefix mgid:    <{iris.BASE}> .\n",
            *(
                f"@prefix {p:<8} <{own if mine else iris.BASE}{folder}> .\n"
                for folder, (p, mine) in _PREFIXES.items()
            ),
            f"@prefix orgv:    <{NAMESPACES['org']}> .\n",
            f"@prefix skos:    <{NAMESPACES['skos']}> .\n",
            "@prefix schema:  <https://schema.org/> .\n",
            f"@prefix kind:    <{iris.BASE}body-kind/> .\n",
            "@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .\n",
        ]
    )


def entry_iri(key: str, own: Iterable[str]) -> URIRef:
    """The IRI of the entry ``key``: a proposal's (one of ``own``, the proposals' keys) under
    the corpus's base, a registry entry's under the project's."""
    return iris.own_entry(key) if key in set(own) else iris.entry(key)


def _name(iri: str) -> str:
    """The prefixed name of a full IRI of the graph, where a prefix of the file covers it."""
    for folder, (prefix, mine) in _PREFIXES.items():
        base = iris.own_base() if mine else iris.BASE
        local = iri[len(base + folder) :] if iri.startswith(base + folder) else None
        if local and all(c.isalnum() or c in "-_." for c in local):
            return prefix + local
    return f"<{iri}>"


def turtle_string(text: str) -> str:
    """A Turtle string literal of ``text`` (a JSON string is one: the same escapes).

    >>> print(turtle_string('Law "On Migration"'))
    "Law \\"On Migration\\""
    """
    return json.dumps(text, ensure_ascii=False)


def render(proposals: Sequence[Proposal], base: str | None = None) -> str:
    """The file's text: the header, then one block per entry in IRI order (``base``: the
    corpus's own base, when it is not the corpus in use's)."""
    blocks = [header(base)]
    own = {p.iri for p in proposals}
    for p in sorted(proposals, key=lambda p: p.iri):
        lines = [
            f"{_name(iris.own_entry(p.iri))} a mgi:{p.cls} ;",
            f"    skos:prefLabel {turtle_string(p.label)}@{p.lang} ;",
        ]
        for alt in sorted(p.acronyms):
            lines.append(f"    skos:altLabel {turtle_string(alt)}@{p.lang} ;")
        for former in sorted(p.former_names):
            lines.append(f"    mgi:renamedFrom {turtle_string(former)}@{p.lang} ;")
        if p.number:
            lines.append(f"    schema:legislationIdentifier {turtle_string(p.number)} ;")
        if p.adopted:
            kind = "date" if len(p.adopted) == 10 else "gYear"
            lines.append(f'    mgi:adopted "{p.adopted}"^^xsd:{kind} ;')
        if p.period:
            lines.append(f'    mgi:periodStart "{p.period[0]}"^^xsd:gYear ;')
            lines.append(f'    mgi:periodEnd "{p.period[1]}"^^xsd:gYear ;')
        if p.confidence is not None:
            lines.append(f'    mgi:confidence "{p.confidence:.2f}"^^xsd:decimal ;')
        for kind in sorted(p.kinds):
            lines.append(f"    orgv:classification kind:{kind} ;")
        juris = (
            f"country:{p.jurisdiction}" if p.jurisdiction else "mgid:jurisdiction\\/international"
        )
        lines.append(f"    mgi:jurisdiction {juris} ;")
        if p.parent:
            lines.append(f"    orgv:subOrganizationOf {_name(entry_iri(p.parent, own))} ;")
        if p.merged_into:
            lines.append(f"    mgi:mergedInto {_name(entry_iri(p.merged_into, own))} ;")
        lines.append(f"    mgi:reviewStatus review:{p.status} ;")
        ev = [
            f"[ mgi:inSource {_name(e.source)} ; mgi:evidenceStart {e.start} ; "
            f"mgi:evidenceEnd {e.end} ;\n        mgi:quotedText {turtle_string(e.text)} ]"
            for e in sorted(p.evidence, key=lambda e: (e.source, e.start))
        ]
        if ev:
            lines.append("    mgi:evidence " + " ,\n      ".join(ev) + " .")
        else:  # every document that named it was replaced; its review is kept
            lines[-1] = lines[-1][: -len(" ;")] + " ."
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def parse(path: Path) -> list[Proposal]:
    """The proposals of the file at ``path`` (none if there is no such file)."""
    return from_graph(load_turtle(path), path) if path.is_file() else []


def _key(iri: str, own: str) -> str:
    """The key of a proposal or entry IRI: after the proposals' corpus's base ``own``, else
    after the project's."""
    return iri[len(own) :] if iri.startswith(own) else iris.key_of(iri)


def from_graph(g: Graph, path: Path) -> list[Proposal]:
    """The proposals in a graph read from ``path`` (errors name that file), keyed under the
    base of the corpus the file is in (``curation/proposed.ttl`` of a corpus)."""
    from mgi_graph.core.paths import corpus_base

    own = corpus_base(path.parent.parent)
    out = []
    for entry in ordered(
        set(g.subjects(MGI.reviewStatus, None)) | set(g.subjects(MGI.mergedInto, None))
    ):
        if not isinstance(entry, URIRef):
            raise InputError("a proposed entry needs an IRI, not a blank node", path=path)
        key = _key(str(entry), own)
        types = [t for t in g.objects(entry, RDF.type) if str(t).startswith(str(MGI))]
        labels = list(g.objects(entry, SKOS.prefLabel))
        status = g.value(entry, MGI.reviewStatus)
        state = str(status).rsplit("/", 1)[-1] if status is not None else "proposed"
        if len(types) != 1 or len(labels) != 1 or state not in STATUSES:
            raise InputError(
                f"proposed entry {key} needs one class (mgi:…), one skos:prefLabel and a "
                f"mgi:reviewStatus of review:{', review:'.join(STATUSES)}",
                path=path,
                line=_line_of(path, key),
            )
        juris = g.value(entry, MGI.jurisdiction)
        code = str(juris).rsplit("/", 1)[-1] if juris is not None else None
        parent = g.value(entry, ORG.subOrganizationOf)
        merged = g.value(entry, MGI.mergedInto)
        label = labels[0]
        start, end = g.value(entry, MGI.periodStart), g.value(entry, MGI.periodEnd)
        number, adopted = g.value(entry, SCHEMA.legislationIdentifier), g.value(entry, MGI.adopted)
        score = g.value(entry, MGI.confidence)
        p = Proposal(
            key,
            str(types[0])[len(str(MGI)) :],
            str(label),
            None if code in (None, "international") else code,
            {str(a) for a in g.objects(entry, SKOS.altLabel)},
            _key(str(parent), own) if parent is not None else None,
            status=state,
            merged_into=_key(str(merged), own) if merged is not None else None,
            lang=(label.language if isinstance(label, Literal) else None) or "en",
            former_names={str(f) for f in g.objects(entry, MGI.renamedFrom)},
            number=str(number) if number is not None else None,
            adopted=str(adopted) if adopted is not None else None,
            period=(str(start), str(end)) if start is not None and end is not None else None,
            confidence=float(str(score)) if score is not None else None,
            kinds={str(k).rsplit("/", 1)[-1] for k in g.objects(entry, ORG.classification)},
        )
        for ev in g.objects(entry, MGI.evidence):
            src, start = g.value(ev, MGI.inSource), g.value(ev, MGI.evidenceStart)
            end, quoted = g.value(ev, MGI.evidenceEnd), g.value(ev, MGI.quotedText)
            if src is None or not all(isinstance(v, Literal) for v in (start, end, quoted)):
                raise InputError(
                    f"evidence of proposed entry {key} needs mgi:inSource, mgi:evidenceStart, "
                    "mgi:evidenceEnd and mgi:quotedText",
                    path=path,
                    line=_line_of(path, key),
                )
            p.evidence.append(Evidence(str(src), int(str(start)), int(str(end)), str(quoted), 0))
        out.append(p)
    return out


def _line_of(path: Path, key: str) -> int | None:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    local = key.split("/", 1)[-1]
    pos = text.find(f":{local} a ")
    return text.count("\n", 0, pos) + 1 if pos >= 0 else None


def add_proposed_entries(
    g: Graph, sources: Mapping[URIRef, tuple[SourceRecord, SourceText]], path: Path
) -> int:
    """Add the proposed entries of ``path`` to the graph being built, each with its review
    status and its evidence quoted from its source (checked: the text at the offsets must be
    the quoted text); a merged proposal's names go to the entry it was merged into (one of
    the registry or another proposal); a rejected one is left out. Return how many entries
    were added."""
    from mgi_graph.ingest.quotes import add_quote
    from mgi_graph.ingest.records import Span

    proposals = parse(path)
    kept = [p for p in proposals if p.status != "rejected" and not p.merged_into]
    own = {p.iri for p in proposals}
    for p in kept:
        entry = iris.own_entry(p.iri)
        if (MGI[p.cls], RDF.type, OWL.Class) not in g:
            raise InputError(
                f"proposed entry {p.iri}: mgi:{p.cls} is no class of the ontology",
                path=path,
                line=_line_of(path, p.iri),
            )
        g.add((entry, RDF.type, MGI[p.cls]))
        g.add((entry, SKOS.prefLabel, Literal(p.label, lang=p.lang)))
        g.add((entry, RDFS.label, Literal(p.label, lang=p.lang)))
        for alt in sorted(p.acronyms):
            g.add((entry, SKOS.altLabel, Literal(alt, lang=p.lang)))
        for former in sorted(p.former_names):
            g.add((entry, MGI.renamedFrom, Literal(former, lang=p.lang)))
            g.add((entry, SKOS.hiddenLabel, Literal(former, lang=p.lang)))
        if p.number:
            g.add((entry, SCHEMA.legislationIdentifier, Literal(p.number)))
        if p.adopted:
            kind = XSD.date if len(p.adopted) == 10 else XSD.gYear
            g.add((entry, MGI.adopted, Literal(p.adopted, datatype=kind)))
        if p.period:
            g.add((entry, MGI.periodStart, Literal(p.period[0], datatype=XSD.gYear)))
            g.add((entry, MGI.periodEnd, Literal(p.period[1], datatype=XSD.gYear)))
        if p.confidence is not None:
            g.add((entry, MGI.confidence, Literal(Decimal(f"{p.confidence:.2f}"))))
        for notation in sorted(p.kinds):
            g.add((entry, ORG.classification, URIRef(f"{iris.BASE}body-kind/{notation}")))
        g.add((entry, MGI.jurisdiction, iris.jurisdiction(p.jurisdiction)))
        if p.parent:
            g.add((entry, ORG.subOrganizationOf, entry_iri(p.parent, own)))
        g.add((entry, MGI.reviewStatus, iris.concept("review", p.status)))
        for e in p.evidence:
            found = sources.get(URIRef(e.source))
            if found is None:
                raise InputError(
                    f"evidence of proposed entry {p.iri} is in {e.source}, which the catalogue "
                    "does not hold",
                    path=path,
                    line=_line_of(path, p.iri),
                )
            record, text = found
            if text.text[e.start : e.end] != e.text:
                raise InputError(
                    f"evidence of proposed entry {p.iri}: the text at {e.start}-{e.end} of "
                    f"{e.source} is {text.text[e.start : e.end]!r}, not {e.text!r}",
                    path=path,
                    line=_line_of(path, p.iri),
                )
            q = add_quote(g, record, text, Span(e.start, e.end, text.line_of(e.start)))
            g.add((entry, MGI.proposalEvidence, q))
    # Merges last, so that a proposal may be merged into another, wherever it stands.
    for p in proposals:
        if p.status == "rejected" or not p.merged_into:
            continue
        target = entry_iri(p.merged_into, own)
        if (target, SKOS.prefLabel, None) not in g:
            raise InputError(
                f"proposed entry {p.iri} is merged into {p.merged_into}, which is no "
                "entry of the registry or of the proposals",
                path=path,
                line=_line_of(path, p.iri),
            )
        for label in (p.label, *sorted(p.acronyms)):
            g.add((target, SKOS.altLabel, Literal(label, lang=p.lang)))
    return len(kept)


__all__ = [
    "HEADER",
    "STATUSES",
    "add_proposed_entries",
    "entry_iri",
    "from_graph",
    "header",
    "parse",
    "render",
    "turtle_string",
]
