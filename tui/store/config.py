"""Optional user settings in config.toml: entity colour overrides and hidden entity groups.

A broken config never stops the app: problems come back as messages and defaults are used.
"""

from __future__ import annotations

import json
import os
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from tui.core.labels import LABEL_GROUPS, validate_colors
from tui.store.paths import config_dir


@dataclass
class Config:
    """Settings as loaded; `problems` are messages for the user."""

    colors: dict[str, str] = field(default_factory=dict)
    hidden_groups: set[str] = field(default_factory=set)
    refresh_minutes: int = 30  # [feeds] refresh_minutes: how often the running reader refreshes; 0 = off
    problems: list[str] = field(default_factory=list)


def config_path() -> Path:
    """Where config.toml lives."""
    return config_dir() / "config.toml"


def load_config(path: Path | None = None) -> Config:
    """Read config.toml (missing is fine); never raises for a bad file."""
    path = path or config_path()
    config = Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return config
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        config.problems.append(f"Ignoring {path}: {exc}")
        return config
    colors = data.get("colors", {})
    if isinstance(colors, dict):
        config.colors, problems = validate_colors(colors)
        config.problems.extend(f"{path}: {p}" for p in problems)
    display = data.get("display", {})
    hidden = display.get("hidden_groups", []) if isinstance(display, dict) else []
    if isinstance(hidden, list):
        config.hidden_groups = {g for g in hidden if isinstance(g, str) and g in LABEL_GROUPS}
    feeds = data.get("feeds", {})
    minutes = feeds.get("refresh_minutes", config.refresh_minutes) if isinstance(feeds, dict) else None
    if isinstance(minutes, int) and not isinstance(minutes, bool) and 0 <= minutes <= 7 * 24 * 60:
        config.refresh_minutes = minutes
    else:
        config.problems.append(
            f"{path}: [feeds] refresh_minutes must be a whole number of minutes from 0 (off) to 10080; "
            f"using {config.refresh_minutes}"
        )
    return config


def _toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def save_config(config: Config, path: Path | None = None) -> None:
    """Write config.toml atomically (raises OSError if it cannot)."""
    path = path or config_path()
    lines = ["# Dateline settings. Colours: any CSS-style colour per entity label.", "[colors]"]
    lines += [f"{label} = {_toml_string(color)}" for label, color in sorted(config.colors.items())]
    hidden = ", ".join(_toml_string(g) for g in LABEL_GROUPS if g in config.hidden_groups)
    lines += ["", "[display]", f"hidden_groups = [{hidden}]", ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".config.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
