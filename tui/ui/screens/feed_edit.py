"""Changing the feeds from the feeds screen (`F`, issue 21): subscribe, unsubscribe and rename
through the same store code as `dateline feeds add/remove` (`Subscriptions`, `FetchState`: each
change locked and atomic), a saved search's query changed or the search forgotten as `dateline
saved add/remove` do (`SavedSearches`), a yes/no question, and the folder or tag filter's picker.

The write functions block on a lock and the disk: the feeds screen calls them from thread workers
(or a `TextPrompt` check run in one), never on the UI thread. Each returns what to tell the user.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.core.sanitize import clean_line
from tui.core.text import plural
from tui.feeds.overview import FeedOverview
from tui.feeds.store import FetchState, Subscription, Subscriptions
from tui.feeds.urls import clean_url, is_http_url
from tui.store.atomic import DocumentError


def subscribe(given: str) -> str | None:
    """Subscribe to the feed at `given` as `dateline feeds add URL` does; the problem in words, or
    None when subscribed (the URL is then `clean_url(given)`)."""
    url = clean_url(given.strip())
    if not is_http_url(url):
        return f"{clean_line(given.strip())}: not an http(s) URL (a feed's address starts with https://)"
    subscriptions = Subscriptions()
    try:
        added = subscriptions.add(Subscription(url=url))
    except (OSError, DocumentError) as error:
        return f"Could not save the subscriptions: {error}"
    if not added:
        return "Already subscribed to that feed (nothing changed)."
    return None


def unsubscribe(url: str, name: str) -> tuple[str, bool]:
    """Unsubscribe as `dateline feeds remove` does (the feed's fetch status forgotten, its articles
    kept); (what to say, whether it worked)."""
    subscriptions = Subscriptions()
    try:
        removed = subscriptions.remove(url)
        if removed:
            FetchState().forget_feed(url)
    except (OSError, DocumentError) as error:
        return f"Could not save the subscriptions: {error}", False
    notes = " ".join(subscriptions.messages)
    if not removed:
        return f"{name}: not subscribed (removed elsewhere?)", False
    return f"Unsubscribed from {name} (its articles stay in the library). {notes}".strip(), True


def rename(url: str, title: str) -> tuple[str, bool]:
    """Give the feed the user's title (as `feeds add --title`); empty: its own title again."""
    subscriptions = Subscriptions()
    try:
        renamed = subscriptions.rename(url, title)
    except (OSError, DocumentError) as error:
        return f"Could not save the subscriptions: {error}", False
    if not renamed:
        return "That feed is no longer subscribed (removed elsewhere?)", False
    title = clean_line(title)
    return (f"Renamed to “{title}”." if title else "The feed's own title is shown again."), True


def change_saved_query(name: str, query: str) -> str | None:
    """Give the saved search `name` a new query (as `dateline saved add NAME QUERY` replaces it);
    the problem in words (a query that cannot be understood is not saved), or None when saved."""
    from tui.names.query import TermError
    from tui.names.search import query_kind
    from tui.store.rules import SavedSearches, clean_query

    try:
        query_kind(clean_query(query))
    except TermError as problem:
        return f"Not saved: {problem}"
    try:
        SavedSearches().add(name, query)
    except (OSError, ValueError, DocumentError) as error:
        return f"Could not save the search: {error}"
    return None


def forget_saved(name: str) -> tuple[str, bool]:
    """Forget the saved search `name` as `dateline saved remove` does (no article changes)."""
    from tui.store.rules import SavedSearches

    try:
        removed = SavedSearches().remove(name)
    except (OSError, DocumentError) as error:
        return f"Could not save the saved searches: {error}", False
    if not removed:
        return f"{name}: no such saved search (removed elsewhere?)", False
    return f"Forgot the saved search {name} (no article changed).", True


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question: `y` answers yes, `n` or `Esc` no (the safe answer is the easy one)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "answer(False)", "No", show=False),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question, self.detail = question, detail

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Static(Content.styled(self.question, "bold"), id="confirm-question")
            if self.detail:
                yield Static(Content(self.detail), id="confirm-detail")
            yield Static(Content.styled("y: yes · n or Esc: no", "dim"))

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)


@dataclass(frozen=True)
class FeedFilter:
    """Which feeds the feeds screen lists: those in one OPML folder, or with one newsboat tag."""

    kind: str  # "folder" or "tag"
    name: str

    def matches(self, row: FeedOverview) -> bool:
        """Whether the feed `row` is in the folder, or carries the tag."""
        return row.folder == self.name if self.kind == "folder" else self.name in row.tags

    @property
    def label(self) -> str:
        """How the status line names it."""
        return f"{'Folder' if self.kind == 'folder' else 'Tag'} {self.name}"


def filters_of(rows: Sequence[FeedOverview]) -> list[tuple[FeedFilter, int]]:
    """Every folder, then every tag, the feeds carry (each sorted, any case), with its feed count."""
    counts: dict[FeedFilter, int] = {}
    for row in rows:
        for wanted in [FeedFilter("folder", row.folder)] if row.folder else []:
            counts[wanted] = counts.get(wanted, 0) + 1
        for tag in row.tags:
            counts[FeedFilter("tag", tag)] = counts.get(FeedFilter("tag", tag), 0) + 1
    order = sorted(counts, key=lambda f: (f.kind != "folder", f.name.casefold(), f.name))
    return [(each, counts[each]) for each in order]


ALL_FEEDS = "all"  # the picker's first option: no filter


class FilterScreen(ModalScreen[FeedFilter | str | None]):
    """Pick a folder or a tag (`t` on the feeds screen): dismissed with the filter, ALL_FEEDS for
    every feed, or None (Esc: no change)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("j", "down", "Down", show=False),
        Binding("k", "up", "Up", show=False),
    ]

    def __init__(self, choices: list[tuple[FeedFilter, int]], current: FeedFilter | None) -> None:
        super().__init__()
        self.choices, self.current = choices, current

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Static(Content.styled("Show the feeds of", "bold"))
            options = [Option(Content("All feeds"), id=ALL_FEEDS)]
            options += [
                Option(Content(f"{each.label} ({plural(count, 'feed')})"), id=f"{index}")
                for index, (each, count) in enumerate(self.choices)
            ]
            yield OptionList(*options, id="filter-list")
            yield Static(Content.styled("Enter shows · Esc cancels", "dim"))

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        chosen = [each for each, _ in self.choices]
        listing.highlighted = chosen.index(self.current) + 1 if self.current in chosen else 0
        listing.focus()

    @on(OptionList.OptionSelected, "#filter-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        picked = event.option.id
        self.dismiss(ALL_FEEDS if picked == ALL_FEEDS or picked is None else self.choices[int(picked)][0])

    def action_down(self) -> None:
        """j: the next option."""
        self.query_one(OptionList).action_cursor_down()

    def action_up(self) -> None:
        """k: the previous option."""
        self.query_one(OptionList).action_cursor_up()

    def action_cancel(self) -> None:
        """Close; the filter stays as it was."""
        self.dismiss(None)
