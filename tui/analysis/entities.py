"""Entities worth reading: spaCy's raw mentions with names trimmed, labels fixed, misfires dropped.

The raw model keeps "The" in "The United States", calls "U.S. Marines" a nationality and tags page
chrome; these rules fix what can be fixed generally, and `tests/test_entity_eval.py` checks against
hand-made gold files that they never make a label group worse.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.analysis.nameruns import whole_runs
from tui.analysis.nametypes import retype
from tui.analysis.namewords import HONORIFICS, PERSON_TITLES
from tui.analysis.types import Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Labels naming something: a leading "the" is not part of the name.
NAME_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"} | {"LANGUAGE"}
)
NUMBER_LABELS = frozenset({"CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})

# Navigation and widget words of news pages: never an entity.
CHROME_PHRASES = frozenset(
    {
        "breaking news", "accessibility links", "skip to content", "skip to main content",
        "sign in", "log in", "subscribe", "advertisement", "share this", "read more", "most read",
        "most popular", "cookie policy", "privacy policy", "terms of use", "live updates",
        "top stories", "related stories", "newsletter", "share", "menu", "watch live", "live tv",
    }
)  # fmt: skip
# Font-size pickers ("XS SM MD LG") left from pages: chrome when a paragraph holds nothing else.
SIZE_CODES = frozenset({"xs", "s", "sm", "m", "md", "l", "lg", "xl", "xxl"})
# A place or nationality ending in one of these words is an organisation ("Asia-Pacific Economic
# Cooperation", "U.S. Marines", "Communist Party").
ORG_HEAD_WORDS = frozenset(
    {
        "association", "cooperation", "organization", "organisation", "council", "committee",
        "commission", "ministry", "department", "agency", "institute", "university", "corporation",
        "company", "party", "forum", "federation", "marines", "army", "navy", "police", "guard",
        "parliament", "congress", "senate", "court", "fund", "authority", "bureau", "inc", "inc.",
        "corp", "corp.", "ltd", "ltd.", "group", "coalition", "league",
    }
)  # fmt: skip
POSSESSIVE_TOKENS = frozenset({"'s", "’s", "'", "’"})
TIME_LABELS = frozenset({"DATE", "TIME"})
NAMES_WITH_THE = frozenset({"hague", "gambia", "bahamas"})
# Frequencies, not dates ("the annual report").
FREQUENCY_WORDS = frozenset({"annual", "annually", "yearly", "daily", "weekly", "monthly"})
CLOCK_TIME = re.compile(r"\d{1,2}:\d{2}(:\d{2})?")
# Last words that say what kind of thing a name is, whatever the model guessed.
LAW_HEAD_WORDS = frozenset({"act", "treaty", "accord", "accords", "convention", "directive"})
FACILITY_HEAD_WORDS = frozenset(
    {
        "road", "street", "avenue", "lane", "bridge", "station", "airport", "stadium", "square",
        "tunnel", "highway", "motorway", "centre", "center", "tower", "arena", "terminal",
    }
)  # fmt: skip
LANDFORM_HEAD_WORDS = frozenset(
    {
        "glacier", "river", "lake", "sea", "ocean", "mountain", "mountains", "valley", "island",
        "islands", "peninsula", "bay", "gulf", "desert", "forest", "alps", "strait", "canal",
    }
)  # fmt: skip
NUMBER_SIGNS = frozenset({"%", "‰"})
# "Only 12 of the clinics": the focus word is not part of the number.
FOCUS_WORDS = frozenset({"only", "just", "merely"})
NUMBER_WORDS = frozenset(
    {
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
        "hundred", "thousand", "million", "billion", "trillion", "dozen", "half", "third",
        "quarter", "first", "second", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth", "once", "twice", "percent", "per", "cent",
    }
)  # fmt: skip


def _bare(word: str) -> str:
    return word.replace(".", "").lower()


def _article_not_in_name(doc: Doc, start: int, end: int) -> bool:
    """A leading "the" outside the name; "The" inside one ("in The Hague") is kept."""
    first = doc[start]
    if first.lower_ != "the" or end - start < 2:
        return False
    if doc[start + 1].lower_ in NAMES_WITH_THE:
        return False
    return first.text == "the" or first.is_sent_start is True


def _trim(span: Span, label: str) -> tuple[int, int] | None:
    """Token range of the span without a leading "the", titles, possessives and punctuation."""
    doc = span.doc
    start, end = span.start, span.end

    def is_junk_edge(token: Token) -> bool:
        if token.text in POSSESSIVE_TOKENS or token.is_space:
            return True
        return token.is_punct and not (label in NUMBER_LABELS and token.text in NUMBER_SIGNS)

    changed = True
    while changed and start < end:
        changed = False
        first = doc[start]
        if (
            is_junk_edge(first)
            or (label in NAME_LABELS | TIME_LABELS and _article_not_in_name(doc, start, end))
            or (label in NUMBER_LABELS and end - start > 1 and first.lower_ in FOCUS_WORDS)
        ):
            start += 1
            changed = True
        elif (
            label == "PERSON"
            and end - start > 1
            and _bare(first.text) in HONORIFICS | PERSON_TITLES
            and doc[start + 1].text[:1].isupper()
        ):
            start += 1
            changed = True
    while start < end and is_junk_edge(doc[end - 1]):
        end -= 1
    if start >= end:
        return None
    return _extend_number(doc, start, end, label)


def _extend_number(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    """Currency signs, "%" and temperature scales the model left outside the number."""
    before = doc[start - 1] if start > 0 else None
    if label == "MONEY" and before is not None and before.is_currency and not before.whitespace_:
        start -= 1
    if end < len(doc):
        after = doc[end]
        if label == "PERCENT" and after.text == "%" and not doc[end - 1].whitespace_:
            end += 1
        elif label == "QUANTITY" and after.text in {"Celsius", "Fahrenheit", "Kelvin"}:
            end += 1
    return start, end


def _is_chrome(text: str, paragraph: str) -> bool:
    folded = " ".join(text.lower().split())
    if folded in CHROME_PHRASES:
        return True
    words = paragraph.lower().split()
    return bool(words) and all(word in SIZE_CODES for word in words)


def _is_misfire(text: str, label: str) -> bool:
    if not any(ch.isalnum() for ch in text):
        return True
    return len(text) == 1 and not (label in NUMBER_LABELS and text.isdigit())


def _acronym_after(doc: Doc, end: int) -> Span | None:
    """The entity in "Long Name (ACRONYM)" right after a span ending at token `end`."""
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
        token = doc[end + 1]
        if token.text.isupper() and len(token.text) >= 2:
            for ent in doc.ents:
                if ent.start == token.i and ent.end == token.i + 1:
                    return ent
    return None


def _names_org_before(doc: Doc, start: int, end: int) -> bool:
    """True for the "ACRONYM" of an organisation in "Long Name (ACRONYM)"."""
    if end - start != 1 or start < 2 or end >= len(doc):
        return False
    if doc[start - 1].text != "(" or doc[end].text != ")" or not doc[start].text.isupper():
        return False
    return any(ent.end == start - 1 and ent.label_ == "ORG" for ent in doc.ents)


def _fixed_label(doc: Doc, start: int, end: int, label: str) -> str | None:
    """A corrected label, or None when the mention is not an entity at all."""
    last = _bare(doc[end - 1].text)
    if (
        label == "ORG"
        and end - start == 1
        and doc[start].text == "State"
        and start >= 2
        and doc[start - 1].lower_ == "of"
        and doc[start - 2].text == "Secretary"
    ):
        return None  # "Secretary of State" is a title, not the State Department.
    if label == "DATE" and doc[start:end].text.lower() in FREQUENCY_WORDS:
        return None
    if label == "CARDINAL" and CLOCK_TIME.fullmatch(doc[start:end].text):
        return "TIME"
    if label in NAME_LABELS and end - start > 1:
        if last in LAW_HEAD_WORDS and label != "LAW":
            return "LAW"
        if last in FACILITY_HEAD_WORDS and label in {"ORG", "PERSON", "GPE"}:
            return "FAC"
        if last in LANDFORM_HEAD_WORDS and label in {"ORG", "PERSON", "GPE", "FAC"}:
            return "LOC"
    if label in {"GPE", "LOC", "NORP", "FAC"} and end - start > 1 and last in ORG_HEAD_WORDS:
        return "ORG"
    if label in {"NORP"} and last in {"marines", "army", "navy", "guard", "police"}:
        return "ORG"
    acronym = _acronym_after(doc, end)
    if acronym is not None and label != "ORG" and label in NAME_LABELS and acronym.label_ == "ORG":
        return "ORG"
    if label in NAME_LABELS and label != "ORG" and _names_org_before(doc, start, end):
        return "ORG"
    return label


def _has_number(text: str) -> bool:
    return any(ch.isdigit() for ch in text) or any(
        word.rstrip("s") in NUMBER_WORDS for word in re.split(r"[\s\-]+", text.lower())
    )


def _joined_numbers(doc: Doc, ranges: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """ "up to" + "3.2 metres" (two mentions from the model) -> "up to 3.2 metres"."""
    joined: list[tuple[int, int, str]] = []
    for index, (start, end, label) in enumerate(ranges):
        if joined and joined[-1][1] == -1:
            joined[-1] = (joined[-1][0], end, label)
            continue
        following = ranges[index + 1] if index + 1 < len(ranges) else None
        if (
            label in NUMBER_LABELS
            and following is not None
            and following[0] == end
            and following[2] in NUMBER_LABELS
            and not _has_number(doc[start:end].text)
        ):
            joined.append((start, -1, label))
            continue
        joined.append((start, end, label))
    return [item for item in joined if item[1] != -1]


def refine_entities(doc: Doc, offset: int = 0) -> list[Entity]:
    """Entities of one parsed paragraph, improved; offsets are `offset` + positions in its text."""
    ranges: list[tuple[int, int, str]] = []
    for span in doc.ents:
        trimmed = _trim(span, span.label_)
        if trimmed is not None:
            ranges.append((*trimmed, span.label_))
    refined: list[Entity] = []
    doc_text = doc.text  # Doc.text joins every token on each access
    for start, end, raw_label in _joined_numbers(doc, ranges):
        label = _fixed_label(doc, start, end, raw_label)
        if label is None:
            continue
        start_char = doc[start].idx
        end_char = doc[end - 1].idx + len(doc[end - 1].text)
        text = doc_text[start_char:end_char]
        if _is_misfire(text, label) or _is_chrome(text, doc_text):
            continue
        refined.append(Entity(offset + start_char, offset + end_char, label, text))
    return refined


def _split_place_pairs(entities: list[Entity], places: set[str]) -> list[Entity]:
    """ "U.S.-Japan" tagged as one organisation -> two places, when both are places elsewhere."""
    result: list[Entity] = []
    for entity in entities:
        parts = entity.text.split("-")
        if (
            entity.label in {"ORG", "NORP", "GPE"}
            and len(parts) == 2
            and all(part in places for part in parts)
        ):
            first, second = parts
            result.append(Entity(entity.start, entity.start + len(first), "GPE", first))
            second_start = entity.start + len(first) + 1
            result.append(Entity(second_start, second_start + len(second), "GPE", second))
        else:
            result.append(entity)
    return result


def refine_article(docs: Sequence[tuple[Doc, int]]) -> list[Entity]:
    """Refined entities of a whole article (paragraph docs with their body offsets), in text order.

    Beyond `refine_entities`, uses what the whole article says: a hyphenated pair of known places is
    split ("U.S.-Japan"), and `tui.analysis.nametypes.retype` types every name from the article's
    evidence and adds the mentions the model missed.
    """
    entities = [entity for doc, offset in docs for entity in refine_entities(doc, offset)]
    places = {entity.text for entity in entities if entity.label in {"GPE", "LOC"}}
    entities = _split_place_pairs(entities, places)
    entities.sort(key=lambda entity: (entity.start, entity.end))
    return retype(docs, whole_runs(docs, entities))
