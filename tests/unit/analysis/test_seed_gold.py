"""The seed article against its hand-checked gold entities (tests/data/seed.gold.json)."""

from __future__ import annotations

import contextlib
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests import locations
from tui.analysis.engine import analyze_text
from tui.ingest.pipeline import load_file

GOLD = locations.DATA / "seed.gold.json"


def test_seed_entities_precision_and_recall(
    seed_path: Path, loaded_model: Any, capfd: pytest.CaptureFixture[str]
) -> None:
    gold_data = json.loads(GOLD.read_text(encoding="utf-8"))
    assert gold_data["file"] == seed_path.name
    gold = Counter((e["text"], e["label"]) for e in gold_data["entities"])
    article = load_file(seed_path)[0]
    analysis = analyze_text(loaded_model, article)
    assert analysis is not None
    found = Counter((e.text, e.label) for e in analysis.entities)
    right = sum((gold & found).values())
    precision = right / max(1, sum(found.values()))
    recall = right / max(1, sum(gold.values()))
    # Under pytest-xdist a worker's stdout never reaches the terminal; its stderr does.
    with capfd.disabled(), contextlib.redirect_stdout(sys.stderr):
        print(
            f"\nseed gold: {sum(gold.values())} mentions, Dateline found {sum(found.values())}, "
            f"precision {precision:.2f}, recall {recall:.2f}"
        )
        missed = gold - found
        extra = found - gold
        print("  missed:", ", ".join(f"{t} ({lab})" for (t, lab) in sorted(missed)) or "none")
        print("  extra: ", ", ".join(f"{t} ({lab})" for (t, lab) in sorted(extra)) or "none")
    assert precision >= 0.8 and recall >= 0.8
    # the junk around the article never becomes an entity
    assert not any(t in ("Breaking News", "Accessibility", "XS", "LG") for t, _ in found)
