"""Name commands over an analysed library never load the language model (issue 18, item 6): each
command runs in its own process after `dateline analyze` (which brings the names index up to date
too), and must not import spaCy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tui.names.follows import Follows
from tui.names.index import NameIndex
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
def analysed(
    loaded_model: object, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The default library (the samples) analysed by `dateline analyze`, which also brings the
    names index up to date, with one name followed."""
    from tui.analysis import engine as nlp
    from tui.cli import main

    monkeypatch.setattr(nlp, "load_model", lambda: (loaded_model, "Model loaded"))
    assert main(["analyze", "--processes", "1"]) == 0
    capsys.readouterr()
    library = Library.default()
    assert NameIndex(cache_dir()).indexed_ids() == {s.id for s in library.refresh()}
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
