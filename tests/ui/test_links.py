"""Issue 21, links: `L` lists the open article's links, numbered (its own page first); `Enter` or the
number opens one, `Esc` closes; `o` and the links open with config.toml's `browser` when it is set
(here a fake browser: a script writing its argv to a file), and a browser that fails says why."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from tui.store.config import Config
from tui.store.library import Library
from tui.ui.app import DatelineApp
from tui.ui.main.article_actions import browser_command
from tui.ui.screens.links import LinksScreen
from tui.ui.widgets.article_list import ArticleList

BODY = "Angela Merkel visited Paris on Monday.\n\nShe met officials."
URL = "https://news.test/story?id=1&x=2"


def write_article(
    folder: Path, title: str, links: list[dict[str, str]] | None, url: str | None = URL
) -> Path:
    record: dict[str, Any] = {"title": title, "url": url, "body": f"{title}. {BODY}"}
    if links is not None:
        record["links"] = links
    path = folder / f"{title.replace(' ', '-')}.json"
    path.write_text(json.dumps(record))
    return path


def fake_browser(tmp_path: Path, *, status: int = 0, says: str = "") -> tuple[Path, Path]:
    """A browser that writes each argument on a line of `out` (and fails when told to)."""
    out = tmp_path / "argv.txt"
    script = tmp_path / "fake-browser"
    script.write_text(f"#!/bin/sh\nprintf '%s\\n' \"$@\" >> '{out}'\nprintf '{says}' >&2\nexit {status}\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script, out


def make_app(analyzer: Any, paths: list[Path], browser: str | None) -> DatelineApp:
    return DatelineApp(Library.for_paths(paths), analyzer=analyzer, config=Config(browser=browser))


async def settle(pilot: Pilot[Any]) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def open_title(pilot: Pilot[Any], title: str) -> None:
    articles = pilot.app.query_one(ArticleList)
    articles.focus()
    articles.highlighted = next(i for i, s in enumerate(articles.summaries) if s.title == title)
    await pilot.press("enter")
    await settle(pilot)


def shown_links(app: DatelineApp) -> list[str]:
    options = app.screen.query_one("#links-list", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def messages(app: DatelineApp) -> list[str]:
    return [n.message for n in app._notifications]


LINKS = [
    {"url": "https://other.test/a", "text": "the other story"},
    {"url": URL, "text": "the same page again"},
    {"url": "https://cdn.test/ep.mp3", "text": ""},
]


async def test_l_lists_the_links_and_a_number_or_enter_opens_one_in_the_browser(
    shared_analyzer: Any, tmp_path: Path
) -> None:
    script, out = fake_browser(tmp_path)
    page = write_article(tmp_path, "Linked Story", LINKS)
    app = make_app(shared_analyzer, [page], f"{script} --new-tab %u")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_title(pilot, "Linked Story")
        await pilot.press("L")
        await pilot.pause()
        assert isinstance(app.screen, LinksScreen)
        assert shown_links(app) == [
            f"1. the article's page\n   {URL}",
            "2. the other story\n   https://other.test/a",
            "3. cdn.test/ep.mp3\n   https://cdn.test/ep.mp3",
        ]
        await pilot.press("2")  # 3 links: no longer number can follow, it opens at once
        await pilot.pause()
        assert out.read_text().splitlines() == ["--new-tab", "https://other.test/a"]
        assert isinstance(app.screen, LinksScreen)  # stays: another link can be opened
        await pilot.press("j", "enter")
        await pilot.pause()
        assert out.read_text().splitlines()[2:] == ["--new-tab", "https://cdn.test/ep.mp3"]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, LinksScreen)
        await pilot.press("o")  # the article's own link, through the same browser, the URL one word
        await pilot.pause()
        assert out.read_text().splitlines()[4:] == ["--new-tab", URL]
        links = next(c for c in app.get_system_commands(app.screen) if c.title == "Links")
        links.callback()  # the command palette's "Links"
        await pilot.pause()
        assert isinstance(app.screen, LinksScreen)


async def test_a_number_of_two_digits_typed_quickly_and_one_digit_after_a_pause(
    shared_analyzer: Any, tmp_path: Path
) -> None:
    script, out = fake_browser(tmp_path)
    many = [{"url": f"https://many.test/{n}", "text": f"link {n}"} for n in range(2, 14)]
    page = write_article(tmp_path, "Many Links", many)
    app = make_app(shared_analyzer, [page], str(script))  # no %u: the URL is appended
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await open_title(pilot, "Many Links")
        await pilot.press("L")
        await pilot.pause()
        assert len(shown_links(app)) == 13
        await pilot.press("1", "2")
        await pilot.pause()
        assert out.read_text().splitlines() == ["https://many.test/12"]
        await pilot.press("1")  # 1 of 13 could become 10-13: opens when typing pauses
        await pilot.pause()
        assert out.read_text().splitlines() == ["https://many.test/12"]
        await pilot.pause(1.0)
        assert out.read_text().splitlines() == ["https://many.test/12", URL]
        await pilot.press("1", "9")  # no link 19: the 9 is a number of its own, and there is none
        await pilot.pause()
        assert out.read_text().splitlines()[2:] == ["https://many.test/9"]
        await pilot.press("0")
        await pilot.pause()
        assert "No link 0" in str(app.screen.query_one("#links-hint").render())
        assert len(out.read_text().splitlines()) == 3


async def test_an_article_stored_before_links_lists_its_own_page_and_none_says_so(
    shared_analyzer: Any, tmp_path: Path
) -> None:
    old = write_article(tmp_path, "Old Story", None)
    bare = write_article(tmp_path, "Bare Story", None, url=None)
    app = make_app(shared_analyzer, [old, bare], None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_title(pilot, "Old Story")
        await pilot.press("L")
        await pilot.pause()
        assert shown_links(app) == [f"1. the article's page\n   {URL}"]
        await pilot.press("L")  # L again closes, as Esc
        await pilot.pause()
        assert not isinstance(app.screen, LinksScreen)
        await open_title(pilot, "Bare Story")
        await pilot.press("L")
        await pilot.pause()
        assert not isinstance(app.screen, LinksScreen)
        assert "This article has no links." in messages(app)


async def test_with_a_browser_set_o_runs_it_even_over_ssh(
    shared_analyzer: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A terminal browser is what a reader over SSH wants: run there, not copied with OSC 52."""
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 5000 10.0.0.2 22")
    script, out = fake_browser(tmp_path)
    page = write_article(tmp_path, "Linked Story", LINKS)
    app = make_app(shared_analyzer, [page], f"{script} %u")
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_title(pilot, "Linked Story")
        await pilot.press("o")
        await pilot.pause()
    assert out.read_text().splitlines() == [URL] and copied == []


async def test_a_browser_that_fails_or_is_missing_says_why(shared_analyzer: Any, tmp_path: Path) -> None:
    script, out = fake_browser(tmp_path, status=3, says="w3m: cannot load the page")
    page = write_article(tmp_path, "Linked Story", LINKS)
    app = make_app(shared_analyzer, [page], f"{script} %u")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_title(pilot, "Linked Story")
        await pilot.press("o")
        await pilot.pause()
        assert f"{script.name} exited with status 3: w3m: cannot load the page" in "\n".join(messages(app))
        app.config.browser = "no-such-browser-q21 %u"
        await pilot.press("o")
        await pilot.pause()
        assert "The browser 'no-such-browser-q21' was not found" in "\n".join(messages(app))


def test_the_url_is_one_shell_word_wherever_percent_u_is() -> None:
    url = "https://x.test/a?b=1&c='d';rm -rf"
    assert browser_command("w3m %u", url) == "w3m 'https://x.test/a?b=1&c='\"'\"'d'\"'\"';rm -rf'"
    assert browser_command("lynx", "https://x.test/") == "lynx https://x.test/"
