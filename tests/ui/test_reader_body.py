"""The reader's body text is drawn a screen line at a time (`BodyText`): it must look, wrap, scroll
and select exactly as the `Static` it replaced, while turning only the lines on screen into strips."""

from __future__ import annotations

from typing import Any

import pytest
from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.geometry import Offset
from textual.selection import Selection
from textual.widgets import Static

from tui.analysis.types import Analysis, Entity
from tui.core.article import Article
from tui.output.render import Palette, render_body
from tui.ui.widgets.reader import BodyText

PROSE = (
    "John Kerry met Chuck Hagel in Tokyo on Monday.\n\n"
    "A line with a verylongwordthatcannotbreakanywhereatallinanarrowcolumn in it, and more words.\n"
    "Wide characters: 東京で会談した and then some ordinary words after them.\n\n\n"
    "Trailing spaces   \n"
    "\tA tab at the start, and\tone inside.\n"
    "Last line without a newline"
)


def styled(text: str) -> Text:
    """`text` with entity spans and label marks, as the reader draws them."""
    entities = []
    for name, label in (("John Kerry", "PERSON"), ("Tokyo", "GPE"), ("東京", "GPE"), ("Monday", "DATE")):
        start = text.index(name)
        entities.append(Entity(start, start + len(name), label, name))
    one_line = text.index("more words")  # a span that wraps across screen lines
    entities.append(Entity(one_line - 30, one_line + 10, "ORG", text[one_line - 30 : one_line + 10]))
    rendered = render_body(text, entities, Palette(marks=True), focus=(entities[1].start, entities[1].end))
    across = rendered.plain.index("them.")  # a style across a line break
    rendered.stylize("italic", across, across + 12)
    return rendered


class SideBySide(App[None]):
    CSS = "Static, BodyText { width: 1fr; }"

    def __init__(self, text: Text) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static(self.text, id="static")
            body = BodyText(id="body")
            body.update(self.text)
            yield body


def segments(strip: Any) -> list[tuple[str, Style | None]]:
    """What a line draws: its segments' text and style (empty segments draw nothing)."""
    return [(segment.text, segment.style) for segment in strip if segment.text]


@pytest.mark.parametrize("width", [14, 23, 41, 80])
@pytest.mark.parametrize("kind", ["styled", "plain", "empty"])
async def test_body_lines_are_the_lines_a_static_draws(width: int, kind: str) -> None:
    """Same height, same text, same styles and the same selection offsets on every line, for
    wrapped spans, label marks, wide characters, unbreakable words, blank lines and tabs."""
    text = {"styled": styled(PROSE), "plain": Text(PROSE), "empty": Text()}[kind]
    app = SideBySide(text)
    async with app.run_test(size=(width * 2, 60)) as pilot:
        await pilot.pause()
        static, body = app.query_one("#static", Static), app.query_one("#body", BodyText)
        assert static.size.width == body.size.width
        assert body.size.height == static.size.height > (PROSE.count("\n") if text else 0)
        for y in range(body.size.height):
            assert segments(body.render_line(y)) == segments(static.render_line(y)), y


async def test_only_the_lines_on_screen_become_strips() -> None:
    paragraphs = "\n\n".join(f"Paragraph {i}: " + "words in a paragraph " * 12 for i in range(2000))
    app = ScrollingBody(Text(paragraphs))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        body = app.query_one(BodyText)
        assert body.size.height > 8000  # every line is counted...
        assert len(body._strips) <= 20  # ...but only the hard lines on screen were drawn
        app.query_one(VerticalScroll).scroll_end(animate=False)
        await pilot.pause()
        await pilot.pause()
        assert len(body._strips) <= 40
        assert "Paragraph 1999:" in "\n".join(strip.text for strip in app.screen._compositor.render_strips())


class ScrollingBody(App[None]):
    CSS = "VerticalScroll { height: 1fr; } BodyText { width: 1fr; }"

    def __init__(self, text: Text) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            body = BodyText()
            body.update(self.text)
            yield body


async def test_a_resize_wraps_the_body_again() -> None:
    app = ScrollingBody(Text(PROSE))
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        body = app.query_one(BodyText)
        wide = body.size.height
        await pilot.resize_terminal(30, 30)
        await pilot.pause()
        await pilot.pause()
        assert body.size.height > wide
        shown = [strip.text.rstrip() for strip in app.screen._compositor.render_strips()]
        assert max(len(line) for line in shown) <= 30
        assert any(line.startswith("Last line without a") for line in shown)


async def test_line_of_finds_the_screen_line_of_an_offset() -> None:
    text = Text("one two three four five six seven eight nine ten\n\neleven twelve")
    app = ScrollingBody(text)
    async with app.run_test(size=(20, 10)) as pilot:
        await pilot.pause()
        body = app.query_one(BodyText)
        rows = [strip.text.rstrip() for strip in app.screen._compositor.render_strips()]
        for word in ("one", "five", "ten", "eleven", "twelve"):
            line = body.line_of(text.plain.index(word))
            assert word in rows[line].split(), (word, line, rows)


async def test_selected_text_is_what_a_static_gives() -> None:
    """Selecting over wrapped lines copies the same text from the body as from a Static."""
    text = styled(PROSE)
    app = SideBySide(text)
    async with app.run_test(size=(60, 40)) as pilot:
        await pilot.pause()
        static, body = app.query_one("#static", Static), app.query_one("#body", BodyText)
        selection = Selection(Offset(5, 0), Offset(12, 3))
        assert body.get_selection(selection) == static.get_selection(selection)
        app.screen.selections = {body: selection}
        await pilot.pause()
        assert app.screen.get_selected_text() == static.get_selection(selection)[0]  # type: ignore[index]
        # The selection is drawn: the selected cells carry the selection style.
        app.screen.selections = {static: selection}
        await pilot.pause()
        static_lines = [segments(static.render_line(y)) for y in range(4)]
        app.screen.selections = {body: selection}
        await pilot.pause()
        assert [segments(body.render_line(y)) for y in range(4)] == static_lines


async def test_a_theme_change_redraws_the_body() -> None:
    article = Article(title="T", body="John Kerry spoke.", source="t.txt")
    analysis = Analysis(article_id=article.id, model="test", entities=[Entity(0, 10, "PERSON", "John Kerry")])

    class ReaderApp(App[None]):
        CSS = "ArticleView { height: 1fr; } #article-scroll { height: 1fr; }"

        def compose(self) -> ComposeResult:
            from tui.ui.widgets.reader import ArticleView

            yield ArticleView(id="reader")

    app = ReaderApp()
    async with app.run_test(size=(60, 20)) as pilot:
        from tui.ui.widgets.reader import ArticleView

        app.query_one(ArticleView).show_article(article, analysis)
        await pilot.pause()
        body = app.query_one(BodyText)
        before = segments(body.render_line(0))
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        await pilot.pause()
        after = segments(body.render_line(0))
        assert [t for t, _ in after] == [t for t, _ in before]
        assert after != before  # the plain text takes the new theme's colours
