"""Runs the `dateline` command like the console script does, noting when spaCy is first imported.

The time (time.time(), seconds) goes to the file named by DATELINE_BENCH_SPACY_MARK, so the
benchmark can tell whether spaCy was imported before the first frame reached the terminal.

It imports nothing the console script does not (`importlib.abc`, which the finder below need not
subclass, brought `importlib.resources` with it: some 1.5 ms on every timed start).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.machinery import ModuleSpec
    from types import ModuleType


class _SpacyWatch:
    """Writes the time of the first `import spacy` and then steps aside (a meta path finder:
    `sys.meta_path` asks any object with `find_spec`)."""

    def __init__(self, mark: str) -> None:
        self.mark = mark

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname == "spacy":
            with open(self.mark, "w", encoding="utf-8") as handle:
                handle.write(repr(time.time()))
            sys.meta_path.remove(self)
        return None  # the normal finders do the import


if __name__ == "__main__":
    mark = os.environ.get("DATELINE_BENCH_SPACY_MARK")
    if mark:
        sys.meta_path.insert(0, _SpacyWatch(mark))
    from tui.cli import main

    sys.exit(main(sys.argv[1:]))
