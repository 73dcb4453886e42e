"""Huge plain-text inputs: the scraped-text rules stay linear (checked by what they keep, not by time)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.ingest import text as scraped
from tui.ingest.pipeline import parse_text

SENTENCE = "Officials in the harbour town of Aurel said the ferry number {n} would run again next week."


def _page(lines: int) -> str:
    head = ["Skip to content", "Home | World | Business", "Ferry Service Returns to Aurel", "By Ana Ruiz", ""]
    body = [SENTENCE.format(n=n) for n in range(lines)]
    tail = ["", "Advertisement", "Sign up for our newsletter", "© 2026 Harbour Courier. All rights reserved."]
    return "\n".join(head + body + tail)


def test_a_page_past_the_full_classification_size_keeps_every_body_line_and_drops_the_chrome() -> None:
    lines = scraped._CLASSIFY_ALL_UNITS * 2
    article = parse_text(_page(lines), "huge.txt")
    paragraphs = article.paragraphs
    assert article.title == "Ferry Service Returns to Aurel"
    assert paragraphs == [SENTENCE.format(n=n) for n in range(lines)]  # the middle is kept whole


def test_a_page_below_that_size_is_classified_exactly_as_before() -> None:
    lines = scraped._CLASSIFY_ALL_UNITS // 10
    text = _page(lines)
    units = scraped._units(text)
    scraped._classify_bounded(units)
    full = scraped._units(text)
    scraped._classify(full)
    assert [(u.junk, u.strong, u.weak) for u in units] == [(u.junk, u.strong, u.weak) for u in full]


def test_pull_quotes_among_thousands_of_quoted_lines_are_found_through_the_word_index() -> None:
    # Quadratic before: every quoted line joined the words of every strong line again (minutes).
    said = "said the long awaited river tram plan would cost more than forecast."
    prose = [f"The council member number {n} {said}" for n in range(3000)]
    quote = "that shares no five words with the article at all"
    quotes = [f"\u201cQuoted remark {n} {quote}\u201d" for n in range(3000)]
    repeat = "\u201cthe long awaited river tram plan would cost more\u201d"
    lines = [line for pair in zip(prose, quotes, strict=True) for line in pair] + [repeat]
    units = scraped._units("\n".join(lines))
    scraped._classify(units)
    assert units[-1].junk  # the pull quote repeats the prose
    assert not any(u.junk for u in units[1:-1:2])  # the other quoted lines are kept


def test_a_big_file_just_indexed_opens_without_being_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.ingest import pipeline
    from tui.store import library as library_module
    from tui.store.library import Library

    path = tmp_path / "big.txt"
    path.write_text(_page(scraped._CLASSIFY_ALL_UNITS * 2), encoding="utf-8")
    assert path.stat().st_size >= library_module._KEEP_PARSED_BYTES
    library = Library([path], cache_dir=tmp_path / "cache")
    (summary,) = library.refresh()
    expected = pipeline.load_file(path)[0]
    reads: list[object] = []
    monkeypatch.setattr(pipeline, "load_file", lambda *args: reads.append(args) or [])
    assert library.get(summary.id) == expected
    assert reads == []
    path.write_text("Changed\n\nThe file changed after indexing, so it is read again.", encoding="utf-8")
    library.get(summary.id)
    assert len(reads) == 1
