"""Fixtures of the UI tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def stylesheet_reparses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every full parse of the app's stylesheets from now on (issue 20: none should come before the
    first frame that is not needed): the number of sources each parse read."""
    from textual.css.stylesheet import Stylesheet

    reparsed: list[int] = []
    reparse = Stylesheet.reparse

    def counted(self: Stylesheet) -> None:
        reparsed.append(len(self.source))
        reparse(self)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    return reparsed
