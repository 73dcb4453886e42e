"""Keys are answered while a huge article is being analysed (issue 13).

The model is replaced by one whose parse of the huge article never returns and never looks at a
cancel flag, like a single spaCy call on a long text: `q` must still end the process, and `Esc` and
opening another article must still change the screen. Not timed: the only bounds are generous
timeouts, which an app that waits for its worker never meets. Also: while a huge file's text is
still going into the full-text index, search says so, and finds it once it is in.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tui.analysis.engine import LoadedModel
from tui.analysis.model import Analyzer
from tui.ingest import text as scraped
from tui.store import library as library_module
from tui.store.library import Library
from tui.ui.app import DatelineApp
from tui.ui.widgets.article_list import ArticleList
from tui.ui.widgets.reader import ArticleView

SENTENCE = "Officials in the harbour town of Aurel said ferry {n} would run again next week."
HUGE_TITLE = "Ferry Service Returns to Aurel"


def write_huge(path: Path) -> Path:
    """An article past every huge-input threshold: more lines than the scraped-text rules read
    whole, and more text than the index takes before the list is shown."""
    lines = [HUGE_TITLE, "", *(SENTENCE.format(n=n) for n in range(60_000))]
    path.write_text("\n".join(lines), encoding="utf-8")
    assert len(lines) > 2 * scraped._CLASSIFY_ALL_UNITS
    assert path.stat().st_size > 2 * library_module._DEFER_TEXT_CHARS
    return path


SCRIPT = r"""
import sys, threading, time
from pathlib import Path

from tui.analysis import engine as model

started = threading.Event()


class NeverEndingParse:
    # One long uninterruptible call: it never returns and never reads the cancel flag.
    def pipe(self, texts, batch_size=1):
        started.set()
        while True:
            time.sleep(0.05)
        yield


parsed = []
real_analyze_text = model.analyze_text


def analyze_text(loaded, article, *args, **kwargs):
    parsed.append(len(article.body))
    return real_analyze_text(loaded, article, *args, **kwargs)


model.analyze_text = analyze_text
never_ending = model.LoadedModel(nlp=NeverEndingParse(), name="never-ending-1.0")
model.load_model = lambda: (never_ending, "Model never-ending")

from tui.store.library import Library
from tui.ui.app import DatelineApp

app = DatelineApp(Library.for_paths([Path(sys.argv[1])]))


def press_q_once_analysing():
    if not started.wait(120):
        print("the analysis never started", flush=True)
        return
    print(f"analysing {parsed[-1]} characters", flush=True)
    app.call_from_thread(app.simulate_key, "q")


threading.Thread(target=press_q_once_analysing, daemon=True).start()
app.run(headless=True, size=(100, 30))
print("app.run returned", flush=True)
"""


def test_quitting_during_the_analysis_of_a_huge_article_exits_the_process(tmp_path: Path) -> None:
    huge = write_huge(tmp_path / "huge.txt")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(huge)],
        capture_output=True,
        text=True,
        env=dict(os.environ),  # the isolated DATELINE_* dirs of this test
        timeout=180,  # generous: without the fix the process never exits
        check=False,
    )
    assert "app.run returned" in done.stdout, done.stdout + done.stderr
    assert done.returncode == 0, done.stderr
    # It was the huge article's parse that was under way when q was pressed.
    said = [line.split()[1] for line in done.stdout.splitlines() if line.startswith("analysing ")]
    assert said and int(said[0]) > library_module._DEFER_TEXT_CHARS, done.stdout


class BlockedParse:
    """A model whose parse of a long text blocks until the test ends (cancel flag never read)."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.started = threading.Event()

    def pipe(self, texts: list[str], batch_size: int = 1) -> Iterator[Any]:
        if sum(map(len, texts)) > 1000:  # the huge article (batches of ~5,000 characters)
            self.started.set()
            self.release.wait()
        return iter(())  # the small article: no entities (and the huge one, once released)


async def wait_for(pilot: Pilot[Any], condition: Any, what: str) -> None:
    for _ in range(1200):  # a bound so that a failure fails instead of hanging: 60 s
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"never happened: {what}")


async def test_esc_and_opening_another_article_answer_while_a_huge_article_is_analysed(
    tmp_path: Path,
) -> None:
    huge = write_huge(tmp_path / "huge.txt")
    small = tmp_path / "small.txt"
    small.write_text(
        "Zoning Board Hears the Harbour Tram Plan\n\nThe zoning board heard the tram plan on Monday "
        "evening.\n\nResidents asked the board to publish the survey before it votes.\n",
        encoding="utf-8",
    )
    blocked = BlockedParse()
    analyzer = Analyzer(tmp_path / "analysis-cache")
    analyzer.use_model(LoadedModel(nlp=blocked, name="blocked-1.0"), "Model blocked")
    app = DatelineApp(Library.for_paths([huge, small]), analyzer=analyzer)
    try:
        async with app.run_test(size=(60, 24)) as pilot:  # tiny: the article takes the list's place
            view = app.screen.query_one(ArticleView)
            articles = app.screen.query_one(ArticleList)
            await wait_for(pilot, lambda: len(articles.summaries) == 2, "the list")
            assert articles.summaries[0].title == HUGE_TITLE
            await wait_for(pilot, blocked.started.is_set, "the huge article's analysis")
            await pilot.press("enter")  # read it (its analysis starts again, and blocks again)
            await wait_for(pilot, lambda: app.screen.has_class("-reading"), "the article on screen")
            assert view.article is not None and view.article.title == HUGE_TITLE
            assert view.analysis is None  # still being analysed

            await pilot.press("escape")
            await wait_for(pilot, lambda: not app.screen.has_class("-reading"), "Esc: the list back")
            assert articles.has_focus

            await pilot.press("j", "enter")
            await wait_for(
                pilot,
                lambda: view.article is not None and view.article.title.startswith("Zoning"),
                "the other article opened",
            )
            assert app.screen.has_class("-reading")
            assert not blocked.release.is_set()  # the huge article's parse never ended meanwhile
    finally:
        blocked.release.set()


class KeyThreadDriver:
    """Textual's terminal driver as far as stopping input goes: disable_input sets the event,
    joins the key thread, clears the event (tests/ui cannot run the real one without a tty)."""

    def __init__(self, release: threading.Event) -> None:
        self.exit_event = threading.Event()
        self.stopped = threading.Event()

        def keys() -> None:
            while not self.exit_event.wait(0.01):
                pass
            release.wait()  # the driver's last select(): the thread ends only after it
            self.stopped.set()

        self._key_thread: threading.Thread | None = threading.Thread(target=keys, daemon=True)
        self._key_thread.start()

    def disable_input(self) -> None:
        if not self.exit_event.is_set():
            self.exit_event.set()
            if self._key_thread is not None:
                self._key_thread.join()
            self.exit_event.clear()


def test_an_exiting_app_does_not_wait_for_the_key_thread_but_stops_it() -> None:
    from types import SimpleNamespace

    from tui.ui.threads import input_never_delays_exit

    release = threading.Event()
    safety = threading.Timer(30, release.set)  # a waiting disable_input fails the test, not hangs it
    safety.daemon = True
    safety.start()
    driver = KeyThreadDriver(release)
    app = SimpleNamespace(_driver=driver, _exit=True)
    input_never_delays_exit(app)
    driver.disable_input()  # returns although the key thread cannot end yet
    assert driver.exit_event.is_set() and not driver.stopped.is_set()
    release.set()
    assert driver.stopped.wait(30)  # told to stop, it does

    # Not exiting (suspended for a moment): the key thread is waited for, as Textual does.
    driver = KeyThreadDriver(release)
    app = SimpleNamespace(_driver=driver, _exit=False)
    input_never_delays_exit(app)
    driver.disable_input()
    assert driver.stopped.is_set()
    safety.cancel()


async def test_search_says_the_text_of_a_huge_file_is_still_being_indexed_then_finds_it(
    tmp_path: Path, monkeypatch: Any
) -> None:
    from textual.widgets import Static

    huge = write_huge(tmp_path / "huge.txt")
    release = threading.Event()
    index_pending_text = Library.index_pending_text

    def held(self: Library, cancelled: Any = None) -> bool:
        release.wait(60)
        return index_pending_text(self, cancelled)

    monkeypatch.setattr(Library, "index_pending_text", held)
    blocked = BlockedParse()
    analyzer = Analyzer(tmp_path / "analysis-cache")
    analyzer.use_model(LoadedModel(nlp=blocked, name="blocked-1.0"), "Model blocked")
    app = DatelineApp(Library.for_paths([huge]), analyzer=analyzer)
    try:
        async with app.run_test(size=(120, 30)) as pilot:
            articles = app.screen.query_one(ArticleList)
            status = app.screen.query_one("#list-status", Static)
            await wait_for(pilot, lambda: len(articles.summaries) == 1, "the list")
            await pilot.press("slash", *"aurel")
            await wait_for(pilot, lambda: "aurel" in str(status.render()), "the search")
            assert str(status.render()).startswith("indexing… · 0 matches")
            release.set()
            await wait_for(pilot, lambda: str(status.render()).startswith("1 match"), "the match")
    finally:
        release.set()
        blocked.release.set()
