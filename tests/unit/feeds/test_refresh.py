"""Refreshing feeds from a server on 127.0.0.1: conditional requests, failures, full text, dedupe,
updates. Nothing reaches beyond loopback."""

from __future__ import annotations

import json
import resource
from pathlib import Path

from tests.unit.feeds.feedserver import Route, long_text, page, rss, serve
from tui.feeds import Limits, Refresher, Subscription, Subscriptions
from tui.feeds.store import FetchState
from tui.store import paths
from tui.store.bookmarks import BookmarkStore
from tui.store.library import Library
from tui.store.readstate import ReadState


def refresher(**limits: float) -> Refresher:
    return Refresher(limits=Limits(**{"timeout": 2.0, **limits}), trust_env=False)  # type: ignore[arg-type]


def subscribe(*urls: str, full_text: str = "auto") -> None:
    Subscriptions().add_many(Subscription(url=u, full_text=full_text) for u in urls)  # type: ignore[arg-type]


def bookmarks() -> BookmarkStore:
    store = BookmarkStore()
    store.load()
    return store


def stored() -> dict[str, dict[str, object]]:
    return {p.stem: json.loads(p.read_text()) for p in paths.data_dir().glob("*.json")}


def full_items(prefix: str, count: int) -> list[dict[str, str]]:
    return [
        {
            "title": f"{prefix} story {n}",
            "link": f"http://127.0.0.1/{prefix}/{n}",
            "guid": f"http://127.0.0.1/{prefix}/{n}",
            "content": long_text(f"{prefix} {n}"),
            "pubDate": f"Wed, 0{n % 9 + 1} May 2024 10:00:00 GMT",
        }
        for n in range(count)
    ]


def test_first_refresh_stores_then_second_is_all_not_modified() -> None:
    routes = {
        "/etag.xml": Route(body=rss("Etag Feed", full_items("alpha", 3)), etag='"v1"'),
        "/lm.xml": Route(
            body=rss("LM Feed", full_items("beta", 2)), last_modified="Wed, 01 May 2024 10:00:00 GMT"
        ),
    }
    with serve(routes) as server:
        subscribe(server.url("/etag.xml"), server.url("/lm.xml"))
        first = refresher().run()
        assert [(r.status, r.new) for r in first.results] == [("ok", 3), ("ok", 2)]
        assert first.ok and len(first.new_ids) == 5
        second = refresher().run()
        assert [(r.status, r.new) for r in second.results] == [("not modified", 0), ("not modified", 0)]
        assert server.hits("/etag.xml")[-1].headers["if-none-match"] == '"v1"'
        assert server.hits("/lm.xml")[-1].headers["if-modified-since"] == "Wed, 01 May 2024 10:00:00 GMT"
        assert [seen.status for seen in server.requests[-2:]] == [304, 304]
    files = stored()
    assert len(files) == 5
    record = files[first.new_ids[0]]
    assert record["feed"] == server.url("/etag.xml")
    assert record["url"] == record["source"] == "http://127.0.0.1/alpha/0"
    assert record["guid"] == "http://127.0.0.1/alpha/0"
    assert "summary_only" not in record
    library = Library.default()
    hits = library.search("beta budget")
    assert {h.summary.feed for h in hits} == {server.url("/lm.xml")}
    summary = next(s for s in library.summaries() if s.id == first.new_ids[0])
    assert summary.feed == server.url("/etag.xml") and summary.url == "http://127.0.0.1/alpha/0"
    state = ReadState()
    state.load()
    assert state.unread(first.new_ids) == set(first.new_ids)
    feeds, _ = FetchState().load()
    assert feeds[server.url("/etag.xml")].etag == '"v1"'
    assert feeds[server.url("/etag.xml")].title == "Etag Feed"
    assert Subscriptions().get(server.url("/etag.xml")).title == "Etag Feed"  # type: ignore[union-attr]


def test_broken_feeds_fail_with_a_reason_and_never_stop_the_others() -> None:
    bomb = (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
        + b"".join(
            f' <!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">\n'.encode()
            for n in range(1, 10)
        )
        + b']>\n<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title>'
        b"<description>x</description></item></channel></rss>"
    )
    routes = {
        "/good.xml": Route(body=rss("Good", full_items("good", 2))),
        "/missing.xml": Route(body=b"gone", status=404, content_type="text/plain"),
        "/text.xml": Route(body=b"just some words, not a feed", content_type="text/plain"),
        "/html.xml": Route(body=b"<!doctype html><html><body><p>a page</p></body></html>"),
        "/broken.xml": Route(body=b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</ti'),
        "/slow.xml": Route(body=rss("Slow", full_items("slow", 1)), delay=30),
        "/huge.xml": Route(body=b"<rss>" + b"x" * 300_000 + b"</rss>"),
        "/huge-unsized.xml": Route(body=b"<rss>" + b"x" * 300_000 + b"</rss>", send_length=False),
        "/bomb.xml": Route(body=bomb),
        "/loop-a.xml": Route(status=302, location="/loop-b.xml"),
        "/loop-b.xml": Route(status=302, location="/loop-a.xml"),
        "/to-file.xml": Route(status=302, location="file:///etc/passwd"),
    }
    with serve(routes) as server:
        subscribe(*(server.url(path) for path in routes if not path.startswith("/loop-b")))
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        report = refresher(timeout=0.5, max_bytes=100_000).run()
        grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    reasons = {r.url.rsplit("/", 1)[1]: (r.status, r.error) for r in report.results}
    assert reasons["good.xml"] == ("ok", None)
    assert reasons["missing.xml"] == ("failed", "HTTP 404 Not Found")
    assert reasons["text.xml"] == ("failed", "not a feed (not XML)")
    assert reasons["html.xml"] == ("failed", "not a feed (an HTML page)")
    assert reasons["broken.xml"][0] == "failed" and reasons["broken.xml"][1].startswith("malformed XML")
    assert reasons["slow.xml"] == ("failed", "timed out after 0.5 s")
    assert reasons["huge.xml"][1].startswith("too large (0.3 MB")
    assert reasons["huge-unsized.xml"][1] == "too large (over 0.1 MB)"
    assert reasons["bomb.xml"] == ("failed", "refused: entities that expand other entities (an entity bomb)")
    assert reasons["loop-a.xml"] == ("failed", "too many redirects (more than 5)")
    assert reasons["to-file.xml"] == (
        "failed",
        "refused a redirect to a file: URL (only http and https are followed)",
    )
    assert not report.ok
    assert all("\n" not in (r.error or "") for r in report.results)
    assert grown_kb < 200_000
    assert len(stored()) == 2
    feeds, _ = FetchState().load()
    assert feeds[server.url("/missing.xml")].last_error == "HTTP 404 Not Found"


def test_a_failed_refresh_changes_nothing_stored() -> None:
    route = Route(body=rss("Feed", full_items("keep", 2)), etag='"a"')
    with serve({"/f.xml": route}) as server:
        subscribe(server.url("/f.xml"))
        refresher().run()
        before = stored()
        route.body, route.etag = b"<rss><channel><item>", None
        report = refresher().run()
        assert report.results[0].status == "failed"
    assert stored() == before
    feeds, _ = FetchState().load()
    assert feeds[server.url("/f.xml")].etag == '"a"'  # asked for conditionally again next time


def test_truncated_items_get_their_page_once_and_failed_pages_are_retried() -> None:
    teaser = "<p>The council met on Tuesday to discuss the school budget. Read more</p>"
    items = [
        {"title": "Budget", "link": "http://127.0.0.1:{port}/a/budget", "guid": "b-1", "description": teaser},
        {
            "title": "Roads",
            "link": "http://127.0.0.1:{port}/a/roads",
            "guid": "b-2",
            "description": "<p>Road works start soon [&#8230;]</p>",
        },
    ]
    routes: dict[str, Route] = {
        "/a/budget": Route(body=page("Budget", long_text("budget")), content_type="text/html"),
        "/a/roads": Route(body=b"down", status=503, content_type="text/plain"),
    }
    with serve(routes) as server:
        for item in items:
            item["link"] = item["link"].format(port=server.port)
        server.routes["/feed.xml"] = Route(body=rss("Teasers", items))
        subscribe(server.url("/feed.xml"))
        first = refresher().run()
        assert (first.results[0].status, first.results[0].new) == ("ok", 2)
        files = {record["title"]: record for record in stored().values()}
        assert "school budget" not in str(files["Budget"]["body"])
        assert "budget report, part 7" in str(files["Budget"]["body"])
        assert files["Budget"].get("summary_only") is None
        assert files["Roads"]["summary_only"] is True
        assert "Road works start soon" in str(files["Roads"]["body"])
        old_roads = next(k for k, v in stored().items() if v["title"] == "Roads")
        bookmarks().add(old_roads, "Roads", str(files["Roads"]["source"]))

        server.routes["/a/roads"] = Route(body=page("Roads", long_text("roads")), content_type="text/html")
        second = refresher().run()
        assert second.results[0].status == "ok"
        assert len(server.hits("/a/budget")) == 1  # fetched once, not at every refresh
        assert len(server.hits("/a/roads")) == 2  # failed once, retried once
        files = {record["title"]: record for record in stored().values()}
        assert "summary_only" not in files["Roads"] and "roads report" in str(files["Roads"]["body"])
        assert old_roads not in stored()
        refresher().run()
        assert len(server.hits("/a/roads")) == 2 and len(server.hits("/a/budget")) == 1
    library = Library.default()
    by_id = {s.id: s for s in library.summaries()}
    by_source = {s.source: s for s in library.summaries()}
    bookmark = bookmarks().find(old_roads)  # followed to the copy with the page's text (issue 21.1)
    assert bookmark is not None and bookmark.article_id != old_roads and bookmark.moved_from == (old_roads,)
    found = bookmarks().resolve(bookmark, by_id, by_source)
    assert found is not None and found.title == "Roads" and found.id == bookmark.article_id


def test_full_text_never_and_always() -> None:
    teaser = "<p>Short teaser…</p>"
    with serve() as server:
        server.routes["/p/1"] = Route(body=page("One", long_text("one")), content_type="text/html")
        server.routes["/p/2"] = Route(body=page("Two", long_text("two")), content_type="text/html")
        never = [{"title": "One", "link": server.url("/p/1"), "description": teaser}]
        always = [{"title": "Two", "link": server.url("/p/2"), "content": long_text("feed two", 30)}]
        server.routes["/never.xml"] = Route(body=rss("N", never))
        server.routes["/always.xml"] = Route(body=rss("A", always))
        subscribe(server.url("/never.xml"), full_text="never")
        subscribe(server.url("/always.xml"), full_text="always")
        refresher().run()
        assert server.hits("/p/1") == [] and len(server.hits("/p/2")) == 1
    files = {record["title"]: record for record in stored().values()}
    assert files["One"]["body"] == "Short teaser…"
    assert "two report, part 39" in str(files["Two"]["body"])  # the page was longer than the feed's text


def test_an_article_carried_by_two_feeds_is_stored_once() -> None:
    shared = {
        "title": "Shared story",
        "link": "http://127.0.0.1/shared/1?utm_source=feed-a&amp;id=7#top",
        "content": long_text("shared"),
    }
    other = {**shared, "link": "http://127.0.0.1/shared/1?id=7&amp;utm_medium=rss", "guid": "other-guid-1"}
    with serve() as server:
        server.routes["/a.xml"] = Route(body=rss("A", [shared, *full_items("a", 1)]))
        server.routes["/b.xml"] = Route(body=rss("B", [other, *full_items("b", 1)]))
        subscribe(server.url("/a.xml"), server.url("/b.xml"))
        report = refresher().run()
    assert sorted(r.new for r in report.results) == [1, 2]
    shared_copies = [record for record in stored().values() if record["title"] == "Shared story"]
    assert len(shared_copies) == 1
    assert shared_copies[0]["url"] == shared_copies[0]["source"] == "http://127.0.0.1/shared/1?id=7"
    assert len(stored()) == 3


def test_an_updated_item_replaces_its_copy_and_its_bookmark_still_resolves() -> None:
    item = {
        "title": "Election night",
        "link": "http://127.0.0.1/e/1",
        "guid": "tag:example,2024:e1",
        "content": long_text("election"),
    }
    route = Route(body=rss("E", [item]))
    with serve({"/e.xml": route}) as server:
        subscribe(server.url("/e.xml"))
        first = refresher().run()
        (old_id,) = first.new_ids
        ReadState().mark([old_id], read=True)
        bookmarks().add(old_id, "Election night", "http://127.0.0.1/e/1")
        item["content"] = long_text("election") + "<p>Update: the count finished at dawn.</p>"
        item["title"] = "Election night (updated)"
        route.body = rss("E", [item])
        second = refresher().run()
    assert (second.results[0].new, second.results[0].updated) == (0, 1)
    files = stored()
    assert old_id not in files and len(files) == 1
    (new_id, record) = next(iter(files.items()))
    assert "count finished at dawn" in str(record["body"])
    library = Library.default()
    summaries = library.summaries()
    bookmark = bookmarks().get(new_id)  # the refresh re-pointed it (issue 21.1)
    assert bookmark is not None and bookmark.moved_from == (old_id,)
    assert bookmark.title == "Election night (updated)" and bookmarks().find(old_id) == bookmark
    found = bookmarks().resolve(bookmark, {s.id: s for s in summaries}, {s.source: s for s in summaries})
    assert found is not None and found.id == new_id
    state = ReadState()
    state.load()
    assert state.is_read(new_id)  # the update keeps the read state of the copy it replaced


def test_cancel_and_progress() -> None:
    with serve() as server:
        for n in range(6):
            server.routes[f"/{n}.xml"] = Route(body=rss(f"F{n}", full_items(f"f{n}", 1)))
        subscribe(*(server.url(f"/{n}.xml") for n in range(6)))
        seen: list[tuple[int, int, str]] = []
        report = refresher(workers=1).run(progress=lambda d, t, u: seen.append((d, t, u)))
        assert [d for d, _, _ in seen] == [1, 2, 3, 4, 5, 6] and {t for _, t, _ in seen} == {6}
        assert len(report.new_ids) == 6
        stop = refresher(workers=1).run(cancelled=lambda: True)
        assert stop.cancelled and len(stop.results) < 6


def test_refresh_of_a_url_not_subscribed() -> None:
    report = refresher().run(["http://127.0.0.1:9/nothing.xml"])
    assert [(r.status, r.error) for r in report.results] == [
        ("failed", "not subscribed (add it with `dateline feeds add URL`)")
    ]


def test_cache_dir_is_safe_to_delete(isolated_dirs: dict[str, Path]) -> None:
    with serve({"/f.xml": Route(body=rss("F", full_items("c", 2)), etag='"x"')}) as server:
        subscribe(server.url("/f.xml"))
        refresher().run()
        for file in isolated_dirs["cache"].iterdir():
            file.unlink()
        again = refresher().run()
        assert again.results[0].status == "not modified"
    assert len(Library.default().refresh()) >= 2


def test_damaged_state_files_are_moved_aside_and_the_refresh_goes_on(isolated_dirs: dict[str, Path]) -> None:
    with serve({"/f.xml": Route(body=rss("F", full_items("d", 1)))}) as server:
        subscribe(server.url("/f.xml"))
        (isolated_dirs["state"] / "fetch.json").write_text("{not json")
        (isolated_dirs["state"] / "read.json").write_text('{"read": 5}')
        report = refresher().run()
    assert report.results[0].status == "ok" and len(report.new_ids) == 1
    assert sum("was damaged" in message for message in report.messages) == 2
    assert len(list(isolated_dirs["state"].glob("fetch.json.corrupt-*"))) == 1
    (isolated_dirs["config"] / "feeds.json").write_text('{"feeds": [{"url": "file:///etc/passwd"}]}')
    subscriptions = Subscriptions()
    assert subscriptions.load() == []
    assert "moved to" in subscriptions.messages[0]
