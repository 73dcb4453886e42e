"""Writing user files safely: the one atomic write, the one lock, and locked JSON documents.

Every file a user would miss (bookmarks, subscriptions, read and fetch state, UI state, follows and
corrections) is written here: a temp file in the same directory, fsync, `os.replace`, fsync of the
directory, so a reader only ever sees the old file or the new one. Changes are made under a lock
(`<file>.lock`, an flock the OS drops when its holder dies) and applied to what is on disk at that
moment, so two running Dateline instances never lose each other's changes. A file that cannot be
parsed is moved aside to `<file>.corrupt-<timestamp>` and the caller is told where; nothing is
silently overwritten.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import json
import os
import re
import stat
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

TEMP_PREFIX = "."
TEMP_SUFFIX = ".tmp"


class LockTimeout(OSError):
    """Another Dateline held the lock for longer than we were willing to wait."""


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _fsync(path: str | os.PathLike[str], flags: int) -> None:
    """fsync what is at `path` (best effort: gone since, or on a filesystem that cannot, is left)."""
    try:
        fd = os.open(path, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def fsync_dir(directory: Path) -> None:
    """Make a rename in `directory` durable (best effort: some filesystems cannot)."""
    _fsync(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))


def _fsync_file(path: str) -> None:
    """Make the contents of the file at `path` durable (best effort, as `fsync_dir`)."""
    _fsync(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))


class BackgroundSync:
    """Files written without an fsync (`write_atomic(..., durable=False)`) made durable by a few
    threads while their writer goes on, and their directories once `wait` says they all are.

    Only what was written is synced: `os.sync()` flushed every filesystem on the machine. One
    fsync per file in the writer's own thread made a 10,000-article refresh take minutes; here
    they overlap with its work, and a few at a time share the filesystem's journal commits."""

    # Files are handed to the threads CHUNK at a time: a task per file woke a thread (a futex and
    # a GIL hand-over) for each of 10,000 articles while the writer went on.
    CHUNK = 32

    def __init__(self, threads: int = 8) -> None:
        self._threads = threads
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None
        self._pending: list[Future[None]] = []
        self._queued: list[str] = []
        self._directories: set[str] = set()

    def add(self, path: str | os.PathLike[str]) -> None:
        """Sync the file at `path` soon (after it was renamed into place)."""
        name = os.fspath(path)
        with self._lock:
            self._queued.append(name)
            self._directories.add(os.path.dirname(name) or os.curdir)
            if len(self._queued) >= self.CHUNK:
                self._submit_queued()

    def _submit_queued(self) -> None:
        """Hand the queued files to a thread (under `_lock`)."""
        if not self._queued:
            return
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self._threads, thread_name_prefix="dateline-fsync")
        self._pending.append(self._pool.submit(_fsync_files, self._queued))
        self._queued = []

    def wait(self) -> None:
        """Return once every file added so far, and then each of their directories, is synced."""
        with self._lock:
            self._submit_queued()
            pending, self._pending = self._pending, []
            directories, self._directories = self._directories, set()
            pool, self._pool = self._pool, None
        for future in pending:
            future.result()
        if pool is not None:
            pool.shutdown()
        for directory in sorted(directories):
            fsync_dir(Path(directory))


def _fsync_files(paths: list[str]) -> None:
    for path in paths:
        _fsync_file(path)


_temp_numbers = itertools.count()
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def _open_temp(path: Path) -> tuple[int, str]:
    """A new temp file beside `path`, created exclusively (mode 0600) and named so that
    `temp_files(path)` finds it; the parent directory is created if missing. No random names:
    pid, thread and a counter, which a feeds refresh writing 10,000 articles notices."""
    folder = os.fspath(path.parent)
    stem = f"{folder}{os.sep}{TEMP_PREFIX}{path.name}.{os.getpid()}-{threading.get_ident()}-"
    for _ in range(100):
        name = f"{stem}{next(_temp_numbers)}{TEMP_SUFFIX}"
        try:
            return os.open(name, _CREATE, 0o600), name
        except FileExistsError:
            continue  # left by a killed process that had this pid: the next number
        except FileNotFoundError:
            os.makedirs(folder, exist_ok=True)
    raise FileExistsError(errno.EEXIST, "no free temp file name", folder)


@contextlib.contextmanager
def _temp_copy(path: Path, data: bytes | str, *, durable: bool) -> Iterator[str]:
    """A temp file beside `path` holding `data` (fsynced when `durable`), removed afterwards unless
    the caller renamed it into place."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, temp_name = _open_temp(path)
    try:
        try:
            _write_all(fd, payload)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        yield temp_name
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)


def write_atomic(path: Path, data: bytes | str, *, durable: bool = True) -> None:
    """Replace `path` with `data` so that readers only ever see the old or the new file.

    Creates the parent directory. `durable=False` skips the fsyncs (for caches, where losing the
    last write to a power cut costs nothing but a recomputation). Raises OSError."""
    with _temp_copy(path, data, durable=durable) as temp_name:
        os.replace(temp_name, path)
    if durable:
        fsync_dir(path.parent)


def write_temp(path: Path, data: bytes | str) -> str:
    """A temp file beside `path` holding `data` (not fsynced), named as `write_atomic`'s are, for
    a caller that renames it into place later, maybe from another process, or removes it. If its
    writer dies first, `remove_orphan_temp_files` removes it. Raises OSError, leaving nothing."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, temp_name = _open_temp(path)
    try:
        try:
            _write_all(fd, payload)
        finally:
            os.close(fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    return temp_name


def write_new_file(path: Path, data: bytes | str) -> None:
    """Write `data` to `path`, which must not exist: never overwritten, even by a race, and never
    seen half-written (a temp file is hard-linked to the name). Creates the parent directory.
    Raises FileExistsError, or OSError with nothing left behind."""
    if path.exists():
        raise FileExistsError(f"{path} already exists (not overwritten)")
    with _temp_copy(path, data, durable=True) as temp_name:
        try:
            os.link(temp_name, path)  # fails if the name was taken meanwhile
        except FileExistsError:
            raise FileExistsError(f"{path} already exists (not overwritten)") from None
    fsync_dir(path.parent)


def temp_files(path: Path) -> list[Path]:
    """Temp files that `write_atomic(path, …)` writers left behind (killed mid-write)."""
    try:
        return [p for p in path.parent.glob(f"{TEMP_PREFIX}{path.name}.*{TEMP_SUFFIX}") if p.is_file()]
    except OSError:
        return []


def remove_stale_temp_files(path: Path, *, min_age: float = 60.0) -> None:
    """Remove temp files of `path` older than `min_age` seconds."""
    now = time.time()
    for temp in temp_files(path):
        with contextlib.suppress(OSError):
            if now - temp.stat().st_mtime >= min_age:
                temp.unlink()


_TEMP_NAME = re.compile(rf"^{re.escape(TEMP_PREFIX)}.+\.(\d+)-\d+-\d+{re.escape(TEMP_SUFFIX)}$")


def _writer_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: alive, someone else's
        return True
    return True


def remove_orphan_temp_files(folder: Path, *, min_age: float = 3600.0) -> int:
    """Remove the temp files `write_atomic` writers left in `folder` when they were killed: those
    whose writing process is gone, and any older than `min_age` seconds (its pid may have been
    reused). A live writer's fresh temp file is never touched. Returns how many were removed."""
    removed = 0
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        match = _TEMP_NAME.match(entry.name)
        if match is None:
            continue
        with contextlib.suppress(OSError):
            if not entry.is_file(follow_symlinks=False):
                continue
            if _writer_alive(int(match.group(1))) and now - entry.stat().st_mtime < min_age:
                continue
            os.unlink(entry.path)
            removed += 1
    return removed


def lock_path(path: Path) -> Path:
    """The lock file that guards `path`."""
    return path.with_name(path.name + ".lock")


@contextlib.contextmanager
def locked(path: Path, timeout: float = 5.0) -> Iterator[None]:
    """Hold the lock of `path` (raises LockTimeout after `timeout` seconds)."""
    from filelock import FileLock, Timeout  # here: reading a document never takes the lock

    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(lock_path(path)), timeout=timeout)
    try:
        lock.acquire()
    except Timeout as error:
        raise LockTimeout(f"{path} is locked by another Dateline (waited {timeout:g} s)") from error
    try:
        yield
    finally:
        lock.release()


def json_problem(error: BaseException) -> str:
    """One short line saying why a file's JSON could not be read."""
    if isinstance(error, RecursionError):
        return "JSON nested too deeply"
    text = str(error)
    if isinstance(error, ValueError) and "integer string conversion" in text:
        return "a number too long to read"
    return _short(text) or type(error).__name__


def _short(text: str, limit: int = 120) -> str:
    """An error text for one line (a decode error can quote a long stretch of the file)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def timestamp() -> str:
    """A file-name-safe UTC timestamp."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def move_aside(path: Path) -> Path:
    """Rename a damaged file to `<name>.corrupt-<timestamp>` (never over an earlier one)."""
    base = f"{path.name}.corrupt-{timestamp()}"
    target = path.with_name(base)
    number = 1
    while target.exists():
        target = path.with_name(f"{base}-{number}")
        number += 1
    os.replace(path, target)
    fsync_dir(path.parent)
    return target


class DocumentError(ValueError):
    """The document's content is not what its owner expects (raised by a `validate` function)."""


# Errors parsing damaged JSON can raise besides JSONDecodeError: RecursionError for arrays nested
# 200,000 deep, ValueError for a 5,000-digit number (the int-to-str limit), UnicodeDecodeError.
JSON_ERRORS: tuple[type[Exception], ...] = (ValueError, RecursionError, TypeError, KeyError)


def read_user_file(path: Path) -> bytes | None:
    """The bytes of a user file; None when it does not exist. Raises DocumentError when something
    else stands at its name (a directory, a FIFO, a device: moved aside like a damaged file, never
    read, so a FIFO cannot hang Dateline), OSError when it cannot be read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None
    except IsADirectoryError as error:
        raise DocumentError("a directory, not a file") from error
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise DocumentError("a directory, not a file")
        if not stat.S_ISREG(mode):
            raise DocumentError("not a regular file")
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


@dataclass
class JsonDocument:
    """A small JSON user file (an object), read and changed under its lock.

    `validate` turns parsed JSON into the owner's shape or raises DocumentError (or ValueError,
    TypeError, KeyError); a file that fails is moved aside and the message saying where is kept in
    `messages` for the caller to show. `default` makes the value for a missing or damaged file."""

    path: Path
    default: Callable[[], dict[str, Any]]
    validate: Callable[[Any], dict[str, Any]] = lambda data: data if isinstance(data, dict) else {}
    lock_timeout: float = 5.0
    messages: list[str] = field(default_factory=list)
    # Compact JSON for big documents (fetch.json: a record per item ever seen): the standard
    # library encodes in C only when not indented.
    compact: bool = False

    def _parse(self, raw: bytes) -> dict[str, Any]:
        try:
            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict):
                raise DocumentError("not a JSON object")
            return self.validate(data)
        except JSON_ERRORS as e:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
            raise DocumentError(json_problem(e)) from e

    def _read(self) -> bytes | None:
        return read_user_file(self.path)

    def _read_locked(self) -> dict[str, Any]:
        try:
            raw = self._read()
            if raw is None:
                return self.default()
            return self._parse(raw)
        except DocumentError as problem:
            moved = move_aside(self.path)
            self.messages.append(
                f"{self.path} was damaged ({problem}); it was moved to {moved}. Starting again from empty."
            )
            return self.default()

    def load(self) -> dict[str, Any]:
        """The document as it is now (a damaged file is moved aside, under the lock).

        Reading never waits for the lock unless the file is damaged; raises OSError only when the
        file exists and cannot be read."""
        try:
            raw = self._read()
            if raw is None:
                return self.default()
            return self._parse(raw)
        except DocumentError:
            with locked(self.path, self.lock_timeout):
                return self._read_locked()

    def peek(self) -> dict[str, Any] | None:
        """The document as it is now without moving a damaged file aside (None when damaged or
        unreadable): for a glance that cannot tell the user, so that the code that can (which
        calls `load`) still finds the damaged file and says so."""
        try:
            raw = self._read()
            return self.default() if raw is None else self._parse(raw)
        except (DocumentError, OSError):
            return None

    def update(self, change: Callable[[dict[str, Any]], dict[str, Any] | None]) -> dict[str, Any]:
        """Lock, re-read, apply `change` (it may mutate in place and return None), write atomically.

        Returns the document as written. Raises OSError (LockTimeout, disk full, read-only) with
        nothing on disk changed."""
        with locked(self.path, self.lock_timeout):
            remove_stale_temp_files(self.path, min_age=0.0)
            document = self._read_locked()
            changed = change(document)
            if changed is not None:
                document = changed
            if self.compact:
                text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
            else:
                text = json.dumps(document, ensure_ascii=False, indent=1)
            write_atomic(self.path, text + "\n")
            return document


class ListDocument:
    """A user file that holds one list, `{"version": 1, KEY: [entry, …]}` (followed names, saved
    searches, mute rules): the `JsonDocument` set-up, the messages and the removal they share."""

    def __init__(self, path: Path, key: str, validate: Callable[[Any], dict[str, Any]]) -> None:
        self.key = key
        self.document = JsonDocument(path, default=lambda: {"version": 1, key: []}, validate=validate)

    @property
    def messages(self) -> list[str]:
        """What the user must be told (a damaged file moved aside)."""
        return self.document.messages

    def entries(self) -> list[dict[str, Any]]:
        """The entries in the order they were added (a damaged file is moved aside and `messages`
        says where). Raises OSError when the file exists and cannot be read."""
        return list(self.document.load()[self.key])

    def remove_where(self, unwanted: Callable[[dict[str, Any]], bool]) -> bool:
        """Remove the entries `unwanted` picks (locked, re-read, written atomically); False when
        there was none."""
        removed = False

        def change(data: dict[str, Any]) -> None:
            nonlocal removed
            kept = [entry for entry in data[self.key] if not unwanted(entry)]
            removed, data[self.key] = len(kept) != len(data[self.key]), kept

        self.document.update(change)
        return removed
