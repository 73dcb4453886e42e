"""Messages the app's workers post back to the UI thread (shared, so they live here)."""

from __future__ import annotations

from textual.message import Message

from tui.analysis import Analysis
from tui.article import Article
from tui.library import ArticleSummary


class LibraryLoaded(Message):
    """The library was refreshed from disk."""

    def __init__(self, summaries: list[ArticleSummary], rejected: list[tuple[str, str]]) -> None:
        super().__init__()
        self.summaries = summaries
        self.rejected = rejected


class LibraryProgress(Message):
    """Files indexed so far."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


class ArticleLoaded(Message):
    """An article was read from its file (or could not be: `error`)."""

    def __init__(
        self,
        article_id: str,
        article: Article | None,
        error: str = "",
        analysis: Analysis | None = None,
    ) -> None:
        super().__init__()
        self.article_id = article_id
        self.article = article
        self.error = error
        self.analysis = analysis  # from the cache, when it had one


class ModelReady(Message):
    """The language model finished loading, or there is none (`loaded` False)."""

    def __init__(self, loaded: bool, status: str) -> None:
        super().__init__()
        self.loaded = loaded
        self.status = status


class AnalysisReady(Message):
    """Entities and facts for an article."""

    def __init__(self, analysis: Analysis) -> None:
        super().__init__()
        self.analysis = analysis
