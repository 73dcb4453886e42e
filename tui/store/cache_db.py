"""A rebuildable SQLite file in the cache dir, shared by the library index and the names index.

One connection per thread (WAL, busy timeout, so threads and processes can share the file), a
schema versioned with `PRAGMA user_version`, and a file that is corrupt, deleted or replaced
noticed and started again: it only ever holds data that can be derived again.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

log = logging.getLogger("dateline.cache_db")

_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26
_T = TypeVar("_T")


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One write transaction (taking the write lock at once: no upgrade deadlock between two
    writers); committed when the block ends, rolled back if it raises."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def is_corruption(error: sqlite3.Error) -> bool:
    """Whether `error` says the database file is damaged or not a database at all."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    message = str(error).lower()
    return "malformed" in message or "not a database" in message


class CacheDatabase:
    """`path` with `schema` at `version`; `on_discard` runs when a damaged file is thrown away."""

    def __init__(
        self,
        path: Path,
        schema: str,
        version: int,
        *,
        on_discard: Callable[[], None] | None = None,
    ) -> None:
        self.path = Path(path)
        self.schema = schema
        self.version = version
        self.on_discard = on_discard
        self._local = threading.local()
        self._reset_lock = threading.Lock()
        self.problem: str | None = None  # set when the file cannot be used (then: in memory)
        self._keepalive: sqlite3.Connection | None = None

    def inode(self) -> int | None:
        """The file's inode (None if there is no file): a change means it was replaced."""
        try:
            return os.stat(self.path).st_ino
        except OSError:
            return None

    def connection(self) -> sqlite3.Connection:
        """This thread's connection, reopened if the file was deleted or replaced meanwhile."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None and getattr(self._local, "inode", None) != self.inode():
            # Deleted or replaced (by the user, or by another thread or process that found it
            # corrupt): this connection points at a dead file.
            self.close()
            conn = None
        if conn is None:
            conn = self._open()
            self._local.conn = conn
            self._local.inode = self.inode()
        return conn

    def run(self, work: Callable[[sqlite3.Connection], _T]) -> _T:
        """Run `work` on this thread's connection; if the file turns out corrupt, start it again
        (empty) and run once more."""
        try:
            return work(self.connection())
        except sqlite3.DatabaseError as error:
            if not is_corruption(error):
                raise
        broken = getattr(self._local, "inode", None)
        self.close()
        if self.inode() == broken:  # not already replaced by someone else
            self.discard()
        return work(self.connection())

    def close(self) -> None:
        """Close this thread's connection (others close when their thread ends)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def discard(self) -> None:
        """Delete the damaged file and its WAL files."""
        log.warning("%s is damaged; starting it again", self.path)
        if self.on_discard is not None:
            self.on_discard()
        with self._reset_lock:
            for suffix in ("", "-wal", "-shm", "-journal"):
                try:
                    os.unlink(f"{self.path}{suffix}")
                except FileNotFoundError:
                    pass

    def _open(self) -> sqlite3.Connection:
        if self.problem is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                sqlite3.connect(self.path, timeout=10.0).close()
            except (OSError, sqlite3.OperationalError) as error:
                # An unwritable cache dir must not stop the reader: keep the data in memory,
                # shared by this process's threads, for this session only.
                self.problem = f"cannot use {self.path} ({error}); keeping it in memory this session"
                log.warning("%s", self.problem)
        target, uri = str(self.path), False
        if self.problem is not None:
            target, uri = f"file:dateline-{id(self)}?mode=memory&cache=shared", True
            if self._keepalive is None:  # a shared in-memory database lives while one connection does
                self._keepalive = sqlite3.connect(target, uri=True, check_same_thread=False)
        for attempt in range(2):
            conn = sqlite3.connect(target, timeout=10.0, isolation_level=None, uri=uri)
            try:
                self._prepare(conn)
                return conn
            except sqlite3.DatabaseError as error:
                conn.close()
                if attempt or not is_corruption(error):
                    raise
                self.discard()
        raise AssertionError("unreachable")

    def _prepare(self, conn: sqlite3.Connection) -> None:
        conn.execute("PRAGMA busy_timeout = 10000")
        _use_wal(conn)
        conn.execute("PRAGMA synchronous = NORMAL")
        if conn.execute("PRAGMA user_version").fetchone()[0] == self.version:
            return
        with write_transaction(conn):
            if conn.execute("PRAGMA user_version").fetchone()[0] != self.version:
                # Another layout: the data is derived, so start again. Virtual tables first,
                # since dropping one drops its shadow tables with it.
                tables = conn.execute(
                    "SELECT name, sql LIKE 'CREATE VIRTUAL%' FROM sqlite_master"
                    " WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 2 DESC"
                ).fetchall()
                for name, _ in tables:
                    conn.execute(f'DROP TABLE IF EXISTS "{name}"')
                for statement in self.schema.split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {self.version}")


def _use_wal(conn: sqlite3.Connection, patience: float = 10.0) -> None:
    """Switch the file to WAL. Two processes (or threads) opening a new file at once can both
    find it in rollback mode; SQLite then answers one of them "database is locked" at once,
    without calling the busy handler (to avoid a deadlock), so wait here and look again: the
    other one has usually switched it meanwhile."""
    deadline = time.monotonic() + patience
    delay = 0.005
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")  # in memory, it stays "memory"
            return
        except sqlite3.OperationalError as error:
            if ("locked" not in str(error) and "busy" not in str(error)) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.2)
