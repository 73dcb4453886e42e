"""Shared fixtures: every test runs with its own config, data and cache dirs (never the real home)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

SEED_NAME = "us-japan-security-alliance.txt"


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Point DATELINE_* and XDG_* at temp dirs so nothing touches the user's home."""
    dirs = {name: tmp_path / name for name in ("config", "data", "state", "cache", "xdg")}
    for path in dirs.values():
        path.mkdir()
    monkeypatch.setenv("DATELINE_CONFIG_DIR", str(dirs["config"]))
    monkeypatch.setenv("DATELINE_DATA_DIR", str(dirs["data"]))
    monkeypatch.setenv("DATELINE_STATE_DIR", str(dirs["state"]))
    monkeypatch.setenv("DATELINE_CACHE_DIR", str(dirs["cache"]))
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(dirs["xdg"] / var.lower()))
    monkeypatch.delenv("DATELINE_MODEL", raising=False)
    # No background analysis process outliving a test (tests of it turn it back on).
    monkeypatch.setenv("DATELINE_ANALYSE_AHEAD", "0")
    monkeypatch.delenv("NO_COLOR", raising=False)
    return dirs


@pytest.fixture(scope="session")
def loaded_model() -> object:
    """The spaCy model, loaded once for the whole session."""
    from tui.analysis.engine import load_model

    model, status = load_model()
    if model is None:
        pytest.skip(status)
    return model


@pytest.fixture(scope="session")
def nlp(loaded_model: Any) -> Any:
    """The spaCy pipeline exactly as the app loads it (same model order, same components)."""
    return loaded_model.nlp


@pytest.fixture(scope="session")
def shared_analyzer(tmp_path_factory: pytest.TempPathFactory, loaded_model: object) -> Iterator[object]:
    """An Analyzer with the model already loaded and its own cache, shared by UI tests."""
    from tui.analysis.model import Analyzer

    analyzer = Analyzer(tmp_path_factory.mktemp("analysis-cache"))
    analyzer.use_model(loaded_model, "Model loaded")  # type: ignore[arg-type]
    yield analyzer


@pytest.fixture
def samples_dir() -> Path:
    """The bundled sample articles (from the installed package or the checkout)."""
    from tui.store.paths import samples_dir as find

    return find()


@pytest.fixture
def seed_path(samples_dir: Path) -> Path:
    """The seed article as the scraper saved it."""
    return samples_dir / SEED_NAME
