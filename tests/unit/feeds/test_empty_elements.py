"""Feeds from the wild with one empty element (`<title/>`, `<pubDate/>`, Atom `<id/>` ...): the other
items are stored, the empty one kept when it has anything usable, and the feed never fails. Through
both readers (lxml and feedparser) and through a refresh from a server on 127.0.0.1."""

from __future__ import annotations

import re

import pytest

from tests.unit.feeds.feedserver import Route, long_text, serve
from tui.feeds import Limits, Refresher, Subscription, Subscriptions
from tui.ingest import feed as parse_module
from tui.ingest.feed import parse_feed_bytes

GOOD_RSS = (
    "<item><title>Good story</title><link>http://127.0.0.1/good</link><guid>http://127.0.0.1/good</guid>"
    "<pubDate>Wed, 01 May 2024 10:00:00 GMT</pubDate><description>{good}</description></item>"
)
SECOND_RSS = (
    "<item><title>Second story</title><link>http://127.0.0.1/second</link>"
    "<guid>http://127.0.0.1/second</guid><pubDate>Thu, 02 May 2024 10:00:00 GMT</pubDate>"
    "<description>{second}</description><content:encoded>{second}</content:encoded></item>"
)
RSS_ELEMENTS = ("title", "description", "pubDate", "guid", "link", "content:encoded")

GOOD_ATOM = (
    '<entry><title>Good story</title><id>tag:127.0.0.1,2024:good</id><link href="http://127.0.0.1/good"/>'
    "<updated>2024-05-01T10:00:00Z</updated><content>{good}</content></entry>"
)
SECOND_ATOM = (
    '<entry><title>Second story</title><id>tag:127.0.0.1,2024:second</id><link href="http://127.0.0.1/second"/>'
    "<published>2024-05-02T10:00:00Z</published><updated>2024-05-02T11:00:00Z</updated>"
    "<summary>{second}</summary><content>{second}</content></entry>"
)
ATOM_ELEMENTS = ("title", "id", "published", "updated", "content", "summary")

GOOD = "The good item's own words about the harbour and the council budget."
SECOND = "The second item's words about the school board and the new library."


def rss_document(emptied: str | None) -> bytes:
    second = SECOND_RSS.format(second=SECOND)
    if emptied is not None:
        second = re.sub(f"<{emptied}>.*?</{emptied}>", f"<{emptied}/>", second)
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<channel><title>Wild</title><link>http://127.0.0.1/</link>"
        + GOOD_RSS.format(good=GOOD)
        + second
        + "</channel></rss>"
    ).encode()


def atom_document(emptied: str | None) -> bytes:
    second = SECOND_ATOM.format(second=SECOND)
    if emptied is not None:
        second = re.sub(f"<{emptied}>.*?</{emptied}>", f"<{emptied}/>", second)
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wild</title>'
        + GOOD_ATOM.format(good=GOOD)
        + second
        + "</feed>"
    ).encode()


@pytest.fixture(params=["lxml", "feedparser"])
def reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test runs through the fast lxml reader and through feedparser."""
    if request.param == "feedparser":
        monkeypatch.setattr(parse_module, "_fast_parse", lambda data, url: None)
    return str(request.param)


@pytest.mark.parametrize("emptied", RSS_ELEMENTS)
def test_an_empty_rss_element_fails_nothing(reader: str, emptied: str) -> None:
    data = rss_document(emptied)
    if reader == "lxml":
        assert parse_module._fast_parse(data, "http://127.0.0.1/feed.xml") is not None
    feed = parse_feed_bytes(data, "http://127.0.0.1/feed.xml")
    good, second = feed.items
    assert (good.title, good.link, GOOD in good.html) == ("Good story", "http://127.0.0.1/good", True)
    assert second.title == ("" if emptied == "title" else "Second story")
    if emptied != "link" or reader == "lxml":  # lxml takes a permalink GUID for an empty <link/>
        assert second.link == "http://127.0.0.1/second"
    if emptied == "guid":
        assert second.guid is None
    assert second.published == (None if emptied == "pubDate" else "2024-05-02T10:00:00+00:00")
    assert SECOND in second.html


@pytest.mark.parametrize("emptied", ATOM_ELEMENTS)
def test_an_empty_atom_element_fails_nothing(reader: str, emptied: str) -> None:
    data = atom_document(emptied)
    if reader == "lxml":
        assert parse_module._fast_parse(data, "http://127.0.0.1/feed.xml") is not None
    feed = parse_feed_bytes(data, "http://127.0.0.1/feed.xml")
    good, second = feed.items
    assert (good.title, good.link, GOOD in good.html) == ("Good story", "http://127.0.0.1/good", True)
    assert second.title == ("" if emptied == "title" else "Second story")
    assert second.guid == (None if emptied == "id" else "tag:127.0.0.1,2024:second")
    assert second.link == "http://127.0.0.1/second"
    assert SECOND in second.html
    if emptied == "published":
        assert second.published == "2024-05-02T11:00:00+00:00"  # the updated date stands in


def test_an_item_with_nothing_but_empty_elements_is_skipped(reader: str) -> None:
    data = rss_document(None).replace(
        b"</channel>", b"<item><title/><link/><guid/><description/><pubDate/></item></channel>"
    )
    feed = parse_feed_bytes(data, "http://127.0.0.1/feed.xml")
    assert [item.title for item in feed.items] == ["Good story", "Second story"]
    data = atom_document(None).replace(
        b"</feed>", b"<entry><title/><id/><published/><updated/><content/><summary/></entry></feed>"
    )
    feed = parse_feed_bytes(data, "http://127.0.0.1/feed.xml")
    assert [item.title for item in feed.items] == ["Good story", "Second story"]


def test_the_fast_reader_hands_an_unforeseen_shape_to_feedparser(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise TypeError("a shape nobody foresaw")

    monkeypatch.setattr(parse_module, "_rss_item", broken)
    feed = parse_feed_bytes(rss_document(None), "http://127.0.0.1/feed.xml")
    assert [item.title for item in feed.items] == ["Good story", "Second story"]


def test_a_refresh_stores_the_items_of_feeds_with_empty_elements(reader: str) -> None:
    routes = {}
    for emptied in RSS_ELEMENTS:
        # Each feed its own items and words (the same text in two feeds is one article).
        name = emptied.replace(":", "-")
        data = rss_document(emptied).replace(b"127.0.0.1/", f"127.0.0.1/{name}/".encode())
        data = data.replace(GOOD.encode(), long_text(f"{name} good").encode())
        routes[f"/rss-{name}.xml"] = Route(
            body=data.replace(SECOND.encode(), long_text(f"{name} second").encode())
        )
    for emptied in ATOM_ELEMENTS:
        data = atom_document(emptied).replace(b"127.0.0.1/", f"127.0.0.1/atom-{emptied}/".encode())
        data = data.replace(b"2024:", f"2024:{emptied}-".encode())
        data = data.replace(GOOD.encode(), long_text(f"atom {emptied} good").encode())
        data = data.replace(SECOND.encode(), long_text(f"atom {emptied} second").encode())
        routes[f"/atom-{emptied}.xml"] = Route(body=data, content_type="application/atom+xml")
    with serve(routes) as server:
        Subscriptions().add_many(Subscription(url=server.url(path), full_text="never") for path in routes)
        report = Refresher(limits=Limits(timeout=2.0), trust_env=False).run()
    outcome = {r.url.rsplit("/", 1)[1]: (r.status, r.new, r.error) for r in report.results}
    assert outcome == {path[1:]: ("ok", 2, None) for path in routes}
    assert report.ok


@pytest.mark.parametrize(
    "empty",
    [
        '<guid isPermaLink="true"/>',
        '<guid isPermaLink="false"/>',
        "<dc:date/>",
        "<dc:creator/>",
        "<category/>",
        "<author/>",
        "<comments/>",
        "<enclosure/>",
        "<title> </title>",
        "<description><![CDATA[]]></description>",
    ],
)
def test_other_empty_rss_elements(reader: str, empty: str) -> None:
    data = rss_document(None).replace(
        b"</channel>",
        f"<item><title>Third</title>{empty}<link>http://127.0.0.1/3</link></item></channel>".encode(),
    )
    data = data.replace(b"<rss ", b'<rss xmlns:dc="http://purl.org/dc/elements/1.1/" ')
    feed = parse_feed_bytes(data, "http://127.0.0.1/feed.xml")
    assert [item.title for item in feed.items] == ["Good story", "Second story", "Third"]
