"""Bookmarks are the only thing a user makes by hand, so every change is locked, merged and atomic.

The file is `config_dir()/bookmarks.json` (docs/ARCHITECTURE.md, "bookmarks.json"):
`{"version": 1, "bookmarks": [{"article_id", "title", "source", "added", "note"[, "moved_from"]}]}`.

A bookmark follows its article: an updated feed item is stored again under a new id (the id is the
hash of the body), so the refresh re-points the bookmarks of the items it replaced (`follow_moves`,
which knows the item by its GUID or link), and `follow` re-points those whose article is gone to the
one copy in the library with the same link or source (bookmarks made before this, or a refresh that
could not save them). The ids a bookmark had are kept in `moved_from`, so an old id still finds it.

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
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol, TypeVar

from tui.core.lazy import lazy_module
from tui.core.text import escape_markdown, markdown_link
from tui.store import atomic

# The file's format, re-exported: callers import the bookmark types from here.
from tui.store.bookmark_file import (
    FORMAT_VERSION,
    MAX_MOVED_FROM,
    Bookmark,
    BookmarkJson,
    BookmarksFile,
)
from tui.store.bookmark_file import Corrupt as _Corrupt
from tui.store.bookmark_file import Document as _Document
from tui.store.bookmark_file import bookmark_from as _bookmark_from
from tui.store.bookmark_file import parse as _parse
from tui.store.bookmark_file import read_file as _read_file
from tui.store.bookmark_file import serialise as _serialise
from tui.store.paths import config_dir

if TYPE_CHECKING:
    from tui.core import sanitize
else:  # imported when a bookmark is first read or made: the reader starts without it if none (issue 20)
    sanitize = lazy_module("tui.core.sanitize")

__all__ = [
    "FORMAT_VERSION",
    "Bookmark",
    "BookmarkError",
    "BookmarkJson",
    "BookmarkLockTimeout",
    "BookmarkStore",
    "BookmarksFile",
    "LibraryArticle",
    "Moved",
    "bookmarks_path",
    "follow_replaced",
]

FILE_NAME = "bookmarks.json"
# A writer only has a temp file while it holds the lock, so one seen under the lock belongs to a
# writer that died mid-save. Without the lock, only temp files older than this are cleaned up.
STALE_TEMP_SECONDS = 60.0

X = TypeVar("X")


class Moved(NamedTuple):
    """Where a bookmarked article went: its new id, and its title and source there."""

    id: str
    title: str
    source: str


class LibraryArticle(Protocol):
    """What `follow` needs of an article in the library (an `ArticleSummary` has it)."""

    @property
    def id(self) -> str: ...  # noqa: D102 - the fields of a summary
    @property
    def title(self) -> str: ...  # noqa: D102
    @property
    def source(self) -> str: ...  # noqa: D102
    @property
    def url(self) -> str | None: ...  # noqa: D102


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


def _moving(moves: Mapping[str, Moved]) -> _Change:
    """Re-point each bookmark whose article moved (following a chain of moves) to where it is now,
    its old id kept in `moved_from`. A bookmark moved onto an article already bookmarked is merged
    into it (the one added first stays, with the other's note if it had none)."""

    def destination(article_id: str) -> Moved | None:
        seen = {article_id}
        found = moves.get(article_id)
        while found is not None and found.id in moves and found.id not in seen:
            seen.add(found.id)
            found = moves[found.id]
        return found if found is not None and found.id != article_id else None

    def apply(bookmarks: list[Bookmark]) -> list[Bookmark]:
        result: list[Bookmark] = []
        for bookmark in bookmarks:
            moved = destination(bookmark.article_id)
            if moved is not None:
                earlier = (*bookmark.moved_from, bookmark.article_id)
                bookmark = replace(
                    bookmark,
                    article_id=moved.id,
                    title=sanitize.clean_line(moved.title) or bookmark.title,
                    source=sanitize.clean_line(moved.source) or bookmark.source,
                    moved_from=tuple(i for i in earlier if i != moved.id)[-MAX_MOVED_FROM:],
                )
            index = next((n for n, b in enumerate(result) if b.article_id == bookmark.article_id), None)
            if index is None:
                result.append(bookmark)
                continue
            kept = result[index]
            result[index] = replace(
                kept,
                note=kept.note or bookmark.note,
                moved_from=tuple(dict.fromkeys((*kept.moved_from, *bookmark.moved_from)))[-MAX_MOVED_FROM:],
            )
        return result

    return apply


def _names_a_place(source: str) -> bool:
    """Whether a source names one article's place (a file path or a web address), not an outlet
    (a bare "Reuters" names every article of that outlet)."""
    return "/" in source or "\\" in source


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
        self._seen_file: tuple[int, int, int] | None = None  # the file as last read or written

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

    def find(self, article_id: str) -> Bookmark | None:
        """The bookmark of `article_id`, or the one whose article had that id before it moved."""
        return self.get(article_id) or next((b for b in self._bookmarks if article_id in b.moved_from), None)

    def _file_signature(self) -> tuple[int, int, int] | None:
        try:
            info = os.stat(self.path)
        except OSError:
            return None
        return (info.st_mtime_ns, info.st_size, info.st_ino)

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
            self._seen_file = self._file_signature()
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
        return f"{self.path} was damaged ({problem}); it was moved to {moved}. Starting with no bookmarks."

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
        self._seen_file = self._file_signature()

    def add(self, article_id: str, title: str, source: str, note: str = "") -> Bookmark:
        """Bookmark an article (an existing bookmark is kept; a given note replaces its note)."""
        bookmark = Bookmark(
            article_id=sanitize.clean_line(article_id),
            title=sanitize.clean_line(title),
            source=sanitize.clean_line(source),
            added=now_iso(),
            note=sanitize.clean_text(note).strip(),
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
        self._change(_setting_note(article_id, sanitize.clean_text(note).strip()))

    def restore(self, bookmark: Bookmark) -> None:
        """Undo a removal: put the bookmark back as it was (same date added and note)."""
        self._change(_restoring(bookmark))

    # -- following articles that moved ---------------------------------------------------------

    def follow_moves(self, moves: Mapping[str, Moved]) -> int:
        """Re-point the bookmarks of articles that moved (old id -> where it is now: what a refresh
        replaced) and save; return how many moved. Raises BookmarkError when it cannot be saved
        (the move is kept in memory as any change is)."""
        with self._guard:
            moving = _moving(moves)
            before = self._bookmarks
            after = moving(before)
            if after == before:
                return 0
            if self.read_only:  # a newer format's file is never written: followed in memory only
                self._bookmarks = after
            else:
                self._change(moving)
            return sum(1 for b in before if b.article_id in moves)

    def follow(self, articles: Iterable[LibraryArticle]) -> int:
        """Re-point the bookmarks whose article is not among `articles` (the whole library, never
        a filtered part of it) and save; return how many moved. Never raises: a failed save is
        kept for later (`take_messages` says so) and the bookmarks are followed in memory.

        A bookmark whose article is gone is first looked for in the file, in case another process
        (a refresh) re-pointed it; then by its source, which for a feed article is its link: the one
        article in the library with that link (or source) is its updated copy. A bare source name
        ("Reuters") must also have the same title."""
        with self._guard:
            articles = list(articles)
            ids = {a.id for a in articles}
            if all(b.article_id in ids for b in self._bookmarks):
                return 0
            if self._file_signature() != self._seen_file:
                self._messages.extend(self.load())
            by_link: dict[str, LibraryArticle | None] = {}
            for article in articles:
                for link in {article.source, article.url or ""} - {""}:
                    by_link[link] = None if link in by_link else article  # only a unique one
            moves: dict[str, Moved] = {}
            for bookmark in self._bookmarks:
                if bookmark.article_id in ids or not bookmark.source:
                    continue
                found = by_link.get(bookmark.source)
                if found is None or (not _names_a_place(bookmark.source) and found.title != bookmark.title):
                    continue
                moves[bookmark.article_id] = Moved(found.id, found.title, found.source)
            if not moves:
                return 0
            try:
                return self.follow_moves(moves)
            except BookmarkError as error:
                self._messages.append(str(error))
                self._bookmarks = _moving(moves)(self._bookmarks)  # followed here all the same
                return len(moves)

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
            lines.append(f"- **{title}** — {source} (added {bookmark.added}, id `{bookmark.article_id}`)")
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


def follow_replaced(
    replaced: Mapping[str, str], articles_dir: Path | None, path: Path | None = None
) -> list[str]:
    """After a refresh: the bookmarks of the articles it replaced (old id -> new id; the refresh
    knew each item by its GUID or link) follow them to their new id, with the title and source of
    the new copy (`<id>.json` in `articles_dir`). Returns what the user must be told; never raises
    for a bookmarks file that cannot be read or saved (`follow` finds them again later)."""
    if not replaced:
        return []
    store = BookmarkStore(path, keep_unsaved=False)
    messages = store.load()
    moves: dict[str, Moved] = {}
    for bookmark in store.bookmarks:
        new_id = replaced.get(bookmark.article_id)
        if new_id is not None:
            moves[bookmark.article_id] = Moved(new_id, *_title_and_source(articles_dir, new_id))
    try:
        store.follow_moves(moves)
    except BookmarkError as error:
        messages.append(str(error))
    return [*messages, *store.take_messages()]


def _title_and_source(articles_dir: Path | None, article_id: str) -> tuple[str, str]:
    """The title and source an article file says ("" for what it does not: the bookmark keeps its
    own)."""
    if articles_dir is None:
        return "", ""
    try:
        stored = json.loads((articles_dir / f"{article_id}.json").read_bytes())
    except (OSError, ValueError, RecursionError):
        return "", ""
    if not isinstance(stored, dict):
        return "", ""
    title, source = stored.get("title"), stored.get("source")
    return (title if isinstance(title, str) else ""), (source if isinstance(source, str) else "")
