"""Every mention found (issue 18, item 2, library-wide): once the library knows a name's spelling,
its exact occurrences in any article count, where the model missed them too: in timelines, search,
follow counts, who is in the news and stories; new spellings reach articles indexed before them
(`sync`), and the reader highlights them (`with_known_mentions`)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.unit.names.helpers import article
from tui.analysis.cache import AnalysisCache
from tui.analysis.types import Analysis, Entity, empty_facts
from tui.names.index import NameIndex
from tui.names.known import occurrences, qualifies
from tui.names.reader import library_analysis, with_known_mentions
from tui.store.library import Library
from tui.store.paths import CacheLayout

FOUND = "Kestrel Airlines cut 300 jobs, its chief Martin Doyle said in Dublin."
# The model misses the airline where it opens the sentence and in the headline-like first line.
MISSED = "Kestrel Airlines shares fell.\n\nInvestors in Dublin sold. Kestrel Airlines did not comment."


def test_occurrences_are_exact_whole_words_longest_first() -> None:
    known = {"Kestrel Airlines", "Kestrel", "U.S.", "Theresa May", "May", "Will", "Berlin", "Mark", "x"}
    body = (
        "Kestrel Airlines' U.S. unit. Kestrel's boss. Will it rain? Theresa May came in May. "
        "KESTREL AIRLINES. Berliner. They asked Will. Mark said x."
    )
    found = [(o.spelling, body[o.start : o.end]) for o in occurrences(body, known)]
    assert found == [
        ("Kestrel Airlines", "Kestrel Airlines"),
        ("U.S.", "U.S."),
        ("Kestrel", "Kestrel"),  # not "Will" opening a sentence: the verb
        ("Theresa May", "Theresa May"),  # not "in May": a month alone is the date
        ("Will", "Will"),  # inside a sentence, the name
    ]  # not "Mark" opening a sentence, never a one-letter "x"
    # A one-word name inside a longer run of capitals is another name's part, except in a headline.
    prose = (
        "Kestrel Cuts 300 Jobs\n\nThe Northern Ireland Office and the Finance Minister met on Tuesday "
        "to discuss the budget for the year. The Berlin office was closed. Berlin Mayor Kai Lund spoke."
    )
    spots = [(o.spelling, o.start) for o in occurrences(prose, {"Kestrel", "Northern", "Finance", "Berlin"})]
    assert spots == [("Kestrel", 0), ("Berlin", prose.index("Berlin"))]
    assert qualifies("Berlin") and qualifies("U.S.")
    assert not qualifies("X") and not qualifies("berlin") and not qualifies(" Berlin")
    assert not qualifies("May") and not qualifies("Sunday") and qualifies("Theresa May")


def test_a_name_the_model_missed_counts_everywhere(tmp_path: Path) -> None:
    index = NameIndex(tmp_path)
    index.add_articles(
        [
            article(
                "found",
                FOUND,
                [("Kestrel Airlines", "ORG"), ("Martin Doyle", "PERSON"), ("Dublin", "GPE")],
                published="2026-03-05",
            ),
            article("missed", MISSED, [("Dublin", "GPE")], published="2026-03-05"),
        ]
    )
    timeline = index.timeline("Kestrel Airlines")
    assert [e.article_id for e in timeline] == ["found", "missed"]
    assert timeline[1].sentence == "Kestrel Airlines shares fell." and timeline[1].mentions == 2
    airline = index.identity("Kestrel Airlines", "organizations")  # what org:"Kestrel Airlines" asks
    assert airline is not None and index.article_ids(airline) == {"found", "missed"}
    assert [(c.articles, c.label) for c in index.follow_counts([("Kestrel Airlines", None)])] == [(2, "ORG")]
    assert [m.article_id for m in index.articles_mentioning("Kestrel Airlines")] == ["missed", "found"]
    news = index.in_the_news(7, end=date(2026, 3, 5))
    assert [(n.name, n.articles) for n in news.organizations] == [("Kestrel Airlines", 2)]
    # Both articles name the airline and Dublin on the same day: one story.
    assert [sorted(s.articles) for s in index.stories()] == [["found", "missed"]]
    # A known mention does not vote: the label stays the model's.
    assert index.identity("Kestrel Airlines").label == "ORG"  # type: ignore[union-attr]
    # Gone with its article.
    index.remove_articles(["missed"])
    assert [e.article_id for e in index.timeline("Kestrel Airlines")] == ["found"]


def _library_and_cache(
    tmp_path: Path, bodies: dict[str, str]
) -> tuple[Library, AnalysisCache, dict[str, str]]:
    folder = tmp_path / "articles"
    folder.mkdir(exist_ok=True)
    for name, body in bodies.items():
        (folder / f"{name}.json").write_text(
            json.dumps({"title": name, "body": body, "source": "Wire", "published": "2026-03-01"})
        )
    library = Library([folder], cache_dir=tmp_path / "cache")
    ids = {summary.title: summary.id for summary in library.refresh()}
    return library, AnalysisCache(CacheLayout(tmp_path / "cache").analysis_cache), ids


def _facts(**names: list[tuple[str, str]]) -> Any:
    facts = empty_facts()
    for kind, entries in names.items():
        for name, label in entries:
            facts[kind].append({"name": name, "label": label, "mentions": 1, "variants": [name], "first": 0})  # type: ignore[literal-required]
    return facts


def test_a_spelling_learnt_later_reaches_articles_indexed_before(tmp_path: Path) -> None:
    library, cache, ids = _library_and_cache(tmp_path, {"missed": MISSED})
    cache.put(Analysis(ids["missed"], "m-1", facts=_facts(places=[("Dublin", "GPE")])))
    index = NameIndex(tmp_path / "cache")
    assert index.sync(library, cache, "m-1") == 1
    assert index.timeline("Kestrel Airlines") == []
    # A new article where the model does find the airline: the old one now names it too.
    library, cache, ids = _library_and_cache(tmp_path, {"missed": MISSED, "found": FOUND})
    cache.put(Analysis(ids["found"], "m-1", facts=_facts(organizations=[("Kestrel Airlines", "ORG")])))
    assert index.sync(library, cache, "m-1") == 1
    assert sorted(e.title for e in index.timeline("Kestrel Airlines")) == ["found", "missed"]
    # A followed name is a known spelling too, with the label the user gave.
    assert index.timeline("Martin Doyle") == []
    index.sync(library, cache, "m-1", followed={"Martin Doyle": "PERSON", "nobody": None})
    assert [e.title for e in index.timeline("Martin Doyle")] == ["found"]


def test_the_reader_highlights_known_spellings_the_model_missed() -> None:
    start = MISSED.index("Dublin")
    analysis = Analysis(
        "missed",
        "m-1",
        entities=[Entity(start, start + 6, "GPE", "Dublin")],
        facts=_facts(places=[("Dublin", "GPE")]),
    )
    shown = with_known_mentions(
        analysis, MISSED, {"Kestrel Airlines": "ORG", "Dublin": "ORG", "Nobody": "PERSON"}
    )
    spans = [(e.text, e.label, e.start) for e in shown.entities]
    assert spans == [
        ("Kestrel Airlines", "ORG", 0),
        ("Dublin", "GPE", start),  # the model's own entity is left as it is
        ("Kestrel Airlines", "ORG", MISSED.rindex("Kestrel Airlines")),
    ]
    airline = shown.facts["organizations"][0]
    assert (airline["name"], airline["mentions"], airline["first"]) == ("Kestrel Airlines", 2, 0)
    assert analysis.entities[0].text == "Dublin" and len(analysis.entities) == 1  # not changed
    assert with_known_mentions(analysis, MISSED, {}) is analysis
    # library_analysis takes the body and the spellings and does both.
    both = library_analysis(analysis, lambda name: None, MISSED, {"Kestrel Airlines": "ORG"})
    assert [e.text for e in both.entities].count("Kestrel Airlines") == 2


def test_known_mentions_never_vote_on_the_label(tmp_path: Path) -> None:
    index = NameIndex(tmp_path)
    index.add_articles(
        [
            article("a", "Talks in Berlin went on.", [("Berlin", "GPE")]),
            article("b", "Berlin said no to the plan.", [("Berlin", "ORG")]),
        ]
    )
    # Five articles the model found nothing in: known mentions, with the label of the moment.
    index.add_articles([article(f"k{n}", f"Rain fell on Berlin, day {n}.", []) for n in range(5)])
    # Two more articles where the model says GPE: three GPE against one ORG decide it.
    index.add_articles([article(f"g{n}", f"Berlin voted, day {n}.", [("Berlin", "GPE")]) for n in range(2)])
    after = index.identity("Berlin")
    assert after is not None and after.label == "GPE"
    assert len(index.article_ids(after)) == 9
    assert index.follow_counts([("Berlin", None)])[0].label == "GPE"


def test_many_new_spellings_search_every_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.names.index as index_module

    monkeypatch.setattr(index_module, "RESCAN_ALL_OVER", 0)  # as on a first build
    library, cache, ids = _library_and_cache(tmp_path, {"missed": MISSED})
    cache.put(Analysis(ids["missed"], "m-1", facts=_facts(places=[("Dublin", "GPE")])))
    index = NameIndex(tmp_path / "cache")
    index.sync(library, cache, "m-1")
    library, cache, ids = _library_and_cache(tmp_path, {"missed": MISSED, "found": FOUND})
    cache.put(Analysis(ids["found"], "m-1", facts=_facts(organizations=[("Kestrel Airlines", "ORG")])))
    index.sync(library, cache, "m-1")
    assert sorted(e.title for e in index.timeline("Kestrel Airlines")) == ["found", "missed"]
