"""The quick feed list (`v`, issue 21): every feed with its unread count, over the main screen;
`Enter` shows one feed's articles in the list (or all of them again), `Esc` leaves the list as it was.
The feeds screen (`F`) is where feeds are managed; this one only chooses, as newsboat's feed list does.

The counts are read in a worker (the subscriptions and the library's index), with the reader's own
read state, so that the marks not yet written count too.
"""

from __future__ import annotations

import sqlite3
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.core.text import plural
from tui.feeds.overview import FeedOverview, load_overviews
from tui.store.library import Library
from tui.ui.glyphs import current as current_glyphs
from tui.ui.read_queue import ReadQueue

ALL_FEEDS = ""  # the option (and the answer) for "every article"


class _Counted(Message):
    """The worker's feeds with their counts (unread as the reader shows them), or what went wrong."""

    def __init__(self, rows: list[tuple[FeedOverview, int]], problem: str | None) -> None:
        super().__init__()
        self.rows, self.problem = rows, problem


class PickerList(OptionList):
    """The feeds; j/k move, Enter chooses."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]


class FeedPicker(ModalScreen[tuple[str, str] | None]):
    """Dismissed with (url, title) of the chosen feed, (ALL_FEEDS, "") for every article, or None."""

    DEFAULT_CSS = """
    FeedPicker { align: center middle; }
    FeedPicker > Vertical {
        width: 70%; min-width: 40; max-width: 90; height: 80%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    FeedPicker PickerList, FeedPicker PickerList:focus { height: 1fr; border: none; }
    FeedPicker #picker-status { height: 1; color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,v", "close", "Close"),
    ]

    def __init__(self, library: Library, reads: ReadQueue, current: str | None) -> None:
        super().__init__()
        self.library, self.current = library, current
        # The read state as shown now: a copy of the marks not yet written (the worker must not
        # read the dict the UI thread changes).
        self.state, self.pending = reads.state, dict(reads.pending)
        self.rows: list[tuple[FeedOverview, int]] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield PickerList(id="picker-list")
            yield Static(Content("Counting…"), id="picker-status")

    def on_mount(self) -> None:
        self.query_one(PickerList).focus()
        self.count()

    @work(thread=True, exclusive=True, exit_on_error=False, group="feed-picker")
    def count(self) -> None:
        """The subscriptions with their article counts, and unread counts from the reader's read
        state with its marks not yet written (thread)."""
        try:
            overviews, _messages = load_overviews(self.library, read_state=self.state)
        except (OSError, sqlite3.Error) as error:
            self.post_message(_Counted([], f"Could not read the feeds: {error}"))
            return
        by_feed: dict[str, list[str]] = {}
        for summary in self.library.summaries():
            if summary.feed:
                by_feed.setdefault(summary.feed, []).append(summary.id)
        rows = [(row, len(self._unread(by_feed.get(row.url, [])))) for row in overviews]
        self.post_message(_Counted(rows, None))

    def _unread(self, ids: list[str]) -> set[str]:
        unread = self.state.unread(ids)
        for article_id in ids:
            read = self.pending.get(article_id)
            if read is not None:
                (unread.discard if read else unread.add)(article_id)
        return unread

    @on(_Counted)
    def _counted(self, message: _Counted) -> None:
        listing = self.query_one(PickerList)
        self.rows = message.rows
        unread_mark = current_glyphs().unread
        total = sum(unread for _row, unread in message.rows)
        options = [Option(Content.styled(f"All feeds  {total:,} unread", "bold"), id="\x00all")]
        for row, unread in message.rows:
            mark = Content.styled(f"{unread_mark} " if unread else "  ", "bold")
            title = Content.styled(row.title, "bold" if unread else "")
            counts = Content.styled(f"  {unread:,} unread · {plural(row.articles, 'article')}", "dim")
            options.append(Option(Content.assemble(mark, title, counts), id=row.url))
        listing.set_options(options)
        urls = [row.url for row, _unread in message.rows]
        listing.highlighted = urls.index(self.current) + 1 if self.current in urls else 0
        status = message.problem or (
            f"{plural(len(message.rows), 'feed')} · Enter: show · Esc: close"
            if message.rows
            else "No feeds yet: subscribe with `dateline feeds add URL`."
        )
        self.query_one("#picker-status", Static).update(Content(status))

    @on(OptionList.OptionSelected, "#picker-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = event.option_index
        if index == 0:
            self.dismiss((ALL_FEEDS, ""))
        elif 0 < index <= len(self.rows):
            row = self.rows[index - 1][0]
            self.dismiss((row.url, row.title))

    def action_close(self) -> None:
        self.dismiss(None)
