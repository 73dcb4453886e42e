"""What the library index is made of: its tables (`SCHEMA`, `SCHEMA_VERSION`), the rows it answers
with (`ArticleSummary`, `SearchHit`) and the orders it lists them in. `tui.store.library` is the
front end that reads and writes it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NamedTuple

SCHEMA_VERSION = 5  # 5: the muted articles (issue 21)
SortKey = Literal["date", "title", "source"]

SCHEMA = """
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
-- One per sort order (`ORDER_BY`), each covering every column `summaries()` lists: the list is read
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
-- Issue 21 (owner: tui.store.muted): the ids the user's mute rules match, left out of every listing,
-- search and count unless asked for (`Library.including_muted`), and the stamp of what they were
-- computed from (rules, articles, names), so that working them out again is skipped when nothing changed.
CREATE TABLE IF NOT EXISTS muted (id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS muted_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
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


def distinct(rows: list[tuple[object, ...]]) -> list[ArticleSummary]:
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
ORDER_BY: dict[str, str] = {
    "date": "published IS NULL, published DESC, title COLLATE NOCASE",
    "title": "title COLLATE NOCASE, published IS NULL, published DESC",
    "source": "source COLLATE NOCASE, published IS NULL, published DESC, title COLLATE NOCASE",
}


__all__ = ["ORDER_BY", "SCHEMA", "SCHEMA_VERSION", "ArticleSummary", "SearchHit", "SortKey", "distinct"]
