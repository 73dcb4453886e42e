"""What the reader shows of the names in one article: its analysis with the library's labels (the
user's corrections, else the library's majority), the mentions of names the library knows that the
model missed (`with_known_mentions`), and which of its names the user follows."""

from __future__ import annotations

import copy
from collections.abc import Callable, Collection, Mapping
from dataclasses import replace

from tui.analysis.facts import FACT_KEY_OF_LABEL
from tui.analysis.types import NAMED_KINDS, Analysis, Entity, Facts, NamedFact
from tui.names.identity import Corrections, identity_key, kind_of
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
    corrections: Corrections | None = None,
) -> Analysis:
    """`analysis` with each name shown under the label the library gives it (`label_of(name)`,
    None: as the article has it): the fact moves to its section, its mentions take the label;
    with the article's `body` and the library's known `spellings` (spelling -> label), also the
    mentions the model missed (`with_known_mentions`); with the user's `corrections`, the
    spellings split from a name as names of their own (`with_splits`) and the names merged as one
    fact (`with_merges`). The analysis passed in is not changed."""
    shown = _library_labels(analysis, label_of)
    if body and spellings:
        shown = with_known_mentions(shown, body, spellings)
    if corrections is not None:
        shown = with_splits(shown, corrections, label_of)
        shown = with_merges(shown, corrections.target)
    return shown


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
        found = by_key.get(key)
        if found is None and key in short:
            continue
        label = found["label"] if found is not None else spellings[occurrence.spelling]
        home = SECTION_OF_LABEL.get(label)
        if home is None:
            continue
        if found is None:
            found = NamedFact(
                name=occurrence.spelling,
                label=label,
                mentions=0,
                variants=[occurrence.spelling],
                first=occurrence.start,
            )
            facts[home].append(found)  # type: ignore[literal-required]
            by_key[key] = found
        found["mentions"] += 1
        if occurrence.spelling not in found["variants"]:
            found["variants"].append(occurrence.spelling)
        found["first"] = min(found["first"], occurrence.start)
        added.append(Entity(occurrence.start, occurrence.end, label, occurrence.spelling))
    if not added:
        return analysis
    for section in NAME_SECTIONS:
        facts[section].sort(key=lambda f: (-f["mentions"], f["first"]))  # type: ignore[literal-required]
    entities = sorted([*analysis.entities, *added], key=lambda e: (e.start, e.end))
    return replace(analysis, entities=entities, facts=facts)


def with_merges(analysis: Analysis, target: Callable[[str], str]) -> Analysis:
    """`analysis` with the facts that the user's merges make one name (`target(identity key)` the
    same) as one fact: the name and label of the one the others were merged into (else the most
    mentioned), every spelling, the mentions added up; their entities take that label. The
    analysis passed in is not changed; it is returned as it is when nothing merges."""
    groups: dict[str, list[tuple[str, NamedFact]]] = {}
    for section in NAME_SECTIONS:
        for fact in _named(analysis.facts, section):
            groups.setdefault(target(identity_key(fact["name"])), []).append((section, fact))
    merging = {key: members for key, members in groups.items() if len(members) > 1}
    if not merging:
        return analysis
    relabelled: dict[str, str] = {}
    dropped: set[int] = set()  # ids of the original facts replaced by a merged one
    added: dict[str, list[NamedFact]] = {section: [] for section in NAME_SECTIONS}
    for key, members in merging.items():
        section, main = max(
            members, key=lambda m: (identity_key(m[1]["name"]) == key, m[1]["mentions"], -m[1]["first"])
        )
        merged: NamedFact = copy.deepcopy(main)
        for _, fact in members:
            dropped.add(id(fact))
            if fact is main:
                continue
            merged["mentions"] += fact["mentions"]
            merged["first"] = min(merged["first"], fact["first"])
            for spelling in (fact["name"], *fact["variants"]):
                if spelling not in merged["variants"]:
                    merged["variants"].append(spelling)
        for text in merged["variants"]:
            relabelled[text] = main["label"]
        added[section].append(merged)
    facts: Facts = copy.deepcopy(analysis.facts)
    for section in NAME_SECTIONS:
        kept = [copy.deepcopy(f) for f in _named(analysis.facts, section) if id(f) not in dropped]
        kept += added[section]
        kept.sort(key=lambda f: (-f["mentions"], f["first"]))
        facts[section] = kept  # type: ignore[literal-required]
    entities = [
        replace(e, label=relabelled[e.text]) if e.text in relabelled and e.label in SECTION_OF_LABEL else e
        for e in analysis.entities
    ]
    return replace(analysis, entities=entities, facts=facts)


def with_splits(
    analysis: Analysis, corrections: Corrections, label_of: Callable[[str], str | None]
) -> Analysis:
    """`analysis` with the spellings the user split from a name ("Kerry" never counts as John
    Kerry) taken out of that name's fact as facts of their own, counted from the entities that
    spell them, under the label the library gives them (`label_of`). The analysis passed in is
    not changed; it is returned as it is when nothing is split."""
    if not corrections.splits:
        return analysis
    facts: Facts = copy.deepcopy(analysis.facts)
    entity_keys = [identity_key(e.text) for e in analysis.entities]
    relabelled: dict[str, str] = {}
    changed = False
    for section in NAME_SECTIONS:
        for fact in list(_named(facts, section)):
            owner = corrections.target(identity_key(fact["name"]))
            taken: dict[str, list[str]] = {}
            for spelling in fact["variants"]:
                key = identity_key(spelling)
                split_from = corrections.splits.get(key)
                if (
                    key != identity_key(fact["name"])
                    and split_from
                    and corrections.target(split_from) == owner
                ):
                    taken.setdefault(key, []).append(spelling)
            for key, spellings in taken.items():
                changed = True
                starts = [e.start for e, k in zip(analysis.entities, entity_keys, strict=True) if k == key]
                fact["variants"] = [v for v in fact["variants"] if v not in spellings]
                fact["mentions"] = max(1, fact["mentions"] - max(len(starts), 1))
                label = label_of(spellings[0]) or fact["label"]
                home = SECTION_OF_LABEL.get(label, section)
                facts[home].append(  # type: ignore[literal-required]
                    NamedFact(
                        name=spellings[0],
                        label=label,
                        mentions=max(len(starts), 1),
                        variants=spellings,
                        first=min(starts) if starts else fact["first"],
                    )
                )
                if label != fact["label"]:
                    relabelled.update(dict.fromkeys(spellings, label))
    if not changed:
        return analysis
    for section in NAME_SECTIONS:
        facts[section].sort(key=lambda f: (-f["mentions"], f["first"]))  # type: ignore[literal-required]
    entities = [
        replace(e, label=relabelled[e.text]) if e.text in relabelled and e.label in SECTION_OF_LABEL else e
        for e in analysis.entities
    ]
    return replace(analysis, entities=entities, facts=facts)
