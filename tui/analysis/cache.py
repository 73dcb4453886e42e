"""The analysis cache: analyses keyed by (article id, model name+version) in one SQLite file.

It lives in the cache dir (where: `tui.store.paths.CacheLayout`) and is safe to delete.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from tui.analysis.types import Analysis
from tui.store.cache_db import CacheDatabase, write_transaction

log = logging.getLogger("dateline.analysis_cache")
_T = TypeVar("_T")

# 2: nationalities and groups (NORP) have their own fact kind, "groups".
# 3: names typed from evidence (tui.analysis.nametypes).
_SCHEMA = 3
# The modules whose rules make an analysis: when any of them changes (an upgrade of Dateline),
# cached analyses are made again, as a new model version would make them. Every `name*.py` module
# counts, so that a new one cannot be forgotten here.
_RULE_MODULES = ("entities.py", "facts.py", "gazetteer.py")


def _rule_files() -> list[str]:
    here = Path(__file__).parent
    return [*_RULE_MODULES, *sorted(path.name for path in here.glob("name*.py"))]


def _rules_version() -> int:
    digest = zlib.crc32(str(_SCHEMA).encode())
    for name in _rule_files():
        try:
            digest = zlib.crc32((Path(__file__).parent / name).read_bytes(), digest)
        except OSError:
            digest = zlib.crc32(name.encode(), digest)
    return digest & 0x3FFFFFFF  # a positive 31-bit PRAGMA user_version


CACHE_SCHEMA = _rules_version()

_CACHE_TABLE = (
    "CREATE TABLE IF NOT EXISTS analysis (article_id TEXT, model TEXT, schema INTEGER,"
    " data BLOB, PRIMARY KEY (article_id, model))"
)


class AnalysisCache:
    """Analyses keyed by (article id, model name+version), in one SQLite file in the cache dir.

    A cache: a damaged file is started again, and no error here ever reaches the reader (a failed
    read is a miss, a failed write is logged)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = CacheDatabase(path, _CACHE_TABLE, CACHE_SCHEMA)

    def _safely(self, work: Callable[[sqlite3.Connection], _T], default: _T, what: str) -> _T:
        try:
            return self._db.run(work)
        except (sqlite3.Error, OSError):
            log.exception("analysis cache: could not %s", what)
            return default

    def get(self, article_id: str, model: str) -> Analysis | None:
        """The cached analysis, or None."""

        def work(conn: sqlite3.Connection) -> Any:
            return conn.execute(
                "SELECT data FROM analysis WHERE article_id=? AND model=?", (article_id, model)
            ).fetchone()

        row = self._safely(work, None, f"read {article_id}")
        if row is None:
            return None
        try:
            return Analysis.from_json(json.loads(zlib.decompress(row[0])))
        except (zlib.error, ValueError, KeyError, TypeError):
            log.exception("unreadable cache entry for %s", article_id)
            return None

    def put(self, analysis: Analysis) -> None:
        """Store an analysis (ignored if it has no model)."""
        self.put_many([analysis])

    def put_many(self, analyses: Iterable[Analysis]) -> None:
        """Store several analyses in one transaction."""
        rows = [
            (a.article_id, a.model, CACHE_SCHEMA, zlib.compress(json.dumps(a.to_json()).encode("utf-8")))
            for a in analyses
            if a.model is not None
        ]
        if not rows:
            return

        def work(conn: sqlite3.Connection) -> None:
            with write_transaction(conn):
                conn.executemany("INSERT OR REPLACE INTO analysis VALUES (?, ?, ?, ?)", rows)

        self._safely(work, None, f"store {len(rows)} analyses")

    def keys(self, model: str | None = None) -> list[tuple[str, str]]:
        """(article id, model) of every entry (of `model` only, if given)."""
        sql = "SELECT article_id, model FROM analysis"
        params: list[object] = []
        if model is not None:
            sql += " WHERE model=?"
            params.append(model)

        def work(conn: sqlite3.Connection) -> list[tuple[str, str]]:
            return [(str(a), str(m)) for a, m in conn.execute(sql, params).fetchall()]

        return self._safely(work, [], "list entries")

    def version(self) -> tuple[int, int, int] | None:
        """Changes whenever an entry is added or replaced (inode, highest rowid, rows): a cheap way
        to tell whether there is anything new. None when the cache cannot be read."""

        def work(conn: sqlite3.Connection) -> tuple[int, int, int] | None:
            highest, rows = conn.execute("SELECT max(rowid), count(*) FROM analysis").fetchone()
            inode = self._db.inode()
            return None if inode is None else (inode, int(highest or 0), int(rows))

        return self._safely(work, None, "read its version")

    def cached_ids(self, model: str) -> set[str]:
        """Ids of the articles cached for `model` (one query, nothing decompressed)."""
        return {article_id for article_id, _ in self.keys(model)}

    def close(self) -> None:
        """Close this thread's connection."""
        self._db.close()
