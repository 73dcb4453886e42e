"""What the parts of the main screen share: its layout constants, the screen as the parts see it
(`MainHost`), the base of the parts that draw nothing (`Part`), and (until the last mixins are
parts) the state the mixins share (`MainBase`).

`MainScreen` (tui/ui/screens/main.py) composes two panes, widgets that own their state and
workers: the list pane (`list_pane.ListPane`) and the article view (`article_pane.ArticlePane`).
The feeds and the read state (`feeds_part.FeedsPart`) are a `Part`: a widget that draws nothing but
owns its state, its workers and their messages, handed the screen as a `MainHost`. The article's
keys (`article_actions`) and the names (`names_part`) are still `Screen` mixins sharing `MainBase`.
The screen itself composes the panes and parts and routes keys and messages between them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Protocol

from textual.screen import Screen
from textual.widget import Widget

from tui.analysis.model import Analyzer
from tui.core.article import Article
from tui.core.labels import LABEL_GROUPS
from tui.output.render import Palette
from tui.store.bookmarks import BookmarkStore
from tui.store.library import Library
from tui.ui.main.article_pane import ArticlePane
from tui.ui.main.list_pane import SORTS, ListPane
from tui.ui.widgets.facts_sidebar import FactsSidebar

__all__ = ["GROUP_NAMES", "SORTS", "MainBase", "MainHost", "Part"]

GROUP_NAMES = tuple(LABEL_GROUPS)


class MainHost(Protocol):
    """The main screen as its parts see it: what the app handed down, the panes, and the few
    things only the screen decides (which article is open, reading on a tiny terminal, what is
    remembered). Its classes and focus a part reads from its own `screen`."""

    library: Library
    analyzer: Analyzer
    bookmarks: BookmarkStore
    list_pane: ListPane

    @property
    def article_pane(self) -> ArticlePane: ...

    @property
    def article(self) -> Article | None: ...

    def open_article(self, article_id: str, *, chosen: bool = True) -> None: ...

    def mark_chosen(self, article_id: str) -> None: ...

    def start_reading(self) -> None: ...

    def changed(self) -> None: ...


class Part(Widget):
    """A part of the main screen that draws nothing: a widget only so that it owns its workers,
    timers and message handlers (a worker's messages and its `Worker.StateChanged` come to the
    node that started it). Mounted in the screen, never shown."""

    DEFAULT_CSS: ClassVar[str] = "Part { display: none; }"

    def __init__(self, main: MainHost) -> None:
        super().__init__()
        self.main = main


class MainBase(Screen[None]):
    """The main screen's state, set by `MainScreen.__init__`; each mixin owns some of it."""

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

    if TYPE_CHECKING:  # defined by the screen or the mixins; declared here so that one may call another

        def changed(self) -> None: ...

        def open_article(self, article_id: str, *, chosen: bool = True) -> None: ...
        def mark_chosen(self, article_id: str) -> None: ...
        def start_reading(self) -> None: ...
