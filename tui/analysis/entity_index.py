"""Which articles mention which people, groups, places and dates: an SQLite index across the library.

Kept in its own file in the cache dir (`entities.sqlite3`), beside the analysis cache rather than inside
it, so that it can be thrown away and rebuilt from the cached analyses (when corrupt or when its layout
changes) without losing a single parse, and so that the cache's own recovery (which deletes its file)
never has to know about it. Analyses cached before the index existed are picked up lazily: every query
first indexes the cached analyses it has not seen yet.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from tui.analysis.cache import AnalysisCache
from tui.analysis.types import NAMED_KINDS, Analysis, named_facts_of
from tui.core.article import Article
from tui.store.cache_db import CacheDatabase, write_transaction
from tui.store.paths import CacheLayout

log = logging.getLogger("dateline.entity_index")

# 2: nationalities and groups (NORP) are indexed as "groups", no longer as "organizations".
SCHEMA_VERSION = 2
_HIGHEST_CHAR = "\U0010ffff"

_T = TypeVar("_T")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS indexed (
    article_id TEXT NOT NULL,
    model TEXT NOT NULL,
    PRIMARY KEY (article_id, model)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS facts (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL,
    model TEXT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    variants TEXT NOT NULL          -- JSON list of the spellings used in the article
);
CREATE INDEX IF NOT EXISTS facts_by_article ON facts (article_id, model);
CREATE TABLE IF NOT EXISTS fact_keys (
    key TEXT NOT NULL,              -- name_key() of the name or of one variant
    fact_id INTEGER NOT NULL,
    PRIMARY KEY (key, fact_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS fact_keys_by_fact ON fact_keys (fact_id);
"""


def name_key(text: str) -> str:
    """How names are compared: case-folded, dots dropped, spaces collapsed, no leading "the"
    ("The U.S." and "us" give the same key)."""
    key = " ".join(text.replace(".", "").casefold().split())
    return key[4:] if key.startswith("the ") else key


@dataclass(frozen=True, slots=True)
class ArticleMention:
    """One article that mentions the entity asked for: how often, and under which name there."""

    article_id: str
    mentions: int
    name: str
    label: str
    kind: str
    variants: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class IndexedName:
    """A name in the index (for completion): its label and how many articles mention it."""

    name: str
    label: str
    articles: int


@dataclass(frozen=True, slots=True)
class EntityQuery:
    """What `ent:LABEL=Name` (or `ent:Name`) asks for."""

    name: str
    label: str | None


def parse_entity_query(query: str) -> EntityQuery | None:
    """`ent:PERSON=John Kerry` -> EntityQuery("John Kerry", "PERSON"); `ent:John Kerry` has no label.
    None when the query is not an entity query (or names nothing). The label may also be a fact
    kind (`ent:people=Kerry`)."""
    text = query.strip()
    if not text[:4].lower() == "ent:":
        return None
    rest = text[4:].strip()
    label: str | None = None
    head, equals, tail = rest.partition("=")
    if equals and re.fullmatch(r"[A-Za-z_]+", head.strip()):
        label, rest = head.strip(), tail.strip()
    rest = rest.strip().strip("\"'").strip()
    if not name_key(rest):
        return None
    return EntityQuery(rest, label.upper() if label else None)


class EntityIndex:
    """The cross-article entity index in `cache_dir`; safe from several threads and processes."""

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = Path(cache_dir)
        self.path = CacheLayout(self.cache_dir).entity_index
        self._db = CacheDatabase(self.path, _SCHEMA, SCHEMA_VERSION, on_discard=self._forget_backfill)
        # (index file inode, the analysis cache's `version()`) when it was last fully indexed.
        self._backfilled_at: tuple[int | None, tuple[int, int, int] | None] | None = None

    # ----- connections ----------------------------------------------------------------------------
    def close(self) -> None:
        """Close this thread's connection."""
        self._db.close()

    def _forget_backfill(self) -> None:
        self._backfilled_at = None

    # ----- writing --------------------------------------------------------------------------------
    def add(self, analysis: Analysis) -> None:
        """Index the named facts of one analysis, replacing what that (article, model) had."""
        self.add_many([analysis])

    def add_many(self, analyses: Iterable[Analysis]) -> None:
        """Index several analyses in one transaction (analyses without a model are skipped)."""
        rows = [a for a in analyses if a.model is not None]
        if not rows:
            return

        def work(conn: sqlite3.Connection) -> None:
            with write_transaction(conn):
                for analysis in rows:
                    self._write(conn, analysis)

        self._db.run(work)

    @staticmethod
    def _write(conn: sqlite3.Connection, analysis: Analysis) -> None:
        key = (analysis.article_id, analysis.model)
        conn.execute(
            "DELETE FROM fact_keys WHERE fact_id IN "
            "(SELECT id FROM facts WHERE article_id = ? AND model = ?)",
            key,
        )
        conn.execute("DELETE FROM facts WHERE article_id = ? AND model = ?", key)
        for kind in NAMED_KINDS:
            for fact in named_facts_of(analysis.facts, kind):
                name = fact["name"].strip()
                if not name_key(name):
                    continue
                variants = [v for v in fact["variants"] if v.strip()] or [name]
                cursor = conn.execute(
                    "INSERT INTO facts (article_id, model, kind, name, label, mentions, variants) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        *key,
                        kind,
                        name,
                        fact["label"],
                        fact["mentions"] or 1,
                        json.dumps(variants, ensure_ascii=False),
                    ),
                )
                keys = {name_key(text) for text in [name, *variants]} - {""}
                conn.executemany(
                    "INSERT OR IGNORE INTO fact_keys VALUES (?, ?)",
                    [(k, cursor.lastrowid) for k in sorted(keys)],
                )
        conn.execute("INSERT OR IGNORE INTO indexed VALUES (?, ?)", key)

    def backfill(self) -> int:
        """Index the cached analyses the index has not seen (cached before it existed, or before it
        was rebuilt); returns how many were added."""
        cache = AnalysisCache(CacheLayout(self.cache_dir).analysis_cache)
        if not cache.path.exists():
            return 0
        try:
            self._db.run(lambda conn: None)  # open the index first (rebuilt empty if it was corrupt)
            version = cache.version()
            state = (self._db.inode(), version)
            if version is not None and state == self._backfilled_at:
                return 0  # the same index file, and nothing cached since the last look
            cached = cache.keys()
            seen = self._db.run(
                lambda conn: set(conn.execute("SELECT article_id, model FROM indexed").fetchall())
            )
            missing = [key for key in cached if key not in seen]
            added = 0
            for start in range(0, len(missing), 200):
                analyses = []
                for article_id, model in missing[start : start + 200]:
                    analysis = cache.get(article_id, model)
                    # An unreadable entry is marked as seen (with no facts) so it is not retried
                    # at every query; re-analysing the article replaces it.
                    analyses.append(analysis or Analysis(article_id=article_id, model=model))
                self.add_many(analyses)
                added += len(analyses)
            self._backfilled_at = state
            return added
        except (sqlite3.Error, OSError):
            log.exception("could not bring the entity index up to date")
            return 0
        finally:
            cache.close()

    # ----- reading --------------------------------------------------------------------------------
    def indexed_ids(self, model: str | None = None) -> set[str]:
        """Ids of the articles indexed (by `model`, or by any model)."""
        self.backfill()
        sql, params = "SELECT DISTINCT article_id FROM indexed", []
        if model is not None:
            sql, params = sql + " WHERE model = ?", [model]
        return {str(row[0]) for row in self._db.run(lambda c: c.execute(sql, params).fetchall())}

    def articles_mentioning(
        self, name: str, label: str | None = None, model: str | None = None
    ) -> list[ArticleMention]:
        """Articles with a fact whose name or any variant is `name` (case-insensitive), most
        mentions first. `label` (an entity label like PERSON, or a fact kind like "people")
        narrows it; `model` keeps one model's analyses (else each article's best)."""
        return self.articles_mentioning_any([name], label, model)

    def articles_mentioning_any(
        self, names: Iterable[str], label: str | None = None, model: str | None = None
    ) -> list[ArticleMention]:
        """As `articles_mentioning`, for a fact known by several names ("John Kerry", "John F.
        Kerry"): each matching fact counts once however many of the names it carries."""
        keys = sorted({name_key(name) for name in names} - {""})
        if not keys:
            return []
        self.backfill()
        sql = (
            "SELECT f.article_id, f.model, f.kind, f.name, f.label, f.mentions, f.variants "
            "FROM facts f WHERE f.id IN (SELECT fact_id FROM fact_keys WHERE key IN "
            f"({','.join('?' * len(keys))}))"
        )
        params: list[object] = list(keys)
        if label:
            sql += " AND (upper(f.label) = ? OR f.kind = ?)"
            params += [label.upper(), label.lower()]
        if model is not None:
            sql += " AND f.model = ?"
            params.append(model)
        rows = self._db.run(lambda conn: conn.execute(sql + " ORDER BY f.id", params).fetchall())
        # Per (article, model): the mentions of every matching fact added up ("Washington" the
        # place and the person both count when no label is given); the best model per article.
        per_analysis: dict[tuple[str, str], ArticleMention] = {}
        for article_id, model_name, kind, fact_name, fact_label, mentions, variants in rows:
            found = per_analysis.get((article_id, model_name))
            if found is None:
                per_analysis[(article_id, model_name)] = ArticleMention(
                    article_id, int(mentions), fact_name, fact_label, kind, tuple(json.loads(variants))
                )
            else:
                per_analysis[(article_id, model_name)] = ArticleMention(
                    article_id,
                    found.mentions + int(mentions),
                    found.name,
                    found.label,
                    found.kind,
                    found.variants + tuple(v for v in json.loads(variants) if v not in found.variants),
                )
        best: dict[str, ArticleMention] = {}
        for mention in per_analysis.values():
            if mention.article_id not in best or mention.mentions > best[mention.article_id].mentions:
                best[mention.article_id] = mention
        return sorted(best.values(), key=lambda m: (-m.mentions, m.article_id))

    def names(self, prefix: str, limit: int = 20, model: str | None = None) -> list[IndexedName]:
        """Names (or variants) starting with `prefix`, case-insensitive; most articles first."""
        key = name_key(prefix)
        if not key or limit <= 0:
            return []
        self.backfill()
        sql = (
            "SELECT f.name, f.label, count(DISTINCT f.article_id) AS n FROM fact_keys k "
            "JOIN facts f ON f.id = k.fact_id WHERE k.key >= ? AND k.key < ?"
        )
        params: list[object] = [key, key + _HIGHEST_CHAR]
        if model is not None:
            sql += " AND f.model = ?"
            params.append(model)
        sql += " GROUP BY f.name, f.label ORDER BY n DESC, f.name LIMIT ?"
        params.append(limit)
        rows = self._db.run(lambda conn: conn.execute(sql, params).fetchall())
        return [IndexedName(str(n), str(lab), int(count)) for n, lab, count in rows]


class ArticlesByID:
    """Articles read one at a time, as they are iterated, by id (through `load`, e.g. `Library.get`):
    bulk analysis of a big library never holds every text at once. Ids that no longer load are
    skipped."""

    def __init__(self, load: Callable[[str], Article | None], article_ids: Sequence[str]) -> None:
        self.load = load
        self.article_ids = list(article_ids)

    def __len__(self) -> int:
        return len(self.article_ids)

    def __iter__(self) -> Iterator[Article]:
        for article_id in self.article_ids:
            try:
                article = self.load(article_id)
            except Exception:  # noqa: BLE001 - a file that vanished or broke: skip it
                log.warning("could not read article %s for analysis", article_id, exc_info=True)
                continue
            if article is not None:
                yield article


def mention_pattern(variants: Iterable[str]) -> re.Pattern[str] | None:
    """A regex finding any of these spellings as whole words (longest first, case-insensitive)."""
    spellings = sorted({v for v in variants if v.strip()}, key=len, reverse=True)
    if not spellings:
        return None
    alternatives = "|".join(re.escape(v) for v in spellings)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


__all__ = [
    "ArticleMention",
    "ArticlesByID",
    "EntityIndex",
    "EntityQuery",
    "IndexedName",
    "mention_pattern",
    "name_key",
    "parse_entity_query",
]
