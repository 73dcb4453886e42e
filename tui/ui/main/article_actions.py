"""What the keys do with the open article: bookmark it (b) and the bookmarks screen (B), export it
(e), open its link (o) or one of its links (L, issue 21). The bookmark toggle (a lock and an fsync)
goes to the app's writer, the export's write to the dialog's worker; the keys only hand them over.
A `Part` (a widget that draws nothing): the screen routes the keys to it, and the `BookmarkToggled`
the bookmarks screen posts (`bookmark_toggled`).

A link opens with config.toml's `browser` when it is set ("w3m %u"): the terminal is handed over to
that command (Textual's `App.suspend`) and taken back when it exits; a browser that cannot start, or
exits with an error, is said with why. Without it: the system browser, or over SSH (or with no
display) the link is copied to the local clipboard with OSC 52.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from contextlib import AbstractContextManager, nullcontext

from textual import on
from textual.worker import Worker, WorkerState

from tui.core.sanitize import clean_line
from tui.store.bookmarks import BookmarkError
from tui.store.config import Config
from tui.ui.main.base import Part
from tui.ui.messages import BookmarkToggled
from tui.ui.threads import report_failed_worker
from tui.ui.writer import writer_of


class ArticleActions(Part):
    """b, B, e, o and L."""

    def bookmark(self) -> None:
        """Bookmark or un-bookmark the open article (written by the app's writer; the star
        follows)."""
        article = self.main.article
        if article is None:
            self.notify("Open an article first.", severity="warning")
            return
        article_id, title, source = article.id, article.title, article.source
        writer_of(self.app).submit(lambda: self.toggle_bookmark(article_id, title, source))

    def toggle_bookmark(self, article_id: str, title: str, source: str) -> None:
        """Toggle the bookmark (writer thread: the store takes the file's lock, waiting up to its
        timeout, and fsyncs); posts `BookmarkToggled` with what to say."""
        notes: list[tuple[str, str]] = []
        try:
            added = self.main.bookmarks.toggle(article_id, title, source)
        except BookmarkError as exc:
            notes.append((str(exc), "error"))
        else:
            notes.append(("Bookmarked." if added else "Bookmark removed.", "information"))
        notes.extend((note, "warning") for note in self.main.bookmarks.take_messages())
        self.post_message(BookmarkToggled(notes, self.main.list_pane.bookmarked_ids()))

    @on(BookmarkToggled)
    def _bookmark_toggled(self, message: BookmarkToggled) -> None:
        message.stop()  # said here, not again by the screen's routing
        self.bookmark_toggled(message)

    def bookmark_toggled(self, message: BookmarkToggled) -> None:
        """A bookmark write is done (here, or by the bookmarks screen once closed): say it, star."""
        for note, severity in message.notes:
            if severity == "information":
                self.notify(note, timeout=2)
            else:
                self.notify(note, title="Bookmarks", severity=severity, timeout=10)  # type: ignore[arg-type]
        self.main.list_pane.articles.set_bookmarked(message.bookmarked)

    def show_bookmarks(self) -> None:
        """The bookmarks screen."""
        from tui.ui.screens.bookmarks import BookmarksScreen

        self.app.push_screen(BookmarksScreen(self.main.bookmarks, self.main.library), self._bookmark_chosen)

    def _bookmark_chosen(self, article_id: str | None) -> None:
        """Back from the bookmarks screen: open the chosen article, refresh the list's marks."""
        articles = self.main.list_pane.articles
        articles.set_bookmarked(self.main.list_pane.bookmarked_ids())
        if article_id:
            self.main.open_article(article_id)
            articles.select_id(article_id)
            self.main.start_reading()

    def export(self) -> None:
        """Export the open article: choose a format, then where to write it."""
        if self.main.article is None:
            self.notify("Open an article first.", severity="warning")
            return
        from tui.ui.screens.export import ExportScreen

        self.app.push_screen(ExportScreen(), self._export_format_chosen)

    def _export_format_chosen(self, fmt: str | None) -> None:
        if fmt is None or self.main.article is None:
            return
        from tui.analysis.model import plain_analysis
        from tui.output.export import export
        from tui.store.atomic import write_new_file
        from tui.ui.screens.export import export_folder, export_target, extension
        from tui.ui.screens.prompt import TextPrompt

        article = self.main.article
        name = f"{slug(article.title)}-{article.id}.{extension(fmt)}"
        default = export_folder() / name
        reader = self.main.article_pane
        analysis = reader.analysis if reader.analysis is not None else plain_analysis(article, "")

        def write(answer: str) -> str | None:
            """Write the export; the error to show in the dialog, or None when it is written."""
            path = export_target(answer, name)
            try:
                write_new_file(path, export(article, analysis, fmt))
            except FileExistsError:
                return f"{path} exists; nothing was written. Choose another name."
            except OSError as exc:
                return f"Could not write {path}: {exc.strerror or exc}"
            self.notify(f"Exported to {path}", title="Export", timeout=10)
            return None

        prompt = TextPrompt(
            f"Export as {fmt} to",
            str(default),
            hint="Enter writes it (a folder: into it; never over a file) · Esc cancels",
            check=write,
            check_in_thread=True,  # a write (and on a slow disk, a slow one): not on the UI thread
        )
        self.app.push_screen(prompt)

    def open_link(self) -> None:
        """Open the article's web link (see `open_url`)."""
        from tui.output.links import safe_url

        article = self.main.article
        url = safe_url(article.url if article else None)
        if url is None:
            self.notify("This article has no web link.", severity="warning")
            return
        self.open_url(url)

    def links(self) -> None:
        """L: the open article's links, numbered (its own page first); one opens with `open_url`."""
        from tui.ui.screens.links import LinksScreen, article_links

        article = self.main.article
        if article is None:
            self.notify("Open an article first.", severity="warning")
            return
        links = article_links(article.url, article.links)
        if not links:
            self.notify("This article has no links.", severity="warning")
            return
        self.app.push_screen(LinksScreen(article.title, links, self.open_url))

    def open_url(self, url: str) -> None:
        """Open an http(s) link: with config.toml's `browser`, else the system browser; over SSH
        (or with no display) copy it to the local clipboard (OSC 52) instead."""
        from tui.output.links import open_url_action, safe_url

        if safe_url(url) is None:
            self.notify(f"Not an http(s) link: {clean_line(url)[:80]}", severity="warning")
            return
        config = getattr(self.app, "config", None)
        browser = config.browser if isinstance(config, Config) else None
        if browser:
            self._run_browser(browser, url)
            return
        if open_url_action(url, os.environ) == "osc52":
            self.app.copy_to_clipboard(url)
            self.notify(f"Link copied to your clipboard: {url}", title="Link", timeout=10)
        else:
            self.notify(f"Opening {url}", title="Link", timeout=5)
            import webbrowser  # only here: it costs 15 ms at start-up

            self.run_worker(lambda: webbrowser.open(url), thread=True, exit_on_error=False)

    def _run_browser(self, browser: str, url: str) -> None:
        """Run `browser` on `url` with the terminal handed over, and say why when it fails."""
        from textual.app import SuspendNotSupported

        program = shlex.split(browser)[0]  # config.toml's reader made sure it splits
        if shutil.which(program) is None:
            self.notify(
                f"The browser {program!r} was not found (browser = {browser!r} in config.toml).",
                title="Link",
                severity="error",
                timeout=10,
            )
            return
        try:
            with self._terminal_handed_over():
                done = subprocess.run(  # noqa: S602 - the user's own command line, the URL quoted
                    browser_command(browser, url),
                    shell=True,
                    stdin=None if not self.app.is_headless else subprocess.DEVNULL,
                    stdout=None if not self.app.is_headless else subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                    check=False,
                )
        except SuspendNotSupported:
            self.notify(
                f"This terminal cannot be handed over to {program}; unset browser in config.toml.",
                title="Link",
                severity="error",
                timeout=10,
            )
            return
        except OSError as exc:
            self.notify(f"Could not start {program}: {exc.strerror or exc}", title="Link", severity="error")
            return
        if done.returncode != 0:
            said = [clean_line(line) for line in done.stderr.decode("utf-8", "replace").splitlines()]
            why = next((line for line in reversed(said) if line), "")
            said_why = f": {why[:200]}" if why else "."
            self.notify(
                f"{os.path.basename(program)} exited with status {done.returncode}{said_why}",
                title="Link",
                severity="error",
                timeout=10,
            )

    def _terminal_handed_over(self) -> AbstractContextManager[object]:
        """The terminal given to a browser and taken back after it (`App.suspend`); under a headless
        driver (tests) there is no terminal to hand over."""
        return nullcontext() if self.app.is_headless else self.app.suspend()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The system browser's worker failed: log it and tell the user."""
        if event.state is WorkerState.ERROR:
            report_failed_worker(self.app, event.worker)


def browser_command(browser: str, url: str) -> str:
    """The shell command line that opens `url`: `%u` in `browser` replaced by the URL, shell-quoted
    (without `%u` the URL is appended)."""
    quoted = shlex.quote(url)
    return browser.replace("%u", quoted) if "%u" in browser else f"{browser} {quoted}"


def slug(title: str) -> str:
    """A file-name-safe short form of a title."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "article"
