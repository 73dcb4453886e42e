"""The claim/settle ledger a refresh's feed threads share (tui/feeds/ledger.py), without a network."""

from __future__ import annotations

import threading
from typing import Any

from tui.feeds.ledger import Ledger
from tui.feeds.store import ItemRecord

A = "https://a.example/feed.xml"
B = "https://b.example/feed.xml"


def record(keys: list[str], article_id: str, feed: str = A, digest: str = "d1", **kw: Any) -> ItemRecord:
    return ItemRecord(keys=keys, id=article_id, feed=feed, digest=digest, **kw)


def test_an_item_seen_before_is_settled_by_any_of_its_keys() -> None:
    ledger = Ledger({"guid:1": record(["guid:1", "link:x"], "id1")})
    assert ledger.settled(["link:x"], A, "d1")  # unchanged
    assert not ledger.settled(["link:x"], A, "d2")  # changed: an update
    assert ledger.settled(["link:x"], B, "d2")  # another feed's article is stored once
    assert not ledger.settled(["guid:new"], A, "d1")
    assert ledger.known() == {A: {"guid:1": "d1", "link:x": "d1"}}


def test_a_new_item_is_claimed_once_until_released() -> None:
    ledger = Ledger()
    claim = ledger.claim(["guid:1", "text:abc"], A, "d1")
    assert claim is not None and claim.kind == "new" and claim.record is None
    # Another feed (another thread) finds the same article while the first stores it: nothing to do.
    assert ledger.claim(["text:abc"], B, "d1") is None
    ledger.release(["guid:1", "text:abc"])
    again = ledger.claim(["text:abc"], B, "d1")
    assert again is not None and again.kind == "new"


def test_only_one_of_many_threads_claims_an_item() -> None:
    ledger = Ledger()
    claims: list[object] = []
    start = threading.Barrier(8)

    def take() -> None:
        start.wait()
        claims.append(ledger.claim(["link:same"], A, "d1"))

    threads = [threading.Thread(target=take) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(claim is not None for claim in claims) == 1


def test_an_update_replaces_the_old_record_and_is_what_gets_saved() -> None:
    old = record(["guid:1", "text:old"], "old-id")
    ledger = Ledger({"guid:1": old})
    claim = ledger.claim(["guid:1", "text:new"], A, "d2")
    assert claim is not None and claim.kind == "updated" and claim.record is old
    fresh = record(["guid:1", "text:new"], "new-id", digest="d2")
    ledger.remember(fresh, old)
    assert ledger.changed == {"guid:1": fresh} and ledger.items == {"guid:1": fresh}
    assert ledger.replaced == {"old-id": "new-id"} and ledger.forgotten == set()
    assert not ledger.settled(["text:old"], A, "d1")  # the old text key is no longer known
    assert ledger.settled(["text:new"], A, "d2")


def test_a_record_under_a_new_primary_key_forgets_the_old_one() -> None:
    old = record(["link:x"], "id1")
    ledger = Ledger({"link:x": old})
    ledger.remember(record(["guid:9", "link:x"], "id1", digest="d2"), old)
    assert ledger.forgotten == {"link:x"} and set(ledger.changed) == {"guid:9"} and ledger.replaced == {}


def test_pages_waiting_leave_out_the_items_this_refresh_handled() -> None:
    waiting = record(["link:w"], "w", summary_only=True, page="waiting", link="https://a.example/w")
    failed = record(["link:f"], "f", summary_only=True, page="failed", link="https://a.example/f")
    fetched = record(["link:d"], "d", summary_only=False, page="fetched", link="https://a.example/d")
    ledger = Ledger({"link:w": waiting, "link:f": failed, "link:d": fetched})
    assert ledger.waiting_pages(["link:w", "link:f", "link:d", "link:gone"]) == [waiting, failed]
    ledger.remember(record(["link:w"], "w2", digest="d2"), waiting)
    assert ledger.waiting_pages(["link:w", "link:f"]) == [failed]
