"""The refresh waits for its feeds on a completion queue (`finished_futures`): every feed that
finished is handed back once, those that finished together at one turn, and a turn with none
returns after its timeout so that a cancellation is seen."""

from __future__ import annotations

import queue
import time
from concurrent.futures import Future, ThreadPoolExecutor

from tui.feeds.workers import finished_futures


def test_futures_finished_together_come_back_at_one_turn_each_once() -> None:
    finishing: queue.SimpleQueue[Future[int]] = queue.SimpleQueue()
    futures: list[Future[int]] = [Future() for _ in range(5)]
    for future in futures:
        future.add_done_callback(finishing.put)
    for n, future in enumerate(futures[:3]):
        future.set_result(n)
    assert finished_futures(finishing, timeout=1.0) == futures[:3]
    for n, future in enumerate(futures[3:], start=3):
        future.set_result(n)
    assert finished_futures(finishing, timeout=1.0) == futures[3:]
    begun = time.monotonic()
    assert finished_futures(finishing, timeout=0.05) == []
    assert time.monotonic() - begun < 1.0


def test_a_future_done_before_its_callback_is_added_and_a_cancelled_one_are_handed_back() -> None:
    finishing: queue.SimpleQueue[Future[int]] = queue.SimpleQueue()
    done: Future[int] = Future()
    done.set_result(1)
    done.add_done_callback(finishing.put)  # called at once
    cancelled: Future[int] = Future()
    cancelled.add_done_callback(finishing.put)
    assert cancelled.cancel()
    assert finished_futures(finishing, timeout=1.0) == [done, cancelled]


def test_a_turn_returns_as_soon_as_a_feed_finishes() -> None:
    finishing: queue.SimpleQueue[Future[str]] = queue.SimpleQueue()

    def feed() -> str:
        time.sleep(0.05)
        return "feed"

    with ThreadPoolExecutor(1) as pool:
        future = pool.submit(feed)
        future.add_done_callback(finishing.put)
        begun = time.monotonic()
        finished = finished_futures(finishing, timeout=5.0)
    assert finished == [future] and future.result() == "feed"
    assert time.monotonic() - begun < 4.0
