"""The list of articles, drawn virtually: only the rows on screen are rendered.

OptionList measures every row up front (9.6 s of an 11.9 s start with 10,000 articles, bench/results.md),
so this list has fixed-height rows (title; source · date · words; the search snippet when searching)
and renders lines on demand: its cost grows with the screen, not the library.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Mapping, Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.core.text import display_date, plural
from tui.store.library import ArticleSummary, SearchHit
from tui.store.paths import compact_source
from tui.ui.glyphs import current as current_glyphs

NO_MARK = "  "


def row_marks(bookmarked: bool, unread: bool, width: int = len(NO_MARK)) -> str:
    """The marks before a title: the bookmark ("★ "), or with feeds (`width` 3) the unread mark
    first and the bookmark second ("●★ "). Shapes, not colours: they show in NO_COLOR too."""
    glyphs = current_glyphs()
    bookmark = glyphs.bookmark if bookmarked else " "
    if width <= len(NO_MARK):
        return bookmark + " "
    return (glyphs.unread if unread else " ") + bookmark + " "


def summary_lines(
    summary: ArticleSummary,
    bookmarked: bool,
    hit: SearchHit | None = None,
    width: int = 0,
    followed: bool = False,
    story: str = "",
    *,
    unread: bool = False,
    marks: int = len(NO_MARK),
    muted: bool = False,
    feed_title: str = "",
) -> list[Text]:
    """The lines of one row (plain text from the article, never markup).

    The title takes one line, or two when it is wider than `width` (the second is cut with "…"
    when drawn); then source · date · words (after the followed-name glyph when the article names
    a followed name, after `story` when the list is grouped by story); then the search snippet
    with the matches marked. `marks` is the width of the marks column: 3 when the list can show
    unread marks. `muted`: a mute rule matches it (listed because `M` shows them): said first on
    the source line, so that a muted row never passes for an ordinary one. `feed_title`: the
    source shown for a feed's article (the feed's title, not its site's host).
    """
    title = row_marks(bookmarked, unread, marks) + summary.title
    lines = [Text(part, style="bold") for part in _wrap_title(title, width, marks)]
    meta = ["muted"] if muted else []
    meta += [story] if story else []
    meta.append(feed_title or compact_source(summary.source))
    if summary.published:
        meta.append(display_date(summary.published))
    meta.append(plural(summary.words, "word"))
    mark = current_glyphs().followed + " " if followed else NO_MARK
    lines.append(Text(mark + " · ".join(meta), style="dim"))
    if hit is not None:
        # Newlines become spaces one for one, so the match offsets still point at the right text.
        flat = "".join(" " if ch.isspace() else ch for ch in hit.snippet)
        flat, matches = _centre_on_match(flat, hit.matches, width - 2)
        snippet = Text("  " + flat, style="italic")
        for start, end in matches:
            snippet.stylize("bold reverse", start + 2, end + 2)
        lines.append(snippet)
    return lines


def _centre_on_match(
    snippet: str, matches: tuple[tuple[int, int], ...], room: int
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The snippet cut so that its first match is in the middle of `room` cells (the row is
    narrower than the snippet); unchanged when the match already shows."""
    if room <= 0 or not matches or matches[0][1] <= room - 1:
        return snippet, matches
    start, end = matches[0]
    begin = max(0, (start + end) // 2 - room // 2)
    space = snippet.find(" ", begin, start)
    begin = space + 1 if space >= 0 else begin
    cut = "…" + snippet[begin:]
    shift = 1 - begin
    return cut, tuple((s + shift, e + shift) for s, e in matches if s >= begin)


def title_lines(title: str, width: int, marks: int = len(NO_MARK)) -> int:
    """How many lines a title takes in a list `width` cells wide (1 or 2)."""
    return 1 if width <= 0 or cell_len(title) + marks <= width else 2


def _wrap_title(title: str, width: int, marks: int = len(NO_MARK)) -> list[str]:
    if title_lines(title[marks:], width, marks) == 1:
        return [title]
    cut = width
    while cut > 0 and cell_len(title[:cut]) > width:
        cut -= 1
    space = title.rfind(" ", marks + 1, cut + 1)
    if space > marks:
        cut = space
    return [title[:cut], " " * marks + title[cut:].lstrip()]


class ArticleList(ScrollView, can_focus=True):
    """Articles to choose from; `Enter` opens the highlighted one."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"article-list--cursor", "article-list--cursor-blurred"}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
    ]

    highlighted: reactive[int | None] = reactive(None, always_update=True)

    class Opened(Message):
        """The user asked to open an article."""

        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.summaries: list[ArticleSummary] = []
        self._bookmarked: frozenset[str] = frozenset()
        self._unread: frozenset[str] = frozenset()
        self._has_feeds = False  # any feed article listed: the marks column makes room for unread
        self._hits: dict[str, SearchHit] = {}
        self._followed: frozenset[str] = frozenset()  # ids of articles naming a followed name
        self._stories: dict[str, str] = {}  # id -> "story N · k sources" when grouped by story
        self._muted: frozenset[str] = frozenset()  # listed muted articles (`M`), marked "muted"
        self._feed_titles: dict[str, str] = {}  # feed URL -> title: a feed article's source line
        self._cache: dict[int, list[Text]] = {}
        self._starts: list[int] = [0]  # first line of each row, plus the total at the end
        self._rows_to_come = 0  # rows after `summaries` that a later `set_articles` brings
        self._width = 0
        self._paint_style: Style | None = None  # the list's style while a paint is under way

    # ----- data ---------------------------------------------------------------------------------
    def _layout(self) -> None:
        """Row positions for the current width: O(n) string lengths, no text wrapping."""
        width = self.scrollable_content_region.width
        self._width = width
        self._cache.clear()
        extra = 2 if self._hits else 1
        marks = self.marks_width
        if width <= 0:  # not laid out yet (set before the first frame): one line per title
            starts = list(range(0, (len(self.summaries) + 1) * (1 + extra), 1 + extra))
        else:
            starts = [0]
            total = 0
            room = width - marks
            for summary in self.summaries:
                title = summary.title
                # Printable ASCII is one cell a character: no need to measure (10,000 rows at start).
                fits = len(title) <= room if title.isascii() and title.isprintable() else None
                if fits is None:
                    fits = title_lines(title, width, marks) == 1
                total += extra + (1 if fits else 2)
                starts.append(total)
        self._starts = starts
        # Rows still to come take their room already (one-line titles), so the scrollbar of a
        # screenful (the first frame) is the scrollbar of the whole list, or within a line of it.
        self.virtual_size = Size(0, starts[-1] + self._rows_to_come * (1 + extra))

    def _row_at(self, line: int) -> tuple[int, int]:
        index = bisect_right(self._starts, line) - 1
        return index, line - self._starts[index]

    def set_articles(
        self,
        summaries: Sequence[ArticleSummary],
        bookmarked: Collection[str],
        hits: Mapping[str, SearchHit] | None = None,
        unread: Collection[str] = (),
        *,
        total: int | None = None,
        feeds: bool = False,
    ) -> None:
        """Show these articles (with search snippets if given), keeping the highlight if possible.

        `total`: the list has that many articles, of which `summaries` are the first (a screenful
        for the first frame), and `feeds`: any of them is from a feed; the next call brings them
        all."""
        current = self.highlighted_id
        self.summaries = list(summaries)
        self._rows_to_come = max(0, total - len(self.summaries)) if total is not None else 0
        self._bookmarked = frozenset(bookmarked)
        self._unread = frozenset(unread)
        self._has_feeds = feeds or any(summary.feed for summary in self.summaries)
        self._hits = dict(hits or {})
        self._layout()
        if not self.summaries:
            self.highlighted = None
        else:
            index = next((i for i, s in enumerate(self.summaries) if s.id == current), 0)
            self.highlighted = index
        self.refresh()

    def set_bookmarked(self, bookmarked: Collection[str]) -> None:
        """Refresh the bookmark marks only."""
        self._bookmarked = frozenset(bookmarked)
        self._cache.clear()
        self.refresh()

    def set_name_marks(self, followed: Collection[str], stories: Mapping[str, str] | None = None) -> None:
        """Mark the articles naming a followed name; with `stories`, each row's story line."""
        followed, stories = frozenset(followed), dict(stories or {})
        if followed == self._followed and stories == self._stories:
            return  # called after every article opens: most of the time nothing changed
        self._followed = followed
        self._stories = stories
        self._cache.clear()
        self.refresh()

    def set_feed_titles(self, titles: Mapping[str, str]) -> None:
        """The feeds' titles, shown as their articles' source (in place of the site's host)."""
        titles = dict(titles)
        if titles == self._feed_titles:
            return
        self._feed_titles = titles
        self._cache.clear()
        self.refresh()

    def _feed_title(self, summary: ArticleSummary) -> str:
        return self._feed_titles.get(summary.feed, "") if summary.feed else ""

    def set_muted(self, muted: Collection[str]) -> None:
        """Mark these articles muted (those of them listed; none when the muted are hidden)."""
        muted = frozenset(muted)
        if muted == self._muted:
            return
        self._muted = muted
        self._cache.clear()
        self.refresh()

    def set_unread(self, unread: Collection[str]) -> None:
        """Refresh the unread marks only."""
        before = self.marks_width
        self._unread = frozenset(unread)
        if self.marks_width != before:
            self._layout()  # the marks column widened or narrowed: titles may wrap differently
        self._cache.clear()
        self.refresh()

    @property
    def marks_width(self) -> int:
        """Cells before each title: 3 (unread, bookmark, space) once feeds or unread articles are
        listed, else 2 (bookmark, space) as before feeds existed."""
        return len(NO_MARK) + 1 if self._has_feeds or self._unread else len(NO_MARK)

    @property
    def unread_ids(self) -> frozenset[str]:
        """The listed articles marked unread."""
        return self._unread

    def row_prompt(self, index: int) -> Text:
        """One row as one Text, the title unwrapped (for tests and screen readers)."""
        summary = self.summaries[index]
        lines = summary_lines(
            summary,
            summary.id in self._bookmarked,
            self._hits.get(summary.id),
            followed=summary.id in self._followed,
            story=self._stories.get(summary.id, ""),
            unread=summary.id in self._unread,
            marks=self.marks_width,
            muted=summary.id in self._muted,
            feed_title=self._feed_title(summary),
        )
        return Text("\n").join(lines)

    @property
    def highlighted_id(self) -> str | None:
        """The id of the highlighted article, if any."""
        if self.highlighted is None or not 0 <= self.highlighted < len(self.summaries):
            return None
        return self.summaries[self.highlighted].id

    def select_id(self, article_id: str) -> None:
        """Move the highlight to an article."""
        for index, summary in enumerate(self.summaries):
            if summary.id == article_id:
                self.highlighted = index
                return

    def _lines(self, index: int) -> list[Text]:
        lines = self._cache.get(index)
        if lines is None:
            summary = self.summaries[index]
            marked = summary.id in self._bookmarked
            lines = summary_lines(
                summary,
                marked,
                self._hits.get(summary.id),
                self._width,
                followed=summary.id in self._followed,
                story=self._stories.get(summary.id, ""),
                unread=summary.id in self._unread,
                marks=self.marks_width,
                muted=summary.id in self._muted,
                feed_title=self._feed_title(summary),
            )
            if len(self._cache) > 2000:
                self._cache.clear()
            self._cache[index] = lines
        return lines

    # ----- drawing ------------------------------------------------------------------------------
    def render_lines(self, crop: Region) -> list[Strip]:
        """The lines of one paint, sharing one look-up of the list's style: Textual works it out
        from the styles of every ancestor each time it is asked (about 1 ms a screenful, a part
        of the first frame and of every step of `j` held)."""
        self._paint_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._paint_style = None

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._width:
            self._layout()
        line_no = int(self.scroll_offset.y) + y
        base = self.rich_style if self._paint_style is None else self._paint_style
        if line_no >= self._starts[-1] or width <= 0:
            return Strip.blank(max(width, 0), base)
        index, part = self._row_at(line_no)
        line = self._lines(index)[part].copy()
        line.truncate(width, overflow="ellipsis")
        style = base
        if index == self.highlighted:
            cursor = "article-list--cursor" if self.has_focus else "article-list--cursor-blurred"
            style = base + self.get_component_rich_style(cursor)
        console = self.app.console
        segments = list(line.render(console))
        own = console.get_style(line.style) if line.style else None
        strip = Strip(Segment.apply_style(segments, style + own if own else style), line.cell_len)
        return strip.extend_cell_length(width, style).crop(0, width)

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        if new is not None and self.summaries:
            self._scroll_to_row(new)
        self.refresh()

    def validate_highlighted(self, value: int | None) -> int | None:
        if value is None or not self.summaries:
            return None
        return max(0, min(value, len(self.summaries) - 1))

    def _scroll_to_row(self, index: int) -> None:
        if self.scrollable_content_region.width != self._width:
            self._layout()
        top = self._starts[index]
        region = Region(0, top, 1, self._starts[index + 1] - top)
        self.scroll_to_region(region, animate=False, force=True, immediate=True)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_resize(self) -> None:
        self._layout()
        if self.highlighted is not None:
            self._scroll_to_row(self.highlighted)

    async def _on_click(self, event: events.Click) -> None:
        line_no = int(self.scroll_offset.y + event.y)
        if 0 <= line_no < self._starts[-1]:
            index, _ = self._row_at(line_no)
            self.highlighted = index
            if event.chain >= 2:
                self.action_select()

    # ----- actions ------------------------------------------------------------------------------
    def action_select(self) -> None:
        """Open the highlighted article."""
        article_id = self.highlighted_id
        if article_id is not None:
            self.post_message(self.Opened(article_id))

    def _move(self, delta: int) -> None:
        if not self.summaries:
            return
        start = self.highlighted if self.highlighted is not None else -1 if delta > 0 else 0
        self.highlighted = start + delta

    def action_cursor_down(self) -> None:
        """Next article."""
        self._move(1)

    def action_cursor_up(self) -> None:
        """Previous article."""
        self._move(-1)

    def action_first(self) -> None:
        """First article."""
        if self.summaries:
            self.highlighted = 0

    def action_last(self) -> None:
        """Last article."""
        if self.summaries:
            self.highlighted = len(self.summaries) - 1

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // 3)

    def action_page_down(self) -> None:
        """A screenful down."""
        self._move(self._page())

    def action_page_up(self) -> None:
        """A screenful up."""
        self._move(-self._page())
