"""Lines that say what the names in them are: a story's dateline ("LISBON, Portugal, May 3 (Wire) -"),
results and standings tables, scorers and line-ups."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tui.analysis import gazetteer
from tui.analysis.namewords import (
    _COMMON_OPENERS,
    ORG,
    ORG_HEADS,
    PERSON,
)
from tui.analysis.types import Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc

_DATELINE = re.compile(
    r"^(?P<city>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\-]+(?: [A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\-]+){0,3})"
    r"(?:, (?P<region>[A-Z][A-Za-z'’.\-]+(?: [A-Z][A-Za-z'’.\-]+){0,2}))?"
    r"(?:,? (?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}"
    r"|\d{4}-\d\d-\d\d))?"
    r"\s*(?:\((?P<credit>[A-Z][^()\n]{1,48})\))?"
    r"(?P<end>\s*[—–]+\s*|\s+-{1,2}\s+|\s*-{1,2}\s+|:\s+|\s*$)"
)
# "9 Nov 2026", "Nov. 9, 2026", "November 9": a date after a dateline's place
_DAY_MONTH = (
    r"(?:,? (?:\d{1,2} )?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
    r"(?: \d{1,2})?(?:,? \d{4})?)?"
)
_TITLE_DATELINE = re.compile(
    r"^(?P<city>[A-Z][a-z'’.\-]+(?: [A-Z][a-z'’.\-]+){0,2})"
    r"(?:, (?P<region>[A-Z][A-Za-z'’.\-]+(?: [A-Z][A-Za-z'’.\-]+){0,2}))?"
    + _DAY_MONTH
    + r"\s*(?:\((?P<credit>[A-Z][^()\n]{1,48})\))?(?P<end>\s*[—–]+\s*)"
)

_TITLE_HYPHEN_DATELINE = re.compile(
    r"^(?P<city>[A-Z][a-z'’.\-]+(?: [A-Z][a-z'’.\-]+){0,2})"
    r"(?:, (?P<region>[A-Z][A-Za-z'’.\-]+(?: [A-Z][A-Za-z'’.\-]+){0,2}))?"
    + _DAY_MONTH
    + r"\s*(?:\((?P<credit>[A-Z][^()\n]{1,48})\))?(?P<end> -{1,2} )"
)


@dataclass
class Dateline:
    """Where a story's dateline puts it: places and the credit, as body offsets."""

    places: list[tuple[int, int]] = field(default_factory=list)
    credit: tuple[int, int] | None = None
    end: int = 0
    start: int = 0


def find_dateline(text: str, offset: int = 0) -> Dateline | None:
    """The dateline at the start of a story's first paragraph ("LISBON, Portugal, May 3 (Wire) -")."""
    match = _DATELINE.match(text)
    if match is not None:
        city = match.group("city")
        words = city.split()
        # "NATO" alone is an acronym opening a sentence, not a dateline: a dateline has a dash,
        # a date or a credit after it, or is the whole line ("LONDON 1996-08-30").
        has_marker = bool(match.group("date") or match.group("credit") or match.group("end").strip())
        if not has_marker and match.end() < len(text):
            match = None
        elif len(words) > 4 or (len(city) <= 3 and not match.group("credit") and not match.group("date")):
            match = None
        elif (
            match.group("end").startswith(":")
            and not match.group("date")
            and gazetteer.place_size(city.title()) < 15_000
        ):
            match = None  # "NEW DELHI: The court" as Indian papers write it; not "UPDATE: ..."
    if match is None:
        match = _TITLE_DATELINE.match(text)
        if match is None:
            # "Bengaluru - The court ...": a plain hyphen after a place the gazetteer knows.
            match = _TITLE_HYPHEN_DATELINE.match(text)
            if match is None or not gazetteer.place_size(match.group("city")) >= 15_000:
                return None
    found = Dateline(end=offset + match.end(), start=offset)
    for group in ("city", "region"):
        if match.group(group):
            found.places.append((offset + match.start(group), offset + match.end(group)))
    if match.group("credit"):
        found.credit = (offset + match.start("credit"), offset + match.end("credit"))
    return found


_TABLE_NAME = r"[A-ZÀ-ÖØ-Þ][\w'’.\-]*(?: (?:of|the|de|&|and|St\.?|[A-ZÀ-ÖØ-Þ][\w'’.\-]*))*"
# "Aberdeen 2 Hibernian 1", "Celtic 33 25 5 3 82 24 80", "Equinor 312.40 +1.2"
_RESULT_LINE = re.compile(
    rf"^(?P<a>{_TABLE_NAME})\s+[-+]?\d[\d.,:%]*(?:\s+(?:(?P<b>{_TABLE_NAME})\s+)?[-+]?\d[\d.,:%]*)*\s*\.?$"
)
# "Aberdeen - Bojan Miovski 12 , Leighton Clarkson 77"
_SCORERS = re.compile(rf"(?:^|[;:.]\s*)(?P<team>{_TABLE_NAME})\s+-\s+(?P<players>[^;]+)")
_PLAYER = re.compile(rf"(?P<name>{_TABLE_NAME})\s+\(?\d")


# "Antalyaspor (4-2-3-1): Öztürk; ...": a team, perhaps its formation, and its players.
_LINEUP_HEAD = re.compile(rf"^\s*(?P<team>{_TABLE_NAME})(?:\s*\(\d(?:-\d){{2,3}}\))?\s*(?:-|–|:)\s+")
_LINEUP_ITEM = re.compile(rf"^\s*(?P<name>{_TABLE_NAME})(?:\s+\d+(?:\+\d+)?'?)?\s*$")
_POSITIONS = frozenset(
    {"goalkeeper", "goalkeepers", "defenders", "defender", "midfielders", "midfielder", "forwards",
     "forward", "strikers", "substitutes", "subs", "coach", "manager", "bench", "starting", "reserves"}
)  # fmt: skip


def _lineup(line: str) -> list[tuple[int, int, str]] | None:
    """ "Kisumu City - Wanyama; Achieng, Omondi, Baraka Mwangi (Otieno 70)": a team and its players
    (a position word before the dash names no team: "Defenders - A, B, C"); a team's whole line-up
    in one line, position by position ("Odra Racibórz: Goalkeeper - Bartosz Kamiński. Defenders -
    Mateusz Zieliński, Park Ji-hoon ..."); lines of the pitch split by dashes ("Partizan: Radojičić –
    Vujačić, Popović – Sanković (62' Ilić) – Hodžić")."""
    head = _LINEUP_HEAD.match(line)
    if head is None:
        return None
    items: list[tuple[int, int]] = []
    position = head.end()
    for part in re.split(r"(\.\s+)(?=[A-Z][a-z]+\s*[-–:]\s)", line[head.end() :]):
        start = position
        position += len(part)
        if re.fullmatch(r"\.\s+", part):
            continue
        named = _POSITION_HEAD.match(part)
        skip = named.end() if named is not None and named.group("pos").lower() in _POSITIONS else 0
        offset = start + skip
        for piece in re.split(r"([;,()]|\s[–—-]\s)", part[skip:]):
            if piece in {";", ",", "(", ")"} or not piece.strip(" .\t–—-"):
                offset += len(piece)
                continue
            # "(62' Kostić)": a substitute after the minute he came on
            minute = re.match(r"\s*\d{1,3}(?:\+\d+)?['’]?\s+(?=[A-Z])", piece)
            if minute is not None:
                offset += minute.end()
                piece = piece[minute.end() :]
            item = _LINEUP_ITEM.match(piece.rstrip("."))
            if item is None:
                return None
            items.append((offset + item.start("name"), offset + item.end("name")))
            offset += len(piece)
    if len(items) < 4:
        return None
    found = [(start, end, PERSON) for start, end in items]
    if head.group("team").lower() not in _POSITIONS:
        found.insert(0, (head.start("team"), head.end("team"), ORG))
    return found


# "Attendance: 51,300. Partizan: Radojičić – Vujačić, ...": a line-up after a sentence of the same paragraph
_SENTENCE_THEN_TEAM = re.compile(r"(?<=[.)])\s+(?=[A-Z][\w'’.\-]*(?: [A-Za-z][\w'’.\-]*){0,3}:\s)")


def _lineups_inside(line: str) -> list[tuple[int, int, str]] | None:
    """The line-ups of a paragraph whose lines were joined (a Markdown paragraph, a page's <br>),
    first or after a sentence ("Lens: Lefebvre; Diouf, ... Sy. Scorers: ...")."""
    found: list[tuple[int, int, str]] = []
    starts = [0] + [match.end() for match in _SENTENCE_THEN_TEAM.finditer(line)]
    for start, end in zip(starts, [*starts[1:], len(line)], strict=True):
        segment = line[start:end]
        if (start or len(starts) > 1) and (names := _lineup(segment.rstrip())) is not None:
            found += [(start + a, start + b, kind) for a, b, kind in names]
    return found or None


_POSITION_HEAD = re.compile(r"\s*(?P<pos>[A-Z][a-z]+)\s*[-–:]\s+")


# A wire story's credits: "(Deniz Erkan reporting; editing by Burak Tezcan)", "Reporting by Jane Doe in
# London; Editing by John Smith".
_CREDIT_LINE = re.compile(
    r"^\(?(?:(?:Additional )?[Rr]eporting by |[Ww]riting by |[Ee]diting by |[Cc]ompiled by |"
    r"(?:Story|Words|Text|Photos|Photographs|Pictures) by |"
    r"[A-Z][^()]{2,80} reporting[;,)]).{0,200}\)?$"
)
_CREDIT_NAME = re.compile(r"[A-Z][\w’'\-]+(?: [A-Z][\w’'\-]+){0,3}")
_CREDIT_WORDS = frozenset(
    {"Reporting", "Additional", "Writing", "Editing", "Compiled", "Story", "Words", "Text", "Photos",
     "Photographs", "Pictures"}
)  # fmt: skip


def _credit_names(line: str) -> list[tuple[int, int, str]]:
    """The people of a credit line, and the places they reported from ("in London")."""
    found: list[tuple[int, int, str]] = []
    for match in _CREDIT_NAME.finditer(line):
        start, name = match.start(), match.group(0)
        first = name.split()[0]
        if first in _CREDIT_WORDS:
            if " " not in name:
                continue
            start += len(first) + 1
            name = name[len(first) + 1 :]
        place = line[max(0, start - 4) : start] == " in " or (
            # "Story by Akosua Mensah, Takoradi": where the reporter filed from
            line[max(0, start - 2) : start] == ", " and bool(found) and found[-1][1] == start - 2
        )
        if place:
            found.append((start, start + len(name), "GPE"))
        elif name.split()[-1].lower() in ORG_HEADS:
            found.append((start, start + len(name), ORG))  # "Compiled by Coastline News Service staff"
        elif " " in name:  # a person named in full
            found.append((start, start + len(name), PERSON))
    return found


_RESULTS_LABEL = re.compile(r"^\s*(?:[A-Z][a-z]+ )?(?:results?|scores?|fixtures)\s*:\s*", re.IGNORECASE)


def _results_in_line(line: str) -> list[tuple[int, int, str]] | None:
    """ "Other results: Simba Bhora 2 Herentals 0; FC Platinum 0 CAPS United 0": results run on
    in one line, split by semicolons (two at least, or after a "Results:" label)."""
    label = _RESULTS_LABEL.match(line)
    position = label.end() if label else 0
    found: list[tuple[int, int, str]] = []
    matched = 0
    # After a "Results:" label, results may also be split by commas ("Galatasaray 3 Gaziantep FK 1,
    # Fenerbahçe 2 Kasımpaşa 0").
    for piece in re.finditer(r"[^;,]+(?:,(?!\s)[^;,]*)*" if label else r"[^;]+", line[position:]):
        segment = piece.group()
        lead = position + piece.start() + len(segment) - len(segment.lstrip())
        if len(segment.split()) > 10:
            continue  # a sentence, not a result: no need to ask the pattern
        result = _RESULT_LINE.match(segment.strip())
        if result is None or not result.group("b"):
            continue
        matched += 1
        found += [(lead + result.start(g), lead + result.end(g), ORG) for g in ("a", "b")]
    return found if matched >= 2 or (label is not None and matched) else None


def table_lines(
    docs: Sequence[tuple[Doc, int]], entities: list[Entity]
) -> tuple[list[Entity], dict[int, str]]:
    """Names in the lines of a results table or a standings table are teams or listed companies
    (organisations), and the names before a minute in a scorers line are people; countries keep
    their own kind. Returns the entities with those lines' names, and start -> type for them."""
    made: list[Entity] = []
    kinds: dict[int, str] = {}
    for doc, offset in docs:
        text = doc.text
        position = 0
        for line in text.split("\n"):
            base = offset + position
            position += len(line) + 1
            found: list[tuple[int, int, str]] = []
            result = _RESULT_LINE.match(line.strip())
            lead = len(line) - len(line.lstrip())
            if result is not None and len(line.split()) <= 14:
                for group in ("a", "b"):
                    if result.group(group):
                        found.append((lead + result.start(group), lead + result.end(group), ORG))
            elif (results := _results_in_line(line)) is not None:
                found.extend(results)
            elif _lineup(line) is not None:
                found.extend(_lineup(line) or [])
            elif _CREDIT_LINE.match(line.strip()):
                found.extend(_credit_names(line))
            elif (inside := _lineups_inside(line)) is not None:
                found.extend(inside)
            else:
                for match in _SCORERS.finditer(line):
                    players = match.start("players")
                    scorers = [
                        (players + player.start("name"), players + player.end("name"), PERSON)
                        for player in _PLAYER.finditer(match.group("players"))
                    ]
                    if scorers:  # "Bengaluru - The Karnataka High Court ..." names no team
                        found.append((match.start("team"), match.end("team"), ORG))
                        found.extend(scorers)
            for start, end, kind in found:
                name = line[start:end].rstrip(".")
                end = start + len(name)
                if not name or name.lower() in _COMMON_OPENERS or name.isupper() and len(name) > 5:
                    continue
                label = kind
                if kind == ORG and gazetteer.place_size(name) >= gazetteer.COUNTRY:
                    label = "GPE"  # a medal table's countries stay places
                made.append(Entity(base + start, base + end, label, name))
                if label != "GPE":
                    kinds[base + start] = kind
    if not made:
        return entities, kinds
    spans = [(e.start, e.end) for e in made]
    kept = [e for e in entities if not any(e.start < b and a < e.end for a, b in spans)]
    return sorted(kept + made, key=lambda e: (e.start, e.end)), kinds
