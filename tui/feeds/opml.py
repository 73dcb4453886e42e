"""Moving subscriptions in and out: OPML 1.0/2.0 (nested outlines are folders) and newsboat's `urls`.

OPML is read with lxml with entities, DTDs and the network all off, so an import file can do no
more than list feeds.
"""

from __future__ import annotations

import os
import re
import shlex
import stat
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from lxml import etree

from tui.core.sanitize import clean_line
from tui.feeds.store import FULL_TEXT_MODES, Subscription, Subscriptions
from tui.feeds.urls import clean_url, is_http_url

DATELINE_NS = "https://github.com/dateline/opml"  # our one extension attribute: fullText
MAX_IMPORT_BYTES = 20_000_000


class ImportFileError(Exception):
    """A file that is neither OPML nor a newsboat urls file; `str(error)` is a one-line reason."""


@dataclass
class Imported:
    """Subscriptions found in a file, and notes on lines or outlines skipped."""

    subscriptions: list[Subscription] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    kind: str = ""
    # newsboat `"query:Title:expr"` feeds: (line number, title, filter expression), for the caller to
    # make saved searches of (issue 21: the feeds layer does not know the query language).
    queries: list[tuple[int, str, str]] = field(default_factory=list)


def read_import_file(path: Path) -> Imported:
    """Subscriptions from an OPML or newsboat urls file (told apart by content). Raises
    ImportFileError, also for what is not a regular file (a directory, a FIFO, /dev/zero) and for
    a file over MAX_IMPORT_BYTES."""
    data = _read_regular_file(path)
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        return parse_opml(data)
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark, as some Windows editors write, is not text
    except UnicodeDecodeError:
        raise ImportFileError("neither OPML nor a newsboat urls file (not UTF-8 text)") from None
    return parse_newsboat_urls(text)


def _read_regular_file(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_IMPORT_BYTES. Anything else is refused before a
    byte is read: /dev/zero and /dev/urandom never end, a FIFO may block for good."""
    try:
        if path.is_dir():
            raise ImportFileError("is a directory")
        # O_NONBLOCK: opening a FIFO without a writer would wait; the opened file is what is checked.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise ImportFileError(f"cannot read: {error.strerror or error}") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise ImportFileError(f"not a regular file ({_file_kind(mode)}): only a file can be imported")
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as file:
            data = file.read(MAX_IMPORT_BYTES + 1)  # the cap holds even if the file grows meanwhile
    except OSError as error:
        raise ImportFileError(f"cannot read: {error.strerror or error}") from None
    finally:
        os.close(fd)
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileError(f"file too large (an import file may have up to {MAX_IMPORT_BYTES / 1e6:g} MB)")
    return data


def _file_kind(mode: int) -> str:
    for test, kind in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return kind
    return "a special file"


def _attr(element: Any, *names: str) -> str:
    for name in names:
        value = element.get(name)
        if value and clean_line(value):
            return clean_line(value)
    return ""


def parse_opml(data: bytes) -> Imported:
    """Subscriptions from OPML 1.0 or 2.0; outlines holding outlines are folders ("News/World")."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise ImportFileError(f"malformed OPML: {clean_line(str(error))[:120]}") from None
    if not isinstance(root.tag, str) or etree.QName(root).localname.lower() != "opml":
        raise ImportFileError("not OPML (no <opml> root element)")
    body = next((c for c in root if isinstance(c.tag, str) and etree.QName(c).localname == "body"), None)
    imported = Imported(kind="OPML " + (root.get("version") or "?"))
    if body is None:
        imported.notes.append("the OPML file has no <body>: no feeds")
        return imported

    def walk(element: Any, folders: list[str]) -> None:
        for outline in element:
            if not isinstance(outline.tag, str) or etree.QName(outline).localname != "outline":
                continue
            url = clean_url(_attr(outline, "xmlUrl", "xmlurl", "url"))
            name = _attr(outline, "title", "text")
            kind = (outline.get("type") or "").strip().lower()
            if url and kind in ("link", "include") and not _attr(outline, "xmlUrl", "xmlurl"):
                # A web page (or another OPML file) listed beside the feeds: fetching it as a feed
                # would fail at every refresh.
                what = "a link to a web page" if kind == "link" else "an included OPML file"
                imported.notes.append(f'skipped “{name or url[:80]}”: {what} (type="{kind}"), not a feed')
                walk(outline, folders)
                continue
            if url:
                if not is_http_url(url):
                    imported.notes.append(f"skipped {url[:80]}: only http(s) feeds can be followed")
                    continue
                mode = outline.get(f"{{{DATELINE_NS}}}fullText") or "auto"
                imported.subscriptions.append(
                    Subscription(
                        url=url,
                        title="" if name == url else name,  # our export names untitled feeds by URL
                        full_text=mode if mode in FULL_TEXT_MODES else "auto",
                        folder="/".join(folders) or None,
                        tags=tuple(
                            clean_line(t) for t in (outline.get("category") or "").split(",") if clean_line(t)
                        ),
                    )
                )
            walk(outline, [*folders, name] if not url and name else folders)

    walk(body, [])
    return imported


def _query_feed(line: str) -> tuple[str, str] | None:
    """(title, filter) of a newsboat `"query:Title:expr"` line (tags after it ignored), or None."""
    try:
        words = shlex.split(line, comments=True)
    except ValueError:
        return None
    title, colon, expression = words[0].removeprefix("query:").partition(":") if words else ("", "", "")
    title = clean_line(title).strip()
    return (title, expression.strip()) if colon and title and expression.strip() else None


def parse_newsboat_urls(text: str) -> Imported:
    """Subscriptions from newsboat's `urls`: a URL per line, then tags; `~name` renames the feed,
    `!` hides it in newsboat (ignored here); comments are skipped; `"query:` feeds go to `queries`."""
    imported = Imported(kind="newsboat urls")
    recognised = 0  # lines that are newsboat's: a URL, a query feed, exec: or filter:
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if re.match(r'"?(?:query|exec|filter):|[A-Za-z][\w+.-]*://', line):
            recognised += 1
        if line.startswith('"query:') or line.startswith("query:"):
            query = _query_feed(line)
            if query is None:
                imported.notes.append(f"line {number}: skipped a newsboat query feed (no title or filter)")
            else:
                imported.queries.append((number, *query))
            continue
        try:
            words = shlex.split(line, comments=True)
        except ValueError as error:
            imported.notes.append(f"line {number}: skipped ({error})")
            continue
        if not words:
            continue
        url, tags = clean_url(words[0]), words[1:]
        if url.startswith("filter:") and (found := re.search(r"https?://", url)):
            # filter:SCRIPT:URL: newsboat pipes the feed through SCRIPT, which Dateline never runs.
            script = url[len("filter:") : found.start()].rstrip(":")
            url = url[found.start() :]
            imported.notes.append(
                f"line {number}: {clean_line(url)[:80]} is followed without its filter "
                f"({clean_line(script)[:60]} is not run)"
            )
        if not is_http_url(url):
            imported.notes.append(f"line {number}: skipped {clean_line(url)[:80]}: only http(s) feeds")
            continue
        title = next((clean_line(t[1:]) for t in tags if t.startswith("~")), "")
        kept = tuple(clean_line(t) for t in tags if not t.startswith(("~", "!")) and clean_line(t))
        imported.subscriptions.append(Subscription(url=url, title=title, tags=kept))
    if not recognised:
        raise ImportFileError("neither OPML nor a newsboat urls file (no feed URLs found)")
    return imported


@dataclass
class Merged:
    """What importing did: feeds subscribed, feeds already there, and those of them that gained
    the import's folder, tags or title."""

    added: list[Subscription] = field(default_factory=list)
    present: list[Subscription] = field(default_factory=list)
    gained: list[Subscription] = field(default_factory=list)


def add_imported(subscriptions: Subscriptions, imported: list[Subscription]) -> Merged:
    """Subscribe to the imported feeds. A feed already subscribed gains what a later import says of
    it: its folder when it has none, its tags (added to its own), its title when it is untitled;
    nothing it has is replaced. Raises OSError (or DocumentError) as `Subscriptions.add_many`."""
    added, present = subscriptions.add_many(imported)
    merged = Merged(added, present)
    wanted = {subscription.url: subscription for subscription in present}
    if not wanted:
        return merged

    def change(document: dict[str, Any]) -> None:
        merged.gained.clear()
        for raw in document["feeds"]:
            new = wanted.get(raw["url"])
            if new is None:
                continue
            folder: str | None = raw.get("folder") or new.folder
            title: str = raw.get("title") or new.title
            tags = list(dict.fromkeys([*(raw.get("tags") or []), *new.tags]))
            if (folder, title, tags) == (raw.get("folder"), raw.get("title") or "", raw.get("tags") or []):
                continue
            raw.update(folder=folder, title=title, tags=tags)
            merged.gained.append(Subscription(url=raw["url"], title=title, folder=folder, tags=tuple(tags)))

    subscriptions.document.update(change)
    return merged


def to_opml(subscriptions: list[Subscription], *, title: str = "Dateline feeds") -> bytes:
    """OPML 2.0 for these subscriptions, folders as nested outlines (order kept)."""
    root = etree.Element("opml", version="2.0", nsmap={"dateline": DATELINE_NS})
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    etree.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC))
    body = etree.SubElement(root, "body")
    folders: dict[str, Any] = {}

    def parent_of(folder: str | None) -> Any:
        if not folder:
            return body
        if folder not in folders:
            above, _, name = folder.rpartition("/")
            folders[folder] = etree.SubElement(parent_of(above or None), "outline", text=name, title=name)
        return folders[folder]

    for subscription in subscriptions:
        name = subscription.title or subscription.url
        outline = etree.SubElement(
            parent_of(subscription.folder),
            "outline",
            type="rss",
            text=name,
            title=name,
            xmlUrl=subscription.url,
        )
        if subscription.full_text != "auto":
            outline.set(f"{{{DATELINE_NS}}}fullText", subscription.full_text)
        if subscription.tags:
            outline.set("category", ",".join(subscription.tags))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
