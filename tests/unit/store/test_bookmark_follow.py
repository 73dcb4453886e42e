"""Issue 21.1 in the store: a bookmark follows its article to the id it has after an update, by the
refresh's record of what it replaced or by the one article with the same link, keeping its date
added and note, and the ids it had (`moved_from`) so an old id still finds it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

from tui.store.bookmarks import BookmarkStore, Moved, follow_replaced


class Summary(NamedTuple):
    id: str
    title: str
    source: str
    url: str | None = None


def make_store(path: Path) -> BookmarkStore:
    store = BookmarkStore(path)
    assert store.load() == []
    return store


def test_follow_moves_keeps_date_and_note_follows_chains_and_merges(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.json"
    store = make_store(path)
    store.add("a", "Brenner to be sworn in", "https://x.example/brenner", note="follow up")
    store.add("b", "Ports", "https://x.example/ports")
    store.add("c", "Ports, updated", "https://x.example/ports")
    added = store.get("a")
    assert added is not None
    moved = store.follow_moves(
        {
            "a": Moved("a2", "Brenner sworn in", "https://x.example/brenner"),
            "a2": Moved("a3", "Brenner sworn in", ""),  # a chain: followed to its end
            "b": Moved("c", "Ports, updated", "https://x.example/ports"),  # onto one bookmarked
        }
    )
    assert moved == 2
    again = make_store(path)
    [brenner, ports] = again.bookmarks
    assert (brenner.article_id, brenner.title, brenner.added, brenner.note) == (
        "a3",
        "Brenner sworn in",
        added.added,
        "follow up",
    )
    assert brenner.moved_from == ("a",) and brenner.source == "https://x.example/brenner"
    assert (ports.article_id, ports.moved_from) == ("c", ("b",))  # one bookmark for "c", dated as "b"
    assert again.find("a") == brenner and again.find("a3") == brenner and again.find("zz") is None
    assert store.follow_moves({"nothing": Moved("x", "", "")}) == 0


def test_a_file_whose_bookmarks_never_moved_keeps_its_shape(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.json"
    make_store(path).add("a", "T", "s")
    assert "moved_from" not in path.read_text(encoding="utf-8")


def test_follow_finds_the_one_article_with_the_same_link(tmp_path: Path) -> None:
    store = make_store(tmp_path / "bookmarks.json")
    store.add("old1", "Brenner to be sworn in", "https://x.example/brenner")
    store.add("old2", "Shared", "https://x.example/shared")
    store.add("old3", "Wire story", "Reuters")
    store.add("old4", "Same title", "AP")
    store.add("here", "Still here", "https://x.example/here")
    library = [
        Summary("new1", "Brenner sworn in", "https://x.example/brenner"),
        Summary("s1", "Shared", "https://x.example/shared"),  # two articles with this link:
        Summary("s2", "Shared", "https://x.example/shared"),  # neither is taken
        Summary("r1", "Other wire story", "Reuters"),  # a bare name needs the same title too
        Summary("a1", "Same title", "AP"),
        Summary("here", "Still here", "https://x.example/here"),
    ]
    assert store.follow(library) == 2
    assert [b.article_id for b in store.bookmarks] == ["new1", "old2", "old3", "a1", "here"]
    assert store.follow(library) == 0


def test_follow_reads_what_a_refresh_re_pointed_in_another_process(tmp_path: Path) -> None:
    """The reader's store, loaded before a refresh re-pointed a GUID-only item's bookmark, takes it
    from the file: no link could have told it where the article went."""
    path, articles = tmp_path / "bookmarks.json", tmp_path / "articles"
    articles.mkdir()
    (articles / "new.json").write_text(
        json.dumps({"title": "Updated", "source": "https://feed.example/f.xml"})
    )
    reader = make_store(path)
    reader.add("old", "Original", "https://feed.example/f.xml")
    assert follow_replaced({"old": "new", "other": "x"}, articles, path) == []
    library = [
        Summary("new", "Updated", "https://feed.example/f.xml"),
        Summary("n2", "B", "https://feed.example/f.xml"),
    ]
    assert reader.follow(library) == 0  # nothing left to move: the file had it
    assert [(b.article_id, b.title) for b in reader.bookmarks] == [("new", "Updated")]
    assert follow_replaced({}, articles, path) == []


def test_follow_of_a_file_that_cannot_be_saved_follows_in_memory(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.json"
    store = make_store(path)
    store.add("old", "T", "https://x.example/t")
    path.write_text('{"version": 2, "bookmarks": []}')  # a newer Dateline's: never written
    assert store.follow([Summary("new", "T", "https://x.example/t")]) == 0  # reloaded: read-only, empty
    assert store.read_only
