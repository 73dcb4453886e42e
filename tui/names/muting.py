"""Saved searches and mute rules at work (issue 21): the muted set worked out from the rules, and the
counts a saved search (a virtual feed) shows. The rules themselves are user files
(`tui.store.rules`); the muted set is kept in the library index (`tui.store.muted`), where every
listing, search and count leaves it out, and copied into the names index at each sync.

Queries are evaluated by `tui.names.search.matching_ids` (the one query language), which this
module hands on to its callers as its own `matching_ids`.

Muting never deletes: an article is muted while a rule matches it. Later matches (articles a
refresh or an import adds, names found by a later analysis) are muted by `apply_mutes`, which the
CLI runs after it refreshes and `Names.prepare` runs after each names sync; it works the set out
again only when the rules, the articles or the names changed since (a stamp kept with the set)."""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

from tui.names.index import NameIndex
from tui.names.query import TermError
from tui.names.readstate import UnreadSource
from tui.names.search import matching_ids
from tui.store import muted as muted_store
from tui.store.library import Library
from tui.store.rules import MuteRule, MuteRules, SavedSearch, SavedSearches

_log = logging.getLogger("dateline.names")


@dataclass(frozen=True)
class MuteOutcome:
    """What `apply_mutes` did: how many articles are muted, whether the set was worked out again,
    and what the user must be told (a rule that is not understood, a damaged rules file)."""

    muted: int
    recomputed: bool
    problems: list[str] = field(default_factory=list)


def _stamp(rules: Sequence[MuteRule], library: Library, index: NameIndex | None) -> str:
    digest = hashlib.sha256("\n".join(rule.query for rule in rules).encode())
    digest.update(muted_store.articles_stamp(library).encode())
    digest.update((index.stamp() if index is not None else "-").encode())
    return digest.hexdigest()[:24]


def apply_mutes(
    library: Library,
    *,
    index: NameIndex | None = None,
    read_state: UnreadSource | None = None,
    rules: MuteRules | None = None,
    force: bool = False,
) -> MuteOutcome:
    """Mute every article the rules match now, and unmute the others. Cheap when nothing changed
    since the last time (unless `force`). A rule that is not understood is skipped and said; when
    the rules file cannot be read the muted set is left as it is."""
    store = rules if rules is not None else MuteRules()
    try:
        loaded = store.load()
    except OSError as error:
        return MuteOutcome(len(muted_store.muted_ids(library)), False, [f"mute rules not read: {error}"])
    problems = list(store.messages)
    store.messages.clear()
    stamp = _stamp(loaded, library, index)
    if not force and muted_store.muted_stamp(library) == stamp:
        return MuteOutcome(len(muted_store.muted_ids(library)), False, problems)
    muted: set[str] = set()
    for rule in loaded:
        try:
            found = matching_ids(library, rule.query, index=index, read_state=read_state, include_muted=True)
            muted.update(found)
        except TermError as problem:
            problems.append(f"mute rule {rule.query!r} skipped: {problem}")
    muted_store.set_muted(library, muted, stamp)
    if index is not None:
        index.set_muted(muted)
    return MuteOutcome(len(muted), True, problems)


def mute_new_matches(
    library: Library, index: NameIndex | None, read_state: UnreadSource | None
) -> MuteOutcome | None:
    """`apply_mutes` after the names were brought up to date (the reader's names worker): the new
    articles and names a rule matches are muted. Returns what was done (`recomputed`: the list
    shown may need reading again), None on a failure, which is logged, never raised: muting is
    tried again after the next sync."""
    try:
        outcome = apply_mutes(library, index=index, read_state=read_state)
    except (OSError, sqlite3.Error):
        _log.exception("the mute rules could not be applied")
        return None
    for problem in outcome.problems:
        _log.warning("%s", problem)
    return outcome


def muted_ids(library: Library) -> set[str]:
    """The ids of the muted articles (as last worked out by `apply_mutes`)."""
    return muted_store.muted_ids(library)


@dataclass(frozen=True)
class RuleCount:
    """A mute rule and how many articles it matches (`problem` says why it matches none)."""

    rule: MuteRule
    articles: int
    problem: str | None = None


def mute_counts(
    library: Library,
    rules: Sequence[MuteRule],
    *,
    index: NameIndex | None = None,
    read_state: UnreadSource | None = None,
) -> list[RuleCount]:
    """Each rule with the number of articles it matches (muted ones are counted: it mutes them)."""
    counts = []
    for rule in rules:
        try:
            found = matching_ids(library, rule.query, index=index, read_state=read_state, include_muted=True)
        except TermError as problem:
            counts.append(RuleCount(rule, 0, str(problem)))
            continue
        counts.append(RuleCount(rule, len(found)))
    return counts


@dataclass(frozen=True)
class SavedCount:
    """A saved search with its articles (newest first, muted ones left out), how many there are
    and how many of them are unread; `problem` says why its query matches nothing."""

    search: SavedSearch
    ids: tuple[str, ...]
    unread: int
    problem: str | None = None

    @property
    def articles(self) -> int:
        return len(self.ids)


def saved_search_articles(
    library: Library,
    search: SavedSearch,
    *,
    index: NameIndex | None = None,
    read_state: UnreadSource | None = None,
) -> SavedCount:
    """One saved search evaluated now (its articles and unread count)."""
    try:
        ids = matching_ids(library, search.query, index=index, read_state=read_state)
    except TermError as problem:
        return SavedCount(search, (), 0, str(problem))
    unread = len(read_state.unread(ids)) if read_state is not None else 0
    return SavedCount(search, tuple(ids), unread)


def saved_searches_with_counts(
    library: Library,
    *,
    index: NameIndex | None = None,
    read_state: UnreadSource | None = None,
    searches: Sequence[SavedSearch] | None = None,
) -> list[SavedCount]:
    """Every saved search (the user's, or `searches`) with its articles and unread count: what the
    feeds screen lists beside the feeds. Raises OSError when saved.json cannot be read."""
    wanted = list(searches) if searches is not None else SavedSearches().load()
    return [saved_search_articles(library, s, index=index, read_state=read_state) for s in wanted]


def new_in_saved(before: Sequence[SavedCount], after: Sequence[SavedCount]) -> list[tuple[str, int]]:
    """(name, how many) of the articles each saved search gained between two counts: what the
    reader says after a refresh ("4 new in Ports")."""
    earlier = {count.search.name: set(count.ids) for count in before}
    gained = [(c.search.name, len(set(c.ids) - earlier.get(c.search.name, set()))) for c in after]
    return [(name, n) for name, n in gained if n > 0]


__all__ = [
    "MuteOutcome",
    "RuleCount",
    "SavedCount",
    "apply_mutes",
    "matching_ids",
    "mute_counts",
    "mute_new_matches",
    "muted_ids",
    "new_in_saved",
    "saved_search_articles",
    "saved_searches_with_counts",
]
