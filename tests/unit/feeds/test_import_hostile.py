"""Hostile import files and URLs: terminal controls (U+009B, an 8-bit CSI; U+202E, a bidi override)
in a newsboat urls file, an OPML file or `feeds add` are cleaned the same way and the feed still
refreshes; special files (/dev/zero, FIFOs, directories) are refused, big files capped; a urls file
with a byte-order mark is read. Servers on 127.0.0.1 only."""

from __future__ import annotations

import argparse
import json
import os
import threading
from pathlib import Path

import pytest

from tests.unit.feeds.feedserver import Route, long_text, rss, serve
from tui.cli import feeds as cli
from tui.feeds import ImportFileError, Subscriptions, read_import_file
from tui.feeds import opml as opml_module
from tui.feeds.urls import clean_url, is_http_url

CSI, RLO, LRI = "\u009b", "\u202e", "\u2066"
DIRTY = (CSI, RLO, LRI, "\x1b", "\u0085", "\ufeff")


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="dateline")
    cli.register(parser.add_subparsers())
    args = parser.parse_args(list(argv))
    return int(args.func(args))


def assert_clean(text: str) -> None:
    assert not any(bad in text for bad in DIRTY), repr(text)


def items(prefix: str, count: int) -> list[dict[str, str]]:
    return [
        {
            "title": f"{prefix} {n}",
            "link": f"http://127.0.0.1/{prefix}/{n}",
            "content": long_text(f"{prefix} {n}"),
        }
        for n in range(count)
    ]


def test_clean_url_and_is_http_url() -> None:
    assert clean_url(f"http://127.0.0.1/a{CSI}2J.xml") == "http://127.0.0.1/a.xml"
    assert clean_url(f" http://127.0.0.1/{RLO}b{LRI}.xml ") == "http://127.0.0.1/b.xml"
    for bad in DIRTY:
        assert not is_http_url(f"http://127.0.0.1/a{bad}.xml"), repr(bad)


def test_controls_in_every_import_path_are_cleaned_and_the_feeds_refresh(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with serve() as server:
        for name in ("boat", "opml", "added"):
            server.routes[f"/{name}.xml"] = Route(body=rss(f"{name}{CSI}31m feed", items(name, 2)))
        base = server.url("")
        urls = tmp_path / "urls"
        urls.write_text(
            f'{base}/bo{CSI}31mat{RLO}.xml "~Evil{RLO} {CSI}2Jtitle" news{LRI} "!hidden"\n', encoding="utf-8"
        )
        opml = tmp_path / "feeds.opml"
        opml.write_text(
            '<?xml version="1.0"?><opml version="2.0"><head/><body>'
            f'<outline text="Op&#x9b;1;1H&#x202e;ml" xmlUrl="{base}/op&#x202e;ml.xml&#x9b;0m"/>'
            "</body></opml>",
            encoding="utf-8",
        )
        assert run("feeds", "import", str(urls)) == 0
        assert run("feeds", "import", str(opml)) == 0
        assert run("feeds", "add", f"{base}/add{CSI}1;31med.xml{RLO}", "--title", f"Add{RLO}ed") == 0
        imported = capsys.readouterr()
        assert_clean(imported.out + imported.err)
        assert f"subscribed: {base}/boat.xml" in imported.out
        assert f"subscribed: {base}/added.xml" in imported.out
        subscribed = {s.url: s.title for s in Subscriptions().load()}
        assert subscribed == {
            f"{base}/boat.xml": "Evil title",
            f"{base}/opml.xml": "Opml",
            f"{base}/added.xml": "Added",
        }
        assert run("refresh") == 0
        assert run("refresh", f"{base}/boat.xml{CSI}0m") == 0  # the URL cleaned, so it matches
        refreshed = capsys.readouterr()
        assert_clean(refreshed.out + refreshed.err)
        assert refreshed.out.splitlines()[:3] == ["Evil title: 2 new", "Opml: 2 new", "Added: 2 new"]
        assert run("feeds", "list") == 0
        listed = capsys.readouterr().out
        assert_clean(listed)
        assert listed.count("2 articles, 2 unread") == 3  # the articles' feed matches the subscription
        assert run("feeds", "list", "--json") == 0
        assert [row["articles"] for row in json.loads(capsys.readouterr().out)] == [2, 2, 2]
        assert run("feeds", "export") == 0
        exported = capsys.readouterr().out
        assert_clean(exported)
        assert f'xmlUrl="{base}/boat.xml"' in exported


def test_a_stored_url_with_controls_is_cleaned_when_read(isolated_dirs: dict[str, Path]) -> None:
    """feeds.json written before every path cleaned its URLs: read clean, never moved aside."""
    path = isolated_dirs["config"] / "feeds.json"
    feed = {"url": f"http://127.0.0.1/x{CSI}2J.xml{RLO}", "title": f"T{RLO}"}
    twin = {"url": "http://127.0.0.1/x.xml", "title": "the same feed once cleaned"}
    path.write_text(json.dumps({"version": 1, "feeds": [feed, twin]}), encoding="utf-8")
    subscriptions = Subscriptions()
    assert [(s.url, s.title) for s in subscriptions.load()] == [("http://127.0.0.1/x.xml", "T")]
    assert subscriptions.messages == []
    assert subscriptions.remove(f"http://127.0.0.1/x.xml{CSI}0m")
    assert subscriptions.load() == []


def test_a_urls_file_with_a_byte_order_mark(tmp_path: Path) -> None:
    urls = tmp_path / "urls"
    urls.write_bytes(b"\xef\xbb\xbfhttp://127.0.0.1/a.xml tech\nhttp://127.0.0.1/b.xml\n")
    imported = read_import_file(urls)
    assert [(s.url, s.tags) for s in imported.subscriptions] == [
        ("http://127.0.0.1/a.xml", ("tech",)),
        ("http://127.0.0.1/b.xml", ()),
    ]
    opml = tmp_path / "feeds.opml"
    opml.write_bytes(
        b'\xef\xbb\xbf<?xml version="1.0" encoding="utf-8"?><opml version="1.0"><body>'
        b'<outline text="A" xmlUrl="http://127.0.0.1/a.xml"/></body></opml>'
    )
    assert [s.url for s in read_import_file(opml).subscriptions] == ["http://127.0.0.1/a.xml"]


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_are_refused_before_a_byte_is_read(special: str, capsys: pytest.CaptureFixture[str]) -> None:
    if not os.path.exists(special):
        pytest.skip(f"no {special} here")
    with pytest.raises(ImportFileError, match=r"not a regular file \(a character device\)"):
        read_import_file(Path(special))
    assert run("feeds", "import", special) == 1
    assert f"{special}: not a regular file (a character device)" in capsys.readouterr().err


def test_a_fifo_and_a_directory_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    done: list[BaseException | None] = []

    def read() -> None:
        try:
            read_import_file(fifo)
        except BaseException as error:  # noqa: BLE001 - handed to the test thread
            done.append(error)
        else:
            done.append(None)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(5)
    if reader.is_alive():  # unblock the open() so the thread ends, then fail
        with open(fifo, "wb"):
            pass
        reader.join(5)
        pytest.fail("importing a FIFO blocked")
    assert isinstance(done[0], ImportFileError) and "not a regular file (a FIFO)" in str(done[0])
    with pytest.raises(ImportFileError, match="is a directory"):
        read_import_file(tmp_path)


def test_the_read_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(opml_module, "MAX_IMPORT_BYTES", 1000)
    big = tmp_path / "urls"
    big.write_bytes(b"http://127.0.0.1/a.xml\n" * 100)
    with pytest.raises(ImportFileError, match="file too large"):
        read_import_file(big)
    big.write_bytes(b"http://127.0.0.1/a.xml\n" * 40)
    assert len(read_import_file(big).subscriptions) == 40
    # A regular file whose size says 0 (as /proc's do, or one growing as it is read) is capped too:
    # the cap counts the bytes read, not what stat says.
    lying = Path("/proc/self/maps")
    if lying.exists() and lying.stat().st_size == 0:
        with pytest.raises(
            ImportFileError, match=r"file too large \(an import file may have up to 0.001 MB\)"
        ):
            read_import_file(lying)
