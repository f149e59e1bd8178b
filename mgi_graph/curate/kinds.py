"""The kinds of body (``ontology/body-kinds.ttl``): what each body of the graph does, so that
bodies compare across countries whatever their names.

Every institution gets its kinds (``org:classification``) by the rules of
``data/body-kinds.toml``, in order: kinds curated or set on review are kept; a class that
says the kind (a parliament is a legislature); an international body is a regional
organisation or an international one; the words of its name, by the ``[kinds]`` table of
the name's language file; its parent's kinds. A body none of these places has no kind, and
is listed so: never a guess. Each kind carries its basis (``mgi:kindBasis``): the words, the
class or the parent that decided it.

>>> rules = kind_rules()
>>> [k for k, _ in kinds_of_name("Ministry of Labour and Social Protection", "en", rules)]
['labour', 'social-protection']
>>> [k for k, _ in kinds_of_name("Ministère de l'Intérieur et de la Sécurité", "fr", rules)]
['interior', 'border-police']
>>> dane = "Departamento Administrativo Nacional de Estadística"
>>> [k for k, _ in kinds_of_name(dane, "es", rules)]
['statistics']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from mgi_graph.core import iris
from mgi_graph.core.errors import InputError
from mgi_graph.core.iris import INTERNATIONAL
from mgi_graph.core.paths import home
from mgi_graph.core.tomlfile import read_toml
from mgi_graph.core.vocab import MGI, ORG, RDF, RDFS, SKOS, ordered
from mgi_graph.ingest.languages import read_languages
from mgi_graph.ingest.layout import plain_words

KIND_BASE = iris.BASE + "body-kind/"


@dataclass(frozen=True, eq=False)
class KindRules:
    """The rules of ``data/body-kinds.toml`` and of the languages' ``[kinds]`` tables."""

    by_class: Mapping[str, str]
    #: Classes whose bodies take only these kinds from their names (else the first).
    class_kinds: Mapping[str, tuple[str, ...]]
    #: Per language: each phrase (folded words) and the kind it says, longest first.
    phrases: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]]


def kind_rules() -> KindRules:
    """The rules of the corpus in use (read once per process and set of files)."""
    h = home()
    return _rules(h.knowledge("data/body-kinds.toml"), tuple(h.language_files()))


@cache
def _rules(path: Path, language_files: tuple[Path, ...]) -> KindRules:
    data = read_toml(path, "body-kind rules")
    phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {}
    for code, lang in read_languages(language_files).items():
        table = [
            (tuple(plain_words(words)), kind)
            for kind, listed in lang.kinds.items()
            for words in listed
        ]
        phrases[code] = tuple(sorted(table, key=lambda t: (-len(t[0]), t[0])))
    return KindRules(
        by_class=dict(data.get("by_class", {})),
        class_kinds={k: tuple(v) for k, v in data.get("class_kinds", {}).items()},
        phrases=phrases,
    )


def kinds_of_name(name: str, lang: str, rules: KindRules) -> list[tuple[str, str]]:
    """The kinds the words of ``name`` (in language ``lang``) say, in the order they stand,
    each with the words that said it; a phrase is matched before its words, each word once."""
    words = plain_words(name)
    used = [False] * len(words)
    found: list[tuple[int, str, str]] = []
    for phrase, kind in rules.phrases.get(lang, ()):
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) == phrase and not any(used[i : i + n]):
                used[i : i + n] = [True] * n
                found.append((i, kind, " ".join(phrase)))
    out: list[tuple[str, str]] = []
    for _, kind, said in sorted(found):
        if kind not in {k for k, _ in out}:
            out.append((kind, said))
    return out


def add_kinds(g: Graph, rules: KindRules | None = None) -> int:
    """Give every institution of ``g`` its kinds with their basis (see the module); return
    how many institutions have a kind."""
    rules = rules or kind_rules()
    known = {str(k) for k in g.subjects(RDF.type, MGI.BodyKind)}
    classes = set(g.transitive_subjects(RDFS.subClassOf, MGI.Institution))
    bodies = ordered({b for c in classes for b in g.subjects(RDF.type, c) if isinstance(b, URIRef)})
    decided: dict[URIRef, list[tuple[str, str]]] = {}
    for body in bodies:
        decided[body] = _kinds(g, body, rules)
    # A sub-unit whose own name says nothing takes its parent's kinds (up the chain).
    changed = True
    while changed:
        changed = False
        for body in bodies:
            parent = g.value(body, ORG.subOrganizationOf)
            if decided[body] or not isinstance(parent, URIRef) or not decided.get(parent):
                continue
            label = _label(g, parent)
            decided[body] = [(k, f"from its parent, {label}") for k, _ in decided[parent]]
            changed = True
    placed = 0
    for body, kinds in decided.items():
        placed += bool(kinds)
        if (body, MGI.kindBasis, None) in g:
            continue  # curated with its basis
        for kind, basis in kinds:
            iri = URIRef(KIND_BASE + kind)
            if str(iri) not in known:
                raise InputError(
                    f"the rules give {body} the kind {kind!r}, which is no concept of "
                    "ontology/body-kinds.ttl",
                    path=home().knowledge("data/body-kinds.toml"),
                )
            if (body, ORG.classification, iri) not in g:
                g.add((body, ORG.classification, iri))
            g.add((body, MGI.kindBasis, Literal(f"{kind}: {basis}", lang="en")))
    return placed


def _kinds(g: Graph, body: URIRef, rules: KindRules) -> list[tuple[str, str]]:
    """The kinds of one body by the first rule that gives any (without its parent's)."""
    curated = [str(k) for k in g.objects(body, ORG.classification)]
    if curated:
        how = "set on review" if (body, MGI.reviewStatus, None) in g else "curated"
        return [(k.removeprefix(KIND_BASE), how) for k in sorted(curated)]
    names = [
        (str(label), label.language or "en")
        for p in (SKOS.prefLabel, SKOS.altLabel)
        for label in ordered(g.objects(body, p))
        if isinstance(label, Literal)
    ]
    classes = [str(c).removeprefix(str(MGI)) for c in ordered(g.objects(body, RDF.type))]
    international = g.value(body, MGI.jurisdiction) == INTERNATIONAL
    return rule_kinds(classes, names, international, rules)


def rule_kinds(
    classes: list[str], names: list[tuple[str, str]], international: bool, rules: KindRules
) -> list[tuple[str, str]]:
    """The kinds the rules give a body of ``classes`` (local names of mgi: classes) with
    ``names`` (name, language), international or not; with their basis.

    >>> rule_kinds(["Ministry"], [("Ministerio del Trabajo", "es")], False, kind_rules())
    [('labour', 'its name "Ministerio del Trabajo" holds "trabajo"')]
    >>> rule_kinds(["Agency"], [("Otandastar Board", "en")], False, kind_rules())
    []
    """
    for name in classes:
        kind = rules.by_class.get(name)
        if kind:
            return [(kind, f"its class, mgi:{name}")]
        allowed = rules.class_kinds.get(name)
        if allowed:
            for label, lang in names:
                found = [k for k in kinds_of_name(label, lang, rules) if k[0] in allowed]
                if found:
                    return [(k, f'its name "{label}" holds "{w}"') for k, w in found]
            return [(allowed[0], f"its class, mgi:{name}")]
    if international:
        for label, lang in names:
            for kind, words in kinds_of_name(label, lang, rules):
                if kind == "regional":
                    said = f'an international body whose name "{label}" holds "{words}"'
                    return [("regional", said)]
        return [("international-organisation", "an international body")]
    for label, lang in names:
        found = [k for k in kinds_of_name(label, lang, rules) if k[0] != "regional"]
        if found:
            return [(k, f'its name "{label}" holds "{w}"') for k, w in found]
    return []


def _label(g: Graph, entry: URIRef) -> str:
    label = g.value(entry, SKOS.prefLabel)
    return str(label) if label is not None else str(entry)


__all__ = ["KIND_BASE", "KindRules", "add_kinds", "kind_rules", "kinds_of_name", "rule_kinds"]
