"""Whitespace folded to single spaces, as `" ".join(text.split())` folds it, at less cost for the
common case: the ingest rules fold every line and paragraph of every feed item."""

from __future__ import annotations

from tui.core.sanitize import folded_printable


def one_spaced(text: str) -> str:
    """`" ".join(text.split())`: whitespace runs become one space, none at either end.

    Speed only (the same answer for every string): in printable text the only whitespace is the
    ASCII space (every other character `str.split` splits at, tab, newline, no-break space, the
    Unicode spaces and separators, is not printable), so folding its runs of spaces and stripping
    it gives what the split and join give, without building a string per word."""
    if text.isprintable():
        return folded_printable(text)
    return " ".join(text.split())


def word_count(text: str) -> int:
    """`len(text.split())`, without the split for text one space apart (as `one_spaced` gives
    it): there the words are the spaces and one."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text.count(" ") + 1 if text else 0
    return len(text.split())
