"""What every command module shares: messages, output that survives a closed pipe, logging, and
finding and analysing one article.

Command modules import only this module and `argparse` at import time; everything heavy (the
library, spaCy, Textual) is imported inside the handlers, so `dateline --version` and
`dateline list` stay fast.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.progress import Progress, ProgressColumn

    from tui.analysis.model import Analyzer
    from tui.analysis.types import Analysis
    from tui.core.article import Article
    from tui.store.bookmarks import BookmarkStore
    from tui.store.library import Library, SearchHit
    from tui.store.readstate import ReadState

# The exit code of a command whose reader went away (`dateline list | head -1`): what a shell
# reports for a process ended by SIGPIPE (128 + 13), so scripts can tell it from success.
EXIT_BROKEN_PIPE = 141


class UsageError(Exception):
    """Bad command-line usage that argparse cannot see (exit code 2, the message on stderr)."""


class InputError(Exception):
    """An input that names nothing there is (`list --feed` of no feed): exit code 1, the message
    on stderr. For a check made deep in a handler, where returning the code is awkward."""


def err(message: str) -> None:
    """`dateline: <message>` on stderr, sanitised (no terminal escapes from article text)."""
    from tui.core.sanitize import clean_line

    print(f"dateline: {clean_line(message)}", file=sys.stderr)


def out(line: str = "") -> None:
    """One line of a command's output on stdout (the caller cleans article text in it)."""
    print(line)


def write_out(text: str) -> None:
    """Text as it is (an export, a JSON document) on stdout."""
    sys.stdout.write(text)


def print_json(data: Any) -> None:
    """`data` as indented JSON (UTF-8, not ASCII-escaped) on stdout."""
    print(json.dumps(data, ensure_ascii=False, indent=2))


def load_read_state() -> ReadState:
    """The read state, loaded (said on stderr when it cannot be read; a damaged file is moved aside
    and that is said too). For every command that counts or filters unread articles."""
    from tui.store.readstate import ReadState

    state = ReadState()
    try:
        state.load()
    except OSError as error:
        err(f"cannot read the read state: {error}")
    for message in state.messages:
        err(message)
    return state


def search_hit_json(hit: SearchHit) -> dict[str, Any]:
    """One result of `search --json` (docs/ARCHITECTURE.md, "The command line")."""
    return {
        "id": hit.summary.id,
        "title": hit.summary.title,
        "source": hit.summary.source,
        "published": hit.summary.published,
        "snippet": hit.snippet,
        "matches": [list(m) for m in hit.matches],
    }


def stdout_closed() -> int:
    """After a BrokenPipeError: the reader of stdout is gone (`| head`). Point stdout at devnull so
    the interpreter's final flush cannot fail again (the recipe of the Python docs, "Note on
    SIGPIPE"), and return the exit code to end with."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # stdout without a file descriptor
        pass
    return EXIT_BROKEN_PIPE


def setup_logging() -> None:
    """Library warnings (spaCy's W095 and friends) and notices go to the log file in the cache
    dir (`CacheLayout.log_file`), never over the screen."""
    from tui.store.paths import cache_layout

    logging.captureWarnings(True)
    try:
        layout = cache_layout()
        layout.root.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(layout.log_file, encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in root.handlers:
        old.close()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)


def find_article(id_or_path: str) -> Article | None:
    """The article with this id (or unique id prefix) or in this file; None with the reason on
    stderr when there is none."""
    from tui.ingest.pipeline import IngestError
    from tui.store.library import Library

    library = Library.default()
    if not Path(id_or_path).exists():
        library.refresh()  # incremental: only new or changed files are read
    try:
        article = library.find(id_or_path)
    except IngestError as exc:
        err(f"{id_or_path}: {exc}")
        return None
    if article is None and not Path(id_or_path).exists():
        article = _bookmarked_before(library, id_or_path.strip())
    if article is None:
        err(f"no article with id or path {id_or_path!r}")
    return article


def _bookmarked_before(library: Library, article_id: str) -> Article | None:
    """The article a bookmark follows whose article had this id before it was updated (a feed item
    stored again under a new id), so an id copied from an earlier listing still works."""
    if not article_id:
        return None
    bookmark = followed_bookmarks(library).find(article_id)
    return library.get(bookmark.article_id) if bookmark is not None else None


def followed_bookmarks(library: Library | None = None, *, keep_unsaved: bool = False) -> BookmarkStore:
    """The bookmarks, loaded (what the user must be told on stderr), each following its article
    to the copy that replaced it in the library (an updated feed item has a new id): the id a
    command prints or matches is the one the library has now."""
    from tui.store.bookmarks import BookmarkStore
    from tui.store.library import Library

    store = BookmarkStore(keep_unsaved=keep_unsaved)
    for message in store.load():
        err(message)
    if store.bookmarks:
        if library is None:
            library = Library.default()
            library.refresh()  # incremental: only new or changed files are read
        store.follow(library.summaries())
        for message in store.take_messages():
            err(message)
    return store


def analyze_article(article: Article) -> Analysis:
    """The article's analysis (from the cache when it has one); without a model, the reason is on
    stderr and the analysis is empty."""
    analyzer = make_analyzer()
    analysis = analyzer.analyze(article)
    assert analysis is not None  # only a cancelled analysis is None, and nothing cancels this one
    if analysis.model is None:  # a cached analysis needs (and loads) no model
        err(analyzer.status)
    return analysis


def shown_article(id_or_path: str) -> tuple[Article, Analysis] | None:
    """The article with its analysis as the library shows it (names.json corrections applied, their
    notices on stderr), for `show` and `export`; None with the reason on stderr when there is no
    such article."""
    article = find_article(id_or_path)
    if article is None:
        return None
    from tui.output.export import as_the_library_shows

    analysis, messages = as_the_library_shows(article, analyze_article(article))
    for message in messages:
        err(message)
    return article, analysis


def remove_and_report(
    remove: Callable[[], bool],
    messages: Callable[[], Iterable[str]],
    *,
    saving: str,
    missing: str,
    done: str,
) -> int:
    """The exit code of a `... remove` command (`feeds remove`, `follow remove`): 1 with `could not
    save <saving>` when the write fails, 1 with `missing` when there was nothing to remove, else 0
    with `done` on stdout. The store's own notices (a damaged file moved aside) are said on stderr
    once the write went through: never silently."""
    try:
        removed = remove()
    except OSError as problem:
        err(f"could not save {saving}: {problem}")
        return 1
    for message in messages():
        err(message)
    if not removed:
        err(missing)
        return 1
    out(done)
    return 0


def counting_progress(label: str, *after: str | ProgressColumn, auto_refresh: bool = True) -> Progress:
    """A transient progress bar on stderr (stdout stays the command's output): `label`, the bar,
    `done/total`, then the columns `after` (a string is a text column)."""
    from rich.progress import BarColumn, MofNCompleteColumn

    return stderr_progress(label, BarColumn(), MofNCompleteColumn(), *after, auto_refresh=auto_refresh)


def stderr_progress(*columns: str | ProgressColumn, auto_refresh: bool = True) -> Progress:
    """A transient progress bar of these columns on stderr (a string is a text column); gone from
    the terminal when the work is done."""
    from rich.console import Console
    from rich.progress import Progress, TextColumn

    return Progress(
        *(TextColumn(column) if isinstance(column, str) else column for column in columns),
        console=Console(stderr=True),
        transient=True,
        auto_refresh=auto_refresh,
    )


def make_analyzer() -> Analyzer:
    """An Analyzer on the user's cache dir (the model loads on first use)."""
    from tui.analysis.model import Analyzer
    from tui.store.paths import cache_dir

    return Analyzer(cache_dir())


__all__ = [
    "EXIT_BROKEN_PIPE",
    "InputError",
    "UsageError",
    "analyze_article",
    "counting_progress",
    "err",
    "find_article",
    "followed_bookmarks",
    "make_analyzer",
    "out",
    "print_json",
    "remove_and_report",
    "search_hit_json",
    "setup_logging",
    "shown_article",
    "stderr_progress",
    "stdout_closed",
    "write_out",
]
