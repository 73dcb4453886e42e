"""What the reader relies on in Textual beyond its public API, checked against the pinned version
so that an upgrade fails here, loudly, instead of quietly making every quit slow again.

Textual has no public way to stop its terminal driver's key thread without waiting for it, so
`tui/ui/threads.py` (`input_never_delays_exit`) swaps the driver's `_key_thread` out around
`disable_input`. That works only while `disable_input` sets `exit_event`, joins `_key_thread` and
then clears the event, in that order. The messages (tui/ui/messages.py) are dataclasses, which
Textual supports by setting a message up in `Message.__post_init__`.
"""

from __future__ import annotations

import inspect
import re
import tomllib
from pathlib import Path

import textual
from textual.app import App
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

from tui.ui.messages import LibraryProgress, ReadStateWritten

ROOT = Path(__file__).resolve().parents[2]


def pinned_textual() -> str:
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    pins = [d for d in dependencies if re.match(r"textual\s*==", d)]
    assert pins, "textual is no longer pinned: tui/ui/threads.py relies on its internals"
    return str(pins[0]).split("==")[1].strip()


def test_the_installed_textual_is_the_pinned_one() -> None:
    assert textual.__version__ == pinned_textual(), (
        "Textual changed: check tui/ui/threads.py's _key_thread swap against the new driver, "
        "then update the pin and this test"
    )


def test_the_driver_still_has_the_key_thread_the_quit_swaps_out() -> None:
    init = inspect.getsource(LinuxDriver.__init__)
    assert "self.exit_event = " in init and "self._key_thread" in init
    disable = inspect.getsource(LinuxDriver.disable_input)
    order = ["self.exit_event.set()", "self._key_thread.join()", "self.exit_event.clear()"]
    places = [disable.find(step) for step in order]
    assert -1 not in places and places == sorted(places), (
        f"LinuxDriver.disable_input no longer does {order} in order: "
        "tui/ui/threads.py's input_never_delays_exit must change with it"
    )
    assert "_driver" in inspect.getsource(App.__init__)  # where threads.py finds the driver


def test_dataclass_messages_are_set_up_by_textual() -> None:
    assert "__post_init__" in inspect.getsource(Message.__init__)
    progress = LibraryProgress(3, 10)
    assert (progress.done, progress.total) == (3, 10)
    assert progress.time > 0 and progress.handler_name == "on_library_progress"
    written = ReadStateWritten(["note"])
    assert written.failed == [] and written is not ReadStateWritten(["note"])
