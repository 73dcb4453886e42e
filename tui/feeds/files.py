"""The article files of one refresh: written, or renamed into place from the temp file a worker
process wrote, fsynced in the background, and queued for the library index; old ones removed.

Every article file is `<user_dir>/<id>.json` (read back by the library like an import). A file
becomes visible only by a rename, so a reader never sees half an article; a file that exists but
that no state records (its refresh was killed before saving) is new again, exactly once
(`_orphaned`); the files are durable before the fetch state says they exist (`sync`).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from pathlib import Path

from tui.core.article import Article
from tui.feeds.workers import Indexer
from tui.store.atomic import BackgroundSync, fsync_dir, write_atomic
from tui.store.library import Library
from tui.store.readstate import ReadState


class ArticleFiles:
    """The files one refresh writes and removes (thread-safe: the feed threads share it)."""

    def __init__(
        self, user_dir: Callable[[], Path], library: Callable[[], Library], read_state: ReadState
    ) -> None:
        self._user_dir = user_dir
        self._read_state = read_state
        self.synced = BackgroundSync()  # the files written, fsynced while the refresh goes on
        self.indexer = Indexer(library)
        self.stored_any = False
        self._folder: str | None = None

    def path(self, article_id: str) -> str:
        """Where the article with this id is stored (a plain string: pathlib's parsing was a tenth
        of the refreshing process's time in a 10,000-item refresh; the folder asked for once)."""
        if self._folder is None:
            self._folder = os.fspath(self._user_dir())
        return f"{self._folder}{os.sep}{article_id}.json"

    def stored(self, article_id: str) -> object:
        """The JSON stored for an article, or None when there is none (or it is damaged)."""
        try:
            with open(self.path(article_id), "rb") as file:
                return json.loads(file.read())
        except (OSError, ValueError, RecursionError):
            return None

    def write(self, payload: dict[str, object], article: Article, old_id: str | None) -> bool:
        """Write the article's file (replacing `old_id`'s) and queue it for the index; False when
        that id was already stored."""
        target = self.path(article.id)
        existed = os.path.exists(target)
        if existed and old_id is None and self._orphaned(target, article.id):
            # Written by a refresh killed (or unable to save its state) before the read state
            # recorded it: new, exactly once (the read state tracks it when this refresh saves).
            existed = False
            old_id = article.id  # written again below (a killed refresh never synced its copy)
        if not existed or old_id == article.id:
            # Compact JSON: the C encoder (an indented dump is pure Python, ten times slower).
            write_atomic(Path(target), json.dumps(payload, ensure_ascii=False) + "\n", durable=False)
            self._stored(target, article, str(payload["feed"]))
        if old_id and old_id != article.id:
            self.remove(old_id)
        return not existed

    def commit(self, temp: str, article: Article, feed: str) -> bool:
        """Rename the temp file a worker process wrote for a new article into place, as `write`
        would have written it; False (and the temp file removed) when the article was stored
        already. Raises OSError (the temp file removed)."""
        target = self.path(article.id)
        try:
            if os.path.exists(target) and not self._orphaned(target, article.id):
                os.unlink(temp)
                return False
            os.replace(temp, target)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
        self._stored(target, article, feed)
        return True

    def remove(self, article_id: str) -> bool:
        """Remove an article's file and forget it in the index; False when there was none."""
        path = self.path(article_id)
        try:
            os.unlink(path)
        except FileNotFoundError:
            return False
        self.stored_any = True  # its directory is synced with the others
        self.indexer.remove(path)
        return True

    def _stored(self, target: str, article: Article, feed: str) -> None:
        # One fsync per article in the feed threads made a 10,000-item first refresh take
        # minutes: the file is fsynced in the background, and waited for in `sync`.
        self.synced.add(target)
        self.stored_any = True
        self.indexer.add(target, article, feed)

    def sync(self) -> None:
        """Make the files this refresh wrote durable before the fetch state says they exist: each
        file (fsynced in the background since it was written) and the directory its new and
        removed names are in; nothing else on the machine (no `os.sync()`)."""
        if self.stored_any:
            self.synced.wait()
            fsync_dir(self._user_dir())

    def _orphaned(self, target: str, article_id: str) -> bool:
        """Whether the article file at `target`, for an item no fetch state records, was stored by
        a refresh that never saved its state: a feed article (it has "feed") that the read state
        has no record of. An imported file of the same article is not (it has no "feed")."""
        if self._read_state.knows(article_id):
            return False
        try:
            with open(target, "rb") as file:
                stored = json.loads(file.read())
        except OSError:
            return False
        except (ValueError, RecursionError):
            return True  # not an article file any more: ours to write again
        return isinstance(stored, dict) and "feed" in stored
