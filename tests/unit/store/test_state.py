"""ui.json: the UI state round trip, bad fields dropped, a damaged file moved aside and reported."""

from __future__ import annotations

import json
from pathlib import Path

from tui.store.state import UiState, UiStateFile, ui_state_path


def test_missing_state_is_defaults_with_no_hidden_groups_saved(isolated_dirs: dict[str, Path]) -> None:
    state = UiStateFile().load()
    assert state == UiState(sort="date", hidden_groups=None, theme=None, hide_facts=False)
    assert not ui_state_path().exists()


def test_state_round_trips(isolated_dirs: dict[str, Path]) -> None:
    saved = UiState(
        sort="source", hidden_groups={"People", "Numbers"}, theme="nord", hide_facts=True, hide_read=True
    )
    UiStateFile().save(saved)
    assert ui_state_path().parent == isolated_dirs["state"]
    assert UiStateFile().load() == saved
    data = json.loads(ui_state_path().read_text())
    assert data["version"] == 1 and data["hidden_groups"] == ["People", "Numbers"]
    assert data["hide_read"] is True
    UiStateFile().save(UiState(hidden_groups=set()))
    assert UiStateFile().load().hidden_groups == set()  # "none hidden" is kept, not read as unsaved


def test_bad_fields_are_dropped_not_the_file(isolated_dirs: dict[str, Path]) -> None:
    ui_state_path().parent.mkdir(parents=True, exist_ok=True)
    ui_state_path().write_text(
        json.dumps(
            {
                "sort": "colour",
                "hidden_groups": ["People", 3, "Nope"],
                "theme": 7,
                "hide_facts": "yes",
                "hide_read": 1,
            }
        )
    )
    file = UiStateFile()
    assert file.load() == UiState(hidden_groups={"People"})
    assert file.messages == []


def test_damaged_state_is_moved_aside_and_reported(isolated_dirs: dict[str, Path]) -> None:
    ui_state_path().parent.mkdir(parents=True, exist_ok=True)
    ui_state_path().write_text("{not json")
    file = UiStateFile()
    assert file.load() == UiState()
    assert len(file.messages) == 1 and "damaged" in file.messages[0]
    assert not ui_state_path().exists()
    assert [p for p in ui_state_path().parent.iterdir() if p.name.startswith("ui.json")]
