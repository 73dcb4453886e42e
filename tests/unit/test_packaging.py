"""The wheel carries the styles and the sample articles; the command and `python -m tui` exist."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

import tui
from tests import locations
from tui.store.paths import samples_dir, styles_dir

CHECKOUT = locations.ROOT


def test_resources_are_found() -> None:
    assert (styles_dir() / "app.tcss").is_file()
    assert (samples_dir() / "us-japan-security-alliance.txt").is_file()
    assert len([p for p in samples_dir().iterdir() if p.is_file()]) >= 12


def test_installed_package_ships_its_own_resources() -> None:
    package = Path(tui.__file__).resolve().parent
    if package == CHECKOUT / "tui":
        pytest.skip("tui is imported from the checkout (editable install); CI installs the wheel")
    assert styles_dir() == package / "styles"
    assert samples_dir() == package / "sample_articles"
    shipped = sorted(p.name for p in (package / "sample_articles").iterdir())
    in_checkout = sorted(p.name for p in (CHECKOUT / "sample_articles").iterdir())
    assert shipped == in_checkout


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).with_name("dateline")
    assert script.exists() or shutil.which("dateline")
