"""Bookmarks are the only thing a user makes by hand, so every change is locked, merged and atomic.

The file is `config_dir()/bookmarks.json` (docs/ARCHITECTURE.md, "bookmarks.json"):
`{"version": 1, "bookmarks": [{"article_id", "title", "source", "added", "note"}]}`.

Every mutation takes the lock (`bookmarks.json.lock`, an flock the OS drops when its holder dies),
re-reads the file, replays this store's unsaved changes onto what is on disk (so another process's
changes are never lost), writes a temp file in the same directory, fsyncs it, `os.replace`s it over
the old file and fsyncs the directory. A save that fails (lock held, disk full, read-only dir) keeps
the change in memory and is retried, merged again, on the next change or `save()`.
"""

from __future__ import annotations

import contextlib
import errno
import json
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypedDict, TypeVar

from tui.core.sanitize import clean_line, clean_text
from tui.core.text import escape_markdown, markdown_link
from tui.store import atomic
from tui.store.paths import config_dir

FORMAT_VERSION = 1
FILE_NAME = "bookmarks.json"
# A writer only has a temp file while it holds the lock, so one seen under the lock belongs to a
# writer that died mid-save. Without the lock, only temp files older than this are cleaned up.
STALE_TEMP_SECONDS = 60.0
_REQUIRED_FIELDS = ("article_id", "title", "source", "added")

X = TypeVar("X")


class BookmarkJson(TypedDict):
    """One entry of bookmarks.json (docs/ARCHITECTURE.md, "bookmarks.json")."""

    article_id: str
    title: str
    source: str
    added: str  # ISO-8601 with its UTC offset
    note: str


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


class BookmarkError(Exception):
    """A bookmark change could not be saved or applied; `str()` is one line for the user."""


class BookmarkLockTimeout(BookmarkError, atomic.LockTimeout):
    """Another process held the bookmarks lock for longer than the timeout."""


def bookmarks_path() -> Path:
    """Where bookmarks live: the config dir's bookmarks.json."""
    return config_dir() / FILE_NAME


def now_iso() -> str:
    """The current local time as ISO-8601 with its UTC offset, to the second."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "disk full"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied (read-only?)"
    return error.strerror or str(error) or type(error).__name__


# --- the file format -------------------------------------------------------------------------


class _Corrupt(Exception):
    """The file exists but is not a bookmarks file this build can read."""


@dataclass
class _Document:
    """What a bookmarks file holds, plus what must be written back untouched."""

    bookmarks: list[Bookmark] = field(default_factory=list)
    version: int = FORMAT_VERSION
    # Entries this build cannot read are written back as they were, never dropped.
    unreadable_entries: list[Any] = field(default_factory=list)
    extra_keys: dict[str, Any] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)


def _bookmark_from(entry: Any) -> Bookmark | str:
    """A Bookmark, or why the entry cannot be one."""
    if not isinstance(entry, dict):
        return f"not an object ({type(entry).__name__})"
    missing = [name for name in _REQUIRED_FIELDS if not isinstance(entry.get(name), str)]
    if missing:
        return "missing or non-text " + ", ".join(repr(name) for name in missing)
    article_id = clean_line(entry["article_id"])
    if not article_id:
        return "empty 'article_id'"
    note = entry.get("note", "")
    return Bookmark(
        article_id=article_id,
        title=clean_line(entry["title"]),
        source=clean_line(entry["source"]),
        added=clean_line(entry["added"]),
        note=clean_text(note).strip() if isinstance(note, str) else "",
    )


def _parse(data: bytes) -> _Document:
    """Parse the file's bytes; raise _Corrupt when they are not a bookmarks file."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _Corrupt(f"not UTF-8 text at byte {error.start}") from error
    if not text.strip():
        raise _Corrupt("the file is empty")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise _Corrupt(f"not valid JSON at line {error.lineno}: {error.msg}") from error
    except (RecursionError, ValueError) as error:  # nested too deeply, a number too long to read
        raise _Corrupt(atomic.json_problem(error)) from error
    if not isinstance(raw, dict):
        raise _Corrupt(f"expected a JSON object, found {type(raw).__name__}")
    version = raw.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _Corrupt(f"no valid 'version' (found {version!r})")
    entries = raw.get("bookmarks")
    if not isinstance(entries, list):
        raise _Corrupt(f"'bookmarks' is not a list (found {type(entries).__name__})")
    document = _Document(
        version=version,
        extra_keys={k: v for k, v in raw.items() if k not in ("version", "bookmarks")},
    )
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        parsed = _bookmark_from(entry)
        if isinstance(parsed, str):
            document.unreadable_entries.append(entry)
            document.skipped.append(f"entry {number}: {parsed}")
        elif parsed.article_id not in seen:
            seen.add(parsed.article_id)
            document.bookmarks.append(parsed)
    return document


def _read_file(path: Path) -> bytes | None:
    """The file's bytes (None when missing); _Corrupt when a directory or a device stands there."""
    try:
        return atomic.read_user_file(path)
    except atomic.DocumentError as problem:
        raise _Corrupt(str(problem)) from problem


def _bookmark_json(bookmark: Bookmark) -> BookmarkJson:
    return {
        "article_id": bookmark.article_id,
        "title": bookmark.title,
        "source": bookmark.source,
        "added": bookmark.added,
        "note": bookmark.note,
    }


def _serialise(document: _Document) -> bytes:
    known: BookmarksFile = {
        "version": FORMAT_VERSION,
        "bookmarks": [_bookmark_json(b) for b in document.bookmarks],
    }
    # Keys and entries this build does not know are written back where they were.
    entries: list[Any] = [*known["bookmarks"], *document.unreadable_entries]
    raw = {"version": known["version"], **document.extra_keys, "bookmarks": entries}
    return (json.dumps(raw, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# --- changes, kept as replayable functions so they can be merged onto whatever is on disk --------

_Change = Callable[[list[Bookmark]], list[Bookmark]]


def _adding(bookmark: Bookmark, *, update_note: bool) -> _Change:
    def apply(bookmarks: list[Bookmark]) -> list[Bookmark]:
        for index, existing in enumerate(bookmarks):
            if existing.article_id == bookmark.article_id:
                if update_note and existing.note != bookmark.note:
                    bookmarks = list(bookmarks)
                    bookmarks[index] = replace(existing, note=bookmark.note)
                return bookmarks
        return [*bookmarks, bookmark]

    return apply


def _removing(article_id: str) -> _Change:
    def apply(bookmarks: list[Bookmark]) -> list[Bookmark]:
        return [b for b in bookmarks if b.article_id != article_id]

    return apply


def _setting_note(article_id: str, note: str) -> _Change:
    def apply(bookmarks: list[Bookmark]) -> list[Bookmark]:
        return [replace(b, note=note) if b.article_id == article_id else b for b in bookmarks]

    return apply


def _added_at(bookmark: Bookmark) -> datetime | None:
    try:
        moment = datetime.fromisoformat(bookmark.added)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _restoring(bookmark: Bookmark) -> _Change:
    """Put a removed bookmark back where it was: before the first one added after it."""

    def apply(bookmarks: list[Bookmark]) -> list[Bookmark]:
        if any(b.article_id == bookmark.article_id for b in bookmarks):
            return bookmarks
        moment = _added_at(bookmark)
        if moment is not None:
            for index, existing in enumerate(bookmarks):
                other = _added_at(existing)
                if other is not None and other > moment:
                    return [*bookmarks[:index], bookmark, *bookmarks[index:]]
        return [*bookmarks, bookmark]

    return apply


def _importing(incoming: list[Bookmark], counter: list[int]) -> _Change:
    def apply(bookmarks: list[Bookmark]) -> list[Bookmark]:
        present = {b.article_id for b in bookmarks}
        new = [b for b in incoming if b.article_id not in present]
        counter[0] = len(new)
        return [*bookmarks, *new]

    return apply


# --- the store -------------------------------------------------------------------------------


class BookmarkStore:
    """The user's bookmarks, in memory and in the bookmarks file."""

    def __init__(
        self, path: Path | None = None, *, lock_timeout: float = 5.0, keep_unsaved: bool = True
    ) -> None:
        """Does not touch the disk: call `load()`. `path` defaults to `bookmarks_path()`.

        `keep_unsaved`: a change that could not be saved stays in memory and is retried at the next
        change (the reader); False for a process about to end (the CLI): it is dropped, and the
        error says it was not saved."""
        self.path = Path(path) if path is not None else bookmarks_path()
        self.keep_unsaved = keep_unsaved
        self.lock_path = atomic.lock_path(self.path)
        self.lock_timeout = lock_timeout
        self.read_only = False
        self._newer_version: int | None = None
        self._bookmarks: list[Bookmark] = []
        self._unsaved: list[_Change] = []
        self._messages: list[str] = []
        self._guard = threading.RLock()

    # -- reading ---------------------------------------------------------------------------

    @property
    def bookmarks(self) -> list[Bookmark]:
        """All bookmarks, oldest first (newest last)."""
        return list(self._bookmarks)

    @property
    def pending(self) -> bool:
        """True when some changes are only in memory (the last save failed)."""
        return bool(self._unsaved)

    def get(self, article_id: str) -> Bookmark | None:
        """The bookmark for `article_id`, if any."""
        return next((b for b in self._bookmarks if b.article_id == article_id), None)

    def is_bookmarked(self, article_id: str) -> bool:
        """Whether `article_id` is bookmarked."""
        return self.get(article_id) is not None

    def take_messages(self) -> list[str]:
        """User-facing notices gathered during changes (e.g. a damaged file moved aside)."""
        messages, self._messages = self._messages, []
        return messages

    def load(self) -> list[str]:
        """Read the file into memory; return messages for the user. Never raises for bad files.

        Changes still pending from a failed save are kept and shown on top of what was read.
        """
        with self._guard:
            messages: list[str] = []
            self.read_only = False
            self._newer_version = None
            atomic.remove_stale_temp_files(self.path, min_age=STALE_TEMP_SECONDS)
            document = self._read_for_load(messages)
            if document.version > FORMAT_VERSION:
                messages.append(
                    f"{self.path} was written by a newer Dateline (format {document.version}); "
                    "bookmarks are read-only and the file will not be changed."
                )
                dropped = self._become_read_only(document.version)
                if dropped:
                    messages.append(f"{dropped} unsaved bookmark change(s) dropped.")
            elif document.skipped:
                messages.append(
                    f"Skipped {len(document.skipped)} unreadable bookmark(s) in {self.path} "
                    f"({'; '.join(document.skipped[:3])}); they are kept in the file."
                )
            self._bookmarks = self._replayed(document.bookmarks)
            return messages

    def _become_read_only(self, version: int) -> int:
        """The file is of a newer format: stop changing it; return how many changes were dropped."""
        dropped = len(self._unsaved)
        self.read_only = True
        self._newer_version = version
        self._unsaved = []
        return dropped

    def _replayed(self, bookmarks: list[Bookmark]) -> list[Bookmark]:
        """`bookmarks` with this store's unsaved changes applied."""
        for change in self._unsaved:
            bookmarks = change(bookmarks)
        return bookmarks

    def _read_for_load(self, messages: list[str]) -> _Document:
        try:
            data = _read_file(self.path)
            if data is None:
                return _Document()
            return _parse(data)
        except OSError as error:
            messages.append(
                f"Could not read bookmarks from {self.path}: {_reason(error)}. "
                "Showing none; the file is left as it is."
            )
            return _Document()
        except _Corrupt as problem:
            recovered = self._set_aside_on_load(str(problem))
            if isinstance(recovered, str):
                messages.append(recovered)
                return _Document()
            return recovered

    def _set_aside_on_load(self, problem: str) -> _Document | str:
        """Under the lock, move a damaged file aside; return the message, or the file if it healed.

        The lock matters: without it we could rename a good file another process just wrote.
        """
        try:
            with self._locked():
                try:
                    data = _read_file(self.path)
                    if data is None:
                        return f"{self.path} was damaged ({problem}) and has since been removed."
                    document = _parse(data)
                except _Corrupt as still:
                    problem = str(still)
                else:
                    return document  # rewritten by another process since our first read
                moved = self._move_aside()
        except BookmarkError as error:
            return f"{self.path} is damaged ({problem}) and was left in place: {error}"
        except OSError as error:
            return (
                f"{self.path} is damaged ({problem}) and could not be moved aside: "
                f"{_reason(error)}. Showing no bookmarks."
            )
        return (
            f"{self.path} was damaged ({problem}); it was moved to {moved}. "
            "Starting with no bookmarks."
        )

    def _move_aside(self) -> Path:
        """Rename the damaged file to bookmarks.json.corrupt-<timestamp>; needs the lock held."""
        return atomic.move_aside(self.path)

    # -- the lock ----------------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        with contextlib.ExitStack() as stack:
            try:
                stack.enter_context(atomic.locked(self.path, self.lock_timeout))
            except atomic.LockTimeout as error:
                raise BookmarkLockTimeout(
                    f"locked by another Dateline (waited {self.lock_timeout:g} s for {self.lock_path})."
                ) from error
            yield

    # -- changing ------------------------------------------------------------------------------

    def _change(self, change: _Change) -> None:
        """Apply `change` in memory and save it, merged onto the file, under the lock."""
        with self._guard:
            if self.read_only:
                raise BookmarkError(
                    f"Bookmarks are read-only: {self.path} was written by a newer Dateline "
                    f"(format {self._newer_version}). Nothing was changed."
                )
            self._unsaved.append(change)
            self._bookmarks = change(self._bookmarks)
            self._save()

    def save(self) -> None:
        """Retry saving changes kept in memory after a failed save; no-op if nothing is pending."""
        with self._guard:
            if self._unsaved and not self.read_only:
                self._save()

    def _save(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._locked():
                self._save_locked()
        except BookmarkError as error:
            if not self.read_only:
                error.args = (f"Could not save bookmarks: {error} {self._kept_note()}",)
            raise
        except OSError as error:
            raise BookmarkError(
                f"Could not save bookmarks to {self.path}: {_reason(error)}. {self._kept_note()}"
            ) from error

    def _kept_note(self) -> str:
        if self.keep_unsaved:
            return "Kept in memory; will retry on next change."
        # Nothing will retry it: forget the change, and say so.
        self._unsaved = []
        return "It was NOT saved."

    def _save_locked(self) -> None:
        atomic.remove_stale_temp_files(self.path, min_age=0.0)
        try:
            data = _read_file(self.path)
            document = _Document() if data is None else _parse(data)
        except _Corrupt as problem:
            # Rebuild from the copy in memory, which is the last good state plus our changes.
            moved = self._move_aside()
            self._messages.append(
                f"{self.path} was damaged ({problem}); it was moved to {moved} and rewritten "
                "from the bookmarks in memory."
            )
            document = _Document(bookmarks=list(self._bookmarks))
        if document.version > FORMAT_VERSION:
            self._become_read_only(document.version)
            self._bookmarks = document.bookmarks
            raise BookmarkError(
                f"Bookmarks are read-only: {self.path} was just written by a newer Dateline "
                f"(format {document.version}). Your change was not saved."
            )
        merged = self._replayed(document.bookmarks)
        self._bookmarks = merged
        document.bookmarks = merged
        atomic.write_atomic(self.path, _serialise(document))
        self._unsaved = []

    def add(self, article_id: str, title: str, source: str, note: str = "") -> Bookmark:
        """Bookmark an article (an existing bookmark is kept; a given note replaces its note)."""
        bookmark = Bookmark(
            article_id=clean_line(article_id),
            title=clean_line(title),
            source=clean_line(source),
            added=now_iso(),
            note=clean_text(note).strip(),
        )
        if not bookmark.article_id:
            raise BookmarkError("Cannot bookmark an article without an id.")
        self._change(_adding(bookmark, update_note=bool(bookmark.note)))
        return self.get(bookmark.article_id) or bookmark

    def remove(self, article_id: str) -> Bookmark | None:
        """Remove a bookmark; return it (for undo) or None if it was not bookmarked."""
        existing = self.get(article_id)
        if existing is None:
            return None
        self._change(_removing(article_id))
        return existing

    def toggle(self, article_id: str, title: str, source: str) -> bool:
        """Bookmark or un-bookmark an article; True if it is now bookmarked."""
        if self.is_bookmarked(article_id):
            self.remove(article_id)
            return False
        self.add(article_id, title, source)
        return True

    def set_note(self, article_id: str, note: str) -> None:
        """Replace the note of a bookmark; KeyError if it is not bookmarked."""
        if not self.is_bookmarked(article_id):
            raise KeyError(article_id)
        self._change(_setting_note(article_id, clean_text(note).strip()))

    def restore(self, bookmark: Bookmark) -> None:
        """Undo a removal: put the bookmark back as it was (same date added and note)."""
        self._change(_restoring(bookmark))

    # -- import and export ------------------------------------------------------------------

    def export_json(self) -> str:
        """The bookmarks in the bookmarks.json format (importable with `import_json`)."""
        return _serialise(_Document(bookmarks=self.bookmarks)).decode("utf-8")

    def export_markdown(self, links: Mapping[str, str] | None = None) -> str:
        """The bookmarks as a Markdown list, newest first as the bookmarks screen shows them.

        `links` maps article ids to their web links: a bookmark whose article has one shows the
        link instead of the file it was read from."""
        lines = ["# Dateline bookmarks", ""]
        if not self._bookmarks:
            lines.append("_No bookmarks._")
        for bookmark in reversed(self._bookmarks):
            title = escape_markdown(bookmark.title or "(untitled)")
            # The web link (an autolink, unescaped), else the source: itself a link when it is one.
            source = (
                markdown_link((links or {}).get(bookmark.article_id, ""))
                or markdown_link(bookmark.source)
                or escape_markdown(bookmark.source)
            )
            lines.append(
                f"- **{title}** — {source} (added {bookmark.added}, id `{bookmark.article_id}`)"
            )
            for note_line in bookmark.note.splitlines():
                lines.append(f"  > {escape_markdown(note_line)}".rstrip())
        return "\n".join(lines) + "\n"

    def import_json(self, text: str) -> int:
        """Merge bookmarks from an export (no duplicates); return how many were added."""
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as error:
            raise BookmarkError(f"Not a bookmarks export: invalid JSON ({error.msg}).") from error
        except (RecursionError, ValueError) as error:  # nested too deeply, a number too long to read
            raise BookmarkError(f"Not a bookmarks export: {atomic.json_problem(error)}.") from error
        entries = raw.get("bookmarks") if isinstance(raw, dict) else raw
        if not isinstance(entries, list):
            raise BookmarkError("Not a bookmarks export: no list of bookmarks found.")
        incoming: list[Bookmark] = []
        seen: set[str] = set()
        for entry in entries:
            parsed = _bookmark_from(entry)
            if isinstance(parsed, Bookmark) and parsed.article_id not in seen:
                seen.add(parsed.article_id)
                incoming.append(parsed)
        if not incoming:
            return 0
        counter = [0]
        self._change(_importing(incoming, counter))
        return counter[0]

    # -- finding the article again -------------------------------------------------------------

    def resolve(
        self,
        bookmark: Bookmark,
        articles_by_id: Mapping[str, X],
        articles_by_source: Mapping[str, X],
    ) -> X | None:
        """The bookmarked article: by id, else by source (a lightly edited article), else None."""
        found = articles_by_id.get(bookmark.article_id)
        if found is None and bookmark.source:
            found = articles_by_source.get(bookmark.source)
        return found

