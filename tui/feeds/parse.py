"""Feed documents to items: the one RSS/Atom reader in `tui.ingest.feed`, under its feed names.

The refresh and `dateline import` of a feed share that reader (issue 20): one set of refusals
(binary data, dangerous DTDs), one choice of each item's fullest HTML, one date rule. This module
only keeps the names the feeds code has always imported.
"""

from __future__ import annotations

from tui.ingest.feed import (
    FeedError,
    FeedItem,
    ParsedFeed,
    check_safe,
    is_http_guid,
    parse_feed_bytes,
    sanitize_html,
)

__all__ = [
    "FeedError",
    "FeedItem",
    "ParsedFeed",
    "check_safe",
    "is_http_guid",
    "parse_feed_bytes",
    "sanitize_html",
]
