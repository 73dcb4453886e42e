"""The words names are typed by: heads, titles, cues around a name, and the shapes of datelines."""

from __future__ import annotations

import re

PERSON, ORG, PLACE = "PERSON", "ORG", "PLACE"
TYPED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
TYPE_OF_LABEL = {"PERSON": PERSON, "ORG": ORG, "GPE": PLACE, "LOC": PLACE, "FAC": PLACE}
# Ties go to the first: a tie never makes a person.
TIE_ORDER = (ORG, PLACE, PERSON)

HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof", "rev", "mx", "madam", "daw"})
# Words of a role before its title word: "Prime Minister", "Solicitor General", "Vice Chancellor".
TITLE_MODIFIERS = frozenset(
    """prime vice solicitor attorney foreign finance home interior defence defense health trade
    deputy acting interim former senior assistant associate state lieutenant first high supreme
    managing district regional provincial national federal""".split()
)
PERSON_TITLES = frozenset(
    {
        "president", "senator", "sen", "governor", "gov", "rep", "representative", "secretary", "cllr",
        "referee", "umpire", "linesman", "substitute", "reader", "photographer", "reporter",
        "cardinal", "coun", "councilman", "councilwoman", "headmaster", "headmistress", "insp", "supt",
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
        "marketplace",
        "logistics", "shipping", "telecom", "telecoms", "energy", "holding", "partner", "shipowner",
        "exporter", "importer", "processor", "trader", "refiner", "builder", "contractor",
        "consultancy", "reinsurer", "lessor", "forwarder", "haulier", "shipyard", "yard",
        "bottler", "roaster", "mill", "smelter", "steelmaker", "owner-operator",
    }
)  # fmt: skip
PLACE_NOUNS = frozenset(
    {
        "city", "town", "village", "exclave", "enclave", "township", "settlement", "region", "province",
        "state", "county", "district", "port",
        "capital", "country", "island", "river", "lake", "mountain", "peak", "valley", "municipality",
        "suburb", "neighbourhood", "neighborhood", "borough", "canton", "prefecture", "republic",
        "kingdom", "emirate", "glacier", "sea", "bay", "coast", "desert", "volcano", "archipelago",
        "constellation", "galaxy", "crater", "comet",
        "hamlet", "commune", "oblast", "territory", "estuary", "delta", "basin", "strait", "plateau",
    }
)  # fmt: skip
# Nouns for companies that name people as often ("partner", "producer", "owner").
PEOPLE_TOO = frozenset(
    {"partner", "producer", "owner", "investor", "trader", "builder", "contractor", "developer",
     "publisher", "distributor", "rival", "exporter", "importer", "roaster", "brewer", "grocer",
     "parent", "founder", "driver"}
)  # fmt: skip
# Words before "of" whose "of" names a company ("the logistics unit of Alibaba").
PART_OF_ORG = frozenset(
    {"unit", "subsidiary", "subsidiaries", "division", "arm", "affiliate", "parent", "owner", "owners",
     "shareholder", "shareholders", "stake", "shares", "chairman", "chairwoman", "ceo", "founder",
     "founders", "spokesman", "spokeswoman", "spokesperson", "employees", "customers", "rival", "rivals"}
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
# Nouns after a name that make it a place or a facility ("the Zawrat pass", "the Baltic Hub terminal").
PLACE_AFTER = frozenset(
    {"pass", "telescope", "stadium", "airport", "bridge", "canal", "motorway", "highway", "strait",
     "reservoir", "crossing", "corridor", "terminal", "quay", "pier", "berth", "lighthouse", "tunnel",
     "headworks", "barrage", "weir"}
)  # fmt: skip
# Words before "at" that make what follows an employer ("analysts at Macquarie").
AT_WORK = frozenset(
    {"analyst", "analysts", "economist", "economists", "strategist", "strategists", "researcher",
     "researchers", "scientist", "scientists", "engineer", "engineers", "executive", "executives",
     "officials", "staff", "workers", "employees", "professor", "lecturer", "student", "students",
     "fellow", "director", "partner", "trader", "traders", "banker", "bankers", "manager", "worked",
     "works", "working", "job", "jobs", "career", "stint", "intern", "colleagues", "colleague"}
)  # fmt: skip
# Words before "of" that put what follows on the map ("the mayor of X", "the outskirts of X").
OF_A_PLACE = frozenset(
    {"mayor", "people", "residents", "citizens", "governor", "outskirts", "centre", "center", "heart",
     "edge", "north", "south", "east", "west", "part", "parts", "streets", "suburbs", "township",
     "residents'", "inhabitants", "environs", "hills", "shores", "banks", "waters", "coast"}
)  # fmt: skip
# Words before "at" that put what follows on the map ("a terminal at X", "calling at X").
AT_A_PLACE = frozenset(
    {"terminal", "terminals", "port", "berth", "berths", "quay", "calling", "call", "calls", "docked",
     "arrived", "arrive", "arriving", "stopped", "anchored", "berthed", "moored", "station", "based",
     "located", "held", "meeting", "summit", "talks", "reporters", "rally", "ceremony", "conference",
     "gathered", "landed", "stationed", "born", "buried", "died", "camp", "site", "plant", "hospital"}
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
        # A team's people: "Anderlecht coach Rik De Smet", "Tipperary goalkeeper Dara O'Meara".
        "coach", "manager", "goalkeeper", "keeper", "striker", "midfielder", "defender", "winger",
        "forwards", "defence", "defense", "squad", "fans", "supporters", "captain", "skipper",
        "full-back", "centre-back", "half-back", "playmaker", "debutant",
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
        "legislature", "judiciary", "premiership", "liga", "ligue", "eredivisie", "bourse", "elementary",
        "håndbold", "håndball", "handboll", "fodbold", "fotball", "fotboll", "fußball", "voetbal",
        "cargo", "freight", "ramblers", "harriers", "athletic", "albion", "academical", "hotspur",
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
        "breweries", "cellars", "broker", "brokers", "brokerage", "films", "pictures",
        "electric", "steel", "chemicals", "electronics", "semiconductor", "semiconductors",
        "automotive", "aerospace", "petroleum", "oil", "gas", "power", "railways", "railway", "rail",
        "transport", "transit", "ferries", "cruises", "hotels", "retail", "stores", "markets",
        "wire", "institution", "academy", "tribunal", "cabinet", "government", "directorate",
        "secretariat", "inc", "corp", "ltd", "co", "united", "city", "rovers", "wanderers",
        "ports", "terminals", "airports", "harbours", "docks", "yards", "stations", "mines",
        "observatory", "observatories", "programme", "program", "laboratory", "conservancy",
        "geothermal", "hydro", "renewables", "solar", "wind", "utilities", "nuclear", "minerals",
        "metals", "materials", "cement", "paper", "packaging", "express",
        "aviation", "maritime", "marine", "offshore", "drilling", "exploration", "refining",
        "agri", "agro", "seeds", "dairy", "fisheries", "seafood", "brewing", "distillery",
        "pharmaceutical", "biosciences", "diagnostics", "medical", "health", "healthcare", "clinic",
        "asset", "assets", "management", "equity", "bancorp", "bankers",
        "sporting", "sc", "bv", "cooperative", "co-op", "studios", "records", "games",
        "software", "robotics", "biotech", "dynamics", "analytics", "consulting", "advisers",
        "advisory", "associates", "consultants", "cycling",
        "advisors", "securities", "finance", "financial", "credit", "trading", "estates",
        "properties", "developments", "construction", "engineering", "shipyard", "shipyards",
        "works", "mills", "farms", "brands", "beverages", "textiles", "fashion", "apparel",
        "communications", "broadcasting", "television", "radio", "tv", "journal", "gazette",
        "herald", "tribune", "observer", "chronicle", "review", "magazine", "monitor",
        "initiative", "movement", "front", "caucus", "syndicate", "collective", "international",
        "ledger", "courier", "sentinel", "examiner", "inquirer",
        # Turkish company and institution words ("Türkiye İş Bankası", "Ak Yatırım", "Atlas Portföy").
        "bankası", "sanayi", "ticaret", "yatırım", "portföy", "işletmeleri", "şirketi", "vakfı",
        "derneği", "üniversitesi", "belediyesi", "otomotiv", "enerji", "havayolları", "holdingi",
    }
)  # fmt: skip
# First words that make an organisation of a longer name ("Borsa Istanbul", "Grupa Kęty", "Club Brugge").
ORG_FIRST_WORDS = frozenset(
    {"banco", "banca", "bolsa", "borsa", "bourse", "börse", "grupo", "grupa", "groupe", "gruppo",
     "pivovar", "brauerei", "bryggeri", "bryggeriet", "browar", "cervejaria", "cervecería", "birrificio",
     "trio", "quartet", "quintet", "ensemble", "orchestre", "orquesta", "orquestra", "banda", "coro",
     "compagnie", "compañía", "companhia", "société", "sociedad", "universidad", "università",
     "universidade", "université", "universität", "instituto", "istituto", "ministerio",
     "ministério", "ministère", "ministerium", "club", "fc", "ac", "sc", "sv", "cd", "cf", "ud",
     "partido", "parti", "partei", "partito", "stowarzyszenie", "fundación", "fundação", "stiftung",
     "ysgol", "escola", "escuela", "scuola", "colegio", "liceo", "lycée", "hochschule",
     "bord", "coimisiún", "comhairle", "údarás", "comisión", "comissão", "commissione", "kommission",
     "rada", "conseil", "consejo", "conselho", "consiglio", "tribunal", "tribunale", "agence",
     "agencia", "agência", "agenzia", "autorité", "autoridad", "banque", "caisse", "caja", "fundacja",
     "fondation", "fondazione", "sindicato", "syndicat", "asociación", "associação", "associazione",
     "comité", "comitato", "junta", "cámara", "câmara", "chambre", "kammer", "secretaría",
     "secretaria", "procuraduría", "fiscalía", "policía", "polícia", "polizia", "armée", "ejército"}
)  # fmt: skip
# Articles a foreign name may open with before its head word ("An Bord Pleanála", "La Caixa").
ARTICLE_WORDS = frozenset({"an", "la", "le", "el", "il", "die", "der", "das", "het", "de", "les", "los"})
# Heads that name a place; "centre" is both (an institution or a building): organisations win it.
LANDFORM_HEADS = frozenset(
    {
        "river", "lake", "sea", "ocean", "mountain", "mountains", "mount", "valley", "glacier",
        "island", "islands", "peninsula", "bay", "gulf", "desert", "forest", "alps", "strait",
        "canal", "delta", "basin", "plateau", "hills", "coast", "highlands", "lowlands", "range",
        "falls", "fjord", "lagoon", "reef", "cape", "heath", "moor", "park", "gorge", "massif",
        "estuary", "creek", "head", "point", "plain", "plains", "volcano", "ridge", "peak", "pass",
    }
)  # fmt: skip
PLACE_FIRST_WORDS = frozenset(
    {"mount", "mt", "county", "lake", "lac", "loch", "cape", "isle", "gulf", "bay", "sierra", "costa",
     "monte", "mont", "lago", "rio", "río", "isla", "ilha", "cabo", "serra", "puerto", "glen", "strait",
     "cerro", "mauna", "jebel", "djebel", "jabal", "pico", "volcán", "volcan", "nevado", "gunung",
     "bukit", "tanjung", "pulau", "wadi", "sungai", "danau", "golfo", "bahía", "bahia", "playa",
     "republika", "pays", "provincia", "región", "departamento", "estado", "kanton", "landkreis",
     "rivière", "fleuve", "île", "baie", "pointe", "laguna", "lagoa", "rivier"}
)  # fmt: skip
GPE_HEADS = frozenset(
    {"province", "county", "district", "region", "prefecture", "oblast", "state", "republic",
     "kingdom", "emirate", "city", "town", "borough", "canton", "municipality", "governorate",
     "zone", "territory", "township", "parish", "commune", "département", "voivodeship", "krai"}
)  # fmt: skip
FACILITY_HEADS = frozenset(
    {
        "road", "street", "avenue", "lane", "bridge", "station", "airport", "stadium", "square",
        "tunnel", "highway", "motorway", "tower", "arena", "terminal", "port", "harbour", "harbor",
        "dock", "docks", "pier", "hall", "palace", "cathedral", "church", "mosque", "temple",
        "castle", "prison", "plant", "mine", "dam", "base", "campus", "gate", "boulevard", "way",
        "quay", "wharf", "field", "ground", "park", "building", "centre", "center", "route",
        "fairgrounds", "showground", "showgrounds", "racecourse", "racetrack", "velodrome",
        "pavilion", "marina", "lighthouse", "quarry", "reservoir", "bypass", "expressway", "ring",
        "hut", "refuge", "lodge", "cabin", "shelter", "pagoda", "shrine", "monastery", "abbey", "chapel",
        "basilica", "synagogue", "fort", "fortress", "citadel", "market", "bazaar", "mall", "cemetery",
        "plaza", "promenade", "embankment", "jetty", "berth", "lock", "weir", "barrage", "oval",
        "airfield", "airstrip", "depot", "junction", "interchange", "viaduct", "baths", "garden", "gardens",
        "zoo", "memorial", "monument", "mausoleum", "theatre", "theater", "playhouse", "fairground",
    }
)  # fmt: skip
_WORD_FORM_SPELLINGS = frozenset(
    {"plc", "hf", "hf.", "ohf", "ohf.", "uulu", "kyzy", "ogly", "oglu", "oğlu", "qizi", "kizi", "uly", "qyzy",
     "ugli"}
)  # legal forms and patronymic words written in lower case at the end of a name
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
# Streets: the street word written inside the name (German, Dutch, Nordic, Turkish, Slavic), or before it.
STREET_COMPOUND = re.compile(
    r"\w{3}(?:straße|strasse|laan|straat|gracht|plein|kade|gasse|platz|allee|damm|gatan|gade|vej|"
    r"veien|vägen|caddesi|sokak|sokağı|ulica|utca)$"
)
STREET_FIRST_WORDS = frozenset(
    {"rue", "avenue", "boulevard", "calle", "avenida", "rua", "viale", "piazza", "corso", "plaza",
     "praça", "jalan", "ulica", "plac", "carrer", "largo", "quai"}
)  # fmt: skip
PLACE_COMPOUND = re.compile(
    r"(?:haven|hafen|havn|hamn|fjord|fjörður|vatn|vatnet|sjön|järvi|joki|see|plaat|vlakte|polder|stadt|"
    r"dorf|hausen|ingen|kirchen|ville|pur|abad|grad|gorod|kent|istan|ów|owice|ice|dalen|vík|vik)$"
)
# Family-name endings that name people and almost nothing else.
PATRONYMIC = re.compile(
    r"(?:dóttir|dottir|sson|ović|ovic|ević|evic|ić|enko|escu|oğlu|oglu|poulos|akis|opoulou|"
    r"owski|ewski|owska|ewska|ovski|evski|ová|ova|eva|yeva|yev|shvili|adze|yan|iyan)$"
)
# Words that start a sentence without being part of the name ("In", "But").
PLACE_PREPOSITIONS = frozenset(
    {"in", "near", "across", "outside", "around", "throughout", "inside", "to", "into", "from",
     "towards", "toward", "via", "through", "between", "along", "off", "beyond", "within", "below",
     "above", "beneath", "opposite", "past"}
)  # fmt: skip
RIVER_PREPOSITIONS = frozenset({"along", "down", "up", "across", "over", "beside", "into", "on", "by"})


_NOT_GIVEN = frozenset(
    {"January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
     "Saturday", "Sunday", "Christmas", "Easter", "God", "Lord", "North", "South", "East", "West"}
)  # fmt: skip


_POSITIONS = frozenset(
    {"goalkeeper", "goalkeepers", "defenders", "defender", "midfielders", "midfielder", "forwards",
     "forward", "strikers", "substitutes", "subs", "coach", "manager", "bench", "starting", "reserves"}
)  # fmt: skip


EVENT_HEADS = frozenset(
    {"marathon", "games", "olympics", "olympiad", "cup", "championship", "championships", "open",
     "prix", "festival", "expo", "fair", "tour", "rally", "derby", "classic", "trophy", "awards",
     "biennale", "week", "regatta", "triathlon", "summit", "conference", "congress", "forum",
     "world cup", "series", "grand slam", "jubilee", "carnival", "parade"}
)  # fmt: skip
LANGUAGE_CUES = ("-language", "-medium", "-speaking", " speakers", " speaker", " language")


_COMMON_OPENERS = frozenset(
    {"the", "a", "an", "but", "and", "in", "on", "at", "for", "it", "this", "that", "these", "those",
     "he", "she", "they", "we", "i", "you", "there", "then", "when", "while", "after", "before",
     "as", "if", "so", "yet", "of", "to", "by", "with", "from", "new", "more", "most", "some"}
)  # fmt: skip
# Initials that are words of the trade, not names.
NOT_NAMES = frozenset(
    """CEO CFO COO CTO CIO GDP GNP VAT LNG LPG CNG EV EVS AI TV PC ID IT HR PR AM PM OK DNA RNA HIV AIDS
    COVID NGO NGOS IPO ETF API GPS SUV MP MPS PHD BA MA MBA USB LED LCD CPU GPU SMS FAQ DIY ATM PIN
    VIP RSVP ASAP FYI TBA TBC ETA CCTV MRI ICU ER UV IQ CV PDF URL WW II III IV VI VII VIII IX XI XII
    KM KG MW GW KW MWH GWH TWH BPD CO NOX SOX PPM PPE HGV TEU TEUS DWT ROI EBIT EBITDA EPS YOY QOQ
    NB PS AD BC CE BCE GMT UTC CET EST PST BST""".split()
)
# Organisation heads that name a whole run before "of"/"for" ("Kiel Institute for the World Economy").
HEADS_BEFORE_OF = frozenset(
    {"institute", "ministry", "court", "department", "authority", "commission", "council", "agency",
     "office", "bureau", "university", "academy", "federation", "association", "society", "centre",
     "center", "board", "tribunal", "directorate", "foundation", "union", "bank", "school", "college",
     "committee", "conference", "corporation", "organisation", "organization", "administration",
     "secretariat", "chamber", "fund", "alliance", "service", "inspectorate", "registry"}
)  # fmt: skip
# "X, chief executive of": the words after "chief" that make X a person.
CHIEF_OF = frozenset(
    {"executive", "officer", "operating", "financial", "economist", "scientist", "inspector", "minister",
     "constable", "engineer", "judge", "justice", "negotiator", "prosecutor", "whip", "strategist"}
)  # fmt: skip
# Kin before a name: "his wife Bríd", "sons Pádraig and Ciarán", "her brother Tomasz". Not "sister"
# ("sister company", "sister ship") nor "partner" (a business's too).
KIN = frozenset(
    {"wife", "husband", "son", "sons", "daughter", "daughters", "brother", "brothers", "sisters",
     "mother", "father", "widow", "widower", "grandson", "granddaughter", "grandsons",
     "granddaughters", "nephew", "niece", "cousin", "fiancé", "fiancée", "uncle", "aunt",
     "stepson", "stepdaughter", "twin", "siblings", "children", "grandfather", "grandmother"}
)  # fmt: skip
# Legislatures and other bodies news names by one foreign word after "the" ("the Bundestag",
# "the Senedd"): institutions, though "the X" is otherwise most often a river or a region.
INSTITUTIONS = frozenset(
    """Bundestag Bundesrat Nationalrat Ständerat Bundesversammlung Landtag Bürgerschaft Senedd
    Knesset Duma Sejm Senat Riksdag Riksdagen Storting Stortinget Folketing Folketinget Eduskunta
    Althing Alþingi Dáil Oireachtas Seanad Tynwald Cortes Congreso Majlis Majles Sangsad Saeima
    Seimas Riigikogu Sabor Skupština Sobranie Rada Mazhilis Khural Jirga Shura Kokkai Bundesbank
    Bundeswehr Bundesliga Politburo Eerste Tweede Folkets Lagting Løgting Inatsisartut Parlamento
    Parlement Parlament Assemblée Congresso Bundeskanzleramt Bundesverfassungsgericht""".split()
)
# Nouns for people that an apposition names ("Our guide, Mwila Banda, has ...").
PEOPLE_NOUNS = frozenset(
    {"guide", "owner", "founder", "leader", "lawyer", "editor", "curator", "analyst", "economist", "agent",
     "researcher", "farmer", "teacher", "driver", "resident", "neighbour", "neighbor", "friend",
     "colleague", "host", "boss", "chef", "pilot", "skipper", "doctor", "nurse", "midwife",
     "fisherman", "fishermen", "widow", "survivor", "victim", "suspect", "witness", "organiser",
     "organizer", "manager", "coach", "director", "spokesman", "spokeswoman", "spokesperson"}
)  # fmt: skip
# Verbs before "by" that make what follows an organisation (or a person): "made by Foxconn",
# "organised by the Huế Monuments Conservation Centre".
BY_MAKER = frozenset(
    {"made", "manufactured", "built", "produced", "owned", "operated", "run", "developed",
     "supplied", "published", "organised", "organized", "sponsored", "funded", "backed", "acquired",
     "bought", "managed", "staged", "hosted", "distributed", "commissioned", "awarded", "advised",
     "audited", "financed", "insured", "underwritten", "arranged", "brokered"}
)  # fmt: skip
# Months, weekdays, feasts and the like: capitalised, and no names.
CALENDAR = frozenset(
    """january february march april may june july august september october november december monday
    tuesday wednesday thursday friday saturday sunday christmas easter ramadan eid diwali hanukkah
    god internet web covid brexit jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
# Heads of bodies named "X on Y": "Commission on Audit", "Council on Foreign Relations".
HEADS_BEFORE_ON = frozenset({"commission", "committee", "conference", "council", "panel", "forum", "board"})
# Verbs before "for" that make what follows a team, a company or an orchestra ("rides for Ineos").
PLAYS_FOR = frozenset(
    {"plays", "played", "playing", "rides", "rode", "riding", "races", "raced", "racing", "signed",
     "scored", "scores", "works", "worked", "working", "writes", "wrote", "writing", "reports",
     "reported", "competes", "competed", "drives", "drove", "bats", "batted", "bowls", "starred",
     "flies", "flew", "sings", "sang", "sails", "sailed", "campaigned", "lobbies", "lobbied"}
)  # fmt: skip
# Countries as their own language names them, after a company's name for its national arm
# ("DB Cargo Polska", "Siemens Deutschland").
NATIVE_COUNTRIES = frozenset(
    {"polska", "deutschland", "españa", "italia", "france", "nederland", "sverige", "norge", "suomi",
     "danmark", "österreich", "schweiz", "suisse", "brasil", "méxico", "türkiye", "česko", "magyarország",
     "românia", "hellas", "россия", "україна", "portugal", "belgique", "belgië", "ireland", "uk",
     "nigeria", "kenya", "india", "indonesia", "malaysia", "philippines", "vietnam", "japan", "korea"}
)  # fmt: skip
# Roles after a party's (or a council's) name: "Sinn Féin councillor", "Labour MPs".
PARTY_ROLES = frozenset(
    {"councillor", "councillors", "mp", "mps", "td", "tds", "mep", "meps", "msp", "mla", "senator",
     "senators", "lawmaker", "lawmakers", "legislator", "legislators", "candidate", "candidates",
     "deputies", "activists", "members"}
)  # fmt: skip
# Words before "to" or "with" that make what follows a party to talk or trade with, not a place.
TALKS_TO = frozenset(
    {"talking", "talk", "talked", "talks", "spoke", "speak", "speaking", "wrote", "writing", "sold",
     "sells", "selling", "supplies", "supplied", "supplying", "lent", "paid", "pays", "owed", "owes",
     "belonging", "belongs", "deal", "agreement", "contract", "complaint", "partnered", "merged",
     "merge", "merger", "negotiating", "negotiations", "signed"}
)  # fmt: skip
