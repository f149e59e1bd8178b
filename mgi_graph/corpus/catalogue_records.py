"""The catalogue record ``add`` writes for a document (``data/catalogue/<key>.ttl``), as
Turtle: what the document says of itself or what the researcher said of it, its files and
their SHA-256.

>>> from mgi_graph.corpus.documents import Document
>>> print(file_lines("x", Path("x.txt"), Document(b"text"), "en")[1])
    mgi:fileName "x.txt" ;
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from rdflib import URIRef

from mgi_graph.core import iris
from mgi_graph.core.errors import InputError
from mgi_graph.core.namespaces import NAMESPACES
from mgi_graph.corpus.documents import Document
from mgi_graph.curate.proposed_file import turtle_string
from mgi_graph.ingest.records import ProfileRecord

#: The kinds ``add --kind`` takes besides profiles, and their concepts (ontology/domains.ttl).
OTHER_KINDS = {"article": "journal-article", "news": "news-report"}
#: The publisher and rights holder of every MGI profile (a registry entry).
IOM = iris.entry("org/iom")


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of ``data``, in hexadecimal."""
    return hashlib.sha256(data).hexdigest()


_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def shown_name(path: Path) -> str:
    """A file's name as the catalogue records it: bytes that are no UTF-8 escaped
    (``\\xff``), as a name that came from the file system may hold them.

    >>> shown_name(Path(os.fsdecode(b"profile-\\xff.txt")))
    'profile-\\\\xff.txt'
    """
    return os.fsencode(path.name).decode("utf-8", "backslashreplace")


def issued(date: str) -> tuple[str, str]:
    """The lexical form and XSD datatype of a date of issue given as YYYY, YYYY-MM or
    YYYY-MM-DD.

    >>> issued("2024-03"), issued("2024")
    (('2024-03', 'gYearMonth'), ('2024', 'gYear'))
    """
    import datetime

    m = _DATE.fullmatch(date.strip())
    try:
        if m is None:
            raise ValueError
        year, month, day = m.groups()
        datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise InputError(
            f"--date {date!r} is not a date of issue: give YYYY, YYYY-MM or YYYY-MM-DD"
        ) from None
    return m.group(0), "date" if day else "gYearMonth" if month else "gYear"


def prefixes(*comment: str) -> list[str]:
    """The head of an added document's catalogue record: ``comment``, then the prefixes."""
    return [
        *comment,
        f"@prefix mgi:     <{NAMESPACES['mgi']}> .",
        f"@prefix src:     <{iris.own_base()}source/> .",
        f"@prefix country: <{iris.BASE}country/> .",
        f"@prefix dcterms: <{NAMESPACES['dcterms']}> .",
        f"@prefix rdf:     <{NAMESPACES['rdf']}> .",
        f"@prefix rdfs:    <{NAMESPACES['rdfs']}> .",
        f"@prefix xsd:     <{NAMESPACES['xsd']}> .",
        "",
    ]


def file_lines(key: str, path: Path, doc: Document, lang: str) -> list[str]:
    """The end of a catalogue record: the files, their digests and the extractor; for a PDF,
    where each page begins in the text, and the footnotes of its pages (in ``lang``), each
    a resource of its own after the record."""
    lines = [f"    mgi:originalFileName {turtle_string(shown_name(path))} ;"]
    if doc.original is not None:
        lines += [
            f'    mgi:originalFile "{key}.pdf" ;',
            f'    mgi:originalSha256 "{sha256_hex(doc.original)}" ;',
            f"    mgi:textExtractedWith {turtle_string(doc.extractor or '')} ;",
        ]
    if doc.page_starts:
        starts = " ".join(str(s) for s in doc.page_starts)
        lines.append(f'    mgi:pageStarts "{starts}" ;')
    lines += [f'    mgi:fileName "{key}.txt" ;', f'    mgi:sha256 "{sha256_hex(doc.text)}" .', ""]
    on_page: dict[int, int] = {}
    for note in doc.notes:
        on_page[note.page] = on_page.get(note.page, 0) + 1
        note_iri = iris.footnote(key, note.page, on_page[note.page], iris.own_base())
        lines += [
            f"<{note_iri}> a mgi:Footnote ;",
            f"    dcterms:isPartOf src:{key} ;",
            f"    mgi:page {note.page} ;",
            f"    mgi:noteMarker {turtle_string(note.marker)} ;",
            f"    rdf:value {turtle_string(note.text)}@{lang} .",
            "",
        ]
    return lines


def profile_record(
    key: str,
    path: Path,
    rec: ProfileRecord,
    country: str,
    profile: URIRef,
    lang: str,
    doc: Document,
    *,
    country_given: bool = False,
) -> str:
    """The catalogue record of an added profile, as Turtle. ``country_given``: a local
    profile whose country the researcher gave (``add --country``), which the record says."""
    assert rec.title is not None
    lines = [
        *prefixes(
            "# Added with mgi-graph add: what the document itself says of its title, country,",
            "# date, edition and language.",
        ),
        f"src:{key} a mgi:SourceDocument ;",
        f"    dcterms:title {turtle_string(rec.title.value)}@{lang} ;",
        f"    rdfs:label {turtle_string(rec.title.value)}@{lang} ;",
        f"    mgi:documentKind <{iris.concept('kind', 'mgi-profile')}> ;",
        f"    dcterms:publisher <{IOM}> ;",
    ]
    if rec.date:
        lines.append(f'    dcterms:issued "{rec.date.value}"^^xsd:gYearMonth ;')
    lines += [
        f'    dcterms:language "{lang}"^^xsd:language ;',
        f"    mgi:subjectCountry country:{country} ;",
        f"    mgi:reportsProfile <{profile}> ;",
        '    dcterms:rights "© International Organization for Migration (IOM). All rights '
        'reserved."@en ;',
        f"    dcterms:rightsHolder <{IOM}> ;",
    ]
    if rec.partial_note:
        lines.append("    mgi:partialPage true ;")
    if country_given:
        note = (
            "Added with mgi-graph add: the title names the local government but not its "
            "country; the country was given with --country."
        )
        lines.append(f"    mgi:captureNote {turtle_string(note)}@en ;")
    lines += file_lines(key, path, doc, lang)
    return "\n".join(lines)


__all__ = [
    "IOM",
    "OTHER_KINDS",
    "file_lines",
    "issued",
    "prefixes",
    "profile_record",
    "sha256_hex",
    "shown_name",
]
