"""`dateline saved …`, `dateline mute …` and `list --saved NAME` / `list --muted` (issue 21): saved
searches (virtual feeds) and mute rules from the command line, over `tui.names.muting`.

The JSON shapes are a contract (docs/ARCHITECTURE.md, "The command line"):
`saved list --json` is `[{"name", "query", "articles", "unread"}]`, `mute list --json` is
`[{"query", "articles"}]`; `list --saved/--muted --json` is the `list --json` shape."""

from __future__ import annotations

import argparse
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tui.cli.common import err, load_read_state, out, print_json
from tui.core.sanitize import clean_line
from tui.core.text import plural

if TYPE_CHECKING:
    from tui.names.index import NameIndex
    from tui.store.index_schema import ArticleSummary
    from tui.store.library import Library
    from tui.store.readstate import ReadState

COMMANDS = ("saved", "mute")  # what `register` adds (tui.cli.parser.COMMAND_NAMES)
# Commands after which new articles (or newly found names) may match a mute rule (`tui.cli.main`).
MUTING_COMMANDS = frozenset({"refresh", "import", "analyze"})
# Commands that read articles: the muted set is brought up to date first, since the reader or a file
# dropped in the library may have added articles since (`list`, `saved` and `mute` do it themselves).
MUTED_READERS = frozenset({"search", "stories", "timeline", "news", "follow", "names", "feeds", "export"})
MAX_CONFIG_BYTES = 5_000_000


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `saved` and `mute`."""
    saved = commands.add_parser(
        "saved",
        help="saved searches: virtual feeds made of a query",
        description="Saved searches (config dir, saved.json): a name for a query, listed with its "
        "article and unread counts, read with `dateline list --saved NAME`. Queries are those of "
        "`dateline search`; muted articles are left out.",
    )
    actions = saved.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add",
        help="save QUERY as NAME (replaces the query of an existing NAME)",
        description="Save QUERY as NAME and say how many articles match; an existing NAME gets the new "
        "query.",
    )
    add.add_argument("name", metavar="NAME", help="the saved search's name (any case; unique)")
    add.add_argument("query", metavar="QUERY", help="a search query, e.g. 'person:\"Jane Doe\" ports'")
    add.set_defaults(func=cmd_saved_add)
    remove = actions.add_parser(
        "remove",
        help="forget a saved search (no article is touched)",
        description="Forget the saved search NAME; no article is touched.",
    )
    remove.add_argument("name", metavar="NAME", help="the saved search's name (any case)")
    remove.set_defaults(func=cmd_saved_remove)
    listing = actions.add_parser(
        "list",
        help="saved searches with their article and unread counts",
        description="Every saved search with its query, its articles and how many are unread.",
    )
    listing.add_argument("--json", action="store_true", help='[{"name", "query", "articles", "unread"}]')
    listing.set_defaults(func=cmd_saved_list)

    mute = commands.add_parser(
        "mute",
        help="mute rules: articles a query matches are left out everywhere",
        description="Mute rules (config dir, mutes.json): every article a rule's query matches, now "
        "or later, is left out of the list, the reader, search, stories, names and counts. Nothing is "
        "deleted: `dateline list --muted` shows them, removing the rule brings them back.",
    )
    actions = mute.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add",
        help="mute the articles QUERY matches, and every later match",
        description="Mute the articles QUERY matches now and every later match; prints how many match.",
    )
    add.add_argument("query", metavar="QUERY", help="a search query, e.g. 'title:sponsored'")
    add.add_argument("--dry-run", action="store_true", help="only say how many articles match")
    add.set_defaults(func=cmd_mute_add)
    remove = actions.add_parser(
        "remove",
        help="remove a rule (QUERY as `mute list` shows it)",
        description="Remove the rule QUERY; its articles come back unless another rule matches them.",
    )
    remove.add_argument("query", metavar="QUERY", help="the rule's query, as `dateline mute list` shows it")
    remove.set_defaults(func=cmd_mute_remove)
    listing = actions.add_parser(
        "list",
        help="the rules with how many articles each matches",
        description="Every mute rule with how many articles it matches.",
    )
    listing.add_argument("--json", action="store_true", help='[{"query", "articles"}]')
    listing.set_defaults(func=cmd_mute_list)
    importing = actions.add_parser(
        "import",
        help="make rules of the ignore-article lines of a newsboat config file",
        description="Make a rule of each ignore-article line of a newsboat config that translates; the "
        "others are named with why (exit 1).",
    )
    importing.add_argument("file", metavar="FILE", help="a newsboat config (e.g. ~/.newsboat/config)")
    importing.set_defaults(func=cmd_mute_import)


def add_list_options(parser: argparse.ArgumentParser) -> None:
    """`list --saved NAME` and `list --muted` (one or the other)."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--saved", metavar="NAME", help="only the articles of this saved search")
    group.add_argument("--muted", action="store_true", help="only the muted articles")


@dataclass
class _Context:
    library: Library
    index: NameIndex | None
    read_state: ReadState


def _names_index(library: Library) -> NameIndex | None:
    """The names index brought up to date with the cached analyses (no article is analysed here:
    `dateline analyze` does that), for `person:`-style terms; None without a model."""
    from tui.analysis.model import Analyzer
    from tui.names.identity import CorrectionsFile
    from tui.names.index import NameIndex
    from tui.store.paths import cache_dir

    analyzer = Analyzer(cache_dir())
    model = analyzer.model_name()
    if model is None:
        return None
    try:
        index = NameIndex(cache_dir(), CorrectionsFile().load())
        index.sync(library, analyzer.cache, model)
    except (sqlite3.Error, OSError) as problem:
        err(f"names are not searched: the names index could not be opened ({problem})")
        return None
    return index


def _context(library: Library | None = None) -> _Context:
    from tui.store.library import Library

    if library is None:
        library = Library.default()
        library.refresh()
    return _Context(library, _names_index(library), load_read_state())


def _apply(context: _Context) -> None:
    """Bring the muted set up to date with the rules and the library (said on stderr if a rule
    cannot be used)."""
    from tui.names.muting import apply_mutes
    from tui.store.rules import MuteRules

    rules = MuteRules()
    outcome = apply_mutes(context.library, index=context.index, read_state=context.read_state, rules=rules)
    for problem in outcome.problems:
        err(problem)


def mute_later_matches() -> None:
    """After a command that added articles or names (`MUTING_COMMANDS`): mute the new matches."""
    from tui.names.muting import muted_ids
    from tui.store.library import Library
    from tui.store.rules import MuteRules

    try:
        peeked = MuteRules().document.peek()  # None when damaged: `_apply` then says so
        library = Library.default()
        if peeked is not None and not peeked["mutes"] and not muted_ids(library):
            return  # no rule, nothing muted: nothing to do
        _apply(_context(library))
    except (OSError, sqlite3.Error) as problem:
        err(f"mute rules not applied: {problem}")


def _matches(count: int) -> str:
    return f"{count:,} article{'s' if count != 1 else ''} match{'es' if count == 1 else ''}"


# ----- saved --------------------------------------------------------------------------------------
def cmd_saved_add(args: argparse.Namespace) -> int:
    from tui.names.muting import saved_search_articles
    from tui.names.query import TermError
    from tui.store.rules import SavedSearch, SavedSearches, clean_query

    context = _context()
    _apply(context)
    search = SavedSearch(" ".join(clean_line(args.name).split()), clean_query(args.query))
    if not search.name or not search.query:
        err("a saved search needs a name and a query")
        return 2
    found = saved_search_articles(context.library, search, index=context.index, read_state=context.read_state)
    if found.problem is not None:
        err(f"{search.query!r}: {found.problem}")
        return 2
    store = SavedSearches()
    try:
        added = store.add(search.name, search.query)
    except (OSError, ValueError, TermError) as error:
        err(f"could not save the search: {error}")
        return 1
    for message in store.messages:
        err(message)
    verb = "saved" if added else "updated"
    out(f"{verb} {clean_line(search.name)}: {_matches(found.articles)}, {found.unread:,} unread")
    return 0


def cmd_saved_remove(args: argparse.Namespace) -> int:
    from tui.store.rules import SavedSearches

    store = SavedSearches()
    try:
        removed = store.remove(args.name)
    except OSError as error:
        err(f"could not change the saved searches: {error}")
        return 1
    for message in store.messages:
        err(message)
    if not removed:
        err(f"no saved search is called {args.name!r}{_known_names(store)}")
        return 1
    out(f"removed {clean_line(args.name)}")
    return 0


def _known_names(store: object) -> str:
    from tui.store.rules import SavedSearches

    assert isinstance(store, SavedSearches)
    try:
        names = [s.name for s in store.load()]
    except OSError:
        return ""
    return f" (saved: {', '.join(names)})" if names else " (there are no saved searches)"


def cmd_saved_list(args: argparse.Namespace) -> int:
    from tui.names.muting import saved_searches_with_counts
    from tui.store.rules import SavedSearches

    store = SavedSearches()
    try:
        searches = store.load()
    except OSError as error:
        err(f"cannot read the saved searches: {error}")
        return 1
    for message in store.messages:
        err(message)
    context = _context()
    _apply(context)
    counts = saved_searches_with_counts(
        context.library, index=context.index, read_state=context.read_state, searches=searches
    )
    for count in counts:
        if count.problem is not None:
            err(f"saved search {count.search.name!r}: {count.problem}")
    if args.json:
        print_json(
            [
                {"name": c.search.name, "query": c.search.query, "articles": c.articles, "unread": c.unread}
                for c in counts
            ]
        )
        return 0
    if not counts:
        out("no saved searches (add one with `dateline saved add NAME QUERY`)")
    for c in counts:
        out(
            clean_line(
                f"{c.search.name} — {plural(c.articles, 'article')}, {c.unread:,} unread: {c.search.query}"
            )
        )
    return 0


# ----- mute ---------------------------------------------------------------------------------------
def cmd_mute_add(args: argparse.Namespace) -> int:
    from tui.names.muting import matching_ids, muted_ids
    from tui.names.query import TermError
    from tui.store.rules import MuteRules, clean_query

    query = clean_query(args.query)
    if not query:
        err("a mute rule needs a query")
        return 2
    context = _context()
    _apply(context)
    try:
        found = matching_ids(
            context.library, query, index=context.index, read_state=context.read_state, include_muted=True
        )
    except TermError as problem:
        err(f"{query!r}: {problem}")
        return 2
    out(_matches(len(found)))
    if args.dry_run:
        return 0
    store = MuteRules()
    try:
        added = store.add(query)
    except (OSError, ValueError) as error:
        err(f"could not save the rule: {error}")
        return 1
    for message in store.messages:
        err(message)
    before = muted_ids(context.library)
    _apply(context)
    newly = len(muted_ids(context.library) - before)
    if added:
        out(f"muted {newly:,} more; later matches are muted too (`dateline list --muted` shows them)")
    else:
        out("that rule was there already")
    return 0


def cmd_mute_remove(args: argparse.Namespace) -> int:
    from tui.names.muting import muted_ids
    from tui.store.rules import MuteRules

    store = MuteRules()
    try:
        removed = store.remove(args.query)
        rules = store.load()
    except OSError as error:
        err(f"could not change the mute rules: {error}")
        return 1
    for message in store.messages:
        err(message)
    if not removed:
        listed = "; ".join(repr(rule.query) for rule in rules)
        err(f"no mute rule {args.query!r}" + (f" (rules: {listed})" if listed else " (there are no rules)"))
        return 1
    context = _context()
    before = muted_ids(context.library)
    _apply(context)
    shown = len(before - muted_ids(context.library))
    out(f"removed; {plural(shown, 'article')} shown again")
    return 0


def cmd_mute_list(args: argparse.Namespace) -> int:
    from tui.names.muting import mute_counts
    from tui.store.rules import MuteRules

    store = MuteRules()
    try:
        rules = store.load()
    except OSError as error:
        err(f"cannot read the mute rules: {error}")
        return 1
    for message in store.messages:
        err(message)
    context = _context()
    _apply(context)
    counts = mute_counts(context.library, rules, index=context.index, read_state=context.read_state)
    for count in counts:
        if count.problem is not None:
            err(f"mute rule {count.rule.query!r}: {count.problem}")
    if args.json:
        print_json([{"query": c.rule.query, "articles": c.articles} for c in counts])
        return 0
    if not counts:
        out("no mute rules (add one with `dateline mute add QUERY`)")
    for c in counts:
        out(clean_line(f"{c.rule.query} — {plural(c.articles, 'article')}"))
    return 0


def _read_config(path: Path) -> str | None:
    """The text of a newsboat config; None with the reason on stderr."""
    try:
        if not path.is_file():
            err(f"{path}: not a file")
            return None
        if path.stat().st_size > MAX_CONFIG_BYTES:
            err(f"{path}: too big for a newsboat config")
            return None
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        err(f"{path}: cannot be read ({error})")
        return None


def cmd_mute_import(args: argparse.Namespace) -> int:
    from tui.store.newsboat_rules import ignore_article_rules
    from tui.store.rules import MuteRules

    text = _read_config(Path(args.file).expanduser())
    if text is None:
        return 1
    lines = ignore_article_rules(text)
    if not lines:
        err(f"{args.file}: no ignore-article lines")
        return 1
    store = MuteRules()
    added = refused = 0
    for line in lines:
        if line.translated is None:
            refused += 1
            err(f"{args.file}: line {line.number}: not imported ({line.why}): {line.text}")
            continue
        try:
            new = store.add(line.translated.query)
        except (OSError, ValueError) as error:
            err(f"could not save the rule of line {line.number}: {error}")
            return 1
        added += new
        note = "" if new else " (already a rule)"
        out(clean_line(f"line {line.number}: mute {line.translated.query}{note}"))
    for message in store.messages:
        err(message)
    _apply(_context())
    rest = f"; {plural(refused, 'line')} not imported" if refused else ""
    out(f"imported {plural(added, 'rule')}{rest}")
    return 1 if refused else 0


# ----- list --saved / --muted, feeds import of query feeds ------------------------------------------
def listed_summaries(library: Library, args: argparse.Namespace) -> list[ArticleSummary] | None:
    """What `list` lists: every article not muted, or only those of `--saved NAME`, or only the
    muted ones (`--muted`), in `--sort` order; None when `--saved` names no saved search (said)."""
    from tui.names.muting import matching_ids, muted_ids
    from tui.names.query import TermError
    from tui.store.rules import MuteRules, SavedSearches

    saved, muted = getattr(args, "saved", None), getattr(args, "muted", False)
    try:
        has_rules = bool(MuteRules().load()) or bool(muted_ids(library))
    except OSError as error:
        err(f"cannot read the mute rules: {error}")
        has_rules = False
    context = _context(library) if has_rules or saved else None
    if context is not None and has_rules:
        _apply(context)
    if muted:
        hidden = muted_ids(library)
        return [s for s in library.including_muted().summaries(args.sort) if s.id in hidden]
    if saved is None or context is None:
        return library.summaries(args.sort)
    store = SavedSearches()
    try:
        search = store.find(saved)
    except OSError as error:
        err(f"cannot read the saved searches: {error}")
        return None
    for message in store.messages:
        err(message)
    if search is None:
        err(f"no saved search is called {saved!r}{_known_names(store)}")
        return None
    try:
        ids = set(matching_ids(library, search.query, index=context.index, read_state=context.read_state))
    except TermError as problem:
        err(f"saved search {search.name!r}: {problem}")
        return None
    return [s for s in library.summaries(args.sort) if s.id in ids]


def import_query_feeds(label: str, queries: Sequence[tuple[int, str, str]]) -> None:
    """The newsboat `"query:Title:expr"` lines of an imported urls file as saved searches, where
    the expression translates; the others are skipped with a note naming the line."""
    from tui.store.newsboat_rules import Untranslatable, query_feed
    from tui.store.rules import SavedSearches

    store = SavedSearches()
    for number, title, expression in queries:
        try:
            found = query_feed(title, expression)
            added = store.add(title, found.query)
        except Untranslatable as why:
            err(f"{label}: line {number}: skipped the query feed {title!r} ({why}): {expression}")
            continue
        except (OSError, ValueError) as error:
            err(f"{label}: line {number}: the query feed {title!r} was not saved ({error})")
            continue
        note = f" ({found.note})" if found.note else ""
        verb = "saved search" if added else "updated saved search"
        out(clean_line(f"{verb} {title}: {found.query}{note}"))
    for message in store.messages:
        err(message)


__all__ = [
    "COMMANDS",
    "MUTED_READERS",
    "MUTING_COMMANDS",
    "add_list_options",
    "listed_summaries",
    "mute_later_matches",
    "register",
]
