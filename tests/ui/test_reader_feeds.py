"""The reader's part of following feeds (issue 11), through Pilot with feeds served from 127.0.0.1:
r refreshes in a worker and keeps the selection, unread marks, u and A, F and a feed's view, the
auto-refresh timer, and quitting during a slow refresh."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from tests.unit.feeds.feedserver import FeedServer, Route, long_text, rss, serve
from tui.feeds import Refresher, Subscription, Subscriptions
from tui.store.config import Config
from tui.store.library import Library
from tui.store.readstate import ReadState
from tui.ui.app import DatelineApp
from tui.ui.glyphs import UNICODE
from tui.ui.main.feeds_part import FeedsPart
from tui.ui.screens.feeds import FeedList, FeedsScreen
from tui.ui.screens.main import MainScreen
from tui.ui.widgets.article_list import ArticleList


def items(prefix: str, numbers: range) -> list[dict[str, str]]:
    return [
        {
            "title": f"{prefix.title()} story {n}",
            "link": f"http://127.0.0.1/{prefix}/{n}",
            "guid": f"http://127.0.0.1/{prefix}/{n}",
            "content": long_text(f"{prefix}{n}"),
        }
        for n in numbers
    ]


def subscribe(server: FeedServer, path: str, title: str, numbers: range) -> str:
    server.routes[path] = Route(body=rss(title, items(path.strip("/").split(".")[0], numbers)))
    url = server.url(path)
    Subscriptions().add(Subscription(url))
    return url


def stored_feed(title: str, numbers: range) -> None:
    """Serve one feed, subscribe to it and refresh it once (not from the reader), stop serving."""
    with serve() as server:
        subscribe(server, f"/{title.lower()}.xml", title, numbers)
        Refresher(trust_env=False).run()


def make_app(analyzer: Any, refresh_minutes: int = 0) -> DatelineApp:
    return DatelineApp(Library.default(), analyzer=analyzer, config=Config(refresh_minutes=refresh_minutes))


async def settle(pilot: Pilot[Any]) -> None:
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def record_notices(app: DatelineApp) -> list[str]:
    notices: list[str] = []
    original = app.notify

    def record(message: str, **kwargs: Any) -> None:
        notices.append(message)
        original(message, **kwargs)

    app.notify = record  # type: ignore[method-assign]
    return notices


def rows(app: DatelineApp) -> dict[str, str]:
    """Title -> the row's first line as drawn (marks included)."""
    articles = app.query_one(ArticleList)
    return {
        summary.title: articles.row_prompt(index).plain.split("\n")[0]
        for index, summary in enumerate(articles.summaries)
    }


def marked_unread(app: DatelineApp) -> set[str]:
    return {title for title, row in rows(app).items() if row.startswith(UNICODE.unread)}


def status(app: DatelineApp) -> str:
    return str(app.query_one("#list-status", Static).render())


async def test_r_refreshes_new_articles_appear_selection_kept_and_notified(shared_analyzer: Any) -> None:
    with serve() as server:
        url = subscribe(server, "/alpha.xml", "Alpha", range(2))
        Refresher(trust_env=False).run()
        app = make_app(shared_analyzer)
        notices = record_notices(app)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            articles = app.query_one(ArticleList)
            assert marked_unread(app) == {"Alpha story 0", "Alpha story 1"}
            articles.select_id(next(s.id for s in articles.summaries if s.title == "Alpha story 1"))
            kept = articles.highlighted_id
            server.routes["/alpha.xml"] = Route(body=rss("Alpha", items("alpha", range(4))))
            await pilot.press("r")
            await settle(pilot)
            titles = [s.title for s in articles.summaries]
            assert {"Alpha story 2", "Alpha story 3"} <= set(titles)
            assert articles.highlighted_id == kept  # the same article, wherever it moved
            assert "2 new articles from 1 feed" in notices
            assert marked_unread(app) == {f"Alpha story {n}" for n in range(4)}
            assert status(app).startswith(f"{len(titles)} articles")
            assert [hit.path for hit in server.requests].count("/alpha.xml") == 2
            assert url in {s.feed for s in articles.summaries}


async def test_opening_marks_read_u_toggles_and_it_is_stored(shared_analyzer: Any) -> None:
    stored_feed("Alpha", range(2))
    app = make_app(shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        articles.focus()
        target = next(s for s in articles.summaries if s.title == "Alpha story 0")
        articles.select_id(target.id)
        assert rows(app)["Alpha story 0"].startswith("●  Alpha story 0")  # unread, no bookmark
        await pilot.press("enter")
        await settle(pilot)
        assert "Alpha story 0" not in marked_unread(app)
        assert _fresh_state().is_read(target.id)
        await pilot.press("u")
        await pilot.pause()
        assert "Alpha story 0" in marked_unread(app)  # shown at once, written by a worker
        await settle(pilot)
        assert not _fresh_state().is_read(target.id)
        await pilot.press("b")  # bookmarked and unread: both marks show
        await settle(pilot)  # the star follows the write (a worker)
        assert rows(app)["Alpha story 0"].startswith("●★ Alpha story 0")
        await pilot.press("u")
        await settle(pilot)
        assert "Alpha story 0" not in marked_unread(app)
        assert _fresh_state().is_read(target.id)
        assert marked_unread(app) == {"Alpha story 1"}


async def test_opening_from_bookmarks_marks_read(shared_analyzer: Any) -> None:
    stored_feed("Alpha", range(3))
    app = make_app(shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.main_screen
        articles = app.query_one(ArticleList)
        target = next(s for s in articles.summaries if s.title == "Alpha story 1")
        screen.bookmarks.add(target.id, target.title, target.source)
        assert marked_unread(app) == {"Alpha story 0", "Alpha story 1", "Alpha story 2"}
        await pilot.press("B")
        await settle(pilot)
        await pilot.press("enter")  # the only bookmark
        await settle(pilot)
        assert screen.article is not None and screen.article.id == target.id
        assert marked_unread(app) == {"Alpha story 0", "Alpha story 2"}
        assert _fresh_state().is_read(target.id)


async def test_new_articles_are_analysed_ahead_in_a_process_of_their_own(
    shared_analyzer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.analysis.background as background

    monkeypatch.setenv("DATELINE_ANALYSE_AHEAD", "1")
    started: list[Any] = []
    real = background.start_background_analysis

    def record(ids: Any, **kwargs: Any) -> Any:
        started.append((list(ids), real(ids, **kwargs)))
        return started[-1][1]

    monkeypatch.setattr(background, "start_background_analysis", record)
    with serve() as server:
        subscribe(server, "/alpha.xml", "Alpha", range(1))
        Refresher(trust_env=False).run()  # not from the reader: nothing analysed ahead
        app = make_app(shared_analyzer)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            assert started == []
            server.routes["/alpha.xml"] = Route(body=rss("Alpha", items("alpha", range(3))))
            await pilot.press("r")
            await settle(pilot)
            articles = app.query_one(ArticleList)
            new = {s.id for s in articles.summaries if s.title in {"Alpha story 1", "Alpha story 2"}}
            assert len(started) == 1 and set(started[0][0]) == new
            process = started[0][1]
            assert process is not None and process.wait(timeout=300) == 0
            # In the user's cache (the one a real reader uses; the tests' analyzer has its own):
            # opening them now is a cache hit, highlighted at once.
            from tui.analysis.model import Analyzer
            from tui.store.paths import cache_dir

            analyzer = Analyzer(cache_dir())
            analyzer.use_model(shared_analyzer.ensure_model(), "ok")
            for article_id in new:
                article = app.library.get(article_id)
                assert article is not None and analyzer.cached(article) is not None


def _fresh_state() -> ReadState:
    state = ReadState()
    state.load()
    return state


async def test_A_marks_the_view_read_and_F_enter_shows_one_feed(shared_analyzer: Any) -> None:
    with serve() as server:
        alpha = subscribe(server, "/alpha.xml", "Alpha", range(2))
        beta = subscribe(server, "/beta.xml", "Beta", range(3))
        Refresher(trust_env=False).run()
    app = make_app(shared_analyzer)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        everything = len(articles.summaries)
        assert len(marked_unread(app)) == 5
        await pilot.press("F")
        await settle(pilot)
        assert isinstance(app.screen, FeedsScreen)
        feeds = app.screen.query_one(FeedList)
        listed = [str(feeds.get_option_at_index(i).prompt) for i in range(feeds.option_count)]
        assert any("Beta" in row and "3 unread · 3 articles" in row for row in listed)
        beta_index = next(i for i, row in enumerate(listed) if "Beta" in row)
        feeds.highlighted = beta_index
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert {s.feed for s in articles.summaries} == {beta}
        assert len(articles.summaries) == 3
        assert status(app).startswith("Beta: 3 articles") and "Esc: all articles" in status(app)
        await pilot.press("A")
        await settle(pilot)
        assert marked_unread(app) == set()
        ids = {s.id for s in articles.summaries}
        assert _fresh_state().unread(ids) == set()
        await pilot.press("escape")
        await settle(pilot)
        assert len(articles.summaries) == everything
        assert marked_unread(app) == {"Alpha story 0", "Alpha story 1"}  # the other feed untouched
        assert alpha in {s.feed for s in articles.summaries}
        assert "Esc: all" not in status(app)


async def test_the_timer_starts_a_refresh(shared_analyzer: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FeedsPart, "SECONDS_PER_MINUTE", 0.05)  # refresh_minutes = 1 -> 50 ms
    with serve() as server:
        subscribe(server, "/alpha.xml", "Alpha", range(2))
        app = make_app(shared_analyzer, refresh_minutes=1)
        notices = record_notices(app)
        async with app.run_test(size=(100, 30)) as pilot:
            for _ in range(200):
                if server.hits("/alpha.xml"):
                    break
                await pilot.pause(0.05)
            assert server.hits("/alpha.xml"), "the timer never refreshed"
            await settle(pilot)
            for _ in range(50):
                if "2 new articles from 1 feed" in notices:
                    break
                await pilot.pause(0.05)
                await settle(pilot)
            assert "2 new articles from 1 feed" in notices
            assert {"Alpha story 0", "Alpha story 1"} <= marked_unread(app)


async def test_no_timer_when_refresh_minutes_is_zero(
    shared_analyzer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(FeedsPart, "SECONDS_PER_MINUTE", 0.01)
    with serve() as server:
        subscribe(server, "/alpha.xml", "Alpha", range(1))
        app = make_app(shared_analyzer, refresh_minutes=0)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.pause(0.3)  # thirty would-be intervals
            await settle(pilot)
            assert server.hits("/alpha.xml") == []


async def test_quitting_during_a_slow_refresh_does_not_wait_for_it(shared_analyzer: Any) -> None:
    with serve() as server:
        subscribe(server, "/slow.xml", "Slow", range(1))
        server.routes["/slow.xml"].delay = 120  # answers only when the server stops
        app = make_app(shared_analyzer)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("r")
            await pilot.pause()
            main = app.query_one(ArticleList).screen
            assert isinstance(main, MainScreen) and main.feeds.refreshing()
            assert "Refreshing" in status(app)
            await pilot.press("j", "k")  # keys still answer while the feed hangs
            await pilot.press("q")
        # The app returned while the feed had not answered: nothing waited for the network.
        assert server.hits("/slow.xml") == []


def test_marks_have_an_ascii_form_for_the_linux_console() -> None:
    from tui.feeds import FeedOverview
    from tui.ui import glyphs
    from tui.ui.screens.feeds import feed_prompt
    from tui.ui.widgets.article_list import row_marks

    try:
        glyphs.use_for({"TERM": "linux"})
        assert row_marks(bookmarked=True, unread=True, width=3) == "N* "
        assert row_marks(bookmarked=False, unread=True, width=3) == "N  "
        failing = feed_prompt(FeedOverview("http://x/f", "F", 3, 2, None, "HTTP 404"))
        assert str(failing).startswith("N F") and "x failed: HTTP 404" in str(failing)
        glyphs.use_for({"TERM": "xterm-256color"})
        assert row_marks(bookmarked=True, unread=True, width=3) == "●★ "
        assert row_marks(bookmarked=True, unread=True, width=2) == "★ "  # no feeds: as before
    finally:
        glyphs.use_for({})
