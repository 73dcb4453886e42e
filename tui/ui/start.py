"""The reader's start, from `run_tui` to the first frame and the panes mounted right after it.

Two interpreter settings made for it, and undone when it is over (`end`, which the app calls once
the main screen has mounted its panes and started its workers):

- The cyclic garbage collector is off: the start only allocates (Textual's modules, the styles,
  the widgets, the list) and frees almost nothing, yet the collector walked those objects again
  and again (20-50 ms before the first frame). At the end what the start built is frozen, so no
  later collection walks it either; the start leaves some 700 objects of cyclic garbage, which stay.
- A thread waiting for the GIL gets it within 0.5 ms instead of 5: the first frame is written by
  Textual's output thread while the UI thread goes on with the rest of the list and the panes, and
  the frame reached the terminal up to 5 ms later (more when written in several pieces).

Imports nothing heavy: `run_tui` calls `begin` before Textual is imported.
"""

from __future__ import annotations

import gc
import sys

START_SWITCH_INTERVAL = 0.0005  # seconds; Python's default is 0.005

_saved_interval: float | None = None


def begin() -> None:
    """Turn the collector off and shorten the GIL switch interval, for the start."""
    global _saved_interval
    gc.disable()
    if _saved_interval is None:
        _saved_interval = sys.getswitchinterval()
        sys.setswitchinterval(START_SWITCH_INTERVAL)


def end() -> None:
    """Undo `begin` (nothing if it was not called): freeze what the start built, collect again,
    switch threads as usual."""
    global _saved_interval
    if _saved_interval is None:
        return
    gc.freeze()
    gc.enable()
    sys.setswitchinterval(_saved_interval)
    _saved_interval = None
