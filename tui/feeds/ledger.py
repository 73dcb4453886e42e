"""The claim/settle ledger of one refresh: which item keys are stored, by which feed, with which digest.

A refresh handles its feeds in several threads at once, and one article may come from two feeds. The
ledger decides, under one lock, whether an item is settled (seen before, unchanged, or another feed's),
claims the keys of a new one so that no other feed stores it too, and remembers what was stored; the
refresh saves its `changed` and `forgotten` records and its `replaced` ids when it ends.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from tui.feeds.store import ItemRecord


@dataclass
class Claim:
    """An item being handled: a new one reserves its keys so two feeds never both store it."""

    keys: list[str]
    record: ItemRecord | None
    kind: Literal["new", "updated", "retry"]


@dataclass
class Ledger:
    """The item records of the fetch state with every key of each, changed as the refresh goes
    (thread-safe: every method takes the one lock)."""

    items: dict[str, ItemRecord] = field(default_factory=dict)  # primary key -> record
    changed: dict[str, ItemRecord] = field(default_factory=dict)
    forgotten: set[str] = field(default_factory=set)
    replaced: dict[str, str] = field(default_factory=dict)  # old article id -> new one
    _index: dict[str, str] = field(init=False, repr=False)  # every key -> primary key
    _lock: threading.Lock = field(init=False, repr=False, default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self._index = {key: primary for primary, record in self.items.items() for key in record.keys}

    def known(self) -> dict[str, dict[str, str]]:
        """By feed, the GUID and link keys of its stored items with the digest of each: what a
        worker process needs to skip settled items without asking the ledger."""
        known: dict[str, dict[str, str]] = {}
        with self._lock:
            for record in self.items.values():
                by_key = known.setdefault(record.feed, {})
                for key in record.keys:
                    if key.startswith(("guid:", "link:")):
                        by_key[key] = record.digest
        return known

    def settled(self, keys: list[str], feed_url: str, digest: str) -> bool:
        """Whether an item's GUID or link keys already show there is nothing to do (seen before and
        unchanged, or another feed's): the common case, decided without reading the item's HTML."""
        with self._lock:
            primary = next((self._index[k] for k in keys if k in self._index), None)
            if primary is None:
                return False
            record = self.items.get(primary)
            return record is None or record.feed != feed_url or record.digest == digest

    def claim(self, keys: list[str], feed_url: str, digest: str) -> Claim | None:
        """Decide what an item is; None when there is nothing to do. A new item's keys are
        reserved until it is remembered or released."""
        with self._lock:
            primary = next((self._index[k] for k in keys if k in self._index), None)
            if primary is None:
                for key in keys:
                    self._index[key] = keys[0]
                return Claim(keys, None, "new")
            record = self.items.get(primary)
            if record is None:  # claimed by another feed's worker right now
                return None
            if record.feed != feed_url:
                return None  # the same article from another feed: stored once
            if record.digest != digest:
                return Claim(keys, record, "updated")
            return None

    def release(self, keys: list[str]) -> None:
        """Give back the keys of a claimed item that was not stored."""
        with self._lock:
            for key in keys:
                if self._index.get(key) == keys[0] and keys[0] not in self.items:
                    del self._index[key]

    def remember(self, record: ItemRecord, old: ItemRecord | None) -> None:
        """Record a stored item, in place of `old` (the record it updates) if given."""
        with self._lock:
            primary = record.keys[0]
            if old is not None:
                old_primary = self._index.get(old.keys[0], old.keys[0])
                for key in old.keys:
                    if self._index.get(key) == old_primary:
                        del self._index[key]
                self.items.pop(old_primary, None)
                self.changed.pop(old_primary, None)
                if old_primary != primary:
                    self.forgotten.add(old_primary)
                if old.id != record.id:
                    self.replaced[old.id] = record.id
            for key in record.keys:
                self._index[key] = primary
            self.items[primary] = record
            self.changed[primary] = record
            self.forgotten.discard(primary)

    def waiting_pages(self, primaries: Iterable[str]) -> list[ItemRecord]:
        """The records of `primaries` still stored with the feed's text alone and a page to fetch,
        leaving out those this refresh has handled already."""
        with self._lock:
            fresh = (self.items.get(primary) for primary in primaries if primary not in self.changed)
            return [
                record
                for record in fresh
                if record is not None
                and record.summary_only
                and not record.removed
                and record.page in ("failed", "waiting")
                and record.link
            ]
