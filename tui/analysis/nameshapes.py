"""The shape of a run of capitalised words: where such runs are in a text ("in China. The World Bank"
is two), and what a run names by its shape alone (a legal form or an organisation's head word, a
landform's head, a given name first)."""

from __future__ import annotations

import re
from collections import defaultdict

from tui.analysis import gazetteer
from tui.analysis.nameedges import is_nationality
from tui.analysis.namewords import (
    _NOT_GIVEN,
    _WORD_FORM_SPELLINGS,
    ARTICLE_WORDS,
    CALENDAR,
    FACILITY_HEADS,
    GPE_HEADS,
    HEADS_BEFORE_OF,
    HEADS_BEFORE_ON,
    HONORIFICS,
    INSTITUTIONS,
    LANDFORM_HEADS,
    NATIVE_COUNTRIES,
    ORG,
    ORG_COMPOUND,
    ORG_FIRST_WORDS,
    ORG_HEADS,
    PATRONYMIC,
    PERSON,
    PERSON_TITLES,
    PLACE,
    PLACE_COMPOUND,
    PLACE_FIRST_WORDS,
    POLITICAL,
    STREET_COMPOUND,
    STREET_FIRST_WORDS,
)

# Capitals of the Latin alphabets news prints names in ("Łódź", "Świnoujście", "A.Ş.", "Čapek").
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_CAPITALISED_RUN = re.compile(
    rf"(?<![\w\-’'])[{_UPPER}](?:[\w’'\-]|\.(?=[{_UPPER}]))*\.?(?:(?: (?:of|for|on)(?: the)?"
    rf"| (?:de|del|di|du|des|der|da|do|dos)| (?:and|&))? [{_UPPER}](?:[\w’'\-]|\.(?=[{_UPPER}]))*\.?)*"
)


def _legal_tail(text: str) -> int:
    """Length of a legal form right at the start of `text` (" GmbH of Hamburg" -> 5), 0 if none."""
    tokens = list(re.finditer(r"[^\s,()]+", text[:24]))[:4]
    if not tokens or not re.match(r",? ", text):
        return 0
    for size in range(len(tokens), 0, -1):
        words = ["X", *(token.group(0) for token in tokens[:size])]
        if gazetteer.legal_form_words(words) == size:
            return tokens[size - 1].end()
    return 0


# A centre named for the work it does is an institution; for what happens in it, a building
# ("Eastgate Community Centre", "Llanishen Leisure Centre", "Scotiabank Centre").
_SERVICE_BEFORE_CENTRE = frozenset(
    """health care research medical cancer conservation friendship rehabilitation policy studies legal
    advice resource resources training treatment crisis trauma counselling development innovation
    monitoring forecasting coordination operations emergency disease control prevention diagnostic
    diagnostics documentation excellence""".split()
)
# A body named for its remit, which may take "and" ("Ministry of Mines and Energy", "Department of
# Fisheries and Aquatic Resources").
BODY_OF = re.compile(
    r"(?:Ministry|Department|Office|Bureau|Institute|Secretariat|Commission|Agency) (?:of|for) "
)


def remit_words(words: list[str]) -> bool:
    """Whether words after a remit's "and" go on with it ("Energy", "Aquatic Resources") rather than
    name another body ("Deutsche Bank", "Kestrel Ltd"): a few dictionary words, no legal form."""
    return (
        len(words) <= 3
        and gazetteer.is_common_word(words[0].lower())
        and not gazetteer.legal_form_words(["X", *words])
    )


_FACILITY_FIRST_WORDS = frozenset(
    """estadio estádio stade stadio stadion palacio palácio palais palazzo puente ponte pont
    aeropuerto aeroporto aéroport teatro théâtre catedral cathédrale iglesia igreja église mercado""".split()
)
_GENERATION = frozenset({"júnior", "junior", "jr", "filho", "neto", "sobrinho", "iii", "iv"})
# Facility heads that are no family name nor a common last word of a company ("Hall", "Field", "Way"
# are both).
_SURE_FACILITY_HEADS = frozenset(
    {"airport", "stadium", "bridge", "station", "terminal", "racecourse", "velodrome", "lighthouse",
     "dam", "motorway", "expressway", "highway", "boulevard", "avenue", "tunnel", "harbour", "harbor",
     "pier", "wharf", "quay", "marina", "cathedral", "mosque", "temple", "arena", "airfield"}
)  # fmt: skip


# A road named by its kind and number anywhere: "Route Nationale 7", "State Highway 6", "Ruta 40".
NUMBERED_ROAD = re.compile(
    r"\b((?:State |National |Federal |Provincial |County )?(?:Route|Highway|Autoroute|Carretera|Ruta|"
    r"Rodovia|Interstate|Autobahn|Autostrada|Road)(?: [Nn]ationale| [Nn]acional| [Nn]ational)? "
    r"(?:No\.? ?)?\d{1,4}[A-Z]?)\b"
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
    if len(words) >= 3 and folded[-1] in NATIVE_COUNTRIES and _run_kind(words[:-1]) == "ORG":
        return "ORG"  # "DB Cargo Polska": a company's national arm
    if (
        len(words) == 3
        and folded[1] in {"de", "do", "da", "di", "del", "du", "des"}
        and (folded[2] in NATIVE_COUNTRIES or gazetteer.place_size(words[2]) >= gazetteer.COUNTRY)
        and not gazetteer.is_given_name(words[0])
    ):
        return "ORG"  # "Infraestruturas de Portugal", "Banco de España": a country's own body
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
    if len(words) >= 2 and folded[-1] in _SURE_FACILITY_HEADS:
        return "FAC"  # "King Abdulaziz International Airport", "Loftus Versfeld Stadium"
    if len(words) >= 2 and folded[0] in _FACILITY_FIRST_WORDS:
        return "FAC"  # "Estadio Nacional", "Palacio Legislativo": the head first, as Romance names put it
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
            if (
                not current
                and word.rstrip(".").lower() in HONORIFICS | PERSON_TITLES
                and not (
                    words[-1].lower() in _SURE_FACILITY_HEADS | ORG_HEADS
                    and not {"of", "for"} & {word.lower() for word in words}
                )
            ):  # (but "King Abdulaziz International Airport", "Prince Sultan University")
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
            following = words[index + 1] if index + 1 < len(words) else ""
            if (
                word in {"and", "&"}
                and current
                and (
                    current[-1].lower() in FACILITY_HEADS | LANDFORM_HEADS | GPE_HEADS
                    or (len(current) > 1 and gazetteer.legal_form_words(current))  # "... Corporation and"
                    # not "Ministry of Mines and Energy": a name's own words on both sides
                    or (
                        current[-1].lower() in ORG_HEADS
                        and (following.isupper() or not gazetteer.is_common_word(following))
                    )
                )
            ):
                pieces.append((piece_start, current))  # "PKP Cargo and DB Cargo Polska": two names
                piece_start += len(" ".join(current)) + len(word) + 2
                current = []
                continue
            if (
                word.lower() in {"of", "for"}
                and len(current) > 1
                and ("." in current[-1] or current[-1].isupper())  # not "... Corporation of the"
                and gazetteer.legal_form_words(current)
            ):
                pieces.append((piece_start, current))  # "Qualcomm Inc. of San Diego": a company, a place
                piece_start += len(" ".join(current)) + len(word) + 2
                current = []
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
                and not (possessive.group(0) in {"'", "’"} and _common_noun(word[:-1]))
            ):  # ("Prosecutor's Office of Bosnia", "Iranian Students' News Agency": one name)
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


_HYPHENATED_PLACE = re.compile(
    r"^(?:Île|Ile|Isla|Isle)-\w|\w-(?:sur|sous|lès|les|le|la|en|et|de|du|des|am|an|im|ob|upon|on|by)-\w"
)


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


Scores = defaultdict[str, float]


def _scores(start: Scores | None = None) -> Scores:
    scores: Scores = defaultdict(float)
    if start:
        _add(scores, start)
    return scores


def _add(target: Scores, source: Scores) -> None:
    for kind, value in source.items():
        target[kind] += value


def _shape(text: str) -> tuple[Scores, str | None]:
    """Evidence from the name itself, and the fine place label its head word implies."""
    score = _scores()
    words = text.replace(",", " ").split()
    if not words:
        return score, None
    folded = [word.replace(".", "").lower() for word in words]
    if NUMBERED_ROAD.fullmatch(text):
        score[PLACE] += 4  # "Route Nationale 7", "State Highway 6"
        return score, "FAC"
    if (
        len(words) == 1
        and len(text) > 4  # not a brand of a syllable or two ("Teva")
        and re.search(PATRONYMIC, text)
        and text[:1].isupper()
        and not text.isupper()
        and not gazetteer.place_size(text)
        and not gazetteer.is_common_word(text.lower())
    ):
        score[PERSON] += 2  # "Vuletić", "Einarsdóttir" alone: a family name's ending
    if len(words) == 1 and _HYPHENATED_PLACE.search(text):
        score[PLACE] += 2.5  # "Île-Bigras", "Mauges-sur-Loire"

    fine: str | None = None
    if text in INSTITUTIONS or (len(words) == 2 and words[1] in INSTITUTIONS and words[0][0].isupper()):
        score[ORG] += 5  # "the Bundestag", "the Verkhovna Rada"
        return score, None
    if gazetteer.is_airport(text):
        score[PLACE] += 4  # "flights from Schiphol", "King Shaka International"
        return score, "FAC"
    if gazetteer.legal_form_words(words) or (len(words) > 1 and words[0] in gazetteer.LEGAL_PREFIXES):
        score[ORG] += 6
        return score, None
    if gazetteer.is_listed_company(text) and not (
        len(words) == 1 and (gazetteer.place_size(text) >= 15_000 or gazetteer.is_landform(text))
    ):
        # "Morgan Stanley", "Ahold Delhaize", "Tesla": a company of a major stock index, whatever its
        # words look like (a place of that name, "Amazon", is left to the context).
        score[ORG] += 5 if len(words) > 1 else 3.5
        return score, None
    if "&" in words or "and" in folded[1:-1] and len(words) >= 3 and words[-1][:1].isupper():
        score[ORG] += 1.5  # "Okafor & Sons", "Procter and Gamble"
    connectors = {"of", "for", "de", "di", "del", "des", "der", "on"}
    cut = next((i for i, word in enumerate(folded) if i and word in connectors), len(folded))
    last = folded[cut - 1]
    first = folded[0]
    while len(words) > 1 and words[-1][:1].islower() and words[-1] not in _WORD_FORM_SPELLINGS:
        words, folded = words[:-1], folded[:-1]  # "Texas company": a common noun is no head
    head = folded[1] if len(folded) > 2 and folded[0] in ARTICLE_WORDS else folded[0]
    if len(words) > 1 and head in ORG_FIRST_WORDS:
        score[ORG] += 4  # "Borsa Istanbul", "Grupa Kęty", "Club Brugge"
    if len(words) > 1 and any(word in POLITICAL for word in folded):
        score[ORG] += 3  # "Social Democratic Centre", "Green Left Alliance": parties
    known_place = len(words) > 1 and gazetteer.place_size(" ".join(words)) >= 15_000
    if known_place:
        pass  # "Ho Chi Minh City", "Bay City": the gazetteer knows better than the head word
    elif len(words) > 1:
        while folded[-1].isdigit() and len(folded) > 2:
            folded = folded[:-1]  # "National Route 5", "Fab 3"
        last = folded[min(cut, len(folded)) - 1]
        if folded[-1] in ORG_HEADS and folded[-1] not in {"city"}:
            score[ORG] += 6  # "Port of Rotterdam Authority": the last word decides
        elif last in ORG_HEADS and last != "city":
            score[ORG] += 4
        elif cut < len(folded) and last in {"centre", "center", "house", "institute", "school"}:
            score[ORG] += 4  # "Centre for Strategic Maritime Studies"
        elif last in {"centre", "center"} and folded[-2] in _SERVICE_BEFORE_CENTRE:
            score[ORG] += 4  # "Milford Care Centre", "Kenya Medical Research Centre": who, not where
        elif last in LANDFORM_HEADS or first in PLACE_FIRST_WORDS - {"gulf", "bay", "cape"}:
            score[PLACE] += 4
            fine = "LOC"
        elif first in {"gulf", "bay", "cape"} and (cut < len(folded) or len(folded) == 2):
            score[PLACE] += 1.5 if cut == len(folded) else 4  # "Gulf of Guinea"; "Gulf Meridian"?
            fine = "LOC"
        elif first in _FACILITY_FIRST_WORDS:
            score[PLACE] += 4  # "Estadio Ricardo Saprissa", "Aeropuerto Internacional La Aurora"
            fine = "FAC"
        elif last in FACILITY_HEADS and not (len(words) == 2 and gazetteer.is_given_and_family(words)):
            score[PLACE] += 3  # not "Jake Field", "Katie Hall": a given name and a family name
            fine = "FAC"
        elif last in GPE_HEADS:
            score[PLACE] += 3
            fine = "GPE"
        # "University of Lisbon", "Ministry of Finance", "Bank of Japan".
        if len(folded) > 2 and folded[1] in connectors:
            if first in ORG_HEADS:
                score[ORG] += 4
            elif first in LANDFORM_HEADS | PLACE_FIRST_WORDS:
                score[PLACE] += 3
                fine = "LOC"
            elif first in GPE_HEADS:
                score[PLACE] += 3
                fine = "GPE"
        if (
            any(
                word
                in {
                    "van",
                    "von",
                    "de",
                    "da",
                    "bin",
                    "ibn",
                    "al",
                    "abu",
                    "ben",
                    "ter",
                    "dos",
                    "del",
                    "ap",
                    "ab",
                    "bint",
                    "binti",
                    "ferch",
                    "ó",
                    "ní",
                    "nic",
                    "uí",
                    "mac",
                    "mhic",
                }
                for word in folded[1:-1]
            )
            and not score
        ):
            score[PERSON] += 1
        if re.fullmatch(r"[A-Z]\.", words[0]) or (len(words) > 2 and re.fullmatch(r"[A-Z]\.", words[1])):
            score[PERSON] += 1.5  # "J. Okafor", "John F. Kerry"
        elif re.fullmatch(r"[B-DF-HJ-NP-TV-XZ]", words[0]) and words[1][:1].isupper() and not score:
            score[PERSON] += 1.5  # "P Walsh", "M Fennelly" in a scorers' line (not "A Coruña", "O Grove")
        if folded[-1] in _COMPASS_LAST and len(words) >= 2 and not score:
            score[PLACE] += 2.5  # "Vesterhav Syd", "Pelican South", "Muelle Norte": a field, a district
        if words[0] in {"Le", "La", "Les", "Los", "Las", "Il"} and len(words) == 2 and not score:
            score[PERSON] -= 2  # "Le Télégramme", "Les Républicains", "Le Châble": no one's name alone
        if folded[0] in _GAELIC and len(words) >= 2 and not score:
            score[PERSON] += 3  # "Ó Baoill", "Ní Bhaoill", "Mac Giolla Bhríde": an Irish family name
        elif any(word in _GAELIC for word in folded[1:-1]) and not score:
            score[PERSON] += 2  # "Caitlín Nic Giolla Bhríde", "Donnchadh Ó Baoill"
        if any(ch.isdigit() for ch in text):
            score[PERSON] -= 3
        if (
            first
            in {
                "north",
                "south",
                "east",
                "west",
                "central",
                "northern",
                "southern",
                "eastern",
                "western",
                "upper",
                "lower",
                "greater",
                "inner",
                "outer",
            }
            and not score
        ):
            score[PLACE] += 2.5  # "East Africa", "Upper Palatinate"
            fine = "LOC"
        if re.search(PATRONYMIC, words[-1]) and not score:
            score[PERSON] += 3  # "Einarsdóttir", "Kowalska", "Petrović"
        if len(words) > 2 and folded[-1].rstrip(".") in _GENERATION and not score:
            score[PERSON] += 3  # "Ilídio Cossa Júnior", "Rafael Bittencourt Filho", "Martin Luther King Jr."
        if (
            len(words) > 1
            and not score
            and not gazetteer.is_given_name(words[0])
            and not gazetteer.place_size(" ".join(words))
            and gazetteer.place_size(words[-1]) >= 100_000
            and len(words[-1]) > 3  # not "Chbar Mon", "Thac Ba": a syllable that is also a city
            and not gazetteer.is_family_name(words[-1])
        ):
            score[PERSON] -= 2  # "Euronext Amsterdam", "ETH Zurich", "Legia Kraków": named for a city
            score[ORG] += 2.5
        if (
            len(words) == 2
            and not score
            and gazetteer.place_size(words[0]) >= 15_000
            and not gazetteer.place_size(" ".join(words))
            and re.fullmatch(r"[A-Z][a-z]+s", words[1])
            and not gazetteer.is_family_name(words[1])
            and folded[1] not in LANDFORM_HEADS | GPE_HEADS | FACILITY_HEADS
            and (gazetteer.is_common_word(words[1][:-1].lower()) or not gazetteer.is_given_name(words[0]))
        ):
            score[ORG] += 4  # "Leeds Rhinos", "Wigan Warriors", "Nakuru Leopards": a town's team
        if not score and not any(
            gazetteer.is_given_name(word) or gazetteer.is_family_name(word) for word in words
        ):
            score[PERSON] -= 1.5  # "Khor Fakkan", "Republika Srpska": no word of it names people
        if not score:
            # No head word: the name's own words. A given name first ("Kwame Asante"), a family
            # name last, or first as in Chinese, Korean and Vietnamese names ("Chen Wei-lun").
            big_place = gazetteer.place_size(words[0]) >= gazetteer.REGION
            if gazetteer.is_given_name(words[0]) and not big_place:
                score[PERSON] += 2
            if gazetteer.is_family_name(words[-1]):
                score[PERSON] += 1
            elif len(words) <= 3 and gazetteer.is_family_name(words[0]) and not big_place:
                score[PERSON] += 2 if "-" in words[1] else 1  # "Choi Myung-soo", "Nguyen Thi Lan"
        if any(2 <= len(word) <= 5 and word.isupper() and word.isalpha() for word in words):
            score[ORG] += 2.5  # "ETH Zurich", "BMW Group", "Emirates NBD"
            score[PERSON] -= 1
    if len(words) > 1 and folded[0] in {"st", "saint", "sankt", "san", "santa", "são", "sao"} and not score:
        score[PLACE] += 2  # "St Mellons", "San Sebastián" (a saint's name is rarely a person's in news)
    if re.search(r"\w-(?:sur|sous|lès|les|le|la|en|et|de|du|des|am|an|im|ob|upon|on|by)-\w", text):
        score[PLACE] += 4  # "Mauges-sur-Loire", "Maine-et-Loire", "Frankfurt-am-Main"
        fine = "GPE"
    if len(words) == 1 and re.fullmatch(r"[A-Z][a-z]+[A-Z][A-Za-z]+", text):
        if not re.match(r"(?:Mc|Mac|De|Di|La|Le|Van|Von|Du|Da|Al|El|Ben|Fitz)[A-Z]", text):
            score[ORG] += 2  # "GlobalFoundries", "PayPal"
    if re.search(ORG_COMPOUND, folded[-1]) and folded[-1] not in ORG_HEADS:
        score[ORG] += 3  # "Landesbank", "Havenbedrijf", "Stadtwerke": the head inside one word
    elif re.search(PLACE_COMPOUND, folded[-1]) and len(words) == 1:
        score[PLACE] += 2  # "Waalhaven", "Donaustauf"
    elif re.search(STREET_COMPOUND, folded[-1]) or (len(words) > 1 and folded[0] in STREET_FIRST_WORDS):
        score[PLACE] += 4  # "Prins Clauslaan", "Kurfürstendamm", "Rue de Rivoli": streets
        fine = "FAC"
    if len(words) == 1 and folded[0] in ORG_HEADS and text[:1].isupper():
        score[ORG] += 3  # "Parliament", "Congress", "Police"
    if len(words) == 2 and gazetteer.place_size(words[1]) >= 15_000 and not gazetteer.is_given_name(words[0]):
        score[PERSON] -= 2  # "Odra Racibórz", "Legia Kraków": a club or company and its town
    if text.isupper() and len(text.replace(".", "")) <= 6 and len(words) == 1:
        score[PERSON] -= 2  # acronyms name organisations (or places), not people
    return score, fine


_COMPASS_LAST = frozenset(
    {"north", "south", "east", "west", "nord", "syd", "sud", "süd", "zuid", "noord", "oost", "ouest", "est",
     "norte", "sur", "oeste", "este", "øst", "vest", "ost", "itä", "länsi", "pohjoinen", "etelä"}
)  # fmt: skip
_GAELIC = frozenset({"ó", "ní", "nic", "mac", "mhic", "uí", "mag"})
_PARTY_SEAT = re.compile(
    r"(?P<party>[A-Z][\w’'\-]*(?: [A-Z][\w’'\-]*){0,3}) (?:MP|TD|MEP|MLA|MSP|MHK|MPP|MNA) "
    r"(?P<person>[A-Z][\w’'\-.]*(?: [A-Z][\w’'\-.]*){1,3})$"
)
_NAME_PARTICLES = frozenset({"ap", "ab", "bin", "binti", "ibn", "van", "von", "de", "da", "del", "dos"})


def _nested_bodies(text: str) -> tuple[str, int] | None:
    """An organisation named with its parent after a second "of" ("Institute of Geophysics of the
    Polish Academy of Sciences"): the first name and where the parent's starts."""
    ofs = list(re.finditer(r" of (?:the )?(?=[A-Z])", text))
    for match in ofs[1:]:
        left, right = text[: match.start()], text[match.end() :]
        if _run_kind(left.split()) == "ORG" and _run_kind(right.split()) == "ORG" and len(right.split()) >= 3:
            return left, match.end()
    return None


def _person_before_of(words: list[str]) -> bool:
    """Whether the words before "of" in "Owain Jenkins of Visma-Lease a Bike" name a person: a given
    name first, or two or three capitalised words of which the last is a family name or a particle
    joins ("Dafydd ap Ifan"), none a dictionary word, a place or an organisation's head."""
    if person_like(words):
        return True
    if not 2 <= len(words) <= 3 or not all(word[:1].isupper() or word in _NAME_PARTICLES for word in words):
        return False
    if any(
        _common_noun(word) or gazetteer.place_size(word) >= 15_000 or word.lower() in ORG_HEADS
        for word in words
        if word not in _NAME_PARTICLES
    ):
        return False
    return gazetteer.is_family_name(words[-1]) or (len(words) == 3 and words[1] in _NAME_PARTICLES)


def _and_joins_words(words: list[str]) -> bool:
    """Whether every "and" of a run joins two dictionary words ("Parks and Wildlife Service",
    "Land and Maritime Transport"), not two names ("Emirates and Ethiopian Airlines", "Frederica
    Street and Syndicate Avenue")."""
    joins = [i for i, word in enumerate(words) if word in {"and", "&"}]
    return bool(joins) and all(
        0 < i < len(words) - 1
        and words[i - 1].lower() not in FACILITY_HEADS | LANDFORM_HEADS | GPE_HEADS | ORG_HEADS
        and all(
            gazetteer.is_common_word(words[j])
            and not is_nationality(words[j])
            and gazetteer.place_size(words[j]) < 15_000
            for j in (i - 1, i + 1)
        )
        for i in joins
    )
