"""The messages the main screen's workers post back to the UI thread, in one place.

Each is a `DataMessage`, a dataclass: its fields are what the worker found, nothing more. A worker
runs in a thread and may only talk to the screen by posting one of these; the handler then changes
what is shown. Textual's `Message` sets itself up in `__post_init__`, which the `__init__` calls
(one made from the dataclass fields without compiling source, `_fields_init`: faster to define).
Not compared by value (two equal findings are still two messages), and no generated repr (an
article's body may be 25 MB). The screens' own messages (`MentionsScreen.Found`…) are
`DataMessage`s too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields
from typing import TYPE_CHECKING, Any, cast, dataclass_transform

from textual.message import Message

if TYPE_CHECKING:  # names in annotations only: the first frame imports no analysis code
    from tui.analysis.types import Analysis
    from tui.core.article import Article
    from tui.feeds import RefreshReport
    from tui.names.service import Names
    from tui.store.library import ArticleSummary, SearchHit
    from tui.store.state import UiState

ReadChange = tuple[tuple[str, ...], bool] | None  # (ids, read), or None: reload from disk


@dataclass_transform(eq_default=False)
class DataMessage(Message):
    """A message declared by its fields alone: each subclass is made a dataclass with no `__eq__`
    and no repr (see above), so no message writes an `__init__` or repeats the decorator."""

    def __init_subclass__(cls, **options: Any) -> None:
        super().__init_subclass__(**options)
        dataclass(eq=False, repr=False, init=False)(cls)
        cls.__init__ = _fields_init(cls)  # type: ignore[method-assign]


def _fields_init(cls: type[DataMessage]) -> Callable[..., None]:
    """The `__init__` the dataclass would write for `cls` (its fields by position or name, their
    defaults and default factories, then `__post_init__`, where Textual's `Message` sets itself
    up), made without compiling source: the dataclass compiles one per class, which was three
    quarters of this module's import, a part of the first frame (issue 20)."""
    declared = fields(cast(Any, cls))  # a dataclass by now (the decorator ran first)
    names = tuple(item.name for item in declared)
    defaults = {item.name: item.default for item in declared if item.default is not MISSING}
    factories = {item.name: item.default_factory for item in declared if item.default_factory is not MISSING}
    label = cls.__qualname__

    def __init__(self: DataMessage, *args: Any, **kwargs: Any) -> None:
        if len(args) > len(names):
            raise TypeError(f"{label}() takes {len(names)} positional arguments but {len(args)} were given")
        values = dict(zip(names, args, strict=False))
        for name, value in kwargs.items():
            if name not in names:
                raise TypeError(f"{label}() got an unexpected keyword argument {name!r}")
            if name in values:
                raise TypeError(f"{label}() got multiple values for argument {name!r}")
            values[name] = value
        for name in names:
            if name in values:
                value = values[name]
            elif name in defaults:
                value = defaults[name]
            elif name in factories:
                value = factories[name]()
            else:
                raise TypeError(f"{label}() missing a required argument: {name!r}")
            setattr(self, name, value)
        self.__post_init__()

    __init__.__qualname__ = f"{label}.__init__"
    return __init__


# Up from the main screen to the app.


class Started(DataMessage):
    """The first frame is drawn, the panes are mounted and the workers started."""


class StateChanged(DataMessage):
    """The user changed something the app remembers (sort, hidden groups, facts pane)."""

    state: UiState


# Up from the main screen's panes to the screen.


class NamesNeeded(DataMessage):
    """A pane needs the names (index, follows, corrections): the screen calls `then(names)` once
    they are open (opening them in a worker first if need be)."""

    then: Callable[[Names], object]


class SubtitleChanged(DataMessage):
    """What the header's subtitle says now: the model's state, or which mention is shown."""

    text: str


class AnalysisShown(DataMessage):
    """The article view shows an article's analysis: the names may mark it now."""

    analysis: Analysis


# From the main screen's workers to the screen (or to the pane that owns the worker).


class LibraryLoaded(DataMessage):
    """The library was refreshed from disk."""

    summaries: list[ArticleSummary]
    rejected: list[tuple[str, str]]
    feed_titles: dict[str, str] | None = None  # feed URL -> title, the source a feed's rows show


class TextIndexed(DataMessage):
    """The text of the big files listed last is in the full-text index now."""


class LibraryProgress(DataMessage):
    """Files indexed so far."""

    done: int
    total: int


class ArticleLoaded(DataMessage):
    """An article was read from its file (or could not be: `error`); `analysis` from the cache,
    when it had one."""

    article_id: str
    article: Article | None
    error: str = ""
    analysis: Analysis | None = None


class ModelReady(DataMessage):
    """The language model finished loading, or there is none (`loaded` False)."""

    loaded: bool
    status: str


class AnalysisReady(DataMessage):
    """Entities and facts for an article."""

    analysis: Analysis


class NamesOpened(DataMessage):
    """The names (index, follows, corrections) are open; `rebuild`: their index must be rebuilt
    (the cache dir was deleted while names are followed)."""

    names: Names
    rebuild: bool = False


class NamesMarks(DataMessage):
    """What the names say about the list and the open article: the articles naming a followed
    name, the spellings of followed names in `article_id`, its analysis with the library's labels
    (None: unchanged), what stopped the index being brought up to date, and whether it was
    brought up to date first (`prepared`)."""

    followed_ids: set[str]
    article_id: str | None
    texts: frozenset[str]
    analysis: Analysis | None
    problem: str | None
    prepared: bool = False


class StoriesFound(DataMessage):
    """The library's stories, newest first (or why there are none: `problem`)."""

    stories: list[Any]
    problem: str | None
    summaries: list[ArticleSummary]  # the list they order (read in the same worker)


class NewArticleLines(DataMessage):
    """What to say about the followed names the newly fetched articles name."""

    lines: list[str]


class ListRead(DataMessage):
    """What the list shows, read in a worker: the matches of `query` (with their `hits`), or with
    no query every summary in `sort` order."""

    query: str
    sort: str
    summaries: list[ArticleSummary]
    hits: dict[str, SearchHit] | None
    total: int = 0  # how many articles the query matches (the list shows the first ones)
    problem: str = ""  # why the query could not be understood (its words were searched)
    muted: frozenset[str] = frozenset()  # the muted articles, read while they are shown (`M`)


class BookmarkToggled(DataMessage):
    """The bookmark toggle was written (a lock and an fsync: in a worker); what to say."""

    notes: list[tuple[str, str]]  # (text, severity)
    bookmarked: set[str]


class FollowToggled(DataMessage):
    """A name was followed or unfollowed (or could not be: severity "error"); what to say."""

    note: str
    timeout: float
    severity: str


class ReadStateWritten(DataMessage):
    """The read-state worker finished its changes; `notes` are problems to tell the user, `failed`
    the changes not written (the first that failed and those after it, in order), to retry."""

    notes: list[str]
    failed: list[ReadChange] = field(default_factory=list)


# Up from the feeds refresh worker (`tui/ui/screens/feeds.py`, `refresh_in_worker`) to the node
# that started it: the feeds screen, or the main screen's feeds part.


class FeedsProgress(DataMessage):
    """A refresh advanced: `done` of `total` feeds finished, the last being `url`."""

    done: int
    total: int
    url: str


class FeedsRefreshed(DataMessage):
    """A refresh finished (or was cancelled); `report` has every feed's result and the new ids."""

    report: RefreshReport
