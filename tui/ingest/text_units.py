"""Scraped text cut into units (a line, or a hard-wrapped block) and each unit classified.

A unit is strong prose, a weak (short) sentence, data (`tui.ingest.text_data`), or junk: page
chrome, a run of short menu lines, a repeat, a block of links under "Around the web", a pull
quote, a caption, the writer's closing bio. `tui.ingest.text` takes the body from these marks.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import repeat

from tui.ingest.dates import find_date
from tui.ingest.text_chrome import (
    AGENCY_ONLY,
    BYLINE,
    CREDIT,
    JOURNALIST,
    RELATIVE_TIME,
    SEPARATORS,
    WORD,
    ends_period,
    ends_sentence,
    is_chrome,
)
from tui.ingest.text_data import BULLET, is_data_line, name_like, pipe_cells

# A label heading a block of links to other pages: "Around the web", "Sponsored content".
_SECTION_LABEL = re.compile(
    r"^(?:related\b.*|more (?:from|in|on)\b.*|most (?:read|popular|viewed|shared)|trending.*|"
    r"recommended.*|you (?:may|might) (?:also )?like|around the web|sponsored(?: \w+)?|"
    r"promoted(?: \w+)?|partner content|from our partners|top stories|latest(?: news)?|"
    r"editor'?s picks?|what to read next)\W*$",
    re.IGNORECASE,
)
_QUOTED_LINE = re.compile(r"^[\"\u201c\u2018'].*[\"\u201d\u2019']$")
# The writer's bio closing a page: "Ines Carvalho is the Courier's transport correspondent. ..."
_AUTHOR_BIO = re.compile(
    r"^(?:(?i:about the (?:author|writer)\b)|[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){1,3}\s+"
    r"(?:is|was|has been)\s+(?:a|an|the)\s+(?:[^.]{0,60}?\s)?" + JOURNALIST + r"\b)"
)
# "Rhiannon Drew is the managing director of ...": a bio when that name heads the page.
_NAMED_BIO = re.compile(
    r"^(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){1,3})\s+(?:is|was)\s+"
    r"(?:a|an|the|(?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*['\u2019]s)\s"
)
LIST_MARKER = re.compile(r"^(?:\d{1,2}[.)]|[\u2022\u25aa\u25cf\u2023\u2013*-])\s+\S")
_WS = re.compile(r"\s+")


@dataclass
class Unit:
    """One candidate paragraph: a line, or a hard-wrapped block joined with spaces."""

    text: str
    lines: int
    block: int
    words: int = 0
    lower_ratio: float = 0.0
    junk: bool = False
    strong: bool = False
    weak: bool = False
    short_run: bool = False
    data: bool = False  # lists names or facts (`is_data_line`): body where it sits in the body


def _is_wrapped(lines: list[str]) -> bool:
    """Hard-wrapped prose: similar line lengths, not every line a complete sentence."""
    if len(lines) < 2:
        return False
    longest = max(map(len, lines))
    if longest > 110 or longest < 50:
        return False
    # Lines are whitespace-collapsed: fewer than 6 words is fewer than 5 spaces (and no split).
    if any(len(line) < 0.55 * longest or line.count(" ") < 5 for line in lines[:-1]):
        return False
    if all(ends_sentence(line) and line[:1].isupper() for line in lines):
        return False
    if not ends_sentence(lines[-1]) or sum(bool(LIST_MARKER.match(x)) for x in lines) >= 2:
        return False  # a paragraph ends a sentence; list items stay one per line
    # A byline, dateline, credit or "a | b" line under a headline is not a wrapped continuation.
    return not any(
        BYLINE.search(line)
        or RELATIVE_TIME.search(line)
        or CREDIT.search(line)
        or AGENCY_ONLY.fullmatch(line)
        or SEPARATORS.search(line)
        or find_date(line, whole=True)
        for line in lines[1:]
    )


_ASCII_ODD_SPACE = "\t\r\x0b\x0c\x1c\x1d\x1e\x1f"  # str.split() whitespace in ASCII, but " " and "\n"


def unit_parts(text: str) -> tuple[list[str], list[int], list[int]]:
    """The units of `text` as three lists: texts, line counts, block numbers.

    Lists rather than `Unit` objects: a 25 MB text has 270,000 units, and making an object of
    each took 0.3 s; `extract_scraped` makes objects only of those it classifies."""
    # Speed only: in ASCII text with no tab, control space or double space, collapsing a line's
    # whitespace is stripping its ends (a split and a join per line cost ~0.4 s on 25 MB).
    simple = text.isascii() and "  " not in text and not any(c in text for c in _ASCII_ODD_SPACE)
    raw_lines = text.split("\n")
    lines = [raw.strip(" ") for raw in raw_lines] if simple else [" ".join(raw.split()) for raw in raw_lines]
    del raw_lines
    texts: list[str] = []
    counts: list[int] = []
    blocks: list[int] = []
    block_no = 0
    start = 0
    for end in [i for i, line in enumerate(lines) if not line] + [len(lines)]:
        if end > start:
            block = lines[start:end]
            if _is_wrapped(block):
                texts.append(_WS.sub(" ", " ".join(block)))
                counts.append(len(block))
                blocks.append(block_no)
            else:
                texts += block
                counts += repeat(1, len(block))
                blocks += repeat(block_no, len(block))
            block_no += 1
        start = end + 1
    return texts, counts, blocks


def units_of(text: str) -> list[Unit]:
    return list(map(Unit, *unit_parts(text)))


def _measure(unit: Unit) -> None:
    unit.words = unit.text.count(" ") + 1  # units are whitespace-collapsed
    alpha = WORD.findall(unit.text[:300])
    if alpha:
        unit.lower_ratio = sum(map(str.islower, [w[0] for w in alpha])) / len(alpha)


def _strong_by_trigram(units: list[Unit]) -> dict[str, list[tuple[Unit, str]]]:
    """Strong units (with their words joined) by every three consecutive words in them.

    Speed only: a five-word phrase found inside a unit's words has its middle three words as
    whole words of that unit, so only the units listed under them can contain it (the pull-quote
    test was quadratic: minutes for a few thousand quoted lines)."""
    index: dict[str, list[tuple[Unit, str]]] = {}
    for unit in units:
        if unit.strong:
            words = WORD.findall(unit.text.casefold())
            entry = (unit, " ".join(words))
            for key in {" ".join(words[k : k + 3]) for k in range(len(words) - 2)}:
                index.setdefault(key, []).append(entry)
    return index


def _mark_data(units: list[Unit]) -> None:
    """Flag the lines that list names or facts: `is_data_line`, a table's header row above its
    rows ("Team | P | W | Pts"), and short name lines under a line that introduces them ("The
    squad:" then one name a line)."""
    for unit in units:
        unit.data = unit.words <= 40 and is_data_line(unit.text)
    for unit, after in zip(units, units[1:], strict=False):
        cells = pipe_cells(unit.text)
        if (
            not unit.data
            and after.data
            and after.block == unit.block
            and len(cells) >= 2
            and all(len(cell.split()) <= 3 for cell in cells)
        ):
            unit.data = True
    for i, unit in enumerate(units[:-1]):
        if not (unit.text.endswith(":") and 2 <= unit.words <= 15 and not is_chrome(unit.text, unit.words)):
            continue
        j = i + 1
        while (
            j < len(units)
            and units[j].block == units[i + 1].block
            and units[j].words <= 6
            and name_like(BULLET.sub("", units[j].text))
            and not is_chrome(BULLET.sub("", units[j].text))
        ):
            j += 1
        if j - i > 2:  # two or more names
            for k in range(i + 1, j):
                units[k].data = True


def classify(units: list[Unit]) -> None:
    for unit in units:
        _measure(unit)
    _mark_data(units)
    # Runs of >= 3 consecutive short non-sentence lines are menus, tag clouds, pickers; lines
    # that are chrome on their own ("Advertisement", "10:42 GMT") do not make a short heading
    # after them part of a menu. Lines of data (a profile: "Nation: Portugal", "Born: 1990") are
    # no menu items and end a run.
    i = 0
    while i < len(units):
        j = i
        while (
            j < len(units) and units[j].words <= 4 and not units[j].data and not ends_sentence(units[j].text)
        ):
            j += 1
        if j - i >= 3 and sum(not is_chrome(u.text, u.words) for u in units[i:j]) >= 2:
            for k in range(i, j):
                units[k].short_run = True
        i = max(j, i + 1)
    seen: Counter[str] = Counter()
    for unit in units:
        key = unit.text.casefold()
        seen[key] += 1
        prose = unit.lower_ratio >= 0.45
        unit.junk = unit.short_run or (not unit.data and is_chrome(unit.text, unit.words)) or seen[key] > 1
        if unit.junk:
            unit.data = False
            continue
        sentence = ends_sentence(unit.text)
        unit.strong = prose and (unit.words >= 15 or (unit.words >= 9 and sentence))
        unit.weak = sentence and unit.words >= 2 and (prose or unit.words >= 5)
    # A block headed by "Around the web" / "Sponsored content" / "More from ..." is links.
    for i, unit in enumerate(units):
        if (i == 0 or units[i - 1].block != unit.block) and _SECTION_LABEL.match(unit.text):
            for other in units[i + 1 :]:
                if other.block != unit.block:
                    break
                other.junk, other.strong, other.weak, other.data = True, False, False, False
    # A pull quote repeats five or more words of the article in a quoted line of its own.
    by_trigram: dict[str, list[tuple[Unit, str]]] | None = None
    for unit in units:
        if unit.words <= 30 and _QUOTED_LINE.match(unit.text) and not ends_period(unit.text):
            words = WORD.findall(unit.text.casefold())
            phrases = {" ".join(words[k : k + 5]) for k in range(len(words) - 4)}
            if by_trigram is None:
                by_trigram = _strong_by_trigram(units)
            if any(
                other is not unit and phrase in text
                for phrase in phrases
                for other, text in by_trigram.get(phrase.split(" ", 1)[1].rsplit(" ", 1)[0], ())
            ):
                unit.junk, unit.strong, unit.weak, unit.data = True, False, False, False
    # A caption is the line a picture-agency credit line ("EPA") directly follows.
    for unit, after in zip(units, units[1:], strict=False):
        if after.block == unit.block and AGENCY_ONLY.fullmatch(after.text):
            unit.strong = unit.weak = unit.data = False
            unit.junk = True
    # The writer's bio closing the page is prose too, but not the article.
    strong_at = [i for i, u in enumerate(units) if u.strong]
    # Names in the byline lines (junk lines up to the second strong paragraph, as a long
    # headline or a deck can be the first).
    header_end = strong_at[1] if len(strong_at) > 1 else len(units)
    header = " ".join(u.text for u in units[:header_end] if u.junk)

    def is_bio(unit: Unit) -> bool:
        named = _NAMED_BIO.match(unit.text)
        return bool(_AUTHOR_BIO.match(unit.text)) or (named is not None and named.group("name") in header)

    while len(strong_at) > 1 and is_bio(units[strong_at[-1]]):
        strong_at.pop()
    for unit in units[strong_at[-1] + 1 :] if strong_at else []:
        if is_bio(unit):
            unit.junk, unit.strong, unit.weak, unit.data = True, False, False, False


# Speed only: the chrome heuristics cost ~20 µs a line, seconds on a 25 MB file. Past this many
# lines they run on the first and last EDGE_UNITS lines (where a saved page keeps its menus,
# bylines, captions and footers); the lines between are taken as the article's prose.
CLASSIFY_ALL_UNITS = 10_000
EDGE_UNITS = 2_000
assert CLASSIFY_ALL_UNITS >= 2 * EDGE_UNITS + 3  # a middle of at least three units


def classify_bounded(units: list[Unit]) -> None:
    """`classify` in time linear with a small constant, whatever the size of the input."""
    if len(units) <= CLASSIFY_ALL_UNITS:
        classify(units)
        return
    classify(units[:EDGE_UNITS])
    classify(units[-EDGE_UNITS:])
    for unit in units[EDGE_UNITS:-EDGE_UNITS]:
        unit.strong = True
