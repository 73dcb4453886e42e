"""Enter on a fact: every article in the library that mentions it, from the names index.

People, organisations and places are looked up in the one names index (`tui.names.index`), so the
list is the name's identity after the user's corrections (a merge lists the articles of both names,
a split leaves the other out) and counts the mentions the model missed. Groups and dates are not
names the index keeps: they are found by their spellings through the full-text index.

Articles not analyzed yet are analyzed in a thread worker while the screen is open (progress shown,
Esc stops it); the list fills in as soon as the index answers and again when the analysis ends.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, ProgressBar, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState, get_current_worker

from tui.analysis.entity_index import ArticleMention, ArticlesByID, mention_pattern
from tui.analysis.model import Analyzer
from tui.analysis.types import NAMED_KINDS, FactKind, NamedFact
from tui.core.text import display_date, plural
from tui.names.identity import NAME_KINDS, CorrectionsFile
from tui.names.index import NameIndex
from tui.store.library import ArticleSummary, Library
from tui.store.paths import cache_dir, display_source
from tui.ui.analysis_queue import queue_of
from tui.ui.glyphs import current as current_glyphs
from tui.ui.messages import DataMessage
from tui.ui.screens.list_modal import ListModal
from tui.ui.widgets.choice_list import ChoiceList

# Paragraphs per parse batch: small, so that Esc stops the analysis within a fraction of a second.
ANALYSIS_BATCH = 8


def fact_names(fact: NamedFact) -> list[str]:
    """The names a fact is looked up by: its name and its spellings of more than one word (a lone
    surname like "Kerry" would also find every other Kerry)."""
    name = fact["name"].strip()
    variants = [v.strip() for v in fact["variants"]]
    several_words = [v for v in variants if len(v.split()) > 1]
    return list(dict.fromkeys([name, *several_words] if name else several_words))


def mention_row(summary: ArticleSummary, mention: ArticleMention, current: bool, looked_up: str = "") -> Text:
    """One article in the list: title, then source, date, mention count and the name used there
    when it is not `looked_up` (plain text, no markup)."""
    text = Text()
    text.append(current_glyphs().current + " " if current else "  ", style="bold")
    text.append(summary.title or "(untitled)", style="bold")
    details = [display_source(summary.source)]
    if summary.published:
        details.append(display_date(summary.published))
    text.append(f"\n    {' · '.join(details)} · ", style="dim")
    text.append(f"×{mention.mentions}", style="bold")
    if mention.name and mention.name != looked_up:
        text.append(f" as “{mention.name}”", style="dim")
    return text


class MentionsScreen(ListModal[str | None]):
    """The library's articles that mention one fact; Enter opens one, Esc stops analyzing or closes."""

    class Found(DataMessage):
        """The index answered: matching articles, and how many are not analyzed yet."""

        rows: list[tuple[ArticleSummary, ArticleMention]]
        unanalyzed: int

    class Progress(DataMessage):
        """Bulk analysis moved on."""

        done: int
        total: int

    class Failed(DataMessage):
        """The lookup could not be done (no model, broken cache): the reason."""

        reason: str

    def __init__(
        self,
        kind: FactKind,
        fact: NamedFact,
        library: Library,
        analyzer: Analyzer,
        current_id: str | None = None,
        index: NameIndex | None = None,
    ) -> None:
        super().__init__()
        self.index = index  # opened in the worker when not given
        self.kind = kind
        self.fact = fact
        self.names = fact_names(fact)
        self.library = library
        self.analyzer = analyzer
        self.current_id = current_id
        self.rows: list[tuple[ArticleSummary, ArticleMention]] = []
        self.unanalyzed = 0
        self.analyzing = False
        self.stopped = False

    def compose(self) -> ComposeResult:
        name = self.fact["name"]
        label = self.fact["label"]
        with Vertical(id="mentions-box"):
            title = f"Articles mentioning {name}" + (f" ({label})" if label else "")
            yield Static(Text(title), id="mentions-title")
            yield Static(Text("Looking it up…"), id="mentions-status")
            yield ProgressBar(id="mentions-progress", show_eta=False)
            yield ChoiceList(id="mentions-list")
            hint = "Enter opens the article · Esc closes (while analysing: stops)"
            yield Static(Text(hint), id="mentions-hint")

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False
        self.query_one(OptionList).focus()
        self._worker = self.find_mentions()

    # ----- the worker (no widgets touched here) -----------------------------------------------------
    @work(thread=True, exclusive=True, group="mentions", exit_on_error=False)
    def find_mentions(self) -> None:
        """Query the index; analyze what was never analyzed (in bulk), then query again."""
        worker = get_current_worker()
        try:
            summaries = {s.id: s for s in self.library.summaries()}
            missing = self.analyzer.unanalyzed(summaries)
            self.post_message(self.Found(self._lookup(summaries), len(missing)))
            if not missing or worker.is_cancelled:
                return
            if self.analyzer.ensure_model() is None:
                self.post_message(self.Failed(self.analyzer.status))
                return
            with queue_of(self.app).turn():  # never beside another spaCy job of the reader
                for _ in self.analyzer.analyze_many(
                    ArticlesByID(self.library.get, missing),
                    batch_size=ANALYSIS_BATCH,
                    progress=lambda done, total: self._post(self.Progress(done, total)),
                    cancelled=lambda: worker.is_cancelled,
                ):
                    pass
            self.post_message(self.Found(self._lookup(summaries), len(self.analyzer.unanalyzed(summaries))))
        except Exception as exc:  # a broken cache or library must not end the app
            self.post_message(self.Failed(str(exc)))
            raise

    def _post(self, message: Message) -> None:
        self.post_message(message)

    def _lookup(self, summaries: dict[str, ArticleSummary]) -> list[tuple[ArticleSummary, ArticleMention]]:
        model = self.analyzer.model_name()
        if model is None or self.kind not in NAMED_KINDS:
            return []
        if self.kind not in NAME_KINDS:
            found = self._by_spelling(summaries)
        else:
            if self.index is None:
                self.index = NameIndex(cache_dir(), CorrectionsFile().load())
            self.index.sync(self.library, self.analyzer.cache, model)
            found = self.index.articles_mentioning_any(self.names)
        return [(summaries[m.article_id], m) for m in found if m.article_id in summaries]

    def _by_spelling(self, summaries: dict[str, ArticleSummary]) -> list[ArticleMention]:
        """Groups and dates: the articles whose text has one of the fact's spellings."""
        pattern = mention_pattern(self.names)
        if pattern is None:
            return []
        query = " OR ".join('"' + name.replace('"', " ") + '"' for name in self.names)
        found = []
        for hit in self.library.search(query, limit=max(len(summaries), 1)):
            article = self.library.get(hit.summary.id)
            spots = [m.group(0) for m in pattern.finditer(article.body)] if article is not None else []
            if spots:
                found.append(
                    ArticleMention(
                        hit.summary.id,
                        len(spots),
                        max(set(spots), key=spots.count),
                        str(self.fact["label"]),
                        self.kind,
                        tuple(dict.fromkeys(spots)),
                    )
                )
        return sorted(found, key=lambda m: (-m.mentions, m.article_id))

    # ----- showing -------------------------------------------------------------------------------
    @on(Found)
    def _found(self, message: Found) -> None:
        self.rows, self.unanalyzed = message.rows, message.unanalyzed
        options = [
            Option(
                mention_row(summary, mention, summary.id == self.current_id, str(self.fact.get("name", ""))),
                id=summary.id,
            )
            for summary, mention in self.rows
        ]
        listing = self.query_one(OptionList)
        before = listing.highlighted_option.id if listing.highlighted_option is not None else None
        listing.set_options(options)
        if options:
            ids = [option.id for option in options]
            listing.highlighted = ids.index(before) if before in ids else 0
        self.analyzing = bool(self.unanalyzed) and self.working
        if self.analyzing and not self.query_one(ProgressBar).display:
            bar = self.query_one(ProgressBar)
            bar.display = True
            bar.update(total=self.unanalyzed, progress=0)
        self._show_status()

    @on(Progress)
    def _progress(self, message: Progress) -> None:
        if not self.working:
            return  # stopped meanwhile
        self.analyzing = True
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=max(message.total, 1), progress=message.done)
        self._show_status(f"Analysing the library: {message.done:,} of {plural(message.total, 'article')}…")

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.analyzing = False
        self.query_one(ProgressBar).display = False
        self._show_status(f"Could not look in every article: {message.reason}")

    def _show_status(self, override: str | None = None) -> None:
        count = len(self.rows)
        status = override or plural(count, "article")
        if override is None and self.unanalyzed:
            if self.analyzing:
                status += f"; analysing {self.unanalyzed:,} more…"
            elif self.stopped:
                status += f"; stopped with {self.unanalyzed:,} not analysed (done next time). Esc closes."
            else:
                status += f"; {self.unanalyzed:,} not analysed yet"
        self.query_one("#mentions-status", Static).update(Text(status))

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._worker or event.state not in (
            WorkerState.SUCCESS,
            WorkerState.CANCELLED,
            WorkerState.ERROR,
        ):
            return
        self.analyzing = False
        self.query_one(ProgressBar).display = False
        if event.state is WorkerState.SUCCESS:
            self._show_status()

    # ----- keys ----------------------------------------------------------------------------------
    @on(OptionList.OptionSelected, "#mentions-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.stop_worker()
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        """Esc: stop a running analysis (what is done stays done), or close the screen."""
        if self.analyzing and self.working:
            self.stop_worker()
            self.analyzing, self.stopped = False, True
            self.query_one(ProgressBar).display = False
            self._show_status()
            return
        super().action_close()
