"""The type of each name in an article from evidence, not from one guess of the small model.

spaCy's per-mention labels are one voice among several: the shape of the name (legal forms,
organisation and place head words, honorifics), its context (a dateline, "the X", "in X", an
apposition, "X's chief executive"), place names from GeoNames/ISO 3166 (`tui.analysis.gazetteer`)
and the rest of the article (a surname alone belongs to the one person of that surname; "Equinor" is
"Equinor ASA"). Every mention of a name gets the type its evidence supports best; a tie never
defaults to PERSON. Mentions the model missed ("Equinor said..." at the start of a sentence) are
added for every spelling the article has named.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tui.analysis import gazetteer
from tui.analysis.types import Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc

PERSON, ORG, PLACE = "PERSON", "ORG", "PLACE"
TYPED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
TYPE_OF_LABEL = {"PERSON": PERSON, "ORG": ORG, "GPE": PLACE, "LOC": PLACE, "FAC": PLACE}
# Ties go to the first: a tie never makes a person.
TIE_ORDER = (ORG, PLACE, PERSON)

HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof", "rev", "mx", "madam"})
PERSON_TITLES = frozenset(
    {
        "president", "senator", "sen", "governor", "gov", "rep", "representative", "secretary",
        "minister", "chancellor", "judge", "justice", "general", "gen", "pope", "king", "queen",
        "prince", "princess", "mayor", "premier", "ambassador", "commissioner", "coach", "captain",
        "capt", "col", "lt", "sgt", "officer", "detective", "professor", "councillor", "councilor",
        "chairman", "chairwoman", "chairperson", "spokesman", "spokeswoman", "spokesperson", "lord",
        "lady", "bishop", "archbishop", "rabbi", "imam", "mp", "mep", "deputy", "director",
        "striker", "midfielder", "defender", "goalkeeper", "forward", "winger", "manager",
        "glaciologist", "economist", "analyst", "scientist", "researcher", "founder", "ceo", "cfo",
        "executive", "chief", "head", "leader", "lawyer", "attorney", "prosecutor", "correspondent",
        "author", "writer", "actor", "actress", "singer", "player", "chef", "farmer", "engineer",
        "doctor", "nurse", "teacher", "headteacher", "student", "resident", "owner", "sheikh",
        "colleague", "wife", "husband", "son", "daughter", "mother", "father", "brother", "sister",
        "champion", "runner", "driver", "pilot", "skipper", "veteran", "vice",
        "historian", "curator", "architect", "volunteer", "activist", "campaigner", "inspector",
    }
)  # fmt: skip
# Nouns that say "organisation" in "the Swiss company Helvamed", "Helvamed, a drugmaker" ...
ORG_NOUNS = frozenset(
    {
        "company", "firm", "group", "brand", "bank", "lender", "carrier", "airline", "maker",
        "manufacturer", "retailer", "insurer", "operator", "chipmaker", "automaker", "carmaker",
        "drugmaker", "startup", "start-up", "conglomerate", "supplier", "publisher", "broadcaster",
        "newspaper", "agency", "club", "team", "side", "charity", "union", "party", "subsidiary",
        "producer", "developer", "utility", "shipper", "shipbuilder", "miner", "giant", "rival",
        "outlet", "network", "consortium", "fund", "regulator", "ministry", "institute", "university",
        "school", "hospital", "museum", "trust", "foundation", "association", "federation", "league",
        "exchange", "provider", "platform", "owner", "parent", "unit", "division", "organisation",
        "organization", "council", "committee", "authority", "watchdog", "court", "parliament",
        "business", "corporation", "co-operative", "cooperative", "investor", "distributor",
        "newswire", "wire", "daily", "magazine", "label", "studio", "chain", "grocer", "brewer",
        "logistics", "shipping", "telecom", "telecoms", "energy", "holding", "partner", "shipowner",
        "exporter", "importer", "processor", "trader", "refiner", "builder", "contractor",
        "consultancy", "reinsurer", "lessor", "forwarder", "haulier", "shipyard", "yard",
        "bottler", "roaster", "mill", "smelter", "steelmaker", "owner-operator",
    }
)  # fmt: skip
PLACE_NOUNS = frozenset(
    {
        "city", "town", "village", "region", "province", "state", "county", "district", "port",
        "capital", "country", "island", "river", "lake", "mountain", "peak", "valley", "municipality",
        "suburb", "neighbourhood", "neighborhood", "borough", "canton", "prefecture", "republic",
        "kingdom", "emirate", "glacier", "sea", "bay", "coast", "desert", "volcano", "archipelago",
        "hamlet", "commune", "oblast", "territory", "estuary", "delta", "basin", "strait", "plateau",
    }
)  # fmt: skip
# Nouns that follow a place ("the Tagus estuary", "the Oder basin") or of which it is ("banks of the X").
GEO_NOUNS = frozenset(
    {
        "river", "estuary", "delta", "basin", "valley", "banks", "bank", "catchment",
        "floodplain", "tributary", "headwaters", "shore", "shores", "waters", "summit", "slopes",
        "peak", "foothills", "glacier", "glaciers", "source", "mouth", "coast", "coastline", "gorge",
        "massif", "range", "region", "lowlands", "highlands", "watershed", "lagoon", "dam", "canyon",
        "regions", "provinces", "states", "districts", "counties", "province", "district", "county",
        "cantons", "canton", "prefecture", "municipality", "border", "borders", "frontier",
    }
)  # fmt: skip
# Nouns a place's name often stands before ("the Interlaken hospital").
LOCAL_NOUNS = frozenset(
    {"hospital", "airport", "station", "office", "court", "area", "district", "branch", "campus",
     "harbour", "harbor", "docks", "suburb", "prison", "region", "municipality", "residents",
     "locals", "mayor", "police", "council", "city", "town", "village", "neighbourhood"}
)  # fmt: skip
# Nouns after an organisation's name or its possessive ("Silica Nova chairman", "Equinor's shares").
ORG_AFTER = frozenset(
    {
        "chairman", "chairwoman", "ceo", "cfo", "spokesman", "spokeswoman", "spokesperson", "board",
        "shares", "stock", "shareholders", "subsidiary", "subsidiaries", "brand", "revenue", "profit",
        "profits", "sales", "earnings", "stake", "founder", "takeover", "merger", "bonds",
        "shareholder", "listing", "ipo", "dividend", "turnover", "share", "party", "parties",
        "lawmakers", "legislators", "mps",
    }
)  # fmt: skip
PERSON_AFTER = frozenset(
    {"wife", "husband", "son", "daughter", "mother", "father", "family", "brother", "sister", "career",
     "lawyer", "lawyers", "death", "funeral", "birthday", "own", "children", "parents", "widow", "life",
     "campaign", "successor", "predecessor", "term", "tenure", "resignation"}
)  # fmt: skip
ORG_VERBS = frozenset(
    {
        "announced", "reported", "posted", "employs", "acquired", "merged", "listed", "shipped",
        "manufactures", "operates", "owns", "invested", "filed", "hired", "issued", "voted",
        "approved", "ruled", "lent", "sold", "bought", "cut", "raised", "recalled", "opened",
    }
)  # fmt: skip
PERSON_VERBS = frozenset(
    {"told", "added", "recalled", "smiled", "laughed", "died", "was born", "married", "wrote",
     "scored", "resigned", "testified", "pleaded", "admitted", "insisted", "grew up"}
)  # fmt: skip
ORG_HEADS = frozenset(
    {
        "holdings", "holding", "group", "bank", "banco", "banca", "university", "universidad",
        "ministry", "authority", "union", "club", "fc", "cf", "afc", "airlines", "airways", "air",
        "energy", "motors", "partners", "capital", "systems", "technologies", "technology", "foods",
        "pharmaceuticals", "pharma", "therapeutics", "institute", "hospital", "school", "college",
        "council", "committee", "agency", "commission", "party", "association", "federation",
        "foundation", "trust", "services", "logistics", "shipping", "lines", "industries", "mining",
        "resources", "labs", "laboratories", "media", "press", "times", "news", "post", "telecom",
        "networks", "solutions", "insurance", "investments", "ventures", "fund", "exchange",
        "police", "army", "navy", "court", "parliament", "congress", "senate", "assembly",
        "museum", "library", "orchestra", "corporation", "company", "consortium", "alliance",
        "coalition", "society", "board", "office", "department", "bureau", "service", "operators",
        "organisation", "organization", "network", "league", "forum", "guard", "marines", "brewery",
        "electric", "steel", "chemicals", "electronics", "semiconductor", "semiconductors",
        "automotive", "aerospace", "petroleum", "oil", "gas", "power", "railways", "railway", "rail",
        "transport", "transit", "ferries", "cruises", "hotels", "retail", "stores", "markets",
        "wire", "institution", "academy", "tribunal", "cabinet", "government", "directorate",
        "secretariat", "inc", "corp", "ltd", "co", "united", "city", "rovers", "wanderers",
        "ports", "terminals", "airports", "harbours", "docks", "yards", "stations", "mines",
        "geothermal", "hydro", "renewables", "solar", "wind", "utilities", "nuclear", "minerals",
        "metals", "materials", "cement", "paper", "packaging", "freight", "cargo", "express",
        "aviation", "maritime", "marine", "offshore", "drilling", "exploration", "refining",
        "agri", "agro", "seeds", "dairy", "fisheries", "seafood", "brewing", "distillery",
        "pharmaceutical", "biosciences", "diagnostics", "medical", "health", "healthcare", "clinic",
        "asset", "assets", "management", "equity", "bancorp", "bankers",
        "athletic", "sporting", "sc", "bv", "cooperative", "co-op", "studios", "records", "games",
        "software", "robotics", "biotech", "dynamics", "analytics", "consulting", "advisers",
        "advisors", "securities", "finance", "financial", "credit", "trading", "estates",
        "properties", "developments", "construction", "engineering", "shipyard", "shipyards",
        "works", "mills", "farms", "brands", "beverages", "textiles", "fashion", "apparel",
        "communications", "broadcasting", "television", "radio", "tv", "journal", "gazette",
        "herald", "tribune", "observer", "chronicle", "review", "magazine", "monitor",
        "initiative", "movement", "front", "caucus", "syndicate", "collective",
    }
)  # fmt: skip
# Heads that name a place; "centre" is both (an institution or a building): organisations win it.
LANDFORM_HEADS = frozenset(
    {
        "river", "lake", "sea", "ocean", "mountain", "mountains", "mount", "valley", "glacier",
        "island", "islands", "peninsula", "bay", "gulf", "desert", "forest", "alps", "strait",
        "canal", "delta", "basin", "plateau", "hills", "coast", "highlands", "lowlands", "range",
        "falls", "fjord", "lagoon", "reef", "cape", "heath", "moor", "park", "gorge", "massif",
        "estuary", "creek", "head", "point", "plain", "plains", "volcano", "ridge", "peak",
    }
)  # fmt: skip
PLACE_FIRST_WORDS = frozenset(
    {"mount", "mt", "lake", "lac", "loch", "cape", "isle", "gulf", "bay", "sierra", "costa", "monte",
     "mont", "lago", "rio", "río", "isla", "ilha", "cabo", "serra", "puerto", "glen", "strait",
     "cerro", "mauna", "jebel", "djebel", "jabal", "pico", "volcán", "volcan", "nevado", "gunung",
     "bukit", "tanjung", "pulau", "wadi", "sungai", "danau", "golfo", "bahía", "bahia", "playa"}
)  # fmt: skip
GPE_HEADS = frozenset(
    {"province", "county", "district", "region", "prefecture", "oblast", "state", "republic",
     "kingdom", "emirate", "city", "town", "borough", "canton", "municipality", "governorate"}
)  # fmt: skip
FACILITY_HEADS = frozenset(
    {
        "road", "street", "avenue", "lane", "bridge", "station", "airport", "stadium", "square",
        "tunnel", "highway", "motorway", "tower", "arena", "terminal", "port", "harbour", "harbor",
        "dock", "docks", "pier", "hall", "palace", "cathedral", "church", "mosque", "temple",
        "castle", "prison", "plant", "mine", "dam", "base", "campus", "gate", "boulevard", "way",
        "quay", "wharf", "field", "ground", "park", "building", "centre", "center", "route",
    }
)  # fmt: skip
_WORD_FORM_SPELLINGS = frozenset({"plc", "hf", "hf.", "ohf", "ohf."})
# Words of party names: a name with one of them is an organisation, whatever its head word.
POLITICAL = frozenset(
    {"democratic", "democrats", "socialist", "socialists", "conservative", "conservatives",
     "liberal", "liberals", "republican", "republicans", "labour", "labor", "communist", "greens",
     "christian", "progressive", "progressives", "populist", "nationalist", "workers'", "people's"}
)  # fmt: skip
# Heads written inside one word in German, Dutch and Nordic names.
ORG_COMPOUND = re.compile(
    r"(?:bank|banken|werke|werk|gesellschaft|verband|verein|kasse|bahn|bedrijf|fabrik|versicherung|"
    r"konzern|stiftung|institut|bolaget|laget|selskab|selskap|yhtiö|forening|förening|group|tech|soft|"
    r"spor|sport)$"
)
PLACE_COMPOUND = re.compile(r"(?:haven|hafen|havn|hamn|fjord|fjörður|vatn|vatnet|sjön|järvi|joki|see)$")
# Family-name endings that name people and almost nothing else.
PATRONYMIC = re.compile(
    r"(?:dóttir|dottir|sson|ović|ovic|ević|evic|ić|enko|escu|oğlu|oglu|poulos|akis|opoulou|"
    r"owski|ewski|owska|ewska|ovski|evski|ová|ova|eva|yeva|yev|shvili|adze|yan|iyan)$"
)
# Words that start a sentence without being part of the name ("In", "But").
PLACE_PREPOSITIONS = frozenset(
    {"in", "near", "across", "outside", "around", "throughout", "inside", "to", "into", "from",
     "towards", "toward", "via", "through", "between", "along", "off", "beyond", "within"}
)  # fmt: skip
RIVER_PREPOSITIONS = frozenset({"along", "down", "up", "across", "over", "beside", "into", "on", "by"})

_DATELINE = re.compile(
    r"^(?P<city>[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,3})"
    r"(?:, (?P<region>[A-Z][A-Za-z'’.\-]+(?: [A-Z][A-Za-z'’.\-]+){0,2}))?"
    r"(?:,? (?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}"
    r"|\d{4}-\d\d-\d\d))?"
    r"\s*(?:\((?P<credit>[A-Z][^()\n]{1,48})\))?"
    r"(?P<end>\s*[—–]+\s*|\s+-{1,2}\s+|\s*-{1,2}\s+|\s*$)"
)
_TITLE_DATELINE = re.compile(
    r"^(?P<city>[A-Z][a-z'’.\-]+(?: [A-Z][a-z'’.\-]+){0,2})"
    r"(?:, (?P<region>[A-Z][A-Za-z'’.\-]+(?: [A-Z][A-Za-z'’.\-]+){0,2}))?"
    r"\s*(?:\((?P<credit>[A-Z][^()\n]{1,48})\))?(?P<end>\s*[—–]+\s*)"
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
    if match is None:
        match = _TITLE_DATELINE.match(text)
        if match is None:
            return None
    found = Dateline(end=offset + match.end(), start=offset)
    for group in ("city", "region"):
        if match.group(group):
            found.places.append((offset + match.start(group), offset + match.end(group)))
    if match.group("credit"):
        found.credit = (offset + match.start("credit"), offset + match.end("credit"))
    return found


Scores = defaultdict[str, float]


def _scores(start: Scores | None = None) -> Scores:
    scores: Scores = defaultdict(float)
    if start:
        _add(scores, start)
    return scores


def _add(target: Scores, source: Scores) -> None:
    for kind, value in source.items():
        target[kind] += value


def name_key(text: str) -> str:
    """How mentions of one name compare: case, dots, "the", possessive and legal form ignored."""
    text = re.sub(r"['’]s?$", "", text.strip())
    words = text.split()
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    text = gazetteer.strip_legal_form(" ".join(words))
    return " ".join(text.replace(".", "").casefold().split())


@dataclass
class _Name:
    """One name of the article: its mentions and the evidence for each type."""

    key: str
    spelling: str = ""
    mentions: list[int] = field(default_factory=list)
    parent: _Name | None = None

    def root(self) -> _Name:
        node = self
        while node.parent is not None:
            node = node.parent
        return node


def _shape(text: str) -> tuple[Scores, str | None]:
    """Evidence from the name itself, and the fine place label its head word implies."""
    score = _scores()
    words = text.replace(",", " ").split()
    if not words:
        return score, None
    folded = [word.replace(".", "").lower() for word in words]
    fine: str | None = None
    if gazetteer.legal_form_words(words) or (len(words) > 1 and words[0] in gazetteer.LEGAL_PREFIXES):
        score[ORG] += 6
        return score, None
    if "&" in words or "and" in folded[1:-1] and len(words) >= 3 and words[-1][:1].isupper():
        score[ORG] += 1.5  # "Okafor & Sons", "Procter and Gamble"
    connectors = {"of", "for", "de", "di", "del", "des", "der", "on"}
    cut = next((i for i, word in enumerate(folded) if i and word in connectors), len(folded))
    last = folded[cut - 1]
    first = folded[0]
    while len(words) > 1 and words[-1][:1].islower() and words[-1] not in _WORD_FORM_SPELLINGS:
        words, folded = words[:-1], folded[:-1]  # "Texas company": a common noun is no head
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
        elif last in LANDFORM_HEADS or first in PLACE_FIRST_WORDS - {"gulf", "bay", "cape"}:
            score[PLACE] += 4
            fine = "LOC"
        elif first in {"gulf", "bay", "cape"} and (cut < len(folded) or len(folded) == 2):
            score[PLACE] += 1.5 if cut == len(folded) else 4  # "Gulf of Guinea"; "Gulf Meridian"?
            fine = "LOC"
        elif last in FACILITY_HEADS:
            score[PLACE] += 3
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
                word in {"van", "von", "de", "da", "bin", "ibn", "al", "abu", "ben", "ter", "dos", "del"}
                for word in folded[1:-1]
            )
            and not score
        ):
            score[PERSON] += 1
        if re.fullmatch(r"[A-Z]\.", words[0]) or (len(words) > 2 and re.fullmatch(r"[A-Z]\.", words[1])):
            score[PERSON] += 1.5  # "J. Okafor", "John F. Kerry"
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
        if (
            len(words) > 1
            and not score
            and not gazetteer.is_given_name(words[0])
            and not gazetteer.place_size(" ".join(words))
            and gazetteer.place_size(words[-1]) >= 100_000
            and not gazetteer.is_family_name(words[-1])
        ):
            score[PERSON] -= 2  # "Euronext Amsterdam", "ETH Zurich", "Legia Kraków": named for a city
            score[ORG] += 2.5
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
    if len(words) == 1 and folded[0] in ORG_HEADS and text[:1].isupper():
        score[ORG] += 3  # "Parliament", "Congress", "Police"
    if text.isupper() and len(text.replace(".", "")) <= 6 and len(words) == 1:
        score[PERSON] -= 2  # acronyms name organisations (or places), not people
    return score, fine


def _words_before(text: str, start: int, count: int = 3) -> list[str]:
    return re.findall(r"[\w’'&\-]+|[^\w\s]", text[max(0, start - 60) : start])[-count:]


def _words_after(text: str, end: int, count: int = 4) -> list[str]:
    return re.findall(r"[\w’'&\-]+|[^\w\s]", text[end : end + 80])[:count]


def _context(text: str, start: int, end: int, sentence_start: bool) -> Scores:
    """Evidence from the words around one mention (`text` is the paragraph, offsets in it)."""
    score = _scores()
    before = [word.lower() for word in _words_before(text, start)]
    after_raw = _words_after(text, end)
    after = [word.lower() for word in after_raw]
    prev = before[-1] if before else ""
    raw_before = _words_before(text, start)
    common_prev = bool(raw_before) and raw_before[-1].islower()
    prev2 = before[-2] if len(before) > 1 else ""
    bare_prev = prev.replace(".", "")
    if bare_prev in HONORIFICS or (prev == "." and prev2 in HONORIFICS):
        score[PERSON] += 6
    elif bare_prev in PERSON_TITLES and text[max(0, start - 1) : start] == " ":
        score[PERSON] += 2.5
    if prev == "the" and not sentence_start:
        score[PERSON] -= 4
        if " " not in text[start:end] and not text[start:end].isupper():
            score[PLACE] += 1.5  # "the Rhine", "the Matterhorn" (institutions: "the Bundestag")
            score[ORG] += 0.5
        if prev2 in RIVER_PREPOSITIONS:
            score[PLACE] += 1
        sentence = text[max(0, text.rfind(". ", 0, start)) : text.find(". ", end) % (len(text) + 1)]
        if any(
            word in GEO_NOUNS or word in LANDFORM_HEADS for word in re.findall(r"[a-z]+", sentence.lower())
        ):
            score[PLACE] += 1
    elif common_prev and prev in ORG_NOUNS and text[max(0, start - 1) : start] == " ":
        score[ORG] += 3
    elif common_prev and prev in PLACE_NOUNS and text[max(0, start - 1) : start] == " ":
        score[PLACE] += 3
    elif prev == "of" and prev2 in PLACE_NOUNS and raw_before[-2:-1] != [raw_before[-2].title()]:
        score[PLACE] += 3
    elif prev == "of" and prev2 in GEO_NOUNS:
        score[PLACE] += 2
    elif (
        prev in {"'s", "’s"}
        and len(raw_before) >= 2
        and gazetteer.place_size(raw_before[-2]) >= gazetteer.REGION
    ):
        score[PERSON] += 1  # "Ethiopia's Tigist Alemu", "Japan's Toyota"
        score[ORG] += 1
    elif prev in PLACE_PREPOSITIONS:
        score[PLACE] += 2.2 if prev in {"in", "near", "outside", "across", "around", "throughout"} else 0.7
        if prev in {"from", "to", "into", "via", "between"}:
            score[ORG] += 0.3
    elif prev == "at":
        score[PLACE] += 0.5
        score[ORG] += 0.5
    elif prev == "of" and re.search(r"[A-Z][a-z]+ [A-Z][a-z]+ of $", text[max(0, start - 40) : start]):
        # "Matthias Brunner of ETH Zurich": a person's affiliation or home, never a person.
        score[ORG] += 1
        score[PLACE] += 1
        score[PERSON] -= 2
    elif prev in {"by", "with", "for", "against"}:
        score[ORG] += 0.3
        score[PERSON] += 0.3
    if len(before) >= 2 and before[-2] == "the" and prev in {"of"} and len(before) >= 3:
        pass
    # After the name.
    if after_raw[:1] in (["'s"], ["’s"], ["'"], ["’"]):
        following = after[1] if len(after) > 1 else ""
        if following in ORG_AFTER:
            score[ORG] += 2.5
        elif following in PERSON_AFTER:
            score[PERSON] += 2.5
    elif after[:1] and after[0] in ORG_AFTER and text[end : end + 1] == " ":
        score[ORG] += 2
    elif after[:1] and after[0] in GEO_NOUNS and text[end : end + 1] == " ":
        score[PLACE] += 2.5
    elif after[:1] and after[0] in LOCAL_NOUNS and text[end : end + 1] == " " and " " not in text[start:end]:
        score[PLACE] += 1  # "the Interlaken hospital", "the Rostock yard": where, not who
    if text[end : end + 6].startswith("-based"):
        score[PLACE] += 3
    if after[:1] == [","] and len(after) >= 3:
        if after[1].isdigit() and after[2] in {",", "was", "is", "said", "who"}:
            score[PERSON] += 4  # "Ana Costa, 45, said"
        elif after[1] in {"a", "an", "the", "its", "which"}:
            noun_zone = [word.lower() for word in _words_after(text, end, 6)[2:6]]
            if any(word in ORG_NOUNS for word in noun_zone):
                score[ORG] += 3
            elif any(word in PLACE_NOUNS for word in noun_zone):
                score[PLACE] += 3
            elif any(word in PERSON_TITLES for word in noun_zone):
                score[PERSON] += 3
        elif after[1] in PERSON_TITLES and after[1] not in {"head", "chief", "owner", "leader"}:
            score[PERSON] += 3  # "Adebayo Ogunleye, chairman of the ..."
        elif after[1] in {"who", "whose"}:
            score[PERSON] += 3
        elif after[1] in {"which"}:
            score[PERSON] -= 1
    if after[:1] and after[0] in {"said", "says"} and len(after) > 1 and after[1] in {"he", "she"}:
        score[PERSON] += 2
    if after[:2] in (["told", "reporters"], ["told", "the"]):
        score[PERSON] += 1
    if after[:1] and after[0] in ORG_VERBS:
        score[ORG] += 0.7
    if after[:1] and after[0] in PERSON_VERBS:
        score[PERSON] += 1
    if after[:2] in (["said", "in"], ["said", "on"]) and len(after) > 2 and after[2] in {"a", "its"}:
        score[ORG] += 1.5
    if after[:1] and after[0] in {"he", "she"}:
        score[PERSON] += 0.5
    return score


def _place_evidence(name: str) -> tuple[float, str | None]:
    if gazetteer.is_landform(name):
        return 4.0, "LOC"
    size = gazetteer.place_size(name)
    if not size:
        return 0.0, None
    if size >= gazetteer.COUNTRY:
        return 5.0, "GPE"
    if size >= 1_000_000:
        return 3.5, "GPE"
    if size >= gazetteer.REGION // 5:
        return 2.5, "GPE"
    if size >= 100_000:
        return 3.0, "GPE"
    if size >= 15_000:
        return 2.2, "GPE"
    # A small town: weak evidence, weaker still when it is also a family name ("Clinton").
    return (0.6 if " " not in name and gazetteer.is_family_name(name) else 1.2), "GPE"


def _paragraph_of(docs: Sequence[tuple[Doc, int]], position: int) -> tuple[Doc, int, str] | None:
    for doc, offset in docs:
        length = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
        if offset <= position <= offset + length:
            return doc, offset, doc.text
    return None


def _is_sentence_start(doc: Doc, char: int) -> bool:
    token = doc.char_span(char, char + 1, alignment_mode="expand")
    if token is None or not len(token):
        return char == 0
    first = token[0]
    if first.i == 0 or first.is_sent_start:
        return True
    return doc[first.i - 1].text in {'"', "“", "‘", "(", "—", "-"}


def _datelines(docs: Sequence[tuple[Doc, int]]) -> tuple[list[Entity], list[Dateline]]:
    """The story's dateline, and those opening later items of a brief list ("PUNE (Wire) - ...");
    later ones only in capitals, so that an ordinary sentence is never taken for one."""
    made: list[Entity] = []
    found_all: list[Dateline] = []
    for index, (doc, offset) in enumerate(docs):
        text = doc.text
        if index and not re.match(r"[A-Z][A-Z'’.\-]+(?:[ /][A-Z][A-Z'’.\-]+)*(?:,| \(| [—–-])", text):
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


def _join(first: _Name, second: _Name) -> None:
    a, b = first.root(), second.root()
    if a is not b:
        b.parent = a


def retype(docs: Sequence[tuple[Doc, int]], entities: list[Entity]) -> list[Entity]:
    """`entities` with every person/organisation/place name typed from the article's evidence, the
    dateline's places and credit added, and missed mentions of named spellings found."""
    dateline_entities, datelines = _datelines(docs)
    if datelines:
        kept: list[Entity] = []
        for entity in entities:
            line = next((d for d in datelines if d.start <= entity.start < d.end), None)
            if line is not None:
                if entity.end <= line.end:
                    continue  # replaced by the dateline's own places and credit
                if entity.label in TYPED_LABELS:
                    # "DUBLIN — Kestrel Airlines": the name starts after the dateline.
                    cut = line.end - entity.start
                    text = entity.text[cut:].lstrip()
                    if not text:
                        continue
                    entity = Entity(entity.end - len(text), entity.end, entity.label, text)
            kept.append(entity)
        entities = sorted(kept + dateline_entities, key=lambda e: (e.start, e.end))
    entities = _split_and_extend(docs, entities)
    entities = _titled_people(docs, _drop_common_words(docs, entities))
    entities = _shaped_names(docs, entities)
    entities = _known_places(docs, entities)
    entities, table_kinds = _table_lines(docs, entities)
    entities = [_not_a_name(docs, _place_not_group(docs, entity)) for entity in entities]
    typed = [i for i, entity in enumerate(entities) if entity.label in TYPED_LABELS]
    if not typed:
        return entities
    names: dict[str, _Name] = {}
    name_of: dict[int, _Name] = {}
    for index in typed:
        key = name_key(entities[index].text)
        if not key:
            continue
        name = names.setdefault(key, _Name(key, entities[index].text))
        name.mentions.append(index)
        name_of[index] = name
    _link_short_names(names)
    groups: dict[int, list[_Name]] = defaultdict(list)
    for name in names.values():
        groups[id(name.root())].append(name)
    fixed = dict(table_kinds)
    for line in datelines:
        fixed.update({start: PLACE for start, _ in line.places})
        if line.credit:
            fixed[line.credit[0]] = ORG
    result = list(entities)
    group_of_index = {
        i: group for group, members in groups.items() for member in members for i in member.mentions
    }
    decided: dict[int, tuple[str, str, Scores]] = {}
    for group, members in groups.items():
        indexes = sorted(i for member in members for i in member.mentions)
        decided[group] = _decide(docs, entities, indexes, fixed)
    # Names in one list ("Bosch, Infineon and GlobalFoundries", "the Rhine and the Rhone") are
    # usually of one kind: each partner's type is evidence for the others.
    partners = _coordinated(docs, entities, sorted(group_of_index))
    # A one-word name that ends (or, family name first, starts) a person's full name in the
    # article is that surname, even when two people share it ("Clinton" beside "Bill Clinton").
    person_words = {
        word
        for group, members in groups.items()
        if decided[group][0] == PERSON
        for member in members
        if len(member.key.split()) > 1
        for word in (member.key.split()[0], member.key.split()[-1])
    }
    for group, members in groups.items():
        if all(len(member.key.split()) == 1 and member.key in person_words for member in members):
            surname = _scores()
            surname[PERSON] += 5
            indexes = sorted(i for member in members for i in member.mentions)
            decided[group] = _decide(docs, entities, indexes, fixed, surname)
    for _ in range(2 if partners else 0):
        for group, members in groups.items():
            extra = _scores()
            for member in members:
                for index in member.mentions:
                    for other in partners.get(index, ()):
                        other_group = group_of_index[other]
                        if other_group != group and _margin(decided[other_group][2]) >= 1.5:
                            extra[decided[other_group][0]] += 1.5
            if extra:
                indexes = sorted(i for member in members for i in member.mentions)
                decided[group] = _decide(docs, entities, indexes, fixed, extra)
    for group, members in groups.items():
        label, fine, _ = decided[group]
        indexes = sorted(i for member in members for i in member.mentions)
        for index in indexes:
            entity = entities[index]
            new_label = fine if label == PLACE else label
            if entity.label != new_label:
                result[index] = Entity(entity.start, entity.end, new_label, entity.text)
    return _recover(docs, result)


_PARTICLE_TAIL = re.compile(
    r" (?:(?:al|el|ul|bin|ibn|bint|van|von|de|da|di|del|della|dos|das|du|le|la|ter|ten|zu)[ \-])+"
    r"(?:der |den |la |los |las )?[A-Z][\w’'\-]+"
)
_INNER_PREPOSITION = re.compile(r" (?:on|in|at|near|from|to|and|with|by|versus|vs\.?|v) (?:the )?(?=[A-Z])")
_TRAILING_SCORE = re.compile(r"\s+\d+(?:[-–:]\d+)?$")


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


def _split_and_extend(docs: Sequence[tuple[Doc, int]], entities: list[Entity]) -> list[Entity]:
    """Names the model ran together ("Szczecin on the Oder") split, a score after a team's name
    ("Opole 3-0") dropped, and a legal form the model left outside ("Kessler Schokoladen GmbH")
    taken in."""
    result: list[Entity] = []
    for entity in entities:
        if entity.label not in TYPED_LABELS:
            result.append(entity)
            continue
        text = entity.text
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
        of = re.search(r" (?:of|for) (?:the )?(?=[A-Z])", text)
        if of is not None and _person_like(text[: of.start()].split()):
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
        found = _paragraph_of(docs, entity.end)
        if found is not None and entity.label == "PERSON":
            _, offset, paragraph = found
            particle = _PARTICLE_TAIL.match(paragraph, entity.end - offset)
            if particle is not None:
                # "Amira al-Haddad", "Ludwig van Beethoven": the model stopped at the particle.
                end = offset + particle.end()
                entity = Entity(
                    entity.start, end, "PERSON", paragraph[entity.start - offset : particle.end()]
                )
        if found is not None:
            _, offset, paragraph = found
            tail = _legal_tail(paragraph[entity.end - offset : entity.end - offset + 24])
            if tail:
                end = entity.end + tail
                entity = Entity(entity.start, end, "ORG", paragraph[entity.start - offset : end - offset])
        result.append(entity)
    return result


_CAPITALISED_RUN = re.compile(
    r"(?<![\w\-’'])[A-Z][\w’'\-]*\.?(?:(?: (?:of|for)(?: the)?| (?:de|del|di|du|des|der|da|do|dos)"
    r"| (?:and|&))? [A-Z][\w’'\-]*\.?)*"
)
_NOT_GIVEN = frozenset(
    {"January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
     "Saturday", "Sunday", "Christmas", "Easter", "God", "Lord", "North", "South", "East", "West"}
)  # fmt: skip


def _run_kind(words: list[str]) -> str | None:
    """ORG, LOC or PERSON for a run of capitalised words that says so by its shape alone."""
    folded = [word.replace(".", "").lower() for word in words]
    if len(words) >= 2 and gazetteer.legal_form_words(words):
        return "ORG"
    if len(words) >= 2 and folded[-1] in ORG_HEADS and folded[-1] not in {"city", "united", "co"}:
        return "ORG"
    if len(words) >= 2 and (
        folded[-1] in LANDFORM_HEADS - {"park", "head", "point"} or folded[0] in PLACE_FIRST_WORDS
    ):
        return "LOC"
    if (
        2 <= len(words) <= 3
        and words[0] not in _NOT_GIVEN
        and gazetteer.is_given_name(words[0])
        and gazetteer.place_size(words[0]) < gazetteer.REGION
        and folded[-1] not in ORG_HEADS | FACILITY_HEADS | GPE_HEADS | LANDFORM_HEADS
        and all(word[:1].isupper() for word in words)
    ):
        return "PERSON"
    return None


def _shaped_names(docs: Sequence[tuple[Doc, int]], entities: list[Entity]) -> list[Entity]:
    """Names the model missed or cut short whose shape says what they are: a company with its legal
    form ("Hanbit Heavy Industries Co., Ltd."), an organisation or landform by its head word, a
    person by a given name ("Bartosz Kamiński" in a squad line)."""
    added: list[Entity] = []
    dropped: set[int] = set()
    starts = sorted(range(len(entities)), key=lambda i: entities[i].start)
    for doc, offset in docs:
        text = doc.text
        for run_start, words in _runs(text):
            # A sentence's first word is capitalised anyway: "The", "In", "But" are not names.
            while words and words[0].lower() in _COMMON_OPENERS | {"and", "&", "of", "on"}:
                run_start = text.index(words[0], run_start) + len(words[0]) + 1
                words = words[1:]
            while words and words[-1].lower() in {"the", "and", "&", "of", "for", "de", "on"}:
                words = words[:-1]
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
                if (
                    other.start >= start
                    and other.end <= end
                    and other.label in TYPED_LABELS | {"NORP", "PRODUCT"}
                ):
                    inside.append(i)
                else:
                    clash = True
                    break
            if clash or (kind == "PERSON" and any(entities[i].label != "PERSON" for i in inside)):
                continue  # a given name before a company's name is not a person's
            if any(
                re.search(r" (?:and|&) $", text[run_start : entities[i].start - offset])
                or re.match(r" (?:and|&) ", text[entities[i].end - offset : run_end])
                for i in inside
            ):
                continue  # "the United States and the US Navy": two names, not one
            dropped.update(inside)
            added.append(Entity(start, end, kind, text[run_start:run_end]))
    if not added:
        return entities
    kept = [e for i, e in enumerate(entities) if i not in dropped]
    return sorted(kept + added, key=lambda e: (e.start, e.end))


_ABBREVIATION = re.compile(
    r"(?:[A-Z]\.)+|(?:[A-Z][a-z]?\.){2,}|Co\.|Inc\.|Ltd\.|Corp\.|St\.|Mt\.|Ft\.|Jr\.|Sr\.|Bros\.|No\.|"
    r"Av\.|Ave\.|Rd\.|hf\.|Cie\.|Cia\.|Pvt\.|Pty\.|Bhd\.|Tbk\.|Ste\.|Dept\."
)


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
            if not current and (word.rstrip(".").lower() in HONORIFICS | PERSON_TITLES):
                piece_start += len(word) + 1  # "Dr. Emmanuel Mushi": the title is not the name
                continue
            if word.lower() in {"of", "for"} and current and _person_like(current):
                pieces.append((piece_start, current))  # "Park Ji-hoon of Hanbit Heavy Industries"
                piece_start += len(" ".join(current)) + len(word) + 2
                current = []
                continue
            possessive = re.search(r"['’]s?$", word)
            if possessive is not None and index < len(words) - 1:
                current.append(word[: possessive.start()])
                pieces.append((piece_start, current))  # "Sweden's Lindqvist AB"
                piece_start += len(" ".join(current)) + len(possessive.group(0)) + 1
                current = []
                continue
            current.append(word)
        if current:
            pieces.append((piece_start, current))
    return [(start, [w.rstrip(".") if len(w) > 4 else w for w in words]) for start, words in pieces]


def _person_like(words: list[str]) -> bool:
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


def _place_pieces(text: str) -> list[tuple[int, list[str]]]:
    """Capitalised runs, and their pieces between "of", "and", "the"...: "Al Noor Shipping of
    Sharjah" holds "Sharjah", "Entre Ríos and Corrientes" holds "Corrientes"."""
    pieces: list[tuple[int, list[str]]] = []
    for start, words in _runs(text):
        pieces.append((start, words))
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


def _known_places(docs: Sequence[tuple[Doc, int]], entities: list[Entity]) -> list[Entity]:
    """Countries, regions, big cities and landforms the model did not tag ("Liberia-flagged",
    "New South Wales", "the Red Sea"): a name the gazetteer knows well is a place wherever it is
    written as a name."""
    taken = [(e.start, e.end) for e in entities]
    added: list[Entity] = []
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
            ):
                continue
            start, end = offset + run_start, offset + run_start + len(name)
            if any(start < b and a < end for a, b in taken):
                continue
            if " " not in name and not _all_proper(doc, run_start, run_start + len(name)):
                if hyphen is None:
                    continue  # "Nice weather", "Reading the report"
            taken.append((start, end))
            added.append(Entity(start, end, "LOC" if landform else "GPE", name))
    if not added:
        return entities
    return sorted(entities + added, key=lambda e: (e.start, e.end))


def _all_proper(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and all(token.pos_ == "PROPN" for token in span)


_TABLE_NAME = r"[A-Z][\w'’.\-]*(?: (?:of|the|de|&|and|St\.?|[A-Z][\w'’.\-]*))*"
# "Aberdeen 2 Hibernian 1", "Celtic 33 25 5 3 82 24 80", "Equinor 312.40 +1.2"
_RESULT_LINE = re.compile(
    rf"^(?P<a>{_TABLE_NAME})\s+[-+]?\d[\d.,:%]*(?:\s+(?:(?P<b>{_TABLE_NAME})\s+)?[-+]?\d[\d.,:%]*)*\s*\.?$"
)
# "Aberdeen - Bojan Miovski 12 , Leighton Clarkson 77"
_SCORERS = re.compile(rf"(?:^|[;:.]\s*)(?P<team>{_TABLE_NAME})\s+-\s+(?P<players>[^;]+)")
_PLAYER = re.compile(rf"(?P<name>{_TABLE_NAME})\s+\(?\d")


_LINEUP_HEAD = re.compile(rf"^\s*(?P<team>{_TABLE_NAME})\s*(?:-|–|:)\s+")
_LINEUP_ITEM = re.compile(rf"^\s*(?P<name>{_TABLE_NAME})(?:\s+\d+(?:\+\d+)?'?)?\s*$")
_POSITIONS = frozenset(
    {"goalkeeper", "goalkeepers", "defenders", "defender", "midfielders", "midfielder", "forwards",
     "forward", "strikers", "substitutes", "subs", "coach", "manager", "bench", "starting", "reserves"}
)  # fmt: skip


def _lineup(line: str) -> list[tuple[int, int, str]] | None:
    """ "Kisumu City - Wanyama; Achieng, Omondi, Baraka Mwangi (Otieno 70)": a team and its players
    (a position word before the dash names no team: "Defenders - A, B, C")."""
    head = _LINEUP_HEAD.match(line)
    if head is None:
        return None
    items: list[tuple[int, int]] = []
    position = head.end()
    for piece in re.split(r"([;,()])", line[head.end() :]):
        if piece in {";", ",", "(", ")"} or not piece.strip(" .\t"):
            position += len(piece)
            continue
        item = _LINEUP_ITEM.match(piece.rstrip("."))
        if item is None:
            return None
        items.append((position + item.start("name"), position + item.end("name")))
        position += len(piece)
    if len(items) < 4:
        return None
    found = [(start, end, PERSON) for start, end in items]
    if head.group("team").lower() not in _POSITIONS:
        found.insert(0, (head.start("team"), head.end("team"), ORG))
    return found


def _table_lines(
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
            elif _lineup(line) is not None:
                found.extend(_lineup(line) or [])
            else:
                for match in _SCORERS.finditer(line):
                    found.append((match.start("team"), match.end("team"), ORG))
                    players = match.start("players")
                    for player in _PLAYER.finditer(match.group("players")):
                        found.append((players + player.start("name"), players + player.end("name"), PERSON))
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


_PARTICLE_START = re.compile(r"(?:al|el|ul|bin|ibn|van|von|de|da|di|du|le|la|ter|ten|d')[\- ’']")


def _common_noun_opening(docs: Sequence[tuple[Doc, int]], entity: Entity) -> bool:
    found = _paragraph_of(docs, entity.start)
    if found is None:
        return False
    doc, offset, _ = found
    span = doc.char_span(entity.start - offset, entity.end - offset)
    if span is None or len(span) != 1:
        return False
    token = span[0]
    return bool(token.is_sent_start or token.i == 0) and token.pos_ == "NOUN" and token.text[1:].islower()


def _drop_common_words(docs: Sequence[tuple[Doc, int]], entities: list[Entity]) -> list[Entity]:
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
    r"Premier|Pope|Father|Sister|Brother|Rev)\.?)"
    r" (?P<name>[A-Z][\w'’\-]+(?: (?:van der|van den|van|von|de la|de|da|do|dos|del|bin|ibn|al|el|ter|le|la)"
    r")?(?: [A-Z][\w'’\-]+){0,2})"
)


def _titled_people(docs: Sequence[tuple[Doc, int]], entities: list[Entity]) -> list[Entity]:
    """People named after a title ("Finance Minister Ana Ruiz") that the model missed or took
    into an organisation; an organisation that is only part of the title ("Finance") goes."""
    added: list[Entity] = []
    dropped: set[int] = set()
    for doc, offset in docs:
        text = doc.text
        for match in _TITLED.finditer(text):
            start, end = offset + match.start("name"), offset + match.end("name")
            name = match.group("name")
            last = name.split()[-1].lower()
            if last in ORG_HEADS | LANDFORM_HEADS | FACILITY_HEADS | GPE_HEADS:
                continue  # "Minister Hospital" is no one
            if gazetteer.place_size(name) >= 100_000 and " " not in name:
                continue  # "the Minister for Lisbon"
            overlapping = [i for i, e in enumerate(entities) if e.start < end and start < e.end]
            if any(
                entities[i].label == "PERSON"
                or entities[i].label not in TYPED_LABELS | {"NORP"}
                or entities[i].end > end
                or entities[i].start < start
                for i in overlapping
            ):
                continue  # found already, or the model saw another kind of thing or a longer name
            dropped.update(overlapping)
            added.append(Entity(start, end, "PERSON", name))
            # "Finance" of "Finance Minister": an organisation that is only the title's first word.
            title_start = offset + match.start("title")
            for i, e in enumerate(entities):
                if e.end in {title_start - 1, title_start} and e.label in {"ORG", "NORP", "GPE"}:
                    if text[e.start - offset : title_start - offset].strip() == e.text:
                        dropped.add(i)
    if not added and not dropped:
        return entities
    kept = [e for i, e in enumerate(entities) if i not in dropped]
    return sorted(kept + added, key=lambda e: (e.start, e.end))


EVENT_HEADS = frozenset(
    {"marathon", "games", "olympics", "olympiad", "cup", "championship", "championships", "open",
     "prix", "festival", "expo", "fair", "tour", "rally", "derby", "classic", "trophy", "awards",
     "biennale", "week", "regatta", "triathlon", "summit", "conference", "congress", "forum",
     "world cup", "series", "grand slam", "jubilee", "carnival", "parade"}
)  # fmt: skip
LANGUAGE_CUES = ("-language", "-medium", "-speaking", " speakers", " speaker", " language")


_DEMONYM = re.compile(r"(?:an|ans|ese|ish|ic|ean|eans|ite|ites|ch|ois|ais)$")
_FACILITY_AFTER = re.compile(r" (?:air base|naval base|base|airport|port|station|terminal|dam|plant|mine)\b")


def _place_not_group(docs: Sequence[tuple[Doc, int]], entity: Entity) -> Entity:
    """A place the model called a nationality or group: known ("Gdansk", "Kilimanjaro"), or a
    name that is no demonym before a facility ("Kyogamisaki air base")."""
    if entity.label != "NORP":
        return entity
    found = _paragraph_of(docs, entity.start)
    if found is None:
        return entity
    if " " not in entity.text and not _DEMONYM.search(entity.text) and not gazetteer.is_language(entity.text):
        _, offset, paragraph = found
        if _FACILITY_AFTER.match(paragraph, entity.end - offset):
            return Entity(entity.start, entity.end, "FAC", entity.text)
    if not (gazetteer.is_landform(entity.text) or gazetteer.place_size(entity.text) >= 15_000):
        return entity
    doc, offset, _ = found
    span = doc.char_span(entity.start - offset, entity.end - offset, alignment_mode="expand")
    if span is None or any(token.pos_ == "ADJ" for token in span):
        return entity  # "Swiss", "Polish": adjectives of nationality stay groups
    return Entity(entity.start, entity.end, "GPE", entity.text)


def _not_a_name(docs: Sequence[tuple[Doc, int]], entity: Entity) -> Entity:
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
        found = _paragraph_of(docs, entity.start)
        after = found[2][entity.end - found[1] : entity.end - found[1] + 12] if found else ""
        before = found[2][max(0, entity.start - found[1] - 8) : entity.start - found[1]] if found else ""
        if after.startswith(LANGUAGE_CUES) or before.endswith((" in ", "speak ", "speaks ")):
            return Entity(entity.start, entity.end, "LANGUAGE", entity.text)
        return Entity(entity.start, entity.end, "NORP", entity.text)
    return entity


def _margin(score: Scores) -> float:
    """How far the best type is ahead of the next on evidence beyond the model: a name that sure
    can vouch for those listed with it."""
    values = sorted((score.get(kind, 0.0) for kind in TIE_ORDER), reverse=True)
    return values[0] - values[1]


def _coordinated(
    docs: Sequence[tuple[Doc, int]], entities: Sequence[Entity], indexes: list[int]
) -> dict[int, list[int]]:
    """Mention index -> the mentions listed with it ("X, Y and Z", "X or the Y")."""
    partners: dict[int, list[int]] = defaultdict(list)
    joiner = re.compile(r"^(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)(?:the\s+)?$")
    body_texts = {offset: doc.text for doc, offset in docs}
    for first, second in zip(indexes, indexes[1:], strict=False):
        a, b = entities[first], entities[second]
        found = _paragraph_of(docs, a.start)
        if found is None or b.start - a.end > 12:
            continue
        _, offset, _ = found
        between = body_texts[offset][a.end - offset : b.start - offset]
        if joiner.match(between):
            partners[first].append(second)
            partners[second].append(first)
    return partners


def _link_short_names(names: dict[str, _Name]) -> None:
    """A surname alone, or a shorter form, joins the one longer name it belongs to."""
    spelling = {key: name.spelling for key, name in names.items()}
    for short, long in link_keys(spelling).items():
        _join(names[long], names[short])


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

    for short in keys:
        words = short.split()
        longer = [other for other in keys if len(other.split()) > len(words)]
        written = spelling_of[short]
        place_word = gazetteer.place_size(written) >= 15_000 or gazetteer.is_landform(written)
        ending = {
            root(other)
            for other in longer
            if other.split()[-len(words) :] == words
            # "Texas" is not a short form of "Electric Reliability Council of Texas"
            and not (set(other.split()) & {"of", "for", "and", "&", "de", "du", "del", "des"})
            and not (place_word and not _person_like(spelling_of[other].split()))
        }
        if len(ending) == 1:
            parent[short] = next(iter(ending))
            continue
        if ending:
            continue  # two people share the surname: it stays apart
        if len(words) > 1:
            # "Gulf Meridian" of "Gulf Meridian Ports": a company's name without its head word.
            prefixed = {
                root(other)
                for other in longer
                if other.split()[: len(words)] == words
                and (
                    other.split()[-1] in ORG_HEADS
                    or gazetteer.legal_form_words(spelling_of[other].replace(",", " ").split())
                )
            }
            if len(prefixed) == 1:
                parent[short] = next(iter(prefixed))
            continue
        starting = {root(other) for other in longer if other.split()[0] == words[0]}
        if len(starting) != 1:
            continue
        target = next(iter(starting))
        if target.split()[-1] in LANDFORM_HEADS | FACILITY_HEADS | GPE_HEADS:
            continue
        if gazetteer.place_size(written) or gazetteer.place_size(written.title()):
            continue
        parent[short] = target
    return {key: root(key) for key in parent}


def _decide(
    docs: Sequence[tuple[Doc, int]],
    entities: Sequence[Entity],
    indexes: list[int],
    fixed: dict[int, str],
    extra: Scores | None = None,
) -> tuple[str, str, Scores]:
    """The type of one name from all its mentions' evidence, its fine label, and the scores."""
    score = _scores(extra)
    votes: Counter[str] = Counter()
    fine_votes: Counter[str] = Counter()  # ints, unlike the scores
    spellings = {entities[i].text for i in indexes}
    longest = max(spellings, key=len)
    shape, fine_shape = _shape(longest)
    _add(score, shape)
    context = _scores()
    for index in indexes:
        entity = entities[index]
        votes[TYPE_OF_LABEL[entity.label]] += 1
        if entity.label in {"GPE", "LOC", "FAC"}:
            fine_votes[entity.label] += 1
        if entity.start in fixed:  # a dateline's place or credit, a team in a results table
            score[fixed[entity.start]] += 8
            if fixed[entity.start] == PLACE:
                fine_votes["GPE"] += 3
            continue
        found = _paragraph_of(docs, entity.start)
        if found is None:
            continue
        doc, offset, text = found
        start, end = entity.start - offset, entity.end - offset
        if index + 1 < len(entities) and entities[index + 1].label == "WORK_OF_ART":
            if re.fullmatch(r"['’]s [\"“‘']?", text[end : entities[index + 1].start - offset]):
                context[PERSON] += 2.5  # "Beethoven's Ode to Joy": works have authors
        _add(context, _context(text, start, end, _is_sentence_start(doc, start)))
    # Context counts, but one name said twenty times in one way is not twenty times surer.
    for kind, value in context.items():
        score[kind] += max(-6.0, min(6.0, value))
    model_part = _scores()
    total = sum(votes.values())
    for kind, count in votes.items():
        model_part[kind] += 2.0 * count / total
    _add(score, model_part)
    place_score, place_fine = _place_evidence(longest.title() if longest.isupper() else longest)
    if place_score and not shape.get(ORG) and not shape.get(PERSON):
        score[PLACE] += place_score
        if fine_shape is None and place_fine is not None:
            fine_votes[place_fine] += 2
    if len(longest.split()) == 1 and votes.get(PERSON) and score[PERSON] <= 2.5 and not shape:
        # One word said to be a person by the model alone, linked to no full name in the article:
        # a person only if it is at least a known given or family name.
        word = longest.rstrip("'’s")
        known = gazetteer.is_given_name(word) or gazetteer.is_family_name(word)
        score[PERSON] -= 0.5 if known else 2.0
    best = max(TIE_ORDER, key=lambda kind: (round(score[kind], 6), -TIE_ORDER.index(kind)))
    evidence = _scores()
    for kind in TIE_ORDER:
        evidence[kind] = score[kind] - model_part[kind]
    if EXPLAIN is not None:
        EXPLAIN.append((longest, dict(score), dict(votes), dict(context), place_score))
    if best == PLACE:
        fine = fine_shape or (fine_votes.most_common(1)[0][0] if fine_votes else None)
        if fine is None:
            fine = "LOC" if context.get(PERSON, 0) < 0 and not place_score else "GPE"
        return PLACE, fine, evidence
    return best, best, evidence


# Tests and tools set this to a list to see each decision: (name, scores, model votes, context, place).
EXPLAIN: list[tuple[str, dict[str, float], dict[str, int], dict[str, float], float]] | None = None

_COMMON_OPENERS = frozenset(
    {"the", "a", "an", "but", "and", "in", "on", "at", "for", "it", "this", "that", "these", "those",
     "he", "she", "they", "we", "i", "you", "there", "then", "when", "while", "after", "before",
     "as", "if", "so", "yet", "of", "to", "by", "with", "from", "new", "more", "most", "some"}
)  # fmt: skip


def _recover(docs: Sequence[tuple[Doc, int]], entities: list[Entity]) -> list[Entity]:
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
    for surname, label in surnames.items():
        if spellings.get(surname, label) != label:
            conflicting.add(surname)
        spellings.setdefault(surname, label)
    for text in conflicting:
        spellings.pop(text, None)
    if not spellings:
        return entities
    taken = sorted((entity.start, entity.end) for entity in entities)
    alternatives = "|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True))
    pattern = re.compile(r"(?<![\w\-])(?:" + alternatives + r")(?![\w\-]|\.\w)")
    found: list[Entity] = []
    for doc, offset in docs:
        text = doc.text
        for match in pattern.finditer(text):
            start, end = offset + match.start(), offset + match.end()
            if any(s < end and start < e for s, e in taken):
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
            taken.append((start, end))
            found.append(Entity(start, end, spellings[match.group(0)], match.group(0)))
    if not found:
        return entities
    return sorted(entities + found, key=lambda e: (e.start, e.end))
