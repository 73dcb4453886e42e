"""What the parts of the main screen share: its layout constants, its state, and (for the type
checker) the methods one part calls in another.

`MainScreen` (tui/ui/screens/main.py) composes two panes, widgets that own their state and
workers: the list pane (`list_pane.ListPane`) and the article view (`article_pane.ArticlePane`). It
is made of the other parts in this package, each a `Screen` mixin with its own workers and message
handlers: the article's keys (`article_actions`), the names (`names_part`) and the feeds with the
read state (`feeds_part`). The screen itself composes the panes and routes keys and messages between them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from tui.analysis.model import Analyzer
from tui.core.article import Article
from tui.core.labels import LABEL_GROUPS
from tui.output.render import Palette
from tui.store.bookmarks import BookmarkStore
from tui.store.library import Library
from tui.ui.main.article_pane import ArticlePane
from tui.ui.main.list_pane import SORTS, ListPane
from tui.ui.read_queue import ReadQueue
from tui.ui.widgets.facts_sidebar import FactsSidebar

if TYPE_CHECKING:
    from tui.names.service import Names

__all__ = ["GROUP_NAMES", "SORTS", "MainBase"]

GROUP_NAMES = tuple(LABEL_GROUPS)


class MainBase(Screen[None]):
    """The main screen's state, set by `MainScreen.__init__`; each part owns some of it."""

    # The app hands these down.
    library: Library
    analyzer: Analyzer
    bookmarks: BookmarkStore
    palette: Palette
    # The list pane (a widget: its order, the search shown, the feed and story views are its own).
    list_pane: ListPane
    # The article view (a widget: the open article, its analysis, the mentions are its own).
    _article_pane: ArticlePane | None = None
    hidden_groups: set[str]
    hide_facts: bool
    # The names and the feeds.
    names: Names | None
    _after_names: list[Any]
    _announce_after_indexing: list[str]
    refresh_minutes: int
    reads: ReadQueue
    _read_retry_timer: Any
    _refresh_is_auto: bool

    @property
    def article_pane(self) -> ArticlePane:
        """The article view, made when first needed: on a terminal right after the first frame,
        which it is not part of."""
        if self._article_pane is None:
            facts = FactsSidebar(id="facts")
            self._article_pane = ArticlePane(self.library, self.analyzer, facts, id="reader")
        return self._article_pane

    @property
    def article(self) -> Article | None:
        """The open article (the article view's)."""
        return self._article_pane.article if self._article_pane is not None else None

    if TYPE_CHECKING:  # defined by the parts; declared here so that one part may call another

        def _changed(self) -> None: ...

        def open_article(self, article_id: str, *, chosen: bool = True) -> None: ...
        def _start_reading(self) -> None: ...
        def _with_names(self, then: Any) -> None: ...
        def announce_new_articles(self, new_ids: list[str]) -> None: ...
        def _is_unread(self, article_id: str) -> bool: ...
        def _mark(self, ids: list[str], read: bool) -> None: ...
        def _queue_read_change(self, change: Any) -> None: ...
