"""The one search of the library, below both front ends: `dateline search` only formats what it
returns, and the reader's `/` lists it.

A query is one of three kinds (`query_kind`), answered from one place each:

- words (`kerry "new york" title:ferry a OR b`): the full-text index, `Library.search` and
  `Library.count_matches` (the query made safe by `tui.store.query`);
- `ent:LABEL=Name`: the names index, the articles that mention that name after the user's corrections,
  a snippet around the mentions;
- entity terms (`person:"John Kerry" org:… place:… name:… since:… before:… unread:yes`, with free
  words beside them): the names index for the terms (`tui.names.query`), the full-text index for the
  words.

Names must be indexed for the last two: the CLI brings the index up to date first (`open_entity_index`,
or `Names.prepare`), the reader searches the index it has open. Without one the reader searches the
words it was given, as it always did.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from tui.analysis.entity_index import EntityQuery, mention_pattern, parse_entity_query
from tui.analysis.model import Analyzer
from tui.names.identity import CorrectionsFile
from tui.names.index import NameIndex
from tui.names.query import EntityTerms, TermError, parse_terms, run_terms
from tui.names.readstate import UnreadSource
from tui.names.service import NoModel
from tui.store.library import ArticleSummary, Library, SearchHit
from tui.store.paths import cache_dir
from tui.store.query import fts_query, make_snippet

SearchKind = Literal["words", "entity", "terms"]
DEFAULT_LIMIT = 50  # what the reader's list shows of a search


@dataclass(frozen=True)
class SearchResult:
    """What a search found: `hits` (at most the limit asked for; words and `ent:` best first, entity
    terms without words newest first) of `total` matching articles.

    `searchable` is False when the query asks for nothing (no words; `ent:` without a name);
    `mentions` counts, for `ent:`, how often each article names it; `unknown` are the names of
    entity terms that no article carries."""

    kind: SearchKind
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0
    searchable: bool = True
    mentions: dict[str, int] = field(default_factory=dict)
    unknown: tuple[str, ...] = ()


def query_kind(query: str) -> tuple[SearchKind, EntityTerms | None]:
    """The kind of `query`, and its entity terms when it has some. Raises TermError for a term
    that cannot be understood (`since:yesterday`)."""
    terms = parse_terms(query)
    if not terms.empty:
        return "terms", terms
    if query.strip()[:4].lower() == "ent:":
        return "entity", None
    return "words", None


def search_words(
    library: Library, query: str, limit: int | None = DEFAULT_LIMIT, *, count: bool = True
) -> SearchResult:
    """Full-text search: the best `limit` (None: all) of every article matching the words. Without
    `count` (the reader, on every key) `total` is only how many were found within the limit."""
    if fts_query(query) is None:
        return SearchResult("words", searchable=False)
    if not count and limit is not None:
        hits = library.search(query, limit=limit)
        return SearchResult("words", hits, len(hits))
    total = library.count_matches(query)
    if limit is None:
        limit = total
    hits = library.search(query, limit=limit) if total and limit > 0 else []
    return SearchResult("words", hits, total)


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


def search_terms(
    library: Library,
    index: NameIndex,
    terms: EntityTerms,
    read_state: UnreadSource | None = None,
    limit: int | None = DEFAULT_LIMIT,
) -> SearchResult:
    """Entity terms: the articles matching every term and, when there are words beside them, the
    words (best match first); without words, newest first, with the sentence naming the first
    name as the snippet. `total` counts the articles the terms match."""
    result = run_terms(index, terms, read_state)
    summaries = {s.id: s for s in library.summaries()}
    snippets: dict[str, SearchHit] = {}
    if terms.text:
        hits = library.search(terms.text, limit=max(len(summaries), 1))
        snippets = {h.summary.id: h for h in hits}
        ids = [h.summary.id for h in hits if h.summary.id in result.ids]
    else:
        ids = sorted(
            (i for i in result.ids if i in summaries),
            key=lambda i: (summaries[i].published or "", i),
            reverse=True,
        )
        if terms.names:
            for entry in index.timeline(terms.names[0][0]):
                if entry.article_id in summaries:
                    snippets[entry.article_id] = SearchHit(summaries[entry.article_id], entry.sentence, ())
    if limit is not None:
        ids = ids[: max(0, limit)]
    shown = [snippets.get(i) or SearchHit(summaries[i], "", ()) for i in ids if i in summaries]
    return SearchResult("terms", shown, len(result.ids), unknown=result.unknown)


def search(
    library: Library,
    query: str,
    *,
    limit: int | None = DEFAULT_LIMIT,
    index: NameIndex | None = None,
    read_state: UnreadSource | None = None,
    count: bool = False,
) -> SearchResult:
    """Whatever `query` asks for, from the indexes as they are (nothing is analysed or synced here:
    see `open_entity_index`): what the reader's `/` lists. Without a names `index`, or with a term
    still being typed (`since:2026-0`), the query is searched as words (`count`: see `search_words`)."""
    try:
        kind, terms = query_kind(query)
    except TermError:
        kind, terms = "words", None
    ready = index is not None and index.indexed_count() > 0
    if ready and index is not None and kind == "terms" and terms is not None:
        return search_terms(library, index, terms, read_state, limit)
    if ready and index is not None and kind == "entity":
        return search_entity(library, index, parse_entity_query(query), limit)
    return search_words(library, _as_words(query, kind, terms), limit, count=count)


def matching_ids(
    library: Library,
    query: str,
    *,
    index: NameIndex | None = None,
    read_state: UnreadSource | None = None,
    include_muted: bool = False,
) -> list[str]:
    """The ids of ALL the articles `query` matches (no limit), newest first (undated last): what
    saved searches, mute rules and counts are made of. Raises TermError, with a message in words,
    for a query it cannot understand. `include_muted` keeps muted articles in (once the library
    mutes any)."""
    query_kind(query)  # a bad term is an error here, not a words search
    result = search(library, query, limit=None, index=index, read_state=read_state, count=True)
    del include_muted  # nothing is muted yet
    newest = sorted(result.hits, key=lambda h: (h.summary.published is not None, h.summary.published or ""))
    return [hit.summary.id for hit in reversed(newest)]


def _as_words(query: str, kind: SearchKind, terms: EntityTerms | None) -> str:
    """What a names query means as words while no names index is there to answer it:
    `person:"John Kerry" ferry` -> `"John Kerry" ferry` (dates and unread cannot be asked of words)."""
    if kind == "terms" and terms is not None:
        names = " ".join('"' + name.replace('"', "") + '"' for name, _ in terms.names)
        return " ".join(part for part in (names, terms.text) if part.strip())
    if kind == "entity":
        entity = parse_entity_query(query)
        return '"' + entity.name.replace('"', "") + '"' if entity is not None and entity.name else query
    return query


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
    "parse_terms",
    "open_entity_index",
    "matching_ids",
    "query_kind",
    "search",
    "search_entity",
    "search_terms",
    "search_words",
]
