"""The bookmark commands: `bookmarks` (list or export them) and `bookmark add|remove|import`."""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.cli.common import err, find_article, out, write_out

COMMANDS = ("bookmarks", "bookmark")  # what `register` adds (tui.cli.parser.COMMAND_NAMES)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `bookmarks` and `bookmark`."""
    parser = commands.add_parser(
        "bookmarks",
        help="list your bookmarks, newest first",
        description="List your bookmarks, newest first: id, date added, title and note.",
    )
    form = parser.add_mutually_exclusive_group()
    form.add_argument(
        "--json", action="store_true", help="the bookmarks.json document (what `bookmark import` reads)"
    )
    form.add_argument("--markdown", action="store_true", help="a Markdown list, for reading or sharing")
    parser.set_defaults(func=cmd_bookmarks)

    parser = commands.add_parser(
        "bookmark",
        help="add or remove a bookmark, or import a bookmarks export",
        description="Add or remove a bookmark, or import bookmarks:\n\n"
        "  dateline bookmark add ID_OR_PATH [--note TEXT]\n"
        "  dateline bookmark remove ID\n"
        "  dateline bookmark import FILE     (a `bookmarks --json` export; no duplicates)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("action", choices=("add", "remove", "import"), help="what to do")
    parser.add_argument(
        "target",
        metavar="ID_OR_FILE",
        help="add: an article id or file; remove: an article id; import: a `bookmarks --json` file",
    )
    parser.add_argument("--note", default="", metavar="TEXT", help="add: a note kept with the bookmark")
    parser.set_defaults(func=cmd_bookmark)


def cmd_bookmarks(args: argparse.Namespace) -> int:
    """List (or export) the bookmarks."""
    from tui.core.sanitize import clean_line
    from tui.store.bookmarks import BookmarkStore

    store = BookmarkStore()
    for message in store.load():
        err(message)
    if args.json:
        write_out(store.export_json() + "\n")
    elif args.markdown:
        write_out(store.export_markdown())
    else:
        for b in store.bookmarks:
            note = f" — {clean_line(b.note)}" if b.note else ""
            out(f"{b.article_id}  {b.added[:10]}  {clean_line(b.title)}{note}")
    return 0


def cmd_bookmark(args: argparse.Namespace) -> int:
    """Add, remove or import bookmarks from a script."""
    from tui.core.text import plural
    from tui.store.bookmarks import BookmarkError, BookmarkStore

    store = BookmarkStore()
    for message in store.load():
        err(message)
    try:
        if args.action == "import":
            added = store.import_json(Path(args.target).read_text(encoding="utf-8"))
            out(f"imported {plural(added, 'bookmark')}")
            return 0
        if args.action == "remove":
            if store.remove(args.target) is None:
                err(f"no bookmark for {args.target}")
                return 1
            out(f"removed {args.target}")
            return 0
        article = find_article(args.target)
        if article is None:
            return 1
        store.add(article.id, article.title, article.source, note=args.note)
        out(f"bookmarked {article.id}")
        return 0
    except (BookmarkError, OSError, ValueError) as exc:
        err(str(exc))
        return 1
