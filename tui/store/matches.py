"""Which articles a full-text MATCH finds, as ids only (issue 21): what the query evaluator
(`tui.names.evaluate`) combines with names, feeds, dates and read state. `Library.search` makes a
ranked, snippeted hit per article, which a count or a set operation over thousands of matches does
not need; this reads ids alone from the FTS index.

A sibling of `tui.store.library` in the same package, reading its index through the same
connection (`Library._db`) rather than growing that module."""

from __future__ import annotations

import sqlite3

from tui.store.library import Library
from tui.store.query import QueryTerm, fts_query

# The matching articles' ids in any order (a set operation needs no ranking), or best first.
_ANY_ORDER = (
    "SELECT DISTINCT a.id FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?) r "
    "JOIN articles a ON a.rowid = r.rowid"
)
_BEST_FIRST = (
    "SELECT a.id FROM (SELECT rowid, bm25(articles_fts, 5.0, 1.0) AS score FROM articles_fts "
    "      WHERE articles_fts MATCH ?) r JOIN articles a ON a.rowid = r.rowid ORDER BY r.score"
)


def _matching(library: Library, groups: list[list[QueryTerm]], sql: str) -> list[str]:
    """The ids `sql` reads for the MATCH of `groups`; none for no terms."""
    match = fts_query(groups)
    if match is None:
        return []

    def work(conn: sqlite3.Connection) -> list[str]:
        return [str(row[0]) for row in conn.execute(sql, [match]).fetchall()]

    try:
        return library._db.run(work)
    except sqlite3.OperationalError:
        return []  # fts_query only builds valid syntax; as in Library.search, a last defence


def fts_ids(library: Library, groups: list[list[QueryTerm]]) -> set[str]:
    """The ids of every indexed article (under any root: the caller keeps its own) whose title or
    text matches all `groups` of terms (`tui.store.query.fts_query`); none for no terms."""
    return set(_matching(library, groups, _ANY_ORDER))


def ranked_ids(library: Library, groups: list[list[QueryTerm]]) -> list[str]:
    """The ids `fts_ids` finds, best match first (bm25, titles weigh more, as `Library.search`)."""
    return list(dict.fromkeys(_matching(library, groups, _BEST_FIRST)))


def indexed_texts(library: Library, ids: list[str]) -> dict[str, str]:
    """The indexed text of each of these articles (what a snippet is cut from), without reading
    their files."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))

    def work(conn: sqlite3.Connection) -> dict[str, str]:
        rows = conn.execute(
            "SELECT a.id, f.body FROM articles a JOIN articles_fts f ON f.rowid = a.rowid "
            f"WHERE a.id IN ({marks})",
            ids,
        ).fetchall()
        return {str(article_id): str(body or "") for article_id, body in rows}

    return library._db.run(work)


__all__ = ["fts_ids", "indexed_texts", "ranked_ids"]
