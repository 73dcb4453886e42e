"""The names index: the one index of who and what each article names, in
`cache_dir()/names.sqlite3`.

One identity per name across the library, after the user's corrections (`names.json`): timelines,
follows, entity search (`person:`, `ent:`), the mentions screen, who is in the news and stories all
read the same rows, so a relabel, merge or split shows everywhere at once. Built from the cached
analyses (and the article text, for the sentence of each first mention and for the known mentions
below), so it is rebuilt on demand like every file in the cache dir. `NameIndex.sync` brings it up
to date with the library (only new or re-analysed articles are read; stories grow incrementally);
every query reads only the index and answers in milliseconds at 10,000 articles (`bench/names.py`).

Known mentions (issue 18): once the library knows a name's spelling (an identity's own spelling in
any article, or a followed name), its exact occurrences in every article count as mentions, even
where the model missed them (`tui.names.known`). They are stored as rows with `known = 1`: they
count for timelines, follows, search, the news and stories, but do not vote on a name's label or
spelling (the library's label is theirs already). New articles are searched for every known
spelling as they are added; articles indexed before a spelling became known are searched for it at
the end of `sync`, found through the library's full-text index.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar, cast

from tui.analysis.cache import CACHE_SCHEMA, AnalysisCache
from tui.analysis.entity_index import ArticleMention, mention_pattern, name_key
from tui.analysis.types import Facts
from tui.names import stories as story_store
from tui.names.identity import (
    KIND_WORDS,
    Corrections,
    LocalName,
    article_names,
    clear_label,
    identity_key,
    kind_of,
    majority_label,
)
from tui.names.known import occurrences, qualifies
from tui.names.readstate import NothingUnread, UnreadSource
from tui.names.sentences import first_mention, sentence_at
from tui.store.cache_db import CacheDatabase, write_transaction
from tui.store.library import ArticleSummary, Library
from tui.store.paths import CacheLayout

# 4: one index (issue 18): the spellings of each mention, known mentions, the library's spellings.
SCHEMA_VERSION = 4
_T = TypeVar("_T")
SYNC_BATCH = 200
# More new spellings than this in one sync: every article is searched again rather than only those
# the full-text index finds for them (the first build, a big import).
RESCAN_ALL_OVER = 300
_EPOCH = date(1970, 1, 1)

_SCHEMA = (
    """
CREATE TABLE IF NOT EXISTS articles (
    article_id TEXT PRIMARY KEY,
    model TEXT NOT NULL,
    day INTEGER,                    -- days since 1970-01-01 of `published`, NULL when undated
    published TEXT,
    title TEXT NOT NULL,
    source TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS articles_by_day ON articles (day);
CREATE TABLE IF NOT EXISTS mentions (
    key TEXT NOT NULL,              -- the identity it counts for (after the article-level rules)
    article_id TEXT NOT NULL,
    raw TEXT NOT NULL,              -- its own key, which a user's split can take back
    name TEXT NOT NULL,             -- the spelling the article uses
    label TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    first INTEGER,
    sentence TEXT NOT NULL,
    variants TEXT NOT NULL,         -- JSON list of the spellings used in the article
    known INTEGER NOT NULL,         -- 1: found by a spelling the library knows, not by the model
    PRIMARY KEY (key, article_id, raw)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS mentions_by_article ON mentions (article_id);
CREATE INDEX IF NOT EXISTS mentions_by_raw ON mentions (raw);
CREATE TABLE IF NOT EXISTS name_votes (  -- kept up to date row by row: names are recounted cheaply
    key TEXT NOT NULL,
    own INTEGER NOT NULL,           -- 1 when the spelling is the key's own (not a resolved surname)
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (key, own, name, label)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS name_totals (
    key TEXT PRIMARY KEY,
    articles INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS day_counts (  -- articles per day naming each key: "who is in the news"
    day INTEGER NOT NULL,
    key TEXT NOT NULL,
    articles INTEGER NOT NULL,
    PRIMARY KEY (day, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS spellings (  -- the library's own spellings of its names, per article
    spelling TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    articles INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS followed_spellings (  -- followed names searched for already
    spelling TEXT PRIMARY KEY,
    label TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS names (
    key TEXT PRIMARY KEY,
    name TEXT NOT NULL,             -- the spelling most articles use
    label TEXT NOT NULL,            -- the label most articles give (before the user's corrections)
    articles INTEGER NOT NULL
) WITHOUT ROWID;
"""
    + story_store.SCHEMA
)


def day_number(published: str | None) -> int | None:
    """Days since 1970-01-01 of an ISO date or datetime; None when there is none."""
    if not published:
        return None
    try:
        return (date.fromisoformat(published[:10]) - _EPOCH).days
    except ValueError:
        return None


def day_date(day: int) -> date:
    return _EPOCH + timedelta(days=day)


@dataclass(frozen=True, slots=True)
class IndexedArticle:
    """What the index needs of one analysed article."""

    article_id: str
    model: str
    title: str
    source: str
    published: str | None
    body: str
    facts: Facts


@dataclass(frozen=True, slots=True)
class Identity:
    """A name as the library knows it, after the user's corrections."""

    key: str
    name: str
    label: str
    members: frozenset[str]  # identity keys whose rows count here (merges)
    taken: frozenset[str]  # raw keys split out of it
    own: frozenset[str]  # raw keys split into it (it is itself a split name)

    @property
    def kind(self) -> str | None:
        return kind_of(self.label)


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One article naming a name: where it first does, in which sentence."""

    article_id: str
    title: str
    published: str | None
    source: str
    sentence: str
    first: int | None
    mentions: int
    spelling: str


@dataclass(frozen=True, slots=True)
class NameCount:
    """A name and how many articles name it (in a period, or as followed: with unread ones)."""

    key: str
    name: str
    label: str
    articles: int
    new: int = 0
    previous: int = 0
    share: float = 0.0
    previous_share: float = 0.0

    @property
    def rise(self) -> float:
        """This period's share over the previous one's (a name absent before counts from half
        an article, so a newcomer does not rise infinitely)."""
        return self.share / max(self.previous_share, self._floor)

    @property
    def _floor(self) -> float:
        return self.share / (2 * self.articles) if self.articles else 1.0


@dataclass(frozen=True, slots=True)
class NewsPicture:
    """Who is in the news over `days` days up to `end`: top names per kind and the fastest risers."""

    days: int
    start: date
    end: date
    articles: int
    previous_articles: int
    people: list[NameCount]
    organizations: list[NameCount]
    places: list[NameCount]
    rising: list[NameCount]


def _chunks(items: Sequence[_T], size: int = 500) -> Iterable[Sequence[_T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _spelling(key: str, spellings: Counter[tuple[bool, str]]) -> str:
    """The spelling to show for `key`: one of its own (not a bare surname that resolved to it),
    the one most used, preferring the one that is exactly the key ("John Kerry" over "John F.
    Kerry" when both are used as often), then the longer."""
    best = max(
        spellings,
        key=lambda s: (s[0], spellings[s], name_key(s[1]) == key, len(s[1]), s[1]),
    )
    return best[1]


MentionRow = tuple[str, str, str, str, str, int | None, int]


def _count(conn: sqlite3.Connection, rows: Sequence[MentionRow], step: int) -> None:
    """Add (step 1) or take away (-1) mention rows (key, article, raw, name, label, day, known)
    from the votes, the per-key article totals and the per-day counts. Known mentions count for
    articles but do not vote (their label is the library's already)."""
    votes: Counter[tuple[str, int, str, str]] = Counter()
    for key, _, raw, name, label, _, known in rows:
        if not known:
            votes[(key, int(raw == key), name, label)] += step
    conn.executemany(
        "INSERT INTO name_votes VALUES (?, ?, ?, ?, ?) ON CONFLICT (key, own, name, label) "
        "DO UPDATE SET n = n + excluded.n",
        [(*vote, n) for vote, n in votes.items()],
    )
    pairs = {(key, article_id, day) for key, article_id, _, _, _, day, _ in rows}
    totals = Counter(key for key, _, _ in pairs)
    conn.executemany(
        "INSERT INTO name_totals VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET articles = articles + excluded.articles",
        [(key, step * n) for key, n in totals.items()],
    )
    daily = Counter((day, key) for key, _, day in pairs if day is not None)
    conn.executemany(
        "INSERT INTO day_counts VALUES (?, ?, ?) "
        "ON CONFLICT (day, key) DO UPDATE SET articles = articles + excluded.articles",
        [(day, key, step * n) for (day, key), n in daily.items()],
    )
    if step < 0:
        conn.execute("DELETE FROM name_votes WHERE n <= 0")
        conn.execute("DELETE FROM name_totals WHERE articles <= 0")
        conn.execute("DELETE FROM day_counts WHERE articles <= 0")


def _count_spellings(conn: sqlite3.Connection, rows: Iterable[tuple[str, str, str]], step: int) -> None:
    """Add (1) or take away (-1) the own spellings of mention rows (key, raw, JSON variants): the
    spellings of a name that are its own (not a bare surname that resolved to it) and may count
    wherever they occur (`tui.names.known.qualifies`)."""
    counts: Counter[tuple[str, str]] = Counter()
    for key, raw, variants in rows:
        if raw != key:
            continue
        for spelling in json.loads(variants):
            if qualifies(spelling) and identity_key(spelling) == key:
                counts[(spelling, key)] += step
    conn.executemany(
        "INSERT INTO spellings VALUES (?, ?, ?) "
        "ON CONFLICT (spelling) DO UPDATE SET articles = articles + excluded.articles, key = excluded.key",
        [(spelling, key, n) for (spelling, key), n in counts.items()],
    )
    if step < 0:
        conn.execute("DELETE FROM spellings WHERE articles <= 0")


def _other_spellings(body: str, local: LocalName, taken: set[str]) -> dict[str, tuple[list[str], int, int]]:
    """The spellings of one name in an article whose own key differs from the name's and from
    every other name there ("Kerry" in John Kerry's fact): own key -> (spellings, occurrences in
    `body` not inside a longer spelling, the first one's offset). Spellings never found in the
    text stay with the name."""
    others = [v for v in local.variants if identity_key(v, local.label) not in ("", local.raw)]
    if not others:
        return {}
    pattern = mention_pattern(local.variants)
    found: dict[str, tuple[list[str], int, int]] = {}
    if pattern is None:
        return found
    by_text = {v.casefold(): v for v in local.variants}
    for match in pattern.finditer(body):
        spelling = by_text.get(match.group(0).casefold(), match.group(0))
        raw = identity_key(spelling, local.label)
        if spelling not in others or raw in taken:
            continue
        spellings, count, first = found.get(raw, ([], 0, match.start()))
        if spelling not in spellings:
            spellings = [*spellings, spelling]
        found[raw] = (spellings, count + 1, first)
    return found


def _marks(count: int) -> str:
    return ",".join("?" * count)


class NameIndex:
    """The names index in `cache_dir`; `corrections` are the user's (see `CorrectionsFile`)."""

    def __init__(self, cache_dir: Path, corrections: Corrections | None = None) -> None:
        self.cache_dir = Path(cache_dir)
        layout = CacheLayout(self.cache_dir)
        self.path = layout.names_index
        # Built from the analyses: made again whenever their rules change (analysis cache schema).
        self._db = CacheDatabase(self.path, _SCHEMA, (SCHEMA_VERSION * 7919 + CACHE_SCHEMA) & 0x3FFFFFFF)
        self.corrections = corrections if corrections is not None else Corrections()
        # The separate entity index of earlier versions, now part of this one: not left behind.
        with contextlib.suppress(OSError):
            for leftover in (layout.entity_index, *layout.entity_index.parent.glob("entities.sqlite3-*")):
                leftover.unlink(missing_ok=True)

    def close(self) -> None:
        self._db.close()

    def _read(self, sql: str, params: Sequence[object] = ()) -> list[Any]:
        return self._db.run(lambda conn: conn.execute(sql, list(params)).fetchall())

    # ----- writing --------------------------------------------------------------------------------
    def add_articles(self, items: Iterable[IndexedArticle]) -> None:
        """Index analysed articles (replacing what they had), with the mentions of every spelling
        the library knows, and place them in stories."""
        batch = list(items)
        if not batch:
            return

        def work(conn: sqlite3.Connection) -> None:
            with write_transaction(conn):
                ids = [item.article_id for item in batch]
                touched = self._delete(conn, ids)
                for item in batch:
                    touched |= self._insert(conn, item)
                self._update_names(conn, touched)
                known = self._known_spellings(conn)
                touched = set()
                for item in batch:
                    touched |= self._insert_known(conn, item.article_id, item.body, known)
                self._update_names(conn, touched)
                story_store.place(conn, ids)

        self._db.run(work)

    def remove_articles(self, article_ids: Iterable[str]) -> None:
        """Forget articles (gone from the library)."""
        ids = list(article_ids)
        if not ids:
            return

        def work(conn: sqlite3.Connection) -> None:
            with write_transaction(conn):
                self._update_names(conn, self._delete(conn, ids))

        self._db.run(work)

    @staticmethod
    def _delete(conn: sqlite3.Connection, ids: Sequence[str], only_known: bool = False) -> set[str]:
        """Take the mentions of these articles out (only the known ones: `only_known`), and the
        articles themselves unless `only_known`."""
        touched: set[str] = set()
        known_clause = " AND m.known = 1" if only_known else ""
        for part in _chunks(ids):
            marks = _marks(len(part))
            rows = conn.execute(
                "SELECT m.key, m.article_id, m.raw, m.name, m.label, a.day, m.known, m.variants "
                "FROM mentions m JOIN articles a ON a.article_id = m.article_id "
                f"WHERE m.article_id IN ({marks}){known_clause}",
                part,
            ).fetchall()
            _count(conn, [tuple(row[:7]) for row in rows], -1)
            _count_spellings(conn, [(row[0], row[2], row[7]) for row in rows if not row[6]], -1)
            touched |= {str(row[0]) for row in rows}
            conn.execute(
                f"DELETE FROM mentions WHERE article_id IN ({marks}){known_clause.replace('m.', '')}", part
            )
            if not only_known:
                conn.execute(f"DELETE FROM articles WHERE article_id IN ({marks})", part)
        if not only_known:
            story_store.remove(conn, ids)
        return touched

    @staticmethod
    def _insert(conn: sqlite3.Connection, item: IndexedArticle) -> set[str]:
        conn.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?)",
            (
                item.article_id,
                item.model,
                day_number(item.published),
                item.published,
                item.title,
                item.source,
            ),
        )
        rows: list[tuple[str, str, str, str, str, int, int | None, str, str, int]] = []
        # The typed facts read as plain mappings (article_names also takes facts loaded from JSON).
        names = article_names(cast(Mapping[str, Iterable[Mapping[str, Any]]], item.facts))
        raws = {local.raw for local in names}
        for local in names:
            mentions, variants = local.mentions, list(local.variants)
            # A spelling with a key of its own ("Kerry" in John Kerry's fact) is a row of its own,
            # counted for the name, so that a user's split can take it back.
            for raw, (spellings, count, offset) in _other_spellings(item.body, local, raws).items():
                variants = [v for v in variants if v not in spellings]
                mentions -= count
                rows.append(
                    (
                        local.key,
                        item.article_id,
                        raw,
                        spellings[0],
                        local.label,
                        count,
                        offset,
                        sentence_at(item.body, offset),
                        json.dumps(spellings, ensure_ascii=False),
                        0,
                    )
                )
            first = local.first
            if first is None or not item.body[first:].strip():
                first = first_mention(item.body, local.variants)
            sentence = sentence_at(item.body, first) if first is not None else ""
            rows.append(
                (
                    local.key,
                    item.article_id,
                    local.raw,
                    local.name,
                    local.label,
                    max(mentions, 1),
                    first,
                    sentence,
                    json.dumps(variants or [local.name], ensure_ascii=False),
                    0,
                )
            )
        conn.executemany("INSERT OR REPLACE INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        day = day_number(item.published)
        _count(
            conn,
            [(key, article, raw, name, label, day, 0) for key, article, raw, name, label, *_ in rows],
            1,
        )
        _count_spellings(conn, [(row[0], row[2], row[8]) for row in rows], 1)
        return {row[0] for row in rows}

    @staticmethod
    def _known_spellings(conn: sqlite3.Connection) -> dict[str, tuple[str, str]]:
        """Every spelling the library knows -> (its identity key, the library's label): the own
        spellings of the names of at least one article, and the followed names."""
        known: dict[str, tuple[str, str]] = {}
        for spelling, key, label in conn.execute(
            "SELECT s.spelling, n.key, n.label FROM spellings s JOIN names n ON n.key = s.key "
            "WHERE s.articles > 0"
        ):
            known[str(spelling)] = (str(key), str(label))
        for spelling, label in conn.execute("SELECT spelling, label FROM followed_spellings"):
            known.setdefault(str(spelling), (identity_key(str(spelling)), str(label)))
        return known

    @staticmethod
    def _insert_known(
        conn: sqlite3.Connection, article_id: str, body: str, known: Mapping[str, tuple[str, str]]
    ) -> set[str]:
        """Add the known mentions of one article: the occurrences of known spellings whose name
        the article's own rows do not already count (a bare "Kestrel" beside "Kestrel Airlines"
        is the airline's, as the article-level rules decided)."""
        day_row = conn.execute("SELECT day FROM articles WHERE article_id = ?", (article_id,)).fetchone()
        if day_row is None:
            return set()
        taken: set[str] = set()  # identity keys the article counts already
        own: set[str] = set()  # spellings the model found here (they belong to the article's name)
        short: set[str] = set()  # a surname of a person here, the first word of an organisation
        for key, raw, name, label, variants in conn.execute(
            "SELECT key, raw, name, label, variants FROM mentions WHERE article_id = ? AND known = 0",
            (article_id,),
        ):
            taken |= {str(key), str(raw)}
            own |= {str(name), *json.loads(variants)}
            words = str(raw).split()
            if len(words) > 1 and label == "PERSON":
                short.add(words[-1])
            elif len(words) > 1 and kind_of(str(label)) == "organizations":
                short.add(words[0])
        found: dict[str, list[tuple[int, str]]] = {}
        for occurrence in occurrences(body, known):
            spelling = occurrence.spelling
            key, _ = known[spelling]
            if key in taken or spelling in own or identity_key(spelling) in short:
                continue
            found.setdefault(key, []).append((occurrence.start, spelling))
        rows = []
        for key, spots in found.items():
            first, spelling = spots[0]
            variants = list(dict.fromkeys(text for _, text in spots))
            label = known[spelling][1]
            rows.append(
                (
                    key,
                    article_id,
                    key,
                    spelling,
                    label,
                    len(spots),
                    first,
                    sentence_at(body, first),
                    json.dumps(variants, ensure_ascii=False),
                    1,
                )
            )
        conn.executemany("INSERT OR REPLACE INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        _count(conn, [(row[0], article_id, row[2], row[3], row[4], day_row[0], 1) for row in rows], 1)
        return set(found)

    def follow_spellings(self, followed: Mapping[str, str | None]) -> set[str]:
        """Make the followed names (name -> the label the user gave, or None) known spellings;
        returns the spellings new since the last call (their mentions are still to be found). A
        name with no label of its own and none in the library waits until an article names it."""
        wanted = {name: label for name, label in followed.items() if qualifies(name)}

        def work(conn: sqlite3.Connection) -> set[str]:
            old = {(str(s), str(label)) for s, label in conn.execute("SELECT * FROM followed_spellings")}
            rows = set()
            for name, label in wanted.items():
                found = conn.execute(
                    "SELECT label FROM names WHERE key = ?", (identity_key(name),)
                ).fetchone()
                chosen = label or (str(found[0]) if found else None)
                if chosen:
                    rows.add((name, chosen))
            if rows == old:
                return set()  # the usual case: no write at all
            with write_transaction(conn):
                conn.execute("DELETE FROM followed_spellings")
                conn.executemany("INSERT INTO followed_spellings VALUES (?, ?)", sorted(rows))
            return {name for name, _ in rows} - {name for name, _ in old}

        return self._db.run(work)

    def find_known_mentions(self, bodies: Iterable[tuple[str, str]]) -> int:
        """Search these (article id, body) again for every known spelling, replacing their known
        mentions (after spellings became known). Stories are not redone. Returns how many
        articles were searched."""
        done = 0
        for part in _chunks(list(bodies), SYNC_BATCH):

            def work(conn: sqlite3.Connection, part: Sequence[tuple[str, str]] = part) -> None:
                with write_transaction(conn):
                    ids = [article_id for article_id, _ in part]
                    touched = self._delete(conn, ids, only_known=True)
                    known = self._known_spellings(conn)
                    for article_id, body in part:
                        touched |= self._insert_known(conn, article_id, body, known)
                    self._update_names(conn, touched)

            self._db.run(work)
            done += len(part)
        return done

    def known_spellings(self) -> dict[str, str]:
        """Every spelling the library knows -> the label shown for its name (the user's, else the
        library's), for highlighting them in the reader."""
        known = self._db.run(self._known_spellings)
        corrections = self.corrections
        return {
            spelling: corrections.labels.get(corrections.target(key), label)
            for spelling, (key, label) in known.items()
        }

    @staticmethod
    def _update_names(conn: sqlite3.Connection, keys: Iterable[str]) -> None:
        """Recount the library-wide name, label and article count of these keys (from the votes)."""
        for part in _chunks(sorted(keys)):
            marks = _marks(len(part))
            conn.execute(f"DELETE FROM names WHERE key IN ({marks})", part)
            labels: dict[str, Counter[str]] = defaultdict(Counter)
            spellings: dict[str, Counter[tuple[bool, str]]] = defaultdict(Counter)
            for key, own, name, label, count in conn.execute(
                f"SELECT key, own, name, label, n FROM name_votes WHERE key IN ({marks}) AND n > 0", part
            ):
                labels[key][label] += count
                spellings[key][(bool(own), name)] += count
            totals = conn.execute(
                f"SELECT key, articles FROM name_totals WHERE key IN ({marks}) AND articles > 0", part
            ).fetchall()
            conn.executemany(
                "INSERT INTO names VALUES (?, ?, ?, ?)",
                [
                    (key, _spelling(key, spellings[key]), majority_label(labels[key]), int(total))
                    for key, total in totals
                    if labels[key]
                ],
            )

    def sync(
        self,
        library: Library,
        cache: AnalysisCache,
        model: str,
        progress: Callable[[int, int], None] | None = None,
        followed: Mapping[str, str | None] | None = None,
    ) -> int:
        """Bring the index up to date: articles analysed by `model` that it lacks are added (their
        text read from the library), articles gone from the library are dropped, and the articles
        indexed before a spelling became known (from the new articles, or `followed`: name ->
        label or None) are searched for it. Returns how many were added. Cheap when nothing
        changed."""
        summaries = {summary.id: summary for summary in library.summaries()}
        present = dict(self._read("SELECT article_id, model FROM articles"))
        gone = [article_id for article_id in present if article_id not in summaries]
        self.remove_articles(gone)
        cached = cache.cached_ids(model)
        todo = [i for i in summaries if i in cached and present.get(i) != model]
        before = self._spelling_set() if todo else set()
        self._add_from_cache(library, cache, model, summaries, todo, progress)
        new = self._spelling_set() - before if todo else set()
        if followed is not None:
            new |= self.follow_spellings(followed)
        if new:
            self._find_new_spellings(library, new)
        return len(todo)

    def _spelling_set(self) -> set[str]:
        return {str(row[0]) for row in self._read("SELECT spelling FROM spellings")}

    def _find_new_spellings(self, library: Library, spellings: set[str]) -> None:
        """Search the indexed articles that may hold these newly known spellings (all of them
        when there are many) and add their known mentions."""
        indexed = [str(row[0]) for row in self._read("SELECT article_id FROM articles")]
        candidates: set[str] | None = None
        if len(spellings) <= RESCAN_ALL_OVER:
            candidates = set()
            ordered = sorted(spellings)
            try:
                for start in range(0, len(ordered), 20):
                    query = " OR ".join(
                        '"' + spelling.replace('"', " ") + '"' for spelling in ordered[start : start + 20]
                    )
                    hits = library.search(query, limit=max(len(indexed), 1))
                    candidates |= {hit.summary.id for hit in hits}
            except (sqlite3.Error, ValueError):
                candidates = None  # the full-text index cannot say: search every article
        ids = indexed if candidates is None else [i for i in indexed if i in candidates]
        for part in _chunks(ids, SYNC_BATCH):
            bodies = []
            for article_id in part:
                article = library.get(article_id)
                if article is not None:
                    bodies.append((article_id, article.body))
            self.find_known_mentions(bodies)

    def _add_from_cache(
        self,
        library: Library,
        cache: AnalysisCache,
        model: str,
        summaries: Mapping[str, ArticleSummary],
        todo: Sequence[str],
        progress: Callable[[int, int], None] | None,
    ) -> None:
        done = 0
        for part in _chunks(todo, SYNC_BATCH):
            batch = []
            for article_id in part:
                analysis = cache.get(article_id, model)
                article = library.get(article_id)
                if analysis is None or article is None:
                    continue
                summary = summaries[article_id]
                batch.append(
                    IndexedArticle(
                        article_id,
                        model,
                        summary.title,
                        summary.source,
                        summary.published,
                        article.body,
                        analysis.facts,
                    )
                )
            self.add_articles(batch)
            done += len(part)
            if progress is not None:
                progress(done, len(todo))

    # ----- identities -----------------------------------------------------------------------------
    def identity(self, name: str, kind: str | None = None) -> Identity | None:
        """The identity `name` refers to (by its key, after the user's merges), or None when no
        article names it. With `kind` ("people", "organizations", "places"), only an identity of
        that kind."""
        key = identity_key(name)
        if not key:
            return None
        found = self._identity(self.corrections.target(key))
        if found is not None and kind in (None, found.kind):
            return found
        # A short form ("Kestrel", "Kerry") that articles resolved to a longer name: the one
        # identity (of that kind) they all resolved it to.
        owners = []
        for (owner,) in self._read("SELECT DISTINCT key FROM mentions WHERE raw = ? AND key != raw", [key]):
            candidate = self._identity(self.corrections.target(str(owner)))
            if candidate is not None and kind in (None, candidate.kind):
                owners.append(candidate)
        return owners[0] if len(owners) == 1 else None

    def _identity(self, key: str) -> Identity | None:
        corrections = self.corrections
        members = frozenset(corrections.merged_into(key))
        taken = frozenset(raw for member in members for raw in corrections.split_from(member))
        own = frozenset(member for member in members if member in corrections.splits)
        clause, params = self._clause(members, taken, own)
        labels: Counter[str] = Counter()
        spellings: Counter[tuple[bool, str]] = Counter()
        known_labels: Counter[str] = Counter()  # known mentions: only when the model never named it
        for raw, name, label, known, count in self._read(
            f"SELECT raw, name, label, known, count(*) FROM mentions WHERE {clause} "
            "GROUP BY raw, name, label, known",
            params,
        ):
            (known_labels if known else labels)[label] += count
            spellings[(raw == key, name)] += count
        labels = labels or known_labels
        if not labels:
            return None
        stored = self._read("SELECT name FROM names WHERE key = ?", [key])
        if stored and stored[0][0] and not own:
            name = str(stored[0][0])
        else:
            name = _spelling(key, spellings)
        label = corrections.labels.get(key) or majority_label(labels)
        return Identity(key, name, label, members, taken, own)

    @staticmethod
    def _clause(
        members: Iterable[str], taken: Iterable[str], own: Iterable[str], table: str = ""
    ) -> tuple[str, list[object]]:
        members, taken, own = sorted(members), sorted(taken), sorted(own)
        prefix = f"{table}." if table else ""
        clause = f"({prefix}key IN ({_marks(len(members))})"
        params: list[object] = list(members)
        if taken:
            clause += f" AND {prefix}raw NOT IN ({_marks(len(taken))})"
            params += taken
        clause += ")"
        if own:
            clause += f" OR {prefix}raw IN ({_marks(len(own))})"
            params += own
        return f"({clause})", params

    def identity_clause(self, identity: Identity, table: str = "") -> tuple[str, list[object]]:
        """SQL (on `mentions`, aliased `table`) selecting the rows that count for `identity`."""
        return self._clause(identity.members, identity.taken, identity.own, table)

    def article_ids(self, identity: Identity) -> set[str]:
        """Ids of the articles naming `identity`."""
        clause, params = self.identity_clause(identity)
        return {str(row[0]) for row in self._read(f"SELECT article_id FROM mentions WHERE {clause}", params)}

    def label_of(self, key: str) -> str | None:
        """The label an article's mention of this identity key is shown with: the user's, else the
        library's when its majority is clear (`clear_label`), else None (the article's own)."""
        if key in self.corrections.labels:
            return self.corrections.labels[key]
        votes: Counter[str] = Counter()
        for label, count in self._read(
            "SELECT label, sum(n) FROM name_votes WHERE key = ? AND n > 0 GROUP BY label", [key]
        ):
            votes[str(label)] += int(count)
        return clear_label(votes)

    def display_names(self, keys: Iterable[str]) -> dict[str, tuple[str, str]]:
        """(name, label) of each key, as shown (the user's label wins)."""
        wanted = sorted(set(keys))
        found: dict[str, tuple[str, str]] = {}
        for part in _chunks(wanted):
            for key, name, label in self._read(
                f"SELECT key, name, label FROM names WHERE key IN ({_marks(len(part))})", part
            ):
                found[key] = (name, self.corrections.labels.get(key, label))
        return found

    # ----- queries --------------------------------------------------------------------------------
    def articles_mentioning(self, name: str, label: str | None = None) -> list[ArticleMention]:
        """The articles naming `name`'s identity (after the user's corrections), most mentions
        first, each with its mentions, spellings and the name's label there. `label` (PERSON, ORG,
        GPE…, or a kind: "people") keeps only an identity of that kind."""
        return self.articles_mentioning_any([name], label)

    def articles_mentioning_any(self, names: Iterable[str], label: str | None = None) -> list[ArticleMention]:
        """As `articles_mentioning`, for a name known by several spellings ("John Kerry", "John F.
        Kerry"): every identity they name counts once per article."""
        kind = None
        if label:
            kind = label.lower() if label.lower() in KIND_WORDS else kind_of(label)
            if kind is None:
                return []
        identities: dict[str, Identity] = {}
        for name in names:
            identity = self.identity(name, kind)
            if identity is not None:
                identities.setdefault(identity.key, identity)
        per_article: dict[str, tuple[int, Counter[str], list[str], str]] = {}
        for identity in identities.values():
            clause, params = self.identity_clause(identity)
            for article_id, spelling, mentions, variants in self._read(
                f"SELECT article_id, name, mentions, variants FROM mentions WHERE {clause} "
                "ORDER BY article_id, known, first",
                params,
            ):
                count, spellings, seen, shown = per_article.get(
                    article_id, (0, Counter(), [], identity.label)
                )
                spellings[str(spelling)] += int(mentions)
                seen.extend(v for v in json.loads(variants) if v not in seen)
                per_article[article_id] = (count + int(mentions), spellings, seen, shown)
        found = [
            ArticleMention(
                article_id,
                count,
                spellings.most_common(1)[0][0],
                shown,
                kind_of(shown) or "",
                tuple(seen),
            )
            for article_id, (count, spellings, seen, shown) in per_article.items()
        ]
        return sorted(found, key=lambda m: (-m.mentions, m.article_id))

    def indexed_ids(self) -> set[str]:
        """Ids of the indexed articles."""
        return {str(row[0]) for row in self._read("SELECT article_id FROM articles")}

    def timeline(self, name: str) -> list[TimelineEntry]:
        """Every article naming `name`, oldest first (undated ones last), with the sentence of its
        first mention there."""
        identity = self.identity(name)
        if identity is None:
            return []
        clause, params = self.identity_clause(identity, "m")
        rows = self._read(
            "SELECT m.article_id, a.title, a.published, a.source, m.sentence, m.first, m.mentions, "
            "m.name, a.day FROM mentions m JOIN articles a ON a.article_id = m.article_id "
            f"WHERE {clause}",
            params,
        )
        best: dict[str, TimelineEntry] = {}
        days: dict[str, int | None] = {}
        totals: Counter[str] = Counter()
        for article_id, title, published, source, sentence, first, mentions, spelling, day in rows:
            totals[article_id] += int(mentions)
            days[article_id] = day
            entry = TimelineEntry(article_id, title, published, source, sentence, first, 0, spelling)
            old = best.get(article_id)
            if old is None or (first is not None and (old.first is None or first < old.first)):
                best[article_id] = entry
        entries = [
            TimelineEntry(
                e.article_id,
                e.title,
                e.published,
                e.source,
                e.sentence,
                e.first,
                totals[e.article_id],
                e.spelling,
            )
            for e in best.values()
        ]
        entries.sort(key=lambda e: (days[e.article_id] is None, e.published or "", e.article_id))
        return entries

    def follow_counts(
        self, names: Iterable[tuple[str, str | None]], read_state: UnreadSource | None = None
    ) -> list[NameCount]:
        """For followed (name, label) pairs: articles naming each and how many are unread."""
        state = read_state if read_state is not None else NothingUnread()
        counts = []
        for name, label in names:
            identity = self.identity(name)
            if identity is None:
                counts.append(NameCount(identity_key(name), name, label or "", 0, 0))
                continue
            ids = self.article_ids(identity)
            shown = label if label and identity.key not in self.corrections.labels else identity.label
            counts.append(NameCount(identity.key, identity.name, shown, len(ids), len(state.unread(ids))))
        return counts

    def latest_day(self) -> date | None:
        """The date of the newest dated article."""
        rows = self._read("SELECT max(day) FROM articles")
        return day_date(int(rows[0][0])) if rows and rows[0][0] is not None else None

    def _period_counts(self, first: int, last: int) -> tuple[dict[str, tuple[int, str, str]], int]:
        """key -> (articles, name, label) for the days first..last, and the articles of the period."""
        rows = self._read(
            "SELECT g.key, g.n, n.name, n.label FROM (SELECT key, sum(articles) AS n FROM day_counts "
            "WHERE day BETWEEN ? AND ? GROUP BY key) g JOIN names n ON n.key = g.key",
            [first, last],
        )
        total = self._read("SELECT count(*) FROM articles WHERE day BETWEEN ? AND ?", [first, last])
        return {str(k): (int(n), str(name), str(label)) for k, n, name, label in rows}, int(total[0][0])

    def _corrected_count(self, identity: Identity, first: int, last: int) -> int:
        clause, params = self.identity_clause(identity, "m")
        rows = self._read(
            "SELECT count(DISTINCT m.article_id) FROM mentions m JOIN articles a ON "
            "a.article_id = m.article_id WHERE a.day BETWEEN ? AND ? AND "
            f"{clause}",
            [first, last, *params],
        )
        return int(rows[0][0])

    def in_the_news(self, days: int, end: date | None = None, limit: int = 10) -> NewsPicture:
        """The names most articles of the last `days` days (up to `end`, default today) name,
        per kind, and those whose share of articles rose most against the `days` before."""
        end = end or datetime.now(UTC).date()
        last = (end - _EPOCH).days
        first = last - days + 1
        now, total = self._period_counts(first, last)
        before, previous_total = self._period_counts(first - days, first - 1)
        corrections = self.corrections
        # Keys the user merged or split are counted exactly; the rest straight from the GROUP BY.
        corrected = (
            {corrections.target(k) for k in corrections.merges}
            | set(corrections.splits)
            | {corrections.target(owner) for owner in corrections.splits.values()}
        )
        folded_now: Counter[str] = Counter()
        folded_before: Counter[str] = Counter()
        shown: dict[str, tuple[str, str]] = {}
        for counter, folded in ((now, folded_now), (before, folded_before)):
            for key, (count, name, label) in counter.items():
                if key not in corrected and key not in corrections.merges:
                    folded[key] = count
                    shown[key] = (name, corrections.labels.get(key, label))
        for key in corrected:
            identity = self._identity(key)
            if identity is None:
                continue
            folded_now[key] = self._corrected_count(identity, first, last)
            folded_before[key] = self._corrected_count(identity, first - days, first - 1)
            shown[key] = (identity.name, identity.label)
        by_kind: dict[str, list[NameCount]] = {"people": [], "organizations": [], "places": []}
        everyone = []
        for key, count in folded_now.items():
            if count <= 0:
                continue
            name, label = shown.get(key, (key, ""))
            kind = kind_of(label)
            entry = NameCount(
                key,
                name,
                label,
                count,
                previous=folded_before.get(key, 0),
                share=count / total if total else 0.0,
                previous_share=folded_before.get(key, 0) / previous_total if previous_total else 0.0,
            )
            everyone.append(entry)
            if kind is not None:
                by_kind[kind].append(entry)
        for entries in by_kind.values():
            entries.sort(key=lambda e: (-e.articles, e.name))
        rising = [e for e in everyone if e.articles >= 2 and e.share > e.previous_share]
        rising.sort(key=lambda e: (-e.rise, -e.articles, e.name))
        return NewsPicture(
            days,
            day_date(first),
            end,
            total,
            previous_total,
            by_kind["people"][:limit],
            by_kind["organizations"][:limit],
            by_kind["places"][:limit],
            rising[:limit],
        )

    # ----- stories --------------------------------------------------------------------------------
    def stories(self, since: date | None = None, limit: int | None = None) -> list[story_store.Story]:
        """Every story (articles about one event), newest first, at most `limit`; `since` keeps
        stories whose last article is on or after that day (undated stories are kept)."""
        since_day = (since - _EPOCH).days if since is not None else None
        return self._db.run(lambda conn: story_store.list_stories(conn, since_day, self.display_names, limit))

    def dated_ids(self, since: date | None = None, before: date | None = None) -> set[str]:
        """Ids of the indexed articles published on or after `since` and before `before` (an
        undated article matches only when neither is given)."""
        sql, params = "SELECT article_id FROM articles WHERE 1", []
        if since is not None:
            sql += " AND day >= ?"
            params.append((since - _EPOCH).days)
        if before is not None:
            sql += " AND day < ?"
            params.append((before - _EPOCH).days)
        return {str(row[0]) for row in self._read(sql, params)}

    def indexed_count(self) -> int:
        return int(self._read("SELECT count(*) FROM articles")[0][0])
