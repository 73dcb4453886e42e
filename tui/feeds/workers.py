"""The helpers a refresh runs beside its feed threads: the indexer thread that adds written articles to
the library index in batches, and the worker processes that parse and prepare big feeds.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import threading
import time
import warnings
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from tui.core.article import Article
    from tui.store.library import Library

log = logging.getLogger("dateline.feeds")
_T = TypeVar("_T")


class Indexer:
    """Adds the articles a refresh writes to the library index while the refresh goes on, from a
    thread of its own: SQLite indexes the text without holding the GIL, so on a second core it
    overlaps with fetching and parsing. Each batch is one transaction (`Library.add_written`); the
    files are not read again. If the index cannot be written (any error: logged), `close` falls
    back to a full `Library.refresh`, which finds the files on disk; if that fails too (logged),
    the next library refresh does."""

    # FTS5 writes a segment per transaction and merges them later: 10,000 articles indexed 50 at a
    # time (a feed's worth, as they arrive) cost 1.7 s of CPU, 1,000 at a time 1.05 s. So a batch
    # waits for up to MIN_BATCH entries, or for WAIT seconds without a new one, and never more than
    # MAX_WAIT seconds (the articles of a slow refresh still reach the index as it goes).
    MIN_BATCH = 1000
    MAX_BATCH = 2500
    WAIT = 0.5
    MAX_WAIT = 2.0
    # Between looks at the queue the thread sleeps: a blocking get per entry woke it (a futex and a
    # GIL hand-over) for each of 10,000 articles while the feed threads wrote them.
    POLL = 0.05

    def __init__(self, library: Callable[[], Library]) -> None:
        self._library = library
        self._queue: queue.SimpleQueue[tuple[str | Path, Article | None, str] | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self.failed = False

    def add(self, path: str | Path, article: Article, feed: str) -> None:
        """Index the article just written to `path`."""
        if self._thread is None:  # the lock once, not for each of 10,000 articles
            self._start()
        self._queue.put((path, article, feed))

    def remove(self, path: str | Path) -> None:
        """Forget the file just removed."""
        if self._thread is None:
            self._start()
        self._queue.put((path, None, ""))

    def _start(self) -> None:
        with self._start_lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="dateline-feed-index", daemon=True)
                self._thread.start()

    def close(self) -> None:
        """Index what is queued and wait for it (a no-op when nothing was written)."""
        if self._thread is None:
            return
        self._queue.put(None)
        self._thread.join()
        self._thread = None
        if self.failed:
            try:
                self._library().refresh()
            except Exception:  # noqa: BLE001 - the next library refresh (the reader's, the next run) finds them
                log.exception("indexing the refreshed articles failed again; they are indexed next time")

    def _next_batch(self) -> list[tuple[str | Path, Article | None, str] | None]:
        """The next batch (None last when `close` was called): what is queued, taken in bulk every
        POLL seconds, until MIN_BATCH entries, WAIT seconds without a new one, or MAX_WAIT."""
        batch = [self._queue.get()]
        now = time.monotonic()
        deadline, last_new = now + self.MAX_WAIT, now
        while True:
            before = len(batch)
            while batch[-1] is not None and len(batch) < self.MAX_BATCH:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            if batch[-1] is None or len(batch) >= self.MIN_BATCH:
                return batch
            now = time.monotonic()
            if len(batch) > before:
                last_new = now
            left = min(deadline, last_new + self.WAIT) - now
            if left <= 0:
                return batch
            time.sleep(min(self.POLL, left))

    def _run(self) -> None:
        library = self._library()
        done = False
        try:
            while not done:
                batch = self._next_batch()
                done = batch[-1] is None
                entries = [entry for entry in batch if entry is not None]
                if self.failed or not entries:
                    continue
                try:
                    library.add_written(
                        [(path, article, feed) for path, article, feed in entries if article is not None],
                        [path for path, article, _ in entries if article is None],
                    )
                except Exception:  # noqa: BLE001 - the files are on disk: `close` falls back
                    log.exception("indexing %d refreshed articles failed", len(entries))
                    self.failed = True
        finally:
            library.close()


def finished_futures(finishing: queue.SimpleQueue[Future[_T]], timeout: float) -> list[Future[_T]]:
    """The futures put on `finishing` as they finished (`add_done_callback(finishing.put)`): the
    next one within `timeout` seconds (none if none did), and every other one already there.
    Waiting with `concurrent.futures.wait(pending, FIRST_COMPLETED)` put a waiter on every pending
    future (a refresh's 200 feeds, each under its lock) at each turn."""
    try:
        finished = [finishing.get(timeout=timeout)]
    except queue.Empty:
        return []
    while True:
        try:
            finished.append(finishing.get_nowait())
        except queue.Empty:
            return finished


class Stopped(Exception):
    """A feed dropped because the refresh was cancelled while it waited for a worker process."""


class Processes:
    """Worker processes for parsing and preparing feeds (lxml and the ingest rules hold the GIL for
    most of their work, so threads alone use one core). Started on first use once `after_bytes` of
    feed documents have arrived; `workers` < 2 means never."""

    def __init__(self, workers: int, after_bytes: int) -> None:
        self.workers, self.after_bytes = workers, after_bytes
        self._received = 0
        self._pool: ProcessPoolExecutor | None = None
        self._closed = False
        self._lock = threading.Lock()

    def pool_for(self, size: int) -> ProcessPoolExecutor | None:
        """The pool to prepare a document of `size` bytes in, or None for this thread."""
        if self.workers < 2:
            return None
        with self._lock:
            self._received += size
            if self.workers < 2:
                return None  # `give_up` ran in another thread since the check above
            if self._pool is None and not self._closed and self._received >= self.after_bytes:
                self._pool = ProcessPoolExecutor(
                    self.workers, mp_context=process_context(), initializer=quiet_worker
                )
            return self._pool

    @property
    def closed(self) -> bool:
        """Whether `close` was called."""
        return self._closed

    def give_up(self) -> None:
        """No more worker processes for this refresh (they could not start): threads from now on."""
        with self._lock:
            pool, self._pool, self.workers = self._pool, None, 0
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def close(self, *, wait: bool) -> None:
        """Stop the workers (`wait=False`: do not wait for the document each may be reading)."""
        with self._lock:
            pool, self._pool, self._closed = self._pool, None, True
        if pool is not None:
            pool.shutdown(wait=wait, cancel_futures=True)


def quiet_worker() -> None:
    """A worker process writes nothing to the terminal (the reader draws on it): its failures
    reach the refresh as exceptions."""
    warnings.simplefilter("ignore")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)


def process_context() -> Any:
    """forkserver where there is one (workers forked from a small server that has imported this
    module, not from a process full of threads); spawn elsewhere."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        # What the workers run (`quiet_worker`, `prepare_feed`), imported once by the server, not
        # by each worker.
        context.set_forkserver_preload([__name__, "tui.feeds.items"])
        return context
    return multiprocessing.get_context("spawn")
