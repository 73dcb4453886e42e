"""write_transaction: the one write transaction of every cache-dir index."""

from __future__ import annotations

import sqlite3

import pytest

from tui.store.cache_db import write_transaction


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
