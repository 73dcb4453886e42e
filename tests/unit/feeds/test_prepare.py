"""Preparing a feed item takes shortcuts (a fragment without chrome is not measured, the item's
words are not split again for its keys and the teaser check): the articles, keys and teaser
decisions must be those of the plain path."""

from __future__ import annotations

import pytest

from tui.feeds.fulltext import looks_truncated
from tui.feeds.items import item_keys, plain_text, prepare_item
from tui.feeds.parse import FeedItem, sanitize_html
from tui.ingest import pipeline
from tui.ingest.html import html_fragment_paragraphs

FEED_URL = "http://127.0.0.1/feed.xml"
PROSE = "The council met on Tuesday and agreed to extend the harbour wall by forty metres."

ITEM_HTML = {
    "paragraphs": f"<p>{PROSE}</p><p>A second paragraph follows it here.</p>",
    "entities": f"<p>Tom &amp; Jerry&nbsp;&mdash; &lt;b&gt; &#8220;quoted&#8221; {PROSE}</p>"
    "<p>&#169; 2024 The Paper</p>",
    "br": f"<p>{PROSE}<br>Line two<br/><br/>After a blank line.</p>",
    "lists": f"<p>{PROSE}</p><ul><li>First point made</li><li>Second <b>bold</b> point</li></ul>"
    "<ol><li>Third point made</li><li>Fourth point made</li></ol>",
    "blockquote": f"<blockquote><p>{PROSE}</p>— a speaker</blockquote><p>After the quote.</p>",
    "nested divs": f"<div><div><span>{PROSE}</span><div>Inner block</div>tail text</div></div>",
    "table": "<table><tr><th>Team</th><th>Points</th></tr><tr><td>Ajax</td><td>12</td></tr>"
    f"<tr><td></td><td>3</td></tr></table><p>{PROSE}</p>",
    "pipes": f"<p>| a |  | b |</p><p>{PROSE}</p>",
    "whitespace": f"<p>  {PROSE}\t\n  with\u00a0odd   spacing  </p><p>\u2028split\u2029 here</p>",
    "controls": f"<p>{PROSE}&#27;[31m red &#x9b; \x07bell</p><p>\u202eevil\u202c text</p>",
    "chrome by class": f'<div class="share-bar">Share this article</div><p>{PROSE}</p>'
    '<p class="newsletter">Sign up for our newsletter</p>',
    "chrome lines": f"<p>{PROSE}</p><p>Read more</p><p>© 2024 The Paper. All rights reserved.</p>",
    "active content": f'<p onclick="x()">{PROSE}</p><script>alert("x")</script><style>p{{}}</style>'
    "<!-- hidden --><iframe src='http://e.com'></iframe><form><input value='q'></form>",
    "figure": f"<figure><img src='a.png'><figcaption>Photo: Someone</figcaption></figure><p>{PROSE}</p>",
    "headings": f"<h2>A heading</h2><p>{PROSE}</p><h3>Another</h3><pre>code  kept</pre>",
    "plain text": f"{PROSE} No markup at all.",
    "inline only": f"<b>{PROSE}</b> <i>and more</i>",
    "duplicates": f"<p>{PROSE}</p><p>{PROSE}</p>",
}


def _item(html: str) -> FeedItem:
    return FeedItem(
        guid="http://127.0.0.1/a/1",
        link="http://127.0.0.1/a/1?utm_source=rss",
        title="A title",
        html=sanitize_html(html),  # as the parser gives it
        from_summary=False,
        published="2024-05-01T10:00:00+00:00",
        updated=None,
    )


@pytest.mark.parametrize("name", list(ITEM_HTML))
def test_prepared_article_is_the_plain_paths(name: str) -> None:
    item = _item(ITEM_HTML[name])
    prepared = prepare_item(item, FEED_URL, lambda links, digest: False)
    assert prepared is not None
    paragraphs = html_fragment_paragraphs(item.html)
    assert paragraphs, "every case has article text"
    expected = pipeline.make_article(
        item.title, paragraphs, "http://127.0.0.1/a/1", published=item.published, url="http://127.0.0.1/a/1"
    )
    assert prepared.article == expected
    assert prepared.article is not None and prepared.article.id == expected.id


def test_fragment_paragraphs() -> None:
    """What the item HTML becomes (the shortcuts must not change it)."""
    # One <br> breaks a line (joined like any whitespace), two end a paragraph.
    assert html_fragment_paragraphs(ITEM_HTML["br"]) == [f"{PROSE} Line two", "After a blank line."]
    assert html_fragment_paragraphs(ITEM_HTML["lists"]) == [
        PROSE,
        "First point made",
        "Second bold point",
        "Third point made",
        "Fourth point made",
    ]
    assert html_fragment_paragraphs(ITEM_HTML["chrome by class"]) == [PROSE]
    assert html_fragment_paragraphs(ITEM_HTML["chrome lines"]) == [PROSE]
    assert html_fragment_paragraphs(ITEM_HTML["nested divs"]) == [PROSE, "Inner block", "tail text"]
    assert html_fragment_paragraphs(ITEM_HTML["figure"]) == [PROSE]
    assert html_fragment_paragraphs(ITEM_HTML["duplicates"]) == [PROSE]
    active = html_fragment_paragraphs(sanitize_html(ITEM_HTML["active content"]))
    assert active == [PROSE]


@pytest.mark.parametrize("name", list(ITEM_HTML))
@pytest.mark.parametrize(
    "title", ["A title", "", "  Spaced\ttitle ", "\u0130stanbul STRASSE \u1e9e \u03a3\u039f\u03a3"]
)
def test_keys_and_teasers_from_collapsed_text_are_the_plain_ones(name: str, title: str) -> None:
    item = _item(ITEM_HTML[name])
    item = FeedItem(item.guid, item.link, title, item.html, item.from_summary, item.published, None)
    text = plain_text(item.html)
    assert item_keys(item, FEED_URL, text, collapsed=True) == item_keys(item, FEED_URL, text)
    for from_summary in (False, True):
        for words in (text, " ".join(text.split()[:100]), " ".join(text.split()[:3]) + " Read more"):
            assert looks_truncated(words, from_summary=from_summary, collapsed=True) == looks_truncated(
                words, from_summary=from_summary
            )
    assert looks_truncated("", from_summary=False, collapsed=True) is looks_truncated("", from_summary=False)
