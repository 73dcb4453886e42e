"""Issue 21, "Feeds from the reader": in the feeds screen (`F`), `r` refreshes one feed and says its
new count, `a` subscribes (URL prompt), `d` unsubscribes after asking, `e` renames, `t` shows one
folder's or tag's feeds; saved searches are listed with their unread counts and `Enter` shows their
articles in the main list; stored errors are shown in words. Feeds are served on 127.0.0.1."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any, ClassVar

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, Static

from tests.unit.feeds.feedserver import Route, long_text, rss, serve
from tui.feeds import FeedStatus, FetchState, Refresher, Subscription, Subscriptions
from tui.store.library import Library
from tui.store.paths import styles_dir
from tui.store.readstate import ReadState
from tui.store.rules import SavedSearches
from tui.ui.screens.feed_edit import ConfirmScreen, FilterScreen
from tui.ui.screens.feeds import FeedList, FeedsScreen, SavedChosen
from tui.ui.screens.prompt import TextPrompt


class FeedsApp(App[None]):
    CSS_PATH: ClassVar[list[str | PurePath]] = [styles_dir() / n for n in ("bookmarks.tcss", "feeds.tcss")]

    def __init__(self, screen: FeedsScreen | None = None) -> None:
        super().__init__()
        self.dismissed: list[object] = []
        self.notices: list[str] = []
        self.feeds_screen = screen or FeedsScreen()

    def on_mount(self) -> None:
        self.push_screen(self.feeds_screen, self.dismissed.append)

    def notify(self, message: str, **kwargs: Any) -> None:
        self.notices.append(message)
        super().notify(message, **kwargs)


async def settle(pilot: Pilot[Any]) -> None:
    for _ in range(5):
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


def rows(app: App[Any]) -> list[str]:
    listing = app.screen.query_one(FeedList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


def feeds_status(app: App[Any]) -> str:
    return str(app.screen.query_one("#feeds-status", Static).render())


def highlight(app: App[Any], text: str) -> None:
    app.screen.query_one(FeedList).highlighted = next(i for i, row in enumerate(rows(app)) if text in row)


async def test_r_refreshes_the_feed_under_the_cursor_only_and_says_its_new_count() -> None:
    with serve() as server:
        server.routes["/a.xml"] = Route(body=rss("Alpha", items("a", 2)))
        server.routes["/b.xml"] = Route(body=rss("Beta", items("b", 3)))
        Subscriptions().add_many(
            [Subscription(server.url("/a.xml"), "Alpha"), Subscription(server.url("/b.xml"), "Beta")]
        )
        app = FeedsApp()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            highlight(app, "Beta")
            await pilot.press("r")
            await settle(pilot)
            assert "Beta: 3 new articles" in app.notices
            listed = rows(app)
            assert any("Beta" in row and "3 unread · 3 articles" in row for row in listed)
            assert any("Alpha" in row and "0 articles" in row for row in listed)  # not fetched
            assert server.hits("/a.xml") == [] and len(server.hits("/b.xml")) == 1
            await pilot.press("r")
            await settle(pilot)
            assert app.notices[-1] == "Beta: nothing new"
            server.routes["/b.xml"] = Route(body=b"gone", status=404, content_type="text/plain")
            await pilot.press("r")
            await settle(pilot)
            assert app.notices[-1] == "Beta: failed: HTTP 404 Not Found"
            assert any("Beta" in row and "failed: HTTP 404 Not Found" in row for row in rows(app))


async def test_a_subscribes_to_the_url_typed_fetches_it_and_refuses_what_is_no_url() -> None:
    with serve() as server:
        server.routes["/new.xml"] = Route(body=rss("Newcomer", items("n", 2)))
        Subscriptions().add(Subscription("http://127.0.0.1:9/old.xml", "Old"))
        app = FeedsApp()
        async with app.run_test(size=(60, 20)) as pilot:
            await settle(pilot)
            await pilot.press("a")
            await settle(pilot)
            assert isinstance(app.screen, TextPrompt)
            await pilot.press(*"ftp://x", "enter")
            await settle(pilot)
            assert isinstance(app.screen, TextPrompt)  # stays open, saying why
            assert "not an http(s) URL" in str(app.screen.query_one("#prompt-error").render())
            app.screen.query_one(Input).value = server.url("/new.xml")
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, FeedsScreen)
            assert [s.url for s in Subscriptions().load()][1:] == [server.url("/new.xml")]
            assert "Newcomer: 2 new articles" in app.notices
            assert any("Newcomer" in row and "2 unread · 2 articles" in row for row in rows(app))
            assert isinstance(app.screen, FeedsScreen)
            assert app.screen.highlighted_url == server.url("/new.xml")  # the cursor on it
            await pilot.press("a")
            app.screen.query_one(Input).value = server.url("/new.xml")
            await pilot.press("enter")
            await settle(pilot)
            assert "Already subscribed" in str(app.screen.query_one("#prompt-error").render())
            await pilot.press("escape")
            await settle(pilot)
            assert len(Subscriptions().load()) == 2


async def test_d_asks_then_unsubscribes_and_the_articles_stay_in_the_library() -> None:
    with serve() as server:
        server.routes["/a.xml"] = Route(body=rss("Alpha", items("a", 2)))
        Subscriptions().add_many(
            [Subscription(server.url("/a.xml")), Subscription("http://127.0.0.1:9/b.xml", "Beta")]
        )
        Refresher(trust_env=False).run([server.url("/a.xml")])
    app = FeedsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        highlight(app, "Alpha")
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "2 articles stay in the library" in str(app.screen.query_one("#confirm-detail").render())
        await pilot.press("n")
        await settle(pilot)
        assert len(Subscriptions().load()) == 2
        await pilot.press("d", "y")
        await settle(pilot)
        assert [s.title for s in Subscriptions().load()] == ["Beta"]
        assert any("Unsubscribed from Alpha (its articles stay in the library)" in n for n in app.notices)
        assert server.url("/a.xml") not in FetchState().load()[0]
        assert len(Library.default().summaries()) == 2
        assert len(rows(app)) == 1 and "Beta" in rows(app)[0]


async def test_e_renames_as_feeds_add_title_and_empty_gives_back_the_feeds_own() -> None:
    with serve() as server:
        server.routes["/a.xml"] = Route(body=rss("Alpha Daily", items("a", 1)))
        Subscriptions().add(Subscription(server.url("/a.xml")))
        Refresher(trust_env=False).run()
    Subscriptions().rename(server.url("/a.xml"), "")  # untitled: the feed's own title shows
    app = FeedsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, TextPrompt)
        app.screen.query_one(Input).value = "Morning paper"
        await pilot.press("enter")
        await settle(pilot)
        assert [s.title for s in Subscriptions().load()] == ["Morning paper"]
        assert rows(app)[0].startswith("● Morning paper")
        await pilot.press("e")
        app.screen.query_one(Input).value = ""
        await pilot.press("enter")
        await settle(pilot)
        assert [s.title for s in Subscriptions().load()] == [""]
        assert "Alpha Daily" in rows(app)[0]


async def test_t_shows_one_folders_or_tags_feeds_and_rows_show_both() -> None:
    Subscriptions().add_many(
        [
            Subscription("http://127.0.0.1:9/a.xml", "Alpha", folder="News"),
            Subscription("http://127.0.0.1:9/b.xml", "Beta", tags=("tech", "daily")),
            Subscription("http://127.0.0.1:9/c.xml", "Gamma", folder="News", tags=("daily",)),
        ]
    )
    app = FeedsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert any(row.startswith("  Beta  #tech #daily") for row in rows(app))
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, FilterScreen)
        await pilot.press("j", "enter")  # All feeds, Folder News (2 feeds), Tag daily, Tag tech
        await settle(pilot)
        assert [row.split("\n")[0].split()[0] for row in rows(app)] == ["Alpha", "Gamma"]
        assert feeds_status(app).startswith("Folder News: 2 feeds")
        await pilot.press("t", "j", "enter")  # the picker opens on the filter shown
        await settle(pilot)
        assert [row.split("\n")[0].split()[0] for row in rows(app)] == ["Beta", "Gamma"]
        assert feeds_status(app).startswith("Tag daily: 2 feeds")
        await pilot.press("t", "escape")
        await settle(pilot)
        assert feeds_status(app).startswith("Tag daily")  # Esc: as it was
        await pilot.press("t", "home", "enter")  # All feeds, first
        await settle(pilot)
        assert len(rows(app)) == 3 and feeds_status(app).startswith("3 feeds")


async def test_saved_searches_are_listed_with_unread_counts_and_enter_chooses_one() -> None:
    with serve() as server:
        server.routes["/a.xml"] = Route(body=rss("Alpha", items("harbour", 3)))
        Subscriptions().add(Subscription(server.url("/a.xml"), "Alpha"))
        report = Refresher(trust_env=False).run()
    ReadState().mark(report.new_ids[:1], read=True)
    SavedSearches().add("Ports", 'title:"harbour"')
    app = FeedsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        listed = rows(app)
        assert listed[0] == "Saved searches" and listed[2] == "Feeds"
        assert listed[1].startswith("● Ports  saved search: title:") and "2 unread · 3 articles" in listed[1]
        assert app.screen.query_one(FeedList).highlighted == 1  # not on a heading
        await pilot.press("r")
        await settle(pilot)
        assert "R refreshes them all" in app.notices[-1]
        await pilot.press("enter")
        await settle(pilot)
        assert app.dismissed == [SavedChosen("Ports", 'title:"harbour"')]


async def test_a_stored_error_is_shown_in_words() -> None:
    url = "http://127.0.0.1:9/a.xml"
    Subscriptions().add(Subscription(url, "Alpha"))
    error = f"{url}: cannot connect ([SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006))"
    FetchState().save({url: FeedStatus(last_status="failed", last_error=error)}, {})
    app = FeedsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        row = rows(app)[0]
        assert "failed: TLS handshake failed" in row
        assert "_ssl.c" not in row and url not in row


async def test_enter_on_a_saved_search_shows_its_articles_in_the_reader_then_esc_goes_back(
    shared_analyzer: Any,
) -> None:
    from tui.store.config import Config
    from tui.ui.app import DatelineApp
    from tui.ui.screens.main import MainScreen
    from tui.ui.widgets.article_list import ArticleList

    with serve() as server:
        server.routes["/a.xml"] = Route(body=rss("Alpha", items("harbour", 3) + items("meadow", 2)))
        Subscriptions().add(Subscription(server.url("/a.xml"), "Alpha"))
        Refresher(trust_env=False).run()
    SavedSearches().add("Ports", "title:harbour")
    app = DatelineApp(Library.default(), analyzer=shared_analyzer, config=Config(refresh_minutes=0))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        everything = len(articles.summaries)
        await pilot.press("F")
        await settle(pilot)
        assert isinstance(app.screen, FeedsScreen)
        assert "3 unread · 3 articles" in rows(app)[1]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert sorted(s.title for s in articles.summaries) == [f"harbour {n}" for n in range(3)]
        status = str(app.query_one("#list-status", Static).render())
        assert status.startswith("Saved: Ports · 3 of 3 articles"), status
        assert articles.has_focus
        await pilot.press("escape")
        await settle(pilot)
        assert len(articles.summaries) == everything
        assert not str(app.query_one("#list-status", Static).render()).startswith("Saved")


async def test_a_saved_name_search_asks_for_the_names_once_and_is_counted_again_with_them(
    monkeypatch: Any,
) -> None:
    """Without the names index a `person:` term is searched as words: the screen asks the reader to
    open the names, once, and reads the counts again with their index."""
    from tui.names import muting

    SavedSearches().add("Kerry", 'person:"John Kerry"')
    SavedSearches().add("Ports", "harbour")
    used: list[object] = []
    real = muting.saved_searches_with_counts

    def recording(library: Any, **kwargs: Any) -> Any:
        used.append(kwargs.get("index"))
        return real(library, read_state=kwargs.get("read_state"))

    monkeypatch.setattr(muting, "saved_searches_with_counts", recording)
    asked: list[Any] = []
    index = object()

    app = FeedsApp(FeedsScreen(None, asked.append))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert len(asked) == 1 and used == [None]
        asked[0](index)
        await settle(pilot)
        assert used == [None, index] and len(asked) == 1
        assert any(row.startswith("  Kerry") for row in rows(app))


async def test_e_changes_a_saved_searchs_query_and_d_forgets_it_after_asking() -> None:
    with serve() as server:
        server.routes["/a.xml"] = Route(body=rss("Alpha", items("harbour", 3)))
        Subscriptions().add(Subscription(server.url("/a.xml"), "Alpha"))
        Refresher(trust_env=False).run()
    SavedSearches().add("Ports", "title:harbour")
    app = FeedsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "3 unread · 3 articles" in rows(app)[1]
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, TextPrompt)
        assert app.screen.query_one(Input).value == "title:harbour"
        app.screen.query_one(Input).value = "since:yesterday"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TextPrompt)  # not saved, and said why
        assert "Not saved" in str(app.screen.query_one("#prompt-error").render())
        app.screen.query_one(Input).value = 'title:"harbour 1"'
        await pilot.press("enter")
        await settle(pilot)
        assert [s.query for s in SavedSearches().load()] == ['title:"harbour 1"']
        assert "1 unread · 1 article" in rows(app)[1]
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert len(SavedSearches().load()) == 1
        await pilot.press("d", "y")
        await settle(pilot)
        assert SavedSearches().load() == []
        assert len(rows(app)) == 1 and "Alpha" in rows(app)[0]  # no headings left
        assert len(Library.default().summaries()) == 3
