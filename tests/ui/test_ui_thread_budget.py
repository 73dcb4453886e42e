"""At 10,000 articles no key does disk or search work on the UI thread: a full-text search per
keystroke, the list's summaries, the bookmark toggle's lock and fsync, the read state, the
remembered settings and the export's write all go to workers.

The disk is made slow (every fsync takes 50 ms) and any fsync, search or summaries call the UI
thread makes while handling a key fails the test however fast it was. Each handler's own CPU time
(`time.thread_time`) is printed (the slowest, the facts toggle, 8-17 ms on the 2-core test machine,
around the 16 ms of a frame), not asserted: tests assert no timings (DEVELOPERS), and under a
loaded test run the same handler measures over a frame. Speed is measured in `bench/`.
"""

from __future__ import annotations

import gc
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tui.store.library import Library
from tui.ui.app import DatelineApp
from tui.ui.widgets.article_list import ArticleList

ARTICLES = 10_000


def write_library(folder: Path) -> None:
    folder.mkdir()
    for i in range(ARTICLES):
        (folder / f"a{i:05}.txt").write_text(
            f"Story {i} about the election in region {i % 97}\n\n"
            f"The council met on Tuesday about item {i}. Voters in district {i % 31} said the "
            "election was close, and the count went on into the night.\n",
            encoding="utf-8",
        )


async def settle(pilot: Pilot[Any]) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


class CollectorTime:
    """The CPU time the garbage collector takes on one thread from now until `stop()`: a handler's
    own time leaves it out (a full collection in a test worker holding the model and thousands of
    analyses can take over a frame whichever handler it happens to fall in)."""

    def __init__(self, thread: int) -> None:
        self.thread = thread
        self.spent = 0.0
        self.started = 0.0
        gc.callbacks.append(self.on_collect)

    def on_collect(self, phase: str, info: dict[str, int]) -> None:
        if threading.get_ident() != self.thread:
            return
        if phase == "start":
            self.started = time.thread_time()
        else:
            self.spent += time.thread_time() - self.started

    def stop(self) -> float:
        gc.callbacks.remove(self.on_collect)
        return self.spent


class UiThreadWatch:
    """The UI thread's CPU time per key handler, and the disk or search calls it made in one."""

    def __init__(self) -> None:
        self.ui_thread = threading.get_ident()
        self.handling: str | None = None
        self.times: dict[str, float] = {}
        self.forbidden: list[str] = []

    def timed(self, name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            outer, self.handling = self.handling, name
            collector = CollectorTime(self.ui_thread)
            start = time.thread_time()
            try:
                return method(*args, **kwargs)
            finally:
                spent = time.thread_time() - start - collector.stop()
                self.times[name] = max(self.times.get(name, 0.0), spent)
                self.handling = outer

        return run

    def timed_async(self, method: Callable[..., Any]) -> Callable[..., Any]:
        async def run(message: Any) -> Any:
            name = type(message).__name__
            if name not in ("Changed", "Submitted"):  # a key's own messages: the search box's
                return await method(message)
            outer, self.handling = self.handling, f"Input.{name}"
            collector = CollectorTime(self.ui_thread)
            start = time.thread_time()
            try:
                return await method(message)
            finally:
                spent = time.thread_time() - start - collector.stop()
                self.times[f"Input.{name}"] = max(self.times.get(f"Input.{name}", 0.0), spent)
                self.handling = outer

        return run

    def forbid(self, what: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            if threading.get_ident() == self.ui_thread and self.handling is not None:
                self.forbidden.append(f"{what} in {self.handling}")
            return function(*args, **kwargs)

        return run


@pytest.fixture
def library_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "big"
    write_library(folder)
    Library.for_paths([folder]).refresh()  # indexed before the app starts: the test is the keys
    return folder


async def test_no_key_holds_the_ui_thread_at_10000_articles(
    shared_analyzer: Any, library_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    watch = UiThreadWatch()
    export_to = tmp_path / "exported.md"
    real_fsync = os.fsync

    def slow_fsync(fd: int) -> None:
        time.sleep(0.05)  # a slow disk
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", watch.forbid("fsync", slow_fsync))
    monkeypatch.setattr(Library, "search", watch.forbid("search", Library.search))
    monkeypatch.setattr(Library, "summaries", watch.forbid("summaries", Library.summaries))
    app = DatelineApp(Library.for_paths([library_folder]), analyzer=shared_analyzer)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = app.main_screen
        assert len(main.query_one(ArticleList).summaries) == ARTICLES
        for name in dir(main):
            if name.startswith("action_") and callable(getattr(main, name)):
                setattr(main, name, watch.timed(name, getattr(main, name)))
        main._on_message = watch.timed_async(main._on_message)  # type: ignore[method-assign]
        main.query_one(ArticleList).focus()
        await pilot.press("enter")  # open the first article (marked read)
        await settle(pilot)
        await pilot.press("slash", *"election", "backspace", "backspace", *"ion")
        await settle(pilot)
        assert "match" in str(main.query_one("#list-status").render())
        await pilot.press("escape", "s", "s", "s", "b", "u", "A", "f", "f", "1", "1")
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert len(main.query_one(ArticleList).summaries) == ARTICLES
        await pilot.press("e", "enter")  # export as Markdown: the path prompt
        await settle(pilot)
        prompt = app.screen
        prompt.query_one("#prompt-input", Input).value = str(export_to)
        prompt._on_message = watch.timed_async(prompt._on_message)  # type: ignore[method-assign]
        await pilot.press("enter")
        await settle(pilot)
        assert export_to.exists() and app.screen is main
    assert not watch.forbidden, watch.forbidden
    assert {"action_search", "Input.Changed", "action_sort", "action_bookmark", "Input.Submitted"} <= set(
        watch.times
    )
    slowest = sorted(watch.times.items(), key=lambda item: -item[1])[:5]
    print("UI thread CPU per key handler (frame 16 ms):", {n: f"{t * 1000:.1f} ms" for n, t in slowest})
