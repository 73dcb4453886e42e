"""HTML pages and HTML fragments (feed items, JSON bodies) to title + paragraphs.

A page's body comes from trafilatura (the field's reference extractor), with Dateline's rules on
top. Those rules, in lxml, find the title, date and canonical URL and are the body's fallback:
chrome elements (script, style, nav, footer, aside, cookie banners, share bars) are removed by tag,
role and class; the content root is `itemprop=articleBody`, `<article>`, `<main>` or else the block
with the densest paragraph text. HTML inside feed items (read by `tui.ingest.feed`, the one feed
reader) and JSON bodies is the article itself and goes through the lxml rules only.

The seams: pop-ups and hidden copies in `tui.ingest.html_popups`, the lxml rules in
`tui.ingest.html_lxml`, trafilatura's body and its filters in `tui.ingest.html_main_text`, the
evidence for choosing between the two bodies in `tui.ingest.html_choice`; this module chooses.
"""

from __future__ import annotations

import re

from tui.core.article import Link
from tui.core.sanitize import folded_printable
from tui.ingest.html_choice import fuller_body as _fuller_body
from tui.ingest.html_lxml import HtmlPage as HtmlPage
from tui.ingest.html_lxml import keep_lines as _keep
from tui.ingest.html_lxml import lxml_page as _lxml_page
from tui.ingest.html_lxml import paragraphs_of as _paragraphs
from tui.ingest.html_lxml import parse_document as _parse
from tui.ingest.html_lxml import remove_chrome as _remove_chrome
from tui.ingest.html_lxml import text_of as _text
from tui.ingest.html_main_text import MAX_MAIN_TEXT_WORDS, MIN_MAIN_TEXT_SHARE, WHOLE_PAGE_SHARE
from tui.ingest.html_main_text import inside_root as _inside
from tui.ingest.html_main_text import main_text_lines as _main_text_lines  # tests replace it here
from tui.ingest.html_main_text import without_chrome as _without_chrome
from tui.ingest.html_main_text import word_count as _word_count
from tui.ingest.html_popups import MAX_POPUP_WORDS as MAX_POPUP_WORDS
from tui.ingest.html_popups import drop_popups as _drop_popups
from tui.ingest.html_popups import undouble_names as undouble_names
from tui.ingest.links import raw_anchors, resolve


def extract_html(text: str, *, main_text: bool = True) -> HtmlPage:
    """Title, main-content paragraphs, published date and canonical URL of an HTML page.

    The body comes from trafilatura (`main_text`), filtered by Dateline's own rules (no headline,
    bylines, chrome lines or repeats; when it took the whole page, only lines inside the content
    root Dateline's rules chose). When trafilatura finds nothing, or much less than Dateline's lxml
    rules, and for pages over MAX_MAIN_TEXT_WORDS, those rules' paragraphs are the body; so are
    they when they hold all of trafilatura's body and go on in prose where it stopped
    (`tui.ingest.html_choice.fuller_body`). Title, date and URL are always Dateline's.
    """
    page = _lxml_page(text)
    if not main_text or page.page_words > MAX_MAIN_TEXT_WORDS:
        return page
    found = _without_chrome(_keep(_main_text_lines(text), page.title), page)
    words, ours = _word_count(found), _word_count(page.paragraphs)
    if not found or words < MIN_MAIN_TEXT_SHARE * ours:
        return page
    fuller = _fuller_body(found, page)
    if fuller:
        return HtmlPage(page.title, fuller, page.published, page.url, anchors=page.anchors)
    if ours and ours < words and words >= WHOLE_PAGE_SHARE * page.page_words:
        found = _inside(found, page.root_words)
        if not found:
            return page
    return HtmlPage(page.title, found, page.published, page.url, anchors=page.anchors)


# Markup other than bare <p>, </p> and <br>: without it a fragment's tree is html, body, p and br
# elements with no attributes, where no rule of `_drop_popups` or `_remove_chrome` can match.
_OTHER_MARKUP = re.compile(r"<(?!/?p>|br ?/?>)")


def html_fragment_paragraphs(text: str) -> list[str]:
    """Paragraphs of an HTML fragment (a feed item, a JSON body), chrome removed."""
    texts = _bare_paragraph_texts(text)
    if texts is not None:
        # Speed only: what lxml's tree and `_paragraphs` make of such a fragment (its paragraphs'
        # text, whitespace folded), without the tree.
        return _keep([folded for folded in map(folded_printable, texts) if folded], "")
    doc = _parse(f"<html><body>{text}</body></html>")
    if doc is None:
        return []
    if _OTHER_MARKUP.search(text) is not None:
        # Speed only: plain paragraphs (much wire copy in feeds) have no pop-up or chrome
        # element to look for, and a refresh of 10,000 items looked at each element twice.
        _drop_popups(doc)
        _remove_chrome(doc)
    body = doc.find("body")
    return _paragraphs(body if body is not None else doc, "")


_BARE_LIMIT = 1_000_000  # characters: far below libxml2's limit on a text node


def _bare_paragraph_texts(text: str) -> list[str] | None:
    """The texts of a fragment made only of `<p>` elements (and spaces, tabs or newlines between
    them) each holding printable text with no markup and no character reference, or None for any
    other fragment. lxml's HTML parser gives such a paragraph's text as it is (no entity to decode,
    no control character or line ending to change, no element to open or close)."""
    if "&" in text or len(text) > _BARE_LIMIT or not text.startswith("<p>", len(text) - len(text.lstrip())):
        return None
    pieces = text.split("</p>")
    if len(pieces) < 2 or pieces[-1].strip(" \t\n"):
        return None
    texts = []
    for piece in pieces[:-1]:
        before, mark, inside = piece.partition("<p>")
        if not mark or before.strip(" \t\n") or "<" in inside or not inside.isprintable():
            return None
        texts.append(inside)
    return texts


def html_fragment_links(text: str, base: str | None) -> tuple[Link, ...]:
    """The links of an HTML fragment (a feed item's content; issue 21), resolved against `base`."""
    if "<a" not in text and "<A" not in text:  # (no other character lower-cases to "a" or "<")
        return ()
    doc = _parse(f"<html><body>{text}</body></html>")
    return resolve(raw_anchors(doc), base) if doc is not None else ()


def html_to_line(text: str) -> str:
    """Text of a small HTML snippet (a feed title), tags dropped and entities decoded."""
    if "<" not in text and "&" not in text:
        return " ".join(text.split())
    doc = _parse(f"<html><body><div>{text}</div></body></html>")
    return _text(doc.find("body")) if doc is not None and doc.find("body") is not None else text
