"""Every symbol Dateline draws that a console font may lack, with its ASCII stand-in.

The Linux console (TERM=linux) draws from a 256- or 512-glyph font: no stars, pencils or eighth
blocks. One table is chosen when the app starts (`use_for`); widgets read `current()` as they draw.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# Terminals whose fonts are known to be small; anything else is trusted with Unicode.
SMALL_FONT_TERMS = ("linux", "vt100", "vt102", "vt220", "dumb")


@dataclass(frozen=True)
class Glyphs:
    """The symbols of one table (each one cell wide, so layouts do not move)."""

    header_icon: str
    bookmark: str
    missing: str
    note: str
    current: str
    followed: str
    unread: str
    ascii: bool


UNICODE = Glyphs(
    header_icon="⭘", bookmark="★", missing="✗", note="✎", current="▸", followed="◆", unread="●", ascii=False
)
ASCII = Glyphs(
    header_icon="o", bookmark="*", missing="x", note=">", current=">", followed="+", unread="N", ascii=True
)

_current = UNICODE

# Textual's footer names some keys with symbols (enter is "⏎", backspace "⌫"); the console's words.
ASCII_KEY_NAMES = {"⏎": "enter", "⌫": "bksp", "↑": "up", "↓": "down", "←": "left", "→": "right"}


def ascii_key(display: str) -> str:
    """A key as Textual shows it, with any symbol a console font may lack spelled out."""
    for symbol, name in ASCII_KEY_NAMES.items():
        display = display.replace(symbol, name)
    return display


def for_env(env: Mapping[str, str]) -> Glyphs:
    """The table for a terminal: ASCII where the console font may lack the symbols."""
    term = env.get("TERM", "").lower()
    return ASCII if term.split("-")[0] in SMALL_FONT_TERMS else UNICODE


def use_for(env: Mapping[str, str]) -> Glyphs:
    """Choose the table for this run (called once, when the app starts)."""
    global _current
    _current = for_env(env)
    return _current


def current() -> Glyphs:
    """The table chosen for this run."""
    return _current
