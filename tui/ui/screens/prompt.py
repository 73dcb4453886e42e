"""A one-line question as a modal dialog (a bookmark's note, an export path)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class TextPrompt(ModalScreen[str | None]):
    """A one-line question: Enter answers with the text, Esc cancels (None).

    With `check`, Enter first runs it on the text: an error it returns is shown in the dialog,
    which stays open to try again; None closes it with the answer. `check_in_thread`: the check
    does disk work (an export's write), so it runs in a worker while the dialog says so."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        question: str,
        value: str,
        *,
        subject: str = "",
        hint: str = "",
        check: Callable[[str], str | None] | None = None,
        check_in_thread: bool = False,
        empty: str = "Type a path, or Esc to cancel.",
    ) -> None:
        super().__init__()
        self.check = check
        self.check_in_thread = check_in_thread
        self.empty = empty  # said when Enter is pressed on an empty answer (with `check`)
        self.question = question
        self.value = value
        self.subject = subject
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Static(Content.styled(self.question, "bold"), id="prompt-question")
            if self.subject:
                yield Static(Content(self.subject), id="prompt-subject")
            yield Input(value=self.value, id="prompt-input", select_on_focus=False)
            yield Static(Content(""), id="prompt-error")
            yield Static(Content.styled(self.hint or "Enter saves · Esc cancels", "dim"))

    def on_mount(self) -> None:
        self.query_one("#prompt-error", Static).display = False
        self.query_one("#prompt-input", Input).focus()

    @on(Input.Submitted, "#prompt-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.check is None:
            self.dismiss(event.value)
        elif not event.value.strip():
            self._checked(event.value, self.empty)
        elif self.check_in_thread:
            self._show_error("Working…")
            self._check_in_thread(self.check, event.value)
        else:
            self._checked(event.value, self.check(event.value))

    @work(thread=True, exclusive=True, group="prompt-check", exit_on_error=False)
    def _check_in_thread(self, check: Callable[[str], str | None], value: str) -> None:
        error = check(value)
        self.app.call_from_thread(self._checked, value, error)

    def _checked(self, value: str, error: str | None) -> None:
        if error:
            self._show_error(error)
        elif self.is_attached:
            self.dismiss(value)

    def _show_error(self, error: str) -> None:
        problem = self.query_one("#prompt-error", Static)
        problem.update(Content(error))
        problem.display = True

    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(None)
