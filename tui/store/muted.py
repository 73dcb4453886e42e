"""The muted articles, kept in the library index (issue 21): the `muted` table of
`tui.store.index_schema`, which every `Library` query reads to leave them out unless asked
(`Library.including_muted`), and the stamp of what the set was worked out from.

The set is derived data (the rules live in the config dir, `tui.store.rules`; the library index
is a cache): `tui.names.muting` works it out with the query evaluator, which sits above this layer,
and writes it here. Muting never deletes anything: an article leaves the set when no rule matches
it any more."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from tui.store.cache_db import write_transaction
from tui.store.library import Library

_STAMP = "stamp"


def muted_ids(library: Library) -> set[str]:
    """The ids of the muted articles (an id need not be under this library's roots)."""
    rows = library._db.run(lambda conn: conn.execute("SELECT id FROM muted").fetchall())
    return {str(row[0]) for row in rows}


def muted_stamp(library: Library) -> str | None:
    """The stamp stored with the muted set (`set_muted`), None when it was never worked out."""
    rows = library._db.run(
        lambda conn: conn.execute("SELECT value FROM muted_state WHERE key = ?", (_STAMP,)).fetchall()
    )
    return str(rows[0][0]) if rows else None


def set_muted(library: Library, ids: Iterable[str], stamp: str) -> None:
    """Make `ids` the muted set, with the stamp of what it was worked out from (one transaction)."""
    wanted = sorted(set(ids))

    def work(conn: sqlite3.Connection) -> None:
        with write_transaction(conn):
            conn.execute("DELETE FROM muted")
            conn.executemany("INSERT INTO muted (id) VALUES (?)", [(i,) for i in wanted])
            conn.execute("INSERT OR REPLACE INTO muted_state (key, value) VALUES (?, ?)", (_STAMP, stamp))

    library._db.run(work)


def articles_stamp(library: Library) -> str:
    """Changes whenever articles are added to or removed from the index (refresh, feeds, import):
    a new article may match a mute rule, so the set is worked out again."""
    row = library._db.run(
        lambda conn: conn.execute(
            "SELECT COUNT(*), COALESCE(MAX(rowid), 0), COALESCE(SUM(rowid), 0) FROM articles"
        ).fetchone()
    )
    return "{}:{}:{}".format(*row)


__all__ = ["articles_stamp", "muted_ids", "muted_stamp", "set_muted"]
