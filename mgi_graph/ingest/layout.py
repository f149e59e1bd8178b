"""What an MGI profile page is made of: the phrases the parser recognises, loaded from data.

List headers, markers, title and date patterns come from the language files
(``data/languages/<code>.toml``, see :mod:`mgi_graph.ingest.languages`), bullets from
``data/profile-layout.toml``; the domain names from the SKOS labels in
``ontology/domains.ttl`` and the ``[domains]`` tables of the language files.

>>> lay = load_layout()
>>> lay.domain_of_heading("DOMAIN 6: SAFE, ORDERLY AND REGULAR MIGRATION")
6
>>> lay.domain_of_heading("Domain 3: Well-being of migrants")
4
>>> lay.list_polarity("Migration Governance: examples of well-governed areas:")
'well-developed'
>>> lay.list_polarity("Areas with potential for further development ")
'potential'
>>> print(normalise("Migrants’ rights — “whole”"))
migrants' rights - "whole"
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from mgi_graph.core.errors import InputError
from mgi_graph.core.paths import home

# Typographic quotes, dashes and spaces → plain ones.
_PLAIN = {
    "\u2018": "'",
    "\u2019": "'",
    "\u02bc": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u00a0": " ",
}
# Replacing the few such characters found is three times faster than ``str.translate``,
# which looks every character up.
_NOT_PLAIN = re.compile("[" + "".join(_PLAIN) + "]")


def _plain(m: re.Match[str]) -> str:
    return _PLAIN[m[0]]


WELL_DEVELOPED = "well-developed"
POTENTIAL = "potential"


def normalise(text: str) -> str:
    """Case-fold, make quotes and dashes plain, collapse white space, drop a final colon.

    >>> normalise("  Migration\u00a0Governance \u2013 \u201cWell-developed\u201d\tareas :")
    'migration governance - "well-developed" areas'
    """
    if not text.isascii():
        text = _NOT_PLAIN.sub(_plain, text)
    # str.split() splits at what ``\s`` matches, in a fifth of the time of a regex.
    out = " ".join(text.casefold().split())
    return out.rstrip(":").rstrip()


@dataclass(frozen=True)
class Layout:
    """Compiled recognisers for the parts of a profile page."""

    domain_labels: dict[str, int]
    folded_labels: dict[str, tuple[int, str]]
    #: The domains' numbers, in order (the concepts of ``ontology/domains.ttl``).
    domains: tuple[int, ...]
    #: The notation of each numbered edition ("second"), by its ordinal.
    editions: dict[int, str]
    number_prefix: re.Pattern[str]
    list_prefixes: tuple[str, ...]
    well_developed: frozenset[str]
    potential: frozenset[str]
    markers: frozenset[str]
    bullet: re.Pattern[str]
    titles: tuple[re.Pattern[str], ...]
    ordinals: dict[str, int]
    #: Words a local government's name may start with ("city of"), plain and folded.
    local_place_prefixes: tuple[str, ...]
    date: re.Pattern[str]
    months: dict[str, int]
    implementer: tuple[re.Pattern[str], ...]
    funder: tuple[re.Pattern[str], ...]

    def domain_of_heading(self, line: str) -> int | None:
        """The domain number a heading names, or None if the line is no domain heading."""
        norm = normalise(line)
        if norm in self.domain_labels:
            return self.domain_labels[norm]
        return self.domain_labels.get(self._unnumbered(norm))

    def _unnumbered(self, norm: str) -> str:
        """A normalised heading without its number ("domain 3: x" → "x")."""
        return self.number_prefix.sub("", norm, count=1)

    def near_domain(self, line: str) -> tuple[int, str] | None:
        """The domain a heading names up to inflection, accents, articles and punctuation
        ("Migrant's right", "Mobility dimension of crisis", "LA MOVILIDAD EN SITUACIONES DE
        CRISIS"), with the label it was matched to; None if there is none.

        >>> load_layout().near_domain("Domain 5: Mobility dimension of crisis")
        (5, 'mobility dimension of crises')
        """
        return self.folded_labels.get(fold_heading(self._unnumbered(normalise(line))))

    def closest_labels(self, line: str, n: int = 3) -> list[str]:
        """The domain labels most like ``line``, for an error message."""
        import difflib

        norm = self._unnumbered(normalise(line))
        return difflib.get_close_matches(norm, list(self.domain_labels), n=n, cutoff=0.5)

    def looks_numbered(self, line: str) -> bool:
        """True if the line starts like a numbered domain heading ("Domain 7: …"): a number,
        then words.

        >>> lay = load_layout()
        >>> lay.looks_numbered("Domain 7: Migrant workers"), lay.looks_numbered("12.")
        (True, False)
        """
        m = self.number_prefix.match(normalise(line))
        return m is not None and any(c.isalpha() for c in line[m.end() :]) and len(line) < 120

    def list_polarity(self, line: str) -> str | None:
        """``'well-developed'`` or ``'potential'`` for a list header, else None."""
        norm = normalise(line)
        for prefix in self.list_prefixes:
            if norm.startswith(prefix):
                rest = norm[len(prefix) :].lstrip()
                if rest.startswith(":"):
                    norm = rest[1:].strip()
                    break
        if norm in self.well_developed:
            return WELL_DEVELOPED
        if norm in self.potential:
            return POTENTIAL
        return None

    def is_marker(self, line: str) -> bool:
        """True for structural lines that carry nothing ("Key findings", "Introduction")."""
        return normalise(line) in self.markers


def plain_words(text: str) -> list[str]:
    """The words of ``text`` (letters and digits) with accents and case folded away: the one
    folding the country names, the IRI slugs of proposals and the near headings share.

    >>> plain_words("Agenția Națională, Côte d’Ivoire")
    ['agentia', 'nationala', 'cote', 'd', 'ivoire']
    """
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    return re.findall(r"[a-z0-9]+", plain)


_ARTICLES = frozenset(
    [
        "the",
        "a",
        "an",
        "el",
        "la",
        "los",
        "las",
        "lo",
        "le",
        "les",
        "l",
        "un",
        "una",
        "des",
        "du",
        "del",
        "de",
        "d",
        "of",
        "en",
        "in",
        "et",
        "and",
        "y",
    ]
)


def fold_heading(text: str) -> str:
    """A heading folded for near matching: accents, punctuation, articles and prepositions
    dropped, each word singular.

    >>> fold_heading("Migrants’ Rights") == fold_heading("migrant right")
    True
    >>> fold_heading("Dimensión de movilidad de las crisis")
    'dimension movilidad crisis'
    """
    words = [w for w in plain_words(text) if w not in _ARTICLES and w != "s"]
    out = []
    for w in words:
        if len(w) > 4 and w.endswith("ises"):  # crises: crisis
            w = w[:-2] + "is"
        elif len(w) > 3 and w.endswith("es") and w[:-2].endswith(("ss", "x", "ch", "sh")):
            w = w[:-2]
        elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "is", "us")):
            w = w[:-1]
        out.append(w)
    return " ".join(out)


def _folded(labels: dict[str, int]) -> dict[str, tuple[int, str]]:
    """Each label folded (see :func:`fold_heading`), to its domain and the label; a folded
    form that two domains share is left out."""
    out: dict[str, tuple[int, str]] = {}
    clash: set[str] = set()
    for label, number in sorted(labels.items()):
        key = fold_heading(label)
        if key in out and out[key][0] != number:
            clash.add(key)
        out.setdefault(key, (number, label))
    return {k: v for k, v in out.items() if k not in clash and k}


@dataclass(frozen=True)
class Schemes:
    """What the parser takes from the concept schemes of ``ontology/domains.ttl``."""

    #: Each label of each domain, normalised, to the domain's number.
    labels: dict[str, int]
    #: The domains' numbers, in order.
    domains: tuple[int, ...]
    #: The notation of each numbered edition concept ("second"), by its ordinal.
    editions: dict[int, str]


def _schemes(path: Path) -> Schemes:
    # Imported here so that modules which only need the text reader stay light.
    from mgi_graph.core.rdffiles import load_turtle
    from mgi_graph.core.vocab import MGI, RDF, SKOS

    g = load_turtle(path)
    labels: dict[str, int] = {}
    numbers: set[int] = set()
    for concept in g.subjects(RDF.type, MGI.Domain):
        number = g.value(concept, MGI.domainNumber)
        if number is None:
            raise InputError(f"the domain {concept} has no mgi:domainNumber", path=path)
        n = int(str(number))
        numbers.add(n)
        for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
            for label in g.objects(concept, prop):
                key = normalise(str(label))
                if labels.get(key, n) != n:
                    raise InputError(f"label {label!r} names two domains", path=path)
                labels[key] = n
    unlabelled = sorted(numbers - set(labels.values()))
    if not numbers or unlabelled:
        raise InputError(
            f"every domain needs a label (none for {unlabelled or 'any domain'})", path=path
        )
    editions: dict[int, str] = {}
    for concept, ordinal in g.subject_objects(MGI.editionOrdinal):
        notation = g.value(concept, SKOS.notation)
        if notation is None or int(str(ordinal)) in editions:
            raise InputError(f"edition {ordinal} needs one concept with a skos:notation", path=path)
        editions[int(str(ordinal))] = str(notation)
    return Schemes(labels=labels, domains=tuple(sorted(numbers)), editions=editions)


def load_layout(
    layout_file: Path | None = None,
    domains_file: Path | None = None,
    languages_dir: Path | None = None,
) -> Layout:
    """Load the layout phrases of every language and the domain labels (once per process
    and set of files)."""
    h = home()
    files = (
        tuple(sorted(languages_dir.glob("*.toml")))
        if languages_dir is not None
        else tuple(h.language_files())
    )
    return _load_layout(
        layout_file or h.layout_file, domains_file or h.knowledge("ontology/domains.ttl"), files
    )


@lru_cache(maxsize=4)
def _load_layout(layout_file: Path, domains_file: Path, language_files: tuple[Path, ...]) -> Layout:
    from mgi_graph.ingest.languages import read_languages

    try:
        conf = tomllib.loads(layout_file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"TOML syntax error: {exc}", path=layout_file) from exc
    langs = read_languages(language_files)
    profiles = [lang.profile for _, lang in sorted(langs.items())]

    def every(key: str) -> list[Any]:
        return [item for p in profiles for item in p.get(key, [])]

    chars = re.escape(conf["bullets"]["characters"])
    months: dict[str, int] = {}
    for p in profiles:
        for number, name in enumerate(p["months"], start=1):
            months[name] = number
    month_alt = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    schemes = _schemes(domains_file)
    labels = dict(schemes.labels)
    for _, lang in sorted(langs.items()):
        for number, headings in lang.domains.items():
            for heading in headings:
                key = normalise(heading)
                if labels.get(key, number) != number:
                    raise InputError(f"heading {heading!r} names two domains", path=lang.path)
                labels[key] = number
    heading_words = "|".join(sorted(map(re.escape, every("heading_words")), key=len, reverse=True))
    ordinals: dict[str, int] = {}
    for p in profiles:
        ordinals.update({k.casefold(): int(v) for k, v in p.get("ordinals", {}).items()})
    return Layout(
        domain_labels=labels,
        folded_labels=_folded(labels),
        domains=schemes.domains,
        editions=schemes.editions,
        number_prefix=re.compile(
            conf["headings"]["number_prefix"].replace("{heading_words}", heading_words)
        ),
        list_prefixes=tuple(normalise(p) for p in every("list_prefixes")),
        well_developed=frozenset(normalise(p) for p in every("well_developed")),
        potential=frozenset(normalise(p) for p in every("potential")),
        markers=frozenset(normalise(p) for p in every("markers")),
        bullet=re.compile(rf"^\s*[{chars}](?:\s+|$)"),
        titles=tuple(re.compile(t, re.IGNORECASE) for t in every("titles")),
        ordinals=ordinals,
        local_place_prefixes=tuple(" ".join(plain_words(p)) for p in every("local_place_prefixes")),
        date=re.compile(
            rf"^\s*(?:(?P<y1>\d{{4}})\s+(?P<m1>{month_alt})|(?:\d{{1,2}}(?:er|º)?\s+(?:de\s+)?)?(?P<m2>{month_alt})(?:\s+de)?\s+(?P<y2>\d{{4}}))\s*$",
            re.IGNORECASE,
        ),
        months=months,
        implementer=tuple(re.compile(p) for p in every("implementer")),
        funder=tuple(re.compile(p) for p in every("funder")),
    )
