"""Refreshing feeds: fetch them concurrently, recognise items already seen, fetch the full text of
teasers, store new and updated articles in the user library like imports.

`Refresher` has no UI: the CLI calls `run()` directly and the reader calls it from a thread worker,
with a progress callback and a cancellation check. A feed that fails (network, HTTP error, not a
feed, an entity bomb, a write error) gets a one-line reason and changes nothing already stored; its
ETag is kept so the next refresh asks again.

The parts it runs live beside it: the items' keys and preparation (tui.feeds.items), the claim/settle
ledger its feed threads share (tui.feeds.ledger), the indexer thread and the worker processes
(tui.feeds.workers), the article files (tui.feeds.files) and which old ones go (tui.feeds.expiry).
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from tui.core.article import Article
from tui.core.sanitize import clean_line
from tui.feeds.expiry import bookmark_test, expired
from tui.feeds.files import ArticleFiles
from tui.feeds.fulltext import fetch_page
from tui.feeds.http import Fetcher, FetchError, Limits
from tui.feeds.items import (
    Prepared,
    feed_payload,
    links_from_json,
    merge_links,
    prepare_feed,
    prepare_item,
    wants_page,
)
from tui.feeds.ledger import Ledger
from tui.feeds.parse import FeedError, FeedItem, ParsedFeed, parse_feed_bytes
from tui.feeds.store import FeedStatus, FetchState, ItemRecord, Subscription, Subscriptions, now_iso
from tui.feeds.urls import canonical_link, host_of
from tui.feeds.workers import Processes, Stopped, finished_futures
from tui.ingest import pipeline
from tui.store.atomic import LockTimeout, locked, remove_orphan_temp_files
from tui.store.bookmarks import follow_replaced
from tui.store.config import load_config
from tui.store.library import Library
from tui.store.paths import state_dir
from tui.store.readstate import ReadState

log = logging.getLogger("dateline.feeds")

Status = Literal["ok", "not modified", "failed"]

LOCK_WAIT = 2.0  # seconds a refresh waits for another one to finish before saying it runs
BUSY_MESSAGE = "a refresh is already running (here or in another Dateline); nothing was refreshed"


def refresh_lock_path() -> Path:
    """What a running refresh holds locked (`refresh.lock` in the state dir)."""
    return state_dir() / "refresh"


Progress = Callable[[int, int, str], None]

# A feed of 100,000 teasers must not cost 100,000 page requests at one refresh: at most this many
# pages of one feed are fetched per refresh; its other teasers keep the feed's text for now
# (`"waiting"`) and get their page at later refreshes, as many again each time.
PAGES_PER_FEED = 50
# A page that failed is tried again at the next refresh, then after 1 h, 6 h and 24 h (seconds after
# the last try, by failures in a row); after that never, unless asked (`retry_full_text`).
PAGE_BACKOFF = (0.0, 3600.0, 6 * 3600.0, 24 * 3600.0)
_BACKING_OFF = "backing off"  # `Refresher._article`: the page failed before and is not due yet


@dataclass(frozen=True)
class FeedResult:
    """The outcome for one feed (the `refresh --json` contract plus details for the UI)."""

    url: str
    status: Status
    new: int = 0
    error: str | None = None
    title: str = ""
    new_ids: tuple[str, ...] = ()
    updated: int = 0
    notice: str | None = None

    def to_json(self) -> dict[str, object]:
        """`{"url", "status", "new", "error"}` as `dateline refresh --json` prints it."""
        return {"url": self.url, "status": self.status, "new": self.new, "error": self.error}


@dataclass
class RefreshReport:
    """Every feed's result, the ids of new articles, and messages for the user (damaged state files
    moved aside, state that could not be saved)."""

    results: list[FeedResult] = field(default_factory=list)
    new_ids: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    cancelled: bool = False
    removed: int = 0  # old articles removed (`keep_days`)
    saved: bool = True  # False: the read, fetch or subscription state could not be saved (in `messages`)
    busy: bool = False  # True: another refresh was running, this one did nothing

    @property
    def ok(self) -> bool:
        """Whether every feed succeeded and what was learnt is saved."""
        return self.saved and not self.busy and all(result.status != "failed" for result in self.results)


_Outcome = tuple[FeedResult, FeedStatus]


class Refresher:
    """Refreshes subscribed feeds into the user library. `run` blocks (run it in a thread worker in
    the UI); one run at a time per instance (an exclusive worker), a new instance per run is fine."""

    def __init__(
        self,
        *,
        subscriptions: Subscriptions | None = None,
        fetch_state: FetchState | None = None,
        read_state: ReadState | None = None,
        library: Library | None = None,
        limits: Limits | None = None,
        trust_env: bool = True,
        processes: int | None = None,
        process_after_bytes: int = 1_000_000,
        pages_per_feed: int = PAGES_PER_FEED,
        retry_full_text: bool = False,
        lock_wait: float = LOCK_WAIT,
        keep_days: int | None = None,
    ) -> None:
        self.subscriptions = subscriptions or Subscriptions()
        self.fetch_state = fetch_state or FetchState()
        self.read_state = read_state or ReadState()
        self._library = library
        self.limits = limits or Limits()
        self.trust_env = trust_env
        self.lock_wait = lock_wait
        self.keep_days = keep_days  # None: `[feeds] keep_days` from config.toml
        self._lock = threading.Lock()  # the pages' budget (`_take_page`)
        self._ledger = Ledger()
        self._files = self._new_files()
        # Worker processes parse and prepare feeds on the other cores once a refresh has received
        # `process_after_bytes` of feed documents (a small or all-304 refresh never starts them).
        self.processes = min(os.cpu_count() or 1, 4) if processes is None else processes
        self.process_after_bytes = process_after_bytes
        self._processes = Processes(0, 0)
        self._known: dict[str, dict[str, str]] = {}  # by feed, GUID and link keys -> digest
        self._due_pages: dict[str, list[str]] = {}
        self.pages_per_feed = pages_per_feed
        self.retry_full_text = retry_full_text  # failed pages tried now, given-up ones too
        self._pages_left: dict[str, int] = {}
        self.clock: Callable[[], float] = time.time  # the pages' back-off runs on it (tests move it)

    @property
    def library(self) -> Library:
        """The library articles are stored in (the default user library unless given)."""
        if self._library is None:
            self._library = Library.default()
        return self._library

    def _new_files(self) -> ArticleFiles:
        return ArticleFiles(lambda: self.user_dir, lambda: self.library, self.read_state)

    @property
    def user_dir(self) -> Path:
        """Where article files are written."""
        user_dir = self.library.user_dir
        if user_dir is None:
            raise RuntimeError("this library takes no imports")
        return user_dir

    # ----- the whole refresh -----------------------------------------------------------------

    def run(
        self,
        urls: Sequence[str] | None = None,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> RefreshReport:
        """Refresh every subscription, or those in `urls`; returns the report (never raises for a
        feed's failure). `progress(done, total, feed_url)` is called as each feed finishes;
        `cancelled()` stops starting new work (what finished is kept).

        One refresh at a time across the reader's screens and processes: a refresh holds the lock
        `refresh.lock` in the state dir; another waits `lock_wait` seconds for it, then does
        nothing and says so (`report.busy`, BUSY_MESSAGE)."""
        report = RefreshReport()
        with contextlib.ExitStack() as stack:
            try:
                stack.enter_context(locked(refresh_lock_path(), self.lock_wait))
            except LockTimeout:
                report.busy = True
                report.messages.append(BUSY_MESSAGE)
                return report
            except OSError as error:  # no lock file can be made (a read-only state dir): go on
                log.warning("refreshing without the refresh lock: %s", error)
            return self._run_locked(report, urls, progress, cancelled)

    def _run_locked(
        self,
        report: RefreshReport,
        urls: Sequence[str] | None,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
    ) -> RefreshReport:
        is_cancelled = cancelled or (lambda: False)
        try:
            subscriptions = self.subscriptions.load()
            statuses, items = self.fetch_state.load()
            self.read_state.load()
        except OSError as error:
            report.messages.append(f"cannot read the feeds' state: {error}")
            report.results = [FeedResult(u, "failed", error=str(error)) for u in (urls or [])]
            return report
        report.messages += self.subscriptions.messages + self.fetch_state.messages + self.read_state.messages
        if self.library.user_dir is not None:
            # Temp files of article writes a killed refresh left (its writer is gone).
            remove_orphan_temp_files(self.library.user_dir)
        chosen = self._choose(subscriptions, urls, report)
        self._ledger = Ledger(items)
        self._files = self._new_files()
        self._processes = Processes(self.processes, self.process_after_bytes)
        # Pages to fetch for items stored at an earlier refresh, by feed (not those failing in this
        # one): waiting for their turn, or failed and out of their back-off.
        self._due_pages, self._pages_left = {}, {}
        started = self.clock()
        for primary, record in items.items():
            if record.summary_only and record.link and not record.removed and self._page_due(record, started):
                self._due_pages.setdefault(record.feed, []).append(primary)
        self._known = self._ledger.known()
        total = len(chosen)
        untitled = {subscription.url for subscription in chosen if not subscription.title}
        changed_statuses: dict[str, FeedStatus] = {}
        titles: dict[str, str] = {}
        with (
            Fetcher(self.limits, trust_env=self.trust_env) as fetcher,
            ThreadPoolExecutor(
                max_workers=max(1, self.limits.workers), thread_name_prefix="dateline-feed"
            ) as pool,
        ):
            # Each feed's future says it is done on a queue (`finished_futures`).
            finishing: queue.SimpleQueue[Future[_Outcome]] = queue.SimpleQueue()
            pending: dict[Future[_Outcome], str] = {
                pool.submit(
                    self._refresh_feed, fetcher, subscription, statuses.get(subscription.url), is_cancelled
                ): subscription.url
                for subscription in chosen
            }
            for future in pending:
                future.add_done_callback(finishing.put)
            done_count = 0
            while pending:
                finished = finished_futures(finishing, timeout=0.2)
                if is_cancelled() and not report.cancelled:
                    report.cancelled = True
                    for future in pending:
                        future.cancel()
                    # Feeds waiting for a worker process are dropped like those not started.
                    self._processes.close(wait=False)
                for future in finished:
                    url = pending.pop(future, None)
                    if url is None:
                        continue
                    if future.cancelled():
                        continue
                    try:
                        result, status = future.result()
                    except Stopped:
                        continue
                    except Exception as error:  # noqa: BLE001 - one feed's bug must not stop the rest
                        result = FeedResult(
                            url, "failed", error=f"internal error: {type(error).__name__}: {error}"
                        )
                        status = FeedStatus(**vars(statuses.get(url) or FeedStatus()))
                        status.last_status, status.last_error, status.last_refresh = (
                            "failed",
                            result.error,
                            now_iso(),
                        )
                    report.results.append(result)
                    changed_statuses[url] = status
                    if result.title and url in untitled:
                        titles[url] = result.title
                    done_count += 1
                    if progress is not None:
                        progress(done_count, total, url)
                if report.cancelled:  # (each future's lock taken: only once cancelled)
                    for future in [f for f in pending if f.cancelled()]:
                        pending.pop(future)
        self._processes.close(wait=not report.cancelled)
        self._expire(report)
        self._files.indexer.close()
        order = {subscription.url: n for n, subscription in enumerate(chosen)}
        report.results.sort(key=lambda r: order.get(r.url, len(order)))
        report.new_ids = [article_id for result in report.results for article_id in result.new_ids]
        self._save(report, changed_statuses, titles)
        report.messages += follow_replaced(self._ledger.replaced, self.library.user_dir)  # bookmarks follow
        return report

    def _expire(self, report: RefreshReport) -> None:
        """Remove the old read articles `keep_days` names (tui.feeds.expiry): each file now, its
        index row in this refresh's last batch, its record marked `removed` when the fetch state
        is saved. Killed in between, the next refresh finds the file gone and marks the record."""
        keep_days = self.keep_days if self.keep_days is not None else load_config().keep_days
        if keep_days <= 0 or report.cancelled or self.library.user_dir is None:
            return
        bookmarked, why = bookmark_test()
        if bookmarked is None:
            report.messages.append(why or "old articles kept")
            return
        # Not what this refresh stored: the read state tracks its new articles (unread) only when
        # the refresh is saved, and until then counts any article it does not know as read.
        records = [r for primary, r in self._ledger.items.items() if primary not in self._ledger.changed]
        for record in expired(records, keep_days, self.clock(), self.read_state.is_read, bookmarked):
            try:
                report.removed += self._files.remove(record.id)
            except OSError as error:
                report.messages.append(f"could not remove old articles: {error.strerror or error}")
                return
            self._ledger.remember(replace(record, removed=True), record)
        if report.removed:
            days = "1 day" if keep_days == 1 else f"{keep_days} days"
            many = "1 read article" if report.removed == 1 else f"{report.removed} read articles"
            report.messages.append(f"removed {many} older than {days} (keep_days in config.toml)")

    def _choose(
        self, subscriptions: list[Subscription], urls: Sequence[str] | None, report: RefreshReport
    ) -> list[Subscription]:
        if not urls:
            chosen = subscriptions
        else:
            by_url = {s.url: s for s in subscriptions}
            chosen = []
            for url in dict.fromkeys(u.strip() for u in urls):
                if url in by_url:
                    chosen.append(by_url[url])
                else:
                    report.results.append(
                        FeedResult(
                            url, "failed", error="not subscribed (add it with `dateline feeds add URL`)"
                        )
                    )
        # Interleave hosts so the pool's threads rarely wait on one host's limit.
        by_host: dict[str, list[Subscription]] = {}
        for subscription in chosen:
            by_host.setdefault(host_of(subscription.url), []).append(subscription)
        queues = list(by_host.values())
        mixed: list[Subscription] = []
        while queues:
            mixed += [queue.pop(0) for queue in queues]
            queues = [queue for queue in queues if queue]
        return mixed

    def _save(self, report: RefreshReport, statuses: dict[str, FeedStatus], titles: dict[str, str]) -> None:
        """Save what the refresh learnt: the read state first, the fetch state after it. An article
        whose file exists but that no state records is new at the next refresh
        (`ArticleFiles._orphaned`), so a refresh killed, or out of disk, between the files and the
        states loses no unread mark: if the read state cannot be saved, neither is the fetch state
        (the next refresh fetches the feeds in full and finds those articles again)."""
        self._files.sync()
        try:
            self.read_state.track(report.new_ids, self._ledger.replaced)
        except OSError as error:
            report.messages.append(
                f"could not save the read state: {error}; the new articles are found again next time"
            )
            report.saved = False
            return
        try:
            self.fetch_state.save(statuses, self._ledger.changed, self._ledger.forgotten)
        except OSError as error:
            report.saved = False
            report.messages.append(f"could not save the fetch state: {error}")
        try:
            self.subscriptions.set_titles(titles)
        except OSError as error:
            report.saved = False
            report.messages.append(f"could not save feed titles: {error}")

    # ----- one feed ----------------------------------------------------------------------------

    def _refresh_feed(
        self,
        fetcher: Fetcher,
        subscription: Subscription,
        previous: FeedStatus | None,
        cancelled: Callable[[], bool],
    ) -> tuple[FeedResult, FeedStatus]:
        status = FeedStatus(**vars(previous)) if previous is not None else FeedStatus()
        status.last_refresh = now_iso()
        url = subscription.url

        def failed(reason: str) -> tuple[FeedResult, FeedStatus]:
            status.last_status, status.last_error = "failed", reason
            return FeedResult(url, "failed", error=reason, title=status.title), status

        try:
            response = fetcher.get(url, etag=status.etag, last_modified=status.last_modified)
        except FetchError as error:
            return failed(str(error))
        stored: list[str] = []
        if response.not_modified:
            try:
                self._retry_pages(fetcher, subscription, cancelled)
            except OSError as error:
                return failed(f"could not store: {error.strerror or error}")
            status.last_status, status.last_error = "not modified", None
            status.etag, status.last_modified = response.etag, response.last_modified
            return FeedResult(url, "not modified", title=status.title), status
        if cancelled():
            raise Stopped  # fetched too late: dropped like a feed not started
        try:
            feed, items = self._prepare(response.body, response.url, response.content_type, subscription)
        except FeedError as error:
            return failed(str(error))
        status.title = feed.title or status.title
        updated = 0
        complete = True
        temps = {prepared.written for prepared in items if prepared.written}  # what a worker wrote
        seen = now_iso()
        try:
            for prepared in items:
                if cancelled():
                    complete = False
                    break
                outcome = self._take_item(fetcher, subscription, prepared, temps, seen)
                if outcome == "updated":
                    updated += 1
                elif outcome is not None:
                    stored.append(outcome)
            self._retry_pages(fetcher, subscription, cancelled)
        except OSError as error:
            complete = False
            return failed(f"could not store: {error.strerror or error}")
        finally:
            for temp in temps:  # items not stored (seen before, another feed's, cancelled)
                with contextlib.suppress(OSError):
                    os.unlink(temp)
        if complete:  # a feed only half read must be asked for in full next time
            status.etag, status.last_modified = response.etag, response.last_modified
        status.last_status, status.last_error = "ok", None
        return (
            FeedResult(
                url,
                "ok",
                new=len(stored),
                title=feed.title,
                new_ids=tuple(stored),
                updated=updated,
                notice=feed.notice,
            ),
            status,
        )

    def _prepare(
        self, body: bytes, url: str, content_type: str, subscription: Subscription
    ) -> tuple[ParsedFeed, list[Prepared]]:
        """Parse a feed document and prepare its items: in a worker process once the refresh is
        big enough to be worth it (which writes the new articles' files too), else (or if the
        process pool broke) in this thread."""
        feed_url = subscription.url
        pool = self._processes.pool_for(len(body))
        if pool is not None:
            try:
                future = pool.submit(
                    prepare_feed,
                    body,
                    url,
                    content_type,
                    feed_url,
                    self._known.get(feed_url, {}),
                    subscription.full_text,
                    os.fspath(self.user_dir),
                )
            except Exception:  # noqa: BLE001 - no worker could start: prepare here, not fail the feed
                log.warning("feed worker processes could not start; preparing in threads", exc_info=True)
                self._processes.give_up()
                future = None
            try:
                if future is not None:
                    return future.result()
            except CancelledError:
                raise Stopped from None  # the refresh was cancelled
            except (BrokenProcessPool, RuntimeError, OSError):
                # A worker died, the pool was shut down meanwhile, or no process could start.
                if self._processes.closed:
                    raise Stopped from None
        feed = parse_feed_bytes(body, url, content_type)

        def settled(links: list[str], digest: str) -> bool:
            return self._ledger.settled(links, feed_url, digest)

        prepared = [p for p in (prepare_item(item, feed_url, settled) for item in feed.items) if p]
        return feed, prepared

    def _take_item(
        self, fetcher: Fetcher, subscription: Subscription, prepared: Prepared, temps: set[str], seen: str
    ) -> str | None:
        """Store one item if it is new or updated; the new article's id, "updated", or None.
        `temps`: the temp files of the feed's items not yet renamed into place (this item's is
        taken out when it is); `seen`: when its record says it was seen (`now_iso`, once a feed)."""
        item, digest, keys = prepared.item, prepared.digest, prepared.keys
        # No `settled` first: `claim` looks the GUID and link keys up first and answers None for
        # what `settled` calls settled (one turn of the ledger's lock per item, not two).
        claim = self._ledger.claim(keys, subscription.url, digest)
        if claim is None:
            return None
        old = claim.record
        if old is not None and old.removed:
            # Removed as old (`keep_days`) and changed in its feed since: not stored again.
            self._ledger.remember(replace(old, keys=keys, digest=digest), old)
            return None
        try:
            article, summary_only, page = self._article(fetcher, subscription, prepared, old)
        except BaseException:
            self._ledger.release(keys)
            raise
        if article is None:
            self._ledger.release(keys)
            return None
        failures, tried = 0, None
        if page == "failed":  # tried now: one more failure in a row when it is the same page
            same = old is not None and old.page == "failed" and old.link == item.link
            failures, tried = (max(1, old.page_failures) + 1 if old is not None and same else 1), self._now()
        elif page == _BACKING_OFF:  # not tried: the back-off goes on as it was
            assert old is not None
            page, failures, tried = "failed", old.page_failures, old.page_tried
        record = ItemRecord(
            keys=keys,
            id=article.id,
            feed=subscription.url,
            digest=digest,
            link=item.link,
            summary_only=summary_only,
            page=page,
            page_failures=failures,
            page_tried=tried,
            published=article.published,
            seen=seen,
        )
        if prepared.written is not None and old is None and article is prepared.article and page is None:
            # New, and written by the worker process as `feed_payload` makes it: renamed into place.
            temps.discard(prepared.written)
            is_new = self._files.commit(prepared.written, article, subscription.url)
            self._ledger.remember(record, old)
            return article.id if is_new else None
        payload = feed_payload(article, subscription.url, item.guid, summary_only)
        if old is not None and old.id == article.id and self._files.stored(old.id) == payload:
            # What the feed says changed (its markup, say) but not the article: remember the new
            # digest, rewrite nothing, and do not call it an update.
            self._ledger.remember(record, old)
            return None
        is_new = self._files.write(payload, article, old.id if old else None)
        self._ledger.remember(record, old)
        if old is not None:
            return "updated"
        return article.id if is_new else None

    def _article(
        self, fetcher: Fetcher, subscription: Subscription, prepared: Prepared, old: ItemRecord | None
    ) -> tuple[Article | None, bool, str | None]:
        """The article for an item, its page fetched when needed: (article, summary_only, page).
        `old`: the record of the item this one updates, whose page may be backing off."""
        # The canonical link (tracking parameters and fragment dropped) is the article's source and
        # URL: bookmarks find an updated copy by it.
        item, link, feed_article = prepared.item, prepared.link, prepared.article
        source = link or subscription.url
        if not wants_page(subscription.full_text, link, feed_article, prepared.truncated):
            return feed_article, False, None
        assert link is not None and item.link is not None
        if (
            old is not None
            and old.page == "failed"
            and old.link == item.link
            and not self._page_due(old, self.clock())
        ):
            # An item updated at every refresh must not fetch its failing page at every refresh.
            return self._title_only(feed_article, item, source, link), True, _BACKING_OFF
        if not self._take_page(subscription.url):
            # This refresh fetched as many of the feed's pages as it may: the page at a later one.
            return self._title_only(feed_article, item, source, link), True, "waiting"
        try:
            page = fetch_page(fetcher, item.link)
        except (FetchError, pipeline.IngestError):
            return self._title_only(feed_article, item, source, link), True, "failed"
        if feed_article is not None and page.words <= feed_article.words:
            return feed_article, False, "fetched"  # the feed already had as much as the page
        title, published = item.title or page.title, item.published or page.published
        links = merge_links(page.links, prepared.item_links)  # issue 21: the page's and the item's
        article = replace(page, title=title, source=source, published=published, url=link, links=links)
        return article, False, "fetched"

    @staticmethod
    def _title_only(feed_article: Article | None, item: FeedItem, source: str, link: str) -> Article | None:
        """The feed's article, or one made of the item's title when the feed gave no text."""
        if feed_article is None and item.title:
            return pipeline.make_article(item.title, [item.title], source, published=item.published, url=link)
        return feed_article

    def _now(self) -> str:
        """`clock()` as ISO 8601 UTC to the second, as `page_tried` is kept."""
        return datetime.fromtimestamp(int(self.clock()), UTC).isoformat()

    def _take_page(self, feed_url: str) -> bool:
        """Whether one more page of this feed may be fetched in this refresh (counted if so)."""
        with self._lock:
            left = self._pages_left.get(feed_url, self.pages_per_feed)
            self._pages_left[feed_url] = left - 1
            return left > 0

    def _page_due(self, record: ItemRecord, now: float) -> bool:
        """Whether the page of an item stored with the feed's text alone is to be fetched now:
        waiting for its turn, or failed and out of its back-off (`PAGE_BACKOFF`)."""
        if record.page == "waiting":
            return True
        if record.page != "failed":
            return False
        if self.retry_full_text:
            return True
        failures = max(1, record.page_failures)  # a record from before the back-off: failed once
        if failures > len(PAGE_BACKOFF):
            return False  # given up
        try:
            tried = datetime.fromisoformat(record.page_tried).timestamp() if record.page_tried else 0.0
        except ValueError:
            tried = 0.0
        return now >= tried + PAGE_BACKOFF[failures - 1]

    def _retry_pages(
        self, fetcher: Fetcher, subscription: Subscription, cancelled: Callable[[], bool]
    ) -> None:
        """Fetch the pages due (`_page_due`) of this feed's items stored at an earlier refresh,
        within what is left of the feed's page budget; a failure moves the page's back-off on."""
        if subscription.full_text == "never":
            return
        waiting = self._ledger.waiting_pages(self._due_pages.get(subscription.url, ()))
        for record in waiting:
            if cancelled() or not self._take_page(subscription.url):
                return
            assert record.link is not None
            try:
                page = fetch_page(fetcher, record.link)
            except (FetchError, pipeline.IngestError):
                failures = record.page_failures + 1 if record.page == "failed" else 1
                self._ledger.remember(
                    replace(record, page="failed", page_failures=failures, page_tried=self._now()), record
                )
                continue
            stored = self._files.stored(record.id)
            if not isinstance(stored, dict):
                stored = {}
            link = canonical_link(record.link)
            article = replace(
                page,
                title=clean_line(str(stored.get("title") or "")) or page.title,
                source=link,
                published=stored.get("published")
                if isinstance(stored.get("published"), str)
                else page.published,
                url=record.link,
                links=merge_links(page.links, links_from_json(stored.get("links"))),  # issue 21
            )
            guid = stored.get("guid") if isinstance(stored.get("guid"), str) else None
            self._files.write(feed_payload(article, subscription.url, guid, False), article, record.id)
            fresh = ItemRecord(
                keys=record.keys,
                id=article.id,
                feed=record.feed,
                digest=record.digest,
                link=record.link,
                summary_only=False,
                page="fetched",
                published=article.published,
            )
            self._ledger.remember(fresh, record)
