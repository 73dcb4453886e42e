"""Following feeds: subscriptions, concurrent conditional refresh, full text of teasers, OPML.

No Textual here: the CLI and the reader's thread workers both drive `Refresher`. The names below
are imported on first use, so `dateline --help` does not pay for httpx and feedparser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.lazy import lazy_exports

if TYPE_CHECKING:
    from tui.feeds.http import Fetcher, FetchError, Limits
    from tui.feeds.opml import Imported, ImportFileError, read_import_file, to_opml
    from tui.feeds.overview import FeedOverview, feed_overviews, list_filters, summary_extras
    from tui.feeds.parse import FeedError, ParsedFeed, parse_feed_bytes
    from tui.feeds.refresh import FeedResult, Refresher, RefreshReport
    from tui.feeds.store import FULL_TEXT_MODES, FeedStatus, FetchState, Subscription, Subscriptions
    from tui.feeds.urls import canonical_link, clean_url, is_http_url

__all__ = [
    "FULL_TEXT_MODES",
    "FeedError",
    "FeedOverview",
    "FeedResult",
    "FeedStatus",
    "FetchError",
    "FetchState",
    "Fetcher",
    "ImportFileError",
    "Imported",
    "Limits",
    "ParsedFeed",
    "RefreshReport",
    "Refresher",
    "Subscription",
    "Subscriptions",
    "canonical_link",
    "clean_url",
    "feed_overviews",
    "is_http_url",
    "list_filters",
    "parse_feed_bytes",
    "read_import_file",
    "summary_extras",
    "to_opml",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "FULL_TEXT_MODES": "store",
        "FeedError": "parse",
        "FeedOverview": "overview",
        "FeedResult": "refresh",
        "FeedStatus": "store",
        "FetchError": "http",
        "FetchState": "store",
        "Fetcher": "http",
        "ImportFileError": "opml",
        "Imported": "opml",
        "Limits": "http",
        "ParsedFeed": "parse",
        "RefreshReport": "refresh",
        "Refresher": "refresh",
        "Subscription": "store",
        "Subscriptions": "store",
        "canonical_link": "urls",
        "clean_url": "urls",
        "feed_overviews": "overview",
        "is_http_url": "urls",
        "list_filters": "overview",
        "parse_feed_bytes": "parse",
        "read_import_file": "opml",
        "summary_extras": "overview",
        "to_opml": "opml",
    },
)
