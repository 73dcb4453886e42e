"""Ingest: every format, decoding, hostile text, rejection reasons, URL fetch."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.ingest import IngestError, load_file

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sample_articles" / "us-japan-security-alliance.txt"
DATA = Path(__file__).resolve().parent / "data" / "ingest"
JUNK = {"Accessibility links", "Breaking News", "XS", "SM", "MD", "LG"}


def test_seed_title_and_body() -> None:
    [article] = load_file(SEED)
    assert article.title == "US, Japan Strengthen Security Alliance"
    paragraphs = article.paragraphs
    # The seed has 11 article paragraphs (the deck counts as the first one).
    assert len(paragraphs) == 11
    assert paragraphs[0].startswith("The United States will station a new missile defense radar")
    assert paragraphs[0].endswith("officials")
    assert paragraphs[-1].startswith("A White House statement says Kerry")
    for paragraph in paragraphs:
        assert paragraph not in JUNK
        assert "\n" not in paragraph
    for junk in JUNK:
        assert junk not in article.body.split()
    assert article.source == str(SEED)
    assert article.notices == ()


def test_missing_file_is_rejected_with_reason(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="cannot read"):
        load_file(tmp_path / "nope.txt")
