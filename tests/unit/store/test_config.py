"""config.toml: colour overrides layered over the defaults, hidden groups, and broken files."""

from __future__ import annotations

from pathlib import Path

from tui.store.config import Config, config_path, load_config, save_config


def test_missing_config_is_defaults(isolated_dirs: dict[str, Path]) -> None:
    config = load_config()
    assert config.colors == {} and config.hidden_groups == set() and config.problems == []


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


def test_save_round_trips_and_keeps_colours(isolated_dirs: dict[str, Path]) -> None:
    save_config(Config(colors={"ORG": "#00ff00"}, hidden_groups={"People", "Places"}))
    config = load_config()
    assert config.colors == {"ORG": "#00ff00"}
    assert config.hidden_groups == {"People", "Places"}
    assert not [p for p in config_path().parent.iterdir() if p.name.endswith(".tmp")]


def test_feeds_refresh_minutes(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    assert load_config(path).refresh_minutes == 30
    path.write_text("[feeds]\nrefresh_minutes = 0\n")
    assert load_config(path).refresh_minutes == 0 and not load_config(path).problems
    path.write_text('[feeds]\nrefresh_minutes = "soon"\n')
    config = load_config(path)
    assert config.refresh_minutes == 30 and "refresh_minutes" in config.problems[0]
    path.write_text("[feeds]\nrefresh_minutes = -5\n")
    assert load_config(path).refresh_minutes == 30
