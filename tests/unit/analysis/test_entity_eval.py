"""Entity quality against hand-made gold files: raw model vs Dateline's refined entities, per group.

Prints a precision/recall/F1 table (shown in CI output whatever the capture setting) and fails if
the refinement makes any label group worse than the raw model.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from tests import locations
from tui.analysis.entities import refine_article
from tui.core.labels import LABEL_GROUPS, group_of

ROOT = locations.ROOT
GOLD_DIR = ROOT / "tests" / "data" / "gold"
ARTICLE_DIRS = (ROOT / "sample_articles", ROOT / "tests" / "data")
EPSILON = 1e-9

Mentions = Counter[tuple[str, str]]


def gold_files() -> list[Path]:
    return sorted(GOLD_DIR.glob("*.gold.json"))


def article_path(name: str) -> Path:
    for folder in ARTICLE_DIRS:
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(name)


def load_body(gold: dict[str, Any]) -> str:
    ingest = pytest.importorskip("tui.ingest.pipeline")
    if not hasattr(ingest, "load_file"):
        pytest.skip("tui.ingest.pipeline.load_file is not there yet")
    articles = ingest.load_file(article_path(gold["file"]))
    if "title" in gold:
        articles = [article for article in articles if article.title == gold["title"]]
    assert articles, f"no article for {gold['file']}"
    return str(articles[0].body)


def parse(nlp: Any, body: str) -> list[tuple[Any, int]]:
    """One doc per paragraph with its offset in `body`, as `tui.analysis.model` parses articles."""
    paragraphs = body.split("\n\n")
    offsets: list[int] = []
    offset = 0
    for paragraph in paragraphs:
        offsets.append(offset)
        offset += len(paragraph) + 2
    return list(zip(nlp.pipe(paragraphs), offsets, strict=True))


def by_group(mentions: Iterable[tuple[str, str]]) -> dict[str, Mentions]:
    grouped: dict[str, Mentions] = {group: Counter() for group in LABEL_GROUPS}
    for text, label in mentions:
        grouped[group_of(label)][(text, label)] += 1
    return grouped


def scores(true_positives: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall, F1; an empty group predicted empty counts as perfect."""
    precision = true_positives / predicted if predicted else (1.0 if gold == 0 else 0.0)
    recall = true_positives / gold if gold else (1.0 if predicted == 0 else 0.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


class Tally:
    """Micro-averaged counts per group over all gold files."""

    def __init__(self) -> None:
        self.counts = {group: [0, 0, 0] for group in LABEL_GROUPS}  # true pos., predicted, gold

    def add(self, predicted: Iterable[tuple[str, str]], gold: Iterable[tuple[str, str]]) -> None:
        predicted_groups, gold_groups = by_group(predicted), by_group(gold)
        for group in LABEL_GROUPS:
            found, expected = predicted_groups[group], gold_groups[group]
            counts = self.counts[group]
            counts[0] += sum((found & expected).values())
            counts[1] += sum(found.values())
            counts[2] += sum(expected.values())

    def scores(self, group: str) -> tuple[float, float, float]:
        return scores(*self.counts[group])


def test_scores_arithmetic() -> None:
    tally = Tally()
    tally.add(
        predicted=[("Kerry", "PERSON"), ("Kerry", "PERSON"), ("State", "ORG")],
        gold=[("Kerry", "PERSON"), ("John Kerry", "PERSON")],
    )
    assert tally.counts["People"] == [1, 2, 2]
    assert tally.scores("People") == (0.5, 0.5, 0.5)
    assert tally.scores("Organisations") == (0.0, 0.0, 0.0)
    assert tally.scores("Places") == (1.0, 1.0, 1.0)


def test_refined_entities_never_worse_than_raw_model(nlp: Any, capfd: pytest.CaptureFixture[str]) -> None:
    files = gold_files()
    if not files:
        pytest.skip(f"no gold files in {GOLD_DIR}")
    raw, refined = Tally(), Tally()
    per_file: list[str] = []
    for path in files:
        gold_data = json.loads(path.read_text(encoding="utf-8"))
        body = load_body(gold_data)
        gold = [(item["text"], item["label"]) for item in gold_data["entities"]]
        docs = parse(nlp, body)
        raw_mentions = [(ent.text, ent.label_) for doc, _ in docs for ent in doc.ents]
        refined_mentions = [(entity.text, entity.label) for entity in refine_article(docs)]
        raw.add(raw_mentions, gold)
        refined.add(refined_mentions, gold)
        file_raw, file_refined = Tally(), Tally()
        file_raw.add(raw_mentions, gold)
        file_refined.add(refined_mentions, gold)
        per_file.append(
            f"  {gold_data['file']:<42} "
            + " ".join(
                f"{file_raw.scores(group)[2]:.2f}>{file_refined.scores(group)[2]:.2f}"
                for group in LABEL_GROUPS
            )
        )
    lines = [
        f"Entity evaluation, {len(files)} gold files (micro-averaged, mentions as (text, label))",
        f"{'group':<14} {'gold':>5} | {'raw P':>6} {'raw R':>6} {'raw F1':>6} | "
        f"{'ref P':>6} {'ref R':>6} {'ref F1':>6}",
    ]
    for group in LABEL_GROUPS:
        raw_p, raw_r, raw_f = raw.scores(group)
        ref_p, ref_r, ref_f = refined.scores(group)
        lines.append(
            f"{group:<14} {raw.counts[group][2]:>5} | {raw_p:6.3f} {raw_r:6.3f} {raw_f:6.3f} | "
            f"{ref_p:6.3f} {ref_r:6.3f} {ref_f:6.3f}"
        )
    lines.append("per file, F1 raw>refined for " + ", ".join(LABEL_GROUPS))
    lines += per_file
    report = "\n".join(lines)
    # Under pytest-xdist a worker's stdout never reaches the terminal; its stderr does.
    with capfd.disabled(), contextlib.redirect_stdout(sys.stderr):
        print("\n" + report)
    worse = [group for group in LABEL_GROUPS if refined.scores(group)[2] + EPSILON < raw.scores(group)[2]]
    assert not worse, f"refinement is worse than the raw model for {worse}\n{report}"
