"""An analysed article for people and tools: Rich rendering, exports, fact lines, safe links."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.lazy import lazy_exports

if TYPE_CHECKING:
    from tui.output.export import export, to_html, to_json, to_markdown, to_terminal
    from tui.output.fact_lines import FACT_HEADINGS, facts_lines
    from tui.output.links import open_url_action, safe_url
    from tui.output.render import Palette, article_header, palette_for, render_body

__all__ = [
    "FACT_HEADINGS",
    "Palette",
    "article_header",
    "export",
    "facts_lines",
    "open_url_action",
    "palette_for",
    "render_body",
    "safe_url",
    "to_html",
    "to_json",
    "to_markdown",
    "to_terminal",
]
# Where each public name lives: imported on first use, so importing the package stays cheap.
_EXPORTS = {
    "export": "export",
    "to_json": "export",
    "to_markdown": "export",
    "to_html": "export",
    "to_terminal": "export",
    "facts_lines": "fact_lines",
    "FACT_HEADINGS": "fact_lines",
    "Palette": "render",
    "palette_for": "render",
    "render_body": "render",
    "article_header": "render",
    "safe_url": "links",
    "open_url_action": "links",
}
__getattr__ = lazy_exports(__name__, _EXPORTS)
