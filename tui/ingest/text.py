"""Scraped plain text to title + paragraphs: page chrome recognised by structure, not by one page.

A browser's "save as text" keeps menus, share buttons, size pickers and cookie notices around the
article. Each line (or hard-wrapped block) is scored on general signals: length, sentence
punctuation, lower-case prose, runs of short lines, link/button/breadcrumb/timestamp shapes,
and one small list of well-known chrome phrases. The body is the span between the first and
last strong prose paragraph; the headline is the nearest title-like line above it.

Lines that list names or facts (a squad "Defenders - A, B, C", a profile "Born: 1990", a table row
"Oslo 12 4 1", a result "Arsenal 2 Chelsea 1") are short and end no sentence, like chrome; they are
the article's own data, kept where they sit in or next to its body. Wire copy saved as text (an
ALL-CAPS headline, a dateline line "LONDON 1996-08-30", then the story, as in the CoNLL-2003
corpus) has no chrome at all and is kept whole.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import repeat

from tui.ingest.dates import find_date

# One signal among many: phrases that are page chrome when they make up (the start of) a short line.
_CHROME_START = re.compile(
    r"^(?:advertisement|advertising|sponsored(?: content)?|ad feedback|skip to(?: main)? content|"
    r"skip navigation|accessibility(?: links)?|breaking news|live updates?|share(?: on| this| via|"
    r" article| story)?\b|tweet\b|pin it|whatsapp|facebook|twitter|linkedin|reddit|"
    r"e-?mail(?: this)?\b|"
    r"print(?: this)?\b|sign (?:in|up|out)|log ?(?:in|out)|register\b|subscribe|subscription|"
    r"follow us|follow\b|newsletter|read more|continue reading|more (?:from|on|stories|news)|"
    r"related(?: stories| articles| coverage| content| topics| links)?\b|see also|also read|"
    r"most (?:read|popular|viewed|shared)|trending|recommended|you (?:may|might) (?:also )?like|"
    r"top stories|latest(?: news)?\b|watch\b|watch:|listen\b|play video|video:|image:|photo:|"
    r"caption|credit:|image (?:source|caption)|getty images|reuters/|ap photo|file photo|"
    r"comments?\b|leave a comment|back to top|go to top|menu\b|search\b|home\b|close\b|"
    r"cookie|privacy(?: policy)?|terms(?: of (?:use|service))?|contact us|about us|"
    r"all rights reserved|copyright|\u00a9|loading|toggle|open (?:menu|navigation)|"
    r"download (?:the )?app|get the app|next article|previous article|next\b|previous\b|"
    r"read (?:next|also)\b|up next\b|around the web|"
    r"this (?:article|story|interview|piece|report) (?:has been|was) (?:edited|amended|updated|"
    r"corrected|condensed)|"
    r"topics?:|tags?:|filed under|editor'?s? (?:pick|note)|sections?\b|jump to|"
    r"page \d+ (?:of|/) \d+\b)",
    re.IGNORECASE,
)
# An agency in brackets credits a picture, unless a dash follows: "LONDON (Reuters) - ..." is a
# wire story's dateline.
_CREDIT = re.compile(
    r"(?i:\b(?:photo|photograph|image|picture|illustration|video|graphic|credit)s?\s*:|"
    r"\((?:getty images|afp|reuters|ap|epa|file)[^)]*\)(?!\s*[-\u2013\u2014:])|"
    r"/\s*(?:getty images|afp|reuters)\b)|"
    # a caption sentence closed by "(Name for The Paper)"
    r"\.\s*\((?:[A-Z][\w'.-]*\s+){1,4}for\s+[A-Z][^)]{1,60}\)$"
)
# A line that is nothing but a picture agency ("EPA", "Getty Images", "Reuters/AFP") credits the
# caption above it.
_AGENCY_ONLY = re.compile(
    r"(?:(?:getty(?: images)?|afp|ap|reuters|epa|pa(?: media| wire)?|shutterstock|alamy|"
    r"bloomberg|anadolu|xinhua|efe|dpa|ansa|sipa|reuters tv|afp tv|nurphoto|rex features)"
    r"(?:\s*(?:/|,|via)\s*|\s*$))+",
    re.IGNORECASE,
)
_CALL_TO_ACTION = re.compile(
    r"\b(?:sign up|subscribe|sign in|log in|register|newsletter|enter your e-?mail|"
    r"e-?mail address|download (?:the|our) app|click here|learn more|read more|tap here)\b",
    re.IGNORECASE,
)
_CTA_END = re.compile(
    r"\b(?:sign up|subscribe|sign in|log in|register|learn more|read more|click here|"
    r"find out more|download)(?: now| here| today| free)?\W*$",
    re.IGNORECASE,
)
# Headlines may ask a question or exclaim mid-line ("Do meals help? A study says yes"); two
# full-stopped sentences on one line are prose.
_INNER_SENTENCE = re.compile(r"[a-z\d)][.][\"'\u201d\u2019]?\s+[A-Z]")
_COOKIE = re.compile(r"\bcookies?\b", re.IGNORECASE)
_CONSENT = re.compile(
    r"\b(?:agree|consent|accept|privacy|experience|browsing|settings|preferences)\b", re.IGNORECASE
)
_COPYRIGHT = re.compile(
    r"\u00a9|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b", re.IGNORECASE
)
_URLISH = re.compile(r"https?://|www\.|\S+@\S+\.\w{2,}|^@\w+|#\w+\s*$", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s[|›»>/·•]\s|\s[|›»>·•]$|^[|›»>·•]\s")
_BYLINE = re.compile(r"^(?i:by|written by|reporting by|words by|story by)\s+[A-Z\u00c0-\u024f]")
_JOURNALIST = (
    r"(?i:correspondent|editor|reporter|writer|columnist|journalist|critic|producer|"
    r"contributor|photographer|presenter|analyst)s?"
)
# "Clara Weiss, Science Correspondent" / "Chief Political Correspondent" / "Football writer" /
# "Health editor Samir Haddad"
_NAME_ROLE = re.compile(
    r"^(?:[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){0,3},\s+)?(?:[\w'-]+\s+){0,3}" + _JOURNALIST
    + r"\b(?:\s+(?i:in|at|for)\s+[A-Z][\w -]*|(?:\s+[A-Z][\w'.-]+){2,3})?$"
)
# A label heading a block of links to other pages: "Around the web", "Sponsored content".
_SECTION_LABEL = re.compile(
    r"^(?:related\b.*|more (?:from|in|on)\b.*|most (?:read|popular|viewed|shared)|trending.*|"
    r"recommended.*|you (?:may|might) (?:also )?like|around the web|sponsored(?: \w+)?|"
    r"promoted(?: \w+)?|partner content|from our partners|top stories|latest(?: news)?|"
    r"editor'?s picks?|what to read next)\W*$",
    re.IGNORECASE,
)
_QUOTED_LINE = re.compile(r"^[\"\u201c\u2018'].*[\"\u201d\u2019']$")
_DATELINE_START = re.compile(
    r"^(?:first |last )?(?:published|updated|posted|modified)\b", re.IGNORECASE
)
# The writer's bio closing a page: "Ines Carvalho is the Courier's transport correspondent. ..."
_AUTHOR_BIO = re.compile(
    r"^(?:(?i:about the (?:author|writer)\b)|[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){1,3}\s+"
    r"(?:is|was|has been)\s+(?:a|an|the)\s+(?:[^.]{0,60}?\s)?" + _JOURNALIST + r"\b)"
)
# "Rhiannon Drew is the managing director of ...": a bio when that name heads the page.
_NAMED_BIO = re.compile(
    r"^(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){1,3})\s+(?:is|was)\s+"
    r"(?:a|an|the|(?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*['\u2019]s)\s"
)
_LIST_MARKER = re.compile(r"^(?:\d{1,2}[.)]|[\u2022\u25aa\u25cf\u2023\u2013*-])\s+\S")
_RELATIVE_TIME = re.compile(
    r"\b\d+\s*(?:sec|second|min|minute|hr|hour|day|week|month|year)s?\s+ago\b|"
    r"\b\d+\s*min(?:ute)?s?\s+read\b|^(?:updated|published|posted|last updated|modified)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?:;][\"'\u201d\u2019)\]]*$")
_FINAL_PERIOD = re.compile(r"\.[\"'\u201d\u2019)\]]*$")
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
_SITE_SUFFIX = re.compile(
    r"^(?P<head>.+?)\s+(?:[|\u2013\u2014-]|::)\s+(?P<site>[^|\u2013\u2014]{2,40})$"
)
_CLOCK_TIME = re.compile(
    r"^(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?|[A-Z]{2,5}\s+\d{1,2}[:.]\d{2})$",
    re.IGNORECASE,
)
_WS = re.compile(r"\s+")

# --- lines that list names or facts ---
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
_BULLET = re.compile(r"^(?:[\u2022\u25aa\u25cf\u2023\u2013*-]|\d{1,2}[.)])\s+(?=\S)")
_LIST_SPLIT = re.compile(r"\s*[,;]\s*|\s+(?:and|&)\s+")
_PIPE = re.compile(r"\s\|\s")
_DATA_MARK = re.compile(r"[\d:,;|\u2013\u2014]|\s-\s|\s(?:and|&)\s")


def _capitalised(word: str) -> bool:
    """A name-like token: "Costa", "(Benfica)", "O'Neill", "U.S.", "M.", a number."""
    head = word.lstrip("(\"'\u2018\u201c[")
    return bool(head) and (head[0].isupper() or head[0].isdigit())


def _name_like(item: str, *, loose: bool = False) -> bool:
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
    return len(items) >= least and all(_name_like(item) for item in items)


def _table_row(text: str) -> bool:
    """A row of names and numbers: "Oslo 12 4 1", "Arsenal 2 Chelsea 1",
    "Manchester United 4 3 1 0 10 4 10", "Pete Sampras (U.S.) beat Jonas Bjorkman 6-3 6-4"."""
    tokens = [t for t in text.split() if _WORD.search(t) or any(c.isdigit() for c in t)]
    if not 2 <= len(tokens) <= 30 or not _capitalised(tokens[0]):
        return False
    if _ends_period(text) and not _NUMERIC.match(tokens[-1]):
        return False  # a sentence
    if _COUNTER.search(text):
        return False  # a gallery's or a pager's "Photo 3 of 12"
    numbers = sum(bool(_NUMERIC.match(t)) for t in tokens)
    words = [t for t in tokens if not _NUMERIC.match(t)]
    capitals = sum(_capitalised(w) for w in words)
    lower = len(words) - capitals
    return numbers >= 1 and capitals >= 1 and lower <= capitals + numbers - 1


def _pipe_cells(text: str) -> list[str]:
    return [cell.strip() for cell in text.strip("| ").split(" | ")] if _PIPE.search(text) else []


def is_data_line(text: str) -> bool:
    """Whether a short line lists names or facts rather than prose or page chrome.

    Such a line is short and ends no sentence, which alone reads as chrome; these shapes are the
    article's data: a labelled list or value ("Goalkeepers: A, B", "Defenders - A, B",
    "Nation: Portugal", "Born: 1990"), a list of three or more names, a table row of names and
    numbers ("Oslo 12 4 1", "Arsenal 2 Chelsea 1", "Oslo | 12 | 4 | 1"). Chrome shapes (bylines,
    credits, links, timestamps, "Tags: ...") are not data whatever their shape.
    """
    n = text.count(" ") + 1
    if n > 40 or not _DATA_MARK.search(text) or _is_prose_sentence(text):
        return False  # (speed only: no digit, colon, dash, comma or bar is no data shape)
    cells = _pipe_cells(text)
    if len(cells) >= 2:
        return any(_NUMERIC.match(cell) for cell in cells) and not _URLISH.search(text)
    labelled = _LABELLED.match(_BULLET.sub("", text))  # "- Founded: 1897"
    if labelled and _META_LABEL.match(labelled.group("label")):
        return False
    if labelled:
        # A date is a fact here ("Date of birth: 5 February 1985"), not a timestamp line.
        if (
            _chrome_phrase(text)
            or _URLISH.search(text)
            or _CREDIT.search(text)
            or _COPYRIGHT.search(text)
            or _CALL_TO_ACTION.search(text)
            or is_byline(text)
        ):
            return False
        value = labelled.group("value")
        if _name_list(value, 2):
            return True
        words = value.rstrip(".").split()
        if len(words) <= 6 and (
            any(c.isdigit() for c in value) or _name_like(value, loose=True)
        ):
            return True
    if is_chrome(text, n):
        return False
    return _name_list(text, 3) or _table_row(text)


@dataclass
class _Unit:
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


@dataclass(frozen=True)
class ScrapedText:
    """What `extract_scraped` found: title ("" if none), paragraphs, and a raw date string."""

    title: str
    paragraphs: list[str]
    published: str | None


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
    if all(_ends_sentence(line) and line[:1].isupper() for line in lines):
        return False
    if not _ends_sentence(lines[-1]) or sum(bool(_LIST_MARKER.match(x)) for x in lines) >= 2:
        return False  # a paragraph ends a sentence; list items stay one per line
    # A byline, dateline, credit or "a | b" line under a headline is not a wrapped continuation.
    return not any(
        _BYLINE.search(line)
        or _RELATIVE_TIME.search(line)
        or _CREDIT.search(line)
        or _AGENCY_ONLY.fullmatch(line)
        or _SEPARATORS.search(line)
        or find_date(line, whole=True)
        for line in lines[1:]
    )


_ASCII_ODD_SPACE = "\t\r\x0b\x0c\x1c\x1d\x1e\x1f"  # str.split() whitespace in ASCII, but " " and "\n"


def _unit_parts(text: str) -> tuple[list[str], list[int], list[int]]:
    """The units of `text` as three lists: texts, line counts, block numbers.

    Lists rather than `_Unit` objects: a 25 MB text has 270,000 units, and making an object of
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


def _units(text: str) -> list[_Unit]:
    return list(map(_Unit, *_unit_parts(text)))


def _measure(unit: _Unit) -> None:
    unit.words = unit.text.count(" ") + 1  # units are whitespace-collapsed
    alpha = _WORD.findall(unit.text[:300])
    if alpha:
        unit.lower_ratio = sum(map(str.islower, [w[0] for w in alpha])) / len(alpha)


def _ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text[-8:]))


def _ends_period(text: str) -> bool:
    return bool(_FINAL_PERIOD.search(text[-8:]))


def is_chrome(text: str, words: int | None = None) -> bool:
    """Whether a line looks like page chrome rather than article prose."""
    n = len(text.split()) if words is None else words
    if n > 80:
        return False  # long prose; also keeps huge single-line inputs linear and fast
    if _COOKIE.search(text) and _CONSENT.search(text):
        return True
    if n > 30:
        return False
    if _COPYRIGHT.search(text):
        return True
    calls = len(_CALL_TO_ACTION.findall(text))
    if calls >= 2 or (_CTA_END.search(text) and not (calls <= 1 and _is_prose_sentence(text))):
        # Newsletter prompts and buttons: "... Enter your email address. Sign up"; but "Voters
        # have until Friday to register." is a sentence.
        return True
    if n <= 20 and _CREDIT.search(text):
        return True
    if n <= 6 and _AGENCY_ONLY.fullmatch(text):
        return True
    if n <= 3 and _CLOCK_TIME.match(text):
        return True  # live-blog timestamps: "10:42 GMT", "9.15am"
    if n <= 14 and _chrome_phrase(text):
        return True
    if n <= 12 and (
        _URLISH.search(text)
        or (_SEPARATORS.search(text) and not _ends_sentence(text))
        or (not _ends_period(text) and find_date(text, whole=True) is not None)
    ):
        return True
    if n <= 25 and is_byline(text):
        return True
    if n <= 4 and all(len(w) <= 3 for w in text.split()) and not _ends_sentence(text):
        return True  # size pickers, pagers, "A A A", "XS SM MD LG"
    return not _WORD.search(text)  # only digits/punctuation/symbols


def _is_prose_sentence(text: str) -> bool:
    """A full sentence of prose: five or more words, a final full stop, mostly lower-case words
    after the first ("Search teams worked through the night.")."""
    if text.count(" ") < 4 or not _ends_period(text):
        return False
    rest = _WORD.findall(text)[1:]
    return bool(rest) and sum(w[0].islower() for w in rest) >= 0.5 * len(rest)


def _chrome_phrase(text: str) -> bool:
    """A chrome phrase or timestamp opens the line ("Share this article", "Updated 2 hours ago").

    One menu-like word opening a full sentence of prose is not chrome: "Search teams ...",
    "Home sales ...", "Next month ...", "Latest figures ..." start news sentences too.
    """
    matches = [m for regex in (_CHROME_START, _RELATIVE_TIME) for m in regex.finditer(text)]
    if not matches:
        return False
    if not _is_prose_sentence(text) or _CALL_TO_ACTION.search(text):
        return True
    first_word = len(text.split(" ", 1)[0])
    opening = [m for m in matches if m.start() == 0]
    # A chrome phrase of several words opens it ("This article has been updated ..."), or a
    # timestamp word and a relative time ("Updated 3 hours ago."); "The fire started 3 days
    # ago." is a sentence.
    return any(m.end() > first_word for m in opening) or (0 < len(opening) < len(matches))


def is_byline(text: str) -> bool:
    """Whether a line names the writer or when it was published ("By Name, Role", "Updated ...")."""
    n = len(text.split())
    if n > 25:
        return False
    if n <= 10 and _BYLINE.search(text) and not _is_prose_sentence(text):
        return True  # "By Jane Okafor, Reuters"; "By Friday, the river had fallen." is prose
    if _ends_period(text):
        return False  # "By Tuesday, the council had approved the plan." is a sentence
    alpha = _WORD.findall(text)
    mostly_capitalised = sum(1 for w in alpha if w[0].islower()) <= 0.4 * len(alpha)
    if _BYLINE.search(text) and mostly_capitalised:
        return True
    if n <= 20 and _DATELINE_START.search(text) and find_date(text) is not None:
        return True
    return n <= 12 and bool(_NAME_ROLE.match(text))


def is_title_like(text: str, *, one_sentence: bool = True) -> bool:
    """A headline: 3-20 words, no final period, some capitals, not chrome.

    With `one_sentence` (the default) a full stop inside the line also rules it out. A line in
    capitals may end with a period: wire headlines do ("SOCCER - ENGLISH LEAGUE RESULTS.").
    """
    n = len(text.split())
    if not 3 <= n <= 20 or text.endswith((",", ";", ":", "-", "\u2013", "\u2014")):
        return False
    if _ends_period(text) and not _capitals(text):
        return False
    if one_sentence and _INNER_SENTENCE.search(text):
        return False
    if not text[:1].isupper() and not text[:1].isdigit() and text[:1] not in "\"'\u2018\u201c":
        return False
    return not is_chrome(text, n)


def _strong_by_trigram(units: list[_Unit]) -> dict[str, list[tuple[_Unit, str]]]:
    """Strong units (with their words joined) by every three consecutive words in them.

    Speed only: a five-word phrase found inside a unit's words has its middle three words as
    whole words of that unit, so only the units listed under them can contain it (the pull-quote
    test was quadratic: minutes for a few thousand quoted lines)."""
    index: dict[str, list[tuple[_Unit, str]]] = {}
    for unit in units:
        if unit.strong:
            words = _WORD.findall(unit.text.casefold())
            entry = (unit, " ".join(words))
            for key in {" ".join(words[k : k + 3]) for k in range(len(words) - 2)}:
                index.setdefault(key, []).append(entry)
    return index


def _mark_data(units: list[_Unit]) -> None:
    """Flag the lines that list names or facts: `is_data_line`, a table's header row above its
    rows ("Team | P | W | Pts"), and short name lines under a line that introduces them ("The
    squad:" then one name a line)."""
    for unit in units:
        unit.data = unit.words <= 40 and is_data_line(unit.text)
    for unit, after in zip(units, units[1:], strict=False):
        cells = _pipe_cells(unit.text)
        if (
            not unit.data
            and after.data
            and after.block == unit.block
            and len(cells) >= 2
            and all(len(cell.split()) <= 3 for cell in cells)
        ):
            unit.data = True
    for i, unit in enumerate(units[:-1]):
        if not (
            unit.text.endswith(":") and 2 <= unit.words <= 15 and not is_chrome(unit.text, unit.words)
        ):
            continue
        j = i + 1
        while (
            j < len(units)
            and units[j].block == units[i + 1].block
            and units[j].words <= 6
            and _name_like(_BULLET.sub("", units[j].text))
            and not is_chrome(_BULLET.sub("", units[j].text))
        ):
            j += 1
        if j - i > 2:  # two or more names
            for k in range(i + 1, j):
                units[k].data = True


def _classify(units: list[_Unit]) -> None:
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
            j < len(units)
            and units[j].words <= 4
            and not units[j].data
            and not _ends_sentence(units[j].text)
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
        unit.junk = (
            unit.short_run or (not unit.data and is_chrome(unit.text, unit.words)) or seen[key] > 1
        )
        if unit.junk:
            unit.data = False
            continue
        sentence = _ends_sentence(unit.text)
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
    by_trigram: dict[str, list[tuple[_Unit, str]]] | None = None
    for unit in units:
        if unit.words <= 30 and _QUOTED_LINE.match(unit.text) and not _ends_period(unit.text):
            words = _WORD.findall(unit.text.casefold())
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
        if after.block == unit.block and _AGENCY_ONLY.fullmatch(after.text):
            unit.strong = unit.weak = unit.data = False
            unit.junk = True
    # The writer's bio closing the page is prose too, but not the article.
    strong_at = [i for i, u in enumerate(units) if u.strong]
    # Names in the byline lines (junk lines up to the second strong paragraph, as a long
    # headline or a deck can be the first).
    header_end = strong_at[1] if len(strong_at) > 1 else len(units)
    header = " ".join(u.text for u in units[:header_end] if u.junk)

    def is_bio(unit: _Unit) -> bool:
        named = _NAMED_BIO.match(unit.text)
        return bool(_AUTHOR_BIO.match(unit.text)) or (
            named is not None and named.group("name") in header
        )

    while len(strong_at) > 1 and is_bio(units[strong_at[-1]]):
        strong_at.pop()
    for unit in units[strong_at[-1] + 1 :] if strong_at else []:
        if is_bio(unit):
            unit.junk, unit.strong, unit.weak, unit.data = True, False, False, False


# Speed only: the chrome heuristics cost ~20 µs a line, seconds on a 25 MB file. Past this many
# lines they run on the first and last _EDGE_UNITS lines (where a saved page keeps its menus,
# bylines, captions and footers); the lines between are taken as the article's prose.
_CLASSIFY_ALL_UNITS = 10_000
_EDGE_UNITS = 2_000
assert _CLASSIFY_ALL_UNITS >= 2 * _EDGE_UNITS + 3  # a middle of at least three units


def _classify_bounded(units: list[_Unit]) -> None:
    """`_classify` in time linear with a small constant, whatever the size of the input."""
    if len(units) <= _CLASSIFY_ALL_UNITS:
        _classify(units)
        return
    _classify(units[:_EDGE_UNITS])
    _classify(units[-_EDGE_UNITS:])
    for unit in units[_EDGE_UNITS:-_EDGE_UNITS]:
        unit.strong = True


def _is_subheading(units: list[_Unit], i: int) -> bool:
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
            or bool(_CLOCK_TIME.match(units[i - 1].text))  # a live-blog entry's heading
            or after.data  # a table's heading ("Second round", "Men's 100 metres")
        )
        and unit.text[:1].isupper()
        and not _ends_period(unit.text)
        and not unit.text.endswith((",", ";"))
    )


_TABLE_GAP = 2  # lines that are not data, between a table's rows


def _strip_site_suffix(title: str, units: list[_Unit]) -> str:
    match = _SITE_SUFFIX.match(title)
    if not match:
        return title
    head = match.group("head").strip()
    if " | " in title or any(u.text.casefold() == head.casefold() for u in units):
        return head
    return title


def _in_data_run(units: list[_Unit], i: int) -> bool:
    """One of two or more lines of data in a row ("Name: X" under "Born: 1990"): no headline,
    which stands alone even when it has a data line's shape ("Ukraine: Zelensky meets Biden")."""
    unit = units[i]
    return unit.data and any(
        0 <= k < len(units) and units[k].data and units[k].block == unit.block for k in (i - 1, i + 1)
    )


def _lone_heading(units: list[_Unit]) -> bool:
    """The first line is a short heading alone in its block: a clean file's title, however short."""
    head = units[0]
    return (
        not head.junk
        and not head.data
        and (len(units) == 1 or units[1].block != head.block)
        and 1 <= head.words <= 20
        and (head.text[:1].isupper() or head.text[:1].isdigit())
        and (not _ends_period(head.text) or _capitals(head.text))
        and not head.text.endswith((",", ";", ":"))
    )


def _find_title(units: list[_Unit], start: int) -> tuple[str, int | None]:
    """The nearest title-like line above the body (skipping bylines/dates), else any above it."""
    for i in range(start - 1, max(-1, start - 12), -1):
        unit = units[i]
        if not unit.short_run and not _in_data_run(units, i) and is_title_like(unit.text):
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
        if not units[i].short_run and not _in_data_run(units, i) and is_title_like(text):
            return _strip_site_suffix(units[i].text, units), i
    # Opinion headlines may be two short sentences: "It worked for us. Now it should work for all"
    for i in range(start - 1, max(-1, start - 12), -1):
        if not units[i].short_run and is_title_like(units[i].text, one_sentence=False):
            return _strip_site_suffix(units[i].text, units), i
    return "", None


def _lead_list(units: list[_Unit], first: int) -> list[int]:
    """A list of prose items (and its "Key points:" label) leading straight into the body."""
    items: list[int] = []
    i = first - 1
    while i >= 0 and _LIST_MARKER.match(units[i].text) and not units[i].junk:
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


# Wire copy as the CoNLL-2003 corpus keeps it: "SOCCER - ENGLISH PREMIER LEAGUE RESULTS.", then
# maybe a byline in capitals ("NADIM LADKI"), then a dateline line: a city in capitals, maybe a
# country or state, and a date ("LONDON 1996-08-30", "AL-AIN, United Arab Emirates 1996-12-06").
_WIRE_CITY = re.compile(
    r"^(?P<city>[A-Z][A-Z\u00c0-\u00de'\u2019.&-]*(?:\s+[A-Z][A-Z\u00c0-\u00de'\u2019.&-]*){0,3})"
    r"(?:\s*,\s*[A-Z][\w'\u2019.&-]*(?:\s+[\w'\u2019.&-]+){0,3}?)?\s*,?\s+(?P<date>\S.*)$"
)
_WIRE_BYLINE_WORDS = 5


def _capitals(text: str) -> bool:
    """A line in capitals: two or more words, nine in ten of its letters upper-case."""
    letters = [c for c in text if c.isalpha()]
    return (
        len(_WORD.findall(text)) >= 2
        and len(letters) >= 6
        and sum(c.isupper() for c in letters) >= 0.9 * len(letters)
    )


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
    if (_COOKIE.search(text) and _CONSENT.search(text)) or _COPYRIGHT.search(text):
        return True
    if n <= 12 and _URLISH.search(text):
        return True
    # Short lines only, and no table's heading ("Latest results:"): a line the story may have.
    return n <= 6 and not text.endswith(":") and _chrome_phrase(text) and not is_data_line(text)


def _wire_story(texts: list[str]) -> ScrapedText | None:
    """Wire copy saved as text (a headline, maybe a byline, a dateline line, the story) or None.

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
            return ScrapedText(texts[0], [t for t in texts[1:] if not _wire_junk(t)], published)
        byline = texts[i]
        if len(byline.split()) > _WIRE_BYLINE_WORDS or not (_capitals(byline) or _name_like(byline)):
            return None
    return None


def extract_scraped(text: str) -> ScrapedText:
    """Split cleaned text into title and body paragraphs, dropping page chrome."""
    texts, counts, blocks = _unit_parts(text)
    wire = _wire_story(texts)
    if wire is not None:
        return wire
    if len(texts) <= _CLASSIFY_ALL_UNITS:
        units = list(map(_Unit, texts, counts, blocks))
        _classify(units)
        return _extract(units)
    # What `_classify_bounded` does, without an object per unit in the middle: the edges are
    # classified, the middle is all strong prose. Its first and last units stay (their
    # neighbours look at them); one strong stand-in takes the place of those between.
    edge, last = _EDGE_UNITS, len(texts) - _EDGE_UNITS - 1
    head = [_Unit(texts[i], counts[i], blocks[i]) for i in range(edge)]
    tail = [_Unit(texts[i], counts[i], blocks[i]) for i in range(last + 1, len(texts))]
    _classify(head)
    _classify(tail)
    middle = [
        _Unit(texts[edge], counts[edge], blocks[edge], strong=True),
        _Unit("", 0, blocks[edge + 1], strong=True),
        _Unit(texts[last], counts[last], blocks[last], strong=True),
    ]
    return _extract(head + middle + tail, edge + 1, texts[edge + 1 : last])


def _extract(units: list[_Unit], gap_at: int | None = None, gap: list[str] | None = None) -> ScrapedText:
    """Title, paragraphs and date of classified units; the unit at `gap_at` stands for the
    strong paragraphs `gap` (see `extract_scraped`)."""
    strong = [i for i, u in enumerate(units) if u.strong]
    if strong:
        first, last = strong[0], strong[-1]
        # One sentence a line (wire style): short lead sentences of the first strong paragraph's
        # block are the story's opening, not header lines; so is a full sentence of eight words
        # or more in a block of its own right above it.
        while first > 0:
            above = units[first - 1]
            if not above.weak or is_title_like(above.text):
                break
            if above.block != units[first].block and not (
                above.lines == 1 and above.words >= 8 and _ends_period(above.text)
            ):
                break
            first -= 1
        # Lines of data right above the body in its block ("Goalkeepers: A, B" above the
        # squad's story); not the block's first line, which may be a headline of that shape.
        while first > 1 and units[first - 1].data and units[first - 2].block == units[first].block:
            first -= 1
        keep = [
            i
            for i in range(first, last + 1)
            if units[i].strong
            or units[i].weak
            or units[i].data
            or (not units[i].junk and units[i].words >= 8 and units[i].lower_ratio >= 0.45)
            or (i > first and _is_subheading(units, i))
        ]
        # Short closing sentences right after the last strong paragraph ("He declined to comment."),
        # and the lists, tables and profiles that close an article, with their headings.
        i = last + 1
        while i < len(units):
            if units[i].junk:
                break
            if units[i].weak or units[i].data or _is_subheading(units, i):
                keep.append(i)
                i += 1
                continue
            # One or two other lines inside a table ("Extras (lb-4 nb-3) 7", "Total (for 5
            # wickets) 278") when data goes on after them.
            between = [k for k in range(i, min(i + _TABLE_GAP, len(units))) if not units[k].data]
            resume = i + len(between)
            if (
                units[i - 1].data
                and resume < len(units)
                and units[resume].data
                and not any(units[k].junk for k in between)
            ):
                keep += between
                i = resume
                continue
            break
        lead = _lead_list(units, first)
        if lead:
            keep[:0] = lead
            first = lead[0]
    else:
        # No long paragraph: a short story, a results list. The body starts at its first
        # sentence, or else at its first line of data.
        first = next(
            (i for i, u in enumerate(units) if u.weak),
            next((i for i, u in enumerate(units) if u.data), len(units)),
        )
        keep = [
            i
            for i, u in enumerate(units)
            if i >= first and (u.weak or u.data or (i > first and _is_subheading(units, i)))
        ]
    title, title_at = _find_title(units, first)
    if (
        title_at is None
        and first < len(units)
        and not _in_data_run(units, first)
        and is_title_like(units[first].text)
    ):
        # Nothing headline-like above the body: its first line is the headline (a long
        # sentence-case headline reads like prose).
        title, title_at = units[first].text, first
    if title_at is None and 0 < first and _lone_heading(units):
        # A clean file's headline of one or two words ("Results"), alone above a blank line.
        title, title_at = units[0].text, 0
    if title_at is not None and title_at in keep:
        keep.remove(title_at)
    # Lines of data between the headline and the body, with their headings (a profile box
    # above the story), up to the first junk line going up.
    top = first
    while (
        top - 1 > (-1 if title_at is None else title_at)
        and not units[top - 1].junk
        and (units[top - 1].data or _is_subheading(units, top - 1))
    ):
        top -= 1
    if first < len(units) and any(units[i].data for i in range(top, first + 1)):
        keep[:0] = [i for i in range(top, first) if i not in keep]
    if title_at is not None and title_at + 1 < first:
        deck = units[title_at + 1]
        if not deck.junk and deck.words >= 10 and deck.lower_ratio >= 0.45:
            keep.insert(0, title_at + 1)  # the standfirst under the headline is the article's
    # The date sits in the header: above the body, or among the byline lines under a deck.
    body_strong = [i for i in strong if i != title_at]
    header_end = body_strong[1] if len(body_strong) > 1 else len(units)
    published = None
    for i, unit in enumerate(units[:header_end]):
        if (i >= first and not unit.junk) or unit.words > 20 or unit.data:
            continue  # dates sit in short header lines; skipping long ones keeps huge files fast
            # (and a profile's "Born: 12 May 1990" is a fact, not the date of the page)
        found = find_date(unit.text)
        if found is not None:
            published = found
            break
    paragraphs: list[str] = []
    for i in keep:
        if i == gap_at and gap is not None:
            paragraphs += gap
        else:
            paragraphs.append(units[i].text)
    if not strong and not paragraphs:
        paragraphs = [u.text for u in units if not u.junk and u.text != title]
    return ScrapedText(title, paragraphs, published)
