"""A cached `show` / `export` in a new process answers from the analysis cache without importing spaCy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Runs `dateline ARGS...` in a fresh interpreter and appends whether spaCy (or thinc) was imported.
PROBE = """
import json, sys
from tui.cli import main
code = main(sys.argv[2:])
imported = sorted(m for m in sys.modules if m.split(".")[0] in ("spacy", "thinc"))
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump({"code": code, "imported": imported}, out)
"""


def _dateline(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], dict[str, object]]:
    report = tmp_path / "probe.json"
    report.unlink(missing_ok=True)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(report), *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),  # the isolated DATELINE_* dirs of this test
        timeout=300,
        check=False,
    )
    return done, json.loads(report.read_text(encoding="utf-8"))


def test_cached_show_and_export_never_import_spacy(
    tmp_path: Path, seed_path: Path, loaded_model: object
) -> None:
    cold, cold_probe = _dateline(tmp_path, "show", str(seed_path), "--json")
    assert cold_probe["code"] == 0, cold.stderr
    assert "spacy" in cold_probe["imported"]  # the first run parses: the probe does see spaCy
    first = json.loads(cold.stdout)
    assert first["entities"], "the cold run should have found entities"

    warm, warm_probe = _dateline(tmp_path, "show", str(seed_path), "--json")
    assert warm_probe == {"code": 0, "imported": []}, warm.stderr
    assert warm.stdout == cold.stdout
    assert warm.stderr == ""  # no "no model" complaint: the cached analysis needs none

    exported, export_probe = _dateline(tmp_path, "export", str(seed_path), "--format", "md")
    assert export_probe == {"code": 0, "imported": []}, exported.stderr
    assert first["title"] in exported.stdout


def test_without_a_model_the_reason_is_still_given(
    tmp_path: Path, seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATELINE_MODEL", "none")
    done, probe = _dateline(tmp_path, "show", str(seed_path), "--json")
    assert probe == {"code": 0, "imported": []}
    assert "No spaCy English model" in done.stderr
