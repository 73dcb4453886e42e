"""The `L` dialog (issue 21, links): the open article's links, numbered, as newsboat's URL view.

`Enter` opens the highlighted link; a number opens that one: one digit at once when no longer
number could follow it (with 12 links, `3` opens the third; `1` waits a moment for `12`), else
when typing pauses. The dialog stays open after a link opens (a terminal browser hands the
terminal back to it), so several can be read in turn; `Esc` (or `L`) closes it. Opening is the main
screen's (`ArticleActions.open_url`): the dialog only chooses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar
from urllib.parse import urlsplit

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.core.article import Link
from tui.output.links import safe_url

OWN_PAGE = "the article's page"  # the words shown for the article's own URL
NUMBER_PAUSE = 0.8  # seconds typing may pause inside a number of more than one digit
HINT = "Enter or its number opens a link · Esc closes"


def article_links(url: str | None, links: Sequence[Link]) -> list[Link]:
    """What the dialog lists: the article's own page first (so `1` is what `o` opens), then its
    links, each http(s) URL once."""
    own = safe_url(url)
    shown = [Link(own, OWN_PAGE)] if own else []
    seen = {own}
    for link in links:
        if link.url not in seen and safe_url(link.url) is not None:
            seen.add(link.url)
            shown.append(link)
    return shown


def link_label(number: int, link: Link, width: int) -> Text:
    """`number. words` and, dim on the line below, the URL (words: the host and path when the
    link had none)."""
    words = link.text
    if not words:
        parts = urlsplit(link.url)
        words = (parts.hostname or "") + parts.path
    label = Text(f"{number:>{width}}. ", style="bold")
    label.append(words)
    label.append("\n" + " " * (width + 2))
    label.append(link.url, style="dim")
    return label


class LinksScreen(ModalScreen[None]):
    """The open article's links; `open_url` opens the one chosen (the dialog stays)."""

    DEFAULT_CSS = """
    LinksScreen {
        align: center middle;
    }
    #links-box {
        width: 90;
        max-width: 95%;
        min-width: 30;
        height: auto;
        max-height: 90%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    #links-title, #links-hint {
        min-width: 10;
    }
    #links-list {
        height: auto;
        max-height: 1fr;
        min-width: 20;
        border: none;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("L", "close", "Close", show=False),
        Binding("j", "move(1)", "Down", show=False),
        Binding("k", "move(-1)", "Up", show=False),
        *(Binding(str(digit), f"digit({digit})", show=False) for digit in range(10)),
    ]

    def __init__(self, title: str, links: Sequence[Link], open_url: Callable[[str], None]) -> None:
        super().__init__()
        self.article_title = title
        self.links = list(links)
        self.open_url = open_url
        self.typed = ""  # the digits of a number being typed
        self._number_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        width = len(str(len(self.links)))
        options = [
            Option(link_label(number, link, width), id=str(number))
            for number, link in enumerate(self.links, start=1)
        ]
        with Vertical(id="links-box"):
            heading = Text(f"Links ({len(self.links)}) · ", style="bold")
            heading.append(self.article_title, style="")
            yield Static(heading, id="links-title")
            yield OptionList(*options, id="links-list")
            yield Static(Text(HINT, style="dim"), id="links-hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(event.option_index + 1)

    def _open(self, number: int) -> None:
        self._forget_number()
        self.query_one(OptionList).highlighted = number - 1
        self.open_url(self.links[number - 1].url)

    def action_digit(self, digit: int) -> None:
        """A digit of a link's number: opens it as soon as no longer number could follow."""
        typed = self.typed + str(digit)
        number = int(typed)
        if not 1 <= number <= len(self.links):
            if self.typed:  # "19" of 12 links: the 9 starts a new number
                self._forget_number()
                self.action_digit(digit)
            else:
                self.app.bell()
                self._show_hint(f"No link {number}. {HINT}")
            return
        self.typed = typed
        self.query_one(OptionList).highlighted = number - 1
        if number * 10 > len(self.links):
            self._open(number)
            return
        self._show_hint(f"Link {typed}… (type more, or wait)")
        if self._number_timer is not None:
            self._number_timer.stop()
        self._number_timer = self.set_timer(NUMBER_PAUSE, lambda: self._open(number))

    def _forget_number(self) -> None:
        self.typed = ""
        if self._number_timer is not None:
            self._number_timer.stop()
            self._number_timer = None
        self._show_hint(HINT)

    def _show_hint(self, hint: str) -> None:
        self.query_one("#links-hint", Static).update(Text(hint, style="dim"))

    def action_move(self, step: int) -> None:
        """j / k: the next or previous link."""
        links = self.query_one(OptionList)
        if step > 0:
            links.action_cursor_down()
        else:
            links.action_cursor_up()

    def action_close(self) -> None:
        """Back to the article."""
        self._forget_number()
        self.dismiss(None)
