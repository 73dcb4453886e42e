"""`Library.get` tells a file gone from a bug reading it (issue 19, item 12): a file that is gone
or no longer an article is skipped; any other error is logged and raised, for the reader to say."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.ingest import pipeline
from tui.store.library import Library


def library_with_one(tmp_path: Path) -> tuple[Library, str]:
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"title": "One", "body": "The harbour reopened on Monday.", "source": "x"}))
    library = Library.for_paths([path])
    (summary,) = library.refresh()
    return library, summary.id


def test_a_bug_reading_the_file_is_raised_and_logged_not_file_gone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    library, article_id = library_with_one(tmp_path)
    monkeypatch.setattr(Library, "_recent_articles", lambda self, path: None)

    def bug(_path: Path) -> list[object]:
        raise KeyError("a bug")

    monkeypatch.setattr(pipeline, "load_file", bug)
    with pytest.raises(KeyError):
        library.get(article_id)
    assert "one.json" in caplog.text and "KeyError" in caplog.text
    library.close()


def test_a_file_that_is_gone_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    library, article_id = library_with_one(tmp_path)
    monkeypatch.setattr(Library, "_recent_articles", lambda self, path: None)
    (tmp_path / "one.json").unlink()
    article = library.get(article_id)  # the index's copy of the text, or None: never an error
    assert article is None or article.id == article_id
    library.close()
