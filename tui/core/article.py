"""The Article record and its stable id (docs/ARCHITECTURE.md, "Article id": sha256 of the body)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

# str.split() whitespace in ASCII; every other byte of ASCII text is part of a word.
_ASCII_SPACE = b" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"
_WORD_OR_SPACE = bytes.maketrans(
    bytes(range(256)), bytes(32 if b in _ASCII_SPACE else 120 for b in range(256))
)
_NON_ASCII_SPACE = re.compile(r"[^\S\x00-\x7f]")


def count_words(text: str) -> int:
    """`len(text.split())` without building the list: whitespace runs are counted in bytes.

    Speed only: the split of a 25 MB body took 0.3 s and held the GIL (the UI thread waited)."""
    if len(text) < 4096:
        return len(text.split())
    if not text.isascii() and _NON_ASCII_SPACE.search(text):
        return len(text.split())  # whitespace beyond ASCII (no-break space, ...): the exact way
    # UTF-8 bytes of non-ASCII characters are all >= 0x80: "x" (a word character) after this.
    marks = text.encode("utf-8", "surrogatepass").translate(_WORD_OR_SPACE)
    return marks.count(b" x") + (marks[:1] == b"x")


def article_id(body: str) -> str:
    """First 12 hex digits of SHA-256 of the cleaned body text (UTF-8)."""
    import hashlib  # here: the reader's first frame makes no id (OpenSSL's hashes load on first use)

    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class Link:
    """One link of an article (issue 21, links): an absolute http(s) URL and the words it was on
    ("" for a bare link such as a feed item's own link or an enclosure)."""

    url: str
    text: str = ""


@dataclass(frozen=True)
class Article:
    """One cleaned article. `body` is paragraphs joined by a blank line ("\\n\\n")."""

    title: str
    body: str
    source: str
    published: str | None = None
    url: str | None = None
    notices: tuple[str, ...] = ()
    # Issue 21, links: the page's or feed item's links, kept at ingest (stored as "links" in the
    # article JSON; older files have none). Not part of the id or of equality, not indexed.
    links: tuple[Link, ...] = field(default=(), compare=False)
    id: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "id", article_id(self.body))

    @property
    def paragraphs(self) -> list[str]:
        """The body's paragraphs, in order."""
        return [p for p in self.body.split("\n\n") if p.strip()]

    @cached_property
    def words(self) -> int:
        """Number of whitespace-separated words in the body."""
        return count_words(self.body)
