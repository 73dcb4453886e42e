"""config.toml: colour overrides layered over the defaults, hidden groups, refresh, unknown keys,
broken files. Dateline never writes it (tests/ui/test_settings.py proves that through the app)."""

from __future__ import annotations

from pathlib import Path

import pytest

import tui.store.config
from tui.store.config import DEFAULT_REFRESH_MINUTES, config_path, load_config


def test_missing_config_is_defaults(isolated_dirs: dict[str, Path]) -> None:
    config = load_config()
    assert config.colors == {} and config.hidden_groups == set() and config.problems == []
    assert config.refresh_minutes == DEFAULT_REFRESH_MINUTES == 30


def test_colours_and_hidden_groups_are_read(isolated_dirs: dict[str, Path]) -> None:
    config_path().write_text(
        '[colors]\nPERSON = "#ff0000"\nnope = "red"\nGPE = "not-a-colour"\n\n'
        '[display]\nhidden_groups = ["Numbers", "Nonsense"]\n'
    )
    config = load_config()
    assert config.colors == {"PERSON": "#ff0000"}
    assert config.hidden_groups == {"Numbers"}
    assert len(config.problems) == 2


def test_broken_toml_is_reported_not_raised(isolated_dirs: dict[str, Path]) -> None:
    config_path().write_text("[colors\nPERSON = ")
    config = load_config()
    assert config.colors == {} and config.problems and "Ignoring" in config.problems[0]


def test_unknown_keys_and_tables_are_named_in_one_line_each(isolated_dirs: dict[str, Path]) -> None:
    config_path().write_text(
        'refresh_minutes = 5\ncolour = "red"\n[keys]\nquit = "x"\n'
        '[display]\nhidden_groups = []\nfont = "big"\n[colors]\nORG = "#00ff00"\n'
    )
    config = load_config()
    assert config.refresh_minutes == 5 and config.colors == {"ORG": "#00ff00"}
    assert config.problems == [
        "config.toml: unknown key colour ignored",
        "config.toml: unknown key [keys] ignored",
        "config.toml: unknown key display.font ignored",
    ]


@pytest.mark.parametrize("value", ["-1", '"10"', "1.5", "true"])
def test_a_bad_refresh_interval_is_reported_and_the_default_used(
    isolated_dirs: dict[str, Path], value: str
) -> None:
    config_path().write_text(f"refresh_minutes = {value}\n")
    config = load_config()
    assert config.refresh_minutes == DEFAULT_REFRESH_MINUTES
    assert len(config.problems) == 1 and "refresh_minutes" in config.problems[0]


def test_refresh_zero_means_never_and_is_accepted(isolated_dirs: dict[str, Path]) -> None:
    config_path().write_text("refresh_minutes = 0\n")
    config = load_config()
    assert config.refresh_minutes == 0 and config.problems == []


def test_nothing_in_the_module_writes_the_config() -> None:
    assert not hasattr(tui.store.config, "save_config")


def test_browser_is_read_as_a_one_line_command() -> None:
    """Issue 21: `browser = "w3m %u"` is the command links open with; absent, empty or broken: None
    (the system browser), a wrong type or unclosed quote said in words."""
    assert load_config().browser is None
    config_path().write_text('browser = "w3m %u"\n')
    config = load_config()
    assert config.browser == "w3m %u" and config.problems == []
    config_path().write_text('browser = "lynx\\n -accept_all_cookies %u"\n')
    assert load_config().browser == "lynx -accept_all_cookies %u"  # never a second command line
    config_path().write_text('browser = ""\n')
    assert load_config().browser is None and load_config().problems == []
    config_path().write_text("browser = 3\n")
    config = load_config()
    assert config.browser is None
    assert config.problems == [
        'config.toml: browser must be a command line such as "w3m %u"; using the system browser'
    ]
    config_path().write_text('browser = "w3m \'%u"\n')
    config = load_config()
    assert config.browser is None and "cannot be read (No closing quotation)" in config.problems[0]
