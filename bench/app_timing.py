"""In-process timings of the app driven by Textual's Pilot; run by bench/run.py in a subprocess.

    python bench/app_timing.py highlight LIBRARY_DIR   select-to-highlight, cached and uncached
    python bench/app_timing.py keys LIBRARY_DIR        `j` x N through the list, then peak RSS
    python bench/app_timing.py keys-bare LIBRARY_DIR   the same on a bare OptionList (the floor)
    python bench/app_timing.py keys-virtual LIBRARY_DIR  the same on bench/virtual_list_demo.py

The DATELINE_* directories must already point at temporary dirs. Prints one JSON object.
A step ends at the first screen refresh (compositor update) that shows its result, recorded by
wrapping `Screen._compositor_refresh`; headless, so the update is computed but not written.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import OptionList

SIZE = (120, 40)

# Every compositor refresh: (perf_counter when it finished, value of the probe at that time).
refreshes: list[tuple[float, Any]] = []
probe: Callable[[], Any] = lambda: None  # noqa: E731
# The step in progress: (predicate on the probe value, future to resolve with the refresh time).
waiting: tuple[Callable[[Any], bool], asyncio.Future[float]] | None = None
_original_refresh = Screen._compositor_refresh


def _recording_refresh(self: Screen[Any]) -> None:
    _original_refresh(self)
    now, value = time.perf_counter(), probe()
    refreshes.append((now, value))
    if waiting is not None and not waiting[1].done() and waiting[0](value):
        waiting[1].set_result(now)


Screen._compositor_refresh = _recording_refresh  # type: ignore[method-assign]


async def _until(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("benchmark step did not finish")
        await asyncio.sleep(0.01)


async def _step(app: App[Any], key: str, done: Callable[[Any], bool]) -> float:
    """Send one key; seconds until a refresh whose probe satisfies `done` (no polling: the
    refresh hook resolves a future, so the measurement adds no work of its own)."""
    global waiting
    finished: asyncio.Future[float] = asyncio.get_running_loop().create_future()
    waiting = (done, finished)
    start = time.perf_counter()
    assert app._driver is not None
    app._driver.send_message(events.Key(key, key if len(key) == 1 else None))
    try:
        return await asyncio.wait_for(finished, timeout=60) - start
    finally:
        waiting = None


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ----- select-to-highlight ---------------------------------------------------------------------
async def highlight(folder: Path) -> dict[str, Any]:
    """Open each article (Enter) uncached, then again cached; time until highlighting is drawn."""
    global probe
    import spacy  # noqa: F401 - loaded before timing, as the app does after its first frame

    from tui.analysis.engine import DISABLED_COMPONENTS, load_model
    from tui.analysis.model import Analyzer
    from tui.store.library import Library
    from tui.store.paths import cache_dir
    from tui.ui.app import DatelineApp
    from tui.ui.widgets.article_list import ArticleList
    from tui.ui.widgets.reader import ArticleView

    library = Library([folder])
    library.refresh()
    model, status = load_model()
    assert model is not None, status
    analyzer = Analyzer(cache_dir())
    analyzer.use_model(model, status)
    app = DatelineApp(library, analyzer=analyzer)
    uncached: list[float] = []
    cached: list[float] = []
    words: list[int] = []
    async with app.run_test(size=SIZE):
        reader = app.query_one(ArticleView)
        articles = app.query_one(ArticleList)
        # The app opens the first article itself; let that finish before timing anything.
        await _until(lambda: reader.analysis is not None)
        await asyncio.sleep(0.2)

        def shown() -> str | None:
            return reader.analysis.article_id if reader.analysis is not None else None

        probe = shown
        order = list(range(1, len(articles.summaries))) + [0]
        for rounds, bucket in ((order[:-1], uncached), (order, cached)):
            for index in rounds:
                target = articles.summaries[index].id
                articles.highlighted = index
                await asyncio.sleep(0.05)
                bucket.append(await _step(app, "enter", lambda value, t=target: value == t))
                if bucket is uncached:
                    words.append(articles.summaries[index].words)
                await asyncio.sleep(0.05)
    # spaCy's own time for the same texts: the full default pipeline, nothing else.
    import spacy as spacy_module

    full = spacy_module.load(model.name.rsplit("-", 1)[0])
    bodies = [library.get(s.id).body for s in library.summaries()]  # type: ignore[union-attr]
    full(bodies[0])
    spacy_times = []
    app_pipeline_times = []
    for body in bodies[1:]:
        start = time.perf_counter()
        full(body)
        spacy_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        model.nlp(body)
        app_pipeline_times.append(time.perf_counter() - start)
    return {
        "uncached": uncached,
        "cached": cached,
        "words": words,
        "spacy_full": spacy_times,
        "spacy_app_pipeline": app_pipeline_times,
        "disabled": list(DISABLED_COMPONENTS),
    }


# ----- keypress --------------------------------------------------------------------------------
async def _press_through(
    app: App[Any], option_list: OptionList, presses: int, key: str = "j"
) -> dict[str, Any]:
    global probe
    probe = lambda: option_list.highlighted  # noqa: E731
    option_list.highlighted = 0
    await asyncio.sleep(0.3)
    steps: list[float] = []
    cpu = time.process_time()
    wall = time.perf_counter()
    for expected in range(1, presses + 1):
        steps.append(await _step(app, key, lambda value, e=expected: value == e))
    return {
        "steps": steps,
        "cpu_per_step": (time.process_time() - cpu) / presses,
        "wall_per_step": (time.perf_counter() - wall) / presses,
    }


async def keys(folder: Path, presses: int) -> dict[str, Any]:
    """The real app on the library; waits for the model and the first analysis, then `j` x N."""
    from tui.store.library import Library
    from tui.ui.app import DatelineApp
    from tui.ui.widgets.article_list import ArticleList
    from tui.ui.widgets.reader import ArticleView

    app = DatelineApp(Library([folder]))
    async with app.run_test(size=SIZE):
        reader = app.query_one(ArticleView)
        articles = app.query_one(ArticleList)
        await _until(lambda: reader.analysis is not None and app.analyzer.loaded, timeout=120)
        await _until(lambda: len(articles.summaries) > presses)
        result = await _press_through(app, articles, presses)
        result["rows"] = len(articles.summaries)
        result["model"] = app.analyzer.model.name if app.analyzer.model else None
    result["peak_rss_mb"] = _peak_rss_mb()
    return result


class BareList(App[None]):
    """A plain OptionList with the same rows: Textual's own cost of moving a highlight."""

    CSS = "OptionList { width: 30; height: 1fr; }"

    def __init__(self, rows: list[str]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield OptionList(*self.rows)


async def keys_bare(folder: Path, presses: int) -> dict[str, Any]:
    """The floor: the same titles in a bare OptionList."""
    from tui.store.library import Library

    rows = [f"{s.title}\n  {s.source} · {s.published}" for s in Library([folder]).summaries()]
    app = BareList(rows)
    async with app.run_test(size=SIZE):
        option_list = app.query_one(OptionList)
        option_list.focus()
        # A bare OptionList binds `down`, not `j`, to the same cursor_down action.
        result = await _press_through(app, option_list, presses, key="down")
        result["rows"] = len(rows)
    result["peak_rss_mb"] = _peak_rss_mb()
    return result


async def keys_virtual(folder: Path, presses: int) -> dict[str, Any]:
    """The virtual-list prototype (bench/virtual_list_demo.py) on the same library."""
    global probe
    from virtual_list_demo import DemoApp, VirtualArticleList

    from tui.store.library import Library

    app = DemoApp(Library([folder]))
    async with app.run_test(size=SIZE):
        rows = app.query_one(VirtualArticleList)
        await _until(lambda: len(rows.rows) > presses)
        probe = lambda: rows.cursor  # noqa: E731
        await asyncio.sleep(0.3)
        steps: list[float] = []
        cpu, wall = time.process_time(), time.perf_counter()
        for expected in range(1, presses + 1):
            steps.append(await _step(app, "j", lambda value, e=expected: value == e))
        result: dict[str, Any] = {
            "steps": steps,
            "cpu_per_step": (time.process_time() - cpu) / presses,
            "wall_per_step": (time.perf_counter() - wall) / presses,
            "rows": len(rows.rows),
        }
    result["peak_rss_mb"] = _peak_rss_mb()
    return result


def main(argv: list[str]) -> int:
    what, folder = argv[0], Path(argv[1])
    presses = int(argv[2]) if len(argv) > 2 else 500
    if what == "highlight":
        result = asyncio.run(highlight(folder))
    elif what == "keys":
        result = asyncio.run(keys(folder, presses))
    elif what == "keys-bare":
        result = asyncio.run(keys_bare(folder, presses))
    elif what == "keys-virtual":
        result = asyncio.run(keys_virtual(folder, presses))
    else:
        raise SystemExit(f"unknown benchmark {what!r}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
