"""An article's links kept at ingest (issue 21, links): from a page's content root, from a feed item
(its HTML, its own link, its enclosures), stored in the article JSON and read back; old files
without "links" still read."""

from __future__ import annotations

import json

from tests.unit.feeds.feedserver import Route, long_text, page, rss, serve
from tui.core.article import Link
from tui.feeds import Limits, Refresher, Subscription, Subscriptions
from tui.ingest import pipeline
from tui.ingest.feed import parse_feed_text
from tui.ingest.links import links_from_json
from tui.store import paths
from tui.store.imports import stored_json
from tui.store.library import Library

PARA = "Words enough to make this a paragraph of an article body, as the extractor wants it. " * 3

PAGE = f"""<html><head><title>Story</title></head><body>
<nav><a href="/home">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>Big news</h1>
<p>{PARA} See <a href="/other.html">the other story</a>, <a href="mailto:desk@example.com">mail us</a>,
<a href="#top">top</a>, <a href="javascript:alert(1)">js</a>, <a href="page.html#s2">this page</a>.</p>
<p>{PARA} A <a href="https://b.example.org/x">source</a> and again <a href="https://b.example.org/x">it</a>,
<a href="https://c.example.org/p"><img src="p.png" alt="a chart"></a>.</p>
</article>
<footer><a href="/about">About us</a></footer></body></html>"""


def test_a_pages_links_are_its_bodys_anchors_resolved_filtered_and_once() -> None:
    article = pipeline.parse_html(
        PAGE, "https://news.example.com/a/page.html", url="https://news.example.com/a/page.html"
    )
    assert article.links == (
        Link("https://news.example.com/other.html", "the other story"),
        Link("https://b.example.org/x", "source"),
        Link("https://c.example.org/p", "a chart"),
    )


def test_links_are_stored_in_the_json_and_read_back_and_old_files_still_read() -> None:
    article = pipeline.parse_html(PAGE, "s", url="https://news.example.com/a/page.html")
    record = stored_json(article)
    assert record["links"] == [
        {"url": "https://news.example.com/other.html", "text": "the other story"},
        {"url": "https://b.example.org/x", "text": "source"},
        {"url": "https://c.example.org/p", "text": "a chart"},
    ]
    (again,) = pipeline.parse_json(json.dumps(record), "x.json")
    assert again.links == article.links and again.id == article.id
    old = {k: v for k, v in record.items() if k != "links"}
    (older,) = pipeline.parse_json(json.dumps(old), "x.json")
    assert older.links == () and older.id == article.id
    assert "links" not in stored_json(older)  # no empty field written for an article without links


def test_odd_stored_links_are_skipped_not_raised() -> None:
    value = [
        {"url": "https://ok.example/1", "text": "one"},
        "https://ok.example/2",
        {"url": "javascript:alert(1)", "text": "bad"},
        {"url": 7},
        {"text": "no url"},
        None,
        {"url": "https://ok.example/1", "text": "again"},
        {"url": "https://ok.example/3", "text": ["not", "text"]},
    ]
    assert links_from_json(value) == (
        Link("https://ok.example/1", "one"),
        Link("https://ok.example/2", ""),
        Link("https://ok.example/3", ""),
    )
    assert links_from_json("https://x.example") == () and links_from_json(None) == ()


ITEM_FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Pod</title><link>https://pod.example/</link>
<item><title>Episode 1</title><link>https://pod.example/ep1</link>
<description><![CDATA[<p>Show notes with <a href="/guests/ada">our guest</a>
and <a href="mailto:a@b">mail</a>.</p>]]></description>
<enclosure url="https://cdn.pod.example/ep1.mp3" length="1" type="audio/mpeg"/>
</item></channel></rss>"""

ATOM_FEED = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<id>urn:a</id><updated>2024-05-01T10:00:00Z</updated>
<entry><title>E</title><id>urn:e</id><updated>2024-05-01T10:00:00Z</updated>
<link rel="alternate" href="https://a.example/e"/><link rel="enclosure" href="https://a.example/e.ogg"/>
<content type="html">&lt;p&gt;Text&lt;/p&gt;</content></entry></feed>"""


def test_a_feed_items_links_are_its_htmls_then_its_link_and_enclosures() -> None:
    (article,) = pipeline.parse_feed(
        ITEM_FEED, "https://pod.example/feed.xml", url="https://pod.example/feed.xml"
    )
    assert article.links == (
        Link("https://pod.example/guests/ada", "our guest"),
        Link("https://pod.example/ep1", ""),
        Link("https://cdn.pod.example/ep1.mp3", "enclosure"),
    )
    (entry,) = parse_feed_text(ATOM_FEED, "https://a.example/feed").items
    assert entry.enclosures == ("https://a.example/e.ogg",)


def test_a_refresh_keeps_the_items_and_the_fetched_pages_links() -> None:
    teaser = '<p>The council met. <a href="https://teaser.example/t">teaser link</a> Read more</p>'
    body = long_text("budget") + '<p>See <a href="/docs/budget.pdf">the budget</a>.</p>'
    with serve() as server:
        server.routes["/a/budget"] = Route(body=page("Budget", body), content_type="text/html")
        items = [{"title": "Budget", "link": server.url("/a/budget"), "guid": "b-1", "description": teaser}]
        full = [{"title": "Full", "link": server.url("/a/full"), "guid": "f-1", "content": long_text("full")}]
        server.routes["/feed.xml"] = Route(body=rss("Teasers", items + full))
        Subscriptions().add(Subscription(url=server.url("/feed.xml")))
        Refresher(limits=Limits(timeout=2.0), trust_env=False).run()
        files = {p.stem: json.loads(p.read_text()) for p in paths.data_dir().glob("*.json")}
        by_title = {record["title"]: record for record in files.values()}
        assert by_title["Budget"]["links"] == [
            {"url": server.url("/docs/budget.pdf"), "text": "the budget"},  # the page's
            {"url": "https://teaser.example/t", "text": "teaser link"},  # the item's HTML's
            {"url": server.url("/a/budget"), "text": ""},  # the item's own link
        ]
        assert by_title["Full"]["links"] == [{"url": server.url("/a/full"), "text": ""}]
        article_id = next(k for k, v in files.items() if v["title"] == "Budget")
    article = Library.default().get(article_id)
    assert article is not None and article.links[0] == Link(server.url("/docs/budget.pdf"), "the budget")
