"""Queries answered from the names index: timeline, follows with unread counts, entity terms,
who is in the news, and keeping the index in step with the library."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pytest

from tests.unit.names.helpers import article
from tui.analysis.cache import AnalysisCache
from tui.analysis.types import Analysis
from tui.names.index import NameIndex
from tui.names.readstate import NothingUnread, default_read_state
from tui.store.library import Library
from tui.store.paths import CacheLayout


class Unread:
    def __init__(self, ids: Iterable[str]) -> None:
        self.ids = set(ids)

    def unread(self, ids: Iterable[str]) -> set[str]:
        return self.ids & set(ids)


@pytest.fixture
def index(tmp_path: Path) -> NameIndex:
    names = NameIndex(tmp_path)
    names.add_articles(
        [
            article(
                "late",
                "Talks went on. Later, John Kerry flew to Tokyo. Kerry said little.",
                [("John Kerry", "PERSON", ["John Kerry", "Kerry"]), ("Tokyo", "GPE")],
                published="2026-03-20",
                source="B",
            ),
            article(
                "early",
                "Mr. Kerry met officials. U.S. envoy John Kerry praised the Pentagon.",
                [("John Kerry", "PERSON", ["Kerry", "John Kerry"]), ("Pentagon", "ORG")],
                published="2026-03-02",
                source="A",
            ),
            article("undated", "John Kerry is mentioned here.", [("John Kerry", "PERSON")], published=None),
            article(
                "other",
                "The Pentagon and Tokyo, no Kerry at all.",
                [("Pentagon", "ORG"), ("Tokyo", "GPE")],
                published="2026-04-05",
            ),
        ]
    )
    return names


def test_timeline_oldest_first_with_first_sentence(index: NameIndex) -> None:
    entries = index.timeline("john kerry")
    assert [e.article_id for e in entries] == ["early", "late", "undated"]
    assert entries[0].sentence == "Mr. Kerry met officials."
    assert entries[0].mentions == 2 and entries[0].published == "2026-03-02"
    assert entries[1].sentence == "Later, John Kerry flew to Tokyo."
    assert index.timeline("Nobody At All") == []


def test_follow_counts_use_the_read_state(index: NameIndex) -> None:
    counts = index.follow_counts(
        [("John Kerry", None), ("Tokyo", "GPE"), ("Nobody", None)], Unread({"late", "other"})
    )
    assert [(c.name, c.label, c.articles, c.new) for c in counts] == [
        ("John Kerry", "PERSON", 3, 1),
        ("Tokyo", "GPE", 2, 2),
        ("Nobody", "", 0, 0),
    ]
    assert index.follow_counts([("Tokyo", None)])[0].new == 0  # no read state: nothing unread


def test_default_read_state_is_nothing_unread_without_the_module() -> None:
    state = default_read_state()
    assert state.unread(["x"]) == set() or not isinstance(state, NothingUnread)


def test_in_the_news_tops_and_risers(tmp_path: Path) -> None:
    names = NameIndex(tmp_path)
    items = []
    for day in range(1, 31):  # Lisbon all month, Ana Mendes only in the last week
        people = [("Ana Mendes", "PERSON")] if day > 23 else [("Carlos Mendes", "PERSON")]
        items.append(
            article(
                f"a{day}",
                f"{people[0][0]} in Lisbon with Atlas Mining",
                [*people, ("Lisbon", "GPE"), ("Atlas Mining", "ORG")],
                published=f"2026-03-{day:02d}",
            )
        )
    names.add_articles(items)
    week = names.in_the_news(7, end=date(2026, 3, 30))
    assert week.articles == 7 and week.previous_articles == 7
    assert [(n.name, n.articles) for n in week.people] == [("Ana Mendes", 7)]
    assert [n.name for n in week.places] == ["Lisbon"] and [n.name for n in week.organizations] == [
        "Atlas Mining"
    ]
    assert week.rising[0].name == "Ana Mendes" and week.rising[0].previous == 0
    assert all(n.name != "Lisbon" for n in week.rising)  # the same share as before is no rise
    month = names.in_the_news(30, end=date(2026, 3, 30))
    assert [(n.name, n.articles) for n in month.people] == [("Carlos Mendes", 23), ("Ana Mendes", 7)]
    assert names.latest_day() == date(2026, 3, 30)


def test_sync_follows_the_library_and_the_cache(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    bodies = {
        "one": "Ana Mendes opened the Lisbon bridge on Monday.",
        "two": "Carlos Mendes criticised the bridge in Lisbon.",
    }
    for name, body in bodies.items():
        (folder / f"{name}.json").write_text(
            json.dumps({"title": name, "body": body, "source": f"{name} wire", "published": "2026-03-01"})
        )
    cache_dir = tmp_path / "cache"
    library = Library([folder], cache_dir=cache_dir)
    summaries = library.refresh()
    cache = AnalysisCache(CacheLayout(cache_dir).analysis_cache)
    for summary in summaries:
        body = bodies[summary.title]
        person = body.split(" opened")[0].split(" criticised")[0]
        cache.put(
            Analysis(
                summary.id,
                "m-1",
                facts={
                    "people": [
                        {"name": person, "label": "PERSON", "mentions": 1, "variants": [person], "first": 0}
                    ],
                    "places": [
                        {
                            "name": "Lisbon",
                            "label": "GPE",
                            "mentions": 1,
                            "variants": ["Lisbon"],
                            "first": body.index("Lisbon"),
                        }
                    ],
                },
            )
        )
    names = NameIndex(cache_dir)
    assert names.sync(library, cache, "m-1") == 2
    assert names.sync(library, cache, "m-1") == 0
    assert [e.title for e in names.timeline("Lisbon")] == ["one", "two"]
    assert names.timeline("Lisbon")[0].source == "one wire"
    (folder / "two.json").unlink()
    library.refresh()
    names.sync(library, cache, "m-1")
    assert [e.title for e in names.timeline("Lisbon")] == ["one"]
    assert names.identity("Carlos Mendes") is None
    assert sum(len(s.articles) for s in names.stories()) == 1
