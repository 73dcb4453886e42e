"""The rows of the names index (tui.names.index): its schema, and the functions that write, count and
recount one article's rows on an open connection, inside the caller's transaction.

`NameIndex` decides what to write and when (sync, follows, known mentions) and answers the queries;
this module only knows how an article's names become rows, and how the vote and count tables follow.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypeVar, cast

from tui.analysis.entity_index import mention_pattern, name_key
from tui.analysis.types import Facts
from tui.names import stories as story_store
from tui.names.identity import LocalName, article_names, identity_key, kind_of, majority_label
from tui.names.known import occurrences, qualifies
from tui.names.sentences import first_mention, sentence_at

# 4: one index (issue 18): the spellings of each mention, known mentions, the library's spellings.
# 5: the muted articles (issue 21).
# 6: another person's full name among a person's spellings is a name of its own (issue 18, recall).
# 7: identity keys compared without accents ("Gdańsk" is "Gdansk").
# 8: a person's honorific is no part of the key ("Dr. Amina Yusuf" is Amina Yusuf).
SCHEMA_VERSION = 8
_T = TypeVar("_T")
EPOCH = date(1970, 1, 1)

SCHEMA = (
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
-- Issue 21: the library's muted articles (`tui.store.muted`), copied at each sync: they stay indexed
-- (a rule naming a person keeps matching them) and the queries leave them out (`NameIndex`).
CREATE TABLE IF NOT EXISTS muted (article_id TEXT PRIMARY KEY) WITHOUT ROWID;
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
        return (date.fromisoformat(published[:10]) - EPOCH).days
    except ValueError:
        return None


def day_date(day: int) -> date:
    """The date of a day number (`day_number`)."""
    return EPOCH + timedelta(days=day)


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


def chunks(items: Sequence[_T], size: int = 500) -> Iterable[Sequence[_T]]:
    """`items` in runs of `size`, each small enough for one `IN (...)` of SQLite's variables."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def shown_spelling(key: str, spellings: Counter[tuple[bool, str]]) -> str:
    """The spelling to show for `key`: one of its own (not a bare surname that resolved to it),
    the one most used, preferring the one that is exactly the key ("John Kerry" over "John F.
    Kerry" when both are used as often), then the longer."""
    best = max(
        spellings,
        key=lambda s: (s[0], spellings[s], name_key(s[1]) == key, len(s[1]), s[1]),
    )
    return best[1]


MentionRow = tuple[str, str, str, str, str, int | None, int]


def count_rows(conn: sqlite3.Connection, rows: Sequence[MentionRow], step: int) -> None:
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


def count_spellings(conn: sqlite3.Connection, rows: Iterable[tuple[str, str, str]], step: int) -> None:
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


def other_spellings(body: str, local: LocalName, taken: set[str]) -> dict[str, tuple[list[str], int, int]]:
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


def another_person(local: LocalName, raw: str) -> bool:
    """Whether a spelling of a person's name (its key `raw`) is another person's full name:
    "Obinna Okafor" among Emmanuel Okafor's spellings, which the article-level rules joined
    because they share a surname. Neither name's words are all in the other's ("Hawk Sawyer"
    and "Kathleen Hawk Sawyer" are one person), so it counts for itself."""
    if local.label != "PERSON" or len(raw.split()) < 2 or len(local.raw.split()) < 2:
        return False
    words, own = set(raw.split()), set(local.raw.split())
    return not (words <= own or own <= words)


def placeholders(count: int) -> str:
    """The `?, ?, …` of an `IN (...)` clause of `count` values."""
    return ",".join("?" * count)


def delete_rows(conn: sqlite3.Connection, ids: Sequence[str], only_known: bool = False) -> set[str]:
    """Take the mentions of these articles out (only the known ones: `only_known`), and the
    articles themselves unless `only_known`."""
    touched: set[str] = set()
    known_clause = " AND m.known = 1" if only_known else ""
    for part in chunks(ids):
        marks = placeholders(len(part))
        rows = conn.execute(
            "SELECT m.key, m.article_id, m.raw, m.name, m.label, a.day, m.known, m.variants "
            "FROM mentions m JOIN articles a ON a.article_id = m.article_id "
            f"WHERE m.article_id IN ({marks}){known_clause}",
            part,
        ).fetchall()
        count_rows(conn, [tuple(row[:7]) for row in rows], -1)
        count_spellings(conn, [(row[0], row[2], row[7]) for row in rows if not row[6]], -1)
        touched |= {str(row[0]) for row in rows}
        conn.execute(
            f"DELETE FROM mentions WHERE article_id IN ({marks}){known_clause.replace('m.', '')}", part
        )
        if not only_known:
            conn.execute(f"DELETE FROM articles WHERE article_id IN ({marks})", part)
    if not only_known:
        story_store.remove(conn, ids)
    return touched


def insert_rows(conn: sqlite3.Connection, item: IndexedArticle) -> set[str]:
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
        for raw, (spellings, count, offset) in other_spellings(item.body, local, raws).items():
            variants = [v for v in variants if v not in spellings]
            mentions -= count
            rows.append(
                (
                    raw if another_person(local, raw) else local.key,
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
    count_rows(
        conn,
        [(key, article, raw, name, label, day, 0) for key, article, raw, name, label, *_ in rows],
        1,
    )
    count_spellings(conn, [(row[0], row[2], row[8]) for row in rows], 1)
    return {row[0] for row in rows}


def known_spellings(conn: sqlite3.Connection) -> dict[str, tuple[str, str]]:
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


def insert_known(
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
    count_rows(conn, [(row[0], article_id, row[2], row[3], row[4], day_row[0], 1) for row in rows], 1)
    return set(found)


def update_names(conn: sqlite3.Connection, keys: Iterable[str]) -> None:
    """Recount the library-wide name, label and article count of these keys (from the votes)."""
    for part in chunks(sorted(keys)):
        marks = placeholders(len(part))
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
                (key, shown_spelling(key, spellings[key]), majority_label(labels[key]), int(total))
                for key, total in totals
                if labels[key]
            ],
        )


def short_forms(
    read: Callable[[str, Sequence[object]], list[Any]],
    members: frozenset[str],
    label: str,
    corrections: Any,
) -> frozenset[str]:
    """Short forms of this name said alone in other articles: "Nordhavn" in a brief that never names
    Nordhavn Terminal Services in full, "Sorokin" in an interview that never gives his full name. A
    short form counts when every article that resolved it resolved it to this identity (a surname
    that two people of the library share counts for neither), its lone mentions are of the same
    kind, and the user has not corrected it."""
    if not members or kind_of(label) is None:
        return frozenset()
    shortest = min(len(member.split()) for member in members)
    rows = read(
        f"SELECT DISTINCT raw FROM mentions WHERE key IN ({placeholders(len(members))}) AND raw != key",
        sorted(members),
    )
    found: set[str] = set()
    for (raw,) in rows:
        raw = str(raw)
        if raw in members or len(raw.split()) >= shortest or corrections.target(raw) != raw:
            continue
        if raw in corrections.labels or raw in corrections.splits:
            continue
        owners = {
            str(k) for (k,) in read("SELECT DISTINCT key FROM mentions WHERE raw = ? AND key != raw", [raw])
        }
        if not owners <= members:
            continue  # "Lindqvist": the company in one article, a person's surname in another
        alone = {
            kind_of(str(found_label))
            for (found_label,) in read(
                "SELECT DISTINCT label FROM mentions WHERE key = ? AND raw = ?", [raw, raw]
            )
        }
        if alone and alone == {kind_of(label)}:
            found.add(raw)
    return frozenset(found)


# The labels of the mentions that count for a kind of name (an organisation's or a place's rows).
LABELS_OF_KIND = {"organizations": ("ORG", "NORP"), "places": ("GPE", "LOC", "FAC")}
# Words an acronym leaves out: "EU" is the European Union, "IMF" the International Monetary Fund.
_ACRONYM_SKIP = frozenset(
    {"&", "and", "de", "del", "der", "des", "di", "du", "for", "la", "le", "of", "the", "und"}
)


def identity_clause(
    members: Iterable[str],
    taken: Iterable[str],
    own: Iterable[str],
    alone: Iterable[str] = (),
    label: str = "",
    table: str = "",
) -> tuple[str, list[object]]:
    """SQL (on `mentions`, aliased `table`) selecting the rows that count for an identity: the rows
    of its `members` but those `taken` out by a split, the raw keys split into it (`own`), and the
    rows of an organisation's or place's own keys (`alone`) where an article counted them for a
    longer name ("Lindqvist", the company, resolved to Karin Lindqvist; "Pomerania" to
    Mecklenburg-Western Pomerania), when the article gave them this kind of label there."""
    members, taken, own, alone = sorted(members), sorted(taken), sorted(own), sorted(alone)
    prefix = f"{table}." if table else ""
    clause = f"({prefix}key IN ({placeholders(len(members))})"
    params: list[object] = list(members)
    if taken:
        clause += f" AND {prefix}raw NOT IN ({placeholders(len(taken))})"
        params += taken
    clause += ")"
    if own:
        clause += f" OR {prefix}raw IN ({placeholders(len(own))})"
        params += own
    labels = LABELS_OF_KIND.get(kind_of(label) or "", ())
    if alone and labels:
        raws, kinds = placeholders(len(alone)), placeholders(len(labels))
        clause += f" OR ({prefix}raw IN ({raws}) AND {prefix}label IN ({kinds}))"
        params += [*alone, *labels]
    return f"({clause})", params


def initials(key: str) -> str:
    """The acronym of a name of two words or more ("european union" -> "eu"), else ""."""
    words = [word for word in key.split() if word not in _ACRONYM_SKIP]
    if len(words) < 2 or not all(word[0].isalpha() for word in words):
        return ""
    return "".join(word[0] for word in words)


def acronym_forms(
    read: Callable[[str, Sequence[object]], list[Any]],
    key: str,
    name: str,
    label: str,
    corrections: Any,
) -> frozenset[str]:
    """The other name of this organisation or place that is its acronym, or that its acronym
    stands for, as the library uses them ("EU" in one article, "European Union" in another):
    when exactly one name of that kind in the library has those initials, the acronym is written
    in capitals, both are of the same kind, the long name is named in at least as many articles
    as the acronym, and the user has corrected neither. (An acronym said more often than the one
    name it could stand for is more likely something else: "(AP)", a wire's credit, is not Atlas
    Portföy. An acronym an article defines, "Baltic Crane Group (BCG)", is one of its spellings
    there, and counts elsewhere as a short form.)"""
    kind = kind_of(label)
    if kind not in LABELS_OF_KIND:
        return frozenset()
    if len(key.split()) == 1:
        if not (2 <= len(key) <= 6 and key.isalpha() and name.isupper()):
            return frozenset()
        acronym = key
    else:
        acronym = initials(key)
        if not 2 <= len(acronym) <= 6:
            return frozenset()
    short = read("SELECT name, label, articles FROM names WHERE key = ?", [acronym])
    if not short or not str(short[0][0]).isupper() or kind_of(str(short[0][1])) != kind:
        return frozenset()
    longer = [
        (str(other), int(articles))
        for other, other_label, articles in read(
            "SELECT key, label, articles FROM names WHERE key >= ? AND key < ?",
            [acronym[0], chr(ord(acronym[0]) + 1)],
        )
        if kind_of(str(other_label)) == kind and initials(str(other)) == acronym
    ]
    if len(longer) != 1 or longer[0][1] < int(short[0][2]):
        return frozenset()  # "PT": Portugal Telecom or Pertamina? Neither.
    other = acronym if acronym != key else longer[0][0]
    split = {*corrections.splits, *corrections.splits.values()}  # "UN" split from United Nations
    if corrections.target(other) != other or other in corrections.labels or {key, other} & split:
        return frozenset()
    return frozenset({other})


def _one_other_form(
    read: Callable[[str, Sequence[object]], list[Any]],
    key: str,
    kind: str,
    fits: Callable[[list[str], list[str]], bool],
    corrections: Any,
) -> frozenset[str]:
    """The one other name of this `kind` in the library that `fits` this one, when it fits this one
    only (both ways), and the user has corrected neither; else nothing. Candidates share the first
    word, or, for two words, the last (a family name written first)."""

    def like(words: list[str]) -> list[list[str]]:
        found: list[list[str]] = []
        for first in dict.fromkeys([words[0], *([words[-1]] if len(words) == 2 else [])]):
            rows = read("SELECT key, label FROM names WHERE key >= ? AND key < ?", [f"{first} ", f"{first}!"])
            found += [str(k).split() for k, label in rows if kind_of(str(label)) == kind]
        return [other for other in found if other != words and fits(words, other)]

    words = key.split()
    found = like(words)
    if len(found) != 1 or len(like(found[0])) != 1:
        return frozenset()
    other_key = " ".join(found[0])
    split = {*corrections.splits, *corrections.splits.values()}
    if (
        corrections.target(other_key) != other_key
        or other_key in corrections.labels
        or {key, other_key} & split
    ):
        return frozenset()
    return frozenset({other_key})


def _same_person(one: list[str], other: list[str]) -> bool:
    if len(one) == len(other) == 2 and one == other[::-1]:
        return True  # the family name written first
    short, long = sorted((one, other), key=len)
    if len(short) == len(long) or short[0] != long[0] or short[-1] != long[-1]:
        return False
    rest = iter(long)
    return all(word in rest for word in short)  # the shorter's words, in order, in the longer


def person_forms(
    read: Callable[[str, Sequence[object]], list[Any]],
    key: str,
    label: str,
    corrections: Any,
) -> frozenset[str]:
    """Other spellings of this person's full name in the library: with or without a middle name
    ("Peter Mwangi", "Peter Kamau Mwangi") or with the family name first ("Bartók Béla", "Béla
    Bartók"), when exactly one person of the library fits (two Peter ... Mwangis: neither), both
    are people, and the user has corrected neither. A surname alone stays apart (another person
    of that name is as likely)."""
    if kind_of(label) != "people" or len(key.split()) < 2:
        return frozenset()
    return _one_other_form(read, key, "people", _same_person, corrections)


# Words that may follow a company's own name without making it another company ("Mwangi Logistics
# Group", "Kestrel Holdings"): the group or holding it is called by in full.
_ORG_TAILS = frozenset(
    {"group", "holding", "holdings", "company", "companies", "corporation", "corp", "international",
     "global", "worldwide", "limited", "incorporated", "industries", "enterprises"}
)  # fmt: skip


def _same_organisation(one: list[str], other: list[str]) -> bool:
    short, long = sorted((one, other), key=len)
    return (
        len(short) >= 2
        and len(long) > len(short)
        and long[: len(short)] == short
        and all(word in _ORG_TAILS for word in long[len(short) :])
    )


def organisation_forms(
    read: Callable[[str, Sequence[object]], list[Any]],
    key: str,
    label: str,
    corrections: Any,
) -> frozenset[str]:
    """This organisation's name with or without a generic tail in the library ("Mwangi Logistics" and
    "Mwangi Logistics Group"), when exactly one organisation fits each way and the user has corrected
    neither."""
    if kind_of(label) != "organizations" or len(key.split()) < 2:
        return frozenset()
    return _one_other_form(read, key, "organizations", _same_organisation, corrections)
