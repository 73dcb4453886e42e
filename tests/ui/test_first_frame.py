"""The first frame (issue 13): the list, its status line, the header and the footer are composed
first; the search box, the reader and the facts pane come right after, and the screen then is the
one composed all at once (nothing drawn moved, nothing is missing).

On a terminal the panes come after the first frame; headless (every other UI test) all at once.
`MainScreen.PANES_AFTER_FIRST_FRAME` forces either way here.
"""

from __future__ import annotations

import gc
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from tui.cli import run_tui
from tui.store.library import Library
from tui.ui import start, threads
from tui.ui.app import DatelineApp
from tui.ui.screens.main import MainScreen
from tui.ui.widgets.article_list import ArticleList
from tui.ui.widgets.facts_sidebar import FactsSidebar
from tui.ui.widgets.reader import ArticleView


async def settle(pilot: Pilot[Any]) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def final_screen(later: bool, size: tuple[int, int]) -> tuple[Any, ...]:
    """(widgets at the first frame, widgets and regions once settled, the screen's text)."""
    first: list[str] = []
    original = MainScreen.on_mount

    def on_mount(screen: MainScreen) -> None:
        original(screen)  # the list and its status are set here, before the first refresh
        first.extend(f"{type(w).__name__}#{w.id}" for w in screen.walk_children())

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(MainScreen, "PANES_AFTER_FIRST_FRAME", later)
        patch.setattr(MainScreen, "on_mount", on_mount)
        app = DatelineApp(Library.default())
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            app.clear_notifications()
            await pilot.pause()
            settled = [
                (type(w).__name__, w.id, w.region, w.display)
                for w in app.screen.walk_children()
                if w.id or isinstance(w, ArticleView | FactsSidebar | ArticleList)
            ]
            text = app.export_screenshot()
            focused = app.focused
            summaries = len(app.query_one(ArticleList).summaries)
    assert summaries > 1 and isinstance(focused, ArticleList)
    return first, settled, text  # in DOM order: a pane mounted in the wrong place shows here


@pytest.mark.parametrize("size", [(100, 30), (60, 20)])
async def test_the_panes_after_the_first_frame_end_as_the_screen_composed_at_once(
    size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATELINE_MODEL", "none")  # the layout, not the analysis
    first_later, settled_later, text_later = await final_screen(True, size)
    first_once, settled_once, text_once = await final_screen(False, size)
    # The first frame: the list and its status line, the header and the footer; nothing else.
    assert "ArticleList#articles" in first_later and "Static#list-status" in first_later
    assert any(w.startswith("Header#") for w in first_later)
    assert any(w.startswith("Footer#") for w in first_later)
    for pane in ("ArticlePane#reader", "Vertical#facts-pane", "FactsSidebar#facts", "Input#search"):
        assert pane not in first_later, pane
        assert pane in first_once, pane
    for part in ("FeedsPart#", "NamesPart#", "ArticleActions#"):  # they draw nothing: after it too
        assert not any(w.startswith(part) for w in first_later), part
        assert any(w.startswith(part) for w in first_once), part
    # Then the same widgets in the same places, and the same screen.
    assert settled_later == settled_once
    assert text_later == text_once


async def test_the_start_settings_are_undone_once_the_panes_are_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """`run_tui` turns the cyclic garbage collector off and shortens the GIL switch interval for
    the start (tui/ui/start.py); the app undoes both once the main screen is up, with what the
    start built frozen (no collection walks it again)."""
    monkeypatch.setenv("DATELINE_MODEL", "none")
    frozen_before = gc.get_freeze_count()
    interval = sys.getswitchinterval()
    start.begin()
    try:
        assert not gc.isenabled() and sys.getswitchinterval() == start.START_SWITCH_INTERVAL
        app = DatelineApp(Library.default())
        async with app.run_test() as pilot:
            await pilot.pause()
            assert gc.isenabled()
            assert gc.get_freeze_count() > frozen_before
            assert sys.getswitchinterval() == interval
    finally:
        start.end()
        gc.unfreeze()
        gc.enable()


async def test_an_app_started_with_the_collector_on_leaves_it_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATELINE_MODEL", "none")
    # Nothing frozen to begin with: an earlier test's start (`start.end()`, which unfreezes) ending in
    # this worker while the app runs cannot then move the count, and a freeze by this app still would.
    gc.unfreeze()
    frozen_before = gc.get_freeze_count()
    app = DatelineApp(Library.default())
    async with app.run_test() as pilot:
        await pilot.pause()
        assert gc.isenabled()
        assert gc.get_freeze_count() == frozen_before


def test_the_reader_starts_with_the_start_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("A Title\n\nA paragraph of the story.\n", encoding="utf-8")
    running: list[tuple[bool, float]] = []
    monkeypatch.setattr(
        DatelineApp, "run", lambda app: running.append((gc.isenabled(), sys.getswitchinterval()))
    )
    monkeypatch.setattr(threads, "end_process", lambda code: None)
    try:
        assert run_tui([tmp_path]) == 0
    finally:
        start.end()
        gc.unfreeze()
    assert running == [(False, start.START_SWITCH_INTERVAL)]


def _eighty_stories(tmp_path: Path) -> tuple[Library, Any]:
    """A library of 80 short dated stories, indexed (what `refresh` returned, too)."""
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(80):
        day = f"2024-{number % 12 + 1:02d}-{number % 28 + 1:02d}"
        record = {"title": f"Story {number:02d}", "body": f"Text {number}.", "published": day}
        (folder / f"story-{number:02d}.json").write_text(json.dumps(record), encoding="utf-8")
    library = Library.for_paths([folder])
    return library, library.refresh()


async def test_the_first_frame_lists_a_screenful_and_counts_them_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a terminal the first frame makes only the rows it shows, with the whole list's count and
    scrollbar; the whole list follows before the panes (and before any key)."""
    monkeypatch.setenv("DATELINE_MODEL", "none")
    library, whole = _eighty_stories(tmp_path)  # the warm index of a daily start
    seen: dict[str, Any] = {}
    original_mount, original_panes = MainScreen.on_mount, MainScreen._mount_panes

    def on_mount(screen: MainScreen) -> None:
        original_mount(screen)
        seen["first"] = list(screen.query_one(ArticleList).summaries)
        seen["first status"] = str(screen.query_one("#list-status", Static).visual)

    async def mount_panes(screen: MainScreen) -> None:  # right after the first frame
        seen["drawn height"] = screen.query_one(ArticleList).virtual_size.height
        await original_panes(screen)

    monkeypatch.setattr(MainScreen, "PANES_AFTER_FIRST_FRAME", True)
    monkeypatch.setattr(MainScreen, "on_mount", on_mount)
    monkeypatch.setattr(MainScreen, "_mount_panes", mount_panes)
    app = DatelineApp(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        assert articles.summaries == whole
        assert articles.virtual_size.height == seen["drawn height"]
        status = str(app.query_one("#list-status", Static).visual)
    assert len(whole) == 80
    assert seen["first"] == whole[:30]  # as many rows as the terminal has lines, at most
    assert seen["first status"] == status == "80 articles · by date"


class SheetsUpFront(DatelineApp):
    """The app as it was: every screen's sheet parsed before the first frame."""

    CSS_PATH = [*DatelineApp.CSS_PATH, *DatelineApp.SCREEN_SHEETS]

    def add_screen_sheets(self) -> None:
        pass


async def screen_styles(app: DatelineApp, keys: str) -> dict[str, list[str]]:
    """Every node's computed styles on the screens that `keys` open, one at a time."""
    from textual.css.styles import RULE_NAMES

    found: dict[str, list[str]] = {}
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        found["main"] = [repr(getattr(w.styles, n)) for w in app.screen.walk_children() for n in RULE_NAMES]
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
            screen = app.screen
            assert screen is not app.main_screen
            found[type(screen).__name__] = [
                f"{type(w).__name__}#{w.id} {n}={getattr(w.styles, n)!r}"
                for w in screen.walk_children(with_self=True)
                for n in RULE_NAMES
            ]
            await pilot.press("escape")
            await settle(pilot)
    return found


@pytest.mark.usefixtures("isolated_dirs")
async def test_the_other_screens_sheets_wait_for_the_first_screen_and_style_it_as_before(
    stylesheet_reparses: list[int],
) -> None:
    """Issue 20: the bookmarks, mentions, names and feeds sheets (some 5 ms of parsing) are no
    part of the first frame. The first screen pushed brings them in without Textual parsing every
    sheet again, and every screen is styled exactly as when they were parsed at the start."""
    reparsed = stylesheet_reparses
    app = DatelineApp(Library.default())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        sources = {Path(path).name for path, _ in app.stylesheet.source}
        assert "app.tcss" in sources and not sources & {Path(p).name for p in DatelineApp.SCREEN_SHEETS}
        await pilot.press("F")
        await settle(pilot)
        sources = {Path(path).name for path, _ in app.stylesheet.source}
        assert {Path(p).name for p in DatelineApp.SCREEN_SHEETS} <= sources
        assert reparsed == []
    assert await screen_styles(DatelineApp(Library.default()), "BF") == await screen_styles(
        SheetsUpFront(Library.default()), "BF"
    )


def test_the_reader_reads_its_first_screenful_ahead_while_textual_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 20: on a terminal `DatelineApp.run` starts reading the list's first screenful and
    count in a thread, for the height the screen will have, before Textual starts (SQLite reads
    with the GIL released while the styles are parsed); headless it does not."""
    import os
    import shutil

    from textual.app import App

    from tui.ui.main.list_pane import ListPane

    (tmp_path / "story.txt").write_text("A Title\n\nA paragraph of the story.\n", encoding="utf-8")
    heights: list[int] = []
    monkeypatch.setattr(ListPane, "read_first_ahead", lambda pane, height: heights.append(height))
    monkeypatch.setattr(App, "run", lambda app, **options: None)
    monkeypatch.setattr(shutil, "get_terminal_size", lambda *fallback: os.terminal_size((120, 37)))
    DatelineApp(Library.for_paths([tmp_path])).run()
    DatelineApp(Library.for_paths([tmp_path])).run(headless=True)
    DatelineApp(Library.for_paths([tmp_path])).run(size=(80, 24))
    assert heights == [37, 24]


async def test_the_first_frame_shows_the_screenful_read_ahead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the thread read ahead is what the first frame shows (read once, not again on the UI
    thread); a screen taller than what was read is read again."""
    import threading

    monkeypatch.setenv("DATELINE_MODEL", "none")
    library, whole = _eighty_stories(tmp_path)
    reads: list[tuple[str, int]] = []
    original_read, original_mount = Library.first_summaries, MainScreen.on_mount

    def first_summaries(self: Library, sort: Any, rows: int) -> Any:
        reads.append((threading.current_thread().name, rows))
        return original_read(self, sort, rows)

    shown: list[tuple[list[Any], str]] = []

    def on_mount(screen: MainScreen) -> None:
        original_mount(screen)
        status = str(screen.query_one("#list-status", Static).visual)
        shown.append((list(screen.query_one(ArticleList).summaries), status))

    monkeypatch.setattr(Library, "first_summaries", first_summaries)
    monkeypatch.setattr(MainScreen, "PANES_AFTER_FIRST_FRAME", True)
    monkeypatch.setattr(MainScreen, "on_mount", on_mount)
    for ahead in (40, 20):
        app = DatelineApp(library)
        app.main_screen.list_pane.read_first_ahead(ahead)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
    assert shown == [(whole[:30], "80 articles · by date")] * 2
    ui = threading.current_thread().name
    assert reads == [("dateline-first-rows", 40), ("dateline-first-rows", 20), (ui, 30)]
