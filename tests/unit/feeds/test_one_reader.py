"""One feed reader below both its users (issue 20): `dateline import` of a feed, from a file or a
URL, makes the articles a refresh stores from the same document, and refuses what it refuses."""

from __future__ import annotations

import json

import pytest

from tests.unit.feeds.feedserver import Route, long_text, rss, serve
from tui.feeds import Limits, Refresher, Subscription, Subscriptions
from tui.ingest.feed import FeedError, parse_feed_bytes
from tui.ingest.pipeline import IngestError, fetch_url, load_bytes
from tui.store import paths

RSS = rss(
    "Both users",
    [
        {  # the full text in the description, a teaser in content:encoded; a date with an offset
            "title": "Harbour &amp;amp; bridge",
            "link": "/news/harbour",
            "guid": "harbour-1",
            "pubDate": "Wed, 01 May 2024 10:00:00 +0200",
            "content": "<p>The harbour, briefly.</p>",
            "description": long_text("harbour"),
        },
        {"title": "Permalink only", "guid": "http://127.0.0.1/news/permalink", "content": long_text("tram")},
    ],
)
ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title>
<entry><id>tag:example.org,2024:1</id><title type="html">A &lt;i&gt;title&lt;/i&gt;</title>
<link href="/posts/1"/><updated>2024-05-03T09:30:00+02:00</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">{long_text("museum")}</div></content>
</entry></feed>""".encode()


@pytest.mark.parametrize("data", [RSS, ATOM], ids=["rss", "atom-xhtml"])
def test_an_imported_feed_gives_the_articles_a_refresh_stores(data: bytes) -> None:
    with serve({"/feed.xml": Route(body=data)}) as server:
        Subscriptions().add_many([Subscription(url=server.url("/feed.xml"), full_text="never")])
        report = Refresher(limits=Limits(timeout=2.0), trust_env=False).run()
        assert report.ok and report.new_ids
        fetched = fetch_url(server.url("/feed.xml"), timeout=5)
    stored = [json.loads(p.read_text(encoding="utf-8")) for p in paths.data_dir().glob("*.json")]
    refreshed = sorted((s["title"], s["body"], s["published"], s["url"]) for s in stored)
    assert sorted((a.title, a.body, a.published, a.url) for a in fetched) == refreshed
    from_file = load_bytes(data, "feed.xml", ".xml")
    assert sorted((a.title, a.body, a.published) for a in from_file) == [r[:3] for r in refreshed]
    assert all(published is None or published.endswith("+00:00") for _, _, published, _ in refreshed)


BOMB = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n <!ENTITY lol2 "&lol;&lol;&lol;">\n]>\n'
    b"<rss version='2.0'><channel><title>&lol2;</title><item><title>&lol2;</title>"
    b"<description>Boom</description></item></channel></rss>"
)
XXE = (
    b'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel>'
    b"<title>x</title><item><title>Secrets</title><description>&xxe;</description></item></channel></rss>"
)


@pytest.mark.parametrize("data", [BOMB, XXE], ids=["entity-bomb", "external-entity"])
def test_an_import_refuses_a_feed_as_the_refresh_refuses_it(data: bytes) -> None:
    with pytest.raises(FeedError) as refused:
        parse_feed_bytes(data, "http://127.0.0.1/feed.xml")
    with pytest.raises(IngestError) as imported:
        load_bytes(data, "feed.rss", ".rss")
    assert str(imported.value) == str(refused.value)
    assert str(imported.value).startswith("refused:")
