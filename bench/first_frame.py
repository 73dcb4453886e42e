"""First-frame timing of a real process in a pseudo-terminal: spawn, read what it draws, stop
at the first byte sequence that proves the wanted screen is up."""

from __future__ import annotations

import compileall
import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import termios
import time
from dataclasses import dataclass
from pathlib import Path

COLUMNS, ROWS = 120, 40
PACKAGE = Path(__file__).resolve().parent.parent / "tui"


def compile_sources() -> None:
    """Write the bytecode of Dateline's modules, as `pip install` does (and Python on a first
    run). Without it, under PYTHONDONTWRITEBYTECODE every timed start compiled about 50 modules
    from source (some 70 ms), which no installed copy does; Textual's are compiled at install."""
    compileall.compile_dir(PACKAGE, quiet=1)


@dataclass(frozen=True)
class Frame:
    """When the marker appeared: seconds after spawn, and wall-clock time (time.time())."""

    seconds: float
    wall: float


def first_frame(
    command: list[str],
    marker: bytes,
    *,
    env: dict[str, str],
    timeout: float = 60.0,
    linger: float = 0.0,
) -> Frame:
    """Spawn `command` on a pty of COLUMNS x ROWS and time until `marker` is written.

    `linger` keeps the process (and its output drained) that long after the frame, so that
    work the app starts after its first frame (e.g. loading spaCy) gets to happen."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    full_env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor", **env}
    full_env.pop("NO_COLOR", None)
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=full_env,
        start_new_session=True,
        close_fds=True,
    )
    os.close(slave)
    tail = b""
    found: Frame | None = None
    try:
        deadline = start + timeout
        while found is None:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"no first frame from {command} in {timeout:.0f} s: {tail[-300:]!r}")
            ready, _, _ = select.select([master], [], [], min(left, 0.5))
            if not ready:
                if process.poll() is not None:
                    raise RuntimeError(f"{command} exited ({process.returncode}): {tail[-500:]!r}")
                continue
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:  # the child closed the terminal
                raise RuntimeError(f"{command} closed its terminal: {tail[-500:]!r}") from None
            now = time.perf_counter()
            tail = tail[-len(marker) :] + chunk
            if marker in tail:
                found = Frame(now - start, time.time())
        end = time.perf_counter() + linger
        while time.perf_counter() < end:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    os.read(master, 1 << 16)
                except OSError:
                    break
    finally:
        _stop(process)
        os.close(master)
    return found


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End the process group this benchmark started (and only that one)."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=3)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait(timeout=3)


def spacy_import_time(mark: Path) -> float | None:
    """When the launched app first imported spaCy (time.time()), or None if it never did."""
    try:
        return float(mark.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def key_time(
    command: list[str],
    marker: bytes,
    *,
    env: dict[str, str],
    keys: bytes = b"\r",
    settle: float = 1.0,
    probe: bytes = b"q",
    answer: bytes | None = None,
    size: tuple[int, int] = (COLUMNS, ROWS),
    timeout: float = 120.0,
) -> tuple[Frame, float]:
    """Spawn `command` on a pty of `size` (columns, rows), wait for `marker`, type `keys` (e.g.
    Enter: open an article), wait `settle` seconds (its work is under way), type `probe`, and
    time until the screen shows `answer` (written after the probe), or with `answer` None until
    the process exits.

    Returns the frame and the seconds from the probe to its answer (`timeout` if none came)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    full_env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor", **env}
    full_env.pop("NO_COLOR", None)
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdin=slave, stdout=slave, stderr=slave, env=full_env, start_new_session=True, close_fds=True
    )
    os.close(slave)

    def drain(seconds: float, until: bytes | None = None) -> bool:
        tail = b""
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            if process.poll() is not None:
                return until is None
            ready, _, _ = select.select([master], [], [], 0.02)
            if ready:
                try:
                    chunk = os.read(master, 1 << 16)
                except OSError:
                    return until is None
                tail = tail[-len(until or b"") :] + chunk
                if until is not None and until in tail:
                    return True
        return until is None

    try:
        if not drain(timeout, marker):
            raise TimeoutError(f"no first frame from {command} in {timeout:.0f} s")
        frame = Frame(time.perf_counter() - start, time.time())
        os.write(master, keys)
        drain(settle)
        os.write(master, probe)
        pressed = time.perf_counter()
        if answer is not None:
            answered = drain(timeout, answer)
            took = time.perf_counter() - pressed if answered else timeout
        else:
            end = pressed + timeout
            while process.poll() is None and time.perf_counter() < end:
                drain(0.02)
            took = time.perf_counter() - pressed if process.poll() is not None else timeout
    finally:
        _stop(process)
        os.close(master)
    return frame, took
