"""Deciding when a feed item is only a teaser, and getting the article from its page instead."""

from __future__ import annotations

import re

from tui.core.article import Article
from tui.feeds.http import PAGE_ACCEPT, Fetcher, FetchError
from tui.ingest import pipeline

SHORT_WORDS = 80  # an item this short is a summary, whatever it ends with
SUMMARY_WORDS = 150  # a description (not content:encoded) this short is probably a summary too
_CUT_OFF = re.compile(
    r"(?:\u2026|\.\.\.|\[\s*(?:\u2026|\.\.\.)\s*\]|\(\s*more\s*(?:\u2026|\.\.\.)?\s*\)"
    r"|read\s+more|continue\s+reading|read\s+the\s+(?:full|rest)[^.]{0,40}|more\s*\u00bb|\u00bb)"
    r"[\s\W]*$",
    re.IGNORECASE,
)
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")


def looks_truncated(text: str, *, from_summary: bool, collapsed: bool = False) -> bool:
    """Whether the item's text reads as a teaser: cut off ("…", "Read more", "[...]"), very short,
    or a short description where the feed had no full content. `collapsed`: `text` is words one
    space apart already (as `plain_text` gives it)."""
    if collapsed:
        plain, words = text, text.count(" ") + 1 if text else 0
    else:
        plain = " ".join(text.split())
        words = len(plain.split())
    if words < SHORT_WORDS or _CUT_OFF.search(plain[-60:]) is not None:
        return True
    return from_summary and words < SUMMARY_WORDS


def fetch_page(fetcher: Fetcher, link: str) -> Article:
    """The article on the page at `link`, extracted with the ingest pipeline's HTML path.
    Raises FetchError or `pipeline.IngestError` with a one-line reason."""
    response = fetcher.get(link, accept=PAGE_ACCEPT)
    if response.content_type not in _TEXT_TYPES and not response.content_type.startswith("text/"):
        raise FetchError(f"the page is not HTML ({response.content_type})")
    kind = pipeline.binary_kind(response.body)
    if kind is not None:
        raise FetchError(f"the page is not HTML ({kind})")
    text, _notices = pipeline.decode_page(response.body, response.charset)
    if response.content_type == "text/plain":
        return pipeline.parse_text(text, link)
    return pipeline.parse_html(text, link, url=response.url)
