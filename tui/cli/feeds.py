"""`dateline feeds …`, `dateline refresh` and `dateline mark`: following feeds from the command line.

`register(commands)` adds the sub-parsers; `list_filters` / `summary_extras` / `add_list_arguments`
are for the `list` command (`--unread`, `--feed URL`, and the JSON fields "feed", "url", "unread").
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from tui.cli.common import (
    InputError,
    counting_progress,
    err,
    load_read_state,
    out,
    print_json,
    remove_and_report,
)
from tui.core.sanitize import clean_line
from tui.core.text import plural

if TYPE_CHECKING:
    from tui.feeds.store import Subscriptions
    from tui.store.library import ArticleSummary
    from tui.store.readstate import ReadState

FULL_TEXT_CHOICES = ("auto", "always", "never")  # tui.feeds.FULL_TEXT_MODES, without importing it
Commands = "argparse._SubParsersAction[argparse.ArgumentParser]"


def _show_messages(*sources: Iterable[str]) -> None:
    for messages in sources:
        for message in messages:
            err(message)


# ----- for the `list` command ------------------------------------------------------------------


def add_list_arguments(parser: argparse.ArgumentParser) -> None:
    """Add `--unread` and `--feed URL` to the `list` parser."""
    parser.add_argument("--unread", action="store_true", help="only unread (feed) articles")
    parser.add_argument("--feed", metavar="URL_OR_TITLE", help=FEED_HELP)


FEED_HELP = "only articles from this feed: its URL or its title (any case; a unique part of a title will do)"


def list_filters(
    summaries: Iterable[ArticleSummary],
    *,
    unread: bool = False,
    feed: str | None = None,
    read_state: ReadState | None = None,
) -> list[ArticleSummary]:
    """The summaries `list --unread --feed URL_OR_TITLE` keeps, in their order. Raises InputError
    (exit 1) when `feed` names no feed, or several."""
    from tui.feeds import overview as _overview

    if not unread and not feed:
        return list(summaries)
    summaries = list(summaries)
    if feed:
        feed = feed_url(feed, {s.feed for s in summaries if s.feed})
    return _overview.list_filters(summaries, read_state or load_read_state(), unread=unread, feed=feed)


def feed_url(given: str, article_feeds: Iterable[str] = ()) -> str:
    """The URL of the feed `given` names: a subscribed URL or one articles came from (a feed
    since removed), else a subscription's title, whole (any case) or, failing that, a part found
    in one title only. Raises InputError, saying why, for no feed or several."""
    from tui.feeds import FetchState, Subscriptions, clean_url

    url = clean_url(given.strip())
    subscriptions = Subscriptions()
    subs = subscriptions.load()
    statuses, _ = FetchState().load()
    if url in {s.url for s in subs} or url in set(article_feeds):
        return url
    wanted = " ".join(given.split()).casefold()
    _show_messages(subscriptions.messages)
    titles = {
        s.url: " ".join((s.title or (statuses[s.url].title if s.url in statuses else "")).split())
        for s in subs
    }
    for matches in (
        [u for u, title in titles.items() if title.casefold() == wanted],
        [u for u, title in titles.items() if wanted and wanted in title.casefold()],
    ):
        if len(matches) == 1:
            return matches[0]
        if matches:
            shown = "; ".join(f"{clean_line(titles[u])} ({_redact(u)})" for u in matches)
            raise InputError(f"{given!r} names {len(matches)} feeds: {shown}; give its URL")
    raise InputError(f"no feed has the URL or title {given!r} (`dateline feeds list` shows them)")


def summary_extras(summary: ArticleSummary, read_state: ReadState | None = None) -> dict[str, object]:
    """`{"feed", "url", "unread"}` for one `list --json` item (pass one loaded `read_state` for a
    whole list)."""
    from tui.feeds import overview as _overview

    return _overview.summary_extras(summary, read_state or load_read_state())


# ----- feeds add / remove / list / import / export ------------------------------------------------


def cmd_feeds_add(args: argparse.Namespace) -> int:
    from tui.feeds import Subscription, Subscriptions, clean_url, is_http_url

    url = clean_url(str(args.url))
    if not is_http_url(url):
        err(f"{url}: not an http(s) URL")
        return 1
    subscriptions = Subscriptions()
    try:
        added = subscriptions.add(
            Subscription(url=url, title=clean_line(args.title or ""), full_text=args.full_text)
        )
    except OSError as error:
        err(f"could not save subscriptions: {error}")
        return 1
    _show_messages(subscriptions.messages)
    out(f"subscribed: {_redact(url)}" if added else f"already subscribed: {_redact(url)} (nothing changed)")
    return 0


def cmd_feeds_remove(args: argparse.Namespace) -> int:
    from tui.feeds import FetchState, Subscriptions, clean_url, is_http_url

    url = clean_url(str(args.url))
    if not is_http_url(url):
        url = feed_url(str(args.url))  # a title
    subscriptions = Subscriptions()
    title = _subscription_titles(Subscriptions).get(url)
    if not title:
        try:
            statuses, _ = FetchState().load()
            title = statuses[url].title if url in statuses else None
        except OSError:
            title = None

    def remove() -> bool:
        removed = subscriptions.remove(url)
        if removed:
            FetchState().forget_feed(url)
        return removed

    return remove_and_report(
        remove,
        lambda: subscriptions.messages,
        saving="subscriptions",
        missing=f"{_redact(url)}: not subscribed",
        done=f"unsubscribed: {feed_name(url, title)} (its articles stay in the library)",
    )


def cmd_feeds_list(args: argparse.Namespace) -> int:
    from tui.feeds.overview import load_overviews
    from tui.store.library import Library

    read_state = load_read_state()
    try:
        rows, messages = load_overviews(Library.default(), read_state=read_state, refresh=True)
    except OSError as error:
        err(f"cannot read feeds: {error}")
        return 1
    _show_messages(messages)
    if args.json:
        print_json([row.to_json() for row in rows])
        return 0
    if not rows:
        out("no feeds (add one with `dateline feeds add URL` or `dateline feeds import FILE`)")
    for row in rows:
        state = (
            f"failed: {_reworded(row.last_error)}"
            if row.last_error
            else (f"refreshed {_local_time(row.last_refresh)}" if row.last_refresh else "never refreshed")
        )
        counts = f"{plural(row.articles, 'article')}, {row.unread:,} unread"
        out(f"{feed_name(row.url, row.title)}  {counts}  ({clean_line(_without(state, row.url))})")
    return 0


def _local_time(stamp: str) -> str:
    """ "2026-12-07T12:52:34+00:00" as a person reads it, in local time: "2026-12-07 13:52"."""
    from datetime import datetime

    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


def cmd_feeds_import(args: argparse.Namespace) -> int:
    from tui.feeds import ImportFileError, Subscriptions, read_import_file
    from tui.feeds.opml import add_imported

    path = Path(args.file).expanduser()
    try:
        imported = read_import_file(path)
    except ImportFileError as error:
        err(f"{args.file}: {error}")
        return 1
    subscriptions = Subscriptions()
    try:
        merged = add_imported(subscriptions, imported.subscriptions)
    except OSError as error:
        err(f"could not save subscriptions: {error}")
        return 1
    _show_messages(subscriptions.messages)
    for note in imported.notes:
        err(f"{args.file}: {note}")
    from tui.cli.rules import import_query_feeds

    import_query_feeds(args.file, imported.queries)  # newsboat "query:" feeds as saved searches (issue 21)
    for subscription in merged.added:
        out(f"subscribed: {_redact(subscription.url)}")
    for subscription in merged.gained:
        place = [f"folder {subscription.folder}"] if subscription.folder else []
        place += [f"tags {', '.join(subscription.tags)}"] if subscription.tags else []
        out(f"updated: {_redact(subscription.url)} ({'; '.join(place) or 'title ' + subscription.title})")
    present = len(merged.present)
    out(
        f"imported {plural(len(merged.added), 'feed')} from {imported.kind}"
        + (f" ({present:,} already subscribed" if present else "")
        + (f", {len(merged.gained):,} given the import's folder or tags" if merged.gained else "")
        + (")" if present else "")
    )
    return 0


def cmd_feeds_export(args: argparse.Namespace) -> int:
    from tui.feeds import Subscriptions, to_opml
    from tui.store.atomic import write_new_file

    subscriptions = Subscriptions()
    try:
        data = to_opml(subscriptions.load())
    except OSError as error:
        err(f"cannot read subscriptions: {error}")
        return 1
    _show_messages(subscriptions.messages)
    if args.file is None:
        sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()
        return 0
    try:
        write_new_file(Path(args.file).expanduser(), data)
    except FileExistsError:
        err(f"{args.file} already exists (not overwritten)")
        return 1
    except OSError as error:
        err(f"could not write {args.file}: {error.strerror or error}")
        return 1
    out(f"exported {plural(len(subscriptions.load()), 'feed')} to {args.file}")
    return 0


# ----- refresh and mark ---------------------------------------------------------------------------


def cmd_refresh(args: argparse.Namespace) -> int:
    from tui.feeds import Refresher, Subscriptions, clean_url, is_http_url

    refresher = Refresher(retry_full_text=getattr(args, "retry_full_text", False))
    urls = [clean_url(url) if is_http_url(clean_url(url)) else feed_url(url) for url in args.urls or []]
    show_bar = not args.json and sys.stderr.isatty()
    if show_bar:
        from rich.progress import TimeElapsedColumn

        with counting_progress("refreshing", "feeds", TimeElapsedColumn()) as bar:
            task = bar.add_task("refresh", total=None)

            def advance(done: int, total: int, _url: str) -> None:
                bar.update(task, completed=done, total=total)

            report = refresher.run(urls, progress=advance)
    else:
        report = refresher.run(urls)
    _show_messages(report.messages)  # on stderr: `--json` output stays one document
    if args.json:
        print_json([result.to_json() for result in report.results])
    else:
        titles = _subscription_titles(Subscriptions)
        muted = _muted_now() if report.new_ids else set()
        if not report.results and not report.busy:
            out("no feeds to refresh (add one with `dateline feeds add URL`)")
        for result in report.results:
            if result.status == "ok":
                line = f"{result.new:,} new" + (f", {result.updated:,} updated" if result.updated else "")
                hidden = sum(1 for article_id in result.new_ids if article_id in muted)
                line += f" ({hidden:,} muted)" if hidden else ""
            elif result.status == "not modified":
                line = "not modified"
            else:
                line = f"failed: {result.error}"
            name = feed_name(result.url, titles.get(result.url) or result.title)
            out(f"{name}: {clean_line(_without(line, result.url))}")
    # State not saved ("could not save the fetch state: …" above) is a failure, for scripts too.
    return 0 if report.ok and report.saved else 1


def _muted_now() -> set[str]:
    """The muted articles once the rules have seen what the refresh brought (done here, before the
    lines are printed, so that "2 new (1 muted)" is said; `main` doing it again after is cheap)."""
    from tui.cli.rules import mute_later_matches
    from tui.names.muting import muted_ids
    from tui.store.library import Library

    mute_later_matches()
    try:
        return muted_ids(Library.default())
    except (OSError, sqlite3.Error):
        return set()  # said by mute_later_matches


def cmd_mark(args: argparse.Namespace) -> int:
    from tui.store.library import Library
    from tui.store.readstate import ReadState

    library = Library.default()
    library.refresh()
    chosen: list[str] = []
    unknown = False
    for given in args.ids:
        ids = library.match_ids(given) if len(given.strip()) >= 4 else []
        if len(ids) == 1:
            chosen.append(ids[0])
        else:
            unknown = True
            err(f"{given}: " + ("more than one article matches" if ids else "no such article"))
    if unknown:
        return 1  # nothing changed when any id is wrong
    state = ReadState()
    try:
        state.mark(chosen, read=args.state == "read")
    except OSError as error:
        err(f"could not save the read state: {error}")
        return 1
    _show_messages(state.messages)
    out(f"marked {plural(len(chosen), 'article')} {args.state}")
    return 0


COMMANDS = ("feeds", "refresh", "mark")  # what `register` adds (tui.cli.parser.COMMAND_NAMES)


def _subscription_titles(subscriptions: Callable[[], Subscriptions]) -> dict[str, str]:
    """The titles the user gave feeds (they win over a feed's own); none if unreadable (the
    refresh that just ran said why)."""
    try:
        return {sub.url: sub.title for sub in subscriptions().load() if sub.title}
    except OSError:
        return {}


def feed_name(url: str, title: str | None) -> str:
    """How a feed is named in a line of output: its title, or its URL (password hidden) when it
    has none; cleaned for the terminal."""
    title = " ".join((title or "").split())
    return clean_line(title if title and title != url else _redact(url))


def _without(text: str, url: str) -> str:
    """`text` (an error, a state) without a leading "URL: " repeating the feed's URL: a feed is
    named once per line."""
    for shown in (url, _redact(url)):
        if text.startswith(f"{shown}: "):
            return text[len(shown) + 2 :]
    return _redact(text)


def _reworded(reason: str) -> str:
    """A stored failure reason in today's words (an older Dateline kept `_ssl.c:1006`)."""
    from tui.ingest.http import reworded

    return reworded(reason)


def _redact(url: str) -> str:
    """The URL with its password hidden (imported when used: the HTTP client is no start-up cost)."""
    from tui.ingest.http import redact

    return redact(url)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `feeds`, `refresh` and `mark` to the `dateline` sub-commands."""
    feeds = commands.add_parser(
        "feeds",
        help="follow feeds: add, remove, list, import, export",
        description="Follow feeds: subscribe, unsubscribe, list them with their counts, import OPML or "
        "a newsboat urls file, export OPML. A feed is named by its URL or its title.",
    )
    actions = feeds.add_subparsers(dest="feeds_command", metavar="add|remove|list|import|export")
    actions.required = True

    add = actions.add_parser("add", help="subscribe to a feed", description="Subscribe to a feed.")
    add.add_argument("url", metavar="URL", help="the feed's http(s) URL (RSS, RDF or Atom)")
    add.add_argument("--title", help="a title instead of the feed's own (default: the feed's own)")
    add.add_argument(
        "--full-text",
        choices=FULL_TEXT_CHOICES,
        default="auto",
        help="fetch each item's page: when the item is only a teaser (auto, the default), always, or never",
    )
    add.set_defaults(func=cmd_feeds_add)

    remove = actions.add_parser(
        "remove", help="unsubscribe (stored articles stay)", description="Unsubscribe; stored articles stay."
    )
    remove.add_argument("url", metavar="URL_OR_TITLE", help="the feed's URL or its title")
    remove.set_defaults(func=cmd_feeds_remove)

    listing = actions.add_parser(
        "list",
        help="subscriptions with article and unread counts",
        description="Every subscription by title (its URL when it has none): articles, unread, and the "
        "last refresh or its error.",
    )
    listing.add_argument(
        "--json",
        action="store_true",
        help='a JSON list: [{"url", "title", "articles", "unread", "last_refresh", "last_error"}]',
    )
    listing.set_defaults(func=cmd_feeds_list)

    importing = actions.add_parser(
        "import",
        help="subscribe to the feeds in an OPML or newsboat urls file",
        description="Subscribe to every feed in an OPML 1.0/2.0 file (folders kept) or a newsboat urls "
        "file (tags and ~titles kept); what cannot be imported is named on stderr.",
    )
    importing.add_argument("file", metavar="FILE", help="an OPML file or a newsboat urls file")
    importing.set_defaults(func=cmd_feeds_import)

    exporting = actions.add_parser(
        "export",
        help="OPML 2.0 to stdout, or to FILE (never overwritten)",
        description="Write the subscriptions as OPML 2.0 (folders, titles and --full-text choices kept).",
    )
    exporting.add_argument(
        "file", metavar="FILE", nargs="?", help="a new file to write (default: standard output)"
    )
    exporting.set_defaults(func=cmd_feeds_export)

    refresh = commands.add_parser(
        "refresh",
        help="fetch new articles from every feed, or from these",
        description="Fetch new articles, a line per feed by title: N new, not modified, or failed with "
        "the reason. Exits 1 when a feed failed or the state could not be saved.",
    )
    refresh.add_argument(
        "urls", metavar="URL_OR_TITLE", nargs="*", help="only these feeds (default: every feed)"
    )
    refresh.add_argument(
        "--json", action="store_true", help='a JSON list: [{"url", "status", "new", "error"}]'
    )
    refresh.add_argument(
        "--retry-full-text",
        action="store_true",
        help="fetch again now the item pages that failed, also those given up (50 per feed at most)",
    )
    refresh.set_defaults(func=cmd_refresh)

    mark = commands.add_parser(
        "mark", help="mark articles read or unread", description="Mark articles read or unread."
    )
    mark.add_argument("state", choices=("read", "unread"), help="read or unread")
    mark.add_argument("ids", metavar="ID", nargs="+", help="article ids (or unique prefixes of 4 or more)")
    mark.set_defaults(func=cmd_mark)
