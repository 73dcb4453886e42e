"""Feeds at scale: N local feeds of M items served from 127.0.0.1, refreshed twice by Dateline (first:
everything new, stored and searchable; second: every feed answers 304), and by newsboat beside it
when it is installed (`newsboat -x reload`, same feeds, same server, same run).

    python bench/feeds.py [--feeds 200] [--items 50] [--runs 3]

Everything lives in a temporary directory (DATELINE_* dirs, newsboat's cache and config). Items are
full articles (synthetic wire copy from make_library.py, about 150-350 words), so no linked page is
fetched: the figures are feed fetching, parsing, de-duplication, storing and indexing. Dateline runs
in a child process so its peak RSS is its own. Prints figures; asserts nothing about timings.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

from make_library import make_article  # noqa: E402


def build_feeds(feeds: int, items: int, seed: int = 11) -> dict[str, bytes]:
    """Deterministic RSS 2.0 documents by path, every item distinct."""
    rng = random.Random(seed)
    documents: dict[str, bytes] = {}
    for number in range(feeds):
        parts = [
            '<?xml version="1.0" encoding="utf-8"?>',
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>',
            f"<title>Synthetic feed {number}</title><link>http://127.0.0.1/</link>",
        ]
        for item in range(items):
            article = make_article(number * items + item, rng)
            when = datetime.fromisoformat(article["published"]).replace(tzinfo=UTC)
            html = "".join(f"<p>{escape(p)}</p>" for p in article["body"].split("\n\n"))
            parts.append(
                f"<item><title>{escape(article['title'])}</title><link>{escape(article['url'])}</link>"
                f"<guid>{escape(article['url'])}</guid><pubDate>{format_datetime(when)}</pubDate>"
                f"<content:encoded><![CDATA[{html}]]></content:encoded></item>"
            )
        parts.append("</channel></rss>")
        documents[f"/feed/{number}.xml"] = "\n".join(parts).encode("utf-8")
    return documents


class Server:
    """The feeds on 127.0.0.1 with ETag and Last-Modified; counts 200s and 304s."""

    def __init__(self, documents: dict[str, bytes]) -> None:
        self.documents = documents
        self.counts = {200: 0, 304: 0, 404: 0}
        self.lock = threading.Lock()
        modified = "Mon, 01 Jan 2024 00:00:00 GMT"
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                return

            def do_GET(self) -> None:  # noqa: N802
                body = outer.documents.get(self.path)
                etag = f'"{self.path}"'
                if body is None:
                    status, payload = 404, b"not found"
                elif (
                    self.headers.get("If-None-Match") == etag
                    or self.headers.get("If-Modified-Since") == modified
                ):
                    status, payload = 304, b""
                else:
                    status, payload = 200, body
                with outer.lock:
                    outer.counts[status] += 1
                self.send_response(status)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(payload)))
                if body is not None:
                    self.send_header("ETag", etag)
                    self.send_header("Last-Modified", modified)
                self.end_headers()
                self.wfile.write(payload)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def take_counts(self) -> dict[int, int]:
        with self.lock:
            counts, self.counts = dict(self.counts), {200: 0, 304: 0, 404: 0}
        return counts

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# ----- the Dateline side, in a child process ------------------------------------------------------


def child(phase: str, urls_file: str) -> None:
    import resource

    from tui.feeds import Refresher, Subscription, Subscriptions
    from tui.store.library import Library

    if phase == "subscribe":
        urls = Path(urls_file).read_text().split()
        Subscriptions().add_many(Subscription(url=u) for u in urls)
        return
    library = Library.default()
    threads_cpu = thread_cpu_tally()
    index_seconds = [0.0]
    # The index is written by the refresh's indexing thread (Library.add_written), or by a full
    # Library.refresh when that fails: time both (they overlap with fetching and parsing).
    for name in ("add_written", "refresh"):
        plain = getattr(Library, name)

        def timed(*args: Any, _plain: Any = plain, **kwargs: Any) -> Any:
            begun = time.thread_time()  # CPU time: the thread also waits for the others' GIL
            try:
                return _plain(*args, **kwargs)
            finally:
                index_seconds[0] += time.thread_time() - begun

        setattr(Library, name, timed)
    start = time.perf_counter()
    report = Refresher(trust_env=False, library=library).run()
    refreshed = time.perf_counter() - start
    statuses: dict[str, int] = {}
    for result in report.results:
        statuses[result.status] = statuses.get(result.status, 0) + 1
    threads_cpu["MainThread"] = time.thread_time()  # imports and the refresh's own loop and saving
    start = time.perf_counter()
    hits = len(library.search("minister", limit=20))
    searched = time.perf_counter() - start
    print(
        json.dumps(
            {
                "seconds": refreshed,
                "index_seconds": index_seconds[0],
                "statuses": statuses,
                "new": len(report.new_ids),
                "stored": sum(1 for s in library.summaries() if s.feed),
                "search_hits": hits,
                "search_seconds": searched,
                "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                # CPU of the refreshing process alone (its worker processes are the forkserver's).
                "cpu_user": resource.getrusage(resource.RUSAGE_SELF).ru_utime,
                "cpu_system": resource.getrusage(resource.RUSAGE_SELF).ru_stime,
                **dict(zip(("workers_cpu", "workers_user", "workers_system"), workers_cpu(), strict=True)),
                "threads_cpu": {name: round(cpu, 2) for name, cpu in sorted(threads_cpu.items())},
                "errors": sorted({r.error or "" for r in report.results if r.error})[:3],
            }
        )
    )


def thread_cpu_tally() -> dict[str, float]:
    """CPU seconds (user and system) of the refreshing process's threads, by name without its
    number (`dateline-feed`, `dateline-fsync`, `dateline-feed-index`, ...), each counted as it
    ends; "MainThread" is filled in by `child` when it reports."""
    tally: dict[str, float] = {}
    lock = threading.Lock()
    plain = threading.Thread.run

    def run(self: threading.Thread) -> None:
        begun = time.thread_time()
        try:
            plain(self)
        finally:
            spent = time.thread_time() - begun
            name = self.name.rstrip("0123456789").rstrip("_")
            with lock:
                tally[name] = tally.get(name, 0.0) + spent

    threading.Thread.run = run  # type: ignore[method-assign]
    return tally


def workers_cpu() -> tuple[float, float, float]:
    """The CPU seconds of the refresh's worker processes (all, user, system): the forkserver's own
    and its exited children's, as Linux counts them (0 elsewhere, or when no worker started). The
    system time is mostly creating the articles' temp files, and moves with the machine's load."""
    from multiprocessing import forkserver

    pid = getattr(getattr(forkserver, "_forkserver", None), "_forkserver_pid", None)
    if not pid:
        return 0.0, 0.0, 0.0
    time.sleep(0.3)  # the forkserver reaps its exited workers (their CPU is counted then)
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0, 0.0, 0.0
    # After the name: state is field 3; utime, stime, cutime, cstime are fields 14-17.
    utime, stime, cutime, cstime = (int(f) / os.sysconf("SC_CLK_TCK") for f in fields[11:15])
    return utime + stime + cutime + cstime, utime + cutime, stime + cstime


def run_child(phase: str, env: dict[str, str], urls_file: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", phase, str(urls_file)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout) if done.stdout.strip() else {}


def newsboat_reload(home: Path, urls_file: Path) -> float:
    config = home / "config"
    start = time.perf_counter()
    subprocess.run(
        ["newsboat", "-u", str(urls_file), "-c", str(home / "cache.db"), "-C", str(config), "-x", "reload"],
        env={**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home), "XDG_DATA_HOME": str(home)},
        capture_output=True,
        check=True,
        timeout=600,
    )
    return time.perf_counter() - start


def measure(feeds: int, items: int, runs: int, log: Any = print) -> dict[str, Any]:
    """Serve `feeds` x `items` from 127.0.0.1; Dateline's first and second refresh (each in a child
    process), then newsboat's on the same server when it is installed. Seconds and details."""
    log(f"building {feeds} feeds x {items} items…")
    server = Server(build_feeds(feeds, items))
    total_bytes = sum(len(d) for d in server.documents.values())
    newsboat = shutil.which("newsboat")
    nb_first = nb_second = None
    nb_counts: object = None
    try:
        with tempfile.TemporaryDirectory(prefix="dateline-bench-feeds-") as temp:
            root = Path(temp)
            urls_file = root / "urls"
            urls_file.write_text("".join(f"http://127.0.0.1:{server.port}{p}\n" for p in server.documents))
            env = {**os.environ, "PYTHONPATH": str(BENCH.parent)}
            for name in ("config", "data", "state", "cache"):
                (root / name).mkdir()
                env[f"DATELINE_{name.upper()}_DIR"] = str(root / name)
            for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"):
                env.pop(var, None)
            run_child("subscribe", env, urls_file)
            first = run_child("refresh", env, urls_file)
            first_counts = server.take_counts()
            seconds = []
            second: dict[str, object] = {}
            for _ in range(runs):
                second = run_child("refresh", env, urls_file)
                seconds.append(float(second["seconds"]))  # type: ignore[arg-type]
            second_counts = server.take_counts()
            data_mb = sum(f.stat().st_size for f in (root / "data").glob("*.json")) / 1e6
            if newsboat:
                home = root / "newsboat"
                home.mkdir()
                (home / "config").write_text("reload-threads 4\nshow-read-feeds yes\n")
                nb_first = newsboat_reload(home, urls_file)
                server.take_counts()
                nb_runs = [newsboat_reload(home, urls_file) for _ in range(runs)]
                nb_counts = server.take_counts()
                nb_second = statistics.median(nb_runs)
    finally:
        server.close()
    return {
        "feeds": feeds,
        "items": items,
        "runs": runs,
        "mb": total_bytes / 1e6,
        "first": first,
        "first_counts": first_counts,
        "second": second,
        "second_seconds": seconds,
        "second_counts": second_counts,
        "data_mb": data_mb,
        "newsboat": newsboat,
        "nb_first": nb_first,
        "nb_second": nb_second,
        "nb_counts": nb_counts,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3, help="second-refresh (304) runs to take the median of")
    parser.add_argument("--child", nargs=2, metavar=("PHASE", "URLS"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(*options.child)
        return 0

    result = measure(options.feeds, options.items, options.runs, log=lambda line: print(line, flush=True))
    first, second, seconds = result["first"], result["second"], result["second_seconds"]
    nb_first, nb_second = result["nb_first"], result["nb_second"]
    print(f"\nfeeds: {options.feeds} x {options.items} items, {result['mb']:.1f} MB of RSS from 127.0.0.1")
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}, Python {sys.version.split()[0]}")
    print("\n| | Dateline | newsboat | ratio |")
    print("|---|---|---|---|")

    def ratio(ours: float, theirs: float | None) -> str:
        return f"{ours / theirs:.2f}x" if theirs else "–"

    f_s = float(first["seconds"])
    s_s = statistics.median(seconds)
    print(
        f"| first refresh (all new) | {f_s:.2f} s | {f'{nb_first:.2f} s' if nb_first else 'not installed'} "
        f"| {ratio(f_s, nb_first)} |"
    )
    print(
        f"| second refresh (all 304), median of {options.runs} | {s_s:.2f} s | "
        f"{f'{nb_second:.2f} s' if nb_second else 'not installed'} | {ratio(s_s, nb_second)} |"
    )
    print(
        f"\nDateline first refresh: {first['statuses']}, {first['new']} new, {first['stored']} stored, "
        f"{float(first['index_seconds']):.2f} s of CPU in the indexing thread "
        "(SQLite FTS5, overlapping with fetching and parsing)"
    )
    print(
        f"  ({result['data_mb']:.1f} MB of article JSON), search 'minister' {first['search_hits']} hits in "
        f"{float(first['search_seconds']) * 1000:.1f} ms, peak RSS {float(first['peak_rss_mb']):.0f} MB"
    )
    if "cpu_user" in first:
        print(
            f"  the refreshing process's CPU (its worker processes not counted): "
            f"{float(first['cpu_user']):.2f} s user, {float(first['cpu_system']):.2f} s system; "
            f"its worker processes': {float(first.get('workers_cpu', 0.0)):.2f} s "
            f"({float(first.get('workers_user', 0.0)):.2f} s user, "
            f"{float(first.get('workers_system', 0.0)):.2f} s system)"
        )
    if first.get("threads_cpu"):
        print(f"  the refreshing process's CPU by thread: {first['threads_cpu']}")
    counts = f"(first): {result['first_counts']}; (second x{options.runs}): {result['second_counts']}"
    print(f"server saw {counts}")
    print(f"Dateline second refresh: {second['statuses']}, peak RSS {float(second['peak_rss_mb']):.0f} MB")
    if first.get("errors"):
        print(f"errors: {first['errors']}")
    if result["newsboat"]:
        print(f"newsboat (reload-threads 4, same server): second-run requests {result['nb_counts']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
