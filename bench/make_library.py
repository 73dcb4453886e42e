"""Write a synthetic news library (deterministic fake articles) to measure Dateline at scale.

    python bench/make_library.py DIR --count 10000 [--format json|txt] [--seed 7] [--measure]

Every article has a headline, a dateline city, people with roles, organisations, places, dates and
figures, so the index, search and entity highlighting all have realistic work. `--measure` then
builds the index in a temporary cache dir and prints index build, no-op refresh, listing and search
timings (median and worst).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

FIRST = (
    "Amara Helen John Mei Carlos Fatima Jonas Priya Oleksandr Ingrid Kwame Lucia Tomasz Aiko "
    "Rafael Nadia Samuel Elif Mateo Grace Yusuf Sofia Henrik Chloe Ravi Anneke Diego Leila Omar "
    "Hannah Pedro Ewa Kenji Marta Daniel Zainab"
).split()
LAST = (
    "Okafor Kerry Lindqvist Tanaka Moreau Haddad Novak Kowalski Mensah Rossi Fischer Nakamura "
    "Alvarez Petrov Osei Schmidt Dubois Chen Kaur Murphy Silva Jensen Abara Costa Yilmaz Park "
    "Bergstrom Adeyemi Walsh Ferreira Horvath Quinn Sato Mbeki Larsen Ortega"
).split()
ROLES = (
    "Prime Minister",
    "Finance Minister",
    "Secretary of State",
    "Mayor",
    "chief executive",
    "central bank governor",
    "health minister",
    "union leader",
    "professor of economics",
    "police chief",
    "opposition leader",
    "coach",
)
ORGS = (
    "the European Commission",
    "the United Nations",
    "Northwind Foods",
    "Silica Nova",
    "the World Health Organization",
    "the Central Bank",
    "Harbour Rail",
    "the Port Authority",
    "Meridian Energy",
    "the National Weather Service",
    "Atlas Mining",
    "the Red Cross",
    "the International Monetary Fund",
    "Brookfield City Council",
    "Kestrel Airlines",
)
CITIES = (
    "Tokyo Lisbon Nairobi Dresden Valencia Glasgow Cardiff Accra Montreal Oslo Santiago Seoul "
    "Marseille Krakow Lagos Auckland Rotterdam Mumbai Lima Tunis Helsinki Denver Manila Porto"
).split()
COUNTRIES = (
    "Japan Portugal Kenya Germany Spain Scotland Wales Ghana Canada Norway Chile Korea France "
    "Poland Nigeria Zealand Netherlands India Peru Tunisia Finland America Philippines Brazil"
).split()
TOPICS = (
    ("drought", "water restrictions", "reservoir levels"),
    ("rail strike", "pay offer", "commuter services"),
    ("chip plant", "semiconductor output", "supply chains"),
    ("marathon", "world record", "race organisers"),
    ("coalition talks", "budget vote", "parliamentary majority"),
    ("vaccine trial", "clinical results", "health workers"),
    ("port expansion", "container traffic", "dock workers"),
    ("wildfire", "evacuation orders", "emergency crews"),
    ("interest rates", "inflation figures", "household borrowing"),
    ("museum return", "looted artefacts", "cultural heritage"),
    ("glacier melt", "record temperatures", "mountain communities"),
    ("job cuts", "quarterly profits", "factory closures"),
    ("election", "voter turnout", "campaign promises"),
    ("housing plan", "rent controls", "building permits"),
)
VERBS = (
    "said",
    "warned",
    "announced",
    "told reporters",
    "confirmed",
    "argued",
    "insisted",
    "estimated",
)
HEADLINES = (
    "{city} Faces {Topic} as {org_short} Steps In",
    "{person} Announces {Topic} Plan for {country}",
    "{org_short} Warns of {Topic2} After Talks in {city}",
    "{country} {Topic} Deal Reached After {n} Days",
    "Thousands Affected by {Topic} in {city}",
    "{person} Calls {Topic} 'A Turning Point' for {country}",
)
SENTENCES = (
    "{person}, the {role}, {verb} on {weekday} that the {topic} would cost {money} by {year}.",
    "Officials from {org} met in {city} to discuss the {topic2}, {n} people attended.",
    "The {topic} has affected about {count} residents across {country} since {month} {year}.",
    '"We cannot wait any longer," {person} {verb}. "The {topic3} must come first."',
    "According to {org}, {pct} percent of {topic3} were delayed during the past {n} weeks.",
    "{person2}, a {role2} in {city2}, {verb} that the {topic2} was long overdue.",
    "Talks between {org} and {org2} resumed on {date}, with a vote expected in {month}.",
    "Critics in {city2} said the plan ignored {topic3} and would leave {count} families worse off.",
    "The figures, published on {date}, show a rise of {pct} percent compared with {year0}.",
    "{person} is expected to travel to {city2} next week to meet {person2}.",
)
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = (
    "January February March April May June July August September October November December"
).split()


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _fill(template: str, rng: random.Random, topic: tuple[str, str, str], when: dt.date) -> str:
    org = rng.choice(ORGS)
    values = {
        "person": _person(rng),
        "person2": _person(rng),
        "role": rng.choice(ROLES),
        "role2": rng.choice(ROLES),
        "verb": rng.choice(VERBS),
        "weekday": rng.choice(WEEKDAYS),
        "topic": topic[0],
        "topic2": topic[1],
        "topic3": topic[2],
        "Topic": topic[0].title(),
        "Topic2": topic[1].title(),
        "org": org,
        "org2": rng.choice(ORGS),
        "org_short": org.removeprefix("the ").title(),
        "city": rng.choice(CITIES),
        "city2": rng.choice(CITIES),
        "country": rng.choice(COUNTRIES),
        "money": f"${rng.randint(2, 900)} million",
        "count": f"{rng.randint(1, 90):,}{rng.choice(['00', ',000', '0'])}",
        "pct": str(rng.randint(2, 64)),
        "n": str(rng.randint(2, 40)),
        "year": str(when.year + rng.randint(0, 3)),
        "year0": str(when.year - 1),
        "month": rng.choice(MONTHS),
        "date": f"{when.day} {MONTHS[when.month - 1]} {when.year}",
    }
    return template.format(**values)


def make_article(index: int, rng: random.Random) -> dict[str, str]:
    """One fake article as the normalised JSON record (title, body, source, published, url)."""
    topic = rng.choice(TOPICS)
    when = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(0, 11 * 365))
    title = _fill(rng.choice(HEADLINES), rng, topic, when)
    city = rng.choice(CITIES)
    paragraphs = []
    for number in range(rng.randint(4, 9)):
        sentences = [
            _fill(rng.choice(SENTENCES), rng, topic, when) for _ in range(rng.randint(2, 4))
        ]
        if number == 0:
            sentences[0] = f"{city.upper()} — " + sentences[0]
        paragraphs.append(" ".join(sentences))
    # A serial number keeps bodies (and so article ids) unique even if the dice repeat.
    paragraphs.append(f"Reporting by {_person(rng)}; edited by {_person(rng)}. Ref {index:06d}.")
    slug = "-".join(title.lower().replace("'", "").split()[:6])
    return {
        "title": title,
        "body": "\n\n".join(paragraphs),
        "source": "Synthetic Wire",
        "published": when.isoformat(),
        "url": f"https://synthetic-wire.test/{when.year}/{index:06d}-{slug}",
    }


def write_library(folder: Path, count: int, *, fmt: str = "json", seed: int = 7) -> list[Path]:
    """Write `count` articles into `folder` (100 per sub-folder) and return their paths."""
    rng = random.Random(seed)
    written = []
    for index in range(count):
        record = make_article(index, rng)
        sub = folder / f"batch-{index // 100:04d}"
        sub.mkdir(parents=True, exist_ok=True)
        if fmt == "json":
            path = sub / f"article-{index:06d}.json"
            path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        else:
            path = sub / f"article-{index:06d}.txt"
            path.write_text(f"{record['title']}\n\n{record['body']}\n", encoding="utf-8")
        written.append(path)
    return written


def write_huge(path: Path, megabytes: float = 25.0, *, seed: int = 5) -> Path:
    """One huge plain-text article: a headline, then one synthetic sentence per line (25 MB is
    about 250,000 lines of wire sentences; the issue's case of a user opening the wrong file)."""
    rng = random.Random(seed)
    topic = rng.choice(TOPICS)
    when = dt.date(2024, 5, 17)
    limit = int(megabytes * 1024 * 1024)
    lines = [_fill(rng.choice(HEADLINES), rng, topic, when), ""]
    size = sum(len(line) + 1 for line in lines)
    while size < limit:
        line = _fill(rng.choice(SENTENCES), rng, topic, when)
        lines.append(line)
        size += len(line.encode("utf-8")) + 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _timed(call: object, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return times


# Search queries for the timings (run.py uses the same list): common words, prefixes, phrases,
# operators, and one that is bad FTS5 syntax.
QUERIES = (
    "tokyo",
    "kerr",
    "drought",
    "central bank",
    "okafor",
    "marathon world record",
    '"rail strike"',
    "inflation OR wildfire",
    "the",
    "dresden chip",
    "u.s.",
    "minister said",
    "helen",
    "evacuation",
    "porto",
    "glacier melt",
    "x-ray: (",
    "mumbai vaccine",
    "silica nova",
    "turnout",
)


def measure(folder: Path) -> None:
    """Build an index of `folder` in a temporary cache and print the figures."""
    from tui.store.library import Library

    with tempfile.TemporaryDirectory() as cache:
        library = Library([folder], cache_dir=Path(cache))
        start = time.perf_counter()
        count = len(library.refresh())
        build = time.perf_counter() - start
        print(f"articles indexed: {count}")
        print(f"index build (cold): {build:.2f} s")
        noop = _timed(library.refresh, 3)
        print(f"refresh, nothing changed: median {statistics.median(noop):.0f} ms")
        fresh = Library([folder], cache_dir=Path(cache))
        listing = _timed(fresh.cached_summaries, 7)
        print(f"cached_summaries: median {statistics.median(listing):.1f} ms, worst {max(listing):.1f} ms")
        latencies = [min(_timed(lambda q=q: library.search(q), 3)) for q in QUERIES]
        print(
            f"search ({len(QUERIES)} queries, limit 50): median "
            f"{statistics.median(latencies):.1f} ms, worst {max(latencies):.1f} ms"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path, help="folder to write the articles into")
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--format", choices=("json", "txt"), default="json")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--measure", action="store_true", help="index it and print timings")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    written = write_library(args.dir, args.count, fmt=args.format, seed=args.seed)
    print(f"wrote {len(written)} articles to {args.dir} in {time.perf_counter() - start:.1f} s")
    if args.measure:
        measure(args.dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
