"""Quitting while a huge article is being analysed ends the process at once (issue 13).

The analysis is replaced by one that never ends and never looks at its cancel flag, like a single
spaCy call on a long text: the app must still exit when `q` is pressed. Not timed: the only bound is
a generous timeout, which a process that waits for its worker never meets.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = r"""
import sys, threading, time
from pathlib import Path

from tui.analysis import model

started = threading.Event()


def never_ending(loaded, article, cancelled=None, limit=model.MAX_ANALYSIS_CHARS):
    started.set()
    while True:  # one long uninterruptible call: the cancel flag is never read
        time.sleep(0.05)


model.analyze_text = never_ending
model.load_model = lambda: (model.LoadedModel(nlp=None, name="never-ending-1.0"), "Model never-ending")

from tui.store.library import Library
from tui.ui.app import DatelineApp

app = DatelineApp(Library.for_paths([Path(sys.argv[1])]))


def press_q_once_analysing():
    if not started.wait(120):
        print("the analysis never started", flush=True)
        return
    print("analysing", flush=True)
    app.call_from_thread(app.simulate_key, "q")


threading.Thread(target=press_q_once_analysing, daemon=True).start()
app.run(headless=True, size=(100, 30))
print("app.run returned", flush=True)
"""


def test_quitting_during_a_never_ending_analysis_exits_the_process(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    sentence = "Officials in the harbour town of Aurel said ferry {n} would run again next week."
    lines = ["Ferry Service Returns to Aurel", "", *(sentence.format(n=n) for n in range(30_000))]
    huge.write_text("\n".join(lines), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(huge)],
        capture_output=True,
        text=True,
        env=dict(os.environ),  # the isolated DATELINE_* dirs of this test
        timeout=180,  # generous: without the fix the process never exits
        check=False,
    )
    assert "analysing" in done.stdout, done.stdout + done.stderr
    assert "app.run returned" in done.stdout, done.stdout + done.stderr
    assert done.returncode == 0, done.stderr
