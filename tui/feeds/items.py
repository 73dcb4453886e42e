"""A feed's items made ready to store, from the feed alone: their keys (GUID, link, text), digest and
the article their own HTML makes.

Plain functions of their arguments, so that a big refresh runs `prepare_feed` in a worker process
(tui.feeds.workers) as well as in a thread (tui.feeds.refresh).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from html import unescape
from pathlib import Path

from tui.core.article import Article, Link
from tui.core.sanitize import clean_line
from tui.feeds.fulltext import looks_truncated
from tui.feeds.parse import FeedItem, ParsedFeed, parse_feed_bytes
from tui.feeds.urls import canonical_link, is_http_url
from tui.ingest import pipeline
from tui.ingest.feed import feed_item_links
from tui.ingest.html import html_fragment_paragraphs
from tui.ingest.links import links_from_json as links_from_json  # for tui.feeds.refresh
from tui.ingest.links import merge_links as merge_links  # for tui.feeds.refresh
from tui.store.atomic import write_temp
from tui.store.imports import stored_json


def item_keys(
    item: FeedItem, feed_url: str, text: str, links: list[str] | None = None, *, collapsed: bool = False
) -> list[str]:
    """The keys an item is recognised by, strongest first: GUID, canonical link, text.

    A GUID that is a URL, tag: or urn: is global; any other (often "1", "2", ...) counts only
    within its feed. `collapsed`: `text` is words one space apart already (`plain_text`)."""
    keys = link_keys(item, feed_url) if links is None else list(links)
    title = item.title
    if collapsed and " ".join(title.split()) == title:
        # The same words without splitting the whole text again (lower-casing makes no spaces).
        words = (f"{title} {text}" if title and text else title or text).lower()
    else:
        words = " ".join((title + " " + text).lower().split())
    if words:
        keys.append("text:" + hashlib.sha256(words.encode("utf-8")).hexdigest()[:20])
    return keys


def link_keys(item: FeedItem, feed_url: str) -> list[str]:
    """The GUID and link keys of `item_keys` (cheap: no text needed)."""
    keys: list[str] = []
    if item.guid:
        guid = item.guid.strip()
        scoped = "://" in guid or guid.lower().startswith(("tag:", "urn:"))
        keys.append("guid:" + (guid if scoped else f"{feed_url}#{guid}"))
    if item.link and is_http_url(item.link):
        keys.append("link:" + canonical_link(item.link))
    return keys


_TAG = re.compile(r"<[^>]*>")


def plain_text(html: str) -> str:
    """The words of an item's HTML for keys and teaser detection: tags dropped, entities decoded,
    whitespace folded (a regex is enough here and ten times cheaper than parsing the HTML again)."""
    if not html.strip():
        return ""
    text = _TAG.sub(" ", html)
    return clean_line(unescape(text) if "&" in text else text)


def item_digest(item: FeedItem) -> str:
    """What the feed says about an item, so a repeat is told from an update."""
    payload = "\x00".join((item.title, item.html, item.link or ""))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True)
class Prepared:
    """An item with what storing it needs, worked out from the feed alone (in a worker process
    for big refreshes): its keys, digest, words and the article its own HTML makes."""

    item: FeedItem
    digest: str
    links: list[str]
    keys: list[str]
    link: str | None  # the canonical link, the article's source and URL
    truncated: bool  # the item's text reads as a teaser (`looks_truncated`)
    article: Article | None  # None when the item's HTML has no article text
    # The temp file a worker process wrote the new article's file to (`feed_payload`), for the
    # refresh to rename into place once the item is claimed, or remove: the JSON and the file's
    # creation (most of a big refresh's system time) are off the refreshing process.
    written: str | None = None
    # Issue 21: the item's links (its HTML's anchors, its own link, enclosures), for the article a
    # fetched page makes too (the item's HTML is dropped before the refresh sees it).
    item_links: tuple[Link, ...] = ()


def wants_page(full_text: str, link: str | None, article: Article | None, truncated: bool) -> bool:
    """Whether an item's linked page is to be fetched for its article (`full_text`: the
    subscription's "auto", "always" or "never")."""
    return link is not None and (
        full_text == "always" or (full_text == "auto" and (article is None or truncated))
    )


def feed_payload(article: Article, feed_url: str, guid: str | None, summary_only: bool) -> dict[str, object]:
    """The JSON an article from a feed is stored as (read back by the library like an import)."""
    payload: dict[str, object] = {**stored_json(article), "feed": feed_url, "guid": guid}
    if summary_only:
        payload["summary_only"] = True
    return payload


def prepare_item(item: FeedItem, feed_url: str, settled: Callable[[list[str], str], bool]) -> Prepared | None:
    """The item prepared for storing, or None when there is nothing to do: `settled(links,
    digest)` says it was seen before and has not changed, or it has no key at all."""
    digest = item_digest(item)
    links = link_keys(item, feed_url)
    if settled(links, digest):
        return None
    text = plain_text(item.html)
    keys = item_keys(item, feed_url, text, links, collapsed=True)
    if not keys:
        return None
    paragraphs = html_fragment_paragraphs(item.html) if item.html.strip() else []
    # The canonical link is `link_keys`'s "link:" key (worked out once: it parses the URL).
    link = next((key[5:] for key in links if key.startswith("link:")), None)
    own_links = feed_item_links(item, feed_url)
    article = None
    if paragraphs:
        try:
            article = pipeline.make_article(
                item.title,
                paragraphs,
                link or feed_url,
                published=item.published,
                url=link,
                links=own_links,
            )
        except pipeline.IngestError:
            article = None
        else:
            _ = article.words  # counted here (a worker process): the index needs it
    truncated = looks_truncated(text, from_summary=item.from_summary, collapsed=True)
    return Prepared(item, digest, links, keys, link, truncated, article, item_links=own_links)


def prepare_feed(
    body: bytes,
    url: str,
    content_type: str,
    feed_url: str,
    known: dict[str, str],
    full_text: str = "auto",
    write_to: str | None = None,
) -> tuple[ParsedFeed, list[Prepared]]:
    """Parse a feed document and prepare its items (`known`: this feed's GUID and link keys with
    the digest stored for each). A plain function of its arguments, so it runs in a worker
    process as well as in a thread; raises FeedError.

    `write_to`: the articles dir, where the file of each item that looks new (no known key) and
    needs no page (`wants_page`) is written to a temp file (`Prepared.written`); the caller
    renames each into place or removes it."""
    feed = parse_feed_bytes(body, url, content_type)

    def settled(links: list[str], digest: str) -> bool:
        return next((known[key] for key in links if key in known), None) == digest

    prepared = [p for p in (prepare_item(item, feed_url, settled) for item in feed.items) if p is not None]
    # The item's HTML has served (digest, keys, article): not sent back to the refreshing process.
    prepared = [replace(p, item=replace(p.item, html="")) for p in prepared]
    if write_to is not None:
        prepared = [_written(p, feed_url, known, full_text, write_to) for p in prepared]
    return ParsedFeed(feed.title, feed.link, feed.version, [], feed.notice), prepared


def _written(
    prepared: Prepared, feed_url: str, known: dict[str, str], full_text: str, folder: str
) -> Prepared:
    """`prepared` with its article file written to a temp file when it looks new and needs no page
    (else, or when it cannot be written, as it was: the refresh writes it)."""
    article = prepared.article
    if (
        article is None
        or any(key in known for key in prepared.links)  # an update: compared with what is stored
        or wants_page(full_text, prepared.link, article, prepared.truncated)
    ):
        return prepared
    payload = feed_payload(article, feed_url, prepared.item.guid, False)
    with contextlib.suppress(OSError):
        data = json.dumps(payload, ensure_ascii=False) + "\n"
        return replace(prepared, written=write_temp(Path(os.path.join(folder, f"{article.id}.json")), data))
    return prepared
