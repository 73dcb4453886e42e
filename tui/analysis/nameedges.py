"""The edges of a name the model found: where it starts and ends, and whether it is one name or
several. A common noun that opens the sentence is cut off ("Lender PKO Bank Polski"), places run
into one list are split ("Paranaguá, Itajaí and Rio Grande"), two places side by side joined
("Bukowina Tatrzańska"). Also where a position is: its paragraph, a sentence's start.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tui.analysis import gazetteer
from tui.analysis.namewords import (
    _WORD_FORM_SPELLINGS,
    FACILITY_HEADS,
    GPE_HEADS,
    HEADS_BEFORE_OF,
    HONORIFICS,
    LANDFORM_HEADS,
    NOT_NAMES,
    ORG_FIRST_WORDS,
    ORG_HEADS,
    ORG_NOUNS,
    PERSON_TITLES,
    PLACE_FIRST_WORDS,
    PLACE_NOUNS,
)
from tui.analysis.types import Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc


class _Paragraphs:
    """Where each paragraph of one article starts, and its text once read: `paragraph_of` is asked
    tens of thousands of times for a big article, and scanning every paragraph (and joining its
    text again) each time made it most of the analysis."""

    def __init__(self, docs: Sequence[tuple[Doc, int]]) -> None:
        self.docs = docs
        self.count = len(docs)
        self.starts = [offset for _, offset in docs]
        self.ordered = all(a <= b for a, b in zip(self.starts, self.starts[1:], strict=False))
        self.texts: dict[int, str] = {}

    def at(self, index: int, position: int) -> tuple[Doc, int, str] | None:
        doc, offset = self.docs[index]
        length = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
        if not offset <= position <= offset + length:
            return None
        if index not in self.texts:
            self.texts[index] = doc.text
        return doc, offset, self.texts[index]


_last = threading.local()  # the last article's paragraphs, one per analysing thread


def paragraph_of(docs: Sequence[tuple[Doc, int]], position: int) -> tuple[Doc, int, str] | None:
    """The paragraph (doc, its offset in the article, its text) holding `position`, or None."""
    paragraphs: _Paragraphs | None = getattr(_last, "paragraphs", None)
    if paragraphs is None or paragraphs.docs is not docs or paragraphs.count != len(docs):
        paragraphs = _last.paragraphs = _Paragraphs(docs)
    if not paragraphs.ordered:
        return next(
            (found for i in range(paragraphs.count) if (found := paragraphs.at(i, position)) is not None),
            None,
        )
    index = bisect_right(paragraphs.starts, position) - 1
    # The first paragraph in order that holds it, as a scan would find: the one before may end there.
    for candidate in (index - 1, index):
        if 0 <= candidate < paragraphs.count:
            found = paragraphs.at(candidate, position)
            if found is not None:
                return found
    return None


def is_sentence_start(doc: Doc, char: int) -> bool:
    token = doc.char_span(char, char + 1, alignment_mode="expand")
    if token is None or not len(token):
        return char == 0
    first = token[0]
    if first.i == 0 or first.is_sent_start:
        return True
    return doc[first.i - 1].text in {'"', "“", "‘", "(", "—", "-"}


def joined_places(docs: Sequence[tuple[Doc, int]], entities: list[Entity]) -> list[Entity]:
    """ "Bukowina Tatrzańska": two places the model saw side by side, one space apart, with no
    punctuation between, are one place's name."""
    joined: list[Entity] = []
    for entity in entities:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.label in {"GPE", "LOC"}
            and entity.label in {"GPE", "LOC"}
            and entity.start == last.end + 1
        ):
            found = paragraph_of(docs, last.start)
            if found is not None and found[2][last.end - found[1] : entity.start - found[1]] == " ":
                joined[-1] = Entity(last.start, entity.end, last.label, f"{last.text} {entity.text}")
                continue
        joined.append(entity)
    return joined


def affiliation_split(entity: Entity) -> list[Entity]:
    """ "Supachai Wongsawat of Chulalongkorn University", "Konecranes of Finland", "Tanger Med for West
    Africa": a person or a company and where they are from (or for), run into one name by the model,
    split in two when the part before "of" or "for" has no head word of its own (unlike "Bank of
    Finland", "Centre for Migration") and the part after is an institution, a country or a region."""
    left, sep, right = entity.text.partition(" of ")
    if not sep:
        left, sep, right = entity.text.partition(" for ")  # "working with Tanger Med for West Africa"
    words = left.split()
    if not sep or not 1 <= len(words) <= 3 or not all(re.fullmatch(r"[A-Z][\w’'.\-]*", w) for w in words):
        return []
    heads = ORG_HEADS | GPE_HEADS | LANDFORM_HEADS | FACILITY_HEADS | PLACE_NOUNS | ORG_NOUNS | PERSON_TITLES
    folded = [word.lower().strip(".") for word in words]
    if folded[-1] in heads or folded[0] in ORG_FIRST_WORDS | PLACE_FIRST_WORDS | HONORIFICS or left.isupper():
        return []
    if sep == " for " and all(gazetteer.is_common_word(word) for word in words):
        return []  # "Doctors for Africa": a cause's name
    right_words = right.removeprefix("the ").split()
    if not right_words or not right_words[0][:1].isupper():
        return []
    if right_words[-1].lower() in ORG_HEADS:
        right_label = "ORG"
    elif gazetteer.place_size(right) >= (gazetteer.COUNTRY if sep == " of " else gazetteer.REGION):
        right_label = "GPE"  # not "Hearts of Kumasi", a club
    else:
        return []
    person = sep == " of " and len(words) > 1 and not gazetteer.is_listed_company(left)
    start = entity.start + len(left) + len(sep) + (len(right) - len(right.removeprefix("the ")))
    return [
        Entity(entity.start, entity.start + len(left), "PERSON" if person else "ORG", left),
        Entity(start, entity.end, right_label, right.removeprefix("the ")),
    ]


def split_affiliations(docs: Sequence[tuple[Doc, int]], entities: list[Entity]) -> list[Entity]:
    """Every name with its edges trimmed (`trimmed`), `affiliation_split` applied, and a public body's
    name run to its end (`whole_bodies`)."""
    kept = [trimmed(entity) for entity in entities]
    return whole_bodies(docs, [part for entity in kept for part in affiliation_split(entity) or [entity]])


def match_after(
    docs: Sequence[tuple[Doc, int]], position: int, pattern: re.Pattern[str]
) -> tuple[re.Match[str], int, str] | None:
    """`pattern` matched where `position` (an offset in the article) stands in its paragraph: the
    match, the paragraph's offset and its text; None when it does not match there."""
    found = paragraph_of(docs, position)
    if found is None:
        return None
    _, offset, text = found
    match = pattern.match(text, position - offset)
    return (match, offset, text) if match is not None else None


_BODY_TAIL = re.compile(r"(?:(?:,| and| &|, and)(?: the)? [A-Z][a-z’'\-]+(?: [A-Z][a-z’'\-]+)*)+")


def whole_bodies(docs: Sequence[tuple[Doc, int]], entities: list[Entity]) -> list[Entity]:
    """ "the Ministry of Ports, Shipping and Waterways", "the Department of Climate Change, Energy, the
    Environment and Water": a public body's name whose words after "of" or "for" the model cut at a
    comma or an "and", run to its end, when every word added is a dictionary word (not "the Ministry
    of Finance and Deutsche Bank") and no capitalised word follows."""
    result = list(entities)
    for index, entity in enumerate(entities):
        words = entity.text.lower().split()
        cut = next((i for i, word in enumerate(words) if i and word in {"of", "for"}), 0)
        if entity.label != "ORG" or not cut or words[cut - 1] not in HEADS_BEFORE_OF:
            continue
        after = match_after(docs, entity.end, _BODY_TAIL)
        if after is None:
            continue
        tail, offset, text = after
        if re.match(r" [A-Z]", text[tail.end() :]):
            continue
        added = re.findall(r"[A-Za-z’'\-]+", tail.group(0))
        if not all(
            word in {"and", "the"} or (gazetteer.is_common_word(word) and gazetteer.place_size(word) < 15_000)
            for word in added
        ):
            continue
        end = offset + tail.end()
        result[index] = Entity(entity.start, end, "ORG", text[entity.start - offset : tail.end()])
    grown = [(e.start, e.end) for e, before in zip(result, entities, strict=True) if e is not before]
    # The names the model found inside a grown name ("Energy", "Water") are part of it now.
    return [
        e
        for e in result
        if not any(a <= e.start and e.end <= b and (e.start, e.end) != (a, b) for a, b in grown)
    ]


_OPENERS = frozenset(
    """Outside Inside Near At In On From For With Without After Before During Under Over Between Beyond
    Across Along Around Through Since Until Like Unlike Despite As By To Into Meanwhile But And Or So
    Yet While When Where If Then Also Its Their Your Former Very About Most Many Several Both Each
    Another Such Some Only Even However Although Though Whereas""".split()
)
# "Her Epic Records debut", "His Alfa Romeo": a possessive opening the sentence, unless a title follows
_POSSESSIVE = frozenset({"Her", "His"})
_STYLE_AFTER_POSSESSIVE = frozenset({"Majesty", "Majesty's", "Majesty’s", "Royal", "Excellency", "Holiness"})


def trimmed(entity: Entity) -> Entity:
    """A person, organisation or place name without the words the model ran into at its edges: a
    capitalised preposition or conjunction that opened the sentence ("Outside City Hall") and lower-case
    words after it ("the Rostock company.", "the Norwegian Coastal Administration as a pilot")."""
    if entity.label not in {"PERSON", "ORG", "GPE", "LOC", "FAC"}:
        return entity
    words = entity.text.split(" ")
    start = 0
    while len(words) > 1 and (
        words[0] in _OPENERS or (words[0] in _POSSESSIVE and words[1] not in _STYLE_AFTER_POSSESSIVE)
    ):
        start += len(words[0]) + 1
        words = words[1:]
    while len(words) > 1 and re.fullmatch(r"[a-z]+[.,;:]?", words[-1]):
        if words[-1] in _WORD_FORM_SPELLINGS:
            break  # "Aibek Toktosun uulu", "Eimskip hf"
        if "." in words[-1][:-1] and gazetteer.legal_form_words(words):
            break  # "Fährverein Donaustauf e.V."
        words = words[:-1]
    if len(words) > 1 and re.fullmatch(r"\d+\.\d+", words[-1]):
        words = words[:-1]  # "Yapı Kredi 2.1 per cent": a market report's figure
    text = " ".join(words)
    if end_cut := re.search(r"(?<=[a-z]{3})[.,;:]$", text) if text != entity.text else None:
        text = text[: end_cut.start()]  # "the Rostock company.": the sentence's full stop
    if text == entity.text or not text:
        return entity
    return Entity(entity.start + start, entity.start + start + len(text), entity.label, text)


_LIST_PART = re.compile(r"[A-Z][\w’'\-]*(?: [A-Z][\w’'\-]*){0,2}")


def listed_places(entity: Entity) -> list[Entity]:
    """ "Paranaguá, Itajaí and Rio Grande", "above Vik, Brekke went": names in a list (or a clause
    after a place) that the model ran into one, split when at least one of them is a known place and
    none has a head word that would make the whole one name."""
    if ", " not in entity.text:
        return []
    parts = list(re.finditer(r"[^,]+?(?=,? and |, |$)", entity.text))
    pieces = [(match.start(), re.sub(r"^(?:and|&) ", "", match.group(0).strip(", "))) for match in parts]
    pieces = [(start + entity.text[start:].index(text), text) for start, text in pieces if text]
    if len(pieces) < 2 or not all(_LIST_PART.fullmatch(text) for _, text in pieces):
        return []
    heads = ORG_HEADS | GPE_HEADS | LANDFORM_HEADS | FACILITY_HEADS
    if any(text.split()[-1].lower() in heads for _, text in pieces):
        return []
    places = [gazetteer.place_size(text) > 0 or gazetteer.is_landform(text) for _, text in pieces]
    if not any(places):
        return []
    return [
        Entity(entity.start + start, entity.start + start + len(text), "GPE" if place else entity.label, text)
        for (start, text), place in zip(pieces, places, strict=True)
    ]


_OPENER = re.compile(r"([A-Z][a-z\-]+)(?: of(?: the)?)? (?=[A-Z])")
_NAME_OPENERS = (
    ORG_FIRST_WORDS | PLACE_FIRST_WORDS | LANDFORM_HEADS | GPE_HEADS | FACILITY_HEADS | ORG_HEADS | HONORIFICS
) | PERSON_TITLES


def without_common_opener(docs: Sequence[tuple[Doc, int]], entity: Entity, lower_words: set[str]) -> Entity:
    """ "Lender PKO Bank Polski", "Miner Vale", "Fans of Santos FC": a common noun that opens the
    sentence, capitalised only for that, is no part of the name after it. Head words that do start
    names ("Bank of Japan", "Lake Victoria", "Coach Owino") stay."""
    match = _OPENER.match(entity.text)
    if match is None:
        return entity
    word = match.group(1).lower()
    if word in _NAME_OPENERS or gazetteer.is_given_name(match.group(1)):
        return entity
    found = paragraph_of(docs, entity.start)
    if found is None:
        return entity
    doc, offset, _ = found
    if not is_sentence_start(doc, entity.start - offset):
        return entity
    token = doc.char_span(entity.start - offset, entity.start - offset + len(match.group(1)))
    noun = token is not None and len(token) == 1 and token[0].pos_ == "NOUN"
    if not (word in ORG_NOUNS or word in PLACE_NOUNS or (noun and word in lower_words)):
        return entity
    text = entity.text[match.end() :]
    return Entity(entity.end - len(text), entity.end, entity.label, text)


_NATIONALITY_WORDS = frozenset(
    {"British", "French", "Dutch", "Swiss", "Irish", "Welsh", "Scottish", "English", "Spanish", "Danish",
     "Swedish", "Finnish", "Polish", "Greek", "Thai", "Turkish", "Icelandic", "Norwegian", "Filipino",
     "Korean"}
)  # fmt: skip


def is_nationality(word: str) -> bool:
    """ "Ugandan", "Japanese", "Brazilian", "Polish": a word for a country's people, from the country's
    name in the gazetteer ("Uganda", "Japan", "Brazil") or a short list of irregular ones."""
    if word in _NATIONALITY_WORDS:
        return True
    if not re.fullmatch(r"[A-Z][a-z]+(?:an|ian|ese|i|ean)", word):
        return False
    stems = {word[:-1], word[:-2], word[:-3], word[:-3] + "a", word[:-2] + "a", word[:-3] + "y", word[:-4]}
    stems |= {word[:-4] + "a", word[:-4] + "y", word[:-1] + "a", word[:-2] + "o", word + "y"}
    return any(len(stem) > 2 and gazetteer.place_size(stem) >= gazetteer.COUNTRY for stem in stems)


def without_nationality(entity: Entity) -> Entity:
    """ "Ugandan Joshua Kiprop": the model took the runner's nationality into a person's name."""
    words = entity.text.split(" ")
    if len(words) < 3 or not is_nationality(words[0]):
        return entity
    if entity.label in {"LOC", "GPE"} and not gazetteer.place_size(entity.text):
        rest = " ".join(words[1:])
        if gazetteer.place_size(rest) or gazetteer.is_landform(rest) or words[-1].lower() in LANDFORM_HEADS:
            return Entity(entity.end - len(rest), entity.end, entity.label, rest)  # "the Danish North Sea"
    # ... or into what it took for an organisation: "the Hungarian Kovács Péter" (family name first).
    family_first = gazetteer.is_family_name(words[1]) and gazetteer.is_given_name(words[-1])
    if entity.label != "PERSON" and not (len(words) == 3 and family_first):
        return entity
    text = " ".join(words[1:])
    return Entity(entity.end - len(text), entity.end, "PERSON", text)


def _headline(docs: Sequence[tuple[Doc, int]], position: int) -> bool:
    """Whether the paragraph at `position` is a headline written into the body: title case, no
    full stop."""
    found = paragraph_of(docs, position)
    if found is None:
        return False
    words = re.findall(r"[^\W\d_][\w'’\-]*", found[2])
    capitals = sum(1 for word in words if word[0].isupper())
    return (
        bool(words)
        and "." not in found[2].strip()[-1:]
        and ". " not in found[2]
        and capitals >= 0.6 * len(words)
    )


def without_run_on(docs: Sequence[tuple[Doc, int]], entities: list[Entity]) -> list[Entity]:
    """ "Grace Wanjiru Breaks Women" in a headline line of the body: a person's name the article
    names elsewhere, run on into the words after it, is cut back to that name ("Jr", "III" and the
    like stay)."""
    people = sorted(
        {e.text for e in entities if e.label == "PERSON" and len(e.text.split()) >= 2}, key=len, reverse=True
    )
    heads = ORG_HEADS | GPE_HEADS | LANDFORM_HEADS | FACILITY_HEADS
    result = []
    for entity in entities:
        if entity.label in _TYPED and len(entity.text.split()) >= 3:
            prefix = next((name for name in people if entity.text.startswith(name + " ")), None)
            rest = entity.text[len(prefix) + 1 :].split() if prefix else []
            if (
                prefix
                and _headline(docs, entity.start)
                and not re.fullmatch(r"(?:Jr|Sr|II|III|IV)\.?", rest[0])
                and not gazetteer.legal_form_words(entity.text.split())  # "Jackson Hartley Pty Ltd"
                and rest[-1].lower().strip(".,") not in heads  # "Thomas Whitfield Foundation"
            ):
                entity = Entity(entity.start, entity.start + len(prefix), "PERSON", prefix)
        result.append(entity)
    return result


_TYPED = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})


def acronym_name(word: str) -> bool:
    """Two to five capitals, no common initials, no place ("UAE" is found as a place)."""
    return (
        2 <= len(word) <= 5
        and word.isalpha()
        and word.isupper()
        and word not in NOT_NAMES
        and not gazetteer.place_size(word)
    )


@dataclass
class ArticleWords:
    """The article's words, read once for `namelinks.bare_surname`: those written in lower case, and where
    each capitalised word stands alone (not inside a longer capitalised run)."""

    lower: set[str] = field(default_factory=set)
    alone: defaultdict[str, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))


def article_words(docs: Sequence[tuple[Doc, int]]) -> ArticleWords:
    words = ArticleWords()
    for doc, offset in docs:
        text = doc.text
        words.lower.update(
            word for word in re.findall(r"(?<![\w\-])[\w\-]+(?![\w\-])", text) if word == word.lower()
        )
        for match in re.finditer(r"(?<![\w\-])[A-Z][\w'’\-]*", text):
            word = match.group(0)
            end = match.end()
            if word.endswith(("'s", "’s")):
                word, end = word[:-2], end - 2  # "Alemu's time"
            before = text[max(0, match.start() - 80) : match.start()].rstrip()
            if re.search(r"[A-Z][\w\-]*$", before) or re.match(r" [A-Z][a-z]", text[end : end + 3]):
                continue  # part of a longer capitalised run
            words.alone[word].append((offset + match.start(), offset + end))
    return words


def words_before(text: str, start: int, count: int = 3) -> list[str]:
    """The last `count` words (and punctuation marks) before `start`."""
    return re.findall(r"[\w’'&\-]+|[^\w\s]", text[max(0, start - 60) : start])[-count:]


def words_after(text: str, end: int, count: int = 4) -> list[str]:
    """The first `count` words (and punctuation marks) after `end`."""
    return re.findall(r"[\w’'&\-]+|[^\w\s]", text[end : end + 80])[:count]


def acts_as_subject(docs: Sequence[tuple[Doc, int]], doc: Doc, start: int, end: int) -> bool:
    """A place's name opening a sentence as its subject ("Cardiff will open"): a verb follows, and
    the article never writes the word in lower case (as "reading" or "nice")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.end >= len(doc) or doc[span.end].pos_ not in {"AUX", "VERB"}:
        return False
    word = re.compile(rf"\b{re.escape(span.text.lower())}\b")
    return not any(word.search(other.text) for other, _ in docs)


def fullest(spelling: str) -> tuple[int, bool, str]:
    """Which spelling of a name speaks for it: the longest, as a sentence writes it rather than a
    dateline's capitals ("St Helens" over "ST HELENS"), then by its letters, so that the choice
    never depends on the order of a set."""
    return len(spelling), not spelling.isupper(), spelling


_LIST_ITEM = r"[A-Z][\w'’.\-]*(?:\s[A-Z][\w'’.\-]*)*"
# "in X and Y", "in X, Y and Z", "in X, Y, and Z"; not "in May, and ADNOC ..." (a comma and "and"
# after one item join two clauses).
_LISTED_AFTER = re.compile(
    r"\b([a-z][a-z\-]*)\s+"
    rf"{_LIST_ITEM}(?:\s+(?:and|or)|(?:,\s+{_LIST_ITEM})+,?\s+(?:and|or))\s+$"
)
_LIST_OPENERS = frozenset(
    "in near outside across around throughout including sons daughters brothers sisters children "
    "siblings of at from to between via".split()
)


def list_preposition(text: str, start: int) -> tuple[str, str] | None:
    """For the last name of a list that ends at `start` ("in Dala and |Nassarawa", "near Mwingi,
    Kyuso or |Tseikuru", "brothers Jimmy and |Seamus"): the preposition (or kin) before the list's
    first name, and the word before that.
    The last of a list stands where the first does."""
    listed = _LISTED_AFTER.search(text, max(0, start - 120), start)
    if listed is None:
        return None
    word = listed.group(1).rsplit("-", 1)[-1]
    noun = word[:-3] + "y" if word.endswith("ies") else word[:-1] if word.endswith("s") else word
    if word not in _LIST_OPENERS:
        if noun not in ORG_NOUNS or noun in PERSON_TITLES:
            return None
        word = noun  # "the chains Ozon and |Lemana Pro": the noun before the list's first name
    before = words_before(text, listed.start(1), 1) or [""]
    return word, before[-1].lower()


def heads_phrase(doc: Doc, start: int, end: int) -> bool:
    """Whether the name at these offsets of `doc` heads its phrase: no modifier of a noun after it
    ("the Brennan mining company")."""
    span = doc.char_span(start, end)
    return span is None or span.end >= len(doc) or doc[span.end].pos_ not in {"NOUN", "ADJ", "PROPN"}


def name_key(text: str) -> str:
    """How mentions of one name compare: case, dots, "the", possessive and legal form ignored."""
    text = re.sub(r"['’]s?$", "", text.strip())
    words = text.split()
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    text = gazetteer.strip_legal_form(" ".join(words))
    return " ".join(text.replace(".", "").casefold().split())


def kind_of_examples(text: str, start: int) -> str | None:
    """For a name given as an example ("ports on the west coast, including |Mundra", "companies such
    as |Foxconn"): PLACE or ORG by the nearest plural before it, else None."""
    for word in reversed(words_before(text, start, 12)):
        word = word.lower()
        single = word[:-3] + "y" if word.endswith("ies") else word[:-1] if word.endswith("s") else ""
        if single in PLACE_NOUNS:
            return "PLACE"
        if single in ORG_NOUNS:
            return "ORG"
    return None


def groups_named_as_places(entities: list[Entity]) -> list[Entity]:
    """A spelling the model called a group, a product or a work once and a name elsewhere in the
    article ("off Khor Fakkan" beside "the Khor Fakkan corniche", "Airbus" the product beside
    Airbus the company) is that name, unless it is a nationality."""
    named: dict[str, Counter[str]] = defaultdict(Counter)
    surnames: set[str] = set()
    for e in entities:
        if e.label in {"PERSON", "ORG", "GPE", "LOC", "FAC"}:
            named[e.text][e.label] += 1
        if e.label == "PERSON" and len(words := e.text.split()) > 1 and words[-1][:1].isupper():
            surnames.add(words[-1])
    for e in entities:
        if e.label == "NORP" and e.text in surnames and e.text not in named:
            named[e.text]["PERSON"] += 1  # "Han expects" beside "Seo-yeon Han": her surname, no group
    return [
        Entity(e.start, e.end, named[e.text].most_common(1)[0][0], e.text)
        if e.label in _UNTYPED and e.text in named and (not is_nationality(e.text) or e.text in surnames)
        else e
        for e in entities
    ]


_UNTYPED = frozenset({"NORP", "PRODUCT", "WORK_OF_ART", "EVENT"})


_STREET_HEADS = frozenset({"road", "street", "avenue", "boulevard", "lane", "bridge", "airport", "stadium"})
_LIST_JOIN = re.compile(r"(?:,|,? and|,? or)(?: the)? ")


def listed_with_places(docs: Sequence[tuple[Doc, int]], entities: list[Entity]) -> list[Entity]:
    """A name the model called a group or a product in a list of places is a place: "routes to the
    Cyclades, the Dodecanese and Crete" (not a nationality: "Greek and Turkish"); so is one that
    a street's or a facility's head word ends ("lined up on Haian Road", no work of art)."""
    result = list(entities)
    for i, entity in enumerate(entities):
        if entity.label not in _UNTYPED or is_nationality(entity.text):
            continue
        words = entity.text.split()
        if len(words) >= 2 and words[-1].lower() in _STREET_HEADS:
            result[i] = Entity(entity.start, entity.end, "FAC", entity.text)  # "Haian Road", no work
            continue
        found = paragraph_of(docs, entity.start)
        if found is None:
            continue
        _, offset, text = found
        before = text[max(0, entity.start - offset - 16) : entity.start - offset]
        if entity.label == "NORP" and re.search(
            r"\b(?:to|in|across|into|from|near|off|on|around) the $", before
        ):
            result[i] = Entity(entity.start, entity.end, "LOC", entity.text)  # "ferries to the Dodecanese"
            continue
        neighbours = [entities[j] for j in (i - 1, i + 1) if 0 <= j < len(entities)]
        for other in neighbours:
            if other.label not in {"GPE", "LOC"}:
                continue
            first, second = sorted((entity, other), key=lambda e: e.start)
            gap = text[first.end - offset : second.start - offset] if first.end >= offset else ""
            if _LIST_JOIN.fullmatch(gap):
                result[i] = Entity(entity.start, entity.end, "LOC", entity.text)
                break
    return result


_IN_COUNTRY = re.compile(r"(?:,| in) ([A-Z][\w’'\-]+(?: [A-Z][\w’'\-]+)?)")


def in_a_country(after: str) -> bool:
    """Whether a country or a region follows: "Zahle in Lebanon", "Sulur, Tamil Nadu"."""
    match = _IN_COUNTRY.match(after)
    return match is not None and gazetteer.place_size(match.group(1)) >= gazetteer.REGION
