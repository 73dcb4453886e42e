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
import dataclasses
import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tui.analysis.cache import CACHE_SCHEMA, AnalysisCache
from tui.analysis.entity_index import ArticleMention
from tui.names import rows as db_rows
from tui.names import stories as story_store
from tui.names.identity import (
    KIND_OF_LABEL,
    KIND_WORDS,
    Corrections,
    clear_label,
    identity_key,
    kind_of,
    majority_label,
)
from tui.names.known import qualifies
from tui.names.readstate import NothingUnread, UnreadSource
from tui.names.rows import IndexedArticle
from tui.store import muted as muted_store
from tui.store.cache_db import CacheDatabase, write_transaction
from tui.store.library import ArticleSummary, Library
from tui.store.paths import CacheLayout

SYNC_BATCH = 200
# More new spellings than this in one sync: every article is searched again rather than only those
# the full-text index finds for them (the first build, a big import).
RESCAN_ALL_OVER = 300
# Issue 21: muted articles stay indexed (a rule naming a person must keep matching them) and are left
# out of stories, who is in the news, timelines and follow counts by this condition.
_UNMUTED = "article_id NOT IN (SELECT article_id FROM muted)"


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


class NameIndex:
    """The names index in `cache_dir`; `corrections` are the user's (see `CorrectionsFile`)."""

    def __init__(self, cache_dir: Path, corrections: Corrections | None = None) -> None:
        self.cache_dir = Path(cache_dir)
        layout = CacheLayout(self.cache_dir)
        self.path = layout.names_index
        # Built from the analyses: made again whenever their rules change (analysis cache schema).
        version = (db_rows.SCHEMA_VERSION * 7919 + CACHE_SCHEMA) & 0x3FFFFFFF
        self._db = CacheDatabase(self.path, db_rows.SCHEMA, version)
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
                touched = db_rows.delete_rows(conn, ids)
                for item in batch:
                    touched |= db_rows.insert_rows(conn, item)
                db_rows.update_names(conn, touched)
                known = db_rows.known_spellings(conn)
                touched = set()
                for item in batch:
                    touched |= db_rows.insert_known(conn, item.article_id, item.body, known)
                db_rows.update_names(conn, touched)
                story_store.place(conn, ids)

        self._db.run(work)

    def remove_articles(self, article_ids: Iterable[str]) -> None:
        """Forget articles (gone from the library)."""
        ids = list(article_ids)
        if not ids:
            return

        def work(conn: sqlite3.Connection) -> None:
            with write_transaction(conn):
                db_rows.update_names(conn, db_rows.delete_rows(conn, ids))

        self._db.run(work)

    def set_muted(self, article_ids: Iterable[str]) -> None:
        """Make these the muted articles (`tui.store.muted`) the queries leave out (issue 21)."""
        wanted = set(article_ids)
        if wanted == self.muted_ids():
            return

        def work(conn: sqlite3.Connection) -> None:
            with write_transaction(conn):
                conn.execute("DELETE FROM muted")
                conn.executemany("INSERT INTO muted VALUES (?)", [(i,) for i in sorted(wanted)])

        self._db.run(work)

    def muted_ids(self) -> set[str]:
        """The muted articles the queries leave out."""
        return {str(row[0]) for row in self._read("SELECT article_id FROM muted")}

    def stamp(self) -> str:
        """Changes when articles or their names change (rules naming people are worked out again)."""
        row = self._read("SELECT count(*), (SELECT count(*) FROM mentions) FROM articles")[0]
        return f"{row[0]}:{row[1]}"

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
        for part in db_rows.chunks(list(bodies), SYNC_BATCH):

            def work(conn: sqlite3.Connection, part: Sequence[tuple[str, str]] = part) -> None:
                with write_transaction(conn):
                    ids = [article_id for article_id, _ in part]
                    touched = db_rows.delete_rows(conn, ids, only_known=True)
                    known = db_rows.known_spellings(conn)
                    for article_id, body in part:
                        touched |= db_rows.insert_known(conn, article_id, body, known)
                    db_rows.update_names(conn, touched)

            self._db.run(work)
            done += len(part)
        return done

    def known_spellings(self) -> dict[str, str]:
        """Every spelling the library knows -> the label shown for its name (the user's, else the
        library's), for highlighting them in the reader."""
        known = self._db.run(db_rows.known_spellings)
        corrections = self.corrections
        return {
            spelling: corrections.labels.get(corrections.target(key), label)
            for spelling, (key, label) in known.items()
        }

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
        library = library.including_muted()  # muted articles stay indexed (issue 21)
        self.set_muted(muted_store.muted_ids(library))
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
        for part in db_rows.chunks(ids, SYNC_BATCH):
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
        for part in db_rows.chunks(todo, SYNC_BATCH):
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
        clause, params = db_rows.identity_clause(members, taken, own)
        labels: Counter[str] = Counter()
        spellings: Counter[tuple[bool, str]] = Counter()
        known_labels: Counter[str] = Counter()  # known mentions: only when the model never named it
        short_labels: Counter[str] = Counter()
        for raw, name, label, known, count in self._read(
            f"SELECT raw, name, label, known, count(*) FROM mentions WHERE {clause} "
            "GROUP BY raw, name, label, known",
            params,
        ):
            # A short form counted for it ("Odra" beside Odra Racibórz) votes only when nothing else does.
            (known_labels if known else labels if raw in members else short_labels)[label] += count
            spellings[(raw == key, name)] += count
        labels = labels or short_labels or known_labels
        if not labels:
            return None
        stored = self._read("SELECT name FROM names WHERE key = ?", [key])
        if stored and stored[0][0] and not own:
            name = str(stored[0][0])
        else:
            name = db_rows.shown_spelling(key, spellings)
        label = corrections.labels.get(key) or majority_label(labels)
        shorts = db_rows.short_forms(self._read, members, label, corrections)  # "Nordhavn" alone
        shorts |= db_rows.acronym_forms(self._read, key, name, label, corrections)  # "EU"
        shorts |= db_rows.person_forms(self._read, key, label, corrections)  # "Peter Kamau Mwangi"
        shorts |= db_rows.organisation_forms(self._read, key, label, corrections)  # "... Group"
        return Identity(key, name, label, members | shorts, taken, own)

    def identity_clause(self, identity: Identity, table: str = "") -> tuple[str, list[object]]:
        """SQL (on `mentions`, aliased `table`) selecting the rows that count for `identity`."""
        i = identity
        return db_rows.identity_clause(i.members, i.taken, i.own, i.members - i.taken, i.label, table)

    def article_ids(self, identity: Identity, kind: str | None = None) -> set[str]:
        """Ids of the articles naming `identity` (with `kind`, "places"…: where it is labelled so)."""
        clause, params = self.identity_clause(identity)
        labels = [label for label in KIND_OF_LABEL if kind_of(label) == kind] if kind else []
        if labels:
            clause = f"{clause} AND label IN ({db_rows.placeholders(len(labels))})"
            params = [*params, *labels]
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
        for part in db_rows.chunks(wanted):
            for key, name, label in self._read(
                f"SELECT key, name, label FROM names WHERE key IN ({db_rows.placeholders(len(part))})", part
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
            f"WHERE {clause} AND m.{_UNMUTED}",
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
        muted = self.muted_ids()
        counts = []
        for name, label in names:
            identity = self.identity(name)
            if identity is None:
                counts.append(NameCount(identity_key(name), name, label or "", 0, 0))
                continue
            ids = self.article_ids(identity) - muted
            shown = label if label and identity.key not in self.corrections.labels else identity.label
            counts.append(NameCount(identity.key, identity.name, shown, len(ids), len(state.unread(ids))))
        return counts

    def latest_day(self) -> date | None:
        """The date of the newest dated article."""
        rows = self._read("SELECT max(day) FROM articles")
        return db_rows.day_date(int(rows[0][0])) if rows and rows[0][0] is not None else None

    def _period_counts(self, first: int, last: int) -> tuple[dict[str, tuple[int, str, str]], int]:
        """key -> (articles, name, label) for the days first..last, and the articles of the period."""
        counted = (
            "SELECT key, sum(articles) AS n FROM day_counts WHERE day BETWEEN ? AND ? GROUP BY key"
            if not self.muted_ids()  # else counted from the mentions, without the muted (issue 21)
            else "SELECT m.key, count(DISTINCT m.article_id) AS n FROM mentions m JOIN articles a ON "
            f"a.article_id = m.article_id WHERE a.day BETWEEN ? AND ? AND m.{_UNMUTED} GROUP BY m.key"
        )
        rows = self._read(
            f"SELECT g.key, g.n, n.name, n.label FROM ({counted}) g JOIN names n ON n.key = g.key",
            [first, last],
        )
        total = self._read(
            f"SELECT count(*) FROM articles WHERE day BETWEEN ? AND ? AND {_UNMUTED}", [first, last]
        )
        return {str(k): (int(n), str(name), str(label)) for k, n, name, label in rows}, int(total[0][0])

    def _corrected_count(self, identity: Identity, first: int, last: int) -> int:
        clause, params = self.identity_clause(identity, "m")
        rows = self._read(
            "SELECT count(DISTINCT m.article_id) FROM mentions m JOIN articles a ON "
            f"a.article_id = m.article_id WHERE a.day BETWEEN ? AND ? AND m.{_UNMUTED} AND "
            f"{clause}",
            [first, last, *params],
        )
        return int(rows[0][0])

    def in_the_news(self, days: int, end: date | None = None, limit: int = 10) -> NewsPicture:
        """The names most articles of the last `days` days (up to `end`, default today) name,
        per kind, and those whose share of articles rose most against the `days` before."""
        end = end or datetime.now(UTC).date()
        last = (end - db_rows.EPOCH).days
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
            db_rows.day_date(first),
            end,
            total,
            previous_total,
            by_kind["people"][:limit],
            by_kind["organizations"][:limit],
            by_kind["places"][:limit],
            rising[:limit],
        )

    # ----- stories --------------------------------------------------------------------------------
    def stories(
        self,
        since: date | None = None,
        limit: int | None = None,
        feed_titles: Mapping[str, str] | None = None,
    ) -> list[story_store.Story]:
        """Every story (articles about one event), newest first, at most `limit`; `since` keeps
        stories whose last article is on or after that day (undated stories are left out);
        `feed_titles` (by article id) names the outlets of feed articles."""
        since_day = (since - db_rows.EPOCH).days if since is not None else None
        muted = self.muted_ids()
        cut = None if muted else limit  # with muted articles, cut after leaving them out
        every = self._db.run(
            lambda conn: story_store.list_stories(conn, since_day, self.display_names, cut, feed_titles)
        )
        if not muted:
            return every
        # Issue 21: without their muted articles; a story of muted articles only is left out.
        kept = [
            dataclasses.replace(story, articles=tuple(a for a in story.articles if a not in muted))
            for story in every
            if any(a not in muted for a in story.articles)
        ]
        return kept if limit is None else kept[: max(0, limit)]

    def dated_ids(self, since: date | None = None, before: date | None = None) -> set[str]:
        """Ids of the indexed articles published on or after `since` and before `before` (an
        undated article matches only when neither is given)."""
        sql, params = "SELECT article_id FROM articles WHERE 1", []
        if since is not None:
            sql += " AND day >= ?"
            params.append((since - db_rows.EPOCH).days)
        if before is not None:
            sql += " AND day < ?"
            params.append((before - db_rows.EPOCH).days)
        return {str(row[0]) for row in self._read(sql, params)}

    def indexed_count(self) -> int:
        return int(self._read("SELECT count(*) FROM articles")[0][0])
