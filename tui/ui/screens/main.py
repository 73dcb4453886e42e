"""The main screen: the article list, the reader and the facts sidebar, with their keys.

The app hands it the library, the analyzer, the bookmarks and the settings (attributes down); it
posts `StateChanged` (tui/ui/messages.py) when the user changes something worth remembering (messages up).
The screen composes the panes and routes keys and messages between them; the parts in
`tui/ui/main/` own the work: the list pane (`ListPane`, a widget: search, list, status line, feed
and story views, the library and list workers), the article view (`ArticlePane`, a widget: loading,
the model and analysis, the mentions a fact chooses), and three parts, widgets that draw nothing:
the feeds with the read state (`FeedsPart`, `self.feeds`), the names (`NamesPart`,
`self.names_part`) and the article's keys (`ArticleActions`, `self.actions`: bookmark, export,
links). The screen inherits none of them. Their messages are in `tui/ui/messages.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize, ScreenResume
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Input, Static

from tui.core.lazy import lazy_module
from tui.store.state import UiState
from tui.ui.glyphs import current as current_glyphs
from tui.ui.layout import MIN_HEIGHT, MIN_WIDTH, MODEL_LOADING, NARROW_WIDTH, TINY_WIDTH, TOO_SMALL
from tui.ui.main.base import GROUP_NAMES, SORTS
from tui.ui.main.feeds_part import FeedsPart
from tui.ui.main.list_pane import ListPane
from tui.ui.messages import (
    AnalysisShown,
    BookmarkToggled,
    FollowToggled,
    LibraryLoaded,
    NamesNeeded,
    Started,
    StateChanged,
    SubtitleChanged,
)
from tui.ui.widgets.article_list import ArticleList

if TYPE_CHECKING:  # the article view and the model code are imported after the first frame
    from tui.analysis.model import Analyzer
    from tui.core.article import Article
    from tui.output.render import Palette
    from tui.store.bookmarks import BookmarkStore
    from tui.store.library import Library, SortKey
    from tui.ui.main.article_actions import ArticleActions
    from tui.ui.main.article_pane import ArticlePane
    from tui.ui.main.names_part import NamesPart
    from tui.ui.widgets import facts_sidebar
else:  # the facts sidebar comes with the article view, after the first frame
    facts_sidebar = lazy_module("tui.ui.widgets.facts_sidebar")

__all__ = [
    "GROUP_NAMES",
    "MIN_HEIGHT",
    "MIN_WIDTH",
    "NARROW_WIDTH",
    "SORTS",
    "TINY_WIDTH",
    "TOO_SMALL",
    "MainScreen",
]


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
        Binding("L", "links", "Links", show=False),  # issue 21: the article's links (ArticleActions)
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
        # Reading like a newsboat user (issue 21, `FeedsPart`): hide read, next/previous unread
        # (newsboat's n/p; n/N are mentions here), a feed from a quick list, the muted articles.
        Binding("l", "toggle_hide_read", "Unread only", show=False),
        Binding("J", "next_unread(1)", "Next unread", show=False),
        Binding("K", "next_unread(-1)", "Previous unread", show=False),
        Binding("v", "pick_feed", "Feed list", show=False),
        Binding("M", "toggle_muted", "Muted", show=False),
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

    def __init__(
        self,
        library: Library,
        analyzer: Callable[[], Analyzer],
        bookmarks: BookmarkStore,
        palette: Callable[[], Palette],
        state: UiState,
        *,
        refresh_minutes: int = 0,
    ) -> None:
        super().__init__()
        self.library = library
        self._analyzer = analyzer  # asked for when first needed (`analyzer`)
        self.bookmarks = bookmarks
        self._make_palette = palette  # called when first asked for (`palette`)
        self.hidden_groups = set(state.hidden_groups or ())
        self.hide_facts = state.hide_facts
        self._article_pane: ArticlePane | None = None  # made when first needed (`article_pane`)
        self.feeds = FeedsPart(self, refresh_minutes)  # the read state, the feeds screen, the refresh
        self.list_pane = ListPane(
            library, bookmarks, self.feeds.reads, state.sort, hide_read=state.hide_read, id="list-pane"
        )

    @cached_property
    def actions(self) -> ArticleActions:
        """b, B, e, o and L on the open article: made (its module imported) with the panes."""
        from tui.ui.main.article_actions import ArticleActions

        return ArticleActions(self)

    @cached_property
    def names_part(self) -> NamesPart:
        """The names (issue 12), opened in its worker on first use: made as `actions` is."""
        from tui.ui.main.names_part import NamesPart

        return NamesPart(self)

    @cached_property
    def palette(self) -> Palette:
        """How entities look (the app's, from config.toml): the article view's, made with it."""
        return self._make_palette()

    @property
    def analyzer(self) -> Analyzer:
        """The app's analyzer, made when first asked for (no part of the first frame)."""
        return self._analyzer()

    @property
    def article_pane(self) -> ArticlePane:
        """The article view, made when first needed: on a terminal right after the first frame,
        which it is not part of."""
        if self._article_pane is None:
            from tui.ui.main.article_pane import ArticlePane

            facts = facts_sidebar.FactsSidebar(id="facts")
            self._article_pane = ArticlePane(self.library, self.analyzer, facts, id="reader")
        return self._article_pane

    @property
    def article(self) -> Article | None:
        """The open article (the article view's)."""
        return self._article_pane.article if self._article_pane is not None else None

    @property
    def sort(self) -> SortKey:
        """The list's order (the list pane's)."""
        return self.list_pane.sort

    @property
    def state(self) -> UiState:
        """What this screen would like remembered."""
        return UiState(
            sort=self.sort,
            hidden_groups=set(self.hidden_groups),
            hide_facts=self.hide_facts,
            hide_read=self.list_pane.hide_read,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """ "/" and "B" never act while typing in a text box (they are priority bindings)."""
        if action in ("search", "bookmarks"):
            return not isinstance(self.focused, Input)
        return True

    def compose(self) -> ComposeResult:
        """The header, the list with its status line, the footer; and the search box, the reader,
        the facts pane and the parts, unless they come right after the first frame
        (`_panes_after_frame`)."""
        self._panes_later = self._panes_after_frame()
        yield Header(icon=current_glyphs().header_icon)
        self.list_pane.search_later = self._panes_later
        with Horizontal(id="main"):
            yield self.list_pane
            if not self._panes_later:
                yield from self._side_panes()
        yield Static(Text(TOO_SMALL, justify="center"), id="too-small")
        yield Footer()
        if not self._panes_later:
            yield from self._parts()

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

    def _side_panes(self) -> list[Widget]:
        facts_title = Static(Text("Facts", style="bold"), id="facts-title")
        facts = Vertical(facts_title, self.article_pane.facts, id="facts-pane")
        return [self.article_pane, facts]

    def _parts(self) -> list[Widget]:
        """The parts that draw nothing (`Part`, tui/ui/main/base.py): with the panes, not in the
        first frame."""
        return [self.feeds, self.names_part, self.actions]

    async def _mount_panes(self) -> None:
        """The whole list and the panes the first frame left out; then the workers (their messages
        update them)."""
        self.list_pane.show_rest()
        await self.list_pane.mount_search_box()
        await self.query_one("#main").mount_all(self._side_panes())
        await self.mount_all(self._parts())
        self._fill_panes()
        self._start_workers()

    def _fill_panes(self) -> None:
        self.query_one(facts_sidebar.FactsSidebar).show_message("Open an article to see its facts.")
        self._apply_palette()

    def on_mount(self) -> None:
        self.sub_title = MODEL_LOADING  # the article view's FIRST_STATUS, which comes after the frame
        self.set_class(self.hide_facts, "-hide-facts")
        if not self._panes_later:
            self._fill_panes()
        # The index answers at once; the worker below then brings it up to date with the files.
        # On a terminal the first frame shows a screenful and the count; the rest comes right after
        # it (`_mount_panes`), before any key is handled.
        if self._panes_later:
            self.list_pane.show_first(self.app.size.height)
        else:
            summaries = self.library.summaries(self.sort)
            if summaries:
                self.list_pane.show_summaries(summaries)
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
        self.post_message(Started())
        self.feeds.start()
        self.list_pane.refresh_library()
        if self.analyzer.loaded:
            self.article_pane.load_model()  # already loaded: just report it

    def _apply_palette(self) -> None:
        self.article_pane.set_display(self.palette, self.hidden_groups)

    def on_resize(self, event: Resize) -> None:
        self._layout_for(event.size.width, event.size.height)

    def on_screen_resume(self, event: ScreenResume) -> None:
        self._layout_for(self.app.size.width, self.app.size.height)  # resized under a dialog

    def _layout_for(self, width: int, height: int) -> None:
        self.set_class(width < NARROW_WIDTH, "-narrow")
        self.set_class(width < TINY_WIDTH, "-tiny")
        self.set_class(width < MIN_WIDTH or height < MIN_HEIGHT, "-too-small")

    def changed(self) -> None:
        self.post_message(StateChanged(self.state))

    def action_toggle_facts(self) -> None:
        """Show or hide the facts sidebar (it folds away on narrow terminals)."""
        if self.has_class("-narrow"):
            self.toggle_class("-show-facts")
        else:
            self.toggle_class("-hide-facts")
            self.hide_facts = self.has_class("-hide-facts")
            self.changed()
        sidebar = self.query_one(facts_sidebar.FactsSidebar)
        shown = bool(self.query_one("#facts-pane").display)
        if self.has_class("-narrow") and self.has_class("-show-facts"):
            sidebar.focus()
        elif not shown:
            self._facts_closed(sidebar.has_focus)

    def _facts_closed(self, had_focus: bool) -> None:
        """The facts went away: so do the mentions they chose, and the focus goes back to reading."""
        self.article_pane.drop_mentions()
        if self.has_class("-tiny") and self.article is not None:
            self.start_reading()  # the facts were the article's: back to it, not to the list
        elif had_focus:
            self._focus_main()

    def _focus_main(self) -> None:
        """Focus what the user reads now: the article (tiny terminals, reading) or the list."""
        if self.has_class("-tiny") and self.has_class("-reading"):
            self.query_one("#article-scroll").focus()
        else:
            self.query_one(ArticleList).focus()

    async def action_back(self) -> None:
        """Esc: back from an article to the search's results, close the search, or go back from
        the article to the list."""
        if self.feeds.back_to_results() or self.list_pane.close_search():
            return
        if not self.has_class("-reading") and self.list_pane.leave_feed_view():
            return
        self.remove_class("-reading")
        self.query_one(ArticleList).focus()

    # ----- keys routed to the list pane ---------------------------------------------------------
    def action_sort(self) -> None:
        """Cycle the list's order: date, title, source (remembered)."""
        self.list_pane.next_sort()
        self.changed()

    def action_search(self) -> None:
        """Open the search box above the list."""
        self.remove_class("-reading")
        self.list_pane.open_search()

    def action_group_stories(self) -> None:
        """g: group the list by story; g again: back."""
        self.list_pane.toggle_stories()

    @on(LibraryLoaded)
    def _library_loaded(self, message: LibraryLoaded) -> None:
        """The list pane showed the refreshed library: now the model, the articles a refresh
        brought, and an article to show if none is open."""
        if not self.analyzer.loaded:
            self.article_pane.load_model()
        new_ids = self.feeds.library_loaded()  # the mute rules and saved searches after a refresh
        if new_ids:
            self.names_part.announce_new_articles(new_ids)
        # The list's first row, as the list shows it (unread only, a search), not the library's:
        # an article beside the list that is not in it would read as the highlighted one.
        shown = self.query_one(ArticleList).summaries
        if self.article is None and shown:
            self.open_article(shown[0].id, chosen=False)  # shown, not read: stays unread

    # ----- the article view: what opens an article, and the keys and facts routed to it ----------
    @on(ArticleList.Opened)
    def _article_chosen(self, message: ArticleList.Opened) -> None:
        self.open_article(message.article_id)
        self.start_reading()

    def start_reading(self) -> None:
        """On a tiny terminal the article takes the list's place."""
        if self.has_class("-tiny"):
            self.add_class("-reading")
            self.query_one("#article-scroll").focus()

    def open_article(self, article_id: str, *, chosen: bool = True) -> None:
        """Open an article in the article view (read in its worker).

        An article the user chose (from the list, bookmarks, mentions or a timeline) is marked read;
        the one opened by itself at start is not."""
        if chosen:
            self.mark_chosen(article_id)
        self.article_pane.load_article(article_id)

    def mark_chosen(self, article_id: str) -> None:
        """An article the user chose is read."""
        if self.feeds.is_unread(article_id):
            self.feeds.mark([article_id], read=True)

    # ----- messages routed to the names part (tui/ui/main/names_part.py) --------------------------
    @on(NamesNeeded)
    def _names_needed(self, message: NamesNeeded) -> None:
        self.names_part.with_names(message.then)

    @on(AnalysisShown)
    def _analysis_shown(self, message: AnalysisShown) -> None:
        self.names_part.article_analysed(message.analysis)

    @on(FollowToggled)
    def _follow_toggled(self, message: FollowToggled) -> None:
        self.names_part.follow_toggled(message)  # written by the palette or a names screen

    @on(SubtitleChanged)
    def _subtitle_changed(self, message: SubtitleChanged) -> None:
        self.sub_title = message.text

    # The sidebar's messages by handler name (`@on` would load its module for the first frame).
    def on_facts_sidebar_fact_highlighted(self, message: facts_sidebar.FactsSidebar.FactHighlighted) -> None:
        self.article_pane.choose_fact(message.kind, message.fact)

    def on_facts_sidebar_fact_chosen(self, message: facts_sidebar.FactsSidebar.FactChosen) -> None:
        self._fact_chosen(message)
        self.on_facts_sidebar_fact_highlighted(message)

    def _fact_chosen(self, message: facts_sidebar.FactsSidebar.FactChosen) -> None:
        """Enter on a fact: every article in the library that mentions it."""
        from tui.analysis.types import NAMED_KINDS, is_named

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

    def action_mention(self, step: int) -> None:
        """Jump to the next (1) or previous (-1) mention of the chosen fact."""
        self.article_pane.next_mention(step)

    def action_part(self, delta: int) -> None:
        """Previous/next part of a very long article."""
        if not self.article_pane.go_part(delta):
            self.app.bell()

    def action_toggle_group(self, index: int) -> None:
        """Hide or show the highlighting of one group of entity labels (remembered)."""
        group = GROUP_NAMES[index]
        self.hidden_groups ^= {group}
        self._apply_palette()
        shown = "hidden" if group in self.hidden_groups else "shown"
        self.notify(f"{group}: {shown}.", timeout=2)
        self.changed()

    @on(BookmarkToggled)
    def _bookmark_toggled(self, message: BookmarkToggled) -> None:
        self.actions.bookmark_toggled(message)  # written by the bookmarks screen, since closed

    # ----- keys routed to the article's actions (tui/ui/main/article_actions.py) -------------------
    def action_bookmark(self) -> None:
        self.actions.bookmark()

    def action_bookmarks(self) -> None:
        self.actions.show_bookmarks()

    def action_export(self) -> None:
        self.actions.export()

    def action_open_link(self) -> None:
        self.actions.open_link()

    def action_links(self) -> None:
        self.actions.links()

    # ----- keys routed to the feeds part (tui/ui/main/feeds_part.py) ------------------------------
    def action_feeds(self) -> None:
        self.feeds.show_feeds()

    def action_refresh_feeds(self) -> None:
        self.feeds.refresh_now()

    def action_toggle_unread(self) -> None:
        self.feeds.toggle_unread()

    def action_mark_view_read(self) -> None:
        self.feeds.mark_view_read()

    def action_toggle_hide_read(self) -> None:
        self.feeds.toggle_hide_read()

    def action_next_unread(self, step: int) -> None:
        self.feeds.next_unread(step)

    def action_pick_feed(self) -> None:
        self.feeds.pick_feed()

    def action_toggle_muted(self) -> None:
        self.feeds.toggle_muted()

    # ----- keys routed to the names part ----------------------------------------------------------
    def action_follow(self) -> None:
        self.names_part.follow()

    def action_following(self) -> None:
        self.names_part.following()

    def action_in_the_news(self) -> None:
        self.names_part.in_the_news()

    def action_correct_name(self) -> None:
        self.names_part.correct_name()
