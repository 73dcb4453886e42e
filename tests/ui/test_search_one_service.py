"""The reader's `/` runs the same search as `dateline search` (`tui.names.search`, issue 20 item 2):
with its names index open, entity terms are answered from it; before, they are searched as words."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from textual.widgets import Input, Static

from tests.ui.test_app import SEED_TITLE, make_app, settle
from tests.unit.names.helpers import article
from tui.names.index import NameIndex
from tui.names.service import Names
from tui.store.paths import cache_dir
from tui.ui.widgets.article_list import ArticleList


async def test_slash_answers_entity_terms_from_the_names_index(shared_analyzer: Any) -> None:
    app = make_app(shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        seed = next(s for s in articles.summaries if s.title == SEED_TITLE)
        search = app.query_one("#search", Input)
        await pilot.press("slash")
        search.value = 'person:"John Kerry"'  # no names index open yet: the name's words
        await pilot.pause()
        assert [s.title for s in articles.summaries] == [SEED_TITLE]

        index = NameIndex(cache_dir())
        kerry = article(seed.id, "Secretary of State John Kerry said.", [("John Kerry", "PERSON")])
        index.add_articles([kerry])
        app.screen.names_part.names = app.screen.list_pane.names = Names(app.library, shared_analyzer, index)  # type: ignore[attr-defined]
        search.value = 'person:"John Kerry" '
        await pilot.pause()
        assert [s.title for s in articles.summaries] == [SEED_TITLE]
        search.value = "ent:PERSON=John Kerry"
        await pilot.pause()
        assert [s.title for s in articles.summaries] == [SEED_TITLE]
        search.value = "person:Nobody"
        await settle(pilot)
        assert articles.summaries == []
        assert "no article names Nobody" in str(app.screen.query_one("#list-status", Static).render())
        # A name the library knows as another kind only: its articles, and the status line says so.
        search.value = 'org:"John Kerry"'
        await settle(pilot)
        assert [s.title for s in articles.summaries] == [SEED_TITLE]
        status = str(app.screen.query_one("#list-status", Static).render())
        assert "John Kerry is known as a person here" in status


async def test_slash_person_filters_the_list_and_says_the_true_count(
    shared_analyzer: Any, isolated_dirs: dict[str, Path]
) -> None:
    """Issue 21: `/person:"X"` filters the list as `dateline search` does, and the status line
    says how many match in all ("50 of 60 matches"), not only how many the list holds."""
    data = isolated_dirs["data"]
    data.mkdir(parents=True, exist_ok=True)
    for number in range(60):
        record = {
            "title": f"Mendes report {number}",
            "body": f"Ana Mendes spoke in Lisbon, report {number}.",
            "source": f"r{number}",
        }
        (data / f"r{number:02d}.json").write_text(json.dumps(record | {"published": "2026-03-01"}), "utf-8")
    app = make_app(shared_analyzer)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        reports = [s for s in articles.summaries if s.title.startswith("Mendes report")]
        index = NameIndex(cache_dir())
        index.add_articles(
            [article(s.id, "Ana Mendes spoke in Lisbon.", [("Ana Mendes", "PERSON")]) for s in reports]
        )
        app.screen.names_part.names = app.screen.list_pane.names = Names(app.library, shared_analyzer, index)  # type: ignore[attr-defined]
        await pilot.press("slash")
        app.query_one("#search", Input).value = 'person:"Ana Mendes"'
        await settle(pilot)
        status = str(app.screen.query_one("#list-status", Static).render())
        assert len(articles.summaries) == 50 and all(s.title.startswith("Mendes") for s in articles.summaries)
        assert "50 of 60 matches" in status
        app.query_one("#search", Input).value = 'person:"Ana Mendes" -title:report'
        await settle(pilot)
        assert articles.summaries == []
        app.query_one("#search", Input).value = "since:2026-13-01"  # a bad term: said in words
        await settle(pilot)
        assert "not a date" in str(app.screen.query_one("#list-status", Static).render())
