"""The shortcuts taken for speed in the ingest rules (issue 20, item 9: a feed refresh runs them on
every paragraph of every item) give what the plain rules give, character by character."""

from __future__ import annotations

import random
import re

from tui.core import sanitize
from tui.ingest import text_chrome
from tui.ingest.html_lxml import keep_lines
from tui.ingest.text_data import is_data_line


def _by_patterns(text: str) -> str:
    """`clean_text` without its shortcuts: every pattern, in order."""
    text = sanitize._NEWLINES.sub("\n", text)
    text = sanitize._STRING_SEQ.sub("", text)
    text = sanitize._CSI_SEQ.sub("", text)
    text = sanitize._OTHER_ESC.sub("", text)
    return sanitize._CONTROLS.sub("", text)


def test_clean_text_skips_nothing_its_patterns_remove_at_any_code_point() -> None:
    # Text with no character of `_ANY_UNSAFE` is returned as it is: each code point alone, at the
    # start, inside and at the end of a line, must still be cleaned as the patterns clean it.
    for point in [*range(0x3000), *range(0xFE00, 0x10000), 0x1F600, 0xE0001, 0x10FFFF]:
        char = chr(point)
        if 0xD800 <= point <= 0xDFFF:
            continue
        for text in (char, f"a{char}b", f"word {char}[31m {char}]0;t\x07 end{char}"):
            assert sanitize.clean_text(text) == _by_patterns(text), hex(point)


def test_clean_text_returns_clean_text_itself() -> None:
    text = "Plain words, “quoted” — and Zürich.\n\tIndented."
    assert sanitize.clean_text(text) is text


def _chrome_without_shortcut(text: str) -> bool:
    """`is_chrome` with the cookie rule's regex asked every time."""
    real = text_chrome._may_hold
    text_chrome._may_hold = lambda _text, _word: True  # type: ignore[assignment]
    try:
        return text_chrome.is_chrome(text)
    finally:
        text_chrome._may_hold = real


def test_cookie_lines_are_chrome_in_every_case_the_regex_matches() -> None:
    cases = [
        "We use cookies to improve your experience. Accept all",
        "WE USE COOKIES TO IMPROVE YOUR EXPERIENCE",
        "We use CoOkIeS to improve your browsing",
        "We use coo\u212aies to improve your experience",  # KELVIN SIGN: a "k" to the regex
        "We use cook\u0130es to improve your experience",  # dotted capital I: an "i" to the regex
        "Cookie settings: manage your preferences",
        " ".join(["Our site uses cookies and you agree to them by browsing on."] * 5),  # 60 words
        "The cookie jar was empty when the council met to agree the budget.",
        "Bakers agreed the cookies sold out.",
        "The council agreed to extend the harbour wall by forty metres on Tuesday night.",
    ]
    for text in cases:
        assert text_chrome.is_chrome(text) == _chrome_without_shortcut(text), text
    assert text_chrome.is_chrome(cases[3]) and text_chrome.is_chrome(cases[4])


def test_cookie_shortcut_on_random_lines() -> None:
    rng = random.Random(5)
    pieces = ["cookie", "COOKIES", "Cookie", "coo\u212aie", "cook\u0130e", "accept", "privacy", "the"]
    pieces += ["council", "met", "é", ".", "settings", "agree", "browsing", "cookies."]
    for _ in range(2000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 90)))
        assert text_chrome.is_chrome(text) == _chrome_without_shortcut(text), text


def test_data_line_told_the_chrome_verdict_answers_as_when_it_asks() -> None:
    lines = [
        "Reporting by Henrik Costa; edited by Priya Sato. Ref 000000.",
        "Goalkeepers: Ana Costa, Rui Pinto",
        "Born: 12 May 1990",
        "Oslo 12 4 1",
        "Arsenal 2 Chelsea 1",
        "Ana Costa, Rui Pinto, Joao Sa",
        "Share this article",
        "Updated 10:42 GMT, 3 May 2024",
        "Tags: politics, economy",
        "Photo: Reuters",
        "| Oslo | 12 | 4 |",
    ]
    for line in lines:
        chrome = text_chrome.is_chrome(line, line.count(" ") + 1)
        assert is_data_line(line, chrome=chrome) == is_data_line(line), line


def _keep_lines_plain(raw: list[str], title: str) -> list[str]:
    """`keep_lines` as it was before its shortcut: `is_data_line` asks `is_chrome` itself."""
    from tui.ingest.html_lxml import _table_row
    from tui.ingest.html_popups import undouble_names

    seen: set[str] = set()
    kept: list[str] = []
    for line in raw:
        text, data_row = _table_row(undouble_names(line))
        if data_row:
            kept.append(text)
            continue
        key = text.casefold()
        if key in seen or key == title.casefold() or (text_chrome.is_chrome(text) and not is_data_line(text)):
            continue
        seen.add(key)
        kept.append(text)
    return kept


def test_keep_lines_keeps_what_the_plain_rules_keep() -> None:
    # Lines one space apart (as the lxml rules give them) and lines that are not (trafilatura's):
    # there `is_data_line` counts words by spaces, `is_chrome` by `str.split`.
    raw = [
        "Reporting by Henrik Costa; edited by Priya Sato. Ref 000000.",
        "Born: 12 May 1990",
        "Born:  12 May 1990",
        "Updated 10:42 GMT",
        "Oslo 12 4 1",
        "Oslo  12  4  1",
        " Ana Costa, Rui Pinto, Joao Sa ",
        "Goalkeepers:\tAna Costa, Rui Pinto",
        "Share this article",
        "The council met on Tuesday and agreed to extend the harbour wall by forty metres.",
        "| Oslo | 12 | 4 |",
        "Tags: politics,  economy",
        "Date of birth: 5 February 1985",
        "10:42 GMT",
    ]
    assert keep_lines(raw, "A headline") == _keep_lines_plain(raw, "A headline")
    rng = random.Random(3)
    words = [*re.findall(r"\S+", " ".join(raw)), " ", "  ", "\t"]
    for _ in range(500):
        lines = ["".join(rng.choice(words) + " " for _ in range(rng.randint(1, 14))) for _ in range(4)]
        assert keep_lines(lines, "") == _keep_lines_plain(lines, "")
