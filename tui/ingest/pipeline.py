"""Turn files and URLs (scraped text, Markdown, HTML, JSON, RSS/Atom) into clean, inert Articles.

Everything read from outside passes through here: bytes are decoded with a notice when a fallback
was needed, binary and empty inputs are refused with a one-line reason, page chrome is dropped and
every title and body goes through `tui.core.sanitize` before anything else sees it.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from tui.core.article import Article, Link
from tui.core.sanitize import clean_line, clean_text
from tui.ingest.binary import binary_kind as binary_kind
from tui.ingest.dates import normalize_date
from tui.ingest.links import links_from_json, resolve
from tui.ingest.text import extract_scraped, is_chrome

__all__ = [
    "MAX_FILE_BYTES",
    "SUPPORTED_SUFFIXES",
    "IngestError",
    "decode_bytes",
    "decode_page",
    "fetch_url",
    "iter_article_files",
    "load_file",
    "normalize_date",
    "parse_feed",
    "parse_html",
    "parse_json",
    "parse_markdown",
    "parse_text",
]


class IngestError(Exception):
    """An input that cannot become an article; `str(err)` is a one-line human reason."""


SUPPORTED_SUFFIXES: frozenset[str] = frozenset(
    {
        ".txt",
        ".text",
        ".md",
        ".markdown",
        ".html",
        ".htm",
        ".json",
        ".jsonl",
        ".xml",
        ".rss",
        ".atom",
    }
)
MAX_FILE_BYTES: int = 50 * 1024 * 1024

_BOMS: list[tuple[bytes, str, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
]
_TERMINAL_CONTROLS = re.compile(r"[\x1b\x80-\x9f\u202a-\u202e\u2066-\u2069]")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


# --- bytes ---


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_nuls = sample[0::2].count(0) / (len(sample) / 2)
    odd_nuls = sample[1::2].count(0) / (len(sample) / 2)
    if odd_nuls > 0.4 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.4 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes) -> tuple[str, list[str]]:
    """Decode file bytes to text; returns (text, notices about any fallback that was needed).

    A BOM (UTF-8/16/32) wins; then strict UTF-8; then, for bytes that look like a legacy 8-bit
    encoding (no valid UTF-8 multi-byte sequences at all), Windows-1252/Latin-1; otherwise UTF-8
    with U+FFFD replacement characters for the invalid bytes.
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(codec, errors="replace")
            notices = [] if name == "UTF-8" else [f"decoded as {name} (byte order mark)"]
            if "\ufffd" in text:
                notices.append(f"invalid {name} sequences replaced with \ufffd")
            return text, notices
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return data.decode(utf16, errors="replace"), ["decoded as UTF-16 (no byte order mark)"]
    if not _UTF8_MULTIBYTE.search(data):
        try:
            return data.decode("cp1252"), ["not UTF-8: decoded as Windows-1252 (Latin-1)"]
        except UnicodeDecodeError:
            return data.decode("latin-1"), ["not UTF-8: decoded as Latin-1"]
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    return text, [f"invalid UTF-8: {bad} byte sequence(s) replaced with \ufffd"]


# --- articles ---


def _paragraph(text: str) -> str:
    return clean_line(text)


def _shorten(text: str, limit: int = 80) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:-")
    return (cut or text[:limit]) + "\u2026"


def _fallback_title(paragraphs: list[str], source: str) -> str:
    if paragraphs:
        first = re.split(r"(?<=[.!?])\s+", paragraphs[0], maxsplit=1)[0]
        return _shorten(first)
    stem = Path(urllib.parse.urlparse(source).path or source).stem
    return clean_line(stem) or clean_line(source) or "Untitled"


def make_article(
    title: str,
    paragraphs: Iterable[str],
    source: str,
    *,
    published: str | None = None,
    url: str | None = None,
    notices: Iterable[str] = (),
    links: tuple[Link, ...] = (),
    pre_cleaned: bool = False,
    collapsed: bool = False,
) -> Article:
    """An Article from raw parts: all sanitised, paragraphs joined by blank lines.

    `collapsed`: the paragraphs went through clean_text and have their whitespace collapsed
    already (as `extract_scraped` gives them): they are taken as they are."""
    # Text that went through clean_text whole (and was not entity-decoded since) only needs its
    # whitespace collapsed; a second sanitising pass costs seconds on a 25 MB file.
    if collapsed:
        paras = [p for p in paragraphs if p]
    else:
        tidy = (lambda p: " ".join(p.split())) if pre_cleaned else _paragraph
        paras = [p for p in (tidy(p) for p in paragraphs) if p]
    if not paras:
        raise IngestError("no article text found")
    clean_title = clean_line(title) or _fallback_title(paras, source)
    iso = normalize_date(published) if published else None
    return Article(
        title=clean_title,
        body="\n\n".join(paras),
        source=clean_line(source),
        published=iso,
        url=clean_line(url) or None if url else None,
        notices=tuple(clean_line(n) for n in notices if n),
        links=links,  # issue 21: made safe by tui.ingest.links
    )


def parse_text(text: str, source: str) -> Article:
    """A plain-text article: a raw scraped page (chrome dropped) or a clean title + paragraphs."""
    found = extract_scraped(clean_text(text))
    return make_article(found.title, found.paragraphs, source, published=found.published, collapsed=True)


_FRONT_MATTER = re.compile(
    r"\A(?:---|\+\+\+)[ \t]*\n(?P<meta>.*?)\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL
)
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_SETEXT = re.compile(r"^(=+|-+)\s*$")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)|\[([^\]]+)\]\[[^\]]*\]")
_MD_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|~~)(?=\S)(.+?)(?<=\S)\1")
_MD_CODE = re.compile(r"`+([^`]+)`+")
_MD_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_MD_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta: dict[str, str] = {}
    for line in match.group("meta").splitlines():
        key, sep, value = line.partition(":" if ":" in line else "=")
        if sep and key.strip() and not key.startswith((" ", "\t", "-")):
            meta[key.strip().lower()] = value.strip().strip("\"'")
    return meta, text[match.end() :]


def _md_inline(text: str) -> str:
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(lambda m: m.group(1) or m.group(2), text)
    text = _MD_CODE.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    for _ in range(2):
        text = _MD_EMPHASIS.sub(r"\2", text)
    return text.replace("\\*", "*").replace("\\_", "_").replace("\\#", "#")


def parse_markdown(text: str, source: str) -> Article:
    """Markdown with optional front matter (title, source, date/published, url)."""
    meta, body = _front_matter(clean_text(text).lstrip("\n"))
    title = meta.get("title", "")
    paragraphs: list[str] = []
    current: list[str] = []
    in_fence = False

    def flush() -> None:
        if current:
            paragraphs.append(_md_inline(" ".join(current)))
            current.clear()

    lines = body.split("\n")
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            if stripped:
                paragraphs.append(stripped)
            continue
        heading = _MD_HEADING.match(stripped)
        next_line = lines[index + 1].strip() if index + 1 < len(lines) else ""
        if heading or (
            stripped and current == [] and _MD_SETEXT.match(next_line) and not _MD_RULE.match(stripped)
        ):
            flush()
            level = len(heading.group(1)) if heading else (1 if next_line.startswith("=") else 2)
            words = _md_inline(heading.group(2) if heading else stripped)
            if level == 1 and not title:
                title = words
            elif words and words.casefold() != title.casefold():
                paragraphs.append(words)
            continue
        if _MD_SETEXT.match(stripped) and (not current) and paragraphs:
            continue  # underline of a setext heading already handled
        if not stripped or _MD_RULE.match(stripped) or _MD_REF_DEF.match(stripped):
            flush()
            continue
        stripped = re.sub(r"^(?:>\s?)+", "", stripped)
        if _MD_LIST.match(stripped):
            flush()
            stripped = _MD_LIST.sub("", stripped)
        current.append(stripped)
    flush()
    published = meta.get("published") or meta.get("date")
    return make_article(
        title,
        paragraphs,
        source,
        published=published,
        url=meta.get("url") or meta.get("link"),
        pre_cleaned=True,
    )


# --- JSON ---

_TITLE_KEYS = ("title", "headline", "name")
_BODY_KEYS = (
    "body",
    "text",
    "content",
    "article",
    "content_html",
    "content_text",
    "description",
    "summary",
)
_URL_KEYS = ("url", "link", "href", "permalink", "canonical_url")
_DATE_KEYS = (
    "published",
    "date",
    "published_at",
    "publishedAt",
    "datePublished",
    "pubDate",
    "created_at",
    "created",
    "updated",
    "date_published",
)
_LIST_KEYS = ("articles", "items", "entries", "posts", "stories", "data", "results")


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = record.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "\n\n".join(_as_text(v) for v in value)
    if isinstance(value, dict):
        return _as_text(_first(value, ("text", "value", "body", "content", "rendered", "html")))
    if value is None:
        return ""
    return str(value)


def _body_paragraphs(raw: str) -> list[str]:
    """Paragraphs of a body string that may be plain text or an HTML fragment."""
    if re.search(r"<(?:p|br|div|h[1-6]|li|blockquote|article)\b", raw, re.IGNORECASE):
        from tui.ingest.html import html_fragment_paragraphs

        return html_fragment_paragraphs(raw)
    blocks = re.split(r"\n\s*\n", clean_text(raw))
    return [" ".join(b.split()) for b in blocks if b.strip()]


def _json_records(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, list):
        return [r for item in value for r in _json_records(item)]
    if not isinstance(value, dict):
        return []
    if _first(value, _BODY_KEYS) is None:
        for key in _LIST_KEYS:
            if isinstance(value.get(key), list):
                return _json_records(value[key])
    return [value]


def parse_json(text: str, source: str) -> list[Article]:
    """One object, a list of objects (or {"articles": [...]}), or JSON Lines.

    A record's own string "source" and "url" fields win; `source` (the file) is the fallback.
    """
    text = text.lstrip("\ufeff")
    try:
        values: list[Any] = [json.loads(text)]
    except json.JSONDecodeError as err:
        values = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                values.append(json.loads(line))
            except json.JSONDecodeError:
                raise IngestError(
                    f"invalid JSON (line {err.lineno if number == 1 else number}: "
                    f"{err.msg if number == 1 else 'not a JSON value'})"
                ) from None
    articles: list[Article] = []
    for record in (r for v in values for r in _json_records(v)):
        body = _as_text(_first(record, _BODY_KEYS))
        if not body.strip():
            continue
        url = _first(record, _URL_KEYS)
        published = _first(record, _DATE_KEYS)
        # The library stores imports as JSON that keep where they came from in "source"; the
        # file being read is only the fallback.
        record_source = record.get("source")
        if not isinstance(record_source, str) or not clean_line(record_source):
            record_source = source
        # ... and how the original was read ("notices": a list of strings), so it is still said.
        notices = record.get("notices")
        kept = [n for n in notices if isinstance(n, str)] if isinstance(notices, list) else []
        links = links_from_json(record.get("links"))  # issue 21: absent in older files
        try:
            articles.append(
                make_article(
                    _as_text(_first(record, _TITLE_KEYS)),
                    _body_paragraphs(body),
                    record_source,
                    published=str(published) if published is not None else None,
                    url=url if isinstance(url, str) else None,
                    notices=kept,
                    links=links,
                )
            )
        except IngestError:
            continue
    if not articles:
        raise IngestError("no article text found in JSON (expected title and body/text/content)")
    return articles


# --- HTML and feeds (lxml lives in tui.ingest.html) ---


def parse_html(text: str, source: str, url: str | None = None) -> Article:
    """An HTML page: the article's own title, main-content paragraphs (trafilatura, Dateline's
    rules on top and as the fallback), published date."""
    from tui.ingest.html import extract_html

    page = extract_html(clean_text(text))
    links = resolve(page.anchors, url or page.url)  # issue 21: the content root's links
    return make_article(
        page.title, page.paragraphs, source, published=page.published, url=url or page.url, links=links
    )


def parse_feed(text: str, source: str, url: str | None = None) -> list[Article]:
    """RSS 0.91-2.0, RSS 1.0/RDF or Atom: one article per item or entry, read by the one feed
    reader (`tui.ingest.feed`, the refresh's too: the same refusals, fullest HTML and UTC dates),
    the item HTML cleaned like a page. `url`: where the feed was fetched (relative links resolve
    against it)."""
    from tui.ingest.feed import FeedError, feed_item_links, parse_feed_text
    from tui.ingest.html import html_fragment_paragraphs

    try:
        feed = parse_feed_text(clean_text(text), url or "")
    except FeedError as error:
        raise IngestError(str(error)) from None
    articles: list[Article] = []
    for item in feed.items:
        paragraphs = html_fragment_paragraphs(item.html) if item.html.strip() else []
        links = feed_item_links(item, url)  # issue 21
        try:
            articles.append(
                make_article(
                    item.title, paragraphs, source, published=item.published, url=item.link, links=links
                )
            )
        except IngestError:
            continue
    if not articles:
        raise IngestError("no articles found in feed")
    return articles


# --- files ---


_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:rdf)\b", re.IGNORECASE)


def looks_like_feed(text: str) -> bool:
    """Whether a document's first 5 KB open an RSS, RSS 1.0/RDF or Atom feed: the one test by which
    an import tells a feed from a page (`.xml` files, unknown suffixes, XML responses)."""
    return _FEED_ROOT.search(text[:5000]) is not None


def _sniff(text: str) -> str:
    head = text.lstrip()[:2000].lower()
    if head.startswith(("{", "[")):
        return ".json"
    if head.startswith("<"):
        if looks_like_feed(head):
            return ".rss"
        if re.search(r"<(?:!doctype html|html|head|body|article|p|div)\b", head):
            return ".html"
    if head.startswith(("---\n", "+++\n")) or re.match(r"#{1,6} \S", head):
        return ".md"
    return ".txt"


def _parse_by_suffix(suffix: str, text: str, source: str) -> list[Article]:
    if suffix in (".md", ".markdown"):
        return [parse_markdown(text, source)]
    if suffix in (".html", ".htm"):
        return [parse_html(text, source)]
    if suffix in (".json", ".jsonl"):
        return parse_json(text, source)
    if suffix in (".rss", ".atom"):
        return parse_feed(text, source)
    if suffix == ".xml":
        if looks_like_feed(text):
            return parse_feed(text, source)
        if re.search(r"<html\b", text[:5000], re.IGNORECASE):
            return [parse_html(text, source)]
        raise IngestError("XML file is neither an RSS nor an Atom feed")
    return [parse_text(text, source)]


def _with_notices(articles: list[Article], notices: list[str]) -> list[Article]:
    if not notices:
        return articles
    return [replace(a, notices=tuple(notices) + a.notices) for a in articles]


def load_bytes(data: bytes, source: str, suffix: str = "") -> list[Article]:
    """Articles from raw bytes; `suffix` picks the format (sniffed from the content if unknown)."""
    # `data.isspace()` is `not data.strip()` for non-empty bytes, without copying 25 MB.
    if not data or data.isspace():
        raise IngestError("empty file" if not data else "empty file (only whitespace)")
    kind = binary_kind(data)
    if kind is not None:
        raise IngestError(f"binary file ({kind})")
    text, notices = decode_bytes(data)
    if "\x00" in text:
        raise IngestError("binary file (contains NUL bytes)")
    if not text or text.isspace():
        raise IngestError("empty file (only whitespace)")
    if ("\x1b" in text) if text.isascii() else _TERMINAL_CONTROLS.search(text):
        notices.append("terminal control sequences removed")
    suffix = suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        suffix = _sniff(text)
    return _with_notices(_parse_by_suffix(suffix, text, source), notices)


def load_file(path: Path) -> list[Article]:
    """Articles from one file, by suffix; raises IngestError with a one-line reason."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise IngestError("is a directory")
        if size > MAX_FILE_BYTES:
            raise IngestError(
                f"file too large ({size / 1e6:.0f} MB; limit {MAX_FILE_BYTES // 1024 // 1024} MB)"
            )
        data = path.read_bytes()
    except OSError as err:
        raise IngestError(f"cannot read file: {err.strerror or err}") from None
    return load_bytes(data, str(path), path.suffix)


def iter_article_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given; folders walked recursively in sorted order, hidden entries skipped."""
    for path in paths:
        path = Path(path)
        if not path.is_dir():
            yield path
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED_SUFFIXES:
                    yield Path(root) / name


# --- URLs ---


def _content_format(content_type: str, text: str) -> str:
    if "html" in content_type:
        return ".html"
    if any(t in content_type for t in ("rss", "atom", "xml")):
        return ".rss" if looks_like_feed(text) else ".html"
    if "json" in content_type:
        return ".json"
    if "markdown" in content_type:
        return ".md"
    if content_type.startswith("text/plain"):
        return ".txt"
    return _sniff(text)


_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([\w.:-]+)", re.IGNORECASE)


def _codec(name: str) -> str | None:
    """The Python codec for a declared charset, or None when there is none or it is no text
    encoding (a page cannot ask for `rot13` or `base64`)."""
    try:
        info = codecs.lookup(name.strip())
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in ("unicode-escape", "raw-unicode-escape"):
        return None
    # As browsers do (WHATWG Encoding): pages labelled Latin-1 or ASCII are Windows-1252.
    return "cp1252" if info.name in ("latin-1", "iso8859-1", "ascii") else info.name


def decode_page(data: bytes, charset: str | None) -> tuple[str, list[str]]:
    """Decode a fetched page: a byte order mark wins, then the charset the response declares, then
    a `<meta charset>` in the first 4 KB, then `decode_bytes`'s guesses. Returns (text, notices)."""
    if any(data.startswith(bom) for bom, _codec_name, _name in _BOMS):
        return decode_bytes(data)
    declared = charset.encode("ascii", "replace") if charset else None
    if declared is None:
        meta = _META_CHARSET.search(data[:4096])
        declared = meta.group(1) if meta else None
    codec = _codec(declared.decode("ascii", "replace")) if declared else None
    if codec is None:
        return decode_bytes(data)
    text = data.decode(codec, errors="replace")
    bad = text.count("\ufffd")
    return text, [f"invalid {codec} sequences: {bad} replaced with \ufffd"] if bad else []


def fetch_url(url: str, *, timeout: float = 15.0, max_bytes: int = 10_000_000) -> list[Article]:
    """Fetch a page or feed over HTTP(S) and ingest it, through the one HTTP client
    (`tui.ingest.http`): one deadline for the whole exchange, the size cap on the decoded bytes,
    redirects only to http(s), the charset the response declares. Raises IngestError in words,
    with any password in the URL hidden."""
    from tui.ingest import http

    shown = http.redact(url.strip())
    scheme = url.strip().split(":", 1)[0].lower() if ":" in url else ""
    if scheme not in ("http", "https"):
        raise IngestError(f"unsupported URL scheme {clean_line(scheme)[:20]!r} (only http and https)")
    limits = http.Limits(timeout=timeout, max_bytes=max_bytes, per_host=1, workers=1)
    try:
        with http.Fetcher(limits) as fetcher:
            response = fetcher.get(url, accept=http.ANY_ACCEPT)
    except http.FetchError as error:
        raise IngestError(f"cannot fetch URL: {error}") from None
    data, content_type = response.body, response.content_type
    if not data.strip():
        raise IngestError("empty response")
    kind = binary_kind(data)
    if kind is not None or content_type.startswith(("image/", "audio/", "video/", "font/")):
        raise IngestError(f"not an article ({kind or content_type})")
    text, notices = decode_page(data, response.charset)
    final_url = http.redact(response.url)
    fmt = _content_format(content_type, text)
    if fmt == ".html":
        articles = [parse_html(text, shown, url=final_url)]
    elif fmt == ".rss":
        articles = parse_feed(text, shown, url=final_url)
    else:
        articles = _parse_by_suffix(fmt, text, shown)
    return _with_notices(articles, notices)


def looks_like_chrome(line: str) -> bool:
    """Whether one line of text reads as page chrome (menus, share buttons, cookie notices)."""
    return is_chrome(clean_line(line))
