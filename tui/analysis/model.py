"""The `Analyzer`: the spaCy model loaded once, articles analysed one by one or in bulk, through the cache.

The parsing itself is the engine's (tui.analysis.engine); bulk work in worker processes is the pool's
(tui.analysis.pool). This module only decides what to parse, and caches what was parsed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Sized
from pathlib import Path

from tui.analysis import engine
from tui.analysis.cache import AnalysisCache
from tui.analysis.engine import LoadedModel
from tui.analysis.types import Analysis, empty_facts
from tui.core.article import Article
from tui.store.paths import CacheLayout

# analyze_many stores its results this many at a time, or at least this often.
STORE_BATCH = 16
STORE_SECONDS = 1.0


def plain_analysis(article: Article, status: str) -> Analysis:
    """What the reader shows without a model: no entities, no facts, the reason as a note."""
    return Analysis(article_id=article.id, model=None, entities=[], facts=empty_facts(), notes=[status])


class Analyzer:
    """Loads the model once (thread-safe) and analyses articles through the cache."""

    def __init__(self, cache_dir: Path) -> None:
        self.cache = AnalysisCache(CacheLayout(cache_dir).analysis_cache)
        self._lock = threading.Lock()
        self._loaded = False
        self.model: LoadedModel | None = None
        self.status = "Loading language model…"

    def use_model(self, model: LoadedModel | None, status: str) -> None:
        """Use an already loaded model (tests and batch jobs load it once and share it)."""
        with self._lock:
            self.model, self.status, self._loaded = model, status, True

    @property
    def loaded(self) -> bool:
        """True once `ensure_model` has run (whether or not a model was found)."""
        return self._loaded

    def ensure_model(self) -> LoadedModel | None:
        """Load the model on first call (slow: call it from a worker)."""
        with self._lock:
            if not self._loaded:
                self.model, self.status = engine.load_model()
                self._loaded = True
        return self.model

    def cached(self, article: Article) -> Analysis | None:
        """A cached analysis by the model that would be used; never loads spaCy."""
        name = self.model_name()
        return None if name is None else self.cache.get(article.id, name)

    def model_name(self) -> str | None:
        """The cache name ("package-version") of the model in use, or of the one that would be
        loaded, read from package metadata (never imports spaCy); None without a model."""
        if self.model is not None:
            return self.model.name
        return None if self._loaded else engine.expected_model_name()

    def unanalyzed(self, article_ids: Iterable[str]) -> list[str]:
        """Those of `article_ids` with no cached analysis by the model (all of them without one)."""
        ids = list(dict.fromkeys(article_ids))
        name = self.model_name()
        if name is None:
            return ids
        cached = self.cache.cached_ids(name)
        return [article_id for article_id in ids if article_id not in cached]

    # The old spelling, for tui/cli until it moves to `unanalyzed` (the CLI is being rewritten).

    def analyze(
        self,
        article: Article,
        cancelled: Callable[[], bool] | None = None,
        *,
        store: bool = True,
    ) -> Analysis | None:
        """Cached analysis, or a fresh one; plain analysis when there is no model.

        A fresh analysis is cached unless `store` is False; the reader passes False,
        shows the result, then calls `store` (the SQLite writes need not delay the highlighting).
        """
        if not self._loaded:
            # A cached analysis needs no model: `show`, `export` and the reader never load spaCy
            # (about half a second) for an article analysed before.
            hit = self.cached(article)
            if hit is not None:
                return hit
        model = self.ensure_model()
        if model is None:
            return plain_analysis(article, self.status)
        hit = self.cache.get(article.id, model.name)
        if hit is not None:
            return hit
        analysis = engine.analyze_text(model, article, cancelled)
        if analysis is not None and store:
            self._store(analysis)
        return analysis

    def store(self, analysis: Analysis) -> None:
        """Cache an analysis made with `analyze(..., store=False)` (the names index, in
        `tui.names`, picks it up from the cache at its next sync)."""
        if analysis.model is not None:
            self._store(analysis)

    def _store(self, analysis: Analysis) -> None:
        """Cache an analysis."""
        self._store_many([analysis])

    def _store_many(self, analyses: list[Analysis]) -> None:
        """Cache analyses, in one transaction (the names index reads them from the cache)."""
        if len(analyses) == 1:
            self.cache.put(analyses[0])
        else:
            self.cache.put_many(analyses)

    def analyze_many(
        self,
        articles: Iterable[Article],
        *,
        batch_size: int = 64,
        n_process: int = 1,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Generator[Analysis, None, None]:
        """Analyse many articles at once, yielding each fresh analysis (cached ones are skipped).

        All paragraphs of all uncached articles go through `nlp.pipe` in batches of `batch_size`,
        so the result of each article is the same as `analyze` gives. `n_process` > 1 forks that
        many worker processes, each running the whole analysis of a few articles at a time
        (`tui.analysis.pool`); 0 means one per core. A pool is only forked from a process that runs
        no other thread (the app never forks: there this runs in the calling thread), and only when
        there is more than one task's worth of work. Articles are read from `articles` as the work
        goes, so a lazy sequence keeps memory flat. `progress(done, total)` counts cached and fresh
        articles (total 0 when `articles` has no length); `cancelled()` stops it soon (between
        paragraphs in one process, between tasks with workers, which are then killed). Every
        analysis is stored in the cache before it is yielded. Without a
        model, plain analyses are yielded and nothing is stored."""
        from tui.analysis.pool import analyse_in_pool, worker_count

        total = len(articles) if isinstance(articles, Sized) else 0
        done = 0

        def report() -> None:
            if progress is not None:
                progress(done, total)

        def stop() -> bool:
            return cancelled is not None and cancelled()

        model = self.ensure_model()
        if model is None:
            for article in articles:
                if stop():
                    return
                done += 1
                report()
                yield plain_analysis(article, self.status)
            return
        skip = self.cache.cached_ids(model.name)

        def todo() -> Iterator[Article]:
            nonlocal done
            for article in articles:
                if stop():
                    return
                if article.id in skip:
                    done += 1
                    report()
                    continue
                skip.add(article.id)  # the same article twice is parsed once
                yield article

        processes = worker_count(n_process)
        batch_size = max(1, batch_size)
        if processes > 1:
            fresh = analyse_in_pool(model, todo(), processes=processes, batch_size=batch_size, stop=stop)
        else:
            fresh = engine.parse_articles(model, todo(), batch_size=batch_size, stop=stop)
        # Finished analyses are stored a few at a time (one commit each time, not one per
        # article), at least every STORE_SECONDS, and only then yielded.
        unstored: list[Analysis] = []
        stored_at = time.monotonic()

        def flush() -> list[Analysis]:
            nonlocal done, stored_at, unstored
            ready, unstored = unstored, []
            if ready:
                self._store_many(ready)
                done += len(ready)
                report()
            stored_at = time.monotonic()
            return ready

        try:
            for analysis in fresh:
                if stop():
                    return
                unstored.append(analysis)
                if len(unstored) >= STORE_BATCH or time.monotonic() - stored_at > STORE_SECONDS:
                    yield from flush()
            yield from flush()
        finally:
            flush()  # what was finished before a cancel or an early stop is kept
            close = getattr(fresh, "close", None)
            if close is not None:
                close()
