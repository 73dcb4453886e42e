"""The core: an article and its id, sanitising untrusted text, entity labels, small text helpers."""

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
