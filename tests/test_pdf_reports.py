"""PDF reports as IOM designs them, read as their plain text is.

Each profile written for the tests (English, Spanish, French) is made into a PDF in the
report layout (``tests/pdfmaker.py``): a title page, a page of contents and the text before the
title, then two columns with a running header and footer, page numbers, a heading across both
columns, footnote markers set small and raised after names and at sentence ends, footnotes at
the foot of the page, bullets wrapped and hyphenated, lists going on across a column break and
a page break. The PDF must read to the same profile, findings and names as the text, with no
footnote in a finding or a name, and every quote must be found on its page.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from mgi_graph.core.vocab import MGI, OA, RDF
from mgi_graph.ingest.profile_parser import parse_profile
from mgi_graph.ingest.sourcetext import SourceText
from tests.conftest import OWN, cli
from tests.pdfmaker import Made, report_pdf
from tests.test_build import check_quotes
from tests.test_own_corpus import built_graph, tree

HERE = Path(__file__).parent / "fixtures" / "languages"


@dataclass(frozen=True)
class Case:
    text: Path
    key: str
    header: str
    full_width: str
    notes: dict[str, str]
    contents: tuple[str, ...]


CASES = {
    "en": Case(
        HERE / "mgi-profile-mongolia-2-en-test.txt",
        "mgi-profile-mn-2022-2-en",
        "MIGRATION GOVERNANCE SECOND PROFILE: MONGOLIA | 2022",
        "Key findings",
        {
            "The Ministry of Health": "Ministry of Health Order No. A/245 of 2019 on migrant care.",
            "emergency care.": "See the Law on Health (2011), article 12, which opens emergency "
            "care to every person on the territory of Mongolia whatever their status, and the "
            "Immigration Agency's yearly report on foreign residents and their registration.",
            "Immigration Agency of Mongolia (IAM)": "Formerly the Office of Immigration, "
            "Naturalization and Foreign Citizens.",
        },
        ("Introduction", "Key findings", "Migrants' rights", "Whole of government approach"),
    ),
    "es": Case(
        HERE / "mgi-profile-colombia-es-test.txt",
        "mgi-profile-co-2019-1-es",
        "PERFIL DE GOBERNANZA DE LA MIGRACIÓN: REPÚBLICA DE COLOMBIA | 2019",
        "Principales conclusiones",
        {
            "El Ministerio de Salud y Protección Social": "Decreto 780 de 2016, Sector Salud y "
            "Protección Social.",
            "Unidad Administrativa Especial Migración Colombia": "Creada por el Decreto 4062 "
            "de 2011 del Departamento Administrativo de Seguridad.",
        },
        ("Introducción", "Principales conclusiones", "Derechos de los migrantes"),
    ),
    "fr": Case(
        HERE / "mgi-profile-senegal-fr-test.txt",
        "mgi-profile-sn-2018-1-fr",
        "PROFIL DE GOUVERNANCE DES MIGRATIONS : RÉPUBLIQUE DU SÉNÉGAL | 2018",
        "Principaux résultats",
        {
            "Ministère de la Santé et de l'Action sociale": "Décret n° 2017-313 du 15 février "
            "2017 portant répartition des services de l'État.",
            "Processus de Rabat": "Dialogue euro-africain sur la migration et le développement, "
            "lancé en 2006 par le Ministère de l'Intérieur.",
        },
        ("Introduction", "Principaux résultats", "Droits des migrants"),
    ),
}


def make(case: Case, out: Path, **options: object) -> Made:
    """The report PDF of ``case``, its columns short enough that a bullet goes on across a
    column break and another across a page break (the first such length, looked for)."""
    for lines in range(12, 40):
        made = report_pdf(
            case.text.read_text("utf-8"),
            out,
            header=case.header,
            full_width=case.full_width,
            notes=case.notes,
            contents=case.contents,
            column_lines=lines,
            **options,  # type: ignore[arg-type]
        )
        if made.across_columns and made.across_pages:
            return made
    raise AssertionError("no column length breaks a bullet across both a column and a page")


def read(path: Path) -> SourceText:
    from mgi_graph.corpus.documents import read_document

    return read_document(path).source(path)


def rows(record: object) -> list[tuple[int, str, int, str]]:
    return [(f.domain, f.polarity, f.ordinal, f.text) for f in record.findings]  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", sorted(CASES))
def test_a_report_pdf_reads_to_the_profile_its_text_gives(lang, tmp_path):
    case = CASES[lang]
    made = make(case, tmp_path / "report.pdf")
    # The PDF has each feature this test is about.
    assert made.pages >= 5 and made.hyphenated and len(made.notes) == len(case.notes)
    pdf_text = read(tmp_path / "report.pdf")
    web, pdf = parse_profile(SourceText.read(case.text)), parse_profile(pdf_text)
    assert (pdf.title.value, pdf.date.value) == (web.title.value, web.date.value)
    assert pdf.place == web.place
    assert rows(pdf) == rows(web) and len(rows(pdf)) >= 15
    # The footnotes, each whole (a long one wrapped and hyphenated), are notes of their page.
    from mgi_graph.corpus.documents import read_document

    notes = read_document(tmp_path / "report.pdf").notes
    assert [(n.page, int(n.marker), n.text) for n in notes] == made.notes
    # No page furniture, footnote or footnote marker in the text.
    text = pdf_text.text
    assert case.header not in text and "MIGRATION GOVERNANCE INDICATORS" not in text
    for note in case.notes.values():
        assert note[:30] not in text
    for phrase in case.notes:
        assert re.search(re.escape(phrase) + r"\d", " ".join(text.split())) is None
    # The title stays, though the running header repeats its words.
    assert web.title.value in text


@pytest.mark.parametrize("lang", sorted(CASES))
def test_a_report_pdf_proposes_the_names_its_text_proposes(lang, tmp_path):
    case = CASES[lang]
    make(case, tmp_path / "report.pdf")
    homes = {}
    for name, file in (("pdf", tmp_path / "report.pdf"), ("text", case.text)):
        homes[name] = tmp_path / name
        assert cli("init", "--base", OWN, str(homes[name])) == 0
        assert cli("add", "--home", str(homes[name]), str(file)) == 0
    pdf, text = (proposals(homes[n] / "curation" / "proposed.ttl") for n in ("pdf", "text"))
    assert pdf == text and len(pdf) >= 10


def proposals(path: Path) -> dict[str, tuple[frozenset[tuple[str, str]], tuple[str, ...]]]:
    """Each proposed entry: what it says (its evidence aside), and its quoted texts."""
    g = Graph().parse(path)
    out = {}
    for entry in set(g.subjects(MGI.reviewStatus, None)):
        facts = frozenset(
            (str(p), str(o)) for p, o in g.predicate_objects(entry) if p != MGI.evidence
        )
        quoted = tuple(
            sorted(
                " ".join(str(g.value(e, MGI.quotedText)).split())
                for e in g.objects(entry, MGI.evidence)
            )
        )
        out[str(entry)] = (facts, quoted)
    return out


def test_every_quote_of_a_report_pdf_is_verbatim_and_on_its_page(corpus, tmp_path):
    import pdfplumber

    case = CASES["fr"]
    made = make(case, tmp_path / "report.pdf")
    assert cli("add", "--home", str(corpus), str(tmp_path / "report.pdf")) == 0
    g = built_graph(corpus)
    assert check_quotes(g, corpus / "data" / "sources") > 0
    source = URIRef(f"{OWN}source/{case.key}")
    with pdfplumber.open(tmp_path / "report.pdf") as doc:
        pages = [_letters(page.extract_text()) for page in doc.pages]
    quotes = [q for q in g.subjects(OA.hasSource, source)]
    assert len(quotes) > 30
    for q in quotes:
        page = int(g.value(q, MGI.page))
        exact = str(g.value(URIRef(f"{q}#text"), OA.exact))
        assert _letters(exact)[:25] in pages[page - 1], (q, page, exact)
    assert {int(g.value(q, MGI.page)) for q in quotes} >= {1, made.pages - 1, made.pages}
    # The footnotes are notes of their page, in the source's language.
    notes = {
        (int(g.value(n, MGI.page)), str(g.value(n, MGI.noteMarker)), str(g.value(n, RDF.value)))
        for n in g.subjects(RDF.type, MGI.Footnote)
    }
    assert notes == {(page, str(n), text) for page, n, text in made.notes}
    assert {g.value(n, RDF.value).language for n in g.subjects(RDF.type, MGI.Footnote)} == {"fr"}


def _letters(text: str) -> str:
    """Letters and digits only: the PDF's own text, its hyphens and line breaks aside."""
    return re.sub(r"[\W_]", "", text.replace("-\n", "")).casefold()


def test_parse_and_add_read_a_pdf_alike(corpus, tmp_path):
    case = CASES["es"]
    make(case, tmp_path / "report.pdf")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli("parse", str(tmp_path / "report.pdf")) == 0
    parsed = json.loads(out.getvalue())
    assert cli("add", "--home", str(corpus), str(tmp_path / "report.pdf")) == 0
    stored = parse_profile(SourceText.read(corpus / "data" / "sources" / f"{case.key}.txt"))
    assert [(f["domain"], f["polarity"], f["text"], f["start"]) for f in parsed["findings"]] == [
        (f.domain, f.polarity, f.text, f.span.start) for f in stored.findings
    ]
    assert parsed["country"] == "CO" and parsed["pages"] >= 5
    # Title page, contents, introduction; then the findings, from the page "Principales
    # conclusiones" opens to the last.
    assert {f["page"] for f in parsed["findings"]} == set(range(4, parsed["pages"] + 1))
    assert [n["text"] for n in parsed["footnotes"]] == list(case.notes.values())


def test_parse_takes_a_text_in_utf16_as_add_does(tmp_path):
    case = CASES["fr"]
    wide = tmp_path / "profil.txt"
    wide.write_bytes(case.text.read_text("utf-8").encode("utf-16"))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli("parse", str(wide)) == 0
    assert json.loads(out.getvalue())["country"] == "SN"


def test_a_title_in_the_words_of_the_running_header_is_kept(tmp_path):
    case = CASES["en"]
    title = "Migration Governance Second Profile: Mongolia"
    made = make(case, tmp_path / "report.pdf", title_lines=1)
    assert made.pages >= 5
    # The header repeats the title's words exactly, on every page after the title page.
    report_pdf(
        case.text.read_text("utf-8"),
        tmp_path / "same.pdf",
        header=title.upper(),
        full_width=case.full_width,
        column_lines=20,
        title_lines=1,
    )
    text = read(tmp_path / "same.pdf").text
    assert text.count(title) == 1 and title.upper() not in text
    assert parse_profile(read(tmp_path / "same.pdf")).place == "Mongolia"


def test_a_scanned_report_is_refused_naming_ocr(corpus, tmp_path, capsys):
    from reportlab.pdfgen import canvas

    scan = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(scan), invariant=1)
    c.rect(50, 50, 400, 600, fill=1)  # a page that is an image, no text layer
    c.showPage()
    c.save()
    before = tree(corpus)
    assert cli("add", "--home", str(corpus), str(scan)) == 2
    assert cli("parse", str(scan)) == 2
    err = capsys.readouterr().err
    assert err.count("no text layer") == 2 and "OCR" in err and "scan.pdf" in err
    assert tree(corpus) == before
