"""What the reader shows of the names in one article: its analysis with the library's labels (the
user's corrections, else the library's majority), the mentions of names the library knows that the
model missed (`with_known_mentions`), and which of its names the user follows."""

from __future__ import annotations

import copy
from collections.abc import Callable, Collection, Mapping
from dataclasses import replace

from tui.analysis.facts import FACT_KEY_OF_LABEL
from tui.analysis.types import NAMED_KINDS, Analysis, Entity, Facts, NamedFact
from tui.names.identity import identity_key, kind_of
from tui.names.known import occurrences

# The sidebar sections that hold names (dates are not names), and the section of each label.
NAME_SECTIONS: tuple[str, ...] = tuple(kind for kind in NAMED_KINDS if kind != "dates")
SECTION_OF_LABEL: dict[str, str] = {
    label: kind for label, kind in FACT_KEY_OF_LABEL.items() if kind in NAME_SECTIONS
}


def _named(facts: Facts, section: str) -> list[NamedFact]:
    found: list[NamedFact] = list(facts[section])  # type: ignore[literal-required]
    return found


def library_analysis(
    analysis: Analysis,
    label_of: Callable[[str], str | None],
    body: str = "",
    spellings: Mapping[str, str] | None = None,
) -> Analysis:
    """`analysis` with each name shown under the label the library gives it (`label_of(name)`,
    None: as the article has it): the fact moves to its section, its mentions take the label;
    with the article's `body` and the library's known `spellings` (spelling -> label), also the
    mentions the model missed (`with_known_mentions`). The analysis passed in is not changed."""
    labelled = _library_labels(analysis, label_of)
    if body and spellings:
        return with_known_mentions(labelled, body, spellings)
    return labelled


def _library_labels(analysis: Analysis, label_of: Callable[[str], str | None]) -> Analysis:
    facts: Facts = copy.deepcopy(analysis.facts)
    relabelled: dict[str, str] = {}  # mention text -> new label
    moved: list[tuple[str, NamedFact]] = []
    for section in NAME_SECTIONS:
        kept: list[NamedFact] = []
        for fact in _named(facts, section):
            label = label_of(fact["name"])
            target = SECTION_OF_LABEL.get(label or "")
            if label is None or target is None or label == fact["label"]:
                kept.append(fact)
                continue
            for text in (fact["name"], *fact["variants"]):
                relabelled[text] = label
            fact = dict(fact)  # type: ignore[assignment]
            fact["label"] = label
            if target == section:
                kept.append(fact)
            else:
                fact.pop("role", None)  # type: ignore[typeddict-item]
                moved.append((target, fact))
        facts[section] = kept  # type: ignore[literal-required]
    for target, fact in moved:
        facts[target].append(fact)  # type: ignore[literal-required]
    for target in {target for target, _ in moved}:  # most mentioned first, as the analysis sorts
        facts[target].sort(key=lambda f: (-f["mentions"], f["first"]))  # type: ignore[literal-required]
    if not relabelled:
        return analysis
    entities = [
        replace(e, label=relabelled[e.text]) if e.text in relabelled and e.label in SECTION_OF_LABEL else e
        for e in analysis.entities
    ]
    return replace(analysis, entities=entities, facts=facts)


def followed_texts(facts: Facts, is_followed: Callable[[str], bool]) -> frozenset[str]:
    """Every spelling, in this article, of the names `is_followed(name)` says the user follows."""
    texts: set[str] = set()
    for section in NAME_SECTIONS:
        for fact in _named(facts, section):
            spellings = (fact["name"], *fact["variants"])
            if any(is_followed(text) for text in spellings):
                texts.update(spellings)
    return frozenset(texts)


def follow_keys(names: Collection[str]) -> frozenset[str]:
    """The identity keys of followed names (as typed or as the library spells them)."""
    return frozenset(key for key in (identity_key(name) for name in names) if key)


def with_known_mentions(analysis: Analysis, body: str, spellings: Mapping[str, str]) -> Analysis:
    """`analysis` with an entity for every occurrence in `body` of a spelling the library knows
    (spelling -> label; `tui.names.known` says which occurrences count) that no entity covers,
    counted in the fact of its name (a new fact when the article has none). An occurrence of a
    spelling of one of the article's own names takes that name's label; a lone surname of a person
    here (or the first word of an organisation) is left to the article's own rules. The analysis
    passed in is not changed; it is returned as it is when nothing is added."""
    if not spellings or not body:
        return analysis
    facts: Facts = copy.deepcopy(analysis.facts)
    by_key: dict[str, NamedFact] = {}
    short: set[str] = set()
    for section in NAME_SECTIONS:
        for fact in _named(facts, section):
            for text in (fact["name"], *fact["variants"]):
                by_key.setdefault(identity_key(text), fact)
            words = identity_key(fact["name"]).split()
            if len(words) > 1 and fact["label"] == "PERSON":
                short.add(words[-1])
            elif len(words) > 1 and kind_of(fact["label"]) == "organizations":
                short.add(words[0])
    covered = sorted((e.start, e.end) for e in analysis.entities)
    added: list[Entity] = []
    for occurrence in occurrences(body, spellings):
        if any(start < occurrence.end and occurrence.start < end for start, end in covered):
            continue
        key = identity_key(occurrence.spelling)
        fact = by_key.get(key)
        if fact is None and key in short:
            continue
        label = fact["label"] if fact is not None else spellings[occurrence.spelling]
        section = SECTION_OF_LABEL.get(label)
        if section is None:
            continue
        if fact is None:
            fact = {
                "name": occurrence.spelling,
                "label": label,
                "mentions": 0,
                "variants": [occurrence.spelling],
                "first": occurrence.start,
            }
            facts[section].append(fact)  # type: ignore[literal-required]
            by_key[key] = fact
        fact["mentions"] += 1
        if occurrence.spelling not in fact["variants"]:
            fact["variants"].append(occurrence.spelling)
        fact["first"] = min(fact["first"], occurrence.start)
        added.append(Entity(occurrence.start, occurrence.end, label, occurrence.spelling))
    if not added:
        return analysis
    for section in NAME_SECTIONS:
        _named(facts, section).sort(key=lambda f: (-f["mentions"], f["first"]))
    entities = sorted([*analysis.entities, *added], key=lambda e: (e.start, e.end))
    return replace(analysis, entities=entities, facts=facts)
