"""A page's main text as trafilatura finds it, and the filters `tui.ingest.html` puts it through.

Imported only when a page is read: trafilatura itself is imported inside `main_text_lines`
(`dateline list` and the first frame never pay for it).
"""

from __future__ import annotations

import re

import lxml.html

from tui.ingest.html_choice import agrees
from tui.ingest.html_lxml import HtmlPage, parse_document, words_of
from tui.ingest.html_popups import drop_popups

# Numeric references to C0/C1 controls and bidi overrides: decoded they are terminal escapes, and
# trafilatura gives up on the whole page when its XML tree meets one.
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));?")
_TABLE_RULE = re.compile(r"^\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$")
_LIST_BULLET = re.compile(r"^- (?=\S)")
# trafilatura's body is kept unless it is much shorter than what Dateline's rules find (their body
# may hold chrome too, so only a small share means trafilatura missed the text) ...
MIN_MAIN_TEXT_SHARE = 0.2
# When it is nearly the whole page, trafilatura found no main block and fell back on all the text,
# menus included: then only its lines inside the content root Dateline's rules chose stay.
WHOLE_PAGE_SHARE = 0.9
# A page longer than this (a book, a whole archive saved as one page) is a document, not an
# article: trafilatura needs seconds per 100,000 words and Dateline's rules read it in a fraction.
MAX_MAIN_TEXT_WORDS = 100_000
# Lines of elements Dateline's rules drop as chrome leave trafilatura's body while at least this
# share of its words stays (or at least as many words as Dateline's own body).
MIN_KEPT_SHARE = 2 / 3


def _drop_control_ref(match: re.Match[str]) -> str:
    hex_digits, digits = match.groups()
    code = int(hex_digits, 16) if hex_digits else int(digits)
    if code in (9, 10, 13):
        return match.group(0)
    if code < 32 or 127 <= code < 160 or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return ""
    return match.group(0)


def main_text_lines(text: str) -> list[str]:
    """The page's main text as trafilatura finds it: one line per paragraph, heading, list item
    or table row ("| a | b |", read by `keep_lines`).

    Imported here, not at module level: only reading a page pays for it (`dateline list` and the
    first frame never do).
    """
    import trafilatura

    text = _CHAR_REF.sub(_drop_control_ref, text)
    doc = parse_document(text)
    if doc is not None and drop_popups(doc):
        text = lxml.html.tostring(doc, encoding="unicode")
    try:
        found = trafilatura.extract(
            text,
            output_format="txt",
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
            with_metadata=False,
            deduplicate=False,
        )
    except Exception:  # any failure inside the library: the page still has Dateline's own rules
        return []
    lines: list[str] = []
    for raw in (found or "").split("\n"):
        line = " ".join(raw.split())
        if not line or _TABLE_RULE.match(line):
            continue
        lines.append(_LIST_BULLET.sub("", line))
    return lines


def word_count(paragraphs: list[str]) -> int:
    return sum(len(p.split()) for p in paragraphs)


def inside_root(lines: list[str], root_words: str) -> list[str]:
    """The lines whose words run inside the content root's text (by word 4-grams, so a page of
    thousands of lines is not searched thousands of times)."""
    words = root_words.split()
    grams = {tuple(words[i : i + 4]) for i in range(len(words) - 3)}
    kept: list[str] = []
    for line in lines:
        own = words_of(line).split()
        if len(own) < 4:
            if f" {' '.join(own)} " in root_words:
                kept.append(line)
        elif all(tuple(own[i : i + 4]) in grams for i in range(len(own) - 3)):
            kept.append(line)
    return kept


def without_chrome(lines: list[str], page: HtmlPage) -> list[str]:
    """Lines trafilatura kept from elements Dateline's rules drop by tag, role or class (a paywall
    box, a newsletter prompt, a caption), unless Dateline's own body has them too.

    Chrome is a small part of a page: a filter that would take a third of the text is trusting a
    class-name guess too far ("story hidden-print"), and the lines stay, unless what it leaves is
    at least Dateline's own body and agrees with it. Without that agreement the guess may have
    taken the article itself for chrome, Dateline's body is then whatever was left (a teaser), and
    a few lines of trafilatura's that happen to outnumber it prove nothing (issue 21)."""
    if not page.chrome_lines:
        return lines
    body = {p.casefold() for p in page.paragraphs}
    kept = [line for line in lines if line.casefold() not in page.chrome_lines or line.casefold() in body]
    left, ours = word_count(kept), word_count(page.paragraphs)
    if left >= MIN_KEPT_SHARE * word_count(lines):
        return kept
    if 0 < ours <= left and agrees(kept, page.paragraphs):
        return kept
    return lines
