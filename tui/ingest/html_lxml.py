"""Dateline's own rules for an HTML page, in lxml: title, date, canonical URL, and the body's
fallback when trafilatura finds nothing (`tui.ingest.html`).

Chrome elements (script, style, nav, footer, aside, cookie banners, share bars) are removed by tag,
role and class; the content root is `itemprop=articleBody`, `<article>`, `<main>` or else the block
with the densest paragraph text; its blocks become paragraphs, with no repeats, headline or chrome
lines (`keep_lines`, also applied to trafilatura's body).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import lxml.etree
import lxml.html

from tui.core.article import Link
from tui.ingest.html_popups import drop_popups, hidden_name, remove_keeping_tail, undouble_names
from tui.ingest.links import raw_anchors
from tui.ingest.spaces import one_spaced, word_count
from tui.ingest.text_chrome import is_chrome
from tui.ingest.text_data import is_data_line

_DROP_TAGS = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "form",
    "button",
    "select",
    "input",
    "textarea",
    "label",
    "nav",
    "footer",
    "aside",
    "menu",
    "dialog",
    "figcaption",
    "head",
    "title",
    "meta",
    "link",
}
_DROP_ROLES = {
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "dialog",
    "alertdialog",
    "search",
    "menu",
    "menubar",
    "toolbar",
    "alert",
    "status",
}
_JUNK_TOKEN = re.compile(
    r"^(?:.*[-_])?(?:cookies?|consent|gdpr|cmp|share|sharing|social|related|recommended|promo|"
    r"advert|advertisement|ads?|ad-?slot|dfp|newsletter|subscribe|subscription|comments?|"
    r"breadcrumbs?|sidebar|popup|modal|overlay|footer|navbar|nav|navigation|menu|outbrain|"
    r"taboola|sponsored|paywall|byline|author|timestamp|caption|credits?|tags|toolbar|"
    r"masthead|skip|sr-only|visually-hidden|hidden)(?:[-_].*)?$",
    re.IGNORECASE,
)
# A class that says what state an element is in or what it offers, not what it is: "modal-enabled"
# (a story that may open a pop-up), "has-sidebar", "no-comments", "with-share-bar", "menu-open".
# Chrome words in it name a feature of the element, not the element: the article itself carries
# such classes. ("is-hidden" stays junk: that element is hidden.)
# Not "show-", "allow-" or "enable-": those name a control ("show-comments", "allow-cookies").
_STATE_TOKEN = re.compile(
    r"^(?:has|with|no|without)[-_]|"
    r"[-_](?:enabled|disabled|open|opened|active|visible|ready|loaded|init|initiali[sz]ed)$",
    re.IGNORECASE,
)
_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "blockquote",
    "pre",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tr",
    "td",
    "th",
    "tbody",
    "thead",
    "figure",
    "address",
    "center",
    "hr",
    "body",
    "html",
    "details",
    "summary",
}
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_WORDS = re.compile(r"\w+")
_TITLE_SPLIT = re.compile(r"\s+(?:[|\u2013\u2014\u00b7\u2022-]|::)\s+")


@dataclass(frozen=True)
class HtmlPage:
    """What `extract_html` found in a page (raw strings; the caller sanitises)."""

    title: str
    paragraphs: list[str]
    published: str | None
    url: str | None
    page_words: int = 0  # words of the whole page's visible text, before chrome removal
    chrome_lines: frozenset[str] = frozenset()  # case-folded lines of the chrome elements removed
    root_words: str = ""  # the content root's words, case-folded, one space apart and around
    link_texts: frozenset[str] = frozenset()  # the content root's link texts, as `words_of` gives them
    list_items: frozenset[str] = frozenset()  # the content root's list items, as `words_of` gives them
    anchors: tuple[Link, ...] = ()  # issue 21: the content root's links, hrefs as written (`raw_anchors`)


def parse_document(text: str) -> Any:
    text = _XML_DECLARATION.sub("", text, count=1)
    if not text.strip():
        return None
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        return lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return None


def text_of(el: Any) -> str:
    return " ".join(str(el.text_content()).split())


def _meta(doc: Any, *names: str) -> str | None:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            for el in doc.iter("meta"):
                if (el.get(attr) or "").lower() == name and (el.get("content") or "").strip():
                    return str(el.get("content")).strip()
    return None


def _json_ld_date(doc: Any) -> str | None:
    for script in doc.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                value = item.get("datePublished") or item.get("dateCreated")
                if isinstance(value, str) and value.strip():
                    return value.strip()
                stack.extend(v for v in item.values() if isinstance(v, (list, dict)))
    return None


def _published(doc: Any, root: Any) -> str | None:
    found = _meta(
        doc,
        "article:published_time",
        "og:published_time",
        "datepublished",
        "date",
        "pubdate",
        "publishdate",
        "publish-date",
        "dc.date",
        "dc.date.issued",
        "dcterms.created",
        "sailthru.date",
        "parsely-pub-date",
        "article.published",
    )
    if found:
        return found
    for scope in (root, doc):
        if scope is None:
            continue
        for el in scope.iter("time"):
            value = el.get("datetime") or el.get("content")
            if value and value.strip():
                return str(value).strip()
    for el in doc.iter():
        if isinstance(el.tag, str) and el.get("itemprop") == "datePublished":
            value = el.get("datetime") or el.get("content") or text_of(el)
            if value:
                return str(value)
    return _json_ld_date(doc)


def _strip_site(title: str, site: str | None) -> str:
    """ "Headline | Site" -> "Headline" (the site name from og:site_name, or a short last part)."""
    if site and title.casefold().endswith(site.casefold()) and len(title) > len(site) + 3:
        trimmed = title[: -len(site)].rstrip(" |:-\u2013\u2014\u00b7\u2022")
        if trimmed:
            return trimmed
    separators = list(_TITLE_SPLIT.finditer(title))
    if separators:
        last = separators[-1]
        head, tail = title[: last.start()], title[last.end() :]
        if len(tail.split()) <= 4 and len(head.split()) >= 2:
            return head
    return title


def _head_titles(doc: Any) -> tuple[str | None, str, str | None]:
    """(og:title or similar, <title>, site name), read before chrome removal drops <head>."""
    og = _meta(doc, "og:title", "twitter:title", "title", "headline")
    head_title = next((text_of(t) for t in doc.iter("title")), "")
    return og, head_title, _meta(doc, "og:site_name", "application-name")


def _title(doc: Any, root: Any, heads: tuple[str | None, str, str | None]) -> str:
    og, head_title, site = heads
    candidates: list[Any] = []
    if root is not None:
        candidates.extend(root.iter("h1"))
    candidates.extend(doc.iter("h1"))
    for h1 in candidates:
        text = text_of(h1)
        if len(text.split()) >= 2 or (text and text.casefold() in (og or head_title).casefold()):
            return text
    if og:
        return _strip_site(" ".join(og.split()), site)
    return _strip_site(head_title, site)


def _is_junk_element(el: Any) -> bool:
    tag = el.tag
    if tag in _DROP_TAGS:
        return True
    if hidden_name(el):
        return False
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
        return True
    if (el.get("role") or "").lower() in _DROP_ROLES:
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    if tag in ("html", "body", "article", "main"):
        return False
    tokens = (el.get("class") or "").split() + (el.get("id") or "").split()
    return any(_JUNK_TOKEN.match(token) and not _STATE_TOKEN.search(token) for token in tokens)


def remove_chrome(doc: Any) -> set[str]:
    """Drop chrome elements; returns the (case-folded) lines of text they held."""
    doomed: list[Any] = []
    body_len = 0  # the whole text's length, measured when the first junk element needs it
    for el in doc.iter():
        if not isinstance(el.tag, str) or not _is_junk_element(el):
            continue
        if not body_len:
            body_len = max(1, len(text_of(doc)))
        if (el.tag not in _DROP_TAGS or el.tag == "form") and el.get("role") is None:
            # A class-name guess must not take the article with it ("page with-sidebar"), nor
            # must a <form> around the whole page (ASP.NET sites wrap <body> in one).
            if el.find(".//article") is not None or el.find(".//main") is not None:
                continue
            if len(text_of(el)) > 0.5 * body_len:
                continue
        doomed.append(el)
    removed: list[str] = []
    for el in doomed:
        # What a <nav> or <aside> holding most of the page says is not known to be chrome.
        if el.tag not in ("head", "script", "style", "noscript", "template") and (
            len(text_of(el)) <= 0.5 * body_len
        ):
            _walk(el, removed)
    for el in doomed:
        remove_keeping_tail(el)
    # <header> outside the article is site chrome; inside it, the title lives there too.
    for header in list(doc.iter("header")):
        if not any(a.tag in ("article", "main") for a in header.iterancestors()):
            parent = header.getparent()
            if parent is not None and header.find(".//article") is None:
                _walk(header, removed)
                parent.remove(header)
    return {_table_row(line)[0].casefold() for line in removed}


def _densest_block(body: Any) -> Any:
    scores: dict[Any, float] = {}
    for p in body.iter("p", "pre", "blockquote"):
        length = len(text_of(p))
        if length < 25:
            continue
        parent = p.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + length
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0.0) + length / 2
    if not scores:
        return body
    return max(scores, key=lambda el: scores[el])


MIN_ARTICLE_OUTWEIGH = 2  # how much more paragraph text a block outside <article> needs to win
MIN_TEASER_LINK_SHARE = 0.2  # a teaser's words in links: its headline is one


def _prose_length(el: Any) -> int:
    return sum(len(text_of(p)) for p in el.iter("p"))


def _body_beside_teasers(body: Any, best: Any) -> Any:
    """The body when the page's `<article>`s are only teasers around it ("story story--grid"
    beside a `<div class="box article">`): the biggest `<article>` holds no headline (`<h1>`),
    reads as a teaser (a good share of its words are links), and a block outside it has twice
    its paragraph text. None otherwise: a story in an `<article>` under long reader responses
    in `<div>`s keeps its `<article>`."""
    if best.find(".//h1") is not None:
        return None
    words = len(text_of(best).split())
    linked = sum(len(text_of(a).split()) for a in best.iter("a"))
    if not words or linked < MIN_TEASER_LINK_SHARE * words:
        return None
    dense = _densest_block(body)
    if dense is best or best in dense.iterancestors() or dense in best.iterancestors():
        return None
    return dense if _prose_length(dense) >= MIN_ARTICLE_OUTWEIGH * _prose_length(best) else None


def _content_root(doc: Any) -> Any:
    body = doc.find("body")
    if body is None:
        body = doc
    for el in body.iter():
        if isinstance(el.tag, str) and (el.get("itemprop") or "").lower() == "articlebody":
            return el
    articles = list(body.iter("article"))
    if articles:
        best = max(articles, key=lambda a: _prose_length(a) or len(text_of(a)))
        beside = _body_beside_teasers(body, best)
        return best if beside is None else beside
    for el in body.iter("main"):
        return el
    for el in body.iter():
        if isinstance(el.tag, str) and (el.get("role") or "").lower() == "main":
            return el
    return _densest_block(body)


_CELL_WORDS = 12  # a cell of a data table; a layout table's cells hold paragraphs


def _data_row(tr: Any) -> str | None:
    """A table row of short cells as one "| a | b |" line (read by `keep_lines` as a data row), not
    one line per cell: "Oslo", "12", "4" alone are chrome-shaped, "| Oslo | 12 | 4 |" is data.
    None for a row of a layout table (long cells, or blocks inside them)."""
    cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
    if len(cells) < 2:
        return None
    texts = []
    for cell in cells:
        if any(isinstance(d.tag, str) and d.tag in _BLOCK_TAGS for d in cell.iterdescendants()):
            return None
        text = text_of(cell)
        if len(text.split()) > _CELL_WORDS or "|" in text:
            return None
        texts.append(text)
    return f"| {' | '.join(texts)} |" if any(texts) else None


def _walk(el: Any, out: list[str]) -> None:
    """Block elements become paragraphs; inline text inside them is joined with spaces."""
    buf: list[str] = []

    def flush() -> None:
        if buf:  # (nothing comes of no text)
            _add_chunks("".join(buf), out)
            buf.clear()

    if el.text:
        buf.append(el.text)
    for child in el:
        tag = child.tag
        if isinstance(tag, str):
            row = _data_row(child) if tag == "tr" else None
            if row is not None:
                flush()
                out.append(row)
            elif tag == "br":
                buf.append("\n\n" if buf and "".join(buf).endswith("\n") else "\n")
            elif tag in _BLOCK_TAGS and len(child) == 0:
                # Speed only: what `_walk(child, out)` makes of a block with nothing inside but
                # its text (most paragraphs of a feed item).
                flush()
                if child.text:
                    _add_chunks(child.text, out)
            elif tag in _BLOCK_TAGS or any(
                isinstance(d.tag, str) and d.tag in _BLOCK_TAGS for d in child.iterdescendants()
            ):
                flush()
                _walk(child, out)
            else:
                buf.append(str(child.text_content()))
        if child.tail:
            buf.append(child.tail)
    flush()


def _add_chunks(text: str, out: list[str]) -> None:
    """The paragraphs of a block's text: split at blank lines, whitespace folded."""
    for chunk in text.split("\n\n"):
        folded = one_spaced(chunk)
        if folded:
            out.append(folded)


def paragraphs_of(root: Any, title: str) -> list[str]:
    raw: list[str] = []
    _walk(root, raw)
    return keep_lines(raw, title)


def _table_row(line: str) -> tuple[str, bool]:
    """trafilatura's "| a | b |" table row as "a | b", and whether it is a data row (short cells):
    numbers and separators are chrome in running text but content in a table."""
    if not (len(line) > 1 and line.startswith("|") and line.endswith("|")):
        return line, False
    cells = [" ".join(cell.split()) for cell in line[1:-1].split("|")]
    return " | ".join(cells), all(len(cell.split()) <= 12 for cell in cells)


def keep_lines(raw: list[str], title: str) -> list[str]:
    """Dateline's rules on top of any extractor: no repeats, no headline, no chrome lines."""
    seen: set[str] = set()
    kept: list[str] = []
    folded_title = title.casefold()
    for line in raw:
        text, data_row = _table_row(undouble_names(line))
        if data_row:
            kept.append(text)
            continue
        key = text.casefold()
        if key in seen or key == folded_title:
            continue
        words = word_count(text)
        # A fact with a date ("Born: 12 May 1990") is no timestamp line. `is_data_line` asks
        # `is_chrome` again with its own word count; when that is this one, the answer is known.
        if is_chrome(text, words) and not is_data_line(
            text, chrome=True if words == text.count(" ") + 1 else None
        ):
            continue
        seen.add(key)
        kept.append(text)
    return kept


def lxml_page(text: str) -> HtmlPage:
    doc = parse_document(text)
    if doc is None:
        return HtmlPage("", [], None, None)
    url = _meta(doc, "og:url")
    for link in doc.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            url = url or link.get("href")
    published = _published(doc, None)
    heads = _head_titles(doc)
    page_words = _visible_words(doc)
    drop_popups(doc)
    chrome_lines = remove_chrome(doc)
    root = _content_root(doc)
    title = _title(doc, root, heads)
    if published is None:
        published = _published(doc, root)
    paragraphs = paragraphs_of(root, title)
    if not paragraphs and root is not doc.find("body") and doc.find("body") is not None:
        paragraphs = paragraphs_of(doc.find("body"), title)
    if url and not re.match(r"https?://", url, re.IGNORECASE):
        url = None
    return HtmlPage(
        title,
        paragraphs,
        published,
        url,
        page_words,
        frozenset(chrome_lines),
        f" {words_of(' '.join(str(t) for t in root.itertext()))} ",
        frozenset(filter(None, (words_of(str(a.text_content())) for a in root.iter("a")))),
        frozenset(filter(None, (words_of(str(li.text_content())) for li in root.iter("li")))),
        raw_anchors(root),
    )


def words_of(text: str) -> str:
    return " ".join(_WORDS.findall(text.casefold()))


def _visible_words(doc: Any) -> int:
    body = doc.find("body")
    if body is None:
        return 0
    texts = body.xpath(
        ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::template)]"
    )
    return sum(len(str(piece).split()) for piece in texts)
