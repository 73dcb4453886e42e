"""Read state: only tracked (feed) articles can be unread; damaged files are moved aside."""

from __future__ import annotations

import json
from pathlib import Path

from tui.store.readstate import ReadState, read_state_path


def test_untracked_articles_count_as_read_and_tracked_ones_start_unread() -> None:
    state = ReadState()
    state.load()
    assert state.is_read("imported0001")
    state.track(["feed00000001", "feed00000002"])
    assert state.unread(["feed00000001", "feed00000002", "imported0001"]) == {"feed00000001", "feed00000002"}
    state.mark(["feed00000001"], read=True)
    again = ReadState()
    again.load()
    assert again.unread(["feed00000001", "feed00000002"]) == {"feed00000002"}
    again.mark(["imported0001", "feed00000001"], read=False)
    third = ReadState()
    third.load()
    assert third.unread(["feed00000001", "imported0001"]) == {"feed00000001", "imported0001"}
    document = json.loads(read_state_path().read_text())
    assert document["version"] == 1 and "feed00000001" not in document["read"]


def test_two_instances_merge_their_changes() -> None:
    first, second = ReadState(), ReadState()
    first.load()
    second.load()
    first.track(["a00000000000"])
    second.track(["b00000000000"])
    first.mark(["a00000000000"], read=True)
    fresh = ReadState()
    fresh.load()
    assert fresh.unread(["a00000000000", "b00000000000"]) == {"b00000000000"}


def test_replaced_ids_keep_their_read_state() -> None:
    state = ReadState()
    state.load()
    state.track(["old000000000"])
    state.mark(["old000000000"], read=True)
    state.track([], {"old000000000": "new000000000"})
    assert state.is_read("new000000000") and state.unread(["new000000000"]) == set()


def test_a_damaged_file_is_moved_aside_with_a_message(isolated_dirs: dict[str, Path]) -> None:
    read_state_path().write_text('{"version": 1, "read": "not a list"}')
    state = ReadState()
    state.load()
    state.mark(["x00000000000"], read=False)
    assert state.messages and "moved to" in state.messages[0]
    assert list(isolated_dirs["state"].glob("read.json.corrupt-*"))
    assert state.unread(["x00000000000"]) == {"x00000000000"}
