"""HTTP for feeds and linked pages: the one client in `tui.ingest.http`, under its feed names.

The refresh, the full-text fetcher and `dateline import URL` share that client (issue 20): one set
of caps, one deadline for the whole exchange, one redirect rule and one way of saying what went
wrong. This module only keeps the names the feeds code has always imported.
"""

from __future__ import annotations

from tui.ingest.http import FEED_ACCEPT, PAGE_ACCEPT, Fetcher, FetchError, Limits, Response

__all__ = ["FEED_ACCEPT", "PAGE_ACCEPT", "FetchError", "Fetcher", "Limits", "Response"]
