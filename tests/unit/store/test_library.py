"""The library: index build and incremental refresh, search, imports, recovery of a broken index."""

from __future__ import annotations

import http.server
import importlib.util
import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from tests import locations
from tui.core.article import Article
from tui.ingest import pipeline as ingest
from tui.store import paths
from tui.store.cache_db import CacheDatabase
from tui.store.library import (
    SCHEMA_VERSION,
    ImportResult,
    Library,
    SortKey,
    fts_query,
    make_snippet,
    parse_query,
)
from tui.store.paths import CacheLayout

ROOT = locations.ROOT

KERRY = (
    "Secretary of State John Kerry met his Japanese counterparts in Tokyo on Thursday to discuss "
    "the alliance between the two countries and the future of the bases on Okinawa."
)
FILLER = (
    "The meeting lasted several hours and ended with a joint statement that promised closer "
    "cooperation on trade, climate research and the protection of shipping lanes in the region."
)


def write_article(path: Path, title: str, *paragraphs: str) -> Path:
    """A plain-text article: first line the title, a blank line, then paragraphs."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


def load_only(path: Path) -> Article:
    (article,) = ingest.load_file(path)
    return article


@pytest.fixture
def dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    # Own names: the shared conftest already makes (empty) data/ and cache/ folders.
    data, cache = tmp_path / "user-articles", tmp_path / "index-cache"
    monkeypatch.setenv("DATELINE_DATA_DIR", str(data))
    monkeypatch.setenv("DATELINE_CACHE_DIR", str(cache))
    return {"data": data, "cache": cache, "tmp": tmp_path}


@pytest.fixture
def news(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    write_article(
        folder / "kerry.txt",
        "Kerry Visits Tokyo for Alliance Talks",
        KERRY,
        FILLER,
    )
    write_article(
        folder / "harbour.txt",
        "Harbour Rail Strike Ends After Pay Deal",
        "Workers at Harbour Rail voted on Monday to accept a pay offer of nine percent, ending a "
        "strike that had halted commuter services across the city for almost three weeks.",
        "A spokesperson said trains would run normally from Wednesday. Kerry Osei, the union "
        "leader, called the result a victory for every member who stood on the picket line.",
    )
    write_article(
        folder / "sub" / "glacier.txt",
        "Alpine Glaciers Lose Record Amount of Ice",
        "Glaciers in the Alps lost a record share of their remaining ice this summer, scientists "
        "said on Tuesday, after a winter with little snow and a long run of heatwaves.",
        FILLER,
    )
    return folder


def make_library(dirs: dict[str, Path], *roots: Path) -> Library:
    return Library(list(roots), cache_dir=dirs["cache"], user_dir=dirs["data"])


# ----- defaults and listing --------------------------------------------------------------


def test_default_library_uses_env_dirs_and_lists_samples(dirs: dict[str, Path]) -> None:
    library = Library.default()
    assert library.user_dir == dirs["data"]
    assert library.roots[:2] == (paths.samples_dir(), dirs["data"])
    assert library.cached_summaries() == []  # nothing indexed yet, and no file was read
    summaries = library.refresh()
    assert (CacheLayout(dirs["cache"]).library_index).is_file()
    sample_files = {p for p in paths.samples_dir().iterdir() if p.suffix in {".txt", ".md"}}
    indexed = {Path(s.path) for s in summaries}
    assert sample_files <= indexed
    assert Library.default().cached_summaries() == summaries  # a new instance: same index


def test_summaries_carry_metadata_and_sort(dirs: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    records = [
        {"title": "banana Report", "body": KERRY, "source": "b", "published": "2024-05-01"},
        {"title": "Apple Report", "body": FILLER, "source": "c", "published": "2025-01-02"},
        {"title": "Cherry Report", "body": KERRY + " Extra.", "source": "a"},
    ]
    (folder / "feed.json").write_text(json.dumps(records), encoding="utf-8")
    library = make_library(dirs, folder)
    summaries = library.refresh()
    by_title = {s.title: s for s in summaries}
    apple = by_title["Apple Report"]
    assert apple.published == "2025-01-02"
    assert apple.words == len(FILLER.split())
    assert apple.path == str(folder / "feed.json")
    assert apple.item == 1
    assert library.get(apple.id) == ingest.load_file(folder / "feed.json")[1]
    assert [s.title for s in summaries] == ["Apple Report", "banana Report", "Cherry Report"]
    assert [s.title for s in library.summaries("title")] == [
        "Apple Report",
        "banana Report",
        "Cherry Report",
    ]
    assert [s.published for s in library.summaries("date")] == ["2025-01-02", "2024-05-01", None]
    by_source = library.summaries("source")
    assert [s.source for s in by_source] == sorted(s.source for s in by_source)


@pytest.mark.parametrize("sort", ["date", "title", "source"])
def test_each_sort_is_read_in_order_from_its_covering_index(
    sort: SortKey, dirs: dict[str, Path], news: Path
) -> None:
    """The list comes from one index per order, with no look-up in the table and no sort step,
    and it is what the table itself says."""
    library = make_library(dirs, news)
    library.refresh()
    query, params = library._summaries_query(sort)
    conn = library._db.connection()
    plan = " ".join(row[-1] for row in conn.execute("EXPLAIN QUERY PLAN " + query, params))
    assert f"USING COVERING INDEX articles_by_{sort}" in plan
    assert "TEMP B-TREE" not in plan
    count_query, count_params = library._count_query()
    plan = " ".join(row[-1] for row in conn.execute("EXPLAIN QUERY PLAN " + count_query, count_params))
    assert "USING COVERING INDEX articles_id" in plan
    from_table = conn.execute(query.replace("FROM articles", "FROM articles NOT INDEXED"), params).fetchall()
    assert len(from_table) == 3
    assert [tuple(s) for s in library.summaries(sort)] == from_table


@pytest.mark.parametrize("sort", ["date", "title", "source"])
def test_first_summaries_are_the_head_of_the_list_with_its_count(
    sort: SortKey, dirs: dict[str, Path], tmp_path: Path
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for number in range(6):
        write_article(folder / f"a{number}.txt", f"Title {number}", f"Story number {number}.")
    (folder / "copy.txt").write_text((folder / "a3.txt").read_text(encoding="utf-8"), encoding="utf-8")
    library = make_library(dirs, folder)
    library.refresh()
    whole = library.summaries(sort)
    assert len(whole) == 6  # the copy is the same article: listed once
    for rows in (0, 1, 3, 6, 50):
        head, count, feeds = library.first_summaries(sort, rows)
        assert (head, count, feeds) == (whole[:rows], 6, False)


def test_for_paths_shows_only_those_paths_and_refuses_imports(dirs: dict[str, Path], news: Path) -> None:
    everything = make_library(dirs, news)
    assert len(everything.refresh()) == 3
    only = Library.for_paths([news / "kerry.txt", news / "sub"])
    assert only.user_dir is None
    titles = sorted(s.title for s in only.refresh())
    assert titles == [
        "Alpine Glaciers Lose Record Amount of Ice",
        "Kerry Visits Tokyo for Alliance Talks",
    ]
    assert len(everything.cached_summaries()) == 3  # the shared index still knows the rest
    (result,) = only.import_inputs([str(news / "harbour.txt")])
    assert result.status == "rejected"
    assert not dirs["data"].exists()


# ----- refresh -----------------------------------------------------------------------------


def test_refresh_drops_deleted_files_and_sees_edits(dirs: dict[str, Path], news: Path) -> None:
    library = make_library(dirs, news)
    assert len(library.refresh()) == 3
    (news / "harbour.txt").unlink()
    titles = {s.title for s in library.refresh()}
    assert "Harbour Rail Strike Ends After Pay Deal" not in titles
    assert library.search("picket") == []
    write_article(news / "kerry.txt", "Kerry Leaves Tokyo", KERRY + " He flew home on Friday.")
    titles = {s.title for s in library.refresh()}
    assert "Kerry Leaves Tokyo" in titles and "Kerry Visits Tokyo for Alliance Talks" not in titles
    assert [h.summary.title for h in library.search("flew home")] == ["Kerry Leaves Tokyo"]


def test_rejected_files_are_remembered_until_they_change(
    dirs: dict[str, Path], news: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (news / "empty.txt").write_text("", encoding="utf-8")
    (news / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    calls: list[Path] = []
    real_load = ingest.load_file

    def counting_load(path: Path) -> list[Article]:
        calls.append(Path(path))
        return real_load(path)

    monkeypatch.setattr(ingest, "load_file", counting_load)
    library = make_library(dirs, news)
    assert len(library.refresh()) == 3
    rejected = dict(library.rejected)
    assert set(rejected) == {str(news / "empty.txt"), str(news / "binary.txt")}
    assert "empty" in rejected[str(news / "empty.txt")]
    assert "binary" in rejected[str(news / "binary.txt")]
    calls.clear()
    library.refresh()
    assert calls == []  # not retried while unchanged
    write_article(news / "empty.txt", "Now It Has Words", FILLER)
    library.refresh()
    assert calls == [news / "empty.txt"]
    assert [path for path, _ in library.rejected] == [str(news / "binary.txt")]


def test_unexpected_ingest_errors_are_retried(
    dirs: dict[str, Path], news: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_load = ingest.load_file

    def broken_load(path: Path) -> list[Article]:
        if Path(path).name == "kerry.txt":
            raise RuntimeError("bug in a parser")
        return real_load(path)

    monkeypatch.setattr(ingest, "load_file", broken_load)
    library = make_library(dirs, news)
    assert len(library.refresh()) == 2
    assert "bug in a parser" in dict(library.rejected)[str(news / "kerry.txt")]
    monkeypatch.setattr(ingest, "load_file", real_load)
    assert len(library.refresh()) == 3  # a bug, not the file's fault: tried again
    assert library.rejected == []


def test_progress_and_cancel(dirs: dict[str, Path], news: Path) -> None:
    library = make_library(dirs, news)
    seen: list[tuple[int, int]] = []
    library.refresh(progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]
    other = make_library(dirs, news)
    (CacheLayout(dirs["cache"]).library_index).unlink()
    other.close()
    library.close()
    assert other.refresh(cancelled=lambda: True) == []
    assert len(other.refresh()) == 3


def _load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_library", ROOT / "bench/make_library.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_incremental_refresh_at_1000_articles(
    dirs: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bench = _load_bench()
    files: list[Path] = bench.write_library(tmp_path / "big", 1000, fmt="json", seed=3)
    again = tmp_path / "again"
    assert bench.write_library(again, 3, seed=3)[0].read_bytes() == files[0].read_bytes()
    calls: list[Path] = []
    real_load = ingest.load_file

    def counting_load(path: Path) -> list[Article]:
        calls.append(Path(path))
        return real_load(path)

    monkeypatch.setattr(ingest, "load_file", counting_load)
    library = make_library(dirs, tmp_path / "big")
    summaries = library.refresh()
    assert len(summaries) == 1000 and len(calls) == 1000
    assert len({s.id for s in summaries}) == 1000

    calls.clear()
    assert library.refresh() == summaries
    assert calls == []

    touched = files[517]
    stat = touched.stat()
    os.utime(touched, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    calls.clear()
    assert len(library.refresh()) == 1000
    assert calls == [touched]

    record = json.loads(files[42].read_text(encoding="utf-8"))
    record["title"] = "Completely Rewritten Headline"
    files[42].write_text(json.dumps(record), encoding="utf-8")
    files[43].unlink()
    calls.clear()
    after = library.refresh()
    assert calls == [files[42]]
    assert len(after) == 999
    assert library.search("completely rewritten")[0].summary.path == str(files[42])


# ----- search ------------------------------------------------------------------------------


def test_search_ranks_title_matches_first_and_marks_matches(dirs: dict[str, Path], news: Path) -> None:
    library = make_library(dirs, news)
    library.refresh()
    hits = library.search("kerry")
    assert [h.summary.title for h in hits] == [
        "Kerry Visits Tokyo for Alliance Talks",  # in the title and body
        "Harbour Rail Strike Ends After Pay Deal",  # once, in the body
    ]
    for hit in hits:
        assert hit.matches
        assert "[" not in hit.snippet and "\n" not in hit.snippet
        assert len(hit.snippet) <= 170
        for start, end in hit.matches:
            assert hit.snippet[start:end].lower() == "kerry"
    harbour = hits[1]
    assert "Kerry Osei" in harbour.snippet
    assert harbour.snippet.startswith("…")  # cut in the middle of the body


def test_search_prefix_stemming_phrases_or(dirs: dict[str, Path], news: Path) -> None:
    library = make_library(dirs, news)
    library.refresh()

    def titles(query: str) -> set[str]:
        return {h.summary.title.split()[0] for h in library.search(query)}

    assert titles("kerr") == {"Kerry", "Harbour"}  # the last word is a prefix as you type
    assert titles("kerr ") == set()  # ...until a space ends it
    assert titles("glacier") == {"Alpine"}  # stemmed: "glacier" finds "Glaciers"
    assert titles("heatwave") == {"Alpine"}
    assert titles("tokyo kerry") == {"Kerry"}  # all words must match
    assert titles('"joint statement"') == {"Kerry", "Alpine"}
    assert titles('"statement joint"') == set()
    assert titles("picket OR heatwaves") == {"Harbour", "Alpine"}
    hit = library.search('"joint statement"')[0]
    assert [hit.snippet[s:e].lower() for s, e in hit.matches] == ["joint statement"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"unclosed quote', None),
        ("kerry -tokyo", {"Kerry"}),  # "-" is not NOT: every word is just a word
        ("title:kerry", {"Kerry"}),  # a column filter: the Harbour story has Kerry in the body
        ("body:kerry", {"Kerry", "Harbour"}),
        ("title: kerry", None),
        ("nope:kerry", set()),  # not a column: two words, "nope" matches nothing
        ("NEAR(kerry tokyo", None),
        ("(kerry)", {"Kerry", "Harbour"}),
        ("kerry AND", None),
        ("OR", None),
        ("AND OR NOT", None),
        ("*", set()),
        ("(", set()),
        ("^kerry", {"Kerry", "Harbour"}),
        ("kerry*", {"Kerry", "Harbour"}),
        ("{title}: kerry", None),
        ("u.s. – “quotes”", None),
        ("'single'", None),
        ("x" * 500, set()),
        ("", set()),
        ("   ", set()),
        ("\x1b[31m kerry", None),
        ("\x00kerry", {"Kerry", "Harbour"}),
    ],
)
def test_search_never_raises_on_fts_syntax(
    dirs: dict[str, Path], news: Path, query: str, expected: set[str] | None
) -> None:
    library = make_library(dirs, news)
    library.refresh()
    titles = {hit.summary.title.split()[0] for hit in library.search(query)}
    if expected is not None:
        assert titles == expected


def test_fts_query_quotes_every_term() -> None:
    assert fts_query("kerr") == '"kerr"*'
    assert fts_query("john kerry ") == '"john" "kerry"'
    assert fts_query('title:kerry "new york" -x') == 'title : "kerry" "new york" "x"*'
    assert fts_query("NEAR(a b) c*") == '"NEAR" "a" "b" "c"*'
    assert fts_query("U.S. co-operation") == '"U S" "co operation"*'
    assert fts_query("a OR b c") == '("a" OR "b") "c"*'
    assert fts_query("-- : ()") is None
    assert fts_query("OR") == '"OR"*'  # a lone OR is a word


def test_snippet_offsets_are_exact_for_unicode_text() -> None:
    body = ("Zürich café — " * 30) + "Die Ministerin Renée Kerry sprach in Zürich. " + "Ende. " * 40
    groups = parse_query("kerry zürich")
    from tui.store.library import highlight_pattern

    snippet, matches = make_snippet(body, highlight_pattern(groups))
    assert len(snippet) <= 170
    assert "Kerry" in snippet
    assert {snippet[s:e] for s, e in matches} == {"Kerry", "Zürich"}


def test_search_is_limited_and_scoped(dirs: dict[str, Path], news: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    write_article(other / "more.txt", "Kerry in Osaka", KERRY.replace("Tokyo", "Osaka"))
    make_library(dirs, other).refresh()
    library = make_library(dirs, news)
    library.refresh()
    assert all(h.summary.path.startswith(str(news)) for h in library.search("kerry"))
    assert len(library.search("kerry", limit=1)) == 1


# ----- get and find --------------------------------------------------------------------------


def test_find_by_id_prefix_and_path(dirs: dict[str, Path], news: Path) -> None:
    library = make_library(dirs, news)
    library.refresh()
    kerry = load_only(news / "kerry.txt")
    assert library.get(kerry.id) == kerry
    assert library.find(kerry.id) == kerry
    assert library.find(kerry.id[:4]) == kerry
    assert library.find(kerry.id[:4].upper()) == kerry
    assert library.find(kerry.id[:3]) is None  # too short to be an id prefix
    assert library.find("ffffffffffff") is None
    assert library.find("not-an-id") is None
    outside = write_article(dirs["tmp"] / "loose.txt", "A Loose File", FILLER + " Loose.")
    assert library.find(str(outside)) == load_only(outside)
    (dirs["tmp"] / "empty.txt").write_text("")
    with pytest.raises(ingest.IngestError):
        library.find(str(dirs["tmp"] / "empty.txt"))


def test_find_refuses_ambiguous_prefix(dirs: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "many"
    for number in range(300):
        write_article(folder / f"a{number}.txt", f"Article {number}", f"{FILLER} Number {number}.")
    library = make_library(dirs, folder)
    ids = [s.id for s in library.refresh()]
    prefixes = [i[:4] for i in ids]
    shared = next((p for p in prefixes if prefixes.count(p) > 1), None)
    assert library.match_ids(ids[0][:4]) == sorted({i for i in ids if i.startswith(ids[0][:4])})
    if shared is not None:  # 300 ids in 65,536 prefixes: collisions are likely, not certain
        assert library.find(shared) is None


def test_get_falls_back_to_the_index_when_the_file_changed(dirs: dict[str, Path], news: Path) -> None:
    library = make_library(dirs, news)
    library.refresh()
    kerry = load_only(news / "kerry.txt")
    write_article(news / "kerry.txt", "Different", FILLER + " Now different.")
    got = library.get(kerry.id)
    assert got is not None and got.id == kerry.id and got.title == kerry.title


# ----- imports -------------------------------------------------------------------------------


def stored(dirs: dict[str, Path]) -> dict[str, bytes]:
    folder = dirs["data"]
    return {p.name: p.read_bytes() for p in folder.iterdir()} if folder.exists() else {}


def test_import_files_folders_duplicates_and_rejects(
    dirs: dict[str, Path], news: Path, tmp_path: Path
) -> None:
    library = Library.default()
    kerry = load_only(news / "kerry.txt")
    first = library.import_inputs([str(news / "kerry.txt")])
    assert [(r.status, r.article_id, r.title) for r in first] == [("imported", kerry.id, kerry.title)]
    record = json.loads((dirs["data"] / f"{kerry.id}.json").read_text(encoding="utf-8"))
    assert record == {
        "title": kerry.title,
        "body": kerry.body,
        "source": kerry.source,
        "published": kerry.published,
        "url": kerry.url,
    }
    assert load_only(dirs["data"] / f"{kerry.id}.json").id == kerry.id  # stable when re-read
    assert kerry.id in {s.id for s in library.cached_summaries()}  # index updated
    before = stored(dirs)

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("")
    (bad / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300))
    (bad / "nothing").mkdir()
    seen: list[ImportResult] = []
    results = library.import_inputs(
        [
            str(news / "kerry.txt"),
            str(bad / "empty.txt"),
            str(bad / "image.txt"),
            str(bad / "missing.txt"),
            str(bad / "nothing"),
        ],
        progress=seen.append,
    )
    assert seen == results
    assert [r.status for r in results] == ["duplicate"] + ["rejected"] * 4
    assert results[0].article_id == kerry.id
    assert "empty" in results[1].reason
    assert "binary" in results[2].reason
    assert "no such file" in results[3].reason
    assert "no supported" in results[4].reason
    assert all(r.reason for r in results)
    assert stored(dirs) == before  # duplicates and rejects change nothing

    folder_results = library.import_inputs([str(news)])
    assert sorted((Path(r.input).name, r.status) for r in folder_results) == [
        ("glacier.txt", "imported"),
        ("harbour.txt", "imported"),
        ("kerry.txt", "duplicate"),
    ]
    assert len(stored(dirs)) == 3
    assert not [p for p in dirs["data"].iterdir() if p.name.startswith(".")]  # no temp files


def test_duplicates_of_bundled_samples_are_not_stored(dirs: dict[str, Path]) -> None:
    library = Library.default()
    sample = paths.samples_dir() / "us-japan-security-alliance.txt"
    (result,) = library.import_inputs([str(sample)])
    assert result.status == "duplicate"
    assert stored(dirs) == {}


def test_import_the_same_article_twice_in_one_run(dirs: dict[str, Path], news: Path) -> None:
    library = Library.default()
    results = library.import_inputs([str(news / "kerry.txt"), str(news / "kerry.txt")])
    assert [r.status for r in results] == ["imported", "duplicate"]


class _Handler(http.server.BaseHTTPRequestHandler):
    pages: dict[str, tuple[int, str, bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        status, content_type, body = self.pages.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def test_import_url_from_local_server(dirs: dict[str, Path], server: str) -> None:
    page = (
        "<!doctype html><html><head><title>Kerry in Tokyo | Example News</title></head><body>"
        "<nav>Home World Sport</nav><article><h1>Kerry Arrives in Tokyo</h1>"
        f"<p>{KERRY}</p><p>{FILLER}</p></article><footer>Copyright</footer></body></html>"
    ).encode()
    _Handler.pages = {"/story": (200, "text/html; charset=utf-8", page)}
    library = Library.default()
    results = library.import_inputs([f"{server}/story", f"{server}/gone", f"{server}/story"])
    assert [r.status for r in results] == ["imported", "rejected", "duplicate"]
    assert "404" in results[1].reason
    imported = library.get(str(results[0].article_id))
    assert imported is not None
    assert imported.title == "Kerry Arrives in Tokyo"
    assert "Home World Sport" not in imported.body
    (hit,) = library.search("kerry arrives")
    assert hit.summary.id == results[0].article_id
    assert hit.summary.path == str(dirs["data"] / f"{hit.summary.id}.json")
    assert len(stored(dirs)) == 1


# ----- the index file ----------------------------------------------------------------------


def test_deleted_index_is_rebuilt(dirs: dict[str, Path], news: Path) -> None:
    library = make_library(dirs, news)
    library.refresh()
    library.close()
    for name in os.listdir(dirs["cache"]):
        os.unlink(dirs["cache"] / name)
    fresh = make_library(dirs, news)
    assert fresh.cached_summaries() == []
    assert len(fresh.refresh()) == 3


@pytest.fixture
def discards(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Records each time a Library throws its index away."""
    seen: list[Path] = []
    real_discard = CacheDatabase.discard

    def recording_discard(self: CacheDatabase) -> None:
        seen.append(self.path)
        real_discard(self)

    monkeypatch.setattr(CacheDatabase, "discard", recording_discard)
    return seen


def test_index_deleted_while_open_is_rebuilt(dirs: dict[str, Path], news: Path) -> None:
    library = make_library(dirs, news)
    library.refresh()
    for name in os.listdir(dirs["cache"]):
        os.unlink(dirs["cache"] / name)
    assert library.cached_summaries() == []  # noticed: not the dead file's rows
    assert len(library.refresh()) == 3
    assert (CacheLayout(dirs["cache"]).library_index).is_file()


def test_garbage_index_is_replaced(dirs: dict[str, Path], news: Path, discards: list[Path]) -> None:
    dirs["cache"].mkdir(parents=True)
    (CacheLayout(dirs["cache"]).library_index).write_bytes(b"this is not a database at all " * 200)
    library = make_library(dirs, news)
    assert library.cached_summaries() == []
    assert discards == [CacheLayout(dirs["cache"]).library_index]
    assert len(library.refresh()) == 3
    assert len(library.search("kerry")) == 2


def test_malformed_index_is_rebuilt(dirs: dict[str, Path], news: Path, discards: list[Path]) -> None:
    library = make_library(dirs, news)
    library.refresh()
    library.close()
    index = CacheLayout(dirs["cache"]).library_index
    with sqlite3.connect(index) as conn:  # fold the WAL back so the pages are in the file
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(index.read_bytes())
    page = 4096
    assert len(data) > 3 * page
    data[page:] = b"\xa5" * (len(data) - page)  # keep the header, scramble every page after it
    index.write_bytes(bytes(data))
    broken = make_library(dirs, news)
    assert len(broken.refresh()) == 3
    assert discards == [index]
    assert len(broken.search("kerry")) == 2
    with sqlite3.connect(index) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def test_old_schema_is_rebuilt(dirs: dict[str, Path], news: Path) -> None:
    dirs["cache"].mkdir(parents=True)
    with sqlite3.connect(CacheLayout(dirs["cache"]).library_index) as conn:
        conn.execute("CREATE TABLE articles (something_else TEXT)")
        conn.execute("PRAGMA user_version = 1")
    conn.close()
    library = make_library(dirs, news)
    assert len(library.refresh()) == 3
    with sqlite3.connect(CacheLayout(dirs["cache"]).library_index) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    conn.close()


def test_two_instances_and_threads_share_the_index(dirs: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    for number in range(60):
        write_article(folder / f"s{number}.txt", f"Shared Story {number}", f"{KERRY} Item {number}.")
    first, second = make_library(dirs, folder), make_library(dirs, folder)
    errors: list[BaseException] = []
    results: dict[str, int] = {}

    def run(name: str, library: Library) -> None:
        try:
            results[name] = len(library.refresh())
            for _ in range(20):
                library.search("kerr")
                library.cached_summaries()
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [
        threading.Thread(target=run, args=("first", first)),
        threading.Thread(target=run, args=("second", second)),
    ]
    for thread in threads:
        thread.start()
    for _ in range(20):
        first.cached_summaries()  # the UI thread reads while workers write
        first.search("tokyo")
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert results == {"first": 60, "second": 60}
    assert len(second.cached_summaries()) == 60
    assert len(first.search("kerry", limit=100)) == 60


def test_imported_source_survives_the_normalised_file(dirs: dict[str, Path], server: str) -> None:
    page = f"<html><body><article><h1>Kerry Arrives</h1><p>{KERRY}</p></article></body></html>"
    _Handler.pages = {"/story": (200, "text/html", page.encode())}
    library = Library.default()
    (result,) = library.import_inputs([f"{server}/story"])
    summary = next(s for s in library.cached_summaries() if s.id == result.article_id)
    assert summary.source == f"{server}/story"


def test_snippet_is_centred_on_the_match() -> None:
    """Issue 14.13: the match sits in the middle of the snippet, not at its edge."""
    import re

    lead = " ".join(f"filler{i}" for i in range(60))
    body = f"{lead}. The visit was led by Secretary of State John Kerry in Tokyo. " + " ".join(
        f"after{i}" for i in range(60)
    )
    snippet, matches = make_snippet(body, re.compile(r"\bkerr\w*", re.IGNORECASE), width=120)
    assert [snippet[s:e] for s, e in matches] == ["Kerry"]
    middle = (matches[0][0] + matches[0][1]) / 2
    assert abs(middle - len(snippet) / 2) <= len(snippet) / 8, snippet


def test_snippet_of_a_huge_body_looks_only_around_its_first_match() -> None:
    """A 25 MB article with a match in every line must not hold up the search box: the snippet is
    cut from the text around the first match (found by one regex search), not from all of it."""
    import re

    from tui.store.library import SNIPPET_SCAN

    pattern = re.compile(r"\bmanila\w*", re.IGNORECASE)
    filler = "Talks resumed in Seoul on Monday with a vote expected soon.\n" * 40_000
    deep = filler + "The governor spoke in Manila about the looted artefacts.\n" + filler * 2
    snippet, matches = make_snippet(deep, pattern)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert [snippet[s:e] for s, e in matches] == ["Manila"]
    every_line = "Leila Haddad, in Manila, argued that the artefacts were overdue.\n" * 400_000
    snippet, matches = make_snippet(every_line, pattern)
    assert len(snippet) <= 170 and matches and all(snippet[s:e] == "Manila" for s, e in matches)
    assert not snippet.startswith("…")  # the first match is at the very start
    short = "x " * (SNIPPET_SCAN // 2)  # no match at all: the start of the text
    snippet, matches = make_snippet(short + "y " * SNIPPET_SCAN, pattern)
    assert snippet.startswith("x x") and matches == ()
