"""Issue 21.1: a bookmark follows its article when the feed item is updated and stored again under
a new id (the id is the hash of the body), by the item's GUID or link, in every command: `bookmarks`
(and its exports), `list --json`'s "bookmarked", `show` and `bookmark remove` of the old id; and a
bookmarks.json left broken by an earlier build is healed by the article's link."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.feeds.feedserver import Route, long_text, rss, serve
from tui.cli import main
from tui.cli.common import find_article
from tui.store.library import Library


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def item(title: str, text: str, *, guid: str | None = None, link: str | None = None) -> dict[str, str]:
    entry = {"title": title, "content": long_text(text)}
    if guid is not None:
        entry["guid"] = guid
    if link is not None:
        entry["link"] = link
    return entry


def feed_ids() -> dict[str, str]:
    """Title -> id of the feed articles in the library."""
    library = Library.default()
    library.refresh()
    return {s.title: s.id for s in library.summaries() if s.feed}


def listed(capsys: pytest.CaptureFixture[str]) -> dict[str, bool]:
    code, out, _ = run(capsys, "list", "--json")
    assert code == 0
    return {row["id"]: row["bookmarked"] for row in json.loads(out)}


@pytest.mark.parametrize("keyed_by", ["link", "guid"])
def test_a_bookmark_follows_its_updated_item(capsys: pytest.CaptureFixture[str], keyed_by: str) -> None:
    """By link, and by GUID alone (no link: every article's source is the feed, so only the refresh,
    which knew the item by its GUID, can tell where it went)."""

    def keys(n: int) -> dict[str, str]:
        if keyed_by == "link":
            return {"link": f"http://127.0.0.1/news/brenner-{n}.html"}
        return {"guid": f"urn:brenner:{n}"}

    with serve() as server:
        first = [item("Brenner to be sworn in", "oath", **keys(1)), item("Ports", "ports", **keys(2))]
        server.routes["/f.xml"] = Route(body=rss("Capital Wire", first))
        assert run(capsys, "feeds", "add", server.url("/f.xml"), "--full-text", "never")[0] == 0
        assert run(capsys, "refresh")[0] == 0
        old_id = feed_ids()["Brenner to be sworn in"]
        assert run(capsys, "bookmark", "add", old_id, "--note", "follow up")[0] == 0
        updated = [item("Brenner sworn in", "oath taken", **keys(1)), item("Ports", "ports", **keys(2))]
        server.routes["/f.xml"] = Route(body=rss("Capital Wire", updated))
        code, _, err = run(capsys, "refresh")
        assert code == 0, err
    ids = feed_ids()
    new_id = ids["Brenner sworn in"]
    assert new_id != old_id and old_id not in ids.values()

    code, out, _ = run(capsys, "bookmarks", "--json")
    [bookmark] = json.loads(out)["bookmarks"]
    assert (bookmark["article_id"], bookmark["title"], bookmark["note"]) == (
        new_id,
        "Brenner sworn in",
        "follow up",
    )
    assert bookmark["moved_from"] == [old_id]
    code, out, _ = run(capsys, "bookmarks")
    assert out.startswith(new_id)
    assert listed(capsys)[new_id] is True
    found = find_article(old_id)  # what `show OLD_ID` and `export OLD_ID` open
    assert found is not None and found.id == new_id
    if keyed_by == "link":
        code, out, _ = run(capsys, "bookmarks", "--markdown")
        assert "<http://127.0.0.1/news/brenner-1.html>" in out
    assert run(capsys, "bookmark", "remove", old_id)[0] == 0
    assert not any(listed(capsys).values())


def test_a_bookmarks_file_broken_by_an_earlier_update_is_healed_by_link(
    capsys: pytest.CaptureFixture[str], isolated_dirs: dict[str, Path]
) -> None:
    """Bookmarks an earlier build left pointing at an id the library no longer has: the one feed
    article with the same link is the updated copy; another article with a shared source is not."""
    with serve() as server:
        items = [
            item("Brenner sworn in", "oath taken", link="http://127.0.0.1/news/brenner.html"),
            item("Ports", "ports", link="http://127.0.0.1/news/ports.html"),
        ]
        server.routes["/f.xml"] = Route(body=rss("Capital Wire", items))
        assert run(capsys, "feeds", "add", server.url("/f.xml"), "--full-text", "never")[0] == 0
        assert run(capsys, "refresh")[0] == 0
    new_id = feed_ids()["Brenner sworn in"]
    old = {
        "article_id": "0123456789ab",
        "title": "Brenner to be sworn in",
        "source": "http://127.0.0.1/news/brenner.html",
        "added": "2026-03-01T09:00:00+00:00",
        "note": "",
    }
    gone = {**old, "article_id": "ba9876543210", "source": "Capital Wire", "title": "Gone"}
    path = isolated_dirs["config"] / "bookmarks.json"
    path.write_text(json.dumps({"version": 1, "bookmarks": [old, gone]}), encoding="utf-8")
    assert listed(capsys)[new_id] is True
    saved = json.loads(path.read_text(encoding="utf-8"))["bookmarks"]
    assert [(b["article_id"], b.get("moved_from")) for b in saved] == [
        (new_id, ["0123456789ab"]),
        ("ba9876543210", None),
    ]
