"""The bookmarks screen's delete, undo and note go to the app's writer: on a slow disk (every fsync
takes 50 ms) no key handler of the screen holds the UI thread for more than a frame (16 ms of its
own CPU time) or fsyncs there, the list changes at once, and a delete made right before `q` is on
disk when the app has ended."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.ui.test_ui_thread_budget import UiThreadWatch
from tui.store.library import ArticleSummary, Library
from tui.ui.app import DatelineApp
from tui.ui.screens.bookmarks import BookmarkList, BookmarksScreen, TextPrompt
from tui.ui.widgets.article_list import ArticleList

FRAME = 0.016


async def settle(pilot: Pilot[Any]) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


@pytest.fixture
def bookmarked(isolated_dirs: dict[str, Path]) -> list[str]:
    """bookmarks.json with three library articles (bundled samples); their ids, oldest first."""
    library = Library.default()
    library.refresh()
    found: list[ArticleSummary] = library.summaries("title")[:3]
    library.close()
    entries = [
        {
            "article_id": summary.id,
            "title": summary.title,
            "source": summary.source,
            "added": f"2025-01-0{day}T10:00:00+00:00",
            "note": "",
        }
        for day, summary in enumerate(found, start=1)
    ]
    path = isolated_dirs["config"] / "bookmarks.json"
    path.write_text(json.dumps({"version": 1, "bookmarks": entries}), encoding="utf-8")
    return [summary.id for summary in found]


def saved(isolated_dirs: dict[str, Path]) -> list[dict[str, str]]:
    path = isolated_dirs["config"] / "bookmarks.json"
    return list(json.loads(path.read_text(encoding="utf-8"))["bookmarks"])


def slow_disk(monkeypatch: pytest.MonkeyPatch, watch: UiThreadWatch | None, seconds: float) -> None:
    real_fsync = os.fsync

    def slow_fsync(fd: int) -> None:
        time.sleep(seconds)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", watch.forbid("fsync", slow_fsync) if watch else slow_fsync)


async def open_screen(pilot: Pilot[Any]) -> BookmarksScreen:
    await settle(pilot)
    await pilot.press("B")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, BookmarksScreen)
    return screen


def shown_ids(screen: BookmarksScreen) -> list[str]:
    return [row.bookmark.article_id for row in screen.shown]


async def test_delete_undo_and_note_never_hold_the_ui_thread(
    shared_analyzer: Any,
    bookmarked: list[str],
    isolated_dirs: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    watch = UiThreadWatch()
    slow_disk(monkeypatch, watch, 0.05)
    app = DatelineApp(Library.default(), analyzer=shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_screen(pilot)
        for name in ("action_delete", "action_undo", "action_edit_note", "_note_entered"):
            setattr(screen, name, watch.timed(name, getattr(screen, name)))
        newest = bookmarked[-1]
        assert shown_ids(screen)[0] == newest
        await pilot.press("d")
        assert newest not in shown_ids(screen)  # at once, before the write is done
        await pilot.press("u")
        assert shown_ids(screen) == list(reversed(bookmarked))
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        app.screen.query_one(Input).value = "a note"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert "a note" in str(screen.query_one(BookmarkList).get_option_at_index(0).prompt)
        assert app.writer.wait(10.0)
        await settle(pilot)
        assert [b["article_id"] for b in saved(isolated_dirs)] == bookmarked  # in order: d, u, note
        assert saved(isolated_dirs)[-1]["note"] == "a note"
        assert shown_ids(screen) == list(reversed(bookmarked))
    assert not watch.forbidden, watch.forbidden
    assert {"action_delete", "action_undo", "action_edit_note", "_note_entered"} <= set(watch.times)
    slow = {name: f"{spent * 1000:.1f} ms" for name, spent in watch.times.items() if spent > FRAME}
    assert not slow, slow


async def test_a_delete_right_before_q_is_on_disk(
    shared_analyzer: Any,
    bookmarked: list[str],
    isolated_dirs: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    slow_disk(monkeypatch, None, 0.2)
    app = DatelineApp(Library.default(), analyzer=shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_screen(pilot)
        await pilot.press("d", "d", "q", "q")  # the two newest deleted, the screen closed, quit
    assert [b["article_id"] for b in saved(isolated_dirs)] == bookmarked[:1]


async def test_a_delete_written_after_the_screen_closed_still_clears_the_star(
    shared_analyzer: Any,
    bookmarked: list[str],
    isolated_dirs: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    slow_disk(monkeypatch, None, 0.2)
    app = DatelineApp(Library.default(), analyzer=shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_screen(pilot)
        disk_busy = threading.Event()
        app.writer.submit(lambda: None if disk_busy.wait(10.0) else None)  # an earlier slow write
        await pilot.press("d", "escape")  # closed before the delete is made
        await settle(pilot)
        disk_busy.set()
        assert app.writer.wait(10.0)
        await settle(pilot)
        assert app.screen is app.main_screen
        articles = app.main_screen.query_one(ArticleList)
        row = next(i for i, summary in enumerate(articles.summaries) if summary.id == bookmarked[-1])
        assert not str(articles.row_prompt(row)).startswith("★")
        assert [b["article_id"] for b in saved(isolated_dirs)] == bookmarked[:2]
