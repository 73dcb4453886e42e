"""Scraped plain text to title + paragraphs: page chrome recognised by structure, not by one page.

A browser's "save as text" keeps menus, share buttons, size pickers and cookie notices around the
article. Each line (or hard-wrapped block) is scored on general signals: length, sentence
punctuation, lower-case prose, runs of short lines, link/button/breadcrumb/timestamp shapes,
and one small list of well-known chrome phrases. The body is the span between the first and
last strong prose paragraph; the headline is the nearest title-like line above it.

Lines that list names or facts (a squad "Defenders - A, B, C", a profile "Born: 1990", a table row
"Oslo 12 4 1", a result "Arsenal 2 Chelsea 1") are short and end no sentence, like chrome; they are
the article's own data, kept where they sit in or next to its body. Wire copy saved as text (an
ALL-CAPS headline, a dateline line "LONDON 1996-08-30", then the story, as in the CoNLL-2003
corpus) has no chrome at all and is kept whole.

The rules live at their seams: the line rules in `tui.ingest.text_chrome`, data lines in
`tui.ingest.text_data`, units and their classification in `tui.ingest.text_units`, the headline in
`tui.ingest.text_title`, wire copy in `tui.ingest.text_wire`; this module puts them together.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.ingest.dates import find_date
from tui.ingest.text_chrome import ends_period as _ends_period
from tui.ingest.text_chrome import is_chrome as is_chrome
from tui.ingest.text_chrome import is_title_like
from tui.ingest.text_data import is_data_line as is_data_line
from tui.ingest.text_title import find_title as _find_title
from tui.ingest.text_title import in_data_run as _in_data_run
from tui.ingest.text_title import is_subheading as _is_subheading
from tui.ingest.text_title import lead_list as _lead_list
from tui.ingest.text_title import lone_heading as _lone_heading
from tui.ingest.text_units import CLASSIFY_ALL_UNITS as _CLASSIFY_ALL_UNITS
from tui.ingest.text_units import EDGE_UNITS as _EDGE_UNITS
from tui.ingest.text_units import Unit as _Unit
from tui.ingest.text_units import classify as _classify
from tui.ingest.text_units import classify_bounded as _classify_bounded  # noqa: F401 (tests' step by step)
from tui.ingest.text_units import unit_parts as _unit_parts
from tui.ingest.text_units import units_of as _units  # noqa: F401 (tests' step by step)
from tui.ingest.text_wire import wire_story as _wire_story


@dataclass(frozen=True)
class ScrapedText:
    """What `extract_scraped` found: title ("" if none), paragraphs, and a raw date string."""

    title: str
    paragraphs: list[str]
    published: str | None


_TABLE_GAP = 2  # lines that are not data, between a table's rows


def extract_scraped(text: str) -> ScrapedText:
    """Split cleaned text into title and body paragraphs, dropping page chrome."""
    texts, counts, blocks = _unit_parts(text)
    wire = _wire_story(texts)
    if wire is not None:
        return ScrapedText(*wire)
    if len(texts) <= _CLASSIFY_ALL_UNITS:
        units = list(map(_Unit, texts, counts, blocks))
        _classify(units)
        return _extract(units)
    # What `_classify_bounded` does, without an object per unit in the middle: the edges are
    # classified, the middle is all strong prose. Its first and last units stay (their
    # neighbours look at them); one strong stand-in takes the place of those between.
    edge, last = _EDGE_UNITS, len(texts) - _EDGE_UNITS - 1
    head = [_Unit(texts[i], counts[i], blocks[i]) for i in range(edge)]
    tail = [_Unit(texts[i], counts[i], blocks[i]) for i in range(last + 1, len(texts))]
    _classify(head)
    _classify(tail)
    middle = [
        _Unit(texts[edge], counts[edge], blocks[edge], strong=True),
        _Unit("", 0, blocks[edge + 1], strong=True),
        _Unit(texts[last], counts[last], blocks[last], strong=True),
    ]
    return _extract(head + middle + tail, edge + 1, texts[edge + 1 : last])


def _extract(units: list[_Unit], gap_at: int | None = None, gap: list[str] | None = None) -> ScrapedText:
    """Title, paragraphs and date of classified units; the unit at `gap_at` stands for the
    strong paragraphs `gap` (see `extract_scraped`)."""
    strong = [i for i, u in enumerate(units) if u.strong]
    if strong:
        first, last = strong[0], strong[-1]
        # One sentence a line (wire style): short lead sentences of the first strong paragraph's
        # block are the story's opening, not header lines; so is a full sentence of eight words
        # or more in a block of its own right above it.
        while first > 0:
            above = units[first - 1]
            if not above.weak or is_title_like(above.text):
                break
            if above.block != units[first].block and not (
                above.lines == 1 and above.words >= 8 and _ends_period(above.text)
            ):
                break
            first -= 1
        # Lines of data right above the body in its block ("Goalkeepers: A, B" above the
        # squad's story); not the block's first line, which may be a headline of that shape.
        while first > 1 and units[first - 1].data and units[first - 2].block == units[first].block:
            first -= 1
        keep = [
            i
            for i in range(first, last + 1)
            if units[i].strong
            or units[i].weak
            or units[i].data
            or (not units[i].junk and units[i].words >= 8 and units[i].lower_ratio >= 0.45)
            or (i > first and _is_subheading(units, i))
        ]
        # Short closing sentences right after the last strong paragraph ("He declined to comment."),
        # and the lists, tables and profiles that close an article, with their headings.
        i = last + 1
        while i < len(units):
            if units[i].junk:
                break
            if units[i].weak or units[i].data or _is_subheading(units, i):
                keep.append(i)
                i += 1
                continue
            # One or two other lines inside a table ("Extras (lb-4 nb-3) 7", "Total (for 5
            # wickets) 278") when data goes on after them.
            between = [k for k in range(i, min(i + _TABLE_GAP, len(units))) if not units[k].data]
            resume = i + len(between)
            if (
                units[i - 1].data
                and resume < len(units)
                and units[resume].data
                and not any(units[k].junk for k in between)
            ):
                keep += between
                i = resume
                continue
            break
        lead = _lead_list(units, first)
        if lead:
            keep[:0] = lead
            first = lead[0]
    else:
        # No long paragraph: a short story, a results list. The body starts at its first
        # sentence, or else at its first line of data.
        first = next(
            (i for i, u in enumerate(units) if u.weak),
            next((i for i, u in enumerate(units) if u.data), len(units)),
        )
        keep = [
            i
            for i, u in enumerate(units)
            if i >= first and (u.weak or u.data or (i > first and _is_subheading(units, i)))
        ]
    title, title_at = _find_title(units, first)
    if (
        title_at is None
        and first < len(units)
        and not _in_data_run(units, first)
        and is_title_like(units[first].text)
    ):
        # Nothing headline-like above the body: its first line is the headline (a long
        # sentence-case headline reads like prose).
        title, title_at = units[first].text, first
    if title_at is None and 0 < first and _lone_heading(units):
        # A clean file's headline of one or two words ("Results"), alone above a blank line.
        title, title_at = units[0].text, 0
    if title_at is not None and title_at in keep:
        keep.remove(title_at)
    # Lines of data between the headline and the body, with their headings (a profile box
    # above the story), up to the first junk line going up.
    top = first
    while (
        top - 1 > (-1 if title_at is None else title_at)
        and not units[top - 1].junk
        and (units[top - 1].data or _is_subheading(units, top - 1))
    ):
        top -= 1
    if first < len(units) and any(units[i].data for i in range(top, first + 1)):
        keep[:0] = [i for i in range(top, first) if i not in keep]
    if title_at is not None and title_at + 1 < first:
        deck = units[title_at + 1]
        if not deck.junk and deck.words >= 10 and deck.lower_ratio >= 0.45:
            keep.insert(0, title_at + 1)  # the standfirst under the headline is the article's
    # The date sits in the header: above the body, or among the byline lines under a deck.
    body_strong = [i for i in strong if i != title_at]
    header_end = body_strong[1] if len(body_strong) > 1 else len(units)
    published = None
    for i, unit in enumerate(units[:header_end]):
        if (i >= first and not unit.junk) or unit.words > 20 or unit.data:
            continue  # dates sit in short header lines; skipping long ones keeps huge files fast
            # (and a profile's "Born: 12 May 1990" is a fact, not the date of the page)
        found = find_date(unit.text)
        if found is not None:
            published = found
            break
    paragraphs: list[str] = []
    for i in keep:
        if i == gap_at and gap is not None:
            paragraphs += gap
        else:
            paragraphs.append(units[i].text)
    if not strong and not paragraphs:
        paragraphs = [u.text for u in units if not u.junk and u.text != title]
    return ScrapedText(title, paragraphs, published)
