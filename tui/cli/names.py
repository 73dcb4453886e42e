"""`dateline follow`, `timeline`, `stories`, `names` and `news`, and the names `dateline search`
needs for its name terms (`open_names`).

`register(commands)` adds the sub-parsers (the CLI contract of the brief). Commands that read names
analyse unanalysed articles first, with a progress bar on stderr when it is a terminal.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from tui.cli.common import counting_progress, err, print_json, remove_and_report
from tui.cli.common import out as common_out
from tui.core.sanitize import clean_line
from tui.core.text import plural

if TYPE_CHECKING:
    from tui.names.identity import CorrectionsFile
    from tui.names.index import NameIndex


def out(line: str, indent: int = 0) -> None:
    """One line of output, sanitised, indented by `indent` spaces."""
    common_out(" " * indent + clean_line(line))


def open_names() -> Any:
    """The names of the default library, analysed and indexed; None (reason on stderr) without
    a language model."""
    from tui.names.service import Names, NoModel

    names = Names.default()
    try:
        if sys.stderr.isatty():
            with counting_progress("analysing") as bar:
                task = bar.add_task("analyse", total=None)

                def advance(done: int, total: int) -> None:
                    bar.update(task, completed=done, total=total or None)

                names.prepare(analyse_progress=advance)
        else:
            names.prepare()
    except NoModel as problem:
        err(f"names need analysed articles: {problem}")
        return None
    for message in names.messages:
        err(message)
    return names


# ----- follow ----------------------------------------------------------------------------------------
def _library_spelling(name: str) -> tuple[str, bool]:
    """`name` as the library spells it ("thomas whitfield" -> "Thomas Whitfield") and True, from
    the names index as it is (no analysis: `follow add` stays instant and works without a model);
    `name` and False when no article names it yet."""
    from tui.names.identity import CorrectionsFile
    from tui.names.index import NameIndex
    from tui.store.paths import cache_dir

    corrections = CorrectionsFile()
    try:
        index = NameIndex(cache_dir(), corrections.load())
        try:
            identity = index.identity(name)
        finally:
            index.close()
    except (OSError, sqlite3.Error):  # no index yet, or an unreadable one: the name as typed
        return " ".join(name.split()), False
    finally:
        for message in corrections.messages:  # a damaged names.json moved aside: never silently
            err(message)
    return (identity.name, True) if identity is not None else (" ".join(name.split()), False)


def cmd_follow_add(args: argparse.Namespace) -> int:
    from tui.names.follows import Follows

    follows = Follows()
    name, known = _library_spelling(args.name)
    try:
        added = follows.add(name, args.label)
    except ValueError as problem:
        err(str(problem))
        return 2
    except OSError as problem:
        err(f"could not save the follow: {problem}")
        return 1
    for message in follows.messages:
        err(message)
    later = "" if known else " (no article names it yet)"
    out(f"following {name}{later}" if added else f"already following {name}")
    return 0


def cmd_follow_remove(args: argparse.Namespace) -> int:
    from tui.names.follows import Follows

    follows = Follows()
    return remove_and_report(
        lambda: follows.remove(args.name),
        lambda: follows.messages,  # a damaged follows.json moved aside: never silently
        saving="the follows",
        missing=f"not following {args.name}",
        done=clean_line(f"stopped following {args.name}"),
    )


def cmd_follow_list(args: argparse.Namespace) -> int:
    from tui.names.follows import Follows

    follows_file = Follows()
    follows = follows_file.load()
    for message in follows_file.messages:  # a damaged follows.json moved aside: never silently
        err(message)
    counts = []
    if follows:
        names = open_names()
        if names is None:
            return 1
        counts = names.index.follow_counts([(f.name, f.label) for f in follows], names.read_state())
    rows = [
        {
            "name": follow.name,
            "label": count.label or follow.label,
            "articles": count.articles,
            "new": count.new,
        }
        for follow, count in zip(follows, counts, strict=True)
    ]
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        out("not following anyone: dateline follow add NAME")
    for row in rows:
        new = f", {row['new']} new" if row["new"] else ""
        label = row["label"] or "not in the library yet"
        out(f"{row['name']}  ({label})  {plural(row['articles'], 'article')}{new}")
    return 0


# ----- timeline --------------------------------------------------------------------------------------
def cmd_timeline(args: argparse.Namespace) -> int:
    names = open_names()
    if names is None:
        return 1
    entries = names.index.timeline(args.name)
    if not entries:
        err(f"no article names {args.name}{_did_you_mean(names.index, args.name)}")
        return 1
    if args.json:
        print_json(
            [
                {
                    "article_id": e.article_id,
                    "title": e.title,
                    "published": e.published,
                    "source": e.source,
                    "sentence": e.sentence,
                }
                for e in entries
            ]
        )
        return 0
    identity = names.index.identity(args.name)
    label = f" ({identity.label})" if identity is not None else ""
    out(f"{identity.name if identity else args.name}{label}: {plural(len(entries), 'article')}")
    from tui.store.paths import display_source

    for entry in entries:
        when = (entry.published or "undated")[:10]
        out(f"{when}  {entry.article_id}  {entry.title}  [{display_source(entry.source)}]")
        if entry.sentence:
            out(entry.sentence, indent=4)
    return 0


SUGGESTED = 8  # at most this many names in a "did you mean"


def _did_you_mean(index: NameIndex, name: str) -> str:
    """ "; did you mean Priya Raman (PERSON) or Dev Raman (PERSON)?" for a name no article names
    as such: the library's names that end with it (a surname), else those that have it as a word
    ("Raman" in "Raman Iyer"); "" when there are none."""
    from tui.names.identity import identity_key

    key = identity_key(name)
    if not key:
        return ""
    ending: dict[str, str] = {}
    having: dict[str, str] = {}
    for spelling in index.known_spellings():
        words = f" {identity_key(spelling)} "
        if f" {key} " not in words or words.strip() == key:
            continue
        identity = index.identity(spelling)
        if identity is None:
            continue
        chosen = ending if identity_key(identity.name).endswith(f" {key}") else having
        chosen.setdefault(identity.key, f"{identity.name} ({identity.label})")
    found = sorted((ending or having).values(), key=str.casefold)
    if not found:
        return ""
    shown = found[:SUGGESTED]
    more = f" or {len(found) - SUGGESTED:,} more" if len(found) > SUGGESTED else ""
    if more:
        listed = ", ".join(shown) + more
    else:
        listed = " or ".join([", ".join(shown[:-1]), shown[-1]]) if len(shown) > 1 else shown[0]
    return f"; did you mean {listed}?"


# ----- stories ---------------------------------------------------------------------------------------
def _date_argument(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (use YYYY-MM-DD)") from None


def _feed_titles(library: Any) -> dict[str, str]:
    """The title of the feed of each feed article, by id: a story's outlets are named by it."""
    from tui.feeds.store import Subscriptions

    try:
        titles = {s.url: s.title for s in Subscriptions().load() if s.title}
    except OSError:
        titles = {}
    return {s.id: titles[s.feed] for s in library.summaries() if s.feed and s.feed in titles}


def cmd_stories(args: argparse.Namespace) -> int:
    names = open_names()
    if names is None:
        return 1
    stories = names.index.stories(args.since, feed_titles=_feed_titles(names.library))
    if args.json:
        print_json(
            [
                {
                    "title": s.title,
                    "articles": list(s.articles),
                    "entities": list(s.entities),
                    "first": s.first,
                    "last": s.last,
                    "sources": list(s.outlets),
                }
                for s in stories
            ]
        )
        return 0
    for story in stories:
        when = (story.first or "undated")[:10]
        if story.last and story.last[:10] != when:
            when += f" to {story.last[:10]}"
        counts = f"{plural(len(story.articles), 'article')}, {plural(story.sources, 'source')}"
        out(f"{story.title}  ({counts}, {when})")
        if story.entities:
            out(", ".join(story.entities), indent=4)
    return 0


# ----- corrections -----------------------------------------------------------------------------------
def _correct(change: Callable[[CorrectionsFile], object], done: Callable[[], str], usage: bool) -> int:
    """Apply one correction to names.json; a bad name or label is exit 2 (`usage`) or 1."""
    from tui.names.identity import CorrectionsFile

    corrections = CorrectionsFile()
    try:
        change(corrections)
    except ValueError as problem:
        err(str(problem))
        return 2 if usage else 1
    except OSError as problem:
        err(f"could not save the correction: {problem}")
        return 1
    finally:
        for message in corrections.messages:  # a damaged names.json moved aside: never silently
            err(message)
    out(done())
    return 0


# What `names label|merge|split` call on names.json, what they say once it is saved, and whether a
# bad argument is a usage error (exit 2: a label that is no label) or a plain failure (exit 1).
_CORRECTIONS = {
    "label": ("relabel", "{name} is now shown as {other} in every article", True),
    "merge": ("merge", "{name} now counts as {other} in every article", False),
    "split": ("split", "{name} no longer counts as {other}", False),
}


def cmd_names_correct(args: argparse.Namespace) -> int:
    """`names label|merge|split NAME OTHER`: one correction to names.json."""
    from tui.names.identity import normalize_label

    method, done, usage = _CORRECTIONS[args.names_action]
    name = args.name
    if args.names_action == "label":
        found = _named(name)
        if found is None:
            return 1
        name = found

    def said() -> str:
        other = normalize_label(args.other) if args.names_action == "label" else args.other
        return done.format(name=name, other=other)

    return _correct(lambda corrections: getattr(corrections, method)(name, args.other), said, usage)


def _named(name: str) -> str | None:
    """The library's spelling of `name` ("tokyo" -> "Tokyo", "Raman" -> "Priya Raman" when
    articles resolve it to her); None with the reason on stderr when no article names it: a label
    for a name nobody has would change nothing. Without a language model the name is taken as
    given (the index cannot be brought up to date to check it)."""
    from tui.names.service import Names, NoModel

    names = Names.default()
    try:
        names.prepare()
    except NoModel:
        return name
    identity = names.index.identity(name)
    if identity is None:
        err(f"no article names {name}{_did_you_mean(names.index, name)}: nothing changed")
        return None
    return identity.name


# ----- who is in the news ----------------------------------------------------------------------------
def cmd_news(args: argparse.Namespace) -> int:
    names = open_names()
    if names is None:
        return 1
    end = args.until or names.index.latest_day() or date.today()
    picture = names.index.in_the_news(args.days, end, limit=args.limit)
    groups = {
        "people": picture.people,
        "organizations": picture.organizations,
        "places": picture.places,
        "rising": picture.rising,
    }
    if args.json:
        print_json(
            {
                "start": picture.start.isoformat(),
                "end": picture.end.isoformat(),
                "articles": picture.articles,
                **{
                    group: [
                        {"name": n.name, "label": n.label, "articles": n.articles, "previous": n.previous}
                        for n in entries
                    ]
                    for group, entries in groups.items()
                },
            }
        )
        return 0
    out(f"In the news {picture.start} to {picture.end} ({plural(picture.articles, 'article')})")
    for group, entries in groups.items():
        out(f"{group}:")
        for n in entries:
            was = f" (was {n.previous})" if group == "rising" else ""
            out(f"{n.articles:>5}  {n.name}{was}", indent=2)
    return 0


# ----- wiring ----------------------------------------------------------------------------------------
COMMANDS = ("follow", "timeline", "stories", "names", "news")  # what `register` adds


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `follow`, `timeline`, `stories`, `names` and `news` to the `dateline` sub-commands."""
    follow = commands.add_parser(
        "follow",
        help="follow people, organisations and places",
        description="Follow names: their new articles are counted and marked in the reader.",
    )
    actions = follow.add_subparsers(dest="follow_action", metavar="add|remove|list", required=True)
    add = actions.add_parser(
        "add", help="follow a name", description="Follow a name, spelt as the library spells it."
    )
    add.add_argument("name", metavar="NAME", help='a person, organisation or place ("John Kerry")')
    add.add_argument(
        "--label",
        help="person, org or place (or PERSON, ORG, GPE, ...); default: the library's label for it",
    )
    add.set_defaults(func=cmd_follow_add)
    remove = actions.add_parser("remove", help="stop following a name", description="Stop following a name.")
    remove.add_argument("name", metavar="NAME", help="a followed name")
    remove.set_defaults(func=cmd_follow_remove)
    listing = actions.add_parser(
        "list",
        help="followed names with their articles and new ones",
        description="Each followed name with its label, its articles and how many are new (unread).",
    )
    listing.add_argument(
        "--json", action="store_true", help='a JSON list: [{"name", "label", "articles", "new"}]'
    )
    listing.set_defaults(func=cmd_follow_list)

    timeline = commands.add_parser(
        "timeline",
        help="every article naming NAME, oldest first",
        description="Every article naming NAME, oldest first (undated last), with the sentence of its "
        "first mention. A name no article has exits 1 and suggests the names ending with it.",
    )
    timeline.add_argument("name", metavar="NAME", help='a person, organisation or place ("Kerry" will do)')
    timeline.add_argument(
        "--json",
        action="store_true",
        help='a JSON list: [{"article_id", "title", "published", "source", "sentence"}]',
    )
    timeline.set_defaults(func=cmd_timeline)

    stories = commands.add_parser(
        "stories",
        help="articles grouped by the event they report",
        description="Articles grouped by the event they report, newest story first.",
    )
    stories.add_argument(
        "--json",
        action="store_true",
        help='a JSON list: [{"title", "articles", "entities", "first", "last", ...}]',
    )
    stories.add_argument(
        "--since",
        type=_date_argument,
        metavar="DATE",
        help="only stories with an article on or after DATE (YYYY-MM-DD; default: every story)",
    )
    stories.set_defaults(func=cmd_stories)

    corrections = commands.add_parser(
        "names",
        help="correct names across the library",
        description="Correct a name in every article: its label, or which names are the same person, "
        "organisation or place. Kept in names.json in the config directory.",
    )
    fixes = corrections.add_subparsers(dest="names_action", metavar="label|merge|split", required=True)
    label = fixes.add_parser(
        "label",
        help="show NAME as LABEL everywhere",
        description="Show NAME as LABEL in every article (a name no article has: exit 1, nothing changed).",
    )
    label.add_argument("name", metavar="NAME", help="a name as articles spell it")
    label.add_argument(
        "other", metavar="label", help="person, org or place (or PERSON, ORG, NORP, GPE, LOC, FAC)"
    )
    merge = fixes.add_parser(
        "merge", help="count NAME as INTO everywhere", description="Count NAME as INTO in every article."
    )
    merge.add_argument("name", metavar="NAME", help='the name to merge ("UN")')
    merge.add_argument("other", metavar="into", help='the name it is the same as ("United Nations")')
    split = fixes.add_parser(
        "split",
        help="never count NAME as FROM again",
        description="Never count NAME as FROM again (undoes a merge, or the automatic rules).",
    )
    split.add_argument("name", metavar="NAME", help='the name to split off ("Kerry")')
    split.add_argument("other", metavar="from", help='the name it is not ("John Kerry")')
    for fix in (label, merge, split):
        fix.set_defaults(func=cmd_names_correct)

    news = commands.add_parser(
        "news",
        help="who is in the news: top names and fastest risers",
        description="The people, organisations and places most in the news over DAYS days up to DATE, "
        "and the names rising fastest against the DAYS days before.",
    )
    news.add_argument("--days", type=int, default=7, metavar="DAYS", help="the period (default: 7 days)")
    news.add_argument(
        "--until",
        type=_date_argument,
        metavar="DATE",
        help="the period's last day (YYYY-MM-DD; default: the newest article's date)",
    )
    news.add_argument("--limit", type=int, default=10, metavar="N", help="names per group (default: 10)")
    news.add_argument(
        "--json",
        action="store_true",
        help='one JSON object: {"start", "end", "articles", "people", "organizations", "places", "rising"}',
    )
    news.set_defaults(func=cmd_news)
