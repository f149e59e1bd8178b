"""Local governments: the city, municipality or province a local MGI profile assesses, within
its country.

A local profile's title names its place ("City of Montréal"), and may name the country
after it ("Accra (Ghana)", "Accra, Ghana"); where it does not, the researcher gives the
country (``mgi-graph add --country``). The place's key, from which its IRI and its
profiles' IRIs are made, is its country's ISO code and the slug of its name without the
words a local government's name may start with (``local_place_prefixes`` in
``data/profile-layout.toml``), so "City of Montréal" and "Montréal" are one place.

>>> place = local_place("City of Montréal (Canada)")
>>> place.name, place.country.alpha_2, place.key
('City of Montréal', 'CA', 'CA-montreal')
>>> local_place("Accra, Ghana").key
'GH-accra'
>>> local_place("City of Tinyville") is None  # no country in the title and none given
True
>>> local_place("City of Tinyville", country="MD").key
'MD-tinyville'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef

from mgi_graph.core import iris
from mgi_graph.core.errors import InputError
from mgi_graph.curate.countries import IsoCountry, lookup_country
from mgi_graph.ingest.layout import Layout, load_layout, plain_words

#: "Place (Country)" or "Place, Country" at the end of a title's place.
_COUNTRY_AFTER = (
    re.compile(r"^(?P<name>.+?)\s*\((?P<country>[^()]+)\)$"),
    re.compile(r"^(?P<name>.+?),\s*(?P<country>[^,]+)$"),
)


@dataclass(frozen=True)
class LocalPlace:
    """A local government as a local profile names it: its name as written, its country and
    whether the title itself names the country."""

    name: str
    country: IsoCountry
    slug: str
    country_in_title: bool

    @property
    def key(self) -> str:
        """The stable key of the place: ``<alpha-2>-<slug>``."""
        return f"{self.country.alpha_2}-{self.slug}"

    @property
    def iri(self) -> URIRef:
        return iris.local_government(self.key, iris.own_base())


def split_country(place: str) -> tuple[str, IsoCountry | None]:
    """The name of ``place`` and the country its end names, if it names one.

    >>> name, country = split_country("Kampala Capital City Authority (Uganda)")
    >>> name, country.alpha_2
    ('Kampala Capital City Authority', 'UG')
    >>> split_country("Seoul, Special City")  # no country after the comma
    ('Seoul, Special City', None)
    """
    for pattern in _COUNTRY_AFTER:
        m = pattern.match(place.strip())
        if m:
            found = lookup_country(m.group("country"))
            if found is not None:
                return m.group("name").strip(), found
    return place.strip(), None


def place_slug(name: str, lay: Layout | None = None) -> str:
    """The slug of a local government's name, without a leading "City of" and the like.

    >>> place_slug("Municipality of São Paulo")
    'sao-paulo'
    """
    words = " ".join(plain_words(name))
    for prefix in (lay or load_layout()).local_place_prefixes:
        if words.startswith(prefix + " "):
            words = words[len(prefix) + 1 :]
            break
    return "-".join(words.split())[:60].rstrip("-")


def local_place(
    place: str, country: str | None = None, *, where: str | None = None
) -> LocalPlace | None:
    """The local government ``place`` (a local profile title's place), in the country its
    title names or, where it names none, in ``country`` (a name or an ISO code); None if
    neither gives one. A country given that differs from the title's is refused."""
    name, in_title = split_country(place)
    given = lookup_country(country) if country else None
    if country and given is None:
        raise InputError(
            f"--country {country!r} is no country or territory of ISO 3166", path=where
        )
    if in_title is not None and given is not None and in_title.alpha_2 != given.alpha_2:
        raise InputError(
            f"the title places {name!r} in {in_title.name}, but the country given is {given.name}",
            path=where,
        )
    found = in_title or given
    if found is None:
        return None
    slug = place_slug(name)
    if not slug:
        raise InputError(
            f"the local profile's place {place!r} has no name to key it by", path=where
        )
    return LocalPlace(name, found, slug, in_title is not None)


@dataclass(frozen=True)
class ProfileSubject:
    """What a profile assesses: its country, and for a local profile the local government;
    ``key`` is the place's key its profiles' IRIs are made from (``MD``, ``GH-kumasi``)."""

    country: IsoCountry
    local: LocalPlace | None

    @property
    def key(self) -> str:
        return self.local.key if self.local is not None else self.country.alpha_2


def profile_subject(
    place: str, local: bool, country: str | None, *, path: Path, line: int
) -> ProfileSubject:
    """The subject of a profile whose title names ``place``: a local government (``local``)
    in the country its title names or ``country`` gives, or the country the title names,
    which ``country``, if given, must be.

    >>> from pathlib import Path
    >>> profile_subject("Republic of Moldova", False, None, path=Path("p.txt"), line=1).key
    'MD'
    >>> profile_subject("Accra", True, "GH", path=Path("p.txt"), line=1).key
    'GH-accra'
    """
    if local:
        found = local_place(place, country, where=str(path))
        if found is None:
            raise InputError(
                f"the local profile's title names {place!r} but not its country: give it "
                "with --country (a name or an ISO code)",
                path=path,
                line=line,
            )
        return ProfileSubject(found.country, found)
    named = lookup_country(place)
    if named is None:
        raise InputError(
            f"the title names {place!r}, which is no country or territory of ISO 3166",
            path=path,
            line=line,
        )
    given = lookup_country(country) if country else None
    if country and (given is None or given.alpha_2 != named.alpha_2):
        raise InputError(
            f"--country {country!r}: the title names {named.name}, and a national profile's "
            "country is the one its title names",
            path=path,
            line=line,
        )
    return ProfileSubject(named, None)


__all__ = [
    "LocalPlace",
    "ProfileSubject",
    "local_place",
    "place_slug",
    "profile_subject",
    "split_country",
]
