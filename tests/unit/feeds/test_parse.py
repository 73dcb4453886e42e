"""Feed formats, malformed and hostile documents, and the keys items are recognised by."""

from __future__ import annotations

import pytest

from tui.feeds.fulltext import looks_truncated
from tui.feeds.items import item_keys
from tui.feeds.urls import canonical_link, host_of, is_http_url
from tui.ingest.feed import FeedError, FeedItem, check_safe, parse_feed_bytes

RSS_091 = b"""<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
 "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old &amp; Gold</title><link>http://127.0.0.1/</link>
<item><title>First</title><link>http://127.0.0.1/1</link>
<description>One &lt;b&gt;bold&lt;/b&gt;</description></item>
</channel></rss>"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://127.0.0.1/"><title>RDF feed</title><link>http://127.0.0.1/</link></channel>
<item rdf:about="http://127.0.0.1/r1"><title>R one</title><link>http://127.0.0.1/r1</link>
<description>Text one</description><dc:date>2024-05-02T08:00:00Z</dc:date></item>
</rdf:RDF>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom feed</title>
<entry><id>tag:example.org,2024:1</id><title type="html">A &lt;i&gt;title&lt;/i&gt;</title>
<link rel="alternate" href="/posts/1"/><updated>2024-05-03T09:30:00+02:00</updated>
<summary>Short</summary>
<content type="html">&lt;p&gt;Full body&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</content>
</entry></feed>"""


def test_rss_091_with_its_public_dtd() -> None:
    feed = parse_feed_bytes(RSS_091, "http://127.0.0.1/feed")
    assert (feed.version, feed.title) == ("rss091n", "Old & Gold")
    assert feed.items[0].link == "http://127.0.0.1/1" and "bold" in feed.items[0].html


def test_rss_10_rdf() -> None:
    feed = parse_feed_bytes(RDF, "http://127.0.0.1/feed")
    assert feed.version == "rss10" and feed.notice is None
    assert (feed.items[0].guid, feed.items[0].published) == (
        "http://127.0.0.1/r1",
        "2024-05-02T08:00:00+00:00",
    )


def test_atom_relative_links_sanitised_html_and_dates() -> None:
    feed = parse_feed_bytes(ATOM, "http://127.0.0.1/blog/atom.xml")
    item = feed.items[0]
    assert item.link == "http://127.0.0.1/posts/1"
    assert item.title == "A title" and "script" not in item.html and not item.from_summary
    assert item.updated == "2024-05-03T07:30:00+00:00"


def test_a_malformed_feed_from_the_wild_is_salvaged() -> None:
    data = (
        b"<rss version='2.0'><channel><title>Tom & Jerry</title><item><title>Cats & dogs</title>"
        b"<link>http://127.0.0.1/c</link><description>Fine</description></item></channel></rss>"
    )
    feed = parse_feed_bytes(data, "http://127.0.0.1/f")
    assert [i.title for i in feed.items] == ["Cats & dogs"]
    assert feed.notice is not None and feed.notice.startswith("salvaged a malformed feed")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty response"),
        (b"\x89PNG\r\n\x1a\n rest", "not a feed (PNG image)"),
        (b'{"json": true}', "not a feed (not XML)"),
        (b"<?xml version='1.0'?><rss><channel><item><title>cut", "malformed XML"),
        (
            b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><title>&x;</title></channel></rss>',
            "refused: the DTD declares external or parameter entities",
        ),
        (
            b'<!DOCTYPE r [<!ENTITY % p "x">]><rss/>',
            "refused: the DTD declares external or parameter entities",
        ),
        (
            b'<!DOCTYPE r [<!ENTITY a "1"><!ENTITY b "&a;&a;">]><rss/>',
            "refused: entities that expand other entities (an entity bomb)",
        ),
    ],
)
def test_refused_documents(data: bytes, reason: str) -> None:
    with pytest.raises(FeedError) as raised:
        parse_feed_bytes(data, "http://127.0.0.1/f")
    assert str(raised.value).startswith(reason)


def test_many_entities_are_refused_but_a_plain_entity_is_fine() -> None:
    many = b"<!DOCTYPE r [" + b"".join(b'<!ENTITY e%d "v">' % n for n in range(100)) + b"]><rss/>"
    with pytest.raises(FeedError, match="declares 100 entities"):
        check_safe(many)
    check_safe(b'<!DOCTYPE r [<!ENTITY nbsp "&#160;">]><rss/>')


def test_an_article_quoting_entity_declarations_is_not_refused() -> None:
    data = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>XML tips</title><item>'
        b"<title>Billion laughs explained</title><link>http://127.0.0.1/x</link><description><![CDATA["
        b'<p>A bomb starts with <code>&lt;!ENTITY lol "lol"&gt;</code> and <!ENTITY lol2 "&lol;&lol;"></p>'
        b"]]></description></item></channel></rss>"
    )
    assert parse_feed_bytes(data, "http://127.0.0.1/f").items[0].title == "Billion laughs explained"


def test_canonical_links() -> None:
    assert (
        canonical_link("HTTP://Example.COM:80/a?utm_source=x&b=1&utm_medium=y#frag")
        == "http://example.com/a?b=1"
    )
    assert canonical_link("https://example.com") == "https://example.com/"
    assert canonical_link("https://e.com/p?fbclid=1&q=a+b") == "https://e.com/p?q=a+b"
    assert canonical_link("not a url") == "not a url"
    assert is_http_url("https://e.com/x") and not is_http_url("file:///etc/passwd")
    assert not is_http_url("javascript:alert(1)") and host_of("http://E.com:8080/x") == "e.com:8080"
    assert not is_http_url("http://e.com/\x1b[31mred") and not is_http_url("http://e.com/a b")


def test_item_keys_scope_short_guids_to_their_feed() -> None:
    item = FeedItem("1", "http://e.com/a?utm_source=z", "T", "<p>x</p>", False, None, None)
    keys = item_keys(item, "http://e.com/feed", "x")
    assert keys[0] == "guid:http://e.com/feed#1" and keys[1] == "link:http://e.com/a"
    assert keys[2].startswith("text:")
    global_guid = FeedItem("urn:uuid:42", None, "T", "", True, None, None)
    assert item_keys(global_guid, "http://e.com/feed", "")[0] == "guid:urn:uuid:42"


@pytest.mark.parametrize(
    ("text", "from_summary", "truncated"),
    [
        ("word " * 300 + "Read more", False, True),
        ("word " * 300 + "[…]", False, True),
        ("word " * 300 + "and so on…", False, True),
        ("word " * 300 + "Continue reading »", False, True),
        ("A short item.", False, True),
        ("word " * 120 + "end.", True, True),
        ("word " * 120 + "end.", False, False),
        ("word " * 300 + "end.", True, False),
    ],
)
def test_looks_truncated(text: str, from_summary: bool, truncated: bool) -> None:
    assert looks_truncated(text, from_summary=from_summary) is truncated
