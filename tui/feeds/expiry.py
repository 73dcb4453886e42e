"""Old articles (`[feeds] keep_days = N` in config.toml): which feed articles a refresh removes.

Only articles a feed stored (an item record in the fetch state) are ever removed: never an import.
Of those, one is removed when it is read, not bookmarked (by id, or by its link: a bookmark follows
its article) and older than N days: by its publication date, else by when the refresh first stored
it. 0 (or no key) keeps everything.

A removed article's record stays in the fetch state, marked `removed`, so that the item, still in
its feed, is not stored again as a new article at the next refresh.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from tui.feeds.store import ItemRecord
from tui.feeds.urls import canonical_link
from tui.store.bookmarks import BookmarkStore

DAY = 86400.0


def _timestamp(text: str | None) -> float | None:
    """Seconds since the epoch of an ISO 8601 date or time (UTC when it names no zone)."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def age_of(record: ItemRecord) -> float | None:
    """When the article counts from: its publication date, else when it was first stored."""
    published = _timestamp(record.published)
    return published if published is not None else _timestamp(record.seen)


def expired(
    records: Iterable[ItemRecord],
    keep_days: int,
    now: float,
    is_read: Callable[[str], bool],
    bookmarked: Callable[[ItemRecord], bool],
) -> list[ItemRecord]:
    """The records whose articles are to be removed (none when `keep_days` is 0)."""
    if keep_days <= 0:
        return []
    cutoff = now - keep_days * DAY
    old: list[ItemRecord] = []
    for record in records:
        if record.removed:
            continue
        when = age_of(record)
        if when is None or when >= cutoff:
            continue
        if is_read(record.id) and not bookmarked(record):
            old.append(record)
    return old


def bookmark_test() -> tuple[Callable[[ItemRecord], bool] | None, str | None]:
    """Whether a record's article is bookmarked, from the bookmarks file; (None, why) when the
    bookmarks cannot be read whole (damaged, unreadable, newer): then nothing is removed."""
    store = BookmarkStore(keep_unsaved=False)
    try:
        messages = store.load()
    except OSError as error:
        return None, f"old articles kept: the bookmarks could not be read ({error})"
    if messages or store.read_only:
        return None, "old articles kept: the bookmarks could not all be read"
    ids = {bookmark.article_id for bookmark in store.bookmarks}
    sources = {bookmark.source for bookmark in store.bookmarks}

    def bookmarked(record: ItemRecord) -> bool:
        return record.id in ids or (record.link is not None and canonical_link(record.link) in sources)

    return bookmarked, None
