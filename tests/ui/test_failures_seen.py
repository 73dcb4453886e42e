"""Failures that used to vanish are seen (issue 19, items 12 and 14): one handler for failed
workers (logged, one line for the user), the names retryable after their worker failed, read marks
kept and retried after any write error, the feeds screen usable after its refresh raised, and the
marks still queued at `q` on disk after the app has ended."""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.worker import WorkerFailed

from tui.store.library import Library
from tui.store.paths import cache_layout
from tui.store.readstate import ReadState
from tui.ui.app import DatelineApp
from tui.ui.main.feeds_part import FeedsPart
from tui.ui.main.names_part import NamesPart
from tui.ui.screens.feeds import FeedsScreen
from tui.ui.widgets.article_list import ArticleList


async def settle(pilot: Pilot[Any]) -> None:
    for _ in range(3):
        with contextlib.suppress(WorkerFailed):  # the failures under test
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def notifications(app: DatelineApp) -> list[str]:
    return [n.message for n in app._notifications]


def first_id(app: DatelineApp) -> str:
    return app.main_screen.query_one(ArticleList).summaries[0].id


async def test_a_failed_names_worker_is_logged_said_and_the_names_open_next_time(
    shared_analyzer: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    real = NamesPart._names_now
    monkeypatch.setattr(NamesPart, "_names_now", lambda self: (_ for _ in ()).throw(KeyError("bug")))
    app = DatelineApp(Library.default(), analyzer=shared_analyzer)
    opened: list[object] = []
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        main = app.main_screen
        main.names_part.with_names(opened.append)
        await settle(pilot)
        said = [m for m in notifications(app) if "names-open" in m]
        assert said and "KeyError" in said[0] and str(cache_layout().log_file) in said[0]
        assert "\n" not in said[0]
        assert any(r.name == "dateline.ui" and r.exc_info for r in caplog.records)
        assert main.names_part._after_names == [] and opened == []
        monkeypatch.setattr(NamesPart, "_names_now", real)
        main.names_part.with_names(opened.append)  # retryable: the worker runs again
        await settle(pilot)
        assert len(opened) == 1


async def test_a_system_browser_that_raises_is_logged_and_said(
    shared_analyzer: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The article's actions are a part of the screen (issue 20): their worker's failure is still
    seen, not lost with the screen's own handler."""
    import webbrowser

    def broken(url: str, *args: Any, **kwargs: Any) -> bool:
        raise OSError("no browser here")

    for name in ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(webbrowser, "open", broken)
    app = DatelineApp(Library.default(), analyzer=shared_analyzer)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        app.main_screen.actions.open_url("https://example-news.test/story")
        await settle(pilot)
        said = [m for m in notifications(app) if "no browser here" in m]
        assert said and "OSError" in said[0]
        assert any(r.name == "dateline.ui" and r.exc_info for r in caplog.records)


async def test_a_read_state_write_failing_with_any_error_keeps_the_marks_and_retries(
    shared_analyzer: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(FeedsPart, "READ_RETRY_SECONDS", 0.2)  # the read state's part
    app = DatelineApp(Library.default(), analyzer=shared_analyzer)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        main = app.main_screen
        article_id = first_id(app)
        real_mark = main.feeds.read_state.mark
        failures = [TypeError("a bug in the read state")]

        def mark(ids: Any, read: bool) -> None:
            if failures:
                raise failures.pop()
            real_mark(ids, read=read)

        monkeypatch.setattr(main.feeds.read_state, "mark", mark)
        main.feeds.mark([article_id], read=False)
        await settle(pilot)
        assert any("Could not save the read state" in m for m in notifications(app))
        assert main.feeds.is_unread(article_id)  # still shown, still queued
        for _ in range(40):
            await pilot.pause(0.05)
            if not main.feeds.reads.pending:
                break
        await settle(pilot)
        state = ReadState()
        state.load()
        assert state.unread([article_id]) == {article_id}
        assert "TypeError" in caplog.text


async def test_the_feeds_screen_can_refresh_again_after_its_refresh_raised(
    shared_analyzer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.feeds import Refresher

    def broken(self: Refresher, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("refresh bug")

    monkeypatch.setattr(Refresher, "run", broken)
    app = DatelineApp(Library.default(), analyzer=shared_analyzer)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FeedsScreen)
        await pilot.press("r")
        await settle(pilot)
        assert not screen.refreshing
        assert any("feeds-refresh" in m and "refresh bug" in m for m in notifications(app))


async def test_marks_queued_when_q_is_pressed_are_on_disk_after_the_app_ends(
    shared_analyzer: Any, monkeypatch: pytest.MonkeyPatch, isolated_dirs: dict[str, Path]
) -> None:
    """The read-state worker is stuck (a slow disk): `q` does not wait for it, yet the marks are
    written before the process ends."""
    stuck = threading.Event()
    app = DatelineApp(Library.default(), analyzer=shared_analyzer)
    try:
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            main = app.main_screen
            ids = [s.id for s in main.query_one(ArticleList).summaries[:2]]
            monkeypatch.setattr(main.feeds.read_state, "mark", lambda *a, **k: stuck.wait(30))
            main.feeds.mark([ids[0]], read=False)
            main.feeds.mark([ids[1]], read=False)
            await pilot.pause()
            await pilot.press("q")
        state = ReadState()
        state.load()
        assert state.unread(ids) == set(ids)
    finally:
        stuck.set()


async def test_a_refresh_in_the_reader_while_another_runs_says_so(shared_analyzer: Any) -> None:
    """Issue 19, item 13: another Dateline holds the refresh lock; `r` in the list and in the feeds
    screen wait briefly, then say a refresh is already running (and nothing about "no feeds")."""
    from tui.feeds.refresh import refresh_lock_path
    from tui.store import atomic

    app = DatelineApp(Library.default(), analyzer=shared_analyzer)
    with atomic.locked(refresh_lock_path()):
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            await pilot.press("r")
            await settle(pilot)
            said = notifications(app)
            assert any("a refresh is already running" in m for m in said), said
            assert not any("No feeds yet" in m for m in said)
            await pilot.press("F")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, FeedsScreen)
            await pilot.press("r")
            await settle(pilot)
            assert [m for m in notifications(app) if "a refresh is already running" in m][1:]
            assert not screen.refreshing


QUIT_SCRIPT = r"""
import json, threading, time
from tui.store.library import Library
from tui.ui.app import DatelineApp
from tui.ui.threads import end_process
from tui.ui.widgets.article_list import ArticleList

stuck = threading.Event()  # never set: the read-state worker's write never ends (a slow disk)
app = DatelineApp(Library.default())
app.main_screen.feeds.read_state.mark = lambda ids, read: stuck.wait()


def mark_then_quit():
    time.sleep(3)
    def act():
        main = app.main_screen
        ids = [s.id for s in main.query_one(ArticleList).summaries[:3]]
        print(json.dumps(ids), flush=True)
        main.feeds.mark(ids, read=False)
        app.simulate_key("q")
    app.call_from_thread(act)


threading.Thread(target=mark_then_quit, daemon=True).start()
app.run(headless=True, size=(100, 30))
end_process(0)
"""


def test_marks_queued_at_q_survive_the_process_ending_with_os_exit() -> None:
    """The real exit path: `end_process` (os._exit) right after the app returns."""
    import json
    import os
    import subprocess
    import sys

    from tests import locations

    done = subprocess.run(
        [sys.executable, "-c", QUIT_SCRIPT],
        cwd=locations.ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    ids = json.loads(done.stdout.splitlines()[0])
    state = ReadState()
    state.load()
    assert len(ids) == 3 and state.unread(ids) == set(ids)


async def test_a_failed_search_is_said_and_the_next_keystroke_searches_again(
    shared_analyzer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.names import search as searching

    real = searching.search
    failing = True

    def search(*args: Any, **kwargs: Any) -> Any:  # the one search the reader's / runs
        if failing:
            raise KeyError("bug")
        return real(*args, **kwargs)

    monkeypatch.setattr(searching, "search", search)
    app = DatelineApp(Library.default(), analyzer=shared_analyzer)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        main = app.main_screen
        await pilot.press("slash", *"kerry")
        await settle(pilot)
        assert any("(list)" in m and "KeyError" in m for m in notifications(app))
        assert not main.list_pane.list_reading and main.list_pane.after_list == []
        failing = False
        await pilot.press("enter")  # opens nothing (no matches shown), waits for nothing
        await pilot.press("slash", "backspace", "y")
        await settle(pilot)
        assert main.query_one(ArticleList).summaries  # the seed names him
        assert "match" in str(main.query_one("#list-status").render())
