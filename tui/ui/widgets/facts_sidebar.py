"""The facts sidebar: people (with roles), organisations, groups, places, dates, quantities, statements.

Highlighting a fact posts `FactHighlighted` (the app jumps to its first mention); Enter posts `FactChosen`.
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.analysis.types import Fact, FactKind, Facts, facts_of, is_named, is_quantity, is_statement
from tui.output.fact_lines import FACT_HEADINGS

SECTIONS = FACT_HEADINGS
MAX_PER_SECTION = 12


def fact_prompt(kind: FactKind, fact: Fact) -> Content:
    """One fact as plain text (article text is never markup). `Content`, not Rich `Text`: the
    option list draws `Content`, and converting every prompt took as long as drawing it."""
    if kind == "statements" and is_statement(fact):
        return Content.assemble((fact["subject"], "bold"), f" — {fact['verb']} — ", fact["object"])
    if kind == "quantities" and is_quantity(fact):
        return Content(fact["text"])
    if not is_named(fact):
        return Content()
    parts: list[str | tuple[str, str]] = [(fact["name"], "bold")]
    if fact["mentions"]:
        parts.append((f" ×{fact['mentions']}", "dim"))
    role = fact.get("role")
    if role:
        parts.append((f"\n  {role}", "italic"))
    return Content.assemble(*parts)


class FactsSidebar(OptionList):
    """Facts of the open article, by section."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    class FactHighlighted(Message):
        """A fact was highlighted: show where it is mentioned."""

        def __init__(self, kind: FactKind, fact: Fact) -> None:
            super().__init__()
            self.kind = kind
            self.fact = fact

    class FactChosen(FactHighlighted):
        """Enter on a fact."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self._facts: dict[str, tuple[FactKind, Fact]] = {}
        self._shown: Facts | None = None  # the facts on show, if facts are shown

    def show_message(self, message: str) -> None:
        """Replace the facts with a one-line message (loading, no model...)."""
        self._facts = {}
        self._shown = None
        self.set_options([Option(Text(message, style="italic"), disabled=True)])

    def show_facts(self, facts: Facts) -> None:
        """Show these facts, sections with nothing in them left out (nothing is redone, and the
        cursor stays, if they are the facts on show already)."""
        if facts == self._shown:
            return
        self._facts = {}
        self._shown = facts
        options: list[Option] = []
        for kind, heading in SECTIONS:
            items = facts_of(facts, kind)
            if not items:
                continue
            options.append(Option(Content.styled(heading.upper(), "bold underline"), disabled=True))
            for index, fact in enumerate(items[:MAX_PER_SECTION]):
                option_id = f"{kind}:{index}"
                self._facts[option_id] = (kind, fact)
                options.append(Option(fact_prompt(kind, fact), id=option_id))
            if len(items) > MAX_PER_SECTION:
                more = Content.styled(f"  … {len(items) - MAX_PER_SECTION} more", "dim")
                options.append(Option(more, disabled=True))
        if not options:
            options.append(Option(Text("No facts found in this article.", style="italic"), disabled=True))
        self.set_options(options)
        # Tab into the sidebar lands on the first fact, ready for Enter.
        first = next((i for i, option in enumerate(options) if not option.disabled), None)
        if first is not None:
            self.highlighted = first

    def highlighted_fact(self) -> tuple[FactKind, Fact] | None:
        """The fact under the cursor, if any."""
        if self.highlighted is None:
            return None
        return self._facts.get(self.get_option_at_index(self.highlighted).id or "")

    def _on_focus(self, event: events.Focus) -> None:
        # Entering the sidebar shows the highlighted fact at once, as moving to it would.
        super()._on_focus(event)
        if self.highlighted is not None:
            option = self.get_option_at_index(self.highlighted)
            found = self._facts.get(option.id or "")
            if found is not None:
                self.post_message(self.FactHighlighted(*found))

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        found = self._facts.get(event.option.id or "")
        if found is not None and self.has_focus:
            self.post_message(self.FactHighlighted(*found))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        found = self._facts.get(event.option.id or "")
        if found is not None:
            self.post_message(self.FactChosen(*found))
