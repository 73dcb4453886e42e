"""The names-layer rules that let a name term and a timeline find every article naming a name
(issue 18, "search recall"; measured by `test_search_eval.py`): an acronym the library uses for a
name, an organisation's or place's short form that an article counted for a longer name, another
person's full name that an article's facts joined to a namesake, a family name written first, and
a name term for a name the library knows as another kind only."""

from __future__ import annotations

import json
from pathlib import Path

from tests.unit.names.helpers import article
from tui.names.index import NameIndex
from tui.names.rows import initials
from tui.names.search import matching_ids, search
from tui.store.library import Library


def found(index: NameIndex, name: str, kind: str | None = None) -> set[str]:
    identity = index.identity(name, kind)
    return set() if identity is None else index.article_ids(identity)


def test_initials_leave_out_the_small_words() -> None:
    assert initials("european union") == "eu"
    assert initials("kiel institute for the world economy") == "kiwe"
    assert initials("eu") == "" and initials("improvement district no. 9") == ""


def test_an_acronym_and_the_name_it_stands_for_are_one(tmp_path: Path) -> None:
    """ "EU" in one article, "European Union" in two others: `org:` either finds all three."""
    index = NameIndex(tmp_path)
    index.add_articles(
        [
            article("a", "The European Union agreed.", [("European Union", "ORG")]),
            article("b", "European Union ministers met.", [("European Union", "ORG")]),
            article("c", "EU ministers met in Luxembourg.", [("EU", "ORG"), ("Luxembourg", "GPE")]),
        ]
    )
    assert found(index, "European Union", "organizations") == {"a", "b", "c"}
    assert found(index, "EU", "organizations") == {"a", "b", "c"}
    assert {e.article_id for e in index.timeline("European Union")} == {"a", "b", "c"}
    assert found(index, "Luxembourg") == {"c"}


def test_an_acronym_is_not_any_name_with_its_initials(tmp_path: Path) -> None:
    """A wire's credit "(AP)" in three articles is not Atlas Portföy, named once; two names with
    the same initials leave the acronym alone; a person's initials are no acronym."""
    index = NameIndex(tmp_path)
    index.add_articles(
        [
            article("a", "ANKARA (AP) - Atlas Portföy grew.", [("AP", "ORG"), ("Atlas Portföy", "ORG")]),
            article("b", "(AP) - Rain.", [("AP", "ORG")]),
            article("c", "(AP) - Sun.", [("AP", "ORG")]),
            article("d", "Baltic Crane Group said.", [("Baltic Crane Group", "ORG")]),
            article("e", "Boston Consulting Group said.", [("Boston Consulting Group", "ORG")]),
            article("f", "BCG said.", [("BCG", "ORG")]),
            article("g", "Jan Kowalski spoke.", [("Jan Kowalski", "PERSON")]),
            article("h", "JK spoke.", [("JK", "ORG")]),
        ]
    )
    assert found(index, "Atlas Portföy") == {"a"}
    assert found(index, "AP") == {"a", "b", "c"}
    assert found(index, "BCG") == {"f"}
    assert found(index, "Jan Kowalski") == {"g"}


def test_a_short_form_counted_for_a_longer_name_still_names_itself(tmp_path: Path) -> None:
    """The company "Lindqvist" beside Karin Lindqvist (the article's rules counted it for her), and
    "Pomerania" among the spellings of Mecklenburg-Western Pomerania: `org:`/`place:` find them."""
    index = NameIndex(tmp_path)
    index.add_articles(
        [
            article("a", "Lindqvist AB sold boxes.", [("Lindqvist AB", "ORG")]),
            article(
                "b",
                "The sponsor, Lindqvist, flew in. Karin Lindqvist cheered.",
                [("Karin Lindqvist", "PERSON"), ("Lindqvist", "ORG")],
            ),
            article("c", "Cranes from Pomerania.", [("Pomerania", "GPE")]),
            article(
                "d",
                "Pomerania and Mecklenburg-Western Pomerania.",
                [("Mecklenburg-Western Pomerania", "GPE", ["Mecklenburg-Western Pomerania", "Pomerania"])],
            ),
            article(
                "e",
                "Lindqvist said no. Erik Lindqvist is a person.",
                [("Erik Lindqvist", "PERSON", ["Erik Lindqvist", "Lindqvist"])],
            ),
        ]
    )
    assert found(index, "Lindqvist AB", "organizations") == {"a", "b"}
    # The company counted for her in b does not vote for her label: she stays a person.
    assert found(index, "Karin Lindqvist", "people") == {"b"}
    assert found(index, "Pomerania", "places") == {"c", "d"}
    assert {e.article_id for e in index.timeline("Pomerania")} == {"c", "d"}


def test_another_persons_full_name_among_a_persons_spellings_is_its_own(tmp_path: Path) -> None:
    """The facts joined "Obinna Okafor" to Emmanuel Okafor (a shared surname): Obinna's timeline
    has the article; "Hawk Sawyer" stays Kathleen Hawk Sawyer's."""
    index = NameIndex(tmp_path)
    index.add_articles(
        [
            article("a", "Obinna Okafor won the case.", [("Obinna Okafor", "PERSON")]),
            article(
                "b",
                "Obinna Okafor spoke. Okafor said more. Emmanuel Okafor, the founder, came.",
                [("Emmanuel Okafor", "PERSON", ["Obinna Okafor", "Okafor", "Emmanuel Okafor"])],
            ),
            article(
                "c",
                "Kathleen Hawk Sawyer ran it. Hawk Sawyer said so.",
                [("Kathleen Hawk Sawyer", "PERSON", ["Kathleen Hawk Sawyer", "Hawk Sawyer"])],
            ),
        ]
    )
    assert found(index, "Obinna Okafor", "people") == {"a", "b"}
    assert {e.article_id for e in index.timeline("Obinna Okafor")} == {"a", "b"}
    assert found(index, "Emmanuel Okafor", "people") == {"b"}
    assert found(index, "Kathleen Hawk Sawyer") == {"c"}
    assert found(index, "Hawk Sawyer") == {"c"}


def test_a_family_name_written_first_counts_for_its_person(tmp_path: Path) -> None:
    """ "Sato" beside "Sato Kenji" (no full name ends with it) is Sato Kenji there, and its label
    vote does not outweigh the article's own for the full name."""
    index = NameIndex(tmp_path)
    index.add_articles(
        [
            article(
                "a",
                "Chief executive Sato Kenji spoke. Sato said more.",
                [("Sato Kenji", "PERSON"), ("Sato", "PERSON")],
            ),
            article("b", "Odra Racibórz won.", [("Odra Racibórz", "ORG")]),
            article(
                "c", "Odra Racibórz won. Odra scored.", [("Odra Racibórz", "PERSON"), ("Odra", "PERSON")]
            ),
        ]
    )
    sato = index.identity("Sato Kenji")
    assert sato is not None and index.article_ids(sato) == {"a"}
    assert index.identity("Sato") is not None and index.identity("Sato").key == "sato kenji"  # type: ignore[union-attr]
    assert found(index, "Odra Racibórz", "organizations") == {"b", "c"}  # a tie, never a person


def test_a_name_known_as_another_kind_only_is_still_found(tmp_path: Path) -> None:
    """`org:Kilkenny` when the library knows Kilkenny only as a place (the small model took the club
    for the town): the articles that label it an organisation if any, else every article naming
    it, rather than "no article names Kilkenny". A name known as the asked kind stays exact."""
    folder = tmp_path / "articles"
    folder.mkdir()
    bodies = {
        "club": ("Kilkenny beat Tipperary by three points.", [("Kilkenny", "GPE"), ("Tipperary", "GPE")]),
        "town": ("Rain in Kilkenny and Tipperary.", [("Kilkenny", "GPE"), ("Tipperary", "ORG")]),
        "jordan": ("Jordan scored twice.", [("Jordan", "PERSON")]),
        "fair": ("A fair in Tipperary.", [("Tipperary", "GPE")]),
    }
    for name, (body, _) in bodies.items():
        record = {"title": name, "body": body, "source": name, "published": "2026-03-01", "url": None}
        (folder / f"{name}.json").write_text(json.dumps(record), encoding="utf-8")
    library = Library([folder], cache_dir=tmp_path / "cache")
    ids = {s.source: s.id for s in library.refresh()}
    index = NameIndex(tmp_path / "names")
    index.add_articles([article(ids[n], body, names) for n, (body, names) in bodies.items()])
    assert set(matching_ids(library, "org:Kilkenny", index=index)) == {ids["club"], ids["town"]}
    assert set(matching_ids(library, "org:Tipperary", index=index)) == {ids["town"]}  # labelled so there
    assert set(matching_ids(library, "place:Kilkenny", index=index)) == {ids["club"], ids["town"]}
    assert set(matching_ids(library, "place:Jordan", index=index)) == {ids["jordan"]}
    assert search(library, "org:Nowhere", index=index).unknown == ("Nowhere",)
    said = search(library, "org:Kilkenny OR place:Tipperary", index=index)
    assert said.other_kind == (("Kilkenny", "places"),) and said.total == 3


def test_accents_are_no_part_of_a_names_identity() -> None:
    from tui.names.identity import identity_key

    assert identity_key("João Pedro Carvalho", "PERSON") == identity_key("Joao Pedro Carvalho", "PERSON")
    assert identity_key("Gdańsk", "GPE") == identity_key("Gdansk", "GPE")
    assert identity_key("Łódź", "GPE") == "lodz"
    assert identity_key("서울", "GPE") == "서울"  # other scripts keep their letters


def test_corrections_kept_with_accented_keys_still_apply(tmp_path: Path) -> None:
    from tui.names.identity import CorrectionsFile, identity_key

    path = tmp_path / "names.json"
    path.write_text(
        json.dumps({"version": 1, "labels": {"gdańsk": "ORG"}, "merges": {"são paulo fc": "são paulo"}}),
        encoding="utf-8",
    )
    corrections = CorrectionsFile(path).load()
    assert corrections.labels.get(identity_key("Gdańsk")) == "ORG"
    assert corrections.target(identity_key("São Paulo FC")) == identity_key("São Paulo")


def test_a_person_with_or_without_a_middle_name_or_family_name_first_is_one(tmp_path: Path) -> None:
    index = NameIndex(tmp_path)
    index.add_articles(
        [
            article("a", "Peter Kamau Mwangi founded it.", [("Peter Kamau Mwangi", "PERSON")]),
            article("b", "Peter Mwangi spoke.", [("Peter Mwangi", "PERSON")]),
            article("c", "Bartók Béla played.", [("Bartók Béla", "PERSON")]),
            article("d", "Béla Bartók wrote it.", [("Béla Bartók", "PERSON")]),
            # Two people could be "Ana Costa": neither spelling joins the short one.
            article(
                "e",
                "Ana Maria Costa and Ana Luisa Costa met.",
                [("Ana Maria Costa", "PERSON"), ("Ana Luisa Costa", "PERSON")],
            ),
            article("f", "Ana Costa spoke.", [("Ana Costa", "PERSON")]),
        ]
    )
    assert {e.article_id for e in index.timeline("Peter Mwangi")} == {"a", "b"}
    assert {e.article_id for e in index.timeline("Peter Kamau Mwangi")} == {"a", "b"}
    assert {e.article_id for e in index.timeline("Béla Bartók")} == {"c", "d"}
    assert {e.article_id for e in index.timeline("Ana Costa")} == {"f"}
    assert {e.article_id for e in index.timeline("Ana Maria Costa")} == {"e"}


def test_an_honorific_is_no_part_of_a_persons_identity() -> None:
    from tui.names.identity import identity_key

    assert identity_key("Dr. Amina Yusuf", "PERSON") == identity_key("Amina Yusuf", "PERSON")
    assert identity_key("Sir Keir Starmer", "PERSON") == "keir starmer"
    assert identity_key("Dr. Pepper", "ORG") == "dr pepper"  # not a person's title there


def test_a_company_with_or_without_group_in_its_name_is_one(tmp_path: Path) -> None:
    index = NameIndex(tmp_path)
    index.add_articles(
        [
            article("a", "Mwangi Logistics Group Ltd reported.", [("Mwangi Logistics Group Ltd", "ORG")]),
            article("b", "Mwangi Logistics won a tender.", [("Mwangi Logistics", "ORG")]),
            article("c", "Kestrel Terminals plc grew.", [("Kestrel Terminals plc", "ORG")]),
            article("d", "Kestrel Terminals Australia grew.", [("Kestrel Terminals Australia", "ORG")]),
        ]
    )
    assert {e.article_id for e in index.timeline("Mwangi Logistics")} == {"a", "b"}
    assert {e.article_id for e in index.timeline("Mwangi Logistics Group")} == {"a", "b"}
    # A subsidiary named after a place is another company.
    assert {e.article_id for e in index.timeline("Kestrel Terminals")} == {"c"}
