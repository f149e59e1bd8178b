"""The registry as the matcher sees it: every entry's names and jurisdiction.

Names come from ``skos:prefLabel``, ``skos:altLabel``, ``skos:hiddenLabel`` and
``mgi:jointName``. Two entries of the same jurisdiction may not share a name (matching would
have to pick one silently); entries of different countries may, and the matcher tells them
apart by context. A joint name must be carried by at least two entries.

>>> from mgi_graph.graph.assemble import knowledge_graph
>>> reg = Registry.from_graph(knowledge_graph())
>>> reg.key_of("kz-mia") in {n.key for n in reg.names if n.label == "Ministry of Interior"}
True
>>> sorted(reg.countries["KZ"])
['Kazajistán', 'Kazakh', 'Kazakhstan', 'RK', 'Republic of Kazakhstan']
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from mgi_graph.core import iris
from mgi_graph.core.errors import InputError
from mgi_graph.core.iris import INTERNATIONAL
from mgi_graph.core.namespaces import local_name
from mgi_graph.core.paths import home
from mgi_graph.core.vocab import MGI, RDF, RDFS, SKOS, ordered
from mgi_graph.curate.matcher import Matcher, Name
from mgi_graph.curate.name_words import name_key

_NAME_PROPS = (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)


@dataclass(frozen=True)
class Exclusion:
    """A capitalised phrase deliberately left out of the registry, with the reason."""

    iri: URIRef
    name: str
    reason: str


@dataclass
class Registry:
    """Registry entries, their names, the country designations and the exclusions."""

    entries: dict[str, URIRef]
    names: list[Name]
    countries: dict[str, list[str]]
    exclusions: list[Exclusion]

    def key_of(self, local: str) -> str:
        """The matcher key of the entry whose IRI ends in ``local``."""
        for key in self.entries:
            if key.rsplit("/", 1)[-1] == local:
                return key
        raise KeyError(local)

    def matcher(self) -> Matcher:
        """One matcher over all names."""
        return Matcher(self.names, self.countries)

    @classmethod
    def from_graph(cls, g: Graph, path: Path | None = None) -> Registry:
        """Read entries from the knowledge graph; check that no name is ambiguous."""
        path = path or home().registry_file
        entries: dict[str, URIRef] = {}
        names: list[Name] = []
        classes = set(g.transitive_subjects(RDFS.subClassOf, MGI.RegistryEntry))
        found = {s for c in classes for s in g.subjects(RDF.type, c)}
        for entry in ordered(found):
            if not isinstance(entry, URIRef):
                continue
            key = iris.key_of(str(entry))
            entries[key] = entry
            juris = g.value(entry, MGI.jurisdiction)
            jkey = None if juris in (None, INTERNATIONAL) else local_name(juris)
            scoped = ordered(g.objects(entry, MGI.nameInSource))
            for node in scoped:
                # Scoped names only: the entry's labels are for display, and may be the same
                # abbreviation as another entry's, scoped to another document.
                if not isinstance(node, URIRef):
                    raise InputError(
                        f"{key}: a mgi:nameInSource is an IRI (the entry's own, with #name-…),"
                        " not a blank node: the graph holds none",
                        path=path,
                    )
                label, source = g.value(node, MGI.nameAsWritten), g.value(node, MGI.inSource)
                if label is None or not isinstance(source, URIRef):
                    raise InputError(
                        f"{key}: mgi:nameInSource needs mgi:nameAsWritten and mgi:inSource",
                        path=path,
                    )
                names.append(Name(str(label), key, jkey, source=local_name(source)))
            for prop in _NAME_PROPS if not scoped else ():
                for label in ordered(g.objects(entry, prop)):
                    names.append(Name(str(label), key, jkey))
            for label in ordered(g.objects(entry, MGI.jointName)):
                names.append(Name(str(label), key, jkey, joint=True))
        # A proposed entry's names are the researcher's file's: an error about them names it.
        proposed = {
            iris.key_of(str(e)) for e in g.subjects(MGI.reviewStatus, None) if isinstance(e, URIRef)
        }
        _check_names(names, path, proposed, home().proposed_file)
        return cls(entries, names, _countries(g), _exclusions(g, path))


class DuplicateName(InputError):
    """Two registry records (or two names of them) that matching could not tell apart."""


def _check_names(
    names: list[Name],
    path: Path,
    proposed: frozenset[str] | set[str] = frozenset(),
    proposed_file: Path = Path(),
) -> None:
    """Refuse names matching could not tell apart: two entries of one jurisdiction with one
    name (in the same document, for names scoped to one), or a joint name of one entry. An
    error about a ``proposed`` entry names ``proposed_file``, else ``path``."""
    Where = tuple[tuple[str, ...], str | None, bool, str | None]
    by_key: dict[Where, set[str]] = defaultdict(set)
    for n in names:
        words = name_key(n.label)
        if not words:
            raise InputError(f"{n.key}: the name {n.label!r} has no words to match", path=path)
        by_key[(words, n.jurisdiction, n.joint, n.source)].add(n.key)
    for (words, juris, joint, source), keys in list(by_key.items()):
        if source is not None:
            # A scoped name counts in its document, where every unscoped name counts too.
            by_key[(words, juris, joint, source)] = keys | by_key.get(
                (words, juris, joint, None), set()
            )
    for (words, juris, joint, source), keys in sorted(by_key.items(), key=lambda kv: str(kv[0])):
        where = juris or "international"
        if joint and len(keys) < 2:
            raise InputError(
                f"{min(keys)}: the joint name {' '.join(words)!r} is carried by one entry only; "
                "use skos:altLabel",
                path=path,
            )
        if not joint and len(keys) > 1:
            scope = f" in {source}" if source else ""
            path = proposed_file if keys & proposed else path
            raise DuplicateName(
                f"the name {' '.join(words)!r} belongs to {', '.join(sorted(keys))}, all of "
                f"jurisdiction {where}{scope}: matching would have to pick one. Give one of them "
                "another name, merge them if they are one body, or make it a mgi:jointName",
                path=path,
                line=_last_line_naming(
                    path, [n.label for n in names if name_key(n.label) == words]
                ),
            )


def _last_line_naming(path: Path, labels: list[str]) -> int | None:
    """The line of the last record in ``path`` that gives one of ``labels`` (the one that
    made the name ambiguous), if the file can be read."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    found = [raw.rfind(f'"{label}"') for label in labels]
    pos = max(found, default=-1)
    return raw.count("\n", 0, pos) + 1 if pos >= 0 else None


def _countries(g: Graph) -> dict[str, list[str]]:
    """The names that designate each country: its English names and demonyms, and its
    preferred name in every language ("Sénégal", "Perú")."""
    out: dict[str, list[str]] = {}
    for c in ordered(g.subjects(RDF.type, MGI.Country)):
        labels = {
            str(v)
            for p in (SKOS.prefLabel, SKOS.altLabel, MGI.demonym)
            for v in g.objects(c, p)
            if isinstance(v, Literal) and (v.language in (None, "en") or p == SKOS.prefLabel)
        }
        out[local_name(c)] = sorted(labels)
    return out


def _exclusions(g: Graph, path: Path) -> list[Exclusion]:
    out = []
    for x in ordered(g.subjects(RDF.type, MGI.Exclusion)):
        name, reason = g.value(x, MGI.excludedName), g.value(x, MGI.reason)
        if name is None or reason is None:
            raise InputError(f"exclusion {x} needs mgi:excludedName and mgi:reason", path=path)
        out.append(Exclusion(x, str(name), str(reason)))  # type: ignore[arg-type]
    return out


__all__ = ["INTERNATIONAL", "DuplicateName", "Exclusion", "Registry"]
