"""The 18 OntoNotes entity labels and the groups the legend, facts and evaluation show them in."""

from __future__ import annotations

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
