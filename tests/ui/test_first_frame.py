"""The first frame (issue 13): the list, its status line, the header and the footer are composed
first; the search box, the reader and the facts pane come right after, and the screen then is the
one composed all at once (nothing drawn moved, nothing is missing).

On a terminal the panes come after the first frame; headless (every other UI test) all at once.
`MainScreen.PANES_AFTER_FIRST_FRAME` forces either way here.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tui.cli import run_tui
from tui.store.library import Library
from tui.ui import threads
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
    for pane in ("ArticleView#reader", "Vertical#facts-pane", "FactsSidebar#facts", "Input#search"):
        assert pane not in first_later, pane
        assert pane in first_once, pane
    # Then the same widgets in the same places, and the same screen.
    assert settled_later == settled_once
    assert text_later == text_once


async def test_the_collector_turned_off_for_the_start_is_back_on_after_the_first_frame(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`run_tui` turns the cyclic garbage collector off for the start; the app turns it back on
    after its first frame, with what the start built frozen (no collection walks it again)."""
    monkeypatch.setenv("DATELINE_MODEL", "none")
    frozen_before = gc.get_freeze_count()
    gc.disable()
    try:
        app = DatelineApp(Library.default())
        async with app.run_test() as pilot:
            await pilot.pause()
            assert gc.isenabled()
            assert gc.get_freeze_count() > frozen_before
    finally:
        gc.unfreeze()
        gc.enable()


async def test_an_app_started_with_the_collector_on_leaves_it_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATELINE_MODEL", "none")
    frozen_before = gc.get_freeze_count()
    app = DatelineApp(Library.default())
    async with app.run_test() as pilot:
        await pilot.pause()
        assert gc.isenabled()
        assert gc.get_freeze_count() == frozen_before


def test_the_reader_starts_with_the_collector_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("A Title\n\nA paragraph of the story.\n", encoding="utf-8")
    running: list[bool] = []
    monkeypatch.setattr(DatelineApp, "run", lambda app: running.append(gc.isenabled()))
    monkeypatch.setattr(threads, "end_process", lambda code: None)
    try:
        assert run_tui([tmp_path]) == 0
    finally:
        gc.enable()
    assert running == [False]
