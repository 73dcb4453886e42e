"""Facts and entity refinement on the seed article and small made-up texts, with the real model."""

from __future__ import annotations

from typing import Any

import pytest

from tests import locations
from tui.analysis.entities import refine_article, refine_entities
from tui.analysis.facts import extract_facts
from tui.analysis.types import FACT_KEYS, Entity, Facts
from tui.core.labels import ALL_LABELS, LABEL_GROUPS, OTHER_GROUP, group_of

SEED = locations.ROOT / "sample_articles" / "us-japan-security-alliance.txt"
NAMED_FACT_KEYS = ("people", "organizations", "groups", "places", "dates")


def seed_body() -> str:
    """The seed's article paragraphs joined by a blank line (what ingest makes of it)."""
    lines = SEED.read_text(encoding="utf-8").splitlines()[7:30]
    return "\n\n".join(line.strip() for line in lines if line.strip())


def parse(nlp: Any, body: str) -> list[tuple[Any, int]]:
    """One doc per paragraph with its offset in `body`, as `tui.analysis.model` parses articles."""
    paragraphs = body.split("\n\n")
    offsets: list[int] = []
    offset = 0
    for paragraph in paragraphs:
        offsets.append(offset)
        offset += len(paragraph) + 2
    return list(zip(nlp.pipe(paragraphs), offsets, strict=True))


def analyze(nlp: Any, body: str) -> tuple[list[Entity], Facts]:
    docs = parse(nlp, body)
    entities = refine_article(docs)
    return entities, extract_facts(docs, entities)


@pytest.fixture(scope="module")
def seed(nlp: Any) -> tuple[str, list[Entity], Facts]:
    body = seed_body()
    entities, facts = analyze(nlp, body)
    return body, entities, facts


def fact_named(facts: Facts, key: str, name: str) -> dict[str, Any]:
    matches = [fact for fact in facts[key] if fact["name"] == name]
    assert len(matches) == 1, [fact["name"] for fact in facts[key]]
    return matches[0]


def test_seed_body_matches_ingest() -> None:
    ingest = pytest.importorskip("tui.ingest.pipeline")
    (article,) = ingest.load_file(SEED)
    assert article.body == seed_body()


def test_seed_people_with_roles_and_merged_surnames(seed: tuple[str, list[Entity], Facts]) -> None:
    _, _, facts = seed
    kerry = fact_named(facts, "people", "John Kerry")
    assert kerry["mentions"] >= 4
    assert "Kerry" in kerry["variants"]
    assert "Secretary of State" in kerry["role"]
    hagel = fact_named(facts, "people", "Chuck Hagel")
    assert hagel["role"] == "Pentagon chief"
    assert hagel["mentions"] == 3
    obama = fact_named(facts, "people", "Barack Obama")
    assert obama["role"] == "President"
    assert obama["mentions"] == 4
    names = [fact["name"] for fact in facts["people"]]
    assert "Kerry" not in names and "Obama" not in names and "Hagel" not in names
    assert names[0] in {"John Kerry", "Barack Obama"}


def test_seed_places_merge_us_variants(seed: tuple[str, list[Entity], Facts]) -> None:
    body, _, facts = seed
    united_states = fact_named(facts, "places", "United States")
    assert {"U.S.", "United States"} <= set(united_states["variants"])
    assert united_states["mentions"] >= 8
    assert united_states["first"] == body.index("United States")
    place_names = {fact["name"] for fact in facts["places"]}
    assert {"Japan", "Tokyo", "Pacific"} <= place_names
    assert "U.S." not in place_names
    assert all("Japanese" not in fact["variants"] for fact in facts["places"])


def test_seed_organizations(seed: tuple[str, list[Entity], Facts]) -> None:
    _, _, facts = seed
    named = {fact["name"]: fact for fact in facts["organizations"]}
    assert {"Pentagon", "White House"} <= set(named)
    apec = named["Asia-Pacific Economic Cooperation"]
    assert apec["variants"] == ["Asia-Pacific Economic Cooperation", "APEC"]
    assert apec["mentions"] == 3 and apec["label"] == "ORG"
    assert "ASEAN" in named["Association of Southeast Asian Nations"]["variants"]
    assert "U.S. Marines" in named


def test_seed_nationalities_are_groups_not_organizations(seed: tuple[str, list[Entity], Facts]) -> None:
    # Issue 14, item 18: "Japanese" (NORP) was listed under organisations.
    _, _, facts = seed
    groups = {fact["name"]: fact for fact in facts["groups"]}
    assert "Japanese" in groups and groups["Japanese"]["label"] == "NORP"
    assert all(fact["label"] == "NORP" for fact in facts["groups"])
    assert all("Japanese" not in fact["variants"] for fact in facts["organizations"])
    assert all(fact["label"] != "NORP" for fact in facts["organizations"])


def test_seed_quantities_say_what_they_count(seed: tuple[str, list[Entity], Facts]) -> None:
    body, _, facts = seed
    texts = [quantity["text"] for quantity in facts["quantities"]]
    assert "5,000 U.S. Marines" in texts
    assert "a third of the cost" in texts
    for quantity in facts["quantities"]:
        assert set(quantity) == {"text", "label", "first"}
        assert body[quantity["first"] : quantity["first"] + len(quantity["text"])] == quantity["text"]


def test_seed_statements(seed: tuple[str, list[Entity], Facts]) -> None:
    body, _, facts = seed
    statements = facts["statements"]
    assert 3 <= len(statements) <= 8
    assert [item["first"] for item in statements] == sorted(item["first"] for item in statements)
    for item in statements:
        assert set(item) == {"subject", "verb", "object", "sentence", "first"}
        assert all(item[key] for key in ("subject", "verb", "object"))
        assert body[item["first"] :].startswith(item["sentence"])
    triples = {(item["subject"], item["verb"], item["object"]) for item in statements}
    assert ("The United States", "will station", "a new missile defense radar") in triples
    says = [item for item in statements if item["verb"] == "says"]
    assert says and says[0]["subject"] == "A White House statement"
    assert says[0]["object"].startswith("Kerry will instead lead")


def test_seed_entity_offsets_exact_and_names_trimmed(
    seed: tuple[str, list[Entity], Facts],
) -> None:
    body, entities, _ = seed
    assert entities == sorted(entities, key=lambda entity: (entity.start, entity.end))
    for entity in entities:
        assert body[entity.start : entity.end] == entity.text
        assert entity.label in ALL_LABELS
        assert not entity.text.lower().startswith("the ") or entity.label in {"DATE", "TIME"}
        assert not entity.text.endswith(("'s", "'", ",", ".")) or entity.text.endswith("U.S.")
    first = entities[0]
    assert (first.start, first.text, first.label) == (4, "United States", "GPE")


def test_seed_label_fixes(seed: tuple[str, list[Entity], Facts]) -> None:
    _, entities, _ = seed
    labelled = {(entity.text, entity.label) for entity in entities}
    assert ("U.S. Marines", "ORG") in labelled  # the model says NORP
    assert ("Asia-Pacific Economic Cooperation", "ORG") in labelled  # the model says LOC
    assert "State" not in {entity.text for entity in entities}  # from "Secretary of State"
    assert ("U.S.-Japan", "ORG") not in labelled
    split = [entity for entity in entities if entity.text in {"U.S.", "Japan"}]
    assert any(entity.end + 1 == other.start for entity in split for other in split)


def test_fact_shape_and_order(seed: tuple[str, list[Entity], Facts]) -> None:
    body, _, facts = seed
    assert tuple(facts) == FACT_KEYS
    for key in NAMED_FACT_KEYS:
        assert facts[key], key
        for fact in facts[key]:
            assert {"name", "mentions", "label", "variants", "first"} <= set(fact)
            assert set(fact) - {"name", "mentions", "label", "variants", "first", "role"} == set()
            assert any(body[fact["first"] :].startswith(variant) for variant in fact["variants"])
        order = [(-fact["mentions"], fact["first"]) for fact in facts[key]]
        assert order == sorted(order)
    assert all("role" not in fact for fact in facts["places"])


def test_apposition_roles_and_nearest_surname(nlp: Any) -> None:
    body = (
        "Jane Doe, the chief executive of Acme Corp, said profits rose 5 percent.\n\n"
        "The company's finance chief, Tom Smith, told analysts that 300,000 cars were sold.\n\n"
        "Hillary Clinton met voters in Iowa.\n\n"
        "Bill Clinton spoke later. Clinton said the campaign raised $2 million."
    )
    _, facts = analyze(nlp, body)
    assert fact_named(facts, "people", "Jane Doe")["role"] == "chief executive of Acme Corp"
    assert fact_named(facts, "people", "Tom Smith")["role"] == "finance chief"
    assert fact_named(facts, "people", "Bill Clinton")["mentions"] == 2
    assert fact_named(facts, "people", "Hillary Clinton")["mentions"] == 1
    texts = [quantity["text"] for quantity in facts["quantities"]]
    assert {"5 percent", "300,000 cars", "$2 million"} <= set(texts)


def test_acronyms_and_place_aliases_merge(nlp: Any) -> None:
    body = (
        "The European Union and the United Nations agreed. The EU said the UN would pay.\n\n"
        "The United States and the US Navy took part, and the U.S. paid too."
    )
    _, facts = analyze(nlp, body)
    organizations = {fact["name"]: fact for fact in facts["organizations"]}
    assert organizations["European Union"]["variants"] == ["European Union", "EU"]
    assert organizations["United Nations"]["variants"] == ["United Nations", "UN"]
    places = [fact for fact in facts["places"] if "U.S." in fact["variants"]]
    assert len(places) == 1 and places[0]["name"] == "United States"


def test_page_chrome_and_misfires_dropped(nlp: Any) -> None:
    from spacy.tokens import Doc, Span

    doc = Doc(nlp.vocab, words=["Breaking", "News", ":", "Kerry", "visits", "Tokyo", "."])
    doc.ents = [Span(doc, 0, 2, "ORG"), Span(doc, 3, 4, "PERSON"), Span(doc, 5, 6, "GPE")]
    refined = refine_entities(doc, offset=100)
    assert [(entity.text, entity.label) for entity in refined] == [
        ("Kerry", "PERSON"),
        ("Tokyo", "GPE"),
    ]
    assert refined[0].start == 100 + doc.text.index("Kerry")
    size_picker = nlp("MD")
    assert [ent.label_ for ent in size_picker.ents] == ["GPE"]  # the raw model's misfire
    assert refine_entities(size_picker) == []
    punctuation = Doc(nlp.vocab, words=["Hello", "-", "X", "says", "5"])
    punctuation.ents = [
        Span(punctuation, 1, 2, "ORG"),
        Span(punctuation, 2, 3, "PERSON"),
        Span(punctuation, 4, 5, "CARDINAL"),
    ]
    assert [entity.text for entity in refine_entities(punctuation)] == ["5"]


def test_titles_and_possessives_trimmed_from_names(nlp: Any) -> None:
    from spacy.tokens import Doc, Span

    doc = Doc(nlp.vocab, words=["Mr.", "Obama", "'s", "plan", "for", "the", "Philippines"])
    doc.ents = [Span(doc, 0, 3, "PERSON"), Span(doc, 5, 7, "GPE")]
    assert [(entity.text, entity.start) for entity in refine_entities(doc)] == [
        ("Obama", 4),
        ("Philippines", doc.text.index("Philippines")),
    ]


def test_no_entities_gives_empty_facts(nlp: Any) -> None:
    entities, facts = analyze(nlp, "it rained.\n\nthen it stopped.")
    assert entities == []
    assert tuple(facts) == FACT_KEYS
    assert all(facts[key] == [] for key in FACT_KEYS if key != "statements")


def test_label_groups_cover_every_label_once() -> None:
    grouped = [label for labels in LABEL_GROUPS.values() for label in labels]
    assert sorted(grouped) == sorted(ALL_LABELS) and len(ALL_LABELS) == 18
    assert list(LABEL_GROUPS) == [
        "People",
        "Organisations",
        "Places",
        "Dates & times",
        "Numbers",
        OTHER_GROUP,
    ]
    assert group_of("NORP") == "Organisations"
    assert group_of("FAC") == "Places"
    assert group_of("MADE_UP") == OTHER_GROUP


def manual_doc(
    nlp: Any, words: list[str], ents: list[tuple[int, int, str]], glued: tuple[int, ...] = ()
) -> Any:
    """A Doc with given tokens (proper nouns for capitalised words) and entities, no model guesses.

    `glued`: indexes of tokens with no space after them.
    """
    from spacy.tokens import Doc, Span

    pos = ["PROPN" if word[:1].isupper() else "X" for word in words]
    spaces = [index not in glued and index + 1 < len(words) for index in range(len(words))]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, pos=pos)
    doc.ents = [Span(doc, start, end, label) for start, end, label in ents]
    return doc


def test_number_and_date_edges(nlp: Any) -> None:
    doc = manual_doc(
        nlp,
        ["It", "cost", "£", "5,000", ",", "up", "7", "%", "in", "the", "next", "year", "at"]
        + ["2:03:12", ",", "up", "to", "3.2", "metres", ",", "in", "The", "Hague", "."],
        [(3, 4, "MONEY"), (6, 7, "PERCENT"), (9, 12, "DATE"), (13, 14, "CARDINAL")]
        + [(15, 17, "CARDINAL"), (17, 19, "QUANTITY"), (21, 23, "GPE")],
        glued=(2, 6),
    )
    assert "£5,000" in doc.text and "7%" in doc.text
    assert [(entity.text, entity.label) for entity in refine_entities(doc)] == [
        ("£5,000", "MONEY"),
        ("7%", "PERCENT"),
        ("next year", "DATE"),
        ("2:03:12", "TIME"),
        ("up to 3.2 metres", "QUANTITY"),
        ("The Hague", "GPE"),
    ]


def test_article_level_fixes(nlp: Any) -> None:
    first = manual_doc(
        nlp,
        ["Jane", "Rowe", "flew", "to", "Glasgow", "."],
        [(0, 2, "PERSON"), (4, 5, "GPE")],
    )
    second = manual_doc(
        nlp,
        ["Glasgow", "cheered", "as", "Rowe", "signed", "the", "Clean", "Air", "Act", "."],
        [(0, 1, "PERSON"), (6, 9, "ORG")],
    )
    offset = len(first.text) + 2
    body = first.text + "\n\n" + second.text
    entities = refine_article([(first, 0), (second, offset)])
    assert [(entity.text, entity.label) for entity in entities] == [
        ("Jane Rowe", "PERSON"),
        ("Glasgow", "GPE"),
        ("Glasgow", "GPE"),  # the model's PERSON, contradicted by the article
        ("Rowe", "PERSON"),  # missed by the model, found as the surname of Jane Rowe
        ("Clean Air Act", "LAW"),
    ]
    assert all(body[entity.start : entity.end] == entity.text for entity in entities)
