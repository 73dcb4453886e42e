"""The feeds part of the main screen (issue 11), a `Part` (a widget that draws nothing): the read
state, the feeds screen and its one-feed view, the refresh (r, and the timer). Every network call
runs in its "feeds" worker, every read-state read or write in its one "read-state" worker at a
time, in order (`ReadQueue`); keys only change what is shown and queue work. The screen routes the
keys below to it and tells it when the library was loaded (`library_loaded`); it asks for the names
by posting `NamesNeeded` up to the screen, and reads the open names from the list pane.

Reading like a newsboat user (issue 21): `l` hides read articles, `J`/`K` open the next/previous
unread one (leaving a feed's view when it has none left), `v` a quick list of the feeds with their
unread counts, `M` shows the muted articles; `A` marks ALL the articles the list stands for (every
match of a search, not only the rows shown) and `u` undoes it for `UNDO_SECONDS`. After a refresh
the mute rules are applied (with or without a language model) and the saved searches that gained
articles are said ("4 new in Ports").
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.message import Message
from textual.widgets import Input
from textual.worker import Worker, WorkerState, get_current_worker

from tui.core.text import plural
from tui.store.readstate import ReadState
from tui.ui.main.base import MainHost, Part
from tui.ui.messages import FeedsProgress, FeedsRefreshed, NamesNeeded, ReadChange, ReadStateWritten
from tui.ui.read_queue import ReadQueue
from tui.ui.threads import report_failed_worker

if TYPE_CHECKING:
    from textual.timer import Timer

    from tui.names.service import Names
    from tui.ui.main.list_pane import ListPane

# The feeds screen (and with it the feed overviews) is imported when F first opens it or a refresh
# first runs: not before the first frame (docs/ARCHITECTURE.md, "The first frame").

UNDO_SECONDS = 8.0  # as long as a deleted bookmark can be brought back


class AllMatches(Message):
    """Every article a search matches (for `A`), or why they could not be found."""

    def __init__(self, query: str, ids: list[str], problem: str | None = None) -> None:
        super().__init__()
        self.query, self.ids, self.problem = query, ids, problem


class RulesWanted(Message):
    """A refresh brought articles and there are mute rules or saved searches: open the names."""

    def __init__(self, new_ids: list[str]) -> None:
        super().__init__()
        self.new_ids = new_ids


class SavedNews(Message):
    """After a refresh: (saved search, how many new articles) and whether the muted set changed."""

    def __init__(self, gained: list[tuple[str, int]], muted_changed: bool, problems: list[str]) -> None:
        super().__init__()
        self.gained, self.muted_changed, self.problems = gained, muted_changed, problems


class FeedsPart(Part):
    """Read and unread, the feeds screen, the refresh."""

    SECONDS_PER_MINUTE: ClassVar[float] = 60.0  # the unit of `refresh_minutes` (tests shorten it)
    # A read-state write that failed is tried again after this, then twice as long each time
    # (up to a minute), and at the next change.
    READ_RETRY_SECONDS: ClassVar[float] = 2.0

    def __init__(self, main: MainHost, refresh_minutes: int) -> None:
        super().__init__(main)
        self.refresh_minutes = refresh_minutes
        self.reads = ReadQueue(retry_seconds=self.READ_RETRY_SECONDS)
        self._read_retry_timer: Timer | None = None
        self._refresh_is_auto = False
        self._marked_all: tuple[list[str], float] | None = None  # what `A` marked read, and when
        self._rules_after_indexing: list[str] | None = None  # a refresh's new ids, once indexed
        self._announce_after_indexing: list[str] = []  # the same, for the names' announcements

    @property
    def list_pane(self) -> ListPane:
        return self.main.list_pane

    @property
    def names(self) -> Names | None:
        """The names, once open (the list pane is handed them)."""
        return self.main.list_pane.names

    @property
    def read_state(self) -> ReadState:
        """The read state as loaded (the marks not yet written are in `reads.pending`)."""
        return self.reads.state

    def start(self) -> None:
        """After the first frame: read the read state; start the auto-refresh timer."""
        self.queue_read_change(None)
        if self.refresh_minutes > 0:
            self.set_interval(self.refresh_minutes * self.SECONDS_PER_MINUTE, self._refresh_on_timer)

    def is_unread(self, article_id: str) -> bool:
        return self.reads.is_unread(article_id)

    def mark(self, ids: list[str], read: bool) -> None:
        """Show the change at once; write it in the read-state worker."""
        if not ids:
            return
        batch = self.reads.mark(ids, read)
        self.list_pane.show_unread()
        if batch is not None:
            self.write_read_state(batch)

    def queue_read_change(self, change: ReadChange) -> None:
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

    def toggle_unread(self) -> None:
        """u: mark the highlighted article (or, reading it, the open one) unread, or read again;
        within `UNDO_SECONDS` of `A`, undo that instead."""
        if self._undo_mark_all():
            return
        articles = self.list_pane.articles
        article_id = articles.highlighted_id
        if (not articles.has_focus or article_id is None) and self.main.article is not None:
            article_id = self.main.article.id
        if article_id is None:
            self.notify("Choose an article first.", severity="warning", timeout=3)
            return
        unread = not self.is_unread(article_id)
        self.mark([article_id], read=not unread)
        self.notify("Marked unread." if unread else "Marked read.", timeout=2)

    def mark_view_read(self) -> None:
        """A: mark every article the list stands for read (a feed's, or all of a search's matches,
        found in a worker: the list shows only the first of them); `u` undoes it for a few seconds."""
        pane = self.list_pane
        if pane.searching:
            self.list_pane.say("Finding every match…")
            self.find_all_matches(pane.searching, pane.feed_view)
            return
        self._mark_all_read([s.id for s in self.list_pane.articles.summaries])

    def _mark_all_read(self, ids: list[str]) -> None:
        unread = [article_id for article_id in ids if self.is_unread(article_id)]
        if not unread:
            self.notify("Nothing unread here.", timeout=2)
            return
        self.mark(unread, read=True)
        self._marked_all = (unread, time.monotonic())
        self.notify(
            f"Marked {plural(len(unread), 'article')} read. Press u within {UNDO_SECONDS:g} s to undo.",
            timeout=UNDO_SECONDS,
        )

    def _undo_mark_all(self) -> bool:
        """Mark unread again what `A` marked read, if that was seconds ago (False: nothing to undo)."""
        marked, self._marked_all = self._marked_all, None
        if marked is None or time.monotonic() - marked[1] >= UNDO_SECONDS:
            return False
        self.mark(marked[0], read=False)
        self.notify(f"Undone: {plural(len(marked[0]), 'article')} unread again.", timeout=3)
        return True

    @work(thread=True, exclusive=True, exit_on_error=False, group="mark-all")
    def find_all_matches(self, query: str, feed: str | None) -> None:
        """Every article `query` matches, in the feed shown if one (thread)."""
        from tui.names.query import TermError
        from tui.names.search import matching_ids

        pane = self.list_pane
        source = pane.source
        index = self.names.index if self.names is not None else None
        try:
            ids = matching_ids(
                source, query, index=index, read_state=self.reads.state, include_muted=pane.show_muted
            )
        except TermError as problem:
            self.post_message(AllMatches(query, [], str(problem)))
            return
        if feed is not None:
            in_feed = {summary.id for summary in source.summaries() if summary.feed == feed}
            ids = [article_id for article_id in ids if article_id in in_feed]
        if not get_current_worker().is_cancelled:
            self.post_message(AllMatches(query, ids))

    @on(AllMatches)
    def _all_matches(self, message: AllMatches) -> None:
        self.list_pane.show_count()
        if message.query != self.list_pane.searching:
            self.notify("The search changed: nothing marked. Press A again.", timeout=4)
        elif message.problem:
            self.notify(f"Nothing marked: {message.problem}", severity="warning", timeout=6)
        else:
            self._mark_all_read(message.ids)

    # ----- reading like a newsboat user (issue 21) ------------------------------------------------
    def toggle_hide_read(self) -> None:
        """l: only the unread articles in the list, or all of them again (remembered)."""
        self.list_pane.toggle_hide_read()
        shown = "Only unread articles (l: all)." if self.list_pane.hide_read else "All articles, read too."
        self.notify(shown, timeout=2)
        self.main.changed()

    def toggle_muted(self) -> None:
        """M: show the articles mute rules hide, or hide them again."""
        self.list_pane.toggle_muted()
        shown = "Muted articles shown (M: hide)." if self.list_pane.show_muted else "Muted articles hidden."
        self.notify(shown, timeout=2)

    def next_unread(self, step: int) -> None:
        """J / K: open the next (previous) unread article in the list; past the last one of a
        feed's view, on in the whole list (newsboat's n / p across feeds); at the end, round again."""
        articles = self.list_pane.articles
        rows = articles.summaries
        unread = self.reads.unread_among(summary.id for summary in rows)
        start = articles.highlighted if articles.highlighted is not None else (-1 if step > 0 else len(rows))
        if 0 <= start < len(rows) and rows[start].id in unread:
            start -= step  # the row under the cursor is unread (not opened yet): it is the next
        ahead = range(start + 1, len(rows)) if step > 0 else range(start - 1, -1, -1)
        found = next((i for i in ahead if rows[i].id in unread), None)
        if found is None and self.list_pane.feed_view is not None and not self.screen.has_class("-reading"):
            title = self.list_pane.feed_view_title
            if self.list_pane.leave_feed_view():
                self.notify(f"No more unread in {title}: on in all articles.", timeout=3)
                self.list_pane.after_list.append(lambda: self.next_unread(step))
            return
        if found is None:
            around = range(len(rows)) if step > 0 else range(len(rows) - 1, -1, -1)
            found = next((i for i in around if rows[i].id in unread), None)
            if found is None:
                self.notify("No unread articles.", timeout=2)
                return
            self.notify("Round again from the " + ("top." if step > 0 else "bottom."), timeout=2)
        articles.highlighted = found
        self.main.open_article(rows[found].id)
        self.main.start_reading()

    def back_to_results(self) -> bool:
        """Esc while reading an article opened from a search's results: back to the results with
        its row in view (Esc again closes the search). False when that is not where Esc is."""
        articles = self.list_pane.articles
        if not self.list_pane.searching or articles.has_focus or isinstance(self.screen.focused, Input):
            return False
        self.screen.remove_class("-reading")
        if self.main.article is not None:
            index = next((i for i, s in enumerate(articles.summaries) if s.id == self.main.article.id), None)
            if index is not None:
                articles.highlighted = None  # set again: brought into view even if it was highlighted
                articles.highlighted = index
        articles.focus()
        return True

    def pick_feed(self) -> None:
        """v: a quick list of the feeds with their unread counts; Enter shows one feed's articles."""
        from tui.ui.screens.feed_picker import FeedPicker

        def chosen(choice: tuple[str, str] | None) -> None:
            if choice is None:
                return
            url, title = choice
            self.screen.remove_class("-reading")
            if not url:
                self.list_pane.leave_feed_view()
            else:
                self.list_pane.enter_feed_view(url, title)

        self.app.push_screen(FeedPicker(self.main.library, self.reads, self.list_pane.feed_view), chosen)

    def show_feeds(self) -> None:
        """F: the feeds screen; the chosen feed's articles replace the list until Esc."""
        from tui.ui.screens.feeds import FeedsScreen, SavedChosen

        screen = FeedsScreen(
            self.names.index if self.names is not None else None,
            lambda then: self.post_message(NamesNeeded(lambda names: then(names.index))),
        )

        def chosen(url: str | SavedChosen | None) -> None:
            # The feeds screen may have refreshed or been read elsewhere: bring both up to date.
            self.queue_read_change(None)
            if screen.brought:  # its `r` brought articles: the rules and the saved searches' news,
                # once the library has indexed them, as after the reader's own refresh
                self._announce_after_indexing.extend(screen.brought)
                self._rules_after_indexing = [*(self._rules_after_indexing or []), *screen.brought]
            self.list_pane.refresh_library()
            if isinstance(url, SavedChosen):  # a saved search: its query's articles (issue 21)
                self.screen.remove_class("-reading")
                self.list_pane.show_saved(url.name, url.query)
            elif url:
                title = next((row.title for row in screen.rows if row.url == url), url)
                self.screen.remove_class("-reading")
                self.list_pane.enter_feed_view(url, title)

        self.app.push_screen(screen, chosen)

    def refreshing(self) -> bool:
        """Whether a refresh runs (this screen's, or the feeds screen's own `r`)."""
        return any(
            worker.group in ("feeds", "feeds-refresh")
            and worker.state in (WorkerState.PENDING, WorkerState.RUNNING)
            for worker in self.app.workers
        )

    def refresh_now(self) -> None:
        """r: refresh every feed in a worker; progress in the list's status line."""
        if self.refreshing():
            self.notify("A refresh is already running.", title="Feeds", timeout=3)
            return
        self._start_refresh(auto=False)

    def _refresh_on_timer(self) -> None:
        if not self.refreshing():
            self._start_refresh(auto=True)

    def _start_refresh(self, auto: bool) -> None:
        self._refresh_is_auto = auto
        self.list_pane.say("Refreshing feeds…")
        self.refresh_feeds()

    @work(thread=True, exclusive=True, exit_on_error=False, group="feeds")
    def refresh_feeds(self) -> None:
        """Fetch every feed (thread); posts FeedsProgress and FeedsRefreshed to this screen."""
        from tui.ui.screens.feeds import refresh_in_worker

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
            from tui.ui.screens.feeds import refresh_summary

            self.notify(refresh_summary(report), title="Feeds", timeout=5)
        self.list_pane.show_count()
        if report.new_ids or any(result.updated for result in report.results):
            self.queue_read_change(None)  # the new articles start unread
            # "3 new articles name John Kerry" once the library has indexed them (`library_loaded`).
            self._announce_after_indexing.extend(report.new_ids)
            # The mute rules and saved searches, once the library has indexed them (below).
            self._rules_after_indexing = [*(self._rules_after_indexing or []), *report.new_ids]
            self.list_pane.refresh_library()  # new rows appear; the highlighted one stays highlighted

    # ----- after a refresh: the mute rules and the saved searches (issue 21) -----------------------
    def library_loaded(self) -> list[str]:
        """The library indexed what a refresh brought: apply the mute rules, count the saved
        searches; the new articles are returned for the names to announce."""
        if self._rules_after_indexing is not None:
            new_ids, self._rules_after_indexing = self._rules_after_indexing, None
            self.check_rules(new_ids)
        announce, self._announce_after_indexing = self._announce_after_indexing, []
        return announce

    @work(thread=True, exit_on_error=False, group="rules-check")
    def check_rules(self, new_ids: list[str]) -> None:
        """Whether there are mute rules or saved searches (two small files; thread): only then are
        the names opened for them."""
        from tui.store.rules import MuteRules, SavedSearches

        try:
            wanted = bool(MuteRules().load()) or bool(SavedSearches().load())
        except OSError:
            wanted = True  # said by the worker below, which reads them again
        if wanted:
            self.post_message(RulesWanted(new_ids))

    @on(RulesWanted)
    def _rules_wanted(self, message: RulesWanted) -> None:
        new_ids = message.new_ids
        self.post_message(NamesNeeded(lambda names: self.apply_rules_after_refresh(names, new_ids)))

    @work(thread=True, exclusive=True, exit_on_error=False, group="rules-after-refresh")
    def apply_rules_after_refresh(self, names: Names, new_ids: list[str]) -> None:
        """Mute what the rules match now (no language model needed: the names index as it is),
        then the saved searches that gained some of `new_ids` (thread)."""
        from tui.names.muting import mute_new_matches, new_in_saved, saved_searches_with_counts

        read_state = names.read_state()
        outcome = mute_new_matches(names.library, names.index, read_state)
        problems = list(outcome.problems) if outcome is not None else []
        try:
            after = saved_searches_with_counts(names.library, index=names.index, read_state=read_state)
        except OSError as error:
            after, problems = [], [*problems, f"saved searches not read: {error}"]
        new = set(new_ids)
        # Before the refresh, each saved search had its articles less the new ones.
        before = [replace(count, ids=tuple(i for i in count.ids if i not in new)) for count in after]
        changed = outcome is not None and outcome.recomputed
        self.post_message(SavedNews(new_in_saved(before, after), changed, problems))

    @on(SavedNews)
    def _saved_news(self, message: SavedNews) -> None:
        for problem in message.problems:
            self.notify(problem, title="Mute rules", severity="warning", timeout=8, markup=False)
        if message.gained:
            said = ", ".join(f"{count:,} new in {name}" for name, count in message.gained)
            self.notify(said, title="Saved searches", timeout=8, markup=False)
        if message.muted_changed:
            self.list_pane.reload_list()  # the articles muted now leave the list

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker of this part failed: put its state right, then log it and tell the user."""
        if event.state is not WorkerState.ERROR:
            return
        if event.worker.group == "feeds":
            self.list_pane.show_count()  # not "Refreshing…"
        elif event.worker.group == "read-state":
            self.reads.worker_failed()
            self._retry_read_changes_later()
        report_failed_worker(self.app, event.worker)
