"""The reader's one writer of the user's small files: bookmarks, follows, the remembered settings.

A key that changes one of them (b, w, a sort) hands the write (a lock and an fsync, slow on a slow
disk) to this writer and returns at once; the writes run in order in one daemon thread, each posting
what to say back to the UI thread. At exit `drain` waits a little for the write in progress and
runs those not started yet there and then, so a bookmark made just before `q` is never lost.

Plain threading, no Textual (one writer per app: `writer_of`).
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from typing import Any

_log = logging.getLogger("dateline.ui")


class Writer:
    """Runs the writes handed to it in order, one at a time, in a daemon thread."""

    def __init__(self, on_error: Callable[[str], None] | None = None) -> None:
        self._changed = threading.Condition()
        self._queue: deque[Callable[[], None]] = deque()
        self._running = False  # a thread is draining the queue
        self._busy = False  # a write runs now
        self._on_error = on_error

    def submit(self, write: Callable[[], None]) -> None:
        """Run `write` after those handed over before it."""
        with self._changed:
            self._queue.append(write)
            if self._running:
                return
            self._running = True
        threading.Thread(target=self._drain_in_thread, name="dateline-writer", daemon=True).start()

    def _drain_in_thread(self) -> None:
        while True:
            with self._changed:
                if not self._queue:
                    self._running = False
                    self._changed.notify_all()
                    return
                write = self._queue.popleft()
                self._busy = True
            self._run(write)
            with self._changed:
                self._busy = False
                self._changed.notify_all()

    def _run(self, write: Callable[[], None]) -> None:
        try:
            write()
        except Exception as exc:  # noqa: BLE001 - a failed write must not stop those after it
            _log.exception("a write failed")
            if self._on_error is not None:
                self._on_error(f"Could not save: {exc}")

    @property
    def idle(self) -> bool:
        """Nothing queued and nothing running."""
        with self._changed:
            return not self._queue and not self._busy

    def wait(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for every write handed over; whether they are done."""
        with self._changed:
            return self._changed.wait_for(lambda: not self._queue and not self._busy, timeout)

    def drain(self, timeout: float = 2.0) -> None:
        """At exit: wait up to `timeout` for the write in progress, then run the ones not started
        yet here, in order (the thread may be stuck on a lock: those after it still happen)."""
        with self._changed:
            self._changed.wait_for(lambda: not self._busy, timeout)
            if self._busy:
                _log.warning("exit: a write still runs after %.1f s; %d not made", timeout, len(self._queue))
                return
            waiting = list(self._queue)
            self._queue.clear()
        for write in waiting:
            self._run(write)


def writer_of(app: Any) -> Writer:
    """The app's writer (made on first use when the app has none)."""
    writer = getattr(app, "writer", None)
    if not isinstance(writer, Writer):
        writer = Writer()
        app.writer = writer
    return writer
