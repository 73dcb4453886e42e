"""Everything the names features need, opened together for the default library: the library, the
analyzer (its cache feeds the names index), the names index with the user's corrections, and the
follows. The CLI and the screens call `prepare` (in a worker, for the screens) before a query."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from tui.analysis.entity_index import ArticlesByID
from tui.analysis.model import Analyzer
from tui.core.text import plural
from tui.names.follows import Follows
from tui.names.identity import CorrectionsFile
from tui.names.index import NameIndex
from tui.names.readstate import UnreadSource, default_read_state
from tui.store.library import Library
from tui.store.paths import cache_dir

Progress = Callable[[int, int], None]


class NoModel(RuntimeError):
    """Names need analysed articles, and there is no language model to analyse them."""


@dataclass
class Names:
    """The library's names, ready to query once `prepare` has run."""

    library: Library
    analyzer: Analyzer
    index: NameIndex
    corrections: CorrectionsFile = field(default_factory=CorrectionsFile)
    follows: Follows = field(default_factory=Follows)

    @classmethod
    def default(cls, analyzer: Analyzer | None = None) -> Names:
        """The default library (samples and imports) in the user's dirs."""
        corrections = CorrectionsFile()
        return cls(
            Library.default(),
            analyzer if analyzer is not None else Analyzer(cache_dir()),
            NameIndex(cache_dir(), corrections.load()),
            corrections,
            Follows(),
        )

    @property
    def messages(self) -> list[str]:
        """What the user must be told about damaged user files (moved aside)."""
        return [*self.corrections.messages, *self.follows.messages]

    def reload_corrections(self) -> None:
        """Apply the corrections file as it is now (after a change)."""
        self.index.corrections = self.corrections.load()

    def needs_rebuild(self) -> bool:
        """True when the names index is empty while the user follows names and the library has
        articles: the cache dir was deleted (or the index thrown away). The follows and
        corrections live in the config dir and outlive it: the followed names are listed and
        marked from them at once, while `prepare` rebuilds the index in the background."""
        return (
            self.index.indexed_count() == 0
            and bool(self.follows.load())
            and bool(self.library.cached_summaries())
        )

    def unanalyzed(self) -> list[str]:
        """Ids of library articles not analysed yet by the model in use (refreshes the library)."""
        self.library.refresh()
        return self.analyzer.unanalyzed(summary.id for summary in self.library.summaries())

    def prepare(
        self,
        analyse_progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> int:
        """Analyse what is not analysed yet (slow: spaCy), then bring the names index up to date.
        Returns how many articles were analysed. Raises NoModel without a language model.

        The model is loaded only when an article needs analysing: over an analysed library the
        name commands answer from the caches alone (importing spaCy takes longer than the query)."""
        model_name = self.analyzer.model_name()
        missing = self.unanalyzed() if model_name is not None else []
        analysed = 0
        if model_name is None or missing:
            model = self.analyzer.ensure_model()
            if model is None:
                raise NoModel(self.analyzer.status)
            model_name = model.name
            missing = self.unanalyzed()
        if missing:
            articles = ArticlesByID(self.library.get, missing)
            for _ in self.analyzer.analyze_many(articles, progress=analyse_progress, cancelled=cancelled):
                analysed += 1
        self.reload_corrections()
        followed = {follow.name: follow.label for follow in self.follows.load()}
        self.index.sync(self.library, self.analyzer.cache, model_name, followed=followed)
        return analysed

    def followed_in(self, article_ids: Iterable[str]) -> dict[str, list[str]]:
        """For these articles (the list, or those a refresh brought): article id -> the followed
        names it names (for marking them)."""
        wanted = set(article_ids) - self.index.muted_ids()  # muted articles are never announced (issue 21)
        found: dict[str, list[str]] = {}
        for follow in self.follows.load():
            identity = self.index.identity(follow.name)
            if identity is None:
                continue
            for article_id in sorted(self.index.article_ids(identity) & wanted):
                found.setdefault(article_id, []).append(identity.name)
        return found

    def new_article_lines(self, new_ids: Iterable[str]) -> list[str]:
        """What to say after a refresh: "3 new articles name John Kerry", one line per followed
        name that the new articles name (most first)."""
        counts: Counter[str] = Counter()
        for names in self.followed_in(new_ids).values():
            counts.update(names)
        return [
            f"{plural(count, 'new article')} {'names' if count == 1 else 'name'} {name}"
            for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        ]

    def read_state(self) -> UnreadSource:
        """The read state (nothing unread until the feeds' read state exists)."""
        return default_read_state()
