"""`DataMessage` (tui/ui/messages.py): every worker message is declared by its fields alone and is
made a dataclass that is neither compared nor printed by value, the screens' own messages too."""

from __future__ import annotations

import dataclasses

import pytest

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


def test_the_init_is_the_dataclass_one_made_without_compiling_source_per_class() -> None:
    """Issue 20: a compiled `__init__` per message was three quarters of this module's import, a part
    of the first frame; one code object serves them all (the gain, checked without timing it), and
    it takes what the dataclass's would, and refuses what it would."""
    assert FollowToggled.__init__.__code__ is ReadStateWritten.__init__.__code__
    said = FollowToggled(note="a", timeout=3, severity="error")
    assert dataclasses.replace(said, note="b").note == "b" and said.handler_name == "on_follow_toggled"
    assert [f.name for f in dataclasses.fields(said)] == ["note", "timeout", "severity"]
    for bad in (
        lambda: FollowToggled("a"),  # a field missing
        lambda: FollowToggled("a", 1, "b", "c"),  # one too many
        lambda: FollowToggled("a", 1, "b", note="x"),  # given twice
        lambda: FollowToggled("a", 1, "b", colour="red"),  # no such field
    ):
        with pytest.raises(TypeError):
            bad()
