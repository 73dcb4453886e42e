"""The feeds screen (`F`): every subscription with its unread count, folder, tags and last error (in
words), and the saved searches with theirs. `Enter` chooses a feed (posts `FeedChosen` and dismisses
with its URL) or a saved search (dismisses with a `SavedChosen`); `r` refreshes the feed under the
cursor, `R` every feed, in a thread worker; `a` subscribes, `d` unsubscribes (after asking), `e`
renames, `t` shows one folder's or tag's feeds; on a saved search `e` changes its query and `d`
forgets it (the writes: `feed_edit`, in workers).

`refresh_in_worker` is the one way the reader refreshes: call it from inside a thread worker (this
screen's `r`, or the app's `r` and its timer); it posts `FeedsProgress` and `FeedsRefreshed` to the
node given, so nothing waits for the network on the UI thread.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
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
from tui.feeds.overview import FeedOverview, load_overviews
from tui.names.ahead import analyse_ahead
from tui.store.library import Library
from tui.store.readstate import ReadState
from tui.ui.glyphs import current as current_glyphs
from tui.ui.messages import FeedsProgress, FeedsRefreshed
from tui.ui.threads import report_failed_worker

if TYPE_CHECKING:
    from tui.feeds import FeedResult, Refresher, RefreshReport
    from tui.names.index import NameIndex
    from tui.names.muting import SavedCount
    from tui.ui.screens.feed_edit import FeedFilter

# The dialogs (`feed_edit`, `prompt`) are imported on the key that opens them: not before the first
# frame (docs/ARCHITECTURE.md, "The first frame").

# A query naming a name (`person:` … or `ent:`): its saved search is counted with the names index.
_NAME_TERM = re.compile(r"(?<![\w:])-?(?:person|org|place|name|ent):", re.IGNORECASE)

# Marks are shapes, not only colours (they show in NO_COLOR and 16 colours), from the glyph table
# (ASCII on the Linux console): the unread mark is the article list's.
READ_MARK = "  "


class FeedChosen(Message):
    """The user chose a feed on the feeds screen: show its articles."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url


@dataclass(frozen=True)
class SavedChosen:
    """The user chose a saved search on the feeds screen: the list shows its query's articles."""

    name: str
    query: str


def refresh_in_worker(
    target: MessagePump, refresher: Refresher | None = None, urls: Sequence[str] | None = None
) -> RefreshReport:
    """Run a refresh (of every feed, or of `urls`) in the current thread worker, posting
    FeedsProgress and FeedsRefreshed to `target` (a widget, screen or app). Stops early when the
    worker is cancelled."""
    from tui.feeds import Refresher

    worker = get_current_worker()
    post: Callable[[Message], object] = target.post_message

    def progress(done: int, total: int, url: str) -> None:
        post(FeedsProgress(done, total, url))

    # No worker processes inside the reader: starting them from a process that runs Textual's
    # threads failed ("bad value(s) in fds_to_keep"); the refresh prepares feeds in its threads.
    report = (refresher or Refresher(processes=0)).run(
        urls,
        progress=progress,
        cancelled=lambda: worker.is_cancelled,
    )
    post(FeedsRefreshed(report))
    if not worker.is_cancelled:
        analyse_ahead(report.new_ids)
    return report


def refresh_summary(report: RefreshReport, muted: int = 0) -> str:
    """One line for a notification: how many new articles (and of them muted, when known), how
    many feeds failed."""
    new = len(report.new_ids)
    failed = sum(1 for result in report.results if result.status == "failed")
    updated = sum(result.updated for result in report.results)
    line = f"{plural(new, 'new article')}" + (f" ({muted:,} muted)" if muted else "")
    line += f" from {plural(len(report.results), 'feed')}"
    if updated:
        line += f", {updated:,} updated"
    if failed:
        line += f"; {failed:,} failed"
    if report.cancelled:
        line += " (stopped early)"
    return line


def saved_prompt(count: SavedCount) -> Content:
    """A saved search's row: unread mark and name, "saved search", then its counts or why its query
    matches nothing."""
    glyphs = current_glyphs()
    parts = [
        Content.styled(glyphs.unread + " " if count.unread else READ_MARK, "bold"),
        Content.styled(count.search.name, "bold" if count.unread else ""),
        Content.styled(f"  saved search: {count.search.query}", "dim"),
        Content("\n  "),
        Content.styled(f"{count.unread:,} unread · {plural(count.articles, 'article')}", "dim"),
    ]
    if count.problem:
        parts += [Content("\n  "), Content.styled(glyphs.missing + " " + count.problem, "bold $text-warning")]
    return Content.assemble(*parts)


def in_words(error: str, url: str) -> str:
    """A feed's failure as the feeds screen says it: in today's words (an older Dateline kept
    `_ssl.c:1006`), without a leading "URL: " repeating the feed, its password hidden (imports the
    HTTP client: call it in a worker, or once a refresh has imported it)."""
    from tui.ingest.http import redact, reworded

    for shown in (url, redact(url)):
        if error.startswith(f"{shown}: "):
            error = error[len(shown) + 2 :]
    return reworded(redact(error))


def worded(row: FeedOverview) -> FeedOverview:
    """The row with its stored error `in_words` (called in the load worker)."""
    return replace(row, last_error=in_words(row.last_error, row.url)) if row.last_error else row


def feed_prompt(row: FeedOverview) -> Content:
    """A feed's row: unread mark and title, then counts and the last error. Plain text, never markup."""
    glyphs = current_glyphs()
    parts = [
        Content.styled(glyphs.unread + " " if row.unread else READ_MARK, "bold"),
        Content.styled(row.title, "bold" if row.unread else ""),
    ]
    if row.folder:
        parts.append(Content.styled(f"  {row.folder}", "dim"))
    if row.tags:
        parts.append(Content.styled("  " + " ".join(f"#{tag}" for tag in row.tags), "dim"))
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

    def __init__(
        self, rows: list[FeedOverview], messages: list[str], saved: list[SavedCount], muted: set[str]
    ) -> None:
        super().__init__()
        self.rows, self.messages, self.saved = rows, messages, saved
        self.muted = muted  # the muted ids, read after a refresh (to say how many new ones are)


class _Edited(Message):
    """A write worker finished: what to say, and whether it worked."""

    def __init__(self, said: str, worked: bool) -> None:
        super().__init__()
        self.said, self.worked = said, worked


class FeedList(OptionList):
    """The subscriptions; `Enter` chooses one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Show"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]


class FeedsScreen(ModalScreen[str | SavedChosen | None]):
    """Every feed and saved search; dismissed with the chosen feed's URL (after posting FeedChosen
    to the app), the chosen saved search (`SavedChosen`), or None.

    `index`: the names index when the reader has it open, for the saved searches' `person:` terms;
    without it, `open_names(then)` is asked (once) to open the names and call `then(index)`, and the
    counts are read again (meanwhile those terms are searched as words)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "refresh_one", "Refresh"),
        Binding("R", "refresh", "Refresh all"),
        Binding("a", "add", "Add"),
        Binding("d,delete", "remove", "Remove"),
        Binding("e", "rename", "Rename"),
        Binding("t", "filter", "Folder/tag"),
        Binding("escape", "close", "Close"),
        Binding("q", "close", "Close", show=False),
    ]

    def __init__(
        self,
        index: NameIndex | None = None,
        open_names: Callable[[Callable[[NameIndex], None]], object] | None = None,
    ) -> None:
        super().__init__()
        self.index = index
        self.open_names = open_names
        self.rows: list[FeedOverview] = []  # every feed (the filter leaves some out of the list)
        self.saved: list[SavedCount] = []
        self.entries: list[FeedOverview | SavedCount | None] = []  # the list's options, in order
        self.filter: FeedFilter | None = None
        self.refreshing = False
        self.refreshing_one: str | None = None  # the feed `r` refreshes (None: all of them)
        self.highlight_next: str | None = None  # the row the next load highlights (a feed just added)
        # The ids this screen's refreshes brought: the reader applies its mute rules and says what
        # the saved searches gained once back (as after its own `r`); until then, the next load
        # mutes them so that the counts shown here leave them out.
        self.brought: list[str] = []
        self.mute_due = False
        self.say_after_load: Callable[[set[str]], None] | None = None  # a refresh's line: muted known

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
        """Read subscriptions, fetch state, read state, saved searches and the library's counts off
        the UI thread."""
        from tui.names.muting import mute_new_matches, muted_ids, saved_searches_with_counts

        library = Library.default()
        saved: list[SavedCount] = []
        muted: set[str] = set()
        try:
            read_state = ReadState()
            read_state.load()
            if self.mute_due:  # a refresh brought articles: those a rule matches leave the counts
                self.mute_due = False
                outcome = mute_new_matches(library, self.index, read_state)
                if outcome is not None and outcome.problems:
                    self.app.call_from_thread(self._said, outcome.problems)
                muted = muted_ids(library)
            rows, messages = load_overviews(library, read_state=read_state)
            messages = read_state.messages + messages
            rows = [worded(row) for row in rows]
            try:
                saved = saved_searches_with_counts(library, index=self.index, read_state=read_state)
            except (OSError, sqlite3.Error) as error:
                messages.append(f"Could not read the saved searches: {error}")
        except (OSError, sqlite3.Error) as error:
            rows, messages = [], [f"Could not read the feeds: {error}"]
        finally:
            library.close()
        self.post_message(_Loaded(rows, messages, saved, muted))

    @on(_Loaded)
    def _loaded(self, event: _Loaded) -> None:
        for message in event.messages:
            self.notify(message, title="Feeds", severity="warning", timeout=10, markup=False)
        say, self.say_after_load = self.say_after_load, None
        if say is not None:
            say(event.muted)
        self.saved = event.saved
        if self.index is None and self.open_names is not None:
            if any(_NAME_TERM.search(count.search.query) for count in self.saved):
                self.open_names(self.use_index)
                self.open_names = None  # asked once
        if self.filter is not None and not any(self.filter.matches(row) for row in event.rows):
            self.filter = None  # its last feed was removed or moved
        self._show(event.rows)

    def use_index(self, index: NameIndex) -> None:
        """The names are open: count the saved searches' `person:` terms with them."""
        self.index = index
        if self.is_attached:
            self.load()

    def _show(self, rows: list[FeedOverview]) -> None:
        listing = self.query_one(FeedList)
        keep, self.highlight_next = self.highlight_next or self._key(self.highlighted_entry), None
        index = listing.highlighted or 0
        self.rows = rows
        shown = [row for row in rows if self.filter is None or self.filter.matches(row)]
        entries: list[FeedOverview | SavedCount | None] = []
        options: list[Option] = []
        if self.saved and self.filter is None:  # a heading over each kind, when both are listed
            entries.append(None)
            options.append(Option(Content.styled("Saved searches", "bold $text-accent"), disabled=True))
            entries += self.saved
            options += [Option(saved_prompt(count)) for count in self.saved]
            entries.append(None)
            options.append(Option(Content.styled("Feeds", "bold $text-accent"), disabled=True))
        entries += shown
        options += [Option(feed_prompt(row)) for row in shown]
        self.entries = entries
        listing.set_options(options)
        keys = [self._key(entry) for entry in entries]
        choosable = [i for i, entry in enumerate(entries) if entry is not None]
        if keep is not None and keep in keys:
            listing.highlighted = keys.index(keep)
        elif choosable:
            listing.highlighted = min((i for i in choosable if i >= index), default=choosable[-1])
        unread = sum(row.unread for row in shown)
        failing = sum(1 for row in shown if row.last_error)
        status = f"{plural(len(shown), 'feed')} · {unread:,} unread"
        if failing:
            status += f" · {failing:,} failing"
        if self.filter is not None:
            status = f"{self.filter.label}: {status} · t: all feeds or another"
        if not self.refreshing:
            self._status(status)
        empty = self.query_one("#feeds-empty", Static)
        message = (
            ""
            if entries
            else "No feeds yet. Press a to subscribe to one, or use `dateline feeds add URL` or "
            "`dateline feeds import FILE`."
        )
        empty.update(Content(message))
        empty.display = bool(message)
        listing.display = not message

    @staticmethod
    def _key(entry: FeedOverview | SavedCount | None) -> str | None:
        if entry is None:
            return None
        return f"feed:{entry.url}" if isinstance(entry, FeedOverview) else f"saved:{entry.search.name}"

    def _status(self, text: str) -> None:
        self.query_one("#feeds-status", Static).update(Content.styled(text, "dim"))

    @property
    def highlighted_entry(self) -> FeedOverview | SavedCount | None:
        """The feed or saved search under the cursor, if any."""
        highlighted = self.query_one(FeedList).highlighted
        if highlighted is None or not 0 <= highlighted < len(self.entries):
            return None
        return self.entries[highlighted]

    @property
    def highlighted_feed(self) -> FeedOverview | None:
        """The feed under the cursor (None on a saved search)."""
        entry = self.highlighted_entry
        return entry if isinstance(entry, FeedOverview) else None

    @property
    def highlighted_url(self) -> str | None:
        """The URL of the feed under the cursor, if any."""
        feed = self.highlighted_feed
        return feed.url if feed is not None else None

    # ----- choosing ------------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#feeds-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entry = self.highlighted_entry
        if entry is None:
            self.app.bell()
            return
        if not isinstance(entry, FeedOverview):
            self.dismiss(SavedChosen(entry.search.name, entry.search.query))
            return
        self.app.post_message(FeedChosen(entry.url))
        self.dismiss(entry.url)

    def action_close(self) -> None:
        """Back to the reader."""
        self.workers.cancel_group(self, "feeds-refresh")
        self.dismiss(None)

    def action_filter(self) -> None:
        """t: list one folder's or one tag's feeds (or all again)."""
        from tui.ui.screens.feed_edit import FeedFilter, FilterScreen, filters_of

        choices = filters_of(self.rows)
        if not choices:
            self.notify(
                "No folders or tags: they come with `dateline feeds import` (OPML folders, newsboat tags).",
                title="Feeds",
                timeout=5,
            )
            return

        def picked(choice: FeedFilter | str | None) -> None:
            if choice is None:
                return  # Esc: as it was
            self.filter = choice if isinstance(choice, FeedFilter) else None
            self.query_one(FeedList).highlighted = None
            self._show(self.rows)

        self.app.push_screen(FilterScreen(choices, self.filter), picked)

    # ----- changing the feeds (workers: the store's lock and the disk) ---------------------------

    def action_add(self) -> None:
        """a: subscribe to a URL (asked for); the new feed is refreshed at once."""
        from tui.ui.screens import feed_edit
        from tui.ui.screens.prompt import TextPrompt

        def added(url: str | None) -> None:
            if url:
                from tui.feeds.urls import clean_url

                self.notify("Subscribed. Fetching it…", title="Feeds", timeout=3)
                self.filter, self.highlight_next = None, f"feed:{clean_url(url.strip())}"
                self.load()  # its row at once, under the cursor; its counts once fetched
                self._start_refresh(clean_url(url.strip()))

        prompt = TextPrompt(
            "Subscribe to a feed",
            "",
            hint="Its URL (RSS, RDF or Atom) · Enter subscribes · Esc cancels",
            check=feed_edit.subscribe,
            check_in_thread=True,
            empty="Type the feed's URL, or Esc to cancel.",
        )
        self.app.push_screen(prompt, added)

    def action_remove(self) -> None:
        """d: unsubscribe from the feed under the cursor (or forget the saved search), once the user
        says yes."""
        from tui.ui.screens import feed_edit
        from tui.ui.screens.feed_edit import ConfirmScreen

        entry = self.highlighted_entry
        if entry is None:
            self.notify("Choose a feed first.", timeout=3)
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            if isinstance(entry, FeedOverview):
                self._status(f"Unsubscribing from {entry.title}…")
                self._write(lambda: feed_edit.unsubscribe(entry.url, entry.title))
            else:
                self._write(lambda: feed_edit.forget_saved(entry.search.name))

        if isinstance(entry, FeedOverview):
            question = f"Unsubscribe from {entry.title}?"
            detail = f"Its {plural(entry.articles, 'article')} stay in the library."
        else:
            question = f"Forget the saved search {entry.search.name}?"
            detail = f"Its query: {entry.search.query}. No article changes."
        self.app.push_screen(ConfirmScreen(question, detail), answered)

    def action_rename(self) -> None:
        """e: give the feed under the cursor a title of the user's (empty: its own again), or the
        saved search under it another query."""
        from tui.ui.screens import feed_edit
        from tui.ui.screens.prompt import TextPrompt

        entry = self.highlighted_entry
        if entry is None:
            self.notify("Choose a feed first.", timeout=3)
            return
        if not isinstance(entry, FeedOverview):
            name = entry.search.name

            def changed(query: str | None) -> None:
                if query:
                    self.notify(f"Saved {name}: {query}", title="Feeds", timeout=4, markup=False)
                    self.load()

            self.app.push_screen(
                TextPrompt(
                    f"The query of the saved search {name}",
                    entry.search.query,
                    hint="The query language of / · Enter saves · Esc cancels",
                    check=lambda query: feed_edit.change_saved_query(name, query),
                    check_in_thread=True,
                    empty="Type a query, or Esc to cancel.",
                ),
                changed,
            )
            return
        feed = entry

        def renamed(title: str | None) -> None:
            if title is not None:
                self._write(lambda: feed_edit.rename(feed.url, title))

        prompt = TextPrompt(
            "Rename the feed",
            feed.title if feed.title != feed.url else "",
            subject=feed.url,
            hint="Enter renames · empty: the feed's own title · Esc cancels",
        )
        self.app.push_screen(prompt, renamed)

    def _write(self, change: Callable[[], tuple[str, bool]]) -> None:
        self._write_in_thread(change)

    @work(thread=True, exit_on_error=False, group="feeds-edit")
    def _write_in_thread(self, change: Callable[[], tuple[str, bool]]) -> None:
        said, worked = change()
        self.post_message(_Edited(said, worked))

    @on(_Edited)
    def _edited(self, event: _Edited) -> None:
        self.notify(
            event.said,
            title="Feeds",
            severity="information" if event.worked else "warning",
            timeout=5,
            markup=False,
        )
        self.load()

    # ----- refreshing ------------------------------------------------------------------------------

    def action_refresh_one(self) -> None:
        """r: refresh the feed under the cursor (every feed when none is: an empty list)."""
        entry = self.highlighted_entry
        if entry is not None and not isinstance(entry, FeedOverview):
            self.notify("A saved search refreshes with its feeds: R refreshes them all.", timeout=3)
            return
        self._start_refresh(self.highlighted_url)

    def action_refresh(self) -> None:
        """R: refresh every feed in a worker; progress in the status line."""
        self._start_refresh(None)

    def _start_refresh(self, url: str | None) -> None:
        if self.refreshing:
            self.notify("A refresh is already running.", title="Feeds", timeout=3)
            return
        self.refreshing, self.refreshing_one = True, url
        name = next((row.title for row in self.rows if row.url == url), url)
        self._status(f"Refreshing {name}…" if url else "Refreshing…")
        self._refresh([url] if url else None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="feeds-refresh")
    def _refresh(self, urls: list[str] | None) -> None:
        refresh_in_worker(self, urls=urls)

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
        if self.refreshing_one is None:
            self._status(f"Refreshing… {event.done:,}/{event.total:,} feeds")

    def _said(self, problems: list[str]) -> None:
        for problem in problems:
            self.notify(problem, title="Mute rules", severity="warning", timeout=8, markup=False)

    @on(FeedsRefreshed)
    def _refreshed(self, event: FeedsRefreshed) -> None:
        self.refreshing = False
        if event.report.new_ids:
            self.brought.extend(event.report.new_ids)
            self.mute_due = True
        for message in event.report.messages:
            self.notify(message, title="Feeds", severity="warning", timeout=10, markup=False)
        one = [result for result in event.report.results if result.url == self.refreshing_one]
        report = event.report
        # Said once the load has muted what a rule matches: "2 new articles (1 muted)".
        if one and not report.busy:
            titled = [row.title for row in self.rows if row.url == one[0].url and row.title != row.url]
            name = (titled or [one[0].title])[0]
            failed = one[0].status == "failed"

            def say_one(muted: set[str]) -> None:
                self.notify(
                    one_feed_summary(name or one[0].url, one[0], len(muted.intersection(one[0].new_ids))),
                    title="Feeds",
                    severity="warning" if failed else "information",
                    timeout=8 if failed else 5,
                    markup=False,
                )

            self.say_after_load = say_one
        elif not report.busy:

            def say_all(muted: set[str]) -> None:
                summary = refresh_summary(report, len(muted.intersection(report.new_ids)))
                self.notify(summary, title="Feeds", timeout=5, markup=False)

            self.say_after_load = say_all
        self.load()


def one_feed_summary(name: str, result: FeedResult, muted: int = 0) -> str:
    """One line for a notification after one feed's refresh: its new count (with how many of them
    a mute rule hid), or why it failed (in words)."""
    if result.status == "failed":
        return f"{name}: failed: {in_words(result.error or 'unknown error', result.url)}"
    if result.status == "not modified" or not (result.new or result.updated):
        return f"{name}: nothing new"
    line = f"{name}: {plural(result.new, 'new article')}" + (f" ({muted:,} muted)" if muted else "")
    return line + (f", {result.updated:,} updated" if result.updated else "")
