"""The bookmarks screen through Textual's Pilot: list, filter, delete and undo, notes, open,
missing articles, export, store errors, markup-like titles and small terminals."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tui.store.bookmarks import Bookmark, BookmarkStore
from tui.store.library import ArticleSummary, Library
from tui.ui.app import DatelineApp
from tui.ui.screens import bookmarks as screen_module
from tui.ui.screens.bookmarks import BookmarkList, BookmarksScreen, TextPrompt, resolve_rows
from tui.ui.widgets.article_list import ArticleList
from tui.ui.widgets.reader import ArticleView

GONE_ID = "deadbeef0000"
MARKUP_TITLE = "[bold]Gone[/ article [link=x]"


async def settle(pilot: Pilot[Any]) -> None:
    """Let workers finish and their messages land."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


@pytest.fixture
def summaries() -> list[ArticleSummary]:
    """The indexed library (bundled samples), in the temp cache dir."""
    library = Library.default()
    library.refresh()
    found = library.summaries("title")
    library.close()
    return found


def entry(summary: ArticleSummary, added: str, note: str = "") -> dict[str, str]:
    return {
        "article_id": summary.id,
        "title": summary.title,
        "source": summary.source,
        "added": added,
        "note": note,
    }


@pytest.fixture
def bookmarked(summaries: list[ArticleSummary], isolated_dirs: dict[str, Path]) -> list[dict[str, str]]:
    """bookmarks.json with two library articles (the second with a note) and one that is gone."""
    entries = [
        entry(summaries[0], "2025-01-01T10:00:00+00:00"),
        entry(summaries[1], "2025-01-02T10:00:00+00:00", note="read the quotes"),
        {
            "article_id": GONE_ID,
            "title": MARKUP_TITLE,
            "source": "https://example.com/gone",
            "added": "2025-01-03T10:00:00+00:00",
            "note": "[red]old[/red] one",
        },
    ]
    path = isolated_dirs["config"] / "bookmarks.json"
    path.write_text(json.dumps({"version": 1, "bookmarks": entries}), encoding="utf-8")
    return entries


def saved(isolated_dirs: dict[str, Path]) -> list[dict[str, str]]:
    path = isolated_dirs["config"] / "bookmarks.json"
    return list(json.loads(path.read_text(encoding="utf-8"))["bookmarks"])


def recorded_notifications(app: DatelineApp) -> list[tuple[str, str]]:
    """Record (message, severity) of every notification; markup must always be off."""
    calls: list[tuple[str, str]] = []
    original = app.notify

    def notify(message: str, **kwargs: Any) -> None:
        if "[" in message:
            assert kwargs.get("markup") is False, message
        calls.append((message, str(kwargs.get("severity", "information"))))
        original(message, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    return calls


async def written(pilot: Pilot[Any]) -> None:
    """The screen's writes are made in the app's writer thread: wait for them, then their message."""
    assert pilot.app.writer.wait(10.0)
    await pilot.pause()


async def open_screen(pilot: Pilot[Any]) -> BookmarksScreen:
    await settle(pilot)
    await pilot.press("B")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, BookmarksScreen)
    return screen


def shown_ids(screen: BookmarksScreen) -> list[str]:
    return [row.bookmark.article_id for row in screen.shown]


def prompts(screen: BookmarksScreen) -> list[str]:
    listing = screen.query_one(BookmarkList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


def highlight(screen: BookmarksScreen, article_id: str) -> None:
    screen.query_one(BookmarkList).highlighted = shown_ids(screen).index(article_id)


async def test_lists_bookmarks_and_opens_only_those_in_the_library(
    shared_analyzer: Any, bookmarked: list[dict[str, str]]
) -> None:
    app = DatelineApp(Library.default(), analyzer=shared_analyzer)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        notes = recorded_notifications(app)
        screen = await open_screen(pilot)
        assert shown_ids(screen) == [GONE_ID, bookmarked[1]["article_id"], bookmarked[0]["article_id"]]
        rows = prompts(screen)
        assert MARKUP_TITLE in rows[0] and "missing" in rows[0]
        assert "[red]old[/red] one" in rows[0]
        assert bookmarked[1]["title"] in rows[1] and "read the quotes" in rows[1]
        assert "missing" not in rows[1] and "missing" not in rows[2]
        assert re.search(r"added [123] Jan 2025 \d\d:\d\d", rows[2])
        assert [row.missing for row in screen.shown] == [True, False, False]
        # Enter on the missing one: a warning naming it, literally; the screen stays.
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert any(MARKUP_TITLE in message and sev == "warning" for message, sev in notes)
        await pilot.pause()  # the toast with the markup-like title renders without raising
        # Enter on one that is in the library: the screen closes and the reader shows it, laid out
        # for the size the terminal took while the bookmarks were up (60 columns: reader alone).
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        target = bookmarked[0]
        highlight(screen, target["article_id"])
        await pilot.press("enter")
        await settle(pilot)
        main = app.screen
        assert not isinstance(main, BookmarksScreen)
        reader = app.query_one(ArticleView)
        assert reader.article is not None and reader.article.id == target["article_id"]
        assert app.main_screen.article is not None and app.main_screen.article.title == target["title"]
        assert main.has_class("-tiny") and main.has_class("-reading") and reader.display
        assert app.query_one(ArticleList).highlighted_id == target["article_id"]
    assert app.return_code in (None, 0)


async def test_filter_with_slash_and_by_typing(
    shared_analyzer: Any, bookmarked: list[dict[str, str]]
) -> None:
    app = DatelineApp(Library.default(), analyzer=shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_screen(pilot)
        await pilot.press("slash", *"quo")
        await pilot.pause()
        assert shown_ids(screen) == [bookmarked[1]["article_id"]]  # matched by its note
        await pilot.press("escape")  # clears the filter, back to the list
        await pilot.pause()
        assert len(shown_ids(screen)) == 3
        assert screen.focused is screen.query_one(BookmarkList)
        # Typing on the list (a key that is not a command) starts the filter.
        await pilot.press(*"EXAM")
        await pilot.pause()
        assert screen.query_one("#bookmarks-filter", Input).value == "EXAM"
        assert shown_ids(screen) == [GONE_ID]  # matched by source, case-insensitively
        await pilot.press("z")
        await pilot.pause()
        assert shown_ids(screen) == []
        await pilot.press("escape")  # clears the filter and goes back to the list
        await pilot.pause()
        assert len(shown_ids(screen)) == 3 and app.screen is screen
        await pilot.press("q")
        await pilot.pause()
        assert not isinstance(app.screen, BookmarksScreen)


async def test_delete_then_undo_restores_it_in_the_file(
    shared_analyzer: Any,
    bookmarked: list[dict[str, str]],
    isolated_dirs: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = DatelineApp(Library.default(), analyzer=shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        notes = recorded_notifications(app)
        screen = await open_screen(pilot)
        target = bookmarked[1]
        highlight(screen, target["article_id"])
        await pilot.press("d")
        await written(pilot)
        assert target["article_id"] not in shown_ids(screen)
        assert target["article_id"] not in [b["article_id"] for b in saved(isolated_dirs)]
        assert any("Press u" in message for message, _ in notes)
        await pilot.press("u")
        await written(pilot)
        assert saved(isolated_dirs) == bookmarked  # same place, date and note
        assert shown_ids(screen)[screen.query_one(BookmarkList).highlighted or 0] == target["article_id"]
        await pilot.press("u")  # only the last deletion could be undone
        await written(pilot)
        assert ("Nothing to undo.", "information") in notes
        monkeypatch.setattr(screen_module, "UNDO_SECONDS", 0.0)
        await pilot.press("delete", "u")  # the Delete key too; an undo after the time is up
        await written(pilot)
        assert len(saved(isolated_dirs)) == 2
        assert notes.count(("Nothing to undo.", "information")) == 2
        await pilot.press("escape")
        await settle(pilot)
        marked = app.query_one(ArticleList)
        row = marked.summaries.index(next(s for s in marked.summaries if s.id == target["article_id"]))
        assert not str(marked.row_prompt(row)).startswith("★")


async def test_edit_note_persists_and_escape_cancels(
    shared_analyzer: Any, bookmarked: list[dict[str, str]], isolated_dirs: dict[str, Path]
) -> None:
    app = DatelineApp(Library.default(), analyzer=shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_screen(pilot)
        target = bookmarked[1]["article_id"]
        highlight(screen, target)
        await pilot.press("e")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, TextPrompt)
        assert prompt.query_one(Input).value == "read the quotes"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert saved(isolated_dirs)[1]["note"] == "read the quotes"
        await pilot.press("e")
        await pilot.pause()
        prompt_input = app.screen.query_one(Input)
        prompt_input.value = ""
        await pilot.press(*"[b]x[/", "enter")
        await written(pilot)
        assert app.screen is screen
        assert saved(isolated_dirs)[1]["note"] == "[b]x[/"
        assert "[b]x[/" in prompts(screen)[shown_ids(screen).index(target)]
    # A fresh store reads the same note back.
    store = BookmarkStore()
    store.load()
    assert store.get(target) is not None and store.get(target).note == "[b]x[/"  # type: ignore[union-attr]


@pytest.mark.parametrize("run_in", ["work", "articles"])
async def test_export_writes_markdown_where_article_exports_go_never_in_the_articles_dir(
    shared_analyzer: Any,
    bookmarked: list[dict[str, str]],
    isolated_dirs: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    run_in: str,
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work if run_in == "work" else isolated_dirs["data"])
    app = DatelineApp(Library.default(), analyzer=shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        notes = recorded_notifications(app)
        await open_screen(pilot)
        await pilot.press("x")
        await pilot.pause()
        answer = app.screen.query_one(Input).value
        # The working directory, like the article export; in the articles dir a Markdown file would
        # be read as an article, so then beside it.
        assert Path(answer).parent == (work if run_in == "work" else isolated_dirs["data"].parent)
        await pilot.press("enter")
        await pilot.pause()
        text = Path(answer).read_text(encoding="utf-8")
        assert text.startswith("# Dateline bookmarks")
        assert bookmarked[0]["title"] in text and "read the quotes" in text
        assert any(answer in message and sev == "information" for message, sev in notes)
        # The same name again: refused, the file is not overwritten.
        Path(answer).write_text("mine", encoding="utf-8")
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one(Input).value = answer
        await pilot.press("enter")
        await pilot.pause()
        assert Path(answer).read_text(encoding="utf-8") == "mine"
        assert any("already exists" in message and sev == "error" for message, sev in notes)


async def test_store_errors_become_notifications(
    shared_analyzer: Any, bookmarked: list[dict[str, str]], isolated_dirs: dict[str, Path]
) -> None:
    path = isolated_dirs["config"] / "bookmarks.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**data, "version": 99}), encoding="utf-8")  # read-only: newer
    app = DatelineApp(Library.default(), analyzer=shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        notes = recorded_notifications(app)
        screen = await open_screen(pilot)
        await pilot.press("d")
        await written(pilot)
        assert any("read-only" in message and sev == "error" for message, sev in notes)
        assert len(shown_ids(screen)) == 3
        await pilot.press("e", "x", "enter")
        await written(pilot)
        assert app.screen is screen and app.return_code is None
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 99


async def test_store_messages_are_shown_after_a_change(
    shared_analyzer: Any, bookmarked: list[dict[str, str]], isolated_dirs: dict[str, Path]
) -> None:
    app = DatelineApp(Library.default(), analyzer=shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        notes = recorded_notifications(app)
        screen = await open_screen(pilot)
        (isolated_dirs["config"] / "bookmarks.json").write_text("{ broken", encoding="utf-8")
        highlight(screen, bookmarked[0]["article_id"])
        await pilot.press("d")
        await written(pilot)
        assert any("moved to" in message and sev == "warning" for message, sev in notes)
        assert len(saved(isolated_dirs)) == 2


def test_resolve_by_id_then_by_a_source_only_one_article_has() -> None:
    def summary(article_id: str, title: str, source: str) -> ArticleSummary:
        return ArticleSummary(article_id, title, source, None, 100, source, 0)

    library = [
        summary("aaaaaaaaaaaa", "Edited article", "/lib/edited.md"),
        summary("bbbbbbbbbbbb", "Feed one", "/lib/feed.rss"),
        summary("cccccccccccc", "Feed two", "/lib/feed.rss"),
        summary("dddddddddddd", "Another story", "Reuters"),
    ]

    def bookmark(article_id: str, title: str, source: str) -> Bookmark:
        return Bookmark(article_id, title, source, "2025-01-01T00:00:00+00:00")

    marks = [
        bookmark("aaaaaaaaaaaa", "Edited article", "/lib/edited.md"),  # by id
        bookmark("111111111111", "Edited article (v1)", "/lib/edited.md"),  # moved: by source
        bookmark("222222222222", "Feed three", "/lib/feed.rss"),  # shared source: missing
        bookmark("333333333333", "A Reuters story", "Reuters"),  # a bare name, other title
        bookmark("444444444444", "Another story", "Reuters"),  # a bare name, same title
    ]
    rows = resolve_rows(BookmarkStore(Path("/nonexistent/bookmarks.json")), marks, library)
    found = [row.article.id if row.article else None for row in rows]
    assert found == ["aaaaaaaaaaaa", "aaaaaaaaaaaa", None, None, "dddddddddddd"]
    assert [row.moved for row in rows] == [False, True, False, False, True]


async def test_small_terminals_never_crash(shared_analyzer: Any, bookmarked: list[dict[str, str]]) -> None:
    app = DatelineApp(Library.default(), analyzer=shared_analyzer)
    async with app.run_test(size=(40, 12), notifications=True) as pilot:
        screen = await open_screen(pilot)
        await pilot.press("x", "escape", "a", "escape", "d", "u")
        for size in [(80, 24), (60, 20), (40, 12), (30, 8), (12, 5)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            if size in ((40, 12), (12, 5)):
                await pilot.press("e", "escape")  # the note dialog fits or scrolls
                await pilot.pause()
            assert app.screen is screen and len(shown_ids(screen)) == 3
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, BookmarksScreen)
    assert app.return_code in (None, 0)


async def test_typing_straight_after_b_lands_every_letter_in_the_filter(
    shared_analyzer: Any, bookmarked: list[dict[str, str]]
) -> None:
    """Over SSH "Bquotes" arrives in one read: every letter must reach the filter."""
    from textual import events

    app = DatelineApp(Library.default(), analyzer=shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for char in "Bquotes":
            app.post_message(events.Key(char, char))  # all queued before any is handled
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BookmarksScreen)
        assert screen.query_one("#bookmarks-filter", Input).value == "quotes"
        assert shown_ids(screen) == [bookmarked[1]["article_id"]]


async def test_too_small_message_and_long_notes_clipped(
    shared_analyzer: Any, summaries: list[ArticleSummary], isolated_dirs: dict[str, Path]
) -> None:
    long_note = " ".join(f"note{i}" for i in range(150))  # about 900 characters
    entries = [entry(summaries[0], "2025-01-01T10:00:00+00:00", note=long_note)]
    entries += [entry(s, f"2025-01-0{i + 2}T10:00:00+00:00") for i, s in enumerate(summaries[1:4])]
    path = isolated_dirs["config"] / "bookmarks.json"
    path.write_text(json.dumps({"version": 1, "bookmarks": entries}), encoding="utf-8")
    app = DatelineApp(Library.default(), analyzer=shared_analyzer)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_screen(pilot)
        listing = screen.query_one(BookmarkList)
        noted = next(i for i, row in enumerate(screen.shown) if row.bookmark.note)
        prompt = str(listing.get_option_at_index(noted).prompt)
        note_lines = prompt.split("\n")[2:]
        assert len(note_lines) == 2 and all(line.startswith("  ") for line in note_lines)
        assert note_lines[-1].endswith("…") and "note149" not in prompt
        assert all(len(line) <= listing.scrollable_content_region.width for line in note_lines)
        too_small = screen.query_one("#bookmarks-too-small")
        assert not too_small.display
        await pilot.resize_terminal(39, 11)
        await pilot.pause()
        assert too_small.display and not screen.query_one("#bookmarks-pane").display
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert not too_small.display and screen.query_one("#bookmarks-pane").display


async def test_export_uses_the_articles_web_link_newest_first(
    shared_analyzer: Any, tmp_path: Path, isolated_dirs: dict[str, Path]
) -> None:
    linked = tmp_path / "linked.json"
    linked.write_text(
        json.dumps({"title": "Linked", "url": "https://example.test/linked", "body": "Linked text here."}),
        encoding="utf-8",
    )
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps({"title": "Plain", "body": "Plain text here."}), encoding="utf-8")
    library = Library.for_paths([linked, plain])
    library.refresh()
    by_title = {s.title: s for s in library.summaries()}
    entries = [
        entry(by_title["Linked"], "2025-01-01T10:00:00+00:00"),
        entry(by_title["Plain"], "2025-01-02T10:00:00+00:00"),
    ]
    path = isolated_dirs["config"] / "bookmarks.json"
    path.write_text(json.dumps({"version": 1, "bookmarks": entries}), encoding="utf-8")
    out = tmp_path / "marks.md"
    app = DatelineApp(library, analyzer=shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_screen(pilot)
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one(Input).value = str(out)
        await pilot.press("enter")
        await pilot.pause()
    text = out.read_text(encoding="utf-8")
    assert text.index("Plain") < text.index("Linked")  # newest first, as on screen
    assert "<https://example.test/linked>" in text and str(linked) not in text
