"""Where Dateline keeps things (docs/ARCHITECTURE.md, "Directories"): platformdirs, each overridable."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "dateline"
_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # the `tui` package


def _dir(env: str, default: str) -> Path:
    value = os.environ.get(env)
    return Path(value).expanduser() if value else Path(default)


def config_dir() -> Path:
    """Holds config.toml and bookmarks.json."""
    return _dir("DATELINE_CONFIG_DIR", platformdirs.user_config_dir(APP_NAME))


def data_dir() -> Path:
    """The user's imported articles (never deleted by the app)."""
    return _dir("DATELINE_DATA_DIR", str(Path(platformdirs.user_data_dir(APP_NAME)) / "articles"))


def state_dir() -> Path:
    """User state that is not an article: UI state, read state, fetch state (never the cache dir)."""
    return _dir("DATELINE_STATE_DIR", platformdirs.user_data_dir(APP_NAME))


def cache_dir() -> Path:
    """The index and analysis cache: safe to delete, rebuilt on demand."""
    return _dir("DATELINE_CACHE_DIR", platformdirs.user_cache_dir(APP_NAME))


def _resource(name: str) -> Path:
    # Inside a wheel the folder is shipped in the package; in a checkout it sits beside it.
    packaged = _PACKAGE_DIR / name
    return packaged if packaged.is_dir() else _PACKAGE_DIR.parent / name


def styles_dir() -> Path:
    """The Textual CSS files."""
    return _resource("styles")


def samples_dir() -> Path:
    """The bundled sample articles."""
    return _resource("sample_articles")


def display_source(source: str) -> str:
    """A short, stable form of a source: bundled samples by name, home as ~, URLs as they are."""
    if "://" in source:
        return source
    try:
        path = Path(source).resolve()
    except (OSError, ValueError):
        return source
    samples = samples_dir().resolve()
    if path.is_relative_to(samples):
        return f"sample_articles/{path.relative_to(samples)}"
    home = Path.home()
    if path.is_relative_to(home):
        return f"~/{path.relative_to(home)}"
    return source


def compact_source(source: str) -> str:
    """What fits in a list row: a URL's host, a path's file name (the source itself otherwise)."""
    if "://" in source:
        return source.split("://", 1)[1].split("/", 1)[0]
    return source.rsplit("/", 1)[-1] or source


@dataclass(frozen=True)
class CacheLayout:
    """The one place that names the files in the cache dir. Every one of them is rebuilt on demand,
    so the whole directory is safe to delete."""

    root: Path

    @property
    def library_index(self) -> Path:
        """The library's SQLite/FTS5 index."""
        return self.root / "index.sqlite3"

    @property
    def analysis_cache(self) -> Path:
        """Analyses keyed by (article id, model)."""
        return self.root / "analysis.sqlite3"

    @property
    def entity_index(self) -> Path:
        """The separate entity index of earlier versions, now part of the names index: deleted
        when found (`tui.names.index.NameIndex`)."""
        return self.root / "entities.sqlite3"

    @property
    def names_index(self) -> Path:
        """One identity per name across the library, timelines and stories (tui.names)."""
        return self.root / "names.sqlite3"

    @property
    def log_file(self) -> Path:
        """Warnings from the libraries Dateline uses (never drawn over the screen)."""
        return self.root / "dateline.log"


def cache_layout() -> CacheLayout:
    """The cache layout under the current cache dir."""
    return CacheLayout(cache_dir())
