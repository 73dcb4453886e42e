"""The Article record and its stable id (docs/ARCHITECTURE.md, "Article id": sha256 of the body)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


def article_id(body: str) -> str:
    """First 12 hex digits of SHA-256 of the cleaned body text (UTF-8)."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Article:
    """One cleaned article. `body` is paragraphs joined by a blank line ("\\n\\n")."""

    title: str
    body: str
    source: str
    published: str | None = None
    url: str | None = None
    notices: tuple[str, ...] = ()
    id: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "id", article_id(self.body))

    @property
    def paragraphs(self) -> list[str]:
        """The body's paragraphs, in order."""
        return [p for p in self.body.split("\n\n") if p.strip()]

    @property
    def words(self) -> int:
        """Number of whitespace-separated words in the body."""
        return len(self.body.split())
