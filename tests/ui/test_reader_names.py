"""The names in the reader (issue 12) through Pilot on the bundled samples: w follows a fact and the
list and text mark it, W -> timeline -> the article at the mention, c corrects a label everywhere,
g groups the list by story and back, I at 80x24 in NO_COLOR, and the after-refresh announcement."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from rich.style import Style
from textual.widgets import OptionList, Static

from tests.ui.test_app import SEED_TITLE, make_app, open_title, settle
from tui.names.follows import Follows
from tui.output.render import FOLLOW_STYLE
from tui.ui.screens.main import MainScreen
from tui.ui.screens.names import FollowingScreen, NewsScreen, TimelineScreen
from tui.ui.widgets.article_list import ArticleList
from tui.ui.widgets.facts_sidebar import FactsSidebar
from tui.ui.widgets.reader import ArticleView


def sidebar_lines(app: Any) -> list[str]:
    sidebar = app.query_one(FactsSidebar)
    return [str(sidebar.get_option_at_index(i).prompt) for i in range(sidebar.option_count)]


async def choose_fact(pilot: Any, name: str) -> None:
    """Focus the facts sidebar on the fact called `name`."""
    sidebar = pilot.app.query_one(FactsSidebar)
    sidebar.focus()
    await pilot.pause()
    sidebar.highlighted = next(i for i, line in enumerate(sidebar_lines(pilot.app)) if line.startswith(name))
    await pilot.pause()


def followed_spans(app: Any) -> set[str]:
    """Mentions drawn bold and underlined (the focused mention is too, but reversed as well)."""
    rendered = app.query_one(ArticleView).rendered
    return {
        rendered.plain[s.start : s.end]
        for s in rendered.spans
        if isinstance(s.style, Style) and s.style + FOLLOW_STYLE == s.style and not s.style.reverse
    }


def seed_row(app: Any) -> str:
    articles = app.query_one(ArticleList)
    index = next(i for i, s in enumerate(articles.summaries) if s.title == SEED_TITLE)
    return str(articles.row_prompt(index))


async def test_w_follows_a_fact_marks_text_and_list_and_w_again_unfollows(
    shared_analyzer: Any, isolated_dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    ui_thread = threading.get_ident()
    writers: list[bool] = []  # whether each follows.json write ran off the UI thread (issue 20)
    for method in ("add", "remove"):
        real = getattr(Follows, method)

        def recorded(self: Follows, *args: Any, real: Any = real, **kwargs: Any) -> Any:
            writers.append(threading.get_ident() != ui_thread)
            return real(self, *args, **kwargs)

        monkeypatch.setattr(Follows, method, recorded)
    app = make_app(shared_analyzer)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_title(pilot, SEED_TITLE)
        assert followed_spans(app) == set()
        assert not seed_row(app).split("\n")[-1].startswith("◆")
        await choose_fact(pilot, "John Kerry")
        await pilot.press("w")
        await settle(pilot)
        data = json.loads((isolated_dirs["config"] / "follows.json").read_text())
        assert [f["name"] for f in data["follows"]] == ["John Kerry"]
        # Every mention but the focused one (the cursor is on his fact), in either spelling.
        spans = followed_spans(app)
        assert "Kerry" in spans and spans <= {"John Kerry", "Kerry"}
        assert seed_row(app).split("\n")[-1].startswith("◆ ")
        articles = app.query_one(ArticleList)
        unmarked = [s for i, s in enumerate(articles.summaries) if "◆" not in str(articles.row_prompt(i))]
        assert unmarked  # only the articles naming him are marked
        assert any("Following John Kerry" in n.message for n in app._notifications)
        await choose_fact(pilot, "John Kerry")
        await pilot.press("w")
        await settle(pilot)
        assert json.loads((isolated_dirs["config"] / "follows.json").read_text())["follows"] == []
        assert followed_spans(app) == set()
        assert "◆" not in seed_row(app)
    assert writers == [True, True]


async def test_followed_name_is_marked_without_colour(
    shared_analyzer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    Follows().add("Chuck Hagel")
    app = make_app(shared_analyzer)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_title(pilot, SEED_TITLE)
        await settle(pilot)
        plain = app.query_one(ArticleView).rendered.plain
        assert "Chuck Hagel[PERSON followed]" in plain
        assert "John Kerry[PERSON]" in plain


async def test_following_timeline_opens_the_article_at_the_mention(shared_analyzer: Any) -> None:
    Follows().add("John Kerry")
    app = make_app(shared_analyzer)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        first = app.query_one(ArticleList).summaries[0]
        if first.title == SEED_TITLE:  # start elsewhere, so that the timeline has to open it
            await open_title(pilot, app.query_one(ArticleList).summaries[1].title)
        await pilot.press("W")
        await settle(pilot)
        assert isinstance(app.screen, FollowingScreen)
        status = str(app.screen.query_one("#names-status", Static).visual)
        assert "1 name followed" in status
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)
        entries = app.screen.entries
        seed = next(e for e in entries if e.title == SEED_TITLE)
        assert seed.first is not None
        app.screen.query_one("#names-list").highlighted = entries.index(seed)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        reader = app.query_one(ArticleView)
        assert reader.article is not None and reader.article.title == SEED_TITLE
        assert reader.focus_span is not None and reader.focus_span[0] == seed.first
        start, end = reader.focus_span
        assert reader.article.body[start:end] == "John Kerry"


async def test_c_relabels_a_name_and_the_sidebar_shows_the_fix(
    shared_analyzer: Any, isolated_dirs: dict[str, Path]
) -> None:
    app = make_app(shared_analyzer)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_title(pilot, SEED_TITLE)
        lines = sidebar_lines(app)
        places = lines.index("PLACES")
        assert any(line.startswith("Tokyo") for line in lines[places:])
        await choose_fact(pilot, "Tokyo")
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        saved = json.loads((isolated_dirs["config"] / "names.json").read_text())
        assert saved["labels"] == {"tokyo": "ORG"}
        lines = sidebar_lines(app)
        organisations = lines.index("ORGANISATIONS")
        tokyo = next(i for i, line in enumerate(lines) if line.startswith("Tokyo"))
        assert organisations < tokyo
        assert "PLACES" not in lines[organisations:tokyo]
        reader = app.query_one(ArticleView)
        assert {e.label for e in reader.entities if e.text == "Tokyo"} == {"ORG"}
        assert any("Tokyo is now shown as ORG" in n.message for n in app._notifications)


async def test_g_groups_the_list_by_story_and_back(shared_analyzer: Any) -> None:
    app = make_app(shared_analyzer)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        flat = [s.id for s in articles.summaries]
        articles.focus()
        await pilot.press("g")
        await settle(pilot)
        rows = [str(articles.row_prompt(i)) for i in range(len(articles.summaries))]
        assert sorted(s.id for s in articles.summaries) == sorted(flat)
        grouped = [row for row in rows if "story 1 · " in row]
        assert grouped and all("source" in row for row in grouped)
        assert "stories" in str(app.query_one("#list-status", Static).visual) or "story" in str(
            app.query_one("#list-status", Static).visual
        )
        # Rows of one story sit together.
        numbers = [row.split("story ")[1].split(" ")[0] for row in rows if "story " in row]
        assert numbers == sorted(numbers, key=int)
        await pilot.press("g")
        await settle(pilot)
        assert [s.id for s in articles.summaries] == flat
        assert not any("story " in str(articles.row_prompt(i)) for i in range(len(flat)))


async def test_i_opens_who_is_in_the_news_at_80x24_no_color(
    shared_analyzer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(shared_analyzer)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("I")
        await settle(pilot)
        assert isinstance(app.screen, NewsScreen)
        listing = app.screen.query_one(OptionList)
        rows = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert rows[0] == "People" and "Organisations" in rows
        assert "Last 7 days" in str(app.screen.query_one("#names-status", Static).visual)
        box = app.screen.query_one("#names-box")
        assert box.region.right <= 80 and box.region.bottom <= 24
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_announce_new_articles_names_the_followed(shared_analyzer: Any) -> None:
    Follows().add("John Kerry")
    app = make_app(shared_analyzer)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        seed = next(s.id for s in articles.summaries if s.title == SEED_TITLE)
        others = [s.id for s in articles.summaries if s.title != SEED_TITLE]
        assert isinstance(app.screen, MainScreen)
        app.screen.names_part.announce_new_articles([seed, *others])
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert "1 new article names John Kerry" in messages


async def run_command(pilot: Any, title: str) -> None:
    """Ctrl+P, type the command's title, Enter: as a user runs a palette command."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*title)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await settle(pilot)
    pilot.app.writer.drain()
    await settle(pilot)


async def test_the_palette_follows_unfollows_and_corrects_names(
    shared_analyzer: Any, isolated_dirs: dict[str, Path]
) -> None:
    """Issue 21, item 7: the command palette has Follow, Unfollow and Correct name."""
    from tui.ui.screens.names import CorrectNameScreen

    follows = isolated_dirs["config"] / "follows.json"
    app = make_app(shared_analyzer)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_title(pilot, SEED_TITLE)
        await choose_fact(pilot, "John Kerry")
        await run_command(pilot, "Follow")
        assert [f["name"] for f in json.loads(follows.read_text())["follows"]] == ["John Kerry"]
        await choose_fact(pilot, "John Kerry")
        await run_command(pilot, "Follow")  # never the other way round
        assert [f["name"] for f in json.loads(follows.read_text())["follows"]] == ["John Kerry"]
        assert any("Already following John Kerry" in n.message for n in app._notifications)
        await choose_fact(pilot, "John Kerry")
        await run_command(pilot, "Unfollow")
        assert json.loads(follows.read_text())["follows"] == []
        await choose_fact(pilot, "John Kerry")
        await run_command(pilot, "Correct name")
        assert isinstance(app.screen, CorrectNameScreen)
        await pilot.press("escape")
        await pilot.pause()
        app.query_one(ArticleList).focus()
        await run_command(pilot, "Unfollow")  # no name in the facts: the names you follow, to pick one
        assert isinstance(app.screen, FollowingScreen)
