"""The 18 OntoNotes entity labels and the groups the legend, facts and evaluation show them in."""

from __future__ import annotations

from collections.abc import Callable, Mapping

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


def validate_colors(
    colors: Mapping[str, object], colour: Callable[[str], str | None] | None = None
) -> tuple[dict[str, str], list[str]]:
    """Keep the valid user colour overrides; return them and messages about the rest.

    `colour` (the reader passes Textual's parser) turns a colour it knows into the one to draw
    ("yellow" -> "#FFFF00": CSS yellow, which a 16- or 256-colour terminal shows as its bright
    yellow, where the terminal colour "yellow" is drawn through Textual's ANSI theme, whose
    yellow is orange), or returns None; the others are kept when Rich knows them
    ("bright_yellow", "color(226)")."""
    good: dict[str, str] = {}
    problems: list[str] = []
    for label, value in colors.items():
        name = label.upper()
        if name not in ALL_LABELS:
            problems.append(f"unknown entity label {label!r} in [colors]")
            continue
        drawn = colour(str(value)) if colour is not None else None
        if drawn is None:
            try:
                Style(bgcolor=str(value))
            except Exception:
                problems.append(f"invalid colour {value!r} for {name} in [colors]")
                continue
        good[name] = drawn or str(value)
    return good, problems
