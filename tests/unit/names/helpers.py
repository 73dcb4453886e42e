"""Articles with hand-made facts, for names tests that do not need spaCy."""

from __future__ import annotations

from typing import Any

from tui.analysis.entity_index import mention_pattern
from tui.analysis.types import empty_facts
from tui.names.identity import KIND_OF_LABEL
from tui.names.rows import IndexedArticle

KIND = KIND_OF_LABEL


def article(
    article_id: str,
    body: str,
    names: list[tuple[str, str]] | list[tuple[str, str, list[str]]],
    published: str | None = "2026-03-01",
    source: str = "Wire",
    title: str | None = None,
) -> IndexedArticle:
    """An indexed article whose facts name `names` ((name, label[, variants]) in order of first
    mention; `first` is the first occurrence of any variant in `body`)."""
    facts = empty_facts()
    for entry in names:
        name, label = entry[0], entry[1]
        variants: list[str] = list(entry[2]) if len(entry) > 2 else [name]  # type: ignore[misc]
        found = list(mention_pattern(variants).finditer(body))  # type: ignore[union-attr]
        starts = [match.start() for match in found]
        count = len(found) or 1
        fact: dict[str, Any] = {"name": name, "label": label, "mentions": count, "variants": variants}
        if starts:
            fact["first"] = min(starts)
        facts[KIND[label]].append(fact)
    return IndexedArticle(
        article_id, "test-model", title or f"Title {article_id}", source, published, body, facts
    )


def indexed(article: Any, analysis: Any) -> IndexedArticle:
    """An article and its analysis as the names index takes them."""
    return IndexedArticle(
        article.id,
        analysis.model,
        article.title,
        article.source,
        article.published,
        article.body,
        analysis.facts,
    )
