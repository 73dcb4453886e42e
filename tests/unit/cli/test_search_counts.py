"""`dateline search` speaks the one query language and its counts are the true count (issue 21):
`search --all 'unread:yes chlorine'` that prints 3 results says 3 match, not "3 of 80"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.cli import main
from tui.feeds.store import Subscription, Subscriptions
from tui.store.library import Library
from tui.store.readstate import ReadState

PORTS = "https://ports.example.org/rss"
WIRE = "https://wire.example.com/feed.xml"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def library(isolated_dirs: dict[str, Path]) -> dict[str, str]:
    """Six feed articles, four of them about zinnober, and a read state with some unread."""
    data = isolated_dirs["data"]
    data.mkdir(parents=True, exist_ok=True)
    stories = {
        "one": ("Zinnober at the port", PORTS, "2026-03-01"),
        "two": ("Zinnober glimmerstrike", PORTS, "2026-03-02"),
        "three": ("Zinnober pricequake", WIRE, "2026-03-03"),
        "four": ("Zinnober again", WIRE, "2026-03-04"),
        "five": ("Harbour news", PORTS, "2026-03-05"),
        "six": ("Wire news", WIRE, "2026-03-06"),
    }
    for name, (title, feed, published) in stories.items():
        record = {"title": title, "body": f"{title}. Story {name}.", "source": f"https://{name}.example/"}
        record |= {"published": published, "url": f"https://{name}.example/", "feed": feed}
        (data / f"{name}.json").write_text(json.dumps(record), encoding="utf-8")
    ids = {
        s.source.removeprefix("https://").removesuffix(".example/"): s.id for s in Library.default().refresh()
    }
    ids = {name: article_id for name, article_id in ids.items() if name in stories}
    state = ReadState()
    state.track(ids.values())
    state.mark([ids["four"], ids["six"]], read=True)  # unread: one, two, three, five
    Subscriptions().add_many(
        [Subscription(PORTS, "Harbour Ports"), Subscription(WIRE, "The Wire", tags=("biz",))]
    )
    return ids


def shown(out: str) -> list[str]:
    return [line.split()[0] for line in out.splitlines() if line and not line.startswith(" ")]


def test_all_says_how_many_it_printed(capsys: pytest.CaptureFixture[str], library: dict[str, str]) -> None:
    code, out, err = run(capsys, "search", "--all", "unread:yes zinnober")
    assert code == 0
    assert sorted(shown(out)) == sorted(library[n] for n in ("one", "two", "three"))
    assert "3 articles match" in err and " of " not in err


def test_a_limit_says_how_many_more(capsys: pytest.CaptureFixture[str], library: dict[str, str]) -> None:
    code, out, err = run(capsys, "search", "--limit", "1", "unread:yes zinnober")
    assert code == 0 and len(shown(out)) == 1
    assert "1 of 3 articles match" in err


def test_feeds_tags_exclusion_and_or(capsys: pytest.CaptureFixture[str], library: dict[str, str]) -> None:
    def found(query: str) -> list[str]:
        code, out, _ = run(capsys, "search", "--all", "--json", query)
        assert code == 0, query
        return sorted(hit["id"] for hit in json.loads(out))

    def named(*names: str) -> list[str]:
        return sorted(library[n] for n in names)

    assert found("zinnober feed:harbour") == named("one", "two")
    assert found(f"feed:{WIRE} -zinnober") == named("six")
    assert found("tag:biz unread:no") == named("four", "six")
    assert found("glimmerstrike OR pricequake") == named("two", "three")
    assert found("zinnober -title:glimmerstrike since:2026-03-02 before:2026-03-04") == named("three")


def test_nothing_found_and_bad_queries(capsys: pytest.CaptureFixture[str], library: dict[str, str]) -> None:
    code, out, err = run(capsys, "search", "zinnober feed:nosuchfeed")
    assert code == 1 and out == "" and "no articles match" in err
    code, out, err = run(capsys, "search", "zinnober OR OR glimmerstrike")
    assert code == 2 and out == "" and "OR twice in a row" in err
