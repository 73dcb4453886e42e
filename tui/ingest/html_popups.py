"""Pop-ups and hidden copies inside a page's names, removed before any extractor reads the page.

A person card or a tooltip inside a name's link is hidden until hovered and repeats the name right
after it; text only screen readers get repeats what the page shows. As text both glue onto the name
("Ilhan OmarIlhan Omar"): `drop_popups` removes them from the tree, `undouble_names` undoes what a
tree did not show.
"""

from __future__ import annotations

import re
from typing import Any

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
# Every byte as "a" (an ASCII lower-case letter), "A" (an upper-case one) or a space: in ASCII text,
# `_GLUE` finds a match exactly where this makes "aA" (a translate and a substring search, several
# times cheaper than the regex, which keep_lines asks of every line of every feed item).
_CASES = bytes.maketrans(
    bytes(range(256)),
    bytes(
        ord("a") if chr(b).islower() and b < 128 else ord("A") if chr(b).isupper() and b < 128 else 32
        for b in range(256)
    ),
)


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


def hidden_name(el: Any) -> bool:
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
        return _few_words(el) and _shows_text(parent) and (_invisible(el) or _repeats_parent(el))
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


def drop_popups(doc: Any) -> bool:
    """Remove pop-ups and hidden copies (`_is_popup`), keeping the text after them; True if any."""
    doomed = [el for el in doc.iter() if isinstance(el.tag, str) and _is_popup(el)]
    marked = set(doomed)
    for el in doomed:
        if any(a in marked for a in el.iterancestors()):
            continue
        remove_keeping_tail(el)
    return bool(doomed)


def remove_keeping_tail(el: Any) -> None:
    """Take `el` out of its tree, keeping the text that follows it (its tail) where it was."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def undouble_names(text: str) -> str:
    """ "Ilhan OmarIlhan Omar" -> "Ilhan Omar": a name of two or more capitalised words typed
    twice without a space, the last resort against pop-up text glued to a name."""
    if not ((b"aA" in text.encode("ascii").translate(_CASES)) if text.isascii() else _GLUE.search(text)):
        return text
    return _DOUBLED_NAME.sub(r"\1", text)
