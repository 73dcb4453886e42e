"""Stories: articles from different sources about the same event, grouped by the names they share
and by their dates.

Each article is a vector of its people, organisations and places, weighted so that rare names say
more (IDF over the library), names said often in the article more than names said once, and places
less than people and organisations (a city hosts many unrelated events). An article joins the story
whose name vector is closest (cosine) among the stories within `WINDOW_DAYS` of its date, if that
similarity reaches `THRESHOLD`; otherwise it starts a story. So a different event weeks later
involving the same organisation is a different story. Placement is incremental: new articles join
or start stories, nothing already placed moves; the tables live in the names index (cache dir) and
are rebuilt with it. Every indexed article is in exactly one story.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

# Tuned on tests/data/stories (see tests/unit/names/test_story_eval.py for the figures).
THRESHOLD = 0.25
WINDOW_DAYS = 3
# An undated article can only join a story on a much closer match.
UNDATED_THRESHOLD = 0.5
KIND_WEIGHTS = {"PERSON": 1.0, "ORG": 1.0, "NORP": 0.4, "GPE": 0.5, "LOC": 0.5, "FAC": 0.7}
MAX_ENTITIES = 6

SCHEMA = """
CREATE TABLE IF NOT EXISTS stories (
    id INTEGER PRIMARY KEY,
    first_day INTEGER,
    last_day INTEGER,
    size INTEGER NOT NULL,
    norm REAL NOT NULL DEFAULT 0,   -- length of the story's name vector
    top TEXT NOT NULL DEFAULT '',   -- its heaviest keys, tab-separated
    -- what the listing shows, kept with the story so that listing is one read:
    title TEXT NOT NULL DEFAULT '',
    articles TEXT NOT NULL DEFAULT '',  -- ids oldest first, tab-separated
    sources INTEGER NOT NULL DEFAULT 0,
    first TEXT,
    last TEXT
);
CREATE INDEX IF NOT EXISTS stories_by_day ON stories (last_day IS NULL, last_day DESC);
CREATE TABLE IF NOT EXISTS story_articles (
    article_id TEXT PRIMARY KEY,
    story_id INTEGER NOT NULL,
    vector TEXT NOT NULL            -- "key\\tweight" lines: what the article added to its story
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS story_articles_by_story ON story_articles (story_id);
CREATE TABLE IF NOT EXISTS story_keys (
    key TEXT NOT NULL,
    story_id INTEGER NOT NULL,
    last_day INTEGER,               -- the story's, so candidates are found by key and date at once
    weight REAL NOT NULL,
    PRIMARY KEY (key, story_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS story_keys_by_day ON story_keys (key, last_day);
CREATE INDEX IF NOT EXISTS story_keys_by_story ON story_keys (story_id);
"""


@dataclass(frozen=True, slots=True)
class Story:
    """One story: its articles oldest first, its main names, first and last publication, and the
    outlets that reported it (`outlet`), each once, in the order of their first article."""

    id: int
    title: str
    articles: tuple[str, ...]
    sources: int  # len(outlets): one outlet's follow-ups are not more sources
    keys: tuple[str, ...]
    entities: tuple[str, ...]
    first: str | None
    last: str | None
    outlets: tuple[str, ...] = ()


def outlet(source: str, feed_title: str = "") -> str:
    """Who published an article: its feed's title, else the host of its web address (without
    "www."), else its source as it is (a file, a publication's name). Every follow-up an outlet
    posts has its own address, so counting addresses counted one outlet several times."""
    if feed_title.strip():
        return feed_title.strip()
    if source.startswith(("http://", "https://")):
        try:
            host = urlsplit(source).hostname or ""
        except ValueError:
            host = ""
        if host:
            return host.removeprefix("www.")
    return source


def entities_of(keys: Sequence[str], shown: Mapping[str, tuple[str, str]]) -> tuple[str, ...]:
    """Display names of a story's keys: each name once, and a bare surname left out beside the
    full name it is short for."""
    names: list[str] = []
    for key in keys:
        found = shown.get(key)
        name = found[0] if found is not None else key
        if name not in names:
            names.append(name)
    bare = [name for name in names if " " not in name]
    if not bare or len(bare) == len(names):
        return tuple(names)
    words = {name.rsplit(" ", 1)[-1] for name in names if " " in name}
    return tuple(name for name in names if " " in name or name not in words)


def _vector(conn: sqlite3.Connection, article_id: str, total: int) -> dict[str, float]:
    rows = conn.execute(
        "SELECT m.key, n.label, n.articles, sum(m.mentions) FROM mentions m "
        "JOIN names n ON n.key = m.key WHERE m.article_id = ? GROUP BY m.key",
        (article_id,),
    ).fetchall()
    vector: dict[str, float] = {}
    for key, label, articles, mentions in rows:
        rarity = math.log(1.0 + total / max(int(articles), 1))
        vector[str(key)] = rarity * (1.0 + math.log(max(int(mentions), 1))) * KIND_WEIGHTS.get(label, 0.5)
    return vector


def _best_story(
    conn: sqlite3.Connection, vector: Mapping[str, float], day: int | None
) -> tuple[int | None, float]:
    """The story closest to `vector` (cosine) among those within the window, and the score."""
    norm = math.sqrt(sum(w * w for w in vector.values()))
    if not vector or not norm:
        return None, 0.0
    values = ",".join("(?, ?)" for _ in vector)
    params: list[object] = [item for pair in vector.items() for item in pair]
    sql = (
        f"WITH v(key, w) AS (VALUES {values}) "
        "SELECT k.story_id, sum(k.weight * v.w) / s.norm AS score FROM v "
        "JOIN story_keys k ON k.key = v.key "
    )
    if day is not None:
        sql += "AND k.last_day >= ? JOIN stories s ON s.id = k.story_id AND s.first_day <= ? "
        params += [day - WINDOW_DAYS, day + WINDOW_DAYS]
    else:
        sql += "JOIN stories s ON s.id = k.story_id "
    sql += "WHERE s.norm > 0 GROUP BY k.story_id ORDER BY score DESC, k.story_id LIMIT 1"
    row = conn.execute(sql, params).fetchone()
    return (None, 0.0) if row is None else (int(row[0]), float(row[1]) / norm)


def _refresh_story(conn: sqlite3.Connection, story_id: int) -> None:
    """Recompute a story's vector length, heaviest keys and dates after a change."""
    keys = conn.execute(
        "SELECT key, weight FROM story_keys WHERE story_id = ? ORDER BY weight DESC, key", (story_id,)
    ).fetchall()
    members = conn.execute(
        "SELECT a.day, a.published, a.article_id, a.title, a.source FROM story_articles s "
        "JOIN articles a ON a.article_id = s.article_id WHERE s.story_id = ?",
        (story_id,),
    ).fetchall()
    if not members:
        conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))
        conn.execute("DELETE FROM story_keys WHERE story_id = ?", (story_id,))
        return
    members.sort(key=lambda m: (m[0] is None, m[0] or 0, m[1] or "", m[2]))
    days = [m[0] for m in members if m[0] is not None]
    dated = [m[1] for m in members if m[1]]
    norm = math.sqrt(sum(float(w) ** 2 for _, w in keys))
    top = "\t".join(str(key) for key, _ in keys[:MAX_ENTITIES])
    conn.execute(
        "UPDATE stories SET size = ?, first_day = ?, last_day = ?, norm = ?, top = ?, title = ?, "
        "articles = ?, sources = ?, first = ?, last = ? WHERE id = ?",
        (
            len(members),
            min(days) if days else None,
            max(days) if days else None,
            norm,
            top,
            members[0][3],
            "\t".join(m[2] for m in members),
            len({m[4] for m in members}),
            min(dated) if dated else None,
            max(dated) if dated else None,
            story_id,
        ),
    )
    conn.execute(
        "UPDATE story_keys SET last_day = ? WHERE story_id = ?", (max(days) if days else None, story_id)
    )


def place(conn: sqlite3.Connection, article_ids: Iterable[str]) -> None:
    """Put these (indexed, not yet placed) articles into stories, oldest first."""
    ids = list(article_ids)
    if not ids:
        return
    total = int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT article_id, day FROM articles WHERE article_id IN ({marks}) "
        "ORDER BY day IS NULL, day, article_id",
        ids,
    ).fetchall()
    for article_id, day in rows:
        vector = _vector(conn, article_id, total)
        best, score = _best_story(conn, vector, day)
        needed = THRESHOLD if day is not None else UNDATED_THRESHOLD
        if best is None or score < needed:
            cursor = conn.execute(
                "INSERT INTO stories (first_day, last_day, size) VALUES (?, ?, 0)", (day, day)
            )
            best = int(cursor.lastrowid or 0)
        conn.execute(
            "INSERT OR REPLACE INTO story_articles VALUES (?, ?, ?)",
            (article_id, best, "\n".join(f"{k}\t{w!r}" for k, w in sorted(vector.items()))),
        )
        conn.executemany(
            "INSERT INTO story_keys VALUES (?, ?, NULL, ?) ON CONFLICT (key, story_id) "
            "DO UPDATE SET weight = weight + excluded.weight",
            [(key, best, weight) for key, weight in vector.items()],
        )
        _refresh_story(conn, best)


def remove(conn: sqlite3.Connection, article_ids: Iterable[str]) -> None:
    """Take articles out of their stories (a story left empty is deleted)."""
    for article_id in article_ids:
        row = conn.execute(
            "SELECT story_id, vector FROM story_articles WHERE article_id = ?", (article_id,)
        ).fetchone()
        if row is None:
            continue
        story_id, vector = int(row[0]), str(row[1])
        conn.execute("DELETE FROM story_articles WHERE article_id = ?", (article_id,))
        for line in vector.splitlines():
            key, _, weight = line.partition("\t")
            conn.execute(
                "UPDATE story_keys SET weight = weight - ? WHERE key = ? AND story_id = ?",
                (float(weight), key, story_id),
            )
        conn.execute("DELETE FROM story_keys WHERE story_id = ? AND weight <= 1e-9", (story_id,))
        _refresh_story(conn, story_id)


def _sources(conn: sqlite3.Connection, article_ids: Sequence[str]) -> dict[str, str]:
    """The source of each of these indexed articles."""
    found: dict[str, str] = {}
    for start in range(0, len(article_ids), 500):  # SQLite's limit on bound parameters
        chunk = article_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for article_id, source in conn.execute(
            f"SELECT article_id, source FROM articles WHERE article_id IN ({marks})", chunk
        ):
            found[str(article_id)] = str(source)
    return found


def _outlets(
    articles: Sequence[str], sources: Mapping[str, str], feed_titles: Mapping[str, str]
) -> tuple[str, ...]:
    names: dict[str, None] = {}
    for article_id in articles:
        name = outlet(sources.get(article_id, ""), feed_titles.get(article_id, ""))
        if name:
            names.setdefault(name, None)
    return tuple(names)


def list_stories(
    conn: sqlite3.Connection,
    since_day: int | None,
    shown: Callable[[set[str]], Mapping[str, tuple[str, str]]],
    limit: int | None = None,
    feed_titles: Mapping[str, str] | None = None,
) -> list[Story]:
    """Every story (whose last day is `since_day` or later), newest first, at most `limit`;
    `shown` gives the display names of keys, `feed_titles` the title of the feed of each feed
    article (by id) for its outlet. With `since_day`, an undated story is left out: it cannot be
    said to be since any day (as search's `since:` never matches an undated article)."""
    sql = "SELECT id, title, articles, sources, top, first, last FROM stories"
    params: list[object] = []
    if since_day is not None:
        sql += " WHERE last_day >= ?"
        params.append(since_day)
    sql += " ORDER BY last_day IS NULL, last_day DESC, last DESC, size DESC, id"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(max(0, limit))
    rows = [
        (
            int(story_id),
            str(title),
            str(articles),
            int(sources),
            str(top).split("\t") if top else [],
            first,
            last,
        )
        for story_id, title, articles, sources, top, first, last in conn.execute(sql, params)
    ]
    names = shown({key for row in rows for key in row[4]})
    members = [(row, tuple(row[2].split("\t")) if row[2] else ()) for row in rows]
    article_sources = _sources(conn, [article_id for _, ids in members for article_id in ids])
    stories = []
    for (story_id, title, _, _, top, first, last), ids in members:
        outlets = _outlets(ids, article_sources, feed_titles or {})
        stories.append(
            Story(
                story_id, title, ids, len(outlets), tuple(top), entities_of(top, names), first, last, outlets
            )
        )
    return stories
