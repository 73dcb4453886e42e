"""The bookmark commands: `bookmarks` (list or export them) and `bookmark add|remove|import`."""

from __future__ import annotations

import argparse
import os
import stat
from pathlib import Path

from tui.cli.common import err, find_article, followed_bookmarks, out, write_out

COMMANDS = ("bookmarks", "bookmark")  # what `register` adds (tui.cli.parser.COMMAND_NAMES)
# A bookmarks export is small (a few hundred bytes a bookmark); more than this is not one.
MAX_IMPORT_BYTES = 64 * 1024 * 1024


def read_export(path: Path, limit: int = MAX_IMPORT_BYTES) -> str:
    """The text of a bookmarks export: a regular file of at most `limit` bytes (never /dev/zero,
    a FIFO or a directory, which would read for ever or fill the memory). Raises ValueError with
    the reason, OSError when it cannot be read."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError(f"{path} is not a regular file (a bookmarks export is one)")
        if info.st_size > limit:
            raise ValueError(f"{path} is too large for a bookmarks export ({info.st_size:,} bytes)")
        chunks: list[bytes] = []
        size = 0
        while size <= limit and (chunk := os.read(fd, 1 << 20)):
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise ValueError(f"{path} is too large for a bookmarks export (over {limit:,} bytes)")
    finally:
        os.close(fd)
    try:
        return b"".join(chunks).decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError(f"{path} is not a bookmarks export (not UTF-8 text)") from None


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
    from tui.store.library import Library

    library = Library.default()
    library.refresh()
    store = followed_bookmarks(library)
    if args.json:
        write_out(store.export_json() + "\n")
    elif args.markdown:
        write_out(store.export_markdown(library.links([b.article_id for b in store.bookmarks])))
    else:
        for b in store.bookmarks:
            note = f" — {clean_line(b.note)}" if b.note else ""
            out(f"{b.article_id}  {b.added[:10]}  {clean_line(b.title)}{note}")
    return 0


def cmd_bookmark(args: argparse.Namespace) -> int:
    """Add, remove or import bookmarks from a script."""
    from tui.core.text import plural
    from tui.store.bookmarks import BookmarkError

    # A change that cannot be saved is dropped, and said so: this process ends right after.
    store = followed_bookmarks(keep_unsaved=False)
    try:
        if args.action == "import":
            added = store.import_json(read_export(Path(args.target)))
            out(f"imported {plural(added, 'bookmark')}")
            return 0
        if args.action == "remove":
            # An id the article had before it was updated still names its bookmark.
            found = store.find(args.target)
            if found is None or store.remove(found.article_id) is None:
                err(f"no bookmark for {args.target}")
                return 1
            out(f"removed {found.article_id}")
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
