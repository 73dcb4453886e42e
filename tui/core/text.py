"""Small text helpers every layer shares, written once: counts in words, Markdown escaping."""

from __future__ import annotations

# Everything CommonMark may read as markup in running text (a superset of what a table cell needs).
_MARKDOWN_SPECIAL = str.maketrans({ch: "\\" + ch for ch in "\\`*_{}[]<>()#+-!|~"})


def plural(count: int, word: str, many: str | None = None) -> str:
    """`1 article`, `2 articles`, `1 match`, `3 matches` (pass `many` for irregular words)."""
    if count == 1:
        return f"{count} {word}"
    if many is None:
        many = word + ("es" if word.endswith(("s", "sh", "ch", "x", "z")) else "s")
    return f"{count:,} {many}"


def escape_markdown(text: str) -> str:
    """Text that Markdown shows literally (article titles, notes, sources in exports)."""
    return text.translate(_MARKDOWN_SPECIAL)
