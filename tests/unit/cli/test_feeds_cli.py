"""`dateline feeds …`, `refresh` and `mark` through their own parsers, against a server on 127.0.0.1."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from tests.unit.feeds.feedserver import Route, long_text, rss, serve
from tui.cli import feeds as cli
from tui.cli.common import InputError, load_read_state
from tui.store.library import Library


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="dateline")
    cli.register(parser.add_subparsers())
    args = parser.parse_args(list(argv))
    return int(args.func(args))


def items(prefix: str, count: int) -> list[dict[str, str]]:
    return [
        {
            "title": f"{prefix} {n}",
            "link": f"http://127.0.0.1/{prefix}/{n}",
            "content": long_text(f"{prefix} {n}"),
        }
        for n in range(count)
    ]


def test_add_refresh_list_mark(capsys: pytest.CaptureFixture[str]) -> None:
    with serve() as server:
        server.routes["/a.xml"] = Route(body=rss("Feed A", items("a", 3)), etag='"1"')
        server.routes["/bad.xml"] = Route(body=b"nope", status=500, content_type="text/plain")
        assert run("feeds", "add", server.url("/a.xml")) == 0
        assert run("feeds", "add", server.url("/bad.xml"), "--title", "Bad", "--full-text", "never") == 0
        assert run("feeds", "add", server.url("/a.xml")) == 0
        assert "already subscribed" in capsys.readouterr().out
        assert run("refresh") == 1
        lines = capsys.readouterr().out.splitlines()
        assert lines == ["Feed A: 3 new", "Bad: failed: HTTP 500 Internal Server Error"]  # by title
        assert run("refresh", server.url("/a.xml"), "--json") == 0
        assert json.loads(capsys.readouterr().out) == [
            {"url": server.url("/a.xml"), "status": "not modified", "new": 0, "error": None}
        ]
        assert run("feeds", "list", "--json") == 0
        listed = json.loads(capsys.readouterr().out)
    assert [(f["title"], f["articles"], f["unread"], f["last_error"]) for f in listed] == [
        ("Feed A", 3, 3, None),
        ("Bad", 0, 0, "HTTP 500 Internal Server Error"),
    ]
    assert all(f["last_refresh"] for f in listed)
    summaries = [s for s in Library.default().summaries() if s.feed]
    assert run("mark", "read", summaries[0].id, summaries[1].id[:6]) == 0
    capsys.readouterr()
    state = load_read_state()
    assert [s.id for s in cli.list_filters(summaries, unread=True, read_state=state)] == [summaries[2].id]
    assert cli.summary_extras(summaries[2], state) == {
        "feed": server.url("/a.xml"),
        "url": summaries[2].url,
        "unread": True,
    }
    with pytest.raises(InputError, match="no feed has the URL or title 'http://127.0.0.1/other.xml'"):
        cli.list_filters(summaries, feed="http://127.0.0.1/other.xml", read_state=state)
    assert run("mark", "unread", summaries[0].id, "ffffffffffff") == 1
    assert "ffffffffffff: no such article" in capsys.readouterr().err
    assert run("mark", "read", summaries[2].id) == 0
    assert cli.list_filters(summaries, unread=True) == []


def test_bad_urls_and_removal(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("feeds", "add", "file:///etc/passwd") == 1
    assert "not an http(s) URL" in capsys.readouterr().err
    assert run("feeds", "remove", "http://127.0.0.1/none.xml") == 1
    assert run("feeds", "add", "http://127.0.0.1/x.xml") == 0
    assert run("feeds", "remove", "http://127.0.0.1/x.xml") == 0
    assert run("feeds", "list", "--json") == 0
    assert json.loads(capsys.readouterr().out.splitlines()[-1]) == []
    with pytest.raises(SystemExit):
        run("feeds", "add", "http://127.0.0.1/y.xml", "--full-text", "sometimes")


def test_import_export_and_no_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    urls = tmp_path / "urls"
    urls.write_text(
        'http://127.0.0.1/1.xml news ~"One"\n"query:Unread:unread = \\"yes\\""\nhttp://127.0.0.1/2.xml\n'
    )
    assert run("feeds", "import", str(urls)) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[-1] == "imported 2 feeds from newsboat urls"
    assert "saved search Unread: unread:yes" in captured.out  # a query feed is a saved search (issue 21)
    assert run("feeds", "export") == 0
    opml = capsys.readouterr().out
    assert opml.startswith("<?xml") and 'xmlUrl="http://127.0.0.1/1.xml"' in opml
    target = tmp_path / "out.opml"
    assert run("feeds", "export", str(target)) == 0
    target_bytes = target.read_bytes()
    assert run("feeds", "export", str(target)) == 1
    assert "already exists (not overwritten)" in capsys.readouterr().err
    assert target.read_bytes() == target_bytes
    monkeypatch.setenv("DATELINE_CONFIG_DIR", str(tmp_path / "fresh"))
    assert run("feeds", "import", str(target)) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "imported 2 feeds from OPML 2.0"
    assert run("feeds", "list", "--json") == 0
    assert [f["title"] for f in json.loads(capsys.readouterr().out)] == ["One", "http://127.0.0.1/2.xml"]
    (tmp_path / "junk").write_text("hello there")
    assert run("feeds", "import", str(tmp_path / "junk")) == 1


def test_a_password_in_a_feed_url_is_never_printed(capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 19, item 10: `refresh` and `feeds list` show a feed's URL with its password hidden."""
    with serve() as server:
        server.routes["/private.xml"] = Route(body=rss("Private", items("p", 1)))
        url = server.url("/private.xml").replace("http://", "http://reader:s3cret@")
        assert run("feeds", "add", url) == 0
        assert run("refresh") == 0
        assert run("feeds", "list") == 0
        printed = capsys.readouterr()
    assert "s3cret" not in printed.out + printed.err
    assert "reader:***@" in printed.out  # the failed feed has no title: named by its URL


def test_a_later_import_is_said_to_give_a_feed_its_tags(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 21.3: importing newsboat's urls after the OPML it was made from tags the feeds."""
    assert run("feeds", "add", "http://127.0.0.1/1.xml") == 0
    urls = tmp_path / "urls"
    urls.write_text("http://127.0.0.1/1.xml news ~One\nfilter:~/f.sh:http://127.0.0.1/2.xml\n")
    capsys.readouterr()
    assert run("feeds", "import", str(urls)) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "subscribed: http://127.0.0.1/2.xml",
        "updated: http://127.0.0.1/1.xml (tags news)",
        "imported 1 feed from newsboat urls (1 already subscribed, 1 given the import's folder or tags)",
    ]
    assert "(~/f.sh is not run)" in captured.err


def test_feeds_are_named_by_title_once(capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 21, item 8: `refresh` and `feeds list` name a feed by its title (the user's, else the
    feed's own), by its URL only when it has none, and never twice on a line."""
    with serve() as server:
        server.routes["/a.xml"] = Route(body=rss("Harbour News", items("a", 2)))
        server.routes["/gone.xml"] = Route(body=b"gone", status=404, content_type="text/plain")
        assert run("feeds", "add", server.url("/a.xml")) == 0
        assert run("feeds", "add", server.url("/b.xml"), "--title", "My Ports") == 0
        assert run("feeds", "add", server.url("/gone.xml")) == 0
        server.routes["/b.xml"] = Route(body=rss("Ports Daily", items("b", 1)))
        capsys.readouterr()
        assert run("refresh") == 1
        refreshed = capsys.readouterr().out.splitlines()
        assert run("feeds", "list") == 0
        listed = capsys.readouterr().out.splitlines()
        assert run("refresh", "my ports") == 0  # a title names a feed too
        assert capsys.readouterr().out.splitlines() == ["My Ports: 0 new"]
        assert run("feeds", "remove", "harbour news") == 0  # by title too
        assert capsys.readouterr().out == "unsubscribed: Harbour News (its articles stay in the library)\n"
        gone = server.url("/gone.xml")
    assert refreshed == ["Harbour News: 2 new", "My Ports: 1 new", f"{gone}: failed: HTTP 404 Not Found"]
    assert [line.split("  ")[0] for line in listed] == ["Harbour News", "My Ports", gone]
    assert all("http" not in line for line in listed[:2]) and listed[2].count(gone) == 1


def test_list_feed_takes_a_url_or_a_title_and_refuses_an_unknown_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Issue 21, item 6: `list --feed` with a title lists that feed; with an unknown feed it exits 1
    with a message (it printed nothing and exited 0)."""
    from tui.cli import main

    with serve() as server:
        server.routes["/a.xml"] = Route(body=rss("Harbour News", items("a", 2)))
        server.routes["/b.xml"] = Route(body=rss("Harbour Ferries", items("b", 1)))
        for path in ("/a.xml", "/b.xml"):
            assert run("feeds", "add", server.url(path)) == 0
        assert run("refresh") == 0
        capsys.readouterr()
        assert main(["list", "--feed", "harbour news", "--json"]) == 0
        by_title = json.loads(capsys.readouterr().out)
        assert main(["list", "--feed", server.url("/a.xml"), "--json"]) == 0
        by_url = json.loads(capsys.readouterr().out)
        assert main(["list", "--feed", "ferries", "--json"]) == 0  # a part of one title
        by_part = json.loads(capsys.readouterr().out)
        assert main(["list", "--feed", "Nowhere Weekly"]) == 1
        unknown = capsys.readouterr()
        assert main(["list", "--feed", "harbour"]) == 1  # a part of two titles
        ambiguous = capsys.readouterr().err
    assert len(by_title) == 2 and by_title == by_url
    assert {a["feed"] for a in by_part} == {server.url("/b.xml")} and len(by_part) == 1
    assert unknown.out == "" and "no feed has the URL or title 'Nowhere Weekly'" in unknown.err
    assert "names 2 feeds" in ambiguous and "Harbour News" in ambiguous and "Harbour Ferries" in ambiguous


@pytest.mark.parametrize("json_output", [False, True])
def test_refresh_says_each_message_once(capsys: pytest.CaptureFixture[str], json_output: bool) -> None:
    """The refresh's messages (here `keep_days` removing an old read article) went to stderr twice."""
    from tui.store import paths
    from tui.store.readstate import ReadState

    old = {
        "title": "Old",
        "link": "http://127.0.0.1/old",
        "content": long_text("old"),
        "pubDate": "Wed, 01 May 2019 10:00:00 GMT",
    }
    with serve({"/a.xml": Route(body=rss("Feed A", [old]), etag='"1"')}) as server:
        assert run("feeds", "add", server.url("/a.xml")) == 0
        assert run("refresh") == 0
        ReadState().mark([p.stem for p in paths.data_dir().glob("*.json")], True)
        (paths.config_dir() / "config.toml").write_text("[feeds]\nkeep_days = 7\n")
        capsys.readouterr()
        assert run("refresh", *(["--json"] if json_output else [])) == 0
    err = capsys.readouterr().err
    assert err.count("removed 1 read article older than 7 days") == 1, err


def test_feeds_list_says_when_in_local_time_as_a_person_reads_it() -> None:
    """`feeds list` printed the stored stamp raw ("2026-12-07T12:33:24+00:00")."""
    from datetime import datetime

    from tui.cli.feeds import _local_time

    stamp = "2026-12-07T12:33:24+00:00"
    expected = datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    assert _local_time(stamp) == expected and "T" not in expected
    assert _local_time("not a time") == "not a time"
