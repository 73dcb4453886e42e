"""Names queries at scale: a 10,000-article names index built from synthetic facts, then timings.

    python bench/names.py [--count 10000] [--days 120] [--runs 7]

The articles come from `make_library.make_article` (deterministic), re-dated over the last `--days`
days so that "who is in the news" has thousands of articles in its 30-day window. Their facts are
found by matching the generator's own name lists in the text (people, organisations, cities and
countries, with bare surnames where the text uses them), so no spaCy run is needed and the index
holds what an analysed library would (and, as in the app, every other occurrence of a known spelling
counts as a known mention). Prints the build time, the incremental add of 20 articles, and per query
the median and worst of `--runs` runs. Tests never assert timings; this only prints.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

from make_library import CITIES, COUNTRIES, FIRST, LAST, ORGS, make_article  # noqa: E402

from tui.analysis.types import empty_facts  # noqa: E402
from tui.core.article import article_id  # noqa: E402
from tui.names.index import NameIndex  # noqa: E402
from tui.names.rows import IndexedArticle  # noqa: E402

PERSON = re.compile(rf"\b(?:{'|'.join(FIRST)}) (?:{'|'.join(LAST)})\b")
ORG = re.compile("|".join(re.escape(o.removeprefix("the ")) for o in ORGS))
PLACE = re.compile(rf"\b(?:{'|'.join(CITIES + COUNTRIES)})\b")


def facts_of(body: str) -> dict[str, list[dict[str, Any]]]:
    """People, organisations and places of a synthetic body, as the facts would give them."""
    facts = empty_facts()
    for kind, label, pattern in (
        ("people", "PERSON", PERSON),
        ("organizations", "ORG", ORG),
        ("places", "GPE", PLACE),
    ):
        found: dict[str, dict[str, Any]] = {}
        for match in pattern.finditer(body):
            fact = found.setdefault(
                match.group(),
                {
                    "name": match.group(),
                    "label": label,
                    "mentions": 0,
                    "variants": [match.group()],
                    "first": match.start(),
                },
            )
            fact["mentions"] += 1
        facts[kind] = list(found.values())
    return facts


def synthetic(count: int, days: int, seed: int = 7, start: int = 0) -> list[IndexedArticle]:
    rng = random.Random(seed + start)
    today = date.today()
    items = []
    for index in range(start, start + count):
        record = make_article(index, rng)
        published = (today - timedelta(days=rng.randrange(days))).isoformat()
        body = record["body"]
        items.append(
            IndexedArticle(
                article_id(body),
                "synthetic",
                record["title"],
                rng.choice(["Wire A", "Wire B", "Wire C", "Daily D"]),
                published,
                body,
                facts_of(body),
            )
        )
    return items


def _name_ids(index: NameIndex, name: str, kind: str) -> set[str]:
    """What a name term of a search asks of the names index (`tui.names.evaluate`)."""
    identity = index.identity(name, kind)
    return index.article_ids(identity) if identity is not None else set()


def timed(call: Callable[[], object], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        begin = time.perf_counter()
        call()
        times.append((time.perf_counter() - begin) * 1000)
    return statistics.median(times), max(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=120)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="build the index in DIR and keep it; reuse it if it is there"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temp:
        index = NameIndex(args.keep or Path(temp))
        if index.indexed_count() < args.count:
            items = synthetic(args.count, args.days)
            begin = time.perf_counter()
            for first in range(0, len(items), 200):
                index.add_articles(items[first : first + 200])
            print(
                f"names index of {index.indexed_count():,} articles built in "
                f"{time.perf_counter() - begin:.1f} s (batches of 200, stories placed as they come)",
                flush=True,
            )
        extra = synthetic(20, 3, start=args.count + index.indexed_count())
        begin = time.perf_counter()
        index.add_articles(extra)
        print(f"20 new articles added (index, names, stories): {(time.perf_counter() - begin) * 1000:.0f} ms")
        index.remove_articles(item.article_id for item in extra)
        people = index.in_the_news(args.days).people
        busiest = people[0].name if people else "John Kerry"
        follows = [(p.name, None) for p in people[:10]]
        latest = index.latest_day() or date.today()
        queries: list[tuple[str, Callable[[], object]]] = [
            (f"identity('{busiest}')", lambda: index.identity(busiest)),
            (
                f"timeline('{busiest}') [{len(index.timeline(busiest))} articles]",
                lambda: index.timeline(busiest),
            ),
            ("follow_counts(10 names)", lambda: index.follow_counts(follows)),
            (
                f"articles_mentioning('{busiest}') [mentions screen, ent:]",
                lambda: index.articles_mentioning(busiest),
            ),
            ("known_spellings() [the reader's known mentions]", lambda: index.known_spellings()),
            (
                f'person:"{busiest}" place:Tokyo since:… [the names part of a search]',
                lambda: (
                    _name_ids(index, busiest, "people")
                    & _name_ids(index, "Tokyo", "places")
                    & index.dated_ids(latest - timedelta(days=60))
                ),
            ),
            (
                'org:"European Commission" [the names part of a search]',
                lambda: _name_ids(index, "European Commission", "organizations"),
            ),
            ("in_the_news(7 days)", lambda: index.in_the_news(7, latest)),
            ("in_the_news(30 days)", lambda: index.in_the_news(30, latest)),
            ("stories(since 7 days)", lambda: index.stories(latest - timedelta(days=7))),
            ("stories(newest 200)", lambda: index.stories(limit=200)),
            ("stories(all)", lambda: index.stories()),
        ]
        print(f"{'query':<58} {'median':>9} {'worst':>9}")
        for label, call in queries:
            median, worst = timed(call, args.runs)
            print(f"{label:<58} {median:7.1f}ms {worst:7.1f}ms")
        stories = index.stories()
        sizes = [len(s.articles) for s in stories]
        print(
            f"{len(stories):,} stories; largest {max(sizes)} articles; "
            f"{sum(1 for s in sizes if s > 1):,} with more than one"
        )
        index.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
