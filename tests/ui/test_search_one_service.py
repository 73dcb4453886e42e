"""The reader's `/` runs the same search as `dateline search` (`tui.names.search`, issue 20 item 2):
with its names index open, entity terms are answered from it; before, they are searched as words."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

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
        app.screen.names = Names(app.library, shared_analyzer, index)  # type: ignore[attr-defined]
        search.value = 'person:"John Kerry" '
        await pilot.pause()
        assert [s.title for s in articles.summaries] == [SEED_TITLE]
        search.value = "ent:PERSON=John Kerry"
        await pilot.pause()
        assert [s.title for s in articles.summaries] == [SEED_TITLE]
        search.value = "person:Nobody"
        await pilot.pause()
        assert articles.summaries == []
