"""Which articles the user has read: `state_dir()/read.json`, atomic and locked like every user file.

Only articles that `dateline refresh` stored (or that the user marked unread by hand) can be unread:
they are "tracked". Bundled samples and imports are never tracked, so they count as read and the
list does not light up with everything a user already had before following feeds.

File: `{"version": 1, "read": [ids...], "tracked": [ids...]}`; an article is unread when it is
tracked and not in "read".
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tui.store.atomic import DocumentError, JsonDocument
from tui.store.paths import state_dir

FORMAT_VERSION = 1


def read_state_path() -> Path:
    """Where the read state lives."""
    return state_dir() / "read.json"


def _default() -> dict[str, Any]:
    return {"version": FORMAT_VERSION, "read": [], "tracked": []}


def _ids(value: Any, key: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise DocumentError(f'"{key}" is not a list of article ids')
    return list(dict.fromkeys(value))


def _validate(data: Any) -> dict[str, Any]:
    version = data.get("version", FORMAT_VERSION)
    if not isinstance(version, int):
        raise DocumentError('"version" is not a number')
    return {
        "version": version,
        "read": _ids(data.get("read"), "read"),
        "tracked": _ids(data.get("tracked"), "tracked"),
    }


class ReadState:
    """Read and unread articles. `load()` reads the file; `mark()` and `track()` change it on disk
    (under the lock, merged with what another Dateline wrote) and in memory. Problems with the file
    (moved aside because it was damaged) are in `messages`."""

    def __init__(self, path: Path | None = None) -> None:
        self.document = JsonDocument(path or read_state_path(), default=_default, validate=_validate)
        self._read: set[str] = set()
        self._tracked: set[str] = set()

    @property
    def path(self) -> Path:
        """The read-state file."""
        return self.document.path

    @property
    def messages(self) -> list[str]:
        """What the user should be told (a damaged file moved aside)."""
        return self.document.messages

    def _take(self, document: dict[str, Any]) -> None:
        self._read = set(document["read"])
        self._tracked = set(document["tracked"])

    def load(self) -> None:
        """Read the file (a missing file means nothing tracked; raises OSError if unreadable)."""
        self._take(self.document.load())

    def is_read(self, article_id: str) -> bool:
        """Whether the article counts as read (untracked articles always do)."""
        return article_id not in self._tracked or article_id in self._read

    def knows(self, article_id: str) -> bool:
        """Whether the read state has a record of the article (tracked, or marked read): a feed
        article file that it does not know was stored by a refresh that never got to say so."""
        return article_id in self._tracked or article_id in self._read

    def unread(self, ids: Iterable[str]) -> set[str]:
        """Those of `ids` that are unread."""
        return {i for i in ids if i in self._tracked and i not in self._read}

    def mark(self, ids: Iterable[str], read: bool) -> None:
        """Mark articles read or unread (marking unread also tracks them). Raises OSError."""
        wanted = list(dict.fromkeys(ids))

        def change(document: dict[str, Any]) -> None:
            read_ids: list[str] = document["read"]
            tracked: list[str] = document["tracked"]
            if read:
                known = set(read_ids)
                read_ids.extend(i for i in wanted if i not in known)
            else:
                drop = set(wanted)
                document["read"] = [i for i in read_ids if i not in drop]
                present = set(tracked)
                tracked.extend(i for i in wanted if i not in present)

        self._take(self.document.update(change))

    def track(self, new_ids: Iterable[str], replaced: dict[str, str] | None = None) -> None:
        """Start tracking newly stored feed articles (unread until marked). `replaced` maps an
        old id to the id of its updated copy, which keeps the old one's read state."""
        fresh = list(dict.fromkeys(new_ids))
        swaps = dict(replaced or {})
        if not fresh and not swaps:
            return

        def change(document: dict[str, Any]) -> None:
            tracked = set(document["tracked"])
            read_ids = set(document["read"])
            for old, new in swaps.items():
                if old in tracked:
                    tracked.discard(old)
                    tracked.add(new)
                if old in read_ids:
                    read_ids.discard(old)
                    read_ids.add(new)
            tracked.update(fresh)
            document["tracked"] = sorted(tracked)
            document["read"] = sorted(read_ids)

        self._take(self.document.update(change))
