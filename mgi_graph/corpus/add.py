"""``mgi-graph add``: documents into a researcher's own corpus (made by :mod:`.create`).

``add`` takes a profile as text (any UTF-8 web capture) or as a PDF (its text extracted, see
:mod:`mgi_graph.ingest.pdftext`), reads its title, country, date, edition and language from the
document itself, and writes, only once everything has been read (a local profile, of a city or
a province, assesses a local government within its country, see
:mod:`mgi_graph.curate.places`; where its title does not name the country, the researcher
gives it):

* ``data/sources/<key>.txt``: the text quotes and offsets refer to (and, for a PDF,
  ``data/sources/<key>.pdf``, the original);
* ``data/catalogue/<key>.ttl``: its catalogue record, with the SHA-256 of both files;
* ``curation/proposed.ttl``: the bodies, laws and instruments it names that no entry of its
  jurisdiction covers, proposed for review (see :mod:`mgi_graph.curate.proposals`).

An article or a news item (``add --kind article|news``, see :class:`Described`) is stored the
same way; the researcher gives its country and date of issue, which its text does not give in
a form that can be read reliably, and the record says what was given and what was read. Its
paragraphs are the text units the build cuts it into; the statements and finding updates it
supports are curated by hand (``data/statements.ttl``, ``data/developments.ttl``).

Adding the same file again changes nothing; a changed file under a name already added is
refused unless ``replace``. A file that is not an MGI profile (and not added as an article or
a news item) is refused, and nothing is written. A batch of files is one transaction: a file
refused ends it with the files before it added; an interruption leaves the corpus as it was.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from mgi_graph.core import iris
from mgi_graph.core.corpus_lock import Transaction, corpus_lock
from mgi_graph.core.errors import InputError
from mgi_graph.core.paths import Home, home
from mgi_graph.core.rdffiles import load_turtle
from mgi_graph.core.vocab import MGI
from mgi_graph.corpus.catalogue_records import (
    OTHER_KINDS,
    file_lines,
    issued,
    prefixes,
    profile_record,
    sha256_hex,
    shown_name,
)
from mgi_graph.corpus.documents import Document, read_document
from mgi_graph.corpus.proposing import CorpusProposals
from mgi_graph.corpus.remove import document_files, relative
from mgi_graph.curate.countries import lookup_country
from mgi_graph.curate.places import profile_subject
from mgi_graph.curate.proposals import Proposal
from mgi_graph.curate.proposed_file import parse as parse_proposed
from mgi_graph.curate.proposed_file import render as render_proposed
from mgi_graph.curate.proposed_file import turtle_string
from mgi_graph.ingest.languages import detect_language
from mgi_graph.ingest.profile_parser import parse_profile
from mgi_graph.ingest.records import ProfileRecord, Span
from mgi_graph.ingest.sourcetext import SourceText


@dataclass
class Added:
    """What ``add`` did with one file."""

    file: Path
    key: str
    action: str  # "added", "replaced" or "unchanged"
    country: str | None = None
    profile: str | None = None
    title: str | None = None
    findings: Counter[tuple[int, str]] = field(default_factory=Counter)
    proposals: list[Proposal] = field(default_factory=list)
    kind: str = "profile"  # profile, article or news
    paragraphs: int = 0


_NOUNS = {"article": "an article", "news": "a news item"}


@dataclass(frozen=True)
class Described:
    """What the researcher says of an article or news item (``add --kind``): what such a
    document does not say in a form that can be read reliably. ``title``: the first line of
    the text from ``start_line`` when not given; ``publisher``: recorded as not given when
    not given."""

    kind: str  # a key of OTHER_KINDS
    country: str | None = None
    date: str | None = None
    title: str | None = None
    publisher: str | None = None
    start_line: int = 1


def _profile(path: Path, text: SourceText, partial: bool) -> ProfileRecord:
    try:
        return parse_profile(text, partial=partial)
    except InputError as exc:
        if "no findings lists found" in exc.reason:
            raise InputError(
                "not an MGI profile: it has no lists of 'well-developed areas' and 'areas "
                "with potential for further development' (an article or a news item is "
                "added with --kind article or --kind news, --country and --date)",
                path=path,
            ) from None
        raise


class _Run:
    """One ``add`` of a batch of files: what it reads of the corpus is read once (the added
    documents' records, the proposals, the registry's matcher, the shipped profiles), kept
    up to date as each file is added, and written once, in one transaction."""

    def __init__(self, h: Home, txn: Transaction) -> None:
        self.h, self.txn = h, txn
        self.existing = _existing(h)
        self.proposals = CorpusProposals(parse_proposed(h.proposed_file))
        self.written: dict[str, list[str]] = {}
        self.shipped_profiles: set[URIRef] = set()
        if iris.own_base() != iris.BASE and h.catalogue_file.is_file():
            catalogue = load_turtle(h.catalogue_file)
            self.shipped_profiles = {
                o for o in catalogue.objects(None, MGI.reportsProfile) if isinstance(o, URIRef)
            }

    def profile_iri(self, place_key: str, number: int) -> URIRef:
        """The IRI of the profile ``place_key``-``number`` a document presents: the shipped
        corpus's where its catalogue has that profile (another page of it), else one under
        the corpus's own base."""
        shipped = iris.profile(place_key, number)
        if shipped in self.shipped_profiles:
            return shipped
        return iris.profile(place_key, number, iris.own_base())

    def write(self, key: str, relative_path: str, data: bytes) -> None:
        self.txn.write(relative_path, data)
        self.written.setdefault(key, []).append(relative_path)

    def remove(self, key: str) -> None:
        """Take out the document ``key``: held in the corpus, or added earlier in this run."""
        for f in document_files(self.h, key):
            self.txn.delete(f)
        for f in self.written.pop(key, []):
            self.txn.delete(f)
        self.existing.pop(key, None)
        self.proposals.drop_evidence_of(key)

    def finish(self) -> None:
        """Write the proposals, if any document changed them."""
        if self.proposals.changed:
            rendered = render_proposed(self.proposals.all()).encode("utf-8")
            self.txn.write(relative(self.h, self.h.proposed_file), rendered)


def _existing(h: Home) -> dict[str, dict[str, str]]:
    """The added documents' catalogue records, by key: original file name and digests."""
    return {f.stem: _fields(load_turtle(f)) for f in sorted(h.added_catalogue_dir.glob("*.ttl"))}


def _fields(record: Graph) -> dict[str, str]:
    """A catalogue record's original file name and digests."""
    return {
        prop: str(value)
        for prop in ("originalFileName", "sha256", "originalSha256")
        for value in record.objects(None, MGI[prop])
    }


def add_files(
    files: Sequence[Path],
    *,
    replace: bool = False,
    partial: bool = False,
    progress: Callable[[int, int, Path], None] | None = None,
    about: Described | None = None,
    country: str | None = None,
) -> list[Added]:
    """Add each file to the corpus in use (see the module); return what was done.
    ``partial``: the files are profiles known to be partial (see ``mgi:partialPage``);
    ``about``: the files are articles or news items, described so (not profiles);
    ``country``: the country of local profiles whose title does not name it (a name or an
    ISO code; a national profile's title names its own, which must agree)."""
    h = home()
    h.check_writable()
    if about is not None and about.title is not None and len(files) > 1:
        raise InputError("--title names one document: add the files one at a time")
    results: list[Added] = []
    failed: InputError | None = None
    with corpus_lock(h.root), Transaction(h.root) as txn:
        run = _Run(h, txn)
        for n, path in enumerate(files, start=1):
            if progress is not None:
                progress(n, len(files), path)
            try:
                if about is None:
                    results.append(_add_one(run, Path(path), replace, partial, country))
                else:
                    results.append(_add_other(run, Path(path), replace, about))
            except InputError as exc:  # the files before it are added; none after
                failed = exc
                break
        run.finish()
    if failed is not None:
        raise failed
    return results


def _add_one(run: _Run, path: Path, replace: bool, partial: bool, country: str | None) -> Added:
    doc = read_document(path)
    existing = run.existing
    held = _held(existing, doc.original if doc.original is not None else doc.text)
    if held is not None:
        return Added(path, held, "unchanged")
    source = doc.source(path)
    record = _profile(path, source, partial)
    place = record.place
    if place is None or record.title is None:
        raise InputError(
            'the profile\'s title ("Migration Governance Profile: <country>") was not found, '
            "so its country is unknown",
            path=path,
        )
    line = record.title.span.line
    if record.date is None:
        raise InputError(
            "the profile's date line ('2018 May', 'May 2018', 'mayo de 2018', 'août 2021') "
            "was not found near its title: a profile is dated by its page, and the build "
            "needs that date",
            path=path,
            line=line,
        )
    number = record.edition_number or 1
    year = record.date.value[:4]
    lang = detect_language(" ".join(f.text for f in record.findings))
    subject = profile_subject(place, record.edition == "local", country, path=path, line=line)
    iso, local = subject.country, subject.local
    prefix = "mgi-local-profile" if local is not None else "mgi-profile"
    key = f"{prefix}-{subject.key.lower()}-{year}-{number}-{lang}"
    profile = run.profile_iri(subject.key, number)
    action, replaced = _make_room(existing, key, path, replace)
    catalogue = profile_record(
        key,
        path,
        record,
        iso.alpha_2,
        profile,
        lang,
        doc,
        country_given=local is not None and not local.country_in_title,
    )
    spans = [f.span for f in record.findings]
    new = _store(run, key, doc, catalogue, source, spans, iso.alpha_2, lang, replaced)
    found = Counter((f.domain, f.polarity) for f in record.findings)
    return Added(path, key, action, iso.alpha_2, profile, record.title.value, found, new)


def _store(
    run: _Run,
    key: str,
    doc: Document,
    catalogue: str,
    source: SourceText,
    spans: Sequence[Span],
    country: str,
    lang: str,
    replaced: str | None,
) -> list[Proposal]:
    """Propose the names in the text units ``spans`` of ``source`` (in language ``lang``),
    and stage the document's files and, for ``replaced``, the removal of the document it
    replaces; return the proposals it gave evidence for (its new ones)."""
    h = run.h
    src = str(iris.source(key, iris.own_base()))
    units = [(src, s.start, s.end, s.line) for s in spans]
    if replaced is not None:
        run.remove(replaced)
    new = run.proposals.add(source, units, country, lang)
    run.write(key, relative(h, h.sources_dir / f"{key}.txt"), doc.text)
    if doc.original is not None:
        run.write(key, relative(h, h.sources_dir / f"{key}.pdf"), doc.original)
    run.write(key, relative(h, h.added_catalogue_dir / f"{key}.ttl"), catalogue.encode("utf-8"))
    run.existing[key] = _fields(Graph().parse(data=catalogue, format="turtle"))
    return [p for p in new if any(e.source == src for e in p.evidence)]


def _held(existing: dict[str, dict[str, str]], data: bytes) -> str | None:
    """The key of the added document whose file is ``data``, if any."""
    digest = sha256_hex(data)
    for key, fields in existing.items():
        if digest in (fields.get("sha256"), fields.get("originalSha256")):
            return key
    return None


def _make_room(
    existing: dict[str, dict[str, str]], key: str, path: Path, replace: bool
) -> tuple[str, str | None]:
    """ "added", or "replaced" with the key of the document held under ``key`` or the name
    of ``path``, which the new one replaces; raises if one is held and not ``replace``."""
    name = shown_name(path)
    same_name = [k for k, f in existing.items() if f.get("originalFileName") == name]
    if key not in existing and not same_name:
        return "added", None
    held = key if key in existing else same_name[0]
    if not replace:
        raise InputError(
            f"the corpus already holds {held} from {existing[held].get('originalFileName')}, "
            "with other content; pass --replace to replace it",
            path=path,
        )
    return "replaced", held


def _add_other(run: _Run, path: Path, replace: bool, about: Described) -> Added:
    """Add an article or news item: its paragraphs from ``about.start_line`` are the text
    units the build cuts it into, and the names in them no entry covers are proposed."""
    from mgi_graph.graph.mentions import paragraphs
    from mgi_graph.ingest.layout import plain_words

    if about.kind not in OTHER_KINDS:
        raise InputError(f"--kind {about.kind!r}: add takes profile, article or news")
    if about.country is None or about.date is None:
        raise InputError(
            f"{_NOUNS[about.kind]} is added with --country (the country it is about, a name or "
            "an ISO code) and --date (its date of issue: YYYY, YYYY-MM or YYYY-MM-DD)",
            path=path,
        )
    iso = lookup_country(about.country)
    if iso is None:
        raise InputError(
            f"--country {about.country!r} is no country or territory of ISO 3166", path=path
        )
    try:
        date, datatype = issued(about.date)
    except InputError as exc:
        raise InputError(exc.reason, path=path) from None
    doc = read_document(path)
    existing = run.existing
    held = _held(existing, doc.original if doc.original is not None else doc.text)
    if held is not None:
        return Added(path, held, "unchanged", kind=about.kind)
    source = doc.source(path)
    spans = paragraphs(source, about.start_line)
    if not spans:
        raise InputError(
            f"no text from line {about.start_line} on (--start-line): nothing to add",
            path=path,
        )
    first = spans[0]
    title = about.title.strip() if about.title else source.text[first.start : first.end]
    title_note = (
        "given with --title"
        if about.title
        else f"the first line of its text (line {first.line}), not checked"
    )
    lang = detect_language(" ".join(source.text[s.start : s.end] for s in spans))
    slug = "-".join(plain_words(title)[:6]) or "untitled"
    key = f"{about.kind}-{iso.alpha_2.lower()}-{date[:4]}-{slug}"
    action, replaced = _make_room(existing, key, path, replace)
    note = (
        f"Added with mgi-graph add --kind {about.kind}: the title is {title_note}; the "
        "country and the date of issue are given with --country and --date"
        + (
            " and the publisher with --publisher"
            if about.publisher
            else "; its publisher was not given, so the record names none"
        )
        + f"; the content starts at line {about.start_line}."
    )
    lines = [
        *prefixes(
            f"# Added with mgi-graph add --kind {about.kind}: what the researcher said of it",
            "# (see mgi:captureNote) and what its text gives (language).",
        ),
        f"src:{key} a mgi:SourceDocument ;",
        f"    mgi:contentStartLine {about.start_line} ;",
        f"    dcterms:title {turtle_string(title)}@{lang} ;",
        f"    rdfs:label {turtle_string(title)}@{lang} ;",
        f"    mgi:documentKind <{iris.concept('kind', OTHER_KINDS[about.kind])}> ;",
        *([f"    dcterms:publisher {turtle_string(about.publisher)} ;"] if about.publisher else []),
        f'    dcterms:issued "{date}"^^xsd:{datatype} ;',
        f'    dcterms:language "{lang}"^^xsd:language ;',
        f"    mgi:subjectCountry country:{iso.alpha_2} ;",
        '    dcterms:rights "Rights not recorded when the document was added: see its '
        'publisher."@en ;',
        f"    mgi:captureNote {turtle_string(note)}@en ;",
        *file_lines(key, path, doc, lang),
    ]
    new = _store(run, key, doc, "\n".join(lines), source, spans, iso.alpha_2, lang, replaced)
    return Added(
        path, key, action, iso.alpha_2, None, title, Counter(), new, about.kind, len(spans)
    )


__all__ = ["Added", "Described", "add_files"]
