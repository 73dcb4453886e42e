"""`show --json` and `export` apply the user's name corrections (issue 18, item 4): a relabelled
name is in its new section with its mentions relabelled, merged names are one fact, a spelling split
from a name is a name of its own."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tui.analysis.cache import AnalysisCache
from tui.analysis.types import Analysis, Entity, empty_facts
from tui.ingest.pipeline import load_file
from tui.names.identity import CorrectionsFile
from tui.store.paths import CacheLayout


def _entity(body: str, text: str, label: str, after: int = 0) -> Entity:
    start = body.index(text, after)
    return Entity(start, start + len(text), label, text)


def _fact(body: str, name: str, label: str, *variants: str) -> dict[str, Any]:
    spellings = [name, *variants]
    return {
        "name": name,
        "label": label,
        "mentions": sum(body.count(v) for v in spellings),
        "variants": spellings,
        "first": body.index(name),
    }


@pytest.fixture
def seed_id(seed_path: Path, isolated_dirs: dict[str, Path]) -> str:
    """The seed article with a hand-made cached analysis (no spaCy), and two corrections."""
    from tui.analysis.engine import expected_model_name

    model = expected_model_name()
    if model is None:
        pytest.skip("no spaCy model installed")
    seed = load_file(seed_path)[0]
    body = seed.body
    facts = empty_facts()
    kerry = _fact(body, "John Kerry", "PERSON", "Kerry")
    kerry["mentions"] = 2
    facts["people"] = [kerry, _fact(body, "Chuck Hagel", "PERSON")]  # type: ignore[list-item]
    facts["organizations"] = [_fact(body, "Pentagon", "ORG")]  # type: ignore[list-item]
    entities = [
        _entity(body, "John Kerry", "PERSON"),
        _entity(body, "Pentagon", "ORG"),
        _entity(body, "Chuck Hagel", "PERSON"),
        _entity(body, "Kerry", "PERSON", after=body.index("John Kerry") + 10),
    ]
    AnalysisCache(CacheLayout(isolated_dirs["cache"]).analysis_cache).put(
        Analysis(seed.id, model, entities=entities, facts=facts)
    )
    corrections = CorrectionsFile()
    corrections.relabel("Pentagon", "place")
    corrections.merge("Chuck Hagel", "John Kerry")
    corrections.split("Kerry", "John Kerry")
    return seed.id


def _check(data: dict[str, Any]) -> None:
    facts = data["facts"]
    assert [f["name"] for f in facts["organizations"]] == []
    assert [(f["name"], f["label"]) for f in facts["places"]] == [("Pentagon", "GPE")]
    assert [(e["text"], e["label"]) for e in data["entities"] if e["text"] == "Pentagon"] == [
        ("Pentagon", "GPE")
    ]
    people = {f["name"]: f for f in facts["people"]}
    assert set(people) == {"John Kerry", "Kerry"}
    assert set(people["John Kerry"]["variants"]) == {"John Kerry", "Chuck Hagel"}
    assert people["John Kerry"]["mentions"] == 2  # one of his own, one of Chuck Hagel's
    assert (people["Kerry"]["variants"], people["Kerry"]["mentions"]) == (["Kerry"], 1)


def test_show_json_applies_the_corrections(seed_id: str, capsys: pytest.CaptureFixture[str]) -> None:
    from tui.cli import main

    assert main(["show", seed_id, "--json"]) == 0
    _check(json.loads(capsys.readouterr().out))


def test_export_applies_the_corrections(seed_id: str, capsys: pytest.CaptureFixture[str]) -> None:
    from tui.cli import main

    assert main(["export", seed_id, "--format", "json"]) == 0
    _check(json.loads(capsys.readouterr().out))
    assert main(["export", seed_id, "--format", "md"]) == 0
    assert "**Pentagon**<sup>GPE</sup>" in capsys.readouterr().out
