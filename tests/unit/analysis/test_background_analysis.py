"""start_background_analysis: a separate low-priority process fills the analysis cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.analysis.background import start_background_analysis
from tui.analysis.engine import LoadedModel, analyze_text
from tui.analysis.model import Analyzer
from tui.ingest.pipeline import load_file
from tui.store.paths import cache_dir


def test_the_process_analyses_what_is_not_cached_and_the_result_is_what_analyze_gives(
    loaded_model: LoadedModel, samples_dir: Path, seed_path: Path
) -> None:
    seed = load_file(seed_path)[0]
    other = load_file(samples_dir / "northwind-foods-job-cuts.txt")[0]
    analyzer = Analyzer(cache_dir())
    analyzer.use_model(loaded_model, "ok")
    analyzer.analyze(other)  # cached already: left alone
    process = start_background_analysis([seed.id, other.id, seed.id, "no-such-article"])
    assert process is not None
    assert process.wait(timeout=300) == 0
    cached = analyzer.cache.get(seed.id, loaded_model.name)
    single = analyze_text(loaded_model, seed)
    assert cached is not None and single is not None
    assert cached.to_json() == single.to_json()
    assert analyzer.cache.cached_ids(loaded_model.name) >= {seed.id, other.id}
    assert list(Path(process.args[-1]).parent.glob(Path(process.args[-1]).name)) == []  # list removed


def test_nothing_is_started_without_ids_or_without_a_model(monkeypatch: pytest.MonkeyPatch) -> None:
    assert start_background_analysis([]) is None
    monkeypatch.setenv("DATELINE_MODEL", "none")
    assert start_background_analysis(["some-id"]) is None
