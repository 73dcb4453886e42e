"""Page chrome and header lines of scraped text: the line rules under `tui.ingest.text`.

Each rule reads one line on general signals: length, sentence punctuation, lower-case prose,
link/button/breadcrumb/timestamp shapes, and one small list of well-known chrome phrases
(`is_chrome`); a byline or a date line (`is_byline`); a headline (`is_title_like`).
"""

from __future__ import annotations

import re

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
CREDIT = re.compile(
    r"(?i:\b(?:photo|photograph|image|picture|illustration|video|graphic|credit)s?\s*:|"
    r"\((?:getty images|afp|reuters|ap|epa|file)[^)]*\)(?!\s*[-\u2013\u2014:])|"
    r"/\s*(?:getty images|afp|reuters)\b)|"
    # a caption sentence closed by "(Name for The Paper)"
    r"\.\s*\((?:[A-Z][\w'.-]*\s+){1,4}for\s+[A-Z][^)]{1,60}\)$"
)
# A line that is nothing but a picture agency ("EPA", "Getty Images", "Reuters/AFP") credits the
# caption above it.
AGENCY_ONLY = re.compile(
    r"(?:(?:getty(?: images)?|afp|ap|reuters|epa|pa(?: media| wire)?|shutterstock|alamy|"
    r"bloomberg|anadolu|xinhua|efe|dpa|ansa|sipa|reuters tv|afp tv|nurphoto|rex features)"
    r"(?:\s*(?:/|,|via)\s*|\s*$))+",
    re.IGNORECASE,
)
CALL_TO_ACTION = re.compile(
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
COOKIE = re.compile(r"\bcookies?\b", re.IGNORECASE)
CONSENT = re.compile(
    r"\b(?:agree|consent|accept|privacy|experience|browsing|settings|preferences)\b", re.IGNORECASE
)
COPYRIGHT = re.compile(r"\u00a9|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b", re.IGNORECASE)
URLISH = re.compile(r"https?://|www\.|\S+@\S+\.\w{2,}|^@\w+|#\w+\s*$", re.IGNORECASE)
SEPARATORS = re.compile(r"\s[|›»>/·•]\s|\s[|›»>·•]$|^[|›»>·•]\s")
BYLINE = re.compile(r"^(?i:by|written by|reporting by|words by|story by)\s+[A-Z\u00c0-\u024f]")
JOURNALIST = (
    r"(?i:correspondent|editor|reporter|writer|columnist|journalist|critic|producer|"
    r"contributor|photographer|presenter|analyst)s?"
)
# "Clara Weiss, Science Correspondent" / "Chief Political Correspondent" / "Football writer" /
# "Health editor Samir Haddad"
_NAME_ROLE = re.compile(
    r"^(?:[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){0,3},\s+)?(?:[\w'-]+\s+){0,3}"
    + JOURNALIST
    + r"\b(?:\s+(?i:in|at|for)\s+[A-Z][\w -]*|(?:\s+[A-Z][\w'.-]+){2,3})?$"
)
_DATELINE_START = re.compile(r"^(?:first |last )?(?:published|updated|posted|modified)\b", re.IGNORECASE)
RELATIVE_TIME = re.compile(
    r"\b\d+\s*(?:sec|second|min|minute|hr|hour|day|week|month|year)s?\s+ago\b|"
    r"\b\d+\s*min(?:ute)?s?\s+read\b|^(?:updated|published|posted|last updated|modified)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?:;][\"'\u201d\u2019)\]]*$")
_FINAL_PERIOD = re.compile(r"\.[\"'\u201d\u2019)\]]*$")
WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
CLOCK_TIME = re.compile(
    r"^(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?|[A-Z]{2,5}\s+\d{1,2}[:.]\d{2})$",
    re.IGNORECASE,
)


# The case-insensitive rules of `is_chrome`, and the same compiled again for text of printable
# ASCII alone, where they match exactly what the rules match (no other character folds to an ASCII
# letter; \s and \w agree there) at half the cost: Unicode case folding is the slow part.
_UNICODE_RULES = (COPYRIGHT, CALL_TO_ACTION, _CTA_END, CREDIT, URLISH)
_RULES = (
    _UNICODE_RULES,
    tuple(re.compile(rule.pattern, rule.flags & ~re.UNICODE | re.ASCII) for rule in _UNICODE_RULES),
)


# What a match of each case-insensitive rule must hold, in lower-cased printable ASCII (where the
# rules are the ASCII forms and lower-casing is exact): COPYRIGHT ("\u00a9" is not ASCII),
# CALL_TO_ACTION and _CTA_END together, URLISH.
_COPYRIGHT_MARKS = ("(", "copyright", "all rights reserved")
_CTA_WORDS = (
    "sign ",
    "subscribe",
    "log in",
    "register",
    "newsletter",
    "mail",
    "download",
    "click here",
    "learn more",
    "read more",
    "tap here",
    "find out more",
)
_URL_MARKS = ("://", "www.", "@", "#")


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text[-8:]))


def ends_period(text: str) -> bool:
    return bool(_FINAL_PERIOD.search(text[-8:]))


def is_chrome(text: str, words: int | None = None) -> bool:
    """Whether a line looks like page chrome rather than article prose."""
    n = len(text.split()) if words is None else words
    if n > 80:
        return False  # long prose; also keeps huge single-line inputs linear and fast
    if _may_hold(text, "cookie") and COOKIE.search(text) and CONSENT.search(text):
        return True
    if n > 30:
        return False
    # From here any rule that holds makes the line chrome, whatever their order: bylines first,
    # cheap for prose (a final full stop ends the test) and common in feed items ("Reporting
    # by ...; editing by ...").
    if n <= 25 and is_byline(text):
        return True
    plain = text.isascii() and text.isprintable()
    copyright_, call_to_action, cta_end, credit, urlish = _RULES[plain]
    # Speed only: in printable ASCII a rule is asked only when the line holds what each of its
    # matches must hold (`_COPYRIGHT_MARKS`, `_CTA_WORDS`, `_URL_MARKS`, in lower case there).
    low = text.lower() if plain else ""
    if (not plain or any(mark in low for mark in _COPYRIGHT_MARKS)) and copyright_.search(text):
        return True
    if not plain or any(word in low for word in _CTA_WORDS):
        calls = len(call_to_action.findall(text))
        if calls >= 2 or (cta_end.search(text) and not (calls <= 1 and is_prose_sentence(text))):
            # Newsletter prompts and buttons: "... Enter your email address. Sign up"; but "Voters
            # have until Friday to register." is a sentence.
            return True
    # Every match of CREDIT holds a colon, a bracket or a slash.
    if n <= 20 and (":" in text or "(" in text or "/" in text) and credit.search(text):
        return True
    if n <= 6 and AGENCY_ONLY.fullmatch(text):
        return True
    if n <= 3 and CLOCK_TIME.match(text):
        return True  # live-blog timestamps: "10:42 GMT", "9.15am"
    if n <= 14 and chrome_phrase(text):
        return True
    if n <= 12 and (
        ((not plain or any(mark in low for mark in _URL_MARKS)) and urlish.search(text))
        or (SEPARATORS.search(text) and not ends_sentence(text))
        or (not ends_period(text) and find_date(text, whole=True) is not None)
    ):
        return True
    if n <= 4 and all(len(w) <= 3 for w in text.split()) and not ends_sentence(text):
        return True  # size pickers, pagers, "A A A", "XS SM MD LG"
    return not WORD.search(text)  # only digits/punctuation/symbols


def _may_hold(text: str, word: str) -> bool:
    """Whether `text` can hold a case-insensitive match of the lower-case ASCII `word` (False only
    when it cannot). Speed only: a substring search in lower-cased ASCII text is several times
    cheaper than a case-insensitive regex, which runs on every line of a feed item; text beyond
    ASCII goes to the regex (there "K" (U+212A) is a "k" and "İ" an "i")."""
    return word in text.lower() if text.isascii() else True


def is_prose_sentence(text: str) -> bool:
    """A full sentence of prose: five or more words, a final full stop, mostly lower-case words
    after the first ("Search teams worked through the night.")."""
    if text.count(" ") < 4 or not ends_period(text):
        return False
    rest = WORD.findall(text)[1:]
    return bool(rest) and sum(w[0].islower() for w in rest) >= 0.5 * len(rest)


def chrome_phrase(text: str) -> bool:
    """A chrome phrase or timestamp opens the line ("Share this article", "Updated 2 hours ago").

    One menu-like word opening a full sentence of prose is not chrome: "Search teams ...",
    "Home sales ...", "Next month ...", "Latest figures ..." start news sentences too.
    """
    matches = [m for regex in (_CHROME_START, RELATIVE_TIME) for m in regex.finditer(text)]
    if not matches:
        return False
    if not is_prose_sentence(text) or CALL_TO_ACTION.search(text):
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
    if n <= 10 and BYLINE.search(text) and not is_prose_sentence(text):
        return True  # "By Jane Okafor, Reuters"; "By Friday, the river had fallen." is prose
    if ends_period(text):
        return False  # "By Tuesday, the council had approved the plan." is a sentence
    if BYLINE.search(text):  # (the words are counted only then: most lines open no byline)
        alpha = WORD.findall(text)
        if sum(1 for w in alpha if w[0].islower()) <= 0.4 * len(alpha):
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
    if ends_period(text) and not in_capitals(text):
        return False
    if one_sentence and _INNER_SENTENCE.search(text):
        return False
    if not text[:1].isupper() and not text[:1].isdigit() and text[:1] not in "\"'\u2018\u201c":
        return False
    return not is_chrome(text, n)


def in_capitals(text: str) -> bool:
    """A line in capitals: two or more words, nine in ten of its letters upper-case."""
    letters = [c for c in text if c.isalpha()]
    return (
        len(WORD.findall(text)) >= 2
        and len(letters) >= 6
        and sum(c.isupper() for c in letters) >= 0.9 * len(letters)
    )
