"""The result of analysing an article: entities with offsets into its body, and facts.

Plain data with JSON round-tripping; no spaCy import here, so the cache and the UI can use it cheaply.
The fact shapes below are the `show --json` contract (docs/ARCHITECTURE.md, "show --json"): they are
what `tui.analysis.facts` makes, what the cache stores and what the exports, the names index and the
UI read, so mypy checks every one of those against the same definition.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, NotRequired, TypedDict, TypeGuard


class NamedFact(TypedDict):
    """An organisation, group, place or date: the mentions of one name, merged."""

    name: str  # the longest spelling, without a leading "the"
    mentions: int  # how often it is mentioned
    label: str  # the most common entity label among the mentions (ORG, NORP, GPE, DATE…)
    variants: list[str]  # every spelling, in order of first use
    first: int  # body offset of the first mention


class PersonFact(NamedFact):
    """A person, with the role the article gives them when it gives one."""

    role: NotRequired[str]  # "Secretary of State"


class QuantityFact(TypedDict):
    """A number with what it counts ("5,000 U.S. Marines")."""

    text: str
    label: str  # CARDINAL, QUANTITY, MONEY or PERCENT
    first: int


class StatementFact(TypedDict):
    """Who did or said what, from one sentence."""

    subject: str
    verb: str
    object: str
    sentence: str
    first: int  # body offset of the sentence


class Facts(TypedDict):
    """Every fact kind, in display order; each list is sorted as it should be shown."""

    people: list[PersonFact]
    organizations: list[NamedFact]
    groups: list[NamedFact]  # nationalities, religious and political groups (NORP)
    places: list[NamedFact]
    dates: list[NamedFact]
    quantities: list[QuantityFact]
    statements: list[StatementFact]


FactKind = Literal["people", "organizations", "groups", "places", "dates", "quantities", "statements"]
NamedKind = Literal["people", "organizations", "groups", "places", "dates"]
Fact = PersonFact | NamedFact | QuantityFact | StatementFact

FACT_KEYS: tuple[FactKind, ...] = (
    "people",
    "organizations",
    "groups",
    "places",
    "dates",
    "quantities",
    "statements",
)
# The kinds looked up by name across the library (the mentions screen; tui.names keeps people,
# organisations and places, the others are found by their spellings).
NAMED_KINDS: tuple[NamedKind, ...] = ("people", "organizations", "groups", "places", "dates")


class EntityJson(TypedDict):
    """One entity in `show --json`."""

    start: int
    end: int
    label: str
    text: str


class ShowJson(TypedDict):
    """`dateline show --json ID` and `export --format json`."""

    id: str
    title: str
    source: str
    published: str | None
    body: str
    model: str | None
    entities: list[EntityJson]
    facts: Facts


class AnalysisJson(TypedDict):
    """An analysis as the cache stores it."""

    article_id: str
    model: str | None
    entities: list[EntityJson]
    facts: Facts
    notes: list[str]


def empty_facts() -> Facts:
    """A facts object with every key of the contract and nothing in it."""
    return {
        "people": [],
        "organizations": [],
        "groups": [],
        "places": [],
        "dates": [],
        "quantities": [],
        "statements": [],
    }


def facts_of(facts: Facts, kind: FactKind) -> Sequence[Fact]:
    """The facts of one kind."""
    return facts[kind]


def named_facts_of(facts: Facts, kind: NamedKind) -> Sequence[NamedFact]:
    """The facts of one named kind (people are named facts with a role)."""
    return facts[kind]


def is_named(fact: Fact) -> TypeGuard[PersonFact]:
    """Whether `fact` is a person, organisation, group, place or date (only people have a role)."""
    return "name" in fact


def is_statement(fact: Fact) -> TypeGuard[StatementFact]:
    """Whether `fact` is a statement."""
    return "sentence" in fact


def is_quantity(fact: Fact) -> TypeGuard[QuantityFact]:
    """Whether `fact` is a quantity."""
    return "text" in fact and "sentence" not in fact and "name" not in fact


def facts_from_json(data: object) -> Facts:
    """Facts read back from JSON (the cache): every kind present, unknown kinds dropped."""
    facts = empty_facts()
    if isinstance(data, dict):
        for kind in FACT_KEYS:
            value = data.get(kind)
            if isinstance(value, list):
                facts[kind] = value
    return facts


@dataclass(frozen=True)
class Entity:
    """One entity mention: `body[start:end] == text`."""

    start: int
    end: int
    label: str
    text: str

    def to_json(self) -> EntityJson:
        """The entity as `show --json` and the cache write it."""
        return {"start": self.start, "end": self.end, "label": self.label, "text": self.text}


@dataclass
class Analysis:
    """Entities and facts for one article, from one model (None: no model was available)."""

    article_id: str
    model: str | None
    entities: list[Entity] = field(default_factory=list)
    facts: Facts = field(default_factory=empty_facts)
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> AnalysisJson:
        """A JSON-ready dict (see `from_json`)."""
        return {
            "article_id": self.article_id,
            "model": self.model,
            "entities": [entity.to_json() for entity in self.entities],
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
            facts=facts_from_json(data.get("facts", {})),
            notes=list(data.get("notes", [])),
        )
