"""Muted articles in the names queries and the mute rules at work (issue 21): stories, who is in the
news, timelines and follow counts leave muted articles out while they stay indexed; `apply_mutes`
mutes later matches, unmutes when a rule goes, and is a no-op when nothing changed."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.unit.names.helpers import article
from tui.names import muting
from tui.names.index import NameIndex
from tui.store import muted as muted_store
from tui.store.library import Library
from tui.store.rules import MuteRules, SavedSearches

KERRY = [("John Kerry", "PERSON"), ("Tokyo", "GPE")]


def kerry_index(tmp_path: Path) -> NameIndex:
    index = NameIndex(tmp_path)
    index.add_articles(
        [
            article("a1", "John Kerry spoke in Tokyo.", KERRY, published="2026-03-02"),
            article("a2", "John Kerry flew to Tokyo.", KERRY, published="2026-03-03"),
            article("a3", "John Kerry met Tokyo officials.", KERRY, published="2026-03-04"),
        ]
    )
    return index


def test_names_queries_leave_muted_articles_out(tmp_path: Path) -> None:
    index = kerry_index(tmp_path)
    assert len(index.timeline("John Kerry")) == 3
    index.set_muted({"a2"})
    assert [e.article_id for e in index.timeline("John Kerry")] == ["a1", "a3"]
    assert [c.articles for c in index.follow_counts([("John Kerry", None)])] == [2]
    news = index.in_the_news(7, end=date(2026, 3, 5))
    assert news.articles == 2
    assert [(c.name, c.articles) for c in news.people] == [("John Kerry", 2)]
    stories = index.stories()
    assert all("a2" not in story.articles for story in stories)
    assert sorted(a for story in stories for a in story.articles) == ["a1", "a3"]
    # Still indexed: a rule naming him keeps matching the muted article.
    identity = index.identity("John Kerry")
    assert identity is not None and index.article_ids(identity) == {"a1", "a2", "a3"}
    index.set_muted({"a1", "a2", "a3"})
    assert index.stories() == [] and index.timeline("John Kerry") == []
    index.set_muted(set())
    assert len(index.timeline("John Kerry")) == 3 and sum(len(s.articles) for s in index.stories()) == 3


def write(data_dir: Path, name: str, body: str, published: str | None = None) -> None:
    record = {"title": name.title(), "body": body, "source": "x", "published": published, "url": None}
    (data_dir / f"{name}.json").write_text(json.dumps(record), encoding="utf-8")


@pytest.fixture
def library(isolated_dirs: dict[str, Path]) -> Library:
    data = isolated_dirs["data"]
    write(data, "alpha", "A sponsored quokka.", "2026-03-01")
    write(data, "beta", "A quokka in the harbour.", "2026-03-02")
    write(data, "gamma", "Nothing here.", "2026-03-03")
    found = Library([data], user_dir=data)
    found.refresh()
    return found


def titles(library: Library) -> set[str]:
    return {s.title for s in library.summaries()}


def test_apply_mutes_mutes_later_matches_and_unmutes(
    isolated_dirs: dict[str, Path], library: Library
) -> None:
    rules = MuteRules()
    rules.add("sponsored")
    outcome = muting.apply_mutes(library, rules=rules)
    assert outcome.recomputed and outcome.muted == 1 and titles(library) == {"Beta", "Gamma"}
    assert muting.apply_mutes(library, rules=rules).recomputed is False  # nothing changed
    # A later article matching the rule is muted too.
    write(isolated_dirs["data"], "delta", "Sponsored content about trams.")
    library.refresh()
    assert "Delta" in titles(library)
    assert muting.apply_mutes(library, rules=rules).muted == 2
    assert titles(library) == {"Beta", "Gamma"}
    assert {s.title for s in library.including_muted().summaries()} == {"Alpha", "Beta", "Gamma", "Delta"}
    rules.remove("sponsored")
    assert muting.apply_mutes(library, rules=rules).muted == 0
    assert titles(library) == {"Alpha", "Beta", "Gamma", "Delta"}


def test_a_rule_that_is_not_understood_is_skipped_and_said(library: Library) -> None:
    rules = MuteRules()
    rules.add("since:yesterday")
    rules.add("harbour")
    outcome = muting.apply_mutes(library, rules=rules)
    assert outcome.muted == 1 and "since:yesterday" in outcome.problems[0]


def test_rules_see_muted_articles_so_the_set_is_stable(library: Library) -> None:
    rules = MuteRules()
    rules.add("quokka")
    assert muting.apply_mutes(library, rules=rules).muted == 2
    assert muting.apply_mutes(library, rules=rules, force=True).muted == 2
    assert [c.articles for c in muting.mute_counts(library, rules.load())] == [2]


class Unread:
    def __init__(self, ids: set[str]) -> None:
        self.ids = ids

    def unread(self, ids: object) -> set[str]:
        return {i for i in ids if i in self.ids}  # type: ignore[attr-defined]


def test_saved_searches_count_articles_and_unread_without_the_muted(library: Library) -> None:
    ids = {s.title: s.id for s in library.summaries()}
    SavedSearches().add("Quokkas", "quokka")
    SavedSearches().add("Broken", "since:yesterday")
    read_state = Unread({ids["Alpha"]})
    counts = muting.saved_searches_with_counts(library, read_state=read_state)
    assert [(c.search.name, c.articles, c.unread, c.problem is None) for c in counts] == [
        ("Quokkas", 2, 1, True),
        ("Broken", 0, 0, False),
    ]
    assert counts[0].ids == (ids["Beta"], ids["Alpha"])  # newest first
    MuteRules().add("sponsored")
    muting.apply_mutes(library)
    after = muting.saved_searches_with_counts(library, read_state=read_state)
    assert (after[0].articles, after[0].unread) == (1, 0)
    assert muting.new_in_saved(after, counts) == [("Quokkas", 1)]
    assert muting.new_in_saved(counts, after) == []


def test_sync_keeps_muted_articles_indexed_and_copies_the_set(tmp_path: Path, library: Library) -> None:
    ids = {s.title: s.id for s in library.summaries()}
    index = NameIndex(tmp_path)
    index.add_articles([article(ids["Alpha"], "John Kerry spoke in Tokyo.", KERRY)])
    muted_store.set_muted(library, {ids["Alpha"]}, "s")

    class NoNewAnalyses:
        def cached_ids(self, model: str) -> set[str]:
            return set()

    index.sync(library, NoNewAnalyses(), "test-model")  # type: ignore[arg-type]
    assert index.muted_ids() == {ids["Alpha"]}
    assert index.indexed_ids() == {ids["Alpha"]}  # not dropped as "gone from the library"
    assert index.timeline("John Kerry") == []


def test_matching_ids_shim_raises_for_a_bad_query(library: Library) -> None:
    from tui.names.query import TermError

    with pytest.raises(TermError):
        muting.matching_ids(library, "since:yesterday")
    assert len(muting.matching_ids(library, "quokka")) == 2


def test_muted_articles_are_never_announced(tmp_path: Path, library: Library) -> None:
    from tui.analysis.model import Analyzer
    from tui.names.follows import Follows
    from tui.names.service import Names

    index = kerry_index(tmp_path)
    Follows().add("John Kerry")
    names = Names(library, Analyzer(tmp_path / "analyses"), index)
    assert names.new_article_lines(["a1", "a2"]) == ["2 new articles name John Kerry"]
    index.set_muted({"a2"})
    assert names.new_article_lines(["a1", "a2"]) == ["1 new article names John Kerry"]
