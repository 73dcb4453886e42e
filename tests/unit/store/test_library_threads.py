"""`Library` promises thread safety: the list of big files whose text is not indexed yet
(`_pending_text`) is read and written by the reader's library worker and by a refresh in another
thread; an update of one must not undo the other's (issue 20, item 8)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from tui.store import library as library_module
from tui.store.library import Library


def _write(folder: Path, name: str, body: str) -> None:
    record = {"title": name, "body": body, "source": name, "published": None, "url": None}
    (folder / f"{name}.json").write_text(json.dumps(record), encoding="utf-8")


class _StepAside(list):  # type: ignore[type-arg]
    """A list that, the first time it is iterated, lets `other` run in another thread meanwhile (as a
    thread switch in the middle of a read-modify-write would)."""

    def __init__(self, items: list[object], other: threading.Thread) -> None:
        super().__init__(items)
        self.other = other
        self.stepped = False

    def __iter__(self):  # type: ignore[no-untyped-def]
        if not self.stepped:
            self.stepped = True
            self.other.start()
            self.other.join(timeout=0.5)  # with a lock, it waits for this thread instead
        return super().__iter__()


def test_a_file_deferred_while_pending_text_is_indexed_is_not_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_module, "_DEFER_TEXT_CHARS", 10)  # every file's text deferred
    folder = tmp_path / "articles"
    folder.mkdir()
    _write(folder, "first", "The quokka ferry sails at dawn from the harbour.")
    library = Library([folder], cache_dir=tmp_path / "cache")
    library.refresh(defer_text=True)
    assert library.text_pending

    _write(folder, "second", "A wallaby crossed the bridge at noon on Sunday.")
    refresh = threading.Thread(target=lambda: library.refresh(defer_text=True))
    library._pending_text = _StepAside(list(library._pending_text), refresh)
    assert library.index_pending_text() or library.text_pending
    refresh.join(timeout=10)
    assert not refresh.is_alive()

    # The second file's text is still to be indexed, or the loop above took it up once the refresh
    # let go of the lock (a busy machine's order): either way not forgotten, so search finds it.
    assert library.index_pending_text()
    assert [hit.summary.title for hit in library.search("wallaby")] == ["second"]
    assert [hit.summary.title for hit in library.search("quokka")] == ["first"]
