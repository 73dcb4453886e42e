"""The 18 OntoNotes entity labels and the groups the legend, facts and evaluation show them in."""

from __future__ import annotations

from collections.abc import Mapping

from rich.style import Style

ALL_LABELS: tuple[str, ...] = (
    "PERSON",
    "NORP",
    "FAC",
    "ORG",
    "GPE",
    "LOC",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
    "DATE",
    "TIME",
    "PERCENT",
    "MONEY",
    "QUANTITY",
    "ORDINAL",
    "CARDINAL",
)

OTHER_GROUP = "Other"

# Ordered: the legend and the evaluation table list groups in this order.
LABEL_GROUPS: dict[str, tuple[str, ...]] = {
    "People": ("PERSON",),
    "Organisations": ("ORG", "NORP"),
    "Places": ("GPE", "LOC", "FAC"),
    "Dates & times": ("DATE", "TIME"),
    "Numbers": ("CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"),
    OTHER_GROUP: ("PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"),
}

_GROUP_BY_LABEL = {label: group for group, labels in LABEL_GROUPS.items() for label in labels}


def group_of(label: str) -> str:
    """The group a label belongs to; unknown labels (other models) fall into "Other"."""
    return _GROUP_BY_LABEL.get(label, OTHER_GROUP)


def validate_colors(colors: Mapping[str, object]) -> tuple[dict[str, str], list[str]]:
    """Keep the valid user colour overrides; return them and messages about the rest."""
    good: dict[str, str] = {}
    problems: list[str] = []
    for label, value in colors.items():
        name = label.upper()
        if name not in ALL_LABELS:
            problems.append(f"unknown entity label {label!r} in [colors]")
            continue
        try:
            Style(bgcolor=str(value))
        except Exception:
            problems.append(f"invalid colour {value!r} for {name} in [colors]")
            continue
        good[name] = str(value)
    return good, problems
