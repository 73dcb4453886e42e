"""STYLE.md rule 4: the core modules import without Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE_MODULES = [
    "tui.article",
    "tui.analysis",
    "tui.sanitize",
    "tui.paths",
    "tui.ingest",
    "tui.library",
    "tui.nlp",
    "tui.facts",
    "tui.entities",
    "tui.labels",
    "tui.render",
    "tui.bookmarks",
    "tui.config",
    "tui.export",
    "tui.links",
    "tui.entity_index",
    "tui.fact_lines",
    "tui.cache_db",
]


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_textual(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "assert not bad, bad\n"
        "assert 'spacy' not in sys.modules or '" + module + "' in ('tui.facts', 'tui.entities')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_app_module_does_not_import_spacy_at_import_time() -> None:
    code = "import sys, tui.app, tui.__main__\nassert 'spacy' not in sys.modules\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
