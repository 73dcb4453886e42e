"""An article's links, kept at ingest (issue 21, links): the anchors of a page's content root or of a
feed item's HTML, and a feed item's own link and enclosures.

Only what a reader could open is kept: absolute http(s) URLs (relative ones resolved against the
page's URL), never `javascript:`, `mailto:` or a fragment of the page itself; each URL once, in
the order met, with the first words it was on. Read back from the stored JSON by
`links_from_json`, where anything odd in a hand-edited file is skipped, never raised.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterable
from typing import Any

from tui.core.article import Link
from tui.core.sanitize import clean_line

MAX_LINKS = 500  # a link farm (a sitemap page) does not fill the article's file
MAX_TEXT = 200  # characters of a link's words kept
_SPACE = re.compile(r"\s")  # what `str.isspace` says of one character (and a scan in C, not a loop)


def _absolute(href: str, base: str | None) -> str | None:
    """`href` made absolute against `base`, or None when it is not an http(s) link to open."""
    href = clean_line(href)
    if not href or href.startswith("#"):
        return None  # a fragment of this page
    try:
        url = urllib.parse.urljoin(base or "", href)
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None  # javascript:, mailto:, data:, or relative with no page URL to resolve it
    if _SPACE.search(url):
        return None
    if base and parts.fragment:  # (most links have none: two URL parses spared)
        try:
            if urllib.parse.urldefrag(url).url == urllib.parse.urldefrag(base).url:
                return None  # "page#section": this page again
        except ValueError:
            pass
    return url


def merge_links(*groups: Iterable[Link]) -> tuple[Link, ...]:
    """The links of all groups, each URL once (the first with words keeps them), at most MAX_LINKS."""
    found: dict[str, Link] = {}
    for group in groups:
        for link in group:
            known = found.get(link.url)
            if known is None:
                if len(found) < MAX_LINKS:
                    found[link.url] = link
            elif not known.text and link.text:
                found[link.url] = link
    return tuple(found.values())


def raw_anchors(element: Any) -> tuple[Link, ...]:
    """The `<a href>` elements of an lxml element (a page's content root) with their words, the
    hrefs as written: `resolve` makes them absolute once the page's URL is known."""
    links: list[Link] = []
    for anchor in element.iter("a"):
        href = clean_line(str(anchor.get("href") or ""))
        if not href or href.startswith("#"):
            continue
        words = " ".join(str(anchor.text_content()).split())
        if not words:
            words = " ".join(str(anchor.get("title") or "").split())
        if not words:
            image = next(anchor.iter("img"), None)
            words = " ".join(str(image.get("alt") or "").split()) if image is not None else ""
        links.append(Link(href, clean_line(words)[:MAX_TEXT]))
        if len(links) >= 4 * MAX_LINKS:
            break
    return tuple(links)


def resolve(links: Iterable[Link], base: str | None) -> tuple[Link, ...]:
    """`raw_anchors` resolved against `base` (the page's URL), the unopenable dropped, each once."""
    resolved = (Link(url, link.text) for link in links if (url := _absolute(link.url, base)) is not None)
    return merge_links(resolved)


def item_links(link: str | None, enclosures: Iterable[str], base: str | None) -> tuple[Link, ...]:
    """A feed item's own link and its enclosures (podcast audio, images)."""
    links: list[Link] = []
    if link:
        url = _absolute(link, base)
        if url is not None:
            links.append(Link(url, ""))
    for enclosure in enclosures:
        url = _absolute(enclosure, base)
        if url is not None:
            links.append(Link(url, "enclosure"))
    return merge_links(links)


def links_from_json(value: object) -> tuple[Link, ...]:
    """The links of a stored article's "links" field (absent in files from before issue 21);
    an entry that is not {"url": http(s) URL, "text": str} (or a plain URL string) is skipped."""
    if not isinstance(value, list):
        return ()
    links: list[Link] = []
    for entry in value:
        if isinstance(entry, str):
            url, text = entry, ""
        elif isinstance(entry, dict) and isinstance(entry.get("url"), str):
            words = entry.get("text")
            url, text = entry["url"], words if isinstance(words, str) else ""
        else:
            continue
        absolute = _absolute(url, None)
        if absolute is not None:
            links.append(Link(absolute, clean_line(str(text))[:MAX_TEXT]))
    return merge_links(links)
