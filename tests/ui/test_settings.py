"""config.toml is only ever read; what the UI remembers lives in state_dir()/ui.json (issue 10.6)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tui.core.labels import OTHER_GROUP
from tui.store.library import Library
from tui.ui.app import ConfigNote, DatelineApp

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
        note = str(app.main_screen.query_one(ConfigNote).render())
        assert "config.toml: unknown key [keys] ignored" in note
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


@pytest.mark.parametrize("theme", ["nord", "textual-light"])
async def test_a_saved_theme_is_drawn_without_parsing_the_stylesheets_again(
    theme: str, shared_analyzer: Any, isolated_dirs: dict[str, Path], stylesheet_reparses: list[int]
) -> None:
    """Issue 20: the saved theme was set in `on_mount`, and Textual parsed every stylesheet again
    (some 15 ms before the first frame). A dark theme like the default now costs no second parse;
    a light one (whose ANSI colour mapping differs) one parse of the app's own sheets at most.
    Either way the screen is drawn in the saved theme's colours, and saving it again is not a
    change the user made."""
    from textual.color import Color

    (isolated_dirs["state"] / "ui.json").write_text(json.dumps({"theme": theme}))
    reparsed = stylesheet_reparses
    app = make_app(shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme == theme
        assert app.has_class(f"-theme-{theme}")
        chosen = app.get_theme(theme)
        assert chosen is not None and chosen.background is not None
        assert app.main_screen.styles.background == Color.parse(chosen.background)
        if theme == "nord":
            assert reparsed == []
        else:
            assert len(reparsed) <= 1
    assert json.loads((isolated_dirs["state"] / "ui.json").read_text()) == {"theme": theme}


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


def test_a_named_colour_is_drawn_as_that_colour_in_16_and_256_colours(
    shared_analyzer: Any, isolated_dirs: dict[str, Path]
) -> None:
    """Issue 21, item 8: `GPE = "yellow"` came out orange (Rich's terminal yellow goes through
    Textual's ANSI theme, Monokai, whose yellow is #FD971F). CSS names are drawn as CSS says,
    so a 256-colour terminal shows yellow as 226 and a 16-colour one as its bright yellow (11);
    CSS names Rich does not know ("lightblue") work too, Rich's own ("bright_yellow") still do."""
    from rich.color import ColorSystem

    (isolated_dirs["config"] / "config.toml").write_text(
        '[colors]\nGPE = "yellow"\nORG = "lightblue"\nLOC = "bright_yellow"\nPERSON = "nonsense"\n'
    )
    app = make_app(shared_analyzer)
    palette = app.main_screen.palette
    gpe = palette.style("GPE").bgcolor
    assert gpe is not None and gpe.triplet is not None and gpe.triplet.hex == "#ffff00"
    assert gpe.downgrade(ColorSystem.EIGHT_BIT).number == 226
    assert gpe.downgrade(ColorSystem.STANDARD).number == 11
    assert palette.color("ORG") == "#ADD8E6" and palette.color("LOC") == "bright_yellow"
    assert palette.color("PERSON") != "nonsense"
    assert any("invalid colour 'nonsense' for PERSON" in p for p in app.config.problems)


async def test_the_config_warning_never_covers_list_rows_or_terminal_too_small(
    shared_analyzer: Any, isolated_dirs: dict[str, Path]
) -> None:
    """Issue 21, item 8: the config.toml warning was a toast over the list's rows, and over
    "Terminal too small". It takes a line of its own above the footer, and gives way to that
    message."""
    from tui.ui.widgets.article_list import ArticleList

    (isolated_dirs["config"] / "config.toml").write_text('colour = "red"\n[colors]\nGPE = "nonsense"\n')
    app = make_app(shared_analyzer)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.main_screen
        note = screen.query_one(ConfigNote)
        assert "config.toml: unknown key colour ignored" in str(note.render())
        assert "invalid colour 'nonsense' for GPE" in str(note.render())
        assert not any("config.toml" in n for n in notifications(app))  # no toast
        listing, status = screen.query_one(ArticleList), screen.query_one("#list-status")
        assert note.region.height == 2
        assert not note.region.overlaps(listing.region) and not note.region.overlaps(status.region)
        assert status.region.bottom <= note.region.y
        await pilot.resize_terminal(36, 10)
        await pilot.pause()
        assert screen.has_class("-too-small") and not note.display
        too_small = screen.query_one("#too-small")
        assert too_small.region.area and not too_small.region.overlaps(note.region)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert note.region.height == 2
