"""A refresh killed, or unable to save its state, loses no unread mark (issue 19, item 5): an article
whose file exists but that no state records is new at the next refresh, exactly once, and the temp
files a killed writer left are removed. Feeds come from a server on 127.0.0.1."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests import locations
from tests.unit.feeds.feedserver import Route, long_text, rss, serve
from tui.feeds import Limits, Refresher, Subscription, Subscriptions
from tui.store import atomic, paths
from tui.store.readstate import ReadState

COUNT = 12


def items(count: int = COUNT) -> list[dict[str, str]]:
    return [
        {
            "title": f"Story {n}",
            "link": f"http://127.0.0.1/story/{n}",
            "guid": f"http://127.0.0.1/story/{n}",
            "content": long_text(f"topic {n}"),
            "pubDate": "Wed, 01 May 2024 10:00:00 GMT",
        }
        for n in range(count)
    ]


def refresher() -> Refresher:
    return Refresher(limits=Limits(timeout=2.0), trust_env=False, processes=0)


def article_files() -> list[Path]:
    return sorted(paths.data_dir().glob("*.json"))


def temp_files() -> list[Path]:
    return sorted(p for p in paths.data_dir().glob(".*") if p.name.endswith(".tmp"))


def unread() -> set[str]:
    state = ReadState()
    state.load()
    return state.unread(p.stem for p in article_files())


KILLED_AT = {
    # After the article files, before any state: nothing records them.
    "before the read state": "tui.store.readstate.ReadState.track",
    # After the read state, before the fetch state: tracked (unread) but the feed not recorded.
    "before the fetch state": "tui.feeds.store.FetchState.save",
}


@pytest.mark.parametrize("processes", [0, 2])  # 2: worker processes write the files, renamed here
@pytest.mark.parametrize("point", sorted(KILLED_AT))
def test_a_refresh_killed_before_saving_its_state_leaves_every_article_unread_exactly_once(
    point: str, processes: int
) -> None:
    owner, method = KILLED_AT[point].rsplit(".", 1)
    module, cls = owner.rsplit(".", 1)
    script = textwrap.dedent(
        f"""
        import importlib, os
        from tui.feeds import Limits, Refresher
        owner = getattr(importlib.import_module({module!r}), {cls!r})
        setattr(owner, {method!r}, lambda *args, **kwargs: os._exit(9))
        Refresher(
            limits=Limits(timeout=2.0), trust_env=False, processes={processes}, process_after_bytes=0
        ).run()
        os._exit(0)
        """
    )
    with serve({"/feed.xml": Route(body=rss("Feed", items()), etag='"v1"')}) as server:
        Subscriptions().add_many([Subscription(url=server.url("/feed.xml"))])
        child = subprocess.run(
            [sys.executable, "-c", script], cwd=locations.ROOT, capture_output=True, timeout=120, check=False
        )
        assert child.returncode == 9, child.stderr.decode()
        assert len(article_files()) == COUNT  # the files were written, then the process died
        # A zero-byte temp file of a writer that is gone (as a SIGKILL mid-write leaves).
        dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True)
        pid = int(dead.stdout)
        leftover = paths.data_dir() / f".{'0' * 16}.json.{pid}-1-0.tmp"
        leftover.write_bytes(b"")

        again = refresher().run()
        assert again.ok, again.messages
        if point == "before the read state":
            assert again.results[0].new == COUNT  # new exactly once: said by this refresh
        assert unread() == {p.stem for p in article_files()}
        assert len(article_files()) == COUNT
        assert temp_files() == []

        third = refresher().run()
        assert third.results[0].status == "not modified" and third.new_ids == []
        assert len(unread()) == COUNT


def test_a_full_disk_while_saving_the_read_state_loses_no_unread_mark(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with serve({"/feed.xml": Route(body=rss("Feed", items()), etag='"v1"')}) as server:
        Subscriptions().add_many([Subscription(url=server.url("/feed.xml"))])
        with monkeypatch.context() as patch:
            patch.setattr(ReadState, "track", full)
            first = refresher().run()
        assert not first.ok and not first.saved
        assert any("could not save the read state" in m for m in first.messages)
        assert unread() == set()
        second = refresher().run()
        assert second.ok and second.results[0].new == COUNT
        assert len(unread()) == COUNT
        assert refresher().run().new_ids == []


def test_a_read_only_state_dir_loses_no_unread_mark(
    monkeypatch: pytest.MonkeyPatch, isolated_dirs: dict[str, Path]
) -> None:
    """The state dir refuses every write (as a read-only mount does, even for root)."""
    real = atomic.write_atomic
    state = os.fspath(isolated_dirs["state"])

    def read_only(path: Path, data: bytes | str, *, durable: bool = True) -> None:
        if os.fspath(path).startswith(state):
            raise OSError(errno.EROFS, "Read-only file system", os.fspath(path))
        real(path, data, durable=durable)

    with serve({"/feed.xml": Route(body=rss("Feed", items()), etag='"v1"')}) as server:
        Subscriptions().add_many([Subscription(url=server.url("/feed.xml"))])
        with monkeypatch.context() as patch:
            patch.setattr(atomic, "write_atomic", read_only)
            first = refresher().run()
        assert not first.ok
        assert len(article_files()) == COUNT
        second = refresher().run()
        assert second.results[0].new == COUNT and len(unread()) == COUNT


def test_an_imported_copy_of_a_feed_article_is_not_made_unread() -> None:
    """Only a feed article file nobody recorded is new again: an import of the same article (no
    "feed" field) stays as it was, read."""
    with serve({"/feed.xml": Route(body=rss("Feed", items(1)))}) as server:
        Subscriptions().add_many([Subscription(url=server.url("/feed.xml"))])
        first = refresher().run()
        (article,) = article_files()
        stored = article.read_text()
        article.write_text(stored.replace('"feed"', '"not-a-feed"'))
        (paths.state_dir() / "fetch.json").unlink()
        (paths.state_dir() / "read.json").unlink()
        again = refresher().run()
        assert again.new_ids == [] and first.new_ids == [article.stem]
        assert unread() == set()


def test_a_live_writers_fresh_temp_file_is_kept() -> None:
    folder = paths.data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    mine = folder / f".abc.json.{os.getpid()}-1-99.tmp"
    mine.write_bytes(b"partial")
    assert atomic.remove_orphan_temp_files(folder) == 0 and mine.exists()
    old = 10_000.0
    os.utime(mine, (old, old))
    assert atomic.remove_orphan_temp_files(folder) == 1 and not mine.exists()


def test_the_indexer_survives_any_error_and_the_articles_are_indexed_later(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Issue 19, item 12: not only sqlite3.Error; logged, the files indexed by the next refresh."""
    from tui.store.library import Library

    def broken(*_args: object, **_kwargs: object) -> None:
        raise KeyError("a bug in the index code")

    with serve({"/feed.xml": Route(body=rss("Feed", items(3)))}) as server:
        Subscriptions().add_many([Subscription(url=server.url("/feed.xml"))])
        with monkeypatch.context() as patch:
            patch.setattr(Library, "add_written", broken)
            patch.setattr(Library, "refresh", broken)
            report = refresher().run()
        assert report.ok and len(report.new_ids) == 3
        assert "indexing 3 refreshed articles failed" in caplog.text
        assert "KeyError" in caplog.text
        library = Library.default()
        try:
            assert {s.id for s in library.refresh()} >= set(report.new_ids)
        finally:
            library.close()
