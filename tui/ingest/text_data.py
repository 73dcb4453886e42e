"""Lines that list names or facts (`is_data_line`): the article's own data, not page chrome.

A squad "Defenders - A, B, C", a profile "Born: 1990", a table row "Oslo 12 4 1", a result
"Arsenal 2 Chelsea 1" are short and end no sentence, like chrome; `tui.ingest.text` keeps them
where they sit in or next to the body.
"""

from __future__ import annotations

import re

from tui.ingest.text_chrome import (
    CALL_TO_ACTION,
    COPYRIGHT,
    CREDIT,
    URLISH,
    WORD,
    chrome_phrase,
    ends_period,
    is_byline,
    is_chrome,
    is_prose_sentence,
)

# "Goalkeepers: A, B" / "Defenders - A, B" / "Born: 1990": a short label, a colon or a spaced dash.
_LABELLED = re.compile(
    r"^(?P<label>[^\W\d_][\w'\u2019.()/&-]*(?: [\w'\u2019.()/&-]+){0,3}?)"
    r"\s*(?::|\s[-\u2013\u2014])\s+(?P<value>\S.*)$"
)
# Labels of page furniture, not of the article's facts: "By: ...", "Photo: ...", "Tags: ...".
_META_LABEL = re.compile(
    r"^(?:by|authors?|writers?|written by|reporters?|reporting|editors?|edited by|editing|photos?|"
    r"photographs?|photography|images?|pictures?|illustrations?|video|credits?|sources?|via|"
    r"published|updated|posted|modified|filed|dates?|time|tags?|topics?|categor(?:y|ies)|"
    r"sections?|share|follow|read(?: more| next| also)?|listen|watch|e-?mail|contact|phone|tel|"
    r"web|website|url|advertisement|sponsored|related|more|see also|reading time|comments?|"
    r"print|subscribe|newsletter|copyright|note|editor'?s note|correction|disclaimer|"
    r"(?:posted|filed|published|shared|photos?|images?|video|graphics?) (?:in|by|on|under)|"
    r"more (?:on|from|in|stories)|labels?|keywords?|trending|popular|latest|recommended|"
    r"related \w+|share (?:this|on|via)\b.*|words|word count|length|duration|runtime|"
    r"(?:estimated )?read(?:ing)? time|views|likes|shares)$",
    re.IGNORECASE,
)
# Words that may sit lower-case inside a name: "Vasco da Gama", "Ludwig van Beethoven".
_NAME_PARTICLES = frozenset(
    "da de del della der des di do dos das du la le van von den ten ter al el bin ibn bint "
    "y e of the and af zu st".split()
)
_NUMERIC = re.compile(
    r"^[(\[]?[-+\u2212]?[$\u00a3\u20ac]?\d[\d.,:/'\u2019-]*(?:[%)\]]|st|nd|rd|th|m|km|kg|s)?[)\],;]?$"
)
_BRACKETED = re.compile(r"\s*\([^()]{0,60}\)")
_COUNTER = re.compile(r"^[^\W\d_]+(?: [^\W\d_]+)? \d+ ?(?:of|/) ?\d+$", re.IGNORECASE)
BULLET = re.compile(r"^(?:[\u2022\u25aa\u25cf\u2023\u2013*-]|\d{1,2}[.)])\s+(?=\S)")
_LIST_SPLIT = re.compile(r"\s*[,;]\s*|\s+(?:and|&)\s+")
_PIPE = re.compile(r"\s\|\s")
_DATA_MARK = re.compile(r"[\d:,;|\u2013\u2014]|\s-\s|\s(?:and|&)\s")


def _capitalised(word: str) -> bool:
    """A name-like token: "Costa", "(Benfica)", "O'Neill", "U.S.", "M.", a number."""
    head = word.lstrip("(\"'\u2018\u201c[")
    return bool(head) and (head[0].isupper() or head[0].isdigit())


def name_like(item: str, *, loose: bool = False) -> bool:
    """One list item: a name of at most five words, capitalised bar particles ("Vasco da Gama").

    `loose` (a profile's single value, "Central midfielder", "1.85 m"): half the words will do."""
    words = item.rstrip(".").split()
    if not 1 <= len(words) <= 5 or not _capitalised(words[0]):
        return False
    if loose:
        return sum(_capitalised(w) or w.lower() in _NAME_PARTICLES for w in words) * 2 >= len(words)
    return all(_capitalised(w) or w.lower() in _NAME_PARTICLES for w in words)


def _name_list(value: str, least: int) -> bool:
    """`least` or more names a comma, semicolon or "and" apart: "Ana Costa, Rui Pinto, Joao Sa";
    what a name has in brackets after it ("Ana Costa (Benfica, 12 caps)") does not count."""
    items = [item for item in _LIST_SPLIT.split(_BRACKETED.sub("", value).rstrip(".")) if item]
    return len(items) >= least and all(name_like(item) for item in items)


def _table_row(text: str) -> bool:
    """A row of names and numbers: "Oslo 12 4 1", "Arsenal 2 Chelsea 1",
    "Manchester United 4 3 1 0 10 4 10", "Pete Sampras (U.S.) beat Jonas Bjorkman 6-3 6-4"."""
    tokens = [t for t in text.split() if WORD.search(t) or any(c.isdigit() for c in t)]
    if not 2 <= len(tokens) <= 30 or not _capitalised(tokens[0]):
        return False
    if ends_period(text) and not _NUMERIC.match(tokens[-1]):
        return False  # a sentence
    if _COUNTER.search(text):
        return False  # a gallery's or a pager's "Photo 3 of 12"
    numbers = sum(bool(_NUMERIC.match(t)) for t in tokens)
    words = [t for t in tokens if not _NUMERIC.match(t)]
    capitals = sum(_capitalised(w) for w in words)
    lower = len(words) - capitals
    return numbers >= 1 and capitals >= 1 and lower <= capitals + numbers - 1


def pipe_cells(text: str) -> list[str]:
    return [cell.strip() for cell in text.strip("| ").split(" | ")] if _PIPE.search(text) else []


def is_data_line(text: str, *, chrome: bool | None = None) -> bool:
    """Whether a short line lists names or facts rather than prose or page chrome.

    Such a line is short and ends no sentence, which alone reads as chrome; these shapes are the
    article's data: a labelled list or value ("Goalkeepers: A, B", "Defenders - A, B",
    "Nation: Portugal", "Born: 1990"), a list of three or more names, a table row of names and
    numbers ("Oslo 12 4 1", "Arsenal 2 Chelsea 1", "Oslo | 12 | 4 | 1"). Chrome shapes (bylines,
    credits, links, timestamps, "Tags: ...") are not data whatever their shape.

    `chrome`: `is_chrome(text, text.count(" ") + 1)` when the caller has it already (speed only:
    `keep_lines` asks this of every chrome-shaped line of every feed item).
    """
    n = text.count(" ") + 1
    if n > 40 or not _DATA_MARK.search(text) or is_prose_sentence(text):
        return False  # (speed only: no digit, colon, dash, comma or bar is no data shape)
    cells = pipe_cells(text)
    if len(cells) >= 2:
        return any(_NUMERIC.match(cell) for cell in cells) and not URLISH.search(text)
    labelled = _LABELLED.match(BULLET.sub("", text))  # "- Founded: 1897"
    if labelled and _META_LABEL.match(labelled.group("label")):
        return False
    if labelled:
        # A date is a fact here ("Date of birth: 5 February 1985"), not a timestamp line.
        if (
            chrome_phrase(text)
            or URLISH.search(text)
            or CREDIT.search(text)
            or COPYRIGHT.search(text)
            or CALL_TO_ACTION.search(text)
            or is_byline(text)
        ):
            return False
        value = labelled.group("value")
        if _name_list(value, 2):
            return True
        words = value.rstrip(".").split()
        if len(words) <= 6 and (any(c.isdigit() for c in value) or name_like(value, loose=True)):
            return True
    if is_chrome(text, n) if chrome is None else chrome:
        return False
    return _name_list(text, 3) or _table_row(text)
