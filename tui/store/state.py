"""UI state Dateline remembers between runs (sort order, hidden groups, theme, facts pane, whether
the list hides read articles).

Kept apart from config.toml, which is the user's and only ever read: `state_dir()/ui.json`, written
atomically under its lock; a damaged file is moved aside and the message kept for the UI to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from tui.core.labels import LABEL_GROUPS
from tui.store.atomic import JsonDocument
from tui.store.library import SortKey
from tui.store.paths import state_dir

VERSION = 1
SORTS: tuple[str, ...] = get_args(SortKey)


@dataclass
class UiState:
    """What the UI remembers. `hidden_groups` None: nothing saved yet (config.toml's value applies)."""

    sort: SortKey = "date"
    hidden_groups: set[str] | None = None
    theme: str | None = None
    hide_facts: bool = False
    hide_read: bool = False  # the list shows unread articles only (`l`, issue 21)


def ui_state_path() -> Path:
    """Where the UI state lives."""
    return state_dir() / "ui.json"


def _validate(data: Any) -> dict[str, Any]:
    """The fields that make sense; a field of the wrong type is dropped, not the whole file."""
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    clean: dict[str, Any] = {"version": VERSION}
    if data.get("sort") in SORTS:
        clean["sort"] = data["sort"]
    hidden = data.get("hidden_groups")
    if isinstance(hidden, list):
        clean["hidden_groups"] = [g for g in hidden if isinstance(g, str) and g in LABEL_GROUPS]
    if isinstance(data.get("theme"), str) and data["theme"]:
        clean["theme"] = data["theme"]
    if isinstance(data.get("hide_facts"), bool):
        clean["hide_facts"] = data["hide_facts"]
    if isinstance(data.get("hide_read"), bool):
        clean["hide_read"] = data["hide_read"]
    return clean


def _to_json(state: UiState) -> dict[str, Any]:
    data: dict[str, Any] = {
        "version": VERSION,
        "sort": state.sort,
        "hide_facts": state.hide_facts,
        "hide_read": state.hide_read,
    }
    if state.hidden_groups is not None:
        data["hidden_groups"] = [g for g in LABEL_GROUPS if g in state.hidden_groups]
    if state.theme:
        data["theme"] = state.theme
    return data


@dataclass
class UiStateFile:
    """Load and save `UiState`; `messages` says what went wrong (for the UI to show)."""

    path: Path = field(default_factory=ui_state_path)
    lock_timeout: float = 0.5  # saved on the UI thread: never freeze the screen on another's lock

    def __post_init__(self) -> None:
        self.document = JsonDocument(
            self.path,
            default=lambda: {"version": VERSION},
            validate=_validate,
            lock_timeout=self.lock_timeout,
        )

    @property
    def messages(self) -> list[str]:
        """Problems met so far (a damaged file moved aside)."""
        return self.document.messages

    def load(self) -> UiState:
        """The saved state, or the defaults; OSError only when the file exists and cannot be read."""
        data = self.document.load()
        hidden = data.get("hidden_groups")
        return UiState(
            sort=data.get("sort", "date"),
            hidden_groups=set(hidden) if isinstance(hidden, list) else None,
            theme=data.get("theme"),
            hide_facts=bool(data.get("hide_facts", False)),
            hide_read=bool(data.get("hide_read", False)),
        )

    def save(self, state: UiState) -> None:
        """Write the state (raises OSError, e.g. a lock held too long or a read-only disk)."""
        self.document.update(lambda _old: _to_json(state))
