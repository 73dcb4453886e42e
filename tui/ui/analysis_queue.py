"""The reader's one analysis queue: spaCy runs for one job at a time, the open article first.

Four kinds of worker parse articles: the open article's analysis, and `Names.prepare()` from the
names marks, the stories and the new-article notices (and the names screens). Run at once they
could parse the same article twice (each finds it unanalysed) and share one GIL. Here every job
takes a turn:

- `turn()`: the open article's analysis, the mentions screen's lookups. Waits for the job running
  now, before any bulk job that waits too.
- `prepare(names, cancelled)`: a bulk job. It runs only when no article waits, and gives way as
  soon as one does (its `cancelled` says so between articles): the article is analysed, then the
  bulk job goes on with what is still not analysed (each analysis is cached as it is made, so
  nothing is parsed twice and nothing is lost).

Plain threading, no Textual: one queue per app (`queue_of`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.names.service import Names


class AnalysisQueue:
    """Whose turn it is to run spaCy."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._busy = False
        self._waiting = 0  # article jobs waiting for their turn

    @property
    def article_waiting(self) -> bool:
        """Whether an article job waits (a bulk job then gives way)."""
        return self._waiting > 0

    @contextmanager
    def turn(self) -> Iterator[None]:
        """An article job's turn: after the job running now, before the bulk jobs waiting."""
        with self._changed:
            self._waiting += 1
            try:
                self._changed.wait_for(lambda: not self._busy)
            finally:
                self._waiting -= 1
            self._busy = True
        try:
            yield
        finally:
            self._release()

    @contextmanager
    def bulk_turn(self) -> Iterator[None]:
        """A bulk job's turn: once nothing runs and no article waits."""
        with self._changed:
            self._changed.wait_for(lambda: not self._busy and not self._waiting)
            self._busy = True
        try:
            yield
        finally:
            self._release()

    def _release(self) -> None:
        with self._changed:
            self._busy = False
            self._changed.notify_all()

    def prepare(self, names: Names, cancelled: Callable[[], bool]) -> None:
        """`names.prepare()` in bulk turns, giving way to each article that asks; raises what it
        raises (NoModel)."""
        while True:
            with self.bulk_turn():
                names.prepare(cancelled=lambda: cancelled() or self.article_waiting)
                gave_way = self.article_waiting
            if not gave_way and not cancelled():
                from tui.names.muting import mute_new_matches

                mute_new_matches(names.library, names.index, names.read_state())  # issue 21
            if not gave_way or cancelled():
                return


def queue_of(app: Any) -> AnalysisQueue:
    """The app's analysis queue (made on first use: one per app, so that a test's app never waits
    for a worker an earlier app left running)."""
    queue = getattr(app, "analysis_queue", None)
    if not isinstance(queue, AnalysisQueue):
        queue = AnalysisQueue()
        app.analysis_queue = queue
    return queue
