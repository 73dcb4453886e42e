"""The bookmarks file's format (docs/ARCHITECTURE.md, "bookmarks.json"): parsing it, entry by entry,
and writing it back with the entries and keys this build cannot read kept as they were. The store
(`tui.store.bookmarks`) does the locking and merging."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict

from tui.core.lazy import lazy_module
from tui.store import atomic

if TYPE_CHECKING:
    from tui.core import sanitize
else:  # imported with the first entry read: the reader starts without it if there is none (issue 20)
    sanitize = lazy_module("tui.core.sanitize")

FORMAT_VERSION = 1
_REQUIRED_FIELDS = ("article_id", "title", "source", "added")
# How many earlier ids a bookmark remembers (an item updated at every refresh must not grow it).
MAX_MOVED_FROM = 20


class BookmarkJson(TypedDict):
    """One entry of bookmarks.json (docs/ARCHITECTURE.md, "bookmarks.json")."""

    article_id: str
    title: str
    source: str
    added: str  # ISO-8601 with its UTC offset
    note: str
    moved_from: NotRequired[list[str]]  # the ids its article had before, oldest first


class BookmarksFile(TypedDict):
    """bookmarks.json, and the export that `import_json` reads back."""

    version: int
    bookmarks: list[BookmarkJson]


@dataclass(frozen=True)
class Bookmark:
    """One bookmarked article: enough to show it, and to find it again by id or by source."""

    article_id: str
    title: str
    source: str
    added: str  # ISO-8601 with timezone
    note: str = ""
    moved_from: tuple[str, ...] = ()  # the ids its article had before (an updated feed item)


class Corrupt(Exception):
    """The file exists but is not a bookmarks file this build can read."""


@dataclass
class Document:
    """What a bookmarks file holds, plus what must be written back untouched."""

    bookmarks: list[Bookmark] = field(default_factory=list)
    version: int = FORMAT_VERSION
    # Entries this build cannot read are written back as they were, never dropped.
    unreadable_entries: list[Any] = field(default_factory=list)
    extra_keys: dict[str, Any] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)


def bookmark_from(entry: Any) -> Bookmark | str:
    """A Bookmark, or why the entry cannot be one."""
    if not isinstance(entry, dict):
        return f"not an object ({type(entry).__name__})"
    missing = [name for name in _REQUIRED_FIELDS if not isinstance(entry.get(name), str)]
    if missing:
        return "missing or non-text " + ", ".join(repr(name) for name in missing)
    article_id = sanitize.clean_line(entry["article_id"])
    if not article_id:
        return "empty 'article_id'"
    note = entry.get("note", "")
    moved_from = entry.get("moved_from")
    if not isinstance(moved_from, list):
        moved_from = []
    earlier = [sanitize.clean_line(i) for i in moved_from if isinstance(i, str)]
    return Bookmark(
        article_id=article_id,
        title=sanitize.clean_line(entry["title"]),
        source=sanitize.clean_line(entry["source"]),
        added=sanitize.clean_line(entry["added"]),
        note=sanitize.clean_text(note).strip() if isinstance(note, str) else "",
        moved_from=tuple(dict.fromkeys(i for i in earlier if i and i != article_id))[-MAX_MOVED_FROM:],
    )


def parse(data: bytes) -> Document:
    """Parse the file's bytes; raise Corrupt when they are not a bookmarks file."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Corrupt(f"not UTF-8 text at byte {error.start}") from error
    if not text.strip():
        raise Corrupt("the file is empty")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise Corrupt(f"not valid JSON at line {error.lineno}: {error.msg}") from error
    except (RecursionError, ValueError) as error:  # nested too deeply, a number too long to read
        raise Corrupt(atomic.json_problem(error)) from error
    if not isinstance(raw, dict):
        raise Corrupt(f"expected a JSON object, found {type(raw).__name__}")
    version = raw.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise Corrupt(f"no valid 'version' (found {version!r})")
    entries = raw.get("bookmarks")
    if not isinstance(entries, list):
        raise Corrupt(f"'bookmarks' is not a list (found {type(entries).__name__})")
    document = Document(
        version=version,
        extra_keys={k: v for k, v in raw.items() if k not in ("version", "bookmarks")},
    )
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        parsed = bookmark_from(entry)
        if isinstance(parsed, str):
            document.unreadable_entries.append(entry)
            document.skipped.append(f"entry {number}: {parsed}")
        elif parsed.article_id not in seen:
            seen.add(parsed.article_id)
            document.bookmarks.append(parsed)
    return document


def read_file(path: Path) -> bytes | None:
    """The file's bytes (None when missing); Corrupt when a directory or a device stands there."""
    try:
        return atomic.read_user_file(path)
    except atomic.DocumentError as problem:
        raise Corrupt(str(problem)) from problem


def bookmark_json(bookmark: Bookmark) -> BookmarkJson:
    entry: BookmarkJson = {
        "article_id": bookmark.article_id,
        "title": bookmark.title,
        "source": bookmark.source,
        "added": bookmark.added,
        "note": bookmark.note,
    }
    if bookmark.moved_from:  # only then: a file whose bookmarks never moved stays as it was
        entry["moved_from"] = list(bookmark.moved_from)
    return entry


def serialise(document: Document) -> bytes:
    known: BookmarksFile = {
        "version": FORMAT_VERSION,
        "bookmarks": [bookmark_json(b) for b in document.bookmarks],
    }
    # Keys and entries this build does not know are written back where they were.
    entries: list[Any] = [*known["bookmarks"], *document.unreadable_entries]
    raw = {"version": known["version"], **document.extra_keys, "bookmarks": entries}
    return (json.dumps(raw, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
