"""write_transaction: the one write transaction of every cache-dir index."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from tui.store.cache_db import CacheDatabase, write_transaction


def test_a_write_transaction_commits_or_rolls_back_whole() -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("CREATE TABLE t (x INTEGER)")
    with write_transaction(conn):
        conn.execute("INSERT INTO t VALUES (1)")
        conn.execute("INSERT INTO t VALUES (2)")
    with pytest.raises(RuntimeError), write_transaction(conn):
        conn.execute("INSERT INTO t VALUES (3)")
        raise RuntimeError("half-way")
    assert not conn.in_transaction
    assert [x for (x,) in conn.execute("SELECT x FROM t ORDER BY x")] == [1, 2]
    with pytest.raises(sqlite3.OperationalError), write_transaction(conn):
        conn.execute("INSERT INTO t VALUES (4)")
        conn.execute("SELECT * FROM no_such_table")
    assert not conn.in_transaction
    assert [x for (x,) in conn.execute("SELECT x FROM t ORDER BY x")] == [1, 2]


def test_threads_opening_a_new_file_at_once_all_get_it(tmp_path: Path) -> None:
    """Several openers of a new file race to switch it to WAL; SQLite answers the losers
    "database is locked" without waiting, and none of them may fail for it (a CI failure)."""
    failures: list[BaseException] = []
    for trial in range(80):
        path = tmp_path / f"race{trial}.db"
        barrier = threading.Barrier(4)

        def open_it(path: Path = path, barrier: threading.Barrier = barrier) -> None:
            database = CacheDatabase(path, "CREATE TABLE t (a)", 1)
            barrier.wait()
            try:
                database.connection()
            except BaseException as error:  # noqa: BLE001 - reported below
                failures.append(error)

        threads = [threading.Thread(target=open_it) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failures == []
    check = sqlite3.connect(tmp_path / "race0.db")
    assert check.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    check.close()
