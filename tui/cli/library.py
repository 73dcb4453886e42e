"""The library commands: `import`, `list`, `show`, `search`, `analyze`."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from tui.cli import rules
from tui.cli.common import (
    UsageError,
    counting_progress,
    err,
    find_article,
    followed_bookmarks,
    load_read_state,
    make_analyzer,
    out,
    print_json,
    search_hit_json,
    shown_article,
    stderr_progress,
)

if TYPE_CHECKING:
    from tui.analysis.model import Analyzer
    from tui.core.article import Article
    from tui.store.library import Library

DEFAULT_SEARCH_LIMIT = 20
QUERY_HELP = (
    'words (all must match; stemmed; word* or the last word is a prefix), "a phrase", title:word, '
    'feed:TITLE_OR_URL, tag:FOLDER_OR_TAG, person:"John Kerry", org:, place:, name:, '
    "since:YYYY-MM-DD (or 7d, 2w: days or weeks ago), before:YYYY-MM-DD, unread:yes|no; "
    "-term excludes; a OR b (AND binds tighter: a b OR c is (a b) OR c); (parentheses) group. "
    "'ent:PERSON=John Kerry' counts the mentions of a name"
)


COMMANDS = ("import", "list", "show", "search", "analyze")  # what `register` adds


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `import`, `list`, `show`, `search` and `analyze`."""
    parser = commands.add_parser(
        "import",
        help="store files, folders or http(s) URLs in your library",
        description="Store articles in your library, one line per article: imported, duplicate or "
        "rejected (with the reason, on stderr). Files keep their absolute path as their source.",
    )
    parser.add_argument(
        "inputs", nargs="+", metavar="PATH_OR_URL", help="a file, a folder, or an http(s) URL"
    )
    parser.set_defaults(func=cmd_import)

    parser = commands.add_parser(
        "list",
        help="the library, one article a line",
        description="List the library, one article a line: "
        "id, * if bookmarked, date, words, title and source.",
    )
    parser.add_argument("--json", action="store_true", help="a JSON list (sources as absolute paths)")
    parser.add_argument(
        "--sort",
        choices=("date", "title", "source"),
        default="date",
        help="order (default: date, newest first)",
    )
    parser.add_argument("--unread", action="store_true", help="only unread (feed) articles")
    parser.add_argument(
        "--feed",
        metavar="URL_OR_TITLE",
        help="only articles from this feed: its URL or title (any case; a unique part of a title will do)",
    )
    rules.add_list_options(parser)  # --saved NAME, --muted (issue 21)
    parser.set_defaults(func=cmd_list)

    parser = commands.add_parser(
        "show",
        help="an article with its entities and facts",
        description="Show an article highlighted, with its entities and facts (or their JSON).",
    )
    parser.add_argument("target", metavar="ID_OR_PATH", help="an article id (or a unique prefix) or a file")
    parser.add_argument(
        "--json", action="store_true", help="the article, entities and facts as JSON (notices on stderr)"
    )
    parser.set_defaults(func=cmd_show)

    parser = commands.add_parser(
        "search",
        help="search titles and text, best match first",
        description="Search titles and text of the library, best match first (title matches weigh "
        "more). Says on stderr how many articles match.",
    )
    parser.add_argument("query", metavar="QUERY", help=QUERY_HELP)
    parser.add_argument("--json", action="store_true", help="the results as a JSON list")
    how_many = parser.add_mutually_exclusive_group()
    how_many.add_argument(
        "--limit",
        type=int,
        default=DEFAULT_SEARCH_LIMIT,
        metavar="N",
        help=f"show at most N results (default: {DEFAULT_SEARCH_LIMIT})",
    )
    how_many.add_argument("--all", action="store_true", help="show every result")
    parser.set_defaults(func=cmd_search)

    parser = commands.add_parser(
        "analyze",
        help="find the entities and facts of many articles at once",
        description="Analyse articles in bulk (the whole library unless articles are named): "
        "entities, facts and the names index that `search ent:` and the name commands use. Analysed "
        "articles are skipped.",
    )
    parser.add_argument(
        "targets", nargs="*", metavar="ID_OR_PATH", help="only these articles (default: the whole library)"
    )
    parser.add_argument(
        "--batch-size", type=int, default=64, metavar="N", help="paragraphs per spaCy batch (default: 64)"
    )
    parser.add_argument(
        "--processes",
        type=int,
        default=0,
        metavar="N",
        help="worker processes (default 0: one per core when there is more than a few articles' work)",
    )
    parser.set_defaults(func=cmd_analyze)


# ----- import -------------------------------------------------------------------------------------
def cmd_import(args: argparse.Namespace) -> int:
    """Store articles in the user library, one line per article."""
    from tui.core.sanitize import clean_line
    from tui.core.text import plural
    from tui.store.library import ImportResult, Library
    from tui.store.paths import display_source

    library = Library.default()
    rejected = 0

    def report(result: ImportResult) -> None:
        nonlocal rejected
        line = f"{result.status}: {clean_line(display_source(result.input))}"
        if result.title:
            line += f" — {clean_line(result.title)}"
        if result.article_id:
            line += f" [{result.article_id}]"
        for reason in (result.reason, *result.notices):
            if reason:
                line += f" ({clean_line(reason)})"
        if result.status == "rejected":
            rejected += 1
            print(line, file=sys.stderr)
        else:
            out(line)

    if sys.stderr.isatty() and sys.stdout.isatty():
        from rich.progress import BarColumn, SpinnerColumn, TimeElapsedColumn

        # Lines are printed above the bar; the bar counts articles as they are stored.
        with stderr_progress(
            SpinnerColumn(), "importing", BarColumn(), "{task.fields[stored]}", TimeElapsedColumn()
        ) as bar:
            task = bar.add_task("import", total=None, stored=plural(0, "article"))
            done = 0

            def report_with_bar(result: ImportResult) -> None:
                nonlocal done
                done += 1
                bar.update(task, advance=1, stored=plural(done, "article"))
                report(result)

            library.import_inputs(args.inputs, progress=report_with_bar)
    else:
        library.import_inputs(args.inputs, progress=report)
    return 1 if rejected else 0


# ----- list ---------------------------------------------------------------------------------------
def cmd_list(args: argparse.Namespace) -> int:
    """The library, one article a line."""
    from tui.core.sanitize import clean_line
    from tui.store.library import Library
    from tui.store.paths import display_source

    library = Library.default()
    library.refresh()
    store = followed_bookmarks(library)  # an updated article's bookmark followed to its new id
    from tui.cli.feeds import list_filters, summary_extras

    marked = {b.article_id for b in store.bookmarks}
    read_state = load_read_state()
    listed = rules.listed_summaries(library, args)  # without the muted; --saved, --muted (issue 21)
    if listed is None:
        return 1
    summaries = list_filters(listed, unread=args.unread, feed=args.feed, read_state=read_state)
    if args.json:
        print_json(
            [
                {
                    "id": s.id,
                    "title": s.title,
                    "source": s.source,
                    "published": s.published,
                    "words": s.words,
                    "bookmarked": s.id in marked,
                    **summary_extras(s, read_state),
                }
                for s in summaries
            ]
        )
        return 0
    for s in summaries:
        mark = "*" if s.id in marked else ("●" if not read_state.is_read(s.id) else " ")
        date = (s.published or "")[:10].ljust(10)
        source = clean_line(display_source(s.source))
        out(f"{s.id} {mark} {date} {s.words:>6} {clean_line(s.title)} — {source}")
    return 0


# ----- show ---------------------------------------------------------------------------------------
def cmd_show(args: argparse.Namespace) -> int:
    """The article analysed: highlighted text, or the JSON of docs/ARCHITECTURE.md."""
    shown = shown_article(args.target)  # names.json applied
    if shown is None:
        return 1
    article, analysis = shown
    from tui.output.export import to_json, to_terminal

    if args.json:
        # The JSON keys are a contract; how the file was read is said beside it.
        for notice in article.notices:
            err(f"{article.id}: {notice}")
        print_json(to_json(article, analysis))
    else:
        to_terminal(article, analysis)  # prints the article's notices above the text
    return 0


# ----- search -------------------------------------------------------------------------------------
def cmd_search(args: argparse.Namespace) -> int:
    """`dateline search`: the one search of `tui.names.search` (the query language of
    docs/ARCHITECTURE.md, "Search"), formatted; a query it cannot understand exits 2."""
    from tui.names.search import TermError, query_kind

    if not args.all and args.limit < 1:
        raise UsageError("--limit must be at least 1 (or use --all)")
    limit = None if args.all else args.limit
    query = args.query
    try:
        kind, tree = query_kind(query)
    except TermError as problem:
        err(f"cannot search {query!r}: {problem}")
        return 2
    if kind == "entity":
        return _entity_search(query, args.json, limit)
    if tree is None:
        err(
            f"no articles match {query!r}: the query has no words to search for "
            '(try words, "a phrase", title:word, person:Name, a OR b, -word; see `dateline search --help`)'
        )
        return 1
    return _query_search(query, args.json, limit)


def _query_search(query: str, as_json: bool, limit: int | None) -> int:
    """Any query but `ent:`: best match of its words first (else newest first), and how many match."""
    from tui.core.sanitize import clean_line
    from tui.names.identity import KIND_WORDS
    from tui.names.readstate import default_read_state
    from tui.names.search import needs_names, search
    from tui.store.library import Library

    if needs_names(query):  # the names index, analysed and brought up to date first
        from tui.cli.names import open_names

        names = open_names()
        if names is None:
            return 1
        library, index, read_state = names.library, names.index, names.read_state()
    else:
        library, index, read_state = Library.default(), None, default_read_state()
        library.refresh()
    result = search(library, query, limit=limit, index=index, read_state=read_state)
    for unknown in result.unknown:
        err(f"no article names {unknown}")
    for name, kind in result.other_kind:  # `org:Kilkenny`, the club taken for the town
        err(f"{name} is known as {KIND_WORDS.get(kind, kind)} here: the articles naming it are listed")
    if not result.hits:
        err(f"no articles match {query!r}")
        return 1
    if as_json:
        print_json([search_hit_json(h) for h in result.hits])
    else:
        for h in result.hits:
            out(f"{h.summary.id}  {clean_line(h.summary.title)}")
            if h.snippet:
                out(f"    {clean_line(h.snippet)}")
    _say_how_many(len(result.hits), result.total, ranked=any(h.matches for h in result.hits))
    return 0


def _say_how_many(shown: int, total: int, *, ranked: bool = True) -> None:
    """On stderr, so that stdout stays the results: "20 of 53 articles match …"."""
    from tui.core.text import plural

    if shown < total:
        order = "best first" if ranked else "newest first"
        err(f"{shown} of {plural(total, 'article')} match, {order}; --limit N or --all for more")
    else:
        err(f"{plural(total, 'article')} {'matches' if total == 1 else 'match'}")


def _entity_search(query: str, as_json: bool, limit: int | None) -> int:
    """`search 'ent:LABEL=Name'`: the articles that mention the name, from the names index (the
    user's corrections applied: a merged name finds both, a split one only its own)."""
    from tui.analysis.entity_index import parse_entity_query
    from tui.core.sanitize import clean_line
    from tui.names.search import NoModel, open_entity_index, search_entity
    from tui.store.library import Library

    entity = parse_entity_query(query)
    if entity is None:
        err(
            f"no articles match {query!r}: an entity search needs a name, "
            "e.g. 'ent:PERSON=John Kerry' or 'ent:Kerry'"
        )
        return 1
    library = Library.default()
    library.refresh()
    analyzer = make_analyzer()

    def analyse(ids: list[str]) -> None:
        analyze_ids(analyzer, library, ids, batch_size=32, processes=1, quiet=True)

    try:
        index = open_entity_index(library, analyzer, tell=err, analyse=analyse)
    except NoModel as problem:
        err(f"entity search needs a language model. {problem}")
        return 1
    result = search_entity(library, index, entity, limit)
    if not result.hits:
        name = f"{entity.label}={entity.name}" if entity.label else entity.name
        err(f"no articles match 'ent:{name}'")
        return 1
    if as_json:
        print_json([search_hit_json(h) | {"mentions": result.mentions[h.summary.id]} for h in result.hits])
    else:
        for h in result.hits:
            out(f"{h.summary.id}  {clean_line(h.summary.title)}")
            out(f"    ×{result.mentions[h.summary.id]}  {clean_line(h.snippet)}")
    _say_how_many(len(result.hits), result.total)
    return 0


# ----- analyze ------------------------------------------------------------------------------------
def cmd_analyze(args: argparse.Namespace) -> int:
    """Analyse the library (or some articles) in bulk: entities and facts into the cache, then the
    names index brought up to date with them."""
    if args.batch_size < 1 or args.processes < 0:
        raise UsageError("--batch-size must be at least 1 and --processes at least 0 (0: automatic)")
    from tui.core.text import plural
    from tui.store.library import Library

    library = Library.default()
    library.refresh()
    failed = 0
    given: list[Article] = []
    if args.targets:
        for target in args.targets:
            article = find_article(target)
            if article is None:
                failed += 1
            else:
                given.append(article)
        ids = [a.id for a in given]
    else:
        ids = [s.id for s in library.summaries()]
    analyzer = make_analyzer()
    if analyzer.ensure_model() is None:
        err(analyzer.status)
        return 1
    todo = analyzer.unanalyzed(ids)
    # 0: one worker process per core, forked with the model loaded; one process for a small job
    # (`Analyzer.analyze_many`, tui/analysis/pool.py).
    processes = args.processes
    started = time.perf_counter()
    todo_set = set(todo)
    count, words = analyze_ids(
        analyzer,
        library,
        todo,
        batch_size=args.batch_size,
        processes=processes,
        quiet=False,
        given=[a for a in given if a.id in todo_set],
    )
    seconds = time.perf_counter() - started
    _sync_names(library, analyzer)
    rate = f", {words / seconds:,.0f} words/s" if count and seconds > 0 else ""
    out(
        f"analysed {plural(count, 'article')} ({plural(words, 'word')}) in {seconds:.1f} s{rate}; "
        f"{len(set(ids)) - len(todo)} already analysed"
    )
    return 1 if failed or count < len(todo) else 0


def _sync_names(library: Library, analyzer: Analyzer) -> None:
    """Bring the names index up to date with the analyses (the name commands and `search ent:` then
    answer at once); a failure only costs that time later."""
    import sqlite3

    from tui.names.follows import Follows
    from tui.names.identity import CorrectionsFile
    from tui.names.index import NameIndex
    from tui.store.paths import cache_dir

    model = analyzer.model_name()
    if model is None:
        return
    try:
        index = NameIndex(cache_dir(), CorrectionsFile().load())
        followed = {follow.name: follow.label for follow in Follows().load()}
        index.sync(library, analyzer.cache, model, followed=followed)
        index.close()
    except (sqlite3.Error, OSError) as problem:
        err(f"the names index was not brought up to date: {problem}")


def analyze_ids(
    analyzer: Analyzer,
    library: Library,
    ids: list[str],
    *,
    batch_size: int,
    processes: int,
    quiet: bool,
    given: Sequence[Article] = (),
) -> tuple[int, int]:
    """Analyse these library articles (read one at a time; `given`: articles already read, e.g.
    files outside the library) in bulk: a progress bar on a terminal, else (unless quiet) one
    line per article. Returns (articles, words) analysed."""
    from tui.analysis.entity_index import ArticlesByID

    given_ids = {a.id for a in given}
    from_library = ArticlesByID(library.get, [i for i in ids if i not in given_ids])
    words_of = {s.id: s.words for s in library.summaries()} | {a.id: a.words for a in given}
    articles = _Chained(list(given), from_library)
    count = words = 0
    started = time.perf_counter()
    if sys.stderr.isatty():
        from rich.progress import TimeRemainingColumn

        # No refresh thread: worker processes are forked, and a fork should not copy a busy thread.
        with counting_progress(
            "analysing", "{task.fields[rate]}", TimeRemainingColumn(), auto_refresh=False
        ) as bar:
            task = bar.add_task("analyze", total=len(articles), rate="")

            def advance(done: int, total: int) -> None:
                bar.update(task, completed=done)
                bar.refresh()

            for analysis in analyzer.analyze_many(
                articles, batch_size=batch_size, n_process=processes, progress=advance
            ):
                count += 1
                words += words_of.get(analysis.article_id, 0)
                rate = words / max(time.perf_counter() - started, 1e-9)
                bar.update(task, rate=f"{rate:,.0f} words/s")
        return count, words
    from tui.core.sanitize import clean_line
    from tui.core.text import plural

    for analysis in analyzer.analyze_many(articles, batch_size=batch_size, n_process=processes):
        count += 1
        words += words_of.get(analysis.article_id, 0)
        if not quiet:
            people = ", ".join(f["name"] for f in analysis.facts.get("people", [])[:3])
            out(
                f"analysed {analysis.article_id}  {plural(len(analysis.entities), 'entity', 'entities')}"
                + (f"  ({clean_line(people)})" if people else "")
            )
    return count, words


class _Chained:
    """Two sized iterables as one (analyze_many reads its total from len())."""

    def __init__(self, first: Sequence[Article], second: Any) -> None:
        self.parts: tuple[Iterable[Article], ...] = (first, second)
        self._sizes = (len(first), len(second))

    def __len__(self) -> int:
        return sum(self._sizes)

    def __iter__(self) -> Iterator[Article]:
        for part in self.parts:
            yield from part
