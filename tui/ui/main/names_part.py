"""The names part of the main screen (issue 12), a `Part` (a widget that draws nothing): follow a
name, the Following screen, who is in the news, corrections, and the marks the names put on the list
and the article. The names open in its worker on first use; every spaCy run goes through the
analysis queue. The screen routes to it the keys below, the panes' `NamesNeeded` (`with_names`), the
article view's `AnalysisShown` (`article_analysed`) and the `FollowToggled` the app and the names
screens post (`follow_toggled`); it hands the open names to the list pane.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.worker import Worker, WorkerState, get_current_worker

from tui.store.paths import cache_dir
from tui.ui.analysis_queue import queue_of
from tui.ui.main.base import MainHost, Part
from tui.ui.messages import FollowToggled, NamesMarks, NamesOpened, NewArticleLines
from tui.ui.threads import report_failed_worker
from tui.ui.writer import writer_of

if TYPE_CHECKING:
    from tui.analysis.types import Analysis
    from tui.names.service import Names


class NamesPart(Part):
    """The names: opened once, in a worker; what they mark; the keys that change them."""

    def __init__(self, main: MainHost) -> None:
        super().__init__(main)
        self.names: Names | None = None  # opened in a worker on first use
        self._after_names: list[Any] = []  # to call with them once open

    # ----- names (issue 12): follow, Following, in the news, corrections, stories ---------------
    def with_names(self, then: Any) -> None:
        """Call `then(names)` now if the names are open, else once the worker has opened them."""
        if self.names is not None:
            then(self.names)
            return
        self._after_names.append(then)
        if len(self._after_names) == 1:
            self.open_names()

    def _names_now(self) -> Names:
        """The names, opened here if need be (thread only: the index may be created)."""
        from tui.names.follows import Follows
        from tui.names.identity import CorrectionsFile
        from tui.names.index import NameIndex
        from tui.names.service import Names

        if self.names is not None:
            return self.names
        corrections = CorrectionsFile()
        return Names(
            self.main.library,
            self.main.analyzer,
            NameIndex(cache_dir(), corrections.load()),
            corrections,
            Follows(),
        )

    @work(thread=True, exclusive=True, group="names-open", exit_on_error=False)
    def open_names(self) -> None:
        """Open the names index, the follows and the corrections (thread)."""
        names = self._names_now()
        self.post_message(NamesOpened(names, names.needs_rebuild()))

    @on(NamesOpened)
    def _names_opened(self, message: NamesOpened) -> None:
        if self.names is None:
            self.names = self.main.list_pane.names = message.names
        waiting, self._after_names = self._after_names, []
        for then in waiting:
            then(self.names)
        self._say_names_messages()
        if message.rebuild:  # followed names are marked from follows.json meanwhile
            self.main.list_pane.names_rebuilding = True
            self.main.list_pane.show_count()
            self._refresh_names(prepare=True)

    def _say_names_messages(self) -> None:
        if self.names is not None:
            for note in self.names.messages:
                self.notify(note, title="Names", severity="warning", timeout=10)
            # `Names.messages` is a new list each time: clear the files' own, said once.
            self.names.corrections.messages.clear()
            self.names.follows.messages.clear()

    def article_analysed(self, analysis: Analysis) -> None:
        """After an article's facts are shown: its names as the library labels them, and marks."""
        if analysis.model is None:
            return
        self.with_names(lambda names: self.update_names(names, analysis))

    @work(thread=True, exclusive=True, group="names", exit_on_error=False, description="update_names")
    def update_names(self, names: Names, analysis: Analysis | None) -> None:
        """Work out the list's followed marks and the open article's labels and followed names
        from the names index as it is (thread)."""
        self.post_message(self._names_marks_of(names, analysis, None))

    @work(thread=True, exclusive=True, group="names-prepare", exit_on_error=False, description="prepare")
    def prepare_names(self, names: Names, analysis: Analysis | None) -> None:
        """Bring the names index up to date (spaCy on what is not analysed yet), then the marks
        as `update_names` (thread)."""
        from tui.names.service import NoModel

        worker = get_current_worker()
        problem = None
        try:
            queue_of(self.app).prepare(names, lambda: worker.is_cancelled)
        except NoModel as exc:
            problem = str(exc)
        if not worker.is_cancelled:
            marks = self._names_marks_of(names, analysis, problem)
            marks.prepared = True
            self.post_message(marks)

    @staticmethod
    def _names_marks_of(names: Names, analysis: Analysis | None, problem: str | None) -> NamesMarks:
        from tui.names.marks import marks_of

        marks = marks_of(names, analysis)
        return NamesMarks(marks.followed_ids, marks.article_id, marks.texts, marks.analysis, problem)

    @on(NamesMarks)
    def _names_marks(self, message: NamesMarks) -> None:
        self._say_names_messages()  # the worker may have found follows.json damaged
        if message.problem:
            self.notify(message.problem, title="Names", severity="warning", timeout=8)
        self.main.list_pane.set_name_marks(message.followed_ids)
        if message.prepared and self.main.list_pane.names_rebuilding:
            self.main.list_pane.names_rebuilding = False
            self.main.list_pane.show_count()
        self.main.article_pane.names_marked(message.article_id, message.analysis, message.texts)

    def _refresh_names(self, prepare: bool) -> None:
        """Redo the marks (and the open article's labels) after a follow or a correction."""
        reader = self.main.article_pane
        analysis = reader.analysis if reader.article is not None else None
        worker = self.prepare_names if prepare else self.update_names
        self.with_names(lambda names: worker(names, analysis))

    def fact_under_cursor(self, doing: str) -> tuple[str, str] | None:
        """(name, label) of the person, organisation or place highlighted in the facts sidebar."""
        from tui.analysis.types import is_named
        from tui.names.identity import kind_of

        sidebar = self.main.article_pane.facts
        found = sidebar.highlighted_fact() if sidebar.has_focus else None
        if found is None:
            self.notify(f"To {doing} a name, Tab to it in the facts sidebar first.", timeout=4)
            return None
        _, fact = found
        if not is_named(fact) or kind_of(fact["label"]) is None:
            self.notify(f"Only people, organisations and places can be {doing}ed.", timeout=4)
            return None
        return fact["name"], fact["label"]

    def follow(self) -> None:
        """w on a fact: follow the name (w again: stop following it)."""
        chosen = self.fact_under_cursor("follow")
        if chosen is not None:
            name, writer = chosen[0], writer_of(self.app)
            self.with_names(lambda names: writer.submit(lambda: self.toggle_follow(names, name)))

    def toggle_follow(self, names: Names, name: str) -> None:
        """Follow the name, or stop following it (the app's writer thread: follows.json is locked
        and fsynced)."""
        from tui.names.identity import identity_key

        key = identity_key(name)
        try:
            if any(identity_key(f.name) == key for f in names.follows.load()):
                names.follows.remove(name)
                note = (f"No longer following {name}.", 4, "information")
            else:
                names.follows.add(name)
                following = f"Following {name}: marked in the list and in articles"
                note = (f"{following}; W lists the names you follow.", 6, "information")
        except (OSError, ValueError) as exc:
            note = (f"Could not change your follows: {exc}", 10, "error")
        self.post_message(FollowToggled(*note))

    @on(FollowToggled)
    def _follow_toggled(self, message: FollowToggled) -> None:
        message.stop()  # said here, not again by the screen's routing
        self.follow_toggled(message)

    def follow_toggled(self, message: FollowToggled) -> None:
        """A follow or unfollow was written (here, by the app's palette or by a names screen)."""
        if message.severity == "error":
            self.notify(message.note, severity="error", timeout=message.timeout)
        else:
            self.notify(message.note, title="Following", timeout=message.timeout)
        self._say_names_messages()
        self._refresh_names(prepare=True)

    def following(self) -> None:
        """W: the followed names; Enter opens a timeline, Enter there the article at the mention."""
        from tui.ui.screens.names import FollowingScreen

        self.with_names(lambda names: self.app.push_screen(FollowingScreen(names), self._mention_opened))

    def _mention_opened(self, result: object) -> None:
        """Back from Following / a timeline with (article id, offset): open it at that mention."""
        self._refresh_names(prepare=False)  # what was analysed meanwhile is marked too
        if not isinstance(result, tuple) or len(result) != 2:
            return
        article_id, offset = result
        self.main.list_pane.articles.select_id(str(article_id))
        self.main.article_pane.show_mention_at(str(article_id), offset if isinstance(offset, int) else None)
        article = self.main.article
        if article is not None and article.id == article_id:
            self.main.mark_chosen(article.id)  # opened by itself at start, now chosen
        else:
            self.main.open_article(str(article_id))
        self.main.start_reading()

    def in_the_news(self) -> None:
        """I: the people, organisations and places most in the news, and the rising names."""
        from tui.ui.screens.names import NewsScreen

        self.with_names(lambda names: self.app.push_screen(NewsScreen(names)))

    def correct_name(self) -> None:
        """c on a fact: correct its label, or merge or split it, across the library."""
        from tui.ui.screens.names import CorrectNameScreen

        chosen = self.fact_under_cursor("correct")
        if chosen is None:
            return
        name, label = chosen
        self.with_names(
            lambda names: self.app.push_screen(CorrectNameScreen(names, name, label), self._corrected)
        )

    def _corrected(self, done: str | None) -> None:
        if done:
            self.notify(done, title="Corrected", timeout=6)
            self._refresh_names(prepare=False)

    def announce_new_articles(self, new_ids: list[str]) -> None:
        """After a refresh: "3 new articles name John Kerry", one notice per followed name the new
        articles name (the index is brought up to date in a worker first; the list is re-marked)."""
        if new_ids:
            ids = list(new_ids)
            self.with_names(lambda names: self.find_new_article_lines(names, ids))

    @work(thread=True, exclusive=True, group="names-new", exit_on_error=False)
    def find_new_article_lines(self, names: Names, new_ids: list[str]) -> None:
        """Index the new articles (spaCy on the unanalysed ones) and say which follows they name."""
        from tui.names.service import NoModel

        worker = get_current_worker()
        if not names.follows.load():
            return  # nothing to announce: no analysis for nothing
        try:
            queue_of(self.app).prepare(names, lambda: worker.is_cancelled)
        except NoModel:
            return  # the reader already says there is no model
        lines = names.new_article_lines(new_ids)
        if not worker.is_cancelled:
            self.post_message(NewArticleLines(lines))

    @on(NewArticleLines)
    def _new_article_lines(self, message: NewArticleLines) -> None:
        for line in message.lines:
            self.notify(line, title="Following", timeout=10)
        if message.lines:
            self._refresh_names(prepare=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker of this part failed: put its state right, then log it and tell the user."""
        if event.state is not WorkerState.ERROR:
            return
        if event.worker.group == "names-open":
            self._after_names = []  # the next use of the names opens them again
        report_failed_worker(self.app, event.worker)
