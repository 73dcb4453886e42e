"""The main screen: the article list, the reader and the facts sidebar, with their keys and workers.

The app hands it the library, the analyzer, the bookmarks and the settings (attributes down); it
posts `MainScreen.StateChanged` when the user changes something worth remembering (messages up).
"""

from __future__ import annotations

import gc
import logging
import os
import re
import time
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize, ScreenResume
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Input, Static
from textual.worker import Worker, WorkerState, get_current_worker

from tui.analysis.model import Analyzer, plain_analysis
from tui.analysis.types import (
    NAMED_KINDS,
    Analysis,
    Entity,
    Fact,
    FactKind,
    is_named,
    is_quantity,
    is_statement,
)
from tui.core.article import Article
from tui.core.labels import LABEL_GROUPS, group_of
from tui.core.lazy import lazy_module
from tui.core.text import plural
from tui.output.render import Palette
from tui.store.bookmarks import BookmarkError, BookmarkStore
from tui.store.library import ArticleSummary, Library, SearchHit, SortKey
from tui.store.paths import cache_dir
from tui.store.readstate import ReadState
from tui.store.state import UiState
from tui.ui.glyphs import current as current_glyphs
from tui.ui.layout import MIN_HEIGHT, MIN_WIDTH, NARROW_WIDTH, TINY_WIDTH, TOO_SMALL
from tui.ui.screens.feeds import (
    FeedsProgress,
    FeedsRefreshed,
    FeedsScreen,
    refresh_in_worker,
    refresh_summary,
)
from tui.ui.threads import report_failed_worker
from tui.ui.widgets.article_list import ArticleList
from tui.ui.widgets.facts_sidebar import FactsSidebar
from tui.ui.widgets.reader import ArticleView

_log = logging.getLogger("dateline.ui")

if TYPE_CHECKING:
    from tui.names import search as searching
    from tui.names.service import Names
else:  # the one search (`/` and `dateline search`): its names index is not needed for the first frame
    searching = lazy_module("tui.names.search")


SORTS: tuple[SortKey, ...] = ("date", "title", "source")
GROUP_NAMES = tuple(LABEL_GROUPS)


# Messages the screen's workers post back to the UI thread (sender and receiver are this screen).


class LibraryLoaded(Message):
    """The library was refreshed from disk."""

    def __init__(self, summaries: list[ArticleSummary], rejected: list[tuple[str, str]]) -> None:
        super().__init__()
        self.summaries = summaries
        self.rejected = rejected


class TextIndexed(Message):
    """The text of the big files listed last is in the full-text index now."""


class LibraryProgress(Message):
    """Files indexed so far."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


class ArticleLoaded(Message):
    """An article was read from its file (or could not be: `error`)."""

    def __init__(
        self,
        article_id: str,
        article: Article | None,
        error: str = "",
        analysis: Analysis | None = None,
    ) -> None:
        super().__init__()
        self.article_id = article_id
        self.article = article
        self.error = error
        self.analysis = analysis  # from the cache, when it had one


class ModelReady(Message):
    """The language model finished loading, or there is none (`loaded` False)."""

    def __init__(self, loaded: bool, status: str) -> None:
        super().__init__()
        self.loaded = loaded
        self.status = status


class AnalysisReady(Message):
    """Entities and facts for an article."""

    def __init__(self, analysis: Analysis) -> None:
        super().__init__()
        self.analysis = analysis


# Messages of the names workers (issue 12: follow a name, stories, corrections).


class NamesOpened(Message):
    """The names (index, follows, corrections) are open; `rebuild`: their index must be rebuilt
    (the cache dir was deleted while names are followed)."""

    def __init__(self, names: Names, rebuild: bool = False) -> None:
        super().__init__()
        self.names = names
        self.rebuild = rebuild


class NamesMarks(Message):
    """What the names say about the list and the open article: the articles naming a followed
    name, the spellings of followed names in `article_id`, its analysis with the library's labels
    (None: unchanged), and what stopped the index being brought up to date."""

    def __init__(
        self,
        followed_ids: set[str],
        article_id: str | None,
        texts: frozenset[str],
        analysis: Analysis | None,
        problem: str | None,
        prepared: bool = False,
    ) -> None:
        super().__init__()
        self.prepared = prepared  # the index was brought up to date first
        self.followed_ids = followed_ids
        self.article_id = article_id
        self.texts = texts
        self.analysis = analysis
        self.problem = problem


class StoriesFound(Message):
    """The library's stories, newest first (or why there are none: `problem`)."""

    def __init__(self, stories: list[Any], problem: str | None) -> None:
        super().__init__()
        self.stories = stories
        self.problem = problem


class NewArticleLines(Message):
    """What to say about the followed names the newly fetched articles name."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__()
        self.lines = lines


ReadChange = tuple[tuple[str, ...], bool] | None  # (ids, read), or None: reload from disk


class ReadStateWritten(Message):
    """The read-state worker finished its changes; `notes` are problems to tell the user, `failed`
    the changes not written (the first that failed and those after it, in order), to retry."""

    def __init__(self, notes: list[str], failed: list[ReadChange] | None = None) -> None:
        super().__init__()
        self.notes = notes
        self.failed = failed or []


class MainScreen(Screen[None]):
    """Article list, reading pane with highlighted entities, facts sidebar."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # q and ? are the app's too (every screen has them); listed here first so the footer keeps
        # its order: Quit, Keys, Search, Bookmark, Facts, Sort.
        Binding("q", "app.quit", "Quit"),
        Binding("question_mark", "app.help", "Keys"),
        # A priority binding runs as the key arrives, so letters typed right after "/" (one read
        # over SSH) already go to the search box; check_action lets "/" through to inputs.
        Binding("slash", "search", "Search", priority=True),
        Binding("b", "bookmark", "Bookmark"),
        # Priority too: the letters typed right after "B" must reach the bookmarks filter.
        Binding("B", "bookmarks", "Bookmarks", show=False, priority=True),
        Binding("f", "toggle_facts", "Facts"),
        Binding("s", "sort", "Sort"),
        Binding("e", "export", "Export", show=False),
        Binding("o", "open_link", "Open link", show=False),
        Binding("n", "mention(1)", "Next mention", show=False),
        Binding("N", "mention(-1)", "Previous mention", show=False),
        Binding("left_square_bracket", "part(-1)", "Previous part", show=False),
        Binding("right_square_bracket", "part(1)", "Next part", show=False),
        Binding("escape", "back", "Back", show=False),
        # Feeds (issue 11): none waits for the network; refreshes and read-state writes are workers.
        Binding("F", "feeds", "Feeds", show=False),
        Binding("r", "refresh_feeds", "Refresh", show=False),
        Binding("u", "toggle_unread", "Unread", show=False),
        Binding("A", "mark_view_read", "All read", show=False),
        *(
            Binding(str(n), f"toggle_group({n - 1})", f"Toggle {name}", show=False)
            for n, name in enumerate(GROUP_NAMES, start=1)
        ),
        # Names (issue 12): follow the fact under the cursor, the Following screen, who is in the
        # news, correct a name, group the list by story.
        Binding("w", "follow", "Follow", show=False),
        Binding("W", "following", "Following", show=False),
        Binding("I", "in_the_news", "In the news", show=False),
        Binding("c", "correct_name", "Correct name", show=False),
        Binding("g", "group_stories", "Stories", show=False),
    ]

    class Started(Message):
        """The first frame is drawn, the panes are mounted and the workers started."""

    class StateChanged(Message):
        """The user changed something the app remembers (sort, hidden groups, facts pane)."""

        def __init__(self, state: UiState) -> None:
            super().__init__()
            self.state = state

    def __init__(
        self,
        library: Library,
        analyzer: Analyzer,
        bookmarks: BookmarkStore,
        palette: Palette,
        state: UiState,
        *,
        refresh_minutes: int = 0,
    ) -> None:
        super().__init__()
        self._init_feeds(refresh_minutes)
        self.library = library
        self.analyzer = analyzer
        self.bookmarks = bookmarks
        self.palette = palette
        self.article: Article | None = None
        self.sort: SortKey = state.sort
        self.hidden_groups: set[str] = set(state.hidden_groups or ())
        self.hide_facts = state.hide_facts
        self.mentions: list[Entity] = []
        self.mention_index = -1
        self._announce_after_indexing: list[str] = []
        self._searching = ""
        self.model_status = "loading model…"
        # Names (issue 12): opened in a worker on first use; see the names section below.
        self.names: Names | None = None
        self._after_names: list[Any] = []
        self._followed_ids: set[str] = set()
        self._names_rebuilding = False  # the status line says so (issue 18: the cache dir deleted)
        self._story_lines: dict[str, str] | None = None  # grouped by story when not None
        self._pending_offset: tuple[str, int] | None = None
        self._list_to_come = False  # the first frame listed a screenful: the rest comes after it

    @property
    def state(self) -> UiState:
        """What this screen would like remembered."""
        return UiState(sort=self.sort, hidden_groups=set(self.hidden_groups), hide_facts=self.hide_facts)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """"/" and "B" never act while typing in a text box (they are priority bindings)."""
        if action in ("search", "bookmarks"):
            return not isinstance(self.focused, Input)
        return True

    # ----- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """The header, the list with its status line, the footer; and the search box, the reader
        and the facts pane, unless they come right after the first frame (`_panes_after_frame`)."""
        self._panes_later = self._panes_after_frame()
        yield Header(icon=current_glyphs().header_icon)
        with Horizontal(id="main"):
            with Vertical(id="list-pane"):
                if not self._panes_later:
                    yield self._search_box()
                yield ArticleList(id="articles")
                yield Static(Text("Loading library…"), id="list-status")
            if not self._panes_later:
                yield from self._side_panes()
        yield Static(
            Text(TOO_SMALL, justify="center"),
            id="too-small",
        )
        yield Footer()

    def _panes_after_frame(self) -> bool:
        """Whether the first frame leaves out the search box, the reader and the facts pane: about
        20 widgets whose building, styling and layout the list would otherwise wait for. They fill
        the space right of the list (the search box is hidden), so nothing drawn moves when they
        come. Under a headless driver (tests, screenshots) there is no frame to hurry: all at once.
        """
        if self.PANES_AFTER_FIRST_FRAME is not None:
            return self.PANES_AFTER_FIRST_FRAME
        return not self.app.is_headless

    PANES_AFTER_FIRST_FRAME: ClassVar[bool | None] = None  # None: when drawing to a terminal

    @staticmethod
    def _search_box() -> Input:
        search = Input(placeholder="Search titles and text…", id="search")
        search.display = False
        return search

    @staticmethod
    def _side_panes() -> list[Widget]:
        facts_title = Static(Text("Facts", style="bold"), id="facts-title")
        return [ArticleView(id="reader"), Vertical(facts_title, FactsSidebar(id="facts"), id="facts-pane")]

    async def _mount_panes(self) -> None:
        """The whole list and the panes the first frame left out; then the workers (their messages
        update them)."""
        if self._list_to_come:
            self._list_to_come = False
            self._show_summaries(self.library.summaries(self.sort))
        await self.query_one("#list-pane").mount(self._search_box(), before=0)
        await self.query_one("#main").mount_all(self._side_panes())
        self._fill_panes()
        self._start_workers()

    def _fill_panes(self) -> None:
        self.query_one(FactsSidebar).show_message("Open an article to see its facts.")
        self._apply_palette()

    def on_mount(self) -> None:
        self.sub_title = self.model_status
        self.set_class(self.hide_facts, "-hide-facts")
        if not self._panes_later:
            self._fill_panes()
        # The index answers at once; the worker below then brings it up to date with the files.
        # On a terminal the first frame shows a screenful and the count; the rest comes right after
        # it (`_mount_panes`), before any key is handled.
        if self._panes_later:
            summaries, count, feeds = self.library.first_summaries(self.sort, self.app.size.height)
            self._list_to_come = count > len(summaries)
            if summaries:
                articles = self.query_one(ArticleList)
                marks = self._bookmarked_ids(), None, self._unread_among(summaries)
                articles.set_articles(summaries, *marks, total=count, feeds=feeds)
                self._show_status(count)
        else:
            summaries = self.library.summaries(self.sort)
            if summaries:
                self._show_summaries(summaries)
        if self.library.index_problem:
            self.notify(f"Search index: {self.library.index_problem}", severity="warning", timeout=10)
        self.query_one(ArticleList).focus()
        self._layout_for(self.app.size.width, self.app.size.height)
        # The other panes (if left out) and both workers come after the first frame (the workers'
        # threads would compete with it for the GIL). The mount runs on the app's queue, so that a
        # key pressed meanwhile waits for the panes it may act on.
        if self._panes_later:
            self.call_after_refresh(self.app.call_next, self._mount_panes)
        else:
            self.call_after_refresh(self._start_workers)

    def _start_workers(self) -> None:
        self.post_message(self.Started())
        self._start_feeds()
        self.refresh_library()
        if self.analyzer.loaded:
            self.load_model()  # already loaded: just report it
        # Otherwise the model loads once the library is indexed (`_library_loaded`): two busy
        # threads share one GIL, and a big new file's list would show twice as late.

    def _apply_palette(self) -> None:
        self.query_one(ArticleView).set_display(self.palette, self.hidden_groups)

    def on_resize(self, event: Resize) -> None:
        self._layout_for(event.size.width, event.size.height)

    def on_screen_resume(self, event: ScreenResume) -> None:
        self._layout_for(self.app.size.width, self.app.size.height)  # resized under a dialog

    def _layout_for(self, width: int, height: int) -> None:
        self.set_class(width < NARROW_WIDTH, "-narrow")
        self.set_class(width < TINY_WIDTH, "-tiny")
        self.set_class(width < MIN_WIDTH or height < MIN_HEIGHT, "-too-small")

    def _changed(self) -> None:
        self.post_message(self.StateChanged(self.state))

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
            hits = searching.search(
                self.library,
                self._searching,
                index=self.names.index if self.names else None,
                read_state=self.read_state,
            ).hits
            self._show_summaries([hit.summary for hit in hits], {hit.summary.id: hit for hit in hits})

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
            status = f"{plural(count, 'match')} for “{self._searching}”"
            if self.library.text_pending:  # first: a narrow list cuts the end of the line
                status = f"indexing… · {status}"
        status = self._feed_status(status)
        if self._names_rebuilding:
            status = f"Rebuilding the names index… · {status}"
        self.query_one("#list-status", Static).update(Text(status, style="dim"))

    def _bookmarked_ids(self) -> set[str]:
        return {b.article_id for b in self.bookmarks.bookmarks}

    # ----- opening and analysing ----------------------------------------------------------------
    @on(ArticleList.Opened)
    def _article_chosen(self, message: ArticleList.Opened) -> None:
        self.open_article(message.article_id)
        self._start_reading()

    def _start_reading(self) -> None:
        """On a tiny terminal the article takes the list's place."""
        if self.has_class("-tiny"):
            self.add_class("-reading")
            self.query_one("#article-scroll").focus()

    def open_article(self, article_id: str, *, chosen: bool = True) -> None:
        """Read an article in a worker; it is shown when `ArticleLoaded` arrives.

        An article the user chose (from the list, bookmarks, mentions or a timeline) is marked read;
        the one opened by itself at start is not."""
        if chosen and self._is_unread(article_id):
            self._mark([article_id], read=True)
        self.load_article(article_id)

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def load_article(self, article_id: str) -> None:
        """Read an article from its file (thread)."""
        try:
            article = self.library.get(article_id)
        except Exception as exc:  # a file that vanished or broke must not end the app
            self.post_message(ArticleLoaded(article_id, None, str(exc)))
            return
        if article is None:
            self.post_message(ArticleLoaded(article_id, None, "the article's file is gone"))
        elif not get_current_worker().is_cancelled:
            cached = self.analyzer.cached(article)  # a SQLite read: here, not on the UI thread
            self.post_message(ArticleLoaded(article_id, article, analysis=cached))

    @on(ArticleLoaded)
    def _article_loaded(self, message: ArticleLoaded) -> None:
        if message.article is None:
            self.notify(f"Could not open the article: {message.error}", severity="error")
            return
        article = message.article
        self.article = article
        self.mentions, self.mention_index = [], -1
        self.sub_title = self.model_status
        self.query_one(ArticleView).show_article(article, message.analysis)
        self._go_to_pending_offset()
        if message.analysis is not None:
            self._show_analysis(message.analysis)
        else:
            self.query_one(FactsSidebar).show_message("Finding facts…")
            self.analyze_article(article)

    @work(thread=True, exclusive=True, group="model", exit_on_error=False)
    def load_model(self) -> None:
        """Load spaCy after the first frame (thread)."""
        model = self.analyzer.ensure_model()
        self.post_message(ModelReady(model is not None, self.analyzer.status))

    @on(ModelReady)
    def _model_ready(self, message: ModelReady) -> None:
        if message.loaded:
            # The model's objects live as long as the app: left to the cyclic garbage collector,
            # every full collection walked them all (about 70 ms on the UI thread, every few
            # articles opened). Frozen, a collection walks only what was made since.
            gc.freeze()
        self.model_status = message.status if message.loaded else "no language model"
        self.sub_title = self.model_status
        if not message.loaded:
            self.notify(message.status, title="No language model", severity="warning", timeout=15)

    # A description: Textual would name the worker by repr() of its arguments on the UI thread,
    # which is a copy of a 25 MB body (0.3 s during which no key is answered).
    @work(thread=True, exclusive=True, group="nlp", exit_on_error=False, description="analyze_article")
    def analyze_article(self, article: Article) -> None:
        """Find entities and facts (thread); posts `AnalysisReady`."""
        worker = get_current_worker()
        analysis = self.analyzer.analyze(article, cancelled=lambda: worker.is_cancelled, store=False)
        if analysis is not None:
            if not worker.is_cancelled:
                self.post_message(AnalysisReady(analysis))
            self.analyzer.store(analysis)  # after the highlighting is on its way

    @on(AnalysisReady)
    def _analysis_ready(self, message: AnalysisReady) -> None:
        self._show_analysis(message.analysis)

    def _show_analysis(self, analysis: Any) -> None:
        if self.article is None or analysis.article_id != self.article.id:
            return
        self.query_one(ArticleView).show_analysis(analysis)
        sidebar = self.query_one(FactsSidebar)
        if analysis.model is None:
            sidebar.show_message("No facts: no language model is installed (see the note).")
        else:
            sidebar.show_facts(analysis.facts)
        self._names_for_article(analysis)

    # ----- facts and mentions -------------------------------------------------------------------
    @on(FactsSidebar.FactHighlighted)
    def _fact_highlighted(self, message: FactsSidebar.FactHighlighted) -> None:
        self.mentions = self._mentions_of(message.kind, message.fact)
        self.mention_index = -1
        self.action_mention(1)

    @on(FactsSidebar.FactChosen)
    def _fact_chosen(self, message: FactsSidebar.FactChosen) -> None:
        """Enter on a fact: every article in the library that mentions it."""
        if message.kind not in NAMED_KINDS or not is_named(message.fact):
            self.notify("People, organisations, places and dates can be looked up.", timeout=3)
            return
        from tui.ui.screens.mentions import MentionsScreen  # the dialogs load when first opened

        current = self.article.id if self.article is not None else None
        screen = MentionsScreen(message.kind, message.fact, self.library, self.analyzer, current)
        self.app.push_screen(screen, self._mention_chosen)

    def _mention_chosen(self, article_id: str | None) -> None:
        """Back from the mentions screen: open the chosen article."""
        if article_id:
            self.open_article(article_id)

    def _mentions_of(self, kind: FactKind, fact: Fact) -> list[Entity]:
        reader = self.query_one(ArticleView)
        if kind in ("quantities", "statements") or not is_named(fact):
            text = fact["sentence"] if is_statement(fact) else fact["text"] if is_quantity(fact) else ""
            start = fact.get("first", -1)
            if start < 0 or reader.article is None:
                return []
            return [Entity(start, min(start + len(text), len(reader.article.body)), "", text)]
        names = {fact["name"], *fact["variants"]}
        group = group_of(fact["label"]) if fact["label"] else None
        return [
            e
            for e in reader.entities
            if e.text in names and (group is None or group_of(e.label) == group)
        ]

    def action_mention(self, step: int) -> None:
        """Jump to the next (1) or previous (-1) mention of the chosen fact."""
        if not self.mentions:
            self.notify("Choose a fact in the sidebar first (Tab to it).", timeout=3)
            return
        self.mention_index = (self.mention_index + step) % len(self.mentions)
        self.query_one(ArticleView).focus_mention(self.mentions[self.mention_index])
        self.sub_title = f"mention {self.mention_index + 1} of {len(self.mentions)}"

    # ----- actions ------------------------------------------------------------------------------
    def action_bookmark(self) -> None:
        """Bookmark or un-bookmark the open article."""
        if self.article is None:
            self.notify("Open an article first.", severity="warning")
            return
        try:
            added = self.bookmarks.toggle(self.article.id, self.article.title, self.article.source)
        except BookmarkError as exc:
            added = self.bookmarks.is_bookmarked(self.article.id)
            self.notify(str(exc), title="Bookmarks", severity="error", timeout=10)
        else:
            self.notify("Bookmarked." if added else "Bookmark removed.", timeout=2)
        for note in self.bookmarks.take_messages():
            self.notify(note, title="Bookmarks", severity="warning", timeout=10)
        self.query_one(ArticleList).set_bookmarked(self._bookmarked_ids())

    def action_bookmarks(self) -> None:
        """The bookmarks screen."""
        from tui.ui.screens.bookmarks import BookmarksScreen

        self.app.push_screen(BookmarksScreen(self.bookmarks, self.library), self._bookmark_chosen)

    def _bookmark_chosen(self, article_id: str | None) -> None:
        """Back from the bookmarks screen: open the chosen article, refresh the list's marks."""
        articles = self.query_one(ArticleList)
        articles.set_bookmarked(self._bookmarked_ids())
        if article_id:
            self.open_article(article_id)
            articles.select_id(article_id)
            self._start_reading()

    def action_export(self) -> None:
        """Export the open article: choose a format, then where to write it."""
        if self.article is None:
            self.notify("Open an article first.", severity="warning")
            return
        from tui.ui.screens.export import ExportScreen

        self.app.push_screen(ExportScreen(), self._export_format_chosen)

    def _export_format_chosen(self, fmt: str | None) -> None:
        if fmt is None or self.article is None:
            return
        from tui.output.export import export
        from tui.store.atomic import write_new_file
        from tui.ui.screens.export import export_folder, export_target, extension
        from tui.ui.screens.prompt import TextPrompt

        article = self.article
        name = f"{slug(article.title)}-{article.id}.{extension(fmt)}"
        default = export_folder() / name
        reader = self.query_one(ArticleView)
        analysis = reader.analysis if reader.analysis is not None else plain_analysis(article, "")

        def write(answer: str) -> str | None:
            """Write the export; the error to show in the dialog, or None when it is written."""
            path = export_target(answer, name)
            try:
                write_new_file(path, export(article, analysis, fmt))
            except FileExistsError:
                return f"{path} exists; nothing was written. Choose another name."
            except OSError as exc:
                return f"Could not write {path}: {exc.strerror or exc}"
            self.notify(f"Exported to {path}", title="Export", timeout=10)
            return None

        prompt = TextPrompt(
            f"Export as {fmt} to",
            str(default),
            hint="Enter writes it (a folder: into it; never over a file) · Esc cancels",
            check=write,
        )
        self.app.push_screen(prompt)

    def action_open_link(self) -> None:
        """Open the article's web link; over SSH copy it to the local clipboard (OSC 52) instead."""
        from tui.output.links import open_url_action, safe_url

        url = safe_url(self.article.url if self.article else None)
        if url is None:
            self.notify("This article has no web link.", severity="warning")
            return
        if open_url_action(url, os.environ) == "osc52":
            self.app.copy_to_clipboard(url)
            self.notify(f"Link copied to your clipboard: {url}", title="Link", timeout=10)
        else:
            self.notify(f"Opening {url}", title="Link", timeout=5)
            import webbrowser  # only here: it costs 15 ms at start-up

            self.run_worker(lambda: webbrowser.open(url), thread=True, exit_on_error=False)

    def action_toggle_facts(self) -> None:
        """Show or hide the facts sidebar (it folds away on narrow terminals)."""
        if self.has_class("-narrow"):
            self.toggle_class("-show-facts")
        else:
            self.toggle_class("-hide-facts")
            self.hide_facts = self.has_class("-hide-facts")
            self._changed()
        sidebar = self.query_one(FactsSidebar)
        shown = bool(self.query_one("#facts-pane").display)
        if self.has_class("-narrow") and self.has_class("-show-facts"):
            sidebar.focus()
        elif not shown:
            self._facts_closed(sidebar.has_focus)

    def _facts_closed(self, had_focus: bool) -> None:
        """The facts went away: so do the mentions they chose, and the focus goes back to reading."""
        if self.mentions:
            self.mentions, self.mention_index = [], -1
            self.sub_title = self.model_status
        if self.has_class("-tiny") and self.article is not None:
            self._start_reading()  # the facts were the article's: back to it, not to the list
        elif had_focus:
            self._focus_main()

    def _focus_main(self) -> None:
        """Focus what the user reads now: the article (tiny terminals, reading) or the list."""
        if self.has_class("-tiny") and self.has_class("-reading"):
            self.query_one("#article-scroll").focus()
        else:
            self.query_one(ArticleList).focus()

    def action_sort(self) -> None:
        """Cycle the list's order: date, title, source."""
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        if not self._searching:
            self._show_summaries(self.library.summaries(self.sort))
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
        query = event.value.strip()
        self._searching = query
        if not query:
            self._show_summaries(self.library.summaries(self.sort))
            return
        hits = searching.search(
            self.library, query, index=self.names.index if self.names else None, read_state=self.read_state
        ).hits
        self._show_summaries([hit.summary for hit in hits], {hit.summary.id: hit for hit in hits})

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        """Enter in the search box opens the first result (the list keeps the focus after)."""
        articles = self.query_one(ArticleList)
        articles.focus()
        if self._searching and articles.summaries:
            articles.highlighted = 0
            articles.action_select()

    async def action_back(self) -> None:
        """Esc: close the search, or go back from the article to the list."""
        search = self.query_one("#search", Input)
        if search.display and (search.has_focus or self._searching):
            search.value = ""
            search.display = False
            self._searching = ""
            self._show_summaries(self.library.summaries(self.sort))
            self.query_one(ArticleList).focus()
            return
        if not self.has_class("-reading") and self._leave_feed_view():
            return
        self.remove_class("-reading")
        self.query_one(ArticleList).focus()

    def action_toggle_group(self, index: int) -> None:
        """Hide or show the highlighting of one group of entity labels (remembered)."""
        group = GROUP_NAMES[index]
        self.hidden_groups ^= {group}
        self._apply_palette()
        shown = "hidden" if group in self.hidden_groups else "shown"
        self.notify(f"{group}: {shown}.", timeout=2)
        self._changed()

    def action_part(self, delta: int) -> None:
        """Previous/next part of a very long article."""
        if not self.query_one(ArticleView).go_part(delta):
            self.app.bell()

    # ----- feeds and read state (issue 11) --------------------------------------------------------
    # Every network call runs in the "feeds" thread worker, every read-state read or write in the
    # one "read-state" worker at a time (in order); keys only change what is shown and queue work.

    SECONDS_PER_MINUTE: ClassVar[float] = 60.0  # the unit of `refresh_minutes` (tests shorten it)
    # A read-state write that failed is tried again after this, then twice as long each time
    # (up to a minute), and at the next change.
    READ_RETRY_SECONDS: ClassVar[float] = 2.0

    def _init_feeds(self, refresh_minutes: int) -> None:
        self.refresh_minutes = refresh_minutes
        self.read_state = ReadState()
        self.feed_view: str | None = None  # the feed whose articles the list shows, if one
        self.feed_view_title = ""
        self._read_pending: dict[str, bool] = {}  # id -> read, shown now, not yet on disk
        self._read_queue: list[ReadChange] = []
        self._read_writing = False
        self._read_retry_delay = self.READ_RETRY_SECONDS
        self._read_retry_timer: Any = None
        self._read_failing = False
        self._refresh_is_auto = False

    def _start_feeds(self) -> None:
        """After the first frame: read the read state; start the auto-refresh timer."""
        self._queue_read_change(None)
        if self.refresh_minutes > 0:
            self.set_interval(self.refresh_minutes * self.SECONDS_PER_MINUTE, self._refresh_on_timer)

    # Which articles show as unread: the read state as loaded, with the changes not yet written.

    def _is_unread(self, article_id: str) -> bool:
        if article_id in self._read_pending:
            return not self._read_pending[article_id]
        return not self.read_state.is_read(article_id)

    def _unread_among(self, summaries: list[Any]) -> set[str]:
        ids = [summary.id for summary in summaries]
        unread = self.read_state.unread(ids)
        if self._read_pending:
            listed = set(ids)
            for article_id, read in self._read_pending.items():
                if article_id in listed:
                    (unread.discard if read else unread.add)(article_id)
        return unread

    def _show_unread(self) -> None:
        articles = self.query_one(ArticleList)
        articles.set_unread(self._unread_among(articles.summaries))

    def _mark(self, ids: list[str], read: bool) -> None:
        """Show the change at once; write it in the read-state worker."""
        if not ids:
            return
        for article_id in ids:
            self._read_pending[article_id] = read
        self._show_unread()
        self._queue_read_change((tuple(ids), read))

    def _queue_read_change(self, change: ReadChange) -> None:
        self._read_queue.append(change)
        if not self._read_writing:  # after a failure too: the failed changes go with this one
            self._write_next_read_changes()

    def _write_next_read_changes(self) -> None:
        changes, self._read_queue = self._read_queue, []
        self._read_writing = True
        self.write_read_state(changes)

    @work(thread=True, exit_on_error=False, group="read-state")
    def write_read_state(self, changes: list[ReadChange]) -> None:
        """Apply read-state changes in order (thread: they take a lock and fsync); None reloads.
        A change that fails, with any error, stops the batch: it and those after it are handed
        back to be tried again (the marks stay shown and queued)."""
        errors: list[str] = []
        failed: list[ReadChange] = []
        for number, change in enumerate(changes):
            try:
                if change is None:
                    self.read_state.load()
                else:
                    self.read_state.mark(change[0], read=change[1])
            except Exception as error:  # noqa: BLE001 - any failure keeps the marks queued
                if not isinstance(error, OSError):
                    _log.exception("writing the read state failed")
                errors.append(f"Could not save the read state: {error}. Will try again.")
                failed = changes[number:]
                break
        notes = list(self.read_state.messages)
        self.read_state.messages.clear()
        self.post_message(ReadStateWritten(errors + notes, failed))

    @on(ReadStateWritten)
    def _read_state_written(self, message: ReadStateWritten) -> None:
        self._read_writing = False
        notes = message.notes
        if message.failed:
            self._read_queue = message.failed + self._read_queue
            if self._read_failing:
                notes = [n for n in notes if not n.startswith("Could not save the read state")]
            self._read_failing = True
            self._retry_read_changes_later()
        elif self._read_failing and not self._read_queue:
            self._read_failing = False
            self._read_retry_delay = self.READ_RETRY_SECONDS
            notes = [*notes, "The read state is saved again."]
        for note in notes:
            self.notify(note, title="Read state", severity="warning", timeout=10)
        if message.failed:
            pass  # the timer (or the next change) tries again
        elif self._read_queue:
            self._write_next_read_changes()
        else:
            self._read_pending.clear()  # everything is on disk
        self._show_unread()

    def _retry_read_changes_later(self) -> None:
        if self._read_retry_timer is not None:
            return
        delay, self._read_retry_delay = self._read_retry_delay, min(self._read_retry_delay * 2, 60.0)

        def retry() -> None:
            self._read_retry_timer = None
            if self._read_queue and not self._read_writing:
                self._write_next_read_changes()

        self._read_retry_timer = self.set_timer(delay, retry)

    def save_read_marks_now(self, lock_wait: float = 1.0) -> None:
        """At exit: write the marks not yet on disk, here and now (a small local write; the lock
        waited for `lock_wait` seconds at most). The read-state worker may be mid-write: marking
        is idempotent, and both take the file's lock."""
        if not self._read_pending:
            return
        state = ReadState(self.read_state.path)
        state.document.lock_timeout = lock_wait
        by_value: dict[bool, list[str]] = {}
        for article_id, read in self._read_pending.items():
            by_value.setdefault(read, []).append(article_id)
        for read, ids in by_value.items():
            try:
                state.mark(ids, read=read)
            except Exception:  # noqa: BLE001 - quitting goes on; the log says what was lost
                _log.exception("saving %d read marks at exit failed", len(ids))

    # One handler for failed workers (tui/ui/threads.py): first undo what the failed work left.

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker of this screen failed: put its state right, then log it and tell the user."""
        if event.state is not WorkerState.ERROR:
            return
        group = event.worker.group
        if group == "names-open":
            self._after_names = []  # the next use of the names opens them again
        elif group == "feeds":
            self._show_status(len(self.query_one(ArticleList).summaries))  # not "Refreshing…"
        elif group == "read-state":
            self._read_writing = False
            self._retry_read_changes_later()
        report_failed_worker(self.app, event.worker)

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

    # The feeds screen and the one-feed view.

    def action_feeds(self) -> None:
        """F: the feeds screen; the chosen feed's articles replace the list until Esc."""
        screen = FeedsScreen()

        def chosen(url: str | None) -> None:
            # The feeds screen may have refreshed or been read elsewhere: bring both up to date.
            self._queue_read_change(None)
            self.refresh_library()
            if url:
                title = next((row.title for row in screen.rows if row.url == url), url)
                self._enter_feed_view(url, title)

        self.app.push_screen(screen, chosen)

    def _enter_feed_view(self, url: str, title: str) -> None:
        self.feed_view, self.feed_view_title = url, title
        self.remove_class("-reading")
        self._show_summaries(self._current_summaries())
        articles = self.query_one(ArticleList)
        articles.highlighted = 0 if articles.summaries else None
        articles.focus()

    def _leave_feed_view(self) -> bool:
        """Esc in a feed's view: back to the whole library (False when there is no feed view)."""
        if self.feed_view is None:
            return False
        self.feed_view, self.feed_view_title = None, ""
        self._show_summaries(self._current_summaries())
        self.query_one(ArticleList).focus()
        return True

    def _current_summaries(self) -> list[Any]:
        if self._searching:
            found = searching.search(
                self.library,
                self._searching,
                index=self.names.index if self.names else None,
                read_state=self.read_state,
            ).hits
            return [hit.summary for hit in found]
        return self.library.summaries(self.sort)

    def _in_feed_view(self, summaries: list[Any]) -> list[Any]:
        if self.feed_view is None:
            return summaries
        return [summary for summary in summaries if summary.feed == self.feed_view]

    def _feed_status(self, status: str) -> str:
        if self.feed_view is None:
            return status
        return f"{self.feed_view_title}: {status} · Esc: all articles"  # the feed first: narrow panes

    # Refreshing: r, and the timer every `refresh_minutes`.

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
        self.query_one("#list-status", Static).update(Text("Refreshing feeds…", style="dim"))
        self.refresh_feeds()

    @work(thread=True, exclusive=True, exit_on_error=False, group="feeds")
    def refresh_feeds(self) -> None:
        """Fetch every feed (thread); posts FeedsProgress and FeedsRefreshed to this screen."""
        refresh_in_worker(self)

    @on(FeedsProgress)
    def _feeds_progress(self, message: FeedsProgress) -> None:
        message.stop()
        status = f"Refreshing {message.done:,}/{plural(message.total, 'feed')}…"
        self.query_one("#list-status", Static).update(Text(status, style="dim"))

    @on(FeedsRefreshed)
    def _feeds_refreshed(self, message: FeedsRefreshed) -> None:
        message.stop()
        report = message.report
        if report.busy and self._refresh_is_auto:
            self._show_status(len(self.query_one(ArticleList).summaries))
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
        self._show_status(len(self.query_one(ArticleList).summaries))
        if report.new_ids or any(result.updated for result in report.results):
            self._queue_read_change(None)  # the new articles start unread
            # "3 new articles name John Kerry" once the library has indexed them (_library_loaded).
            self._announce_after_indexing.extend(report.new_ids)
            self.refresh_library()  # new rows appear; the highlighted one stays highlighted

    # ----- names (issue 12): follow, Following, in the news, corrections, stories ---------------
    def _with_names(self, then: Any) -> None:
        """Call `then(names)` now if the names are open, else once the worker has opened them."""
        if self.names is not None:
            then(self.names)
            return
        self._after_names.append(then)
        if len(self._after_names) == 1:
            self.open_names()

    def _names_now(self) -> Names:
        """The names, opened here if need be (thread only: the index may be created)."""
        from tui.names.follows import Follows
        from tui.names.identity import CorrectionsFile
        from tui.names.index import NameIndex
        from tui.names.service import Names

        if self.names is not None:
            return self.names
        corrections = CorrectionsFile()
        return Names(
            self.library, self.analyzer, NameIndex(cache_dir(), corrections.load()), corrections, Follows()
        )

    @work(thread=True, exclusive=True, group="names-open", exit_on_error=False)
    def open_names(self) -> None:
        """Open the names index, the follows and the corrections (thread)."""
        names = self._names_now()
        self.post_message(NamesOpened(names, names.needs_rebuild()))

    @on(NamesOpened)
    def _names_opened(self, message: NamesOpened) -> None:
        if self.names is None:
            self.names = message.names
        waiting, self._after_names = self._after_names, []
        for then in waiting:
            then(self.names)
        self._say_names_messages()
        if message.rebuild:  # followed names are marked from follows.json meanwhile
            self._names_rebuilding = True
            self._show_status(len(self.query_one(ArticleList).summaries))
            self._refresh_names(prepare=True)

    def _say_names_messages(self) -> None:
        if self.names is not None:
            for note in self.names.messages:
                self.notify(note, title="Names", severity="warning", timeout=10)
            # `Names.messages` is a new list each time: clear the files' own, said once.
            self.names.corrections.messages.clear()
            self.names.follows.messages.clear()

    def _names_for_article(self, analysis: Analysis) -> None:
        """After an article's facts are shown: its names as the library labels them, and marks."""
        self._go_to_pending_offset()
        if analysis.model is None:
            return
        self._with_names(lambda names: self.update_names(names, analysis))

    @work(thread=True, exclusive=True, group="names", exit_on_error=False, description="update_names")
    def update_names(self, names: Names, analysis: Analysis | None) -> None:
        """Work out the list's followed marks and the open article's labels and followed names
        from the names index as it is (thread)."""
        self.post_message(self._names_marks_of(names, analysis, None))

    @work(thread=True, exclusive=True, group="names-prepare", exit_on_error=False, description="prepare")
    def prepare_names(self, names: Names, analysis: Analysis | None) -> None:
        """Bring the names index up to date (spaCy on what is not analysed yet), then the marks
        as `update_names` (thread)."""
        from tui.names.service import NoModel

        worker = get_current_worker()
        problem = None
        try:
            names.prepare(cancelled=lambda: worker.is_cancelled)
        except NoModel as exc:
            problem = str(exc)
        if not worker.is_cancelled:
            marks = self._names_marks_of(names, analysis, problem)
            marks.prepared = True
            self.post_message(marks)

    @staticmethod
    def _names_marks_of(names: Names, analysis: Analysis | None, problem: str | None) -> NamesMarks:
        from tui.names.identity import identity_key
        from tui.names.reader import followed_texts, library_analysis

        index = names.index
        follows = names.follows.load()
        followed_ids: set[str] = set()
        keys: set[str] = set()
        if follows:
            followed_ids = set(names.followed_in(s.id for s in names.library.summaries()))
            for follow in follows:
                keys.add(identity_key(follow.name))
                identity = index.identity(follow.name)
                if identity is not None:
                    keys |= {identity.key, *identity.members}
        texts: frozenset[str] = frozenset()
        shown = None
        if analysis is not None:

            def label_of(name: str) -> str | None:
                return index.label_of(index.corrections.target(identity_key(name)))

            def is_followed(name: str) -> bool:
                key = identity_key(name)
                return key in keys or index.corrections.target(key) in keys

            # The body and the library's spellings (the followed names too): the names the model
            # missed are marked; the user's merges make one fact.
            article = names.library.get(analysis.article_id)
            body = article.body if article is not None else ""
            spellings = {f.name: f.label for f in follows if f.label} | index.known_spellings()
            corrected = library_analysis(analysis, label_of, body, spellings, index.corrections)
            shown = corrected if corrected is not analysis else None
            texts = followed_texts(corrected.facts, is_followed) if keys else frozenset()
        article_id = analysis.article_id if analysis is not None else None
        return NamesMarks(followed_ids, article_id, texts, shown, problem)

    @on(NamesMarks)
    def _names_marks(self, message: NamesMarks) -> None:
        self._say_names_messages()  # the worker may have found follows.json damaged
        if message.problem:
            self.notify(message.problem, title="Names", severity="warning", timeout=8)
        self._followed_ids = message.followed_ids
        self.query_one(ArticleList).set_name_marks(self._followed_ids, self._story_lines)
        if message.prepared and self._names_rebuilding:
            self._names_rebuilding = False
            self._show_status(len(self.query_one(ArticleList).summaries))
        if self.article is None or message.article_id != self.article.id:
            return
        reader = self.query_one(ArticleView)
        if message.analysis is not None and reader.analysis is not None:
            reader.show_analysis(message.analysis)
            self.query_one(FactsSidebar).show_facts(message.analysis.facts)
        reader.set_followed(message.texts)
        self._go_to_pending_offset()  # a timeline's mention may be one the model missed

    def _refresh_names(self, prepare: bool) -> None:
        """Redo the marks (and the open article's labels) after a follow or a correction."""
        reader = self.query_one(ArticleView)
        analysis = reader.analysis if reader.article is not None else None
        worker = self.prepare_names if prepare else self.update_names
        self._with_names(lambda names: worker(names, analysis))

    def _fact_under_cursor(self, doing: str) -> tuple[str, str] | None:
        """(name, label) of the person, organisation or place highlighted in the facts sidebar."""
        from tui.names.identity import kind_of

        sidebar = self.query_one(FactsSidebar)
        found = sidebar.highlighted_fact() if sidebar.has_focus else None
        if found is None:
            self.notify(f"To {doing} a name, Tab to it in the facts sidebar first.", timeout=4)
            return None
        _, fact = found
        if not is_named(fact) or kind_of(fact["label"]) is None:
            self.notify(f"Only people, organisations and places can be {doing}ed.", timeout=4)
            return None
        return fact["name"], fact["label"]

    def action_follow(self) -> None:
        """w on a fact: follow the name (w again: stop following it)."""
        chosen = self._fact_under_cursor("follow")
        if chosen is not None:
            self._with_names(lambda names: self._toggle_follow(names, chosen[0]))

    def _toggle_follow(self, names: Names, name: str) -> None:
        from tui.names.identity import identity_key

        key = identity_key(name)
        try:
            if any(identity_key(f.name) == key for f in names.follows.load()):
                names.follows.remove(name)
                self.notify(f"No longer following {name}.", title="Following", timeout=4)
            else:
                names.follows.add(name)
                self.notify(
                    f"Following {name}: marked in the list and in articles; W lists the names you follow.",
                    title="Following",
                    timeout=6,
                )
        except (OSError, ValueError) as exc:
            self.notify(f"Could not change your follows: {exc}", severity="error", timeout=10)
        self._say_names_messages()
        self._refresh_names(prepare=True)

    def action_following(self) -> None:
        """W: the followed names; Enter opens a timeline, Enter there the article at the mention."""
        from tui.ui.screens.names import FollowingScreen

        self._with_names(lambda names: self.app.push_screen(FollowingScreen(names), self._mention_opened))

    def _mention_opened(self, result: object) -> None:
        """Back from Following / a timeline with (article id, offset): open it at that mention."""
        self._refresh_names(prepare=False)  # what was analysed meanwhile is marked too
        if not isinstance(result, tuple) or len(result) != 2:
            return
        article_id, offset = result
        self._pending_offset = (str(article_id), offset) if isinstance(offset, int) else None
        self.query_one(ArticleList).select_id(str(article_id))
        if self.article is not None and self.article.id == article_id:
            if self._is_unread(self.article.id):  # opened by itself at start, now chosen
                self._mark([self.article.id], read=True)
            self._go_to_pending_offset()
        else:
            self.open_article(str(article_id))
        self._start_reading()

    def _go_to_pending_offset(self) -> None:
        """Show the mention a timeline chose, once its article and entities are on screen."""
        if self._pending_offset is None or self.article is None:
            return
        article_id, offset = self._pending_offset
        if article_id != self.article.id:
            return
        entities = self.query_one(ArticleView).entities
        entity = next((e for e in entities if e.start == offset), None)
        if entity is None:
            return  # the entities arrive with the analysis: tried again then
        self._pending_offset = None
        self.mentions = [e for e in entities if e.text == entity.text]
        self.mention_index = self.mentions.index(entity) - 1
        self.action_mention(1)

    def action_in_the_news(self) -> None:
        """I: the people, organisations and places most in the news, and the rising names."""
        from tui.ui.screens.names import NewsScreen

        self._with_names(lambda names: self.app.push_screen(NewsScreen(names)))

    def action_correct_name(self) -> None:
        """c on a fact: correct its label, or merge or split it, across the library."""
        from tui.ui.screens.names import CorrectNameScreen

        chosen = self._fact_under_cursor("correct")
        if chosen is None:
            return
        name, label = chosen
        self._with_names(
            lambda names: self.app.push_screen(CorrectNameScreen(names, name, label), self._corrected)
        )

    def _corrected(self, done: str | None) -> None:
        if done:
            self.notify(done, title="Corrected", timeout=6)
            self._refresh_names(prepare=False)

    def announce_new_articles(self, new_ids: list[str]) -> None:
        """After a refresh: "3 new articles name John Kerry", one notice per followed name the new
        articles name (the index is brought up to date in a worker first; the list is re-marked)."""
        if new_ids:
            ids = list(new_ids)
            self._with_names(lambda names: self.find_new_article_lines(names, ids))

    @work(thread=True, exclusive=True, group="names-new", exit_on_error=False)
    def find_new_article_lines(self, names: Names, new_ids: list[str]) -> None:
        """Index the new articles (spaCy on the unanalysed ones) and say which follows they name."""
        from tui.names.service import NoModel

        worker = get_current_worker()
        if not names.follows.load():
            return  # nothing to announce: no analysis for nothing
        try:
            names.prepare(cancelled=lambda: worker.is_cancelled)
        except NoModel:
            return  # the reader already says there is no model
        lines = names.new_article_lines(new_ids)
        if not worker.is_cancelled:
            self.post_message(NewArticleLines(lines))

    @on(NewArticleLines)
    def _new_article_lines(self, message: NewArticleLines) -> None:
        for line in message.lines:
            self.notify(line, title="Following", timeout=10)
        if message.lines:
            self._refresh_names(prepare=False)

    def action_group_stories(self) -> None:
        """g: group the list by story (articles about one event, from several sources); g again: back."""
        if self._story_lines is not None:
            self._story_lines = None
            if not self._searching:
                self._show_summaries(self.library.summaries(self.sort))
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
            names.prepare(cancelled=lambda: worker.is_cancelled)
        except NoModel as exc:
            self.post_message(StoriesFound([], str(exc)))
            return
        if not worker.is_cancelled:
            self.post_message(StoriesFound(names.index.stories(), None))

    @on(StoriesFound)
    def _stories_found(self, message: StoriesFound) -> None:
        if message.problem:
            self.notify(f"No stories: {message.problem}", severity="warning", timeout=8)
            return
        summaries = self.library.summaries(self.sort)
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


def slug(title: str) -> str:
    """A file-name-safe short form of a title."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "article"
