"""The article view of the main screen: the reader and the facts sidebar; it owns loading an
article (a worker), the language model and the article's analysis (the analysis queue), the
facts and the mentions they choose.
"""

from __future__ import annotations

import gc
from typing import Any

from textual import on, work
from textual.worker import get_current_worker

from tui.analysis.types import (
    NAMED_KINDS,
    Entity,
    Fact,
    FactKind,
    is_named,
    is_quantity,
    is_statement,
)
from tui.core.article import Article
from tui.core.labels import group_of
from tui.ui.analysis_queue import queue_of
from tui.ui.main.base import MainBase
from tui.ui.messages import AnalysisReady, ArticleLoaded, ModelReady
from tui.ui.widgets.article_list import ArticleList
from tui.ui.widgets.facts_sidebar import FactsSidebar
from tui.ui.widgets.reader import ArticleView


class ArticlePane(MainBase):
    """The open article: loaded, analysed, its facts and their mentions."""

    # ----- opening and analysing ----------------------------------------------------------------
    @on(ArticleList.Opened)
    def _article_chosen(self, message: ArticleList.Opened) -> None:
        self.open_article(message.article_id)
        self._start_reading()

    def _start_reading(self) -> None:
        """On a tiny terminal the article takes the list's place."""
        if self.has_class("-tiny"):
            self.add_class("-reading")
            self.query_one("#article-scroll").focus()

    def open_article(self, article_id: str, *, chosen: bool = True) -> None:
        """Read an article in a worker; it is shown when `ArticleLoaded` arrives.

        An article the user chose (from the list, bookmarks, mentions or a timeline) is marked read;
        the one opened by itself at start is not."""
        if chosen and self._is_unread(article_id):
            self._mark([article_id], read=True)
        self.load_article(article_id)

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def load_article(self, article_id: str) -> None:
        """Read an article from its file (thread)."""
        try:
            article = self.library.get(article_id)
        except Exception as exc:  # a file that vanished or broke must not end the app
            self.post_message(ArticleLoaded(article_id, None, str(exc)))
            return
        if article is None:
            self.post_message(ArticleLoaded(article_id, None, "the article's file is gone"))
        elif not get_current_worker().is_cancelled:
            cached = self.analyzer.cached(article)  # a SQLite read: here, not on the UI thread
            self.post_message(ArticleLoaded(article_id, article, analysis=cached))

    @on(ArticleLoaded)
    def _article_loaded(self, message: ArticleLoaded) -> None:
        if message.article is None:
            self.notify(f"Could not open the article: {message.error}", severity="error")
            return
        article = message.article
        self.article = article
        self.mentions, self.mention_index = [], -1
        self.sub_title = self.model_status
        self.query_one(ArticleView).show_article(article, message.analysis)
        self._go_to_pending_offset()
        if message.analysis is not None:
            self._show_analysis(message.analysis)
        else:
            self.query_one(FactsSidebar).show_message("Finding facts…")
            self.analyze_article(article)

    @work(thread=True, exclusive=True, group="model", exit_on_error=False)
    def load_model(self) -> None:
        """Load spaCy after the first frame (thread)."""
        model = self.analyzer.ensure_model()
        self.post_message(ModelReady(model is not None, self.analyzer.status))

    @on(ModelReady)
    def _model_ready(self, message: ModelReady) -> None:
        if message.loaded:
            # The model's objects live as long as the app: left to the cyclic garbage collector,
            # every full collection walked them all (about 70 ms on the UI thread, every few
            # articles opened). Frozen, a collection walks only what was made since.
            gc.freeze()
        self.model_status = message.status if message.loaded else "no language model"
        self.sub_title = self.model_status
        if not message.loaded:
            self.notify(message.status, title="No language model", severity="warning", timeout=15)

    # A description: Textual would name the worker by repr() of its arguments on the UI thread,
    # which is a copy of a 25 MB body (0.3 s during which no key is answered).
    @work(thread=True, exclusive=True, group="nlp", exit_on_error=False, description="analyze_article")
    def analyze_article(self, article: Article) -> None:
        """Find entities and facts (thread); posts `AnalysisReady`."""
        worker = get_current_worker()
        with queue_of(self.app).turn():  # spaCy for one job at a time, the open article first
            analysis = self.analyzer.analyze(article, cancelled=lambda: worker.is_cancelled, store=False)
            if analysis is not None:
                if not worker.is_cancelled:
                    self.post_message(AnalysisReady(analysis))
                self.analyzer.store(analysis)  # after the highlighting is on its way

    @on(AnalysisReady)
    def _analysis_ready(self, message: AnalysisReady) -> None:
        self._show_analysis(message.analysis)

    def _show_analysis(self, analysis: Any) -> None:
        if self.article is None or analysis.article_id != self.article.id:
            return
        self.query_one(ArticleView).show_analysis(analysis)
        sidebar = self.query_one(FactsSidebar)
        if analysis.model is None:
            sidebar.show_message("No facts: no language model is installed (see the note).")
        else:
            sidebar.show_facts(analysis.facts)
        self._names_for_article(analysis)

    # ----- facts and mentions -------------------------------------------------------------------
    @on(FactsSidebar.FactHighlighted)
    def _fact_highlighted(self, message: FactsSidebar.FactHighlighted) -> None:
        self.mentions = self._mentions_of(message.kind, message.fact)
        self.mention_index = -1
        self.action_mention(1)

    @on(FactsSidebar.FactChosen)
    def _fact_chosen(self, message: FactsSidebar.FactChosen) -> None:
        """Enter on a fact: every article in the library that mentions it."""
        if message.kind not in NAMED_KINDS or not is_named(message.fact):
            self.notify("People, organisations, places and dates can be looked up.", timeout=3)
            return
        from tui.ui.screens.mentions import MentionsScreen  # the dialogs load when first opened

        current = self.article.id if self.article is not None else None
        screen = MentionsScreen(message.kind, message.fact, self.library, self.analyzer, current)
        self.app.push_screen(screen, self._mention_chosen)

    def _mention_chosen(self, article_id: str | None) -> None:
        """Back from the mentions screen: open the chosen article."""
        if article_id:
            self.open_article(article_id)

    def _mentions_of(self, kind: FactKind, fact: Fact) -> list[Entity]:
        reader = self.query_one(ArticleView)
        if kind in ("quantities", "statements") or not is_named(fact):
            text = fact["sentence"] if is_statement(fact) else fact["text"] if is_quantity(fact) else ""
            start = fact.get("first", -1)
            if start < 0 or reader.article is None:
                return []
            return [Entity(start, min(start + len(text), len(reader.article.body)), "", text)]
        names = {fact["name"], *fact["variants"]}
        group = group_of(fact["label"]) if fact["label"] else None
        return [
            e for e in reader.entities if e.text in names and (group is None or group_of(e.label) == group)
        ]

    def action_mention(self, step: int) -> None:
        """Jump to the next (1) or previous (-1) mention of the chosen fact."""
        if not self.mentions:
            self.notify("Choose a fact in the sidebar first (Tab to it).", timeout=3)
            return
        self.mention_index = (self.mention_index + step) % len(self.mentions)
        self.query_one(ArticleView).focus_mention(self.mentions[self.mention_index])
        self.sub_title = f"mention {self.mention_index + 1} of {len(self.mentions)}"

    def action_part(self, delta: int) -> None:
        """Previous/next part of a very long article."""
        if not self.query_one(ArticleView).go_part(delta):
            self.app.bell()

    def _go_to_pending_offset(self) -> None:
        """Show the mention a timeline chose, once its article and entities are on screen."""
        if self._pending_offset is None or self.article is None:
            return
        article_id, offset = self._pending_offset
        if article_id != self.article.id:
            return
        entities = self.query_one(ArticleView).entities
        entity = next((e for e in entities if e.start == offset), None)
        if entity is None:
            return  # the entities arrive with the analysis: tried again then
        self._pending_offset = None
        self.mentions = [e for e in entities if e.text == entity.text]
        self.mention_index = self.mentions.index(entity) - 1
        self.action_mention(1)
