"""Thread workers that never keep the process alive after the user quits.

Textual runs a thread worker (`@work(thread=True)`) with `loop.run_in_executor(None, ...)`, that
is in the event loop's default `ThreadPoolExecutor`. `asyncio.run` (which `App.run` uses) then
waits for that executor's threads when the app exits, and the interpreter joins them again at exit:
a user who quits while a 25 MB file is read or a long article is parsed would wait for the work to
end. Work checks for cancellation where it can (`Worker.is_cancelled`), but one spaCy call or one
file read cannot be interrupted, so the app's default executor runs each call in a daemon thread
instead, and its shutdown does not wait: the process ends when the app does.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, NoReturn, TypeVar

_T = TypeVar("_T")
_numbers = itertools.count(1)


class DaemonThreadExecutor(ThreadPoolExecutor):
    """Each submitted call runs in a new daemon thread; `shutdown` never waits for them.

    A `ThreadPoolExecutor` only in type (asyncio accepts nothing else as the default executor):
    the pool's own, non-daemon threads are never started."""

    def submit(self, fn: Callable[..., _T], /, *args: Any, **kwargs: Any) -> Future[_T]:
        with self._shutdown_lock:
            if self._shutdown:
                raise RuntimeError("cannot schedule new futures after shutdown")
        future: Future[_T] = Future()

        def run() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                result = fn(*args, **kwargs)
            except BaseException as exc:  # handed to whoever awaits the future, as the pool does
                future.set_exception(exc)
            else:
                future.set_result(result)

        name = f"{self._thread_name_prefix or 'worker'}-{next(_numbers)}"
        threading.Thread(target=run, name=name, daemon=True).start()
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Accept no more work; running calls end with the process (daemon threads)."""
        with self._shutdown_lock:
            self._shutdown = True


def workers_never_delay_exit() -> None:
    """Make the running event loop run thread workers in daemon threads (call it from the app's
    `on_load`, before any worker starts)."""
    asyncio.get_running_loop().set_default_executor(DaemonThreadExecutor(thread_name_prefix="dateline"))


def input_never_delays_exit(app: Any) -> None:
    """When the app ends, do not wait for the driver's key thread.

    Textual's terminal driver stops its key thread by setting an event that the thread sees between
    two `select()` calls of 0.1 s, then lets it wait 0.1 s more for the last bytes, and joins it:
    every quit took 0.1-0.2 s more, and longer while other threads held the GIL. Once the app has
    been told to exit (`App.exit`), the terminal is restored as before (mouse off, input flushed,
    modes reset) and the thread is told to stop, but not waited for: the process ends right after
    (`end_process`). Suspending the app (no exit) still waits, as a new key thread follows.

    Textual has no public way to do this: the swap relies on the pinned Textual's driver
    (`_key_thread`, and `disable_input` setting `exit_event`, joining, clearing it), which
    tests/ui/test_textual_internals.py checks, so that an upgrade fails there, loudly."""
    driver = getattr(app, "_driver", None)
    if driver is None or not hasattr(driver, "_key_thread") or not hasattr(driver, "exit_event"):
        return  # headless (tests) or another driver: nothing waits on a key thread
    disable_input = driver.disable_input

    def disable_input_at_exit() -> None:
        thread = driver._key_thread
        if not getattr(app, "_exit", False) or thread is None:
            disable_input()
            return
        driver._key_thread = None  # so that Textual's disable_input does not join it
        try:
            disable_input()
        finally:
            driver.exit_event.set()  # disable_input clears it after its (skipped) join: stop the thread
            driver._key_thread = thread

    driver.disable_input = disable_input_at_exit


log = logging.getLogger("dateline.ui")


def report_failed_worker(app: Any, worker: Any) -> None:
    """The one handler for a worker that raised (every `@work` runs with `exit_on_error=False`):
    the traceback goes to the log file in the cache dir, the user gets one line naming the work,
    the error and where the details are. Called by the app and by each screen's
    `on_worker_state_changed` (Textual sends a worker's StateChanged only to the node that started
    it), after the screen has undone what the failed work left half done."""
    from tui.core.sanitize import clean_line
    from tui.store.paths import cache_layout

    error = getattr(worker, "error", None)
    what = getattr(worker, "group", "") or getattr(worker, "name", "") or "background work"
    if isinstance(error, BaseException):
        log.error("%s failed", what, exc_info=(type(error), error, error.__traceback__))
        reason = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    else:
        log.error("%s failed", what)
        reason = "unknown error"
    reason = clean_line(reason)
    if len(reason) > 160:
        reason = reason[:159] + "…"
    app.notify(
        f"Something went wrong ({what}): {reason}. Details in {cache_layout().log_file}",
        title="Error",
        severity="error",
        timeout=10,
    )


def end_process(code: int) -> NoReturn:
    """End the process with `code` once the app has returned (terminal restored, errors printed).

    Skips the interpreter's teardown, which takes about 0.4 s with spaCy loaded and would wait for
    nothing the user needs: user data is written atomically while the app runs, and SQLite keeps
    every committed transaction. Logs and the standard streams are flushed first."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)
