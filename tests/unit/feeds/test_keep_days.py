"""Old articles (issue 21): `[feeds] keep_days = N` removes read, unbookmarked feed articles older
than N days at refresh, from the disk and the library index; never an import, an unread or a
bookmarked article; a removed item is not stored again; an interrupted removal is finished by the
next refresh. Feeds come from a server on 127.0.0.1."""

from __future__ import annotations

import errno
import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from tests.unit.feeds.feedserver import Route, long_text, rss, serve
from tui.feeds import Limits, Refresher, Subscription, Subscriptions
from tui.feeds.store import FetchState
from tui.store import paths
from tui.store.bookmarks import BookmarkStore
from tui.store.config import load_config
from tui.store.library import Library
from tui.store.readstate import ReadState

OLD = "Wed, 01 May 2019 10:00:00 GMT"


def recent() -> str:
    return format_datetime(datetime.now(UTC) - timedelta(days=1))


def item(name: str, when: str, text: str | None = None) -> dict[str, str]:
    return {
        "title": f"{name} story",
        "link": f"http://127.0.0.1/story/{name}",
        "guid": f"http://127.0.0.1/story/{name}",
        "content": text or long_text(name),
        "pubDate": when,
    }


def refresher(keep_days: int | None = None) -> Refresher:
    return Refresher(limits=Limits(timeout=2.0), trust_env=False, processes=0, keep_days=keep_days)


def by_title() -> dict[str, str]:
    """Article id by title, from the files on disk."""
    found = {}
    for path in paths.data_dir().glob("*.json"):
        found[json.loads(path.read_text())["title"]] = path.stem
    return found


def indexed() -> set[str]:
    library = Library.default()
    try:
        return {summary.id for summary in library.summaries()}
    finally:
        library.close()


def set_keep_days(text: str) -> None:
    paths.config_dir().mkdir(parents=True, exist_ok=True)
    (paths.config_dir() / "config.toml").write_text(f"[feeds]\n{text}\n")


def test_old_read_unbookmarked_feed_articles_are_removed_and_nothing_else() -> None:
    items = [
        item("old-read", OLD),
        item("old-marked", OLD),
        item("old-unread", OLD),
        item("new-read", recent()),
    ]
    route = Route(body=rss("Feed", items), etag='"v1"')
    with serve({"/feed.xml": route}) as server:
        Subscriptions().add(Subscription(url=server.url("/feed.xml")))
        first = refresher().run()
        assert first.ok and len(first.new_ids) == 4 and first.removed == 0
        ids = by_title()
        ReadState().mark([ids["old-read story"], ids["old-marked story"], ids["new-read story"]], True)
        store = BookmarkStore()
        store.load()
        store.add(ids["old-marked story"], "old-marked story", "http://127.0.0.1/story/old-marked")
        # An import of an old article, read: never removed (it has no "feed").
        imported = paths.data_dir() / ("f" * 64 + ".json")
        imported.write_text(
            json.dumps({"title": "Imported", "body": "An imported text.", "published": "2019-01-01"})
        )

        assert refresher().run().removed == 0  # no keep_days: everything is kept
        set_keep_days("keep_days = 30")
        report = refresher().run()
        assert report.ok and report.removed == 1, report.messages
        assert any("removed 1 read article older than 30 days" in m for m in report.messages)
        assert set(by_title()) == {"old-marked story", "old-unread story", "new-read story", "Imported"}
        assert ids["old-read story"] not in indexed()
        assert {ids["old-marked story"], ids["old-unread story"], ids["new-read story"]} <= indexed()

        # Still in the feed, then changed there: never stored again as a new article.
        route.body, route.etag = rss("Feed", items), '"v2"'
        again = refresher().run()
        assert again.new_ids == [] and again.removed == 0
        items[0] = item("old-read", OLD, long_text("an edited old-read"))
        route.body, route.etag = rss("Feed", items), '"v3"'
        edited = refresher().run()
        assert edited.new_ids == [] and edited.results[0].updated == 0
        assert "old-read story" not in by_title()
        _, records = FetchState().load()
        assert [r.removed for r in records.values()].count(True) == 1


def test_zero_keeps_everything() -> None:
    with serve({"/feed.xml": Route(body=rss("Feed", [item("old", OLD)]))}) as server:
        Subscriptions().add(Subscription(url=server.url("/feed.xml")))
        first = refresher().run()
        ReadState().mark(first.new_ids, True)
        set_keep_days("keep_days = 0")
        assert refresher().run().removed == 0
        assert len(by_title()) == 1


def test_a_removal_cut_short_is_finished_by_the_next_refresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """The file is removed but the fetch state that marks its record cannot be saved: the next
    refresh marks it, and the item is never new again."""
    with serve({"/feed.xml": Route(body=rss("Feed", [item("old", OLD)]), etag='"v1"')}) as server:
        Subscriptions().add(Subscription(url=server.url("/feed.xml")))
        first = refresher(keep_days=30).run()
        ReadState().mark(first.new_ids, True)

        def full(*_args: object, **_kwargs: object) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        with monkeypatch.context() as patch:
            patch.setattr(FetchState, "save", full)
            cut = refresher(keep_days=30).run()
        assert cut.removed == 1 and not cut.saved, cut.messages
        assert by_title() == {} and indexed().isdisjoint(first.new_ids)
        after = refresher(keep_days=30).run()
        assert after.ok and after.new_ids == [] and by_title() == {}
        _, records = FetchState().load()
        assert [r.removed for r in records.values()] == [True]


def test_unreadable_bookmarks_keep_every_article() -> None:
    with serve({"/feed.xml": Route(body=rss("Feed", [item("old", OLD)]))}) as server:
        Subscriptions().add(Subscription(url=server.url("/feed.xml")))
        first = refresher().run()
        ReadState().mark(first.new_ids, True)
        store = BookmarkStore()
        store.path.parent.mkdir(parents=True, exist_ok=True)
        store.path.write_text("{not json")
        report = refresher(keep_days=30).run()
        assert report.removed == 0 and len(by_title()) == 1
        assert any("old articles kept" in m for m in report.messages)


@pytest.mark.parametrize(
    ("text", "days", "problem"),
    [
        ("keep_days = 14", 14, False),
        ("keep_days = 0", 0, False),
        ("keep_days = -3", 0, True),
        ('keep_days = "30"', 0, True),
        ("keep_days = true", 0, True),
    ],
)
def test_the_config_key(text: str, days: int, problem: bool, isolated_dirs: dict[str, Path]) -> None:
    set_keep_days(text)
    config = load_config()
    assert config.keep_days == days
    assert bool([p for p in config.problems if "keep_days" in p]) == problem
    assert not [p for p in config.problems if "unknown" in p]
