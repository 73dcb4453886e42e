"""What the list and the feeds screen show about feeds: counts per feed, unread filters, and the
extra fields feed articles carry in `dateline list --json`. `load_overviews` is the one place
`dateline feeds list` and the feeds screen (`F`) read them from."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tui.feeds.store import FeedStatus, FetchState, Subscription, Subscriptions
from tui.store.library import ArticleSummary, Library
from tui.store.readstate import ReadState


@dataclass(frozen=True)
class FeedOverview:
    """One subscription as `feeds list` and the feeds screen show it."""

    url: str
    title: str
    articles: int
    unread: int
    last_refresh: str | None
    last_error: str | None
    folder: str | None = None
    tags: tuple[str, ...] = ()  # newsboat tags (the feeds screen filters by them, and by folder)

    def to_json(self) -> dict[str, object]:
        """`{"url", "title", "articles", "unread", "last_refresh", "last_error"}` (the contract)."""
        return {
            "url": self.url,
            "title": self.title,
            "articles": self.articles,
            "unread": self.unread,
            "last_refresh": self.last_refresh,
            "last_error": self.last_error,
        }


def feed_overviews(
    subscriptions: Sequence[Subscription],
    statuses: dict[str, FeedStatus],
    summaries: Iterable[ArticleSummary],
    read_state: ReadState,
) -> list[FeedOverview]:
    """Every subscription with its article and unread counts and its last refresh."""
    ids_by_feed: dict[str, list[str]] = {}
    for summary in summaries:
        if summary.feed:
            ids_by_feed.setdefault(summary.feed, []).append(summary.id)
    result: list[FeedOverview] = []
    for subscription in subscriptions:
        ids = ids_by_feed.get(subscription.url, [])
        status = statuses.get(subscription.url) or FeedStatus()
        result.append(
            FeedOverview(
                url=subscription.url,
                title=subscription.title or status.title or subscription.url,
                articles=len(ids),
                unread=len(read_state.unread(ids)),
                last_refresh=status.last_refresh,
                last_error=status.last_error,
                folder=subscription.folder,
                tags=subscription.tags,
            )
        )
    return result


def load_overviews(
    library: Library, *, read_state: ReadState | None = None, refresh: bool = False
) -> tuple[list[FeedOverview], list[str]]:
    """Every subscription with its counts, and what the user must be told (damaged files moved
    aside), from the subscriptions, the fetch state, the read state (loaded here unless given) and
    the library's index (brought up to date first with `refresh`; not read without subscriptions).
    Raises OSError or sqlite3.Error when one cannot be read."""
    subscriptions, fetch_state = Subscriptions(), FetchState()
    subs = subscriptions.load()
    statuses, _ = fetch_state.load()
    messages = subscriptions.messages + fetch_state.messages
    if read_state is None:
        read_state = ReadState()
        read_state.load()
        messages += read_state.messages
    summaries: list[ArticleSummary] = []
    if subs:
        summaries = library.refresh() if refresh else library.summaries()
    return feed_overviews(subs, statuses, summaries, read_state), messages


def feed_titles() -> dict[str, str]:
    """Each subscribed feed's URL -> its title as the feeds screen names it (yours, else the feed's
    own; a feed with neither is left out): what the reader's list shows as a feed article's source,
    where the host alone cannot tell two feeds of one site apart. A file that cannot be read gives
    what the others do (the feeds screen says why)."""
    try:
        subs = Subscriptions().load()
        statuses, _ = FetchState().load()
    except OSError:
        return {}
    titles = {}
    for subscription in subs:
        status = statuses.get(subscription.url)
        title = subscription.title or (status.title if status is not None else None)
        if title:
            titles[subscription.url] = title
    return titles


def list_filters(
    summaries: Iterable[ArticleSummary],
    read_state: ReadState,
    *,
    unread: bool = False,
    feed: str | None = None,
) -> list[ArticleSummary]:
    """The summaries `dateline list [--unread] [--feed URL]` shows (order kept)."""
    wanted = feed.strip() if feed else None
    chosen = [s for s in summaries if wanted is None or s.feed == wanted]
    if unread:
        unread_ids = read_state.unread(s.id for s in chosen)
        chosen = [s for s in chosen if s.id in unread_ids]
    return chosen


def summary_extras(summary: ArticleSummary, read_state: ReadState) -> dict[str, object]:
    """The fields `dateline list --json` adds to each item: "feed", "url", "unread"."""
    return {"feed": summary.feed, "url": summary.url, "unread": not read_state.is_read(summary.id)}
