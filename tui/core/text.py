"""Small text helpers every layer shares, written once: counts in words, Markdown escaping, dates."""

from __future__ import annotations

import re
from datetime import datetime

# Everything CommonMark may read as markup in running text (a superset of what a table cell needs).
_MARKDOWN_SPECIAL = str.maketrans({ch: "\\" + ch for ch in "\\`*_{}[]<>()#+-!|~"})


def plural(count: int, word: str, many: str | None = None) -> str:
    """`1 article`, `2 articles`, `1 match`, `3 matches` (pass `many` for irregular words)."""
    if count == 1:
        return f"{count} {word}"
    if many is None:
        many = word + ("es" if word.endswith(("s", "sh", "ch", "x", "z")) else "s")
    return f"{count:,} {many}"


# What a CommonMark autolink may hold: an http(s) address with no space, control, `<` or `>`.
_AUTOLINK = re.compile(r"https?://[^\x00-\x20\x7f<>]+\Z", re.IGNORECASE)


def markdown_link(url: str) -> str | None:
    """`<url>`, a CommonMark autolink, for a plain http(s) address; None for anything else.

    Never the escaped address: backslash escapes are not undone inside a URL that markdown-it's
    linkify finds in running text (`brenner\\-sworn\\-in.html` became the link), and an autolink's
    text is taken as written, so the address needs no escaping at all."""
    url = url.strip()
    return f"<{url}>" if _AUTOLINK.match(url) else None


def escape_markdown(text: str) -> str:
    """Text that Markdown shows literally (article titles, notes, sources in exports)."""
    return text.translate(_MARKDOWN_SPECIAL)


def display_date(value: str, *, with_time: bool = False) -> str:
    """An ISO date or time as every screen shows it: `12 Mar 2026` (`12 Mar 2026 14:02` with the
    time, in local time). JSON keeps ISO; text that is not ISO comes back as it was."""
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        try:
            moment = datetime.fromisoformat(value.strip()[:10])
        except ValueError:
            return value
        with_time = False
    if with_time and moment.tzinfo is not None:
        moment = moment.astimezone()
    shown = f"{moment.day} {moment:%b %Y}"
    return f"{shown} {moment:%H:%M}" if with_time else shown
