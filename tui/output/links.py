"""Opening an article's link safely: only http(s), and over SSH copied to the reader's own clipboard
(OSC 52) instead of starting a browser on the server, where nobody would see it."""

from __future__ import annotations

import base64
import re
import sys
import urllib.parse
from collections.abc import Mapping
from typing import Literal

SAFE_SCHEMES = frozenset({"http", "https"})
# Terminals drop longer OSC 52 payloads (xterm's default limit is about 100 kB of base64).
MAX_OSC52_BYTES = 74_994
_SSH_VARIABLES = ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY")
_UNSAFE_CHARS = re.compile(r"[\x00-\x20\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe_url(url: str | None) -> str | None:
    """`url` if it is a plain http(s) link (no javascript:, file:, data:, spaces or controls)."""
    if not url:
        return None
    url = url.strip()
    if _UNSAFE_CHARS.search(url):
        return None
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.hostname:
        return None
    return url


def is_remote_session(env: Mapping[str, str]) -> bool:
    """Whether the terminal is at the other end of an SSH connection."""
    return any(env.get(name) for name in _SSH_VARIABLES)


def open_url_action(
    url: str, env: Mapping[str, str], platform: str = sys.platform
) -> Literal["osc52", "browser"]:
    """How to open `url`: "osc52" (copy to the local clipboard and show it) or "browser".

    Over SSH, or on a Linux/BSD machine without a graphical display, a browser would start where the
    reader cannot see it (or take over the terminal), so the link is copied instead.
    Raises ValueError for links that must never be opened (see `safe_url`).
    """
    if safe_url(url) is None:
        raise ValueError(f"not an http(s) link: {url[:80]!r}")
    if is_remote_session(env):
        return "osc52"
    graphical = platform in ("darwin", "win32", "cygwin") or bool(
        env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")
    )
    return "browser" if graphical else "osc52"


def osc52_sequence(text: str) -> str:
    """The terminal sequence that puts `text` on the clipboard: ESC ] 52 ; c ; base64 BEL.

    The payload is base64, so nothing in `text` can act on the terminal; text too long for
    terminals to accept raises ValueError.
    """
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    if len(payload) > MAX_OSC52_BYTES:
        raise ValueError("text too long to copy through the terminal")
    return f"\x1b]52;c;{payload}\x07"
