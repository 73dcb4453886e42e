"""Files and URLs read into articles for the library: one file as the index reads it (or why it was
rejected), the inputs of `dateline import` (files, folders, http(s) URLs fetched), and the JSON an
imported or fetched article is stored as. The index itself is `tui.store.library`."""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from tui.core import sanitize
from tui.core.article import Article
from tui.core.lazy import lazy_module

if TYPE_CHECKING:
    from tui.ingest import pipeline as ingest
    from tui.store import atomic
else:  # listing the index needs neither: the reader's first frame does not wait for them
    ingest = lazy_module("tui.ingest.pipeline")
    atomic = lazy_module("tui.store.atomic")

_log = logging.getLogger("tui.store.library")
ImportStatus = Literal["imported", "duplicate", "rejected"]


@dataclass(frozen=True, slots=True)
class ImportResult:
    """The outcome of importing one article (or of one input that gave none)."""

    input: str
    status: ImportStatus
    reason: str
    article_id: str | None
    title: str
    notices: tuple[str, ...] = ()  # how the input was read, e.g. "not UTF-8: decoded as Windows-1252"


def _is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


# A URL of any scheme ("ftp://", "file:///"); "C:\\" and plain paths have no "//" after the colon.
_OTHER_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


@dataclass(frozen=True, slots=True)
class Rejected:
    """Why a file gave no article; `transient` failures (I/O, bugs) are retried next refresh."""

    reason: str
    transient: bool = False


def ingest_file(path: str) -> list[Article] | Rejected:
    """The file's articles, or why it was rejected."""
    try:
        articles = non_empty(ingest.load_file(Path(path)))
    except ingest.IngestError as error:
        return Rejected(str(error) or "could not be read as an article")
    except OSError as error:
        return Rejected(f"could not read: {error.strerror or error}", transient=True)
    except Exception as error:  # noqa: BLE001 - one odd file must not stop a library scan
        _log.warning("ingesting %s failed", path, exc_info=True)  # a bug: its traceback is kept
        return Rejected(f"could not read ({type(error).__name__}: {error})", transient=True)
    return Rejected(articles) if isinstance(articles, str) else articles


def feed_field(path: str) -> str | None:
    """The "feed" field of an article JSON that `dateline refresh` stored (None for anything else)."""
    if not path.endswith(".json"):
        return None
    try:
        raw = Path(path).read_bytes()
    except OSError:
        return None
    if b'"feed"' not in raw:
        return None
    try:
        record = json.loads(raw)
    except ValueError:
        return None
    feed = record.get("feed") if isinstance(record, dict) else None
    return sanitize.clean_line(feed) or None if isinstance(feed, str) else None


def reason_or_articles(outcome: list[Article] | Rejected) -> list[Article] | str:
    """The reason, for a rejected file; else its articles."""
    return outcome.reason if isinstance(outcome, Rejected) else outcome


def non_empty(articles: list[Article]) -> list[Article] | str:
    """The articles, or why there are none."""
    # Not filtered: summaries keep each article's position in the load_file() list.
    return articles if articles else "no article text found"


def stored_json(article: Article) -> dict[str, object]:
    """The fields every stored article file has (`<id>.json` in the articles dir); imports add
    "notices", feeds "feed", "guid" and "summary_only"; "links" (issue 21) when it has any."""
    payload: dict[str, object] = {
        "title": article.title,
        "body": article.body,
        "source": article.source,
        "published": article.published,
        "url": article.url,
    }
    if article.links:  # [{"url", "text"}]: read back by tui.ingest.links.links_from_json
        payload["links"] = [{"url": link.url, "text": link.text} for link in article.links]
    return payload


# ----- `dateline import` -------------------------------------------------------------------------


def load_input(text: str) -> Iterator[tuple[str, list[Article] | str]]:
    """(input name, articles or the reason they were rejected) for one command-line input."""
    if _OTHER_URL.match(text) and not _is_url(text):
        from tui.ingest.http import redact

        scheme = text.split(":", 1)[0].lower()
        yield redact(text), f"only http and https URLs are fetched, not {scheme}:"
        return
    if _is_url(text):
        from tui.ingest.http import redact

        shown = redact(text)  # a password in the URL is never printed
        if len(shown) > 300:  # nor 70,000 characters of a URL refused for its length
            shown = shown[:300] + "\u2026"
        try:
            yield shown, non_empty(ingest.fetch_url(text))
        except ingest.IngestError as error:
            yield shown, redact(str(error)) or "could not fetch"
        except Exception as error:  # noqa: BLE001 - any failure is a reason, not a crash
            yield shown, redact(f"could not fetch: {error}")
        return
    # Absolute, so that the stored source still finds the file from any working directory.
    path = Path(os.path.abspath(Path(text).expanduser()))
    if path.is_dir():
        found = False
        for file in ingest.iter_article_files([path]):
            found = True
            yield str(file), reason_or_articles(ingest_file(str(file)))
        if not found:
            yield text, "no supported article files in this folder"
    elif path.is_file():
        yield str(path), reason_or_articles(ingest_file(str(path)))
    elif path.exists():
        yield text, "not a regular file"
    else:
        yield text, "no such file or directory"


def store_import(user_dir: Path, source_name: str, article: Article, known: set[str]) -> ImportResult:
    """Write one imported article as `<id>.json` in `user_dir` (never over an existing one); `known`
    (the ids already in the library) gets its id."""
    if not article.body.strip():
        return ImportResult(source_name, "rejected", "the article has no text", None, "")
    target = user_dir / f"{article.id}.json"
    if article.id in known or target.exists():
        return ImportResult(
            source_name, "duplicate", "already in the library", article.id, article.title, article.notices
        )
    payload = stored_json(article)
    if article.notices:
        # Kept with the article: the stored copy is UTF-8, so `show` could not tell otherwise.
        payload["notices"] = list(article.notices)
    try:
        atomic.write_atomic(target, json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    except OSError as error:
        return ImportResult(source_name, "rejected", f"could not write: {error}", None, article.title)
    known.add(article.id)
    for notice in article.notices:
        _log.info("imported %s as %s: %s", source_name, article.id, notice)
    return ImportResult(source_name, "imported", "", article.id, article.title, article.notices)
