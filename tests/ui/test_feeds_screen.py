"""The feeds screen on a minimal App through Pilot: counts and errors, Enter chooses a feed, R
refreshes in a worker against a server on 127.0.0.1, small terminals (its editing keys:
test_feeds_edit.py)."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import App
from textual.pilot import Pilot

from tests.unit.feeds.feedserver import Route, long_text, rss, serve
from tui.feeds import Refresher, Subscription, Subscriptions
from tui.store.paths import styles_dir
from tui.store.readstate import ReadState
from tui.ui.screens.feeds import FeedChosen, FeedList, FeedsScreen, feed_prompt, refresh_summary


class FeedsApp(App[None]):
    CSS_PATH: ClassVar[list[str]] = [str(styles_dir() / "feeds.tcss")]

    def __init__(self) -> None:
        super().__init__()
        self.chosen: list[str] = []
        self.dismissed: list[str | None] = []

    def on_mount(self) -> None:
        self.push_screen(FeedsScreen(), self.dismissed.append)

    def on_feed_chosen(self, event: FeedChosen) -> None:
        self.chosen.append(event.url)


async def settle(pilot: Pilot[Any]) -> None:
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def items(prefix: str, count: int) -> list[dict[str, str]]:
    return [
        {
            "title": f"{prefix} {n}",
            "link": f"http://127.0.0.1/{prefix}/{n}",
            "content": long_text(f"{prefix}{n}"),
        }
        for n in range(count)
    ]


def screen_text(app: App[Any]) -> str:
    listing = app.screen.query_one(FeedList)
    return "\n".join(str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count))


async def test_lists_feeds_with_unread_counts_and_errors_then_enter_chooses() -> None:
    with serve() as server:
        server.routes["/a.xml"] = Route(body=rss("Alpha [bold]news[/]", items("a", 3)))
        server.routes["/b.xml"] = Route(body=b"gone", status=404, content_type="text/plain")
        Subscriptions().add_many(
            [Subscription(server.url("/a.xml")), Subscription(server.url("/b.xml"), "Beta")]
        )
        report = Refresher(trust_env=False).run()
        ReadState().mark(report.new_ids[:1], read=True)
    app = FeedsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "● Alpha [bold]news[/]" in text  # markup-like titles stay text
        assert "2 unread · 3 articles" in text
        assert "✗ failed: HTTP 404 Not Found" in text
        assert "2 feeds · 2 unread · 1 failing" in str(app.screen.query_one("#feeds-status").render())
        await pilot.press("j", "k", "enter")
        await settle(pilot)
        assert app.chosen == [server.url("/a.xml")]
        assert app.dismissed == [server.url("/a.xml")]


async def test_R_refreshes_every_feed_in_a_worker_and_the_list_updates() -> None:
    with serve() as server:
        server.routes["/a.xml"] = Route(body=rss("Alpha", items("a", 2)))
        Subscriptions().add(Subscription(server.url("/a.xml")))
        app = FeedsApp()
        async with app.run_test(size=(60, 20)) as pilot:
            await settle(pilot)
            assert "0 unread · 0 articles" in screen_text(app)
            notices: list[str] = []
            original = app.notify

            def record(message: str, **kwargs: Any) -> None:
                notices.append(message)
                original(message, **kwargs)

            app.screen.notify = record  # type: ignore[method-assign]
            await pilot.press("R")
            await settle(pilot)
            assert "2 unread · 2 articles" in screen_text(app)
            assert notices == ["2 new articles from 1 feed"]
            await pilot.press("escape")
            await settle(pilot)
            assert app.dismissed == [None] and app.chosen == []


async def test_no_feeds_says_how_to_add_one() -> None:
    app = FeedsApp()
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        empty = str(app.screen.query_one("#feeds-empty").render())
        assert "dateline feeds add URL" in empty and "Press a to subscribe" in empty
        await pilot.press("enter")
        await settle(pilot)
        assert app.chosen == []


def test_refresh_summary_counts_new_updated_failed_and_stopped() -> None:
    from tui.feeds import FeedResult, RefreshReport

    report = RefreshReport(
        results=[
            FeedResult("http://x/a", "ok", new=2, new_ids=("a1", "a2"), updated=1),
            FeedResult("http://x/b", "failed", error="timed out"),
        ],
        new_ids=["a1", "a2"],
        cancelled=True,
    )
    assert refresh_summary(report) == "2 new articles from 2 feeds, 1 updated; 1 failed (stopped early)"


def test_prompt_marks_unread_with_a_shape() -> None:
    from tui.feeds import FeedOverview

    read = feed_prompt(FeedOverview("http://x/f", "F", 3, 0, None, None))
    unread = feed_prompt(FeedOverview("http://x/f", "F", 3, 2, None, None, folder="News"))
    assert str(read).startswith("  F") and str(unread).startswith("● F  News")
