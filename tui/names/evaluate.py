"""The one evaluator of the query language (`tui.names.query`, issue 21): a query tree answered as a
set of article ids, each term from where its answer lives, and AND, OR and `-` as set operations.

- words and phrases (`title:` `body:` too): the full-text index (`tui.store.matches.fts_ids`); the
  words side by side in one group go to the index as one MATCH;
- `person:` `org:` `place:` `name:`: the names index, after the user's corrections (without a names
  index, or an empty one, the name is searched as a phrase of words and `names_as_words` says so);
- `feed:` `tag:`: the subscriptions (`FeedInfo`, from `feeds.json` unless given) and the feed URL the
  library keeps with each feed article;
- `since:` `before:`: the library's publication dates (undated articles never match);
- `unread:`: the read state (only feed articles can be unread).

Every set is taken within the library's articles (its roots; muted ones only when asked), so a
`-term` means "every other article of this library".
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.names.index import NameIndex
from tui.names.query import And, Dated, Feed, Name, Node, Not, Or, Tag, Text, Unread
from tui.names.readstate import NothingUnread, UnreadSource
from tui.store.index_schema import ArticleSummary
from tui.store.library import Library
from tui.store.matches import fts_ids
from tui.store.paths import config_dir
from tui.store.query import QueryTerm

log = logging.getLogger("dateline.names")


@dataclass(frozen=True, slots=True)
class FeedInfo:
    """What `feed:` and `tag:` need of one subscription (`tui.feeds.store.Subscription`)."""

    url: str
    title: str = ""
    folder: str | None = None
    tags: tuple[str, ...] = ()


def load_feeds(path: Path | None = None) -> list[FeedInfo]:
    """The subscriptions as `feed:` and `tag:` read them, from `feeds.json` in the config dir (the
    file `tui.feeds.store.Subscriptions` writes; this layer may not import that one). Read only:
    a missing or damaged file is no feeds here (the feeds commands report and repair it)."""
    path = path or config_dir() / "feeds.json"
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError):
        log.warning("could not read %s for feed: and tag: terms", path, exc_info=True)
        return []
    feeds = data.get("feeds") if isinstance(data, dict) else None
    found: list[FeedInfo] = []
    for raw in feeds if isinstance(feeds, list) else []:
        if not isinstance(raw, dict) or not isinstance(raw.get("url"), str):
            continue
        title, folder, tags = raw.get("title"), raw.get("folder"), raw.get("tags")
        found.append(
            FeedInfo(
                raw["url"],
                title if isinstance(title, str) else "",
                folder if isinstance(folder, str) and folder else None,
                tuple(t for t in tags if isinstance(t, str)) if isinstance(tags, list) else (),
            )
        )
    return found


def _bare_url(url: str) -> str:
    """A URL compared without its scheme and "www.", case-folded: `feed:example.org/rss` finds
    `https://www.example.org/rss`."""
    text = url.strip().casefold()
    for scheme in ("https://", "http://"):
        if text.startswith(scheme):
            text = text[len(scheme) :]
            break
    return text[4:] if text.startswith("www.") else text


def feed_matches(feed: FeedInfo, value: str) -> bool:
    """Whether `feed:value` names this feed: part of its title (case-insensitive), or its URL or
    the start of it (with or without scheme and "www.")."""
    wanted = value.casefold()
    if feed.title and wanted in feed.title.casefold():
        return True
    return url_matches(feed.url, value)


def url_matches(url: str, value: str) -> bool:
    """Whether `value` is this feed URL or the start of it (scheme and "www." optional)."""
    bare = _bare_url(value)
    return bool(bare) and _bare_url(url).startswith(bare)


def tag_matches(feed: FeedInfo, value: str) -> bool:
    """Whether `tag:value` names one of the feed's newsboat tags or its OPML folder or a folder
    above it (`tag:News` finds a feed in "News/World"); case-insensitive."""
    wanted = value.casefold().strip("/")
    if any(tag.casefold() == wanted for tag in feed.tags):
        return True
    folder = (feed.folder or "").casefold().strip("/")
    return bool(folder) and (folder == wanted or folder.startswith(wanted + "/"))


@dataclass
class Evaluation:
    """One query's answer: `ids` (within the library's articles), the summaries of the library's
    articles by id, names no article carries, whether names were searched as words, and the names
    asked for as a kind the library does not know them as (name, the kind it knows: "people"…)."""

    ids: set[str]
    summaries: dict[str, ArticleSummary]
    unknown: list[str] = field(default_factory=list)
    names_as_words: bool = False
    other_kind: list[tuple[str, str]] = field(default_factory=list)


class Evaluator:
    """Answers query trees over one library (its articles read once)."""

    def __init__(
        self,
        library: Library,
        *,
        index: NameIndex | None = None,
        read_state: UnreadSource | None = None,
        feeds: Sequence[FeedInfo] | None = None,
        include_muted: bool = False,
    ) -> None:
        view = library
        if include_muted and hasattr(library, "including_muted"):  # muted articles (issue 21)
            view = library.including_muted()
        self.library = view
        self.index = index if index is not None and index.indexed_count() > 0 else None
        self.read_state = read_state if read_state is not None else NothingUnread()
        self._feeds = list(feeds) if feeds is not None else None
        self.summaries = {s.id: s for s in view.summaries()}
        self.universe = set(self.summaries)
        self.unknown: list[str] = []
        self.names_as_words = False
        self.other_kind: list[tuple[str, str]] = []

    def evaluate(self, tree: Node | None) -> Evaluation:
        """Every article `tree` matches (every article of the library for no tree)."""
        self.unknown, self.names_as_words, self.other_kind = [], False, []
        ids = self.universe if tree is None else self.ids(tree)
        unknown, other = list(dict.fromkeys(self.unknown)), list(dict.fromkeys(self.other_kind))
        return Evaluation(ids, self.summaries, unknown, self.names_as_words, other)

    @property
    def feeds(self) -> list[FeedInfo]:
        if self._feeds is None:
            self._feeds = load_feeds()
        return self._feeds

    def ids(self, tree: Node) -> set[str]:
        """The ids `tree` matches, within the library's articles."""
        if isinstance(tree, And):
            return self._all(tree.terms)
        if isinstance(tree, Or):
            found: set[str] = set()
            for term in tree.terms:
                found |= self.ids(term)
            return found
        if isinstance(tree, Not):
            return self.universe - self.ids(tree.term)
        if isinstance(tree, Text):
            return self._text([tree])
        if isinstance(tree, Name):
            return self._name(tree)
        if isinstance(tree, Feed):
            value = tree.value
            return self._by_feed(
                lambda feed, url: feed_matches(feed, value) if feed else url_matches(url, value)
            )
        if isinstance(tree, Tag):
            tag = tree.value
            return self._by_feed(lambda feed, _url: feed is not None and tag_matches(feed, tag))
        if isinstance(tree, Dated):
            return self._dated(tree)
        return self._unread(tree)

    def _all(self, terms: Iterable[Node]) -> set[str]:
        """Terms side by side: the words in one MATCH, the rest intersected, `-` terms taken away."""
        words = [t for t in terms if isinstance(t, Text)]
        others: list[Node] = [t for t in terms if not isinstance(t, Text | Not)]
        without: list[Node] = [t.term for t in terms if isinstance(t, Not)]
        found: set[str] | None = self._text(words) if words else None
        for term in others:
            if found is not None and not found and not isinstance(term, Name):
                continue  # nothing left to narrow; a name is still looked up, to say it is unknown
            ids = self.ids(term)
            found = ids if found is None else found & ids
        if found is None:
            found = set(self.universe)
        for excluded in without:
            if not found:
                break
            found = found - self.ids(excluded)
        return found

    def _text(self, terms: list[Text]) -> set[str]:
        groups = [[QueryTerm(t.words, t.prefix, t.column)] for t in terms]
        return fts_ids(self.library, groups) & self.universe

    def _name(self, term: Name) -> set[str]:
        if self.index is None:
            self.names_as_words = True
            return self._text([Text(tuple(term.name.replace('"', " ").split()), phrase=True)])
        identity = self.index.identity(term.name, term.kind)
        if identity is None and term.kind is not None:
            # The name is known, but as another kind only (`org:Kilkenny`, the club the small model
            # took for the town): its articles that label it as asked, else all of them, rather than
            # nothing (the library's typing may be wrong; issue 18, search recall).
            identity = self.index.identity(term.name)
            if identity is not None:
                self.other_kind.append((identity.name, identity.kind or ""))
                ids = self.index.article_ids(identity, term.kind) or self.index.article_ids(identity)
                return ids & self.universe
        if identity is None:
            self.unknown.append(term.name)
            return set()
        return self.index.article_ids(identity) & self.universe

    def _by_feed(self, wanted: Callable[[FeedInfo | None, str], bool]) -> set[str]:
        """The articles of the feeds `wanted(feed_info_or_None, feed_url)` accepts."""
        by_url = {_bare_url(feed.url): feed for feed in self.feeds}
        accepted: dict[str, bool] = {}
        found: set[str] = set()
        for article_id, summary in self.summaries.items():
            url = summary.feed
            if not url:
                continue
            if url not in accepted:
                accepted[url] = wanted(by_url.get(_bare_url(url)), url)
            if accepted[url]:
                found.add(article_id)
        return found

    def _dated(self, term: Dated) -> set[str]:
        day = term.day.isoformat()
        if term.since:
            return {i for i, s in self.summaries.items() if s.published and s.published[:10] >= day}
        return {i for i, s in self.summaries.items() if s.published and s.published[:10] < day}

    def _unread(self, term: Unread) -> set[str]:
        unread = self.read_state.unread(self.universe) & self.universe
        return unread if term.unread else self.universe - unread


__all__ = ["Evaluation", "Evaluator", "FeedInfo", "feed_matches", "load_feeds", "tag_matches", "url_matches"]
