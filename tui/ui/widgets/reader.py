"""The reading pane: title and meta, the legend, notices, and the body with entities highlighted.

The body is drawn a screen line at a time (`BodyText`): opening an article turns only the lines on
screen into strips. Very long bodies are also shown a part at a time (`[` / `]`), so a 25 MB article
never freezes the UI.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection

from rich._wrap import divide_line
from rich.style import Style
from rich.text import Span, Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.content import Span as ContentSpan
from textual.geometry import Size
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import Visual
from textual.widget import Widget
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


class BodyText(Widget):
    """The body text, wrapped and drawn one screen line at a time.

    A `Static` wraps every line of the article and turns every wrapped line into strips before the
    first frame. Here the height comes from `divide_line` on the plain text of each hard line (the
    wrapping Textual's `Content` does itself, so the lines drawn are the lines counted), and a hard
    line becomes `Content` and strips only when one of its lines is on screen; its strips are kept
    until the text, the width or the look changes. Selecting and copying text works as in a `Static`.
    """

    DEFAULT_CSS = """
    BodyText {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self._text = Text()
        self._plain: list[str] = [""]  # the hard lines
        self._offsets: list[int] = [0]  # where each hard line starts in the text
        self._spans: list[list[Span]] = [[]]  # the text's styled spans, by hard line
        self._styles: dict[str | Style, VisualStyle] = {}  # Rich styles turned into Textual's
        self._width = -1  # the width `_starts` and `_breaks` were measured for
        self._starts: list[int] = [0, 1]  # first screen line of each hard line, then the total
        self._breaks: list[list[int]] = [[]]  # where each hard line wraps
        self._strips: dict[tuple[int, VisualStyle], list[Strip]] = {}

    @property
    def text(self) -> Text:
        """The text shown."""
        return self._text

    def update(self, text: Text) -> None:
        """Show `text` (plain text with styled spans); nothing is wrapped until it is laid out, and
        nothing is rendered until it is on screen."""
        if text.plain != self._text.plain:
            self._width = -1  # measured again when laid out (the same words wrap the same way)
        self._text = text
        self._plain = text.plain.split("\n")
        offsets = [0]
        for line in self._plain[:-1]:
            offsets.append(offsets[-1] + len(line) + 1)
        self._offsets = offsets
        spans: list[list[Span]] = [[] for _ in self._plain]
        for span in text.spans:
            first = bisect_right(offsets, span.start) - 1
            last = bisect_right(offsets, max(span.start, span.end - 1)) - 1
            for index in range(first, last + 1):
                spans[index].append(span)
        self._spans = spans
        self._strips.clear()
        self.refresh(layout=True)

    def notify_style_update(self) -> None:
        # A new theme can change what the styles' colours become: convert them again.
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    def selection_updated(self, selection: Selection | None) -> None:
        self._strips.clear()
        self.refresh()

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        return selection.extract(self._text.plain), "\n"

    def _measure(self, width: int) -> None:
        if width == self._width:
            return
        starts = [0]
        breaks: list[list[int]] = []
        total = 0
        for line in self._plain:
            offsets = divide_line(self._expanded(line), width, fold=True) if line else []
            breaks.append(offsets)
            total += len(offsets) + 1
            starts.append(total)
        self._width, self._starts, self._breaks = width, starts, breaks
        self._strips.clear()

    @staticmethod
    def _expanded(line: str) -> str:
        """`line` as `Content` wraps it: tabs expanded."""
        return Content(line).expand_tabs(8).plain if "\t" in line else line

    def line_of(self, offset: int) -> int:
        """The screen line showing character `offset` of the text, at the current width (the
        scrolling parent's, before the first layout)."""
        width = self.size.width or (self.parent.size.width if isinstance(self.parent, Widget) else 0)
        self._measure(max(1, width))
        index = bisect_right(self._offsets, offset) - 1
        return self._starts[index] + bisect_right(self._breaks[index], offset - self._offsets[index])

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        self._measure(max(1, width))
        return self._starts[-1]

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        style = self.visual_style
        self._measure(max(1, width))
        if not 0 <= y < self._starts[-1]:
            return Strip.blank(width, style.rich_style)
        index = bisect_right(self._starts, y) - 1
        strips = self._strips.get((index, style))
        if strips is None:
            strips = self._render_hard_line(index, width, style)
            self._strips[(index, style)] = strips
        row = y - self._starts[index]
        return strips[row] if row < len(strips) else Strip.blank(width, style.rich_style)

    def _textual_style(self, style: str | Style) -> VisualStyle:
        converted = self._styles.get(style)
        if converted is None:
            rich_style = self.app.console.get_style(style) if isinstance(style, str) else style
            converted = VisualStyle.from_rich_style(rich_style, self.app.ansi_theme)
            self._styles[style] = converted
        return converted

    def _line_content(self, index: int) -> Content:
        """Hard line `index` as `Content`, as `Content.from_rich_text(text).split("\\n")` has it."""
        plain = self._plain[index]
        start, end = self._offsets[index], self._offsets[index] + len(plain)
        spans = [
            ContentSpan(
                max(span.start, start) - start, min(span.end, end) - start, self._textual_style(span.style)
            )
            for span in self._spans[index]
            if span.end > start and span.start < end
        ]
        line = Content(plain, spans)
        if self._text.style:
            line = line.stylize_before(self._textual_style(self._text.style))
        return line

    def _render_hard_line(self, index: int, width: int, style: VisualStyle) -> list[Strip]:
        line = self._line_content(index)
        selection = self.text_selection
        if selection is not None and (span := selection.get_span(index)) is not None:
            start, end = span
            selection_style = VisualStyle.from_styles(self.screen.get_component_styles("screen--selection"))
            line = line.stylize(selection_style, start, len(line.plain) if end == -1 else end)
        strips = Visual.to_strips(self, line, width, None, style, apply_selection=False)
        # Offsets for selecting text: (column in the hard line, hard line), as a Static has them.
        starts = [0, *self._breaks[index]]
        return [strip.apply_offsets(start, index) for strip, start in zip(strips, starts, strict=False)]


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
            yield BodyText(id="article-body")

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

        The line comes from the body's own wrapping of the text on screen, found by the mark's
        offset in that text: body offsets cannot be used, since label marks ("[PERSON]") add text."""
        start = next((span.start for span in self.rendered.spans if _is_focus(span.style)), None)
        if start is None:
            return
        line = self.query_one("#article-body", BodyText).line_of(start)
        self.query_one("#article-scroll", ArticleBody).scroll_to(y=max(0, line - 3), animate=False)

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
        self.query_one("#article-body", BodyText).update(self.rendered)

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
