"""The one search of the library, below both front ends: `dateline search` only formats what it
returns, the reader's `/` lists it, and saved searches and mute rules are its `matching_ids`.

A query is written in the one query language (`tui.names.query`: words, "phrases", `title:`
`feed:` `tag:` `person:` `org:` `place:` `name:` `since:` `before:` `unread:`, `-term`, `OR`,
parentheses) and answered by the one evaluator (`tui.names.evaluate`) as the set of every matching
id: `total` is always that set's size, whatever the limit. The hits shown are the best matches of
the query's words first (with a snippet around them), else the newest first (with the sentence
naming the query's first name). `ent:LABEL=Name` (a whole query) is the older form of a name term,
answered with how often each article names it.

Names must be indexed for name terms: the CLI brings the index up to date first (`open_entity_index`,
or `Names.prepare`), the reader searches the index it has open. Without one a name is searched as a
phrase of words (`names_as_words`), as the reader always did.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from tui.analysis.entity_index import EntityQuery, mention_pattern, parse_entity_query
from tui.analysis.model import Analyzer
from tui.names.evaluate import Evaluation, Evaluator, FeedInfo
from tui.names.identity import CorrectionsFile
from tui.names.index import NameIndex
from tui.names.query import FIELDS, Name, Node, TermError, Text, first_name, parse_query_tree, positive_text
from tui.names.readstate import UnreadSource
from tui.names.service import NoModel
from tui.store.library import ArticleSummary, Library, SearchHit
from tui.store.matches import indexed_texts, ranked_ids
from tui.store.paths import cache_dir
from tui.store.query import QueryTerm, highlight_pattern, make_snippet

SearchKind = Literal["words", "entity", "terms"]
DEFAULT_LIMIT = 50  # what the reader's list shows of a search


@dataclass(frozen=True)
class SearchResult:
    """What a search found: `hits` (at most the limit asked for: best match of the words first, or
    newest first when the query has no words) of `total` matching articles, always the true count.

    `searchable` is False when the query asks for nothing (no term; `ent:` without a name);
    `mentions` counts, for `ent:`, how often each article names it; `unknown` are the names that no
    article carries; `problem` says in words why the query could not be understood (the reader
    then searched its words); `names_as_words` that names were searched as words (no names index);
    `other_kind` the names asked for as a kind the library knows them not as, found all the same
    (name, the kind it knows: "places"…): `org:Kilkenny` when the club was taken for the town."""

    kind: SearchKind
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0
    searchable: bool = True
    mentions: dict[str, int] = field(default_factory=dict)
    unknown: tuple[str, ...] = ()
    problem: str = ""
    names_as_words: bool = False
    other_kind: tuple[tuple[str, str], ...] = ()


def query_kind(query: str) -> tuple[SearchKind, Node | None]:
    """The kind of `query` (`ent:`; only words; or terms of other fields) and its tree (None for
    `ent:` and for a query asking for nothing). Raises TermError for a query that cannot be
    understood (`since:yesterday`, `a OR`)."""
    if query.strip()[:4].lower() == "ent:":
        return "entity", None
    tree = parse_query_tree(query)
    return ("words" if _only_words(tree) else "terms"), tree


def _only_words(tree: Node | None) -> bool:
    if tree is None or isinstance(tree, Text):
        return True
    terms = getattr(tree, "terms", None)
    if terms is not None:
        return all(_only_words(term) for term in terms)
    inner = getattr(tree, "term", None)
    return inner is not None and _only_words(inner)


def _uses_names(tree: Node | None) -> bool:
    if isinstance(tree, Name):
        return True
    terms = getattr(tree, "terms", None) or ((getattr(tree, "term", None),) if hasattr(tree, "term") else ())
    return any(_uses_names(term) for term in terms)


def needs_names(query: str) -> bool:
    """Whether answering `query` needs the names index (a name term, or `ent:`); False for a query
    that cannot be understood."""
    try:
        kind, tree = query_kind(query)
    except TermError:
        return False
    return kind == "entity" or _uses_names(tree)


def matching_ids(
    library: Library,
    query: str,
    *,
    index: NameIndex | None = None,
    read_state: UnreadSource | None = None,
    include_muted: bool = False,
    feeds: Sequence[FeedInfo] | None = None,
) -> list[str]:
    """The ids of ALL the articles `query` matches (no limit), newest first (undated last): what
    saved searches, mute rules and counts are made of. Raises TermError, with a message in words,
    for a query it cannot understand; a query asking for nothing matches nothing. Muted articles
    only with `include_muted`; `feeds` (the subscriptions) are read from the config dir unless given."""
    kind, tree = query_kind(query)
    if kind == "entity":
        entity = parse_entity_query(query)
        if entity is None or index is None:
            return []
        view = library.including_muted() if include_muted and hasattr(library, "including_muted") else library
        summaries = {s.id: s for s in view.summaries()}
        ids = {m.article_id for m in index.articles_mentioning(entity.name, entity.label)} & set(summaries)
        return _newest(ids, summaries)
    if tree is None:
        return []
    evaluator = Evaluator(
        library, index=index, read_state=read_state, feeds=feeds, include_muted=include_muted
    )
    found = evaluator.evaluate(tree)
    return _newest(found.ids, found.summaries)


def _newest(ids: set[str], summaries: dict[str, ArticleSummary]) -> list[str]:
    """Newest first, undated last, ties by id (stable from one run to the next)."""
    dated = sorted(
        (i for i in ids if summaries[i].published), key=lambda i: (summaries[i].published or "", i)
    )
    undated = sorted(i for i in ids if not summaries[i].published)
    return [*reversed(dated), *undated]


def search_entity(
    library: Library,
    index: NameIndex,
    entity: EntityQuery | None,
    limit: int | None = DEFAULT_LIMIT,
    summaries: Sequence[ArticleSummary] | None = None,
) -> SearchResult:
    """`ent:LABEL=Name`: the library's articles that mention the name (a merged name finds both
    spellings, a split one only its own), most mentions first, with a snippet around them."""
    if entity is None:
        return SearchResult("entity", searchable=False)
    by_id = {s.id: s for s in (library.summaries() if summaries is None else summaries)}
    found = [m for m in index.articles_mentioning(entity.name, entity.label) if m.article_id in by_id]
    hits: list[SearchHit] = []
    for mention in found if limit is None else found[: max(0, limit)]:
        article = library.get(mention.article_id)
        snippet, matches = make_snippet(article.body if article else "", mention_pattern(mention.variants))
        hits.append(SearchHit(by_id[mention.article_id], snippet, matches))
    mentions = {m.article_id: m.mentions for m in found}
    return SearchResult("entity", hits, len(found), mentions=mentions)


def search(
    library: Library,
    query: str,
    *,
    limit: int | None = DEFAULT_LIMIT,
    index: NameIndex | None = None,
    read_state: UnreadSource | None = None,
    count: bool = True,
    feeds: Sequence[FeedInfo] | None = None,
    include_muted: bool = False,
) -> SearchResult:
    """Whatever `query` asks for, from the indexes as they are (nothing is analysed or synced here:
    see `open_entity_index`): what the reader's `/` lists and `dateline search` prints. A query that
    cannot be understood (a term still being typed, `since:2026-0`) is searched as its words, with
    the reason in `problem`. `total` is always the true count (`count` is kept for old callers)."""
    del count
    problem = ""
    try:
        kind, tree = query_kind(query)
    except TermError as error:
        problem = str(error)
        kind, tree = "words", parse_query_tree(" ".join(_words_of(query)))
    ready = index is not None and index.indexed_count() > 0
    if kind == "entity":
        entity = parse_entity_query(query)
        if ready and index is not None:
            return search_entity(library, index, entity, limit)
        name = entity.name.replace('"', "") if entity is not None else ""
        kind, tree = "words", parse_query_tree(f'"{name}"') if name else None
    if tree is None:
        return SearchResult(kind, searchable=False, problem=problem)
    evaluator = Evaluator(
        library, index=index, read_state=read_state, feeds=feeds, include_muted=include_muted
    )
    found = evaluator.evaluate(tree)
    hits = _hits(library, tree, found, limit, evaluator.index)
    return SearchResult(
        kind,
        hits,
        len(found.ids),
        unknown=tuple(found.unknown),
        problem=problem,
        names_as_words=found.names_as_words,
        other_kind=tuple(found.other_kind),
    )


def _words_of(query: str) -> list[str]:
    """The plain words of a query that cannot be parsed, each quoted: `field:` terms (one of them
    is what is wrong, or still being typed) and operators left out."""
    words = []
    for piece in query.replace("(", " ").replace(")", " ").split():
        head, colon, _ = piece.lstrip("-").partition(":")
        if (colon and head.lower() in FIELDS) or piece in ("OR", "AND", "NOT") or not piece.strip('"-'):
            continue
        words.append('"' + piece.replace('"', "") + '"')
    return words


def _hits(
    library: Library, tree: Node, found: Evaluation, limit: int | None, index: NameIndex | None
) -> list[SearchHit]:
    """The results shown, at most `limit`: by the query's words, best first, then newest first;
    a snippet around the words, else the sentence naming the query's first name."""
    wanted = len(found.ids) if limit is None else max(0, min(limit, len(found.ids)))
    if not wanted:
        return []
    words = positive_text(tree)
    groups = [[QueryTerm(t.words, t.prefix, t.column) for t in words]] if words else []
    order = [i for i in ranked_ids(library, groups) if i in found.ids] if groups else []
    if len(order) < wanted:
        ranked = set(order)
        order += [i for i in _newest(found.ids, found.summaries) if i not in ranked]
    shown = order[:wanted]
    snippets: dict[str, SearchHit] = {}
    if groups:
        pattern = highlight_pattern(groups)
        for article_id, body in indexed_texts(library, shown).items():
            snippet, matches = make_snippet(body, pattern)
            if matches:
                snippets[article_id] = SearchHit(found.summaries[article_id], snippet, matches)
    name = first_name(tree)
    if index is not None and name is not None and len(snippets) < len(shown):
        wanted_ids = set(shown) - set(snippets)
        for entry in index.timeline(name.name):
            if entry.article_id in wanted_ids and entry.article_id not in snippets:
                snippets[entry.article_id] = SearchHit(found.summaries[entry.article_id], entry.sentence, ())
    return [snippets.get(i) or SearchHit(found.summaries[i], "", ()) for i in shown]


def open_entity_index(
    library: Library,
    analyzer: Analyzer,
    *,
    tell: Callable[[str], None],
    analyse: Callable[[list[str]], object],
) -> NameIndex:
    """The names index with the user's corrections, brought up to date with the analyses for an
    `ent:` search. When no article is analysed yet, `analyse(ids)` analyses the library first
    (the caller shows the progress); when only some are, `tell` says they are not searched.
    Raises NoModel without a language model (the analyzer's status says how to install one)."""
    from tui.core.text import plural

    model = analyzer.model_name()
    if model is None:
        analyzer.ensure_model()
        raise NoModel(analyzer.status)
    ids = [s.id for s in library.summaries()]
    missing = analyzer.unanalyzed(ids)
    if len(missing) == len(ids) and missing:
        tell(f"the entity index is empty: analysing the library first ({plural(len(missing), 'article')})…")
        analyse(missing)
        model = analyzer.model_name() or model
    elif missing:
        tell(f"{plural(len(missing), 'article')} not analysed yet and not searched (`dateline analyze`)")
    corrections = CorrectionsFile()
    index = NameIndex(cache_dir(), corrections.load())
    for message in corrections.messages:
        tell(message)
    index.sync(library, analyzer.cache, model)
    return index


__all__ = [
    "DEFAULT_LIMIT",
    "NoModel",
    "SearchKind",
    "SearchResult",
    "TermError",
    "matching_ids",
    "needs_names",
    "open_entity_index",
    "query_kind",
    "search",
    "search_entity",
]
