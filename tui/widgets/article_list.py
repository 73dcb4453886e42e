"""The list of articles: one two-line row each (title; source, date, words), bookmark mark in front."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.library import ArticleSummary, SearchHit

BOOKMARK_MARK = "★ "
NO_MARK = "  "


def summary_row(summary: ArticleSummary, bookmarked: bool, hit: SearchHit | None = None) -> Text:
    """The prompt of one article (plain text from the article, never markup).

    Title, then source · date · words; when searching, the snippet with the matches marked.
    """
    row = Text(no_wrap=False)
    row.append(BOOKMARK_MARK if bookmarked else NO_MARK, style="bold")
    row.append(summary.title, style="bold")
    meta = [_short_source(summary.source)]
    if summary.published:
        meta.append(summary.published[:10])
    meta.append(f"{summary.words:,} words")
    row.append("\n  ")
    row.append(" · ".join(meta), style="dim")
    if hit is not None and hit.snippet:
        snippet = Text(hit.snippet, style="italic")
        for start, end in hit.matches:
            snippet.stylize("bold reverse", start, end)
        row.append("\n  ")
        row.append_text(snippet)
    return row


def _short_source(source: str) -> str:
    if "://" in source:
        return source.split("://", 1)[1].split("/", 1)[0]
    return source.rsplit("/", 1)[-1]


class ArticleList(OptionList):
    """Articles to choose from; `Enter` opens the highlighted one."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]

    class Opened(Message):
        """The user asked to open an article."""

        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.summaries: list[ArticleSummary] = []
        self._bookmarked: frozenset[str] = frozenset()
        self._hits: dict[str, SearchHit] = {}

    def set_articles(
        self,
        summaries: Sequence[ArticleSummary],
        bookmarked: Collection[str],
        hits: Mapping[str, SearchHit] | None = None,
    ) -> None:
        """Show these articles (with search snippets if given), keeping the highlight if possible."""
        current = self.highlighted_id
        self.summaries = list(summaries)
        self._bookmarked = frozenset(bookmarked)
        self._hits = dict(hits or {})
        self.set_options(
            Option(summary_row(s, s.id in self._bookmarked, self._hits.get(s.id)), id=s.id)
            for s in self.summaries
        )
        if not self.summaries:
            return
        index = next((i for i, s in enumerate(self.summaries) if s.id == current), 0)
        self.highlighted = index

    def set_bookmarked(self, bookmarked: Collection[str]) -> None:
        """Refresh the bookmark marks only."""
        new = frozenset(bookmarked)
        changed = new ^ self._bookmarked
        self._bookmarked = new
        for index, summary in enumerate(self.summaries):
            if summary.id in changed:
                prompt = summary_row(summary, summary.id in new, self._hits.get(summary.id))
                self.replace_option_prompt_at_index(index, prompt)

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

    @on(OptionList.OptionSelected)
    def _opened(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Opened(event.option.id))
