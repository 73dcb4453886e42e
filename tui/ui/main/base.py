"""What the parts of the main screen share: its layout constants, its state, and (for the type
checker) the methods one part calls in another.

`MainScreen` (tui/ui/screens/main.py) composes the list pane, a widget that owns its state and
workers (`list_pane.ListPane`), and is made of the other parts in this package, each a `Screen`
mixin with its own workers and message handlers: the article view (`article_pane`), the article's
keys (`article_actions`), the names (`names_part`) and the feeds with the read state
(`feeds_part`). The screen itself composes the panes and routes keys and messages between them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from tui.analysis.model import Analyzer
from tui.analysis.types import Analysis, Entity
from tui.core.article import Article
from tui.core.labels import LABEL_GROUPS
from tui.output.render import Palette
from tui.store.bookmarks import BookmarkStore
from tui.store.library import Library
from tui.ui.main.list_pane import SORTS, ListPane
from tui.ui.read_queue import ReadQueue

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
    # The article view: the open article, the chosen fact's mentions, the model's state.
    article: Article | None
    mentions: list[Entity]
    mention_index: int
    model_status: str
    hidden_groups: set[str]
    hide_facts: bool
    _pending_offset: tuple[str, int] | None
    # The names and the feeds.
    names: Names | None
    _after_names: list[Any]
    _announce_after_indexing: list[str]
    refresh_minutes: int
    reads: ReadQueue
    _read_retry_timer: Any
    _refresh_is_auto: bool

    if TYPE_CHECKING:  # defined by the parts; declared here so that one part may call another

        def _changed(self) -> None: ...

        load_model: Callable[..., Any]

        def open_article(self, article_id: str, *, chosen: bool = True) -> None: ...
        def _start_reading(self) -> None: ...
        def _go_to_pending_offset(self) -> None: ...
        def action_mention(self, step: int) -> None: ...
        def _names_for_article(self, analysis: Analysis) -> None: ...
        def _with_names(self, then: Any) -> None: ...
        def announce_new_articles(self, new_ids: list[str]) -> None: ...
        def _is_unread(self, article_id: str) -> bool: ...
        def _mark(self, ids: list[str], read: bool) -> None: ...
        def _queue_read_change(self, change: Any) -> None: ...
