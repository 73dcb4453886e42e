"""Issue 14's command-line paper cuts, each reproduced as the new user hit it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main
from tui.store.paths import cache_layout, display_source


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Show and export without loading spaCy (the article alone is enough here)."""
    monkeypatch.setenv("DATELINE_MODEL", "none")


def write_library(data_dir: Path, articles: list[tuple[str, str]]) -> None:
    """Articles stored the way `import` stores them: data_dir/<n>.json."""
    for number, (title, body) in enumerate(articles):
        record = {
            "title": title,
            "body": body,
            "source": f"test/{number}.txt",
            "published": None,
            "url": None,
        }
        (data_dir / f"a{number:04d}.json").write_text(json.dumps(record), encoding="utf-8")


# ----- 1. export never overwrites ---------------------------------------------------------------
def test_export_refuses_to_overwrite_an_existing_file(
    capsys: pytest.CaptureFixture[str], seed_path: Path, tmp_path: Path, no_model: None
) -> None:
    target = tmp_path / "notes.md"
    target.write_text("my own notes\n", encoding="utf-8")
    code, out, err = run(capsys, "export", str(seed_path), "--format", "md", "-o", str(target))
    assert code == 1
    assert "exists" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "my own notes\n"
    code, _, _ = run(capsys, "export", str(seed_path), "--format", "md", "--output", str(target), "--force")
    assert code == 0
    assert target.read_text(encoding="utf-8").startswith("# US")
    fresh = tmp_path / "fresh.html"
    assert run(capsys, "export", str(seed_path), "--format", "html", "-o", str(fresh))[0] == 0
    assert fresh.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# ----- 2. a closed pipe ends quietly ------------------------------------------------------------
@pytest.mark.parametrize("args", [["list"], ["search", "kerry", "--limit", "1000"]])
def test_closed_pipe_stops_quietly(isolated_dirs: dict[str, Path], args: list[str]) -> None:
    # Enough output to fill a pipe (64 KiB), so the command is still writing when the reader goes.
    filler = "x" * 180
    write_library(
        isolated_dirs["data"],
        [(f"Kerry story {n} {filler}", f"Secretary Kerry spoke, number {n}. " * 3) for n in range(500)],
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=os.environ.copy(),
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()  # what `| head -1` does
    err = process.stderr.read().decode()
    code = process.wait(timeout=120)
    assert first.strip()
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err, err
    assert code in (0, 141)


# ----- 5. search ranks and counts ---------------------------------------------------------------
def test_search_ranks_by_relevance_and_says_how_many(
    capsys: pytest.CaptureFixture[str], isolated_dirs: dict[str, Path]
) -> None:
    filler = " ".join(f"word{n}" for n in range(60))
    articles = [(f"Story {n}", f"{filler} zorblax once in story {n}. {filler}") for n in range(25)]
    articles.append(("Story of many", f"{filler} zorblax, zorblax, zorblax and zorblax again. {filler}"))
    articles.append(("Zorblax in the title", f"{filler} nothing else. {filler}"))
    write_library(isolated_dirs["data"], articles)
    code, out, err = run(capsys, "search", "zorblax", "--limit", "5", "--json")
    assert code == 0
    hits = json.loads(out)
    assert len(hits) == 5
    assert {hits[0]["title"], hits[1]["title"]} == {"Story of many", "Zorblax in the title"}
    assert "5 of 27" in err and "--all" in err
    code, out, err = run(capsys, "search", "zorblax", "--all", "--json")
    assert code == 0 and len(json.loads(out)) == 27
    assert "27 articles" in err
    code, out, err = run(capsys, "search", "many zorblax")
    assert code == 0 and "1 article" in err and "1 articles" not in err


def test_search_limit_must_be_positive(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "search", "kerry", "--limit", "0")
    assert code == 2 and "--limit" in err


# ----- 6. a search that finds nothing says so ---------------------------------------------------
@pytest.mark.parametrize("query", ["zzzzqqq", "", '"'])
def test_search_without_result_says_so(capsys: pytest.CaptureFixture[str], query: str) -> None:
    code, out, err = run(capsys, "search", query)
    assert code == 1 and out == ""
    assert "no articles match" in err


@pytest.mark.parametrize("query", ["", '"', ":*", " - "])
def test_search_explains_a_query_without_words(capsys: pytest.CaptureFixture[str], query: str) -> None:
    code, _, err = run(capsys, "search", query)
    assert code == 1 and "no words to search for" in err


@pytest.mark.parametrize(
    ("query", "words"),
    [("():*", "holds nothing"), ("a OR", "OR at the end"), ("(kerry", "not closed"), ("unread:maybe", "yes")],
)
def test_search_explains_a_query_it_cannot_understand(
    capsys: pytest.CaptureFixture[str], query: str, words: str
) -> None:
    """Issue 21: a bad query is said in words and exits 2 (a usage error), not searched as words."""
    code, out, err = run(capsys, "search", query)
    assert code == 2 and out == "" and words in err and "Traceback" not in err


# ----- 9. an import in another encoding says which ----------------------------------------------
def test_windows_1252_import_names_the_encoding(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, no_model: None
) -> None:
    story = tmp_path / "cafe.txt"
    story.write_bytes(
        "Caf\u00e9 owners meet\n\n"
        "The caf\u00e9 served cr\u00e8me br\u00fbl\u00e9e to the \u201cmayor\u201d on Monday. "
        "Owners said the na\u00efve plan would fail.\n".encode("cp1252")
    )
    code, out, _ = run(capsys, "import", str(story))
    assert code == 0
    line = next(line for line in out.splitlines() if line.startswith("imported"))
    assert "Windows-1252" in line
    article_id = line.rsplit("[", 1)[1].split("]", 1)[0]
    code, out, err = run(capsys, "show", article_id)
    assert code == 0 and "Windows-1252" in out + err and "caf\u00e9" in out
    code, out, err = run(capsys, "show", article_id, "--json")
    assert code == 0 and "Windows-1252" in err
    assert set(json.loads(out)) == {
        "id",
        "title",
        "source",
        "published",
        "body",
        "model",
        "entities",
        "facts",
    }
    log = cache_layout().log_file.read_text(encoding="utf-8")
    assert "Windows-1252" in log and article_id in log


# ----- 10. only http and https are fetched ------------------------------------------------------
@pytest.mark.parametrize("url", ["ftp://example.com/story.txt", "file:///etc/passwd", "gopher://x/1"])
def test_import_of_other_url_schemes_is_refused_with_the_reason(
    capsys: pytest.CaptureFixture[str], url: str
) -> None:
    code, out, err = run(capsys, "import", url)
    assert code == 1
    assert "only http and https" in err and "no such file" not in err


# ----- 11. imports keep an absolute source --------------------------------------------------------
def test_imported_file_keeps_an_absolute_source(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "many").mkdir()
    story = tmp_path / "many" / "art000.txt"
    story.write_text(
        "Harbour reopens\n\nThe harbour reopened on Tuesday after the storm. Ferries run again.\n\n"
        "Fishing boats left at dawn, and the market opened an hour later than usual.\n",
        encoding="utf-8",
    )
    assert run(capsys, "import", "many/art000.txt")[0] == 0
    code, out, _ = run(capsys, "list", "--json")
    row = next(r for r in json.loads(out) if "harbour" in r["title"].lower())
    assert row["source"] == str(story.resolve())
    code, out, _ = run(capsys, "list")
    line = next(line for line in out.splitlines() if "arbour" in line)
    assert line.endswith(f"— {display_source(str(story.resolve()))}") and "~/many/art000.txt" in line


# ----- 17. grammar --------------------------------------------------------------------------------
def test_counts_are_in_good_grammar(
    capsys: pytest.CaptureFixture[str], seed_path: Path, tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "list", "--json")
    seed_id = next(r["id"] for r in json.loads(out) if r["title"].startswith("US, Japan"))
    assert run(capsys, "bookmark", "add", seed_id)[0] == 0
    _, exported, _ = run(capsys, "bookmarks", "--json")
    assert run(capsys, "bookmark", "remove", seed_id)[0] == 0
    saved = tmp_path / "marks.json"
    saved.write_text(exported, encoding="utf-8")
    code, out, _ = run(capsys, "bookmark", "import", str(saved))
    assert code == 0 and out.strip() == "imported 1 bookmark"
