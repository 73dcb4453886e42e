"""A refresh makes what it wrote durable and nothing else (issue 20, item 7): each article file it
stored and their directory are fsynced before the fetch state says they exist; `os.sync()`, which
flushes every filesystem on the machine, is never called."""

from __future__ import annotations

import os

import pytest

from tests.unit.feeds.feedserver import Route, long_text, rss, serve
from tests.unit.store.test_background_sync import record_fsyncs
from tui.feeds import Limits, Refresher, Subscription, Subscriptions
from tui.store import paths


def test_a_refresh_fsyncs_the_files_it_wrote_and_their_directory_not_every_filesystem(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    events = record_fsyncs(monkeypatch)
    monkeypatch.setattr(os, "sync", lambda: events.append("os.sync"))
    items = [
        {"title": f"Story {n}", "link": f"http://127.0.0.1/s/{n}", "content": long_text(f"harbour {n}")}
        for n in range(5)
    ]
    with serve({"/feed.xml": Route(body=rss("Synced", items))}) as server:
        Subscriptions().add_many([Subscription(url=server.url("/feed.xml"), full_text="never")])
        report = Refresher(limits=Limits(timeout=2.0), trust_env=False).run()
    assert report.ok and len(report.new_ids) == 5
    assert "os.sync" not in events
    written = [paths.data_dir() / f"{article_id}.json" for article_id in report.new_ids]
    for path in [*written, paths.data_dir()]:
        info = path.stat()
        assert (info.st_dev, info.st_ino) in events, path
    # ... files first, then their directory, then the fetch state that says they exist.
    key = {path: (path.stat().st_dev, path.stat().st_ino) for path in [*written, paths.data_dir()]}
    fetch_state = paths.state_dir() / "fetch.json"
    fetch_key = (fetch_state.stat().st_dev, fetch_state.stat().st_ino)
    last_article = max(events.index(key[path]) for path in written)
    assert last_article < events.index(key[paths.data_dir()]) < events.index(fetch_key)
