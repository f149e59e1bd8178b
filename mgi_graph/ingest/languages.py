"""The languages profiles are read in: one data file each, ``data/languages/<code>.toml``.

Everything that differs by language lives there, and nowhere in code: how a profile's title,
list headers, domain headings, markers and dates are written (``[profile]``, ``[domains]``),
the short words that tell the language (``[language]``), and how the names of bodies, laws,
instruments and agreements are made (``[names]``: head words and their kinds, connectors,
articles, parent and former-name phrases, number signs). Portuguese or Russian is a new
file. A corpus may add or override a language with a file of its own under
``data/languages/``.

>>> langs = load_languages()
>>> sorted(langs)[:3], langs["fr"].names["order"]
(['en', 'es', 'fr'], 'head-first')
>>> detect_language("Los migrantes tienen acceso a la salud y a la educación.", langs)
'es'
>>> detect_language("Os migrantes têm acesso à saúde e à educação, não só nas cidades.", langs)
'pt'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from mgi_graph.core.errors import InputError
from mgi_graph.core.paths import home
from mgi_graph.core.tomlfile import read_toml

#: The tables every language file has, and the keys each must hold.
_REQUIRED = {
    "language": ("code", "stopwords"),
    "profile": ("well_developed", "potential", "titles", "months", "markers"),
    "names": ("order", "connectors", "openers", "heads"),
}


@dataclass(frozen=True)
class Language:
    """One language file, read and checked."""

    code: str
    name: str
    path: Path
    stopwords: frozenset[str]
    profile: Mapping[str, Any]
    names: Mapping[str, Any]
    #: Domain headings of this language beyond the labels of ``ontology/domains.ttl``.
    domains: Mapping[int, tuple[str, ...]]
    #: The words of a body's name that say its kind, by kind (``ontology/body-kinds.ttl``).
    kinds: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def load_languages(folder: Path | None = None) -> dict[str, Language]:
    """Every language file of the corpus in use (or of ``folder``), by language code."""
    if folder is not None:
        return read_languages(tuple(sorted(folder.glob("*.toml"))))
    return read_languages(tuple(home().language_files()))


def read_languages(files: tuple[Path, ...]) -> dict[str, Language]:
    """The languages of ``files`` (read once per process and set of files)."""
    return dict(_load(files))


@cache
def _load(files: tuple[Path, ...]) -> tuple[tuple[str, Language], ...]:
    out: dict[str, Language] = {}
    for path in files:
        lang = _read(path)
        out[lang.code] = lang
    if not out:
        raise InputError("no language file (data/languages/<code>.toml) was found")
    return tuple(sorted(out.items()))


def _read(path: Path) -> Language:
    data = read_toml(path, "language file")
    for table, keys in _REQUIRED.items():
        missing = [k for k in keys if k not in data.get(table, {})]
        if missing:
            raise InputError(
                f"the language file needs [{table}] {', '.join(missing)} "
                "(see data/languages/en.toml)",
                path=path,
            )
    code = data["language"]["code"]
    if code != path.stem:
        raise InputError(f"the file of language {code!r} must be named {code}.toml", path=path)
    if len(data["profile"]["months"]) != 12:
        raise InputError("[profile] months must name the twelve months in order", path=path)
    if data["names"]["order"] not in ("head-first", "head-last"):
        raise InputError('[names] order is "head-first" or "head-last"', path=path)
    domains = {int(k): tuple(v) for k, v in data.get("domains", {}).items()}
    return Language(
        code=code,
        name=data["language"].get("name", code),
        path=path,
        stopwords=frozenset(data["language"]["stopwords"]),
        profile=data["profile"],
        names=data["names"],
        domains=domains,
        kinds={k: tuple(v) for k, v in data.get("kinds", {}).items()},
    )


def detect_language(text: str, languages: Mapping[str, Language] | None = None) -> str:
    """The language most of the words of ``text`` are in, by the short words of each
    language file (ties go to the first code in alphabetical order)."""
    langs = languages if languages is not None else load_languages()
    words = re.findall(r"[^\W\d_]+", text.casefold())
    counts = {code: sum(w in lang.stopwords for w in words) for code, lang in langs.items()}
    return max(sorted(counts), key=lambda code: counts[code])


__all__ = ["Language", "detect_language", "load_languages", "read_languages"]
