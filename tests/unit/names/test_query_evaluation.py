"""The one evaluator (issue 21, `tui.names.evaluate` behind `matching_ids` and `search`): every
term answered from where it lives, on a small library with feeds, folders, tags, names and read
state; counts are the true count whatever the limit."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pytest

from tests.unit.names.helpers import article
from tui.names.evaluate import FeedInfo, load_feeds, tag_matches
from tui.names.index import NameIndex
from tui.names.search import TermError, matching_ids, search
from tui.store.library import Library

PORTS = "https://ports.example.org/rss"
WIRE = "https://www.wire.example.com/feed.xml"
FEEDS = [
    FeedInfo(PORTS, "Harbour Ports Weekly", "News/Shipping", ()),
    FeedInfo(WIRE, "The Wire", None, ("politics", "daily")),
]
# name: (title, body, published, feed, names)
ARTICLES: dict[str, tuple[str, str, str | None, str | None, list[tuple[str, str]]]] = {
    "ferry": (
        "Kerry takes the ferry",
        "John Kerry rode the ferry to Tokyo. Chlorine spill at the port.",
        "2026-03-20",
        PORTS,
        [("John Kerry", "PERSON"), ("Tokyo", "GPE")],
    ),
    "pentagon": (
        "Envoy at the Pentagon",
        "John Kerry praised the Pentagon. Trade talks went on.",
        "2026-03-02",
        WIRE,
        [("John Kerry", "PERSON"), ("Pentagon", "ORG")],
    ),
    "strike": (
        "Port strike ends",
        "The strike at the port ended; chlorine stocks are low. The Pentagon said nothing.",
        "2026-04-05",
        PORTS,
        [("Pentagon", "ORG")],
    ),
    "essay": (
        "An essay on trade talks",
        "Trade talks and the ferry business, with no chlorine at all... or some chlorine.",
        None,
        None,
        [],
    ),
}

Found = tuple[Library, NameIndex, dict[str, str]]


class Unread:
    def __init__(self, ids: Iterable[str]) -> None:
        self.ids = set(ids)

    def unread(self, ids: Iterable[str]) -> set[str]:
        return self.ids & set(ids)


@pytest.fixture
def found(tmp_path: Path) -> Found:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, (title, body, published, feed, _) in ARTICLES.items():
        record = {"title": title, "body": body, "source": f"https://{name}.example", "published": published}
        if feed:
            record["feed"] = feed
        (folder / f"{name}.json").write_text(json.dumps(record), encoding="utf-8")
    library = Library([folder], cache_dir=tmp_path / "cache")
    ids = {s.source.removeprefix("https://").removesuffix(".example"): s.id for s in library.refresh()}
    index = NameIndex(tmp_path / "names")
    index.add_articles(
        [
            article(ids[name], body, [(n, label) for n, label in names], published=published, title=title)
            for name, (title, body, published, _, names) in ARTICLES.items()
        ]
    )
    return library, index, ids


def names_of(found: Found, query: str, unread: Iterable[str] = ()) -> list[str]:
    library, index, ids = found
    by_id = {v: k for k, v in ids.items()}
    state = Unread(ids[n] for n in unread)
    return [by_id[i] for i in matching_ids(library, query, index=index, read_state=state, feeds=FEEDS)]


def test_words_phrases_and_title(found: Found) -> None:
    assert names_of(found, "chlorine") == ["strike", "ferry", "essay"]  # newest first, undated last
    assert names_of(found, '"trade talks"') == ["pentagon", "essay"]
    assert names_of(found, "title:port ") == ["strike"]
    assert names_of(found, "chlor*") == ["strike", "ferry", "essay"]


def test_exclusion_and_or(found: Found) -> None:
    assert names_of(found, "chlorine -ferry ") == ["strike"]
    assert names_of(found, '-"trade talks" ') == ["strike", "ferry"]
    assert names_of(found, 'chlorine -person:"John Kerry" ') == ["strike", "essay"]
    assert names_of(found, "strike OR envoy ") == ["strike", "pentagon"]
    # AND binds tighter than OR: (chlorine ferry) OR envoy.
    assert names_of(found, "chlorine ferry OR envoy ") == ["ferry", "pentagon", "essay"]
    assert names_of(found, "(strike OR envoy) kerry ") == ["pentagon"]
    assert names_of(found, "-(strike OR envoy) ") == ["ferry", "essay"]


def test_names_from_the_names_index(found: Found) -> None:
    assert names_of(found, 'person:"John Kerry"') == ["ferry", "pentagon"]
    assert names_of(found, "org:Pentagon") == ["strike", "pentagon"]  # not the essay: no such name
    assert names_of(found, "place:Tokyo OR org:Pentagon") == ["strike", "ferry", "pentagon"]
    # Tokyo is a place here: asked as an organisation, its articles all the same (issue 18: the
    # library's typing may be wrong, `org:Kilkenny` for the club taken for the town), and said so.
    assert names_of(found, "org:Tokyo") == ["ferry"]
    assert names_of(found, "-name:'John Kerry' ") == ["strike", "essay"]


def test_feeds_by_title_or_url_and_tags(found: Found) -> None:
    assert names_of(found, "feed:harbour") == ["strike", "ferry"]  # part of the title, any case
    assert names_of(found, 'feed:"the wire"') == ["pentagon"]
    assert names_of(found, f"feed:{PORTS}") == ["strike", "ferry"]  # the URL
    assert names_of(found, "feed:wire.example.com/") == ["pentagon"]  # its start, no scheme or www.
    assert names_of(found, "feed:https://ports.example.org/other") == []
    assert names_of(found, "-feed:harbour ") == ["pentagon", "essay"]
    assert names_of(found, "tag:politics") == ["pentagon"]  # a newsboat tag
    assert names_of(found, "tag:news") == ["strike", "ferry"]  # a folder above the feed's
    assert names_of(found, "tag:news/shipping") == ["strike", "ferry"]
    assert names_of(found, "tag:ship") == []  # a tag is named whole


def test_dates_and_unread(found: Found) -> None:
    assert names_of(found, "since:2026-03-20") == ["strike", "ferry"]  # on or after
    assert names_of(found, "before:2026-03-20") == ["pentagon"]  # strictly before; never undated
    assert names_of(found, "since:2026-03-01 before:2026-04-01 kerry ") == ["ferry", "pentagon"]
    assert names_of(found, "unread:yes", unread=["ferry", "strike"]) == ["strike", "ferry"]
    assert names_of(found, "unread:no chlorine ", unread=["ferry", "strike"]) == ["essay"]


def test_a_name_no_article_carries_is_said(found: Found) -> None:
    """Even when the words beside it already found nothing: `dateline search` names it."""
    library, index, _ = found
    assert search(library, "person:Nobody chlorine ", index=index, feeds=FEEDS).unknown == ("Nobody",)
    assert search(library, "zzzqqq person:Nobody ", index=index, feeds=FEEDS).unknown == ("Nobody",)


def test_bad_and_empty_queries(found: Found) -> None:
    library, index, _ = found
    with pytest.raises(TermError, match="OR at the end"):
        matching_ids(library, "ferry OR", index=index)
    assert matching_ids(library, "", index=index) == []
    assert matching_ids(library, '"*"', index=index) == []


def test_counts_are_the_true_count_whatever_the_limit(found: Found) -> None:
    """The bug of issue 21: `unread:yes chlorine` counted the unread articles, not the matches."""
    library, index, ids = found
    state = Unread([ids["ferry"], ids["pentagon"]])
    result = search(library, "unread:yes chlorine ", index=index, read_state=state, feeds=FEEDS, limit=None)
    assert [h.summary.id for h in result.hits] == [ids["ferry"]] and result.total == 1
    one = search(library, "chlorine", index=index, feeds=FEEDS, limit=1)
    assert len(one.hits) == 1 and one.total == 3
    # The words rank the hits (best first) and mark them; a name query shows the sentence naming it.
    assert one.hits[0].matches
    named = search(library, "org:Pentagon", index=index, feeds=FEEDS)
    assert [h.snippet for h in named.hits] == [
        "The Pentagon said nothing.",
        "John Kerry praised the Pentagon.",
    ]


def test_subscriptions_are_read_from_the_config_dir(tmp_path: Path) -> None:
    """`feed:` in a mute rule or a saved search, with no feeds handed in: the file the feeds
    commands write, read only; a damaged one is no feeds (never an error, never moved here)."""
    from tui.feeds.store import Subscription, Subscriptions, subscriptions_path

    Subscriptions().add_many([Subscription(PORTS, "Harbour Ports", folder="News", tags=("ships",))])
    assert load_feeds() == [FeedInfo(PORTS, "Harbour Ports", "News", ("ships",))]
    assert tag_matches(load_feeds()[0], "SHIPS")
    subscriptions_path().write_text("{broken", encoding="utf-8")
    assert load_feeds() == [] and subscriptions_path().read_text(encoding="utf-8") == "{broken"
