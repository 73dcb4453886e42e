"""`ChoiceList`: an `OptionList` that also moves with j and k, for every list the user picks from.

The keys live on the list, not on each screen that shows one, so a screen needs no move action of
its own: the list it focuses answers j/k like the article list and the facts sidebar do.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList


class ChoiceList(OptionList):
    """A list of choices; j/k move as Down/Up do (Enter chooses, as in any `OptionList`)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]
