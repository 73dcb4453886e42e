"""The one RSS/Atom reader: feed documents to items, for the refresh (`tui.feeds`) and for
imports (`dateline import` of a feed file or URL, through `tui.ingest.pipeline`) alike, after
refusing what must never reach an XML parser: binary data and documents whose DTD declares
external entities or entities that expand other entities (billion laughs).

Two readers inside. A well-formed RSS 0.91-2.0, RSS 1.0/RDF or Atom 1.0 document without a DTD or
`xml:base` (nearly every feed) is read with lxml (libxml2: entities not expanded, no network), only
the fields Dateline uses, about ten times faster than feedparser. Everything else (malformed
XML, DTDs, Atom 0.3, XHTML content, relative bases) goes to feedparser, the reference that salvages
the feeds found in the wild. Both give the same `FeedItem`s: dates through feedparser's date
parser (in UTC), scripts and other active content removed from the item HTML."""

from __future__ import annotations

import functools
import io
import logging
import re
import threading
import urllib.parse
from calendar import timegm
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser
import feedparser.datetimes
import lxml.etree
from lxml_html_clean import Cleaner

from tui.core.article import Link
from tui.core.sanitize import clean_line
from tui.ingest.binary import binary_kind
from tui.ingest.html import html_fragment_links, html_to_line
from tui.ingest.links import item_links, merge_links

log = logging.getLogger("dateline.feeds")

_DOCTYPE_SUBSET = re.compile(rb"<!DOCTYPE[^\[>]*\[(.*?)\]\s*>", re.IGNORECASE | re.DOTALL)
_ENTITY = re.compile(rb"<!ENTITY\s+(%\s*)?[^\s>]+\s+(SYSTEM|PUBLIC|\"[^\"]*\"|'[^']*')", re.IGNORECASE)
_MAX_ENTITIES = 64
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_HARMLESS = (
    feedparser.NonXMLContentType,
    feedparser.CharacterEncodingOverride,
    feedparser.UndeclaredNamespace,
)


class FeedError(Exception):
    """Bytes that are not a usable feed; `str(error)` is a one-line reason."""


@dataclass(frozen=True)
class FeedItem:
    """One entry as the feed gives it. `html` is the sanitised HTML (no scripts, styles or other
    active content) of the fullest content (`content:encoded`, Atom `content`), or of the summary
    when that is all there is (`from_summary`)."""

    guid: str | None
    link: str | None
    title: str
    html: str
    from_summary: bool
    published: str | None
    updated: str | None
    enclosures: tuple[str, ...] = ()  # issue 21, links: the enclosures' URLs (podcast audio, images)


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


def feed_item_links(item: FeedItem, base: str | None) -> tuple[Link, ...]:
    """A feed item's links (issue 21): those in its HTML (relative ones against its own link),
    then its own link and enclosures."""
    own = item_links(item.link, item.enclosures, base)
    return merge_links(html_fragment_links(item.html, item.link or base), own)


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
    enclosures = tuple(
        clean_line(_text(e.get("href"))) for e in entry.get("enclosures") or [] if isinstance(e, dict)
    )
    return FeedItem(
        guid=guid,
        link=link,
        title=clean_line(html_to_line(_text(entry.get("title")))),
        html=html,
        from_summary=from_summary,
        # dict.get: FeedParserDict.get maps a missing updated_parsed to published_parsed, with a warning
        published=_iso(dict.get(entry, "published_parsed")) or _iso(dict.get(entry, "updated_parsed")),
        updated=_iso(dict.get(entry, "updated_parsed")),
        enclosures=tuple(e for e in enclosures if e),
    )


# ----- the fast reader: well-formed RSS and Atom with lxml ------------------------------------------

_RSS_VERSIONS = {"2.0": "rss20", "0.91": "rss091u", "0.92": "rss092", "0.93": "rss093", "0.94": "rss094"}
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_DC = "{http://purl.org/dc/elements/1.1/}"
_ATOM = "{http://www.w3.org/2005/Atom}"
_RSS1 = "{http://purl.org/rss/1.0/}"
_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
_XHTML = "{http://www.w3.org/1999/xhtml}"
_PLAIN_TYPES = {"", "html", "text", "text/html", "text/plain"}
# HTML whose every tag is one of these, with no comment, CDATA or processing instruction, has no
# active content to remove: most feeds' items. Anything else goes through lxml_html_clean.
_INERT_TAGS = frozenset(
    "a abbr acronym address b bdi big blockquote br caption center cite code col colgroup dd del "
    "dfn div dl dt em figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q rp rt ruby s "
    "samp small span strike strong sub sup table tbody td tfoot th thead time tr tt u ul var wbr".split()
)
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)")
_ATTRIBUTES = re.compile(r"<[A-Za-z][A-Za-z0-9]*\s([^<>]+)")
_ACTIVE_ATTRIBUTE = re.compile(r"\bon[a-z]+\s*=|javascript:|vbscript:|\bstyle\s*=", re.IGNORECASE)
_CLEANER = Cleaner(
    scripts=True,
    javascript=True,
    comments=True,
    style=True,
    inline_style=True,
    links=True,
    meta=True,
    page_structure=True,
    processing_instructions=True,
    embedded=True,
    frames=True,
    forms=True,
    annoying_tags=True,
    remove_unknown_tags=True,
    safe_attrs_only=True,
)
_parsers = threading.local()


def sanitize_html(html: str) -> str:
    """`html` without scripts, styles, event handlers, embedded objects or forms (their text is not
    the article's). HTML made only of inert tags is returned as it is."""
    if "<" not in html:
        return html
    names = _TAG_NAME.findall(html)
    inert = (
        len(names) == html.count("<")  # no comment, CDATA, declaration or processing instruction
        and {name.lower() for name in names} <= _INERT_TAGS
        and not any(_ACTIVE_ATTRIBUTE.search(attributes) for attributes in _ATTRIBUTES.findall(html))
    )
    if inert:
        return html
    try:
        return str(_CLEANER.clean_html(html))
    except (lxml.etree.ParserError, ValueError):
        return ""  # nothing lxml can read: no text to keep either


def _xml_parser() -> Any:
    parser = getattr(_parsers, "parser", None)
    if parser is None:  # lxml parsers are not shared between threads
        parser = _parsers.parser = lxml.etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )
    return parser


def _all_text(el: Any) -> str:
    """The text inside `el`; "" for a missing or empty element (`<title/>` has no text, not "")."""
    if el is None:
        return ""
    return (el.text or "") if len(el) == 0 else "".join(el.itertext())


def _date(*texts: str) -> str | None:
    for text in texts:
        if text.strip():
            found = _iso(feedparser.datetimes._parse_date(text.strip()))
            if found:
                return found
    return None


@functools.lru_cache(maxsize=64)  # speed only: an item's GUID is often its link, joined twice
def _absolute(link: str, base: str) -> str | None:
    link = clean_line(link)
    if not link:
        return None
    try:
        return urllib.parse.urljoin(base, link)
    except ValueError:
        return link


def _choose(content: str, summary: str) -> tuple[str, bool]:
    """The fullest HTML and whether it is the summary, as `_item` decides for feedparser's."""
    if content.strip():
        if len(summary) > len(content):
            return summary, True
        return content, False
    return summary, True


def _rss_item(item: Any, ns: str, base: str) -> FeedItem | None:
    fields: dict[str, Any] = {}
    enclosures: list[str] = []
    for child in item:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag.startswith((_ATOM, _XHTML)):
            return None  # Atom or XHTML content inside RSS: feedparser knows the rules
        if tag == ns + "enclosure" and child.get("url"):
            enclosures.append(_absolute(child.get("url"), base) or "")  # issue 21, links
        fields.setdefault(tag, child)
    guid_el = fields.get(ns + "guid")
    guid = clean_line(_all_text(guid_el)) or None
    permalink = (
        guid is not None
        and guid_el is not None
        and (guid_el.get("isPermaLink") or "true").strip().lower() != "false"
    )
    if permalink:  # as feedparser reads it: a link, relative to the feed's
        guid = _absolute(guid or "", base)
    if ns == _RSS1 and guid is None:
        guid = clean_line(item.get(_RDF + "about") or "") or None
    link = _absolute(_all_text(fields.get(ns + "link")), base)
    if link is None and permalink and guid and is_http_guid(guid):
        link = guid
    html, from_summary = _choose(_all_text(fields.get(_CONTENT)), _all_text(fields.get(ns + "description")))
    dc_date = _all_text(fields.get(_DC + "date"))
    return FeedItem(
        guid=guid,
        link=link,
        title=clean_line(html_to_line(_all_text(fields.get(ns + "title")))),
        html=sanitize_html(html),
        from_summary=from_summary,
        published=_date(_all_text(fields.get(ns + "pubDate")), dc_date),
        updated=_date(dc_date),
        enclosures=tuple(e for e in enclosures if e),
    )


def is_http_guid(text: str) -> bool:
    """A GUID that is a web link (feedparser also takes a permalink GUID as the item's link)."""
    return text.lower().startswith(("http://", "https://"))


def _atom_text(el: Any) -> str | None:
    """The text of an Atom text construct, or None for XHTML or out-of-line content."""
    if el is None:
        return ""
    if (el.get("type") or "").lower() not in _PLAIN_TYPES or el.get("src") is not None:
        return None
    return _all_text(el)


def _atom_entry(entry: Any, base: str) -> FeedItem | None:
    fields: dict[str, Any] = {}
    link = None
    enclosures: list[str] = []
    for child in entry:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag == _ATOM + "link":
            if link is None and (child.get("rel") or "alternate") == "alternate" and child.get("href"):
                link = _absolute(child.get("href"), base)
            elif child.get("rel") == "enclosure" and child.get("href"):
                enclosures.append(_absolute(child.get("href"), base) or "")  # issue 21, links
            continue
        fields.setdefault(tag, child)
    title, content, summary = (
        _atom_text(fields.get(_ATOM + name)) for name in ("title", "content", "summary")
    )
    if title is None or content is None or summary is None:
        return None
    html, from_summary = _choose(content, summary)
    updated = _all_text(fields.get(_ATOM + "updated")) or _all_text(fields.get(_ATOM + "modified"))
    return FeedItem(
        guid=clean_line(_all_text(fields.get(_ATOM + "id"))) or None,
        link=link,
        title=clean_line(html_to_line(title)),
        html=sanitize_html(html),
        from_summary=from_summary,
        published=_date(
            _all_text(fields.get(_ATOM + "published")), _all_text(fields.get(_ATOM + "issued")), updated
        ),
        updated=_date(updated),
        enclosures=tuple(e for e in enclosures if e),
    )


def _fast_parse(data: bytes, url: str) -> ParsedFeed | None:
    """The feed read with lxml, or None when feedparser should read it (see the module doc)."""
    head = data[:2000].lower()
    if b"<!doctype" in head or b"<!entity" in head or b"xml:base" in data:
        return None
    try:
        root = lxml.etree.fromstring(data, parser=_xml_parser())
    except (lxml.etree.XMLSyntaxError, ValueError):
        return None
    if root is None:
        return None
    try:
        return _read_tree(root, url)
    except (TypeError, AttributeError, ValueError):
        # A shape this reader did not foresee must not fail the feed: feedparser reads it.
        log.warning("the fast feed reader failed on %s; feedparser reads it", url, exc_info=True)
        return None


def _read_tree(root: Any, url: str) -> ParsedFeed | None:
    """The feed in a parsed document, or None when feedparser should read it."""
    tag = root.tag
    items: list[FeedItem | None]
    if tag == "rss":
        version = _RSS_VERSIONS.get((root.get("version") or "").strip())
        channel = root.find("channel")
        if version is None or channel is None:
            return None
        title_el, link = channel.find("title"), _all_text(channel.find("link"))
        items = [_rss_item(item, "", url) for item in channel.iterchildren("item")]
    elif tag == _RDF + "RDF":
        version, channel = "rss10", root.find(_RSS1 + "channel")
        if channel is None:
            return None
        title_el, link = channel.find(_RSS1 + "title"), _all_text(channel.find(_RSS1 + "link"))
        items = [_rss_item(item, _RSS1, url) for item in root.iterchildren(_RSS1 + "item")]
    elif tag == _ATOM + "feed":
        version, title_el = "atom10", root.find(_ATOM + "title")
        if title_el is not None and _atom_text(title_el) is None:
            return None
        link = next(
            (
                el.get("href") or ""
                for el in root.iterchildren(_ATOM + "link")
                if (el.get("rel") or "alternate") == "alternate"
            ),
            "",
        )
        items = [_atom_entry(entry, url) for entry in root.iterchildren(_ATOM + "entry")]
    else:
        return None
    if any(item is None for item in items):
        return None
    return ParsedFeed(
        title=clean_line(html_to_line(_all_text(title_el))),
        link=_absolute(link, url),
        version=version,
        items=[item for item in items if item is not None and (item.html.strip() or item.title or item.link)],
    )


def _looks_html(data: bytes) -> bool:
    return re.search(rb"<(?:!doctype\s+html|html|body)\b", data[:4000], re.IGNORECASE) is not None


def parse_feed_bytes(data: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """The feed in `data` (fetched from `url`); raises FeedError with a one-line reason."""
    if not data.strip():
        raise FeedError("empty response")
    check_safe(data)
    fast = _fast_parse(data, url)
    if fast is not None:
        return fast
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


def parse_feed_text(text: str, url: str = "") -> ParsedFeed:
    """The feed in already decoded `text` (a file the import read, a page it fetched): its XML
    declaration dropped, since the encoding it names was applied already, then `parse_feed_bytes`.
    `url` resolves relative links ("" leaves them as they are)."""
    return parse_feed_bytes(_XML_DECLARATION.sub("", text, count=1).encode("utf-8", "replace"), url)
