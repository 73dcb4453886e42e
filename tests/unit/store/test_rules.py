"""Saved searches and mute rules as user files (issue 21), and the muted set in the library index:
written like bookmarks (atomic, locked, a damaged file moved aside and said), muted articles left out
of every listing, search and count but never deleted."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tui.store import muted as muted_store
from tui.store.library import Library
from tui.store.rules import MuteRules, SavedSearches


def make_library(data_dir: Path, records: dict[str, str]) -> Library:
    for name, body in records.items():
        record = {"title": name.title(), "body": body, "source": "x", "published": None, "url": None}
        (data_dir / f"{name}.json").write_text(json.dumps(record), encoding="utf-8")
    library = Library([data_dir], user_dir=data_dir)
    library.refresh()
    return library


def test_saved_searches_add_replace_find_remove(isolated_dirs: dict[str, Path]) -> None:
    store = SavedSearches()
    assert store.add("Ports", "  port   OR harbour ") is True
    assert store.add("ports", "port") is False  # one name whatever its case: the query is replaced
    assert [(s.name, s.query) for s in store.load()] == [("Ports", "port")]
    assert store.find(" PORTS ") is not None and store.find("Trams") is None
    data = json.loads((isolated_dirs["config"] / "saved.json").read_text())
    assert data["version"] == 1 and data["saved"][0]["name"] == "Ports" and data["saved"][0]["added"]
    assert store.remove("PORTS") is True and store.remove("Ports") is False
    assert store.load() == []
    with pytest.raises(ValueError):
        store.add("Empty", "   ")


def test_mute_rules_add_once_and_remove(isolated_dirs: dict[str, Path]) -> None:
    rules = MuteRules()
    assert rules.add("title:sponsored") is True
    assert rules.add(" title:sponsored ") is False
    assert [r.query for r in rules.load()] == ["title:sponsored"]
    assert rules.remove("title:nothing") is False
    assert rules.remove("title:sponsored") is True and rules.load() == []


@pytest.mark.parametrize(
    ("store_class", "name", "content"),
    [
        (SavedSearches, "saved.json", b"{not json"),
        (SavedSearches, "saved.json", b'{"saved": [{"name": "x"}]}'),
        (MuteRules, "mutes.json", b'{"mutes": "title:x"}'),
        (MuteRules, "mutes.json", b"[1, 2]"),
    ],
)
def test_a_damaged_file_is_moved_aside_and_said(
    isolated_dirs: dict[str, Path],
    store_class: type[SavedSearches] | type[MuteRules],
    name: str,
    content: bytes,
) -> None:
    path = isolated_dirs["config"] / name
    path.write_bytes(content)
    store = store_class()
    assert store.load() == []
    moved = list(isolated_dirs["config"].glob(f"{name}.corrupt-*"))
    assert len(moved) == 1 and moved[0].read_bytes() == content
    assert "damaged" in store.messages[0] and str(moved[0]) in store.messages[0]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_an_unwritable_config_dir_raises_and_changes_nothing(isolated_dirs: dict[str, Path]) -> None:
    rules = MuteRules()
    rules.add("title:kept")
    isolated_dirs["config"].chmod(0o500)
    try:
        with pytest.raises(OSError):
            rules.add("title:new")
    finally:
        isolated_dirs["config"].chmod(0o700)
    assert [r.query for r in rules.load()] == ["title:kept"]


def test_an_unwritable_rules_file_raises_and_changes_nothing(
    isolated_dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = MuteRules()
    rules.add("title:kept")

    def refuse(*_: object, **__: object) -> None:
        raise PermissionError("read-only file system")

    monkeypatch.setattr("tui.store.atomic.write_atomic", refuse)
    with pytest.raises(OSError):
        rules.add("title:new")
    assert [r.query for r in rules.load()] == ["title:kept"]


def test_muted_articles_are_left_out_of_listings_searches_and_counts(isolated_dirs: dict[str, Path]) -> None:
    library = make_library(
        isolated_dirs["data"],
        {"alpha": "The quokka ate.", "beta": "Another quokka slept.", "gamma": "Nothing here."},
    )
    ids = {s.title: s.id for s in library.summaries()}
    muted_store.set_muted(library, [ids["Beta"]], "stamp-1")
    assert muted_store.muted_ids(library) == {ids["Beta"]}
    assert muted_store.muted_stamp(library) == "stamp-1"
    assert {s.title for s in library.summaries()} == {"Alpha", "Gamma"}
    head, count, _ = library.first_summaries("date", 10)
    assert count == 2 and {s.title for s in head} == {"Alpha", "Gamma"}
    assert [h.summary.title for h in library.search("quokka")] == ["Alpha"]
    assert library.count_matches("quokka") == 1
    # Asked for, they are there: nothing was deleted, and an id still opens the article.
    every = library.including_muted()
    assert {s.title for s in every.summaries()} == {"Alpha", "Beta", "Gamma"}
    assert every.count_matches("quokka") == 2 and len(every.search("quokka")) == 2
    assert every.first_summaries("date", 10)[1] == 3
    assert library.get(ids["Beta"]) is not None
    assert library.include_muted is False  # the view is a copy
    muted_store.set_muted(library, [], "stamp-2")
    assert len(library.summaries()) == 3


def test_the_articles_stamp_changes_when_articles_come_and_go(isolated_dirs: dict[str, Path]) -> None:
    library = make_library(isolated_dirs["data"], {"alpha": "One."})
    first = muted_store.articles_stamp(library)
    assert muted_store.articles_stamp(library) == first
    make_library(isolated_dirs["data"], {"beta": "Two."})
    library.refresh()
    second = muted_store.articles_stamp(library)
    assert second != first
    (isolated_dirs["data"] / "beta.json").unlink()
    library.refresh()
    assert muted_store.articles_stamp(library) not in (second,)
