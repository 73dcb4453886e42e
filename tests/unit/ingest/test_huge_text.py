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


def _varied_page(lines: int) -> str:
    """Chrome at both ends; in the middle blank lines, hard-wrapped paragraphs, subheadings."""
    wrapped = (
        "The harbour authority said on Tuesday that the ferry would resume its\n"
        "crossings once the new pier had been inspected by engineers from the\n"
        "regional office, which was expected to take about three weeks in all."
    )
    body: list[str] = []
    for n in range(lines):
        body.append(SENTENCE.format(n=n))
        if n % 97 == 0:
            body += ["", "Ferry Timetable", wrapped, ""]
        if n % 311 == 0:
            body += ["", f"  An  indented   line\twith odd  spacing, number {n}, said the council.", ""]
    head = ["Skip to content", "Home | World | Business", "Ferry Service Returns to Aurel", "By Ana Ruiz", ""]
    tail = ["", "Advertisement", "Sign up for our newsletter", "© 2026 Harbour Courier. All rights reserved."]
    return "\n".join(head + body + tail)


def test_a_huge_page_gives_what_classifying_every_unit_with_the_bounded_rules_gives() -> None:
    # extract_scraped makes objects only of the edge units; the result must be the same as
    # running the rules on a full list of units (edges classified, the middle strong).
    for text in (_page(scraped._CLASSIFY_ALL_UNITS * 2), _varied_page(scraped._CLASSIFY_ALL_UNITS * 2)):
        units = scraped._units(text)
        assert len(units) > scraped._CLASSIFY_ALL_UNITS
        scraped._classify_bounded(units)
        assert scraped.extract_scraped(text) == scraped._extract(units)


def test_word_counts_are_those_of_str_split() -> None:
    import random

    from tui.core.article import count_words

    rng = random.Random(13)
    pieces = ["word", "Zürich", " ", "  ", "\n", "\n\n", "\t", "\r", "\x0b", "\x1c", "é"]
    pieces += ["\u00a0", "\u3000", "\x85"]  # whitespace beyond ASCII
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 3000)))
        if rng.random() < 0.5:
            text = "".join(c for c in text if c.isascii() or not c.isspace())
        assert count_words(text) == len(text.split())


def test_clean_text_gives_what_its_patterns_give_on_ascii_and_other_text() -> None:
    import random

    from tui.core import sanitize

    def by_patterns(text: str) -> str:
        text = sanitize._NEWLINES.sub("\n", text)
        text = sanitize._STRING_SEQ.sub("", text)
        text = sanitize._CSI_SEQ.sub("", text)
        text = sanitize._OTHER_ESC.sub("", text)
        return sanitize._CONTROLS.sub("", text)

    rng = random.Random(7)
    pieces = ["text ", "\r\n", "\r", "\n", "\x1b[31m", "\x1b]0;title\x07", "\x07", "\x00", "\x7f"]
    pieces += ["\u2028", "\x9b1m", "é"]
    for _ in range(500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        if rng.random() < 0.5:
            text = text.encode("ascii", "ignore").decode()
        assert sanitize.clean_text(text) == by_patterns(text)


def test_a_big_file_is_listed_before_its_text_is_indexed_and_found_after(tmp_path: Path) -> None:
    from tui.store import library as library_module
    from tui.store.library import Library

    path = tmp_path / "big.txt"
    page = _page(scraped._CLASSIFY_ALL_UNITS * 2)
    page = page.replace("number 7000 would", "number 7000 (a zanzibarian one) would")
    path.write_text(page, encoding="utf-8")
    assert path.stat().st_size >= library_module._DEFER_TEXT_CHARS
    library = Library([path], cache_dir=tmp_path / "cache")
    (summary,) = library.refresh(defer_text=True)
    assert summary.title == "Ferry Service Returns to Aurel"
    assert library.text_pending
    assert library.search("zanzibarian") == []  # listed, not searchable yet
    assert library.get(summary.id) is not None  # but it opens
    # Quitting now: another process finds the text not indexed and reads the file again.
    again = Library([path], cache_dir=tmp_path / "cache")
    assert [s.id for s in again.refresh()] == [summary.id]
    assert [hit.summary.id for hit in again.search("zanzibarian")] == [summary.id]
    # The first one finishes its work: nothing changes twice (the rows it listed are gone).
    assert library.index_pending_text()
    assert not library.text_pending
    assert [hit.summary.id for hit in library.search("zanzibarian")] == [summary.id]
    fresh = Library([path], cache_dir=tmp_path / "cache2")
    fresh.refresh(defer_text=True)
    assert fresh.index_pending_text()
    assert [hit.summary.id for hit in fresh.search("zanzibarian")] == [summary.id]
    assert fresh.refresh() and not fresh.text_pending  # indexed: not read again
