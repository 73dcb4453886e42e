"""The read-state write queue: marks shown at once, written in order by one worker at a time.

A plain class (no Textual): the screen shows what `is_unread` says, hands each batch from `take`
to its worker, which calls `apply`, and gives the outcome back to `written`. A batch that failed
goes back to the head of the queue and is tried again after a delay that doubles (up to a
minute), or with the next change; the user hears of a failure once, and once when it is over.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from tui.store.readstate import ReadState
from tui.ui.messages import ReadChange

_log = logging.getLogger("dateline.ui")

FAILED = "Could not save the read state"
SAVED_AGAIN = "The read state is saved again."
MAX_RETRY_SECONDS = 60.0


@dataclass
class Outcome:
    """What to do after a batch: the notes to show, the next batch to write now (if any), and
    whether to try the failed batch again later (`next_delay` says when)."""

    notes: list[str]
    next_batch: list[ReadChange] | None = None
    retry: bool = False


@dataclass
class ReadQueue:
    """The read-state changes not yet on disk, and whether a worker is writing them."""

    state: ReadState = field(default_factory=ReadState)
    retry_seconds: float = 2.0  # the first delay after a failure
    pending: dict[str, bool] = field(default_factory=dict)  # id -> read, shown, not yet on disk
    queue: list[ReadChange] = field(default_factory=list)
    writing: bool = False
    failing: bool = False
    retry_delay: float = -1.0  # the next delay; set from `retry_seconds`

    def __post_init__(self) -> None:
        if self.retry_delay < 0:
            self.retry_delay = self.retry_seconds

    # What shows as unread: the read state as loaded, with the changes not yet written.

    def is_unread(self, article_id: str) -> bool:
        if article_id in self.pending:
            return not self.pending[article_id]
        return not self.state.is_read(article_id)

    def unread_among(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        unread = self.state.unread(ids)
        if self.pending:
            listed = set(ids)
            for article_id, read in self.pending.items():
                if article_id in listed:
                    (unread.discard if read else unread.add)(article_id)
        return unread

    # Changes in, batches out.

    def mark(self, ids: list[str], read: bool) -> list[ReadChange] | None:
        """Shown at once; the batch to write now, if no worker is writing."""
        for article_id in ids:
            self.pending[article_id] = read
        return self.add((tuple(ids), read))

    def add(self, change: ReadChange) -> list[ReadChange] | None:
        """Queue a change (None: reload from disk); the batch to write now, if no worker is
        writing (after a failure too: the failed changes go with this one)."""
        self.queue.append(change)
        return None if self.writing else self.take()

    def take(self) -> list[ReadChange]:
        """Everything queued, as the batch a worker writes now."""
        batch, self.queue = self.queue, []
        self.writing = True
        return batch

    def retry(self) -> list[ReadChange] | None:
        """The retry timer fired: the batch to write now, if any and no worker writes."""
        return self.take() if self.queue and not self.writing else None

    def apply(self, batch: list[ReadChange]) -> tuple[list[str], list[ReadChange]]:
        """Write a batch in order (in the worker: the changes take a lock and fsync). A change that
        fails, with any error, stops the batch: it and those after it come back as failed."""
        errors: list[str] = []
        failed: list[ReadChange] = []
        for number, change in enumerate(batch):
            try:
                if change is None:
                    self.state.load()
                else:
                    self.state.mark(change[0], read=change[1])
            except Exception as error:  # noqa: BLE001 - any failure keeps the marks queued
                if not isinstance(error, OSError):
                    _log.exception("writing the read state failed")
                errors.append(f"{FAILED}: {error}. Will try again.")
                failed = batch[number:]
                break
        notes = list(self.state.messages)
        self.state.messages.clear()
        return errors + notes, failed

    def written(self, notes: list[str], failed: list[ReadChange]) -> Outcome:
        """The worker is done with its batch: what to say and what to write next."""
        self.writing = False
        if failed:
            self.queue = failed + self.queue
            if self.failing:  # said once, not at every retry
                notes = [n for n in notes if not n.startswith(FAILED)]
            self.failing = True
            return Outcome(notes, retry=True)
        if self.failing and not self.queue:
            self.failing = False
            self.retry_delay = self.retry_seconds
            notes = [*notes, SAVED_AGAIN]
        if self.queue:
            return Outcome(notes, next_batch=self.take())
        self.pending.clear()  # everything is on disk
        return Outcome(notes)

    def worker_failed(self) -> None:
        """The worker itself failed (not a write): its batch stays lost to it, the queue waits
        for the retry timer."""
        self.writing = False

    def next_delay(self) -> float:
        """The delay before the next retry; each one twice the last, up to a minute."""
        delay, self.retry_delay = self.retry_delay, min(self.retry_delay * 2, MAX_RETRY_SECONDS)
        return delay

    def save_now(self, lock_wait: float = 1.0) -> None:
        """At exit: write the marks not yet on disk, here and now (a small local write; the lock
        waited for `lock_wait` seconds at most). The worker may be mid-write: marking is
        idempotent, and both take the file's lock."""
        if not self.pending:
            return
        state = ReadState(self.state.path)
        state.document.lock_timeout = lock_wait
        by_value: dict[bool, list[str]] = {}
        for article_id, read in self.pending.items():
            by_value.setdefault(read, []).append(article_id)
        for read, ids in by_value.items():
            try:
                state.mark(ids, read=read)
            except Exception:  # noqa: BLE001 - quitting goes on; the log says what was lost
                _log.exception("saving %d read marks at exit failed", len(ids))
