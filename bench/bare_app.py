"""The floor for start-up figures: a bare Textual app showing one label (and, with --rows N, a
plain OptionList of N two-line rows for the keypress floor)."""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import Label

READY = "bare textual app ready"


class BareApp(App[None]):
    """One label: what any Textual app costs to show its first frame."""

    def compose(self) -> ComposeResult:
        yield Label(READY)


if __name__ == "__main__":
    BareApp().run()
    sys.exit(0)
