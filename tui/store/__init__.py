"""What Dateline keeps: where files live, the library and its index, bookmarks, atomic writes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.lazy import lazy_exports

if TYPE_CHECKING:
    from tui.store.atomic import JsonDocument, LockTimeout, locked, move_aside, write_atomic, write_new_file
    from tui.store.bookmarks import Bookmark, BookmarkError, BookmarkStore
    from tui.store.cache_db import CacheDatabase
    from tui.store.library import ArticleSummary, ImportResult, Library, SearchHit
    from tui.store.paths import (
        CacheLayout,
        cache_dir,
        compact_source,
        config_dir,
        data_dir,
        display_source,
        state_dir,
    )

__all__ = [
    "ArticleSummary",
    "Bookmark",
    "BookmarkError",
    "BookmarkStore",
    "CacheDatabase",
    "CacheLayout",
    "ImportResult",
    "JsonDocument",
    "Library",
    "LockTimeout",
    "SearchHit",
    "cache_dir",
    "compact_source",
    "config_dir",
    "data_dir",
    "display_source",
    "locked",
    "move_aside",
    "state_dir",
    "write_atomic",
    "write_new_file",
]
# Where each public name lives: imported on first use, so importing the package stays cheap.
_EXPORTS = {
    "config_dir": "paths",
    "data_dir": "paths",
    "state_dir": "paths",
    "cache_dir": "paths",
    "CacheLayout": "paths",
    "display_source": "paths",
    "compact_source": "paths",
    "write_atomic": "atomic",
    "write_new_file": "atomic",
    "locked": "atomic",
    "move_aside": "atomic",
    "JsonDocument": "atomic",
    "LockTimeout": "atomic",
    "CacheDatabase": "cache_db",
    "Library": "library",
    "ArticleSummary": "library",
    "SearchHit": "library",
    "ImportResult": "library",
    "Bookmark": "bookmarks",
    "BookmarkStore": "bookmarks",
    "BookmarkError": "bookmarks",
}
__getattr__ = lazy_exports(__name__, _EXPORTS)
