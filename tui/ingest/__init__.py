"""Reading articles: files, bytes and URLs (text, Markdown, HTML, JSON, feeds) into Articles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.lazy import lazy_exports

if TYPE_CHECKING:
    from tui.ingest.feed import FeedError, FeedItem, ParsedFeed, parse_feed_bytes
    from tui.ingest.pipeline import (
        SUPPORTED_SUFFIXES,
        IngestError,
        fetch_url,
        iter_article_files,
        load_bytes,
        load_file,
        parse_feed,
        parse_html,
        parse_json,
        parse_markdown,
        parse_text,
    )

__all__ = [
    "FeedError",
    "FeedItem",
    "IngestError",
    "ParsedFeed",
    "SUPPORTED_SUFFIXES",
    "fetch_url",
    "iter_article_files",
    "load_bytes",
    "load_file",
    "parse_feed",
    "parse_feed_bytes",
    "parse_html",
    "parse_json",
    "parse_markdown",
    "parse_text",
]
# Where each public name lives: imported on first use, so importing the package stays cheap.
_EXPORTS = {
    "IngestError": "pipeline",
    "load_file": "pipeline",
    "load_bytes": "pipeline",
    "fetch_url": "pipeline",
    "iter_article_files": "pipeline",
    "parse_text": "pipeline",
    "parse_markdown": "pipeline",
    "parse_json": "pipeline",
    "parse_html": "pipeline",
    "parse_feed": "pipeline",
    "SUPPORTED_SUFFIXES": "pipeline",
    "FeedError": "feed",
    "FeedItem": "feed",
    "ParsedFeed": "feed",
    "parse_feed_bytes": "feed",
}
__getattr__ = lazy_exports(__name__, _EXPORTS)
