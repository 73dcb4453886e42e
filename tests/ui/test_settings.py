"""config.toml is only ever read; what the UI remembers lives in state_dir()/ui.json (issue 10.6)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tui.core.labels import OTHER_GROUP
from tui.store.library import Library
from tui.ui.app import DatelineApp

USER_CONFIG = b"""# My Dateline settings -- hand-written, keep my comments.
refresh_minutes = 15  # feeds every quarter hour

[colors]
PERSON = "#ff8800"   # orange people

# Tables Dateline does not know yet must survive too.
[keys]
quit = "x"

[display]
hidden_groups = ["Numbers"]  # start with numbers hidden
"""


async def settle(pilot: Pilot[Any]) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def make_app(analyzer: Any) -> DatelineApp:
    return DatelineApp(Library.default(), analyzer=analyzer)


def notifications(app: DatelineApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_config_toml_is_byte_for_byte_unchanged_and_the_state_survives_a_restart(
    shared_analyzer: Any, isolated_dirs: dict[str, Path]
) -> None:
    config = isolated_dirs["config"] / "config.toml"
    config.write_bytes(USER_CONFIG)
    app = make_app(shared_analyzer)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.main_screen.hidden_groups == {"Numbers"}  # config's value, no state saved yet
        assert "config.toml: unknown key [keys] ignored" in notifications(app)
        await pilot.press("1", "2", "3", "4", "5", "6", "1")
        await pilot.press("s", "s")  # date -> title -> source
        await pilot.press("f")  # hide the facts pane
        app.theme = "nord"  # as the command palette's "Change theme" does
        await pilot.pause()
        await settle(pilot)
    assert config.read_bytes() == USER_CONFIG
    saved = json.loads((isolated_dirs["state"] / "ui.json").read_text())
    assert saved["theme"] == "nord" and saved["sort"] == "source" and saved["hide_facts"] is True

    app2 = make_app(shared_analyzer)
    async with app2.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        main = app2.main_screen
        assert app2.theme == "nord"
        assert main.sort == "source"
        # 1-6 flipped every group, then 1 flipped People back: all but People and Numbers hidden.
        assert main.hidden_groups == {"Organisations", "Places", "Dates & times", OTHER_GROUP}
        assert main.has_class("-hide-facts") and not app2.query_one("#facts-pane").display
        await pilot.press("f")
        await pilot.pause()
        assert app2.query_one("#facts-pane").display
    assert config.read_bytes() == USER_CONFIG
    assert json.loads((isolated_dirs["state"] / "ui.json").read_text())["hide_facts"] is False


async def test_a_damaged_state_file_is_moved_aside_and_the_user_told(
    shared_analyzer: Any, isolated_dirs: dict[str, Path]
) -> None:
    (isolated_dirs["state"] / "ui.json").write_text("{broken")
    app = make_app(shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert any("ui.json was damaged" in message for message in notifications(app))
        assert app.main_screen.sort == "date"
    assert not (isolated_dirs["state"] / "ui.json").exists()
