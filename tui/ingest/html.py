"""HTML pages and HTML fragments (feed items, JSON bodies) to title + paragraphs.

A page's body comes from trafilatura (the field's reference extractor), with Dateline's rules on
top. Those rules, in lxml, find the title, date and canonical URL and are the body's fallback:
chrome elements (script, style, nav, footer, aside, cookie banners, share bars) are removed by tag,
role and class; the content root is `itemprop=articleBody`, `<article>`, `<main>` or else the block
with the densest paragraph text. HTML inside feed items (read by `tui.ingest.feed`, the one feed
reader) and JSON bodies is the article itself and goes through the lxml rules only.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import lxml.etree
import lxml.html

from tui.ingest.text import is_chrome, is_data_line

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
# Pop-ups a page keeps inside a name's link (a person card, a tooltip): hidden until hovered, they
# repeat the name right after it, and as text they glue onto it ("Ilhan OmarIlhan Omar").
_POPUP_TOKEN = re.compile(
    r"(?:^|[-_])(?:tool-?tips?|tooltiptext|popovers?|popups?|pop-up|hover-?cards?|tippy|"
    r"(?:person|profile|people|author|bio)-?cards?|cards?-(?:popup|hover|tooltip))(?:$|[-_])",
    re.IGNORECASE,
)
# Text only screen readers get; it repeats what the page shows.
_SCREEN_READER_TOKEN = re.compile(
    r"^(?:sr-only|visually-?hidden|screen-?reader-?(?:text|only)|a11y-hidden|assistive-text|"
    r"offscreen|hidden|is-hidden|u-hidden)$",
    re.IGNORECASE,
)
# ... but not the element that opens one: "has-tooltip", "tooltip-trigger", "js-popover-link".
_POPUP_OPENER = re.compile(
    r"(?:^|[-_])(?:has|with|js|trigger|toggle|anchor|link|target|open|btn|button)(?:$|[-_])"
)
_NAME_WORDS = 8  # text before a pop-up inside its link: a name, not a sentence
_BEFORE_CHARS = 300  # ... nor a paragraph
_INLINE_TAGS = {"a", "span", "em", "strong", "b", "i", "u", "abbr", "cite", "small", "mark", "bdi", "q"}
# Hidden text longer than this is not a repeated name: it stays for trafilatura to judge.
MAX_POPUP_WORDS = 60
# A name typed twice with no space between: a pop-up's copy glued to the name that carries it.
_DOUBLED_NAME = re.compile(
    r"(?<![\w'\u2019.-])((?:[A-Z][^\W\d_]*(?:['\u2019.-][^\W\d_]+)*\.?\s+){1,4}[A-Z][^\W\d_]*?)"
    r"\1(?![\w'\u2019-])"
)
_GLUE = re.compile(r"[a-z][A-Z]")
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


def _parse(text: str) -> Any:
    text = _XML_DECLARATION.sub("", text, count=1)
    if not text.strip():
        return None
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        return lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return None


def _text(el: Any) -> str:
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
            value = el.get("datetime") or el.get("content") or _text(el)
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
    head_title = next((_text(t) for t in doc.iter("title")), "")
    return og, head_title, _meta(doc, "og:site_name", "application-name")


def _title(doc: Any, root: Any, heads: tuple[str | None, str, str | None]) -> str:
    og, head_title, site = heads
    candidates: list[Any] = []
    if root is not None:
        candidates.extend(root.iter("h1"))
    candidates.extend(doc.iter("h1"))
    for h1 in candidates:
        text = _text(h1)
        if len(text.split()) >= 2 or (text and text.casefold() in (og or head_title).casefold()):
            return text
    if og:
        return _strip_site(" ".join(og.split()), site)
    return _strip_site(head_title, site)


def _is_junk_element(el: Any) -> bool:
    tag = el.tag
    if tag in _DROP_TAGS:
        return True
    if _hidden_name(el):
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
    return any(_JUNK_TOKEN.match(token) for token in tokens)


def _hidden(el: Any) -> bool:
    """Hidden from sight: the `hidden` attribute, aria-hidden, an inline style, a screen-reader class."""
    return _invisible(el) or _one_channel(el)


def _invisible(el: Any) -> bool:
    """Shown to no one: the `hidden` attribute, display:none, visibility:hidden."""
    if el.get("hidden") is not None:
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _one_channel(el: Any) -> bool:
    """Shown on screen only (aria-hidden) or to screen readers only (sr-only, visually-hidden)."""
    if (el.get("aria-hidden") or "").lower() == "true":
        return True
    return any(_SCREEN_READER_TOKEN.match(token) for token in (el.get("class") or "").split())


_DUPLICATE_SCOPE = 2000  # characters of a parent's other text searched for a hidden copy


def _repeats_parent(el: Any) -> bool:
    """Whether `el`'s text repeats its parent's other text, or that text repeats it ("Ilhan
    Omar" beside an sr-only "Ilhan Omar"); an empty element repeats nothing worth keeping."""
    own = " ".join(str(el.text_content()).split())
    if not own:
        return True
    parent = el.getparent()
    parts = [parent.text or ""]
    size = len(parts[0])
    for child in parent:
        if size > _DUPLICATE_SCOPE:
            return False  # a long paragraph: a word of it is no copy of a name
        if child is not el and isinstance(child.tag, str):
            parts.append(str(child.text_content()))
        parts.append(child.tail or "")
        size += len(parts[-1]) + (len(parts[-2]) if child is not el else 0)
    other = " ".join("".join(parts).split())
    return bool(other) and (_contains(other, own) or _contains(own, other))


def _contains(text: str, part: str) -> bool:
    """`part` in `text` as whole words ("Omar" is in "Ilhan Omar", not in "Omari")."""
    return re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text) is not None


def _shows_text(parent: Any) -> bool:
    """Whether `parent` has text outside its hidden children (stops at the first word)."""
    if (parent.text or "").strip():
        return True
    for child in parent:
        if isinstance(child.tag, str) and not _hidden(child):
            if any(piece.strip() for piece in child.itertext()):
                return True
        if (child.tail or "").strip():
            return True
    return False


def _hidden_name(el: Any) -> bool:
    """Hidden text that is all a link or name element holds (`_is_popup` keeps it): the name
    shows through one of its hidden copies."""
    parent = el.getparent()
    return (
        parent is not None
        and parent.tag in _INLINE_TAGS
        and _hidden(el)
        and len(str(el.text_content()).split()) <= _NAME_WORDS
        and not _shows_text(parent)
    )


def _text_before(el: Any) -> str:
    """The text inside `el`'s parent that comes before `el`; "" when that is longer than a name
    and its card could be (a link inside a sentence-long span is no pop-up's anchor)."""
    parent = el.getparent()
    parts = [parent.text or ""]
    size = len(parts[0])
    for sibling in parent:
        if sibling is el or size > _BEFORE_CHARS:
            break
        parts.append(str(sibling.text_content()) if isinstance(sibling.tag, str) else "")
        parts.append(sibling.tail or "")
        size += len(parts[-2]) + len(parts[-1])
    return "" if size > _BEFORE_CHARS else " ".join("".join(parts).split())


def _is_popup(el: Any) -> bool:
    """A pop-up or hidden copy inside a name: a tooltip or person card after the name in its link
    ("<a>Ilhan Omar<span class=tooltip>Ilhan Omar</span></a>"), any inline element that repeats
    the text before it there, or hidden text (`_hidden`) of a few words.

    The element that opens a pop-up holds the name itself: a link, a class such as
    "has-tooltip" or "tooltip-trigger", or one that stands in a block of prose (the W3C pattern
    `<p>... <span class=tooltip>Name<span class=tooltiptext>card</span></span></p>`); it stays."""
    parent = el.getparent()
    if parent is None or not isinstance(el.tag, str) or el.tag in ("html", "body"):
        return False
    # Cheap tests first: this runs on every element of the page.
    if _hidden(el):
        # Beside what shows; not the only text there ("<a><span aria-hidden=true>Name</span>
        # <span class=sr-only>Name, profile</span></a>" keeps both, to be undoubled). Text shown
        # on one channel only (a screen reader's "Portugal" beside a flag) goes when it repeats.
        return (
            _few_words(el)
            and _shows_text(parent)
            and (_invisible(el) or _repeats_parent(el))
        )
    if parent.tag not in _INLINE_TAGS:
        return False
    before = _text_before(el)
    if not before or not _few_words(el):
        return False
    tokens = (el.get("class") or "").split() + (el.get("id") or "").split()
    if (
        el.tag != "a"
        and len(before.split()) <= _NAME_WORDS
        and any(_POPUP_TOKEN.search(t) and not _POPUP_OPENER.search(t) for t in tokens)
    ):
        return True
    own = " ".join(str(el.text_content()).split())
    return len(before) >= 3 and own.startswith(before)


def _few_words(el: Any) -> bool:
    return len(str(el.text_content()).split()) <= MAX_POPUP_WORDS


def _drop_popups(doc: Any) -> bool:
    """Remove pop-ups and hidden copies (`_is_popup`), keeping the text after them; True if any."""
    doomed = [el for el in doc.iter() if isinstance(el.tag, str) and _is_popup(el)]
    marked = set(doomed)
    for el in doomed:
        if any(a in marked for a in el.iterancestors()):
            continue
        parent = el.getparent()
        if el.tail:
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + el.tail
            else:
                parent.text = (parent.text or "") + el.tail
        parent.remove(el)
    return bool(doomed)


def undouble_names(text: str) -> str:
    """ "Ilhan OmarIlhan Omar" -> "Ilhan Omar": a name of two or more capitalised words typed
    twice without a space, the last resort against pop-up text glued to a name."""
    if not _GLUE.search(text):
        return text
    return _DOUBLED_NAME.sub(r"\1", text)


def _remove_chrome(doc: Any) -> set[str]:
    """Drop chrome elements; returns the (case-folded) lines of text they held."""
    doomed: list[Any] = []
    body_len = 0  # the whole text's length, measured when the first junk element needs it
    for el in doc.iter():
        if not isinstance(el.tag, str) or not _is_junk_element(el):
            continue
        if not body_len:
            body_len = max(1, len(_text(doc)))
        if (el.tag not in _DROP_TAGS or el.tag == "form") and el.get("role") is None:
            # A class-name guess must not take the article with it ("page with-sidebar"), nor
            # must a <form> around the whole page (ASP.NET sites wrap <body> in one).
            if el.find(".//article") is not None or el.find(".//main") is not None:
                continue
            if len(_text(el)) > 0.5 * body_len:
                continue
        doomed.append(el)
    removed: list[str] = []
    for el in doomed:
        # What a <nav> or <aside> holding most of the page says is not known to be chrome.
        if el.tag not in ("head", "script", "style", "noscript", "template") and (
            len(_text(el)) <= 0.5 * body_len
        ):
            _walk(el, removed)
    for el in doomed:
        parent = el.getparent()
        if parent is None:
            continue
        if el.tail:
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + el.tail
            else:
                parent.text = (parent.text or "") + el.tail
        parent.remove(el)
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
        length = len(_text(p))
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


def _content_root(doc: Any) -> Any:
    body = doc.find("body")
    if body is None:
        body = doc
    for el in body.iter():
        if isinstance(el.tag, str) and (el.get("itemprop") or "").lower() == "articlebody":
            return el
    articles = list(body.iter("article"))
    if articles:
        return max(articles, key=lambda a: sum(len(_text(p)) for p in a.iter("p")) or len(_text(a)))
    for el in body.iter("main"):
        return el
    for el in body.iter():
        if isinstance(el.tag, str) and (el.get("role") or "").lower() == "main":
            return el
    return _densest_block(body)


_CELL_WORDS = 12  # a cell of a data table; a layout table's cells hold paragraphs


def _data_row(tr: Any) -> str | None:
    """A table row of short cells as one "| a | b |" line (read by `_keep` as a data row), not
    one line per cell: "Oslo", "12", "4" alone are chrome-shaped, "| Oslo | 12 | 4 |" is data.
    None for a row of a layout table (long cells, or blocks inside them)."""
    cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
    if len(cells) < 2:
        return None
    texts = []
    for cell in cells:
        if any(isinstance(d.tag, str) and d.tag in _BLOCK_TAGS for d in cell.iterdescendants()):
            return None
        text = _text(cell)
        if len(text.split()) > _CELL_WORDS or "|" in text:
            return None
        texts.append(text)
    return f"| {' | '.join(texts)} |" if any(texts) else None


def _walk(el: Any, out: list[str]) -> None:
    """Block elements become paragraphs; inline text inside them is joined with spaces."""
    buf: list[str] = []

    def flush() -> None:
        for chunk in "".join(buf).split("\n\n"):
            text = " ".join(chunk.split())
            if text:
                out.append(text)
        buf.clear()

    if el.text:
        buf.append(el.text)
    for child in el:
        if isinstance(child.tag, str):
            row = _data_row(child) if child.tag == "tr" else None
            if row is not None:
                flush()
                out.append(row)
            elif child.tag == "br":
                buf.append("\n\n" if buf and "".join(buf).endswith("\n") else "\n")
            elif child.tag in _BLOCK_TAGS or any(
                isinstance(d.tag, str) and d.tag in _BLOCK_TAGS for d in child.iterdescendants()
            ):
                flush()
                _walk(child, out)
            else:
                buf.append(str(child.text_content()))
        if child.tail:
            buf.append(child.tail)
    flush()


def _paragraphs(root: Any, title: str) -> list[str]:
    raw: list[str] = []
    _walk(root, raw)
    return _keep(raw, title)


def _table_row(line: str) -> tuple[str, bool]:
    """trafilatura's "| a | b |" table row as "a | b", and whether it is a data row (short cells):
    numbers and separators are chrome in running text but content in a table."""
    if not (len(line) > 1 and line.startswith("|") and line.endswith("|")):
        return line, False
    cells = [" ".join(cell.split()) for cell in line[1:-1].split("|")]
    return " | ".join(cells), all(len(cell.split()) <= 12 for cell in cells)


def _keep(raw: list[str], title: str) -> list[str]:
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
        if key in seen or key == folded_title or (is_chrome(text) and not is_data_line(text)):
            continue  # a fact with a date ("Born: 12 May 1990") is no timestamp line
        seen.add(key)
        kept.append(text)
    return kept


# Numeric references to C0/C1 controls and bidi overrides: decoded they are terminal escapes, and
# trafilatura gives up on the whole page when its XML tree meets one.
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));?")
_TABLE_RULE = re.compile(r"^\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$")
_LIST_BULLET = re.compile(r"^- (?=\S)")
# trafilatura's body is kept unless it is much shorter than what Dateline's rules find (their body
# may hold chrome too, so only a small share means trafilatura missed the text) ...
MIN_MAIN_TEXT_SHARE = 0.2
# When it is nearly the whole page, trafilatura found no main block and fell back on all the text,
# menus included: then only its lines inside the content root Dateline's rules chose stay.
WHOLE_PAGE_SHARE = 0.9
# A page longer than this (a book, a whole archive saved as one page) is a document, not an
# article: trafilatura needs seconds per 100,000 words and Dateline's rules read it in a fraction.
MAX_MAIN_TEXT_WORDS = 100_000
# Lines of elements Dateline's rules drop as chrome leave trafilatura's body while at least this
# share of its words stays (or at least as many words as Dateline's own body).
MIN_KEPT_SHARE = 2 / 3


def _drop_control_ref(match: re.Match[str]) -> str:
    hex_digits, digits = match.groups()
    code = int(hex_digits, 16) if hex_digits else int(digits)
    if code in (9, 10, 13):
        return match.group(0)
    if code < 32 or 127 <= code < 160 or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return ""
    return match.group(0)


def _main_text_lines(text: str) -> list[str]:
    """The page's main text as trafilatura finds it: one line per paragraph, heading, list item
    or table row ("| a | b |", read by `_keep`).

    Imported here, not at module level: only reading a page pays for it (`dateline list` and the
    first frame never do).
    """
    import trafilatura

    text = _CHAR_REF.sub(_drop_control_ref, text)
    doc = _parse(text)
    if doc is not None and _drop_popups(doc):
        text = lxml.html.tostring(doc, encoding="unicode")
    try:
        found = trafilatura.extract(
            text,
            output_format="txt",
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
            with_metadata=False,
            deduplicate=False,
        )
    except Exception:  # any failure inside the library: the page still has Dateline's own rules
        return []
    lines: list[str] = []
    for raw in (found or "").split("\n"):
        line = " ".join(raw.split())
        if not line or _TABLE_RULE.match(line):
            continue
        lines.append(_LIST_BULLET.sub("", line))
    return lines


def _word_count(paragraphs: list[str]) -> int:
    return sum(len(p.split()) for p in paragraphs)


def extract_html(text: str, *, main_text: bool = True) -> HtmlPage:
    """Title, main-content paragraphs, published date and canonical URL of an HTML page.

    The body comes from trafilatura (`main_text`), filtered by Dateline's own rules (no headline,
    bylines, chrome lines or repeats; when it took the whole page, only lines inside the content
    root Dateline's rules chose). When trafilatura finds nothing, or much less than Dateline's lxml
    rules, and for pages over MAX_MAIN_TEXT_WORDS, those rules' paragraphs are the body. Title,
    date and URL are always Dateline's.
    """
    page = _lxml_page(text)
    if not main_text or page.page_words > MAX_MAIN_TEXT_WORDS:
        return page
    found = _without_chrome(_keep(_main_text_lines(text), page.title), page)
    words, ours = _word_count(found), _word_count(page.paragraphs)
    if not found or words < MIN_MAIN_TEXT_SHARE * ours:
        return page
    if ours and ours < words and words >= WHOLE_PAGE_SHARE * page.page_words:
        found = _inside(found, page.root_words)
        if not found:
            return page
    return HtmlPage(page.title, found, page.published, page.url)


def _inside(lines: list[str], root_words: str) -> list[str]:
    """The lines whose words run inside the content root's text (by word 4-grams, so a page of
    thousands of lines is not searched thousands of times)."""
    words = root_words.split()
    grams = {tuple(words[i : i + 4]) for i in range(len(words) - 3)}
    kept: list[str] = []
    for line in lines:
        own = _words_of(line).split()
        if len(own) < 4:
            if f" {' '.join(own)} " in root_words:
                kept.append(line)
        elif all(tuple(own[i : i + 4]) in grams for i in range(len(own) - 3)):
            kept.append(line)
    return kept


def _without_chrome(lines: list[str], page: HtmlPage) -> list[str]:
    """Lines trafilatura kept from elements Dateline's rules drop by tag, role or class (a paywall
    box, a newsletter prompt, a caption), unless Dateline's own body has them too.

    Chrome is a small part of a page: a filter that would take a third of the text and leave less
    than Dateline's own body is trusting a class-name guess too far ("story hidden-print"), and
    the lines stay."""
    if not page.chrome_lines:
        return lines
    body = {p.casefold() for p in page.paragraphs}
    kept = [line for line in lines if line.casefold() not in page.chrome_lines or line.casefold() in body]
    left, ours = _word_count(kept), _word_count(page.paragraphs)
    if left >= MIN_KEPT_SHARE * _word_count(lines) or 0 < ours <= left:
        return kept
    return lines


def _lxml_page(text: str) -> HtmlPage:
    doc = _parse(text)
    if doc is None:
        return HtmlPage("", [], None, None)
    url = _meta(doc, "og:url")
    for link in doc.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            url = url or link.get("href")
    published = _published(doc, None)
    heads = _head_titles(doc)
    page_words = _visible_words(doc)
    _drop_popups(doc)
    chrome_lines = _remove_chrome(doc)
    root = _content_root(doc)
    title = _title(doc, root, heads)
    if published is None:
        published = _published(doc, root)
    paragraphs = _paragraphs(root, title)
    if not paragraphs and root is not doc.find("body") and doc.find("body") is not None:
        paragraphs = _paragraphs(doc.find("body"), title)
    if url and not re.match(r"https?://", url, re.IGNORECASE):
        url = None
    return HtmlPage(
        title,
        paragraphs,
        published,
        url,
        page_words,
        frozenset(chrome_lines),
        f" {_words_of(' '.join(str(t) for t in root.itertext()))} ",
    )


def _words_of(text: str) -> str:
    return " ".join(_WORDS.findall(text.casefold()))


def _visible_words(doc: Any) -> int:
    body = doc.find("body")
    if body is None:
        return 0
    texts = body.xpath(
        ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript"
        " or ancestor::template)]"
    )
    return sum(len(str(piece).split()) for piece in texts)


def html_fragment_paragraphs(text: str) -> list[str]:
    """Paragraphs of an HTML fragment (a feed item, a JSON body), chrome removed."""
    doc = _parse(f"<html><body>{text}</body></html>")
    if doc is None:
        return []
    _drop_popups(doc)
    _remove_chrome(doc)
    body = doc.find("body")
    return _paragraphs(body if body is not None else doc, "")


def html_to_line(text: str) -> str:
    """Text of a small HTML snippet (a feed title), tags dropped and entities decoded."""
    if "<" not in text and "&" not in text:
        return " ".join(text.split())
    doc = _parse(f"<html><body><div>{text}</div></body></html>")
    return _text(doc.find("body")) if doc is not None and doc.find("body") is not None else text
