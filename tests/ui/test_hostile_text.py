"""Hostile text (issue 5): escape/control sequences and markup-like text never act on the terminal
or the app, in the sanitiser, the CLI (show, export, search, list, import) and the TUI."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.widgets import Input, Static

from tests.ui.hostile_helpers import (
    ESCAPE_TITLE,
    MARKUP_BITS,
    MARKUP_PARAGRAPHS,
    MARKUP_TITLE,
    assert_inert,
    foreign_controls,
    open_title,
    settle,
    summary_titles,
    terminal_frame,
    write_escape_json,
    write_escape_txt,
    write_markup_json,
)
from tui.cli import main
from tui.core.sanitize import clean_line, clean_text
from tui.store.library import Library
from tui.ui.app import DatelineApp
from tui.ui.widgets.article_list import ArticleList
from tui.ui.widgets.facts_sidebar import FactsSidebar
from tui.ui.widgets.reader import ArticleView

CLEAN_TITLE = "Escape Title Harbour News"


# ----- the sanitiser ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\x1b[31;1mred\x1b[0m b", "ared b"),
        ("a\x1b[2J\x1b[Hb", "ab"),
        ("a\x1b]0;PWN title\x07b", "ab"),
        ("a\x1b]2;PWN title\x1b\\b", "ab"),
        ("a\x1b]52;c;UFdO\x07b", "ab"),
        ("a\x1b]8;;http://x.example/\x1b\\link\x1b]8;;\x1b\\b", "alinkb"),
        ("a\x1bPq#0;PWN\x1b\\b", "ab"),  # DCS (sixel)
        ("a\x1b_PWN apc\x1b\\b", "ab"),
        ("a\x1b]0;PWN runs to the line end\nnext", "a\nnext"),  # unterminated OSC
        ("a\x1b]0;PWN to the end", "a"),
        ("a\x9b31mb", "ab"),  # C1 CSI
        ("a\x9d0;PWN\x9cb", "ab"),  # C1 OSC ... C1 ST
        ("a\x9d0;PWN\x07b", "ab"),
        ("a\x85b", "a\nb"),  # NEL is a line break
        ("a\x80\x90\x9f\x9cb", "ab"),
        ("nul\x00here", "nulhere"),
        ("abc\x08\x08\x08XYZ", "abcXYZ"),
        ("bell\x07 del\x7f", "bell del"),
        ("\u202eevil\u202c \u2066iso\u2069 \u202a\u202b\u202d", "evil iso "),
        ("\ufeffbom", "bom"),
        ("a\x1bcb\x1b(Bc\x1b7d", "abcd"),  # RIS, charset, save cursor
        ("lone ESC at end\x1b", "lone ESC at end"),
        ("tab\tkept\nnewline kept", "tab\tkept\nnewline kept"),
        ("crlf\r\nand cr\rend", "crlf\nand cr\nend"),
        ("[bold]x [/ [0] \\ [link=file:///etc/passwd]", "[bold]x [/ [0] \\ [link=file:///etc/passwd]"),
        ("Café, naïve — “quotes” €5 日本", "Café, naïve — “quotes” €5 日本"),
    ],
)
def test_clean_text_removes_sequences_with_their_payload(raw: str, expected: str) -> None:
    cleaned = clean_text(raw)
    assert cleaned == expected
    assert "PWN" not in cleaned
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", cleaned)


def test_clean_text_is_idempotent_and_clean_line_is_one_line() -> None:
    raw = ESCAPE_TITLE + "\n\tsecond\r\nline"
    once = clean_text(raw)
    assert clean_text(once) == once
    assert clean_line(raw) == CLEAN_TITLE + " second line"


def test_unterminated_osc_does_not_swallow_the_article() -> None:
    body = "First paragraph \x1b]0;PWN never ends\n\nSecond paragraph survives."
    assert clean_text(body) == "First paragraph \n\nSecond paragraph survives."


# ----- ingest keeps the text, drops the sequences ------------------------------------------------
def test_ingest_cleans_title_and_body(tmp_path: Path) -> None:
    from tui.ingest.pipeline import load_file

    for path in (write_escape_json(tmp_path), write_escape_txt(tmp_path)):
        (article,) = load_file(path)
        assert article.title == CLEAN_TITLE
        for field in (article.title, article.body, article.source):
            assert_inert(field)
        assert "Mayor Jane Porter said the repairs would cost four million pounds this year." in (
            article.body
        )
        assert "The final paragraph is plain" in article.body
    (txt,) = load_file(tmp_path / "escapes.txt")
    assert "terminal control sequences removed" in txt.notices


def test_markup_is_kept_literally_by_ingest(tmp_path: Path) -> None:
    from tui.ingest.pipeline import load_file

    (article,) = load_file(write_markup_json(tmp_path))
    assert article.title == MARKUP_TITLE
    assert article.body == "\n\n".join(MARKUP_PARAGRAPHS)


# ----- the command line ---------------------------------------------------------------------------
@pytest.fixture
def fast_model(monkeypatch: pytest.MonkeyPatch, loaded_model: object) -> None:
    """The CLI's Analyzer gets the session's model instead of loading spaCy again."""
    monkeypatch.setattr("tui.analysis.engine.load_model", lambda: (loaded_model, "Model (test)"))


@pytest.fixture
def colour_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make Rich emit its own styling escapes, so the check sees the real terminal output."""
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", "100")


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def json_strings(value: Any) -> str:
    """Every string inside a JSON value, joined: what a consumer would print."""
    if isinstance(value, str):
        return value + "\n"
    if isinstance(value, dict):
        return "".join(json_strings(k) + json_strings(v) for k, v in value.items())
    if isinstance(value, list):
        return "".join(json_strings(v) for v in value)
    return ""


def assert_json_inert(output: str) -> None:
    assert_inert(output)
    assert not re.search(r"\\u00(1b|[89][0-9a-f]|0[0-8])", output, re.IGNORECASE), "escaped control"
    assert_inert(json_strings(json.loads(output)))


@pytest.mark.usefixtures("fast_model", "colour_terminal")
def test_cli_show_and_export_never_print_escapes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for path in (write_escape_json(tmp_path), write_escape_txt(tmp_path)):
        code, out, err = run_cli(capsys, "show", str(path))
        assert code == 0, err
        assert "\x1b[" in out, "the colour terminal fixture should make Rich style the output"
        assert_inert(out + err)
        assert CLEAN_TITLE in re.sub(r"\x1b\[[0-9;]*m", "", out)
        code, out, err = run_cli(capsys, "show", str(path), "--json")
        assert code == 0, err
        assert_json_inert(out)
        assert json.loads(out)["title"] == CLEAN_TITLE
        for fmt in ("md", "json", "html", "displacy"):
            code, out, err = run_cli(capsys, "export", str(path), "--format", fmt)
            assert code == 0, (fmt, err)
            assert_inert(out + err)
            if fmt in ("json", "displacy"):
                assert_json_inert(out)


@pytest.mark.usefixtures("fast_model", "colour_terminal")
def test_cli_import_list_search_never_print_escapes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run_cli(capsys, "import", str(write_escape_json(tmp_path)))
    assert code == 0, err
    assert_inert(out + err)
    for args in (["list"], ["search", "Porter"], ["search", "Leeds bridge"]):
        code, out, err = run_cli(capsys, *args)
        assert code == 0, (args, err)
        assert_inert(out + err)
        assert CLEAN_TITLE in out
    for args in (["list", "--json"], ["search", "Porter", "--json"]):
        code, out, err = run_cli(capsys, *args)
        assert code == 0, (args, err)
        assert_json_inert(out)


@pytest.mark.usefixtures("fast_model", "colour_terminal")
def test_cli_shows_markup_literally(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_markup_json(tmp_path)
    code, out, err = run_cli(capsys, "show", str(path))
    assert code == 0, err
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert "\x1b]8;" not in out, "markup became a terminal hyperlink"
    assert MARKUP_TITLE in plain
    for bit in ("[bold]x", "[/", "[0]", "[@click=app.quit]", "ends with a backslash \\"):
        assert bit in plain
    code, out, err = run_cli(capsys, "show", str(path), "--json")
    assert json.loads(out)["title"] == MARKUP_TITLE
    code, out, err = run_cli(capsys, "export", str(path), "--format", "html")
    assert code == 0 and "[@click=app.quit]" in out and "<a " not in out
    code, out, err = run_cli(capsys, "import", str(path))
    assert code == 0, err
    code, out, err = run_cli(capsys, "search", "Northwind")
    assert code == 0, err
    assert MARKUP_TITLE in out and "[link=file:///etc/passwd]" in out
    code, out, err = run_cli(capsys, "list")
    assert MARKUP_TITLE in out


# ----- the TUI --------------------------------------------------------------------------------------
def plain_frame(app: DatelineApp) -> str:
    return re.sub(r"\x1b\[[0-9;]*[mH]", "", terminal_frame(app))


def test_frame_capture_sees_article_text_canary() -> None:
    """The capture is meaningful: an ESC that reaches a widget is found in the frame."""
    assert foreign_controls("\x1b[1;1H\x1b[31mok\x1b[0m") == []
    assert foreign_controls("x\x1b]0;PWN\x07") != []
    assert foreign_controls("x\x9b2J") != []


async def test_frame_capture_canary_in_app(shared_analyzer: Any, tmp_path: Path) -> None:
    app = DatelineApp(Library.for_paths([write_markup_json(tmp_path)]), analyzer=shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert foreign_controls(terminal_frame(app)) == []
        app.query_one("#article-header", Static).update(Text("raw \x1b]0;PWNTITLE\x07 title"))
        await pilot.pause()
        assert foreign_controls(terminal_frame(app)) != [], "capture missed a raw ESC"


async def test_tui_escapes_never_reach_the_terminal(shared_analyzer: Any, tmp_path: Path) -> None:
    write_escape_json(tmp_path)
    write_escape_txt(tmp_path)
    app = DatelineApp(Library.for_paths([tmp_path]), analyzer=shared_analyzer)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        assert summary_titles(app) == [CLEAN_TITLE, CLEAN_TITLE]
        assert_inert(terminal_frame(app))
        for nth in (0, 1):
            await open_title(pilot, CLEAN_TITLE, nth)
            reader = app.query_one(ArticleView)
            assert reader.article is not None
            assert "Park Road" in reader.rendered.plain
            assert_inert(reader.rendered.plain)
            frame = terminal_frame(app)
            assert_inert(frame)
            assert "Leeds" in plain_frame(app)
            sidebar = app.query_one(FactsSidebar)
            facts = "\n".join(str(sidebar.get_option_at_index(i).prompt) for i in range(sidebar.option_count))
            assert_inert(facts)
            await pilot.press("tab", "j", "n", "escape")
            await settle(pilot)
            assert_inert(terminal_frame(app))
        await pilot.press("slash", *"Porter")
        await settle(pilot)
        assert CLEAN_TITLE in summary_titles(app)
        assert_inert(terminal_frame(app))
    assert app.return_code in (None, 0)


async def test_tui_shows_markup_literally_and_clicks_do_nothing(shared_analyzer: Any, tmp_path: Path) -> None:
    write_markup_json(tmp_path)
    app = DatelineApp(Library.for_paths([tmp_path]), analyzer=shared_analyzer)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        assert summary_titles(app) == [MARKUP_TITLE]
        row = str(app.query_one(ArticleList).row_prompt(0))
        assert MARKUP_TITLE in row
        await open_title(pilot, MARKUP_TITLE)
        reader = app.query_one(ArticleView)
        assert reader.article is not None
        assert reader.rendered.plain.replace("\n", " ").count("[@click=app.quit]") >= 1
        for bit in MARKUP_BITS:
            assert bit in reader.rendered.plain
        header = app.query_one("#article-header", Static).visual
        assert MARKUP_TITLE in str(header)
        frame = terminal_frame(app)
        assert "\x1b]8;" not in frame
        screen_text = plain_frame(app)
        assert "[bold]x" in screen_text and "[@click=app.quit]" in screen_text
        # Click on each markup-like bit on the screen (list row, title, body).
        spots = [
            (line.index(bit) + dx, y)
            for y, line in enumerate(screen_text.split("\n"))
            for bit in ("[@click=app.quit]", "[link=file:")
            if bit in line
            for dx in (1, len(bit) // 2)
        ]
        assert len(spots) >= 6, spots
        for x, y in spots:
            await pilot.click(offset=(x, y))
        await pilot.pause()
        assert app.is_running and app.return_code is None, "a click on article text acted"
        # The search box and its status line take the same text literally.
        await pilot.press("slash")
        await pilot.press(*"[/")
        await settle(pilot)
        await pilot.press("backspace", "backspace", *"Northwind")
        await settle(pilot)
        assert summary_titles(app) == [MARKUP_TITLE]
        status = str(app.query_one("#list-status", Static).visual)
        assert "Northwind" in status
        assert app.query_one("#search", Input).value == "Northwind"
        assert app.is_running
    assert app.return_code in (None, 0)


async def test_notifications_with_hostile_file_names_are_literal_and_inert(
    shared_analyzer: Any, tmp_path: Path
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    write_markup_json(folder)
    (folder / "[link=file:,,,etc,passwd]y.txt").write_bytes(b"")
    (folder / "[bold]x [@click=app.quit]q.txt").write_bytes(b"")
    (folder / "evil\x1b]0;PWNTITLE\x07.txt").write_bytes(b"")
    app = DatelineApp(Library.for_paths([folder]), analyzer=shared_analyzer)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.pause(0.1)
        messages = [n.message for n in app._notifications]
        assert any("[link=file:,,,etc,passwd]y.txt" in m for m in messages)
        assert_inert(terminal_frame(app))
        assert "[@click=app.quit]q.txt" in plain_frame(app).replace("\n", "")
        assert summary_titles(app) == [MARKUP_TITLE]
    assert app.return_code in (None, 0)
