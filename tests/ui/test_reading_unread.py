"""Reading like a newsboat user (issue 21), through Pilot with feeds served from 127.0.0.1: `l` hides
read articles (remembered, said), `J`/`K` open the next/previous unread across feeds, `v` lists the
feeds with their unread counts, a feed's view says its unread count, `A` marks every article the list
stands for and `u` undoes it, Esc from an article opened from a search goes back to the results, `M`
shows the muted articles, and a refresh applies the mute rules and says "N new in <saved search>"."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from tests.unit.feeds.feedserver import Route, long_text, rss, serve
from tui.feeds import Refresher, Subscription, Subscriptions
from tui.store.config import Config
from tui.store.library import Library
from tui.store.readstate import ReadState
from tui.store.rules import MuteRules, SavedSearches
from tui.ui.app import DatelineApp
from tui.ui.glyphs import UNICODE
from tui.ui.main import feeds_part
from tui.ui.screens.feed_picker import FeedPicker
from tui.ui.screens.main import MainScreen
from tui.ui.widgets.article_list import ArticleList


def items(prefix: str, numbers: range, word: str = "story") -> list[dict[str, str]]:
    return [
        {
            "title": f"{prefix.title()} {word} {n}",
            "link": f"http://127.0.0.1/{prefix}/{word}/{n}",
            "guid": f"http://127.0.0.1/{prefix}/{word}/{n}",
            "content": long_text(f"{prefix}{word}{n}", sentences=8),
        }
        for n in numbers
    ]


def stored_feeds(feeds: dict[str, list[dict[str, str]]]) -> dict[str, str]:
    """Serve the feeds, subscribe to them, refresh them once (not from the reader): title -> URL."""
    urls = {}
    with serve() as server:
        for title, entries in feeds.items():
            path = f"/{title.lower()}.xml"
            server.routes[path] = Route(body=rss(title, entries))
            urls[title] = server.url(path)
            Subscriptions().add(Subscription(urls[title]))
        Refresher(trust_env=False).run()
    return urls


def make_app(analyzer: Any) -> DatelineApp:
    return DatelineApp(Library.default(), analyzer=analyzer, config=Config(refresh_minutes=0))


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


def titles(app: DatelineApp) -> list[str]:
    """The feed articles listed, in order (the bundled samples are listed too, never unread)."""
    return [summary.title for summary in app.query_one(ArticleList).summaries if summary.feed]


def marked_unread(app: DatelineApp) -> set[str]:
    articles = app.query_one(ArticleList)
    return {
        summary.title
        for index, summary in enumerate(articles.summaries)
        if articles.row_prompt(index).plain.startswith(UNICODE.unread)
    }


def status(app: DatelineApp) -> str:
    return str(app.query_one("#list-status", Static).render())


def fresh_state() -> ReadState:
    state = ReadState()
    state.load()
    return state


def open_title(app: DatelineApp, title: str) -> None:
    articles = app.query_one(ArticleList)
    articles.focus()
    articles.select_id(next(s.id for s in articles.summaries if s.title == title))


# ----- l: unread only -------------------------------------------------------------------------------
async def test_l_hides_read_articles_says_so_and_is_remembered(
    shared_analyzer: Any, isolated_dirs: dict[str, Path]
) -> None:
    stored_feeds({"Alpha": items("alpha", range(3))})
    app = make_app(shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        open_title(app, "Alpha story 1")
        await pilot.press("enter")  # read
        await settle(pilot)
        assert "unread only" not in status(app)
        await pilot.press("l")
        await settle(pilot)
        assert sorted(titles(app)) == ["Alpha story 0", "Alpha story 2"]
        assert status(app).startswith("unread only · 2 articles")
        await pilot.press("enter")  # reading one: its row stays (until the list is read again)
        await settle(pilot)
        assert len(titles(app)) == 2 and len(marked_unread(app)) == 1
    saved = json.loads((isolated_dirs["state"] / "ui.json").read_text())
    assert saved["hide_read"] is True

    app2 = make_app(shared_analyzer)
    async with app2.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app2.main_screen.list_pane.hide_read
        assert len(titles(app2)) == 1 and status(app2).startswith("unread only · 1 article")
        await pilot.press("l")
        await settle(pilot)
        assert len(titles(app2)) == 3 and "unread only" not in status(app2)
    assert json.loads((isolated_dirs["state"] / "ui.json").read_text())["hide_read"] is False


async def test_rows_come_back_when_they_become_unread_while_read_ones_are_hidden(
    shared_analyzer: Any,
) -> None:
    stored_feeds({"Alpha": items("alpha", range(3))})
    app = make_app(shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("l", "A")
        await settle(pilot)
        assert marked_unread(app) == set()
        await pilot.press("l", "l")  # read again: nothing unread, nothing listed
        await settle(pilot)
        assert titles(app) == []
        await pilot.press("u")  # undo the A: the three come back
        await settle(pilot)
        assert sorted(titles(app)) == [f"Alpha story {n}" for n in range(3)]


# ----- J / K: next and previous unread across feeds -----------------------------------------------
async def test_J_and_K_open_the_next_and_previous_unread_across_feeds(shared_analyzer: Any) -> None:
    stored_feeds({"Alpha": items("alpha", range(2)), "Beta": items("beta", range(2))})
    app = make_app(shared_analyzer)
    notices = record_notices(app)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = app.main_screen
        order = titles(app)
        articles = app.query_one(ArticleList)
        rows = [summary.title for summary in articles.summaries]
        open_title(app, order[0])
        await pilot.press("enter")  # the first read
        await settle(pilot)
        opened = []
        for _ in range(3):
            await pilot.press("J")
            await settle(pilot)
            assert screen.article is not None
            opened.append(screen.article.title)
        assert opened == order[1:]  # each unread in turn, whichever feed
        assert marked_unread(app) == set()
        assert fresh_state().unread(s.id for s in articles.summaries) == set()
        await pilot.press("J")
        await settle(pilot)
        assert "No unread articles." in notices
        articles.highlighted = rows.index(order[3])
        await pilot.press("u")  # the last one unread again; K from the top goes round to it
        await settle(pilot)
        articles.highlighted = rows.index(order[0])
        await pilot.press("K")
        await settle(pilot)
        assert screen.article is not None and screen.article.title == order[3]
        assert "Round again from the bottom." in notices


async def test_J_past_a_feeds_last_unread_goes_on_in_all_articles(shared_analyzer: Any) -> None:
    urls = stored_feeds({"Alpha": items("alpha", range(2)), "Beta": items("beta", range(1))})
    app = make_app(shared_analyzer)
    notices = record_notices(app)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = app.main_screen
        screen.list_pane.enter_feed_view(urls["Alpha"], "Alpha")
        await settle(pilot)
        assert status(app).startswith("Alpha: 2 articles, 2 unread")
        await pilot.press("J", "J")
        await settle(pilot)
        assert status(app).startswith("Alpha: 2 articles, 0 unread")  # the feed's count follows
        await pilot.press("J")
        await settle(pilot)
        assert "No more unread in Alpha: on in all articles." in notices
        assert screen.list_pane.feed_view is None
        assert screen.article is not None and screen.article.title == "Beta story 0"


# ----- v: the feeds with their unread counts ------------------------------------------------------
async def test_v_lists_feeds_with_unread_counts_and_filters_the_list(shared_analyzer: Any) -> None:
    urls = stored_feeds({"Alpha": items("alpha", range(2)), "Beta": items("beta", range(3))})
    app = make_app(shared_analyzer)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        open_title(app, "Beta story 0")
        await pilot.press("enter")  # read: not yet written when the list is counted
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, FeedPicker)
        picker = app.screen.query_one(OptionList)
        listed = [str(picker.get_option_at_index(i).prompt) for i in range(picker.option_count)]
        assert listed[0].startswith("All feeds  4 unread")
        assert any("Alpha" in row and "2 unread · 2 articles" in row for row in listed)
        beta = next(i for i, row in enumerate(listed) if "Beta" in row)
        assert "2 unread · 3 articles" in listed[beta]
        picker.highlighted = beta
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert {s.feed for s in app.query_one(ArticleList).summaries} == {urls["Beta"]}
        assert status(app).startswith("Beta: 3 articles, 2 unread")
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("enter")  # the highlighted row is the feed shown; up to "All feeds"
        await settle(pilot)
        assert len(titles(app)) == 3
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("home", "enter")
        await settle(pilot)
        assert len(titles(app)) == 5 and app.main_screen.list_pane.feed_view is None
        await pilot.press("v", "escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and len(titles(app)) == 5


# ----- A: every article the list stands for, with an undo -----------------------------------------
async def test_A_marks_every_match_of_a_search_not_only_the_rows_shown_and_u_undoes_it(
    shared_analyzer: Any,
) -> None:
    stored_feeds({"Alpha": items("alpha", range(60), word="quokka"), "Beta": items("beta", range(3))})
    app = make_app(shared_analyzer)
    notices = record_notices(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        everything = {s.id: s for s in Library.default().summaries()}
        alpha = {i for i, s in everything.items() if s.title.startswith("Alpha")}
        await pilot.press("slash", *"quokka")
        await settle(pilot)
        assert len(titles(app)) == 50 and "50 of 60 matches" in status(app)
        app.query_one(ArticleList).focus()
        await pilot.press("A")
        await settle(pilot)
        assert "Marked 60 articles read. Press u within 8 s to undo." in notices
        assert fresh_state().unread(alpha) == set()
        assert len(fresh_state().unread(everything)) == 3  # Beta's do not match
        await pilot.press("u")
        await settle(pilot)
        assert fresh_state().unread(alpha) == alpha
        assert "Undone: 60 articles unread again." in notices
        await pilot.press("A")
        await settle(pilot)
        feeds = app.main_screen.feeds  # the read state's part
        assert feeds._marked_all is not None
        feeds._marked_all = (feeds._marked_all[0], feeds._marked_all[1] - feeds_part.UNDO_SECONDS)
        await pilot.press("u")  # too late to undo: u marks the highlighted article unread
        await settle(pilot)
        assert len(fresh_state().unread(alpha)) == 1


# ----- Esc from an article opened from a search ---------------------------------------------------
@pytest.mark.parametrize("size", [(120, 30), (60, 20)])
async def test_esc_from_an_article_opened_from_search_goes_back_to_the_results(
    shared_analyzer: Any, size: tuple[int, int]
) -> None:
    stored_feeds({"Alpha": items("alpha", range(30), word="quokka")})
    app = make_app(shared_analyzer)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.main_screen
        await pilot.press("slash", *"quokka")
        await settle(pilot)
        articles = app.query_one(ArticleList)
        articles.focus()
        articles.highlighted = 25
        chosen = articles.highlighted_id
        articles.scroll_home(animate=False, immediate=True)
        await pilot.press("enter")
        await settle(pilot)
        if not screen.has_class("-reading"):
            screen.query_one("#article-scroll").focus()  # Tab to the article
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert screen.list_pane.searching == "quokka"
        assert app.query_one("#search", Input).value == "quokka"
        assert articles.has_focus and articles.highlighted_id == chosen
        assert not screen.has_class("-reading")
        assert articles.scroll_offset.y > 0  # the row is in view, far down the results
        await pilot.press("escape")  # from the list: the search closes
        await settle(pilot)
        assert screen.list_pane.searching == ""


# ----- M: the muted articles ------------------------------------------------------------------------
async def test_M_shows_the_muted_articles_and_says_so(shared_analyzer: Any) -> None:
    from tui.names.muting import apply_mutes

    stored_feeds({"Alpha": items("alpha", range(2)), "Spam": items("spam", range(2), word="offer")})
    MuteRules().add("title:offer")
    library = Library.default()
    assert apply_mutes(library).muted == 2
    library.close()
    app = make_app(shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert sorted(titles(app)) == ["Alpha story 0", "Alpha story 1"]
        await pilot.press("M")
        await settle(pilot)
        assert len(titles(app)) == 4 and status(app).startswith("muted shown · ")
        await pilot.press("slash", *"offer")
        await settle(pilot)
        assert sorted(titles(app)) == ["Spam offer 0", "Spam offer 1"]
        await pilot.press("escape")
        await settle(pilot)
        app.query_one(ArticleList).focus()
        await pilot.press("M")
        await settle(pilot)
        assert len(titles(app)) == 2 and "muted" not in status(app)


# ----- after a refresh: mute rules and saved searches, without a language model -------------------
async def test_a_refresh_mutes_new_matches_and_says_what_saved_searches_gained_without_a_model(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DATELINE_MODEL", "none")
    from tui.analysis.model import Analyzer

    with serve() as server:
        server.routes["/news.xml"] = Route(body=rss("News", items("news", range(2))))
        Subscriptions().add(Subscription(server.url("/news.xml")))
        Refresher(trust_env=False).run()
        SavedSearches().add("Ports", "title:port")
        MuteRules().add("title:offer")
        app = make_app(Analyzer(tmp_path / "cache"))
        notices = record_notices(app)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            new = (
                items("news", range(2))
                + items("news", range(4), word="port")
                + items("news", range(1), word="offer")
            )
            server.routes["/news.xml"] = Route(body=rss("News", new))
            await pilot.press("r")
            await settle(pilot)
            await settle(pilot)
            assert "4 new in Ports" in notices
            assert not any("offer" in title for title in titles(app))  # muted as it came
            assert len(titles(app)) == 6
