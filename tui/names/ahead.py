"""New articles analysed ahead of time after a refresh, below the UI: the reader's refresh calls
`analyse_ahead` with the ids it brought, so they open highlighted at once."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from subprocess import Popen

ANALYSE_AHEAD = 100  # new articles analysed ahead of time after a refresh (the first ones of each feed)


def analyse_ahead(new_ids: list[str], limit: int = ANALYSE_AHEAD) -> Popen[bytes] | None:
    """Fill the analysis cache for new articles in a low-priority process of its own (no GIL shared
    with the UI; the exit does not wait for it), so they open highlighted at once. Not when the
    user follows names: then the reader analyses every new article itself to announce them. Off
    with DATELINE_ANALYSE_AHEAD=0. The process, if one was started."""
    if not new_ids or os.environ.get("DATELINE_ANALYSE_AHEAD", "1").strip() == "0":
        return None
    from tui.analysis.background import start_background_analysis
    from tui.names.follows import Follows

    # A glance that never moves a damaged follows file aside: the names code does, and says so.
    if Follows().peek():
        return None
    return start_background_analysis(new_ids[:limit])


__all__ = ["ANALYSE_AHEAD", "analyse_ahead"]
