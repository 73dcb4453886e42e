"""Issue 21.4: the links of Markdown outputs survive markdown-it with linkify: an address is written
as an autolink, unescaped, never as escaped running text that linkify cuts at the first backslash."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from tui.analysis.types import Analysis
from tui.core.article import Article
from tui.core.text import markdown_link
from tui.output.export import to_markdown
from tui.store.bookmarks import BookmarkStore

URL = "https://news.example/2026/03/brenner-sworn-in_now.html?id=4&x=(1)"


class _Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs += [value or "" for name, value in attrs if tag == "a" and name == "href"]


def hrefs(markdown: str) -> list[str]:
    """The links markdown-it (CommonMark with linkify, as editors and viewers set it) makes."""
    markdown_it = pytest.importorskip("markdown_it")
    pytest.importorskip("linkify_it")
    parser = _Hrefs()
    parser.feed(markdown_it.MarkdownIt("commonmark").enable("linkify").render(markdown))
    return parser.hrefs


def test_markdown_link_takes_only_plain_web_addresses() -> None:
    assert markdown_link(URL) == f"<{URL}>"
    assert markdown_link("/news/a.txt") is None
    assert markdown_link("https://bad.example/a b") is None
    assert markdown_link("javascript:alert(1)") is None
    assert markdown_link("https://x.example/<script>") is None


def test_bookmarks_markdown_keeps_a_source_address_whole(tmp_path: Path) -> None:
    store = BookmarkStore(tmp_path / "bookmarks.json")
    store.load()
    store.add("a1", "Brenner sworn in", URL)
    store.add("b2", "Ports reopen", "/news/b.txt")
    store.add("c3", "Linked", "/news/c.txt")
    markdown = store.export_markdown({"c3": "https://news.example/ports-re_open"})
    links = hrefs(markdown)
    assert "https://news.example/2026/03/brenner-sworn-in_now.html?id=4&x=(1)" in links
    assert "https://news.example/ports-re_open" in links
    assert "\\-" not in markdown.split("Brenner")[1].split("\n")[0]


def test_exported_markdown_keeps_source_and_link_whole() -> None:
    article = Article(
        title="Brenner sworn in",
        body="Brenner was sworn in.",
        source=URL,
        published="2026-03-05",
    )
    assert URL in hrefs(to_markdown(article, Analysis(article.id, None)))
    from_file = Article(
        title="Brenner",
        body="Brenner was sworn in.",
        source="/news/brenner.txt",
        url="https://x.example/a-b_c",
    )
    markdown = to_markdown(from_file, Analysis(from_file.id, None))
    assert hrefs(markdown) == ["https://x.example/a-b_c"]
    assert "Source: /news/brenner.txt" in markdown
