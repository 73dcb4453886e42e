"""Filling the analysis cache ahead of time (after a feeds refresh, say) in a separate process.

`start_background_analysis(ids)` starts `python -m tui.analysis.background`, which lowers its own
priority (nice 19), loads the model, and analyses those of the articles that are not cached yet,
reading them through `Library.default().get` (the user library and the bundled samples). Opening
one of them later is then a cache hit. A separate process, not a thread: the app's UI thread does
not share the GIL with spaCy, and the app's exit never waits for it (the process goes on alone,
and everything it finished is in the cache; killing it loses only the article in progress). The
ids go through a temporary file, so the caller never blocks on a pipe.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger("dateline.nlp")


def start_background_analysis(
    article_ids: Iterable[str], *, env: dict[str, str] | None = None
) -> subprocess.Popen[bytes] | None:
    """Start analysing these articles in a low-priority process; None when there is nothing to do
    (no ids, or no model installed). The caller may `wait()` or `terminate()` the process, or
    leave it: it stops by itself when done. `env`: the environment of the process (default: this
    process's, which carries the DATELINE_* dirs)."""
    from tui.analysis.engine import expected_model_name

    ids = list(dict.fromkeys(article_ids))
    if not ids or expected_model_name() is None:
        return None
    with tempfile.NamedTemporaryFile("w", prefix="dateline-analyse-", suffix=".txt", delete=False) as out:
        out.write("\n".join(ids) + "\n")
    try:
        return subprocess.Popen(
            [sys.executable, "-m", "tui.analysis.background", out.name],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl-C in the terminal of the app does not reach it
            env=env,
        )
    except OSError:
        log.exception("could not start the background analysis")
        Path(out.name).unlink(missing_ok=True)
        return None


def main(argv: list[str]) -> int:
    """Analyse the articles whose ids are listed in the file `argv[0]` (which is then deleted)."""
    if hasattr(os, "nice"):
        os.nice(19)
    listing = Path(argv[0])
    try:
        ids = [line for line in listing.read_text(encoding="utf-8").splitlines() if line]
    finally:
        listing.unlink(missing_ok=True)
    from tui.analysis.entity_index import ArticlesByID
    from tui.analysis.model import Analyzer
    from tui.store.library import Library
    from tui.store.paths import cache_dir

    analyzer = Analyzer(cache_dir())
    todo = analyzer.unanalyzed(ids)
    if not todo or analyzer.ensure_model() is None:
        return 0
    library = Library.default()
    library.refresh()  # articles added since the index was last brought up to date
    # No threads here: one forked worker per core (at nice 19 too, inherited).
    for _ in analyzer.analyze_many(ArticlesByID(library.get, todo), n_process=0):
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
