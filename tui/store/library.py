"""Where articles live and how they are found: files under roots, an SQLite/FTS5 index, imports."""

from __future__ import annotations

import copy
import logging
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from tui.core.lazy import lazy_exports, lazy_module
from tui.store import paths
from tui.store.cache_db import CacheDatabase, write_transaction
from tui.store.index_schema import ORDER_BY as _ORDER_BY
from tui.store.index_schema import SCHEMA, SCHEMA_VERSION, ArticleSummary, SearchHit, SortKey
from tui.store.index_schema import distinct as _distinct

if TYPE_CHECKING:
    from tui.core import article as article_module
    from tui.core import sanitize
    from tui.core.article import Article
    from tui.ingest import pipeline as ingest
    from tui.store import imports
    from tui.store import query as search_code
    from tui.store.imports import ImportResult, Rejected, stored_json  # (re-exported, as the query code)
    from tui.store.query import (
        SNIPPET_CHARS,
        SNIPPET_SCAN,
        QueryTerm,
        fts_query,
        highlight_pattern,
        make_snippet,
        parse_query,
    )
else:  # none of them lists the index: the reader's first frame does not import them (issue 20)
    _LAZY = "tui.ingest.pipeline tui.store.imports tui.store.query tui.core.sanitize tui.core.article"
    ingest, imports, search_code, sanitize, article_module = map(lazy_module, _LAZY.split())
    _QUERY = "SNIPPET_CHARS SNIPPET_SCAN QueryTerm fts_query highlight_pattern make_snippet parse_query"
    _EXPORTS = {"ImportResult": "imports", "stored_json": "imports"} | dict.fromkeys(_QUERY.split(), "query")
    __getattr__ = lazy_exports("tui.store", _EXPORTS)

# How many files are ingested before their rows are committed, so other connections see progress
# without paying for a commit per file.
_BATCH_FILES = 200

_T = TypeVar("_T")
_log = logging.getLogger(__name__)


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
        self._db = CacheDatabase(self.index_path, SCHEMA, SCHEMA_VERSION)
        # The articles of the last big file indexed, so that opening it next (the app opens the
        # first article as soon as the list is up) does not read and parse it again.
        self._recent: tuple[str, tuple[int, int], list[Article]] | None = None
        # Big files whose rows are listed but whose text is not in the full-text index yet
        # (`refresh(defer_text=True)`, then `index_pending_text`): (path, stamp, [(rowid, title, body)]).
        # Read and written by the reader's library worker and by refreshes in other threads: every
        # read-modify-write holds `_pending_lock` (indexing the text itself does not).
        self._pending_text: list[tuple[str, tuple[int, int], list[tuple[int, str, str]]]] = []
        self._pending_lock = threading.Lock()
        self.include_muted = False  # muted articles (`tui.store.muted`, issue 21) are left out

    def including_muted(self) -> Library:
        """This library, listing muted articles too (`list --muted`, mute rules): for reading."""
        view = copy.copy(self)
        view.include_muted = True
        return view

    def _unmuted(self, column: str = "id") -> str:
        """The SQL condition leaving muted articles out (`AND ...`), or nothing for a view with them."""
        return "" if self.include_muted else f" AND {column} NOT IN (SELECT id FROM muted)"

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
        """How many articles `summaries()` lists, and whether any is from a feed (1 or 0): the ids
        made DISTINCT in the id index's order (COUNT(DISTINCT) sorted them again), the feed test first."""
        where, params = self._scope()
        where += self._unmuted()
        count = f"SELECT COUNT(*) FROM (SELECT DISTINCT id FROM articles WHERE {where})"
        feeds = f"EXISTS (SELECT 1 FROM articles WHERE feed IS NOT NULL AND feed != '' AND {where})"
        return f"SELECT ({count}), {feeds}", params + params

    def _summaries_query(self, sort: SortKey) -> tuple[str, list[object]]:
        """The SQL of `summaries(sort)` (answered from that order's covering index) and its
        parameters."""
        where, params = self._scope()
        columns = ", ".join(ArticleSummary._fields)
        where += self._unmuted()
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
        with self._pending_lock:
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
        batch: list[tuple[str, tuple[int, int], list[Article] | Rejected]] = []
        total = len(changed)
        for done, file_path in enumerate(changed, start=1):
            if cancelled is not None and cancelled():
                break
            outcome = _ingest_file(file_path)
            if not isinstance(outcome, imports.Rejected) and on_disk[file_path][1] >= _KEEP_PARSED_BYTES:
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
        while True:
            with self._pending_lock:
                if not self._pending_text:
                    return True
                entry = self._pending_text[0]
            if cancelled is not None and cancelled():
                return False
            self._db.run(lambda conn, entry=entry: self._index_text(conn, parser, *entry))  # type: ignore[misc]
            with self._pending_lock:
                self._pending_text = [p for p in self._pending_text if p is not entry]

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
        self, batch: list[tuple[str, tuple[int, int], list[Article] | Rejected]], defer_text: bool = False
    ) -> None:
        parser = ingest_fingerprint()
        deferred: list[tuple[str, tuple[int, int], list[tuple[int, str, str]]]] = []

        def work(conn: sqlite3.Connection) -> None:
            deferred.clear()
            with write_transaction(conn):
                self._delete_rows(conn, [path for path, _, _ in batch])
                for path, (mtime_ns, size), outcome in batch:
                    if isinstance(outcome, imports.Rejected):
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
                    feed = imports.feed_field(path) if articles else None
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
        with self._pending_lock:
            self._pending_text = [p for p in self._pending_text if p[0] not in stored] + deferred

    def add_written(
        self,
        written: Sequence[tuple[str | Path, Article, str | None]],
        removed: Sequence[str | Path] = (),
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
        dropped = [name for name in map(os.path.abspath, removed) if name not in latest]
        if not latest and not dropped:
            return
        parser = ingest_fingerprint()

        def work(conn: sqlite3.Connection) -> None:
            conn.execute("PRAGMA cache_size = -8192")  # 8 MB, not 2: FTS5 spills less (10k: 1.35 -> 1.25 s)
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
            article = article_module.Article(title, body, source, published, url)
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
        terms = search_code.parse_query(query)
        match = search_code.fts_query(terms)
        if match is None or limit <= 0:
            return []
        where, params = self._scope("a.path")

        def work(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
            ranked = conn.execute(
                "SELECT a.id, a.title, a.source, a.published, a.words, a.path, a.item, a.url, a.feed, "
                "r.rowid "
                "FROM (SELECT rowid, bm25(articles_fts, 5.0, 1.0) AS score FROM articles_fts "
                "      WHERE articles_fts MATCH ?) r "
                f"JOIN articles a ON a.rowid = r.rowid WHERE {where}{self._unmuted('a.id')} "
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
        pattern = search_code.highlight_pattern(terms)
        hits: list[SearchHit] = []
        seen: set[str] = set()
        for *fields, body in rows:
            summary = ArticleSummary(*fields)  # type: ignore[arg-type]
            if summary.id in seen:
                continue
            seen.add(summary.id)
            snippet, matches = search_code.make_snippet(str(body), pattern)
            hits.append(SearchHit(summary, snippet, matches))
            if len(hits) >= limit:
                break
        return hits

    def count_matches(self, query: str) -> int:
        """How many articles `search(query)` finds with no limit (distinct ids under the roots)."""
        match = search_code.fts_query(search_code.parse_query(query))
        if match is None:
            return 0
        where, params = self._scope("a.path")

        def work(conn: sqlite3.Connection) -> int:
            row = conn.execute(
                "SELECT COUNT(DISTINCT a.id) FROM (SELECT rowid FROM articles_fts "
                "      WHERE articles_fts MATCH ?) r "
                f"JOIN articles a ON a.rowid = r.rowid WHERE {where}{self._unmuted('a.id')}",
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
        from tui.store.imports import ImportResult, load_input, store_import

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
            for source_name, outcome in load_input(text):
                if isinstance(outcome, str):
                    report(ImportResult(source_name, "rejected", outcome, None, ""))
                    continue
                for article in outcome:
                    report(store_import(self.user_dir, source_name, article, known))
        self.refresh()
        return results

    def _all_ids(self) -> list[str]:
        where, params = self._scope()
        rows = self._db.run(
            lambda conn: conn.execute(f"SELECT DISTINCT id FROM articles WHERE {where}", params).fetchall()
        )
        return [str(row[0]) for row in rows]


# ----- helpers ----------------------------------------------------------------------------


# Files at least this big stay parsed in memory after indexing (the last one only): reading a
# 25 MB text again costs seconds.
_KEEP_PARSED_BYTES = 1_000_000
# A file with at least this much text has it indexed after the list is shown (`defer_text`).
_DEFER_TEXT_CHARS = 1_000_000

_fingerprint: str | None = None


def _ingest_file(path: str) -> list[Article] | Rejected:
    """`imports.ingest_file`, whose module the first frame does not import (tests wrap this)."""
    return imports.ingest_file(path)


def ingest_fingerprint() -> str:
    """Identifies the code that turns files into articles, so the index re-reads files after
    an upgrade (or an edit in a checkout) instead of keeping what older code made of them."""
    global _fingerprint
    if _fingerprint is None:
        import hashlib  # here: listing the index (the reader's first frame) hashes nothing
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


__all__ = [
    "SCHEMA_VERSION", "SNIPPET_CHARS", "SNIPPET_SCAN", "ArticleSummary", "ImportResult", "Library",
    "QueryTerm", "SearchHit", "SortKey", "fts_query", "highlight_pattern", "make_snippet", "parse_query",
    "stored_json",
]  # fmt: skip
