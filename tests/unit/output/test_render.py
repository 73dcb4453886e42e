"""The colour table, the palette for each kind of terminal, and rendering article text safely."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from tui.analysis.types import Entity
from tui.core.article import Article
from tui.core.labels import ALL_LABELS, LABEL_GROUPS, validate_colors
from tui.output.render import (
    DEFAULT_COLORS,
    NEUTRAL_COLOR,
    Palette,
    article_header,
    display_source,
    palette_for,
    render_body,
    render_legend,
)


def test_every_label_has_a_colour_and_displacy_base_colours() -> None:
    assert set(DEFAULT_COLORS) == set(ALL_LABELS)
    assert DEFAULT_COLORS["ORG"] == "#7aecec" and DEFAULT_COLORS["GPE"] == "#feca74"
    assert DEFAULT_COLORS["PERSON"] == "#aa9cfc" and DEFAULT_COLORS["LOC"] == "#ff9561"
    assert Palette().color("SOMETHING_NEW") == NEUTRAL_COLOR


def test_user_colours_layer_over_defaults() -> None:
    colors, problems = validate_colors({"person": "#ff0000", "BOGUS": "red", "ORG": "not a colour"})
    assert colors == {"PERSON": "#ff0000"}
    assert len(problems) == 2
    palette = Palette(overrides=colors)
    assert palette.color("PERSON") == "#ff0000"
    assert palette.color("ORG") == DEFAULT_COLORS["ORG"]


def test_palette_for_terminals() -> None:
    assert palette_for({"TERM": "xterm-256color"}) == Palette()
    mono = palette_for({"NO_COLOR": "1", "TERM": "xterm-256color"})
    assert mono.monochrome and mono.marks
    linux = palette_for({"TERM": "linux"})
    assert linux.marks and not linux.monochrome
    assert palette_for({"TEXTUAL_COLOR_SYSTEM": "standard"}).marks


BODY = "John Kerry met Chuck Hagel in Tokyo on Thursday."
ENTITIES = [
    Entity(0, 10, "PERSON", "John Kerry"),
    Entity(15, 26, "PERSON", "Chuck Hagel"),
    Entity(30, 35, "GPE", "Tokyo"),
    Entity(39, 47, "DATE", "Thursday"),
]


def test_render_body_styles_each_entity_and_keeps_text() -> None:
    text = render_body(BODY, ENTITIES, Palette())
    assert text.plain == BODY
    styled = {text.plain[s.start : s.end]: s.style for s in text.spans}
    assert set(styled) == {"John Kerry", "Chuck Hagel", "Tokyo", "Thursday"}
    assert str(styled["Tokyo"].bgcolor.name) == DEFAULT_COLORS["GPE"]  # type: ignore[union-attr]


def test_monochrome_keeps_groups_distinguishable_with_marks() -> None:
    text = render_body(BODY, ENTITIES, Palette(monochrome=True, marks=True))
    assert "John Kerry[PERSON]" in text.plain and "Tokyo[GPE]" in text.plain
    styles = {text.plain[s.start : s.end]: s.style for s in text.spans}
    person, place = styles["John Kerry"], styles["Tokyo"]
    assert person.bold and person.underline and not place.bold and place.underline  # type: ignore[union-attr]
    assert person.bgcolor is None  # type: ignore[union-attr]


def test_hidden_groups_and_overlaps_and_stale_spans() -> None:
    entities = [*ENTITIES, Entity(5, 14, "ORG", "Kerry met"), Entity(40, 400, "DATE", "x")]
    text = render_body(BODY, entities, Palette(), hidden_groups={"Places"})
    assert text.plain == BODY
    styled = {text.plain[s.start : s.end] for s in text.spans}
    assert "Tokyo" not in styled and "Kerry met" not in styled


def test_markup_in_article_text_is_literal() -> None:
    body = "[bold]not bold[/bold] [link=file:///etc/passwd]x[/link] [@click=app.quit]q[/] trailing \\"
    text = render_body(body, [], Palette())
    assert text.plain == body
    console = Console(width=200, record=True, color_system=None)
    console.print(text)
    assert "[bold]not bold[/bold]" in console.export_text()
    header = article_header(Article(title="[red]T[/", body=body, source="[s]"))
    assert header.plain.startswith("[red]T[/")


def test_legend_lists_present_labels_with_counts_and_group_keys() -> None:
    legend = render_legend(ENTITIES, Palette())
    assert isinstance(legend, Text)
    plain = legend.plain.replace("\u00a0", " ")
    assert "PERSON 2" in plain and "GPE 1" in plain and "DATE 1" in plain
    assert "ORG" not in plain
    groups = list(LABEL_GROUPS)
    assert f"{groups.index('Places') + 1} " in plain


def test_display_source_shortens_samples_and_keeps_urls(samples_dir: object) -> None:
    from tui.store.paths import samples_dir as find

    assert display_source(str(find() / "a.txt")) == "sample_articles/a.txt"
    assert display_source("https://example.test/x") == "https://example.test/x"
