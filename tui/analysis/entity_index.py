"""What the one names index (`tui.names.index.NameIndex`, `names.sqlite3` in the cache dir) shares
with the layers below it: how names are compared (`name_key`), what an `ent:` query asks for, one
article's mentions of a name as the index answers (`ArticleMention`), the regex of a name's spellings,
and articles read lazily by id for bulk analysis.

There used to be a second index here (`entities.sqlite3`, written by the analyzer); it is part of the
names index now, so that the mentions screen, `ent:` search, timelines and follows count the same
rows and all honour the user's corrections (issue 18).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from tui.core.article import Article

log = logging.getLogger("dateline.entity_index")


def name_key(text: str) -> str:
    """How names are compared: case-folded, dots dropped, spaces collapsed, no leading "the"
    ("The U.S." and "us" give the same key)."""
    key = " ".join(text.replace(".", "").casefold().split())
    return key[4:] if key.startswith("the ") else key


@dataclass(frozen=True, slots=True)
class ArticleMention:
    """One article that mentions the name asked for: how often, under which spelling most, the
    name's label (after the user's corrections) and kind, and every spelling used there."""

    article_id: str
    mentions: int
    name: str
    label: str
    kind: str
    variants: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EntityQuery:
    """What `ent:LABEL=Name` (or `ent:Name`) asks for."""

    name: str
    label: str | None


def parse_entity_query(query: str) -> EntityQuery | None:
    """`ent:PERSON=John Kerry` -> EntityQuery("John Kerry", "PERSON"); `ent:John Kerry` has no label.
    None when the query is not an entity query (or names nothing). The label may also be a fact
    kind (`ent:people=Kerry`)."""
    text = query.strip()
    if not text[:4].lower() == "ent:":
        return None
    rest = text[4:].strip()
    label: str | None = None
    head, equals, tail = rest.partition("=")
    if equals and re.fullmatch(r"[A-Za-z_]+", head.strip()):
        label, rest = head.strip(), tail.strip()
    rest = rest.strip().strip("\"'").strip()
    if not name_key(rest):
        return None
    return EntityQuery(rest, label.upper() if label else None)


class ArticlesByID:
    """Articles read one at a time, as they are iterated, by id (through `load`, e.g. `Library.get`):
    bulk analysis of a big library never holds every text at once. Ids that no longer load are
    skipped."""

    def __init__(self, load: Callable[[str], Article | None], article_ids: Sequence[str]) -> None:
        self.load = load
        self.article_ids = list(article_ids)

    def __len__(self) -> int:
        return len(self.article_ids)

    def __iter__(self) -> Iterator[Article]:
        for article_id in self.article_ids:
            try:
                article = self.load(article_id)
            except Exception:  # noqa: BLE001 - a file that vanished or broke: skip it
                log.warning("could not read article %s for analysis", article_id, exc_info=True)
                continue
            if article is not None:
                yield article


def mention_pattern(variants: Iterable[str]) -> re.Pattern[str] | None:
    """A regex finding any of these spellings as whole words (longest first, case-insensitive)."""
    spellings = sorted({v for v in variants if v.strip()}, key=len, reverse=True)
    if not spellings:
        return None
    alternatives = "|".join(re.escape(v) for v in spellings)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


__all__ = [
    "ArticleMention",
    "ArticlesByID",
    "EntityQuery",
    "mention_pattern",
    "name_key",
    "parse_entity_query",
]
