"""Issue 21: `Subscriptions.rename`, the feeds screen's `e` (the user's title, as `feeds add --title`),
and the folder and tags `load_overviews` hands the screen for its filter."""

from __future__ import annotations

from pathlib import Path

from tui.feeds import Subscription, Subscriptions
from tui.feeds.overview import load_overviews
from tui.store.library import Library


def test_rename_gives_the_users_title_cleaned_and_keeps_the_rest(isolated_dirs: dict[str, Path]) -> None:
    url = "http://127.0.0.1:9/a.xml"
    Subscriptions().add(Subscription(url, "Alpha", full_text="never", folder="News", tags=("sea",)))
    assert Subscriptions().rename(url + " ", "Harbour\x1b[31m Times")
    (renamed,) = Subscriptions().load()
    assert renamed.title == "Harbour Times"  # no escape sequence reaches the terminal
    assert (renamed.full_text, renamed.folder, renamed.tags) == ("never", "News", ("sea",))
    assert renamed.added
    assert Subscriptions().rename(url, "")
    assert Subscriptions().load()[0].title == ""  # the feed's own title is shown again


def test_rename_of_a_feed_not_subscribed_changes_nothing(isolated_dirs: dict[str, Path]) -> None:
    Subscriptions().add(Subscription("http://127.0.0.1:9/a.xml", "Alpha"))
    assert not Subscriptions().rename("http://127.0.0.1:9/b.xml", "Beta")
    assert [s.title for s in Subscriptions().load()] == ["Alpha"]


def test_overviews_carry_folder_and_tags_but_the_json_contract_is_unchanged(
    isolated_dirs: dict[str, Path],
) -> None:
    url = "http://127.0.0.1:9/a.xml"
    Subscriptions().add(Subscription(url, "Alpha", folder="News", tags=("sea", "daily")))
    (row,), _ = load_overviews(Library.default())
    assert (row.folder, row.tags) == ("News", ("sea", "daily"))
    assert set(row.to_json()) == {"url", "title", "articles", "unread", "last_refresh", "last_error"}
