"""Which articles are unread, as far as names need to know (new articles naming a followed name).

The read state itself is `tui.store.readstate.ReadState` (only feed articles can be unread); this
module states the part names use as a Protocol, so queries can be tested with a stand-in, and a
read state that cannot be loaded counts every article as read rather than stopping a query."""

from __future__ import annotations

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
    """The user's read state, loaded; NothingUnread when it cannot be read (logged)."""
    from tui.store.readstate import ReadState

    try:
        state = ReadState()
        state.load()
    except Exception:  # noqa: BLE001 - a broken read state must not stop the names queries
        log.exception("could not load the read state; counting every article as read")
        return NothingUnread()
    return state
