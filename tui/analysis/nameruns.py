"""Names the small model left untagged: runs of proper nouns in the middle of a sentence, people told
by an apposition ("Sato, the chief executive", "the club president, Hakan Yılmaz,"), roads by their
number, and names it took for a work or a product.

`en_core_web_sm` misses many names it has never seen ("the Swiss company Helvamed", "trains in Iten",
"held 1-1 at home by Heerenveen", "the Jet d'Eau"): the tagger still reads them as proper nouns. Such a
run becomes a name candidate, typed afterwards from the same evidence as every other name (its shape, the
words around it, the gazetteer); the label given here is only a first guess from that evidence.

What is kept out, because a capitalised word is not always a name: a sentence's first word (any
capitalised word may open a sentence), words the article also writes in lower case, lines written in
title case or capitals (headlines, table headers), months, days, initialisms of the trade, nationalities
and languages, and single words of three letters or fewer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.analysis import gazetteer
from tui.analysis.nameedges import ArticleWords, is_nationality, match_after, paragraph_of
from tui.analysis.nameshapes import _UPPER, BODY_OF, NUMBERED_ROAD, _common_noun, remit_words
from tui.analysis.namewords import (
    _COMMON_OPENERS,
    CALENDAR,
    FACILITY_HEADS,
    HEADS_BEFORE_OF,
    HONORIFICS,
    KIN,
    LANDFORM_HEADS,
    LOCAL_NOUNS,
    NATIVE_COUNTRIES,
    NOT_NAMES,
    ORG_FIRST_WORDS,
    ORG_HEADS,
    ORG_NOUNS,
    PERSON_TITLES,
    PLACE_NOUNS,
    PLACE_PREPOSITIONS,
    POLITICAL,
)
from tui.analysis.types import Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Last words of the names of laws, plans, prizes and events: no person, organisation or place.
_NOT_PLACES_OR_ORGS = frozenset(
    """Act Plan Bill Law Treaty Accord Agreement Directive Regulation Convention Protocol Code Report
    Strategy Programme Program Award Awards Prize Festival Week Day Summit Conference Games Olympics
    Championship Championships Cup Trophy Index Review""".split()
)
_PARTICLES = frozenset("de la del della di da do dos das du des le van von der den y e al el".split())
_WORD = re.compile(r"[A-Z][\w'’.\-]*\Z")


def _proper(token: Token) -> bool:
    """A word of a name: tagged a proper noun, or capitalised and in no dictionary ("Villarreal", which
    the tagger took for a noun), or initials ("ECOWAS")."""
    text = token.text
    if not _WORD.match(text) or text.lower().rstrip(".") in CALENDAR or text.upper() in NOT_NAMES:
        return False
    if text.isupper():  # initials, not a currency's code ("USD") or a dictionary word in capitals
        return (
            text.isalpha()
            and 3 <= len(text) <= 8
            and not gazetteer.is_common_word(text)
            and not gazetteer.is_currency_code(text)
        )
    if not any(ch.islower() for ch in text):
        return False
    return token.pos_ == "PROPN" or (token.pos_ in {"NOUN", "ADJ", "X"} and not _common(text))


def _common(word: str) -> bool:
    """A dictionary word that is not also a sizeable place ("Container", "Rangers"; not "Cardiff")."""
    return (
        gazetteer.is_common_word(word)
        and gazetteer.place_size(word) < 15_000
        and not gazetteer.is_landform(word)
    )


def _title_case_line(doc: Doc) -> bool:
    """A headline, a table's header, a list of names: most words capitalised."""
    words = [t.text for t in doc if t.is_alpha and len(t.text) > 3]
    if len(words) < 3:
        return False
    capitalised = sum(1 for word in words if word[0].isupper())
    return capitalised / len(words) >= 0.6


def _first_guess(doc: Doc, start: int, end: int, words: list[str]) -> str:
    """PERSON / ORG / GPE from what is plain before the run: the type decision weighs the rest."""
    before = [t.lower_ for t in doc[max(0, start - 2) : start]]
    prev = before[-1] if before else ""
    name = " ".join(words)
    if prev in ORG_NOUNS:
        return "ORG"
    if name.isupper() and not gazetteer.place_size(name):
        return "ORG"  # initials name organisations far more often than places
    if prev in PLACE_NOUNS or prev in PLACE_PREPOSITIONS or prev == "at":
        return "GPE"
    if prev.rstrip(".") in HONORIFICS or prev in PERSON_TITLES or prev in KIN:
        return "PERSON"
    if end < len(doc) and doc[end].lower_ in LOCAL_NOUNS:
        return "GPE"
    if gazetteer.place_size(name) or gazetteer.is_landform(name):
        return "GPE"
    if len(words) in {2, 3} and gazetteer.is_given_name(words[0]):
        return "PERSON"
    # Unmarked, a name the model did not know is most often a small place (in the names dev set: 25
    # places, 10 organisations, 1 person); the type decision still weighs the words around it.
    return "GPE"


def untagged_names(
    docs: Sequence[tuple[Doc, int]], entities: list[Entity], words_of: ArticleWords
) -> list[Entity]:
    """`entities` with the proper-noun runs that no entity touches added as names."""
    taken = sorted((e.start, e.end) for e in entities)
    added: list[Entity] = []
    for doc, offset in docs:
        if _title_case_line(doc):
            continue
        tokens = list(doc)
        text = doc.text  # a Doc joins its tokens on every `.text`
        i = 0
        while i < len(tokens):
            if not _proper(tokens[i]):
                i += 1
                continue
            j = i
            while (
                j + 1 < len(tokens)
                and _proper(tokens[j + 1])
                and tokens[j + 1].idx == tokens[j].idx + len(tokens[j].text) + 1
            ):
                j += 1
            run = tokens[i : j + 1]
            i = j + 1
            while len(run) > 1 and run[0].lower_.rstrip("s") in PERSON_TITLES | HONORIFICS:
                run = run[1:]  # "Justices Kavita Raghunathan": the title is no part of the name
            first = run[0]
            opening = first.is_sent_start or first.i == 0
            previous = doc[first.i - 1] if first.i else None
            if previous is not None and previous.is_punct and previous.text not in {",", "("}:
                opening = True  # after a full stop, a colon, a dash or a quote: a sentence may open there
            described = _described_organisation(text[run[-1].idx + len(run[-1].text) :])
            # "lined up on Haian Road": a street by its last word, in mid-sentence
            street = not opening and len(run) >= 2 and run[-1].lower_ in _STREETS
            proper = all(t.pos_ == "PROPN" and not _common(t.text) for t in run)
            if opening and not described and not proper:
                continue  # any word may open a sentence: only a name in no dictionary ("Transnet")
            if previous is not None and (previous.text[:1].isupper() or previous.lower_ in _PARTICLES):
                continue  # the end of a longer name ("Tin Can Island", "Cerro de la Silla")
            if run[-1].i + 1 < len(tokens) and tokens[run[-1].i + 1].text[:1].isupper():
                continue
            around = (
                text[max(0, first.idx - 1) : first.idx] + text[run[-1].idx + len(run[-1].text) :][:1]
            )
            if "-" in around or (len(run) == 1 and len(run[0].text) <= 4 and around.endswith(".")):
                continue  # a piece of a hyphenated name ("Mosi-oa-Tunya"), an abbreviation ("Coun.")
            words = [t.text for t in run]
            short = len(words) == 1 and len(words[0]) <= 3 and not words[0].isupper()
            if len(run) > 4 or short or words[-1] in _NOT_PLACES_OR_ORGS:
                continue
            if words[0].lower().rstrip("s") in PERSON_TITLES:
                continue
            if not (described or street) and (
                all(_common(word) for word in words)
                or any(word.lower() in words_of.lower or is_nationality(word) for word in words)
            ):
                continue
            if len(words) == 1 and gazetteer.is_language(words[0]):
                continue
            start = offset + first.idx
            end = offset + run[-1].idx + len(run[-1].text)
            if any(a < end and start < b for a, b in taken):
                continue
            label = (
                "ORG" if described else "FAC" if street else _first_guess(doc, first.i, run[-1].i + 1, words)
            )
            added.append(Entity(start, end, label, text[first.idx : run[-1].idx + len(run[-1].text)]))
    # The passes below add names by pattern; none over a name found already, in any pass.
    taken = sorted([*taken, *((e.start, e.end) for e in added)])

    def free(start: int, end: int) -> bool:
        if any(a < end and start < b for a, b in taken):
            return False
        taken.append((start, end))
        return True

    texts = [(doc.text, offset) for doc, offset in docs]
    for text, offset in texts:
        for road in [*_ROAD.finditer(text), *NUMBERED_ROAD.finditer(text)]:
            start, end = offset + road.start(1), offset + road.end(1)
            if free(start, end):
                added.append(Entity(start, end, "FAC", road.group(1)))
    for text, offset in texts:
        for initial in _INITIAL_NAME.finditer(text):
            start, end = offset + initial.start(1), offset + initial.end(1)
            family = gazetteer.is_family_name(initial.group("family"))
            if family and free(start, end):
                added.append(Entity(start, end, "PERSON", initial.group(1)))  # "4. T Lewis (Wales ...)"
    for text, offset in texts:
        for mover in _MOVER.finditer(text):
            name = mover.group("name")
            before = text[: mover.start()].rstrip()
            if before and before[-1] not in ".;!?," and not before.endswith((" and", " while", " but")):
                continue  # "the Nikkei rose", "Istanbul's BIST 100 fell": no company opening it
            start, end = offset + mover.start("name"), offset + mover.end("name")
            if (
                name in _NOT_COMPANIES
                or name.lower() in words_of.lower  # "Shares rose 3%", "Exports fell 2%"
                or (_common(name) and name.lower() in _MARKET_NOUNS)
                or gazetteer.place_size(name) >= gazetteer.REGION
                or not free(start, end)
            ):
                continue
            added.append(Entity(start, end, "ORG", name))  # "Pegasus rose 2.4%": a listed company
    if not added:
        return entities
    return sorted(entities + added, key=lambda e: (e.start, e.end))


# After a name opening a sentence, what makes it an organisation: "Book City, the Tehran bookshop
# chain, said", "Elering, which runs the national grid".
_STREETS = frozenset({"road", "street", "avenue", "lane", "boulevard", "drive", "terrace"})
_DESCRIBED = re.compile(
    r", (?:(?:the|a|an|its) (?:[\w\-’']+ ){0,4}(?P<noun>[a-z\-]+)[,.]|which (?:runs|operates|owns))"
    r"| (?:councillor|councillors|MP|MPs|TD|senator|lawmaker|candidate)s? [A-Z]"  # "Isamaa councillor X"
)


def _described_organisation(after: str) -> bool:
    match = _DESCRIBED.match(after)
    return match is not None and (match.group("noun") is None or match.group("noun") in ORG_NOUNS)


# An initial and a family name in a results or officials line: "Referee - F Horgan (Clare)", "4. T
# Lewis (Wales Racing Academy) +2sec" (not "A" or "I", which are words).
_INITIAL_NAME = re.compile(
    r"(?:^|(?<=\d\. )|(?<=- )|(?<=, )|(?<=\())([B-HJ-Z] (?P<family>[A-Z][a-z][\w’'\-]+))"
    r"(?= \(|,|;|\.| \d)"
)


# A share price's move after a name opening a clause in a market report: a listed company.
_MOVER = re.compile(
    rf"(?P<name>[{_UPPER}][\w&’'.\-]*(?: [{_UPPER}][\w&’'.\-]*){{0,2}})(?: shares)? (?:rose|fell|gained|lost|"
    r"slipped|climbed|dropped|jumped|slumped|advanced|declined|added|eased|surged|tumbled|sank|rallied|"
    r"firmed|closed|ended|finished) (?:by |up |down )?\d"
)
_MARKET_NOUNS = frozenset(
    "shares stocks prices oil gold silver copper sales exports imports revenue profit output "
    "inflation yields bonds futures volumes earnings".split()
)
# Indices and commodities that move like shares.
_NOT_COMPANIES = frozenset(
    """Nikkei FTSE Dow Nasdaq Kospi DAX CAC Sensex Nifty BIST ASX Stoxx TSX WIG20 Brent WTI Bitcoin
    Ether Ethereum Topix Bovespa IPC Merval""".split()
)


# A road by its number, where a road is travelled: "drove down the A4", "on the A16 near Dordrecht".
_ROAD = re.compile(
    r"\b(?:on|along|down|up|off|onto|via|to|near|from|take|took|join|joined|leave|left|closed|use|uses|used|"
    r"using|reopen|reopened|shut|blocked|cleared|across|over|and) the "
    r"((?:[ABMNR]|I-|E)\d{1,4})\b(?! (?:exchange|index|class|series|model|engine|format|paper|size))"
)


_PUBLISHER_BEFORE = re.compile(
    r"(?:published in|appears in|appeared in|writing in|wrote in|told|reported by|according to)(?: the)? $"
)


def works_as_organisations(docs: Sequence[tuple[Doc, int]], entities: list[Entity]) -> list[Entity]:
    """A journal, newspaper or company the model took for a work or a product ("published in Nature
    Geoscience", "the newspaper Dagens Affärer", "the employers' federation Caintra") is an
    organisation, when it is not in quotes (a title) and its words are those of a name."""
    result: list[Entity] = []
    texts = [(doc.text, offset) for doc, offset in docs]
    for entity in entities:
        keep = True
        if entity.label in {"WORK_OF_ART", "PRODUCT"} and _WORD.match(entity.text.split()[0]):
            for text, offset in texts:
                if offset <= entity.start < offset + len(text):
                    before = text[max(0, entity.start - offset - 40) : entity.start - offset]
                    after = text[entity.end - offset : entity.end - offset + 1]
                    words = before.lower().split()
                    quoted = before[-1:] in {'"', "“", "‘", "'"} or after in {'"', "”", "’"}
                    named = bool(_PUBLISHER_BEFORE.search(before.lower())) or (
                        bool(words) and words[-1] in ORG_NOUNS | {"journal", "magazine", "newspaper"}
                    )
                    if named and not quoted:
                        entity = Entity(entity.start, entity.end, "ORG", entity.text)
                    elif not quoted and (pair := _PAIR.fullmatch(entity.text)) is not None:
                        # "miners including Exxaro and Glencore": two names in no dictionary
                        parts = [(pair.start(i), pair.group(i)) for i in (1, 2)]
                        # "starting with Can Tho and Soc Trang": two places the gazetteer knows
                        places = all(gazetteer.place_size(part) >= 15_000 for _, part in parts)
                        if places or not any(_common(word) for _, part in parts for word in part.split()):
                            result += [
                                Entity(
                                    entity.start + at,
                                    entity.start + at + len(p),
                                    "GPE" if places else "ORG",
                                    p,
                                )
                                for at, p in parts
                            ]
                            keep = False
                    break
        if keep:
            result.append(entity)
    return result


_PAIR = re.compile(r"([A-Z][\w’'\-]+(?: [A-Z][\w’'\-]+)?) (?:and|&) ([A-Z][\w’'\-]+(?: [A-Z][\w’'\-]+)?)")


# "The club president, Hakan Yılmaz, who ...": a role, then a full name between commas.
_ROLE_THEN_NAME = re.compile(
    r"\b(?:president|chairman|chairwoman|director|minister|spokesman|spokeswoman|spokesperson|coach|"
    r"manager|founder|executive|governor|mayor|captain|guide|owner|leader|secretary|lawyer|editor|"
    r"curator|professor|analyst|economist|researcher)(?:['’]s)?, "
    r"(?P<name>[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+){1,3}),"
)
_APPOSITIVE_PERSON = re.compile(
    r"(?<![\w\-’'])(?P<name>[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+){0,2}), (?:the|a|an|its|their) "
    r"(?:[a-z\-]+ ){0,2}(?:chief|executive|director|president|chairman|chairwoman|minister|head|"
    r"spokesman|spokeswoman|spokesperson|founder|owner|mayor|governor|lawyer|coach|captain|manager|"
    r"secretary|senator|professor|researcher|economist|analyst|engineer|farmer|teacher|officer)\b"
)


def appositive_people(docs: Sequence[tuple[Doc, int]], entities: list[Entity]) -> list[Entity]:
    """ "Sato, the chief executive, said": a name the model missed, told by its apposition."""
    taken = [(e.start, e.end) for e in entities if e.label != "NORP"]
    added: list[Entity] = []
    for _doc, offset in docs:
        matches = [*_APPOSITIVE_PERSON.finditer(_doc.text), *_ROLE_THEN_NAME.finditer(_doc.text)]
        for match in matches:
            name = match.group("name")
            start, end = offset + match.start("name"), offset + match.end("name")
            if name.split()[0].lower() in _COMMON_OPENERS or any(s < end and start < e for s, e in taken):
                continue
            if name.split()[-1].lower() in ORG_HEADS | FACILITY_HEADS | LANDFORM_HEADS:
                continue
            if gazetteer.place_size(name) >= 15_000:
                continue  # "Lisbon, the capital" is a place (and has its own cue)
            taken.append((start, end))
            added.append(Entity(start, end, "PERSON", name))
    if not added:
        return entities
    kept = [
        e
        for e in entities
        if not any(a < e.end and e.start < b for a, b in ((x.start, x.end) for x in added))
    ]
    return sorted(kept + added, key=lambda e: (e.start, e.end))


def whole_runs(docs: Sequence[tuple[Doc, int]], entities: list[Entity]) -> list[Entity]:
    """A name the model cut short inside its own run of proper nouns taken whole: "Ana Ferreira"
    where it tagged "Ferreira", "Boa Viagem" where it tagged "Boa". The word added must be joined to
    the name in the parse (one a compound of the other), in no dictionary and in no other name, and
    not a title ("Minister", "Coach") or a nationality."""
    taken = {(e.start, e.end) for e in entities}
    covered: set[int] = set()
    for entity in entities:
        covered.update(range(entity.start, entity.end))
    grown: dict[Entity, Entity] = {}
    for entity in entities:
        found = paragraph_of(docs, entity.start) if entity.label in _RUN_LABELS else None
        if found is None:
            continue
        doc, offset, _ = found
        span = doc.char_span(entity.start - offset, entity.end - offset)
        if span is None:
            continue
        start, end = span.start, span.end
        inside = set(range(start, end))
        while start > 0 and _joins(doc[start - 1], inside, covered, offset):
            start -= 1
            inside.add(start)
        while end < len(doc) and _joins(doc[end], inside, covered, offset):
            inside.add(end)
            end += 1
        if (start, end) != (span.start, span.end):
            first, last = doc[start].idx + offset, doc[end - 1].idx + len(doc[end - 1].text) + offset
            if (first, last) not in taken:
                grown[entity] = Entity(first, last, entity.label, doc.text[first - offset : last - offset])
    return [grown.get(entity, entity) for entity in entities]


_RUN_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})


def _joins(token: Token, inside: set[int], covered: set[int], offset: int) -> bool:
    """Whether `token` is a word of the name whose tokens are `inside`."""
    if token.idx + offset in covered or token.is_sent_start or not _proper(token) or token.text.isupper():
        return False
    word = token.text
    if (
        (_common(word) and not gazetteer.is_given_name(word))
        or is_nationality(word)
        or word.lower() in _PARTICLES
    ):
        return False  # "Ana" is in WordNet, and a given name
    if word.lower().rstrip(".") in HONORIFICS | PERSON_TITLES:
        return False
    # One a compound of the other: "Ana" of "Ferreira", or "Boa" the compound of "Viagem".
    if token.head.i in inside:
        return token.dep_ == "compound"
    return any(token.doc[i].head.i == token.i and token.doc[i].dep_ == "compound" for i in inside)


# "Ma." for María in Filipino names ("Ma. Teresa dela Cruz"): the tokenizer ends a sentence there.
_MA_NAME = re.compile(
    r"(?<![\w.])Ma\. (?P<given>[A-Z][\w\-]+)(?: (?:[A-Z][\w\-]+|dela|de la|de los|delos|del|de|y))*"
    r"(?<=[\w])"
)


def abbreviated_given_names(docs: Sequence[tuple[Doc, int]], entities: list[Entity]) -> list[Entity]:
    """A person whose given name is written "Ma." ("Ma. Teresa dela Cruz", "Ma. Leonora Taguinod")
    named whole, in place of the pieces the model made of it."""
    added: list[Entity] = []
    for doc, offset in docs:
        text = doc.text
        for match in _MA_NAME.finditer(text):
            before = text[: match.start()].split()[-1:]
            word = before[0] if before else ""
            if word[:1].isupper() and word[-1:].isalpha() and word.lower() not in PERSON_TITLES:
                continue  # "said Jack Ma. The company": a surname ending a sentence
            if not gazetteer.is_given_name(match.group("given")) or len(match.group(0).split()) < 3:
                continue
            added.append(Entity(offset + match.start(), offset + match.end(), "PERSON", match.group(0)))
    if not added:
        return entities
    spans = [(e.start, e.end) for e in added]
    kept = [e for e in entities if not any(e.start < b and a < e.end for a, b in spans)]
    return sorted(kept + added, key=lambda e: (e.start, e.end))


_OF_CONNECTOR = re.compile(r" (?:of|do|da|de|del|des|du|di|della) (?:the )?")
# Heads of bodies named for the place they serve ("Republican Party of Texas", "Bank of Ghana").
_BODIES = HEADS_BEFORE_OF | {
    "party", "church", "bank", "police", "government", "assembly", "parliament", "congress", "senate",
    "club", "league", "museum", "hospital", "library", "orchestra", "guard", "army", "navy", "court",
    "network", "trust", "council", "board", "fund",
}  # fmt: skip
_PLACE_AFTER_OF = re.compile(r"[A-Z][\w’'\-]+(?: [A-Z][\w’'\-]+){0,2}(?![\w’'\-])")


def _body_of_place(docs: Sequence[tuple[Doc, int]], left: Entity, right: Entity | None) -> Entity | None:
    """ "Republican Party" "of Texas", "Banco Central" "do Brasil": a body the model cut at its
    "of", when the words before it end with an organisation's head or start with one, and what
    follows is the next name or a known place."""
    words = left.text.lower().split()
    if left.label != "ORG" or len(words) < 2:
        return None
    if not (words[-1].rstrip("s") in _BODIES or words[0] in ORG_FIRST_WORDS):
        return None  # not a company's "Micron Technology" "of Idaho": where it is, not its name
    found = paragraph_of(docs, left.start)
    if found is None:
        return None
    _, offset, paragraph = found
    connector = _OF_CONNECTOR.match(paragraph, left.end - offset)
    if connector is None:
        return None
    known = right is not None and (
        gazetteer.place_size(right.text) >= 100_000 or right.text.lower() in NATIVE_COUNTRIES
    )  # "Brasil" said to be a person
    if (
        right is not None
        and (right.label in {"ORG", "GPE"} or known)
        and right.start == offset + connector.end()
    ):
        end = right.end - offset
        if end > len(paragraph) or not all(word[:1].isupper() for word in right.text.split()):
            return None
    else:
        place = _PLACE_AFTER_OF.match(paragraph, connector.end())
        if place is None or gazetteer.place_size(place.group(0)) < 100_000:
            return None
        end = place.end()
    return Entity(left.start, offset + end, "ORG", paragraph[left.start - offset : end])


_ROAD_NUMBER = re.compile(r" (?:No\.? ?)?\d{1,4}[A-Z]?(?![\w’'\-])")
_RUN_ON_SENTENCE = re.compile(r"(?:(?<=\d)|(?<=\d[A-Z])|(?<=[a-z]{3}))\. [A-Z][\w’'\-]*$")


def _whole_road(docs: Sequence[tuple[Doc, int]], entity: Entity) -> Entity:
    """A road's name with its number ("State Route" of "State Route 20"), and no next sentence in a
    name ("Highway 4D. Rescuers")."""
    if entity.label not in {"GPE", "LOC", "FAC", "ORG", "PERSON"}:
        return entity
    run_on = _RUN_ON_SENTENCE.search(entity.text)
    if run_on is not None:
        text = entity.text[: run_on.start()]
        return Entity(entity.start, entity.start + len(text), entity.label, text)
    found = paragraph_of(docs, entity.end)
    if found is None:
        return entity
    _, offset, paragraph = found
    road = None
    if NUMBERED_ROAD.fullmatch(entity.text + " 1") is not None:
        road = _ROAD_NUMBER.match(paragraph, entity.end - offset)
    if road is None:
        return entity
    end = offset + road.end()
    return Entity(entity.start, end, "FAC", paragraph[entity.start - offset : road.end()])


def _body_and_more(docs: Sequence[tuple[Doc, int]], left: Entity, right: Entity) -> Entity | None:
    """One body the model cut in two: its remit's second half after "and" ("Department of Fisheries"
    "and" "Aquatic Resources"), or its country after its head ("Spring University" "Myanmar")."""
    if left.label != "ORG" or right.label not in {"ORG", "GPE"}:
        return None
    found = paragraph_of(docs, left.start)
    if found is None or found[1] + len(found[2]) < right.end:
        return None
    _, offset, paragraph = found
    between = paragraph[left.end - offset : right.start - offset]
    remit = (
        between in {" and ", " & "}
        and right.label == "ORG"
        and BODY_OF.match(left.text) is not None
        and remit_words(right.text.split())
    )
    country = (
        between == " "
        and right.label == "GPE"
        and gazetteer.place_size(right.text) >= gazetteer.COUNTRY
        and left.text.split()[-1].lower() in ORG_HEADS
    )
    if not (remit or country):
        return None
    return Entity(left.start, right.end, "ORG", paragraph[left.start - offset : right.end - offset])


_FOUNDING_SAINTS = frozenset({"St", "St.", "Saint", "San", "Santa", "King", "Queen", "Lady", "Our"})
_POSSESSIVE_HEAD = re.compile(r"['’]s((?: [A-Z][\w’'\-]*){1,3})")


def joined_neighbours(docs: Sequence[tuple[Doc, int]], entities: list[Entity]) -> list[Entity]:
    """Names the model cut in two, or ran on: an organisation and the word after it taken for a
    product or a person ("Hyundai" "Assan", "Ford" "Otosan"; two organisations side by side stay
    two), a body and its "of" place (`_body_of_place`), its remit's "and" or its country
    (`_body_and_more`), a saint's name before "'s" and a head ("St Patrick's College"), a road and
    its number, and no next sentence in a name (`_whole_road`)."""
    result: list[Entity] = []
    for entity in entities:
        previous = result[-1] if result else None
        if previous is not None and entity.start < previous.end:
            continue  # inside a name grown below ("College Hospital" of "King's College Hospital")
        joined = None
        if previous is not None:
            joined = _body_of_place(docs, previous, entity) or _body_and_more(docs, previous, entity)
        if joined is not None:
            result[-1] = joined
            if joined.end >= entity.end:
                continue
        if entity.label == "ORG":
            entity = _body_of_place(docs, entity, None) or entity
        entity = _whole_road(docs, entity)
        if (
            previous is not None
            and previous.label == "ORG"
            and (
                (
                    entity.label == "PRODUCT" and not any(ch.isdigit() for ch in entity.text)
                )  # not "Airbus A330"
                or (
                    entity.label == "PERSON"  # "Ford Otosan": no one's name
                    and " " not in entity.text
                    and not gazetteer.is_given_name(entity.text)
                    and not gazetteer.is_family_name(entity.text)
                )
            )
            and entity.start == previous.end + 1
            and entity.text[:1].isupper()
            and not previous.text.isupper()
            and previous.text[-1:].isalnum()
        ):
            found = paragraph_of(docs, previous.start)
            if found is not None and found[1] + len(found[2]) >= entity.end:
                gap = found[2][previous.end - found[1] : entity.start - found[1]]
                if gap == " ":
                    result[-1] = Entity(previous.start, entity.end, "ORG", f"{previous.text} {entity.text}")
                    continue
        if (
            entity.label in {"ORG", "FAC", "PERSON"} and entity.text.split()[0] in _FOUNDING_SAINTS
        ) and gazetteer.place_size(entity.text) < 100_000:  # not "Elon Musk's Boring Company", "BRAC's"
            found = paragraph_of(docs, entity.end)
            if found is not None:
                _, offset, paragraph = found
                head = _POSSESSIVE_HEAD.match(paragraph, entity.end - offset)
                last = head.group(1).split()[-1].lower() if head is not None else ""
                if head is not None and (last in ORG_HEADS or last in FACILITY_HEADS):
                    end = offset + head.end()
                    label = "ORG" if last in ORG_HEADS else "FAC"
                    entity = Entity(entity.start, end, label, paragraph[entity.start - offset : head.end()])
        result.append(entity)
    return result


_LIST_BEFORE = re.compile(r"[A-Z][\w’'.&\-]*(?: [A-Z][\w’'.&\-]*){0,3}, $")


def _ends_a_list(docs: Sequence[tuple[Doc, int]], entity: Entity) -> bool:
    """Whether a run "X and Y" is the end of a list of names ("for BMW, Mercedes-Benz and
    Stellantis"): a name and a comma before it, both halves a name of their own."""
    both = re.fullmatch(r"(.+?) and (.+)", entity.text)
    if both is None or " and " in both.group(2) or gazetteer.place_size(entity.text):
        return False
    if not all(part[:1].isupper() and not _common_noun(part) for part in both.groups()):
        return False
    found = paragraph_of(docs, entity.start)
    if found is None:
        return False
    _, offset, paragraph = found
    start = entity.start - offset
    return _LIST_BEFORE.search(paragraph[max(0, start - 60) : start]) is not None


_AFFILIATION = re.compile(r" \((?P<aff>[A-Z][\w’'\-]*(?: [A-Z][\w’'\-]*){0,3})\)")


def bracketed_affiliations(docs: Sequence[tuple[Doc, int]], entities: list[Entity]) -> list[Entity]:
    """ "Aoife Brennan (Labour) 2,341", "Callum Reid (Scottish Labour)": the words in brackets right
    after a person's name are a party, a club or a team (an organisation), unless they are a place
    or a country's code ("(Italy)", "(KEN)") or a party and state ("(R-Texas)")."""
    result = list(entities)
    for entity in entities:
        if entity.label != "PERSON":
            continue
        after = match_after(docs, entity.end, _AFFILIATION)
        if after is None:
            continue
        bracket, offset, _ = after
        name = bracket.group("aff")
        if (
            name.isupper()
            or gazetteer.place_size(name)
            or gazetteer.is_landform(name)
            or gazetteer.is_given_name(name.split()[0])
            or (" " not in name and gazetteer.is_common_word(name.lower()) and name.lower() not in POLITICAL)
        ):
            continue
        start, end = offset + bracket.start("aff"), offset + bracket.end("aff")
        inside = [e for e in result if start <= e.start and e.end <= end]
        if any(e.start < end and start < e.end for e in result if e not in inside):
            continue
        result = [e for e in result if e not in inside] + [Entity(start, end, "ORG", name)]
    return sorted(result, key=lambda e: (e.start, e.end))
