"""One identity per name across the library: the keys names are compared by, labels, and the
user's corrections (relabel, merge, split) kept in `config_dir()/names.json`.

How a mention becomes an identity:
- names are compared by `name_key` (case, dots, spaces, a leading "the" and accents ignored),
  companies without their legal form ("Equinor ASA" is "Equinor"), people without single-letter
  middle initials ("John F. Kerry" is "John Kerry");
- inside one article, a bare surname ("Kerry") counts for the full name only when exactly one full
  name with that surname occurs in that article (or, when none ends with it, exactly one begins
  with it: a family name written first, "Sato" beside "Sato Kenji"); two people sharing a surname
  ("Ana Mendes", "Carlos Mendes") are never merged, and their bare surname stays its own name there;
- across the library, the label most articles give a name wins everywhere;
- the user's corrections apply on top, library-wide.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.analysis.entity_index import name_key
from tui.analysis.gazetteer import strip_legal_form
from tui.store.atomic import DocumentError, JsonDocument
from tui.store.paths import config_dir

NAMES_FILE = "names.json"
# The fact kinds that name a person, an organisation or a place (dates are not names to follow).
NAME_KINDS = ("people", "organizations", "places")
KIND_OF_LABEL = {
    "PERSON": "people",
    "ORG": "organizations",
    "NORP": "organizations",
    "GPE": "places",
    "LOC": "places",
    "FAC": "places",
}
# What users may type for a label (`--label person`, `org:`, `place:`).
LABEL_WORDS = {
    "person": "PERSON",
    "people": "PERSON",
    "org": "ORG",
    "organisation": "ORG",
    "organization": "ORG",
    "organisations": "ORG",
    "organizations": "ORG",
    "place": "GPE",
    "places": "GPE",
    **{label.lower(): label for label in KIND_OF_LABEL},
}
KIND_WORDS = {"people": "a person", "organizations": "an organisation", "places": "a place"}
_HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "rev", "fr", "sir", "dame"}
)
_POSSESSIVE = re.compile(r"['’]s$")
# A wire dateline the model took into the name: "DUBLIN — Kestrel Airlines".
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]+ [—–-]+ (?=\S)")


def normalize_label(text: str) -> str:
    """PERSON, ORG, NORP, GPE, LOC or FAC from what a user typed; raises ValueError otherwise."""
    label = LABEL_WORDS.get(text.strip().lower())
    if label is None:
        choices = "person, org, place, or one of " + ", ".join(KIND_OF_LABEL)
        raise ValueError(f"unknown label {text!r}: use {choices}")
    return label


def kind_of(label: str) -> str | None:
    """ "people", "organizations" or "places" for a label; None for labels that name nothing."""
    return KIND_OF_LABEL.get(label.upper())


def identity_key(name: str, label: str | None = None) -> str:
    """The key a name is known by across the library (see the module docstring)."""
    name = _POSSESSIVE.sub("", name.strip())
    if label is None or label.upper() != "PERSON":
        name = strip_legal_form(name)  # "Equinor ASA" and "Equinor" are one company
    key = name_key(name)
    words = key.split()
    if label is None or label.upper() == "PERSON":
        while len(words) > 1 and words[0] in _HONORIFICS:
            words = words[1:]  # "Dr. Amina Yusuf" is Amina Yusuf
        key = " ".join(words)
    if (label is None or label.upper() == "PERSON") and len(words) > 2:
        kept = [words[0], *[w for w in words[1:-1] if len(w) > 1 or not w.isalpha()], words[-1]]
        key = " ".join(kept)
    return fold_accents(key)


_LETTERS = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th", "ð": "d"})


def fold_accents(key: str) -> str:
    """A key without its accents: "João Pedro Carvalho" and "Joao Pedro Carvalho", "Gdańsk" and
    "Gdansk" are one name (feeds and wires often drop them). Other scripts keep their letters."""
    if key.isascii():
        return key
    decomposed = unicodedata.normalize("NFKD", key.translate(_LETTERS))
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


@dataclass(frozen=True, slots=True)
class LocalName:
    """One name in one article after the article-level rules: the identity key it counts for,
    its own key (`raw`, what a split can take back), the spelling and label used there."""

    key: str
    raw: str
    name: str
    label: str
    mentions: int
    first: int | None
    variants: tuple[str, ...]


def article_names(facts: Mapping[str, Iterable[Mapping[str, Any]]]) -> list[LocalName]:
    """The names of one article's facts (people, organisations, places), with bare surnames
    resolved by the one-full-name rule. One entry per distinct raw key."""
    found: dict[str, LocalName] = {}
    for kind in NAME_KINDS:
        for fact in facts.get(kind, []):
            name = _DATELINE.sub("", " ".join(str(fact.get("name", "")).split()))
            label = str(fact.get("label", "")) or _LABEL_OF_KIND[kind]
            raw = identity_key(name, label)
            if not raw:
                continue
            first = fact.get("first")
            variants = tuple(str(v) for v in fact.get("variants", []) if str(v).strip()) or (name,)
            entry = LocalName(
                raw,
                raw,
                name,
                label,
                int(fact.get("mentions", 1) or 1),
                int(first) if isinstance(first, int) else None,
                variants,
            )
            old = found.get(raw)
            found[raw] = entry if old is None else _combine(old, entry)
    # Bare surnames resolve inside this article only when exactly one full name ends with them
    # (the model may call either of the two an organisation: one of them must be a person); a
    # one-word organisation ("Kestrel") when exactly one longer one starts with it.
    not_places = [n for n in found.values() if kind_of(n.label) != "places" and len(n.raw.split()) > 1]
    long_orgs = [n for n in not_places if kind_of(n.label) == "organizations"]
    resolved: dict[str, LocalName] = {}
    for entry in found.values():
        key = entry.raw
        owners: list[LocalName] = []
        if len(key.split()) == 1 and kind_of(entry.label) != "places":
            owners = [
                n for n in not_places if n.raw.split()[-1] == key and "PERSON" in (n.label, entry.label)
            ]
            if not owners and entry.label != "NORP":
                # The model often calls a lone "Kestrel" a person beside "Kestrel Airlines".
                owners = [n for n in long_orgs if n.raw.split()[0] == key]
            if not owners and entry.label == "PERSON":
                # A family name written first ("Sato" beside "Sato Kenji", "Park" beside "Park
                # Ji-hoon"): the one person here whose name begins with it.
                owners = [n for n in not_places if n.label == "PERSON" and n.raw.split()[0] == key]
        if len(owners) == 1:
            key = owners[0].raw
        resolved[entry.raw] = LocalName(
            key, entry.raw, entry.name, entry.label, entry.mentions, entry.first, entry.variants
        )
    return sorted(resolved.values(), key=lambda n: (n.first is None, n.first or 0, n.raw))


_LABEL_OF_KIND = {"people": "PERSON", "organizations": "ORG", "places": "GPE"}


def _combine(first: LocalName, second: LocalName) -> LocalName:
    """Two facts with the same key in one article (the model gave two labels): one name."""
    main, other = (first, second) if first.mentions >= second.mentions else (second, first)
    starts = [s for s in (first.first, second.first) if s is not None]
    return LocalName(
        main.key,
        main.raw,
        max((first.name, second.name), key=len),
        main.label,
        first.mentions + second.mentions,
        min(starts) if starts else None,
        tuple(dict.fromkeys(main.variants + other.variants)),
    )


# Ties never make a person: a name the library is split on is more often an organisation or a place
# that the small model took for a person than the other way round.
_TIE_ORDER = {label: i for i, label in enumerate(("ORG", "GPE", "LOC", "FAC", "NORP", "PERSON"))}
# How clear a library majority must be to relabel an article's own label in the reader and exports.
CLEAR_SHARE = 2 / 3
CLEAR_VOTES = 3


def majority_label(counts: Mapping[str, int]) -> str:
    """The label most articles give; a tie goes to an organisation or place, never to a person."""
    return min(counts, key=lambda label: (-counts[label], _TIE_ORDER.get(label, 99), label))


def clear_label(counts: Mapping[str, int]) -> str | None:
    """The library's label when its majority is clear enough to override an article's own label
    (two thirds of at least three votes for one kind), else None: a weak majority ("Berlin" a place
    in three articles, a person in two) never relabels an article that says otherwise."""
    total = sum(counts.values())
    if not total:
        return None
    label = majority_label(counts)
    kind = KIND_OF_LABEL.get(label)
    same_kind = sum(count for other, count in counts.items() if KIND_OF_LABEL.get(other) == kind)
    if same_kind < CLEAR_VOTES or same_kind / total < CLEAR_SHARE:
        return None
    return label


# ----- the user's corrections ----------------------------------------------------------------------


@dataclass
class Corrections:
    """What the user said about names, keyed by identity key.

    labels: key -> label shown everywhere; merges: key -> the key it is the same as;
    splits: raw key -> the identity it must never be counted in (it becomes its own name)."""

    labels: dict[str, str] = field(default_factory=dict)
    merges: dict[str, str] = field(default_factory=dict)
    splits: dict[str, str] = field(default_factory=dict)

    def target(self, key: str) -> str:
        """The identity a key belongs to after merges (chains followed, cycles cut)."""
        seen = {key}
        while key in self.merges and self.merges[key] not in seen:
            key = self.merges[key]
            seen.add(key)
        return key

    def merged_into(self, key: str) -> set[str]:
        """Every key whose rows count for identity `key` (itself included)."""
        return {k for k in {key, *self.merges} if self.target(k) == key}

    def split_from(self, key: str) -> set[str]:
        """Raw keys taken out of identity `key` by a split."""
        return {raw for raw, owner in self.splits.items() if owner == key}

    def to_json(self) -> dict[str, Any]:
        return {"version": 1, "labels": self.labels, "merges": self.merges, "splits": self.splits}


def _two_keys(name: str, other: str, change: str) -> tuple[str, str]:
    """The keys of the two names a merge or a split is about; ValueError unless they are two."""
    key, other_key = identity_key(name), identity_key(other)
    if not key or not other_key or key == other_key:
        raise ValueError(f"{change} needs two different names")
    return key, other_key


def _validate_corrections(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise DocumentError("not a JSON object")
    result: dict[str, Any] = {"version": 1}
    for section in ("labels", "merges", "splits"):
        value = data.get(section, {})
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            raise DocumentError(f'"{section}" must map names to names')
        # Keys are compared without accents since names index schema 7: fold those kept before.
        result[section] = {
            fold_accents(k): fold_accents(v) if section != "labels" else v for k, v in value.items()
        }
    for key, label in result["labels"].items():
        if label not in KIND_OF_LABEL:
            raise DocumentError(f"unknown label {label!r} for {key!r}")
    return result


class CorrectionsFile:
    """`config_dir()/names.json`: the user's label corrections, merges and splits (locked, atomic;
    a damaged file is moved aside and the reason kept in `messages`)."""

    def __init__(self, path: Path | None = None) -> None:
        self.document = JsonDocument(
            path if path is not None else config_dir() / NAMES_FILE,
            default=lambda: Corrections().to_json(),
            validate=_validate_corrections,
        )

    @property
    def messages(self) -> list[str]:
        return self.document.messages

    def load(self) -> Corrections:
        data = self.document.load()
        return Corrections(dict(data["labels"]), dict(data["merges"]), dict(data["splits"]))

    def relabel(self, name: str, label: str) -> str:
        """Show `name` as `label` everywhere; returns the key changed."""
        key, wanted = identity_key(name), normalize_label(label)

        def change(data: dict[str, Any]) -> None:
            current = Corrections(data["labels"], data["merges"], data["splits"])
            data["labels"][current.target(key)] = wanted

        self.document.update(change)
        return key

    def merge(self, name: str, into: str) -> str:
        """Count `name` as `into` everywhere (a merge undoes an earlier split of the two)."""
        key, target = _two_keys(name, into, "merge")

        def change(data: dict[str, Any]) -> None:
            current = Corrections(data["labels"], data["merges"], data["splits"])
            if current.target(target) == key:
                raise ValueError(f"{into!r} is already merged into {name!r}")
            data["merges"][key] = current.target(target)
            data["splits"].pop(key, None)

        self.document.update(change)
        return key

    def split(self, name: str, from_name: str) -> str:
        """Never count `name` as `from_name` again (undoes a merge, or the automatic rules)."""
        key, owner = _two_keys(name, from_name, "split")

        def change(data: dict[str, Any]) -> None:
            if data["merges"].get(key) == owner:
                del data["merges"][key]
            # Kept even when it undid a merge: an automatic rule may join them too ("UN" is the
            # acronym of United Nations, `rows.acronym_forms`).
            data["splits"][key] = owner

        self.document.update(change)
        return key
