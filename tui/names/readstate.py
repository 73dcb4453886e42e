"""Which articles are unread, as far as names need to know (new articles naming a followed name).

The read state itself (`tui.store.readstate.ReadState`) belongs to the feeds work; this module only
states the part it uses as a Protocol, so the names code works with it or, where it is absent,
with "nothing is unread" (every article counts as read)."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable
from typing import Protocol

log = logging.getLogger("dateline.names")


class UnreadSource(Protocol):
    """What names need from the read state."""

    def unread(self, ids: Iterable[str]) -> set[str]: ...


class NothingUnread:
    """The read state before there is one: every article counts as read."""

    def unread(self, ids: Iterable[str]) -> set[str]:
        return set()


def default_read_state() -> UnreadSource:
    """`tui.store.readstate.ReadState()` loaded, when that module exists; else NothingUnread."""
    try:
        module = importlib.import_module("tui.store.readstate")
    except ImportError:
        return NothingUnread()
    try:
        state = module.ReadState()
        state.load()
    except Exception:  # noqa: BLE001 - a broken read state must not stop the names queries
        log.exception("could not load the read state; counting every article as read")
        return NothingUnread()
    return state  # type: ignore[no-any-return]
