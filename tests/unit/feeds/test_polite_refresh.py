"""A polite refresh: full-text pages capped per feed per refresh, failed pages backed off (next
refresh, 1 h, 6 h, 24 h, then given up unless `--retry-full-text`), an all-304 refresh with no
back-off expired makes no other request, and a refresh whose state cannot be saved exits 1.
Servers on 127.0.0.1 only; the back-off runs on the refresher's clock, moved by the tests."""

from __future__ import annotations

import argparse
import errno
import json
from pathlib import Path

import pytest

from tests.unit.feeds.feedserver import FeedServer, Route, long_text, page, rss, serve
from tui.cli import feeds as cli
from tui.feeds import Limits, Refresher, Subscription, Subscriptions
from tui.feeds import refresh as refresh_module
from tui.feeds.store import FetchState
from tui.store import atomic, paths

HOUR = 3600.0
T0 = 1_780_000_000.0  # a fixed "now" for the back-off


def run_cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="dateline")
    cli.register(parser.add_subparsers())
    args = parser.parse_args(list(argv))
    return int(args.func(args))


def refresher(now: float = T0, **options: object) -> Refresher:
    made = Refresher(limits=Limits(timeout=2.0), trust_env=False, **options)  # type: ignore[arg-type]
    made.clock = lambda: now
    return made


def teasers(server: FeedServer, feed: str, count: int) -> list[dict[str, str]]:
    return [
        {
            "title": f"{feed} teaser {n}",
            "link": server.url(f"/{feed}/page/{n}"),
            "guid": server.url(f"/{feed}/page/{n}"),
            "description": f"<p>The {feed} council met about item {n}. Read more</p>",
        }
        for n in range(count)
    ]


def page_hits(server: FeedServer) -> int:
    return sum(1 for seen in server.requests if "/page/" in seen.path)


def stored() -> dict[str, dict[str, object]]:
    return {p.stem: json.loads(p.read_text()) for p in paths.data_dir().glob("*.json")}


def test_pages_are_capped_per_feed_per_refresh_and_the_rest_fetched_later() -> None:
    assert refresh_module.PAGES_PER_FEED == 50  # as the README says
    with serve() as server:
        items = teasers(server, "big", 8)
        for n in range(8):
            server.routes[f"/big/page/{n}"] = Route(
                body=page(f"big {n}", long_text(f"big {n}")), content_type="text/html"
            )
        server.routes["/big.xml"] = Route(body=rss("Big", items), etag='"1"')
        server.routes["/small.xml"] = Route(body=rss("Small", teasers(server, "small", 2)), etag='"1"')
        for n in range(2):
            server.routes[f"/small/page/{n}"] = Route(
                body=page("s", long_text(f"small {n}")), content_type="text/html"
            )
        Subscriptions().add_many(Subscription(url=server.url(p)) for p in ("/big.xml", "/small.xml"))
        first = refresher(pages_per_feed=3).run()
        assert [(r.status, r.new) for r in first.results] == [("ok", 8), ("ok", 2)]  # every item stored
        assert sum(1 for s in server.requests if s.path.startswith("/big/page/")) == 3  # the cap
        assert sum(1 for s in server.requests if s.path.startswith("/small/page/")) == 2  # per feed
        assert sum(1 for a in stored().values() if a.get("summary_only")) == 5
        second = refresher(pages_per_feed=3).run()  # the feed answers 304: 3 more pages of the 5
        assert [r.status for r in second.results] == ["not modified", "not modified"]
        assert sum(1 for s in server.requests if s.path.startswith("/big/page/")) == 6
        refresher(pages_per_feed=3).run()
        refresher(pages_per_feed=3).run()
        assert sum(1 for s in server.requests if s.path.startswith("/big/page/")) == 8  # each once
        assert not any(a.get("summary_only") for a in stored().values())
        assert all(len(server.hits(f"/big/page/{n}")) == 1 for n in range(8))


def test_a_failed_page_backs_off_then_gives_up_unless_asked() -> None:
    with serve() as server:
        feeds = [f"f{n}" for n in range(4)]
        for feed in feeds:  # the pages are not there: 404
            server.routes[f"/{feed}.xml"] = Route(body=rss(feed, teasers(server, feed, 3)), etag='"1"')
        Subscriptions().add_many(Subscription(url=server.url(f"/{f}.xml")) for f in feeds)
        assert refresher(T0).run().ok
        assert page_hits(server) == 12  # tried once each
        record = next(iter(FetchState().load()[1].values()))
        assert (record.page, record.page_failures, record.summary_only) == ("failed", 1, True)
        schedule = [
            (T0 + 60, 12),  # the next refresh: again
            (T0 + 60 + 0.9 * HOUR, 0),  # within an hour: nothing but the feeds (all 304)
            (T0 + 60 + 1.01 * HOUR, 12),  # after an hour
            (T0 + 60 + 1.01 * HOUR + 5.9 * HOUR, 0),
            (T0 + 60 + 1.01 * HOUR + 6.01 * HOUR, 12),  # after 6 hours
            (T0 + 60 + 7.02 * HOUR + 23.9 * HOUR, 0),
            (T0 + 60 + 7.02 * HOUR + 24.01 * HOUR, 12),  # after 24 hours: the fifth failure
            (T0 + 1000 * 24 * HOUR, 0),  # given up
        ]
        for now, pages in schedule:
            before, feed_requests = page_hits(server), len(server.requests) - page_hits(server)
            report = refresher(now).run()
            assert [r.status for r in report.results] == ["not modified"] * 4
            assert page_hits(server) - before == pages, now - T0
            assert len(server.requests) - page_hits(server) - feed_requests == 4  # one per feed
        _, items = FetchState().load()
        assert {(r.page, r.page_failures) for r in items.values()} == {("failed", 5)}
        # Asked for: tried again now, and a page that is there at last replaces the summary.
        server.routes["/f0/page/0"] = Route(body=page("f0 0", long_text("found")), content_type="text/html")
        before = page_hits(server)
        refresher(T0 + 1001 * 24 * HOUR, retry_full_text=True).run()
        assert page_hits(server) - before == 12
        found = [a for a in stored().values() if "found report" in str(a["body"])]
        assert len(found) == 1 and "summary_only" not in found[0]


def test_the_back_off_survives_in_the_fetch_state(isolated_dirs: dict[str, Path]) -> None:
    with serve() as server:
        server.routes["/f.xml"] = Route(body=rss("F", teasers(server, "f", 1)), etag='"1"')
        Subscriptions().add(Subscription(url=server.url("/f.xml")))
        refresher(T0).run()
        refresher(T0 + 10).run()
    raw = json.loads((isolated_dirs["state"] / "fetch.json").read_text())
    (record,) = raw["items"].values()
    assert (record["page"], record["page_failures"], record["page_tried"]) == (
        "failed",
        2,
        "2026-05-28T20:26:50+00:00",
    )


def test_cli_retry_full_text(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    real = refresh_module.Refresher.__init__

    def spy(self: Refresher, **options: object) -> None:
        seen.append(bool(options.get("retry_full_text")))
        real(self, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(refresh_module.Refresher, "__init__", spy)
    assert run_cli("refresh", "--retry-full-text") == 0
    assert run_cli("refresh") == 0
    assert seen == [True, False]


def test_refresh_exits_1_when_its_state_cannot_be_saved(
    isolated_dirs: dict[str, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = atomic.write_atomic
    state = isolated_dirs["state"]

    def read_only_state(path: Path, *args: object, **kwargs: object) -> None:
        if Path(path).parent == state:  # a read-only state dir (tests run as root: chmod is no use)
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        real(path, *args, **kwargs)  # type: ignore[arg-type]

    with serve() as server:
        server.routes["/f.xml"] = Route(
            body=rss("F", [{"title": "One", "link": server.url("/1"), "content": long_text("one")}])
        )
        Subscriptions().add(Subscription(url=server.url("/f.xml")))
        monkeypatch.setattr(atomic, "write_atomic", read_only_state)
        assert run_cli("refresh") == 1
        captured = capsys.readouterr()
        assert "F: 1 new" in captured.out  # named by the feed's title
        assert "could not save the read state" in captured.err and "Read-only file system" in captured.err
        assert run_cli("refresh", "--json") == 1
        captured = capsys.readouterr()
        assert json.loads(captured.out)[0]["status"] == "ok"
        assert "could not save the read state" in captured.err


def test_an_item_updated_at_every_refresh_keeps_its_page_back_off() -> None:
    with serve() as server:
        item = teasers(server, "u", 1)[0]

        def publish(version: int) -> None:  # the teaser's words change at every refresh
            changed = {**item, "description": f"<p>Version {version} of the teaser. Read more</p>"}
            server.routes["/u.xml"] = Route(body=rss("U", [changed]))

        Subscriptions().add(Subscription(url=server.url("/u.xml")))
        times = [T0, T0 + 60, T0 + 120, T0 + 60 + 1.01 * HOUR, T0 + 60 + 1.02 * HOUR]
        tried = []
        for version, now in enumerate(times):
            publish(version)
            report = refresher(now).run()
            assert (report.results[0].status, report.results[0].error) == ("ok", None)
            tried.append(len(server.hits("/u/page/0")))
        # Failed, then due at the next refresh (failed again), then backing off for an hour.
        assert tried == [1, 2, 2, 3, 3]
        (record,) = FetchState().load()[1].values()
        assert (record.page, record.page_failures) == ("failed", 3)
        assert len([a for a in stored().values() if a["title"] == "u teaser 0"]) == 1
