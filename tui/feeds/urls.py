"""Feed and article links: http(s) checks and the canonical form items are recognised by."""

from __future__ import annotations

import re
import urllib.parse

_TRACKING_PREFIXES = ("utm_",)
_TRACKING_NAMES = frozenset({"fbclid", "gclid", "mc_cid", "mc_eid"})


_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]")


def is_http_url(text: str) -> bool:
    """Whether `text` is an absolute http(s) URL with a host (no spaces or control characters)."""
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
