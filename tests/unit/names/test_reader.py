"""The reader's view of an article's names: library labels applied, followed spellings found."""

from __future__ import annotations

from tui.analysis.types import Analysis, Entity, empty_facts
from tui.names.identity import Corrections
from tui.names.reader import followed_texts, library_analysis

BODY = "John Kerry flew to Tokyo. Kerry met Atlas Mining."


def analysis() -> Analysis:
    facts = empty_facts()
    facts["people"] = [
        {
            "name": "John Kerry",
            "mentions": 2,
            "label": "PERSON",
            "variants": ["John Kerry", "Kerry"],
            "first": 0,
        },
        {"name": "Atlas Mining", "mentions": 1, "label": "PERSON", "variants": ["Atlas Mining"], "first": 36},
    ]
    facts["places"] = [{"name": "Tokyo", "mentions": 1, "label": "GPE", "variants": ["Tokyo"], "first": 19}]
    entities = [
        Entity(0, 10, "PERSON", "John Kerry"),
        Entity(19, 24, "GPE", "Tokyo"),
        Entity(26, 31, "PERSON", "Kerry"),
        Entity(36, 48, "PERSON", "Atlas Mining"),
    ]
    return Analysis("a1", "model", entities, facts)


def test_a_library_label_moves_the_fact_and_relabels_its_mentions() -> None:
    original = analysis()
    shown = library_analysis(original, {"Atlas Mining": "ORG"}.get)
    assert [f["name"] for f in shown.facts["people"]] == ["John Kerry"]
    assert [(f["name"], f["label"]) for f in shown.facts["organizations"]] == [("Atlas Mining", "ORG")]
    assert [e.label for e in shown.entities] == ["PERSON", "GPE", "PERSON", "ORG"]
    # The analysis passed in is left as it was.
    assert [f["name"] for f in original.facts["people"]] == ["John Kerry", "Atlas Mining"]
    assert original.entities[3].label == "PERSON"


def test_no_change_keeps_the_same_analysis() -> None:
    original = analysis()
    assert library_analysis(original, {"Tokyo": "GPE"}.get) is original
    assert library_analysis(original, lambda name: None) is original


def test_followed_texts_are_every_spelling_of_a_followed_name() -> None:
    facts = analysis().facts
    assert followed_texts(facts, lambda name: name == "Kerry") == {"John Kerry", "Kerry"}
    assert followed_texts(facts, lambda name: False) == frozenset()


def test_merged_names_are_one_fact_with_the_label_they_were_merged_into() -> None:
    from tui.names.reader import with_merges

    original = analysis()
    targets = {"atlas mining": "john kerry"}
    merged = with_merges(original, lambda key: targets.get(key, key))
    people = merged.facts["people"]
    assert [(f["name"], f["mentions"], f["first"]) for f in people] == [("John Kerry", 3, 0)]
    assert people[0]["variants"] == ["John Kerry", "Kerry", "Atlas Mining"]
    assert merged.facts["places"] == original.facts["places"]
    assert len(original.facts["people"]) == 2  # not changed
    assert with_merges(original, lambda key: key) is original
    # Through library_analysis, after the labels: Tokyo merged into a person is shown as one.
    shown = library_analysis(
        original, lambda name: None, corrections=Corrections(merges={"tokyo": "john kerry"})
    )
    assert merged.entities == original.entities
    assert [f["name"] for f in shown.facts["people"]] == ["John Kerry", "Atlas Mining"]
    assert shown.facts["places"] == [] and "Tokyo" in shown.facts["people"][0]["variants"]
    assert [e.label for e in shown.entities if e.text == "Tokyo"] == ["PERSON"]


def test_a_split_spelling_is_a_name_of_its_own() -> None:
    from tui.names.reader import with_splits

    original = analysis()
    corrections = Corrections(splits={"kerry": "john kerry"})
    shown = with_splits(original, corrections, lambda name: "GPE" if name == "Kerry" else None)
    people = shown.facts["people"]
    assert [(f["name"], f["mentions"], f["variants"]) for f in people] == [
        ("John Kerry", 1, ["John Kerry"]),
        ("Atlas Mining", 1, ["Atlas Mining"]),
    ]
    assert [(f["name"], f["label"], f["mentions"], f["first"]) for f in shown.facts["places"]] == [
        ("Tokyo", "GPE", 1, 19),
        ("Kerry", "GPE", 1, 26),
    ]
    assert [e.label for e in shown.entities if e.text == "Kerry"] == ["GPE"]
    assert original.facts["people"][0]["variants"] == ["John Kerry", "Kerry"]  # not changed
    assert with_splits(original, Corrections(), lambda name: None) is original
