"""One date format on every screen (ISO stays in JSON)."""

from __future__ import annotations

import pytest

from tui.core.text import display_date


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2026-03-12", "12 Mar 2026"),
        ("2026-03-12T09:00:00+00:00", "12 Mar 2026"),
        ("2026-03-02T23:30:00-05:00", "2 Mar 2026"),  # the date as published, not shifted
        ("2026-03-12 and more", "12 Mar 2026"),
        ("yesterday", "yesterday"),
        ("", ""),
    ],
)
def test_dates_show_one_way(value: str, shown: str) -> None:
    assert display_date(value) == shown


def test_with_time_is_local_time(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        assert display_date("2025-01-01T10:00:00+00:00", with_time=True) == "1 Jan 2025 10:00"
        assert display_date("2025-01-01", with_time=True) == "1 Jan 2025 00:00"
        assert display_date("01/01/2025", with_time=True) == "01/01/2025"
    finally:
        monkeypatch.undo()
        time.tzset()
