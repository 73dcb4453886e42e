"""Name commands over an analysed library never load the language model (issue 18, item 6): each
command runs in its own process after the library is analysed, which must not import spaCy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tui.analysis.model import Analyzer
from tui.names.follows import Follows
from tui.names.identity import CorrectionsFile
from tui.names.index import NameIndex
from tui.names.service import Names
from tui.store.library import Library
from tui.store.paths import cache_dir

SCRIPT = """
import sys
from tui.cli import main
code = main(sys.argv[1:])
print("SPACY" if "spacy" in sys.modules else "NO-SPACY")
sys.exit(code)
"""


@pytest.fixture
def analysed(loaded_model: object) -> None:
    """The default library (the samples), analysed and indexed, with one name followed."""
    analyzer = Analyzer(cache_dir())
    analyzer.use_model(loaded_model, "Model loaded")  # type: ignore[arg-type]
    corrections = CorrectionsFile()
    names = Names(Library.default(), analyzer, NameIndex(cache_dir(), corrections.load()), corrections)
    names.prepare()
    Follows().add("Lisbon")


@pytest.mark.parametrize(
    "command",
    [
        ["stories"],
        ["news", "--json"],
        ["follow", "list"],
        ["timeline", "Lisbon"],
        ["search", "place:Lisbon"],
    ],
)
def test_name_commands_load_no_model_when_everything_is_analysed(analysed: None, command: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *command],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "NO-SPACY", done.stderr
