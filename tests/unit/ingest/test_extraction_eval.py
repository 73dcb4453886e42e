"""Article-body extraction measured on hand-made news pages: Dateline's lxml rules vs the new path.

`tests/data/extraction` holds real-looking pages of many templates (news sites with menus, share
bars, related links, comments, cookie banners and newsletter boxes; blogs; wire stories; a live
blog; a paywall teaser; a multi-page feature; bodies in <div>s and <br>s; an AMP page; a table
layout; French, German and Spanish pages), each `NAME.html` with its hand-checked body in
`NAME.gold.txt` (one paragraph, heading, list item or table row a line; no title, byline, date,
caption or chrome). Bodies are compared as multisets of word 4-gram shingles (lower-cased words), the
measure the public extraction benchmarks use: precision, recall and F1 per page, then the mean.

The table is printed whatever pytest's capture setting, with or without xdist workers (like
tests/unit/analysis/test_entity_eval.py, but to stderr, which xdist passes through), and
`python bench/extraction.py` prints the same table.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests import locations
from tui.core.sanitize import clean_text
from tui.ingest.html import extract_html
from tui.ingest.pipeline import IngestError, make_article, parse_html

PAGES_DIR = locations.DATA / "extraction"
# The new path must score at least this mean F1 on our pages. trafilatura publishes 0.958 on the
# public benchmark of real pages and Dateline's old rules scored 0.832 on it (issue 11); our pages are
# cleaner than the wild, so a new path under 0.90 here would mean it is wired wrongly, not that the
# pages are hard.
F1_FLOOR = 0.90
EPSILON = 1e-9
_WORDS = re.compile(r"\w+")


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    """Word `size`-gram shingles of a text (lower-cased words); a shorter text is one shingle."""
    words = _WORDS.findall(text.casefold())
    if len(words) < size:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i : i + size]) for i in range(len(words) - size + 1))


def prf(found: str, gold: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of `found` against `gold` on shingle multisets."""
    got, want = shingles(found), shingles(gold)
    common = sum((got & want).values())
    precision = common / sum(got.values()) if got else (1.0 if not want else 0.0)
    recall = common / sum(want.values()) if want else (1.0 if not got else 0.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def old_body(html: str, source: str) -> str:
    """Dateline's previous rules alone (the lxml fallback), as `parse_html` built articles before."""
    page = extract_html(clean_text(html), main_text=False)
    try:
        return make_article(page.title, page.paragraphs, source, published=page.published).body
    except IngestError:
        return ""


def new_body(html: str, source: str) -> str:
    try:
        return parse_html(html, source).body
    except IngestError:
        return ""


@dataclass(frozen=True)
class PageResult:
    name: str
    old: tuple[float, float, float]
    new: tuple[float, float, float]


def pages(folder: Path = PAGES_DIR) -> list[Path]:
    return sorted(folder.glob("*.html"))


def evaluate(folder: Path = PAGES_DIR) -> list[PageResult]:
    results: list[PageResult] = []
    for page in pages(folder):
        html = page.read_text(encoding="utf-8")
        gold = page.with_name(page.stem + ".gold.txt").read_text(encoding="utf-8")
        results.append(
            PageResult(page.stem, prf(old_body(html, str(page)), gold), prf(new_body(html, str(page)), gold))
        )
    return results


def means(results: list[PageResult]) -> tuple[tuple[float, float, float], tuple[float, float, float]]:
    n = max(1, len(results))

    def mean(scores: list[tuple[float, float, float]]) -> tuple[float, float, float]:
        return (
            sum(s[0] for s in scores) / n,
            sum(s[1] for s in scores) / n,
            sum(s[2] for s in scores) / n,
        )

    return mean([r.old for r in results]), mean([r.new for r in results])


def format_table(results: list[PageResult]) -> str:
    old, new = means(results)
    lines = [
        f"Body extraction, {len(results)} pages (word 4-gram shingle P/R/F1 against the gold body)",
        f"{'page':<32} | {'old P':>6} {'old R':>6} {'old F1':>6} | {'new P':>6} {'new R':>6} {'new F1':>6}",
    ]
    for r in results:
        lines.append(
            f"{r.name:<32} | {r.old[0]:6.3f} {r.old[1]:6.3f} {r.old[2]:6.3f} | "
            f"{r.new[0]:6.3f} {r.new[1]:6.3f} {r.new[2]:6.3f}"
        )
    lines.append(
        f"{'MEAN':<32} | {old[0]:6.3f} {old[1]:6.3f} {old[2]:6.3f} | "
        f"{new[0]:6.3f} {new[1]:6.3f} {new[2]:6.3f}"
    )
    lines.append("old: Dateline's lxml rules alone; new: trafilatura with Dateline's rules on top")
    return "\n".join(lines)


def test_shingle_scores_arithmetic() -> None:
    gold = "one two three four five"  # shingles: (1 2 3 4), (2 3 4 5)
    assert prf(gold, gold) == (1.0, 1.0, 1.0)
    assert prf("one two three four six", gold) == (0.5, 0.5, 0.5)
    precision, recall, f1 = prf("zero one two three four five", gold)
    assert (precision, recall) == (2 / 3, 1.0) and abs(f1 - 0.8) < EPSILON
    assert prf("", gold) == (0.0, 0.0, 0.0)
    assert shingles("Two words") == Counter([("two", "words")])


def test_extraction_eval_set_is_complete() -> None:
    found = pages()
    assert len(found) >= 20
    for page in found:
        gold = page.with_name(page.stem + ".gold.txt")
        assert gold.is_file(), f"{page.name} has no gold body"
        assert len(_WORDS.findall(gold.read_text(encoding="utf-8"))) >= 40


def test_new_extraction_beats_old_rules_and_floor(capfd: pytest.CaptureFixture[str]) -> None:
    results = evaluate()
    if not results:
        pytest.skip(f"no pages in {PAGES_DIR}")
    table = format_table(results)
    # To stderr with fd capture off: under pytest-xdist (the default here) a worker's stdout never
    # reaches the terminal, its stderr does.
    with capfd.disabled():
        print("\n" + table, file=sys.stderr, flush=True)
    old, new = means(results)
    assert new[2] + EPSILON >= old[2], table
    assert new[2] >= F1_FLOOR, table
