"""Following feeds: subscriptions, concurrent conditional refresh, full text of teasers, OPML.

No Textual here: the CLI and the reader's thread workers both drive `Refresher`.
"""

from tui.feeds.http import Fetcher, FetchError, Limits
from tui.feeds.opml import Imported, ImportFileError, read_import_file, to_opml, write_new_file
from tui.feeds.overview import FeedOverview, feed_overviews, list_filters, summary_extras
from tui.feeds.parse import FeedError, ParsedFeed, parse_feed_bytes
from tui.feeds.refresh import FeedResult, Refresher, RefreshReport
from tui.feeds.store import FULL_TEXT_MODES, FeedStatus, FetchState, Subscription, Subscriptions
from tui.feeds.urls import canonical_link, is_http_url

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
    "feed_overviews",
    "is_http_url",
    "list_filters",
    "parse_feed_bytes",
    "read_import_file",
    "summary_extras",
    "to_opml",
    "write_new_file",
]
