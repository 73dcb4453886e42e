"""Feed and article links: http(s) checks and the canonical form items are recognised by."""

from __future__ import annotations

import re
import urllib.parse

from tui.core.sanitize import clean_line

_TRACKING_PREFIXES = ("utm_",)
_TRACKING_NAMES = frozenset({"fbclid", "gclid", "mc_cid", "mc_eid"})


# Spaces, C0 and C1 controls (U+009B is an 8-bit CSI), bidi embeddings, overrides and isolates,
# the BOM: what `clean_url` removes or a URL cannot hold.
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")


def clean_url(text: str) -> str:
    """A feed URL from a file, the command line or a screen, made inert like every other outside
    string (`clean_line`: escape sequences, C1 and bidi controls removed), so that what is stored,
    fetched, listed, exported and matched against stored articles' `feed` is one string."""
    return clean_line(text)


def is_http_url(text: str) -> bool:
    """Whether `text` is an absolute http(s) URL with a host (no spaces, control or bidi
    characters: `clean_url` first for a URL from outside)."""
    text = text.strip()
    if not text[:8].lower().startswith(("http://", "https://")) or _SPACE_OR_CONTROL.search(text):
        return False
    try:
        parts = urllib.parse.urlsplit(text)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def host_of(url: str) -> str:
    """The host (lower case, with a non-default port) requests to `url` are limited by."""
    try:
        parts = urllib.parse.urlsplit(url)
        return (parts.hostname or "").lower() + (f":{parts.port}" if parts.port else "")
    except ValueError:
        return ""


def canonical_link(link: str) -> str:
    """`link` with scheme and host lower-cased, the fragment and tracking parameters (utm_*, fbclid,
    gclid, mc_*) dropped, so the same article reached from two feeds has one key. Non-URLs are
    returned stripped."""
    text = link.strip()
    try:
        parts = urllib.parse.urlsplit(text)
    except ValueError:
        return text
    if not parts.scheme or not parts.netloc:
        return text
    query = [
        (name, value)
        for name, value in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
        if not name.lower().startswith(_TRACKING_PREFIXES) and name.lower() not in _TRACKING_NAMES
    ]
    netloc = parts.netloc.lower()
    scheme = parts.scheme.lower()
    for default in ((":80", "http"), (":443", "https")):
        if netloc.endswith(default[0]) and scheme == default[1]:
            netloc = netloc[: -len(default[0])]
    return urllib.parse.urlunsplit((scheme, netloc, parts.path or "/", urllib.parse.urlencode(query), ""))
