"""The UI-free core (docs/ARCHITECTURE.md, "Layers") imports without Textual, checked from the tree.

The core modules are found by walking the package, not from a hand-kept list: every module outside
`tui.ui` and `tui.cli` must import without Textual (and, except the analysis modules that parse,
without spaCy).
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import tui

UI_PACKAGES = ("tui.ui", "tui.cli")
# Modules that need spaCy to do their work; everything else must not pull it in at import time.
SPACY_MODULES = ("tui.analysis.facts", "tui.analysis.entities")


def core_modules() -> list[str]:
    found = []
    for info in pkgutil.walk_packages([str(Path(tui.__file__).parent)], prefix="tui."):
        name = info.name
        if name == "tui.__main__" or any(name == p or name.startswith(p + ".") for p in UI_PACKAGES):
            continue
        found.append(name)
    return sorted(found)


def test_core_modules_are_found_from_the_tree() -> None:
    modules = core_modules()
    # One module from each core package, so a broken walk cannot pass with an empty list.
    for expected in ("tui.core.article", "tui.ingest.html", "tui.store.library", "tui.analysis.model"):
        assert expected in modules


@pytest.mark.parametrize("module", core_modules())
def test_core_module_does_not_import_textual(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "assert not bad, bad\n"
        f"assert 'spacy' not in sys.modules or {module!r} in {SPACY_MODULES!r}\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_app_module_does_not_import_spacy_at_import_time() -> None:
    code = "import sys, tui.ui.app, tui.cli, tui.cli.parser\nassert 'spacy' not in sys.modules\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_app_import_leaves_feeds_and_names_for_later() -> None:
    """The first frame pays for none of the network, feed-parsing or names code: they load when a
    key or a worker first needs them (docs/ARCHITECTURE.md, "Layers")."""
    code = (
        "import sys, tui.ui.app\n"
        "heavy = ('httpx', 'feedparser', 'trafilatura', 'lxml', 'tui.feeds.refresh', 'tui.names.index')\n"
        "loaded = [m for m in heavy if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# Imported on first use, not before the reader's first frame (issue 13): the ingest pipeline (the
# index refresh reads files in a worker), the file lock (reading never locks), package metadata
# (the model's name), TOML (only when config.toml exists), the help screen, spaCy, the dialogs the
# main screen opens on a key (mentions, export, the text prompt) and the export formats.
LATER = (
    "tui.ingest.pipeline", "tui.ingest.text", "tui.ingest.html", "urllib.request", "filelock",
    "importlib.metadata", "tomllib", "tui.ui.screens.help", "tui.analysis.facts", "spacy",
    "tui.ui.screens.mentions", "tui.ui.screens.export", "tui.ui.screens.prompt", "tui.output.export",
    # issue 20: the article view (it is mounted right after the frame), the names and article-key
    # parts (mounted with it), the feeds screen (F, or the first refresh), the command-line parser
    # and its command modules (a command needs them), hashlib (an id is made when a file is read).
    "tui.ui.main.article_pane", "tui.ui.widgets.reader", "tui.ui.widgets.facts_sidebar",
    "tui.ui.main.names_part", "tui.ui.main.article_actions", "tui.ui.screens.feeds",
    "tui.cli.parser", "tui.cli.feeds", "argparse", "hashlib",
    # issue 20, third pass: the import code (the Article record with it), the search query code,
    # the sanitiser (no bookmark, note or message to clean yet), the entity palette (the article
    # view's) and shlex (config.toml's browser command).
    "tui.store.imports", "tui.store.query", "tui.core.article", "tui.core.sanitize", "tui.output.render",
    "shlex",
)  # fmt: skip
# ... and no module of these packages: the analysis code (the model, its cache, even its types),
# the names, the feeds (fetching, parsing, their overviews) and the libraries behind them.
LATER_PACKAGES = ("tui.analysis", "tui.names", "tui.feeds", "httpx", "feedparser", "lxml", "trafilatura")


def test_the_first_frame_is_composed_before_the_modules_it_does_not_need(tmp_path: Path) -> None:
    """A new process, the `dateline` entry point's imports, then the app on a one-article folder,
    its panes after the first frame as on a terminal: what is loaded when the list is composed."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "story.txt").write_text("A Title\n\nA paragraph of the story.\n", encoding="utf-8")
    code = (
        "import asyncio, sys\n"
        "import tui.cli\n"
        "from pathlib import Path\n"
        "from tui.store.library import Library\n"
        "from tui.ui.app import DatelineApp\n"
        "from tui.ui.screens.main import MainScreen\n"
        "MainScreen.PANES_AFTER_FIRST_FRAME = True\n"
        "seen = []\n"
        "original = MainScreen.on_mount\n"
        "def on_mount(screen):\n"
        "    original(screen)\n"
        "    seen.append(set(sys.modules))\n"
        "MainScreen.on_mount = on_mount\n"
        "async def run():\n"
        f"    app = DatelineApp(Library.for_paths([Path({str(folder)!r})]))\n"
        "    async with app.run_test() as pilot:\n"
        "        await pilot.pause()\n"
        "asyncio.run(run())\n"
        f"loaded = sorted(m for m in {LATER!r} if m in seen[0])\n"
        f"packages = {LATER_PACKAGES!r}\n"
        "loaded += sorted(m for m in seen[0] if any(m == p or m.startswith(p + '.') for p in packages))\n"
        "assert not loaded, loaded\n"
        "assert 'tui.ui.widgets.article_list' in seen[0]\n"  # the check looked at the right moment
    )
    # The DATELINE_* dirs are the test's own (tests/conftest.py): the child inherits them.
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
