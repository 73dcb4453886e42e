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
        {
            "title": f"{prefix} {n}",
            "link": f"http://127.0.0.1/{prefix}/{n}",
            "content": long_text(f"{prefix}{n}"),
        }
        for n in range(count)
    ]


def status_of(app: Any) -> str:
    return str(app.query_one("#list-status", Static).render())


async def test_a_search_typed_after_closing_a_saved_search_is_not_named_after_it(
    shared_analyzer: Any,
) -> None:
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


def titled(prefix: str, numbers: range, word: str) -> list[dict[str, str]]:
    return [
        {
            "title": f"{prefix} {word} {n}",
            "link": f"http://127.0.0.1/{prefix}/{word}/{n}",
            "guid": f"http://127.0.0.1/{prefix}/{word}/{n}",
            "content": long_text(f"{prefix}{word}{n}", sentences=8),
        }
        for n in numbers
    ]


async def test_r_in_the_feeds_screen_mutes_what_it_brought_and_the_reader_says_the_saved_gains(
    monkeypatch: Any, tmp_path: Any
) -> None:
    """`r` on a feed in `F` fetched a muted item and two for the saved search "Ports": the feeds
    screen counts the feed without the muted one, and back in the reader the muted one is not
    listed and "2 new in Ports" is said, as after the reader's own `r`."""
    monkeypatch.setenv("DATELINE_MODEL", "none")
    from tui.analysis.model import Analyzer
    from tui.ui.app import DatelineApp
    from tui.ui.screens.feeds import FeedList, FeedsScreen
    from tui.ui.screens.main import MainScreen
    from tui.ui.widgets.article_list import ArticleList

    with serve() as server:
        server.routes["/news.xml"] = Route(body=rss("News", titled("news", range(2), "story")))
        Subscriptions().add(Subscription(server.url("/news.xml"), "News"))
        Refresher(trust_env=False).run()
        SavedSearches().add("Ports", "title:port")
        MuteRules().add("title:offer")
        app = DatelineApp(
            Library.default(), analyzer=Analyzer(tmp_path / "cache"), config=Config(refresh_minutes=0)
        )
        notices: list[str] = []
        original = app.notify

        def record(message: str, **kwargs: Any) -> None:
            notices.append(message)
            original(message, **kwargs)

        app.notify = record  # type: ignore[method-assign]
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("F")
            await settle(pilot)
            assert isinstance(app.screen, FeedsScreen)
            new = (
                titled("news", range(2), "story")
                + titled("news", range(2), "port")
                + titled("news", range(1), "offer")
            )
            server.routes["/news.xml"] = Route(body=rss("News", new))
            listing = app.screen.query_one(FeedList)
            listing.highlighted = next(
                i for i in range(listing.option_count) if "News" in str(listing.get_option_at_index(i).prompt)
            )
            await pilot.press("r")
            await settle(pilot)
            feed_row = next(
                str(listing.get_option_at_index(i).prompt)
                for i in range(listing.option_count)
                if "News" in str(listing.get_option_at_index(i).prompt)
            )
            assert "4 articles" in feed_row, feed_row  # the muted offer is not counted
            assert "News: 3 new articles (1 muted)" in notices, notices
            await pilot.press("escape")
            await settle(pilot)
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
            listed = [s.title for s in app.query_one(ArticleList).summaries if s.feed]
            assert not any("offer" in title for title in listed), listed
            assert len(listed) == 4
            assert "2 new in Ports" in notices, notices


async def test_the_list_status_line_is_never_cut_short_in_a_narrow_list(shared_analyzer: Any) -> None:
    """Unread only, in the saved search "Ports": the list pane is 30 columns wide at 80 and at 120
    columns, and the one-line status said "unread only · Saved: Po", never the count. The line
    wraps instead (the list gives up a row while it must)."""
    from tui.ui.app import DatelineApp

    with serve() as server:
        server.routes["/a.xml"] = Route(body=rss("Alpha", items("harbour", 3) + items("meadow", 2)))
        Subscriptions().add(Subscription(server.url("/a.xml"), "Alpha"))
        Refresher(trust_env=False).run()
    SavedSearches().add("Ports", "title:harbour")
    app = DatelineApp(Library.default(), analyzer=shared_analyzer, config=Config(refresh_minutes=0))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.press("F")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        for size in ((80, 24), (120, 40)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            status = app.query_one("#list-status", Static)
            text = status_of(app)
            assert text.startswith("unread only · Saved: Ports") and text.endswith("3 of 3 articles"), text
            shown = "".join(strip.text for strip in status.render_lines(status.content_region.reset_offset))
            assert "3 of 3 articles" in shown, (size, shown)
        await pilot.press("escape")
        await pilot.press("l")
        await settle(pilot)
        assert status_of(app).endswith("articles · by date"), status_of(app)
        assert app.query_one("#list-status", Static).region.height == 1  # a short line: one row again


def test_the_help_says_what_the_search_understands() -> None:
    """`?` said "/ search titles and text": a newsboat user never learnt that `/person:"X"`,
    `tag:`, `feed:`, `unread:` and `-term` work in the reader as in `dateline search`."""
    from tui.ui.screens.help import KEYS

    search = dict(KEYS)["/"]
    for term in ("person:", "org:", "place:", "title:", "feed:", "tag:", "unread:", "since:", "-term", "OR"):
        assert term in search, term


async def test_with_M_each_muted_row_says_muted(shared_analyzer: Any) -> None:
    """`M` listed the muted articles among the others with nothing to tell them apart: each says
    "muted" first on its source line, in a search too, and no other row does; `M` again: none."""
    from tui.names.muting import apply_mutes
    from tui.ui.app import DatelineApp
    from tui.ui.widgets.article_list import ArticleList

    with serve() as server:
        server.routes["/a.xml"] = Route(body=rss("Alpha", titled("alpha", range(2), "story")))
        server.routes["/s.xml"] = Route(body=rss("Spam", titled("spam", range(2), "offer")))
        Subscriptions().add_many([Subscription(server.url("/a.xml")), Subscription(server.url("/s.xml"))])
        Refresher(trust_env=False).run()
    MuteRules().add("title:offer")
    library = Library.default()
    assert apply_mutes(library).muted == 2
    library.close()
    app = DatelineApp(Library.default(), analyzer=shared_analyzer, config=Config(refresh_minutes=0))

    def marked(articles: ArticleList) -> dict[str, bool]:
        rows = (str(articles.row_prompt(i)) for i in range(len(articles.summaries)))
        return {
            s.title: any(line.strip().startswith("muted · ") for line in row.split("\n"))
            for s, row in zip(articles.summaries, rows, strict=True)
            if s.feed
        }

    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        await pilot.press("M")
        await settle(pilot)
        assert marked(articles) == {
            "alpha story 0": False,
            "alpha story 1": False,
            "spam offer 0": True,
            "spam offer 1": True,
        }
        await pilot.press("slash", *"offer")
        await settle(pilot)
        assert marked(articles) == {"spam offer 0": True, "spam offer 1": True}
        await pilot.press("escape")
        await settle(pilot)
        articles.focus()
        await pilot.press("M")
        await settle(pilot)
        assert marked(articles) == {"alpha story 0": False, "alpha story 1": False}


async def test_a_feed_articles_row_names_its_feed_not_the_sites_host(shared_analyzer: Any) -> None:
    """Two feeds of one site listed every row as "127.0.0.1:PORT": a row names its feed as `F` does
    (your title, else the feed's own), and a file keeps its file name."""
    from tui.ui.app import DatelineApp
    from tui.ui.widgets.article_list import ArticleList

    with serve() as server:
        server.routes["/a.xml"] = Route(body=rss("Alpha", titled("alpha", range(1), "story")))
        server.routes["/b.xml"] = Route(body=rss("Beta", titled("beta", range(1), "story")))
        Subscriptions().add_many(
            [Subscription(server.url("/a.xml")), Subscription(server.url("/b.xml"), "My Beta")]
        )
        Refresher(trust_env=False).run()
    app = DatelineApp(Library.default(), analyzer=shared_analyzer, config=Config(refresh_minutes=0))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        sources = {
            s.title: str(articles.row_prompt(i)).split("\n")[-1].strip().split(" · ")[0]
            for i, s in enumerate(articles.summaries)
        }
        assert sources["alpha story 0"] == "Alpha" and sources["beta story 0"] == "My Beta", sources
        assert any(source.endswith((".txt", ".md", ".html", ".json", ".xml")) for source in sources.values())


async def test_unread_only_at_start_the_article_shown_is_the_first_row_not_a_read_one(
    shared_analyzer: Any,
) -> None:
    """With `l` remembered, the reader opened beside the list the library's newest article even
    when it was read and so not listed: what is shown is the list's first row."""
    from tui.store.readstate import ReadState
    from tui.store.state import UiState, UiStateFile
    from tui.ui.app import DatelineApp
    from tui.ui.widgets.article_list import ArticleList

    with serve() as server:
        server.routes["/a.xml"] = Route(body=rss("Alpha", titled("alpha", range(3), "story")))
        Subscriptions().add(Subscription(server.url("/a.xml"), "Alpha"))
        Refresher(trust_env=False).run()
    library = Library.default()
    newest = library.summaries("date")[0]
    library.close()
    assert newest.feed
    ReadState().mark([newest.id], True)
    UiStateFile().save(UiState(hide_read=True))
    app = DatelineApp(Library.default(), analyzer=shared_analyzer, config=Config(refresh_minutes=0))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        assert newest.id not in {s.id for s in articles.summaries}
        shown = app.main_screen.article
        assert shown is not None and shown.id == articles.summaries[0].id, shown
