"""Search text as the user types it, made safe: queries parsed into terms, the FTS5 MATCH built from
them (nothing typed is FTS5 syntax), the regex that marks the words in a text, and the snippet shown
under a result. Pure functions: the index (`tui.store.library`) and the names search use them."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

SNIPPET_CHARS = 160
_ELLIPSIS = "…"

_WORD = re.compile(r"\w+")
# A quoted phrase (maybe unclosed), a title:/body: column filter, or a run of characters that
# are not space and not FTS5 syntax; hyphens, dots and apostrophes stay inside ("U.S.").
_QUERY_TOKEN = re.compile(r'(?:(?i:title|body):)?(?:"[^"]*"?|[^\s"():*^{}+,;]+)')
# Endings dropped before highlighting a word as a prefix, so "elections" also marks "election"
# the way the porter stemmer matched it (an approximation: it only decides what is marked).
_ENDINGS = ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "ly", "s", "e", "y")


@dataclass(frozen=True, slots=True)
class QueryTerm:
    """One search term: a word or a phrase (several words), optionally matched as a prefix.
    Terms in one `alternatives` group are joined by OR."""

    words: tuple[str, ...]
    prefix: bool = False
    column: str | None = None  # "title" or "body" to search only there


def parse_query(query: str) -> list[list[QueryTerm]]:
    """What the user typed as groups of alternative terms (all groups must match).

    Only words count: punctuation and FTS5 syntax are dropped; "quoted phrases" stay phrases;
    `title:word` / `body:word` search one column; an upper-case OR between two terms makes them
    alternatives; the last bare word is a prefix unless the query ends with a space."""
    groups: list[list[QueryTerm]] = []
    pending_or = False
    tokens = _QUERY_TOKEN.findall(query)
    for index, token in enumerate(tokens):
        is_last = index == len(tokens) - 1
        if token == "OR" and groups and not is_last:
            pending_or = True
            continue
        column = None
        head, colon, rest = token.partition(":")
        if colon and head.lower() in ("title", "body"):
            column, token = head.lower(), rest
        words = tuple(_WORD.findall(token))
        if not words:
            continue
        quoted = token.startswith('"')
        prefix = is_last and not quoted and not query[-1:].isspace()
        term = QueryTerm(words, prefix, column)
        if pending_or and groups:
            groups[-1].append(term)
        else:
            groups.append([term])
        pending_or = False
    return groups


def fts_query(groups: list[list[QueryTerm]] | str) -> str | None:
    """A safe FTS5 MATCH expression for `parse_query` groups (or a raw query); None if empty.

    Every term is a quoted string, so nothing the user types is FTS5 syntax."""
    if isinstance(groups, str):
        groups = parse_query(groups)
    parts: list[str] = []
    for group in groups:
        terms = [
            (f"{t.column} : " if t.column else "") + '"' + " ".join(t.words) + '"' + ("*" if t.prefix else "")
            for t in group
        ]
        parts.append(terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")")
    return " ".join(parts) if parts else None


def _word_pattern(word: str, prefix: bool) -> str:
    stem = word.lower()
    if len(stem) > 4:
        for ending in _ENDINGS:
            if stem.endswith(ending) and len(stem) - len(ending) >= 3:
                stem = stem[: -len(ending)]
                break
        return re.escape(stem) + r"\w*"
    return re.escape(stem) + (r"\w*" if prefix else r"s?(?!\w)")


def highlight_pattern(groups: list[list[QueryTerm]]) -> re.Pattern[str] | None:
    """A regex finding the query's words in text (case-insensitive, whole-word starts)."""
    alternatives: list[str] = []
    for group in groups:
        for term in group:
            last = len(term.words) - 1
            pieces = [_word_pattern(w, term.prefix and i == last) for i, w in enumerate(term.words)]
            alternatives.append(r"(?<!\w)" + r"\W+".join(pieces))
    if not alternatives:
        return None
    # Longest first, so a phrase wins over one of its words.
    alternatives.sort(key=len, reverse=True)
    return re.compile("|".join(alternatives), re.IGNORECASE)


SNIPPET_SCAN = 20_000  # characters of a long body looked at for its snippet, around its first match


def make_snippet(
    body: str, pattern: re.Pattern[str] | None, width: int = SNIPPET_CHARS
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """About `width` characters of `body` (whitespace collapsed) around the best cluster of
    matches, with "…" where it was cut, and the (start, end) of each match in the snippet.

    A long body is looked at only around its first match (`SNIPPET_SCAN` characters): a 25 MB
    article must not hold up the search box it was found by."""
    cut_before = False
    if len(body) > SNIPPET_SCAN:
        first = pattern.search(body) if pattern is not None else None
        begin = max(0, (first.start() if first else 0) - SNIPPET_SCAN // 4)
        cut_before = begin > 0
        body = body[begin : begin + SNIPPET_SCAN]
    text = " ".join(body.split())
    found = [m.span() for m in pattern.finditer(text)] if pattern is not None else []
    if len(text) <= width and not cut_before:
        return text, tuple(found)
    begin = 0
    if found:
        # The window holding the most distinct matched words; the earliest on a tie.
        # Counted from a match to 3/4 of the width: the part kept whatever the cut below does.
        reach = width * 3 // 4 - 15
        starts = [start for start, _ in found]
        best, best_score = found[0][0], 0
        for index, (start, _) in enumerate(found[:200]):
            window = found[index : bisect.bisect_right(starts, start + reach)]
            inside = {text[s:e].lower() for s, e in window if e <= start + reach}
            if len(inside) > best_score:
                best, best_score = start, len(inside)
        # Centre the window on that cluster, so the match is never at the edge of the snippet.
        ends = [e for s, e in found if best <= s and e <= best + reach] or [best]
        begin = max(0, (best + max(ends)) // 2 - width // 2)
        begin = min(begin, max(0, len(text) - width))
    end = min(len(text), begin + width)
    if end < len(text):
        space = text.rfind(" ", begin + width // 2, end)
        end = space if space > 0 else end
    if begin and text[begin - 1] != " ":
        space = text.find(" ", begin, end)
        begin = space + 1 if space >= 0 else begin
    lead = _ELLIPSIS if begin > 0 or cut_before else ""
    tail = _ELLIPSIS if end < len(text) else ""
    snippet = lead + text[begin:end] + tail
    shift = len(lead) - begin
    matches = tuple((s + shift, e + shift) for s, e in found if s >= begin and e <= end)
    return snippet, matches


__all__ = [
    "SNIPPET_CHARS",
    "SNIPPET_SCAN",
    "QueryTerm",
    "fts_query",
    "highlight_pattern",
    "make_snippet",
    "parse_query",
]
