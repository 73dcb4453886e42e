"""One refresh at a time across screens and processes (issue 19, item 13): a second refresh waits
briefly, then does nothing and says that one is running (`dateline refresh` exits 1)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest

from tests import locations
from tests.unit.feeds.feedserver import Route, long_text, rss, serve
from tui.feeds import Limits, Refresher, RefreshReport, Subscription, Subscriptions
from tui.feeds.refresh import BUSY_MESSAGE, refresh_lock_path
from tui.store import atomic


def feed() -> bytes:
    return rss("Feed", [{"title": "One", "link": "http://127.0.0.1/1", "content": long_text("one")}])


def test_a_second_refresh_in_the_same_process_says_one_is_running() -> None:
    with serve({"/slow.xml": Route(body=feed(), delay=1.5)}) as server:
        Subscriptions().add_many([Subscription(url=server.url("/slow.xml"))])
        first: list[RefreshReport] = []
        running = threading.Event()

        def cancelled() -> bool:
            running.set()  # asked while the refresh runs, the lock held
            return False

        worker = threading.Thread(
            target=lambda: first.append(
                Refresher(limits=Limits(timeout=5.0), trust_env=False).run(cancelled=cancelled)
            )
        )
        worker.start()
        assert running.wait(5)
        started = time.monotonic()
        second = Refresher(limits=Limits(timeout=5.0), trust_env=False, lock_wait=0.2).run()
        assert time.monotonic() - started < 1.0
        assert second.busy and not second.ok and second.results == [] and second.messages == [BUSY_MESSAGE]
        worker.join(10)
        assert first[0].ok and len(first[0].new_ids) == 1
        assert len(server.requests) == 1  # the second touched nothing
        third = Refresher(limits=Limits(timeout=5.0), trust_env=False).run()  # the lock is free again
        assert not third.busy and third.ok


def test_dateline_refresh_in_another_process_waits_then_exits_1() -> None:
    with serve({"/feed.xml": Route(body=feed())}) as server:
        Subscriptions().add_many([Subscription(url=server.url("/feed.xml"))])
        with atomic.locked(refresh_lock_path()):  # a refresh running elsewhere
            child = subprocess.run(
                [sys.executable, "-m", "tui", "refresh"],
                cwd=locations.ROOT,
                capture_output=True,
                text=True,
                timeout=60,
                env={**os.environ, "NO_COLOR": "1"},
                check=False,
            )
        assert child.returncode == 1, (child.stdout, child.stderr)
        assert "a refresh is already running" in child.stderr
        assert "no feeds to refresh" not in child.stdout
        assert server.requests == []


def test_no_lock_file_possible_still_refreshes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A state dir where no lock file can be made (read-only) does not stop a refresh: the
    articles are stored (and found again next time, since the state cannot be saved either)."""
    import errno
    from contextlib import AbstractContextManager
    from pathlib import Path

    from tui.feeds import refresh as refresh_module

    def read_only(_path: Path, _timeout: float = 5.0) -> AbstractContextManager[None]:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(refresh_module, "locked", read_only)
    with serve({"/feed.xml": Route(body=feed())}) as server:
        Subscriptions().add_many([Subscription(url=server.url("/feed.xml"))])
        report = Refresher(limits=Limits(timeout=5.0), trust_env=False).run()
    assert not report.busy and report.ok and len(report.new_ids) == 1
