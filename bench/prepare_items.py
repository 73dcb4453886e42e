"""Preparing feed items in one process, without the network: the CPU a refresh's worker processes
spend on figure 9's feeds (`bench/feeds.py`: 200 feeds x 50 full items), as CPU seconds per 10,000
items. The refresh's wall time on a busy machine is mostly this work (issue 20, item 9).

    python bench/prepare_items.py [--feeds 200] [--items 50] [--runs 3] [--profile N] [--digest]

Each run calls `tui.feeds.items.prepare_feed` (what the worker processes run) on every generated
feed document with no known keys and no temp files written, and reports its process CPU time.
`--profile N` prints the N costliest functions (cProfile, cumulative) of one more run; `--digest`
prints a hash of everything prepared (keys, digests, articles), so two versions of the code can be
shown to prepare the same items.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

from feeds import build_feeds  # noqa: E402

from tui.feeds.items import Prepared, prepare_feed  # noqa: E402


def prepare_all(documents: dict[str, bytes]) -> list[Prepared]:
    """Every item of every document prepared, as a first refresh's worker processes do it."""
    prepared: list[Prepared] = []
    for path, body in documents.items():
        url = f"http://127.0.0.1{path}"
        _feed, items = prepare_feed(body, url, "application/rss+xml", url, {})
        prepared += items
    return prepared


def digest(prepared: list[Prepared]) -> str:
    """A hash of what was prepared: the same code on the same feeds gives the same hash."""
    hasher = hashlib.sha256()
    for p in prepared:
        article = p.article
        fields: list[object] = [p.digest, p.links, p.keys, p.link, p.truncated]
        if article is not None:
            fields += [article.id, article.title, article.body, article.source, article.published]
            fields += [article.url, list(article.notices), [str(link) for link in article.links]]
            fields += [article.words]
        fields += [[str(link) for link in p.item_links]]
        hasher.update(json.dumps(fields, ensure_ascii=False, default=str).encode("utf-8"))
    return hasher.hexdigest()[:16]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    parser.add_argument("--digest", action="store_true")
    options = parser.parse_args()
    documents = build_feeds(options.feeds, options.items)
    count = options.feeds * options.items
    prepare_all({path: documents[path] for path in list(documents)[:2]})  # imports, caches
    seconds: list[float] = []
    prepared: list[Prepared] = []
    for _ in range(options.runs):
        begun = time.process_time()
        prepared = prepare_all(documents)
        seconds.append(time.process_time() - begun)
    per = [s * 10_000 / count for s in seconds]
    print(
        f"prepare_feed: {count:,} items ({len(prepared):,} prepared), CPU per 10,000 items: "
        f"median {statistics.median(per):.2f} s (runs: {', '.join(f'{s:.2f}' for s in per)}; "
        f"load {os.getloadavg()[0]:.1f}, Python {sys.version.split()[0]})"
    )
    if options.digest:
        print(f"digest of what was prepared: {digest(prepared)}")
    if options.profile:
        profile = cProfile.Profile()
        profile.enable()
        prepare_all(documents)
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(options.profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
