"""Boilerplate removal measured on the hand-made scraped-page set in tests/data/scraped.

Prints a table (page, junk lines surviving, body lines lost, title right) and asserts bounds:
title right on >= 90% of pages, junk surviving and body lost each <= 5% of all lines.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from tui.ingest import parse_text

SCRAPED = Path(__file__).resolve().parent / "data" / "scraped"
PAGES = sorted(SCRAPED.glob("[0-9][0-9]-*.txt"))


@dataclass
class PageScore:
    name: str
    lines: int
    junk_surviving: int
    body_lost: int
    title_ok: bool


def _score(page: Path) -> PageScore:
    expected = json.loads(page.with_suffix(".expected.json").read_text(encoding="utf-8"))
    text = page.read_text(encoding="utf-8")
    article = parse_text(text, str(page))
    got = article.paragraphs
    want = [" ".join(p.split()) for p in expected["paragraphs"]]
    want_set = set(want)
    got_set = set(got)
    return PageScore(
        name=page.stem,
        lines=sum(1 for line in text.splitlines() if line.strip()),
        junk_surviving=sum(len(p.split("\n")) for p in got if p not in want_set),
        body_lost=sum(1 for p in want if p not in got_set),
        title_ok=article.title == expected["title"],
    )


@pytest.mark.skipif(not PAGES, reason="no scraped-page set")
def test_scraped_pages_report_and_bounds() -> None:
    scores = [_score(page) for page in PAGES]
    print()
    print(f"{'page':<34} {'lines':>5} {'junk kept':>9} {'body lost':>9}  title")
    for s in scores:
        print(
            f"{s.name:<34} {s.lines:>5} {s.junk_surviving:>9} {s.body_lost:>9}  "
            f"{'ok' if s.title_ok else 'WRONG'}"
        )
    lines = sum(s.lines for s in scores)
    junk = sum(s.junk_surviving for s in scores)
    lost = sum(s.body_lost for s in scores)
    titles = sum(s.title_ok for s in scores)
    print(
        f"{'TOTAL':<34} {lines:>5} {junk:>9} {lost:>9}  {titles}/{len(scores)} "
        f"(junk {junk / lines:.1%}, lost {lost / lines:.1%})"
    )
    assert titles >= 0.9 * len(scores)
    assert junk <= 0.05 * lines
    assert lost <= 0.05 * lines


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_each_scraped_page_keeps_its_body_in_order(page: Path) -> None:
    """Whatever is kept from the expected body stays in the original order."""
    expected = json.loads(page.with_suffix(".expected.json").read_text(encoding="utf-8"))
    want = [" ".join(p.split()) for p in expected["paragraphs"]]
    got = [
        p for p in parse_text(page.read_text(encoding="utf-8"), str(page)).paragraphs if p in want
    ]
    assert got == [p for p in want if p in got]
    assert len(got) >= len(want) - 1
