"""Bulk analysis in forked worker processes: each worker runs the whole analysis (spaCy, refinement,
facts) on a few articles and sends back their small `Analysis` objects, never spaCy Docs.

The workers are forked after the model is loaded, so they share its memory copy-on-write and load
nothing again (spaCy's own `nlp.pipe(n_process=...)` starts fresh processes that each load the model,
and pickles whole Docs back). Forking copies only the calling thread, so a pool is only started from
a process that runs no other thread (`dateline analyze`, the benchmark); anywhere else, and where
fork does not exist, the analysis runs in the calling process.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING

from tui.analysis import engine
from tui.analysis.engine import LoadedModel
from tui.core.article import Article

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

    from tui.analysis.types import Analysis

log = logging.getLogger("dateline.nlp")

# One task: articles adding up to about this many characters (a few seconds of work at most, so
# progress moves and a cancel is seen soon; enough paragraphs to fill spaCy's batches).
TASK_CHARS = 12_000
# Tasks waiting per worker beyond the one it runs (reading articles ahead costs memory only).
QUEUED_PER_WORKER = 2

# The model of a forked worker (inherited from the parent at fork time, never pickled).
_worker_model: LoadedModel | None = None
_worker_batch_size = 64


def usable_cores() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """True if a worker pool may be forked here: fork exists and no other thread is running (a
    forked child would inherit the other threads' locks but not the threads)."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def worker_count(requested: int) -> int:
    """How many worker processes to use: `requested` if > 0 (1: none, analyse in this process),
    else one per usable core; 1 whenever a pool cannot be forked here."""
    count = requested if requested > 0 else usable_cores()
    if count > 1 and not can_fork():
        log.info("analysing in one process: this process runs threads, it must not fork")
        return 1
    return count


def _tasks(articles: Iterable[Article]) -> Iterator[list[Article]]:
    """Consecutive runs of articles of about TASK_CHARS characters (a longer article alone)."""
    task: list[Article] = []
    size = 0
    for article in articles:
        if task and size + len(article.body) > TASK_CHARS:
            yield task
            task, size = [], 0
        task.append(article)
        size += len(article.body)
    if task:
        yield task


def _start_worker(model: LoadedModel, batch_size: int) -> None:
    global _worker_model, _worker_batch_size
    _worker_model, _worker_batch_size = model, batch_size
    # Ctrl-C reaches the whole process group: the parent stops the pool, the workers stay quiet.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _analyse_task(articles: list[Article]) -> list[Analysis]:
    assert _worker_model is not None, "not a pool worker"
    return list(engine.parse_articles(_worker_model, articles, batch_size=_worker_batch_size))


def analyse_in_pool(
    model: LoadedModel,
    articles: Iterable[Article],
    *,
    processes: int,
    batch_size: int,
    stop: Callable[[], bool],
) -> Iterator[Analysis]:
    """The analyses of `articles` made by `processes` forked workers, yielded in the order of the
    articles. The articles are read as the work goes (at most a few tasks ahead). If the first task
    holds every article, it is analysed here without a pool. Stopping (`stop()`, or closing the
    generator) terminates the workers at once."""
    tasks = _tasks(articles)
    first = next(tasks, None)
    if first is None:
        return
    second = next(tasks, None)
    if second is None or stop():
        yield from engine.parse_articles(model, first, batch_size=batch_size, stop=stop)
        return
    executor = ProcessPoolExecutor(
        processes,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(model, batch_size),
    )
    running: deque[Future[list[Analysis]]] = deque()
    finished = False
    try:
        for task in _chain(first, second, tasks):
            running.append(executor.submit(_analyse_task, task))
            if len(running) < processes * (1 + QUEUED_PER_WORKER):
                continue
            yield from running.popleft().result()  # a worker that died raises BrokenProcessPool
            if stop():
                return
        while running:
            yield from running.popleft().result()
            if stop():
                return
        finished = True
    finally:
        if not finished:
            _kill_workers(executor)  # nothing waits for a cancelled or failed analysis
        executor.shutdown(wait=True, cancel_futures=True)


def _kill_workers(executor: ProcessPoolExecutor) -> None:
    # The executor has no public way to stop a running task (Python 3.14 adds terminate_workers()).
    workers: dict[int, BaseProcess] = getattr(executor, "_processes", None) or {}
    for process in list(workers.values()):
        if process.is_alive():
            process.kill()


def _chain(
    first: list[Article], second: list[Article], rest: Iterator[list[Article]]
) -> Iterator[list[Article]]:
    yield first
    yield second
    yield from rest
