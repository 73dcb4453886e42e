"""The `dateline` command line: argument parsing, sub-commands and exit codes."""

from tui.cli.commands import main

__all__ = ["main"]
