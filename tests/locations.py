"""Where the tests find the checkout and their data, whatever folder a test module sits in."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
DATA = TESTS / "data"
