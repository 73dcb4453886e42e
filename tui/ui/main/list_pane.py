"""The list pane of the main screen: the search box, the article list and its status line, the
one-feed view and the story view; it owns the library worker (indexing the files, then the list).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from tui.core.lazy import lazy_module
from tui.core.text import plural
from tui.store.library import ArticleSummary, SearchHit, SortKey
from tui.ui.analysis_queue import queue_of
from tui.ui.main.base import SORTS, MainBase
from tui.ui.messages import LibraryLoaded, LibraryProgress, ListRead, StoriesFound, TextIndexed
from tui.ui.widgets.article_list import ArticleList

if TYPE_CHECKING:
    from tui.names import search as searching
    from tui.names.service import Names
else:  # the one search (`/` and `dateline search`): its names index is not needed for the first frame
    searching = lazy_module("tui.names.search")

# A query naming a name (`person:` … or `ent:`): the names index is opened for it.
_NAME_TERM = re.compile(r"(?<![\w:])-?(?:person|org|place|name|ent):", re.IGNORECASE)


class ListPane(MainBase):
    """The list: what it shows (the library, a search, a feed, the stories) and in which order."""

    # How many articles the search shown matches (the list holds the first ones), and why its
    # query could not be understood: the status line says "50 of 312 matches".
    _search_total: tuple[int, str] = (0, "")

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
            summaries = self.library.summaries(self.sort)
            self.post_message(LibraryLoaded(summaries, list(self.library.rejected)))
        if self.library.text_pending and self.library.index_pending_text(lambda: worker.is_cancelled):
            self.post_message(TextIndexed())

    @on(TextIndexed)
    def _text_indexed(self, message: TextIndexed) -> None:
        if self._searching:  # its matches so far missed the text that was still being indexed
            self._reload_list()

    # ----- what the list shows: read in the "list" worker, never on the UI thread ---------------
    # A full-text search at 10,000 articles, or making 10,000 summaries (~20 ms), would hold the
    # keys; a key only says what to show and starts the worker, whose answer replaces the list
    # unless a later key asked for something else meanwhile.

    def _reload_list(self, then: Callable[[], None] | None = None) -> None:
        """Show the search's matches (or the library in the list's order) once read; `then` runs
        after they are shown."""
        if then is not None:
            self._after_list.append(then)
        self._list_reading = True
        self.read_list(self._searching, self.sort)

    @work(thread=True, exclusive=True, group="list", exit_on_error=False, description="read_list")
    def read_list(self, query: str, sort: SortKey) -> None:
        """The matches of `query`, or every summary in `sort` order (thread)."""
        if query:
            # The one search (`/` and `dateline search`): entity terms from the names index once open.
            result = searching.search(
                self.library,
                query,
                index=self.names.index if self.names else None,
                read_state=self.reads.state,
            )
            by_id = {hit.summary.id: hit for hit in result.hits}
            summaries = [hit.summary for hit in result.hits]
            problem = result.problem or (
                "names not indexed yet: searched as words" if result.names_as_words else ""
            )
            if result.unknown and not problem:
                problem = "no article names " + ", ".join(result.unknown)
            found = ListRead(query, sort, summaries, by_id, result.total, problem)
        else:
            found = ListRead(query, sort, self.library.summaries(sort), None)
        if not get_current_worker().is_cancelled:
            self.post_message(found)

    @on(ListRead)
    def _list_read(self, message: ListRead) -> None:
        if message.query != self._searching or (not message.query and message.sort != self.sort):
            return  # a later key asked for another list: its worker brings it
        self._list_reading = False
        self._search_total = (message.total, message.problem)
        self._show_summaries(message.summaries, message.hits)
        waiting, self._after_list = self._after_list, []
        for then in waiting:
            then()

    @on(LibraryProgress)
    def _library_progress(self, message: LibraryProgress) -> None:
        status = self.query_one("#list-status", Static)
        status.update(Text(f"Indexing {message.done:,}/{plural(message.total, 'file')}…"))

    @on(LibraryLoaded)
    def _library_loaded(self, message: LibraryLoaded) -> None:
        unchanged = message.summaries == self.query_one(ArticleList).summaries
        if not self._searching and not unchanged:
            self._show_summaries(message.summaries)
        elif not self._searching:
            self._show_status(len(message.summaries))
        for path, reason in message.rejected[:3]:
            self.notify(f"Skipped {path}: {reason}", severity="warning", timeout=8)
        if len(message.rejected) > 3:
            self.notify(f"{plural(len(message.rejected) - 3, 'more file')} skipped.", severity="warning")
        if not self.analyzer.loaded:
            self.load_model()
        if self._announce_after_indexing:
            new_ids, self._announce_after_indexing = self._announce_after_indexing, []
            self.announce_new_articles(new_ids)
        if self.article is None and message.summaries:
            self.open_article(message.summaries[0].id, chosen=False)  # shown, not read: stays unread

    def _show_summaries(self, summaries: list[Any], hits: dict[str, SearchHit] | None = None) -> None:
        summaries = self._in_feed_view(summaries)
        articles = self.query_one(ArticleList)
        articles.set_articles(summaries, self._bookmarked_ids(), hits, self._unread_among(summaries))
        self._show_status(len(summaries))

    def _show_status(self, count: int) -> None:
        status = f"{plural(count, 'article')} · by {self.sort}"
        if self._searching:
            total, problem = self._search_total
            shown = (
                f"{count:,} of {plural(total, 'match')}" if total > count and self.feed_view is None else ""
            )
            status = f"{shown or plural(count, 'match')} for “{self._searching}”"
            status = f"{problem} · {status}" if problem else status
            if self.library.text_pending:  # first: a narrow list cuts the end of the line
                status = f"indexing… · {status}"
        status = self._feed_status(status)
        if self._names_rebuilding:
            status = f"Rebuilding the names index… · {status}"
        self.query_one("#list-status", Static).update(Text(status, style="dim"))

    def _bookmarked_ids(self) -> set[str]:
        return {b.article_id for b in self.bookmarks.bookmarks}

    def action_sort(self) -> None:
        """Cycle the list's order: date, title, source."""
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        if not self._searching:
            self._reload_list()
        self.notify(f"Sorted by {self.sort}.", timeout=2)
        self._changed()

    def action_search(self) -> None:
        """Open the search box above the list."""
        self.remove_class("-reading")
        search = self.query_one("#search", Input)
        search.display = True
        self.set_focus(search)  # now, not via call_later: see the "/" binding

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self._searching = event.value.strip()
        self._reload_list()
        if self.names is None and _NAME_TERM.search(self._searching):  # searched again once open
            self._with_names(lambda _names: self._reload_list() if self._searching else None)

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        """Enter in the search box opens the first result (the list keeps the focus after); typed
        right after the last letter, once its matches are read."""
        articles = self.query_one(ArticleList)
        articles.focus()

        def open_first() -> None:
            if self._searching and articles.summaries:
                articles.highlighted = 0
                articles.action_select()

        if self._list_reading:
            self._after_list.append(open_first)
        else:
            open_first()

    def _enter_feed_view(self, url: str, title: str) -> None:
        self.feed_view, self.feed_view_title = url, title
        self.remove_class("-reading")
        articles = self.query_one(ArticleList)
        articles.focus()

        def highlight_first() -> None:
            articles.highlighted = 0 if articles.summaries else None

        self._reload_list(highlight_first)

    def _leave_feed_view(self) -> bool:
        """Esc in a feed's view: back to the whole library (False when there is no feed view)."""
        if self.feed_view is None:
            return False
        self.feed_view, self.feed_view_title = None, ""
        self._reload_list()
        self.query_one(ArticleList).focus()
        return True

    def _in_feed_view(self, summaries: list[Any]) -> list[Any]:
        if self.feed_view is None:
            return summaries
        return [summary for summary in summaries if summary.feed == self.feed_view]

    def _feed_status(self, status: str) -> str:
        if self.feed_view is None:
            return status
        return f"{self.feed_view_title}: {status} · Esc: all articles"  # the feed first: narrow panes

    def action_group_stories(self) -> None:
        """g: group the list by story (articles about one event, from several sources); g again: back."""
        if self._story_lines is not None:
            self._story_lines = None
            if not self._searching:
                self._reload_list()
            self.query_one(ArticleList).set_name_marks(self._followed_ids)
            self.notify("The list is no longer grouped by story.", timeout=2)
            return
        if self._searching:
            self.notify("Close the search (Esc) first: g groups the whole list by story.", timeout=4)
            return
        self.notify("Grouping by story…", timeout=3)
        self._with_names(self.find_stories)

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
        self._story_lines = lines
        self._show_summaries(ordered)
        self.query_one(ArticleList).set_name_marks(self._followed_ids, lines)
        self.query_one("#list-status", Static).update(
            Text(f"{plural(len(message.stories), 'story', 'stories')} · g: back to the list", style="dim")
        )
