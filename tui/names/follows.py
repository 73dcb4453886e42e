"""The names a user follows, in `config_dir()/follows.json` (locked, atomic, a damaged file moved
aside): `{"version": 1, "follows": [{"name", "label", "added"}]}`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tui.names.identity import KIND_OF_LABEL, identity_key, normalize_label
from tui.store.atomic import DocumentError, ListDocument
from tui.store.paths import config_dir

FOLLOWS_FILE = "follows.json"


@dataclass(frozen=True, slots=True)
class Follow:
    """One followed name; `label` is None when the user gave none (the library's label is shown)."""

    name: str
    label: str | None
    added: str

    @property
    def key(self) -> str:
        return identity_key(self.name, self.label)


def _validate(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise DocumentError("not a JSON object")
    items = data.get("follows", [])
    if not isinstance(items, list):
        raise DocumentError('"follows" must be a list')
    follows = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise DocumentError("each follow needs a name")
        label = item.get("label")
        if label is not None and label not in KIND_OF_LABEL:
            raise DocumentError(f"unknown label {label!r} for {item['name']!r}")
        follows.append({"name": item["name"], "label": label, "added": str(item.get("added", ""))})
    return {"version": 1, "follows": follows}


class Follows(ListDocument):
    """Load, add and remove followed names."""

    def __init__(self, path: Path | None = None) -> None:
        super().__init__(path if path is not None else config_dir() / FOLLOWS_FILE, "follows", _validate)

    def load(self) -> list[Follow]:
        """The followed names (a damaged file is moved aside and `messages` says where)."""
        return [Follow(f["name"], f["label"], f["added"]) for f in self.entries()]

    def peek(self) -> list[Follow] | None:
        """The followed names, or None when the file is damaged or unreadable, never moving it:
        for code that cannot tell the user, so the names code finds the damage and says so."""
        data = self.document.peek()
        if data is None:
            return None
        return [Follow(f["name"], f["label"], f["added"]) for f in data["follows"]]

    def add(self, name: str, label: str | None = None) -> bool:
        """Follow `name`; False if it was already followed (its label is updated if one is given)."""
        clean = " ".join(name.split())
        wanted = normalize_label(label) if label else None
        if not identity_key(clean):
            raise ValueError("a name to follow cannot be empty")
        added = False

        def change(data: dict[str, Any]) -> None:
            nonlocal added
            key = identity_key(clean)
            for item in data["follows"]:
                if identity_key(item["name"]) == key:
                    if wanted:
                        item["label"] = wanted
                    return
            data["follows"].append(
                {"name": clean, "label": wanted, "added": datetime.now(UTC).isoformat(timespec="seconds")}
            )
            added = True

        self.document.update(change)
        return added

    def remove(self, name: str) -> bool:
        """Stop following `name`; False if it was not followed."""
        key = identity_key(name)
        return self.remove_where(lambda item: identity_key(item["name"]) == key)
