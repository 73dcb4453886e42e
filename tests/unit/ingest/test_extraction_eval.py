"""Article-body extraction measured on hand-made news pages: Dateline's lxml rules alone, trafilatura
alone, and the combination Dateline ships (trafilatura with Dateline's rules on top and as fallback).

`tests/data/extraction` holds real-looking pages of many templates (news sites with menus, share
bars, related links, comments, cookie banners and newsletter boxes; blogs; wire stories; a live
blog; a paywall teaser; a multi-page feature; bodies in <div>s and <br>s; an AMP page; a table
layout; French, German and Spanish pages), each `NAME.html` with its hand-checked body in
`NAME.gold.txt` (one paragraph, heading, list item or table row a line; no title, byline, date,
caption or chrome). Bodies are compared as multisets of word 4-gram shingles (lower-cased words), the
measure the public extraction benchmarks use: precision, recall and F1 per page, then the mean.

The combination exists to be better than either part, so it is held to that on every page, not only
on the mean: its F1 may trail the better part's by at most PAGE_MARGIN on any page (issue 21: a mean
that beat Dateline's rules hid pages cut to a tenth where one part alone had the whole body).

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
# On any page the combination's F1 is at most this far below the better of its two parts: room for a
# stray line either way (a caption one part keeps), not for a body cut short.
PAGE_MARGIN = 0.05
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


def trafilatura_body(html: str, source: str) -> str:
    """trafilatura alone: its lines as the article body, none of Dateline's rules on top."""
    from tui.ingest.html_main_text import main_text_lines

    cleaned = clean_text(html)
    page = extract_html(cleaned, main_text=False)
    try:
        return make_article(page.title, main_text_lines(cleaned), source).body
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
    trafilatura: tuple[float, float, float] = (0.0, 0.0, 0.0)

    @property
    def shortfall(self) -> float:
        """How far the combination's F1 is below the better part's (0 when it is not)."""
        return max(0.0, max(self.old[2], self.trafilatura[2]) - self.new[2])


def pages(folder: Path = PAGES_DIR) -> list[Path]:
    return sorted(folder.glob("*.html"))


def evaluate(folder: Path = PAGES_DIR) -> list[PageResult]:
    results: list[PageResult] = []
    for page in pages(folder):
        html = page.read_text(encoding="utf-8")
        gold = page.with_name(page.stem + ".gold.txt").read_text(encoding="utf-8")
        source = str(page)
        results.append(
            PageResult(
                page.stem,
                prf(old_body(html, source), gold),
                prf(new_body(html, source), gold),
                prf(trafilatura_body(html, source), gold),
            )
        )
    return results


Scores = tuple[float, float, float]


def means(results: list[PageResult]) -> tuple[Scores, Scores, Scores]:
    """Mean P/R/F1 of Dateline's rules alone, the combination, and trafilatura alone."""
    n = max(1, len(results))

    def mean(scores: list[tuple[float, float, float]]) -> tuple[float, float, float]:
        return (
            sum(s[0] for s in scores) / n,
            sum(s[1] for s in scores) / n,
            sum(s[2] for s in scores) / n,
        )

    return (
        mean([r.old for r in results]),
        mean([r.new for r in results]),
        mean([r.trafilatura for r in results]),
    )


def format_table(results: list[PageResult]) -> str:
    old, new, alone = means(results)

    def cells(scores: Scores) -> str:
        return f"{scores[0]:6.3f} {scores[1]:6.3f} {scores[2]:6.3f}"

    head = f"{'P':>6} {'R':>6} {'F1':>6}"
    lines = [
        f"Body extraction, {len(results)} pages (word 4-gram shingle P/R/F1 against the gold body)",
        f"{'':<32} | {'Dateline rules':^20} | {'trafilatura':^20} | {'combination':^20} | {'vs best':>7}",
        f"{'page':<32} | {head} | {head} | {head} |",
    ]
    for r in results:
        versus = r.new[2] - max(r.old[2], r.trafilatura[2])
        lines.append(
            f"{r.name:<32} | {cells(r.old)} | {cells(r.trafilatura)} | {cells(r.new)} | {versus:+7.3f}"
        )
    worst = max((r.shortfall for r in results), default=0.0)
    lines.append(f"{'MEAN':<32} | {cells(old)} | {cells(alone)} | {cells(new)} | {-worst:+7.3f} worst")
    lines.append(
        "Dateline rules: its lxml rules alone; trafilatura: its lines alone; combination: what Dateline "
        "stores; vs best: combination F1 minus the better part's"
    )
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
    old, new, alone = means(results)
    assert new[2] + EPSILON >= old[2], table
    assert new[2] + EPSILON >= alone[2], table
    assert new[2] >= F1_FLOOR, table
    behind = [r.name for r in results if r.shortfall > PAGE_MARGIN]
    assert not behind, f"combination worse than one part alone on {behind}\n{table}"
