"""The headline of scraped text: the nearest title-like line above the body, and the short
headings, data runs and lead lists around it."""

from __future__ import annotations

import re

from tui.ingest.text_chrome import CLOCK_TIME, ends_period, in_capitals, is_title_like
from tui.ingest.text_units import LIST_MARKER, Unit

_SITE_SUFFIX = re.compile(r"^(?P<head>.+?)\s+(?:[|\u2013\u2014-]|::)\s+(?P<site>[^|\u2013\u2014]{2,40})$")


def is_subheading(units: list[Unit], i: int) -> bool:
    """A short heading inside the body: opens its block (or a timed entry) and leads into prose,
    or leads into data wherever it sits ("Profile", "Results:", "Men's 100 metres")."""
    unit, after = units[i], units[i + 1] if i + 1 < len(units) else None
    return (
        not unit.junk
        and after is not None
        and (after.strong or after.data)
        and 1 <= unit.words <= 8
        and (
            i == 0
            or units[i - 1].block != unit.block
            or bool(CLOCK_TIME.match(units[i - 1].text))  # a live-blog entry's heading
            or after.data  # a table's heading ("Second round", "Men's 100 metres")
        )
        and unit.text[:1].isupper()
        and not ends_period(unit.text)
        and not unit.text.endswith((",", ";"))
    )


def _strip_site_suffix(title: str, units: list[Unit]) -> str:
    match = _SITE_SUFFIX.match(title)
    if not match:
        return title
    head = match.group("head").strip()
    if " | " in title or any(u.text.casefold() == head.casefold() for u in units):
        return head
    return title


def in_data_run(units: list[Unit], i: int) -> bool:
    """One of two or more lines of data in a row ("Name: X" under "Born: 1990"): no headline,
    which stands alone even when it has a data line's shape ("Ukraine: Zelensky meets Biden")."""
    unit = units[i]
    return unit.data and any(
        0 <= k < len(units) and units[k].data and units[k].block == unit.block for k in (i - 1, i + 1)
    )


def lone_heading(units: list[Unit]) -> bool:
    """The first line is a short heading alone in its block: a clean file's title, however short."""
    head = units[0]
    return (
        not head.junk
        and not head.data
        and (len(units) == 1 or units[1].block != head.block)
        and 1 <= head.words <= 20
        and (head.text[:1].isupper() or head.text[:1].isdigit())
        and (not ends_period(head.text) or in_capitals(head.text))
        and not head.text.endswith((",", ";", ":"))
    )


def find_title(units: list[Unit], start: int) -> tuple[str, int | None]:
    """The nearest title-like line above the body (skipping bylines/dates), else any above it."""
    for i in range(start - 1, max(-1, start - 12), -1):
        unit = units[i]
        if not unit.short_run and not in_data_run(units, i) and is_title_like(unit.text):
            above = units[i - 1] if i > 0 else None
            if (
                above is not None
                and unit.words >= 10
                and not above.junk
                and above.words < unit.words
                and is_title_like(above.text)
            ):
                i, unit = i - 1, above  # a deck under the headline: the shorter line above
            return _strip_site_suffix(unit.text, units), i
    for i in range(0, start):
        text = _SITE_SUFFIX.sub(r"\g<head>", units[i].text)
        if not units[i].short_run and not in_data_run(units, i) and is_title_like(text):
            return _strip_site_suffix(units[i].text, units), i
    # Opinion headlines may be two short sentences: "It worked for us. Now it should work for all"
    for i in range(start - 1, max(-1, start - 12), -1):
        if not units[i].short_run and is_title_like(units[i].text, one_sentence=False):
            return _strip_site_suffix(units[i].text, units), i
    return "", None


def lead_list(units: list[Unit], first: int) -> list[int]:
    """A list of prose items (and its "Key points:" label) leading straight into the body."""
    items: list[int] = []
    i = first - 1
    while i >= 0 and LIST_MARKER.match(units[i].text) and not units[i].junk:
        items.insert(0, i)
        i -= 1
    if len(items) < 2:
        return []
    sizes = [units[k].words - 1 for k in items]
    if min(sizes) < 6 or sum(sizes) < 8 * len(items):
        return []  # a table of contents or a list of headlines
    if i >= 0 and units[i].text.endswith(":") and units[i].words <= 4 and not units[i].junk:
        items.insert(0, i)
    return items
