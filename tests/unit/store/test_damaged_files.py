"""Damaged user files (issue 19, item 8): every state file that cannot be read as itself is moved
aside to `<file>.corrupt-<timestamp>`, the user is told which and where, and Dateline goes on."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tui.feeds.store import FetchState, Subscriptions
from tui.names.follows import Follows
from tui.names.identity import CorrectionsFile
from tui.store.bookmarks import BookmarkStore
from tui.store.readstate import ReadState
from tui.store.state import UiStateFile


def _deep(path: Path) -> None:
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")


def _long_number(path: Path) -> None:
    path.write_text('{"version": 1, "bookmarks": [], "read": [], "x": ' + "9" * 5000 + "}", encoding="utf-8")


def _directory(path: Path) -> None:
    path.mkdir()
    (path / "inside").write_text("kept", encoding="utf-8")


def _binary(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 40)


def _fifo(path: Path) -> None:
    os.mkfifo(path)  # reading it would wait for a writer for ever


DAMAGES: dict[str, Callable[[Path], None]] = {
    "deep": _deep,
    "long-number": _long_number,
    "directory": _directory,
    "binary": _binary,
    "fifo": _fifo,
}


def _bookmarks(path: Path) -> list[str]:
    store = BookmarkStore(path)
    messages = store.load()
    assert store.bookmarks == []
    return messages


def _ui(path: Path) -> list[str]:
    state = UiStateFile(path)
    state.load()
    return list(state.messages)


def _read(path: Path) -> list[str]:
    state = ReadState(path)
    state.load()
    assert state.is_read("anything")
    return list(state.messages)


def _fetch(path: Path) -> list[str]:
    state = FetchState(path)
    assert state.load() == ({}, {})
    return list(state.messages)


def _feeds(path: Path) -> list[str]:
    subscriptions = Subscriptions(path)
    assert subscriptions.load() == []
    return list(subscriptions.messages)


def _follows(path: Path) -> list[str]:
    follows = Follows(path)
    assert follows.load() == []
    return list(follows.messages)


def _names(path: Path) -> list[str]:
    corrections = CorrectionsFile(path)
    corrections.load()
    return list(corrections.messages)


OWNERS: dict[str, Callable[[Path], list[str]]] = {
    "bookmarks.json": _bookmarks,
    "ui.json": _ui,
    "read.json": _read,
    "fetch.json": _fetch,
    "feeds.json": _feeds,
    "follows.json": _follows,
    "names.json": _names,
}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
@pytest.mark.parametrize("name", sorted(OWNERS))
def test_every_damaged_state_file_is_moved_aside_and_named(tmp_path: Path, name: str, damage: str) -> None:
    path = tmp_path / name
    DAMAGES[damage](path)
    messages = OWNERS[name](path)
    moved = sorted(tmp_path.glob(f"{name}.corrupt-*"))
    assert len(moved) == 1, f"{name} ({damage}) was not moved aside"
    assert not path.exists()
    assert len(messages) == 1
    assert str(path) in messages[0] and str(moved[0]) in messages[0]
    assert "\n" not in messages[0] and len(messages[0]) < 400
    if damage == "directory":
        assert (moved[0] / "inside").read_text(encoding="utf-8") == "kept"  # nothing thrown away


@pytest.mark.parametrize("name", sorted(OWNERS))
def test_after_moving_aside_the_file_can_be_written_again(tmp_path: Path, name: str) -> None:
    """Dateline goes on: the next change writes a good file where the damaged one was."""
    path = tmp_path / name
    _directory(path)
    OWNERS[name](path)
    if name == "bookmarks.json":
        BookmarkStore(path).add("abc", "Title", "src")
    elif name == "follows.json":
        Follows(path).add("Ada Lovelace")
    elif name == "names.json":
        CorrectionsFile(path).relabel("Ada Lovelace", "person")
    elif name == "read.json":
        ReadState(path).mark(["abc"], read=False)
    elif name == "ui.json":
        from tui.store.state import UiState

        UiStateFile(path).save(UiState())
    elif name == "feeds.json":
        Subscriptions(path).document.update(lambda data: None)
    else:
        FetchState(path).document.update(lambda data: None)
    assert path.is_file()


def test_a_damaged_follows_file_is_not_moved_aside_by_a_glance(tmp_path: Path) -> None:
    """Code that cannot tell the user (the feeds screen asking whether anyone is followed) peeks
    without moving the file, so the names code still finds it damaged and says so."""
    path = tmp_path / "follows.json"
    _deep(path)
    assert Follows(path).peek() is None
    assert path.exists()
    follows = Follows(path)
    assert follows.load() == []
    assert len(follows.messages) == 1 and "moved to" in follows.messages[0]
