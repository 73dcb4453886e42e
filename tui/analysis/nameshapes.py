"""The shape of a run of capitalised words: where such runs are in a text ("in China. The World Bank"
is two), and what a run names by its shape alone (a legal form or an organisation's head word, a
landform's head, a given name first)."""

from __future__ import annotations

import re

from tui.analysis import gazetteer
from tui.analysis.namewords import (
    _NOT_GIVEN,
    CALENDAR,
    FACILITY_HEADS,
    GPE_HEADS,
    HEADS_BEFORE_OF,
    HEADS_BEFORE_ON,
    HONORIFICS,
    LANDFORM_HEADS,
    ORG_HEADS,
    PERSON_TITLES,
    PLACE_FIRST_WORDS,
)

# Capitals of the Latin alphabets news prints names in ("Łódź", "Świnoujście", "A.Ş.", "Čapek").
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_CAPITALISED_RUN = re.compile(
    rf"(?<![\w\-’'])[{_UPPER}](?:[\w’'\-]|\.(?=[{_UPPER}]))*\.?(?:(?: (?:of|for|on)(?: the)?"
    rf"| (?:de|del|di|du|des|der|da|do|dos)| (?:and|&))? [{_UPPER}](?:[\w’'\-]|\.(?=[{_UPPER}]))*\.?)*"
)


def _run_kind(words: list[str]) -> str | None:
    """ORG, LOC or PERSON for a run of capitalised words that says so by its shape alone."""
    folded = [word.replace(".", "").lower() for word in words]
    if len(words) == 1 and _HYPHENATED_PLACE.search(words[0]):
        return "GPE"  # "Mauges-sur-Loire", "Maine-et-Loire"
    if len(words) >= 2 and gazetteer.legal_form_words(words):
        return "ORG"
    if len(words) >= 2 and folded[-1] in ORG_HEADS and folded[-1] not in {"city", "united", "co"}:
        return "ORG"
    # "Kiel Institute for the World Economy", "District Court of Rotterdam", "Federal Ministry for
    # Economic Affairs and Energy": an organisation's head word before "of" or "for" names it whole.
    # One head word first: "Office of the Vice President", "Commission on Audit" (not "Union of
    # India", a country).
    cut = next((i for i, word in enumerate(folded) if i and word in {"of", "for", "on"}), 0)
    if cut >= 2 and len(words) > cut + 1 and folded[cut - 1] in HEADS_BEFORE_OF:
        return "ORG"
    if cut == 1 and len(words) > 2 and folded[0] in HEADS_BEFORE_OF - {"union"}:
        return "ORG"
    if (
        cut == 1
        and len(words) > 2
        and folded[0] in {"port", "palace", "castle", "cathedral", "fort", "bridge"}
    ):
        return "FAC"  # "the Port of Rotterdam", "the Palace of Westminster"
    if len(words) >= 2 and (
        folded[-1] in LANDFORM_HEADS - {"park", "head", "point"} or folded[0] in PLACE_FIRST_WORDS
    ):
        return "LOC"
    if (
        2 <= len(words) <= 4
        and words[0] not in _NOT_GIVEN
        and gazetteer.is_given_name(words[0])
        and gazetteer.place_size(words[0]) < gazetteer.REGION
        and folded[-1] not in ORG_HEADS | FACILITY_HEADS | GPE_HEADS | LANDFORM_HEADS
        and all(word[:1].isupper() for word in words)
    ):
        return "PERSON"
    return None


_ABBREVIATION = re.compile(
    rf"(?:[{_UPPER}]\.)+|"
    r"(?:[A-Z][a-z]?\.){2,}|Co\.|Inc\.|Ltd\.|Corp\.|St\.|Mt\.|Ft\.|Jr\.|Sr\.|Bros\.|No\.|"
    r"Av\.|Ave\.|Rd\.|hf\.|Cie\.|Cia\.|Pvt\.|Pty\.|Bhd\.|Tbk\.|Ste\.|Dept\."
)


def _common_noun(word: str) -> bool:
    """A dictionary word that is no place ("Prosecutor", "Farmers"; not "China", "Sweden")."""
    return gazetteer.is_common_word(word) and gazetteer.place_size(word) == 0


def _runs(text: str) -> list[tuple[int, list[str]]]:
    """Runs of capitalised words, cut where a sentence ends ("in China. The World Bank")."""
    runs: list[tuple[int, list[str]]] = []
    for match in _CAPITALISED_RUN.finditer(text):
        start = match.start()
        words: list[str] = []
        for word in match.group(0).split(" "):
            words.append(word)
            if word.endswith(".") and not _ABBREVIATION.fullmatch(word):
                runs.append((start, words))
                start += len(" ".join(words)) + 1
                words = []
        if words:
            runs.append((start, words))
    pieces: list[tuple[int, list[str]]] = []
    for start, words in runs:
        current: list[str] = []
        piece_start = start
        for index, word in enumerate(words):
            if re.match(r"[A-Z][\w’']*-[a-z]", word) and not _HYPHENATED_PLACE.search(word):
                # "the Liberia-flagged Pune Express": an adjective made of a name ends a run
                if current:
                    pieces.append((piece_start, current))
                piece_start += len(" ".join(current)) + (1 if current else 0) + len(word) + 1
                current = []
                continue
            if not current and (word.rstrip(".").lower() in HONORIFICS | PERSON_TITLES):
                piece_start += len(word) + 1  # "Dr. Emmanuel Mushi": the title is not the name
                continue
            if word.lower() == "on" and not (
                current
                and current[-1].lower() in HEADS_BEFORE_ON
                and index + 1 < len(words)
                and words[index + 1].lower() not in CALENDAR
            ):
                # "Szczecin on the Oder", "Frankfurt on Monday": two names ("Commission on Audit" one)
                if current:
                    pieces.append((piece_start, current))
                piece_start += len(" ".join(current)) + (1 if current else 0) + len(word) + 1
                if index + 1 < len(words) and words[index + 1] == "the":
                    piece_start += 4
                current = []
                continue
            if word == "the" and not current and index and words[index - 1].lower() == "on":
                continue
            if word.lower() in {"of", "for"} and current and person_like(current):
                pieces.append((piece_start, current))  # "Park Ji-hoon of Hanbit Heavy Industries"
                piece_start += len(" ".join(current)) + len(word) + 2
                current = []
                continue
            possessive = re.search(r"['’]s?$", word)
            if (
                possessive is not None
                and index < len(words) - 1
                and (current or not _common_noun(word[: possessive.start()]))
            ):  # ("Prosecutor's Office of Bosnia", "Farmers' Union": one name)
                current.append(word[: possessive.start()])
                pieces.append((piece_start, current))  # "Sweden's Lindqvist AB"
                piece_start += len(" ".join(current)) + len(possessive.group(0)) + 1
                current = []
                continue
            current.append(word)
        if current:
            pieces.append((piece_start, current))
    return [(start, _without_full_stop(words)) for start, words in pieces if words]


def _without_full_stop(words: list[str]) -> list[str]:
    """ "Arabian Sea." -> "Arabian Sea": a sentence's full stop is not part of the name."""
    words = [w.rstrip(".") if len(w) > 4 and not _ABBREVIATION.fullmatch(w) else w for w in words]
    if words and words[-1].endswith(".") and not _ABBREVIATION.fullmatch(words[-1]):
        words[-1] = words[-1].rstrip(".")
    return [w for w in words if w]


_HYPHENATED_PLACE = re.compile(r"\w-(?:sur|sous|lès|les|le|la|en|et|de|du|des|am|an|im|ob|upon|on|by)-\w")


def person_like(words: list[str]) -> bool:
    """A given name first ("Emmanuel Mushi"), or a family name then a hyphenated given name."""
    if not words or gazetteer.place_size(words[0]) >= gazetteer.REGION:
        return False
    if gazetteer.is_given_name(words[0]) and words[0] not in _NOT_GIVEN:
        return len(words) > 1 and words[-1].lower() not in ORG_HEADS
    return (
        len(words) in {2, 3}
        and gazetteer.is_family_name(words[0])
        and ("-" in words[1] or gazetteer.is_given_name(words[-1]))
    )
