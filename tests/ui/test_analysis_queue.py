"""The reader's one analysis queue (no Textual): spaCy for one job at a time, the open article
before the bulk jobs, and no article parsed by two jobs at once."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from pathlib import Path

from tui.store.library import Library
from tui.ui.analysis_queue import AnalysisQueue, queue_of


class FakeNames:
    """`Names.prepare` as the queue sees it: parses the unanalysed articles one by one (checking
    `cancelled` between them) and records who parsed what, and how many ran at once."""

    def __init__(self, ids: list[str], log: list[tuple[str, str]], running: list[int]) -> None:
        self.missing = list(ids)
        self.log = log
        self.running = running
        self.calls = 0
        # What the queue mutes with once the names are up to date (issue 21): no rules, no articles.
        self.library = Library([])
        self.index = None

    def read_state(self) -> None:
        return None

    def prepare(self, cancelled: Callable[[], bool] | None = None) -> int:
        self.calls += 1
        done = 0
        while self.missing and not (cancelled and cancelled()):
            article_id = self.missing[0]
            parse(article_id, "bulk", self.log, self.running)
            self.missing.remove(article_id)
            done += 1
        return done


def parse(article_id: str, who: str, log: list[tuple[str, str]], running: list[int]) -> None:
    running[0] += 1
    running[1] = max(running[1], running[0])
    log.append((who, article_id))
    time.sleep(0.01)
    running[0] -= 1


def test_an_article_goes_before_the_bulk_job_which_then_carries_on() -> None:
    queue = AnalysisQueue()
    log: list[tuple[str, str]] = []
    running = [0, 0]  # now, most at once
    names = FakeNames([f"a{i}" for i in range(30)], log, running)
    bulk = threading.Thread(target=queue.prepare, args=(names, lambda: False))
    bulk.start()
    while len(log) < 3:
        time.sleep(0.001)
    with queue.turn():  # the open article: the bulk job stops between two articles
        if "a20" in names.missing:
            names.missing.remove("a20")  # analysed (and cached) here: the bulk job skips it
        parse("a20", "article", log, running)
        bulk_so_far = sum(1 for who, _ in log if who == "bulk")
    bulk.join(10)
    assert not bulk.is_alive()
    assert running[1] == 1  # never two parses at once
    assert bulk_so_far < 30 and ("article", "a20") in log  # the article did not wait for the bulk
    assert sorted(a for _, a in log) == sorted(f"a{i}" for i in range(30))  # each parsed once
    assert names.calls >= 2 and not names.missing  # the bulk job went on after it


def test_two_bulk_jobs_take_turns() -> None:
    queue = AnalysisQueue()
    log: list[tuple[str, str]] = []
    running = [0, 0]
    names = FakeNames([f"a{i}" for i in range(10)], log, running)
    jobs = [threading.Thread(target=queue.prepare, args=(names, lambda: False)) for _ in range(3)]
    for job in jobs:
        job.start()
    for job in jobs:
        job.join(10)
    assert running[1] == 1 and len(log) == 10  # the later jobs found the work done


def test_a_cancelled_bulk_job_ends_and_an_error_frees_the_turn() -> None:
    queue = AnalysisQueue()
    names = FakeNames(["a"], [], [0, 0])
    queue.prepare(names, lambda: True)  # type: ignore[arg-type]
    assert names.missing == ["a"]

    class Broken:
        def prepare(self, cancelled: Callable[[], bool] | None = None) -> int:
            raise RuntimeError("no model")

    try:
        queue.prepare(Broken(), lambda: False)  # type: ignore[arg-type]
    except RuntimeError:
        pass
    with queue.turn():  # not left busy
        pass


def test_one_queue_per_app() -> None:
    class App:
        pass

    first, second = App(), App()
    assert queue_of(first) is queue_of(first)
    assert queue_of(first) is not queue_of(second)


def test_a_finished_prepare_mutes_the_new_matches(isolated_dirs: dict[str, Path]) -> None:
    from tui.store.rules import MuteRules

    data = isolated_dirs["data"]
    record = {"title": "Sponsored", "body": "A sponsored quokka.", "source": "x", "published": None}
    (data / "one.json").write_text(json.dumps(record), encoding="utf-8")
    names = FakeNames([], [], [0, 0])
    names.library = Library([data], user_dir=data)
    names.library.refresh()
    MuteRules().add("sponsored")
    assert len(names.library.summaries()) == 1
    AnalysisQueue().prepare(names, lambda: False)  # type: ignore[arg-type]
    assert names.library.summaries() == []
