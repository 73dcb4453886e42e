"""The feeds screen (`F`): every subscription with its unread count and last error; `Enter` chooses
a feed (posts `FeedChosen` and dismisses with its URL), `r` refreshes all feeds in a thread worker.

`refresh_in_worker` is the one way the reader refreshes: call it from inside a thread worker (this
screen's `r`, or the app's `r` and its timer); it posts `FeedsProgress` and `FeedsRefreshed` to the
node given, so nothing waits for the network on the UI thread.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.message_pump import MessagePump
from textual.screen import ModalScreen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState, get_current_worker

from tui.core.text import plural
from tui.feeds.overview import load_overviews
from tui.names.ahead import analyse_ahead
from tui.store.library import Library
from tui.ui.glyphs import current as current_glyphs
from tui.ui.threads import report_failed_worker

if TYPE_CHECKING:
    from tui.feeds import FeedOverview, Refresher, RefreshReport


# Marks are shapes, not only colours (they show in NO_COLOR and 16 colours), from the glyph table
# (ASCII on the Linux console): the unread mark is the article list's.
READ_MARK = "  "


class FeedsProgress(Message):
    """A refresh advanced: `done` of `total` feeds finished, the last being `url`."""

    def __init__(self, done: int, total: int, url: str) -> None:
        super().__init__()
        self.done, self.total, self.url = done, total, url


class FeedsRefreshed(Message):
    """A refresh finished (or was cancelled); `report` has every feed's result and the new ids."""

    def __init__(self, report: RefreshReport) -> None:
        super().__init__()
        self.report = report


class FeedChosen(Message):
    """The user chose a feed on the feeds screen: show its articles."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url


def refresh_in_worker(target: MessagePump, refresher: Refresher | None = None) -> RefreshReport:
    """Run a refresh in the current thread worker, posting FeedsProgress and FeedsRefreshed to
    `target` (a widget, screen or app). Stops early when the worker is cancelled."""
    from tui.feeds import Refresher

    worker = get_current_worker()
    post: Callable[[Message], object] = target.post_message

    def progress(done: int, total: int, url: str) -> None:
        post(FeedsProgress(done, total, url))

    # No worker processes inside the reader: starting them from a process that runs Textual's
    # threads failed ("bad value(s) in fds_to_keep"); the refresh prepares feeds in its threads.
    report = (refresher or Refresher(processes=0)).run(
        progress=progress,
        cancelled=lambda: worker.is_cancelled,
    )
    post(FeedsRefreshed(report))
    if not worker.is_cancelled:
        analyse_ahead(report.new_ids)
    return report


def refresh_summary(report: RefreshReport) -> str:
    """One line for a notification: how many new articles, how many feeds failed."""
    new = len(report.new_ids)
    failed = sum(1 for result in report.results if result.status == "failed")
    updated = sum(result.updated for result in report.results)
    line = f"{plural(new, 'new article')} from {plural(len(report.results), 'feed')}"
    if updated:
        line += f", {updated:,} updated"
    if failed:
        line += f"; {failed:,} failed"
    if report.cancelled:
        line += " (stopped early)"
    return line


def feed_prompt(row: FeedOverview) -> Content:
    """A feed's row: unread mark and title, then counts and the last error. Plain text, never markup."""
    glyphs = current_glyphs()
    parts = [
        Content.styled(glyphs.unread + " " if row.unread else READ_MARK, "bold"),
        Content.styled(row.title, "bold" if row.unread else ""),
    ]
    if row.folder:
        parts.append(Content.styled(f"  {row.folder}", "dim"))
    counts = f"{row.unread:,} unread · {plural(row.articles, 'article')}"
    parts += [Content("\n  "), Content.styled(counts, "dim")]
    if row.last_error:
        parts += [
            Content("\n  "),
            Content.styled(glyphs.missing + " failed: " + row.last_error, "bold $text-warning"),
        ]
    return Content.assemble(*parts)


class _Loaded(Message):
    """The load worker's result."""

    def __init__(self, rows: list[FeedOverview], messages: list[str]) -> None:
        super().__init__()
        self.rows, self.messages = rows, messages


class FeedList(OptionList):
    """The subscriptions; `Enter` chooses one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Show"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]


class FeedsScreen(ModalScreen[str | None]):
    """Every feed; dismissed with the chosen feed's URL (after posting FeedChosen to the app), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "refresh", "Refresh all"),
        Binding("escape", "close", "Close"),
        Binding("q", "close", "Close", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[FeedOverview] = []
        self.refreshing = False

    def compose(self) -> ComposeResult:
        yield Header(icon=current_glyphs().header_icon)
        with Vertical(id="feeds-pane"):
            yield FeedList(id="feeds-list")
            yield Static(id="feeds-empty")
            yield Static(id="feeds-status")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Dateline"
        self.sub_title = "Feeds"
        self._status("Loading feeds…")
        self.query_one(FeedList).focus()
        self.load()

    # ----- loading (a thread: the library index and three JSON files) ---------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="feeds-load")
    def load(self) -> None:
        """Read subscriptions, fetch state, read state and the library's counts off the UI thread."""
        library = Library.default()
        try:
            rows, messages = load_overviews(library)
        except (OSError, sqlite3.Error) as error:
            rows, messages = [], [f"Could not read the feeds: {error}"]
        finally:
            library.close()
        self.post_message(_Loaded(rows, messages))

    @on(_Loaded)
    def _loaded(self, event: _Loaded) -> None:
        for message in event.messages:
            self.notify(message, title="Feeds", severity="warning", timeout=10, markup=False)
        self._show(event.rows)

    def _show(self, rows: list[FeedOverview]) -> None:
        listing = self.query_one(FeedList)
        keep = self.highlighted_url
        index = listing.highlighted or 0
        self.rows = rows
        listing.set_options(Option(feed_prompt(row), id=row.url) for row in rows)
        if rows:
            urls = [row.url for row in rows]
            listing.highlighted = urls.index(keep) if keep in urls else min(index, len(urls) - 1)
        unread = sum(row.unread for row in rows)
        failing = sum(1 for row in rows if row.last_error)
        status = f"{plural(len(rows), 'feed')} · {unread:,} unread"
        if failing:
            status += f" · {failing:,} failing"
        if not self.refreshing:
            self._status(status)
        empty = self.query_one("#feeds-empty", Static)
        message = (
            ""
            if rows
            else "No feeds yet. Subscribe with `dateline feeds add URL` or `dateline feeds import FILE`."
        )
        empty.update(Content(message))
        empty.display = bool(message)
        listing.display = not message

    def _status(self, text: str) -> None:
        self.query_one("#feeds-status", Static).update(Content.styled(text, "dim"))

    @property
    def highlighted_url(self) -> str | None:
        """The feed under the cursor, if any."""
        highlighted = self.query_one(FeedList).highlighted
        if highlighted is None or not 0 <= highlighted < len(self.rows):
            return None
        return self.rows[highlighted].url

    # ----- choosing ------------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#feeds-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        url = self.highlighted_url
        if url is None:
            self.app.bell()
            return
        self.app.post_message(FeedChosen(url))
        self.dismiss(url)

    def action_close(self) -> None:
        """Back to the reader."""
        self.workers.cancel_group(self, "feeds-refresh")
        self.dismiss(None)

    # ----- refreshing ------------------------------------------------------------------------------

    def action_refresh(self) -> None:
        """Refresh every feed in a worker; progress in the status line."""
        if self.refreshing:
            self.notify("A refresh is already running.", title="Feeds", timeout=3)
            return
        self.refreshing = True
        self._status("Refreshing…")
        self._refresh()

    @work(thread=True, exclusive=True, exit_on_error=False, group="feeds-refresh")
    def _refresh(self) -> None:
        refresh_in_worker(self)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker of this screen failed (`Refresher.run` raised, say): no refresh runs any more,
        so `r` works again; then the one handler logs it and tells the user."""
        if event.state is not WorkerState.ERROR:
            return
        if event.worker.group == "feeds-refresh":
            self.refreshing = False
            self._status("The refresh failed.")
        report_failed_worker(self.app, event.worker)

    @on(FeedsProgress)
    def _progress(self, event: FeedsProgress) -> None:
        self._status(f"Refreshing… {event.done:,}/{event.total:,} feeds")

    @on(FeedsRefreshed)
    def _refreshed(self, event: FeedsRefreshed) -> None:
        self.refreshing = False
        for message in event.report.messages:
            self.notify(message, title="Feeds", severity="warning", timeout=10, markup=False)
        if not event.report.busy:
            self.notify(refresh_summary(event.report), title="Feeds", timeout=5, markup=False)
        self.load()
