"""An analyzed article for other tools: JSON (docs/ARCHITECTURE.md, "show --json"), Markdown, HTML,
displaCy, terminal; `as_the_library_shows` gives the analysis with the user's name corrections first,
as the reader shows it."""

from __future__ import annotations

import html
import json
import os
import sqlite3
from collections.abc import Callable, Iterable
from typing import TypedDict

from rich.console import Console
from rich.text import Text

from tui.analysis.types import Analysis, Entity, ShowJson
from tui.core.article import Article
from tui.core.text import escape_markdown, markdown_link
from tui.output.fact_lines import facts_lines
from tui.output.render import Palette, article_header, palette_for, render_body, render_legend


def as_the_library_shows(article: Article, analysis: Analysis) -> tuple[Analysis, list[str]]:
    """`analysis` as the reader shows it: each name under the label the library gives it (the
    user's `names.json` corrections, else the names index's majority), the facts the user merged
    as one and the spellings they split off as names of their own, and the mentions of names the
    library knows that the model missed. Reads the
    corrections and the names index as they are (never brings the index up to date, never loads
    the model). Also returns what the user must be told (a damaged corrections file moved aside)."""
    if analysis.model is None:
        return analysis, []
    from tui.names.identity import CorrectionsFile, identity_key
    from tui.names.index import NameIndex
    from tui.names.reader import library_analysis
    from tui.store.paths import cache_dir

    corrections_file = CorrectionsFile()
    try:
        corrections = corrections_file.load()
    except OSError as problem:
        return analysis, [f"name corrections not applied: {problem}"]
    index = NameIndex(cache_dir(), corrections)
    try:
        spellings = index.known_spellings()

        def label_of(name: str) -> str | None:
            return index.label_of(corrections.target(identity_key(name)))

        shown = library_analysis(analysis, label_of, article.body, spellings, corrections)
    except (sqlite3.Error, OSError):  # a broken index: the corrections alone
        shown = library_analysis(
            analysis,
            lambda name: corrections.labels.get(corrections.target(identity_key(name))),
            corrections=corrections,
        )
    finally:
        index.close()
    return shown, list(corrections_file.messages)


def to_json(article: Article, analysis: Analysis) -> ShowJson:
    """The `show --json` object (docs/ARCHITECTURE.md, "show --json")."""
    return {
        "id": article.id,
        "title": article.title,
        "source": article.source,
        "published": article.published,
        "body": article.body,
        "model": analysis.model,
        "entities": [entity.to_json() for entity in analysis.entities],
        "facts": analysis.facts,
    }


class DisplacyEntity(TypedDict):
    """One entity in displaCy's manual format."""

    start: int
    end: int
    label: str


class DisplacyJson(TypedDict):
    """`export --format displacy`: spaCy's manual-render input."""

    text: str
    ents: list[DisplacyEntity]
    title: str


def to_displacy(article: Article, analysis: Analysis) -> DisplacyJson:
    """spaCy's manual-render format for `displacy.render(..., style="ent", manual=True)`."""
    return {
        "text": article.body,
        "ents": [{"start": e.start, "end": e.end, "label": e.label} for e in analysis.entities],
        "title": article.title,
    }


def _marked(
    body: str,
    entities: Iterable[Entity],
    plain: Callable[[str], str],
    mark: Callable[[Entity], str],
) -> str:
    """`body` with each entity replaced by `mark(entity)` and the text between by `plain(text)`
    (overlapping entities after the first are skipped)."""
    parts: list[str] = []
    cursor = 0
    for entity in sorted(entities, key=lambda e: e.start):
        if entity.start < cursor:
            continue
        parts.append(plain(body[cursor : entity.start]))
        parts.append(mark(entity))
        cursor = entity.end
    parts.append(plain(body[cursor:]))
    return "".join(parts)


def to_markdown(article: Article, analysis: Analysis) -> str:
    """Markdown: entities as **text**<sup>LABEL</sup>, then the facts as a list."""
    text = _marked(
        article.body,
        analysis.entities,
        escape_markdown,
        lambda e: f"**{escape_markdown(e.text)}**<sup>{e.label}</sup>",
    )
    lines = [f"# {escape_markdown(article.title)}", ""]
    # Links as autolinks, unescaped (an escaped address is broken by markdown-it's linkify).
    meta = [f"Source: {markdown_link(article.source) or escape_markdown(article.source)}"]
    link = markdown_link(article.url or "")
    if link and (article.url or "").strip() != article.source.strip():
        meta.append(f"Link: {link}")
    if article.published:
        meta.append(f"Published: {article.published}")
    if analysis.model:
        meta.append(f"Model: {analysis.model}")
    lines += ["  \n".join(meta), "", text, "", "## Facts", ""]
    for heading, items in facts_lines(analysis.facts):
        lines.append(f"### {heading}")
        lines.append("")
        lines.extend(f"- {escape_markdown(item)}" for item in items)
        lines.append("")
    return "\n".join(lines)


def to_html(article: Article, analysis: Analysis, palette: Palette | None = None) -> str:
    """A standalone HTML page, entities coloured like the terminal; all article text escaped."""
    palette = palette or Palette()

    def mark(e: Entity) -> str:
        color = html.escape(palette.color(e.label))
        return (
            f'<mark class="entity" style="background:{color}">{html.escape(e.text)}'
            f'<span class="label">{html.escape(e.label)}</span></mark>'
        )

    marked = _marked(article.body, analysis.entities, html.escape, mark)
    paragraphs = "".join(f"<p>{p}</p>\n" for p in marked.split("\n\n"))
    facts = []
    for heading, items in facts_lines(analysis.facts):
        lis = "".join(f"<li>{html.escape(item)}</li>" for item in items)
        facts.append(f"<h3>{html.escape(heading)}</h3><ul>{lis}</ul>")
    title = html.escape(article.title)
    meta = html.escape(" · ".join(x for x in (article.source, article.published or "") if x))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{title}</title>
<style>
body {{ font-family: sans-serif; max-width: 46em; margin: 2em auto; line-height: 1.6; }}
mark.entity {{ padding: 0.1em 0.3em; border-radius: 0.3em; color: #000; }}
mark.entity .label {{ font-size: 0.65em; font-weight: bold; margin-left: 0.4em; }}
.meta {{ color: #666; }}
</style></head>
<body><article><h1>{title}</h1><p class="meta">{meta}</p>
{paragraphs}</article>
<aside><h2>Facts</h2>{"".join(facts)}</aside>
</body></html>
"""


def export(article: Article, analysis: Analysis, fmt: str) -> str:
    """The article in `fmt` (md, json, html, displacy) as text."""
    if fmt == "json":
        return json.dumps(to_json(article, analysis), ensure_ascii=False, indent=2) + "\n"
    if fmt == "displacy":
        return json.dumps(to_displacy(article, analysis), ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        return to_markdown(article, analysis)
    if fmt == "html":
        return to_html(article, analysis)
    raise ValueError(f"unknown export format {fmt!r}")


def to_terminal(article: Article, analysis: Analysis, console: Console | None = None) -> None:
    """Print the article highlighted, for `dateline show`."""
    console = console or Console()
    palette = palette_for(os.environ)
    if console.color_system is None:
        palette = Palette(monochrome=True, marks=True)
    console.print(article_header(article))
    console.print()
    if analysis.entities:
        console.print(render_legend(analysis.entities, palette))
        console.print()
    for note in (*article.notices, *analysis.notes):
        console.print(Text(note, style="italic"))
    console.print(render_body(article.body, analysis.entities, palette))
    console.print()
    for heading, items in facts_lines(analysis.facts):
        console.print(Text(heading, style="bold underline"))
        for item in items:
            console.print(Text(f"  {item}"))
