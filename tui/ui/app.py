"""The Textual app: loads the settings and the services, wires them into the screens, keeps the
keys every screen shares and remembers the UI state. Parsing and NLP live in the core modules."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from tui.core.lazy import lazy_module
from tui.store.bookmarks import BookmarkStore
from tui.store.config import Config, load_config
from tui.store.library import Library
from tui.store.paths import cache_dir, styles_dir
from tui.store.state import UiState, UiStateFile
from tui.ui import glyphs, start
from tui.ui.analysis_queue import AnalysisQueue
from tui.ui.messages import FollowToggled, Started, StateChanged
from tui.ui.screens.main import GROUP_NAMES, MainScreen
from tui.ui.threads import input_never_delays_exit, report_failed_worker, workers_never_delay_exit
from tui.ui.writer import Writer, writer_of


def drawn_colour(value: str) -> str | None:
    """The colour to draw for a colour of config.toml, as Textual's CSS knows it: "yellow" is
    CSS yellow (#FFFF00), which a 256-colour terminal shows as 226 and a 16-colour one as its bright
    yellow. Left as a terminal colour, Rich's "yellow" would go through Textual's ANSI theme, whose
    yellow is orange (#FD971F). `ansi_yellow` asks for the terminal's own colour 3, as Rich names
    it. None for what Textual does not know (Rich may: "bright_yellow", "color(226)")."""
    from textual.color import Color, ColorParseError

    try:
        parsed = Color.parse(value.strip())
    except ColorParseError:
        return None
    return f"color({parsed.ansi})" if parsed.ansi is not None else parsed.hex


if TYPE_CHECKING:
    from tui.analysis.model import Analyzer
    from tui.core import sanitize
    from tui.names.service import Names
    from tui.output.render import Palette
else:  # messages are cleaned when there are any, and the palette is the article view's (issue 20)
    sanitize = lazy_module("tui.core.sanitize")


class ConfigNote(Static):
    """What is wrong in config.toml, in the main screen's own layout: the list gives up the line(s)
    rather than a toast covering its rows; hidden while the terminal is too small (that message
    has the screen to itself). At most three lines; gone after `SECONDS`."""

    SECONDS = 30.0
    SCOPED_CSS = False  # the rule on `Screen.-too-small` reaches outside the widget
    DEFAULT_CSS = """
    ConfigNote {
        height: auto;
        max-height: 3;
        padding: 0 1;
        background: $warning-muted;
        color: $text;
    }
    Screen.-too-small ConfigNote {
        display: none;
    }
    """


class AsciiScrollBarRender(ScrollBarRender):
    """Scrollbars without eighth blocks (a console font lacks them): the thumb is its colour."""

    VERTICAL_BARS: ClassVar[list[str]] = [" "] * 8
    HORIZONTAL_BARS: ClassVar[list[str]] = [" "] * 8


class DatelineApp(App[None]):
    """Dateline: article list, reading pane with highlighted entities, facts sidebar."""

    TITLE = "Dateline"
    CSS_PATH = [str(styles_dir() / "app.tcss")]
    # The other screens' sheets, added when the first screen is pushed (`push_screen`): some 5 ms
    # of parsing the first frame does not need. In this order, after app.tcss, as when they were
    # all in CSS_PATH (order breaks ties between rules of equal specificity).
    SCREEN_SHEETS: ClassVar[tuple[str, ...]] = tuple(
        str(styles_dir() / name) for name in ("bookmarks.tcss", "mentions.tcss", "names.tcss", "feeds.tcss")
    )
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Keys"),
    ]

    def __init__(
        self,
        library: Library,
        *,
        analyzer: Analyzer | None = None,
        bookmarks: BookmarkStore | None = None,
        config: Config | None = None,
        ui_state: UiStateFile | None = None,
    ) -> None:
        super().__init__()
        self.analysis_queue = AnalysisQueue()  # spaCy for one job at a time (tui/ui/analysis_queue.py)
        self.glyphs = glyphs.use_for(os.environ)  # one table of symbols for the whole run
        self.set_class(self.glyphs.ascii, "-ascii")
        # Textual's own way to swap scrollbar glyphs (a class setting: set it either way).
        ScrollBar.renderer = AsciiScrollBarRender if self.glyphs.ascii else ScrollBarRender
        self.library = library
        # Made when first asked for (`analyzer`): right after the first frame, not before it.
        self._analyzer = analyzer
        self._analyzer_lock = threading.Lock()  # asked for from the UI thread and from workers
        # A short lock wait: a lock held by another instance must not hold the writes behind it
        # (and the exit) long. A timed-out change stays in memory and is retried.
        self.bookmarks = bookmarks or BookmarkStore(lock_timeout=0.5)
        self.config = config if config is not None else load_config(colour=drawn_colour)
        self.ui_state = ui_state or UiStateFile()
        # Bookmarks, follows and this state are written in order in one thread (tui/ui/writer.py).
        self.writer = Writer(on_error=lambda note: self.notify(note, severity="error", timeout=10))
        self._startup_messages: list[str] = []
        self._screen_sheets_added = False
        self._config_notes: list[str] = list(self.config.problems)  # on a line of their own
        self.saved_state = self._load_state()
        self._restore_theme(self.saved_state.theme)
        self._theme_restored = True  # from now on a change of theme is the user's
        self.main_screen = self._make_main_screen()

    @property
    def analyzer(self) -> Analyzer:
        """The analyzer handed in, or one made on first use: the model code (`tui.analysis`) is
        no part of the first frame (a test checks `sys.modules`); loading the model itself is
        the article view's worker's job."""
        with self._analyzer_lock:
            if self._analyzer is None:
                from tui.analysis.model import Analyzer

                self._analyzer = Analyzer(cache_dir())
            return self._analyzer

    def _load_state(self) -> UiState:
        try:
            state = self.ui_state.load()
        except OSError as exc:
            self._startup_messages.append(f"Could not read the saved UI state: {exc}")
            state = UiState()
        self._startup_messages.extend(self.ui_state.messages)
        self.ui_state.messages.clear()
        if state.hidden_groups is None:  # nothing saved yet: config.toml's choice
            state.hidden_groups = set(self.config.hidden_groups)
        return state

    def _restore_theme(self, name: str | None) -> None:
        """The theme picked in an earlier run, set before Textual parses the stylesheets: set in
        `on_mount`, Textual's watcher parsed all of them again (some 15 ms before the first frame).

        Textual's way to set a reactive without its watcher (`set_reactive`, its own example is
        the theme) leaves the watcher's work to do: the theme's class on the app and its CSS
        variables (nothing is parsed yet, so nothing again). The watcher also swaps the filter
        that maps ANSI colours to the dark or light terminal theme; where that would change (a
        light theme, or one drawn in the terminal's own colours) the watcher runs, at the cost of
        one more parse (`tests/ui/test_settings.py` checks both)."""
        if name is None or name == self.theme:
            return
        chosen, current = self.get_theme(name), self.current_theme
        if chosen is None:  # not a theme (any more): the default stays
            return
        if (chosen.dark, chosen.ansi) != (current.dark, current.ansi):
            self.theme = name
            return
        self.set_reactive(App.theme, name)
        self.set_class(False, *(c for c in self.classes if c.startswith("-theme-")), update=False)
        self.set_class(True, f"-theme-{name}", update=False)
        self.stylesheet.set_variables(self.get_css_variables())

    def _make_main_screen(self) -> MainScreen:
        self._startup_messages.extend(self.bookmarks.load())
        return MainScreen(
            self.library,
            lambda: self.analyzer,
            self.bookmarks,
            self._make_palette,
            self.saved_state,
            refresh_minutes=self.config.refresh_minutes,
        )

    def _make_palette(self) -> Palette:
        """How entities look on this terminal, with config.toml's colours: the article view's, so
        made when the main screen first asks (after the first frame), with its module."""
        from tui.output.render import palette_for

        colors = {label: drawn_colour(value) or value for label, value in self.config.colors.items()}
        return palette_for(os.environ, colors)

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        """Textual's push_screen, once the other screens' sheets are in (`add_screen_sheets`)."""
        self.add_screen_sheets()
        return super().push_screen(screen, *args, **kwargs)

    def add_screen_sheets(self) -> None:
        """Add `SCREEN_SHEETS` to the app's stylesheet, once. They stay user CSS, as in CSS_PATH
        (Textual's `Screen.CSS_PATH` would make it parse every sheet again when the screen first
        opens); nothing on screen needs them yet, so no style is applied again: the next styling
        parses these four sheets and reuses the parse of the others."""
        if self._screen_sheets_added:
            return
        self._screen_sheets_added = True
        for path in self.SCREEN_SHEETS:
            css = Path(path).read_text(encoding="utf-8")
            self.stylesheet.add_source(css, read_from=(os.path.abspath(path), ""), is_default_css=False)

    def run(self, *, headless: bool = False, size: tuple[int, int] | None = None, **options: Any) -> None:
        """Textual's run. On a terminal the list's first screenful is read in a thread meanwhile
        (`ListPane.read_first_ahead`), for the height the screen will have."""
        if not headless and MainScreen.PANES_AFTER_FIRST_FRAME is not False:
            import shutil  # as Textual's driver measures the terminal

            height = size[1] if size is not None else shutil.get_terminal_size().lines
            self.main_screen.list_pane.read_first_ahead(height)
        return super().run(headless=headless, size=size, **options)

    def get_key_display(self, binding: Binding) -> str:
        """The footer's name for a key: on a small-font console, words instead of symbols."""
        display = super().get_key_display(binding)
        return glyphs.ascii_key(display) if self.glyphs.ascii else display

    def get_default_screen(self) -> Screen[Any]:
        """The main screen is the bottom of the stack."""
        return self.main_screen

    def on_load(self) -> None:
        # Quitting never waits for a thread worker (a file read, a spaCy parse): see tui/ui/threads.py.
        workers_never_delay_exit()

    def on_mount(self) -> None:
        input_never_delays_exit(self)  # the terminal driver exists from here on
        for message in self._startup_messages:
            self.notify(message, severity="warning", timeout=10)
        if self._config_notes:
            self.call_after_refresh(self._show_config_notes)

    def _show_config_notes(self) -> None:
        """config.toml's problems on a line of the main screen above the footer, for
        `ConfigNote.SECONDS`: a toast would cover list rows, and "Terminal too small"."""
        note = ConfigNote(Text("\n".join(sanitize.clean_line(problem) for problem in self._config_notes)))
        self.main_screen.mount(note)
        self.set_timer(ConfigNote.SECONDS, note.remove)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Notify with plain text only: messages carry file names and article text (never markup)."""
        super().notify(
            sanitize.clean_text(message),
            title=sanitize.clean_line(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def action_help_quit(self) -> None:
        """Ctrl+C: say how to quit, in plain words (Textual's own message is markup)."""
        self.notify("Press Ctrl+Q to quit.", title="Do you want to quit?")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker of the app itself failed: logged and said (screens forward theirs here too)."""
        if event.state is WorkerState.ERROR:
            report_failed_worker(self, event.worker)

    async def action_quit(self) -> None:
        """q: quit at once; read marks still queued and the writes handed to the writer are made
        first (small local writes, bounded by a short lock wait), never waiting for the network or
        spaCy."""
        self.main_screen.feeds.save_read_marks_now()
        self.writer.drain()
        self.exit()

    @on(Started)
    def _started(self) -> None:
        start.end()  # the first frame is drawn and the panes are up: see tui/ui/start.py

    # ----- remembered state ---------------------------------------------------------------------
    @on(StateChanged)
    def _state_changed(self, message: StateChanged) -> None:
        self.saved_state = UiState(
            sort=message.state.sort,
            hidden_groups=message.state.hidden_groups,
            theme=self.saved_state.theme,
            hide_facts=message.state.hide_facts,
            hide_read=message.state.hide_read,
        )
        self._save_state()

    def watch_theme(self, theme: str) -> None:
        """A theme picked in the palette survives a restart."""
        if getattr(self, "_theme_restored", False) and theme != self.saved_state.theme:
            self.saved_state.theme = theme
            self._save_state()

    def _save_state(self) -> None:
        """Write the remembered state in the writer's thread (a lock and an fsync: not on the UI
        thread); at exit, whatever is not written yet is (`on_unmount`)."""
        self.writer.submit(self._write_state)

    def on_unmount(self) -> None:
        """However the app ends (q, Ctrl+C, a test's end): the writes handed over are made."""
        self.writer.drain()

    def _write_state(self) -> None:
        try:
            self.ui_state.save(self.saved_state)
        except OSError as exc:
            self.notify(f"Could not save settings: {exc}", severity="warning")
        for note in self.ui_state.messages:
            self.notify(note, severity="warning", timeout=10)
        self.ui_state.messages.clear()

    # ----- shared actions -----------------------------------------------------------------------
    def action_help(self) -> None:
        """Show every key."""
        from tui.ui.screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def _palette_follow(self, follow: bool) -> None:
        """The palette's Follow and Unfollow: the name highlighted in the facts sidebar, as w does
        but never the other way round ("Already following …"). Unfollow without one opens the
        names you follow, where w unfollows the one you pick."""
        from tui.ui.screens.names import set_follow
        from tui.ui.widgets.facts_sidebar import FactsSidebar

        main = self.main_screen
        if not follow and not main.query_one(FactsSidebar).has_focus:
            main.action_following()
            return
        chosen = main.names_part.fact_under_cursor("follow" if follow else "unfollow")
        if chosen is None:
            return
        name, writer = chosen[0], writer_of(self)

        def write(names: Names) -> None:
            main.post_message(FollowToggled(*set_follow(names, name, follow)))

        main.names_part.with_names(lambda names: writer.submit(lambda: write(names)))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's commands plus Dateline's actions in the command palette."""
        yield from super().get_system_commands(screen)
        main = self.main_screen
        yield SystemCommand("Bookmark", "Bookmark or un-bookmark the open article", main.action_bookmark)
        yield SystemCommand("Bookmarks", "Show all bookmarks", main.action_bookmarks)
        yield SystemCommand("Search", "Search titles and text", main.action_search)
        yield SystemCommand("Facts sidebar", "Show or hide the facts sidebar", main.action_toggle_facts)
        yield SystemCommand("Sort", "Sort by date, title or source", main.action_sort)
        yield SystemCommand("Export", "Export the open article (Markdown, HTML, JSON…)", main.action_export)
        yield SystemCommand("Open link", "Open the article's link (copied over SSH)", main.action_open_link)
        yield SystemCommand("Links", "The open article's links, numbered; one opens (L)", main.action_links)
        yield SystemCommand(
            "Follow",
            "Follow the name highlighted in the facts sidebar (w)",
            lambda: self._palette_follow(True),
        )
        yield SystemCommand(
            "Unfollow",
            "Stop following the name highlighted in the facts sidebar, or pick one you follow (W, then w)",
            lambda: self._palette_follow(False),
        )
        yield SystemCommand(
            "Correct name",
            "Correct the name highlighted in the facts in every article (c)",
            main.action_correct_name,
        )
        yield SystemCommand("Following", "Names you follow, their timelines (W)", main.action_following)
        yield SystemCommand("In the news", "Who is in the news lately (I)", main.action_in_the_news)
        yield SystemCommand("Group by story", "Group the list by story (g)", main.action_group_stories)
        yield SystemCommand("Feeds", "Every feed with its unread count; Enter shows one", main.action_feeds)
        yield SystemCommand("Refresh feeds", "Fetch every feed in the background", main.action_refresh_feeds)
        yield SystemCommand("Toggle unread", "Mark the article unread, or read", main.action_toggle_unread)
        yield SystemCommand("Mark all read", "Mark the whole list read", main.action_mark_view_read)
        yield SystemCommand("Help", "Show every key", self.action_help)
        for index, name in enumerate(GROUP_NAMES):
            yield SystemCommand(
                f"Toggle {name}",
                f"Hide or show {name} highlighting (key {index + 1})",
                lambda i=index: main.action_toggle_group(i),
            )
