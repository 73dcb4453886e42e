"""Stories from hand-made facts: shared names and close dates group, a later event stays apart,
every article is in exactly one story, placement is incremental and removal keeps it whole."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.unit.names.helpers import article
from tui.names.identity import article_names
from tui.names.index import NameIndex

STRIKE = [
    ("Kestrel Airlines", "ORG"),
    ("Martin Doyle", "PERSON"),
    ("Dublin", "GPE"),
    ("Irish Air Line Pilots' Association", "ORG"),
]


def body(names: list[tuple[str, str]]) -> str:
    """A text naming exactly these names (every spelling the library knows counts where it occurs)."""
    return " ".join(f"{name} spoke." for name, _ in names) or "Nothing named here."


def test_same_event_groups_and_later_event_stays_apart(tmp_path: Path) -> None:
    index = NameIndex(tmp_path)
    index.add_articles(
        [
            article("s1", body(STRIKE), STRIKE, published="2026-03-05", source="Wire"),
            article("s2", body(STRIKE[:3]), STRIKE[:3], published="2026-03-05", source="Times"),
            article(
                "other",
                body([("Ana Mendes", "PERSON"), ("Lisbon", "GPE")]),
                [("Ana Mendes", "PERSON"), ("Lisbon", "GPE")],
                published="2026-03-05",
            ),
        ]
    )
    # Arrives later: joins the story without anything being recomputed.
    index.add_articles([article("s3", body(STRIKE[:2]), STRIKE[:2], published="2026-03-07", source="Radio")])
    # A month later, the same airline and chief executive: another story.
    index.add_articles([article("later", body(STRIKE[:3]), STRIKE[:3], published="2026-04-20")])
    stories = index.stories()
    groups = sorted(sorted(s.articles) for s in stories)
    assert groups == [["later"], ["other"], ["s1", "s2", "s3"]]
    strike = next(s for s in stories if "s1" in s.articles)
    assert strike.sources == 3 and strike.first == "2026-03-05" and strike.last == "2026-03-07"
    assert strike.articles[-1] == "s3" and "Kestrel Airlines" in strike.entities
    assert [sorted(s.articles) for s in index.stories(since=date(2026, 4, 1))] == [["later"]]
    assert stories[0].articles == ("later",)  # newest first


def test_a_shared_city_alone_does_not_make_a_story(tmp_path: Path) -> None:
    index = NameIndex(tmp_path)
    index.add_articles(
        [
            article(
                "pact",
                body([("Tokyo", "GPE"), ("Kenji Sato", "PERSON"), ("Rachel Byrne", "PERSON")]),
                [("Tokyo", "GPE"), ("Kenji Sato", "PERSON"), ("Rachel Byrne", "PERSON")],
                published="2026-03-10",
            ),
            article(
                "drill",
                body([("Tokyo", "GPE"), ("Emi Watanabe", "PERSON")]),
                [("Tokyo", "GPE"), ("Emi Watanabe", "PERSON")],
                published="2026-03-11",
            ),
        ]
    )
    assert sorted(len(s.articles) for s in index.stories()) == [1, 1]


def test_removing_and_re_adding_keeps_every_article_in_one_story(tmp_path: Path) -> None:
    index = NameIndex(tmp_path)
    items = [article(f"a{i}", body(STRIKE), STRIKE, published="2026-03-05") for i in range(4)]
    items.append(article("undated", body([]), [], published=None))
    index.add_articles(items)
    assert sorted(len(s.articles) for s in index.stories()) == [1, 4]
    index.remove_articles(["a0", "a1"])
    assert sorted(sorted(s.articles) for s in index.stories()) == [["a2", "a3"], ["undated"]]
    index.add_articles([items[0]])  # re-analysed: replaced, not duplicated
    index.add_articles([items[0]])
    placed = [a for s in index.stories() for a in s.articles]
    assert sorted(placed) == ["a0", "a2", "a3", "undated"]


def test_dateline_and_short_organisation_names() -> None:
    names = article_names(
        {
            "organizations": [
                {"name": "DUBLIN — Kestrel Airlines", "label": "ORG", "first": 0},
                {"name": "Kestrel", "label": "ORG", "first": 40},
                {"name": "Meridian", "label": "ORG", "first": 60},
            ]
        }
    )
    assert {(n.raw, n.key) for n in names} == {
        ("kestrel airlines", "kestrel airlines"),
        ("kestrel", "kestrel airlines"),
        ("meridian", "meridian"),
    }


def test_sources_count_outlets_not_addresses(tmp_path: Path) -> None:
    """One outlet's follow-ups (each at its own address) are one source: outlets are named by the
    feed's title, else the site's host, else the source as it is."""
    index = NameIndex(tmp_path)
    index.add_articles(
        [
            article(
                "w1", body(STRIKE), STRIKE, published="2026-03-05", source="https://www.wire.example/strike"
            ),
            article(
                "w2", body(STRIKE), STRIKE, published="2026-03-05", source="https://wire.example/strike-2"
            ),
            article("t1", body(STRIKE), STRIKE, published="2026-03-06", source="https://times.example/a"),
            article("t2", body(STRIKE), STRIKE, published="2026-03-06", source="https://cdn.times.example/b"),
            article("r1", body(STRIKE), STRIKE, published="2026-03-06", source="Radio"),
        ]
    )
    [story] = index.stories(feed_titles={"t1": "The Times", "t2": "The Times"})
    assert story.outlets == ("wire.example", "Radio", "The Times")  # by first article
    assert story.sources == 3
    [untitled] = index.stories()
    assert untitled.sources == 4  # without the feed's title, its two hosts are two outlets


def test_since_leaves_out_undated_stories(tmp_path: Path) -> None:
    """An undated story cannot be said to be since any day (as search's `since:`)."""
    index = NameIndex(tmp_path)
    index.add_articles(
        [
            article("dated", body(STRIKE), STRIKE, published="2026-03-05"),
            article("undated", body([("Ana Mendes", "PERSON")]), [("Ana Mendes", "PERSON")], published=None),
        ]
    )
    assert sorted(a for s in index.stories() for a in s.articles) == ["dated", "undated"]
    assert [s.articles for s in index.stories(since=date(2026, 3, 1))] == [("dated",)]
