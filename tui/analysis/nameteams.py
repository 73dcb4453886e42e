"""Teams named after their towns: "Kisumu beat Nakuru 2-1", "Benfica are keen", "Tipperary goalkeeper".

In a sports report most places that act are clubs: a town that beats, hosts or signs, whose coach or
fans are named, or that takes a plural verb as British English gives a team ("Galatasaray have", while
"Tipperary is in Munster" stays a county). These cues count only in an article that is about sport
(`sporting`), so that "Germany beat inflation" in a business story changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from contextvars import ContextVar
from typing import TYPE_CHECKING

from tui.analysis import gazetteer

if TYPE_CHECKING:
    from spacy.tokens import Doc

SPORTS_WORDS = frozenset(
    """match derby goal goals scored striker midfielder defender goalkeeper keeper coach league cup season
    penalty penalties fixture kick-off half-time stadium transfer club squad referee semi-final
    quarter-final final championship hurling football rugby cricket innings wicket wickets tries
    puck-out frees points relegation promotion playoff play-off winger forward captain manager
    title draw equaliser equalizer scorers substitute tournament""".split()
)
# A word right after the town's name that makes it a team: its people, or what a team does.
TEAM_AFTER = frozenset(
    """coach manager boss striker midfielder defender goalkeeper keeper captain winger forward fans
    supporters squad players player academy chiefs hotshot skipper beat beats defeated drew draw lost
    want wants remain sit top trail lead
    their meet play hold don do need
    lose host hosts hosted face faces faced visit visits won win wins thrashed edged held trail trailed
    climbed scored conceded equalised equalized sealed clinched have are were""".split()
)
# A word right before it.
TEAM_BEFORE = frozenset(
    """against v vs beat beating defeated host hosting hosts face faces facing
    visit visiting play played playing joined""".split()
)
# Two words before it: "signed from Molde", "a clash with Wigan", "held 1-1 at home by Heerenveen".
TEAM_BEFORE_TWO = frozenset(
    {("signed", "from"), ("joined", "from"), ("loan", "from"), ("loan", "to"), ("loan", "at"),
     ("move", "to"), ("switch", "to"),
     ("clash", "with"), ("draw", "with"), ("drew", "with"), ("tie", "with"), ("game", "against"),
     ("home", "to"), ("away", "to"), ("away", "at"), ("home", "by"), ("held", "by"), ("beaten", "by"),
     ("travel", "to"), ("trip", "to"), ("win", "at"), ("win", "over"), ("victory", "over"),
     ("defeat", "to"), ("lost", "to"), ("loss", "to"), ("win", "against"), ("bid", "for")}
)  # fmt: skip
_CLUB_SUFFIX = re.compile(r" (?:City|Town|United|County|Athletic|Rovers|Wanderers|Albion|Academical)$")
_SCORE = re.compile(r"\b\d{1,2}-\d{1,2}\b")
TEAM_CAP = 9.0  # all of a name's mentions together
TEAM_POINTS = 4.5  # per cue (fitted on the tuned parts: 3, 4.5, 6 tried)
_SPORTING: ContextVar[bool] = ContextVar("sporting", default=False)


def sporting(docs: Sequence[tuple[Doc, int]]) -> bool:
    """Whether the article reports sport: several sports words, or a score and some."""
    words: set[str] = set()
    scores = 0
    for doc, _ in docs:
        text = doc.text
        words.update(word for word in re.findall(r"[a-z][a-z\-]+", text.lower()) if word in SPORTS_WORDS)
        scores += len(_SCORE.findall(text))
    return len(words) >= 5 or (scores >= 1 and len(words) >= 3)


def start_article(docs: Sequence[tuple[Doc, int]]) -> None:
    """Read once per article, before its names are typed (the typing runs in this thread)."""
    _SPORTING.set(sporting(docs))


def _not_a_club(name: str) -> bool:
    """A runner or a player named in full is a person whatever they beat ("Tigist Alemu won"); a
    country's name stays the country's, as news and CoNLL label national sides. A surname alone
    ("Alemu won") gets the weight of the person's full name in the typing instead."""
    if _CLUB_SUFFIX.search(name):
        return False  # "Ross County", "Hamilton Academical": a given name first, and a club
    return (
        gazetteer.is_given_name(name.split()[0]) and gazetteer.place_size(name) < 15_000
    ) or gazetteer.place_size(name) >= gazetteer.COUNTRY


def fixed_weight(kind: str) -> float:
    """How much a dateline's place or a results table's team weighs: in a sports report the dateline's
    town is as often its team's name ("KILKENNY, Ireland — Kilkenny 2-21 Tipperary 1-23"), so less."""
    return 3.0 if kind == "PLACE" and _SPORTING.get() else 8.0


SPORT_TOWN = 0.7  # the gazetteer's weight for a town in a sports report (fitted: 0.3-1 tried)


def town_weight() -> float:
    """How much the gazetteer's evidence for a town weighs: less in a sports report."""
    return SPORT_TOWN if _SPORTING.get() else 1.0


_PLAYERS_LINE = re.compile(
    r"(?:[\w ]+ )?(?:[Ss]corers?|[Gg]oalscorers?|[Gg]oals|[Tt]ries|[Cc]onversions|[Pp]enalties|[Dd]rop goals|"
    r"[Bb]ookings|[Ss]ent off|[Ss]ubs(?:titutes)?)\b[^:.]{0,40}: "
)


def team_evidence(text: str, start: int, end: int) -> float:
    """Organisation evidence for one mention (`text` is its paragraph) in a sports report, else 0."""
    if not _SPORTING.get() or _not_a_club(text[start:end]):
        return 0.0
    line = text[text.rfind("\n", 0, start) + 1 : start]
    if _PLAYERS_LINE.match(line):
        return 0.0  # "Scorers for Kilkenny: S Brennan 0-9, M Fennelly 1-3": players, and their scores
    after = re.match(r"(?:['’]s)?\s+([\w\-]+)", text[end : end + 40])
    before = re.search(r"([\w\-]+)\s+$", text[max(0, start - 30) : start])
    two = re.search(r"([\w\-]+)\s+([\w\-]+)\s+$", text[max(0, start - 40) : start])
    points = 0.0
    if two and (two.group(1).lower(), two.group(2).lower()) in TEAM_BEFORE_TWO:
        points += TEAM_POINTS
    if after and after.group(1).lower() in TEAM_AFTER:
        points += TEAM_POINTS
    who = re.match(r", who ([\w\-]+)", text[end : end + 30])
    if who and who.group(1).lower() in TEAM_AFTER:
        points += TEAM_POINTS  # "two points ahead of Gor Mahia, who drew 0-0 with AFC Leopards"
    if before and before.group(1).lower() in TEAM_BEFORE:
        points += TEAM_POINTS
    where = before is not None and before.group(1).lower() in {"in", "at"}  # "won the derby in Bruges 2-0"
    if _CLUB_SUFFIX.search(text[start:end]):
        points += TEAM_POINTS  # "Polokwane City drew": in a sports report, a club's name
    # Inside brackets after a team's score are its players: "GALLE CC 412 (Nuwan Jayawardena 143, ...)".
    bracketed = text.rfind("(", 0, start) > text.rfind(")", 0, start)
    minute = re.match(r"\s+\d{1,3}(?:\+\d)?(?:['’′]|\s*min)", text[end : end + 12])  # "Vuletić 23'"
    if re.match(r"\s+\d{1,2}(?:-\d{1,2})?\b", text[end : end + 8]) and not (where or bracketed or minute):
        points += TEAM_POINTS  # "Kisumu 2 Nakuru 1", "Sevilla 2-1"
    return points
