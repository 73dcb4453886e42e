"""`BackgroundSync`: files written without fsync made durable in the background, then their
directories; a file removed meanwhile is skipped, and nothing at all is a no-op."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.store.atomic import BackgroundSync, write_atomic


def record_fsyncs(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The (device, inode) of every file and directory fsynced from now on, in order."""
    synced: list[object] = []
    fsync = os.fsync

    def recording_fsync(fd: int) -> None:
        info = os.fstat(fd)
        synced.append((info.st_dev, info.st_ino))
        fsync(fd)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    return synced


def test_the_files_added_and_then_their_directories_are_fsynced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced = record_fsyncs(monkeypatch)
    sync = BackgroundSync(threads=3)
    sync.wait()  # nothing added: nothing to do
    assert synced == []
    files = [tmp_path / "a" / f"{n}.json" for n in range(20)]
    for path in files:
        write_atomic(path, "{}\n", durable=False)
        sync.add(path)
    gone = tmp_path / "gone.json"
    write_atomic(gone, "{}\n", durable=False)
    sync.add(gone)
    gone.unlink()
    sync.wait()
    keys = [(p.stat().st_dev, p.stat().st_ino) for p in files]
    assert set(keys) <= set(synced)
    folder = (tmp_path / "a").stat()
    assert synced.index((folder.st_dev, folder.st_ino)) > max(synced.index(key) for key in keys)
    root = tmp_path.stat()
    assert (root.st_dev, root.st_ino) in synced  # the removed file's directory too
    sync.add(files[0])  # usable again after `wait`
    sync.wait()
