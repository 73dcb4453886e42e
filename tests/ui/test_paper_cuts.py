"""Issue 14's reader paper cuts, each reproduced through Pilot: mentions past part 1, the export
dialog's keys and path, Ctrl+C's hint, Enter in search, the facts pane on tiny terminals, one date
format, words for counts, small terminals and console glyphs."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from tui.analysis.types import Analysis, Entity
from tui.core.article import Article
from tui.store.library import Library
from tui.ui.app import DatelineApp
from tui.ui.screens.export import ExportScreen
from tui.ui.screens.help import HelpScreen
from tui.ui.screens.prompt import TextPrompt
from tui.ui.widgets.article_list import ArticleList
from tui.ui.widgets.facts_sidebar import FactsSidebar
from tui.ui.widgets.reader import PART_CHARS, ArticleView

SEED_TITLE = "US, Japan Strengthen Security Alliance"


async def settle(pilot: Pilot[Any]) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def make_app(analyzer: Any) -> DatelineApp:
    return DatelineApp(Library.default(), analyzer=analyzer)


async def open_title(pilot: Pilot[Any], title: str) -> None:
    articles = pilot.app.query_one(ArticleList)
    articles.focus()
    articles.highlighted = next(i for i, s in enumerate(articles.summaries) if s.title == title)
    await pilot.press("enter")
    await settle(pilot)


def screen_lines(app: App[Any]) -> list[str]:
    """What the terminal shows now, line by line."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def messages(app: App[Any]) -> list[str]:
    return [n.message for n in app._notifications]


# ----- 4: n / N reach mentions in part 2 and later ----------------------------------------------


class ReaderApp(App[None]):
    CSS = "ArticleView { height: 1fr; } #article-scroll { height: 1fr; }"

    def compose(self) -> ComposeResult:
        yield ArticleView(id="reader")


async def test_a_mention_in_a_later_part_is_shown_and_highlighted() -> None:
    # Part 1 is long prose (few lines); part 2 is many short paragraphs (many more lines), so its
    # mention sits far below anything part 1 could scroll to.
    prose = " ".join(f"word{i}" for i in range(PART_CHARS // 7))
    short = "\n\n".join(f"Line {i}." for i in range(PART_CHARS // 10))
    body = prose + "\n\n" + short + "\n\nKerry came last."
    start = body.index("Kerry")
    article = Article(title="Long", body=body, source="long.txt")
    mention = Entity(start, start + 5, "PERSON", "Kerry")
    analysis = Analysis(article_id=article.id, model="test", entities=[mention])
    app = ReaderApp()
    async with app.run_test(size=(80, 24)) as pilot:
        reader = app.query_one(ArticleView)
        reader.show_article(article, analysis)
        await pilot.pause()
        assert len(reader.parts) >= 2 and reader.part == 0
        reader.focus_mention(mention)
        await pilot.pause()
        await pilot.pause()
        part_start, _ = reader.parts[reader.part]
        assert reader.part >= 1 and part_start <= start
        shown = "\n".join(screen_lines(app))
        assert "Kerry came last." in shown
        focus = [span for span in reader.rendered.spans if "reverse" in str(span.style)]
        assert [reader.rendered.plain[span.start : span.end] for span in focus] == ["Kerry"]


async def test_a_mention_deep_in_a_long_part_is_scrolled_into_view() -> None:
    """Issue 14.4 as reported: the view must land on the mention however far down a part it is,
    with label marks (16 colours) adding text that the body offsets do not count."""
    from tui.output.render import Palette

    sentence = "John Kerry met Chuck Hagel in Tokyo on Monday to talk about the alliance and the harbour. "
    paragraphs = [f"Paragraph {i}. " + sentence * 6 for i in range(320)]
    body = "\n\n".join(paragraphs)
    entities = []
    for i in range(len(paragraphs)):
        at = body.index(f"Paragraph {i}. ") + len(f"Paragraph {i}. ")
        entities.append(Entity(at, at + 10, "PERSON", "John Kerry"))
    article = Article(title="Long", body=body, source="long.txt")
    analysis = Analysis(article_id=article.id, model="test", entities=entities)
    app = ReaderApp()
    async with app.run_test(size=(60, 24)) as pilot:
        reader = app.query_one(ArticleView)
        reader.set_display(Palette(marks=True), ())
        reader.show_article(article, analysis)
        await pilot.pause()
        for index in (300, 150, 319, 40):
            reader.focus_mention(entities[index])
            await pilot.pause()
            await pilot.pause()
            shown = "\n".join(screen_lines(app))
            assert f"Paragraph {index}. John Kerry" in shown, (index, shown)


# ----- 7 and 8: the export dialog ---------------------------------------------------------------


async def test_export_formats_move_with_j_and_k(shared_analyzer: Any) -> None:
    app = make_app(shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        formats = app.screen.query_one(OptionList)
        assert formats.highlighted == 0
        await pilot.press("j", "j")
        assert formats.highlighted == 2
        await pilot.press("k")
        assert formats.highlighted == 1


async def test_export_starts_in_the_working_dir_saves_into_a_folder_and_never_overwrites(
    shared_analyzer: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    folder = tmp_path / "exports"
    work.mkdir()
    folder.mkdir()
    monkeypatch.chdir(work)
    app = make_app(shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_title(pilot, SEED_TITLE)
        await pilot.press("e", "enter")  # Markdown
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        field = app.screen.query_one("#prompt-input", Input)
        proposed = Path(field.value)
        assert proposed.parent == work and proposed.suffix == ".md"
        field.value = str(folder)
        await pilot.press("enter")
        await settle(pilot)  # written in a worker
        written = list(folder.iterdir())
        assert [p.name for p in written] == [proposed.name]
        assert "John Kerry" in written[0].read_text(encoding="utf-8")
        assert not isinstance(app.screen, TextPrompt)
        # Again into the same folder: refused, the dialog stays open with the reason, nothing changes.
        written[0].write_text("mine", encoding="utf-8")
        await pilot.press("e", "enter")
        await pilot.pause()
        app.screen.query_one("#prompt-input", Input).value = str(folder) + os.sep
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TextPrompt)
        error = app.screen.query_one("#prompt-error", Static)
        assert error.display and "exists" in str(error.visual)
        assert written[0].read_text(encoding="utf-8") == "mine"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, TextPrompt)


# ----- 12: Ctrl+C -------------------------------------------------------------------------------


async def test_ctrl_c_says_how_to_quit_without_markup(shared_analyzer: Any) -> None:
    app = make_app(shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.clear_notifications()
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert messages(app) == ["Press Ctrl+Q to quit."]


# ----- 14: Enter in search, the facts pane on tiny terminals, the header's mention count -------


async def test_enter_in_the_search_box_opens_the_first_result(shared_analyzer: Any) -> None:
    app = make_app(shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"hagel")
        await pilot.pause()
        articles = app.query_one(ArticleList)
        first = articles.summaries[0]
        assert first.title == SEED_TITLE
        current = app.main_screen.article
        assert current is None or current.id != first.id or len(articles.summaries) >= 1
        await pilot.press("enter")
        await settle(pilot)
        assert app.main_screen.article is not None and app.main_screen.article.id == first.id
        assert app.focused is articles


async def test_facts_closed_on_a_tiny_terminal_return_to_the_article(shared_analyzer: Any) -> None:
    app = make_app(shared_analyzer)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        reader = app.query_one(ArticleView)
        # The first article opens by itself while the list is shown; f shows its facts...
        assert app.main_screen.article is not None and not reader.display
        await pilot.press("f")
        await pilot.pause()
        assert app.focused is app.query_one(FactsSidebar)
        await pilot.press("f")  # ...and closing them shows that article, not the list again.
        await pilot.pause()
        assert reader.display and app.focused is app.query_one("#article-scroll")
        await pilot.press("escape")
        await pilot.pause()
        await open_title(pilot, SEED_TITLE)
        assert reader.display and app.focused is app.query_one("#article-scroll")
        await pilot.press("f")
        await pilot.pause()
        assert app.focused is app.query_one(FactsSidebar)
        await pilot.press("f")
        await pilot.pause()
        assert reader.display and not app.query_one("#list-pane").display
        assert app.focused is app.query_one("#article-scroll")


async def test_closing_the_facts_drops_the_mention_count(shared_analyzer: Any) -> None:
    app = make_app(shared_analyzer)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await open_title(pilot, SEED_TITLE)
        sidebar = app.query_one(FactsSidebar)
        sidebar.focus()
        await pilot.press("down")
        await pilot.pause()
        assert app.main_screen.sub_title.startswith("mention 1 of")
        await pilot.press("f")
        await pilot.pause()
        assert "mention" not in app.main_screen.sub_title


# ----- 16 and 17: one date format, words for counts --------------------------------------------


async def test_dates_show_one_way_and_counts_in_words(shared_analyzer: Any, tmp_path: Path) -> None:
    page = tmp_path / "dated.json"
    page.write_text(
        '{"title": "Dated", "published": "2026-03-12T09:00:00+00:00", "body": "One line."}',
        encoding="utf-8",
    )
    app = DatelineApp(Library.for_paths([page]), analyzer=shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        header = str(app.query_one("#article-header", Static).visual)
        row = app.query_one(ArticleList).row_prompt(0).plain
        assert "12 Mar 2026" in header and "12 Mar 2026" in row
        assert "T09:00" not in header and "2026-03-12" not in row
        assert "1 article ·" in str(app.query_one("#list-status", Static).visual)
        assert "2 words" in header


# ----- 19: small terminals ----------------------------------------------------------------------


async def test_help_is_readable_at_40x12(shared_analyzer: Any) -> None:
    app = make_app(shared_analyzer)
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = "\n".join(screen_lines(app))
        # The first key's description reads as a line, not one word a line beside a wide key column.
        assert "move in the list," in shown, shown


async def test_an_article_at_40x12_shows_body_text(shared_analyzer: Any) -> None:
    app = make_app(shared_analyzer)
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        await open_title(pilot, SEED_TITLE)
        body = app.query_one("#article-body")
        scroll = app.query_one("#article-scroll")
        assert scroll.region.height >= 2 and body.region.height >= 2
        assert not app.query_one("#legend").display


# ----- 20: glyphs a Linux console font may lack -------------------------------------------------


async def test_term_linux_draws_ascii(shared_analyzer: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "linux")
    app = make_app(shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_title(pilot, SEED_TITLE)
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("slash", *"kerr")  # the search box has a border too
        await pilot.pause()
        app.clear_notifications()
        await pilot.pause()
        screen = "\n".join(screen_lines(app))
        for glyph in "⭘▕▏★✎✗▔▁▂▃▅▆▇▊▎⏎⌫↑↓←→":
            assert glyph not in screen, glyph
        await pilot.press("escape", "B")  # the bookmarks screen's footer shows Enter: as a word
        await settle(pilot)
        screen = "\n".join(screen_lines(app))
        assert "enter Open" in screen
        for glyph in "⭘★✎✗⏎⌫↑↓←→":
            assert glyph not in screen, glyph


# ----- 13: a search snippet in the list shows its match -----------------------------------------


def test_list_row_snippet_shows_the_match_at_the_list_width() -> None:
    from tui.store.library import ArticleSummary, SearchHit
    from tui.ui.widgets.article_list import summary_lines

    snippet = "…was led by Secretary of State John Kerry in Tokyo on Monday, and then the talks went on…"
    start = snippet.index("Kerry")
    summary = ArticleSummary("a" * 12, "Alliance", "x.txt", None, 10, "x.txt", 0)
    hit = SearchHit(summary, snippet, ((start, start + 5),))
    for width in (28, 40, 60):
        line = summary_lines(summary, False, hit, width)[-1]
        line.truncate(width)
        assert "Kerry" in line.plain, (width, line.plain)
        kerry = line.plain.index("Kerry")
        assert any(span.start <= kerry < span.end and "reverse" in str(span.style) for span in line.spans)


def test_export_folder_falls_back_to_downloads_then_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.ui.screens import export as export_module
    from tui.ui.screens.export import export_folder, export_target

    cwd, home = tmp_path / "cwd", tmp_path / "home"
    cwd.mkdir()
    home.mkdir()
    assert export_folder(cwd, home) == cwd
    monkeypatch.setattr(export_module.os, "access", lambda path, mode: Path(path) != cwd)
    assert export_folder(cwd, home) == home
    (home / "Downloads").mkdir()
    assert export_folder(cwd, home) == home / "Downloads"
    assert export_target(f"  {home}  ", "a.md") == home / "a.md"
    assert export_target(str(tmp_path / "new") + os.sep, "a.md") == tmp_path / "new" / "a.md"
    assert export_target(str(tmp_path / "named.html"), "a.md") == tmp_path / "named.html"
