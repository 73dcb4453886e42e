"""`ListModal`: what the modal list screens that fill in from a thread worker share (the mentions
of a fact, the followed names, a name's timeline, who is in the news).

Esc and q close the screen and stop its worker (what the worker has done stays done: it analyses
and indexes in batches); a worker that fails is logged and said in one line by the one handler
(`tui/ui/threads.py`). j/k are the list's own keys (`ChoiceList`).
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.worker import Worker, WorkerState

from tui.ui.threads import report_failed_worker

ResultType = TypeVar("ResultType")


class ListModal(ModalScreen[ResultType]):
    """A modal list with a thread worker (`self._worker`, set by the screen when it starts it)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("q", "close", "Close", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._worker: Worker[None] | None = None

    @property
    def working(self) -> bool:
        """Whether the screen's worker is still running."""
        return self._worker is not None and self._worker.is_running

    def stop_worker(self) -> None:
        """Cancel the worker if it runs (it stops at its next batch)."""
        if self._worker is not None and self._worker.is_running:
            self._worker.cancel()

    def action_close(self) -> None:
        """Esc / q: stop the worker and close, with no result."""
        self.stop_worker()
        self.dismiss(None)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failed worker: logged and said by the one handler (tui/ui/threads.py)."""
        if event.state is WorkerState.ERROR:
            report_failed_worker(self.app, event.worker)
