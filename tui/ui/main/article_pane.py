"""The article view of the main screen, a widget: the reader (`ArticleView`) that owns loading an
article (a worker), the language model and the article's analysis (the analysis queue), and the
mentions a fact chooses.

The screen hands it the library, the analyzer and the facts sidebar it fills (attributes down),
and calls it for the keys it routes here (n, N, [, ]) and the facts the sidebar highlights. It
posts up `SubtitleChanged` (the model's state, or "mention 2 of 5") and `AnalysisShown` (the
names then mark the article).
"""

from __future__ import annotations

import gc
from typing import ClassVar

from textual import on, work
from textual.worker import Worker, WorkerState, get_current_worker

from tui.analysis.model import Analyzer
from tui.analysis.types import Analysis, Entity, Fact, FactKind, is_named, is_quantity, is_statement
from tui.core.article import Article
from tui.core.labels import group_of
from tui.store.library import Library
from tui.ui.analysis_queue import queue_of
from tui.ui.layout import MODEL_LOADING
from tui.ui.messages import AnalysisReady, AnalysisShown, ArticleLoaded, ModelReady, SubtitleChanged
from tui.ui.threads import report_failed_worker
from tui.ui.widgets.facts_sidebar import FactsSidebar
from tui.ui.widgets.reader import ArticleView


class ArticlePane(ArticleView):
    """The open article: loaded, analysed, its facts and their mentions."""

    FIRST_STATUS: ClassVar[str] = MODEL_LOADING  # the model's state until `ModelReady`

    def __init__(
        self,
        library: Library,
        analyzer: Analyzer,
        facts: FactsSidebar,
        *,
        id: str | None = None,  # noqa: A002 (Textual's name)
    ) -> None:
        super().__init__(id=id)
        self.library = library
        self.analyzer = analyzer
        self.facts = facts
        self.mentions: list[Entity] = []  # those of the chosen fact, and which one is shown
        self.mention_index = -1
        self.model_status = self.FIRST_STATUS
        self.pending_offset: tuple[str, int] | None = None  # a timeline's mention, shown once it can be

    def _say(self, subtitle: str) -> None:
        self.post_message(SubtitleChanged(subtitle))

    # ----- opening and analysing ----------------------------------------------------------------
    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def load_article(self, article_id: str) -> None:
        """Read an article from its file (thread); it is shown when `ArticleLoaded` arrives."""
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
        self.mentions, self.mention_index = [], -1
        self._say(self.model_status)
        self.show_article(article, message.analysis)
        self.go_to_pending_offset()
        if message.analysis is not None:
            self._show_analysis(message.analysis)
        else:
            self.facts.show_message("Finding facts…")
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
        self._say(self.model_status)
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

    def _show_analysis(self, analysis: Analysis) -> None:
        if self.article is None or analysis.article_id != self.article.id:
            return
        self.show_analysis(analysis)
        if analysis.model is None:
            self.facts.show_message("No facts: no language model is installed (see the note).")
        else:
            self.facts.show_facts(analysis.facts)
        self.go_to_pending_offset()
        self.post_message(AnalysisShown(analysis))

    def names_marked(self, article_id: str | None, analysis: Analysis | None, texts: frozenset[str]) -> None:
        """What the names say about `article_id`: its analysis with the library's labels (None:
        unchanged) and the spellings of followed names; nothing if another article is open now."""
        if self.article is None or article_id != self.article.id:
            return
        if analysis is not None and self.analysis is not None:
            self.show_analysis(analysis)
            self.facts.show_facts(analysis.facts)
        self.set_followed(texts)
        self.go_to_pending_offset()  # a timeline's mention may be one the model missed

    # ----- facts and mentions -------------------------------------------------------------------
    def choose_fact(self, kind: FactKind, fact: Fact) -> None:
        """A fact highlighted in the sidebar: its mentions, the first one shown."""
        self.mentions = self._mentions_of(kind, fact)
        self.mention_index = -1
        self.next_mention(1)

    def drop_mentions(self) -> None:
        """The facts went away: so do the mentions they chose."""
        if self.mentions:
            self.mentions, self.mention_index = [], -1
            self._say(self.model_status)

    def _mentions_of(self, kind: FactKind, fact: Fact) -> list[Entity]:
        if kind in ("quantities", "statements") or not is_named(fact):
            text = fact["sentence"] if is_statement(fact) else fact["text"] if is_quantity(fact) else ""
            start = fact.get("first", -1)
            if start < 0 or self.article is None:
                return []
            return [Entity(start, min(start + len(text), len(self.article.body)), "", text)]
        names = {fact["name"], *fact["variants"]}
        group = group_of(fact["label"]) if fact["label"] else None
        return [e for e in self.entities if e.text in names and (group is None or group_of(e.label) == group)]

    def next_mention(self, step: int) -> None:
        """Jump to the next (1) or previous (-1) mention of the chosen fact."""
        if not self.mentions:
            self.notify("Choose a fact in the sidebar first (Tab to it).", timeout=3)
            return
        self.mention_index = (self.mention_index + step) % len(self.mentions)
        self.focus_mention(self.mentions[self.mention_index])
        self._say(f"mention {self.mention_index + 1} of {len(self.mentions)}")

    def show_mention_at(self, article_id: str, offset: int | None) -> None:
        """Show the mention at `offset` of `article_id` once that article and its entities are on
        screen (now, if they are)."""
        self.pending_offset = (article_id, offset) if offset is not None else None
        self.go_to_pending_offset()

    def go_to_pending_offset(self) -> None:
        """Show the mention a timeline chose, once its article and entities are on screen."""
        if self.pending_offset is None or self.article is None:
            return
        article_id, offset = self.pending_offset
        if article_id != self.article.id:
            return
        entity = next((e for e in self.entities if e.start == offset), None)
        if entity is None:
            return  # the entities arrive with the analysis: tried again then
        self.pending_offset = None
        self.mentions = [e for e in self.entities if e.text == entity.text]
        self.mention_index = self.mentions.index(entity) - 1
        self.next_mention(1)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker of this pane failed: log it and tell the user (the next article tries again)."""
        if event.state is WorkerState.ERROR:
            report_failed_worker(self.app, event.worker)
