"""The real `dateline` command in a real pseudo-terminal (tmux), fed a hostile article (issue 5).

Keys arrive in separate chunks with small delays, as over SSH. Checks: the article's text is on the
screen, its title-setting (OSC 0) and clipboard (OSC 52) sequences never reach the terminal, library
warnings stay off the screen (they go to the log in the cache dir), and `q` exits 0.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

DATELINE = Path(sys.executable).with_name("dateline")
TITLE = "Harbour Council Votes To Close Bridge"
HOSTILE = (
    f"\x1b]0;PWNTITLE\x07{TITLE}\x1b]2;PWNTITLE2\x1b\\\n\n"
    "The council in Leeds met on Monday \x1b[31;1mand voted\x1b[0m to close the old bridge "
    "over the river.\n\n"
    "Mayor Jane Porter said \x1b]52;c;UFdOQ0xJUA==\x07the repairs would cost four million "
    "pounds this year.\n\n"
    "Engineers from Arup will start in March \x9b2J while traffic moves to Park Road, officials said.\n"
)

pytestmark = [
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)"),
    pytest.mark.skipif(not DATELINE.exists(), reason=f"no dateline console script at {DATELINE}"),
]


class Tmux:
    """A private tmux server (own socket) running one session."""

    def __init__(self, socket: str, config: Path) -> None:
        self.base = ["tmux", "-L", socket, "-f", str(config)]

    def run(self, *args: str) -> str:
        result = subprocess.run([*self.base, *args], capture_output=True, text=True, timeout=10, check=False)
        return result.stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "e2e")

    def pane_title(self) -> str:
        return self.run("display", "-p", "-t", "e2e", "#{pane_title}").strip()

    def keys(self, *keys: str) -> None:
        """Send keys one chunk at a time, as a slow link would deliver them."""
        for key in keys:
            self.run("send-keys", "-t", "e2e", key)
            time.sleep(0.08)


def wait_for(check: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    # Clipboard writes (OSC 52) would land in tmux's paste buffers with set-clipboard on.
    config = tmp_path / "tmux.conf"
    config.write_text("set -g set-clipboard on\nset -g allow-rename on\n", encoding="utf-8")
    server = Tmux(f"dateline-test-{os.getpid()}", config)
    yield server
    server.run("kill-server")


def test_hostile_article_in_a_real_terminal(
    tmux: Tmux, tmp_path: Path, isolated_dirs: dict[str, Path]
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    exit_file = tmp_path / "exit-code"
    env = {
        "DATELINE_CONFIG_DIR": str(isolated_dirs["config"]),
        "DATELINE_DATA_DIR": str(isolated_dirs["data"]),
        "DATELINE_STATE_DIR": str(isolated_dirs["state"]),
        "DATELINE_CACHE_DIR": str(isolated_dirs["cache"]),
        "ESCDELAY": "25",
        "TERM": "xterm-256color",
        "PYTHONWARNINGS": "always",  # warnings must still stay off the screen
    }
    exports = " ".join(f"{k}={v}" for k, v in env.items())
    command = f"env {exports} {DATELINE} {folder}; echo $? > {exit_file}; sleep 30"
    tmux.run("new-session", "-d", "-s", "e2e", "-x", "100", "-y", "30", "sh", "-c", command)
    title_before = tmux.pane_title()

    assert wait_for(lambda: TITLE in tmux.screen(), timeout=15), tmux.screen()
    assert wait_for(lambda: "Leeds" in tmux.screen()), tmux.screen()
    tmux.keys("j", "k", "Enter")
    tmux.keys("Tab", "j", "j", "Escape")
    tmux.keys("f")
    time.sleep(0.5)
    tmux.keys("f")
    assert wait_for(lambda: "Mayor Jane Porter" in tmux.screen() or "Leeds" in tmux.screen())
    screen = tmux.screen()
    assert "PWN" not in screen
    assert "W0" not in screen and "Warning" not in screen, screen
    assert tmux.pane_title() == title_before
    assert "PWN" not in tmux.pane_title()
    assert tmux.run("list-buffers").strip() == "", "the article wrote to the clipboard"

    tmux.keys("q")
    assert wait_for(exit_file.exists, timeout=10), tmux.screen()
    assert wait_for(lambda: exit_file.read_text().strip() != "", timeout=2)
    assert exit_file.read_text().strip() == "0"
    assert (isolated_dirs["cache"] / "dateline.log").exists()
    assert tmux.pane_title() == title_before
