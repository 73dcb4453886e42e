"""What the reader shows of the names in one article: its analysis with the library's labels (the
user's corrections, else the library's majority) and which of its names the user follows."""

from __future__ import annotations

import copy
from collections.abc import Callable, Collection
from dataclasses import replace

from tui.analysis.facts import FACT_KEY_OF_LABEL
from tui.analysis.types import NAMED_KINDS, Analysis, Facts, NamedFact
from tui.names.identity import identity_key

# The sidebar sections that hold names (dates are not names), and the section of each label.
NAME_SECTIONS: tuple[str, ...] = tuple(kind for kind in NAMED_KINDS if kind != "dates")
SECTION_OF_LABEL: dict[str, str] = {
    label: kind for label, kind in FACT_KEY_OF_LABEL.items() if kind in NAME_SECTIONS
}


def _named(facts: Facts, section: str) -> list[NamedFact]:
    found: list[NamedFact] = list(facts[section])  # type: ignore[literal-required]
    return found


def library_analysis(analysis: Analysis, label_of: Callable[[str], str | None]) -> Analysis:
    """`analysis` with each name shown under the label the library gives it (`label_of(name)`,
    None: as the article has it): the fact moves to its section, its mentions take the label.
    The analysis passed in is not changed."""
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
