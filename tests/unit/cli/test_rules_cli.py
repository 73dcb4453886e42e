"""`dateline saved …`, `dateline mute …`, `list --saved/--muted` end to end (issue 21): the JSON
shapes of the contract, muted articles left out of list, search and feed counts, newsboat imports,
and damaged or unwritable rules files."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tui.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    code, out, err = run(capsys, *args)
    assert code == 0, err
    return json.loads(out)


def write(folder: Path, name: str, body: str, published: str, feed: str | None = None) -> None:
    record: dict[str, Any] = {"title": name, "body": body, "source": "x", "published": published, "url": None}
    if feed:
        record["feed"] = feed
    (folder / f"{name.lower().replace(' ', '-')}.json").write_text(json.dumps(record), encoding="utf-8")


@pytest.fixture
def articles(isolated_dirs: dict[str, Path]) -> Path:
    data = isolated_dirs["data"]
    write(data, "Quokka Sponsored", "A sponsored quokkaland offer.", "2026-03-01")
    write(data, "Quokka Harbour", "The quokkaland harbour reopened at Wombatport.", "2026-03-02")
    write(data, "Quokka Trams", "Quokkaland trams run late.", "2026-03-03")
    return data


def listed(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    return [item["title"] for item in run_json(capsys, "list", "--json", *args) if "Quokka" in item["title"]]


def test_saved_searches_contract(capsys: pytest.CaptureFixture[str], articles: Path) -> None:
    code, out, _ = run(capsys, "saved", "add", "Quokkas", "wombatport OR sponsored")
    assert code == 0 and "saved Quokkas: 2 articles match" in out
    assert run_json(capsys, "saved", "list", "--json") == [
        {"name": "Quokkas", "query": "wombatport OR sponsored", "articles": 2, "unread": 0}
    ]
    items = run_json(capsys, "list", "--saved", "quokkas", "--json")
    assert [i["title"] for i in items] == ["Quokka Harbour", "Quokka Sponsored"]
    assert set(items[0]) >= {"id", "title", "source", "published", "words", "bookmarked", "unread"}
    code, out, _ = run(capsys, "list", "--saved", "Quokkas")
    assert code == 0 and len(out.splitlines()) == 2
    code, _, err = run(capsys, "list", "--saved", "Nope")
    assert code == 1 and "no saved search is called 'Nope'" in err and "Quokkas" in err
    code, out, _ = run(capsys, "saved", "add", "quokkas", "quokkaland")
    assert code == 0 and out.startswith("updated")
    assert run_json(capsys, "saved", "list", "--json")[0]["articles"] == 3
    assert run(capsys, "saved", "remove", "QUOKKAS")[0] == 0
    code, _, err = run(capsys, "saved", "remove", "Quokkas")
    assert code == 1 and "no saved search" in err
    assert run_json(capsys, "saved", "list", "--json") == []


def test_a_bad_query_is_a_usage_error(capsys: pytest.CaptureFixture[str], articles: Path) -> None:
    code, _, err = run(capsys, "saved", "add", "Bad", "since:yesterday")
    assert code == 2 and "since:yesterday" in err
    code, _, err = run(capsys, "mute", "add", "before:soon")
    assert code == 2 and "before:soon" in err
    assert not (articles.parent / "config" / "mutes.json").exists()


def test_mute_contract(capsys: pytest.CaptureFixture[str], articles: Path) -> None:
    code, out, _ = run(capsys, "mute", "add", "sponsored", "--dry-run")
    assert code == 0 and out.splitlines() == ["1 article matches"]
    assert "Quokka Sponsored" in listed(capsys)  # a dry run mutes nothing
    code, out, _ = run(capsys, "mute", "add", "sponsored")
    assert code == 0 and out.splitlines()[0] == "1 article matches" and "muted 1" in out
    assert listed(capsys) == ["Quokka Trams", "Quokka Harbour"]
    assert listed(capsys, "--muted") == ["Quokka Sponsored"]
    assert run_json(capsys, "mute", "list", "--json") == [{"query": "sponsored", "articles": 1}]
    # Left out of search too, and of the saved searches' counts.
    code, out, _ = run(capsys, "search", "quokkaland", "--json")
    assert code == 0 and {h["title"] for h in json.loads(out)} == {"Quokka Trams", "Quokka Harbour"}
    run(capsys, "saved", "add", "Q", "quokkaland")
    assert run_json(capsys, "saved", "list", "--json")[0]["articles"] == 2
    # Every later match is muted too (an import brings one).
    later = articles.parent / "later.json"
    later.write_text(
        json.dumps({"title": "Quokka Later", "body": "Sponsored quokkaland again.", "source": "y"}),
        encoding="utf-8",
    )
    assert run(capsys, "import", str(later))[0] == 0
    assert "Quokka Later" not in listed(capsys) and "Quokka Later" in listed(capsys, "--muted")
    assert run_json(capsys, "mute", "list", "--json") == [{"query": "sponsored", "articles": 2}]
    code, out, _ = run(capsys, "mute", "add", "sponsored")
    assert code == 0 and "there already" in out
    code, _, err = run(capsys, "mute", "remove", "nothing")
    assert code == 1 and "'sponsored'" in err
    code, out, _ = run(capsys, "mute", "remove", "sponsored")
    assert code == 0 and "2 articles shown again" in out
    assert len(listed(capsys)) == 4 and listed(capsys, "--muted") == []


def test_muted_feed_articles_leave_the_unread_counts(
    capsys: pytest.CaptureFixture[str], isolated_dirs: dict[str, Path]
) -> None:
    from tui.feeds import Subscription, Subscriptions
    from tui.feeds.overview import load_overviews
    from tui.store.library import Library
    from tui.store.readstate import ReadState

    feed = "http://127.0.0.1:9/feed.xml"
    Subscriptions().add(Subscription(feed))
    write(isolated_dirs["data"], "Feed One", "A quokkaland item.", "2026-03-01", feed=feed)
    write(isolated_dirs["data"], "Feed Two", "Sponsored quokkaland item.", "2026-03-02", feed=feed)
    library = Library.default()
    ReadState().mark([s.id for s in library.refresh() if s.feed == feed], read=False)  # new: unread
    counts = {o.url: (o.articles, o.unread) for o in load_overviews(library)[0]}
    assert counts[feed] == (2, 2)
    assert run(capsys, "mute", "add", "sponsored")[0] == 0
    counts = {o.url: (o.articles, o.unread) for o in load_overviews(Library.default())[0]}
    assert counts[feed] == (1, 1)
    assert [i["title"] for i in run_json(capsys, "list", "--unread", "--json")] == ["Feed One"]


def test_mute_import_of_a_newsboat_config(
    capsys: pytest.CaptureFixture[str], articles: Path, tmp_path: Path
) -> None:
    config = tmp_path / "newsboat-config"
    config.write_text(
        "auto-reload yes\n"
        'ignore-article "*" "title =~ \\"Sponsored\\""\n'
        'ignore-article "https://127.0.0.1/rss" "author = \\"Jane\\""\n'
        'ignore-article "*" "title =~ \\"^Ad.*\\""\n'
    )
    code, out, err = run(capsys, "mute", "import", str(config))
    assert code == 1  # some lines were not imported
    assert "line 2: mute title:Sponsored" in out and "imported 1 rule; 2 lines not imported" in out
    assert "line 3: not imported (Dateline does not keep article authors)" in err
    assert "line 4: not imported (the regular expression '^Ad.*' is a pattern" in err
    assert run_json(capsys, "mute", "list", "--json") == [{"query": "title:Sponsored", "articles": 1}]
    assert "Quokka Sponsored" in listed(capsys, "--muted")
    code, out, _ = run(capsys, "mute", "import", str(config))
    assert "(already a rule)" in out
    empty = tmp_path / "empty"
    empty.write_text("auto-reload yes\n")
    code, _, err = run(capsys, "mute", "import", str(empty))
    assert code == 1 and "no ignore-article lines" in err
    code, _, err = run(capsys, "mute", "import", str(tmp_path / "missing"))
    assert code == 1 and "not a file" in err


def test_query_feeds_of_a_urls_file_become_saved_searches(
    capsys: pytest.CaptureFixture[str], articles: Path, tmp_path: Path
) -> None:
    urls = tmp_path / "urls"
    urls.write_text(
        "http://127.0.0.1/one.xml tech\n"
        '"query:Quokka titles:title =~ \\"quokka\\""\n'
        '"query:By Jane:author = \\"Jane\\""\n'
        '"query:Fresh:unread = \\"yes\\" and age < 3"\n'
    )
    code, out, err = run(capsys, "feeds", "import", str(urls))
    assert code == 0
    assert "saved search Quokka titles: title:quokka" in out
    assert "line 3: skipped the query feed 'By Jane' (Dateline does not keep article authors)" in err
    assert "saved search Fresh: unread:yes since:" in out and "fixed on" in out
    saved = {s["name"]: s for s in run_json(capsys, "saved", "list", "--json")}
    assert set(saved) == {"Quokka titles", "Fresh"} and saved["Quokka titles"]["articles"] == 3


def test_a_damaged_rules_file_is_moved_aside_and_said(
    capsys: pytest.CaptureFixture[str], articles: Path, isolated_dirs: dict[str, Path]
) -> None:
    (isolated_dirs["config"] / "mutes.json").write_text("{broken")
    code, out, err = run(capsys, "mute", "list", "--json")
    assert code == 0 and json.loads(out) == [] and "mutes.json was damaged" in err
    assert list(isolated_dirs["config"].glob("mutes.json.corrupt-*"))
    (isolated_dirs["config"] / "saved.json").write_text('{"saved": 3}')
    code, out, err = run(capsys, "saved", "list", "--json")
    assert code == 0 and json.loads(out) == [] and "saved.json was damaged" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_an_unwritable_config_dir_is_said(
    capsys: pytest.CaptureFixture[str], articles: Path, isolated_dirs: dict[str, Path]
) -> None:
    isolated_dirs["config"].chmod(0o500)
    try:
        code, _, err = run(capsys, "mute", "add", "sponsored")
    finally:
        isolated_dirs["config"].chmod(0o700)
    assert code == 1 and "could not save the rule" in err
    assert len(listed(capsys)) == 3


def test_an_unwritable_rules_file_is_said(
    capsys: pytest.CaptureFixture[str], articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise PermissionError("read-only file system")

    with monkeypatch.context() as patch:
        patch.setattr("tui.store.atomic.write_atomic", refuse)
        code, _, err = run(capsys, "mute", "add", "sponsored")
        assert code == 1 and "could not save the rule: read-only file system" in err
        code, _, err = run(capsys, "saved", "add", "Q", "quokkaland")
        assert code == 1 and "could not save the search" in err
    assert len(listed(capsys)) == 3


@pytest.fixture
def stories_library(
    isolated_dirs: dict[str, Path], loaded_model: Any, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The strike, the defence pact and the mayor (three sources each) and the airline a month later,
    in the user library; no samples; the model loaded once."""
    from tests import locations

    monkeypatch.setattr("tui.analysis.engine.load_model", lambda: (loaded_model, "Model loaded"))
    monkeypatch.setattr("tui.store.paths.samples_dir", lambda: isolated_dirs["xdg"] / "no-samples")
    records = json.loads((locations.ROOT / "tests" / "data" / "stories" / "articles.json").read_text())
    for record in records[3:9] + records[15:19]:
        path = isolated_dirs["data"] / f"{record['slug']}.json"
        path.write_text(json.dumps({k: record[k] for k in ("title", "body", "source", "published")}))
    return isolated_dirs["data"]


def test_muted_articles_leave_the_names_commands(
    capsys: pytest.CaptureFixture[str], stories_library: Path
) -> None:
    assert len(run_json(capsys, "timeline", "Martin Doyle", "--json")) == 4  # analyses the library
    assert run(capsys, "follow", "add", "Kestrel Airlines")[0] == 0
    assert run_json(capsys, "follow", "list", "--json")[0]["articles"] == 4
    before = run_json(capsys, "news", "--days", "60", "--json")
    code, out, _ = run(capsys, "mute", "add", "title:profit")
    assert code == 0 and out.startswith("1 article matches")
    timeline = run_json(capsys, "timeline", "Martin Doyle", "--json")
    assert [t["published"] for t in timeline] == ["2026-03-05", "2026-03-05", "2026-03-06"]
    stories = run_json(capsys, "stories", "--json")
    assert sorted(len(s["articles"]) for s in stories) == [3, 3, 3]
    assert run_json(capsys, "follow", "list", "--json")[0]["articles"] == 3
    news = run_json(capsys, "news", "--days", "60", "--json")
    assert news["articles"] == before["articles"] - 1
    kestrel = [o["articles"] for o in news["organizations"] if o["name"] == "Kestrel Airlines"]
    assert kestrel == [o["articles"] - 1 for o in before["organizations"] if o["name"] == "Kestrel Airlines"]
    code, _, err = run(capsys, "search", 'person:"Martin Doyle" since:2026-04-01', "--json")
    assert code == 1 and "profit" not in err
    # A rule naming a person mutes by the names index.
    code, out, _ = run(capsys, "mute", "add", 'person:"Martin Doyle"', "--dry-run")
    assert code == 0 and out.startswith("4 articles match")
