"""`dateline bookmark` against special files and a full disk (issue 19, items 7 and 10): an import
reads only a regular file of bounded size, and a bookmark that could not be saved is said to be
NOT saved (exit 1), never "kept in memory" by a process about to end."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from tui.cli import bookmarks as bookmarks_cli
from tui.cli import main
from tui.store import atomic

SEED_TITLE = "US, Japan Strengthen Security Alliance"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/urandom"])
def test_bookmark_import_refuses_devices(capsys: pytest.CaptureFixture[str], special: str) -> None:
    if not os.path.exists(special):
        pytest.skip(f"no {special} here")
    code, _, err = run(capsys, "bookmark", "import", special)
    assert code == 1 and "not a regular file" in err


def test_bookmark_import_refuses_a_fifo_and_a_directory(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)  # reading it would wait for a writer for ever
    assert run(capsys, "bookmark", "import", str(fifo))[0] == 1
    code, _, err = run(capsys, "bookmark", "import", str(tmp_path))
    assert code == 1 and "not a regular file" in err


def test_bookmark_import_caps_what_it_reads(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 2000)
    with pytest.raises(ValueError, match="too large"):
        bookmarks_cli.read_export(big, limit=1000)
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 200_000 + "]" * 200_000)
    code, _, err = run(capsys, "bookmark", "import", str(deep))
    assert code == 1 and "nested too deeply" in err


def test_bookmark_add_on_a_full_disk_says_not_saved_and_exits_1(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, seed_path: Path
) -> None:
    code, out, _ = run(capsys, "list", "--json")
    seed_id = next(r["id"] for r in json.loads(out) if r["title"] == SEED_TITLE)

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "write_atomic", full)
    code, _, err = run(capsys, "bookmark", "add", seed_id)
    assert code == 1
    assert "NOT saved" in err and "disk full" in err and "memory" not in err
