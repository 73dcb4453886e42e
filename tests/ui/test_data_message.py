"""`DataMessage` (tui/ui/messages.py): every worker message is declared by its fields alone and is
made a dataclass that is neither compared nor printed by value, the screens' own messages too."""

from __future__ import annotations

from tui.core.article import Article
from tui.ui.messages import ArticleLoaded, DataMessage, FollowToggled, ReadStateWritten
from tui.ui.screens.bookmarks import BookmarksScreen
from tui.ui.screens.mentions import MentionsScreen
from tui.ui.screens.names import FollowingScreen


def test_fields_are_set_by_position_and_by_name_and_defaults_hold() -> None:
    said = FollowToggled("Following Jane Doe.", 6, severity="information")
    assert (said.note, said.timeout, said.severity) == ("Following Jane Doe.", 6, "information")
    written = ReadStateWritten(["disk full"])
    assert written.notes == ["disk full"] and written.failed == []
    assert ReadStateWritten([]).failed is not written.failed  # a default factory, not one shared list


def test_two_equal_findings_are_two_messages() -> None:
    assert FollowToggled("a", 4, "information") != FollowToggled("a", 4, "information")


def test_no_repr_prints_a_body() -> None:
    body = "paragraph " * 100_000  # an article body may be 25 MB
    loaded = ArticleLoaded("id", Article("Title", body, "/x.txt"))
    assert len(repr(loaded)) < 200


def test_the_screens_messages_are_data_messages_with_their_handler_names() -> None:
    found = MentionsScreen.Found([], 3)
    assert isinstance(found, DataMessage) and found.unanalyzed == 3
    assert found.handler_name == "on_mentions_screen_found"
    assert FollowingScreen.FollowChanged("n", 4, "error").severity == "error"
    assert BookmarksScreen.Written([("Saved.", "information")], None).keep is None
