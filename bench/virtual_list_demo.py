"""A prototype (not the app): the list as a virtual ScrollView that renders only visible rows.

    python bench/virtual_list_demo.py PATH

Shows what the first frame at 10,000 articles could cost if `ArticleList` stopped measuring
every row the way OptionList does. Same header, footer, status line and index query as the app.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Footer, Header, Static

from tui.store.library import ArticleSummary, Library

ROW_LINES = 2


class VirtualArticleList(ScrollView, can_focus=True):
    """Two lines per article, drawn on demand: cost grows with the screen, not the library."""

    BINDINGS = [Binding("j", "down", show=False), Binding("k", "up", show=False)]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ArticleSummary] = []
        self.cursor = 0

    def set_rows(self, rows: list[ArticleSummary]) -> None:
        self.rows = rows
        self.virtual_size = Size(0, len(rows) * ROW_LINES)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index, part = divmod(self.scroll_offset.y + y, ROW_LINES)
        if index >= len(self.rows):
            return Strip.blank(width)
        row = self.rows[index]
        text = row.title if part == 0 else f"  {row.source} · {row.published or ''} · {row.words:,} words"
        if len(text) > width:
            text = text[: max(0, width - 1)] + "…"
        style = Style(reverse=True) if index == self.cursor else Style(bold=part == 0)
        return Strip([Segment(text.ljust(width), style)], width)

    def action_down(self) -> None:
        self.cursor = min(self.cursor + 1, len(self.rows) - 1)
        self.scroll_to_region_for(self.cursor)
        self.refresh()

    def action_up(self) -> None:
        self.cursor = max(self.cursor - 1, 0)
        self.scroll_to_region_for(self.cursor)
        self.refresh()

    def scroll_to_region_for(self, index: int) -> None:
        top = index * ROW_LINES
        if top < self.scroll_offset.y:
            self.scroll_to(y=top, animate=False)
        elif top + ROW_LINES > self.scroll_offset.y + self.scrollable_content_region.height:
            self.scroll_to(y=top + ROW_LINES - self.scrollable_content_region.height, animate=False)


class DemoApp(App[None]):
    """Header, the virtual list, a reading pane placeholder, the status line and the footer."""

    CSS = """
    #list-pane { width: 30; }
    VirtualArticleList { height: 1fr; }
    #status { height: 1; }
    """
    BINDINGS = [Binding("q", "quit", "Quit")]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            with Vertical(id="list-pane"):
                yield VirtualArticleList()
                yield Static(Text("Loading library…"), id="status")
            yield Static(Text("Choose an article and press Enter."))
        yield Footer()

    def on_mount(self) -> None:
        summaries = self.library.summaries("date")
        self.query_one(VirtualArticleList).set_rows(summaries)
        self.query_one("#status", Static).update(Text(f"{len(summaries):,} articles · by date"))
        self.query_one(VirtualArticleList).focus()


if __name__ == "__main__":
    DemoApp(Library.for_paths([Path(p) for p in sys.argv[1:]])).run()
    sys.exit(0)
