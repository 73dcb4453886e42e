"""The one search below both front ends (`tui.names.search`, issue 20 item 2): words from the
full-text index, `ent:` and entity terms from the names index; `dateline search` and the reader's
`/` both call it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.names.helpers import article
from tui.names.index import NameIndex
from tui.names.search import TermError, matching_ids, needs_names, query_kind, search, search_entity
from tui.store.library import Library

BODIES = {
    "late": ("Kerry in Tokyo", "Later, John Kerry flew to Tokyo by ferry. Kerry said little.", "2026-03-20"),
    "early": ("Envoy at the Pentagon", "U.S. envoy John Kerry praised the Pentagon.", "2026-03-02"),
    "other": ("Harbour news", "The Pentagon and Tokyo, no envoy at all. The ferry was late.", "2026-04-05"),
}


Found = tuple[Library, NameIndex, dict[str, str]]


@pytest.fixture
def library_and_index(tmp_path: Path) -> Found:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, (title, body, published) in BODIES.items():
        record = {"title": title, "body": body, "source": name, "published": published, "url": None}
        (folder / f"{name}.json").write_text(json.dumps(record), encoding="utf-8")
    library = Library([folder], cache_dir=tmp_path / "cache")
    ids = {s.source: s.id for s in library.refresh()}
    index = NameIndex(tmp_path / "names")
    names = {
        "late": [("John Kerry", "PERSON", ["John Kerry", "Kerry"]), ("Tokyo", "GPE")],
        "early": [("John Kerry", "PERSON"), ("Pentagon", "ORG")],
        "other": [("Pentagon", "ORG"), ("Tokyo", "GPE")],
    }
    index.add_articles(
        [
            article(ids[name], body, names[name], published=published, source=name, title=title)
            for name, (title, body, published) in BODIES.items()
        ]
    )
    return library, index, ids


def test_the_kind_of_a_query() -> None:
    assert query_kind("kerry ferry")[0] == "words"
    assert query_kind("ent:PERSON=John Kerry")[0] == "entity"
    assert query_kind('kerry -ferry OR title:"a b"')[0] == "words"
    kind, tree = query_kind('person:"John Kerry" ferry')
    assert kind == "terms" and tree is not None
    with pytest.raises(TermError):
        query_kind("since:yesterday")


def test_words_count_every_match_and_show_the_best(library_and_index: Found) -> None:
    library, _, ids = library_and_index
    result = search(library, "ferry", limit=1)
    assert result.kind == "words" and result.total == 2 and len(result.hits) == 1
    every = search(library, "ferry", limit=None)
    assert {h.summary.id for h in every.hits} == {ids["late"], ids["other"]}
    assert not search(library, '"*').searchable


def test_entity_and_terms_come_from_the_names_index(library_and_index: Found) -> None:
    library, index, ids = library_and_index
    kerry = search(library, "ent:PERSON=John Kerry", index=index)
    assert kerry.kind == "entity" and kerry.total == 2
    assert kerry.hits[0].summary.id == ids["late"] and kerry.mentions[ids["late"]] == 2
    assert "Kerry" in kerry.hits[0].snippet and kerry.hits[0].matches
    terms = search(library, "place:Tokyo ferry", index=index)
    assert terms.kind == "terms" and {h.summary.id for h in terms.hits} == {ids["late"], ids["other"]}
    assert terms.total == 2
    newest = search(library, "org:Pentagon", index=index)
    assert [h.summary.id for h in newest.hits] == [ids["other"], ids["early"]]
    unknown = search(library, "person:Nobody", index=index)
    assert unknown.hits == [] and unknown.unknown == ("Nobody",)
    assert search_entity(library, index, None).searchable is False


def test_without_a_names_index_the_reader_searches_the_words(
    library_and_index: Found,
) -> None:
    """The reader's `/` before its names index is open, or while a term is half typed."""
    library, _, ids = library_and_index
    # The names asked for, as words: "Tokyo" (not "place Tokyo", which finds nothing).
    as_words = search(library, "place:Tokyo")
    assert as_words.names_as_words and {h.summary.id for h in as_words.hits} == {ids["late"], ids["other"]}
    half_typed = search(library, "since:2026-0 ferry")
    assert "not a date" in half_typed.problem and half_typed.total == 2
    assert {h.summary.id for h in search(library, "ferry").hits} == {ids["late"], ids["other"]}


def test_an_empty_names_index_is_not_asked(library_and_index: Found, tmp_path: Path) -> None:
    """The reader's names index before anything is analysed: `person:` is searched as its name's
    words rather than answered "0 matches" (found by hand in the reader)."""
    library, _, ids = library_and_index
    empty = NameIndex(tmp_path / "empty")
    found = search(library, 'person:"John Kerry"', index=empty)
    assert found.names_as_words and ids["late"] in {h.summary.id for h in found.hits}


def test_matching_ids_are_every_match_newest_first(library_and_index: Found) -> None:
    """What saved searches and mute rules are built on: all the ids, newest first, and a bad
    query raised in words (not searched as words)."""
    library, index, ids = library_and_index
    assert matching_ids(library, "ferry", index=index) == [ids["other"], ids["late"]]
    assert matching_ids(library, "org:Pentagon", index=index) == [ids["other"], ids["early"]]
    with pytest.raises(TermError, match="not a date"):
        matching_ids(library, "since:yesterday", index=index)


def test_only_a_name_query_needs_the_names_index() -> None:
    """`dateline search` analyses the library and opens the names index only for these."""
    assert needs_names('person:"John Kerry"') and needs_names("ferry -org:Pentagon ")
    assert needs_names("ent:Kerry") and needs_names("a OR (b name:Tokyo)")
    assert not needs_names("ferry feed:harbour unread:yes since:7d -title:strike ")
    assert not needs_names("a OR")  # not understood: the caller says so
