"""Page bodies from trafilatura: Dateline's rules on top, its lxml rules as the fallback, lazy import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tui.ingest import html as html_module
from tui.ingest.pipeline import load_file, parse_html

PROSE = (
    "The regional council voted on Tuesday to keep the night bus running for another year, after "
    "a survey found that most of its passengers were shift workers with no other way home."
)


def page(body: str, *, chrome: str = "") -> str:
    return (
        "<html><head><title>Night Bus Saved for Another Year | Valley News</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
        f"<div class='page'><article><h1>Night Bus Saved for Another Year</h1>{body}</article>"
        f"{chrome}</div><footer>Copyright 2026 Valley News</footer></body></html>"
    )


BODY = "".join(f"<p>{PROSE.replace('Tuesday', day)}</p>" for day in ("Monday", "Tuesday", "Friday"))


def test_body_comes_from_trafilatura_with_dateline_title() -> None:
    lines = html_module._main_text_lines(page(BODY))
    assert any("Friday" in line for line in lines)
    article = parse_html(page(BODY), "bus.html")
    assert article.title == "Night Bus Saved for Another Year"
    assert len(article.paragraphs) == 3 and "Home" not in article.body
    assert "Copyright" not in article.body


def test_dateline_junk_rules_apply_on_top_of_trafilatura(monkeypatch: pytest.MonkeyPatch) -> None:
    found = [
        "Night Bus Saved for Another Year",
        "By Ana Reyes, Transport correspondent",
        PROSE,
        "Share this article",
        PROSE,
    ]
    monkeypatch.setattr(html_module, "_main_text_lines", lambda text: found)
    article = parse_html(page(BODY), "bus.html")
    assert article.paragraphs == [PROSE]


def test_lxml_rules_are_the_fallback_when_trafilatura_finds_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ours = html_module.extract_html(page(BODY), main_text=False)
    monkeypatch.setattr(html_module, "_main_text_lines", lambda text: [])
    assert parse_html(page(BODY), "bus.html").paragraphs == ours.paragraphs
    monkeypatch.setattr(html_module, "_main_text_lines", lambda text: ["Night bus."])
    assert parse_html(page(BODY), "bus.html").paragraphs == ours.paragraphs  # too little


def test_trafilatura_failure_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("extractor bug")

    monkeypatch.setattr(trafilatura, "extract", broken)
    assert html_module._main_text_lines(page(BODY)) == []
    assert len(parse_html(page(BODY), "bus.html").paragraphs) == 3


def test_escape_references_stay_inert_and_do_not_stop_trafilatura() -> None:
    body = BODY + f"<p>Riders said &#27;[31mthanks&#x1b;[0m and &#x9b;2J [bold]kept[/bold]. {PROSE}</p>"
    assert any("kept" in line for line in html_module._main_text_lines(page(body)))
    article = parse_html(page(body), "bus.html")
    assert "[bold]kept[/bold]" in article.body
    assert not any(c in article.body for c in "\x1b\x9b")


def test_html_file_import_uses_the_same_path(tmp_path: Path) -> None:
    path = tmp_path / "bus.html"
    path.write_text(page(BODY), encoding="utf-8")
    (article,) = load_file(path)
    assert article.paragraphs == parse_html(page(BODY), str(path)).paragraphs


def test_app_import_and_list_do_not_import_trafilatura() -> None:
    """Only reading a page imports trafilatura: not the app's import, not `dateline list` over an
    indexed library (the first run indexes the bundled HTML samples, which does read pages)."""
    code = (
        "import sys\n"
        "import tui.ui.app, tui.cli, tui.ingest.pipeline, tui.ingest.html, tui.store.library\n"
        "assert 'trafilatura' not in sys.modules, 'imported with the app'\n"
        "from tui.cli import main\n"
        "code = main(['list'])\n"
        "if sys.argv[1] == 'indexed':\n"
        "    assert 'trafilatura' not in sys.modules, 'imported by list'\n"
        "sys.exit(code)\n"
    )
    for run in ("first", "indexed"):
        result = subprocess.run([sys.executable, "-c", code, run], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def test_book_length_pages_skip_trafilatura(monkeypatch: pytest.MonkeyPatch) -> None:
    def not_called(text: str) -> list[str]:
        raise AssertionError("trafilatura ran on a book-length page")

    monkeypatch.setattr(html_module, "_main_text_lines", not_called)
    monkeypatch.setattr(html_module, "MAX_MAIN_TEXT_WORDS", 50)
    assert len(parse_html(page(BODY), "bus.html").paragraphs) == 3


def test_data_table_rows_stay_as_lines() -> None:
    table = (
        "<table><tr><th>Year</th><th>Daily price</th></tr><tr><td>2024</td><td>2.45</td></tr>"
        "<tr><td>2026</td><td>2.70</td></tr></table>"
    )
    first, rest = BODY.split("</p>", 1)
    article = parse_html(page(f"{first}</p>{table}{rest}"), "bus.html")
    assert "Year | Daily price" in article.paragraphs
    assert "2024 | 2.45" in article.paragraphs and "2026 | 2.70" in article.paragraphs


def test_page_wrapped_in_a_form_keeps_its_body() -> None:
    """ASP.NET sites wrap the whole <body> in one <form>: that is not a form to drop."""
    wrapped = page(BODY).replace("<body>", "<body><form id='aspnetForm' method='post'>")
    wrapped = wrapped.replace("</body>", "</form></body>")
    assert len(parse_html(wrapped, "bus.html").paragraphs) == 3
    assert len(html_module.extract_html(wrapped, main_text=False).paragraphs) == 3
    search = "<form><p>Enter your postcode to find the times of the next buses at your stop.</p></form>"
    assert "postcode" not in parse_html(page(BODY + search), "bus.html").body
