"""The fast paths of a big refresh give what the plain ones give: the lxml reader and feedparser,
worker processes and threads, the batched index and a full re-index, and a feed whose markup
changed but not its articles."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.unit.feeds.feedserver import Route, long_text, rss, serve
from tests.unit.feeds.test_parse import ATOM, RDF
from tui.feeds import Limits, Refresher, Subscription, Subscriptions
from tui.feeds.items import plain_text
from tui.feeds.store import FetchState
from tui.ingest import feed as parse_module
from tui.ingest.feed import ParsedFeed, parse_feed_bytes, sanitize_html
from tui.ingest.html import html_fragment_paragraphs
from tui.store import library as library_module
from tui.store import paths
from tui.store.library import Library

FEED_URL = "http://127.0.0.1/blog/feed.xml"

ITEMS = [
    {
        "title": "Tom &amp;amp; Jerry &lt;b&gt;live&lt;/b&gt;",
        "link": "http://127.0.0.1/a/1?utm_source=rss&amp;id=4",
        "guid": "short-1",
        "pubDate": "Wed, 01 May 2024 10:00:00 +0200",
        "content": long_text("harbour"),
        "description": "<p>The harbour story, briefly.</p>",
    },
    {"title": "Relative", "link": "/a/2", "description": "<p>Road works start soon [&#8230;]</p>"},
    {"title": "Permalink only", "guid": "http://127.0.0.1/a/3", "content": long_text("permalink")},
    {
        "title": "Active content",
        "link": "http://127.0.0.1/a/4",
        "content": long_text("active")
        + '<script>alert("x")</script><style>p{}</style><p onclick="x()">Click text.</p><!-- hidden -->',
    },
]
ATOM_HTML = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">News &amp;amp; more</title>
<link href="http://127.0.0.1/"/>
<entry><id>tag:example.org,2024:2</id><title>Plain &amp; simple</title>
<link rel="self" href="/self"/><link href="http://127.0.0.1/posts/2"/>
<published>2024-05-03T09:30:00+02:00</published><updated>2024-05-04T09:30:00Z</updated>
<summary type="html">&lt;p&gt;Teaser&lt;/p&gt;</summary></entry></feed>"""


def _by_feedparser(data: bytes, url: str) -> ParsedFeed:
    fast = parse_module._fast_parse
    parse_module._fast_parse = lambda *args: None  # type: ignore[assignment]
    try:
        return parse_feed_bytes(data, url)
    finally:
        parse_module._fast_parse = fast


@pytest.mark.parametrize("data", [rss("Mixed &amp; matched", ITEMS), RDF, ATOM, ATOM_HTML])
def test_the_lxml_reader_reads_what_feedparser_reads(data: bytes) -> None:
    fast = parse_module._fast_parse(data, FEED_URL)
    assert fast is not None, "a well-formed feed without a DTD takes the fast path"
    slow = _by_feedparser(data, FEED_URL)
    assert (fast.title, fast.link, fast.version) == (slow.title, slow.link, slow.version)
    assert len(fast.items) == len(slow.items)
    for mine, theirs in zip(fast.items, slow.items, strict=True):
        assert (mine.guid, mine.link, mine.title, mine.from_summary, mine.published, mine.updated) == (
            theirs.guid,
            theirs.link,
            theirs.title,
            theirs.from_summary,
            theirs.published,
            theirs.updated,
        )
        # Sanitised by different code: the same text, never the active content.
        assert html_fragment_paragraphs(mine.html) == html_fragment_paragraphs(theirs.html)
        assert plain_text(mine.html) == plain_text(theirs.html)
        for active in ("<script", "onclick", "<style", "<!--"):
            assert active not in mine.html


@pytest.mark.parametrize(
    "data",
    [
        b"<rss version='2.0'><channel><title>Tom & Jerry</title></channel></rss>",  # malformed
        b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "x"><rss version="0.91"/>',
        b'<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://e.com/"><title>b</title></feed>',
        b'<feed xmlns="http://purl.org/atom/ns#"><title>Atom 0.3</title></feed>',
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</title>'
        b'<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">x</div></content></entry></feed>',
    ],
)
def test_what_the_lxml_reader_leaves_to_feedparser(data: bytes) -> None:
    assert parse_module._fast_parse(data, FEED_URL) is None


def test_sanitize_html_keeps_inert_html_as_it_is() -> None:
    inert = '<p class="lead">A <a href="http://e.com/">link</a> &amp; <em>more</em><br/></p>'
    assert sanitize_html(inert) == inert
    assert sanitize_html("no markup at all") == "no markup at all"
    for active in ('<p onmouseover="x">t</p>', "<p>t</p><script>x</script>", '<a href="javascript:x">t</a>'):
        cleaned = sanitize_html(active)
        assert "onmouseover" not in cleaned and "<script" not in cleaned and "javascript" not in cleaned
        assert "t" in cleaned


def _feeds(count: int) -> dict[str, Route]:
    routes = {}
    for number in range(count):
        items = [
            {
                "title": f"Story {number}-{n}",
                "link": f"http://127.0.0.1/s/{number}/{n}",
                "guid": f"http://127.0.0.1/s/{number}/{n}",
                "pubDate": "Wed, 01 May 2024 10:00:00 GMT",
                "content": long_text(f"topic {number} {n}"),
            }
            for n in range(6)
        ]
        # The same story in two feeds: stored once whichever process prepared it.
        items.append(
            {
                "title": "Shared",
                "link": "http://127.0.0.1/shared?utm_medium=x",
                "content": long_text("shared"),
            }
        )
        routes[f"/f{number}.xml"] = Route(body=rss(f"Feed {number}", items), etag=f'"{number}"')
    return routes


def _stored() -> dict[str, dict[str, object]]:
    """The stored files; which feed's copy of the shared story is kept depends on which worker got
    to it first, so its "feed" is left out."""
    stored = {p.stem: json.loads(p.read_text()) for p in paths.data_dir().glob("*.json")}
    for record in stored.values():
        if record["title"] == "Shared":
            record.pop("feed")
    return stored


def _reset(dirs: dict[str, Path]) -> None:
    for name in ("data", "state", "cache"):
        shutil.rmtree(dirs[name])
        dirs[name].mkdir()


def _temp_files() -> list[Path]:
    return [p for p in paths.data_dir().glob(".*") if p.name.endswith(".tmp")]


def test_worker_processes_store_what_threads_store(
    isolated_dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.feeds.files import ArticleFiles

    renamed: list[str] = []
    plain_commit = ArticleFiles.commit

    def commit(self: ArticleFiles, temp: str, *args: object) -> bool:
        renamed.append(temp)
        return plain_commit(self, temp, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(ArticleFiles, "commit", commit)
    with serve(_feeds(5)) as server:
        Subscriptions().add_many(Subscription(url=server.url(f"/f{n}.xml")) for n in range(5))
        limits = Limits(timeout=5.0)
        in_processes = Refresher(limits=limits, trust_env=False, processes=2, process_after_bytes=0).run()
        from_processes = _stored()
        # The workers wrote the new articles' files; the shared story's other copies (a temp file
        # each) were removed, not renamed over the stored one.
        assert len(renamed) == 31 and _temp_files() == []
        _reset(isolated_dirs)
        in_threads = Refresher(limits=limits, trust_env=False, processes=0).run()
        again = Refresher(limits=limits, trust_env=False, processes=2, process_after_bytes=0).run()
    assert in_processes.ok and in_threads.ok
    assert sorted(in_processes.new_ids) == sorted(in_threads.new_ids) and len(in_threads.new_ids) == 31
    assert from_processes == _stored()
    assert {r.status for r in again.results} == {"not modified"}


def test_the_batched_index_is_what_a_full_reindex_makes(
    isolated_dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    routes = {"/mixed.xml": Route(body=rss("Mixed", ITEMS)), **_feeds(2)}
    with serve(routes) as server:
        Subscriptions().add_many(Subscription(url=server.url(path), full_text="never") for path in routes)
        report = Refresher(limits=Limits(timeout=5.0), trust_env=False).run()
    assert report.ok and report.new_ids
    library = Library.default()
    batched = [s for s in library.summaries() if s.feed]
    assert {s.id for s in batched} == set(report.new_ids)
    read_again: list[str] = []
    plain_ingest = library_module._ingest_file

    def ingest(path: str) -> object:
        read_again.append(path)
        return plain_ingest(path)

    with monkeypatch.context() as patched:
        patched.setattr(library_module, "_ingest_file", ingest)
        library.refresh()  # indexes the bundled samples; the feed articles are indexed already
    assert read_again and not [p for p in read_again if Path(p).parent == isolated_dirs["data"]]
    hits = [hit.summary.id for hit in library.search("harbour")]
    assert hits
    library.close()
    shutil.rmtree(isolated_dirs["cache"])
    isolated_dirs["cache"].mkdir()
    fresh = Library.default()
    assert [s for s in fresh.refresh() if s.feed] == batched
    assert [hit.summary.id for hit in fresh.search("harbour")] == hits


def test_a_feed_whose_markup_changed_but_not_its_articles_updates_nothing() -> None:
    items = [{"title": "Calm", "link": "http://127.0.0.1/c/1", "content": long_text("calm")}]
    route = Route(body=rss("Calm", items))
    with serve({"/c.xml": route}) as server:
        Subscriptions().add(Subscription(url=server.url("/c.xml")))
        first = Refresher(trust_env=False).run()
        (path,) = paths.data_dir().glob("*.json")
        written = path.stat().st_mtime_ns
        _, records = FetchState().load()
        items[0]["content"] = items[0]["content"].replace("<p>", "<p><span>").replace("</p>", "</span></p>")
        route.body = rss("Calm", items)
        second = Refresher(trust_env=False).run()
    assert (first.results[0].new, second.results[0].new, second.results[0].updated) == (1, 0, 0)
    assert path.stat().st_mtime_ns == written
    _, after = FetchState().load()
    assert [r.digest for r in after.values()] != [
        r.digest for r in records.values()
    ]  # remembered, not redone


def test_cancelling_a_refresh_that_uses_worker_processes() -> None:
    with serve(_feeds(6)) as server:
        Subscriptions().add_many(Subscription(url=server.url(f"/f{n}.xml")) for n in range(6))
        calls = [0]

        def cancelled() -> bool:
            calls[0] += 1
            return calls[0] > 40  # part way through

        refresher = Refresher(trust_env=False, processes=2, process_after_bytes=0)
        stopped = refresher.run(cancelled=cancelled)
        assert stopped.cancelled and refresher._processes.closed
        again = Refresher(trust_env=False, processes=2, process_after_bytes=0).run()
    assert again.ok and len(stopped.new_ids) + len(again.new_ids) == 37
    assert len(_stored()) == 37
    assert _temp_files() == []  # what the stopped workers wrote was removed


def test_when_no_worker_process_can_start_the_feeds_are_prepared_in_threads(
    isolated_dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """In the reader, starting the pool once failed with "bad value(s) in fds_to_keep" and every
    feed after the first megabyte failed with "internal error". Such a failure now only means
    threads: every feed is stored as without processes."""
    import multiprocessing

    import tui.feeds.workers as workers

    class NoStart(type(multiprocessing.get_context("spawn").Process)):  # type: ignore[misc]
        def start(self) -> None:
            raise ValueError("bad value(s) in fds_to_keep")

    context = multiprocessing.get_context("spawn")
    monkeypatch.setattr(context, "Process", NoStart, raising=False)
    monkeypatch.setattr(workers, "process_context", lambda: context)
    with serve(_feeds(5)) as server:
        Subscriptions().add_many(Subscription(url=server.url(f"/f{n}.xml")) for n in range(5))
        refresher = Refresher(limits=Limits(timeout=5.0), trust_env=False, processes=2, process_after_bytes=0)
        report = refresher.run()
    assert report.ok, [r.error for r in report.results]
    assert len(report.new_ids) == 31
