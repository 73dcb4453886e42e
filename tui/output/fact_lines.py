"""Facts as plain lines of text, shared by the exports and the terminal output."""

from __future__ import annotations

from collections.abc import Iterator

from tui.analysis.types import Facts

FACT_HEADINGS = (
    ("people", "People"),
    ("organizations", "Organisations"),
    ("places", "Places"),
    ("dates", "Dates"),
    ("quantities", "Quantities"),
    ("statements", "Key statements"),
)


def fact_line(kind: str, fact: dict[str, object]) -> str:
    """One fact as a line: "John Kerry — Secretary of State (4)", "5,000 U.S. Marines", "s — v — o"."""
    if kind == "statements":
        return f"{fact.get('subject', '')} — {fact.get('verb', '')} — {fact.get('object', '')}"
    if kind == "quantities":
        return str(fact.get("text", ""))
    line = str(fact.get("name", ""))
    if fact.get("role"):
        line += f" — {fact['role']}"
    if fact.get("mentions"):
        line += f" ({fact['mentions']})"
    return line


def facts_lines(facts: Facts) -> Iterator[tuple[str, list[str]]]:
    """(heading, lines) for each non-empty section, in display order."""
    for kind, heading in FACT_HEADINGS:
        items = facts.get(kind, [])
        if items:
            yield heading, [fact_line(kind, f) for f in items]
