"""The feeds' user files, all through `tui.store.atomic.JsonDocument` (atomic, locked, a damaged file
moved aside with a message):

- subscriptions, `config_dir()/feeds.json`: `{"version": 1, "feeds": [{"url", "title", "full_text",
  "folder", "tags", "added"}]}`;
- fetch state, `state_dir()/fetch.json`: per feed ETag, Last-Modified, last refresh, last status and
  error; per item the keys it is recognised by, the stored article id, a digest of what the feed said
  and whether its linked page was fetched (so pages are fetched once, and failed ones retried with a
  back-off: how many times in a row it failed and when it was last tried).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from tui.core.sanitize import clean_line
from tui.feeds.urls import clean_url, is_http_url
from tui.store.atomic import (
    DocumentError,
    JsonDocument,
)
from tui.store.paths import config_dir, state_dir

FORMAT_VERSION = 1
FullText = Literal["auto", "always", "never"]
FULL_TEXT_MODES: tuple[FullText, ...] = ("auto", "always", "never")


def now_iso() -> str:
    """The current UTC time, ISO 8601 to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def subscriptions_path() -> Path:
    """Where subscriptions live."""
    return config_dir() / "feeds.json"


def fetch_state_path() -> Path:
    """Where fetch state lives."""
    return state_dir() / "fetch.json"


@dataclass(frozen=True)
class Subscription:
    """One followed feed. `folder` comes from nested OPML outlines, `tags` from newsboat."""

    url: str
    title: str = ""
    full_text: FullText = "auto"
    folder: str | None = None
    tags: tuple[str, ...] = ()
    added: str = ""

    def to_json(self) -> dict[str, Any]:
        """The JSON object stored in feeds.json."""
        data = asdict(self)
        data["tags"] = list(self.tags)
        return data


def _subscription(raw: Any) -> Subscription:
    # The URL cleaned like the title: one stored before every import path cleaned its URLs (an
    # 8-bit CSI or a bidi override in it) would reach the terminal, and would never match the
    # `feed` of its articles (cleaned when the library reads them).
    url = clean_url(raw["url"]) if isinstance(raw, dict) and isinstance(raw.get("url"), str) else ""
    if not is_http_url(url):
        raise DocumentError("a feed without an http(s) url")
    mode = raw.get("full_text", "auto")
    tags = raw.get("tags") or []
    folder = raw.get("folder")
    return Subscription(
        url=url,
        title=clean_line(raw.get("title") or "") if isinstance(raw.get("title", ""), str) else "",
        full_text=mode if mode in FULL_TEXT_MODES else "auto",
        folder=clean_line(folder) or None if isinstance(folder, str) else None,
        tags=tuple(clean_line(t) for t in tags if isinstance(t, str) and clean_line(t)),
        added=str(raw.get("added") or ""),
    )


def _validate_subscriptions(data: Any) -> dict[str, Any]:
    feeds = data.get("feeds", [])
    if not isinstance(feeds, list):
        raise DocumentError('"feeds" is not a list')
    # Two URLs that differ only in what `clean_url` removes are one feed: the first is kept.
    unique: dict[str, Subscription] = {}
    for raw in feeds:
        subscription = _subscription(raw)
        unique.setdefault(subscription.url, subscription)
    return {"version": FORMAT_VERSION, "feeds": [s.to_json() for s in unique.values()]}


class Subscriptions:
    """The feeds a user follows. Every change is made under the lock on what is on disk."""

    def __init__(self, path: Path | None = None) -> None:
        self.document = JsonDocument(
            path or subscriptions_path(),
            default=lambda: {"version": FORMAT_VERSION, "feeds": []},
            validate=_validate_subscriptions,
        )

    @property
    def messages(self) -> list[str]:
        """What the user should be told (a damaged file moved aside)."""
        return self.document.messages

    def load(self) -> list[Subscription]:
        """Every subscription, in the order added (raises OSError if the file cannot be read)."""
        return [_subscription(raw) for raw in self.document.load()["feeds"]]

    def get(self, url: str) -> Subscription | None:
        """The subscription to `url`, if any."""
        return next((s for s in self.load() if s.url == clean_url(url)), None)

    def add_many(
        self, subscriptions: Iterable[Subscription]
    ) -> tuple[list[Subscription], list[Subscription]]:
        """Add subscriptions not already there, their URL, title, folder and tags cleaned as
        `clean_url` and `clean_line` do; returns (added, already present), cleaned. Raises OSError,
        or DocumentError for a URL that is not http(s)."""
        wanted = [_subscription(subscription.to_json()) for subscription in subscriptions]
        added: list[Subscription] = []
        present: list[Subscription] = []

        def change(document: dict[str, Any]) -> None:
            added.clear()
            present.clear()
            known = {raw["url"] for raw in document["feeds"]}
            for subscription in wanted:
                if subscription.url in known:
                    present.append(subscription)
                    continue
                if not subscription.added:
                    subscription = Subscription(**{**asdict(subscription), "added": now_iso()})
                known.add(subscription.url)
                document["feeds"].append(subscription.to_json())
                added.append(subscription)

        self.document.update(change)
        return added, present

    def add(self, subscription: Subscription) -> bool:
        """Subscribe; False when already subscribed (nothing changed). Raises OSError."""
        added, _ = self.add_many([subscription])
        return bool(added)

    def remove(self, url: str) -> bool:
        """Unsubscribe; False when not subscribed. Raises OSError."""
        removed = [False]

        def change(document: dict[str, Any]) -> None:
            kept = [raw for raw in document["feeds"] if raw["url"] != url.strip()]
            removed[0] = len(kept) != len(document["feeds"])
            document["feeds"] = kept

        url = clean_url(url)
        if self.get(url) is None:
            return False
        self.document.update(change)
        return removed[0]

    def rename(self, url: str, title: str) -> bool:
        """Give the feed `url` the user's title (as `feeds add --title`); an empty title goes back to
        the feed's own. False when not subscribed. Raises OSError."""
        renamed = [False]
        url, title = clean_url(url), clean_line(title)

        def change(document: dict[str, Any]) -> None:
            for raw in document["feeds"]:
                if raw["url"] == url:
                    raw["title"], renamed[0] = title, True

        self.document.update(change)
        return renamed[0]

    def set_titles(self, titles: dict[str, str]) -> None:
        """Give untitled subscriptions the title their feed announced. Raises OSError."""
        if not titles:
            return

        def change(document: dict[str, Any]) -> None:
            for raw in document["feeds"]:
                if not raw.get("title") and titles.get(raw["url"]):
                    raw["title"] = clean_line(titles[raw["url"]])

        self.document.update(change)


@dataclass
class FeedStatus:
    """What the last refresh of one feed left behind."""

    etag: str | None = None
    last_modified: str | None = None
    last_refresh: str | None = None
    last_status: str | None = None  # "ok", "not modified", "failed"
    last_error: str | None = None
    title: str = ""


@dataclass
class ItemRecord:
    """A feed item already seen: the keys it is recognised by, the article stored for it, and what
    the feed said (`digest`) so an update is told from a repeat. `page` is "fetched", "failed",
    "waiting" (not tried yet: the refresh had fetched as many pages of the feed as it may) or None
    (the feed's own text was enough). A failed page's back-off: `page_failures` in a row, the last
    at `page_tried` (ISO 8601 UTC). `published`: the article's date (for `keep_days`); `removed`:
    its article was removed as old (tui.feeds.expiry), the record kept so it is not stored again."""

    keys: list[str]
    id: str
    feed: str
    digest: str
    link: str | None = None
    summary_only: bool = False
    page: str | None = None
    seen: str = field(default_factory=now_iso)
    page_failures: int = 0
    page_tried: str | None = None
    published: str | None = None
    removed: bool = False

    def to_json(self) -> dict[str, Any]:
        """The JSON object stored in fetch.json (`asdict`, without its deep copies: 10,000 records
        are saved after a big refresh)."""
        data: dict[str, Any] = {
            "keys": list(self.keys),
            "id": self.id,
            "feed": self.feed,
            "digest": self.digest,
            "link": self.link,
            "summary_only": self.summary_only,
            "page": self.page,
            "seen": self.seen,
        }
        if self.page_failures or self.page_tried:  # only failed pages: most records stay as they were
            data["page_failures"] = self.page_failures
            data["page_tried"] = self.page_tried
        if self.published:
            data["published"] = self.published
        if self.removed:
            data["removed"] = True
        return data


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _validate_fetch(data: Any) -> dict[str, Any]:
    feeds = data.get("feeds", {})
    items = data.get("items", {})
    if not isinstance(feeds, dict) or not isinstance(items, dict):
        raise DocumentError('"feeds" and "items" must be objects')
    clean_feeds: dict[str, Any] = {}
    for url, raw in feeds.items():
        if isinstance(raw, dict):
            clean_feeds[url] = asdict(
                FeedStatus(
                    **{
                        k: _str_or_none(raw.get(k))
                        for k in ("etag", "last_modified", "last_refresh", "last_status", "last_error")
                    },
                    title=str(raw.get("title") or ""),
                )
            )
    clean_items: dict[str, Any] = {}
    for key, raw in items.items():
        if isinstance(raw, dict) and isinstance(raw.get("id"), str) and isinstance(raw.get("keys"), list):
            clean_items[key] = raw
    return {"version": FORMAT_VERSION, "feeds": clean_feeds, "items": clean_items}


def _record(raw: dict[str, Any]) -> ItemRecord:
    return ItemRecord(
        keys=[k for k in raw.get("keys", []) if isinstance(k, str)],
        id=str(raw["id"]),
        feed=str(raw.get("feed") or ""),
        digest=str(raw.get("digest") or ""),
        link=_str_or_none(raw.get("link")),
        summary_only=bool(raw.get("summary_only")),
        page=_str_or_none(raw.get("page")),
        seen=str(raw.get("seen") or ""),
        page_failures=_count(raw.get("page_failures")),
        page_tried=_str_or_none(raw.get("page_tried")),
        published=_str_or_none(raw.get("published")),
        removed=raw.get("removed") is True,
    )


def _count(value: Any) -> int:
    """A small non-negative count from JSON (anything else is 0)."""
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 1000 else 0


class FetchState:
    """fetch.json: read whole at the start of a refresh, changes merged in at the end."""

    def __init__(self, path: Path | None = None) -> None:
        self.document = JsonDocument(
            path or fetch_state_path(),
            default=lambda: {"version": FORMAT_VERSION, "feeds": {}, "items": {}},
            validate=_validate_fetch,
            compact=True,
        )

    @property
    def messages(self) -> list[str]:
        """What the user should be told (a damaged file moved aside)."""
        return self.document.messages

    def load(self) -> tuple[dict[str, FeedStatus], dict[str, ItemRecord]]:
        """Feed statuses by URL and item records by primary key."""
        document = self.document.load()
        feeds = {url: FeedStatus(**raw) for url, raw in document["feeds"].items()}
        items = {key: _record(raw) for key, raw in document["items"].items()}
        return feeds, items

    def save(
        self,
        feeds: dict[str, FeedStatus],
        items: dict[str, ItemRecord],
        forget_items: Iterable[str] = (),
    ) -> None:
        """Merge these feed statuses and item records into the file (raises OSError)."""
        drop = list(forget_items)

        def change(document: dict[str, Any]) -> None:
            for url, status in feeds.items():
                document["feeds"][url] = asdict(status)
            for key in drop:
                document["items"].pop(key, None)
            for key, record in items.items():
                document["items"][key] = record.to_json()

        self.document.update(change)

    def forget_feed(self, url: str) -> None:
        """Drop a feed's status (after unsubscribing); its stored articles stay. Raises OSError."""

        def change(document: dict[str, Any]) -> None:
            document["feeds"].pop(url, None)

        self.document.update(change)
