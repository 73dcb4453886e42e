"""OPML both ways (into a fresh config dir) and newsboat's urls file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.feeds.opml import ImportFileError, parse_opml, read_import_file, to_opml
from tui.feeds.store import Subscription, Subscriptions
from tui.store.atomic import write_new_file

OPML_1 = b"""<?xml version="1.0"?>
<opml version="1.0"><head><title>Old reader</title></head><body>
  <outline text="News">
    <outline text="World">
      <outline text="Wire" type="rss" xmlUrl="http://127.0.0.1/wire.xml"/>
    </outline>
    <outline title="Local" text="local" type="rss" xmlUrl="https://127.0.0.1/local.xml"/>
  </outline>
  <outline text="Top" type="rss" xmlUrl="http://127.0.0.1/top.xml"/>
  <outline text="Mail" type="rss" xmlUrl="mailto:someone@example.com"/>
</body></opml>"""


def test_opml_1_nested_outlines_become_folders() -> None:
    imported = parse_opml(OPML_1)
    got = [(s.url, s.title, s.folder) for s in imported.subscriptions]
    assert got == [
        ("http://127.0.0.1/wire.xml", "Wire", "News/World"),
        ("https://127.0.0.1/local.xml", "Local", "News"),
        ("http://127.0.0.1/top.xml", "Top", None),
    ]
    assert imported.notes == ["skipped mailto:someone@example.com: only http(s) feeds can be followed"]


def test_round_trip_into_a_fresh_config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = [
        Subscription("http://127.0.0.1/a.xml", "A & B", "always", "News/World", ("politics",)),
        Subscription("http://127.0.0.1/b.xml", "", "never", None),
        Subscription("http://127.0.0.1/c.xml", "C", "auto", "News"),
    ]
    Subscriptions().add_many(original)
    exported = tmp_path / "feeds.opml"
    write_new_file(exported, to_opml(Subscriptions().load()))
    with pytest.raises(FileExistsError):
        write_new_file(exported, b"other")
    assert exported.read_bytes().startswith(b"<?xml") and b'version="2.0"' in exported.read_bytes()
    monkeypatch.setenv("DATELINE_CONFIG_DIR", str(tmp_path / "fresh-config"))
    added, present = Subscriptions().add_many(read_import_file(exported).subscriptions)
    assert not present
    fresh = {s.url: (s.title, s.full_text, s.folder, s.tags) for s in Subscriptions().load()}
    assert fresh == {
        "http://127.0.0.1/a.xml": ("A & B", "always", "News/World", ("politics",)),
        "http://127.0.0.1/b.xml": ("", "never", None, ()),
        "http://127.0.0.1/c.xml": ("C", "auto", "News", ()),
    }
    _, again = Subscriptions().add_many(read_import_file(exported).subscriptions)
    assert len(again) == 3


def test_newsboat_urls(tmp_path: Path) -> None:
    urls = tmp_path / "urls"
    urls.write_text(
        "# my feeds\n"
        'http://127.0.0.1/one.xml tech "long tag" ~"Feed One"\n'
        "\n"
        "https://127.0.0.1/two.xml  # trailing comment\n"
        '"query:Unread Articles:unread = \\"yes\\""\n'
        "exec:~/bin/script.sh\n"
        "http://127.0.0.1/three.xml !hidden news\n"
    )
    imported = read_import_file(urls)
    assert imported.kind == "newsboat urls"
    got = [(s.url, s.title, s.tags) for s in imported.subscriptions]
    assert got == [
        ("http://127.0.0.1/one.xml", "Feed One", ("tech", "long tag")),
        ("https://127.0.0.1/two.xml", "", ()),
        ("http://127.0.0.1/three.xml", "", ("news",)),
    ]
    assert imported.notes == ["line 6: skipped exec:~/bin/script.sh: only http(s) feeds"]
    # A query feed is handed to the caller, which makes a saved search of it (issue 21).
    assert imported.queries == [(5, "Unread Articles", 'unread = "yes"')]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"<opml><body><outline", "malformed OPML"),
        (b"<html><body/></html>", "not OPML"),
        (b"just words\nand more", "neither OPML nor a newsboat urls file (no feed URLs found)"),
        (b"\xff\xfe\x00binary", "neither OPML nor a newsboat urls file (not UTF-8 text)"),
        (
            b'<!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]><opml><body>'
            b'<outline xmlUrl="http://127.0.0.1/&x;"/></body></opml>',
            "malformed OPML: Attribute references external",
        ),
    ],
)
def test_bad_import_files(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "in"
    path.write_bytes(content)
    with pytest.raises(ImportFileError) as raised:
        read_import_file(path)
    assert str(raised.value).startswith(reason)


def test_link_outlines_are_not_feeds() -> None:
    """Issue 21.3: a `type="link"` outline is a web page listed beside the feeds (and an included
    OPML file another document): skipped with a note, not followed and failing at every refresh."""
    imported = parse_opml(
        b"""<opml version="2.0"><body><outline text="Reading">
        <outline text="Wire" type="rss" xmlUrl="http://127.0.0.1/wire.xml"/>
        <outline text="Publisher's site" type="link" url="http://127.0.0.1/about.html"/>
        <outline text="Blogroll" type="include" url="http://127.0.0.1/blogroll.opml"/>
        <outline text="Old style" type="link" xmlUrl="http://127.0.0.1/old.xml"/>
        </outline></body></opml>"""
    )
    assert [s.url for s in imported.subscriptions] == [
        "http://127.0.0.1/wire.xml",
        "http://127.0.0.1/old.xml",
    ]
    assert imported.notes == [
        'skipped “Publisher\'s site”: a link to a web page (type="link"), not a feed',
        'skipped “Blogroll”: an included OPML file (type="include"), not a feed',
    ]


def test_newsboat_filter_lines_keep_their_url(tmp_path: Path) -> None:
    urls = tmp_path / "urls"
    urls.write_text('filter:~/bin/clean.sh:https://127.0.0.1/f.xml?a=1 tech ~"Filtered"\n')
    imported = read_import_file(urls)
    assert [(s.url, s.title, s.tags) for s in imported.subscriptions] == [
        ("https://127.0.0.1/f.xml?a=1", "Filtered", ("tech",))
    ]
    assert imported.notes == [
        "line 1: https://127.0.0.1/f.xml?a=1 is followed without its filter (~/bin/clean.sh is not run)"
    ]


def test_a_later_import_gives_a_subscribed_feed_its_folder_and_tags() -> None:
    from tui.feeds.opml import add_imported

    subscriptions = Subscriptions()
    subscriptions.add_many(
        [
            Subscription("http://127.0.0.1/a.xml", "", "never", None, ("mine",)),
            Subscription("http://127.0.0.1/b.xml", "B", "auto", "Kept"),
        ]
    )
    merged = add_imported(
        subscriptions,
        [
            Subscription("http://127.0.0.1/a.xml", "A", folder="News/World", tags=("politics", "mine")),
            Subscription("http://127.0.0.1/b.xml", "Other", folder="Elsewhere"),
            Subscription("http://127.0.0.1/c.xml", "C", folder="New"),
        ],
    )
    assert [s.url for s in merged.added] == ["http://127.0.0.1/c.xml"]
    assert [s.url for s in merged.gained] == ["http://127.0.0.1/a.xml"]
    now = {s.url: (s.title, s.full_text, s.folder, s.tags) for s in Subscriptions().load()}
    assert now == {
        "http://127.0.0.1/a.xml": ("A", "never", "News/World", ("mine", "politics")),
        "http://127.0.0.1/b.xml": ("B", "auto", "Kept", ()),  # nothing it had is replaced
        "http://127.0.0.1/c.xml": ("C", "auto", "New", ()),
    }
    assert add_imported(subscriptions, [Subscription("http://127.0.0.1/a.xml", folder="X")]).gained == []
