"""The reading pane: title and meta, the legend, notices, and the body with entities highlighted.

Very long bodies are shown a part at a time (`[` / `]`), so wrapping a 25 MB article never freezes the UI.
"""

from __future__ import annotations

from collections.abc import Collection

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from tui.analysis.types import Analysis, Entity
from tui.core.article import Article
from tui.output.render import FOCUS_STYLE, Palette, article_header, render_body, render_legend

PART_CHARS = 60_000
LEGEND_MIN_HEIGHT = 16  # a shorter reading pane folds the legend away: the body text comes first


def _is_focus(style: str | Style) -> bool:
    """Whether a span carries the focused-mention style (on top of the entity's own)."""
    return isinstance(style, Style) and style + FOCUS_STYLE == style


def split_parts(body: str, size: int = PART_CHARS) -> list[tuple[int, int]]:
    """(start, end) ranges covering `body`, cut at paragraph breaks (or whitespace) near `size`."""
    parts: list[tuple[int, int]] = []
    start = 0
    while len(body) - start > size:
        cut = body.rfind("\n\n", start, start + size)
        if cut <= start + size // 2:
            cut = body.rfind(" ", start, start + size)
        if cut <= start + size // 2:
            cut = start + size
        parts.append((start, cut))
        start = cut
    parts.append((start, len(body)))
    return parts


class ArticleBody(VerticalScroll):
    """The scrolling body text; `j`/`k` scroll like a pager."""

    BINDINGS = [
        Binding("j", "scroll_down", "Scroll down", show=False),
        Binding("k", "scroll_up", "Scroll up", show=False),
        Binding("space", "page_down", "Page down", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
    ]


class ArticleView(Vertical):
    """Shows one article; attributes are set by the app, nothing is posted up."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.article: Article | None = None
        self.analysis: Analysis | None = None
        self.palette = Palette()
        self.hidden_groups: frozenset[str] = frozenset()
        self.focus_span: tuple[int, int] | None = None
        self.parts: list[tuple[int, int]] = [(0, 0)]
        self.part = 0
        self.rendered = Text()  # the body part on screen, with its entity spans
        self.followed: frozenset[str] = frozenset()  # spellings of followed names, marked

    def compose(self) -> ComposeResult:
        yield Static(Text("Choose an article and press Enter."), id="article-header")
        yield Static(Text(), id="legend")
        yield Static(Text(), id="article-notes")
        with ArticleBody(id="article-scroll"):
            yield Static(Text(), id="article-body")

    @property
    def entities(self) -> list[Entity]:
        """Entities of the current analysis, if it belongs to the article shown."""
        if self.article is None or self.analysis is None:
            return []
        if self.analysis.article_id != self.article.id:
            return []
        return self.analysis.entities

    def show_article(self, article: Article, analysis: Analysis | None = None) -> None:
        """Show an article at once: highlighted if its analysis is known, else plain text that
        `show_analysis` highlights later."""
        self.article = article
        self.analysis = analysis if analysis is not None and analysis.article_id == article.id else None
        self.focus_span = None
        self.parts = split_parts(article.body)
        self.part = 0
        self.query_one("#article-header", Static).update(article_header(article))
        self.query_one("#article-scroll", ArticleBody).scroll_home(animate=False)
        self._refresh_all()

    def show_analysis(self, analysis: Analysis) -> None:
        """Add the entities of `analysis` (ignored if it is for another article)."""
        if self.article is None or analysis.article_id != self.article.id:
            return
        if analysis is self.analysis:
            return  # already drawn by show_article (a cached analysis): no second render
        self.analysis = analysis
        self._refresh_all()

    def set_display(self, palette: Palette, hidden_groups: Collection[str]) -> None:
        """Change colours or hidden groups and redraw."""
        self.palette = palette
        self.hidden_groups = frozenset(hidden_groups)
        self._refresh_all()

    def set_followed(self, texts: frozenset[str]) -> None:
        """Mark the mentions spelled as one of `texts` (followed names) and redraw if they changed."""
        if texts != self.followed:
            self.followed = texts
            self._refresh_body()

    def go_part(self, delta: int) -> bool:
        """Move to the next/previous part of a very long article; False if there is none."""
        target = self.part + delta
        if not 0 <= target < len(self.parts):
            return False
        self.part = target
        self.query_one("#article-scroll", ArticleBody).scroll_home(animate=False)
        self._refresh_body()
        self._refresh_notes()
        return True

    def focus_mention(self, entity: Entity) -> None:
        """Mark one mention, switch to its part and scroll it into view."""
        self.focus_span = (entity.start, entity.end)
        for index, (start, end) in enumerate(self.parts):
            if start <= entity.start < end:
                self.part = index
        self._refresh_body()
        self._refresh_notes()
        self._scroll_to_focus()
        # Once the new part is laid out (it may be taller than the one before), scroll again.
        self.call_after_refresh(self._scroll_to_focus)

    def _scroll_to_focus(self) -> None:
        """Scroll so the marked mention is a few lines from the top.

        The line is found by wrapping the text on screen up to the mark: body offsets cannot be
        used, since label marks ("[PERSON]") add text and wrapping drops spaces."""
        start = next((span.start for span in self.rendered.spans if _is_focus(span.style)), None)
        if start is None:
            return
        body = self.query_one("#article-body", Static)
        scroll = self.query_one("#article-scroll", ArticleBody)
        width = max(1, body.content_region.width or scroll.size.width)
        lines = Text(self.rendered.plain[:start]).wrap(self.app.console, width)
        scroll.scroll_to(y=max(0, len(lines) - 4), animate=False)

    def _body_text(self) -> Text:
        assert self.article is not None
        start, end = self.parts[self.part]
        body = self.article.body[start:end]
        entities = [
            Entity(e.start - start, e.end - start, e.label, e.text)
            for e in self.entities
            if start <= e.start and e.end <= end
        ]
        focus = None
        if self.focus_span is not None:
            focus = (self.focus_span[0] - start, self.focus_span[1] - start)
        followed = {(e.start, e.end) for e in entities if e.text in self.followed}
        return render_body(body, entities, self.palette, self.hidden_groups, focus, followed)

    def _refresh_all(self) -> None:
        self._refresh_body()
        self._refresh_notes()
        legend = self.query_one("#legend", Static)
        legend.update(render_legend(self.entities, self.palette, self.hidden_groups))
        self._fit_legend()

    def _fit_legend(self) -> None:
        legend = self.query_one("#legend", Static)
        legend.display = bool(self.entities) and self.size.height >= LEGEND_MIN_HEIGHT

    def on_resize(self) -> None:
        self._fit_legend()

    def _refresh_body(self) -> None:
        if self.article is None:
            return
        self.rendered = self._body_text()
        self.query_one("#article-body", Static).update(self.rendered)

    def _refresh_notes(self) -> None:
        notes: list[str] = []
        if self.article is not None:
            notes.extend(self.article.notices)
            if len(self.parts) > 1:
                notes.append(
                    f"Part {self.part + 1} of {len(self.parts)} of a very long article: "
                    "press ] for the next part, [ for the previous one."
                )
        if self.article is not None and self.analysis is None:
            notes.append("Finding entities…")
        elif self.analysis is not None:
            notes.extend(self.analysis.notes)
        widget = self.query_one("#article-notes", Static)
        widget.update(Text("\n".join(notes)))
        widget.display = bool(notes)
