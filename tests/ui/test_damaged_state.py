"""The reader starts with damaged user files (issue 19, item 8): moved aside, the user told which
and where, the reader goes on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tui.store.library import Library
from tui.ui.app import DatelineApp


async def settle(pilot: Pilot[Any]) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def notifications(app: DatelineApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_the_reader_starts_with_a_deeply_nested_ui_json_and_a_huge_number_in_bookmarks(
    shared_analyzer: Any, isolated_dirs: dict[str, Path]
) -> None:
    ui_json = isolated_dirs["state"] / "ui.json"
    ui_json.write_text("[" * 200_000 + "]" * 200_000)
    bookmarks = isolated_dirs["config"] / "bookmarks.json"
    bookmarks.write_text('{"version": 1, "bookmarks": [], "n": ' + "7" * 5000 + "}")
    app = DatelineApp(Library.default(), analyzer=shared_analyzer)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        said = notifications(app)
        assert any(f"{ui_json} was damaged" in m and "ui.json.corrupt-" in m for m in said), said
        assert any(f"{bookmarks} was damaged" in m and "bookmarks.json.corrupt-" in m for m in said), said
        assert app.main_screen.query_one("ArticleList")  # the reader is up
        await pilot.press("b")  # bookmarking works again
        await settle(pilot)
    assert not ui_json.exists() and list(ui_json.parent.glob("ui.json.corrupt-*"))
    assert list(bookmarks.parent.glob("bookmarks.json.corrupt-*"))


async def test_a_damaged_follows_json_is_moved_aside_and_the_reader_says_so(
    shared_analyzer: Any, isolated_dirs: dict[str, Path]
) -> None:
    """Opening an article reads the follows (to mark followed names): a damaged file is named."""
    from tests.ui.test_app import SEED_TITLE, make_app, open_title

    follows = isolated_dirs["config"] / "follows.json"
    follows.mkdir()  # a directory where the file should be
    app = make_app(shared_analyzer)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_title(pilot, SEED_TITLE)
        await settle(pilot)
        said = [m for m in notifications(app) if str(follows) in m]
        assert len(said) == 1 and "follows.json.corrupt-" in said[0], notifications(app)
    assert list(follows.parent.glob("follows.json.corrupt-*"))
