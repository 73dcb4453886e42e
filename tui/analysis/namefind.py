"""Finding the names the model missed, cut short or ran together: by their shape (legal forms,
heads, given names), by the gazetteer, after a title, in tables, and every later spelling of a name the
article has named."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.analysis import gazetteer
from tui.analysis.nameedges import (
    acronym_name,
    acts_as_subject,
    in_a_country,
    joined_places,
    listed_places,
    paragraph_of,
    without_common_opener,
    without_nationality,
    without_run_on,
)
from tui.analysis.namelines import (
    Dateline,
    find_dateline,
)
from tui.analysis.nameruns import _ends_a_list
from tui.analysis.nameshapes import (
    _PARTY_SEAT,
    BODY_OF,
    _and_joins_words,
    _common_noun,
    _legal_tail,
    _nested_bodies,
    _person_before_of,
    _run_kind,
    _runs,
    person_like,
    remit_words,
)
from tui.analysis.namewords import (
    _COMMON_OPENERS,
    _WORD_FORM_SPELLINGS,
    CALENDAR,
    EVENT_HEADS,
    FACILITY_HEADS,
    GPE_HEADS,
    HONORIFICS,
    LANDFORM_HEADS,
    LANGUAGE_CUES,
    NOT_NAMES,
    ORG_HEADS,
    PERSON_TITLES,
    POLITICAL,
    TITLE_MODIFIERS,
    TYPED_LABELS,
)
from tui.analysis.types import Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc


def datelines(docs: Sequence[tuple[Doc, int]]) -> tuple[list[Entity], list[Dateline]]:
    """The story's dateline, and those opening later items of a brief list ("PUNE (Wire) - ...");
    later ones only in capitals, so that an ordinary sentence is never taken for one."""
    made: list[Entity] = []
    found_all: list[Dateline] = []
    for index, (doc, offset) in enumerate(docs):
        text = doc.text
        capitals = "A-ZÀ-ÖØ-Þ'’.\\-"
        if index and not re.match(
            rf"[A-ZÀ-ÖØ-Þ][{capitals}]+(?:[ /][A-ZÀ-ÖØ-Þ][{capitals}]+)*(?:,|:| \(| [—–-])", text
        ):
            continue
        found = find_dateline(text, offset)
        if found is None:
            continue
        found_all.append(found)
        for start, end in found.places:
            made.append(Entity(start, end, "GPE", text[start - offset : end - offset]))
        if found.credit is not None:
            start, end = found.credit
            made.append(Entity(start, end, "ORG", text[start - offset : end - offset]))
    return made, found_all


_PARTICLE_TAIL = re.compile(
    r" (?:(?:al|el|ul|bin|ibn|bint|van|von|de|da|di|del|della|dos|das|du|le|la|ter|ten|zu)[ \-])+"
    r"(?:der |den |la |los |las )?[A-Z][\w’'\-]+"
)
# "Aibek Toktosun uulu", "Cholpon Asan kyzy", "Elvin Mammad oglu": a patronymic's word after it.
_PATRONYMIC_TAIL = re.compile(r" (?:uulu|kyzy|ogly|oglu|oğlu|qizi|kizi|uly|qyzy|ugli)(?![\w’'\-])")
_INNER_PREPOSITION = re.compile(
    r" (?:on|in|at|near|from|to|and|with|by|as|versus|vs\.?|v) (?:the )?(?=[A-Z])"
)
_TRAILING_SCORE = re.compile(r"\s+\d+(?:[-–:]\d+)?$")


def split_and_extend(docs: Sequence[tuple[Doc, int]], entities: list[Entity]) -> list[Entity]:
    """Names the model ran together ("Szczecin on the Oder") split, a score after a team's name
    ("Opole 3-0") dropped, and a legal form the model left outside ("Kessler Schokoladen GmbH")
    taken in."""
    result: list[Entity] = []
    lower_words: set[str] = set()
    for doc, _ in docs:
        lower_words.update(re.findall(r"(?<![\w\-])[a-z][a-z\-]+(?![\w\-])", doc.text))
    for entity in entities:
        if entity.label not in TYPED_LABELS:
            result.append(entity)
            continue
        if entity.text in NOT_NAMES:
            continue  # "VAT", "CEO": initials of the trade, no name
        entity = without_nationality(without_common_opener(docs, entity, lower_words))
        role, _, rest = entity.text.partition(" ")
        if (
            entity.label != "PERSON"
            and role.lower().rstrip(".") in PERSON_TITLES | HONORIFICS
            and rest[:1].isupper()
            and _person_before_of(rest.split())
            and rest.split()[-1].lower() not in FACILITY_HEADS | LANDFORM_HEADS | GPE_HEADS | ORG_HEADS
        ):
            # "Referee Calum Stirrat" taken for an organisation: a role, then a person
            result.append(Entity(entity.end - len(rest), entity.end, "PERSON", rest))
            continue
        text = entity.text
        if "\n" in text:
            # "Guðrún Einarsdóttir\nNation": the model ran on past the end of a line.
            text = text.split("\n", 1)[0].rstrip()
            if not text:
                continue
            entity = Entity(entity.start, entity.start + len(text), entity.label, text)
        if "(" in text and ")" not in text and text.index("(") > 1:
            # "Federal Authority for Land and Maritime Transport (FALMT": the model ran into a bracket.
            text = text[: text.index("(")].rstrip()
            entity = Entity(entity.start, entity.start + len(text), entity.label, text)
        owner = re.search(r"(?<=\w)(?:['’]s|s['’]) (?=[A-Z])", text)
        if (
            owner is not None
            and (" " in text[: owner.start()] or not _common_noun(text[: owner.start() + 1]))
            and _run_kind(text[owner.end() :].split()) is not None
        ):
            # "Chinese Academy of Sciences' Institute of Tibetan Plateau Research": two names (but
            # "Prosecutor's Office of Bosnia", "Farmers' Union" one).
            left = text[: owner.start() + (1 if text[owner.start()] == "s" else 0)]
            right = text[owner.end() :]
            left_kind = _run_kind(left.split()) or (
                "GPE" if gazetteer.place_size(left) >= gazetteer.REGION else entity.label
            )
            result.append(Entity(entity.start, entity.start + len(left), left_kind, left))
            result.append(Entity(entity.start + owner.end(), entity.end, entity.label, right))
            continue
        if re.search(r"\w['’]s$", text) and " " in text:
            text = text[:-2]  # "Lake Victoria's shore towns"
            entity = Entity(entity.start, entity.start + len(text), entity.label, text)
        listed = listed_places(entity)
        if listed:
            result.extend(listed)
            continue
        score = _TRAILING_SCORE.search(text)
        if score is not None and re.search(r"\d[-–:]\d", score.group(0)):
            text = text[: score.start()]
            entity = Entity(entity.start, entity.start + len(text), entity.label, text)
        based = re.match(
            r"([\w’'.\-]+)-(?:based|flagged|listed|born|registered|owned|bound|headquartered|made) ", text
        )
        if based is not None and len(text) > based.end():
            # "Dubai-based Gulf Meridian Ports", "the Liberia-flagged Pune Express"
            if gazetteer.place_size(based.group(1)) >= 15_000:
                result.append(Entity(entity.start, entity.start + based.end(1), "GPE", based.group(1)))
            text = text[based.end() :]
            entity = Entity(entity.end - len(text), entity.end, entity.label, text)
        possessive = re.search(r"['’]s [a-z][\w\-]*$", text)
        if possessive is not None:
            text = text[: possessive.start()]  # "Al-Haddad's company"
            entity = Entity(entity.start, entity.start + len(text), entity.label, text)
        words = text.split()
        while len(words) > 1 and words[-1][:1].islower() and words[-1] not in _WORD_FORM_SPELLINGS:
            words = words[:-1]
            text = text[: text.rindex(" ")]
            entity = Entity(entity.start, entity.start + len(text), entity.label, text)
        nested = _nested_bodies(text) if entity.label == "ORG" else None
        if nested is not None:
            # "Institute of Geophysics of the Polish Academy of Sciences": a body and its parent.
            left, right_start = nested
            result.append(Entity(entity.start, entity.start + len(left), "ORG", left))
            result.append(Entity(entity.start + right_start, entity.end, "ORG", text[right_start:]))
            continue
        seat = _PARTY_SEAT.match(text)
        if seat is not None and entity.label == "PERSON":
            # "Fianna Fáil TD Jackie Kiely", "Labour MP Jane Hollis": a party, its seat, a person.
            party, person = seat.group("party"), seat.group("person")
            result.append(Entity(entity.start, entity.start + len(party), "ORG", party))
            result.append(Entity(entity.end - len(person), entity.end, "PERSON", person))
            continue
        of = re.search(r" (?:of|for) (?:the )?(?=[A-Z])", text)
        if of is not None and _person_before_of(text[: of.start()].split()):
            result.append(Entity(entity.start, entity.start + of.start(), "PERSON", text[: of.start()]))
            result.append(Entity(entity.start + of.end(), entity.end, "ORG", text[of.end() :]))
            continue
        pieces: list[Entity] = []
        start = 0
        for match in _INNER_PREPOSITION.finditer(text):
            left = text[start : match.start()]
            if len(left.split()) <= 3 and not re.search(r" (?:of|for|de|and|&)$", left):
                pieces.append(Entity(entity.start + start, entity.start + match.start(), entity.label, left))
                start = match.end()
        if pieces and " and " not in text[pieces[-1].end - entity.start : start]:
            pieces.append(Entity(entity.start + start, entity.end, entity.label, text[start:]))
            result.extend(piece for piece in pieces if piece.text.strip())
            continue
        both = re.fullmatch(r"(.+?) (?:and|&) (.+)", text)
        parts = both.groups() if both is not None else ()
        places = bool(parts) and not gazetteer.place_size(text)
        places = places and all(gazetteer.place_size(part) >= 15_000 for part in parts)
        remit = both is not None and BODY_OF.match(text) is not None and remit_words(parts[1].split())
        if both is not None and (
            places or (all(_run_kind(p.split()) for p in parts) and not remit) or _ends_a_list(docs, entity)
        ):
            # "Blue Star Ferries and Superfast Ferries", "Astara and Rasht": two names, each one by
            # its own shape or known as a place ("Trinidad and Tobago" is one).
            left, right = both.group(1), both.group(2)
            label = "GPE" if places else entity.label
            result.append(Entity(entity.start, entity.start + len(left), label, left))
            result.append(Entity(entity.end - len(right), entity.end, label, right))
            continue
        found = paragraph_of(docs, entity.end)
        if found is not None and entity.label == "PERSON":
            _, offset, paragraph = found
            particle = _PARTICLE_TAIL.match(paragraph, entity.end - offset) or _PATRONYMIC_TAIL.match(
                paragraph, entity.end - offset
            )
            if particle is not None:
                # "Amira al-Haddad", "Ludwig van Beethoven": the model stopped at the particle.
                end = offset + particle.end()
                entity = Entity(
                    entity.start, end, "PERSON", paragraph[entity.start - offset : particle.end()]
                )
        post = text.split()
        if (
            len(post) >= 3
            and post[-1].rstrip(".") in _POSTNOMINALS
            and (person_like(post[:-1]) or gazetteer.is_family_name(post[-2]))
        ):
            text = text[: text.rindex(" ")]  # "Declan Furlong SC", "Jane Doe MP": the person
            result.append(Entity(entity.start, entity.start + len(text), "PERSON", text))
            continue
        if found is not None and entity.label == "ORG" and re.fullmatch(r"[A-Z]{2,6}", text):
            _, offset, paragraph = found
            country = _COUNTRY_BEFORE.search(paragraph, 0, entity.start - offset)
            if country is not None and gazetteer.place_size(country.group(1)) >= gazetteer.COUNTRY:
                # "the WHO and Africa CDC": a continent's own body (not "in Kenya KRA officers")
                start = offset + country.start(1)
                text = paragraph[country.start(1) : entity.end - offset]
                entity = Entity(start, entity.end, "ORG", text)
        if found is not None:
            _, offset, paragraph = found
            tail = _legal_tail(paragraph[entity.end - offset : entity.end - offset + 24])
            if tail:
                end = entity.end + tail
                entity = Entity(entity.start, end, "ORG", paragraph[entity.start - offset : end - offset])
        result.append(entity)
    return joined_places(docs, without_run_on(docs, result))


_COUNTRY_BEFORE = re.compile(
    r"(?<!\bin )(?<!\bto )(?<!\bof )(?<!\bat )(?<!\bfrom )(?<!\bfor )"
    r"(?<![\w\-.’'])([A-Z][a-z]+(?: [A-Z][a-z]+)?) $"
)
# Letters after a person's name: counsel's rank, a seat, an honour ("Declan Furlong SC").
_POSTNOMINALS = frozenset("SC QC KC MP TD MEP MLA MSP MHK OBE MBE CBE KBE DBE PhD".split())


def shaped_names(docs: Sequence[tuple[Doc, int]], entities: list[Entity]) -> list[Entity]:
    """Names the model missed or cut short whose shape says what they are: a company with its legal
    form ("Hanbit Heavy Industries Co., Ltd."), an organisation or landform by its head word, a
    person by a given name ("Bartosz Kamiński" in a squad line)."""
    added: list[Entity] = []
    dropped: set[int] = set()
    starts = sorted(range(len(entities)), key=lambda i: entities[i].start)
    lower = {word for doc, _ in docs for word in re.findall(r"(?<![\w\-])[a-z][a-z\-]+(?![\w\-])", doc.text)}
    for doc, offset in docs:
        text = doc.text
        for run_start, words in _runs(text):
            # A sentence's first word is capitalised anyway: "The", "In", "But" are not names.
            while words and words[0].lower() in _COMMON_OPENERS | {"and", "&", "of", "on"}:
                run_start = text.index(words[0], run_start) + len(words[0]) + 1
                words = words[1:]
            while words and (
                words[-1].lower() in {"the", "and", "&", "of", "for", "de", "on"}
                or (len(words) > 2 and words[-1].rstrip(".,") in _POSTNOMINALS)  # "Jane Hollis MP"
            ):
                words = words[:-1]
            if words and len(words) > 1 and re.search(r"\w['’]s$", words[-1]):
                words = [*words[:-1], words[-1][:-2]]  # "Lake Victoria's shore towns"
            if not words:
                continue
            run_end = run_start + len(" ".join(words))
            if text[run_start:run_end] != " ".join(words):
                continue
            tail = _legal_tail(text[run_end : run_end + 24])
            if tail:
                words += text[run_end : run_end + tail].replace(",", " ").split()
                run_end += tail
            kind = _run_kind(words)
            if kind == "ORG" and _nested_bodies(" ".join(words)) is not None:
                continue  # two bodies, as split_and_extend found them
            if kind is None:
                # "Shares of Ahold Delhaize rose": a listed company, alone or after "of".
                cut = max(
                    (i + 1 for i, word in enumerate(words) if word in {"of", "for", "and", "&"}), default=0
                )
                if cut and gazetteer.is_listed_company(" ".join(words[cut:])):
                    run_start = text.index(" ".join(words[cut:]), run_start)
                    words = words[cut:]
                opening = not text[:run_start].strip() or text[:run_start].rstrip()[-1:] in '.!?"“:'
                if gazetteer.is_listed_company(" ".join(words)) and (len(words) > 1 or not opening):
                    kind = "ORG"
                    run_end = run_start + len(" ".join(words))
                elif (
                    len(words) == 2
                    and opening
                    and _common_noun(words[0])
                    and gazetteer.is_listed_company(words[1])
                ):
                    # "Rival Ericsson has won": a common noun opening the sentence, then the company
                    run_start = text.index(words[1], run_start + len(words[0]))
                    words = words[1:]
                    kind = "ORG"
                    run_end = run_start + len(words[0])
                elif len(words) == 1 and not opening and acronym_name(words[0]):
                    kind = "ORG"  # "the union FNV", "PAP reported": an organisation's initials
            if kind is None:
                continue
            if kind == "PERSON" and not _all_proper(doc, run_start, run_end):
                continue
            start, end = offset + run_start, offset + run_end
            inside: list[int] = []
            clash = False
            for i in starts:
                other = entities[i]
                if other.end <= start or other.start >= end:
                    continue
                # "The District Court" of "The District Court of The Hague": the run left out the
                # sentence's "The", which the model's name took in.
                the_before = other.start == start - 4 and text[run_start - 4 : run_start] in {"The ", "the "}
                if (
                    (other.start >= start or the_before)
                    and other.end <= end
                    and (other.label in TYPED_LABELS | {"NORP", "PRODUCT"} or other.text[:1].isupper())
                ):
                    inside.append(i)
                else:
                    clash = True
                    break
            if clash or (kind == "PERSON" and any(entities[i].label != "PERSON" for i in inside)):
                continue  # a given name before a company's name is not a person's
            if not _and_joins_words(words) and any(
                re.search(r" (?:and|&) $", text[run_start : entities[i].start - offset])
                or re.match(r" (?:and|&) ", text[entities[i].end - offset : run_end])
                for i in inside
            ):
                continue  # "the United States and the US Navy": two names, not one
            dropped.update(inside)
            # "Lender Türkiye İş Bankası": a common noun opening the sentence is no part of it.
            run = without_common_opener(docs, Entity(start, end, kind, text[run_start:run_end]), lower)
            added.append(without_nationality(run))  # nor a people's adjective: "the Danish North Sea"
    if not added:
        return entities
    kept = [e for i, e in enumerate(entities) if i not in dropped]
    return sorted(kept + added, key=lambda e: (e.start, e.end))


_PLACE_ADJECTIVE = re.compile(
    r"(?<![\w\-])([A-Z][\w’']+)-(?:based|flagged|listed|born|registered|owned|bound|headquartered|made)\b"
)
_OPENING_WORDS = frozenset(
    "the a an in on at from to by with for but and of after before while when as if so".split()
)


def _place_pieces(text: str) -> list[tuple[int, list[str]]]:
    """Capitalised runs, and their pieces between "of", "and", "the"...: "Al Noor Shipping of
    Sharjah" holds "Sharjah", "Entre Ríos and Corrientes" holds "Corrientes"."""
    pieces: list[tuple[int, list[str]]] = []
    # "the Cyprus-registered vehicle", "Liberia-flagged": a place in an adjective ends no run
    pieces.extend((match.start(), [match.group(1)]) for match in _PLACE_ADJECTIVE.finditer(text))
    for start, words in _runs(text):
        pieces.append((start, words))
        if len(words) > 1 and words[0].lower() in _OPENING_WORDS:
            # "In Crotone people buy it": a sentence's first word is no part of the place
            pieces.append((start + len(words[0]) + 1, words[1:]))
        current: list[str] = []
        position = start
        piece_start = start
        for word in words:
            if word.lower() in {"of", "for", "and", "&", "the", "de", "del", "da", "do", "dos", "des"}:
                if current and len(current) < len(words):
                    pieces.append((piece_start, current))
                current = []
                piece_start = position + len(word) + 1
            else:
                current.append(word)
            position += len(word) + 1
        if current and len(current) < len(words):
            pieces.append((piece_start, current))
    return pieces


def known_places(docs: Sequence[tuple[Doc, int]], entities: list[Entity], lower: set[str]) -> list[Entity]:
    """Countries, regions, big cities and landforms the model did not tag ("Liberia-flagged",
    "New South Wales", "the Red Sea"): a name the gazetteer knows well is a place wherever it is
    written as a name. `lower`: the article's words written in lower case (`article_words`)."""
    taken = [(e.start, e.end) for e in entities]
    added: list[Entity] = []
    replaced: set[int] = set()
    for doc, offset in docs:
        text = doc.text
        for run_start, words in _place_pieces(text):
            name = " ".join(words)
            hyphen = re.match(r"([A-Z][\w’'.]+)-[a-z]", name)
            if hyphen is not None and " " not in name:
                name = hyphen.group(1)  # "Liberia-flagged", "Oslo-listed"
            if text[run_start : run_start + len(name)] != name:
                continue
            size = gazetteer.place_size(name)
            landform = gazetteer.is_landform(name)
            if not (
                landform
                or size >= gazetteer.REGION // 5
                or size >= 100_000
                or (" " in name and size >= 15_000)
                or (size >= 15_000 and in_a_country(text[run_start + len(name) :]))
            ):
                continue
            start, end = offset + run_start, offset + run_start + len(name)
            same = [i for i, e in enumerate(entities) if (e.start, e.end) == (start, end)]
            not_names = {"PRODUCT", "WORK_OF_ART", "EVENT", "LAW"}
            if not gazetteer.is_language(name):
                not_names.add("LANGUAGE")  # "forgotten it in Tunis": no language
            if not any(ch.isdigit() for ch in name) and name.lower() not in CALENDAR:
                not_names.add("DATE")  # "a wind farm off Jutland": no date
            if same and all(entities[i].label in not_names for i in same):
                replaced.update(same)  # "terminals in Tangier and Valencia": no product
                taken = [span for span in taken if span != (start, end)]
            overlapping = [(a, b) for a, b in taken if start < b and a < end]
            inside = [i for i, e in enumerate(entities) if (e.start, e.end) in overlapping]
            if (
                " " in name
                and overlapping
                and len(inside) == len(overlapping)
                and all(start <= a and b <= end and (a, b) != (start, end) for a, b in overlapping)
            ):
                # "Nakhon Ratchasima" where the model tagged "Ratchasima" alone: the known place whole.
                replaced.update(inside)
                taken = [span for span in taken if span not in overlapping]
            if any(start < b and a < end for a, b in taken):
                continue
            # "Anchorage: An Air India Boeing diverted" (a roundup's heading), "Nation: Iceland" (a
            # country the model took for a noun) are places whatever the tagger says.
            heading = run_start == 0 and re.match(r": [A-Z]", text[len(name) : len(name) + 3]) is not None
            country = size >= gazetteer.COUNTRY and name.lower() not in lower  # not "turkey" as food
            proper = heading or country or _all_proper(doc, run_start, run_start + len(name))
            if " " not in name and not proper:
                if hyphen is None and not acts_as_subject(docs, doc, run_start, run_start + len(name)):
                    continue  # "Nice weather", "Reading the report"; not "Cardiff will open"
            taken.append((start, end))
            added.append(Entity(start, end, "LOC" if landform else "GPE", name))
    if not added:
        return entities
    kept = [e for i, e in enumerate(entities) if i not in replaced]
    return sorted(kept + added, key=lambda e: (e.start, e.end))


def _all_proper(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and all(token.pos_ == "PROPN" for token in span)


_PARTICLE_START = re.compile(r"(?:al|el|ul|bin|ibn|van|von|de|da|di|du|le|la|ter|ten|d')[\- ’']")


def _common_noun_opening(docs: Sequence[tuple[Doc, int]], entity: Entity) -> bool:
    found = paragraph_of(docs, entity.start)
    if found is None:
        return False
    doc, offset, _ = found
    span = doc.char_span(entity.start - offset, entity.end - offset)
    if span is None or len(span) != 1:
        return False
    token = span[0]
    return bool(token.is_sent_start or token.i == 0) and token.pos_ == "NOUN" and token.text[1:].islower()


def drop_common_words(docs: Sequence[tuple[Doc, int]], entities: list[Entity]) -> list[Entity]:
    """A one-word "name" the article also writes in lower case is a common word ("Malaria kills")."""
    lower_words: set[str] = set()
    for doc, _ in docs:
        lower_words.update(re.findall(r"(?<![\w\-])[a-z][a-z\-]+(?![\w\-])", doc.text))
    kept = []
    for entity in entities:
        word = entity.text
        if entity.label in TYPED_LABELS and word[:1].islower() and not _PARTICLE_START.match(word):
            continue  # "transport ministry": a common noun phrase, no name
        if entity.label in TYPED_LABELS and " " not in word and _common_noun_opening(docs, entity):
            continue  # "Ports in Gdansk ...": a noun opening the sentence
        if (
            entity.label in TYPED_LABELS
            and " " not in word
            and word[:1].isupper()
            and word[1:].islower()
            and word.lower() in lower_words
            and gazetteer.place_size(word) < 15_000
        ):
            continue  # "Tours" the city stays, though the article also says "tours"
        kept.append(entity)
    return kept


_TITLED = re.compile(
    r"(?<![\w\-])(?P<title>(?:Mr|Mrs|Ms|Dr|Prof|Sir|Dame|President|Prime Minister|Minister|"
    r"Chancellor|Senator|Governor|Mayor|Judge|Justice|Secretary|Ambassador|Commissioner|General|"
    r"Captain|Coach|Chairman|Chairwoman|Chief Executive|Director|Inspector|Detective|Professor|"
    r"Bishop|Archbishop|Rabbi|Imam|Sheikh|King|Queen|Prince|Princess|Councillor|Deputy|Speaker|"
    r"Premier|Pope|Father|Sister|Brother|Rev|Founder|Co-founder|CEO|Chair|Coach|Manager|Striker|"
    r"Midfielder|Defender|Goalkeeper|Lawyer|Spokesman|Spokeswoman|Spokesperson|Ranger|Constable|"
    r"Sergeant|Tan Sri|Puan Sri|Datuk Seri|Datuk|Dato['’] Sri|Dato['’]?|Datin|Tun|Toh Puan)\.?)"
    r" (?P<name>[A-Z][\w'’\-]+(?: (?:van der|van den|van|von|de la|de|da|do|dos|del|bin|ibn|al|el|ter|le|la)"
    r")?(?: [A-Z][\w'’\-]+){0,3})"
)


def titled_people(docs: Sequence[tuple[Doc, int]], entities: list[Entity]) -> list[Entity]:
    """People named after a title ("Finance Minister Ana Ruiz") that the model missed or took
    into an organisation; an organisation that is only part of the title ("Finance") goes."""
    added: list[Entity] = []
    dropped: set[int] = set()
    for doc, offset in docs:
        text = doc.text
        for match in _TITLED.finditer(text):
            name = re.sub(r"['’]s?$", "", match.group("name"))  # "President Barack Obama's"
            start = offset + match.start("name")
            while len(name.split()) > 2 and name.split()[0].lower() in TITLE_MODIFIERS | PERSON_TITLES:
                start += len(name.split()[0]) + 1  # "Deputy" "Prime Minister Aram Ghazarian"
                name = name.split(" ", 1)[1]
            end = start + len(name)
            last = name.split()[-1].lower()
            if last in ORG_HEADS | LANDFORM_HEADS | FACILITY_HEADS | GPE_HEADS:
                continue  # "Minister Hospital" is no one
            if gazetteer.place_size(name) >= 100_000 and " " not in name:
                continue  # "the Minister for Lisbon"
            title_start = offset + match.start("title")
            overlapping = [i for i, e in enumerate(entities) if e.start < end and start < e.end]
            if any(
                entities[i].label not in TYPED_LABELS | {"NORP"}
                or entities[i].end > end
                or (entities[i].start < start and entities[i].start != title_start)
                for i in overlapping
            ):
                continue  # the model saw another kind of thing or a longer name
            if overlapping and all(
                entities[i].label == "PERSON" and (entities[i].start, entities[i].end) == (start, end)
                for i in overlapping
            ):
                continue  # found already
            # Found in part ("María Eugenia" of "Senator María Eugenia Quiroga Saavedra"), or with
            # the title inside ("Founder Jackson Hartley"): the whole name after the title.
            dropped.update(overlapping)
            added.append(Entity(start, end, "PERSON", name))
            # "Finance" of "Finance Minister": an organisation that is only the title's first word.
            for i, e in enumerate(entities):
                if e.end in {title_start - 1, title_start} and e.label in {"ORG", "NORP", "GPE"}:
                    if text[e.start - offset : title_start - offset].strip() == e.text:
                        dropped.add(i)
    if not added and not dropped:
        return entities
    kept = [e for i, e in enumerate(entities) if i not in dropped]
    return sorted(kept + added, key=lambda e: (e.start, e.end))


_DEMONYM = re.compile(r"(?:an|ans|ese|ish|ic|ean|eans|ite|ites|ch|ois|ais)$")
_FACILITY_AFTER = re.compile(r" (?:air base|naval base|base|airport|port|station|terminal|dam|plant|mine)\b")


def place_not_group(docs: Sequence[tuple[Doc, int]], entity: Entity) -> Entity:
    """A place the model called a nationality or group: known ("Gdansk", "Kilimanjaro"), or a
    name that is no demonym before a facility ("Kyogamisaki air base")."""
    if entity.label != "NORP":
        return entity
    found = paragraph_of(docs, entity.start)
    if found is None:
        return entity
    if " " not in entity.text and not _DEMONYM.search(entity.text) and not gazetteer.is_language(entity.text):
        _, offset, paragraph = found
        if _FACILITY_AFTER.match(paragraph, entity.end - offset):
            return Entity(entity.start, entity.end, "FAC", entity.text)
        before = paragraph[: entity.start - offset].rstrip().lower()
        if re.search(r"\b(?:in|at|near|(?:port|town|city|village|region|district|island)s? of)$", before):
            return Entity(entity.start, entity.end, "GPE", entity.text)  # "the ports of Apapa", "at Montjean"
    # A town's name that is no demonym ("Canmore", 14,000 people) is a place at a smaller size.
    least = 5_000 if not _DEMONYM.search(entity.text) else 15_000
    if not (gazetteer.is_landform(entity.text) or gazetteer.place_size(entity.text) >= least):
        return entity
    doc, offset, _ = found
    span = doc.char_span(entity.start - offset, entity.end - offset, alignment_mode="expand")
    if span is None or any(token.pos_ == "ADJ" for token in span):
        return entity  # "Swiss", "Polish": adjectives of nationality stay groups
    return Entity(entity.start, entity.end, "GPE", entity.text)


def not_a_name(docs: Sequence[tuple[Doc, int]], entity: Entity) -> Entity:
    """Events ("Valencia Marathon") and languages ("Welsh") the model typed as names; a party
    named by its members ("the Greens") the model typed as a group."""
    if entity.label == "NORP" and entity.text.split()[-1].lower() in POLITICAL and entity.text.endswith("s"):
        return Entity(entity.start, entity.end, "ORG", entity.text)
    if entity.label not in TYPED_LABELS:
        return entity
    words = entity.text.split()
    last = words[-1].lower() if words else ""
    if len(words) > 1 and last in EVENT_HEADS and last not in {"congress", "forum"}:
        if not (entity.label == "ORG" and last in {"summit", "conference", "series"}):
            return Entity(entity.start, entity.end, "EVENT", entity.text)
    if len(words) == 1 and gazetteer.is_language(entity.text) and not gazetteer.place_size(entity.text):
        found = paragraph_of(docs, entity.start)
        after = found[2][entity.end - found[1] : entity.end - found[1] + 12] if found else ""
        before = found[2][max(0, entity.start - found[1] - 8) : entity.start - found[1]] if found else ""
        if after.startswith(LANGUAGE_CUES) or before.endswith((" in ", "speak ", "speaks ")):
            return Entity(entity.start, entity.end, "LANGUAGE", entity.text)
        return Entity(entity.start, entity.end, "NORP", entity.text)
    return entity


def recover_spellings(docs: Sequence[tuple[Doc, int]], entities: list[Entity]) -> list[Entity]:
    """Every exact occurrence of a spelling the article already names, where no entity covers it."""
    spellings: dict[str, str] = {}
    conflicting: set[str] = set()
    for entity in entities:
        if entity.label not in TYPED_LABELS or len(entity.text) < 2 or not entity.text[:1].isupper():
            continue
        if entity.text.lower() in _COMMON_OPENERS:
            continue
        if spellings.get(entity.text, entity.label) != entity.label:
            conflicting.add(entity.text)
        spellings.setdefault(entity.text, entity.label)
    surnames: dict[str, str] = {}
    for entity in entities:
        words = entity.text.split()
        if entity.label == "PERSON" and len(words) > 1 and len(words[-1]) >= 3 and words[-1][:1].isupper():
            surnames.setdefault(words[-1], "PERSON")
            if len(words) > 2 and words[-2][:1].isupper():
                surnames.setdefault(" ".join(words[-2:]), "PERSON")  # "Quiroga Saavedra"
    for surname, label in surnames.items():
        if spellings.get(surname, label) != label:
            conflicting.add(surname)
        spellings.setdefault(surname, label)
    for text in conflicting:
        spellings.pop(text, None)
    if not spellings:
        return entities
    taken = sorted((entity.start, entity.end) for entity in entities)
    shorter: dict[tuple[int, int], Entity] = {(e.start, e.end): e for e in entities}
    replaced: set[tuple[int, int]] = set()
    alternatives = "|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True))
    pattern = re.compile(r"(?<![\w\-])(?:" + alternatives + r")(?![\w\-]|\.\w)")
    found: list[Entity] = []
    for doc, offset in docs:
        text = doc.text
        for match in pattern.finditer(text):
            start, end = offset + match.start(), offset + match.end()
            inside = [(s, e) for s, e in taken if s < end and start < e]
            if inside:
                label = spellings[match.group(0)]
                # A longer spelling of the same name over a part the model found ("Saavedra" of
                # "Quiroga Saavedra"); anything else there stays as it is.
                if (start, end) in inside or not all(
                    start <= s and e <= end and (s, e) in shorter and shorter[(s, e)].label == label
                    for s, e in inside
                ):
                    continue
            # Inside a longer capitalised run ("Equinor Energy Park"), it is part of another name.
            before = text[: match.start()].rstrip()
            after = text[match.end() :]
            if re.match(r" [A-Z][a-z]", after) and not re.match(r" (?:said|says)\b", after):
                continue
            previous = re.search(r"([A-Z][\w\-]*)$", before)
            if (
                previous is not None
                and text[match.start() - 1 : match.start()] == " "
                and previous.group(1).lower() not in _COMMON_OPENERS
            ):
                continue
            if inside:
                replaced.update(inside)
                taken = [span for span in taken if span not in inside]
            taken.append((start, end))
            found.append(Entity(start, end, spellings[match.group(0)], match.group(0)))
    if not found:
        return entities
    kept = [e for e in entities if (e.start, e.end) not in replaced]
    return sorted(kept + found, key=lambda e: (e.start, e.end))
