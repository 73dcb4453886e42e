"""The `?` screen: every key Dateline answers to."""

from __future__ import annotations

from rich.console import RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: tuple[tuple[str, str], ...] = (
    ("j / k, ↓ / ↑", "move in the list, scroll the article, move in the facts"),
    ("Enter", "open the highlighted article (on a fact: where else it is mentioned)"),
    ("Tab / Shift+Tab", "next / previous pane"),
    ("Esc", "back: to the search results, close search, return to the list"),
    (
        "/",
        'search: words, "a phrase", person: org: place: name: title: feed: tag: unread: since: '
        "before:, -term to exclude, OR; the count of all matches in the status line; Esc clears",
    ),
    ("s", "sort by date, title or source"),
    ("b", "bookmark or un-bookmark the open article"),
    ("B", "the bookmarks screen"),
    ("f", "show or hide the facts sidebar"),
    ("n / N", "next / previous mention of the chosen fact"),
    ("1 … 6", "hide or show a group of entities (see the legend)"),
    ("[ / ]", "previous / next part of a very long article"),
    ("e", "export the open article (Markdown, JSON, HTML, displaCy)"),
    ("o", "open the article's web link (config.toml's browser; over SSH: copy it)"),
    ("L", "the article's links, numbered; Enter or a number opens one"),
    ("w", "on a name in the facts: follow it (w again: stop following)"),
    ("W", "the names you follow; Enter: a name's timeline; w: unfollow (u: undo)"),
    ("I", "who is in the news (last 7 or 30 days); Enter: a timeline; w: follow"),
    ("c", "on a name in the facts: correct it in every article"),
    ("g", "group the list by story; g again: the plain list"),
    (
        "F",
        "feeds and saved searches; Enter shows one (Esc: all); there r / R refresh one / all, "
        "a adds, d removes, e renames (a saved search: its query), t shows a folder or tag",
    ),
    ("r", "refresh every feed in the background"),
    ("u", "mark the highlighted or open article unread (again: read)"),
    ("A", "mark every article the list stands for read (all of a search's matches); u undoes"),
    ("l", "unread articles only (again: all; remembered)"),
    ("J / K", "open the next / previous unread article, across feeds"),
    ("v", "the feeds with their unread counts; Enter shows one feed"),
    ("M", "show the muted articles too (again: hide them)"),
    ("Ctrl+P", "command palette: every action by name"),
    ("?", "this help (j / k scroll it)"),
    ("q", "quit"),
)


WIDE_ENOUGH = 50  # below this many columns inside the box, each description goes under its key


def keys_table(width: int) -> RenderableType:
    """The keys beside their descriptions, or (narrow) each description indented under its key."""
    if width >= WIDE_ENOUGH:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, what in KEYS:
            table.add_row(Text(key), Text(what))
        return table
    stacked = Table.grid()
    stacked.add_column()
    for key, what in KEYS:
        stacked.add_row(Text(key, style="bold"))
        stacked.add_row(Padding(Text(what), (0, 0, 0, 2)))
    return stacked


class HelpScreen(ModalScreen[None]):
    """A modal list of keys; any of Esc, q or ? closes it; j/k (and the arrows, Page Up/Down,
    Space) scroll it when it is taller than the terminal."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("q", "dismiss", "Close", show=False),
        Binding("question_mark", "dismiss", "Close", show=False),
        Binding("j", "scroll(1)", "Down", show=False),
        Binding("k", "scroll(-1)", "Up", show=False),
        Binding("space", "scroll(0)", "Page down", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(Text("Dateline keys", style="bold underline"), id="help-title")
            yield Static(keys_table(WIDE_ENOUGH), id="help-keys")
            yield Static(Text("j/k scroll · Esc closes this screen.", style="dim"))

    def on_resize(self) -> None:
        box = self.query_one("#help-box")
        self.query_one("#help-keys", Static).update(keys_table(box.scrollable_content_region.width))

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()  # the arrows and Page Up/Down scroll it at once

    def action_scroll(self, step: int) -> None:
        """j/k: a line down or up; Space: a page down."""
        box = self.query_one("#help-box", VerticalScroll)
        if step == 0:
            box.scroll_page_down(animate=False)
        elif step > 0:
            box.scroll_down(animate=False)
        else:
            box.scroll_up(animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
