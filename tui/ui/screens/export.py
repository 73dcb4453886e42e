"""The `e` dialog: choose a format to export the open article in."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

FORMATS: tuple[tuple[str, str, str], ...] = (
    ("md", "md", "Markdown — entities marked, facts as a list"),
    ("html", "html", "HTML page — entities coloured like here"),
    ("json", "json", "JSON — as `dateline show --json`"),
    ("displacy", "displacy.json", "displaCy — spaCy's manual-render format"),
)


def extension(fmt: str) -> str:
    """The file extension for an export format."""
    return next(ext for key, ext, _ in FORMATS if key == fmt)


class ExportScreen(ModalScreen[str | None]):
    """Dismissed with the chosen format key, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Static(Text("Export the article as", style="bold"))
            yield OptionList(
                *(Option(Text(label), id=key) for key, _, label in FORMATS), id="export-formats"
            )
            yield Static(Text("Enter chooses · Esc cancels", style="dim"))

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Close without exporting."""
        self.dismiss(None)
