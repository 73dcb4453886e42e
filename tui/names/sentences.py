"""The sentence around an offset of an article body (the sentence of a name's first mention),
found with a small rule set instead of a parse: the index is built from cached analyses, without
spaCy."""

from __future__ import annotations

import re

from tui.analysis.entity_index import mention_pattern

MAX_SENTENCE_CHARS = 400
_END = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
# Words that end in a full stop without ending a sentence ("Mr. Kerry", "U.S. officials").
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st gen sen rep gov lt col capt sgt jr sr prof no vs inc corp co ltd mt ft "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


def _ends_sentence(paragraph: str, dot: int) -> bool:
    """Whether the stop at `dot` ends a sentence (not "Mr." or an initial like "U.S.")."""
    if paragraph[dot] != ".":
        return True
    word = re.search(r"([\w.]+)$", paragraph[:dot])
    if word is None:
        return True
    text = word.group(1)
    if text.lower() in _ABBREVIATIONS:
        return False
    # Initials: "U.S", "J", "F.B.I" (one letter between dots).
    return re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", text) is None


def sentence_at(body: str, offset: int) -> str:
    """The sentence of `body` that contains `offset`, on one line (at most MAX_SENTENCE_CHARS)."""
    if not body:
        return ""
    offset = max(0, min(offset, len(body) - 1))
    start = body.rfind("\n\n", 0, offset)
    start = 0 if start < 0 else start + 2
    end = body.find("\n\n", offset)
    end = len(body) if end < 0 else end
    paragraph = body[start:end]
    local = offset - start
    begin, finish = 0, len(paragraph)
    for match in _END.finditer(paragraph):
        if not _ends_sentence(paragraph, match.start()):
            continue
        if match.end() <= local:
            begin = match.end()
        elif match.start() >= local:
            finish = match.end()
            break
    sentence = " ".join(paragraph[begin:finish].split())
    if len(sentence) > MAX_SENTENCE_CHARS:
        sentence = sentence[: MAX_SENTENCE_CHARS - 1].rstrip() + "…"
    return sentence


def first_mention(body: str, variants: tuple[str, ...]) -> int | None:
    """Offset of the first whole-word occurrence of any spelling (for analyses without `first`)."""
    pattern = mention_pattern(variants)
    found = pattern.search(body) if pattern is not None else None
    return found.start() if found is not None else None
