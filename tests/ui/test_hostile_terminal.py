"""Hostile terminals (issue 5): small sizes, resizing mid-render, few or no colours, SSH links.

Looks are the lead's snapshot tests; these check behaviour: what is reachable, that nothing crashes,
and that entities stay distinguishable without colour.
"""

from __future__ import annotations

import base64
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from rich.style import Style
from textual.widgets import Static

from tests.ui.hostile_helpers import open_title, settle, summary_titles, terminal_frame
from tui.analysis.types import Entity
from tui.core.labels import LABEL_GROUPS, group_of
from tui.output.links import is_remote_session, open_url_action, osc52_sequence, safe_url
from tui.output.render import Palette, palette_for, render_body, render_legend
from tui.store.library import Library
from tui.ui.app import DatelineApp
from tui.ui.widgets.article_list import ArticleList
from tui.ui.widgets.facts_sidebar import FactsSidebar
from tui.ui.widgets.reader import ArticleView

SEED_TITLE = "US, Japan Strengthen Security Alliance"


def make_app(analyzer: Any, paths: list[Path] | None = None) -> DatelineApp:
    return DatelineApp(Library.for_paths(paths) if paths else Library.default(), analyzer=analyzer)


def shown(app: DatelineApp, selector: str) -> bool:
    """Whether a widget and all its ancestors are displayed and it has a size on screen."""
    widget = app.query_one(selector)
    node: Any = widget
    while node is not None and node is not app.screen:
        if not node.display:
            return False
        node = node.parent
    return widget.region.width > 0 and widget.region.height > 0


def chromatic_colours(frame: str) -> list[str]:
    """SGR colour parameters in `frame` that are not black, white or grey."""
    found: list[str] = []
    for params in re.findall(r"\x1b\[([0-9;]*)m", frame):
        codes = [int(p) for p in params.split(";") if p]
        i = 0
        while i < len(codes):
            code = codes[i]
            if code in (38, 48) and i + 1 < len(codes) and codes[i + 1] == 2:
                r, g, b = codes[i + 2 : i + 5]
                if max(r, g, b) - min(r, g, b) > 8:
                    found.append(params)
                i += 5
            elif code in (38, 48) and i + 1 < len(codes) and codes[i + 1] == 5:
                found.append(params)
                i += 3
            else:
                if code in (*range(31, 37), *range(41, 47), *range(91, 97), *range(101, 107)):
                    found.append(params)
                i += 1
    return found


def plain_frame(app: DatelineApp) -> str:
    return re.sub(r"\x1b\[[0-9;]*[mH]", "", terminal_frame(app))


# ----- sizes ----------------------------------------------------------------------------------------
async def test_80x24_everything_is_reachable_by_keys(shared_analyzer: Any, seed_path: Path) -> None:
    app = make_app(shared_analyzer, [seed_path])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_title(pilot, SEED_TITLE)
        assert shown(app, "#articles") and shown(app, "#reader")
        assert not shown(app, "#facts-pane"), "the sidebar folds away below 100 columns"
        await pilot.press("f")
        await settle(pilot)
        assert shown(app, "#facts-pane") and app.query_one(FactsSidebar).option_count > 3
        await pilot.press("f")
        await pilot.pause()
        assert not shown(app, "#facts-pane")
        await pilot.press("slash")
        await pilot.pause()
        assert shown(app, "#search")
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HelpScreen"
        await pilot.press("escape", "q")
        await pilot.pause()
    assert app.return_code == 0


async def test_60x20_list_and_article_take_turns(shared_analyzer: Any, seed_path: Path) -> None:
    app = make_app(shared_analyzer, [seed_path])
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        assert shown(app, "#articles") and not shown(app, "#reader")
        await pilot.press("enter")
        await settle(pilot)
        assert shown(app, "#reader") and not shown(app, "#articles")
        assert "Kerry" in app.query_one(ArticleView).rendered.plain
        assert "Kerry" in plain_frame(app) or "Japan" in plain_frame(app)
        await pilot.press("f")
        await settle(pilot)
        assert shown(app, "#facts-pane")
        await pilot.press("f", "escape")
        await pilot.pause()
        assert shown(app, "#articles") and not shown(app, "#reader")
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


@pytest.mark.parametrize("size", [(40, 12), (39, 11), (1, 1)])
async def test_tiny_terminals_show_too_small_or_work(
    shared_analyzer: Any, seed_path: Path, size: tuple[int, int]
) -> None:
    app = make_app(shared_analyzer, [seed_path])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("enter", "j", "f", "escape")
        await settle(pilot)
        too_small = size[0] < 40 or size[1] < 12
        assert shown(app, "#too-small") == too_small
        if too_small:
            assert not shown(app, "#main")
            if size[0] >= 39:
                assert "too small" in plain_frame(app).replace("\n", " ")
        else:
            assert shown(app, "#main") and summary_titles(app) == [SEED_TITLE]
        terminal_frame(app)  # renders without raising
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert shown(app, "#main") and not shown(app, "#too-small")
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_resizing_while_articles_open_and_render_never_crashes(
    shared_analyzer: Any, samples_dir: Path
) -> None:
    app = make_app(shared_analyzer, [samples_dir])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        sizes = [(30, 8), (120, 40), (60, 20), (10, 3)]
        for index, size in enumerate(sizes):
            # Open the next article and resize before its worker and analysis have landed.
            articles = app.query_one(ArticleList)
            articles.focus()
            articles.highlighted = index % len(articles.summaries)
            await pilot.press("enter")
            await pilot.resize_terminal(*size)
            await pilot.press("f", "j")
            await pilot.resize_terminal(size[1] * 3, size[0] // 3 + 5)
            await pilot.pause()
            terminal_frame(app)
        await settle(pilot)
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert app.is_running and app.query_one(ArticleView).article is not None
        assert terminal_frame(app)
    assert app.return_code in (None, 0)


# ----- colour-poor terminals ------------------------------------------------------------------------
ENTITIES = [
    Entity(0, 10, "PERSON", "John Kerry"),
    Entity(15, 20, "ORG", "State"),
    Entity(24, 29, "GPE", "Tokyo"),
    Entity(33, 39, "DATE", "Monday"),
    Entity(43, 48, "CARDINAL", "5,000"),
    Entity(52, 57, "EVENT", "Games"),
]
BODY = "John Kerry and State in Tokyo on Monday of 5,000 at Games."


@pytest.mark.parametrize(
    ("env", "monochrome"),
    [
        ({"NO_COLOR": "1"}, True),
        ({"NO_COLOR": "1", "TERM": "xterm-256color"}, True),
        ({"TERM": "dumb"}, True),
        ({"TERM": "linux"}, False),
        ({"TERM": "xterm-16color"}, False),
        ({"TERM": "xterm-256color", "TEXTUAL_COLOR_SYSTEM": "standard"}, False),
    ],
)
def test_poor_terminals_get_marks_and_distinct_styles(env: dict[str, str], monochrome: bool) -> None:
    palette = palette_for(env)
    assert palette.marks
    assert palette.monochrome == monochrome
    text = render_body(BODY, ENTITIES, palette)
    for entity in ENTITIES:
        assert f"{entity.text}[{entity.label}]" in text.plain, "each mention carries its label mark"
    styles: dict[str, Style] = {}
    for span in text.spans:
        piece = text.plain[span.start : span.end]
        found = next((e for e in ENTITIES if e.text == piece), None)
        if found is not None:
            style = span.style if isinstance(span.style, Style) else Style.parse(span.style)
            styles[group_of(found.label)] = style
    assert len(styles) == len({group_of(e.label) for e in ENTITIES})
    if monochrome:
        for group, style in styles.items():
            assert style.color is None and style.bgcolor is None, group
            assert style.bold or style.underline or style.italic or style.reverse, group
        # Groups stay apart without colour: no two share the same attributes.
        assert len({(s.bold, s.underline, s.italic, s.reverse) for s in styles.values()}) == len(styles)
        assert any(s.underline for s in styles.values()) and any(s.bold for s in styles.values())
    legend = render_legend(ENTITIES, palette)
    assert "PERSON" in legend.plain and "GPE" in legend.plain


def test_full_colour_terminal_has_no_marks() -> None:
    palette = palette_for({"TERM": "xterm-256color", "COLORTERM": "truecolor"})
    assert not palette.marks and not palette.monochrome
    assert "[PERSON]" not in render_body(BODY, ENTITIES, palette).plain
    assert Palette().style("PERSON").bgcolor is not None


def test_every_label_group_has_a_monochrome_cue() -> None:
    palette = Palette(monochrome=True, marks=True)
    for group, labels in LABEL_GROUPS.items():
        for label in labels:
            style = palette.style(label)
            assert style.color is None and style.bgcolor is None
            assert style.bold or style.underline or style.italic or style.reverse, (group, label)


async def test_no_color_app_marks_entities_and_keeps_focus_visible(
    shared_analyzer: Any, seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(shared_analyzer, [seed_path])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_title(pilot, SEED_TITLE)
        reader = app.query_one(ArticleView)
        assert reader.palette.monochrome and reader.palette.marks
        plain = reader.rendered.plain
        assert "John Kerry[PERSON]" in plain and "Tokyo[GPE]" in plain
        frame = terminal_frame(app)
        assert chromatic_colours(frame) == [], "NO_COLOR: only greys on screen"
        # The highlighted list row and the entities still stand out: bold/underline/reverse attributes.
        assert re.search(r"\x1b\[[0-9;]*\b(1|4|7)\b[0-9;]*m", frame)
        assert "[PERSON]" in plain_frame(app)
        legend = str(app.query_one("#legend", Static).visual)
        assert "PERSON" in legend


@pytest.mark.parametrize("term", ["linux", "xterm-16color"])
async def test_sixteen_colour_terminal_app_adds_marks(
    shared_analyzer: Any, seed_path: Path, monkeypatch: pytest.MonkeyPatch, term: str
) -> None:
    monkeypatch.setenv("TERM", term)
    app = make_app(shared_analyzer, [seed_path])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_title(pilot, SEED_TITLE)
        reader = app.query_one(ArticleView)
        assert reader.palette.marks and not reader.palette.monochrome
        assert "John Kerry[PERSON]" in reader.rendered.plain


# ----- SSH: links ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<script>x</script>",
        "vbscript:x",
        "http://exa mple.com/",
        "https://example.com/\x1b]0;x\x07",
        "https://example.com/\u202eevil",
        "https:///no-host",
        "//example.com/relative",
        "",
        None,
    ],
)
def test_unsafe_urls_are_never_opened(url: str | None) -> None:
    assert safe_url(url) is None
    if url is not None:
        with pytest.raises(ValueError):
            open_url_action(url, {"DISPLAY": ":0"}, platform="linux")


def test_safe_urls_pass() -> None:
    for url in ("https://news.example/a?b=c#d", "http://example.com", "HTTPS://Example.COM/x"):
        assert safe_url(url) == url


@pytest.mark.parametrize(
    ("env", "platform", "expected"),
    [
        ({"SSH_CONNECTION": "10.0.0.2 51000 10.0.0.1 22", "DISPLAY": ":0"}, "linux", "osc52"),
        ({"SSH_CLIENT": "10.0.0.2 51000 22"}, "darwin", "osc52"),
        ({"SSH_TTY": "/dev/pts/3"}, "linux", "osc52"),
        ({"DISPLAY": ":0"}, "linux", "browser"),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", "browser"),
        ({}, "linux", "osc52"),  # a console without graphics: a browser would take the terminal
        ({}, "darwin", "browser"),
        ({}, "win32", "browser"),
    ],
)
def test_open_url_action_copies_over_ssh(env: dict[str, str], platform: str, expected: str) -> None:
    assert open_url_action("https://news.example/a", env, platform=platform) == expected
    assert is_remote_session(env) == any(k.startswith("SSH_") for k in env)


def test_osc52_sequence_is_base64_and_inert() -> None:
    url = "https://news.example/story?id=1&x=ünï"
    sequence = osc52_sequence(url)
    assert sequence.startswith("\x1b]52;c;") and sequence.endswith("\x07")
    payload = sequence[len("\x1b]52;c;") : -1]
    assert re.fullmatch(r"[A-Za-z0-9+/=]+", payload)
    assert base64.b64decode(payload).decode("utf-8") == url
    hostile = osc52_sequence("x\x07\x1b]0;PWN\x07")
    assert hostile.count("\x1b") == 1 and hostile.count("\x07") == 1
    with pytest.raises(ValueError):
        osc52_sequence("x" * 100_000)


def test_links_module_is_ui_free() -> None:
    code = "import sys, tui.output.links; sys.exit('textual' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
