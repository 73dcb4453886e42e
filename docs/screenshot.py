"""Regenerate docs/screenshot.svg: the reader on the seed article at 120x36 (run from the checkout)."""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent / "screenshot.svg"
SEED_TITLE = "US, Japan Strengthen Security Alliance"


async def main() -> None:
    from tui.store.library import Library
    from tui.ui.app import DatelineApp
    from tui.ui.widgets.article_list import ArticleList

    app = DatelineApp(Library.default())
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        articles = app.query_one(ArticleList)
        articles.highlighted = next(
            i for i, s in enumerate(articles.summaries) if s.title == SEED_TITLE
        )
        await pilot.press("enter")
        for _ in range(5):
            await app.workers.wait_for_complete()
            await pilot.pause(0.2)
        app.clear_notifications()
        await pilot.pause()
        app.save_screenshot(filename=OUT.name, path=str(OUT.parent))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("CONFIG", "DATA", "CACHE"):
            os.environ[f"DATELINE_{name}_DIR"] = str(Path(tmp) / name.lower())
        asyncio.run(main())
