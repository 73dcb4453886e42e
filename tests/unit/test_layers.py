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
