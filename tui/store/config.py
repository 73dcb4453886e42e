"""Optional user settings in config.toml: entity colours, hidden entity groups, feed refresh, the
browser links open in.

config.toml is the user's file: Dateline only ever reads it (what the UI remembers goes to
`tui.store.state`). A broken config never stops the app: problems come back as messages and defaults
are used; a key Dateline does not know is named in a one-line warning and ignored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.core.labels import LABEL_GROUPS, validate_colors
from tui.core.lazy import lazy_module
from tui.store.paths import config_dir

if TYPE_CHECKING:
    import tomllib
else:  # parsed only when config.toml exists: most starts have none
    tomllib = lazy_module("tomllib")

DEFAULT_REFRESH_MINUTES = 30
KNOWN_TABLES: dict[str, frozenset[str] | None] = {
    "colors": None,  # any label: checked by validate_colors
    "display": frozenset({"hidden_groups"}),
    "feeds": frozenset({"keep_days"}),
}
KNOWN_TOP_KEYS = frozenset({"refresh_minutes", "browser"})


@dataclass
class Config:
    """Settings as loaded; `problems` are messages for the user."""

    colors: dict[str, str] = field(default_factory=dict)
    hidden_groups: set[str] = field(default_factory=set)
    refresh_minutes: int = DEFAULT_REFRESH_MINUTES  # how often feeds are fetched; 0: never by itself
    keep_days: int = 0  # read, unbookmarked feed articles older than this are removed; 0: never
    # Issue 21: the command `o` and the links screen open a link with ("w3m %u": %u is the URL,
    # shell-quoted; without %u it is appended); None: the system browser, or OSC 52 over SSH.
    browser: str | None = None
    problems: list[str] = field(default_factory=list)


def config_path() -> Path:
    """Where config.toml lives."""
    return config_dir() / "config.toml"


def _unknown_keys(data: dict[str, Any]) -> list[str]:
    """Every key or table Dateline does not know, as the user wrote it ("[keys]", "display.font")."""
    unknown: list[str] = []
    for key, value in data.items():
        if key in KNOWN_TOP_KEYS:
            continue
        if key not in KNOWN_TABLES or not isinstance(value, dict):
            unknown.append(f"[{key}]" if isinstance(value, dict) else key)
            continue
        known = KNOWN_TABLES[key]
        if known is not None:
            unknown.extend(f"{key}.{inner}" for inner in value if inner not in known)
    return unknown


def load_config(path: Path | None = None, colour: Callable[[str], str | None] | None = None) -> Config:
    """Read config.toml (missing is fine); never raises for a bad file. `colour` turns a colour
    the reader knows into the one it draws (see `validate_colors`)."""
    path = path or config_path()
    config = Config()
    try:
        text = path.read_text(encoding="utf-8")  # first: no config.toml, no TOML parser
        data = tomllib.loads(text)
    except FileNotFoundError:
        return config
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        config.problems.append(f"Ignoring {path}: {exc}")
        return config
    config.problems.extend(f"{path.name}: unknown key {key} ignored" for key in _unknown_keys(data))
    colors = data.get("colors", {})
    if isinstance(colors, dict):
        config.colors, problems = validate_colors(colors, colour)
        config.problems.extend(f"{path.name}: {p}" for p in problems)
    display = data.get("display", {})
    hidden = display.get("hidden_groups", []) if isinstance(display, dict) else []
    if isinstance(hidden, list):
        config.hidden_groups = {g for g in hidden if isinstance(g, str) and g in LABEL_GROUPS}
    refresh = data.get("refresh_minutes", DEFAULT_REFRESH_MINUTES)
    if isinstance(refresh, int) and not isinstance(refresh, bool) and refresh >= 0:
        config.refresh_minutes = refresh
    else:
        config.problems.append(
            f"{path.name}: refresh_minutes must be a whole number of minutes, 0 or more; "
            f"using {DEFAULT_REFRESH_MINUTES}"
        )
    feeds = data.get("feeds", {})
    keep = feeds.get("keep_days", 0) if isinstance(feeds, dict) else 0
    if isinstance(keep, int) and not isinstance(keep, bool) and keep >= 0:
        config.keep_days = keep
    else:
        config.problems.append(
            f"{path.name}: feeds.keep_days must be a whole number of days, 0 or more; keeping all"
        )
    if "browser" in data:
        config.browser, problem = _browser(data["browser"])
        if problem:
            config.problems.append(f"{path.name}: {problem}")
    return config


def _browser(value: object) -> tuple[str | None, str | None]:
    """The `browser` command line, or None with why it cannot be used ("" is "not set")."""
    if not isinstance(value, str):
        return None, 'browser must be a command line such as "w3m %u"; using the system browser'
    command = " ".join(value.split())  # one line: a newline in it would run a second command
    if not command:
        return None, None
    import shlex  # here: only a config.toml that sets a browser needs it

    try:
        words = shlex.split(command)
    except ValueError as exc:
        return None, f"browser {command!r} cannot be read ({exc}); using the system browser"
    if not words:
        return None, None
    return command, None
