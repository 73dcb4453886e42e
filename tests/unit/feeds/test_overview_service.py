"""`load_overviews`: the one reading of the feed overviews that `dateline feeds list` and the feeds
screen both call (issue 20, item 2)."""

from __future__ import annotations

import json
from pathlib import Path

from tui.feeds.overview import load_overviews
from tui.feeds.store import Subscription, Subscriptions
from tui.store.library import Library
from tui.store.readstate import ReadState

FEED = "http://127.0.0.1/alpha.xml"


def _store(data_dir: Path, name: str, feed: str | None) -> None:
    record = {"title": name, "body": f"The {name} story, told at length.", "source": name}
    record |= {"published": None, "url": None} | ({"feed": feed} if feed else {})
    (data_dir / f"{name}.json").write_text(json.dumps(record), encoding="utf-8")


def test_counts_come_from_the_index_and_the_read_state(isolated_dirs: dict[str, Path]) -> None:
    data = isolated_dirs["data"]
    _store(data, "one", FEED)
    _store(data, "two", FEED)
    _store(data, "own", None)
    library = Library([data], user_dir=data)
    assert load_overviews(library, refresh=True) == ([], [])  # no subscriptions: nothing read
    Subscriptions().add(Subscription(url=FEED, title="Alpha"))
    ids = {s.title: s.id for s in library.refresh()}
    ReadState().mark([ids["one"], ids["two"]], read=False)
    ReadState().mark([ids["one"]], read=True)

    rows, messages = load_overviews(library)
    assert messages == []
    assert [(r.url, r.title, r.articles, r.unread) for r in rows] == [(FEED, "Alpha", 2, 1)]
    nothing_read = ReadState()  # a read state given by the caller (the CLI's, already loaded)
    rows, _ = load_overviews(library, read_state=nothing_read, refresh=True)
    assert rows[0].unread == 0


def test_a_damaged_file_is_said_once(isolated_dirs: dict[str, Path]) -> None:
    Subscriptions().add(Subscription(url=FEED))
    (isolated_dirs["state"] / "fetch.json").write_text("{not json", encoding="utf-8")
    rows, messages = load_overviews(Library([isolated_dirs["data"]]))
    assert [r.url for r in rows] == [FEED] and len(messages) == 1 and "fetch.json" in messages[0]
