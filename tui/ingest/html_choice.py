"""Which body a page keeps when trafilatura and Dateline's own rules disagree, decided on what can be
measured in both: how much of one the other holds (word 4-gram overlap), how much prose each has
(lines of sentences, not menu labels), and how much of a line is link text.

Each extractor fails in its own way. trafilatura takes the first block its patterns name as the body,
so a body split into several blocks (chapters, rows beside ads) ends at the first; Dateline's rules
take the whole `<article>`/`<main>` and so also keep the odd standfirst or rail card. A class-name
guess can take the body for chrome on either side. The combination keeps trafilatura's body unless
the evidence says Dateline's holds all of it and goes on, in prose, where trafilatura stopped
(`fuller_body`); and it never lets Dateline's chrome guess cut trafilatura's body down to something
that does not even agree with Dateline's own (`agrees`).
"""

from __future__ import annotations

from tui.ingest.html_lxml import HtmlPage, words_of
from tui.ingest.text_chrome import ends_sentence

# Dateline's body holds trafilatura's when this share of trafilatura's word 4-grams is in it.
MIN_HELD_SHARE = 0.9
# ... and replaces it only when its prose beyond trafilatura's body is at least this share of
# trafilatura's words: the chrome Dateline's rules miss is a line or two (a standfirst, a caption),
# half a body again of sentences is body trafilatura left out.
MIN_EXTRA_SHARE = 0.5
# A line with more of its words in links than this is a teaser or a menu, not body text.
MAX_LINK_DENSITY = 0.3
# A body goes on past this many short lines in a row (names, dates, labels) only in trafilatura's
# part; in Dateline's extra they end it. Items of a list (`<li>`) are not such lines.
MAX_GAP = 4
# ... and its lines beyond trafilatura's body are mostly prose: a subheading every few paragraphs,
# not a name or a label before each one (reader comments, a list of teasers with summaries).
MAX_SHORT_SHARE = 1 / 3
# A prose line: a sentence of at least this many words.
PROSE_WORDS = 8
# A cut keeps trafilatura's body agreeing with Dateline's when this share of Dateline's 4-grams
# is in what the cut leaves.
MIN_AGREEMENT = 0.5
_GRAM = 4


def grams(line: str) -> set[tuple[str, ...]]:
    """Word 4-grams of one line (lower-cased words); a shorter line is one gram of all its words.
    Per line, so two extractors that break a paragraph differently still share most of them."""
    words = words_of(line).split()
    if len(words) < _GRAM:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + _GRAM]) for i in range(len(words) - _GRAM + 1)}


def grams_of(lines: list[str]) -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()
    for line in lines:
        found |= grams(line)
    return found


def _share_in(lines: list[str], other: set[tuple[str, ...]]) -> float:
    own = grams_of(lines)
    return len(own & other) / len(own) if own else 0.0


def agrees(kept: list[str], ours: list[str]) -> bool:
    """Whether `kept` (trafilatura's lines a cut leaves) holds most of Dateline's own body."""
    return _share_in(ours, grams_of(kept)) >= MIN_AGREEMENT


def is_prose(line: str) -> bool:
    return len(line.split()) >= PROSE_WORDS and ends_sentence(line)


LinkIndex = dict[str, set[tuple[str, ...]]]


def link_index(links: frozenset[str]) -> LinkIndex:
    """The content root's link texts by their first word, so a line is read once, not once a link."""
    index: LinkIndex = {}
    for link in links:
        words = tuple(link.split())
        if words:
            index.setdefault(words[0], set()).add(words)
    return index


def link_density(line: str, index: LinkIndex) -> float:
    """Share of a line's words inside a link of the content root (its link texts, found in it)."""
    words = words_of(line).split()
    linked = [False] * len(words)
    for i, word in enumerate(words):
        for link in index.get(word, ()):
            if tuple(words[i : i + len(link)]) == link:
                linked[i : i + len(link)] = [True] * len(link)
    return sum(linked) / len(words) if words else 0.0


def fuller_body(found: list[str], page: HtmlPage) -> list[str] | None:
    """Dateline's body in place of trafilatura's `found` when it holds all of it and runs on in
    prose where trafilatura stopped (a body in several blocks, of which trafilatura took the
    first); None when the evidence is not there.

    From the first line the two share, Dateline's lines are kept (list items too) except link-heavy
    lines (teasers) and repeats of trafilatura's text (a pull quote); lines before it (kicker,
    standfirst) are not, nor a last run of lines that are neither shared nor prose (tags), nor
    anything after MAX_GAP such lines in a row. Nor when over MAX_SHORT_SHARE of the lines beyond
    trafilatura's body are short or links: that is prose between names (comments) or teasers'
    summaries under their headlines, not a body."""
    ours = page.paragraphs
    found_words = sum(len(line.split()) for line in found)
    # Holding nine tenths of trafilatura's body and half as much again is more than this: a
    # page where the two agree (most pages) is not read line by line.
    if not found or sum(len(line.split()) for line in ours) < (1 + MIN_EXTRA_SHARE / 2) * found_words:
        return None
    theirs = grams_of(found)
    our_grams = [grams(line) for line in ours]
    if len(set().union(*our_grams) & theirs) < MIN_HELD_SHARE * len(theirs):
        return None
    exact = {words_of(line) for line in found}
    links = link_index(page.link_texts)
    kept: list[str] = []
    body_end = 0  # kept lines up to the last shared, list or prose one
    extra = 0  # words of prose Dateline has beyond trafilatura's body
    extra_lines = short_lines = 0  # lines beyond it, and those of them that are not prose
    for line, own in zip(ours, our_grams, strict=True):
        shared = len(own & theirs) >= 0.5 * len(own)
        if not kept and not shared:
            continue
        if shared:
            if own <= theirs and words_of(line) not in exact:
                continue  # all of it said in trafilatura's lines already: a pull quote, a repeat
            kept.append(line)
            body_end = len(kept)
        elif link_density(line, links) > MAX_LINK_DENSITY:
            # a teaser's headline: left out, and it counts against what follows being the body
            extra_lines += 1
            short_lines += 1
        elif words_of(line) in page.list_items:
            kept.append(line)  # a list in the body: short lines, but neither names nor labels
            body_end = len(kept)
        else:
            if len(kept) - body_end >= MAX_GAP:
                break  # a run of short lines (names, dates, labels): what follows is not the body
            kept.append(line)
            extra_lines += 1
            if is_prose(line):
                extra += len(line.split())
                body_end = len(kept)
            else:
                short_lines += 1
    if extra < MIN_EXTRA_SHARE * found_words:
        return None
    if short_lines > MAX_SHORT_SHARE * extra_lines:
        return None  # prose between names (comments), not paragraphs between subheadings
    return kept[:body_end]
