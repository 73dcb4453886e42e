"""The result of analysing an article: entities with offsets into its body, and facts.

Plain data with JSON round-tripping; no spaCy import here, so the cache and the UI can use it cheaply.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

FACT_KEYS = ("people", "organizations", "places", "dates", "quantities", "statements")

Facts = dict[str, list[dict[str, Any]]]


def empty_facts() -> Facts:
    """A facts object with every key of the contract and nothing in it."""
    return {key: [] for key in FACT_KEYS}


@dataclass(frozen=True)
class Entity:
    """One entity mention: `body[start:end] == text`."""

    start: int
    end: int
    label: str
    text: str


@dataclass
class Analysis:
    """Entities and facts for one article, from one model (None: no model was available)."""

    article_id: str
    model: str | None
    entities: list[Entity] = field(default_factory=list)
    facts: Facts = field(default_factory=empty_facts)
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (see `from_json`)."""
        return {
            "article_id": self.article_id,
            "model": self.model,
            "entities": [asdict(e) for e in self.entities],
            "facts": self.facts,
            "notes": list(self.notes),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Analysis:
        """Inverse of `to_json`."""
        return cls(
            article_id=str(data["article_id"]),
            model=data.get("model"),
            entities=[Entity(**e) for e in data.get("entities", [])],
            facts={**empty_facts(), **data.get("facts", {})},
            notes=list(data.get("notes", [])),
        )
