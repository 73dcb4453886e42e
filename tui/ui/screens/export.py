"""The `e` dialog: choose a format to export the open article in."""

from __future__ import annotations

import os
from pathlib import Path
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


def export_folder(cwd: Path | None = None, home: Path | None = None) -> Path:
    """Where an export is proposed: the working directory, else ~/Downloads, else home."""
    cwd = cwd or Path.cwd()
    if os.access(cwd, os.W_OK):
        return cwd
    home = home or Path.home()
    downloads = home / "Downloads"
    return downloads if downloads.is_dir() else home


def export_target(answer: str, name: str) -> Path:
    """The file an answer names: a folder (existing, or ending with a slash) gets `name` inside it."""
    text = answer.strip()
    path = Path(os.path.abspath(Path(text).expanduser()))
    if path.is_dir() or text.endswith(("/", os.sep)):
        return path / name
    return path


class ExportScreen(ModalScreen[str | None]):
    """Dismissed with the chosen format key, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("j", "move(1)", "Down", show=False),
        Binding("k", "move(-1)", "Up", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Static(Text("Export the article as", style="bold"))
            yield OptionList(*(Option(Text(label), id=key) for key, _, label in FORMATS), id="export-formats")
            yield Static(Text("Enter chooses · Esc cancels", style="dim"))

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_move(self, step: int) -> None:
        """j / k: the next or previous format."""
        formats = self.query_one(OptionList)
        if step > 0:
            formats.action_cursor_down()
        else:
            formats.action_cursor_up()

    def action_cancel(self) -> None:
        """Close without exporting."""
        self.dismiss(None)
