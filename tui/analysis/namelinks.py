"""Which mentions of an article name the same thing: short forms joined to their full name, and
names listed together."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from tui.analysis import gazetteer
from tui.analysis.nameedges import ArticleWords, fullest, paragraph_of
from tui.analysis.nameshapes import person_like
from tui.analysis.namewords import (
    FACILITY_HEADS,
    GEO_NOUNS,
    GPE_HEADS,
    LANDFORM_HEADS,
    ORG_HEADS,
    PLACE_FIRST_WORDS,
)
from tui.analysis.types import Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc


_CLAUSE_FOLLOWS = re.compile(r",\s+(?:and\s+|or\s+)?[a-z]")


def coordinated(
    docs: Sequence[tuple[Doc, int]], entities: Sequence[Entity], indexes: list[int]
) -> dict[int, list[int]]:
    """Mention index -> the mentions listed with it ("X, Y and Z", "X or the Y")."""
    partners: dict[int, list[int]] = defaultdict(list)
    joiner = re.compile(r"^(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)(?:the\s+)?$")
    body_texts = {offset: doc.text for doc, offset in docs}
    for first, second in zip(indexes, indexes[1:], strict=False):
        a, b = entities[first], entities[second]
        found = paragraph_of(docs, a.start)
        if found is None or b.start - a.end > 12:
            continue
        _, offset, _ = found
        between = body_texts[offset][a.end - offset : b.start - offset]
        if joiner.match(between):
            after = body_texts[offset][b.end - offset : b.end - offset + 12]
            if between == ", " and " and " not in b.text and _CLAUSE_FOLLOWS.match(after):
                continue  # "St Patrick's College, Drumcondra, and returned": where, not a list
            partners[first].append(second)
            partners[second].append(first)
    return partners


def link_keys(spelling_of: dict[str, str]) -> dict[str, str]:
    """Short name key -> the key of the one longer name it stands for, in one article.

    "Sawyer" and "Hawk Sawyer" stand for "Kathleen Hawk Sawyer"; "Park" for "Park Ji-hoon" (family
    name first); "Kestrel" for "Kestrel Airlines". A surname two longer names share stays apart,
    and so does a place that starts a longer name ("Rhone" of "Rhone Glacier", "Lisbon" of "Lisbon
    Terminal Services"). `spelling_of` maps each key to one spelling as written."""
    keys = sorted(spelling_of, key=lambda key: -len(key.split()))
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while key in parent:
            key = parent[key]
        return key

    # "C Ó Súilleabháin" in a scorers' line is "Cian Ó Súilleabháin" of the report, when one name fits.
    for short in keys:
        first, *rest = short.split()
        if len(first.rstrip(".")) == 1 and rest:
            full = [k for k in keys if k.split()[1:] == rest and k.split()[0][:1] == first[:1] and k != short]
            if len(full) == 1:
                parent[short] = full[0]
    for short in keys:
        if short in parent:
            continue
        words = short.split()
        longer = [other for other in keys if len(other.split()) > len(words)]
        written = spelling_of[short]
        if written.isupper() and len(written) > 3:
            written = written.title()  # a dateline's "ISTANBUL"
        place_word = gazetteer.place_size(written) >= 15_000 or gazetteer.is_landform(written)
        ending = {
            root(other)
            for other in longer
            if other.split()[-len(words) :] == words
            # "Texas" is not a short form of "Electric Reliability Council of Texas"
            # ("de Vries" of "Pieter de Vries" is: the particle belongs to the surname)
            and not (set(other.split()[: -len(words)]) & {"of", "for", "and", "&", "de", "du", "del", "des"})
            # ... nor "Istanbul" of "Borsa Istanbul": a place is a surname only of a person's name
            and not (place_word and not _surname_of_person(spelling_of[other].split()))
        }
        if len(ending) == 1:
            parent[short] = next(iter(ending))
            continue
        if ending:
            continue  # two people share the surname: it stays apart
        # A first family name said alone: "Cantú" of "María José Cantú Elizondo", "Salinas" of
        # "Guadalupe Salinas de la Fuente" (Spanish and Portuguese names carry two).
        inner = {
            root(other)
            for other in longer
            if len(words) == 1
            and len(other.split()) >= 3
            and words[0] in other.split()[1:-1]
            and _surname_of_person(spelling_of[other].split())
            and not gazetteer.is_given_name(written)
        }
        if len(inner) == 1:
            parent[short] = next(iter(inner))
            continue
        place_shaped = (
            words[0] in PLACE_FIRST_WORDS
            or words[-1] in LANDFORM_HEADS | FACILITY_HEADS | GPE_HEADS
            or place_word
            or gazetteer.place_size(written) >= 1_000
        )
        if len(words) > 1:
            # "Gulf Meridian" of "Gulf Meridian Ports": a company's name without its head word
            # ("Lake Geneva" is no short form of "Lake Geneva Swimming Association"); "Qamar Gulf"
            # is of "Qamar Gulf Shipping LLC" though place-shaped: a registered company's name.
            prefixed = {
                root(other)
                for other in longer
                if other.split()[: len(words)] == words
                and (
                    (other.split()[-1] in ORG_HEADS and not place_shaped)
                    or gazetteer.legal_form_words(spelling_of[other].replace(",", " ").split())
                )
            }
            if len(prefixed) == 1:
                parent[short] = next(iter(prefixed))
                continue
            if not place_shaped:
                continue
        if words[-1] in LANDFORM_HEADS | GPE_HEADS:
            continue  # "Marlow County" is no short form of "Marlow County Board of Elections"
        # A longer name this one starts ("Kestrel" of "Kestrel Airlines", "Tuzla Freeport" of "Tuzla
        # Freeport Terminal Operators A.Ş."), not one that only shares its first word.
        starting = {root(other) for other in longer if other.split()[: len(words)] == words}
        if len(starting) != 1:
            continue
        target = next(iter(starting))
        if target.split()[-1] in LANDFORM_HEADS | FACILITY_HEADS | GPE_HEADS:
            continue
        if gazetteer.place_size(written) or gazetteer.place_size(written.title()):
            continue
        parent[short] = target
    return {key: root(key) for key in parent}


def _surname_of_person(words: list[str]) -> bool:
    """A name that is a person's by its words: a given name first and a family name last."""
    return person_like(words) and gazetteer.is_family_name(words[-1])


def bare_surname(
    words_of: ArticleWords,
    entities: Sequence[Entity],
    members: Sequence[tuple[str, str]],
    shape: Callable[[str], tuple[Mapping[str, float], str | None]],
) -> float:
    """A two- or three-word name whose last word comes back alone ("Ethiopia's Tigist Alemu ...
    Alemu finished second", "Adebayo Ogundipe ... Ogundipe said"): people are named again by their
    family name, organisations and places by their first word or in full. The word must not be a place,
    a common word (written in lower case in the article too) or a head word of any kind. `members`
    are the name's (key, spelling) pairs; `shape` gives a spelling's evidence from its own words
    (`nametypes._shape`). Returns the evidence for PERSON."""
    spelling = max((written for _, written in members), key=fullest)
    words = spelling.split()
    # The word alone may be a short form joined to this name already ("Ogundipe"): it counts too;
    # another one-word short form ("Kestrel" of "Kestrel Airlines") says nothing here.
    if len(words) not in {2, 3} or any(
        len(key.split()) == 1 and key != words[-1].casefold() for key, _ in members
    ):
        return 0.0
    last = words[-1]
    # Capitalised words of any Latin alphabet ("Phan Văn Hậu"), not initials or acronyms.
    if not all(re.fullmatch(r"[^\W\d_][\w'’\-]+", w) and w[0].isupper() and w[1].islower() for w in words):
        return 0.0
    if len(last) < 3:
        return 0.0
    if last.lower() in words_of.lower:
        return 0.0  # a common word that a sentence may open with
    spots = words_of.alone.get(last)
    if not spots:
        return 0.0
    scores, _ = shape(spelling)
    if scores.get("ORG", 0) > 0 or scores.get("PLACE", 0) > 0 or gazetteer.place_size(last) >= 15_000:
        return 0.0
    if last.lower() in ORG_HEADS | GPE_HEADS | LANDFORM_HEADS | FACILITY_HEADS | GEO_NOUNS:
        return 0.0
    # Not inside another name (a mention of the word alone counts).
    found = sum(
        1
        for start, end in spots
        if not any(e.start < end and start < e.end and (e.start, e.end) != (start, end) for e in entities)
    )
    return min(4.0, 2.5 + 0.5 * found) if found else 0.0
