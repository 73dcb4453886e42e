"""How the reader looks (pytest-textual-snapshot).

After a deliberate change of looks: `pytest tests/test_snapshots.py --snapshot-update`, then review the SVGs.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from tui.store.library import Library
from tui.ui.app import DatelineApp
from tui.ui.widgets.article_list import ArticleList

SEED_TITLE = "US, Japan Strengthen Security Alliance"


async def settle(pilot: Pilot[Any]) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def show_list(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    pilot.app.clear_notifications()
    await pilot.pause()


async def show_seed(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    articles = pilot.app.query_one(ArticleList)
    articles.highlighted = next(i for i, s in enumerate(articles.summaries) if s.title == SEED_TITLE)
    await pilot.press("enter")
    await settle(pilot)
    pilot.app.clear_notifications()
    await pilot.pause()


def make_app(analyzer: Any) -> DatelineApp:
    return DatelineApp(Library.default(), analyzer=analyzer)


@pytest.mark.parametrize("size", [(100, 30), (80, 24), (60, 20)])
def test_list_snapshot(snap_compare: Any, shared_analyzer: Any, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(shared_analyzer), terminal_size=size, run_before=show_list)


@pytest.mark.parametrize("size", [(100, 30), (80, 24), (60, 20)])
def test_seed_article_snapshot(snap_compare: Any, shared_analyzer: Any, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(shared_analyzer), terminal_size=size, run_before=show_seed)


def test_seed_article_no_color_snapshot(
    snap_compare: Any, shared_analyzer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(make_app(shared_analyzer), terminal_size=(100, 30), run_before=show_seed)


def test_seed_article_16_colour_snapshot(
    snap_compare: Any, shared_analyzer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """TERM=linux: colours stay, and every mention also carries its label mark."""
    monkeypatch.setenv("TERM", "linux")
    assert snap_compare(make_app(shared_analyzer), terminal_size=(80, 24), run_before=show_seed)
