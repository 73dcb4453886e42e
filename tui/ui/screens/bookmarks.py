"""The bookmarks screen (`B`): every bookmark, found again in the library or marked missing, to open,
delete (with undo), annotate, filter and export without a mouse.

A delete, an undo or a note takes the bookmarks file's lock and fsyncs it, which a slow disk or
another Dateline holding the lock makes take seconds: the key changes the list at once and hands
the write to the app's writer (`tui/ui/writer.py`), which makes the writes in order and drains at
exit; the list is read back from the store when the last write handed over is done.
"""

from __future__ import annotations

import os
import sqlite3
import textwrap
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.core.text import display_date, plural
from tui.store.atomic import write_new_file
from tui.store.bookmarks import Bookmark, BookmarkError, BookmarkStore
from tui.store.library import ArticleSummary, Library
from tui.store.paths import compact_source, data_dir
from tui.ui.glyphs import current as current_glyphs
from tui.ui.layout import MIN_HEIGHT, MIN_WIDTH, TOO_SMALL
from tui.ui.messages import BookmarkToggled, DataMessage
from tui.ui.screens.export import export_folder, export_target
from tui.ui.screens.prompt import TextPrompt
from tui.ui.widgets.choice_list import ChoiceList
from tui.ui.writer import writer_of

UNDO_SECONDS = 8.0
UNTITLED = "(untitled)"


# ----- what a row shows (plain functions, no widgets) --------------------------------------------


@dataclass(frozen=True)
class BookmarkRow:
    """A bookmark and the library article it resolves to (None: the article is missing)."""

    bookmark: Bookmark
    article: ArticleSummary | None

    @property
    def missing(self) -> bool:
        """True when the bookmarked article is not in the library."""
        return self.article is None

    @property
    def moved(self) -> bool:
        """True when the article was found by its source, under a different id (it was edited)."""
        return self.article is not None and self.article.id != self.bookmark.article_id


def local_added(added: str) -> str:
    """The date a bookmark was added, in local time, short: `4 Mar 2025 14:02`."""
    return display_date(added, with_time=True)


def one_line(text: str) -> str:
    """Text with its line breaks folded into spaces, for a one-line field."""
    return " ".join(text.split())


def row_matches(row: BookmarkRow, query: str) -> bool:
    """Whether every word of `query` is in the title, source or note (case-insensitive)."""
    bookmark = row.bookmark
    haystack = " ".join((bookmark.title, bookmark.source, bookmark.note)).casefold()
    return all(word in haystack for word in query.casefold().split())


NOTE_LINES = 2  # a long note is clipped in the list (the note dialog shows it whole)


def note_lines(note: str, width: int) -> list[str]:
    """A note as at most two indented lines of `width` cells, "…" where it was cut."""
    glyph = current_glyphs().note + " "
    room = max(8, width - 2 - len(glyph))
    lines = textwrap.wrap(one_line(note), room, max_lines=NOTE_LINES, placeholder=" …") or [""]
    return ["  " + glyph + lines[0], *("  " + " " * len(glyph) + line for line in lines[1:])]


def row_prompt(row: BookmarkRow, width: int = 80) -> Content:
    """The list row: title; source and date added; the note (two lines at most, `width` cells).
    Plain text, never markup."""
    bookmark = row.bookmark
    glyphs = current_glyphs()
    mark = (glyphs.missing if row.missing else glyphs.bookmark) + " "
    parts: list[Content] = [
        Content.styled(mark, "bold $text-warning" if row.missing else "bold"),
        Content.styled(bookmark.title or UNTITLED, "bold"),
    ]
    if row.missing:
        parts.append(Content.styled("  missing", "bold $text-warning"))
    meta = [compact_source(bookmark.source) or "no source", f"added {local_added(bookmark.added)}"]
    if row.moved:
        meta.append("found by source")
    parts.append(Content("\n  "))
    parts.append(Content.styled(" · ".join(meta), "dim"))
    if bookmark.note:
        parts.append(Content("\n"))
        parts.append(Content.styled("\n".join(note_lines(bookmark.note, width)), "italic"))
    return Content.assemble(*parts)


def resolve_rows(
    store: BookmarkStore, bookmarks: Iterable[Bookmark], summaries: Iterable[ArticleSummary]
) -> list[BookmarkRow]:
    """Each bookmark with its article: by id, else by a source only one article in the library has.

    A source shared by several articles (a feed, a publication name) cannot tell them apart, and a
    bare name such as "Reuters" only counts when the title is the same too.
    """
    summaries = list(summaries)
    by_id = {summary.id: summary for summary in summaries}
    counts = Counter(summary.source for summary in summaries)
    by_source = {s.source: s for s in summaries if s.source and counts[s.source] == 1}
    rows = []
    for bookmark in bookmarks:
        article = store.resolve(bookmark, by_id, by_source)
        if article is not None and article.id != bookmark.article_id:
            names_a_file = "/" in bookmark.source or "\\" in bookmark.source
            if not names_a_file and article.title != bookmark.title:
                article = None
        rows.append(BookmarkRow(bookmark, article))
    return rows


def default_export_path() -> Path:
    """Where the article exports go too (the working directory, else ~/Downloads, else home), but
    never inside the articles dir: a Markdown file there would be read as an article."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    folder = export_folder()
    articles = Path(os.path.abspath(data_dir()))
    if folder == articles or articles in folder.parents:
        folder = articles.parent
    return folder / f"dateline-bookmarks-{stamp}.md"


# ----- widgets ----------------------------------------------------------------------------------


class BookmarkList(ChoiceList):
    """The bookmarks, newest first; `Enter` opens."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open"),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]


class BookmarksScreen(ModalScreen[str | None]):
    """All bookmarks; dismissed with the id of the article to open, or None.

    Modal so that the main screen's keys (sort, facts, bookmark…) cannot act on widgets that are
    not on this screen.
    """

    class Written(DataMessage):
        """A write handed to the writer is done (writer thread); what to say, and which bookmark
        the cursor stays on."""

        notes: list[tuple[str, str]]  # (text, severity)
        keep: str | None

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d,delete", "delete", "Delete"),
        Binding("u", "undo", "Undo"),
        Binding("e", "edit_note", "Note"),
        Binding("slash", "filter", "Filter"),
        Binding("x", "export", "Export"),
        Binding("escape", "close", "Close"),
        Binding("q", "close", "Close", show=False),
    ]

    AUTO_FOCUS = None  # on_mount chooses: the list, or the filter when keys were typed ahead

    def __init__(self, store: BookmarkStore, library: Library) -> None:
        super().__init__()
        self.store = store
        self.library = library
        self.rows: list[BookmarkRow] = []
        self.shown: list[BookmarkRow] = []
        self._summaries: list[ArticleSummary] = []
        self._deleted: list[tuple[Bookmark, float]] = []
        self._writes = 0  # handed to the writer and not done yet: the list shows them already
        # Until the screen has been drawn once, letters typed after B (one read over SSH) are
        # type-ahead for the filter, even those that are commands on the list (d, u, e, x, q).
        self._typing_ahead = True

    def compose(self) -> ComposeResult:
        yield Header(icon=current_glyphs().header_icon)
        with Vertical(id="bookmarks-pane"):
            yield Input(
                placeholder="Filter by title, source or note (/)",
                id="bookmarks-filter",
                select_on_focus=False,
            )
            yield BookmarkList(id="bookmarks-list")
            yield Static(id="bookmarks-empty")
            yield Static(id="bookmarks-status")
        yield Static(Content(TOO_SMALL), id="bookmarks-too-small")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Dateline"
        self.query_one("#bookmarks-filter", Input).compact = True
        try:
            self._summaries = self.library.including_muted().summaries()  # a muted bookmark is not missing
        except (sqlite3.Error, OSError) as exc:
            self._notify_error(f"Could not read the library: {exc}. Every bookmark shows as missing.")
        self._reload()
        if not self.query_one("#bookmarks-filter", Input).value:  # else type-ahead is in the filter
            self.set_focus(self.query_one(BookmarkList))  # now: keys may already be queued
        self.call_after_refresh(self._end_type_ahead)

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < MIN_WIDTH or event.size.height < MIN_HEIGHT, "-too-small")
        if self.shown:
            self._show()  # notes are clipped to the new width

    def _end_type_ahead(self) -> None:
        self._typing_ahead = False

    # ----- showing ----------------------------------------------------------------------------

    @property
    def filter_text(self) -> str:
        """What the list is filtered by ("" for everything)."""
        return self.query_one("#bookmarks-filter", Input).value.strip()

    def _reload(self, keep: str | None = None) -> None:
        """Rebuild the rows from the store (newest first) and show those the filter lets through."""
        bookmarks = list(reversed(self.store.bookmarks))
        self.rows = resolve_rows(self.store, bookmarks, self._summaries)
        self._show(keep)

    def _show(self, keep: str | None = None) -> None:
        listing = self.query_one(BookmarkList)
        current = self.highlighted_row
        index = listing.highlighted if listing.highlighted is not None else 0
        keep = keep or (current.bookmark.article_id if current else None)
        query = self.filter_text
        self.shown = [row for row in self.rows if row_matches(row, query)]
        width = listing.scrollable_content_region.width or self.app.size.width - 2
        listing.set_options(Option(row_prompt(row, width), id=row.bookmark.article_id) for row in self.shown)
        if self.shown:
            ids = [row.bookmark.article_id for row in self.shown]
            listing.highlighted = ids.index(keep) if keep in ids else min(index, len(ids) - 1)
        self._show_status(query)

    def _show_status(self, query: str) -> None:
        total, shown = len(self.rows), len(self.shown)
        missing = sum(row.missing for row in self.shown)
        count = plural(total, "bookmark")
        status = f"{shown} of {count} match “{query}”" if query else count
        if missing:
            status += f" · {missing} missing"
        self.sub_title = f"Bookmarks · {total}"
        self.query_one("#bookmarks-status", Static).update(Content.styled(status, "dim"))
        empty = self.query_one("#bookmarks-empty", Static)
        if not total:
            message = "No bookmarks yet. Press b on an article to bookmark it; Esc goes back."
        elif not shown:
            message = "No bookmark matches the filter. Esc clears it."
        else:
            message = ""
        empty.update(Content(message))
        empty.display = bool(message)
        self.query_one(BookmarkList).display = not message

    @property
    def highlighted_row(self) -> BookmarkRow | None:
        """The row under the cursor, if any."""
        highlighted = self.query_one(BookmarkList).highlighted
        if highlighted is None or not 0 <= highlighted < len(self.shown):
            return None
        return self.shown[highlighted]

    def row_to_act_on(self) -> BookmarkRow | None:
        """The row under the cursor for a key to act on; with none, the bell rings."""
        row = self.highlighted_row
        if row is None:
            self.app.bell()
        return row

    # ----- notifications ----------------------------------------------------------------------

    def _notify_error(self, message: str) -> None:
        self.notify(message, title="Bookmarks", severity="error", timeout=10, markup=False)

    # ----- writing (the app's writer thread) ----------------------------------------------------

    def _hand_over(self, write: Callable[[], str | None], keep: str | None = None) -> None:
        """Run `write` (a store change: the lock and an fsync) in the app's writer, after those
        handed over before it; what it returns is said when it is done."""
        self._writes += 1
        app = self.app  # the writer thread has no active app: Textual finds it only on this thread
        writer_of(app).submit(partial(self._write, app, write, keep))

    def _write(self, app: App[object], write: Callable[[], str | None], keep: str | None) -> None:
        """Writer thread (or the exit's drain): make the change and post what to say."""
        notes: list[tuple[str, str]] = []
        failure: BookmarkError | None = None
        try:
            said = write()
        except BookmarkError as exc:
            failure = exc
            notes.append((str(exc), "error"))
        else:
            if said:
                notes.append((said, "information"))
        notes.extend((message, "warning") for message in self.store.take_messages())
        if self._open(app) and self.post_message(self.Written(notes, keep)):
            return
        if not self._tell_main(app, notes) and failure is not None:
            raise failure  # the writer says it in one line

    def _open(self, app: App[object]) -> bool:
        """Whether the screen is still on the app's stack (not closed by Esc or q)."""
        return self in list(app.screen_stack)

    def _tell_main(self, app: App[object], notes: list[tuple[str, str]]) -> bool:
        """The screen is closed: the main screen says what went wrong and puts its list's stars
        right (it read them from the store before this write was made). Whether it was told."""
        below = getattr(app, "main_screen", None)
        kept = [(note, severity) for note, severity in notes if severity != "information"]
        bookmarked = {bookmark.article_id for bookmark in self.store.bookmarks}
        return below is not None and bool(below.post_message(BookmarkToggled(kept, bookmarked)))

    @on(Written)
    def _written(self, message: Written) -> None:
        """A write is done: say what it said; after the last one, show the store as it now is."""
        if not self._open(self.app):
            self._tell_main(self.app, message.notes)
            return
        for note, severity in message.notes:
            if severity == "information":
                self.notify(note, timeout=3, markup=False)
            else:
                self.notify(note, title="Bookmarks", severity=severity, timeout=10, markup=False)  # type: ignore[arg-type]
        self._writes = max(0, self._writes - 1)
        if not self._writes:
            live = {bookmark.article_id for bookmark in self.store.bookmarks}
            self._deleted = [(b, when) for b, when in self._deleted if b.article_id not in live]
            self._reload(message.keep)

    def _show_rows(self, rows: list[BookmarkRow], keep: str | None = None) -> None:
        """Show `rows` now, before the store has them (a write is on its way)."""
        self.rows = rows
        self._show(keep)

    # ----- filtering --------------------------------------------------------------------------

    @on(Input.Changed, "#bookmarks-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show()

    @on(Input.Submitted, "#bookmarks-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(BookmarkList).focus()

    def action_filter(self) -> None:
        """Type to filter by title, source or note."""
        self.query_one("#bookmarks-filter", Input).focus()

    def on_key(self, event: events.Key) -> None:
        """Typing on the list filters it; Down from the filter goes back to the list."""
        listing = self.query_one(BookmarkList)
        search = self.query_one("#bookmarks-filter", Input)
        if self.focused is search and event.key == "down":
            event.stop()
            listing.focus()
        elif self._typing_ahead and event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            self.set_focus(search)
            search.insert_text_at_cursor(event.character)
        elif (
            self.focused is listing
            and event.is_printable
            and event.character
            and not event.character.isspace()
            and event.key not in self.active_bindings
        ):
            event.stop()
            event.prevent_default()
            search.focus()
            search.insert_text_at_cursor(event.character)

    # ----- actions ----------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#bookmarks-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        """Open the highlighted bookmark's article in the reader."""
        row = self.row_to_act_on()
        if row is None:
            return
        if row.article is None:
            title = row.bookmark.title or UNTITLED
            where = row.bookmark.source or "no source recorded"
            self.notify(
                f"“{title}” is not in the library any more ({where}); it cannot be opened. "
                "Import it again and the bookmark finds it.",
                title="Missing article",
                severity="warning",
                timeout=8,
                markup=False,
            )
            return
        self.dismiss(row.article.id)

    def action_delete(self) -> None:
        """Delete the highlighted bookmark; `u` brings it back for a few seconds."""
        row = self.row_to_act_on()
        if row is None:
            return
        bookmark = row.bookmark
        if self.store.read_only:
            self._hand_over(partial(self._remove, bookmark))  # says why nothing changes
            return
        self._deleted.append((bookmark, time.monotonic()))
        self.notify(
            f"Deleted “{bookmark.title or UNTITLED}”. Press u within {UNDO_SECONDS:g} s to undo.",
            title="Bookmarks",
            timeout=UNDO_SECONDS,
            markup=False,
        )
        self._show_rows([r for r in self.rows if r.bookmark.article_id != bookmark.article_id])
        self._hand_over(partial(self._remove, bookmark))

    def _remove(self, bookmark: Bookmark) -> str | None:
        """Writer thread: the delete."""
        self.store.remove(bookmark.article_id)
        return None

    def action_undo(self) -> None:
        """Bring back the most recently deleted bookmark, if it was deleted only seconds ago."""
        now = time.monotonic()
        self._deleted = [(b, when) for b, when in self._deleted if now - when < UNDO_SECONDS]
        if not self._deleted:
            self.notify("Nothing to undo.", timeout=3)
            return
        bookmark, _when = self._deleted.pop()
        back = resolve_rows(self.store, [bookmark], self._summaries)
        rows = [r for r in self.rows if r.bookmark.article_id != bookmark.article_id]
        newer = [r for r in rows if r.bookmark.added > bookmark.added]  # newest first
        self._show_rows([*newer, *back, *rows[len(newer) :]], keep=bookmark.article_id)
        self._hand_over(partial(self._restore, bookmark), keep=bookmark.article_id)

    def _restore(self, bookmark: Bookmark) -> str | None:
        """Writer thread: the undo."""
        self.store.restore(bookmark)
        if self.store.is_bookmarked(bookmark.article_id):
            return f"Restored “{bookmark.title or UNTITLED}”."
        return None

    def action_edit_note(self) -> None:
        """Edit the highlighted bookmark's note in a small dialog."""
        row = self.row_to_act_on()
        if row is None:
            return
        bookmark = row.bookmark
        prompt = TextPrompt(
            "Note",
            one_line(bookmark.note),
            subject=bookmark.title or UNTITLED,
            hint="Enter saves · Esc cancels · empty clears the note",
        )
        self.app.push_screen(prompt, partial(self._note_entered, bookmark.article_id))

    def _note_entered(self, article_id: str, note: str | None) -> None:
        if note is None:
            return
        row = next((r for r in self.rows if r.bookmark.article_id == article_id), None)
        if row is None:
            self._notify_error("That bookmark is gone; the note was not saved.")
            return
        if note.strip() == one_line(row.bookmark.note):
            return  # unchanged (and a note with line breaks keeps them)
        if not self.store.read_only:
            noted = replace(row, bookmark=replace(row.bookmark, note=note.strip()))
            self._show_rows([noted if r is row else r for r in self.rows], keep=article_id)
        self._hand_over(partial(self._set_note, article_id, note), keep=article_id)

    def _set_note(self, article_id: str, note: str) -> str | None:
        """Writer thread: the note."""
        try:
            self.store.set_note(article_id, note)
        except KeyError:
            raise BookmarkError("That bookmark is gone; the note was not saved.") from None
        return "Note saved." if note.strip() else "Note cleared."

    def action_export(self) -> None:
        """Write the bookmarks as Markdown to a file (the path is asked, with a default)."""
        prompt = TextPrompt(
            "Export bookmarks as Markdown to",
            str(default_export_path()),
            hint="Enter writes the file (never over an existing one) · Esc cancels",
        )
        self.app.push_screen(prompt, self._export_to)

    def _links(self) -> dict[str, str]:
        """Each bookmark's web link, through the article it resolves to in the library."""
        resolved = {row.bookmark.article_id: row.article.id for row in self.rows if row.article is not None}
        try:
            links = self.library.links(resolved.values())
        except (sqlite3.Error, OSError):
            return {}  # the export still lists every bookmark, with its source
        return {bookmark: links[article] for bookmark, article in resolved.items() if article in links}

    def _export_to(self, answer: str | None) -> None:
        if answer is None or not answer.strip():
            return
        path = export_target(answer, default_export_path().name)
        try:
            write_new_file(path, self.store.export_markdown(self._links()))
        except FileExistsError:
            self._notify_error(f"{path} already exists; nothing was written. Choose another name.")
        except OSError as exc:
            self._notify_error(f"Could not export to {path}: {exc.strerror or exc}.")
        else:
            count = len(self.store.bookmarks)
            self.notify(
                f"Exported {plural(count, 'bookmark')} to {path}",
                title="Bookmarks",
                timeout=10,
                markup=False,
            )

    def action_close(self) -> None:
        """Esc: leave the filter, clear it, or close the screen."""
        search = self.query_one("#bookmarks-filter", Input)
        listing = self.query_one(BookmarkList)
        if self.has_class("-too-small"):
            self.dismiss(None)  # nothing of the screen is shown: Esc leaves it
        elif self.focused is search:
            if search.value:
                search.value = ""
            listing.focus()
        elif search.value:
            search.value = ""
        else:
            self.dismiss(None)
