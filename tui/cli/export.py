"""The `export` command: an analysed article as Markdown, JSON, HTML or displaCy data."""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.cli.common import err, shown_article, write_out

EXPORT_FORMATS = ("md", "json", "html", "displacy")


COMMANDS = ("export",)  # what `register` adds (tui.cli.parser.COMMAND_NAMES)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `export`."""
    parser = commands.add_parser(
        "export",
        help="an analysed article as Markdown, JSON, HTML or displaCy data",
        description="Export an analysed article to standard output or to a new file.",
    )
    parser.add_argument("target", metavar="ID_OR_PATH", help="an article id (or a unique prefix) or a file")
    parser.add_argument("--format", choices=EXPORT_FORMATS, required=True, help="the format to write")
    parser.add_argument(
        "--output", "-o", metavar="FILE", help="write to this new file instead of standard output"
    )
    parser.add_argument("--force", action="store_true", help="with --output: replace the file if it exists")
    parser.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    """The analysed article for other tools; an existing file is only replaced with --force."""
    target = Path(args.output).expanduser() if args.output else None
    if target is not None and target.exists() and not args.force:
        # Checked before the (slow) analysis too; the write below refuses atomically as well.
        err(f"{target} exists; nothing was written (--force to replace it)")
        return 1
    shown = shown_article(args.target)  # names.json applied
    if shown is None:
        return 1
    article, analysis = shown
    from tui.output.export import export
    from tui.store.atomic import write_atomic, write_new_file

    text = export(article, analysis, args.format)
    if target is None:
        write_out(text)
        return 0
    try:
        if args.force:
            write_atomic(target, text)
        else:
            write_new_file(target, text)
    except FileExistsError:
        err(f"{target} exists; nothing was written (--force to replace it)")
        return 1
    except OSError as exc:
        err(f"could not write {target}: {exc.strerror or exc}")
        return 1
    return 0
