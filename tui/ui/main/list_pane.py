"""The list pane of the main screen, a widget: the search box, the article list and its status
line, the one-feed view and the story view. It owns what the list shows and in which order, and
the workers that read it: the library worker (indexing the files, then the list), the "list"
worker (a search, or the library in another order) and the stories worker. Two switches change
what any of those lists shows (issue 21): `hide_read` (only unread articles; a row already shown
stays until the list is read again, so the article just opened does not vanish from under the
cursor) and `show_muted` (the muted articles too, from `Library.including_muted()`).

The screen hands it the library, the bookmarks and the read state (attributes down), and sets what
the names say (`names`, `followed_ids`, `names_rebuilding`) once they are open; it calls the
methods below for the keys it routes here. The pane posts `LibraryLoaded` on up to the screen (the
model, the announcements and the first article are the screen's) and `NamesNeeded` when grouping by
story needs the names open.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState, get_current_worker

from tui.core.lazy import lazy_module
from tui.core.text import plural
from tui.store.bookmarks import BookmarkStore
from tui.store.library import ArticleSummary, Library, SearchHit, SortKey
from tui.ui.analysis_queue import queue_of
from tui.ui.messages import LibraryLoaded, LibraryProgress, ListRead, NamesNeeded, StoriesFound, TextIndexed
from tui.ui.read_queue import ReadQueue
from tui.ui.threads import report_failed_worker
from tui.ui.widgets.article_list import ArticleList

if TYPE_CHECKING:
    from tui.names import search as searching
    from tui.names.service import Names
else:  # the one search (`/` and `dateline search`): its names index is not needed for the first frame
    searching = lazy_module("tui.names.search")

SORTS: tuple[SortKey, ...] = ("date", "title", "source")
# A query naming a name (`person:` … or `ent:`): the names index is opened for it.
_NAME_TERM = re.compile(r"(?<![\w:])-?(?:person|org|place|name|ent):", re.IGNORECASE)


class ListPane(Vertical):
    """The list: what it shows (the library, a search, a feed, the stories) and in which order."""

    def __init__(
        self,
        library: Library,
        bookmarks: BookmarkStore,
        reads: ReadQueue,
        sort: SortKey,
        *,
        hide_read: bool = False,
        search_later: bool = False,
        id: str | None = None,  # noqa: A002 (Textual's name)
    ) -> None:
        super().__init__(id=id)
        self.library = library
        self.bookmarks = bookmarks
        self.reads = reads
        self.sort = sort
        self.search_later = search_later  # the search box comes after the first frame (`mount_search_box`)
        self.searching = ""  # the query the list shows the matches of ("" : the library)
        self.feed_view: str | None = None  # the feed whose articles the list shows, if one
        self.feed_view_title = ""
        self.story_lines: dict[str, str] | None = None  # grouped by story when not None
        self.hide_read = hide_read  # only unread articles (remembered in ui.json)
        self.show_muted = False  # the muted articles too (for this run)
        # What the list would show with the read articles: rows come back from it as they become
        # unread (the read state loaded, an undo), without a read of the library.
        self._unfiltered: list[Any] = []
        self._unfiltered_hits: dict[str, SearchHit] | None = None
        self._status_is_count = False  # the status line says the count (not a progress line)
        self._keep_highlighted = True  # a read row under the cursor stays (not after `l` itself)
        self.list_to_come = False  # the first frame listed a screenful: the rest comes after it
        # The first screenful read ahead in a thread (`read_first_ahead`): (rows, thread, result).
        self._first_ahead: tuple[int, threading.Thread, list[Any]] | None = None
        self.list_reading = False  # the "list" worker reads what the list shows next
        self.after_list: list[Callable[[], None]] = []  # to run once it is shown
        # What the names say, set by the screen: the search's entity terms once they are open, the
        # followed names' marks, whether their index is being rebuilt (the status line says so).
        self.names: Names | None = None
        self.followed_ids: set[str] = set()
        self.names_rebuilding = False
        # How many articles the search shown matches (the list holds the first ones), and why its
        # query could not be understood: the status line says "50 of 312 matches".
        self.search_total: tuple[int, str] = (0, "")
        self.saved_view: tuple[str, str] | None = None  # (name, query) of the saved search shown

    def compose(self) -> ComposeResult:
        if not self.search_later:
            yield self._search_box()
        yield ArticleList(id="articles")
        yield Static(Text("Loading library…"), id="list-status")

    @staticmethod
    def _search_box() -> Input:
        search = Input(placeholder="Search titles and text…", id="search")
        search.display = False
        return search

    async def mount_search_box(self) -> None:
        """The search box the first frame left out."""
        await self.mount(self._search_box(), before=0)

    @property
    def articles(self) -> ArticleList:
        return self.query_one(ArticleList)

    # ----- the first frame ----------------------------------------------------------------------
    def read_first_ahead(self, height: int) -> None:
        """Start reading what `show_first(height)` shows, in a thread, before Textual starts
        (`DatelineApp.run`): SQLite opens the index and counts its rows with the GIL released
        while the UI thread parses the styles and composes the screen (at 10,000 articles some
        5 ms that the first frame waited for)."""
        if self.hide_read or self._first_ahead is not None:
            return
        found: list[Any] = []

        def read() -> None:
            try:
                found.append(self.library.first_summaries(self.sort, height))
            except Exception:  # read again on the UI thread, which then says what failed
                pass

        thread = threading.Thread(target=read, name="dateline-first-rows", daemon=True)
        thread.start()
        self._first_ahead = (height, thread, found)

    def _first_summaries(self, height: int) -> tuple[list[ArticleSummary], int, bool]:
        """`library.first_summaries` for the first frame: what was read ahead if it is enough."""
        ahead, self._first_ahead = self._first_ahead, None
        if ahead is not None:
            rows, thread, found = ahead
            thread.join()
            if found and rows >= height:
                summaries, count, feeds = found[0]
                return summaries[: max(height, 0)], count, feeds
        return self.library.first_summaries(self.sort, height)

    def show_first(self, height: int) -> None:
        """On a terminal: a screenful and the count from the index; the rest after the frame
        (`show_rest`)."""
        if self.hide_read:  # the read state is not loaded yet: the rows come with it
            self.list_to_come = True
            return
        summaries, count, feeds = self._first_summaries(height)
        self.list_to_come = count > len(summaries)
        if summaries:
            marks = self.bookmarked_ids(), None, self._unread_among(summaries)
            self.articles.set_articles(summaries, *marks, total=count, feeds=feeds)
            self.show_status(count)

    def show_rest(self) -> None:
        """The whole list, if the first frame showed only a screenful."""
        if self.list_to_come:
            self.list_to_come = False
            self.show_summaries(self.library.summaries(self.sort))

    # ----- library ------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def refresh_library(self) -> None:
        """Index new and changed files (thread), then post the summaries."""
        worker = get_current_worker()
        last = 0.0

        def progress(done: int, total: int) -> None:
            # A message per file would re-lay out the screen thousands of times: ten a second.
            nonlocal last
            now = time.monotonic()
            if now - last >= 0.1 or done == total:
                last = now
                self.post_message(LibraryProgress(done, total))

        # The list first: a big file's text goes into the full-text index after it (issue 13).
        self.library.refresh(progress=progress, cancelled=lambda: worker.is_cancelled, defer_text=True)
        if not worker.is_cancelled:
            summaries = self.source.summaries(self.sort)
            # Stars follow articles a refresh stored again under a new id (a file, maybe a lock).
            self.bookmarks.follow(summaries)
            from tui.feeds.overview import feed_titles  # two small files, read here off the UI thread

            titles = feed_titles() if any(summary.feed for summary in summaries) else {}
            self.post_message(LibraryLoaded(summaries, list(self.library.rejected), titles))
        if self.library.text_pending and self.library.index_pending_text(lambda: worker.is_cancelled):
            self.post_message(TextIndexed())

    @on(TextIndexed)
    def _text_indexed(self, message: TextIndexed) -> None:
        if self.searching:  # its matches so far missed the text that was still being indexed
            self.reload_list()

    @on(LibraryProgress)
    def _library_progress(self, message: LibraryProgress) -> None:
        self.say(f"Indexing {message.done:,}/{plural(message.total, 'file')}…", style="")

    @on(LibraryLoaded)
    def _library_loaded(self, message: LibraryLoaded) -> None:
        """Show the new list, say what was skipped; the message goes on up to the screen."""
        self.articles.set_feed_titles(message.feed_titles or {})
        unchanged = message.summaries == self.articles.summaries
        if not self.searching and not unchanged:
            self.show_summaries(message.summaries)
        elif not self.searching:
            self.show_status(len(message.summaries))
        for path, reason in message.rejected[:3]:
            self.notify(f"Skipped {path}: {reason}", severity="warning", timeout=8)
        if len(message.rejected) > 3:
            self.notify(f"{plural(len(message.rejected) - 3, 'more file')} skipped.", severity="warning")

    # ----- what the list shows: read in the "list" worker, never on the UI thread ---------------
    # A full-text search at 10,000 articles, or making 10,000 summaries (~20 ms), would hold the
    # keys; a key only says what to show and starts the worker, whose answer replaces the list
    # unless a later key asked for something else meanwhile.

    def reload_list(self, then: Callable[[], None] | None = None) -> None:
        """Show the search's matches (or the library in the list's order) once read; `then` runs
        after they are shown."""
        if then is not None:
            self.after_list.append(then)
        self.list_reading = True
        self.read_list(self.searching, self.sort)

    @work(thread=True, exclusive=True, group="list", exit_on_error=False, description="read_list")
    def read_list(self, query: str, sort: SortKey) -> None:
        """The matches of `query`, or every summary in `sort` order (thread)."""
        source = self.source
        if query:
            # The one search (`/` and `dateline search`): entity terms from the names index once open.
            result = searching.search(
                source,
                query,
                index=self.names.index if self.names else None,
                read_state=self.reads.state,
                include_muted=self.show_muted,
            )
            by_id = {hit.summary.id: hit for hit in result.hits}
            summaries = [hit.summary for hit in result.hits]
            problem = result.problem or (
                "names not indexed yet: searched as words" if result.names_as_words else ""
            )
            if result.unknown and not problem:
                problem = "no article names " + ", ".join(result.unknown)
            if result.other_kind and not problem:  # `org:Kilkenny`, the club taken for the town
                from tui.names.identity import KIND_WORDS

                problem = "; ".join(
                    f"{name} is known as {KIND_WORDS.get(kind, kind)} here"
                    for name, kind in result.other_kind
                )
            found = ListRead(query, sort, summaries, by_id, result.total, problem)
        else:
            found = ListRead(query, sort, source.summaries(sort), None)
        if self.show_muted:  # shown among the others: each is marked "muted"
            from tui.store.muted import muted_ids

            found.muted = frozenset(muted_ids(source))
        if not get_current_worker().is_cancelled:
            self.post_message(found)

    @on(ListRead)
    def _list_read(self, message: ListRead) -> None:
        if message.query != self.searching or (not message.query and message.sort != self.sort):
            return  # a later key asked for another list: its worker brings it
        self.list_reading = False
        self.search_total = (message.total, message.problem)
        self.articles.set_muted(message.muted)
        self.show_summaries(message.summaries, message.hits)
        waiting, self.after_list = self.after_list, []
        for then in waiting:
            then()

    @property
    def source(self) -> Library:
        """The library as the list reads it: with the muted articles while they are shown."""
        return self.library.including_muted() if self.show_muted else self.library

    def show_summaries(self, summaries: list[Any], hits: dict[str, SearchHit] | None = None) -> None:
        summaries = self._in_feed_view(summaries)
        self._unfiltered, self._unfiltered_hits = summaries, hits
        keep = {self.articles.highlighted_id} - {None} if self._keep_highlighted else set()
        self._keep_highlighted = True
        summaries = self._without_read(summaries, keep)
        self.articles.set_articles(summaries, self.bookmarked_ids(), hits, self._unread_among(summaries))
        self.show_status(len(summaries))

    def _without_read(self, summaries: list[Any], keep: set[Any]) -> list[Any]:
        """`summaries` less the read ones (but those in `keep`) when the list hides them."""
        if not self.hide_read:
            return summaries
        unread = self._unread_among(summaries)
        return [summary for summary in summaries if summary.id in unread or summary.id in keep]

    def toggle_hide_read(self) -> None:
        """Show only unread articles, or all of them again (the list is read again either way)."""
        self.hide_read = not self.hide_read
        self._keep_highlighted = False  # asked for: the read row under the cursor goes too
        self.reload_list()

    def toggle_muted(self) -> None:
        """Show the muted articles too, or leave them out again."""
        self.show_muted = not self.show_muted
        self.reload_list()

    def show_status(self, count: int) -> None:
        status = f"{plural(count, 'article')} · by {self.sort}"
        if self.feed_view is not None:  # the feed's unread count: the feeds screen's, without it
            unread = len(self._unread_among(self._unfiltered))
            status = f"{plural(count, 'article')}, {unread:,} unread · by {self.sort}"
        if self.searching:
            total, problem = self.search_total
            shown = (
                f"{count:,} of {plural(total, 'match')}" if total > count and self.feed_view is None else ""
            )
            status = f"{shown or plural(count, 'match')} for “{self.searching}”"
            if self.saved_view is not None and self.saved_view[1] == self.searching:
                status = f"Saved: {self.saved_view[0]} · {count:,} of {plural(max(total, count), 'article')}"
            status = f"{problem} · {status}" if problem else status
            if self.library.text_pending:  # first: a narrow list cuts the end of the line
                status = f"indexing… · {status}"
        status = self._feed_status(status)
        if self.names_rebuilding:
            status = f"Rebuilding the names index… · {status}"
        # What the switches leave out or add: first, where a narrow list cannot cut it off.
        switched = [("unread only", self.hide_read), ("muted shown", self.show_muted)]
        switches = " · ".join(what for what, on in switched if on)
        self.say(f"{switches} · {status}" if switches else status)
        self._status_is_count = True

    def show_count(self) -> None:
        """The status line for the list as shown (after something else was said there)."""
        self.show_status(len(self.articles.summaries))

    def say(self, text: str, style: str = "dim") -> None:
        """Put `text` in the status line (until the list changes)."""
        self._status_is_count = False
        self.query_one("#list-status", Static).update(Text(text, style=style))

    def bookmarked_ids(self) -> set[str]:
        return {b.article_id for b in self.bookmarks.bookmarks}

    def _unread_among(self, summaries: list[Any]) -> set[str]:
        return self.reads.unread_among(summary.id for summary in summaries)

    def show_unread(self) -> None:
        """The unread marks as the read state says now. Hiding read articles, a row that became
        unread (the read state loaded, an undo) comes back; none goes until the list is read again."""
        articles = self.articles
        if self.hide_read:
            shown = {summary.id for summary in articles.summaries}
            wanted = self._without_read(self._unfiltered, shown)
            if len(wanted) != len(articles.summaries):
                unread = self._unread_among(wanted)
                articles.set_articles(wanted, self.bookmarked_ids(), self._unfiltered_hits, unread)
                self.show_status(len(wanted))
                return
        articles.set_unread(self._unread_among(articles.summaries))
        if self.feed_view is not None and self._status_is_count:
            self.show_count()  # its unread count

    def next_sort(self) -> None:
        """Cycle the list's order: date, title, source."""
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        if not self.searching:
            self.reload_list()
        self.notify(f"Sorted by {self.sort}.", timeout=2)

    # ----- the search ---------------------------------------------------------------------------
    def open_search(self) -> None:
        """Show the search box above the list and focus it."""
        search = self.query_one("#search", Input)
        search.display = True
        self.screen.set_focus(search)  # now, not via call_later: see the "/" binding

    def close_search(self) -> bool:
        """Esc: close the search box if it is open and in use (False when it was not)."""
        search = self.query_one("#search", Input)
        if not (search.display and (search.has_focus or self.searching)):
            return False
        search.value = ""
        search.display = False
        self.searching = ""
        self.saved_view = None  # closed with it: the same query typed later is a plain search
        self.reload_list()
        self.articles.focus()
        return True

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.searching = event.value.strip()
        self.reload_list()
        if self.names is None and _NAME_TERM.search(self.searching):  # searched again once open
            self.post_message(NamesNeeded(lambda _names: self.reload_list() if self.searching else None))

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        """Enter in the search box opens the first result (the list keeps the focus after); typed
        right after the last letter, once its matches are read."""
        articles = self.articles
        articles.focus()

        def open_first() -> None:
            if self.searching and articles.summaries:
                articles.highlighted = 0
                # Posted by the pane: a message the list posted here would stop at the pane, its
                # sender (Textual does not bubble a message up past the node that sent it).
                self.post_message(ArticleList.Opened(articles.summaries[0].id))

        if self.list_reading:
            self.after_list.append(open_first)
        else:
            open_first()

    def show_saved(self, name: str, query: str) -> None:
        """The articles of the saved search `name`: a search of its query, named in the status line
        ("Saved: Ports · 12 of 12 articles") until the query is changed; Esc closes it."""
        self.feed_view, self.feed_view_title = None, ""
        self.saved_view = (name, query)
        search = self.query_one("#search", Input)
        search.display = True
        if search.value == query:
            self.reload_list()
        search.value = query  # Input.Changed searches it (opening the names for `person:` terms)
        self.articles.focus()

    # ----- one feed -----------------------------------------------------------------------------
    def enter_feed_view(self, url: str, title: str) -> None:
        """Show only the feed `url`'s articles (until Esc)."""
        self.feed_view, self.feed_view_title = url, title
        articles = self.articles
        articles.focus()

        def highlight_first() -> None:
            articles.highlighted = 0 if articles.summaries else None

        self.reload_list(highlight_first)

    def leave_feed_view(self) -> bool:
        """Esc in a feed's view: back to the whole library (False when there is no feed view)."""
        if self.feed_view is None:
            return False
        self.feed_view, self.feed_view_title = None, ""
        self.reload_list()
        self.articles.focus()
        return True

    def _in_feed_view(self, summaries: list[Any]) -> list[Any]:
        if self.feed_view is None:
            return summaries
        return [summary for summary in summaries if summary.feed == self.feed_view]

    def _feed_status(self, status: str) -> str:
        if self.feed_view is None:
            return status
        return f"{self.feed_view_title}: {status} · Esc: all articles"  # the feed first: narrow panes

    # ----- stories ------------------------------------------------------------------------------
    def set_name_marks(self, followed_ids: set[str]) -> None:
        """Mark the articles that name a followed name (and keep the story lines)."""
        self.followed_ids = followed_ids
        self.articles.set_name_marks(followed_ids, self.story_lines)

    def toggle_stories(self) -> None:
        """g: group the list by story (articles about one event, from several sources); g again: back."""
        if self.story_lines is not None:
            self.story_lines = None
            if not self.searching:
                self.reload_list()
            self.articles.set_name_marks(self.followed_ids)
            self.notify("The list is no longer grouped by story.", timeout=2)
            return
        if self.searching:
            self.notify("Close the search (Esc) first: g groups the whole list by story.", timeout=4)
            return
        self.notify("Grouping by story…", timeout=3)
        self.post_message(NamesNeeded(self.find_stories))

    @work(thread=True, exclusive=True, group="stories", exit_on_error=False)
    def find_stories(self, names: Names) -> None:
        """Bring the names index up to date and list the stories (thread)."""
        from tui.names.service import NoModel

        worker = get_current_worker()
        try:
            queue_of(self.app).prepare(names, lambda: worker.is_cancelled)
        except NoModel as exc:
            self.post_message(StoriesFound([], str(exc), []))
            return
        if not worker.is_cancelled:
            self.post_message(StoriesFound(names.index.stories(), None, self.library.summaries(self.sort)))

    @on(StoriesFound)
    def _stories_found(self, message: StoriesFound) -> None:
        if message.problem:
            self.notify(f"No stories: {message.problem}", severity="warning", timeout=8)
            return
        summaries = message.summaries
        by_id = {summary.id: summary for summary in summaries}
        ordered: list[ArticleSummary] = []
        lines: dict[str, str] = {}
        for number, story in enumerate(message.stories, start=1):
            for article_id in story.articles:
                if article_id in by_id and article_id not in lines:
                    ordered.append(by_id[article_id])
                    lines[article_id] = f"story {number} · {plural(story.sources, 'source')}"
        ordered.extend(summary for summary in summaries if summary.id not in lines)
        self.story_lines = lines
        self.show_summaries(ordered)
        self.articles.set_name_marks(self.followed_ids, lines)
        self.say(f"{plural(len(message.stories), 'story', 'stories')} · g: back to the list")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker of this pane failed: put its state right, then log it and tell the user."""
        if event.state is not WorkerState.ERROR:
            return
        if event.worker.group == "list":  # the search failed: the next key searches again; Enter
            # waits for none
            self.list_reading, self.after_list = False, []
        report_failed_worker(self.app, event.worker)
