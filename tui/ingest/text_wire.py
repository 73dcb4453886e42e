"""Wire copy saved as text, as the CoNLL-2003 corpus keeps it: no page chrome, kept whole."""

from __future__ import annotations

import re

from tui.ingest.dates import find_date
from tui.ingest.text_chrome import (
    CONSENT,
    COOKIE,
    COPYRIGHT,
    URLISH,
    chrome_phrase,
    in_capitals,
    is_chrome,
)
from tui.ingest.text_data import is_data_line, name_like

# Wire copy as the CoNLL-2003 corpus keeps it: "SOCCER - ENGLISH PREMIER LEAGUE RESULTS.", then
# maybe a byline in capitals ("NADIM LADKI"), then a dateline line: a city in capitals, maybe a
# country or state, and a date ("LONDON 1996-08-30", "AL-AIN, United Arab Emirates 1996-12-06").
_WIRE_CITY = re.compile(
    r"^(?P<city>[A-Z][A-Z\u00c0-\u00de'\u2019.&-]*(?:\s+[A-Z][A-Z\u00c0-\u00de'\u2019.&-]*){0,3})"
    r"(?:\s*,\s*[A-Z][\w'\u2019.&-]*(?:\s+[\w'\u2019.&-]+){0,3}?)?\s*,?\s+(?P<date>\S.*)$"
)
_WIRE_BYLINE_WORDS = 5


def _wire_dateline(text: str) -> str | None:
    """The ISO date of a wire dateline line ("LONDON 1996-08-30"), None for any other line."""
    match = _WIRE_CITY.match(text)
    if match is None or len(text.split()) > 10:
        return None
    return find_date(match.group("date"), whole=True)


def _wire_junk(text: str) -> bool:
    """What a page around wire copy adds ("Share this article", "Advertisement", a cookie notice,
    a link, a copyright line); not the shapes of a results table, which are the story."""
    n = text.count(" ") + 1
    if n > 30:
        return False
    if (COOKIE.search(text) and CONSENT.search(text)) or COPYRIGHT.search(text):
        return True
    if n <= 12 and URLISH.search(text):
        return True
    # Short lines only, and no table's heading ("Latest results:"): a line the story may have.
    return n <= 6 and not text.endswith(":") and chrome_phrase(text) and not is_data_line(text)


def wire_story(texts: list[str]) -> tuple[str, list[str], str] | None:
    """Wire copy saved as text (a headline, maybe a byline, a dateline line, the story) as
    (headline, paragraphs, ISO date), or None.

    Such text has no page chrome at all, and its tables of names and numbers (results,
    standings, scorecards) are most of its body: every line under the headline is kept, the
    dateline as the first; the dateline's date is the published date. The headline is mostly
    in capitals ("SOCCER - JAPAN GET LUCKY WIN .") but may not be ("EU rejects German call to
    boycott British lamb ."); the dateline line in capitals then date is what tells."""
    if len(texts) < 2 or not 2 <= len(texts[0].split()) <= 30 or not texts[0][:1].isupper():
        return None
    if is_chrome(texts[0]):
        return None
    for i in range(1, min(4, len(texts))):
        published = _wire_dateline(texts[i])
        if published is not None:
            return texts[0], [t for t in texts[1:] if not _wire_junk(t)], published
        byline = texts[i]
        if len(byline.split()) > _WIRE_BYLINE_WORDS or not (in_capitals(byline) or name_like(byline)):
            return None
    return None
