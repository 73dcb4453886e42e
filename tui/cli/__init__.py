"""The `dateline` command line: `main` parses the arguments and runs the reader or a command.

`tui.cli.parser` builds the parser from the command modules (`library`, `bookmarks`, `export`);
`tui.cli.common` holds what they share. See `dateline --help` for the commands and exit codes.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tui.cli.common import InputError, UsageError, err, setup_logging, stdout_closed

if TYPE_CHECKING:
    import argparse

# Every command's name, so that `dateline PATH` goes to the reader without importing the command
# modules and argparse (some 3 ms of its first frame, docs/ARCHITECTURE.md "The first frame"). The
# parser's `COMMAND_NAMES` is made from what the modules declare; a test checks that both agree.
COMMAND_NAMES: frozenset[str] = frozenset(
    {
        "import", "list", "show", "search", "analyze", "bookmarks", "bookmark", "export", "feeds",
        "refresh", "mark", "follow", "timeline", "stories", "names", "news", "saved", "mute",
    }
)  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    """The whole argument parser (`tui.cli.parser`, imported here: a command needs it, the reader not)."""
    from tui.cli import parser

    return parser.build_parser()


def _reader_word_problem(word: str) -> str | None:
    """The usage error for a first argument that is neither a command nor an existing path
    (`tui.cli.parser.unknown_command`); None without importing the parser for what looks like a
    path (a path separator, `.` or `~` in it), as that function would answer."""
    if any(mark in word for mark in ("/", ".", "~", "\\")):
        return None
    from tui.cli.parser import unknown_command

    return unknown_command(word)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `dateline` command; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or (args[0] not in COMMAND_NAMES and not args[0].startswith("-")):
        problem = _reader_word_problem(args[0]) if args else None
        if problem is not None:  # `dateline refersh`: a usage error, not a missing file
            err(problem)
            return 2
        return run_tui([Path(p) for p in args])  # the reader's start builds no parser
    if args[0] == "--":
        return run_tui([Path(p) for p in args[1:]])
    from tui.cli.rules import MUTED_READERS, MUTING_COMMANDS, mute_later_matches

    parser = build_parser()
    try:
        options = parser.parse_args(args)
    except SystemExit as exc:  # --help, --version (0) and usage errors (2, message on stderr)
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    if options.command is None:
        return run_tui([])
    setup_logging()
    try:
        if options.command in MUTED_READERS:  # articles stored since may match a mute rule (issue 21)
            mute_later_matches()
        code: int = options.func(options)
        if options.command in MUTING_COMMANDS:  # new articles or names may match a mute rule (issue 21)
            mute_later_matches()
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's last flush
        return code
    except UsageError as exc:
        err(str(exc))
        return 2
    except InputError as exc:
        err(str(exc))
        return 1
    except BrokenPipeError:
        return stdout_closed()
    except KeyboardInterrupt:
        return 130


def run_tui(paths: list[Path]) -> int:
    """Open the reader; non-zero if the app crashed (Textual's run() itself returns normally)."""
    from tui.ui import start

    start.begin()  # no garbage collection until the panes are up, threads switch sooner (start.py)
    setup_logging()
    from tui.store.library import Library

    if paths:
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            hint = " (nor a command: see `dateline --help`)" if len(paths) == 1 else ""
            err(f"no such file or folder: {', '.join(missing)}{hint}")
            return 1
        library = Library.for_paths(paths)
    else:
        library = Library.default()
    from tui.ui.app import DatelineApp

    app = DatelineApp(library)
    app.run()
    from tui.ui.threads import end_process

    end_process(app.return_code or 0)  # no interpreter teardown after quitting (tui/ui/threads.py)
    return app.return_code or 0  # not reached


__all__ = ["main", "run_tui"]
