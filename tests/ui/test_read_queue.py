"""The read-state write queue on its own (no Textual): marks shown at once, batches written in
order, a failed batch kept and retried with a growing delay, the user told once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tui.store.readstate import ReadState
from tui.ui.read_queue import MAX_RETRY_SECONDS, SAVED_AGAIN, ReadQueue


@pytest.fixture
def queue(tmp_path: Path) -> ReadQueue:
    return ReadQueue(ReadState(tmp_path / "read.json"), retry_seconds=2.0)


def test_a_mark_shows_at_once_and_is_written_by_the_batch(queue: ReadQueue) -> None:
    batch = queue.mark(["a", "b"], read=True)
    assert batch == [(("a", "b"), True)] and queue.writing
    assert not queue.is_unread("a") and queue.unread_among(["a", "b", "c"]) == set()
    queue.mark(["c"], read=False)
    assert queue.unread_among(["a", "b", "c"]) == {"c"}
    assert not queue.state.path.exists()  # shown, not yet on disk
    notes, failed = queue.apply(batch)
    assert notes == [] and failed == []
    outcome = queue.written(notes, failed)
    assert outcome.notes == [] and outcome.next_batch == [(("c",), False)] and not outcome.retry
    assert queue.pending == {"a": True, "b": True, "c": False}  # "c" waits for the next batch
    assert queue.state.is_read("a")
    assert ReadState(queue.state.path).is_read("b")  # on disk


def test_changes_made_while_writing_wait_for_the_next_batch_in_order(queue: ReadQueue) -> None:
    first = queue.mark(["a"], read=True)
    assert queue.mark(["a"], read=False) is None  # a worker writes: queued behind it
    assert queue.add(None) is None
    assert queue.is_unread("a")  # the latest change shows
    assert first is not None
    outcome = queue.written(*queue.apply(first))
    assert outcome.next_batch == [(("a",), False), None]
    assert queue.pending == {"a": False}  # not on disk until the second batch is written
    queue.written(*queue.apply(outcome.next_batch))
    assert queue.pending == {} and not queue.state.is_read("a")


def test_a_failed_batch_is_kept_at_the_head_and_retried_with_a_growing_delay(
    queue: ReadQueue, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: Any, **kwargs: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(queue.state, "mark", fail)
    batch = queue.mark(["a"], read=True)
    assert batch is not None
    notes, failed = queue.apply(batch)
    assert failed == batch and notes[0].startswith("Could not save the read state: disk full")
    outcome = queue.written(notes, failed)
    assert outcome.retry and outcome.notes == notes and not queue.writing
    assert queue.next_delay() == 2.0 and queue.next_delay() == 4.0
    assert queue.mark(["b"], read=True) == [(("a",), True), (("b",), True)]  # the next change retries
    again = queue.written(*queue.apply([(("a",), True), (("b",), True)]))
    assert again.retry and again.notes == []  # said once, not at every retry
    assert not queue.is_unread("a")  # still shown
    monkeypatch.undo()
    retried = queue.retry()
    assert retried == [(("a",), True), (("b",), True)]
    done = queue.written(*queue.apply(retried))
    assert done.notes == [SAVED_AGAIN] and queue.pending == {}
    assert queue.next_delay() == 2.0  # back to the first delay
    assert queue.state.is_read("a") and queue.state.is_read("b")


def test_the_delay_stops_growing_at_a_minute(queue: ReadQueue) -> None:
    delays = [queue.next_delay() for _ in range(10)]
    assert delays[:3] == [2.0, 4.0, 8.0] and max(delays) == MAX_RETRY_SECONDS


def test_nothing_to_retry_while_a_worker_writes(queue: ReadQueue) -> None:
    queue.mark(["a"], read=True)
    queue.add(None)
    assert queue.retry() is None  # the worker's batch comes back first
    queue.worker_failed()
    assert queue.retry() == [None]


def test_any_error_stops_the_batch_and_is_logged(
    queue: ReadQueue, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise KeyError("bug")

    monkeypatch.setattr(queue.state, "load", broken)
    notes, failed = queue.apply([(("a",), True), None, (("b",), True)])
    assert failed == [None, (("b",), True)] and len(notes) == 1
    assert queue.state.is_read("a")  # the change before it was written
    assert "writing the read state failed" in caplog.text


def test_save_now_writes_the_pending_marks(queue: ReadQueue) -> None:
    queue.mark(["a"], read=True)
    queue.mark(["b"], read=False)
    queue.save_now(lock_wait=0.5)
    assert ReadState(queue.state.path).is_read("a")
    queue.pending.clear()
    queue.save_now()  # nothing pending: nothing to do
