"""The feeds' side of the one HTTP client: a refresh goes on past an ETag that cannot be sent back
(issue 19 item 4), and a page fetched for full text is decoded with the charset its response
declares (issue 20 item 1). Servers on 127.0.0.1 only."""

from __future__ import annotations

import pytest

from tests.unit.feeds.feedserver import Route, long_text, page, rss, serve
from tui.feeds import Limits, Refresher, Subscription, Subscriptions
from tui.feeds.fulltext import fetch_page
from tui.feeds.http import Fetcher
from tui.feeds.store import FeedStatus, FetchState


def refresher() -> Refresher:
    return Refresher(limits=Limits(timeout=2.0), trust_env=False)


def items(prefix: str) -> list[dict[str, str]]:
    return [
        {
            "title": f"{prefix} story {n}",
            "link": f"http://127.0.0.1/{prefix}/{n}",
            "guid": f"http://127.0.0.1/{prefix}/{n}",
            "content": long_text(f"{prefix} {n}"),
        }
        for n in range(2)
    ]


def test_an_unsendable_etag_is_not_kept_and_the_next_refresh_works() -> None:
    routes = {"/cafe.xml": Route(body=rss("Cafe", items("cafe")), etag='"caf\xe9"')}
    with serve(routes) as server:
        Subscriptions().add_many([Subscription(url=server.url("/cafe.xml"))])
        first = refresher().run()
        second = refresher().run()
        assert [(r.status, r.new) for r in first.results] == [("ok", 2)]
        assert [(r.status, r.error) for r in second.results] == [("ok", None)]
        assert "if-none-match" not in server.hits("/cafe.xml")[-1].headers
    feeds, _ = FetchState().load()
    assert feeds[server.url("/cafe.xml")].etag is None


def test_an_unsendable_etag_stored_before_is_dropped_not_fatal() -> None:
    routes = {"/old.xml": Route(body=rss("Old", items("old")), etag='"v2"')}
    with serve(routes) as server:
        url = server.url("/old.xml")
        Subscriptions().add_many([Subscription(url=url)])
        FetchState().save({url: FeedStatus(etag='"caf\xe9"', last_modified="Mon,\x01 bad")}, {})
        report = refresher().run()
        assert [(r.status, r.new) for r in report.results] == [("ok", 2)]
        seen = server.hits("/old.xml")[-1].headers
        assert "if-none-match" not in seen and "if-modified-since" not in seen
    feeds, _ = FetchState().load()
    assert feeds[url].etag == '"v2"'  # the good one replaces it


@pytest.mark.parametrize("charset", ["windows-1251", "shift_jis"])
def test_full_text_pages_are_decoded_with_the_declared_charset(charset: str) -> None:
    title = "Паромы в гавани" if charset == "windows-1251" else "港のフェリー運賃"
    words = (
        "Городской совет решил сохранить тарифы"
        if charset == "windows-1251"
        else "市議会は運賃を据え置くことを決めた"
    )
    html = page(title, "".join(f"<p>{words}, {n}. {long_text('ferry')}</p>" for n in range(3)))
    body = html.decode("utf-8").encode(charset)
    routes = {"/story": Route(body=body, content_type=f"text/html; charset={charset}")}
    with serve(routes) as server, Fetcher(Limits(timeout=2.0), trust_env=False) as fetcher:
        article = fetch_page(fetcher, server.url("/story"))
    assert article.title == title
    assert words in article.body
