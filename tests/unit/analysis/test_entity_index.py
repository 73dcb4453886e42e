"""Entity queries and the one names index behind them: `ent:` search and the lookups of the mentions
screen answer from `names.sqlite3` (there is no separate entity index any more), with the user's
corrections applied."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.unit.names.helpers import article
from tui.analysis.cache import AnalysisCache
from tui.analysis.entity_index import EntityQuery, name_key, parse_entity_query
from tui.analysis.types import Analysis, empty_facts
from tui.names.identity import CorrectionsFile
from tui.names.index import NameIndex
from tui.store.paths import CacheLayout


def fact(name: str, label: str, mentions: int, *variants: str) -> dict[str, Any]:
    return {"name": name, "label": label, "mentions": mentions, "variants": [name, *variants], "first": 0}


def analysis(article_id: str, model: str, **facts: list[dict[str, Any]]) -> Analysis:
    return Analysis(article_id=article_id, model=model, facts={**empty_facts(), **facts})


@pytest.fixture
def index(tmp_path: Path) -> NameIndex:
    names = NameIndex(tmp_path)
    names.add_articles(
        [
            article(
                "a1", "John Kerry met them. Kerry left.", [("John Kerry", "PERSON"), ("Kerry", "PERSON")]
            ),
            article(
                "a2", "The UN said so. John F. Kerry agreed.", [("UN", "ORG"), ("John F. Kerry", "PERSON")]
            ),
            article(
                "a3", "The United Nations and the Pentagon.", [("United Nations", "ORG"), ("Pentagon", "ORG")]
            ),
        ]
    )
    return names


def test_articles_mentioning_by_identity_spelling_and_kind(index: NameIndex) -> None:
    found = index.articles_mentioning("John Kerry")
    assert [(m.article_id, m.mentions, m.label, m.kind) for m in found] == [
        ("a1", 3, "PERSON", "people"),  # the helper counts "Kerry" inside "John Kerry" too
        ("a2", 1, "PERSON", "people"),
    ]
    assert set(found[0].variants) == {"John Kerry", "Kerry"}
    assert [m.article_id for m in index.articles_mentioning("  john f. KERRY ")] == ["a1", "a2"]
    assert [m.article_id for m in index.articles_mentioning("John Kerry", "PERSON")] == ["a1", "a2"]
    assert [m.article_id for m in index.articles_mentioning("John Kerry", "people")] == ["a1", "a2"]
    assert index.articles_mentioning("John Kerry", "ORG") == []
    assert index.articles_mentioning("Hagel") == [] and index.articles_mentioning("") == []
    assert index.articles_mentioning_any([]) == []
    assert index.indexed_ids() == {"a1", "a2", "a3"}


def test_lookups_honour_the_users_corrections(index: NameIndex, tmp_path: Path) -> None:
    corrections = CorrectionsFile(tmp_path / "names.json")
    corrections.merge("UN", "United Nations")
    corrections.relabel("Pentagon", "place")
    index.corrections = corrections.load()
    assert sorted(m.article_id for m in index.articles_mentioning("UN")) == ["a2", "a3"]
    assert [m.label for m in index.articles_mentioning("Pentagon")] == ["GPE"]
    assert [m.article_id for m in index.articles_mentioning("Pentagon", "places")] == ["a3"]
    assert index.articles_mentioning("Pentagon", "ORG") == []
    corrections.split("Kerry", "John Kerry")
    index.corrections = corrections.load()
    assert [(m.article_id, m.mentions) for m in index.articles_mentioning("John Kerry")][0] == ("a1", 1)


def test_the_old_entity_index_file_is_not_left_behind(tmp_path: Path) -> None:
    old = CacheLayout(tmp_path).entity_index
    old.write_bytes(b"SQLite format 3\x00")
    NameIndex(tmp_path)
    assert not old.exists()


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


def test_cli_entity_search_reads_the_names_index_with_corrections(
    samples_dir: Path, capsys: pytest.CaptureFixture[str], isolated_dirs: dict[str, Path]
) -> None:
    from tui.analysis.engine import expected_model_name
    from tui.cli import main
    from tui.ingest.pipeline import load_file

    model = expected_model_name()
    if model is None:
        pytest.skip("no spaCy model installed")
    seed = load_file(samples_dir / "us-japan-security-alliance.txt")[0]
    other = load_file(samples_dir / "glasgow-museum-benin-bronzes.md")[0]
    cache = AnalysisCache(CacheLayout(isolated_dirs["cache"]).analysis_cache)
    cache.put(analysis(seed.id, model, people=[fact("John Kerry", "PERSON", 4, "Kerry")]))
    cache.put(analysis(other.id, model, places=[fact("Kerry", "GPE", 1)]))
    cache.put(analysis("notinlibrary", model, people=[fact("John Kerry", "PERSON", 9)]))

    assert main(["search", "ent:PERSON=John Kerry", "--json"]) == 0
    out, err = capsys.readouterr()
    results = json.loads(out)
    assert [r["id"] for r in results] == [seed.id]
    first = results[0]
    assert first["mentions"] >= 4 and first["title"] == seed.title
    assert {"id", "title", "source", "published", "snippet", "matches", "mentions"} == set(first)
    start, end = first["matches"][0]
    assert first["snippet"][start:end] in ("John Kerry", "Kerry")
    assert "not analysed yet" in err  # the rest of the library is not in the index

    assert main(["search", "ent:GPE=Kerry", "--json"]) == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == [other.id]
    assert main(["search", "ent:Nobody Atall"]) == 1
    capsys.readouterr()
    # A correction shows in the search at once: Kerry the place is counted as John Kerry.
    assert main(["names", "merge", "Kerry", "John Kerry"]) == 0
    capsys.readouterr()
    assert main(["search", "ent:John Kerry", "--json"]) == 0
    assert {r["id"] for r in json.loads(capsys.readouterr().out)} == {seed.id, other.id}
