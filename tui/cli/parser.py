"""The whole `dateline` argument parser, built from the command modules' `register` functions.

A command module adds its sub-parsers to `commands` and sets `func=<handler>` on each with
`set_defaults`, and names them in its `COMMANDS`; a handler takes the parsed `argparse.Namespace`
and returns the exit code. Adding a module to `COMMAND_MODULES` is all it takes for its commands to
run and show in `--help`. `COMMAND_NAMES` tells `dateline PATH` from a command without building the
parser (the first build costs about 25 ms, most of it argparse and gettext warming up): the reader
starts sooner (a test checks that the names match what the modules register).
"""

from __future__ import annotations

import argparse
import difflib
import re
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import NoReturn

from tui import __version__
from tui.cli import bookmarks, export, feeds, library, names, rules

COMMAND_MODULES: tuple[ModuleType, ...] = (library, bookmarks, export, feeds, names, rules)
COMMAND_NAMES: frozenset[str] = frozenset(name for module in COMMAND_MODULES for name in module.COMMANDS)

DESCRIPTION = """\
A terminal news reader that understands what it shows.

  dateline                 open the reader on your library (bundled samples and your imports)
  dateline PATH...         open the reader on just these files or folders
  dateline COMMAND ...     run a command; `dateline COMMAND --help` shows its options"""

EPILOG = """\
exit codes:
  0    success
  1    some input was rejected or not found (the reason is on stderr)
  2    usage error (the message is on stderr)
  141  the reader of the output went away (e.g. `dateline list | head -1`)"""


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice `word` most likely misspells (`refersh` -> `refresh`), or None when none is close."""
    found = difflib.get_close_matches(word.lower(), sorted(choices), n=1, cutoff=0.6)
    return found[0] if found else None


def unknown_command(word: str) -> str | None:
    """The usage error for a first argument that is neither a command nor an existing file: None
    when `word` exists or looks like a path (it has a `/`, a `.` or a `~`: "no such file" is the
    better answer there), else "unknown command 'refersh' (nor a file or folder); did you mean
    refresh?" (exit code 2, as for any other usage error)."""
    if any(mark in word for mark in ("/", ".", "~", "\\")) or Path(word).exists():
        return None
    message = f"unknown command {word!r} (nor a file or folder)"
    guess = closest(word, COMMAND_NAMES)
    if guess is not None:
        return f"{message}; did you mean {guess}?"
    return f"{message}; `dateline --help` lists the commands"


_INVALID_CHOICE = re.compile(r"invalid choice: '([^']*)' \(choose from (.*)\)$")


class _Parser(argparse.ArgumentParser):
    """An argparse parser whose "invalid choice" errors suggest the closest choice
    (`dateline feeds lst` -> "did you mean list?"); its sub-parsers are of this class too."""

    def error(self, message: str) -> NoReturn:
        found = _INVALID_CHOICE.search(message)
        if found is not None:
            choices = [choice.strip(" '") for choice in found.group(2).split(",")]
            guess = closest(found.group(1), choices)
            if guess is not None:
                message = f"{message}; did you mean {guess}?"
        super().error(message)


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the description's layout; command names up to 12 characters stay on their help's line."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=24)
        # argparse measures command names without their indent; room for "bookmarks" and longer.
        self._action_max_length = 16


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with every command of `COMMAND_MODULES`."""
    parser = _Parser(
        prog="dateline",
        usage="%(prog)s [-h] [--version] [PATH ... | COMMAND [OPTIONS]]",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"dateline {__version__}")
    commands = parser.add_subparsers(title="commands", dest="command", metavar="COMMAND", prog="dateline")
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def command_names(parser: argparse.ArgumentParser) -> frozenset[str]:
    """The names of the commands `parser` knows (so `dateline PATH` can tell a path from one)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return frozenset(action.choices)
    return frozenset()
