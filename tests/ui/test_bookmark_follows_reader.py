"""Issue 21.1 in the reader: the star stays on an article its feed updated (stored again under a new
id) after `r`, even for an item known only by its GUID, whose bookmark only the refresh could
re-point (the reader's bookmarks are read again from the file)."""

from __future__ import annotations

from typing import Any

from tests.ui.test_reader_feeds import make_app, rows, settle
from tests.unit.feeds.feedserver import Route, long_text, rss, serve
from tui.feeds import Refresher, Subscription, Subscriptions
from tui.ui.widgets.article_list import ArticleList


def feed(title: str, text: str) -> bytes:
    items = [
        {"title": title, "guid": "urn:capital:1", "content": long_text(text)},
        {"title": "Ports reopen", "guid": "urn:capital:2", "content": long_text("ports")},
    ]
    return rss("Capital Wire", items)


async def test_the_star_follows_an_updated_item_known_by_its_guid(shared_analyzer: Any) -> None:
    with serve() as server:
        server.routes["/c.xml"] = Route(body=feed("Brenner to be sworn in", "oath"))
        Subscriptions().add(Subscription(server.url("/c.xml"), full_text="never"))
        Refresher(trust_env=False).run()
        app = make_app(shared_analyzer)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            articles = app.query_one(ArticleList)
            target = next(s for s in articles.summaries if s.title == "Brenner to be sworn in")
            app.bookmarks.add(target.id, target.title, target.source)
            server.routes["/c.xml"] = Route(body=feed("Brenner sworn in", "oath taken"))
            await pilot.press("r")
            await settle(pilot)
            shown = rows(app)
            assert "Brenner to be sworn in" not in shown
            assert "★" in shown["Brenner sworn in"] and "★" not in shown["Ports reopen"]
            moved = next(s for s in articles.summaries if s.title == "Brenner sworn in")
            assert moved.id != target.id and app.bookmarks.is_bookmarked(moved.id)
