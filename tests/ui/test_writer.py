"""The reader's one writer: writes in order off the UI thread, a failed one does not stop those
after it, and at exit nothing handed over is lost (b right before q keeps the bookmark)."""

from __future__ import annotations

import functools
import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from tui.store.bookmarks import BookmarkStore
from tui.store.library import Library
from tui.ui.app import DatelineApp
from tui.ui.widgets.article_list import ArticleList
from tui.ui.writer import Writer, writer_of


def test_writes_run_in_order_in_another_thread() -> None:
    writer = Writer()
    done: list[tuple[int, bool]] = []
    ui = threading.get_ident()

    def write(number: int) -> None:
        done.append((number, threading.get_ident() != ui))

    for number in range(20):
        writer.submit(functools.partial(write, number))
    assert writer.wait(5)
    assert done == [(n, True) for n in range(20)]


def test_a_failed_write_is_said_and_the_next_still_runs() -> None:
    said: list[str] = []
    writer = Writer(on_error=said.append)
    done: list[str] = []

    def broken() -> None:
        raise OSError("read-only")

    writer.submit(broken)
    writer.submit(lambda: done.append("after"))
    assert writer.wait(5)
    assert said == ["Could not save: read-only"] and done == ["after"]


def test_drain_waits_for_the_running_write_and_makes_the_rest_there() -> None:
    writer = Writer()
    release = threading.Event()
    done: list[str] = []

    def slow() -> None:
        release.wait(5)
        done.append("slow")

    writer.submit(slow)
    writer.submit(lambda: done.append("next"))
    threading.Timer(0.1, release.set).start()
    writer.drain(timeout=5)
    assert done == ["slow", "next"] and writer.idle


def test_one_writer_per_app() -> None:
    class App:
        pass

    app = App()
    assert writer_of(app) is writer_of(app) and writer_of(App()) is not writer_of(app)


async def test_a_bookmark_made_right_before_quitting_is_saved(
    shared_analyzer: Any, isolated_dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    real_toggle = BookmarkStore.toggle

    def slow_toggle(self: BookmarkStore, *args: Any) -> bool:
        time.sleep(0.3)  # a slow disk
        return real_toggle(self, *args)

    monkeypatch.setattr(BookmarkStore, "toggle", slow_toggle)
    app = DatelineApp(Library.default(), analyzer=shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        app.query_one(ArticleList).focus()
        await pilot.press("enter")
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        title = app.main_screen.article.title  # type: ignore[union-attr]
        await pilot.press("b", "s")  # and the sort, remembered: both written after the key returns
    data = json.loads((isolated_dirs["config"] / "bookmarks.json").read_text())
    assert [b["title"] for b in data["bookmarks"]] == [title]
    assert json.loads((isolated_dirs["state"] / "ui.json").read_text())["sort"] == "title"
