"""The user's saved searches and mute rules (issue 21): user data in the config dir, written like
bookmarks (through `tui.store.atomic.JsonDocument`: locked, re-read, written atomically; a damaged
file is moved aside and `messages` says where).

- `saved.json`: `{"version": 1, "saved": [{"name", "query", "added"}]}`: a saved search is a
  virtual feed, a name for a query; names are unique regardless of case.
- `mutes.json`: `{"version": 1, "mutes": [{"query", "added"}]}`: every article a rule's query
  matches, now or later, is muted (left out everywhere, never deleted: `tui.names.muting`).

Queries are stored as the user typed them (spaces collapsed) and evaluated when used, so a rule
follows the query language as it grows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tui.core.sanitize import clean_line
from tui.store.atomic import DocumentError, ListDocument
from tui.store.paths import config_dir

SAVED_FILE = "saved.json"
MUTES_FILE = "mutes.json"


@dataclass(frozen=True, slots=True)
class SavedSearch:
    """A named query shown as a virtual feed."""

    name: str
    query: str
    added: str = ""


@dataclass(frozen=True, slots=True)
class MuteRule:
    """A query whose articles are muted."""

    query: str
    added: str = ""


def clean_query(text: str) -> str:
    """A query as stored: one line, control characters removed, spaces collapsed."""
    return " ".join(clean_line(text).split())


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _entries(data: Any, key: str, fields: tuple[str, ...]) -> list[dict[str, str]]:
    if not isinstance(data, dict):
        raise DocumentError("not a JSON object")
    items = data.get(key, [])
    if not isinstance(items, list):
        raise DocumentError(f'"{key}" must be a list')
    entries = []
    for item in items:
        if not isinstance(item, dict) or not all(isinstance(item.get(f), str) and item[f] for f in fields):
            raise DocumentError(f"each entry of {key!r} needs {' and '.join(fields)}")
        entries.append({**{f: item[f] for f in fields}, "added": str(item.get("added", ""))})
    return entries


def _validate_saved(data: Any) -> dict[str, Any]:
    return {"version": 1, "saved": _entries(data, "saved", ("name", "query"))}


def _validate_mutes(data: Any) -> dict[str, Any]:
    return {"version": 1, "mutes": _entries(data, "mutes", ("query",))}


class SavedSearches(ListDocument):
    """Load, add and remove saved searches (`config_dir()/saved.json`)."""

    def __init__(self, path: Path | None = None) -> None:
        super().__init__(path if path is not None else config_dir() / SAVED_FILE, "saved", _validate_saved)

    def load(self) -> list[SavedSearch]:
        """The saved searches in the order they were added. Raises OSError when unreadable."""
        return [SavedSearch(e["name"], e["query"], e["added"]) for e in self.entries()]

    def find(self, name: str) -> SavedSearch | None:
        """The saved search called `name` (case and spacing aside)."""
        key = _name_key(name)
        return next((s for s in self.load() if _name_key(s.name) == key), None)

    def add(self, name: str, query: str) -> bool:
        """Save `query` as `name`; False when that name existed (its query is replaced). Raises
        ValueError for an empty name or query, OSError when the file cannot be written."""
        clean_name, clean = " ".join(clean_line(name).split()), clean_query(query)
        if not clean_name or not clean:
            raise ValueError("a saved search needs a name and a query")
        added = True

        def change(data: dict[str, Any]) -> None:
            nonlocal added
            for entry in data["saved"]:
                if _name_key(entry["name"]) == _name_key(clean_name):
                    entry["query"], added = clean, False
                    return
            data["saved"].append({"name": clean_name, "query": clean, "added": _now()})

        self.document.update(change)
        return added

    def remove(self, name: str) -> bool:
        """Forget the saved search `name`; False when there was none."""
        return self.remove_where(lambda entry: _name_key(entry["name"]) == _name_key(name))


class MuteRules(ListDocument):
    """Load, add and remove mute rules (`config_dir()/mutes.json`)."""

    def __init__(self, path: Path | None = None) -> None:
        super().__init__(path if path is not None else config_dir() / MUTES_FILE, "mutes", _validate_mutes)

    def load(self) -> list[MuteRule]:
        """The rules in the order they were added. Raises OSError when unreadable."""
        return [MuteRule(e["query"], e["added"]) for e in self.entries()]

    def add(self, query: str) -> bool:
        """Add a rule; False when it was there already. Raises ValueError for an empty query,
        OSError when the file cannot be written."""
        clean = clean_query(query)
        if not clean:
            raise ValueError("a mute rule needs a query")
        added = False

        def change(data: dict[str, Any]) -> None:
            nonlocal added
            if all(e["query"] != clean for e in data["mutes"]):
                data["mutes"].append({"query": clean, "added": _now()})
                added = True

        self.document.update(change)
        return added

    def remove(self, query: str) -> bool:
        """Remove the rule with this query (as `mute list` shows it); False when there was none."""
        clean = clean_query(query)
        return self.remove_where(lambda entry: entry["query"] == clean)


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


__all__ = ["MUTES_FILE", "SAVED_FILE", "MuteRule", "MuteRules", "SavedSearch", "SavedSearches", "clean_query"]
