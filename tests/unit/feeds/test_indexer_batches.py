"""The refresh's indexer thread takes what is queued in bulk: entries written close together reach
the library index as one batch (one transaction), removals with them, and `close` indexes the rest
without waiting out the batch's time limits."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from tui.core.article import Article
from tui.feeds.workers import Indexer


class FakeLibrary:
    def __init__(self) -> None:
        self.batches: list[tuple[list[Path], list[Path]]] = []

    def add_written(self, written: list[tuple[Path, Article, str]], removed: list[Path]) -> None:
        self.batches.append(([path for path, _, _ in written], list(removed)))

    def close(self) -> None:
        pass


def article(n: int) -> Article:
    return Article(title=f"Title {n}", body=f"Body {n}.", source="https://example.org/feed")


def test_entries_queued_together_are_one_batch_and_close_does_not_wait(tmp_path: Path) -> None:
    library = FakeLibrary()
    indexer = Indexer(lambda: library)  # type: ignore[arg-type,return-value]
    indexer.WAIT, indexer.MAX_WAIT = 5.0, 10.0
    paths = [tmp_path / f"{n}.json" for n in range(300)]
    for n, path in enumerate(paths):
        indexer.add(path, article(n), "https://example.org/feed")
    indexer.remove(tmp_path / "old.json")
    begun = time.monotonic()
    indexer.close()
    assert time.monotonic() - begun < 2.0  # not WAIT or MAX_WAIT
    assert library.batches == [(paths, [tmp_path / "old.json"])]


def test_a_batch_goes_to_the_index_after_wait_seconds_without_a_new_entry(tmp_path: Path) -> None:
    library = FakeLibrary()
    indexer: Any = Indexer(lambda: library)  # type: ignore[arg-type,return-value]
    indexer.WAIT, indexer.MAX_WAIT = 0.2, 10.0
    indexer.add(tmp_path / "a.json", article(1), "")
    deadline = time.monotonic() + 5.0
    while not library.batches and time.monotonic() < deadline:
        time.sleep(0.02)
    assert library.batches == [([tmp_path / "a.json"], [])]  # before close
    indexer.close()
