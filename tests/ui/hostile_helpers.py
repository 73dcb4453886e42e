"""Hostile inputs for the issue-5 tests, and checks that nothing from them reaches a terminal.

The files are written at test time (into tmp_path) so that no control bytes or big files are committed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

# Every kind of escape/control the article may carry. Each payload word is unique, so a test can
# assert that the payload is gone too, not just the ESC byte.
OSC_TITLE = "\x1b]0;PWNTITLE\x07"  # set the terminal's title
OSC_TITLE_ST = "\x1b]2;PWNTITLE2\x1b\\"  # same, ended by ST
OSC_CLIPBOARD = "\x1b]52;c;UFdOQ0xJUA==\x07"  # write "PWNCLIP" to the clipboard
OSC_HYPERLINK = "\x1b]8;;http://pwnlink.example/\x1b\\click\x1b]8;;\x1b\\"
CSI_COLOUR = "\x1b[31;1m"
CSI_CLEAR = "\x1b[2J\x1b[H"
C1_CSI = "\x9b31m"  # 8-bit CSI
C1_OSC = "\x9d0;PWNC1TITLE\x9c"  # 8-bit OSC ... ST
UNTERMINATED_OSC = "\x1b]0;PWNOPEN never terminated"
BIDI = "\u202eevil\u202c and \u2066iso\u2069"
BACKSPACES = "abc\x08\x08\x08XYZ"
NUL = "nul\x00here"
PAYLOAD_WORDS = ("PWNTITLE", "PWNTITLE2", "UFdOQ0xJUA", "pwnlink", "PWNC1TITLE", "PWNOPEN")

# Markup-like text that Rich/Textual would act on if it were ever parsed as markup.
MARKUP_BITS = (
    "[bold]x",
    "[/",
    "[0]",
    "[link=file:///etc/passwd]passwd[/link]",
    "[@click=app.quit]quit me[/]",
)
TRAILING_BACKSLASH = "ends with a backslash \\"
MARKUP_TITLE = "Markup [bold]x [/ [0] [@click=app.quit]quit[/] \\"

ESCAPE_TITLE = f"Escape {CSI_COLOUR}Title{OSC_TITLE} Harbour {C1_CSI}News{C1_OSC}"
ESCAPE_PARAGRAPHS = (
    f"The council in Leeds met on Monday {CSI_CLEAR}and voted {CSI_COLOUR}to close the old bridge.",
    f"Mayor Jane Porter said the repairs would cost four million pounds {OSC_CLIPBOARD}this year.",
    f"Residents can read the plan online {OSC_HYPERLINK} and write to the council {OSC_TITLE_ST}.",
    f"Engineers from Arup will start in March {C1_CSI}while traffic {C1_OSC}moves to Park Road.",
    f"Some text is hidden {BIDI} and some {BACKSPACES} is overwritten, {NUL} too.",
    f"A last paragraph breaks off {UNTERMINATED_OSC}",
    "The final paragraph is plain: the bridge reopens in 2027, the council said.",
)
MARKUP_PARAGRAPHS = (
    "The board of Northwind met in Oslo on Tuesday. " + " ".join(MARKUP_BITS) + ".",
    "Chair Maria Olsen spoke about [bold]x and [/ and [0] in the annual report.",
    "Readers may try [link=file:///etc/passwd]this link[/link] or [@click=app.quit]this one[/].",
    "A paragraph that " + TRAILING_BACKSLASH,
)

# ESC sequences a well-behaved renderer itself emits: SGR styles and cursor positioning only.
_RENDERER_SEQUENCES = re.compile(r"\x1b\[[0-9;:]*[mHK]|\x1b\[\?[0-9;]*[hl]")


def foreign_controls(output: str) -> list[str]:
    """ESC/C1 sequences in `output` that are not plain styling or cursor moves (should be none)."""
    rest = _RENDERER_SEQUENCES.sub("", output)
    return re.findall(r"[\x1b\x80-\x9f\x00\x08][^\x1b]{0,20}", rest)


def assert_inert(output: str) -> None:
    """No escape/control sequence or payload from the hostile article is in `output`."""
    bad = foreign_controls(output)
    assert not bad, f"control sequences reached the output: {bad!r}"
    assert "\x1b]" not in output, "an OSC sequence (title/clipboard/hyperlink) reached the output"
    for word in PAYLOAD_WORDS:
        assert word not in output, f"escape payload {word!r} reached the output"
    for ch in ("\u202e", "\u202c", "\u2066", "\u2069"):
        assert ch not in output, f"bidi control {ch!r} reached the output"


def write_escape_json(folder: Path, name: str = "escapes.json") -> Path:
    """A JSON article whose title and body carry every escape; JSON lets NUL in without being binary."""
    path = folder / name
    record = {"title": ESCAPE_TITLE, "body": "\n\n".join(ESCAPE_PARAGRAPHS), "url": "https://ex.ample/a"}
    path.write_text(json.dumps(record), encoding="utf-8")
    return path


def write_escape_txt(folder: Path, name: str = "escapes.txt") -> Path:
    """The same article as raw UTF-8 text, escape bytes in the file itself (NUL left out: binary)."""
    path = folder / name
    paragraphs = [p.replace(NUL, "nul here") for p in ESCAPE_PARAGRAPHS]
    path.write_text(ESCAPE_TITLE + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


def write_markup_json(folder: Path, name: str = "markup.json") -> Path:
    """A JSON article with markup-like title and body."""
    path = folder / name
    record = {"title": MARKUP_TITLE, "body": "\n\n".join(MARKUP_PARAGRAPHS)}
    path.write_text(json.dumps(record), encoding="utf-8")
    return path


def plain_article_text(title: str, sentences: int = 6) -> str:
    """A small clean article (title line, blank line, paragraphs) as text."""
    body = " ".join(
        f"The harbour authority in Bristol reported on Friday that trade rose for the {n}th month."
        for n in range(1, sentences + 1)
    )
    return f"{title}\n\n{body}\n\n{body}\n"


def summary_titles(app: Any) -> list[str]:
    """Titles in the app's article list."""
    from tui.ui.widgets.article_list import ArticleList

    return [s.title for s in app.query_one(ArticleList).summaries]


def terminal_frame(app: Any) -> str:
    """What the app would write to the terminal for a full redraw of the current screen.

    Headless `run_test` drops the driver's writes, so render the compositor's full update the same
    way `App._display` does for a real terminal.
    """
    update = app.screen._compositor.render_full_update()
    return str(update.render_segments(app.console))


async def settle(pilot: Any) -> None:
    """Let workers finish and their messages land (a worker cancelled by a newer one is fine)."""
    from textual.worker import WorkerCancelled

    for _ in range(3):
        for _attempt in range(5):
            try:
                await pilot.app.workers.wait_for_complete()
                break
            except WorkerCancelled:
                continue
        await pilot.pause()


async def open_title(pilot: Any, title: str, nth: int = 0) -> None:
    """Highlight the `nth` article with this title in the list, press Enter, settle."""
    from tui.ui.widgets.article_list import ArticleList

    articles = pilot.app.query_one(ArticleList)
    articles.focus()
    indexes = [i for i, s in enumerate(articles.summaries) if s.title == title]
    articles.highlighted = indexes[nth]
    await pilot.press("enter")
    await settle(pilot)
