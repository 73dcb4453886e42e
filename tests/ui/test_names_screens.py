"""Following (W), a name's timeline and who is in the news (I), pushed on a minimal App under
Pilot, at 80x24 and in NO_COLOR, with a names index filled from hand-made facts (no spaCy)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import OptionList, Sparkline, Static

from tests.unit.names.helpers import article
from tui.analysis.model import Analyzer
from tui.names.follows import Follows
from tui.names.identity import CorrectionsFile
from tui.names.index import NameIndex
from tui.names.service import Names
from tui.store.library import Library
from tui.store.paths import styles_dir
from tui.ui.screens.names import FollowingScreen, NewsScreen, TimelineScreen, bar_chart, weekly_counts

# Each article's text names only its own names (every spelling the library knows counts).
KERRY_BODY = "John Kerry spoke in Tokyo. Kerry met officials of Atlas Mining. The Pentagon said nothing."
MENDES_BODY = "Ana Mendes spoke in Tokyo. She met officials of Atlas Mining. The Pentagon said nothing."


class NamesApp(App[None]):
    CSS_PATH = [str(styles_dir() / "names.tcss")]

    def __init__(self, screen: Any) -> None:
        super().__init__()
        self.start = screen
        self.result: object = "unset"

    def on_mount(self) -> None:
        def keep(result: object) -> None:
            self.result = result

        self.push_screen(self.start, keep)


@pytest.fixture
def names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Names:
    monkeypatch.setenv("DATELINE_MODEL", "none")  # the update worker finds no model: index as is
    index = NameIndex(tmp_path / "cache")
    items = []
    for day in range(1, 29):
        people = (
            [("John Kerry", "PERSON", ["John Kerry", "Kerry"])] if day % 2 else [("Ana Mendes", "PERSON")]
        )
        items.append(
            article(
                f"a{day:02d}",
                KERRY_BODY if day % 2 else MENDES_BODY,
                [*people, ("Tokyo", "GPE"), ("Atlas Mining", "ORG")],
                published=f"2026-03-{day:02d}",
                source=f"Wire {day % 3}",
                title=f"Day {day}",
            )
        )
    index.add_articles(items)
    folder = tmp_path / "empty"
    folder.mkdir()
    follows = Follows()
    follows.add("John Kerry")
    follows.add("Tokyo", "place")
    return Names(
        Library([folder], cache_dir=tmp_path / "cache"),
        Analyzer(tmp_path / "cache"),
        index,
        CorrectionsFile(),
        follows,
    )


async def settle(pilot: Pilot[Any]) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def screen_text(app: App[Any]) -> str:
    return "\n".join(str(static.render()) for static in app.screen.query(Static))


async def test_following_lists_counts_and_opens_a_timeline(names: Names) -> None:
    app = NamesApp(FollowingScreen(names))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        listing = app.screen.query_one(OptionList)
        rows = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert rows == ["John Kerry  PERSON  14 articles", "Tokyo  GPE  28 articles"]
        assert "No spaCy English model" in screen_text(app)  # the update could not analyse: it says why
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)
        timeline = app.screen.query_one(OptionList)
        assert timeline.option_count == 14
        assert str(timeline.get_option_at_index(0).prompt).startswith("1 Mar 2026  Day 1")
        assert "John Kerry spoke in Tokyo." in str(timeline.get_option_at_index(0).prompt)
        assert app.screen.query_one(Sparkline).display
        await pilot.press("j", "enter")
        await settle(pilot)
        assert app.result == ("a03", 0)


async def test_timeline_escape_goes_back(names: Names) -> None:
    app = NamesApp(TimelineScreen(names, "Nobody"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "No article names it yet." in screen_text(app)
        assert not app.screen.query_one(Sparkline).display
        await pilot.press("escape")
        await settle(pilot)
        assert app.result is None


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_news_screen_bars_read_without_colour(
    names: Names, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = NamesApp(NewsScreen(names))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        listing = app.screen.query_one(OptionList)
        rows = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        text = screen_text(app) + "\n".join(rows)
        assert "Last 7 days, 22 Mar 2026 to 28 Mar 2026: 7 articles" in text
        assert "Tokyo" in text and "Atlas Mining" in text and "█" in text
        people = rows[rows.index("People") + 1]
        assert people.split()[-1] == "4"  # Ana Mendes: the four even days of the week
        await pilot.press("t")
        await pilot.pause()
        assert "Last 30 days" in screen_text(app)


def test_bar_chart_and_weeks() -> None:
    from tui.names.index import NameCount

    chart = bar_chart(
        "People",
        [NameCount("a", "Ana", "PERSON", 4), NameCount("b", "Bo", "PERSON", 2, previous=1)],
        40,
        rising=True,
    )
    lines = chart.plain.splitlines()
    assert lines[0] == "People"
    assert abs(lines[1].count("█") - 2 * lines[2].count("█")) <= 1 and lines[2].endswith("2 (was 1)")
    assert bar_chart("Places", [], 40).plain == "Places\n  none in this period"
    assert weekly_counts([]) == (None, [])


def test_followed_names_in_articles_and_after_a_refresh(names: Names) -> None:
    marks = names.followed_in(["a01", "a02", "zzz"])
    assert marks == {"a01": ["John Kerry", "Tokyo"], "a02": ["Tokyo"]}
    assert names.new_article_lines(["a01", "a02", "a03"]) == [
        "3 new articles name Tokyo",
        "2 new articles name John Kerry",
    ]
    assert names.new_article_lines(["a02"]) == ["1 new article names Tokyo"]
    assert names.new_article_lines([]) == []


async def test_correcting_a_name_applies_everywhere(names: Names) -> None:
    from textual.widgets import Input

    from tui.ui.screens.names import CorrectNameScreen

    app = NamesApp(CorrectNameScreen(names, "Tokyo", "GPE"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert app.result == "Tokyo is now shown as ORG in every article"
    assert names.index.identity("Tokyo").label == "ORG"  # type: ignore[union-attr]
    assert [n.name for n in names.index.in_the_news(30, date(2026, 3, 28)).organizations][:2] == [
        "Atlas Mining",
        "Tokyo",
    ]

    async def answer(key: str, name: str, other: str) -> object:
        app = NamesApp(CorrectNameScreen(names, name, "PERSON"))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(key)
            await pilot.pause()
            app.screen.query_one(Input).value = other
            await pilot.press("enter")
            await pilot.pause()
        return app.result

    assert (
        await answer("m", "Ana Mendes", "John Kerry")
        == "Ana Mendes now counts as John Kerry in every article"
    )
    kerry = names.index.identity("John Kerry")
    assert kerry is not None and len(names.index.article_ids(kerry)) == 28
    assert await answer("s", "Ana Mendes", "John Kerry") == "Ana Mendes no longer counts as John Kerry"
    assert len(names.index.article_ids(names.index.identity("John Kerry"))) == 14  # type: ignore[arg-type]


# ----- user data outlives the cache (issue 18, item 5) ---------------------------------------------------
async def test_following_lists_followed_names_at_once_while_the_index_rebuilds(
    names: Names, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "one.json").write_text('{"title": "One", "body": "John Kerry in Tokyo.", "source": "Wire"}')
    full = names.index
    names.library = Library([folder], cache_dir=tmp_path / "cache2")
    names.library.refresh()
    names.index = NameIndex(tmp_path / "deleted-cache")  # the cache dir was deleted: empty
    release = threading.Event()

    def rebuild(**_: Any) -> int:  # stands for analysing the library again
        release.wait(10)
        names.index = full
        return 0

    monkeypatch.setattr(names, "prepare", rebuild)
    app = NamesApp(FollowingScreen(names))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        listing = app.screen.query_one(OptionList)
        rows = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert rows == ["John Kerry  …  … articles", "Tokyo  GPE  … articles"]
        assert "Rebuilding the names index…" in screen_text(app)
        release.set()
        await settle(pilot)
        rows = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert rows == ["John Kerry  PERSON  14 articles", "Tokyo  GPE  28 articles"]
        assert "Rebuilding" not in screen_text(app)


async def test_with_the_cache_deleted_followed_names_are_marked_and_the_status_says_rebuilding(
    shared_analyzer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rich.style import Style

    from tests.ui.test_app import SEED_TITLE, make_app, open_title
    from tui.output.render import FOLLOW_STYLE
    from tui.ui.main.list_pane import ListPane
    from tui.ui.widgets.article_list import ArticleList
    from tui.ui.widgets.reader import ArticleView

    Follows().add("John Kerry")  # in the config dir; the names index (cache dir) does not exist
    statuses: list[str] = []
    shown = ListPane.show_status

    def record(pane: ListPane, count: int) -> None:
        shown(pane, count)
        statuses.append(str(pane.query_one("#list-status", Static).render()))

    monkeypatch.setattr(ListPane, "show_status", record)
    app = make_app(shared_analyzer)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_title(pilot, SEED_TITLE)
        await settle(pilot)
        assert any(status.startswith("Rebuilding the names index…") for status in statuses)
        assert "Rebuilding" not in statuses[-1]
        rendered = app.query_one(ArticleView).rendered
        marked = {
            rendered.plain[s.start : s.end]
            for s in rendered.spans
            if isinstance(s.style, Style) and s.style + FOLLOW_STYLE == s.style
        }
        assert "John Kerry" in marked
        articles = app.query_one(ArticleList)
        seed = next(i for i, s in enumerate(articles.summaries) if s.title == SEED_TITLE)
        assert str(articles.row_prompt(seed)).split("\n")[-1].startswith("◆")


async def test_a_failed_update_is_logged_and_said_in_one_line(
    names: Names, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Issue 19, item 12: the names screens' worker failing goes through the one handler."""
    import contextlib

    from textual.worker import WorkerFailed

    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise KeyError("index bug")

    monkeypatch.setattr(names, "prepare", broken)
    app = NamesApp(FollowingScreen(names))
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(3):
            with contextlib.suppress(WorkerFailed):
                await app.workers.wait_for_complete()
            await pilot.pause()
        said = [n.message for n in app._notifications if "KeyError" in n.message]
        assert len(said) == 1 and "dateline.log" in said[0]
    assert "index bug" in caplog.text


# ----- who is in the news (I), the followed names (W), a timeline's range --------------------------


def option_texts(app: App[Any]) -> list[str]:
    listing = app.screen.query_one(OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


def highlighted(app: App[Any]) -> str:
    listing = app.screen.query_one(OptionList)
    assert listing.highlighted is not None
    return str(listing.get_option_at_index(listing.highlighted).prompt)


def followed(names: Names) -> list[str]:
    return [f.name for f in names.follows.load()]


async def test_in_the_news_enter_opens_a_timeline_and_w_follows(names: Names) -> None:
    """Issue 21, item 7: in `I`, Enter opens a name's timeline and w follows it."""
    app = NamesApp(NewsScreen(names))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert highlighted(app).split()[0] == "Ana"  # the first name, not the "People" title
        await pilot.press("w")
        await settle(pilot)
        app.writer.drain()
        await settle(pilot)
        assert followed(names) == ["John Kerry", "Tokyo", "Ana Mendes"]
        assert "followed" in highlighted(app)
        assert any(m.startswith("Following Ana Mendes") for m in messages(app))
        await pilot.press("w")  # again: stop following
        await settle(pilot)
        app.writer.drain()
        await settle(pilot)
        assert followed(names) == ["John Kerry", "Tokyo"] and "followed" not in highlighted(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)
        assert option_texts(app)[0].startswith("2 Mar 2026  Day 2")
        await pilot.press("enter")  # the article at the mention: the news screen's result
        await settle(pilot)
        assert app.result == ("a02", 0)


async def test_following_w_unfollows_and_u_follows_again(names: Names) -> None:
    """Issue 21, item 7: in `W`, a key unfollows (and u undoes it)."""
    app = NamesApp(FollowingScreen(names))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("j", "w")
        await settle(pilot)
        app.writer.drain()
        await settle(pilot)
        assert followed(names) == ["John Kerry"]
        assert [row.split("  ")[0] for row in option_texts(app)] == ["John Kerry"]
        assert "No longer following Tokyo." in messages(app)
        await pilot.press("u")
        await settle(pilot)
        app.writer.drain()
        await settle(pilot)
        assert followed(names) == ["John Kerry", "Tokyo"]
        assert [f.label for f in names.follows.load()] == [None, "GPE"]  # its label came back too


async def test_the_timeline_range_ends_at_the_newest_article(names: Names) -> None:
    """Issue 21, item 8: the chart's range ended at the Monday of the newest article's week."""
    app = NamesApp(TimelineScreen(names, "John Kerry"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        axis = str(app.screen.query_one("#timeline-axis", Static).render())
    # Kerry is named on the odd days, 1 to 27 March; 23 March was the Monday of the last week.
    assert "1 Mar 2026 to 27 Mar 2026" in axis, axis


def messages(app: App[Any]) -> list[str]:
    return [n.message for n in app._notifications]
