"""Where articles live and how they are found: files under roots, an SQLite/FTS5 index, imports."""

from __future__ import annotations

import bisect
import hashlib
import json
import logging
import os
import re
import sqlite3
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple, TypeVar

from tui.core import article as article_module
from tui.core import sanitize
from tui.core.article import Article
from tui.core.lazy import lazy_module
from tui.store import paths
from tui.store.cache_db import CacheDatabase, write_transaction

if TYPE_CHECKING:
    from tui.ingest import pipeline as ingest
    from tui.store import atomic
else:  # listing the index needs neither: the reader's first frame does not wait for them
    ingest = lazy_module("tui.ingest.pipeline")
    atomic = lazy_module("tui.store.atomic")

SCHEMA_VERSION = 4
SNIPPET_CHARS = 160
# How many files are ingested before their rows are committed, so other connections see progress
# without paying for a commit per file.
_BATCH_FILES = 200
_ELLIPSIS = "…"

_T = TypeVar("_T")
_log = logging.getLogger(__name__)
SortKey = Literal["date", "title", "source"]
ImportStatus = Literal["imported", "duplicate", "rejected"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    status TEXT NOT NULL,           -- 'ok', 'rejected' (kept until the file changes), 'error'
    reason TEXT NOT NULL DEFAULT '',
    parser TEXT NOT NULL DEFAULT '' -- fingerprint of the ingest code that read the file
);
CREATE TABLE IF NOT EXISTS articles (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    title TEXT NOT NULL,
    source TEXT NOT NULL,
    published TEXT,
    url TEXT,
    feed TEXT,                      -- the feed URL of an article stored by `dateline refresh`
    words INTEGER NOT NULL,
    path TEXT NOT NULL,
    item INTEGER NOT NULL,
    UNIQUE (path, item)
);
-- By id, covering what `first_summaries` counts (schema 4: a third of the time of a table scan).
CREATE INDEX IF NOT EXISTS articles_id ON articles (id, path, feed);
-- One per sort order (`_ORDER_BY`), each covering every column `summaries()` lists: the list is read
-- from the index alone, in order, without a look-up in the table per row (schema 4: a quarter less
-- time to list 10,000 articles before the first frame).
CREATE INDEX IF NOT EXISTS articles_by_date ON articles (
    published IS NULL, published DESC, title COLLATE NOCASE,
    id, source, words, path, item, url, feed
);
CREATE INDEX IF NOT EXISTS articles_by_title ON articles (
    title COLLATE NOCASE, published IS NULL, published DESC,
    id, source, words, path, item, url, feed
);
CREATE INDEX IF NOT EXISTS articles_by_source ON articles (
    source COLLATE NOCASE, published IS NULL, published DESC, title COLLATE NOCASE,
    id, words, path, item, url, feed
);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5 (
    title, body, tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3'
);
"""


class ArticleSummary(NamedTuple):
    """What the list shows for one article, straight from the index. `item` indexes the list
    `ingest.load_file(path)` returns.

    A named tuple (immutable, compared by value, like the frozen dataclass it was): `summaries()`
    makes one per indexed article before the reader's first frame, and a tuple is made in C, ten
    times faster than a frozen dataclass's `__init__` (about 12 ms of 10,000)."""

    id: str
    title: str
    source: str
    published: str | None
    words: int
    path: str
    item: int
    url: str | None = None
    feed: str | None = None


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A search result. `snippet` is plain text; `matches` are (start, end) offsets into it."""

    summary: ArticleSummary
    snippet: str
    matches: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class ImportResult:
    """The outcome of importing one article (or of one input that gave none)."""

    input: str
    status: ImportStatus
    reason: str
    article_id: str | None
    title: str
    notices: tuple[str, ...] = ()  # how the input was read, e.g. "not UTF-8: decoded as Windows-1252"


def _is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


# A URL of any scheme ("ftp://", "file:///"); "C:\\" and plain paths have no "//" after the colon.
_OTHER_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


class Library:
    """The articles under `roots`, indexed in `cache_dir`, with imports written to `user_dir`.

    Safe to use from several threads (one SQLite connection per thread) and from several
    processes at once (WAL mode, busy timeout)."""

    def __init__(
        self,
        roots: Sequence[Path],
        *,
        cache_dir: Path | None = None,
        user_dir: Path | None = None,
    ) -> None:
        self.user_dir = Path(os.path.abspath(user_dir)) if user_dir is not None else None
        resolved = [Path(os.path.abspath(root)) for root in roots]
        if self.user_dir is not None and self.user_dir not in resolved:
            resolved.append(self.user_dir)  # imports must show up in this library
        self.roots: tuple[Path, ...] = tuple(dict.fromkeys(resolved))
        self.cache_dir = Path(cache_dir) if cache_dir is not None else paths.cache_dir()
        self.index_path = paths.CacheLayout(self.cache_dir).library_index
        self._db = CacheDatabase(self.index_path, _SCHEMA, SCHEMA_VERSION)
        # The articles of the last big file indexed, so that opening it next (the app opens the
        # first article as soon as the list is up) does not read and parse it again.
        self._recent: tuple[str, tuple[int, int], list[Article]] | None = None
        # Big files whose rows are listed but whose text is not in the full-text index yet
        # (`refresh(defer_text=True)`, then `index_pending_text`): (path, stamp, [(rowid, title, body)]).
        self._pending_text: list[tuple[str, tuple[int, int], list[tuple[int, str, str]]]] = []

    @classmethod
    def default(cls) -> Library:
        """The bundled samples plus the user library; imports go to the user library."""
        return cls([paths.samples_dir(), paths.data_dir()], user_dir=paths.data_dir())

    @classmethod
    def for_paths(cls, paths_: Sequence[Path]) -> Library:
        """Just these files or folders (`dateline PATH...`); imports are refused."""
        return cls(paths_)

    # ----- connections -------------------------------------------------------------------

    def close(self) -> None:
        """Close this thread's connection to the index (others close when their thread ends)."""
        self._db.close()

    @property
    def index_problem(self) -> str | None:
        """Why the index is kept in memory (an unusable cache dir), or None."""
        return self._db.problem

    # ----- scope: the index is shared by every Library using the same cache dir -------------

    def _scope(self, column: str = "path") -> tuple[str, list[object]]:
        clauses: list[str] = []
        params: list[object] = []
        for root in self.roots:
            prefix = str(root).rstrip(os.sep) + os.sep
            clauses.append(f"({column} = ? OR substr({column}, 1, ?) = ?)")
            params += [str(root), len(prefix), prefix]
        return ("(" + " OR ".join(clauses) + ")" if clauses else "0"), params

    # ----- listing -----------------------------------------------------------------------

    def cached_summaries(self) -> list[ArticleSummary]:
        """Every article the index knows under the roots, newest first, without reading files."""
        return self.summaries("date")

    def summaries(self, sort: SortKey = "date") -> list[ArticleSummary]:
        """Every indexed article under the roots (one per id), sorted by date, title or source."""
        query, params = self._summaries_query(sort)
        return _distinct(self._db.run(lambda conn: conn.execute(query, params).fetchall()))

    def first_summaries(self, sort: SortKey, rows: int) -> tuple[list[ArticleSummary], int, bool]:
        """The first `rows` (at most) of `summaries(sort)`, how many it has and whether any is from
        a feed, from one snapshot, without making them all: what a screenful of the list needs
        (making 10,000 takes ~20 ms)."""
        query, params = self._summaries_query(sort)
        count_query, count_params = self._count_query()

        def work(conn: sqlite3.Connection) -> tuple[list[ArticleSummary], int, bool]:
            conn.execute("BEGIN")
            try:
                limit = max(rows, 0)
                while True:  # more rows while copies (one id in two files) leave fewer than wanted
                    found = conn.execute(f"{query} LIMIT ?", [*params, limit]).fetchall()
                    head = _distinct(found)
                    if len(head) >= rows or len(found) < limit:
                        break
                    limit *= 2
                count, feeds = conn.execute(count_query, count_params).fetchone()
            except BaseException:
                with suppress(sqlite3.Error):  # the first error is the one to tell (or to retry on)
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            return head[: max(rows, 0)], int(count), bool(feeds)

        return self._db.run(work)

    def _count_query(self) -> tuple[str, list[object]]:
        """How many articles `summaries()` lists, and whether any is from a feed (1 or 0)."""
        where, params = self._scope()
        feeds = "COALESCE(MAX(feed IS NOT NULL AND feed != ''), 0)"
        return f"SELECT COUNT(DISTINCT id), {feeds} FROM articles WHERE {where}", params

    def _summaries_query(self, sort: SortKey) -> tuple[str, list[object]]:
        """The SQL of `summaries(sort)` (answered from that order's covering index) and its
        parameters."""
        where, params = self._scope()
        columns = ", ".join(ArticleSummary._fields)
        return f"SELECT {columns} FROM articles WHERE {where} ORDER BY {_ORDER_BY[sort]}", params

    def links(self, ids: Collection[str]) -> dict[str, str]:
        """The web link of each of these articles that has one (from the index, no file read)."""
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        where, params = self._scope()
        marks = ",".join("?" * len(wanted))
        rows = self._db.run(
            lambda conn: conn.execute(
                f"SELECT id, url FROM articles WHERE id IN ({marks}) AND url IS NOT NULL AND url != '' "
                f"AND {where}",
                [*wanted, *params],
            ).fetchall()
        )
        return {str(article_id): str(url) for article_id, url in rows}

    @property
    def rejected(self) -> list[tuple[str, str]]:
        """Files under the roots that could not be ingested: (path, reason)."""
        where, params = self._scope()
        rows = self._db.run(
            lambda conn: conn.execute(
                f"SELECT path, reason FROM files WHERE status != 'ok' AND {where} ORDER BY path",
                params,
            ).fetchall()
        )
        return [(str(path), str(reason)) for path, reason in rows]

    # ----- refreshing the index ----------------------------------------------------------

    def _walk(self) -> Iterator[Path]:
        for root in self.roots:
            if root.is_dir():
                yield from ingest.iter_article_files([root])
            elif root.is_file():
                yield root

    @property
    def text_pending(self) -> bool:
        """Whether some listed articles are not in the full-text index yet (search misses them)."""
        return bool(self._pending_text)

    def refresh(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        *,
        defer_text: bool = False,
    ) -> list[ArticleSummary]:
        """Bring the index up to date with the files under the roots and return all summaries.

        Only new or changed files (mtime_ns, size) are read; rows of vanished files are dropped;
        files that fail to ingest are remembered with the reason until they change.
        `progress(done, total)` is called per changed file; `cancelled()` stops early (what was
        done is kept). With `defer_text`, the bodies of big files (a 25 MB text takes 0.8 s to
        index) are left for `index_pending_text`: their rows are listed now, search finds them
        once that has run (and a file whose text was never indexed is read again next time)."""
        on_disk: dict[str, tuple[int, int]] = {}
        for path in self._walk():
            try:
                stat = os.stat(path)
            except OSError:
                continue
            on_disk[os.path.abspath(path)] = (stat.st_mtime_ns, stat.st_size)

        where, params = self._scope()
        parser = ingest_fingerprint()
        # A file is read again when it changed, when the ingest code changed, or when reading it
        # failed for a reason other than its content (status 'error').
        current: dict[str, tuple[int, int]] = {
            path: (mtime, size)
            for path, mtime, size in self._db.run(
                lambda conn: conn.execute(
                    f"SELECT path, mtime_ns, size FROM files WHERE {where} "
                    "AND status != 'error' AND parser = ?",
                    [*params, parser],
                ).fetchall()
            )
        }
        gone = self._db.run(
            lambda conn: [
                str(path)
                for (path,) in conn.execute(f"SELECT path FROM files WHERE {where}", params)
                if path not in on_disk
            ]
        )
        changed = sorted(path for path, stamp in on_disk.items() if current.get(path) != stamp)

        if gone:
            self._db.run(lambda conn: self._forget(conn, gone))
        batch: list[tuple[str, tuple[int, int], list[Article] | _Rejected]] = []
        total = len(changed)
        for done, file_path in enumerate(changed, start=1):
            if cancelled is not None and cancelled():
                break
            outcome = _ingest_file(file_path)
            if not isinstance(outcome, _Rejected) and on_disk[file_path][1] >= _KEEP_PARSED_BYTES:
                self._recent = (file_path, on_disk[file_path], outcome)
            batch.append((file_path, on_disk[file_path], outcome))
            if len(batch) >= _BATCH_FILES:
                self._store(batch, defer_text)
                batch = []
            if progress is not None:
                progress(done, total)
        if batch:
            self._store(batch, defer_text)
        return self.summaries()

    def index_pending_text(self, cancelled: Callable[[], bool] | None = None) -> bool:
        """Put the bodies `refresh(defer_text=True)` left out into the full-text index, a file
        per transaction; True when none is left. (One SQLite call runs without the GIL.)"""
        parser = ingest_fingerprint()
        while self._pending_text:
            if cancelled is not None and cancelled():
                return False
            entry = self._pending_text[0]
            self._db.run(lambda conn, entry=entry: self._index_text(conn, parser, *entry))  # type: ignore[misc]
            self._pending_text = [p for p in self._pending_text if p is not entry]
        return True

    def _index_text(
        self,
        conn: sqlite3.Connection,
        parser: str,
        path: str,
        stamp: tuple[int, int],
        rows: list[tuple[int, str, str]],
    ) -> None:
        with write_transaction(conn):
            # Only if the file's rows are still the ones listed (no refresh since).
            listed = {row[0] for row in conn.execute("SELECT rowid FROM articles WHERE path = ?", (path,))}
            if listed != {row[0] for row in rows}:
                return
            marked = conn.execute(
                "UPDATE files SET parser = ? WHERE path = ? AND mtime_ns = ? AND size = ? AND parser = ''",
                (parser, path, *stamp),
            ).rowcount
            if marked:
                conn.executemany("INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)", rows)

    def _store(
        self, batch: list[tuple[str, tuple[int, int], list[Article] | _Rejected]], defer_text: bool = False
    ) -> None:
        parser = ingest_fingerprint()
        deferred: list[tuple[str, tuple[int, int], list[tuple[int, str, str]]]] = []

        def work(conn: sqlite3.Connection) -> None:
            deferred.clear()
            with write_transaction(conn):
                self._delete_rows(conn, [path for path, _, _ in batch])
                for path, (mtime_ns, size), outcome in batch:
                    if isinstance(outcome, _Rejected):
                        status = "error" if outcome.transient else "rejected"
                        reason, articles = outcome.reason, []
                    else:
                        status, reason, articles = "ok", "", outcome
                    later = defer_text and sum(len(a.body) for a in articles) >= _DEFER_TEXT_CHARS
                    text_rows: list[tuple[int, str, str]] = []
                    conn.execute(
                        "INSERT OR REPLACE INTO files "
                        "(path, mtime_ns, size, status, reason, parser) VALUES (?, ?, ?, ?, ?, ?)",
                        # No fingerprint until the text is indexed: read again if it never is.
                        (path, mtime_ns, size, status, reason, "" if later else parser),
                    )
                    feed = _feed_field(path) if articles else None
                    for item, article in enumerate(articles):
                        cursor = conn.execute(
                            "INSERT INTO articles (id, title, source, published, url, feed, words, "
                            "path, item) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            (
                                article.id,
                                article.title,
                                article.source,
                                article.published,
                                article.url,
                                feed,
                                article.words,
                                path,
                                item,
                            ),
                        )
                        row = (int(cursor.lastrowid or 0), article.title, article.body)
                        if later:
                            text_rows.append(row)
                        else:
                            conn.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (?,?,?)", row)
                    if later:
                        deferred.append((path, (mtime_ns, size), text_rows))

        self._db.run(work)
        stored = {path for path, _, _ in batch}
        self._pending_text = [p for p in self._pending_text if p[0] not in stored] + deferred

    def add_written(
        self,
        written: Sequence[tuple[Path, Article, str | None]],
        removed: Sequence[Path] = (),
    ) -> None:
        """Index files the caller has just written, one article each (`(path, article, feed URL)`),
        and forget the `removed` ones: one transaction, and the files are not read again.

        For a writer that made the Article itself and wrote it as the JSON `_ingest_file` reads
        back to the same article (the feeds refresh): each file's row carries its current mtime and
        size and the ingest fingerprint, so `refresh` sees it as indexed. A file that is gone
        already is left to `refresh`. Raises sqlite3.Error."""
        latest: dict[str, tuple[Article, str | None, os.stat_result]] = {}
        for path, article, feed in written:
            name = os.path.abspath(path)
            try:
                latest[name] = (article, feed, os.stat(name))
            except OSError:
                latest.pop(name, None)
        dropped = [os.path.abspath(path) for path in removed]
        dropped = [name for name in dropped if name not in latest]
        if not latest and not dropped:
            return
        parser = ingest_fingerprint()

        def work(conn: sqlite3.Connection) -> None:
            with write_transaction(conn):
                stale = [(name,) for name in [*latest, *dropped]]
                conn.executemany(
                    "DELETE FROM articles_fts WHERE rowid IN (SELECT rowid FROM articles WHERE path = ?)",
                    stale,
                )
                conn.executemany("DELETE FROM articles WHERE path = ?", stale)
                conn.executemany("DELETE FROM files WHERE path = ?", [(name,) for name in dropped])
                conn.executemany(
                    "INSERT OR REPLACE INTO files (path, mtime_ns, size, status, reason, parser) "
                    "VALUES (?, ?, ?, 'ok', '', ?)",
                    [(name, stat.st_mtime_ns, stat.st_size, parser) for name, (_, _, stat) in latest.items()],
                )
                top = conn.execute(
                    "SELECT MAX(COALESCE((SELECT MAX(rowid) FROM articles), 0), "
                    "COALESCE((SELECT rowid FROM articles_fts ORDER BY rowid DESC LIMIT 1), 0))"
                ).fetchone()[0]
                rows = [
                    (top + number, name, article, sanitize.clean_line(feed) or None if feed else None)
                    for number, (name, (article, feed, _)) in enumerate(latest.items(), start=1)
                ]
                conn.executemany(
                    "INSERT INTO articles (rowid, id, title, source, published, url, feed, words, path, "
                    "item) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                    [
                        (rowid, a.id, a.title, a.source, a.published, a.url, feed, a.words, name)
                        for rowid, name, a, feed in rows
                    ],
                )
                conn.executemany(
                    "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
                    [(rowid, a.title, a.body) for rowid, _, a, _ in rows],
                )

        self._db.run(work)

    def _forget(self, conn: sqlite3.Connection, gone: list[str]) -> None:
        with write_transaction(conn):
            self._delete_rows(conn, gone)
            conn.executemany("DELETE FROM files WHERE path = ?", [(p,) for p in gone])

    @staticmethod
    def _delete_rows(conn: sqlite3.Connection, file_paths: list[str]) -> None:
        for path in file_paths:
            conn.execute(
                "DELETE FROM articles_fts WHERE rowid IN (SELECT rowid FROM articles WHERE path = ?)",
                (path,),
            )
            conn.execute("DELETE FROM articles WHERE path = ?", (path,))

    def _recent_articles(self, path: str) -> list[Article] | None:
        """The articles `refresh` kept of `path` if the file has not changed since."""
        recent = self._recent
        if recent is None or recent[0] != path:
            return None
        try:
            stat = os.stat(path)
        except OSError:
            return None
        return recent[2] if (stat.st_mtime_ns, stat.st_size) == recent[1] else None

    # ----- single articles ---------------------------------------------------------------

    def get(self, article_id: str) -> Article | None:
        """The article with this id, loaded from its file (or, if the file changed since it was
        indexed, from the text the index keeps)."""
        where, params = self._scope("a.path")
        rows = self._db.run(
            lambda conn: conn.execute(
                "SELECT a.path, a.item, a.title, a.source, a.published, a.url, f.body "
                "FROM articles a LEFT JOIN articles_fts f ON f.rowid = a.rowid "
                f"WHERE a.id = ? AND {where} ORDER BY a.path, a.item",
                [article_id, *params],
            ).fetchall()
        )
        for path, item, *_ in rows:
            try:
                articles = self._recent_articles(path) or ingest.load_file(Path(path))
            except (OSError, ingest.IngestError):  # gone, unreadable or no article now: the next
                continue
            except Exception:
                # A bug in reading the file is not "file gone": logged, and the caller says so.
                _log.exception("reading %s for article %s failed", path, article_id)
                raise
            position = int(item)
            if position < len(articles) and articles[position].id == article_id:
                return articles[position]
            for article in articles:
                if article.id == article_id:
                    return article
        for _path, _item, title, source, published, url, body in rows:
            if body is None:
                continue  # its text is not indexed yet (refresh with defer_text)
            article = Article(title=title, body=body, source=source, published=published, url=url)
            if article.id == article_id:
                return article
        return None

    def match_ids(self, prefix: str) -> list[str]:
        """Distinct ids under the roots that start with `prefix` (case-insensitive)."""
        prefix = prefix.strip().lower()
        if not prefix or not re.fullmatch(r"[0-9a-f]+", prefix):
            return []
        where, params = self._scope()
        rows = self._db.run(
            lambda conn: conn.execute(
                f"SELECT DISTINCT id FROM articles WHERE substr(id, 1, ?) = ? AND {where} ORDER BY id",
                [len(prefix), prefix, *params],
            ).fetchall()
        )
        return [str(row[0]) for row in rows]

    def find(self, id_or_path: str) -> Article | None:
        """An article by id, by a unique id prefix of at least 4 characters, or by file path
        (the file's first article). None when nothing (or more than one id) matches.

        Raises `ingest.IngestError` when the path exists but cannot be ingested."""
        text = id_or_path.strip()
        if not text:
            return None
        candidate = Path(text).expanduser()
        if candidate.is_file():
            articles = ingest.load_file(candidate)
            return articles[0] if articles else None
        if len(text) < 4:
            return None
        ids = self.match_ids(text)
        if len(ids) != 1:
            return None
        return self.get(ids[0])

    # ----- search ------------------------------------------------------------------------

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Full-text search over titles and bodies, best first (bm25, titles weigh more).

        Words are matched stemmed ("election" finds "elections"), the last word also as a prefix
        while typing; "quoted phrases" and OR between words work; anything else is taken
        literally, so no query raises."""
        terms = parse_query(query)
        match = fts_query(terms)
        if match is None or limit <= 0:
            return []
        where, params = self._scope("a.path")

        def work(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
            ranked = conn.execute(
                "SELECT a.id, a.title, a.source, a.published, a.words, a.path, a.item, a.url, a.feed, "
                "r.rowid "
                "FROM (SELECT rowid, bm25(articles_fts, 5.0, 1.0) AS score FROM articles_fts "
                "      WHERE articles_fts MATCH ?) r "
                f"JOIN articles a ON a.rowid = r.rowid WHERE {where} "
                "ORDER BY r.score LIMIT ?",
                [match, *params, limit + 10],  # a few spare for duplicates of one article
            ).fetchall()
            # FTS5's snippet() re-tokenises each document (about 0.5 ms apiece); finding the
            # words in Python is ~50x faster and gives offsets directly.
            rowids = [row[-1] for row in ranked]
            bodies = dict(
                conn.execute(
                    f"SELECT rowid, body FROM articles_fts WHERE rowid IN ({','.join('?' * len(rowids))})",
                    rowids,
                ).fetchall()
            )
            return [(*row[:-1], bodies.get(row[-1], "")) for row in ranked]

        try:
            rows = self._db.run(work)
        except sqlite3.OperationalError:
            return []  # fts_query only builds valid syntax; this is a last line of defence
        pattern = highlight_pattern(terms)
        hits: list[SearchHit] = []
        seen: set[str] = set()
        for *fields, body in rows:
            summary = ArticleSummary(*fields)  # type: ignore[arg-type]
            if summary.id in seen:
                continue
            seen.add(summary.id)
            snippet, matches = make_snippet(str(body), pattern)
            hits.append(SearchHit(summary, snippet, matches))
            if len(hits) >= limit:
                break
        return hits

    def count_matches(self, query: str) -> int:
        """How many articles `search(query)` finds with no limit (distinct ids under the roots)."""
        match = fts_query(parse_query(query))
        if match is None:
            return 0
        where, params = self._scope("a.path")

        def work(conn: sqlite3.Connection) -> int:
            row = conn.execute(
                "SELECT COUNT(DISTINCT a.id) FROM (SELECT rowid FROM articles_fts "
                "      WHERE articles_fts MATCH ?) r "
                f"JOIN articles a ON a.rowid = r.rowid WHERE {where}",
                [match, *params],
            ).fetchone()
            return int(row[0]) if row else 0

        try:
            return self._db.run(work)
        except sqlite3.OperationalError:
            return 0  # as in search(): fts_query only builds valid syntax

    # ----- imports -----------------------------------------------------------------------

    def import_inputs(
        self,
        inputs: Sequence[str],
        progress: Callable[[ImportResult], None] | None = None,
    ) -> list[ImportResult]:
        """Store the articles of files, folders and http(s) URLs in the user library as
        `<id>.json`, one result per article (or per input that gave none). Duplicates and
        rejected inputs change nothing on disk. The index is updated afterwards."""
        results: list[ImportResult] = []

        def report(result: ImportResult) -> None:
            results.append(result)
            if progress is not None:
                progress(result)

        if self.user_dir is None:
            for text in inputs:
                report(
                    ImportResult(text, "rejected", "no user library: imports are off for PATH mode", None, "")
                )
            return results

        self.refresh()
        known = set(self._all_ids())
        for text in inputs:
            for source_name, outcome in self._load_input(text):
                if isinstance(outcome, str):
                    report(ImportResult(source_name, "rejected", outcome, None, ""))
                    continue
                for article in outcome:
                    report(self._import_article(source_name, article, known))
        self.refresh()
        return results

    def _all_ids(self) -> list[str]:
        where, params = self._scope()
        rows = self._db.run(
            lambda conn: conn.execute(f"SELECT DISTINCT id FROM articles WHERE {where}", params).fetchall()
        )
        return [str(row[0]) for row in rows]

    def _load_input(self, text: str) -> Iterator[tuple[str, list[Article] | str]]:
        """(input name, articles or the reason they were rejected) for one command-line input."""
        if _OTHER_URL.match(text) and not _is_url(text):
            from tui.ingest.http import redact

            scheme = text.split(":", 1)[0].lower()
            yield redact(text), f"only http and https URLs are fetched, not {scheme}:"
            return
        if _is_url(text):
            from tui.ingest.http import redact

            shown = redact(text)  # a password in the URL is never printed
            if len(shown) > 300:  # nor 70,000 characters of a URL refused for its length
                shown = shown[:300] + "\u2026"
            try:
                yield shown, _non_empty(ingest.fetch_url(text))
            except ingest.IngestError as error:
                yield shown, redact(str(error)) or "could not fetch"
            except Exception as error:  # noqa: BLE001 - any failure is a reason, not a crash
                yield shown, redact(f"could not fetch: {error}")
            return
        # Absolute, so that the stored source still finds the file from any working directory.
        path = Path(os.path.abspath(Path(text).expanduser()))
        if path.is_dir():
            found = False
            for file in ingest.iter_article_files([path]):
                found = True
                yield str(file), _reason_or_articles(_ingest_file(str(file)))
            if not found:
                yield text, "no supported article files in this folder"
        elif path.is_file():
            yield str(path), _reason_or_articles(_ingest_file(str(path)))
        elif path.exists():
            yield text, "not a regular file"
        else:
            yield text, "no such file or directory"

    def _import_article(self, source_name: str, article: Article, known: set[str]) -> ImportResult:
        assert self.user_dir is not None
        if not article.body.strip():
            return ImportResult(source_name, "rejected", "the article has no text", None, "")
        target = self.user_dir / f"{article.id}.json"
        if article.id in known or target.exists():
            return ImportResult(
                source_name, "duplicate", "already in the library", article.id, article.title, article.notices
            )
        payload = stored_json(article)
        if article.notices:
            # Kept with the article: the stored copy is UTF-8, so `show` could not tell otherwise.
            payload["notices"] = list(article.notices)
        try:
            atomic.write_atomic(target, json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
        except OSError as error:
            return ImportResult(source_name, "rejected", f"could not write: {error}", None, article.title)
        known.add(article.id)
        for notice in article.notices:
            _log.info("imported %s as %s: %s", source_name, article.id, notice)
        return ImportResult(source_name, "imported", "", article.id, article.title, article.notices)


# ----- helpers ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Rejected:
    """Why a file gave no article; `transient` failures (I/O, bugs) are retried next refresh."""

    reason: str
    transient: bool = False


# Files at least this big stay parsed in memory after indexing (the last one only): reading a
# 25 MB text again costs seconds.
_KEEP_PARSED_BYTES = 1_000_000
# A file with at least this much text has it indexed after the list is shown (`defer_text`).
_DEFER_TEXT_CHARS = 1_000_000


def _ingest_file(path: str) -> list[Article] | _Rejected:
    """The file's articles, or why it was rejected."""
    try:
        articles = _non_empty(ingest.load_file(Path(path)))
    except ingest.IngestError as error:
        return _Rejected(str(error) or "could not be read as an article")
    except OSError as error:
        return _Rejected(f"could not read: {error.strerror or error}", transient=True)
    except Exception as error:  # noqa: BLE001 - one odd file must not stop a library scan
        _log.warning("ingesting %s failed", path, exc_info=True)  # a bug: its traceback is kept
        return _Rejected(f"could not read ({type(error).__name__}: {error})", transient=True)
    return _Rejected(articles) if isinstance(articles, str) else articles


def _feed_field(path: str) -> str | None:
    """The "feed" field of an article JSON that `dateline refresh` stored (None for anything else)."""
    if not path.endswith(".json"):
        return None
    try:
        raw = Path(path).read_bytes()
    except OSError:
        return None
    if b'"feed"' not in raw:
        return None
    try:
        record = json.loads(raw)
    except ValueError:
        return None
    feed = record.get("feed") if isinstance(record, dict) else None
    return sanitize.clean_line(feed) or None if isinstance(feed, str) else None


def _reason_or_articles(outcome: list[Article] | _Rejected) -> list[Article] | str:
    return outcome.reason if isinstance(outcome, _Rejected) else outcome


_fingerprint: str | None = None


def ingest_fingerprint() -> str:
    """Identifies the code that turns files into articles, so the index re-reads files after
    an upgrade (or an edit in a checkout) instead of keeping what older code made of them."""
    global _fingerprint
    if _fingerprint is None:
        digest = hashlib.sha256(str(SCHEMA_VERSION).encode())
        # Every module of the ingest package (found from the package, not by name) and the
        # sanitiser it uses: moving or adding a parser module still changes the fingerprint.
        package = Path(ingest.__file__).parent
        modules = sorted(package.rglob("*.py")) + [Path(sanitize.__file__), Path(article_module.__file__)]
        for module in modules:
            try:
                digest.update(module.read_bytes())
            except OSError:
                digest.update(module.name.encode())
        _fingerprint = digest.hexdigest()[:16]
    return _fingerprint


def _non_empty(articles: list[Article]) -> list[Article] | str:
    # Not filtered: summaries keep each article's position in the load_file() list.
    return articles if articles else "no article text found"


def _distinct(rows: list[tuple[object, ...]]) -> list[ArticleSummary]:
    """Summaries of the rows, the first of each id only (an article stored in two files)."""
    seen: set[object] = set()
    result: list[ArticleSummary] = []
    make = ArticleSummary._make
    for row in rows:
        if row[0] not in seen:
            seen.add(row[0])
            result.append(make(row))
    return result


# Newest first with undated articles last; titles break ties. (ISO-8601 sorts as text.)
_ORDER_BY: dict[str, str] = {
    "date": "published IS NULL, published DESC, title COLLATE NOCASE",
    "title": "title COLLATE NOCASE, published IS NULL, published DESC",
    "source": "source COLLATE NOCASE, published IS NULL, published DESC, title COLLATE NOCASE",
}


_WORD = re.compile(r"\w+")
# A quoted phrase (maybe unclosed), a title:/body: column filter, or a run of characters that
# are not space and not FTS5 syntax; hyphens, dots and apostrophes stay inside ("U.S.").
_QUERY_TOKEN = re.compile(r'(?:(?i:title|body):)?(?:"[^"]*"?|[^\s"():*^{}+,;]+)')
# Endings dropped before highlighting a word as a prefix, so "elections" also marks "election"
# the way the porter stemmer matched it (an approximation: it only decides what is marked).
_ENDINGS = ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "ly", "s", "e", "y")


@dataclass(frozen=True, slots=True)
class QueryTerm:
    """One search term: a word or a phrase (several words), optionally matched as a prefix.
    Terms in one `alternatives` group are joined by OR."""

    words: tuple[str, ...]
    prefix: bool = False
    column: str | None = None  # "title" or "body" to search only there


def parse_query(query: str) -> list[list[QueryTerm]]:
    """What the user typed as groups of alternative terms (all groups must match).

    Only words count: punctuation and FTS5 syntax are dropped; "quoted phrases" stay phrases;
    `title:word` / `body:word` search one column; an upper-case OR between two terms makes them
    alternatives; the last bare word is a prefix unless the query ends with a space."""
    groups: list[list[QueryTerm]] = []
    pending_or = False
    tokens = _QUERY_TOKEN.findall(query)
    for index, token in enumerate(tokens):
        is_last = index == len(tokens) - 1
        if token == "OR" and groups and not is_last:
            pending_or = True
            continue
        column = None
        head, colon, rest = token.partition(":")
        if colon and head.lower() in ("title", "body"):
            column, token = head.lower(), rest
        words = tuple(_WORD.findall(token))
        if not words:
            continue
        quoted = token.startswith('"')
        prefix = is_last and not quoted and not query[-1:].isspace()
        term = QueryTerm(words, prefix, column)
        if pending_or and groups:
            groups[-1].append(term)
        else:
            groups.append([term])
        pending_or = False
    return groups


def fts_query(groups: list[list[QueryTerm]] | str) -> str | None:
    """A safe FTS5 MATCH expression for `parse_query` groups (or a raw query); None if empty.

    Every term is a quoted string, so nothing the user types is FTS5 syntax."""
    if isinstance(groups, str):
        groups = parse_query(groups)
    parts: list[str] = []
    for group in groups:
        terms = [
            (f"{t.column} : " if t.column else "") + '"' + " ".join(t.words) + '"' + ("*" if t.prefix else "")
            for t in group
        ]
        parts.append(terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")")
    return " ".join(parts) if parts else None


def _word_pattern(word: str, prefix: bool) -> str:
    stem = word.lower()
    if len(stem) > 4:
        for ending in _ENDINGS:
            if stem.endswith(ending) and len(stem) - len(ending) >= 3:
                stem = stem[: -len(ending)]
                break
        return re.escape(stem) + r"\w*"
    return re.escape(stem) + (r"\w*" if prefix else r"s?(?!\w)")


def highlight_pattern(groups: list[list[QueryTerm]]) -> re.Pattern[str] | None:
    """A regex finding the query's words in text (case-insensitive, whole-word starts)."""
    alternatives: list[str] = []
    for group in groups:
        for term in group:
            last = len(term.words) - 1
            pieces = [_word_pattern(w, term.prefix and i == last) for i, w in enumerate(term.words)]
            alternatives.append(r"(?<!\w)" + r"\W+".join(pieces))
    if not alternatives:
        return None
    # Longest first, so a phrase wins over one of its words.
    alternatives.sort(key=len, reverse=True)
    return re.compile("|".join(alternatives), re.IGNORECASE)


def stored_json(article: Article) -> dict[str, object]:
    """The fields every stored article file has (`<id>.json` in the articles dir); imports add
    "notices", feeds "feed", "guid" and "summary_only"."""
    return {
        "title": article.title,
        "body": article.body,
        "source": article.source,
        "published": article.published,
        "url": article.url,
    }


SNIPPET_SCAN = 20_000  # characters of a long body looked at for its snippet, around its first match


def make_snippet(
    body: str, pattern: re.Pattern[str] | None, width: int = SNIPPET_CHARS
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """About `width` characters of `body` (whitespace collapsed) around the best cluster of
    matches, with "…" where it was cut, and the (start, end) of each match in the snippet.

    A long body is looked at only around its first match (`SNIPPET_SCAN` characters): a 25 MB
    article must not hold up the search box it was found by."""
    cut_before = False
    if len(body) > SNIPPET_SCAN:
        first = pattern.search(body) if pattern is not None else None
        begin = max(0, (first.start() if first else 0) - SNIPPET_SCAN // 4)
        cut_before = begin > 0
        body = body[begin : begin + SNIPPET_SCAN]
    text = " ".join(body.split())
    found = [m.span() for m in pattern.finditer(text)] if pattern is not None else []
    if len(text) <= width and not cut_before:
        return text, tuple(found)
    begin = 0
    if found:
        # The window holding the most distinct matched words; the earliest on a tie.
        # Counted from a match to 3/4 of the width: the part kept whatever the cut below does.
        reach = width * 3 // 4 - 15
        starts = [start for start, _ in found]
        best, best_score = found[0][0], 0
        for index, (start, _) in enumerate(found[:200]):
            window = found[index : bisect.bisect_right(starts, start + reach)]
            inside = {text[s:e].lower() for s, e in window if e <= start + reach}
            if len(inside) > best_score:
                best, best_score = start, len(inside)
        # Centre the window on that cluster, so the match is never at the edge of the snippet.
        ends = [e for s, e in found if best <= s and e <= best + reach] or [best]
        begin = max(0, (best + max(ends)) // 2 - width // 2)
        begin = min(begin, max(0, len(text) - width))
    end = min(len(text), begin + width)
    if end < len(text):
        space = text.rfind(" ", begin + width // 2, end)
        end = space if space > 0 else end
    if begin and text[begin - 1] != " ":
        space = text.find(" ", begin, end)
        begin = space + 1 if space >= 0 else begin
    lead = _ELLIPSIS if begin > 0 or cut_before else ""
    tail = _ELLIPSIS if end < len(text) else ""
    snippet = lead + text[begin:end] + tail
    shift = len(lead) - begin
    matches = tuple((s + shift, e + shift) for s, e in found if s >= begin and e <= end)
    return snippet, matches


__all__ = [
    "ArticleSummary",
    "stored_json",
    "ImportResult",
    "Library",
    "SearchHit",
    "QueryTerm",
    "fts_query",
    "highlight_pattern",
    "make_snippet",
    "parse_query",
]
