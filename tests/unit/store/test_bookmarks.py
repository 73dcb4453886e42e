"""Bookmarks never lose anything: locked merges, atomic writes, recovery from damage, full disks."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock

import tui.store.bookmarks as bookmarks_module
from tests import locations
from tui.store import atomic
from tui.store.bookmarks import (
    Bookmark,
    BookmarkError,
    BookmarkLockTimeout,
    BookmarkStore,
    bookmarks_path,
)

REPO = locations.ROOT


@pytest.fixture(autouse=True)
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test (and every child process) uses a temp config dir, never the real one."""
    config = tmp_path / "config"
    monkeypatch.setenv("DATELINE_CONFIG_DIR", str(config))
    return config


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "bm" / "bookmarks.json"


def make_store(path: Path, **kwargs: Any) -> BookmarkStore:
    store = BookmarkStore(path, **kwargs)
    assert store.load() == []
    return store


def on_disk(path: Path) -> list[str]:
    """The article ids in the file, read the way any other program would."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["version"] == 1
    return [entry["article_id"] for entry in raw["bookmarks"] if isinstance(entry, dict)]


def temp_files(directory: Path) -> list[Path]:
    return sorted(directory.glob(".bookmarks.json.*.tmp"))


def run_child(code: str, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def wait_for(marker: Path, child: subprocess.Popen[bytes], seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while not marker.exists():
        if child.poll() is not None:
            _, err = child.communicate()
            pytest.fail(f"child exited early: {err.decode()}")
        if time.monotonic() > deadline:
            child.kill()
            pytest.fail("child never reached the marker")
        time.sleep(0.01)


def kill(child: subprocess.Popen[bytes]) -> None:
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)
    child.communicate()


@pytest.fixture
def children() -> Iterator[list[subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for child in started:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=10)


# --- basics ------------------------------------------------------------------------------------


def test_default_path_is_in_the_config_dir(config_home: Path) -> None:
    assert bookmarks_path() == config_home / "bookmarks.json"
    assert BookmarkStore().path == config_home / "bookmarks.json"


def test_constructing_touches_nothing_and_first_save_creates_the_dir(path: Path) -> None:
    store = BookmarkStore(path)
    assert not path.parent.exists()
    assert store.load() == []
    assert not path.parent.exists()
    store.add("a1", "Title", "/a.txt")
    assert on_disk(path) == ["a1"]


def test_round_trip_keeps_every_field(path: Path) -> None:
    store = make_store(path)
    store.add("a1", "Ünïcode title — “quoted”", "/news/a.txt", note="read\nlater")
    store.add("b2", "Second", "https://example.com/b")
    again = make_store(path)
    assert again.bookmarks == store.bookmarks
    first = again.bookmarks[0]
    assert (first.article_id, first.title, first.source, first.note) == (
        "a1",
        "Ünïcode title — “quoted”",
        "/news/a.txt",
        "read\nlater",
    )
    assert datetime.fromisoformat(first.added).tzinfo is not None
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert set(raw) == {"version", "bookmarks"}
    assert set(raw["bookmarks"][0]) == {"article_id", "title", "source", "added", "note"}


def test_add_remove_toggle_note_restore(path: Path) -> None:
    store = make_store(path)
    for name in "abc":
        store.add(name, name.upper(), f"/{name}")
    assert store.toggle("d", "D", "/d") is True
    assert store.toggle("d", "D", "/d") is False
    first = store.add("a", "ignored", "/ignored")
    assert (first.title, first.source) == ("A", "/a")
    assert len(store.bookmarks) == 3
    store.set_note("b", "  a note  ")
    noted = store.get("b")
    assert noted is not None and noted == Bookmark("b", "B", "/b", noted.added, "a note")
    with pytest.raises(KeyError):
        store.set_note("missing", "x")
    removed = store.remove("b")
    assert removed is not None and removed.note == "a note"
    assert store.remove("b") is None
    assert on_disk(path) == ["a", "c"]
    store.restore(removed)
    assert make_store(path).get("b") == removed  # same date added and note


def test_restore_puts_the_bookmark_back_in_its_place(path: Path) -> None:
    path.parent.mkdir(parents=True)
    entries = [
        {"article_id": name, "title": name, "source": "/" + name, "added": added, "note": ""}
        for name, added in [
            ("a", "2024-01-01T10:00:00+00:00"),
            ("b", "2024-01-01T12:30:00+02:00"),  # 10:30 UTC
            ("c", "2024-01-01T11:00:00+00:00"),
        ]
    ]
    path.write_text(json.dumps({"version": 1, "bookmarks": entries}))
    store = make_store(path)
    removed = store.remove("b")
    assert removed is not None
    store.restore(removed)
    assert on_disk(path) == ["a", "b", "c"]
    store.restore(removed)  # restoring twice does not duplicate
    assert on_disk(path) == ["a", "b", "c"]


def test_untrusted_text_is_cleaned(path: Path) -> None:
    store = make_store(path)
    bookmark = store.add("a", "Evil\x1b]0;pwned\x07 title\x1b[31m", "/a", note="x\x1b[2Jy")
    assert bookmark.title == "Evil title"
    assert bookmark.note == "xy"


def test_resolve_by_id_then_by_source(path: Path) -> None:
    store = make_store(path)
    bookmark = store.add("old-id", "T", "/news/a.txt")
    moved = {"old-id": "article found by id"}
    edited = {"/news/a.txt": "article found by source"}
    assert store.resolve(bookmark, moved, edited) == "article found by id"
    assert store.resolve(bookmark, {}, edited) == "article found by source"
    assert store.resolve(bookmark, {"other": "x"}, {"/other": "y"}) is None


# --- merging and locking -------------------------------------------------------------------------


def test_stale_stores_merge_instead_of_overwriting(path: Path) -> None:
    first = make_store(path)
    second = make_store(path)  # loaded before first's changes: its memory is stale
    first.add("x", "X", "/x")
    second.add("y", "Y", "/y")
    assert on_disk(path) == ["x", "y"]
    assert [b.article_id for b in second.bookmarks] == ["x", "y"]
    first.remove("x")  # first never saw y, yet y must survive, and x must stay removed
    second.add("z", "Z", "/z")
    assert on_disk(path) == ["y", "z"]


def test_two_processes_adding_fifty_each_lose_nothing(
    path: Path, tmp_path: Path, children: list[subprocess.Popen[bytes]]
) -> None:
    go = tmp_path / "go"
    code = """
        import sys, time
        from pathlib import Path
        from tui.store.bookmarks import BookmarkStore
        path, tag, go = sys.argv[1:4]
        store = BookmarkStore(Path(path), lock_timeout=30)
        store.load()
        while not Path(go).exists():
            time.sleep(0.002)
        for i in range(50):
            store.add(f"{tag}{i:02d}", f"Title {tag} {i}", f"/src/{tag}/{i}.txt")
    """
    children.extend(run_child(code, str(path), tag, str(go)) for tag in ("p", "q"))
    time.sleep(0.3)  # let both import before starting them together
    go.touch()
    for child in children:
        _, err = child.communicate(timeout=60)
        assert child.returncode == 0, err.decode()
    ids = on_disk(path)
    assert sorted(ids) == sorted(f"{tag}{i:02d}" for tag in "pq" for i in range(50))
    assert temp_files(path.parent) == []


def test_held_lock_times_out_with_a_clear_message_and_keeps_the_change(path: Path) -> None:
    store = make_store(path, lock_timeout=0.3)
    store.add("a", "A", "/a")
    other = FileLock(str(path) + ".lock")  # another instance holding the lock
    other.acquire()
    try:
        started = time.monotonic()
        with pytest.raises(BookmarkLockTimeout) as caught:
            store.add("b", "B", "/b")
        assert time.monotonic() - started < 3
    finally:
        other.release()
    message = str(caught.value)
    assert "\n" not in message
    assert "locked by another Dateline" in message
    assert str(path) + ".lock" in message
    assert "Kept in memory" in message
    assert store.pending and store.is_bookmarked("b")
    assert on_disk(path) == ["a"]
    store.save()
    assert not store.pending
    assert on_disk(path) == ["a", "b"]


def test_lock_left_by_a_killed_process_does_not_block(
    path: Path, tmp_path: Path, children: list[subprocess.Popen[bytes]]
) -> None:
    store = make_store(path, lock_timeout=0.3)
    store.add("a", "A", "/a")
    marker = tmp_path / "locked"
    code = """
        import sys, time
        from pathlib import Path
        from filelock import FileLock
        lock = FileLock(sys.argv[1])
        lock.acquire()
        Path(sys.argv[2]).write_text("locked")
        time.sleep(60)
    """
    child = run_child(code, str(path) + ".lock", str(marker))
    children.append(child)
    wait_for(marker, child)
    with pytest.raises(BookmarkLockTimeout):  # really held while the child lives
        store.add("b", "B", "/b")
    kill(child)
    assert Path(str(path) + ".lock").exists()  # the lock file is left behind...
    store.lock_timeout = 2.0
    store.add("c", "C", "/c")  # ...and does not block
    assert on_disk(path) == ["a", "b", "c"]


# --- atomic writes -------------------------------------------------------------------------------


def test_writer_killed_mid_write_leaves_the_old_file_intact(
    path: Path, tmp_path: Path, children: list[subprocess.Popen[bytes]]
) -> None:
    store = make_store(path)
    for name in "abc":
        store.add(name, name.upper(), f"/{name}")
    before = path.read_bytes()
    marker = tmp_path / "mid-write"
    code = """
        import os, sys, time
        from pathlib import Path
        from tui.store.bookmarks import BookmarkStore
        path, marker = sys.argv[1:3]
        store = BookmarkStore(Path(path))
        store.load()
        real_write = os.write
        def write_half_then_hang(fd, data):
            written = real_write(fd, bytes(data[: len(data) // 2]))
            os.fsync(fd)
            Path(marker).write_text("half written")
            time.sleep(60)
            return written
        os.write = write_half_then_hang
        store.add("big", "x" * 500_000, "/big")
    """
    child = run_child(code, str(path), str(marker))
    children.append(child)
    wait_for(marker, child)
    kill(child)

    assert path.read_bytes() == before
    leftovers = temp_files(path.parent)
    assert len(leftovers) == 1  # the killed writer's half-written temp file
    survivor = BookmarkStore(path)
    assert survivor.load() == []
    assert [b.article_id for b in survivor.bookmarks] == ["a", "b", "c"]
    assert temp_files(path.parent) == leftovers  # too fresh to be sure it is stale without the lock
    old = time.time() - 2 * bookmarks_module.STALE_TEMP_SECONDS
    os.utime(leftovers[0], (old, old))
    survivor.load()
    assert temp_files(path.parent) == []


def test_a_save_removes_temp_files_of_dead_writers(path: Path) -> None:
    store = make_store(path)
    store.add("a", "A", "/a")
    dead = path.parent / ".bookmarks.json.abc123.tmp"
    dead.write_text("half a fi")
    store.add("b", "B", "/b")  # under the lock, any temp file belongs to a dead writer
    assert temp_files(path.parent) == []
    assert on_disk(path) == ["a", "b"]


# --- damaged files -------------------------------------------------------------------------------

CORRUPT_FILES = {
    "empty": b"",
    "whitespace": b"  \n",
    "truncated": b'{"version": 1, "bookmarks": [{"article_id": "a", "ti',
    "invalid utf-8": b'{"version": 1, "bookmarks": [], "x": "\xff\xfe"}',
    "list at top": b"[]",
    "string at top": b'"bookmarks"',
    "bookmarks not a list": b'{"version": 1, "bookmarks": {"a": 1}}',
    "no version": b'{"bookmarks": []}',
    "version is text": b'{"version": "1", "bookmarks": []}',
}


@pytest.mark.parametrize("content", CORRUPT_FILES.values(), ids=CORRUPT_FILES.keys())
def test_corrupt_file_is_moved_aside_and_the_user_told_where(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    store = BookmarkStore(path)
    messages = store.load()
    moved = list(path.parent.glob("bookmarks.json.corrupt-*"))
    assert len(moved) == 1
    assert moved[0].read_bytes() == content
    assert len(messages) == 1 and str(moved[0]) in messages[0]
    assert "\n" not in messages[0]
    assert store.bookmarks == [] and not store.read_only
    assert not path.exists()
    store.add("a", "A", "/a")
    assert on_disk(path) == ["a"]
    assert moved[0].read_bytes() == content  # nothing silently overwritten


def test_corrupt_names_are_unique(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(atomic, "timestamp", lambda: "20240101-120000")
    path.parent.mkdir(parents=True)
    for content in (b"first", b"second"):
        path.write_bytes(content)
        BookmarkStore(path).load()
    first = path.parent / "bookmarks.json.corrupt-20240101-120000"
    second = path.parent / "bookmarks.json.corrupt-20240101-120000-1"
    assert (first.read_bytes(), second.read_bytes()) == (b"first", b"second")


def test_file_damaged_while_running_is_rebuilt_from_memory(path: Path) -> None:
    store = make_store(path)
    store.add("a", "A", "/a")
    path.write_bytes(b'{"version": 1, "bookm')
    store.add("b", "B", "/b")
    assert on_disk(path) == ["a", "b"]
    moved = list(path.parent.glob("bookmarks.json.corrupt-*"))
    assert [p.read_bytes() for p in moved] == [b'{"version": 1, "bookm']
    messages = store.take_messages()
    assert len(messages) == 1 and str(moved[0]) in messages[0]
    assert store.take_messages() == []


def test_entries_with_missing_fields_are_skipped_but_kept_in_the_file(path: Path) -> None:
    path.parent.mkdir(parents=True)
    good = {"article_id": "a", "title": "A", "source": "/a", "added": "2024-01-01T00:00:00+00:00"}
    no_title = {"article_id": "b", "source": "/b", "added": "2024-01-01T00:00:00+00:00"}
    path.write_text(json.dumps({"version": 1, "bookmarks": [good, no_title, 42]}))
    store = BookmarkStore(path)
    messages = store.load()
    assert len(messages) == 1 and "Skipped 2" in messages[0] and "'title'" in messages[0]
    assert [b.article_id for b in store.bookmarks] == ["a"]
    assert store.get("a") == Bookmark("a", "A", "/a", "2024-01-01T00:00:00+00:00", "")
    store.add("c", "C", "/c")
    raw = json.loads(path.read_text())
    assert no_title in raw["bookmarks"] and 42 in raw["bookmarks"]
    assert on_disk(path) == ["a", "c", "b"]


def test_unreadable_file_is_never_overwritten(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # (A directory where the file should be is damage and moved aside: test_damaged_files.py.)
    path.mkdir(parents=True)

    def unreadable(_path: Path) -> bytes:
        raise PermissionError(errno.EACCES, "Permission denied", str(_path))

    monkeypatch.setattr(atomic, "read_user_file", unreadable)
    store = BookmarkStore(path)
    messages = store.load()
    assert len(messages) == 1 and "Could not read" in messages[0]
    with pytest.raises(BookmarkError):
        store.add("a", "A", "/a")
    assert store.pending and store.is_bookmarked("a")
    assert path.is_dir()


# --- newer versions ------------------------------------------------------------------------------


def newer_file(path: Path) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    content = json.dumps(
        {
            "version": 2,
            "bookmarks": [
                {"article_id": "a", "title": "A", "source": "/a", "added": "2030-01-01T00:00Z"},
                {"article_id": "b", "tags": ["new-format"]},
            ],
            "folders": [],
        }
    ).encode()
    path.write_bytes(content)
    return content


def test_newer_version_is_read_only_and_never_overwritten(path: Path) -> None:
    content = newer_file(path)
    store = BookmarkStore(path)
    messages = store.load()
    assert store.read_only
    assert len(messages) == 1 and "newer" in messages[0] and "read-only" in messages[0]
    assert [b.article_id for b in store.bookmarks] == ["a"]
    for change in (
        lambda: store.add("c", "C", "/c"),
        lambda: store.remove("a"),
        lambda: store.toggle("a", "A", "/a"),
        lambda: store.set_note("a", "n"),
        lambda: store.import_json('[{"article_id":"z","title":"","source":"","added":""}]'),
    ):
        with pytest.raises(BookmarkError, match="read-only"):
            change()
    assert path.read_bytes() == content
    assert [b.article_id for b in store.bookmarks] == ["a"]
    assert not store.pending


def test_newer_version_written_by_another_process_is_not_overwritten(path: Path) -> None:
    store = make_store(path)
    store.add("x", "X", "/x")
    content = newer_file(path)
    with pytest.raises(BookmarkError, match="read-only"):
        store.add("y", "Y", "/y")
    assert path.read_bytes() == content
    assert store.read_only


# --- failing disks -------------------------------------------------------------------------------


def test_disk_full_keeps_the_change_and_retries_with_a_merge(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = make_store(path)
    store.add("a", "A", "/a")

    def disk_full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as patch:
        patch.setattr(os, "write", disk_full)
        with pytest.raises(BookmarkError) as caught:
            store.add("b", "B", "/b")
        with pytest.raises(BookmarkError):
            store.set_note("a", "noted while the disk was full")
    message = str(caught.value)
    assert "disk full" in message and str(path) in message and "retry" in message
    assert "\n" not in message
    assert store.pending and store.is_bookmarked("b")
    assert on_disk(path) == ["a"]  # the old file is intact
    assert temp_files(path.parent) == []
    assert store.load() == []  # reloading keeps what is still unsaved
    assert store.pending and store.is_bookmarked("b")

    make_store(path).add("c", "C", "/c")  # another process saves meanwhile
    store.add("d", "D", "/d")  # the retry: pending changes merged with what is on disk
    assert not store.pending
    assert on_disk(path) == ["a", "c", "b", "d"]
    reloaded = make_store(path).get("a")
    assert reloaded is not None and reloaded.note == "noted while the disk was full"


def test_read_only_dir_keeps_changes_in_memory(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # We run as root, where chmod cannot make a directory read-only: simulate the refusal.
    store = make_store(path)
    store.add("a", "A", "/a")

    def refuse(*args: Any, **kwargs: Any) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied", str(path.parent))

    with monkeypatch.context() as patch:
        patch.setattr(atomic, "_open_temp", refuse)
        with pytest.raises(BookmarkError, match="permission denied"):
            store.remove("a")
        with pytest.raises(BookmarkError):
            store.add("b", "B", "/b")
    assert [b.article_id for b in store.bookmarks] == ["b"]
    assert on_disk(path) == ["a"]
    store.save()
    assert on_disk(path) == ["b"] and not store.pending


def test_config_dir_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the config dir should be")
    store = BookmarkStore(blocker / "bookmarks.json")
    assert "Could not read" in store.load()[0]
    with pytest.raises(BookmarkError, match="Could not save"):
        store.add("a", "A", "/a")
    assert store.pending and store.is_bookmarked("a")


# --- import and export ---------------------------------------------------------------------------


def test_export_then_import_merges_without_duplicates(path: Path, tmp_path: Path) -> None:
    source = make_store(path)
    source.add("a", "A", "/a", note="first")
    source.add("b", "B", "/b")
    exported = source.export_json()
    assert json.loads(exported)["version"] == 1

    other = make_store(tmp_path / "other" / "bookmarks.json")
    other.add("b", "B elsewhere", "/b2")
    other.add("c", "C", "/c")
    assert other.import_json(exported) == 1
    assert [b.article_id for b in other.bookmarks] == ["b", "c", "a"]
    assert other.get("a") == source.get("a")  # date added and note come along
    kept = other.get("b")
    assert kept is not None and kept.title == "B elsewhere"
    assert other.import_json(exported) == 0
    assert on_disk(other.path) == ["b", "c", "a"]


def test_import_rejects_what_is_not_an_export(path: Path) -> None:
    store = make_store(path)
    with pytest.raises(BookmarkError, match="invalid JSON"):
        store.import_json("{nope")
    with pytest.raises(BookmarkError, match="no list"):
        store.import_json('{"version": 1}')
    assert not path.exists()


def test_export_markdown(path: Path) -> None:
    store = make_store(path)
    assert "No bookmarks" in store.export_markdown()
    store.add("a1", "Ports *reopen* [today]", "/news/a.txt", note="check the\nfigures")
    markdown = store.export_markdown()
    assert r"**Ports \*reopen\* \[today\]**" in markdown
    assert "/news/a.txt" in markdown and "`a1`" in markdown
    assert "  > check the\n  > figures\n" in markdown


def test_export_markdown_is_newest_first_with_web_links(path: Path) -> None:
    """Issue 14.15: the order the screen shows, and the article's web link over its file path."""
    store = make_store(path)
    store.add("a1", "Older", "/news/a.txt")
    store.add("b2", "Newer", "/news/b.txt")
    markdown = store.export_markdown({"b2": "https://example.test/newer", "zz": "https://x.test/"})
    assert markdown.index("Newer") < markdown.index("Older")
    assert "<https://example.test/newer>" in markdown and "/news/b.txt" not in markdown
    assert "/news/a.txt" in markdown
    assert "<" not in store.export_markdown({"a1": "https://bad.test/a b"}).split("Older")[1].split("\n")[0]
