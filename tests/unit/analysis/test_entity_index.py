"""The cross-article entity index: adding, looking up by name/variant/label, backfill, corruption."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tui.analysis.cache import AnalysisCache
from tui.analysis.entity_index import (
    EntityIndex,
    EntityQuery,
    name_key,
    parse_entity_query,
)
from tui.analysis.types import Analysis, empty_facts
from tui.store.paths import CacheLayout

MODEL = "test_model-1.0"


def fact(name: str, label: str, mentions: int, *variants: str) -> dict[str, Any]:
    return {"name": name, "label": label, "mentions": mentions, "variants": [name, *variants], "first": 0}


def analysis(article_id: str, model: str | None = MODEL, **facts: list[dict[str, Any]]) -> Analysis:
    return Analysis(article_id=article_id, model=model, facts={**empty_facts(), **facts})


def kerry_library(index: EntityIndex) -> None:
    index.add(analysis("a1", people=[fact("John Kerry", "PERSON", 4, "Kerry")]))
    index.add(
        analysis(
            "a2",
            people=[fact("Kerry", "PERSON", 1)],
            places=[fact("Kerry", "GPE", 2, "County Kerry")],
        )
    )
    index.add(analysis("a3", organizations=[fact("Pentagon", "ORG", 3)]))


def test_articles_mentioning_by_name_variant_and_case(tmp_path: Path) -> None:
    index = EntityIndex(tmp_path)
    kerry_library(index)
    found = index.articles_mentioning("John Kerry")
    assert [(m.article_id, m.mentions, m.name) for m in found] == [("a1", 4, "John Kerry")]
    # any variant and any case find the fact; no label: the place and the person both count
    by_variant = index.articles_mentioning("  KERRY ")
    assert [(m.article_id, m.mentions) for m in by_variant] == [("a1", 4), ("a2", 3)]
    assert [m.article_id for m in index.articles_mentioning("county kerry")] == ["a2"]
    assert index.articles_mentioning("Hagel") == []
    assert index.articles_mentioning("") == []


def test_label_or_kind_narrows_and_model_filters(tmp_path: Path) -> None:
    index = EntityIndex(tmp_path)
    kerry_library(index)
    people = index.articles_mentioning("Kerry", label="PERSON")
    assert [(m.article_id, m.mentions) for m in people] == [("a1", 4), ("a2", 1)]
    places = index.articles_mentioning("kerry", label="gpe")
    assert [(m.article_id, m.mentions, m.label) for m in places] == [("a2", 2, "GPE")]
    assert [m.article_id for m in index.articles_mentioning("Kerry", label="places")] == ["a2"]
    assert index.articles_mentioning("Kerry", label="ORG") == []
    assert index.articles_mentioning("Kerry", model="other-2.0") == []
    assert [m.article_id for m in index.articles_mentioning("Pentagon", model=MODEL)] == ["a3"]


def test_readding_replaces_and_no_model_is_ignored(tmp_path: Path) -> None:
    index = EntityIndex(tmp_path)
    kerry_library(index)
    index.add(analysis("a1", people=[fact("Chuck Hagel", "PERSON", 2, "Hagel")]))
    assert [m.article_id for m in index.articles_mentioning("Kerry")] == ["a2"]
    assert [m.article_id for m in index.articles_mentioning("hagel")] == ["a1"]
    index.add(analysis("a9", model=None, people=[fact("Nobody", "PERSON", 1)]))
    assert index.articles_mentioning("Nobody") == []
    assert index.indexed_ids(MODEL) == {"a1", "a2", "a3"}


def test_names_by_prefix(tmp_path: Path) -> None:
    index = EntityIndex(tmp_path)
    kerry_library(index)
    names = [(n.name, n.label, n.articles) for n in index.names("ker")]
    assert ("John Kerry", "PERSON", 1) in names and ("Kerry", "GPE", 1) in names
    assert [n.name for n in index.names("pent")] == ["Pentagon"]
    assert index.names("zzz") == [] and index.names("") == []


def test_backfill_indexes_analyses_cached_before_the_index(tmp_path: Path) -> None:
    cache = AnalysisCache(CacheLayout(tmp_path).analysis_cache)
    cache.put(analysis("old", people=[fact("Barack Obama", "PERSON", 2, "Obama")]))
    index = EntityIndex(tmp_path)
    assert not (CacheLayout(tmp_path).entity_index).exists()
    assert [m.article_id for m in index.articles_mentioning("Obama")] == ["old"]
    assert index.backfill() == 0  # nothing left to pick up


def test_corrupt_index_is_rebuilt_from_the_cache(tmp_path: Path) -> None:
    cache = AnalysisCache(CacheLayout(tmp_path).analysis_cache)
    cache.put(analysis("kept", people=[fact("John Kerry", "PERSON", 4, "Kerry")]))
    (CacheLayout(tmp_path).entity_index).write_bytes(b"definitely not sqlite " * 200)
    index = EntityIndex(tmp_path)
    assert [m.article_id for m in index.articles_mentioning("kerry")] == ["kept"]
    # scribbled over later (by another process, a disk fault): the next query recovers too
    index.close()
    with open(CacheLayout(tmp_path).entity_index, "r+b") as file:
        file.write(b"garbage again " * 500)
    for suffix in ("-wal", "-shm"):
        Path(f"{CacheLayout(tmp_path).entity_index}{suffix}").unlink(missing_ok=True)
    assert [m.article_id for m in index.articles_mentioning("John Kerry")] == ["kept"]


def test_name_key_and_entity_queries() -> None:
    assert name_key("The  U.S.") == name_key("us") == "us"
    assert parse_entity_query("ent:PERSON=John Kerry") == EntityQuery("John Kerry", "PERSON")
    assert parse_entity_query("ent:John Kerry") == EntityQuery("John Kerry", None)
    assert parse_entity_query("ENT: people = 'Kerry' ") == EntityQuery("Kerry", "PEOPLE")
    assert parse_entity_query("ent:") is None
    assert parse_entity_query("John Kerry") is None


def test_entity_index_is_ui_free() -> None:
    code = (
        "import sys, tui.analysis.entity_index\n"
        "assert not [m for m in sys.modules if m.split('.')[0] in ('textual', 'spacy')]\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("count", [250])
def test_many_articles_in_one_transaction(tmp_path: Path, count: int) -> None:
    index = EntityIndex(tmp_path)
    index.add_many(
        analysis(f"id{n}", people=[fact("Ada Lovelace", "PERSON", n % 3 + 1, "Lovelace")])
        for n in range(count)
    )
    found = index.articles_mentioning("lovelace")
    assert len(found) == count and found[0].mentions == 3


def test_articles_mentioning_any_counts_each_fact_once(tmp_path: Path) -> None:
    index = EntityIndex(tmp_path)
    index.add(analysis("a1", people=[fact("John Kerry", "PERSON", 4, "John F. Kerry", "Kerry")]))
    index.add(analysis("a2", people=[fact("John F. Kerry", "PERSON", 2)]))
    found = index.articles_mentioning_any(["John Kerry", "john f kerry", ""], "people")
    assert [(m.article_id, m.mentions) for m in found] == [("a1", 4), ("a2", 2)]
    assert index.articles_mentioning_any([]) == []


def test_cli_entity_search_reads_the_index(
    samples_dir: Path, capsys: pytest.CaptureFixture[str], isolated_dirs: dict[str, Path]
) -> None:
    from tui.analysis.model import expected_model_name
    from tui.cli import main
    from tui.ingest.pipeline import load_file

    model = expected_model_name()
    if model is None:
        pytest.skip("no spaCy model installed")
    seed = load_file(samples_dir / "us-japan-security-alliance.txt")[0]
    other = load_file(samples_dir / "glasgow-museum-benin-bronzes.md")[0]
    index = EntityIndex(isolated_dirs["cache"])
    index.add(analysis(seed.id, model=model, people=[fact("John Kerry", "PERSON", 4, "Kerry")]))
    index.add(analysis(other.id, model=model, places=[fact("Kerry", "GPE", 1)]))
    index.add(analysis("notinlibrary", model=model, people=[fact("John Kerry", "PERSON", 9)]))

    assert main(["search", "ent:PERSON=John Kerry", "--json"]) == 0
    out, err = capsys.readouterr()
    results = json.loads(out)
    assert [r["id"] for r in results] == [seed.id]
    first = results[0]
    assert first["mentions"] == 4 and first["title"] == seed.title
    assert {"id", "title", "source", "published", "snippet", "matches", "mentions"} == set(first)
    start, end = first["matches"][0]
    assert first["snippet"][start:end] in ("John Kerry", "Kerry")
    assert "not analysed yet" in err  # the rest of the library is not in the index

    assert main(["search", "ent:kerry"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{seed.id}  {seed.title}") and lines[1].startswith("    ×4")
    assert lines[2].startswith(f"{other.id}  ")
    assert main(["search", "ent:GPE=Kerry", "--json"]) == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == [other.id]
    assert main(["search", "ent:Nobody Atall"]) == 1


def test_backfill_looks_again_only_when_the_cache_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = AnalysisCache(CacheLayout(tmp_path).analysis_cache)
    cache.put(analysis("one", people=[fact("Ada Lovelace", "PERSON", 1)]))
    index = EntityIndex(tmp_path)
    assert [m.article_id for m in index.articles_mentioning("Ada Lovelace")] == ["one"]
    listed: list[int] = []
    real_keys = AnalysisCache.keys

    def counted_keys(self: AnalysisCache, model: str | None = None) -> list[tuple[str, str]]:
        listed.append(1)
        return real_keys(self, model)

    monkeypatch.setattr(AnalysisCache, "keys", counted_keys)
    index.articles_mentioning("Ada Lovelace")
    assert listed == []  # nothing new: the cache was not listed again
    cache.put(analysis("two", people=[fact("Ada Lovelace", "PERSON", 2)]))  # another process
    assert [m.article_id for m in index.articles_mentioning("ada lovelace")] == ["two", "one"]
    assert listed == [1]
