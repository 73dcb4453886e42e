"""Article + Analysis -> rich Text. The one place that maps entity labels to styles.

Colours are layered like displaCy's `colors` option: defaults, then the user's overrides from config.toml.
Article text only ever enters `Text` as plain strings (never markup), so `[bold]` in an article stays literal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text

from tui.core.article import Article
from tui.core.labels import LABEL_GROUPS, group_of
from tui.core.text import display_date, plural
from tui.store.paths import display_source

if TYPE_CHECKING:  # annotations only: the reader's first frame (the palette) imports no analysis code
    from tui.analysis.types import Analysis, Entity

# displaCy's palette (spacy/displacy/render.py), extended to all 18 OntoNotes labels.
DEFAULT_COLORS: dict[str, str] = {
    "PERSON": "#aa9cfc",
    "NORP": "#c887fb",
    "ORG": "#7aecec",
    "FAC": "#9cc9cc",
    "GPE": "#feca74",
    "LOC": "#ff9561",
    "DATE": "#bfe1d9",
    "TIME": "#bfe1d9",
    "CARDINAL": "#e4e7d2",
    "ORDINAL": "#e4e7d2",
    "QUANTITY": "#e4e7d2",
    "MONEY": "#e4e7d2",
    "PERCENT": "#e4e7d2",
    "EVENT": "#ffeb80",
    "PRODUCT": "#bfeeb7",
    "LAW": "#ff8197",
    "LANGUAGE": "#ff8197",
    "WORK_OF_ART": "#f0d0ff",
}
NEUTRAL_COLOR = "#dddddd"
ENTITY_TEXT_COLOR = "#000000"

# Without colour each group keeps its own second cue, and every mention gets a label mark.
MONO_GROUP_STYLES: dict[str, Style] = {
    "People": Style(bold=True, underline=True),
    "Organisations": Style(bold=True),
    "Places": Style(underline=True),
    "Dates & times": Style(italic=True),
    "Numbers": Style(italic=True, underline=True),
    "Other": Style(reverse=True),
}
FOCUS_STYLE = Style(reverse=True, bold=True, underline=True)
MARK_STYLE = Style(dim=True, italic=True)
# A followed name: bold and underlined on top of its own look (and "followed" in its label mark).
FOLLOW_STYLE = Style(bold=True, underline=True)


@dataclass(frozen=True)
class Palette:
    """How entities look: colours per label (defaults, then overrides), or monochrome cues."""

    overrides: Mapping[str, str] = field(default_factory=dict)
    monochrome: bool = False
    marks: bool = False

    def color(self, label: str) -> str:
        """The background colour for `label`."""
        return self.overrides.get(label) or DEFAULT_COLORS.get(label, NEUTRAL_COLOR)

    def style(self, label: str) -> Style:
        """The style of a mention of `label`."""
        if self.monochrome:
            return MONO_GROUP_STYLES[group_of(label)]
        return _on_background(self.color(label))


@lru_cache(maxsize=256)
def _on_background(color: str) -> Style:
    """Entity text on `color` (one Style per colour: parsing colours for every mention is slow)."""
    return Style(color=ENTITY_TEXT_COLOR, bgcolor=color)


def palette_for(env: Mapping[str, str], overrides: Mapping[str, str] | None = None) -> Palette:
    """The palette a terminal described by `env` can show.

    NO_COLOR (any value) drops colour; few-colour terminals (TERM=linux, *-16color, *-8color, dumb,
    vt100, or TEXTUAL_COLOR_SYSTEM=standard) keep colour but add label marks, since 16 colours
    cannot keep 18 labels apart.
    """
    monochrome = bool(env.get("NO_COLOR")) or env.get("TERM") == "dumb"
    term = env.get("TERM", "")
    few_colors = (
        term in ("linux", "vt100", "vt220", "ansi", "cons25")
        or term.endswith(("-16color", "-8color", "-mono", "-m"))
        or env.get("TEXTUAL_COLOR_SYSTEM", "") in ("standard", "monochrome")
    )
    return Palette(overrides=dict(overrides or {}), monochrome=monochrome, marks=monochrome or few_colors)


def article_header(article: Article) -> Text:
    """Title and a meta line (source, date, words)."""
    text = Text(article.title, style="bold")
    meta = [display_source(article.source)]
    if article.published:
        meta.append(display_date(article.published))
    meta.append(plural(article.words, "word"))
    text.append("\n")
    text.append(" · ".join(meta), style="dim")
    return text


def render_body(
    body: str,
    entities: Collection[Entity],
    palette: Palette,
    hidden_groups: Collection[str] = (),
    focus: tuple[int, int] | None = None,
    followed: Collection[tuple[int, int]] = (),
) -> Text:
    """The body with entity spans styled; hidden groups unstyled; the focused mention marked;
    mentions of followed names (`followed` spans) bold and underlined, and so marked when marks show."""
    text = Text()
    cursor = 0
    for entity in sorted(entities, key=lambda e: (e.start, -e.end)):
        if entity.start < cursor or entity.end > len(body):
            continue  # overlapping or stale spans never corrupt the text
        if group_of(entity.label) in hidden_groups:
            continue
        text.append(body[cursor : entity.start])
        style = palette.style(entity.label)
        if focus is not None and (entity.start, entity.end) == focus:
            style = style + FOCUS_STYLE
        is_followed = (entity.start, entity.end) in followed
        if is_followed:
            style = style + FOLLOW_STYLE
        text.append(body[entity.start : entity.end], style=style)
        if palette.marks:
            mark = f"[{entity.label} followed]" if is_followed else f"[{entity.label}]"
            text.append(mark, style=MARK_STYLE)
        cursor = entity.end
    text.append(body[cursor:])
    return text


def label_counts(entities: Collection[Entity]) -> Counter[str]:
    """How many mentions each label has."""
    return Counter(e.label for e in entities)


def render_legend(
    entities: Collection[Entity], palette: Palette, hidden_groups: Collection[str] = ()
) -> Text:
    """The labels present, with counts, by group; each group with its toggle key number."""
    counts = label_counts(entities)
    text = Text()
    for number, (group, labels) in enumerate(LABEL_GROUPS.items(), start=1):
        present = [label for label in labels if counts[label]]
        if not present:
            continue
        if text:
            text.append("  ")
        hidden = group in hidden_groups
        # Non-breaking spaces inside a chip: the legend wraps between chips, never inside one.
        text.append(f"{number}\u00a0", style="bold")
        for index, label in enumerate(present):
            style = Style(dim=True, strike=True) if hidden else palette.style(label)
            text.append(f"\u00a0{label}\u00a0{counts[label]}\u00a0", style=style)
            text.append("\u00a0" if index < len(present) - 1 else " ")
    return text


def render_analysis_notes(analysis: Analysis) -> Text:
    """Notes about the analysis (no model, capped length) as a dim block."""
    return Text("\n".join(analysis.notes), style="italic")
