"""Enter on a fact lists every library article that mentions it (MentionsScreen), through Pilot."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, ProgressBar, Static

from tui.analysis.entity_index import ArticleMention
from tui.ingest.pipeline import load_file
from tui.store.library import ArticleSummary, Library
from tui.ui.app import DatelineApp
from tui.ui.screens.mentions import MentionsScreen, fact_names, mention_row
from tui.ui.widgets.facts_sidebar import FactsSidebar

OTHER_ARTICLE = """Kerry Meets Students in Boston

Former Secretary of State John Kerry spoke to students at a Boston school on Tuesday.

John Kerry said the climate talks would resume in the spring, and the students asked him about Japan.
"""
UNRELATED_ARTICLE = """Harbour Market Opens Early

The harbour market in Bergen opened two hours early on Saturday for the summer season.
"""


async def settle(pilot: Pilot[Any]) -> None:
    """Let workers finish and their messages land."""
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def library_folder(tmp_path: Path, seed_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(seed_path, folder / seed_path.name)
    (folder / "kerry-boston.txt").write_text(OTHER_ARTICLE, encoding="utf-8")
    (folder / "bergen-market.txt").write_text(UNRELATED_ARTICLE, encoding="utf-8")
    return folder


async def open_seed_and_choose_kerry(pilot: Pilot[Any], seed_id: str) -> FactsSidebar:
    app = pilot.app
    assert isinstance(app, DatelineApp)
    await settle(pilot)
    app.main_screen.open_article(seed_id)
    await settle(pilot)
    assert app.main_screen.article is not None and app.main_screen.article.id == seed_id
    sidebar = app.query_one(FactsSidebar)
    for _ in range(4):  # Tab from the list, over the article, to the facts
        if sidebar.has_focus:
            break
        await pilot.press("tab")
    assert sidebar.has_focus
    index = next(
        i
        for i in range(sidebar.option_count)
        if str(sidebar.get_option_at_index(i).prompt).startswith("John Kerry")
    )
    sidebar.highlighted = index
    await pilot.pause()
    return sidebar


async def test_enter_on_a_fact_lists_articles_and_opens_one(
    shared_analyzer: Any, seed_path: Path, tmp_path: Path
) -> None:
    folder = library_folder(tmp_path, seed_path)
    seed_id = load_file(seed_path)[0].id
    other_id = load_file(folder / "kerry-boston.txt")[0].id
    app = DatelineApp(Library.for_paths([folder]), analyzer=shared_analyzer)
    async with app.run_test(size=(130, 40)) as pilot:
        await open_seed_and_choose_kerry(pilot, seed_id)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MentionsScreen)
        screen = app.screen
        await settle(pilot)  # the never-analysed articles are analysed by the screen's worker
        ids = [summary.id for summary, _ in screen.rows]
        assert ids[0] == seed_id and other_id in ids and len(ids) == 2
        assert screen.unanalyzed == 0
        assert dict((s.id, m.mentions) for s, m in screen.rows)[seed_id] == 4
        status = str(screen.query_one("#mentions-status", Static).visual)
        assert "2 articles" in status
        listing = screen.query_one(OptionList)
        assert listing.option_count == 2 and listing.has_focus
        await pilot.press("j")  # the other article
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, MentionsScreen)
        assert app.main_screen.article is not None and app.main_screen.article.id == other_id
        # everything is analysed now: the index answers at once, and Esc closes
        await open_seed_and_choose_kerry(pilot, seed_id)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MentionsScreen) and len(app.screen.rows) == 2
        await pilot.press("enter")  # the seed, first by mentions
        await settle(pilot)
        assert app.main_screen.article is not None and app.main_screen.article.id == seed_id
        await open_seed_and_choose_kerry(pilot, seed_id)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, MentionsScreen)


async def test_esc_stops_a_running_analysis_then_closes(
    shared_analyzer: Any, seed_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = library_folder(tmp_path, seed_path)
    for n in range(5):
        (folder / f"filler-{n}.txt").write_text(f"Filler Story {n}\n\nAda Lovelace wrote note {n}.\n")
    seed_id = load_file(seed_path)[0].id
    started = threading.Event()

    def endless_analysis(articles: Any, *, progress: Any = None, cancelled: Any = None, **_: Any) -> Any:
        """Analyses nothing until cancelled, as a huge library would."""
        started.set()
        progress(0, len(articles))
        while not cancelled():
            time.sleep(0.01)
        yield from ()

    app = DatelineApp(Library.for_paths([folder]), analyzer=shared_analyzer)
    async with app.run_test(size=(130, 40)) as pilot:
        await open_seed_and_choose_kerry(pilot, seed_id)
        monkeypatch.setattr(shared_analyzer, "analyze_many", endless_analysis)
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, MentionsScreen)
        for _ in range(200):
            if screen.analyzing and started.is_set():
                break
            await pilot.pause(0.02)
        assert screen.analyzing and screen.query_one(ProgressBar).display
        assert "analysing" in str(screen.query_one("#mentions-status", Static).visual).lower()
        assert seed_id in [s.id for s, _ in screen.rows]  # what the index knew at once
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen  # first Esc stops the analysis and keeps the list
        assert not screen.query_one(ProgressBar).display
        await settle(pilot)
        assert "stopped with" in str(screen.query_one("#mentions-status", Static).visual)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, MentionsScreen)


async def test_statements_are_not_looked_up(shared_analyzer: Any, seed_path: Path, tmp_path: Path) -> None:
    folder = library_folder(tmp_path, seed_path)
    app = DatelineApp(Library.for_paths([folder]), analyzer=shared_analyzer)
    async with app.run_test(size=(130, 40)) as pilot:
        await settle(pilot)
        statement = {"subject": "Kerry", "verb": "said"}
        app.main_screen.post_message(FactsSidebar.FactChosen("statements", statement))
        await pilot.pause()
        assert not isinstance(app.screen, MentionsScreen)


def test_fact_names_leave_out_lone_surnames() -> None:
    fact = {"name": "John Kerry", "variants": ["John Kerry", "Kerry", "John F. Kerry"]}
    assert fact_names(fact) == ["John Kerry", "John F. Kerry"]
    assert fact_names({"name": "Pentagon", "variants": ["Pentagon"]}) == ["Pentagon"]


def test_mention_row_is_plain_text() -> None:
    summary = ArticleSummary("abc", "[bold]Title[/]", "feed.xml", "2024-05-01T10:00:00", 100, "/x", 0)
    row = mention_row(summary, ArticleMention("abc", 3, "Kerry", "PERSON", "people", ("Kerry",)), True)
    assert "[bold]Title[/]" in row.plain and "×3" in row.plain and "1 May 2024" in row.plain


async def test_the_mentions_screen_honours_the_users_corrections(
    shared_analyzer: Any, seed_path: Path, tmp_path: Path
) -> None:
    from tui.names.identity import CorrectionsFile

    folder = library_folder(tmp_path, seed_path)
    seed_id = load_file(seed_path)[0].id
    bergen_id = load_file(folder / "bergen-market.txt")[0].id
    CorrectionsFile().merge("Bergen", "John Kerry")  # names.json: Bergen counts as John Kerry
    app = DatelineApp(Library.for_paths([folder]), analyzer=shared_analyzer)
    async with app.run_test(size=(130, 40)) as pilot:
        await open_seed_and_choose_kerry(pilot, seed_id)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MentionsScreen)
        rows = {summary.id: mention for summary, mention in app.screen.rows}
        assert len(rows) == 3 and bergen_id in rows
        assert rows[bergen_id].name == "Bergen" and rows[bergen_id].label == "PERSON"


def test_groups_and_dates_are_found_by_their_spellings(
    shared_analyzer: Any, seed_path: Path, tmp_path: Path
) -> None:
    folder = library_folder(tmp_path, seed_path)
    library = Library.for_paths([folder])
    summaries = {s.id: s for s in library.refresh()}
    other_id = load_file(folder / "kerry-boston.txt")[0].id
    fact: Any = {"name": "Tuesday", "label": "DATE", "mentions": 1, "variants": ["Tuesday"], "first": 0}
    screen = MentionsScreen("dates", fact, library, shared_analyzer)
    found = screen._by_spelling(summaries)
    assert [(m.article_id, m.mentions, m.name, m.kind) for m in found] == [(other_id, 1, "Tuesday", "dates")]
