"""`Library.count_matches`: how many articles a search finds, beside `Library.search`'s page."""

from __future__ import annotations

import json
from pathlib import Path

from tui.store.library import Library


def make_library(data_dir: Path, bodies: list[str]) -> Library:
    for number, body in enumerate(bodies):
        record = {"title": f"Story {number}", "body": body, "source": "x", "published": None, "url": None}
        (data_dir / f"s{number}.json").write_text(json.dumps(record), encoding="utf-8")
    library = Library([data_dir], user_dir=data_dir)
    library.refresh()
    return library


def test_count_matches_counts_past_the_limit(isolated_dirs: dict[str, Path]) -> None:
    bodies = [f"The quokka number {n} was seen." for n in range(30)] + ["Nothing here at all."]
    library = make_library(isolated_dirs["data"], bodies)
    assert library.count_matches("quokka") == 30
    assert len(library.search("quokka", limit=7)) == 7
    assert len(library.search("quokka", limit=library.count_matches("quokka"))) == 30
    assert library.count_matches("quokka OR nothing") == 31
    assert library.count_matches("zzzzqqq") == 0


def test_count_matches_of_a_query_without_words_is_zero(isolated_dirs: dict[str, Path]) -> None:
    library = make_library(isolated_dirs["data"], ["Some text about a harbour."])
    for query in ("", '"', "():*", "   "):
        assert library.count_matches(query) == 0
        assert library.search(query) == []
