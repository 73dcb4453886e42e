"""`dateline refresh` said "Sport Today: 2 new" when a mute rule hid one of the two at once (issue 21,
an evening as a newsboat user): the line says how many of the new ones are muted. Served on
127.0.0.1."""

from __future__ import annotations

import pytest

from tests.unit.feeds.feedserver import Route, long_text, rss, serve
from tui.cli import main
from tui.store.rules import MuteRules


def entry(title: str) -> dict[str, str]:
    slug = title.lower().replace(" ", "-")
    return {"title": title, "link": f"http://127.0.0.1/sport/{slug}", "content": long_text(slug)}


def test_refresh_says_how_many_of_the_new_articles_are_muted(capsys: pytest.CaptureFixture[str]) -> None:
    MuteRules().add("title:sponsored")
    with serve() as server:
        server.routes["/s.xml"] = Route(
            body=rss("Sport Today", [entry("Marathon record"), entry("Sponsored shoes")])
        )
        server.routes["/w.xml"] = Route(body=rss("World Desk", [entry("Coalition talks")]))
        for path in ("/s.xml", "/w.xml"):
            assert main(["feeds", "add", server.url(path), "--full-text", "never"]) == 0
        capsys.readouterr()
        assert main(["refresh"]) == 0
    lines = sorted(capsys.readouterr().out.splitlines())
    assert lines == ["Sport Today: 2 new (1 muted)", "World Desk: 1 new"], lines
    assert main(["list", "--muted"]) == 0
    assert "Sponsored shoes" in capsys.readouterr().out
