"""The `dateline` command: opens the TUI, or runs one of the sub-commands (DESIGN.md contract).

Exit codes: 0 success; 1 some input rejected or not found (reason on stderr); 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tui import __version__

SUBCOMMANDS = ("import", "list", "show", "search", "bookmarks", "bookmark", "export", "analyze")
EXPORT_FORMATS = ("md", "json", "html", "displacy")
EPILOG = """commands:
  dateline                       open the reader on the library (bundled samples + your imports)
  dateline PATH...               open the reader on just these files or folders
  dateline import PATH_OR_URL... store articles in your library
  dateline list [--json]         the library, one article a line
  dateline show ID_OR_PATH [--json]
  dateline search QUERY [--json]  (QUERY 'ent:PERSON=John Kerry' or 'ent:Kerry': articles naming it)
  dateline analyze [--all] [ID_OR_PATH...] [--batch-size N] [--processes N]
  dateline bookmarks [--json]
  dateline bookmark add|remove ID [--note TEXT]
  dateline export ID_OR_PATH --format md|json|html|displacy

exit codes: 0 success, 1 input rejected or not found, 2 usage error"""


class UsageError(Exception):
    """Bad command-line usage (exit code 2)."""


def _setup_logging() -> None:
    # Library warnings (spaCy's W095 and friends) go to a log file, never over the screen.
    from tui.store.paths import cache_layout

    logging.captureWarnings(True)
    try:
        layout = cache_layout()
        layout.root.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(layout.log_file, encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)


def _err(message: str) -> None:
    from tui.core.sanitize import clean_line

    print(f"dateline: {clean_line(message)}", file=sys.stderr)


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _parser(prog: str, description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"dateline {prog}", description=description)
    parser.exit_on_error = False
    return parser


def _parse(parser: argparse.ArgumentParser, args: Sequence[str]) -> argparse.Namespace:
    try:
        return parser.parse_args(list(args))
    except argparse.ArgumentError as exc:
        raise UsageError(str(exc)) from exc


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `dateline` command; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    top = argparse.ArgumentParser(
        prog="dateline",
        description="A terminal news reader that understands what it shows.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    top.add_argument("--version", action="version", version=f"dateline {__version__}")
    top.add_argument("paths", nargs="*", help="files or folders to open instead of the library")
    if not args or args[0] not in SUBCOMMANDS:
        try:
            options = top.parse_args(args)
        except SystemExit as exc:
            return int(exc.code or 0)
        return run_tui([Path(p) for p in options.paths])
    _setup_logging()
    try:
        return _COMMANDS[args[0]](args[1:])
    except UsageError as exc:
        _err(str(exc))
        return 2
    except SystemExit as exc:  # argparse's --help (0) and usage errors (2)
        return int(exc.code or 0)
    except KeyboardInterrupt:
        return 130


def run_tui(paths: list[Path]) -> int:
    """Open the reader; non-zero if the app crashed (Textual's run() itself returns normally)."""
    _setup_logging()
    from tui.store.library import Library

    if paths:
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            _err(f"no such file or folder: {', '.join(missing)}")
            return 1
        library = Library.for_paths(paths)
    else:
        library = Library.default()
    from tui.ui.app import DatelineApp

    app = DatelineApp(library)
    app.run()
    from tui.ui.threads import end_process

    end_process(app.return_code or 0)  # no interpreter teardown after quitting (tui/ui/threads.py)


# ----- sub-commands -----------------------------------------------------------------------------
def cmd_import(args: Sequence[str]) -> int:
    """Store articles in the user library, one line per input."""
    parser = _parser("import", "Store articles (files, folders, URLs) in your library.")
    parser.add_argument("inputs", nargs="+", metavar="PATH_OR_URL")
    options = _parse(parser, args)
    from tui.core.sanitize import clean_line
    from tui.store.library import ImportResult, Library

    library = Library.default()
    rejected = 0

    def report(result: ImportResult) -> None:
        nonlocal rejected
        line = f"{result.status}: {clean_line(result.input)}"
        if result.title:
            line += f" — {clean_line(result.title)}"
        if result.article_id:
            line += f" [{result.article_id}]"
        if result.reason:
            line += f" ({clean_line(result.reason)})"
        if result.status == "rejected":
            rejected += 1
            print(line, file=sys.stderr)
        else:
            print(line)

    if sys.stderr.isatty() and sys.stdout.isatty():
        from rich.console import Console
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        # Lines are printed above the bar; the bar counts articles as they are stored.
        with Progress(
            SpinnerColumn(),
            TextColumn("importing"),
            BarColumn(),
            TextColumn("{task.completed} articles"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        ) as bar:
            task = bar.add_task("import", total=None)

            def report_with_bar(result: ImportResult) -> None:
                bar.advance(task)
                report(result)

            library.import_inputs(options.inputs, progress=report_with_bar)
    else:
        library.import_inputs(options.inputs, progress=report)
    return 1 if rejected else 0


def cmd_list(args: Sequence[str]) -> int:
    """The library, one article a line."""
    parser = _parser("list", "List the library.")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--sort", choices=("date", "title", "source"), default="date")
    options = _parse(parser, args)
    from tui.core.sanitize import clean_line
    from tui.store.bookmarks import BookmarkStore
    from tui.store.library import Library

    library = Library.default()
    library.refresh()
    store = BookmarkStore()
    for message in store.load():
        _err(message)
    marked = {b.article_id for b in store.bookmarks}
    summaries = library.summaries(options.sort)
    if options.json:
        _print_json(
            [
                {
                    "id": s.id,
                    "title": s.title,
                    "source": s.source,
                    "published": s.published,
                    "words": s.words,
                    "bookmarked": s.id in marked,
                }
                for s in summaries
            ]
        )
        return 0
    for s in summaries:
        mark = "*" if s.id in marked else " "
        date = (s.published or "")[:10].ljust(10)
        print(f"{s.id} {mark} {date} {s.words:>6} {clean_line(s.title)} — {clean_line(s.source)}")
    return 0


def _find_article(id_or_path: str) -> Any:
    from tui.ingest.pipeline import IngestError
    from tui.store.library import Library

    library = Library.default()
    if not Path(id_or_path).exists():
        library.refresh()  # incremental: only new or changed files are read
    try:
        article = library.find(id_or_path)
    except IngestError as exc:
        _err(f"{id_or_path}: {exc}")
        return None
    if article is None:
        _err(f"no article with id or path {id_or_path!r}")
    return article


def _analyse(article: Any) -> Any:
    from tui.analysis.model import Analyzer
    from tui.store.paths import cache_dir

    analyzer = Analyzer(cache_dir())
    analysis = analyzer.analyze(article)
    if analysis is None or analysis.model is None:  # a cached analysis needs (and loads) no model
        _err(analyzer.status)
    return analysis


def cmd_show(args: Sequence[str]) -> int:
    """The article analysed: highlighted text, or the JSON of DESIGN.md."""
    parser = _parser("show", "Show an article with its entities and facts.")
    parser.add_argument("target", metavar="ID_OR_PATH")
    parser.add_argument("--json", action="store_true")
    options = _parse(parser, args)
    article = _find_article(options.target)
    if article is None:
        return 1
    analysis = _analyse(article)
    from tui.output.export import to_json, to_terminal

    if options.json:
        _print_json(to_json(article, analysis))
    else:
        to_terminal(article, analysis)
    return 0


def cmd_export(args: Sequence[str]) -> int:
    """The analysed article for other tools."""
    parser = _parser("export", "Export an analysed article.")
    parser.add_argument("target", metavar="ID_OR_PATH")
    parser.add_argument("--format", choices=EXPORT_FORMATS, required=True)
    parser.add_argument("--output", "-o", help="write to this file instead of standard output")
    options = _parse(parser, args)
    article = _find_article(options.target)
    if article is None:
        return 1
    analysis = _analyse(article)
    from tui.output.export import export

    text = export(article, analysis, options.format)
    if options.output:
        Path(options.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def cmd_search(args: Sequence[str]) -> int:
    """Full-text search over the library."""
    parser = _parser("search", "Search titles and text of the library.")
    parser.add_argument("query")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--limit", type=int, default=20)
    options = _parse(parser, args)
    from tui.analysis.entity_index import parse_entity_query
    from tui.core.sanitize import clean_line
    from tui.store.library import Library

    entity = parse_entity_query(options.query)
    if entity is not None:
        return _entity_search(entity, options.json, options.limit)
    library = Library.default()
    library.refresh()
    hits = library.search(options.query, limit=options.limit)
    if options.json:
        _print_json(
            [
                {
                    "id": h.summary.id,
                    "title": h.summary.title,
                    "source": h.summary.source,
                    "published": h.summary.published,
                    "snippet": h.snippet,
                    "matches": [list(m) for m in h.matches],
                }
                for h in hits
            ]
        )
    else:
        for h in hits:
            print(f"{h.summary.id}  {clean_line(h.summary.title)}")
            print(f"    {clean_line(h.snippet)}")
    return 0 if hits else 1


def _entity_search(entity: Any, as_json: bool, limit: int) -> int:
    """`search 'ent:LABEL=Name'`: the articles that mention the entity, from the entity index."""
    from tui.analysis.entity_index import mention_pattern
    from tui.analysis.model import Analyzer
    from tui.core.sanitize import clean_line
    from tui.store.library import Library, make_snippet
    from tui.store.paths import cache_dir

    library = Library.default()
    library.refresh()
    analyzer = Analyzer(cache_dir())
    model = analyzer.model_name()
    if model is None:
        analyzer.ensure_model()
        _err(f"entity search needs a language model. {analyzer.status}")
        return 1
    summaries = {s.id: s for s in library.summaries()}
    indexed = analyzer.index.indexed_ids(model) & summaries.keys()
    missing = analyzer.unanalysed(summaries)
    if not indexed and missing:
        _err(f"the entity index is empty: analysing the library first ({len(missing)} articles)…")
        _analyse_ids(analyzer, library, missing, batch_size=32, processes=1, quiet=True)
    elif missing:
        _err(f"{len(missing)} articles are not analysed yet and were not searched (`dateline analyze`)")
    found = analyzer.index.articles_mentioning(entity.name, entity.label, model)
    found = [mention for mention in found if mention.article_id in summaries]
    results = []
    for mention in found[: max(0, limit)]:
        summary = summaries[mention.article_id]
        article = library.get(mention.article_id)
        snippet, matches = make_snippet(article.body if article else "", mention_pattern(mention.variants))
        results.append((summary, mention, snippet, matches))
    if as_json:
        _print_json(
            [
                {
                    "id": s.id,
                    "title": s.title,
                    "source": s.source,
                    "published": s.published,
                    "snippet": snippet,
                    "matches": [list(m) for m in matches],
                    "mentions": mention.mentions,
                }
                for s, mention, snippet, matches in results
            ]
        )
    else:
        for s, mention, snippet, _ in results:
            print(f"{s.id}  {clean_line(s.title)}")
            print(f"    ×{mention.mentions}  {clean_line(snippet)}")
    return 0 if results else 1


def _analyse_ids(
    analyzer: Any,
    library: Any,
    ids: list[str],
    *,
    batch_size: int,
    processes: int,
    quiet: bool,
    given: Sequence[Any] = (),
) -> tuple[int, int]:
    """Analyse these library articles (read one at a time; `given`: articles already read, e.g.
    files outside the library) in bulk: a progress bar on a terminal, else (unless quiet) one
    line per article. Returns (articles, words) analysed."""
    import time

    from tui.analysis.entity_index import ArticlesByID

    from_library = ArticlesByID(library.get, [i for i in ids if i not in {a.id for a in given}])
    words_of = {s.id: s.words for s in library.summaries()} | {a.id: a.words for a in given}
    articles = _Chained(list(given), from_library)
    count = words = 0
    started = time.perf_counter()
    if sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        # No refresh thread: worker processes are forked, and a fork should not copy a busy thread.
        with Progress(
            TextColumn("analysing"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
            auto_refresh=False,
        ) as bar:
            task = bar.add_task("analyse", total=len(articles), rate="")

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

    for analysis in analyzer.analyze_many(articles, batch_size=batch_size, n_process=processes):
        count += 1
        words += words_of.get(analysis.article_id, 0)
        if not quiet:
            people = ", ".join(f["name"] for f in analysis.facts.get("people", [])[:3])
            print(
                f"analysed {analysis.article_id}  {len(analysis.entities)} entities"
                + (f"  ({clean_line(people)})" if people else "")
            )
    return count, words


class _Chained:
    """Two sized iterables as one (analyze_many reads its total from len())."""

    def __init__(self, first: Sequence[Any], second: Any) -> None:
        self.parts = (first, second)

    def __len__(self) -> int:
        return sum(len(part) for part in self.parts)

    def __iter__(self) -> Any:
        for part in self.parts:
            yield from part


def cmd_analyze(args: Sequence[str]) -> int:
    """Analyse the library (or some articles) in bulk: entities, facts and the entity index."""
    parser = _parser("analyze", "Analyse articles in bulk (all of the library by default).")
    parser.add_argument("targets", nargs="*", metavar="ID_OR_PATH")
    parser.add_argument("--all", action="store_true", help="the whole library (the default)")
    parser.add_argument("--batch-size", type=int, default=64, metavar="N")
    parser.add_argument(
        "--processes",
        type=int,
        default=0,
        metavar="N",
        help="worker processes (default: 2 on a machine with 2+ cores and 100+ articles to do, else 1)",
    )
    options = _parse(parser, args)
    if options.batch_size < 1 or options.processes < 0:
        raise UsageError("--batch-size and --processes must be at least 1")
    import time

    from tui.analysis.model import Analyzer
    from tui.store.library import Library
    from tui.store.paths import cache_dir

    library = Library.default()
    library.refresh()
    failed = 0
    given: list[Any] = []
    if options.targets and not options.all:
        for target in options.targets:
            article = _find_article(target)
            if article is None:
                failed += 1
            else:
                given.append(article)
        ids = [a.id for a in given]
    else:
        ids = [s.id for s in library.summaries()]
    analyzer = Analyzer(cache_dir())
    if analyzer.ensure_model() is None:
        _err(analyzer.status)
        return 1
    todo = analyzer.unanalysed(ids)
    processes = options.processes
    if processes == 0:
        # A second process pays once there is enough work to amortise forking (bench/results.md).
        processes = 2 if (os.cpu_count() or 1) >= 2 and len(todo) >= 100 else 1
    started = time.perf_counter()
    count, words = _analyse_ids(
        analyzer,
        library,
        todo,
        batch_size=options.batch_size,
        processes=processes,
        quiet=False,
        given=[a for a in given if a.id in set(todo)],
    )
    seconds = time.perf_counter() - started
    rate = f", {words / seconds:,.0f} words/s" if count and seconds > 0 else ""
    print(
        f"analysed {count} article{'' if count == 1 else 's'} ({words:,} words) in {seconds:.1f} s{rate}; "
        f"{len(set(ids)) - len(todo)} already analysed"
    )
    return 1 if failed or count < len(todo) else 0

def cmd_bookmarks(args: Sequence[str]) -> int:
    """List bookmarks."""
    parser = _parser("bookmarks", "List bookmarks.")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--markdown", action="store_true", help="export as Markdown")
    options = _parse(parser, args)
    from tui.core.sanitize import clean_line
    from tui.store.bookmarks import BookmarkStore

    store = BookmarkStore()
    for message in store.load():
        _err(message)
    if options.json:
        sys.stdout.write(store.export_json())
        sys.stdout.write("\n")
    elif options.markdown:
        sys.stdout.write(store.export_markdown())
    else:
        for b in store.bookmarks:
            note = f" — {clean_line(b.note)}" if b.note else ""
            print(f"{b.article_id}  {b.added[:10]}  {clean_line(b.title)}{note}")
    return 0


def cmd_bookmark(args: Sequence[str]) -> int:
    """Add or remove a bookmark from a script."""
    parser = _parser("bookmark", "Add or remove a bookmark.")
    parser.add_argument("action", choices=("add", "remove", "import"))
    parser.add_argument("target", metavar="ID_OR_FILE")
    parser.add_argument("--note", default="")
    options = _parse(parser, args)
    from tui.store.bookmarks import BookmarkError, BookmarkStore

    store = BookmarkStore()
    for message in store.load():
        _err(message)
    try:
        if options.action == "import":
            added = store.import_json(Path(options.target).read_text(encoding="utf-8"))
            print(f"imported {added} bookmarks")
            return 0
        if options.action == "remove":
            if store.remove(options.target) is None:
                _err(f"no bookmark for {options.target}")
                return 1
            print(f"removed {options.target}")
            return 0
        article = _find_article(options.target)
        if article is None:
            return 1
        store.add(article.id, article.title, article.source, note=options.note)
        print(f"bookmarked {article.id}")
        return 0
    except (BookmarkError, OSError, ValueError) as exc:
        _err(str(exc))
        return 1


_COMMANDS = {
    "import": cmd_import,
    "list": cmd_list,
    "show": cmd_show,
    "search": cmd_search,
    "bookmarks": cmd_bookmarks,
    "bookmark": cmd_bookmark,
    "export": cmd_export,
    "analyze": cmd_analyze,
}


if __name__ == "__main__":
    sys.exit(main())
