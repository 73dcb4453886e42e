"""Issue 21, item 8: the help screen scrolls with j/k."""

from __future__ import annotations

from textual.app import App
from textual.containers import VerticalScroll

from tui.ui.app import DatelineApp
from tui.ui.screens.help import HelpScreen


class HelpHost(App[None]):
    """Only the help screen, styled as in the reader."""

    CSS_PATH = DatelineApp.CSS_PATH

    def on_mount(self) -> None:
        self.push_screen(HelpScreen())


async def test_help_scrolls_with_j_and_k() -> None:
    app = HelpHost()
    async with app.run_test(size=(80, 14)) as pilot:
        await pilot.pause()
        box = app.screen.query_one("#help-box", VerticalScroll)
        assert box.max_scroll_y > 3  # taller than the terminal: there is something to scroll to
        await pilot.press("j", "j", "j")
        await pilot.pause()
        assert box.scroll_y == 3
        await pilot.press("k")
        await pilot.pause()
        assert box.scroll_y == 2
        await pilot.press("space")
        await pilot.pause()
        assert box.scroll_y > 3
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
