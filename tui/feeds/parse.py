"""Feed documents to items with feedparser (RSS 0.9x-2.0, RSS 1.0/RDF, Atom, and the malformed feeds
found in the wild), after refusing what must never reach an XML parser: binary data and documents
whose DTD declares external entities or entities that expand other entities (billion laughs)."""

from __future__ import annotations

import io
import re
from calendar import timegm
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser

from tui.core.sanitize import clean_line
from tui.ingest.html import html_to_line
from tui.ingest.pipeline import binary_kind

_DOCTYPE_SUBSET = re.compile(rb"<!DOCTYPE[^\[>]*\[(.*?)\]\s*>", re.IGNORECASE | re.DOTALL)
_ENTITY = re.compile(rb"<!ENTITY\s+(%\s*)?[^\s>]+\s+(SYSTEM|PUBLIC|\"[^\"]*\"|'[^']*')", re.IGNORECASE)
_MAX_ENTITIES = 64
_HARMLESS = (
    feedparser.NonXMLContentType,
    feedparser.CharacterEncodingOverride,
    feedparser.UndeclaredNamespace,
)


class FeedError(Exception):
    """Bytes that are not a usable feed; `str(error)` is a one-line reason."""


@dataclass(frozen=True)
class FeedItem:
    """One entry as the feed gives it. `html` is feedparser's sanitised HTML of the fullest content
    (`content:encoded`, Atom `content`), or of the summary when that is all there is
    (`from_summary`)."""

    guid: str | None
    link: str | None
    title: str
    html: str
    from_summary: bool
    published: str | None
    updated: str | None


@dataclass(frozen=True)
class ParsedFeed:
    """A parsed feed; `notice` says when a malformed document was salvaged."""

    title: str
    link: str | None
    version: str
    items: list[FeedItem]
    notice: str | None = None


def check_safe(data: bytes) -> None:
    """Refuse binary data and dangerous DTDs before any parser sees them (raises FeedError).

    Only the prolog (before the root element) is looked at: an article about XML may well quote
    `<!ENTITY` inside its text."""
    kind = binary_kind(data)
    if kind is not None:
        raise FeedError(f"not a feed ({kind})")
    head = data[:1_000_000]
    first_element = re.search(rb"<[A-Za-z_]", head)
    prolog_end = first_element.start() if first_element else len(head)
    doctype = head.find(b"<!DOCTYPE", 0, prolog_end)
    if doctype < 0:
        doctype = head.lower().find(b"<!doctype", 0, prolog_end)
    subset = _DOCTYPE_SUBSET.match(head, doctype) if doctype >= 0 else None
    if subset is None:
        if re.search(rb"<!ENTITY", head[:prolog_end], re.IGNORECASE):
            raise FeedError("refused: entity declarations outside a well-formed DTD")
        return
    declarations = _ENTITY.findall(subset.group(1))
    raw_count = len(re.findall(rb"<!ENTITY", subset.group(1), re.IGNORECASE))
    if raw_count > _MAX_ENTITIES:
        raise FeedError(f"refused: the DTD declares {raw_count} entities (an entity bomb?)")
    for parameter, value in declarations:
        if parameter or value.upper() in (b"SYSTEM", b"PUBLIC"):
            raise FeedError("refused: the DTD declares external or parameter entities")
        if b"&" in value and re.search(rb"&[A-Za-z_][\w.-]*;", value):
            raise FeedError("refused: entities that expand other entities (an entity bomb)")


def _iso(parsed: Any) -> str | None:
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(timegm(parsed), UTC).isoformat()
    except (TypeError, ValueError, OverflowError):
        return None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _item(entry: Any) -> FeedItem:
    contents = [c for c in entry.get("content") or [] if _text(c.get("value")).strip()]
    summary = _text(entry.get("summary"))
    if contents:
        html = max((_text(c.get("value")) for c in contents), key=len)
        from_summary = False
        if len(summary) > len(html):  # some feeds put the full text in description, a teaser in content
            html, from_summary = summary, True
    else:
        html, from_summary = summary, True
    guid = clean_line(_text(entry.get("id"))) or None
    link = clean_line(_text(entry.get("link"))) or None
    return FeedItem(
        guid=guid,
        link=link,
        title=clean_line(html_to_line(_text(entry.get("title")))),
        html=html,
        from_summary=from_summary,
        # dict.get: FeedParserDict.get maps a missing updated_parsed to published_parsed, with a warning
        published=_iso(dict.get(entry, "published_parsed")) or _iso(dict.get(entry, "updated_parsed")),
        updated=_iso(dict.get(entry, "updated_parsed")),
    )


def _looks_html(data: bytes) -> bool:
    return re.search(rb"<(?:!doctype\s+html|html|body)\b", data[:4000], re.IGNORECASE) is not None


def parse_feed_bytes(data: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """The feed in `data` (fetched from `url`); raises FeedError with a one-line reason."""
    if not data.strip():
        raise FeedError("empty response")
    check_safe(data)
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    # A stream, never bytes or str: feedparser would treat those as a URL or a file name.
    # Links inside item HTML are never followed (only text is kept), so they are not resolved.
    result = feedparser.parse(
        io.BytesIO(data), response_headers=headers, sanitize_html=True, resolve_relative_uris=False
    )
    version = _text(result.get("version"))
    entries = list(result.get("entries") or [])
    problem = result.get("bozo_exception") if result.get("bozo") else None
    if isinstance(problem, _HARMLESS):
        problem = None  # a missing or wrong Content-Type or charset label: the XML itself parsed
    reason = clean_line(str(problem))[:120] if problem is not None else ""
    if not version and not entries:
        stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
        if not stripped.startswith(b"<"):
            raise FeedError("not a feed (not XML)")
        if _looks_html(data):
            raise FeedError("not a feed (an HTML page)")
        raise FeedError("malformed XML" + (f": {reason}" if reason else " (no RSS or Atom found)"))
    items = [
        item for item in (_item(entry) for entry in entries) if item.html.strip() or item.title or item.link
    ]
    if not items and problem is not None:
        raise FeedError("malformed XML" + (f": {reason}" if reason else ""))
    feed = result.get("feed") or {}
    return ParsedFeed(
        title=clean_line(html_to_line(_text(feed.get("title")))),
        link=clean_line(_text(feed.get("link"))) or None,
        version=version or "unknown",
        items=items,
        notice=f"salvaged a malformed feed ({reason})" if problem is not None and reason else None,
    )
