"""What the parts of the main screen share: its layout constants, the screen as the parts see it
(`MainHost`), and the base of the parts that draw nothing (`Part`).

`MainScreen` (tui/ui/screens/main.py) composes two panes, widgets that own their state and
workers: the list pane (`list_pane.ListPane`) and the article view (`article_pane.ArticlePane`).
Three parts own the rest, each a `Part`: a widget that draws nothing but owns its state, its
workers and their messages, handed the screen as a `MainHost`: the feeds and the read state
(`feeds_part.FeedsPart`), the names (`names_part.NamesPart`) and the article's keys
(`article_actions.ArticleActions`). The screen inherits none of them: it composes the panes and
parts and routes keys and messages between them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Protocol

from textual.widget import Widget

from tui.core.labels import LABEL_GROUPS
from tui.ui.main.list_pane import SORTS

if TYPE_CHECKING:  # for `MainHost` only: the article view and the model code come after the first frame
    from tui.analysis.model import Analyzer
    from tui.core.article import Article
    from tui.store.bookmarks import BookmarkStore
    from tui.store.library import Library
    from tui.ui.main.article_pane import ArticlePane
    from tui.ui.main.list_pane import ListPane

__all__ = ["GROUP_NAMES", "SORTS", "MainHost", "Part"]

GROUP_NAMES = tuple(LABEL_GROUPS)


class MainHost(Protocol):
    """The main screen as its parts see it: what the app handed down, the panes, and the few
    things only the screen decides (which article is open, reading on a tiny terminal, what is
    remembered). Its classes and focus a part reads from its own `screen`."""

    library: Library
    bookmarks: BookmarkStore
    list_pane: ListPane

    @property
    def analyzer(self) -> Analyzer: ...

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
