"""Issue 21, "Done when": defects an evening's reading as a newsboat user found (a saved search's name
left on a search typed later; a refresh from the feeds screen that left its new matches unmuted and
unsaid). Feeds are served on 127.0.0.1."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static

from tests.unit.feeds.feedserver import Route, long_text, rss, serve
from tui.feeds import Refresher, Subscription, Subscriptions
from tui.store.config import Config
from tui.store.library import Library
from tui.store.rules import MuteRules, SavedSearches


async def settle(pilot: Pilot[Any]) -> None:
    for _ in range(6):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def items(prefix: str, count: int) -> list[dict[str, str]]:
    return [
        {"title": f"{prefix} {n}", "link": f"http://127.0.0.1/{prefix}/{n}", "content": long_text(f"{prefix}{n}")}
        for n in range(count)
    ]


def status_of(app: Any) -> str:
    return str(app.query_one("#list-status", Static).render())


async def test_a_search_typed_after_closing_a_saved_search_is_not_named_after_it(shared_analyzer: Any) -> None:
    """Esc closed the saved search "Ports"; typing its query again later is a plain search, and the
    status line must say so, not "Saved: Ports"."""
    from tui.ui.app import DatelineApp
    from tui.ui.screens.feeds import FeedsScreen

    with serve() as server:
        server.routes["/a.xml"] = Route(body=rss("Alpha", items("harbour", 3) + items("meadow", 2)))
        Subscriptions().add(Subscription(server.url("/a.xml"), "Alpha"))
        Refresher(trust_env=False).run()
    SavedSearches().add("Ports", "title:harbour")
    app = DatelineApp(Library.default(), analyzer=shared_analyzer, config=Config(refresh_minutes=0))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        assert isinstance(app.screen, FeedsScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert status_of(app).startswith("Saved: Ports"), status_of(app)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("slash")
        await pilot.press(*"title:harbour")
        await settle(pilot)
        status = status_of(app)
        assert "3 matches" in status and "Saved" not in status, status
