"""`analyse_ahead`: new articles of a refresh analysed ahead of time, below the UI (issue 20, item 2)."""

from __future__ import annotations

import pytest

from tui.names.ahead import analyse_ahead


def test_only_the_first_new_articles_and_never_while_names_are_followed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import tui.analysis.background as background
    from tui.names.follows import Follows

    started: list[list[str]] = []
    monkeypatch.setattr(background, "start_background_analysis", lambda ids, **kw: started.append(list(ids)))
    analyse_ahead(["a", "b"])  # DATELINE_ANALYSE_AHEAD=0 (the tests' default)
    assert started == []
    monkeypatch.setenv("DATELINE_ANALYSE_AHEAD", "1")
    analyse_ahead([])
    analyse_ahead([f"id{n}" for n in range(150)], limit=20)
    assert started == [[f"id{n}" for n in range(20)]]
    Follows().add("John Kerry")  # the names code analyses new articles itself, to announce them
    analyse_ahead(["c"])
    assert len(started) == 1
