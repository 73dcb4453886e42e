"""Following names: the followed names with their new articles (`W`), a name's timeline with a
per-week chart, and who is in the news (`I`) as bar charts.

In who is in the news, `Enter` opens a name's timeline and `w` follows it (again: stops); in the
followed names, `w` (or `d`) stops following the highlighted one and `u` follows it again. The
follows are written in the app's writer thread (`set_follow`); the main screen is told, to mark
the list again.

Each screen first brings the names index up to date in a thread worker (analysing what is not
analysed yet: spaCy), showing what the index already has meanwhile. When the index is being rebuilt
(the cache dir was deleted), the followed names are listed at once from `follows.json` with "…" for
their counts, and the status line says the index is being rebuilt. Charts are plain characters
(bars, a sparkline) with their numbers beside them, so they read the same in NO_COLOR and at 80x24.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.widgets import OptionList, Sparkline, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tui.core.text import display_date, plural
from tui.names.follows import Follow
from tui.names.identity import identity_key
from tui.names.index import NameCount, NewsPicture, TimelineEntry
from tui.names.service import Names, NoModel
from tui.store.paths import display_source
from tui.ui.analysis_queue import queue_of
from tui.ui.messages import DataMessage, FollowToggled
from tui.ui.screens.list_modal import ListModal
from tui.ui.widgets.choice_list import ChoiceList
from tui.ui.writer import writer_of

BAR = "█"
MAX_BAR = 30
REBUILDING = "Rebuilding the names index…"
PENDING = "…"  # a count not known yet


def set_follow(names: Names, name: str, follow: bool, label: str | None = None) -> tuple[str, float, str]:
    """Follow `name` (with `label`, when given) or stop following it, in the writer thread
    (follows.json is locked and fsynced); returns what to say: (note, seconds, severity)."""
    key = identity_key(name)
    try:
        following = any(identity_key(f.name) == key for f in names.follows.load())
        if follow == following:
            return (
                f"Already following {name}." if follow else f"You do not follow {name}.",
                4,
                "information",
            )
        if follow:
            names.follows.add(name, label)
            note = f"Following {name}: marked in the list and in articles; W lists the names you follow."
            return note, 6, "information"
        names.follows.remove(name)
        return f"No longer following {name}.", 4, "information"
    except (OSError, ValueError) as exc:
        return f"Could not change your follows: {exc}", 10, "error"


class _NamesScreen(ListModal[object]):
    """What the three screens share (besides `ListModal`'s closing keys): the update worker, drawing
    at once and again when it is done, opening a name's timeline, and changing a follow."""

    class Ready(DataMessage):
        """The names index is up to date (or could not be: `problem`)."""

        problem: str | None

    class FollowChanged(DataMessage):
        """A follow was written (or could not be): what to say."""

        note: str
        timeout: float
        severity: str

    def __init__(self, names: Names) -> None:
        super().__init__()
        self.names = names
        # Until the first update: the index is empty while there are names to count.
        self.rebuilding = names.needs_rebuild()

    def on_mount(self) -> None:
        """Show what the index has at once, and start bringing it up to date."""
        self.query_one(OptionList).focus()
        self._show()
        self._worker = self.update_index()

    @work(thread=True, exclusive=True, group="names", exit_on_error=False)
    def update_index(self) -> None:
        """Analyse what is not analysed yet and update the names index (no widgets touched)."""
        worker = get_current_worker()
        try:
            queue_of(self.app).prepare(self.names, lambda: worker.is_cancelled)
        except NoModel as problem:
            self.post_message(self.Ready(str(problem)))
            return
        except Exception as exc:  # a broken cache must not end the app
            self.post_message(self.Ready(str(exc)))
            raise
        self.post_message(self.Ready(None))

    def _show(self, problem: str | None = None) -> None:
        """Draw what the index has (and `problem`, if bringing it up to date failed)."""
        raise NotImplementedError

    def _show_status(self, status: str, problem: str | None) -> None:
        if self.rebuilding:
            status = f"{REBUILDING} · {status}"
        self.query_one("#names-status", Static).update(Text(status + (f" · {problem}" if problem else "")))

    @on(Ready)
    def _ready(self, message: Ready) -> None:
        self.rebuilding = False
        self._show(message.problem)

    def change_follow(self, name: str, follow: bool, label: str | None = None) -> None:
        """Follow or stop following `name` in the app's writer thread; the screen redraws and the
        main screen (which marks the list) is told once it is written."""
        names = self.names

        def write() -> None:
            self.post_message(self.FollowChanged(*set_follow(names, name, follow, label)))

        writer_of(self.app).submit(write)

    @on(FollowChanged)
    def _follow_changed(self, message: FollowChanged) -> None:
        main = getattr(self.app, "main_screen", None)
        if isinstance(main, Screen):  # it says so and marks the list and the article again
            main.post_message(FollowToggled(message.note, message.timeout, message.severity))
        else:
            severity: SeverityLevel = "error" if message.severity == "error" else "information"
            self.app.notify(message.note, severity=severity, timeout=message.timeout)
        self._show()

    def open_timeline(self, name: str) -> None:
        """Push `name`'s timeline; the article chosen there is this screen's result too."""

        def opened(result: object) -> None:
            if result is not None:
                self.dismiss(result)

        self.app.push_screen(TimelineScreen(self.names, name), opened)


# ----- Following (W) -----------------------------------------------------------------------------------
def follow_row(count: NameCount, pending: bool = False) -> Text:
    """A followed name: name, label, articles and new ones (plain text, no markup); `pending`:
    the index is being rebuilt, the counts are not known yet."""
    text = Text()
    text.append(count.name or count.key, style="bold")
    if pending:
        text.append(f"  {count.label or PENDING}  ", style="dim")
        text.append(f"{PENDING} articles")
        return text
    text.append(f"  {count.label or 'not in the library yet'}  ", style="dim")
    text.append(plural(count.articles, "article"))
    if count.new:
        text.append(f" · {count.new} new", style="bold")
    return text


class FollowingScreen(_NamesScreen):
    """The followed names with their article and new counts; Enter opens a name's timeline, whose
    chosen article (id, offset of the first mention) this screen returns; w or d stops following
    the highlighted name, u follows it again."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w", "unfollow", "Unfollow"),
        Binding("d", "unfollow", "Unfollow", show=False),
        Binding("u", "follow_again", "Undo", show=False),
    ]

    def __init__(self, names: Names) -> None:
        super().__init__(names)
        self.unfollowed: Follow | None = None  # what u follows again

    def compose(self) -> ComposeResult:
        with Vertical(id="names-box"):
            yield Static(Text("Following"), id="names-title")
            yield Static(Text("Updating…"), id="names-status")
            yield ChoiceList(id="names-list")
            yield Static(
                Text(
                    "Enter: timeline · w: unfollow (u: undo) · Esc: close · follow with w on a fact or in I"
                ),
                id="names-hint",
            )

    def action_unfollow(self) -> None:
        """w / d: stop following the highlighted name (u follows it again)."""
        listing = self.query_one(OptionList)
        if listing.highlighted is None:
            return
        name = listing.get_option_at_index(listing.highlighted).id
        chosen = next((f for f in self.names.follows.load() if f.name == name), None)
        if chosen is not None:
            self.unfollowed = chosen
            self.change_follow(chosen.name, False)

    def action_follow_again(self) -> None:
        """u: follow again the name just unfollowed here."""
        if self.unfollowed is not None:
            again, self.unfollowed = self.unfollowed, None
            self.change_follow(again.name, True, again.label)

    def _show(self, problem: str | None = None) -> None:
        follows = self.names.follows.load()
        if self.rebuilding:  # from follows.json alone, at once
            counts = [NameCount(identity_key(f.name), f.name, f.label or "", 0) for f in follows]
        else:
            counts = self.names.index.follow_counts(
                [(f.name, f.label) for f in follows], self.names.read_state()
            )
        listing = self.query_one(OptionList)
        was = listing.highlighted
        listing.set_options(
            [Option(follow_row(c, self.rebuilding), id=f.name) for f, c in zip(follows, counts, strict=True)]
        )
        if follows:  # the same place after a name is unfollowed
            listing.highlighted = min(was or 0, len(follows) - 1)
        status = plural(len(follows), "name") + " followed" if follows else "You follow no one yet."
        self._show_status(status, problem)

    @on(OptionList.OptionSelected, "#names-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.open_timeline(event.option.id)


# ----- Timeline ----------------------------------------------------------------------------------------
def dated_days(entries: list[TimelineEntry]) -> list[date]:
    """The days of the dated entries, in their order."""
    days = []
    for entry in entries:
        try:
            days.append(date.fromisoformat((entry.published or "")[:10]))
        except ValueError:
            continue
    return days


def weekly_counts(entries: list[TimelineEntry]) -> tuple[date | None, list[int]]:
    """Articles per week (Monday to Sunday) from the first dated one to the last."""
    days = dated_days(entries)
    if not days:
        return None, []
    start = min(days) - timedelta(days=min(days).weekday())
    weeks = [0] * ((max(days) - start).days // 7 + 1)
    for day in days:
        weeks[(day - start).days // 7] += 1
    return start, weeks


def timeline_row(entry: TimelineEntry) -> Text:
    """Date, source and title, then the sentence of the first mention."""
    text = Text()
    text.append(display_date(entry.published) if entry.published else "undated", style="bold")
    text.append(f"  {entry.title}", style="bold")
    text.append(f"\n    {display_source(entry.source)} · ×{entry.mentions}", style="dim")
    if entry.sentence:
        text.append(f"\n    {entry.sentence}")
    return text


class TimelineScreen(_NamesScreen):
    """Every article naming a name, oldest first, with a per-week chart; Enter returns
    (article id, offset of the name's first mention there or None)."""

    def __init__(self, names: Names, name: str) -> None:
        super().__init__(names)
        self.name_asked = name
        self.entries: list[TimelineEntry] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="names-box"):
            yield Static(Text(self.name_asked), id="names-title")
            yield Static(Text("Updating…"), id="names-status")
            yield Sparkline([], id="timeline-chart")
            yield Static(Text(""), id="timeline-axis")
            yield ChoiceList(id="names-list")
            yield Static(Text("Enter: open the article at the mention · Esc: back"), id="names-hint")

    def _show(self, problem: str | None = None) -> None:
        self.entries = self.names.index.timeline(self.name_asked)
        identity = self.names.index.identity(self.name_asked)
        if identity is not None:
            self.query_one("#names-title", Static).update(Text(f"{identity.name} ({identity.label})"))
        listing = self.query_one(OptionList)
        listing.set_options([Option(timeline_row(e), id=e.article_id) for e in self.entries])
        if self.entries:
            listing.highlighted = 0
        start, weeks = weekly_counts(self.entries)
        chart = self.query_one(Sparkline)
        chart.data = weeks
        chart.display = len(weeks) > 1
        axis = self.query_one("#timeline-axis", Static)
        axis.display = len(weeks) > 1
        if start is not None and len(weeks) > 1:
            days = dated_days(self.entries)  # the range is the articles', not the weeks' Mondays
            span = f"{display_date(min(days).isoformat())} to {display_date(max(days).isoformat())}"
            axis.update(Text(f"per week, {span}: most {max(weeks)}", style="dim"))
        status = plural(len(self.entries), "article") if self.entries else "No article names it yet."
        self._show_status(status, problem)

    @on(OptionList.OptionSelected, "#names-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = next((e for e in self.entries if e.article_id == event.option.id), None)
        if chosen is not None:
            self.dismiss((chosen.article_id, chosen.first))


# ----- Who is in the news (I) ------------------------------------------------------------------------
def bar_layout(counts: list[NameCount], width: int) -> tuple[int, int, int]:
    """(name column width, room for the longest bar, the top count) of a chart `width` wide."""
    if not counts:
        return 8, 4, 1
    label_width = min(max(len(c.name) for c in counts), max(8, width // 3))
    bar_room = max(4, min(MAX_BAR, width - label_width - 14))
    return label_width, bar_room, max(c.articles for c in counts)


def bar_row(
    count: NameCount, layout: tuple[int, int, int], rising: bool = False, followed: bool = False
) -> Text:
    """One name of a bar chart: name, bar of █ scaled to the layout's room, count (and before,
    for risers; "followed" for a name the user follows)."""
    label_width, bar_room, top = layout
    name = count.name if len(count.name) <= label_width else count.name[: label_width - 1] + "…"
    text = Text(f"  {name:<{label_width}} ")
    text.append(BAR * max(1, round(bar_room * count.articles / top)), style="bold")
    text.append(f" {count.articles}")
    if rising:
        text.append(f" (was {count.previous})", style="dim")
    if followed:
        text.append(" · followed", style="bold")
    return text


def bar_chart(title: str, counts: list[NameCount], width: int, rising: bool = False) -> Text:
    """A titled bar chart of names: name, bar of █ scaled to `width`, count (and before, for risers)."""
    text = Text(title, style="bold")
    if not counts:
        text.append("\n  none in this period")
        return text
    layout = bar_layout(counts, width)
    for count in counts:
        text.append("\n")
        text.append_text(bar_row(count, layout, rising))
    return text


class NewsScreen(_NamesScreen):
    """Top people, organisations and places of the last 7 and 30 days (to the newest article), and
    the names rising fastest against the period before, as bar charts whose rows are names:
    Enter opens a name's timeline (Enter there returns that article, as the Following screen
    does), `w` follows the name (again: stops); `t` switches 7/30 days."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "toggle_period", "7/30 days"),
        Binding("w", "follow", "Follow"),
    ]
    SECTIONS = ("people", "organizations", "places", "rising")

    def __init__(self, names: Names, days: int = 7) -> None:
        super().__init__(names)
        self.days = days
        self.picture: NewsPicture | None = None
        self.rows: dict[str, NameCount] = {}  # option id -> the name on that row

    def compose(self) -> ComposeResult:
        with Vertical(id="names-box"):
            yield Static(Text("Who is in the news"), id="names-title")
            yield Static(Text("Updating…"), id="names-status")
            yield ChoiceList(id="names-list")
            yield Static(Text("Enter: timeline · w: follow · t: 7 or 30 days · Esc: close"), id="names-hint")

    def _show(self, problem: str | None = None) -> None:
        end = self.names.index.latest_day() or date.today()
        picture = self.picture = self.names.index.in_the_news(self.days, end, limit=5)
        width = max(20, self.size.width - 8)
        followed = {identity_key(f.name) for f in self.names.follows.load()}
        titles = {
            "people": ("People", picture.people, False),
            "organizations": ("Organisations", picture.organizations, False),
            "places": ("Places", picture.places, False),
            "rising": (f"Rising (against the {self.days} days before)", picture.rising, True),
        }
        listing = self.query_one(OptionList)
        was = listing.highlighted_option.id if listing.highlighted_option is not None else None
        options: list[Option] = []
        self.rows = {}
        for section, (title, counts, rising) in titles.items():
            if options:
                options.append(Option(Text(""), disabled=True))
            options.append(Option(Text(title, style="bold"), id=f"news-{section}", disabled=True))
            if not counts:
                options.append(Option(Text("  none in this period"), disabled=True))
            layout = bar_layout(counts, width)
            for number, count in enumerate(counts):
                option_id = f"{section}-{number}"
                self.rows[option_id] = count
                is_followed = count.key in followed or identity_key(count.name) in followed
                options.append(Option(bar_row(count, layout, rising, is_followed), id=option_id))
        listing.set_options(options)
        ids = [option.id for option in options if option.id is not None and not option.disabled]
        if ids:
            listing.highlighted = listing.get_option_index(was if was in ids else ids[0])
        first, last = display_date(picture.start.isoformat()), display_date(picture.end.isoformat())
        status = f"Last {self.days} days, {first} to {last}: {plural(picture.articles, 'article')}"
        self._show_status(status, problem)

    def chosen(self) -> NameCount | None:
        """The name on the highlighted row."""
        option = self.query_one(OptionList).highlighted_option
        return self.rows.get(option.id or "") if option is not None else None

    def on_resize(self) -> None:
        if self.picture is not None:
            self._show()

    def action_toggle_period(self) -> None:
        """t: 7 days or 30 days."""
        self.days = 30 if self.days == 7 else 7
        self._show()

    def action_follow(self) -> None:
        """w: follow the highlighted name (w again: stop following it)."""
        count = self.chosen()
        if count is None:
            return
        key = identity_key(count.name)
        following = any(identity_key(f.name) == key for f in self.names.follows.load())
        self.change_follow(count.name, not following)

    @on(OptionList.OptionSelected, "#names-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        """Enter: the name's timeline; the article chosen there is this screen's result."""
        event.stop()
        count = self.rows.get(event.option.id or "")
        if count is not None:
            self.open_timeline(count.name)


# ----- Correcting a name (c on a fact) ------------------------------------------------------------------
class CorrectNameScreen(ModalScreen[str | None]):
    """Correct a name across the library: p, o or l shows it as a person, an organisation or a
    place; m merges it into another name, s splits it from one (asked with a TextPrompt). Returns
    what was done, for the caller to say (and to redraw the facts), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("p", "relabel('PERSON')", "Person"),
        Binding("o", "relabel('ORG')", "Organisation"),
        Binding("l", "relabel('GPE')", "Place"),
        Binding("m", "merge", "Merge into…"),
        Binding("s", "split", "Split from…"),
    ]

    def __init__(self, names: Names, name: str, label: str = "") -> None:
        super().__init__()
        self.names = names
        self.name_shown = name
        self.label = label

    def compose(self) -> ComposeResult:
        with Vertical(id="names-box", classes="correct-box"):
            yield Static(
                Text(f"Correct “{self.name_shown}”" + (f" ({self.label})" if self.label else "")),
                id="names-title",
            )
            yield Static(
                Text(
                    "p person · o organisation · l place\n"
                    "m the same as another name… · s not the same as another name…\n"
                    "Applies to every article; kept in names.json. Esc cancels."
                ),
                id="names-hint",
            )

    def action_relabel(self, label: str) -> None:
        """Show the name with `label` everywhere."""
        self._apply(
            lambda: self.names.corrections.relabel(self.name_shown, label),
            f"{self.name_shown} is now shown as {label} in every article",
        )

    def action_merge(self) -> None:
        """Ask which name this one is the same as, then merge."""
        self._ask_other(
            "The same as which name?",
            "Enter merges · Esc cancels",
            lambda other: self.names.corrections.merge(self.name_shown, other),
            lambda other: f"{self.name_shown} now counts as {other} in every article",
        )

    def action_split(self) -> None:
        """Ask which name this one must not be counted as, then split."""
        self._ask_other(
            "Not the same as which name?",
            "Enter splits · Esc cancels",
            lambda other: self.names.corrections.split(self.name_shown, other),
            lambda other: f"{self.name_shown} no longer counts as {other}",
        )

    def _ask_other(
        self,
        question: str,
        hint: str,
        change: Callable[[str], object],
        done: Callable[[str], str],
    ) -> None:
        """Ask for the other name of a merge or split, then apply `change` to it."""
        from tui.ui.screens.prompt import TextPrompt

        def answered(other: str | None) -> None:
            if other and other.strip():
                name = other.strip()
                self._apply(lambda: change(name), done(name))

        self.app.push_screen(TextPrompt(question, "", subject=self.name_shown, hint=hint), answered)

    def _apply(self, change: Callable[[], object], done: str) -> None:
        try:
            change()
        except (ValueError, OSError) as problem:
            self.query_one("#names-title", Static).update(Text(f"Not changed: {problem}"))
            return
        self.names.reload_corrections()
        self.dismiss(done)

    def action_cancel(self) -> None:
        """Close without a change."""
        self.dismiss(None)
