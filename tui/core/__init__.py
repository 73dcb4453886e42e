"""The core: an article and its id, sanitising untrusted text, entity labels, small text helpers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.lazy import lazy_exports

if TYPE_CHECKING:
    from tui.core.article import Article, article_id
    from tui.core.labels import ALL_LABELS, LABEL_GROUPS, OTHER_GROUP, group_of
    from tui.core.sanitize import clean_line, clean_text
    from tui.core.text import escape_markdown, plural

__all__ = [
    "ALL_LABELS",
    "LABEL_GROUPS",
    "OTHER_GROUP",
    "Article",
    "article_id",
    "clean_line",
    "clean_text",
    "escape_markdown",
    "group_of",
    "plural",
]
# Where each public name lives: imported on first use, so importing the package stays cheap. Every
# `tui` module imports something from here (`tui.core.lazy` at least), and the reader's first frame
# needs neither the article record nor the sanitiser (some 2.5 ms of imports, issue 20).
_EXPORTS = {
    "Article": "article",
    "article_id": "article",
    "ALL_LABELS": "labels",
    "LABEL_GROUPS": "labels",
    "OTHER_GROUP": "labels",
    "group_of": "labels",
    "clean_line": "sanitize",
    "clean_text": "sanitize",
    "escape_markdown": "text",
    "plural": "text",
}
__getattr__ = lazy_exports(__name__, _EXPORTS)
