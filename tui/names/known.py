"""Every mention of a name the library knows, found by its spelling (issue 18, item 2).

The model misses names it has tagged elsewhere: a company that opens a sentence, a name in a
headline. Once the library knows a spelling (an entity some article names, a followed name), every
exact occurrence of it counts: case-sensitive, on word boundaries, the longest known spelling first,
and only spellings of two or more characters that start with a capital. A one-word spelling that is
also a common English word ("Will", "Bill", "Hope") is not counted where it opens a sentence, where
the capital says nothing; a one-word month or weekday ("May", "August") never counts alone, where
it is nearly always the date; and a one-word spelling inside a longer run of capitalised words
("Northern" in "Northern Ireland", "Finance" in "Finance Minister") is taken for part of another
name, except in a title-case headline.

The search walks the article's words once and looks each run of up to `max_words` words up in a set,
so its cost does not grow with the number of names the library knows (a regex alternation of 30,000
names would).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass

# Words (and their spellings with a dot: "Inc.", "U.S.") as the matcher steps over them.
_WORD = re.compile(r"\w+(?:(?:['’](?!s\b)|[&.\-])\w+)*")
# What may stand between a sentence's end and its first word.
_OPENERS = " \t\"'“‘([«—–-*•"
_SENTENCE_END = ".!?:;\n"
MAX_WORDS = 8

# Common English words that are also names (or parts of names the model tags alone): at a sentence
# start their capital is the sentence's, not the name's.
COMMON_WORDS = frozenset(
    """
    a about after again against all also an and another any april are around as at august back
    be because before best big bill black both brown but by can case cash change charity chase
    church city close could court cross day did do down during each early east every faith
    fall few field first for four free from frost gate gates general global god gold good
    grace grant great green hall happy has have he her here high hill his home hope house how
    however i if in into is it its just king lake land last late law lee light like little long
    lord love major march mark may more most much my new news next no north not now of office
    old on one only or other our out over page park people price prime read reading rich right
    rock rose royal said say says second see several she should since so some south spring
    state states still stone such summer sun that the their then there these they this those
    three to today top two under union up us very victoria war was we well were west what when
    where which while white who why will win winter with wood world would yet you young your
    """.split()
)


# Months and weekdays: a one-word name spelled like one ("May", "August") is the date far more often.
CALENDAR_WORDS = frozenset(
    """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    """.split()
)


def qualifies(spelling: str) -> bool:
    """True when occurrences of `spelling` may count as mentions: two or more characters,
    starting with a capital, at most MAX_WORDS words."""
    text = spelling.strip()
    words = _WORD.findall(text)
    return (
        len(text) >= 2
        and text == spelling
        and text[0].isupper()
        and 0 < len(words) <= MAX_WORDS
        and not (len(words) == 1 and text.casefold().rstrip(".") in CALENDAR_WORDS)
    )


def at_sentence_start(body: str, start: int) -> bool:
    """True when the word at `start` opens the text, a paragraph, a line or a sentence."""
    position = start
    while position > 0 and body[position - 1] in _OPENERS:
        position -= 1
    return position == 0 or body[position - 1] in _SENTENCE_END


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One occurrence of a known spelling: `body[start:end] == spelling`."""

    start: int
    end: int
    spelling: str


def occurrences(body: str, known: Collection[str], max_words: int = MAX_WORDS) -> Iterator[Occurrence]:
    """The occurrences of `known` spellings in `body`, left to right, never overlapping (the
    longest spelling starting at a word wins); spellings that do not `qualify` never match."""
    if not known or not body:
        return
    words = [(m.start(), m.end()) for m in _WORD.finditer(body)]
    index = 0
    while index < len(words):
        start = words[index][0]
        if not body[start].isupper():
            index += 1
            continue
        found: tuple[int, str] | None = None
        for last in range(index, min(index + max_words, len(words))):
            end = words[last][1]
            text = body[start:end]
            if text in known and qualifies(text):
                found = (last, text)
            if end < len(body) and body[end] == "." and text + "." in known and qualifies(text + "."):
                found = (last, text + ".")
        if found is None:
            index += 1
            continue
        last, spelling = found
        single = len(_WORD.findall(spelling)) == 1
        skip = single and (
            (spelling.casefold().rstrip(".") in COMMON_WORDS and at_sentence_start(body, start))
            or (_in_longer_name(body, words, index, last) and not _in_headline(body, start))
        )
        if not skip:
            yield Occurrence(start, start + len(spelling), spelling)
        index = last + 1


def _capitalised_neighbour(body: str, words: list[tuple[int, int]], at: int, gap: tuple[int, int]) -> bool:
    """True when word `at` exists, starts with a capital, is not a common word and only spaces
    separate it from the name (`gap`: the text between)."""
    if not 0 <= at < len(words):
        return False
    between = body[gap[0] : gap[1]]
    word = body[words[at][0] : words[at][1]]
    return (
        between.strip(" ") == ""
        and "\n" not in between
        and word[0].isupper()
        and word.casefold() not in COMMON_WORDS
    )


def _in_longer_name(body: str, words: list[tuple[int, int]], first: int, last: int) -> bool:
    """True when the words first..last are part of a longer run of capitalised words ("Northern"
    in "Northern Ireland", "Finance" in "Finance Minister"): a one-word name the library knows
    is then most likely the start or the end of another name."""
    before = first - 1
    after = last + 1
    return _capitalised_neighbour(
        body, words, before, (words[before][1] if before >= 0 else 0, words[first][0])
    ) or _capitalised_neighbour(
        body, words, after, (words[last][1], words[after][0] if after < len(words) else len(body))
    )


def _in_headline(body: str, position: int) -> bool:
    """True when the line holding `position` is a title-case headline ("Kestrel Cuts 300 Jobs"),
    where a run of capitalised words says nothing about where names end."""
    start = body.rfind("\n", 0, position) + 1
    end = body.find("\n", position)
    line = body[start : end if end >= 0 else len(body)]
    long_words = [w for w in _WORD.findall(line) if len(w) > 3]
    if not long_words or len(long_words) > 12:
        return False
    return sum(1 for w in long_words if w[0].isupper()) >= 0.6 * len(long_words)


__all__ = [
    "CALENDAR_WORDS",
    "COMMON_WORDS",
    "MAX_WORDS",
    "Occurrence",
    "at_sentence_start",
    "occurrences",
    "qualifies",
]
