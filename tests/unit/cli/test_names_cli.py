"""`dateline follow`, `timeline`, `stories`, `names`, `news` and entity search terms, through
`register` on a bare argparse parser (as the lead wires them into `dateline`)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pytest

from tests import locations
from tui.cli import names as names_cli

STORIES = locations.ROOT / "tests" / "data" / "stories" / "articles.json"


def search(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`dateline search` (the one search, `tui.cli.library`), which answers name terms here."""
    from tui.cli import main

    code = main(["search", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="dateline")
    commands = parser.add_subparsers()
    names_cli.register(commands)
    args = parser.parse_args(list(argv))
    code = args.func(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_follow_add_remove_list_without_analysis(
    capsys: pytest.CaptureFixture[str], isolated_dirs: dict[str, Path]
) -> None:
    assert run(capsys, "follow", "list", "--json")[:2] == (0, "[]\n")
    added = run(capsys, "follow", "add", "Martin Doyle")[1]
    assert added == "following Martin Doyle (no article names it yet)\n"
    assert run(capsys, "follow", "add", "martin doyle", "--label", "person")[1].startswith("already")
    code, _, err = run(capsys, "follow", "add", "X", "--label", "animal")
    assert code == 2 and "unknown label" in err
    assert run(capsys, "follow", "remove", "Nobody")[0] == 1
    saved = json.loads((isolated_dirs["config"] / "follows.json").read_text())
    assert [(f["name"], f["label"]) for f in saved["follows"]] == [("Martin Doyle", "PERSON")]
    assert run(capsys, "follow", "remove", "Martin Doyle")[0] == 0


@pytest.mark.parametrize("command", [("follow", "list"), ("follow", "remove", "Ada")])
def test_a_damaged_follows_file_is_never_moved_aside_silently(
    capsys: pytest.CaptureFixture[str], isolated_dirs: dict[str, Path], command: tuple[str, ...]
) -> None:
    follows = isolated_dirs["config"] / "follows.json"
    follows.write_text('{"version": 1, "follows": ' + "[" * 200_000)
    _, _, err = run(capsys, *command)
    moved = list(follows.parent.glob("follows.json.corrupt-*"))
    assert len(moved) == 1 and str(follows) in err and str(moved[0]) in err


def test_bad_dates_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(capsys, "stories", "--since", "last week")
    assert exit_info.value.code == 2
    assert search(capsys, "since:yesterday")[0] == 2


@pytest.fixture
def library(isolated_dirs: dict[str, Path], loaded_model: Any, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The stories test set imported into the user library; the model loaded once."""
    monkeypatch.setattr("tui.analysis.engine.load_model", lambda: (loaded_model, "Model loaded"))
    monkeypatch.setattr("tui.store.paths.samples_dir", lambda: isolated_dirs["xdg"] / "no-samples")
    records = json.loads(STORIES.read_text(encoding="utf-8"))
    # The strike, the defence pact, the mayor (three sources each) and the airline a month later.
    for record in records[3:9] + records[15:19]:
        path = isolated_dirs["data"] / f"{record['slug']}.json"
        path.write_text(json.dumps({k: record[k] for k in ("title", "body", "source", "published")}))
    return isolated_dirs["data"]


def test_timeline_stories_follow_list_and_search(capsys: pytest.CaptureFixture[str], library: Path) -> None:
    code, out, _ = run(capsys, "timeline", "Martin Doyle", "--json")
    assert code == 0
    timeline = json.loads(out)
    assert [t["published"] for t in timeline] == ["2026-03-05", "2026-03-05", "2026-03-06", "2026-04-21"]
    assert set(timeline[0]) == {"article_id", "title", "published", "source", "sentence"}
    assert all("Doyle" in t["sentence"] for t in timeline)
    assert run(capsys, "timeline", "Nobody Known")[0] == 1

    code, out, _ = run(capsys, "stories", "--json")
    stories = json.loads(out)
    assert code == 0 and sorted(len(s["articles"]) for s in stories) == [1, 3, 3, 3]
    assert sum(len(s["articles"]) for s in stories) == 10
    assert set(stories[0]) == {"title", "articles", "entities", "first", "last", "sources"}
    assert all(len(s["sources"]) == len(set(s["sources"])) >= 1 for s in stories)
    assert stories[0]["title"] == "Kestrel Airlines returns to profit and adds ten routes"
    code, out, _ = run(capsys, "stories", "--json", "--since", "2026-04-01")
    assert [len(s["articles"]) for s in json.loads(out)] == [1]

    run(capsys, "follow", "add", "Kestrel Airlines")
    code, out, _ = run(capsys, "follow", "list", "--json")
    assert json.loads(out) == [{"name": "Kestrel Airlines", "label": "ORG", "articles": 4, "new": 0}]

    code, out, _ = search(capsys, "--json", 'person:"Martin Doyle" since:2026-04-01')
    assert code == 0 and [f["published"] for f in json.loads(out)] == ["2026-04-21"]
    code, out, _ = search(capsys, "--json", 'org:Kestrel "Workplace Relations"')
    assert code == 0 and len(json.loads(out)) == 3  # the strike, not the profits
    code, _, err = search(capsys, "person:Nobody")
    assert code == 1 and "no article names Nobody" in err


def test_a_label_correction_shows_everywhere(capsys: pytest.CaptureFixture[str], library: Path) -> None:
    code, out, _ = run(capsys, "news", "--days", "60", "--json")
    places = {p["name"] for p in json.loads(out)["places"]}
    assert code == 0 and "Tokyo" in places
    assert run(capsys, "names", "label", "Tokyo", "org")[0] == 0
    code, out, _ = run(capsys, "news", "--days", "60", "--json")
    picture = json.loads(out)
    assert "Tokyo" not in {p["name"] for p in picture["places"]}
    assert "Tokyo" in {o["name"] for o in picture["organizations"]}
    assert run(capsys, "names", "merge", "Kestrel", "Kestrel Airlines")[0] == 0
    assert run(capsys, "names", "split", "Kestrel", "Kestrel Airlines")[0] == 0


def test_names_the_library_does_not_know_are_said_and_spelt_as_it_does(
    capsys: pytest.CaptureFixture[str], library: Path, isolated_dirs: dict[str, Path]
) -> None:
    """Issue 21, item 6: `timeline` of a part of a name suggests the names ending with it;
    `names label` of an unknown name says so and changes nothing; `follow add` keeps the
    library's spelling of the name."""
    code, _, err = run(capsys, "timeline", "Airlines")
    assert code == 1 and "no article names Airlines; did you mean Kestrel Airlines (ORG)?" in err
    assert run(capsys, "timeline", "Doyle")[0] == 0  # a short form articles resolve still works

    code, out, err = run(capsys, "names", "label", "Nobody Known", "org")
    assert code == 1 and out == "" and "no article names Nobody Known: nothing changed" in err
    assert not (isolated_dirs["config"] / "names.json").exists()
    code, out, _ = run(capsys, "names", "label", "tokyo", "org")
    assert code == 0 and out == "Tokyo is now shown as ORG in every article\n"

    code, out, _ = run(capsys, "follow", "add", "martin doyle")
    assert code == 0 and out == "following Martin Doyle\n"
    code, out, _ = run(capsys, "follow", "add", "Somebody Else")
    assert code == 0 and out == "following Somebody Else (no article names it yet)\n"
    saved = json.loads((isolated_dirs["config"] / "follows.json").read_text())
    assert [f["name"] for f in saved["follows"]] == ["Martin Doyle", "Somebody Else"]
