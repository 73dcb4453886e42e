"""Facts as plain lines of text, shared by the sidebar, the exports and the terminal output."""

from __future__ import annotations

from collections.abc import Iterator

from tui.analysis.types import Fact, FactKind, Facts, facts_of, is_named, is_quantity, is_statement

FACT_HEADINGS: tuple[tuple[FactKind, str], ...] = (
    ("people", "People"),
    ("organizations", "Organisations"),
    ("groups", "Groups"),  # nationalities, religious and political groups
    ("places", "Places"),
    ("dates", "Dates"),
    ("quantities", "Quantities"),
    ("statements", "Key statements"),
)


def fact_line(kind: FactKind, fact: Fact) -> str:
    """One fact as a line: "John Kerry — Secretary of State (4)", "5,000 U.S. Marines", "s — v — o"."""
    if kind == "statements" and is_statement(fact):
        return f"{fact['subject']} — {fact['verb']} — {fact['object']}"
    if kind == "quantities" and is_quantity(fact):
        return fact["text"]
    if not is_named(fact):
        return ""
    line = fact["name"]
    role = fact.get("role")
    if role:
        line += f" — {role}"
    if fact["mentions"]:
        line += f" ({fact['mentions']})"
    return line


def facts_lines(facts: Facts) -> Iterator[tuple[str, list[str]]]:
    """(heading, lines) for each non-empty section, in display order."""
    for kind, heading in FACT_HEADINGS:
        items = facts_of(facts, kind)
        if items:
            yield heading, [fact_line(kind, f) for f in items]
