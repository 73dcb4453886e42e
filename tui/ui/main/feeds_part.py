"""The feeds part of the main screen (issue 11): the read state, the feeds screen and its one-feed
view, the refresh (r, and the timer). Every network call runs in the "feeds" worker, every
read-state read or write in the one "read-state" worker at a time, in order (`ReadQueue`); keys
only change what is shown and queue work.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.worker import WorkerState

from tui.core.text import plural
from tui.store.readstate import ReadState
from tui.ui.main.base import MainBase
from tui.ui.messages import NamesNeeded, ReadChange, ReadStateWritten
from tui.ui.read_queue import ReadQueue
from tui.ui.screens.feeds import (
    FeedsProgress,
    FeedsRefreshed,
    FeedsScreen,
    SavedChosen,
    refresh_in_worker,
    refresh_summary,
)
from tui.ui.widgets.article_list import ArticleList


class FeedsPart(MainBase):
    """Read and unread, the feeds screen, the refresh."""

    SECONDS_PER_MINUTE: ClassVar[float] = 60.0  # the unit of `refresh_minutes` (tests shorten it)
    # A read-state write that failed is tried again after this, then twice as long each time
    # (up to a minute), and at the next change.
    READ_RETRY_SECONDS: ClassVar[float] = 2.0

    def _init_feeds(self, refresh_minutes: int) -> None:
        self.refresh_minutes = refresh_minutes
        self.reads = ReadQueue(retry_seconds=self.READ_RETRY_SECONDS)
        self._read_retry_timer = None
        self._refresh_is_auto = False

    @property
    def read_state(self) -> ReadState:
        """The read state as loaded (the marks not yet written are in `reads.pending`)."""
        return self.reads.state

    @property
    def _read_pending(self) -> dict[str, bool]:
        return self.reads.pending

    def _start_feeds(self) -> None:
        """After the first frame: read the read state; start the auto-refresh timer."""
        self._queue_read_change(None)
        if self.refresh_minutes > 0:
            self.set_interval(self.refresh_minutes * self.SECONDS_PER_MINUTE, self._refresh_on_timer)

    def _is_unread(self, article_id: str) -> bool:
        return self.reads.is_unread(article_id)

    def _mark(self, ids: list[str], read: bool) -> None:
        """Show the change at once; write it in the read-state worker."""
        if not ids:
            return
        batch = self.reads.mark(ids, read)
        self.list_pane.show_unread()
        if batch is not None:
            self.write_read_state(batch)

    def _queue_read_change(self, change: ReadChange) -> None:
        batch = self.reads.add(change)
        if batch is not None:
            self.write_read_state(batch)

    @work(thread=True, exit_on_error=False, group="read-state")
    def write_read_state(self, changes: list[ReadChange]) -> None:
        """Apply read-state changes in order (thread: they take a lock and fsync); None reloads.
        What failed is handed back to be tried again (the marks stay shown and queued)."""
        notes, failed = self.reads.apply(changes)
        self.post_message(ReadStateWritten(notes, failed))

    @on(ReadStateWritten)
    def _read_state_written(self, message: ReadStateWritten) -> None:
        outcome = self.reads.written(message.notes, message.failed)
        for note in outcome.notes:
            self.notify(note, title="Read state", severity="warning", timeout=10)
        if outcome.retry:
            self._retry_read_changes_later()  # the timer (or the next change) tries again
        elif outcome.next_batch is not None:
            self.write_read_state(outcome.next_batch)
        self.list_pane.show_unread()

    def _retry_read_changes_later(self) -> None:
        if self._read_retry_timer is not None:
            return

        def retry() -> None:
            self._read_retry_timer = None
            batch = self.reads.retry()
            if batch is not None:
                self.write_read_state(batch)

        self._read_retry_timer = self.set_timer(self.reads.next_delay(), retry)

    def save_read_marks_now(self, lock_wait: float = 1.0) -> None:
        """At exit: write the marks not yet on disk, here and now (see `ReadQueue.save_now`)."""
        self.reads.save_now(lock_wait)

    def action_toggle_unread(self) -> None:
        """u: mark the highlighted article (or, reading it, the open one) unread, or read again."""
        articles = self.query_one(ArticleList)
        article_id = articles.highlighted_id
        if (not articles.has_focus or article_id is None) and self.article is not None:
            article_id = self.article.id
        if article_id is None:
            self.notify("Choose an article first.", severity="warning", timeout=3)
            return
        unread = not self._is_unread(article_id)
        self._mark([article_id], read=not unread)
        self.notify("Marked unread." if unread else "Marked read.", timeout=2)

    def action_mark_view_read(self) -> None:
        """A: mark every article in the list as it is now (a feed, a search) read."""
        ids = [s.id for s in self.query_one(ArticleList).summaries if self._is_unread(s.id)]
        if not ids:
            self.notify("Nothing unread here.", timeout=2)
            return
        self._mark(ids, read=True)
        self.notify(f"Marked {plural(len(ids), 'article')} read.", timeout=3)

    def action_feeds(self) -> None:
        """F: the feeds screen; the chosen feed's articles replace the list until Esc."""
        screen = FeedsScreen(
            self.names.index if self.names is not None else None,
            lambda then: self.post_message(NamesNeeded(lambda names: then(names.index))),
        )

        def chosen(url: str | SavedChosen | None) -> None:
            # The feeds screen may have refreshed or been read elsewhere: bring both up to date.
            self._queue_read_change(None)
            self.list_pane.refresh_library()
            if isinstance(url, SavedChosen):  # a saved search: its query's articles (issue 21)
                self.remove_class("-reading")
                self.list_pane.show_saved(url.name, url.query)
            elif url:
                title = next((row.title for row in screen.rows if row.url == url), url)
                self.remove_class("-reading")
                self.list_pane.enter_feed_view(url, title)

        self.app.push_screen(screen, chosen)

    def feeds_refreshing(self) -> bool:
        """Whether a refresh runs (this screen's, or the feeds screen's own `r`)."""
        return any(
            worker.group in ("feeds", "feeds-refresh")
            and worker.state in (WorkerState.PENDING, WorkerState.RUNNING)
            for worker in self.app.workers
        )

    def action_refresh_feeds(self) -> None:
        """r: refresh every feed in a worker; progress in the list's status line."""
        if self.feeds_refreshing():
            self.notify("A refresh is already running.", title="Feeds", timeout=3)
            return
        self._start_refresh(auto=False)

    def _refresh_on_timer(self) -> None:
        if not self.feeds_refreshing():
            self._start_refresh(auto=True)

    def _start_refresh(self, auto: bool) -> None:
        self._refresh_is_auto = auto
        self.list_pane.say("Refreshing feeds…")
        self.refresh_feeds()

    @work(thread=True, exclusive=True, exit_on_error=False, group="feeds")
    def refresh_feeds(self) -> None:
        """Fetch every feed (thread); posts FeedsProgress and FeedsRefreshed to this screen."""
        refresh_in_worker(self)

    @on(FeedsProgress)
    def _feeds_progress(self, message: FeedsProgress) -> None:
        message.stop()
        self.list_pane.say(f"Refreshing {message.done:,}/{plural(message.total, 'feed')}…")

    @on(FeedsRefreshed)
    def _feeds_refreshed(self, message: FeedsRefreshed) -> None:
        message.stop()
        report = message.report
        if report.busy and self._refresh_is_auto:
            self.list_pane.show_count()
            return  # the timer found another refresh running: it brings the articles, quietly
        for note in report.messages:
            self.notify(note, title="Feeds", severity="warning", timeout=10)
        if report.busy:
            pass  # another refresh runs (said in its messages): it brings the new articles
        elif not report.results:
            if not self._refresh_is_auto:
                self.notify(
                    "No feeds yet: subscribe with `dateline feeds add URL`.", title="Feeds", timeout=5
                )
        elif report.new_ids or not self._refresh_is_auto:
            self.notify(refresh_summary(report), title="Feeds", timeout=5)
        self.list_pane.show_count()
        if report.new_ids or any(result.updated for result in report.results):
            self._queue_read_change(None)  # the new articles start unread
            # "3 new articles name John Kerry" once the library has indexed them (_library_loaded).
            self._announce_after_indexing.extend(report.new_ids)
            self.list_pane.refresh_library()  # new rows appear; the highlighted one stays highlighted
