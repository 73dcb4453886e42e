"""Everything the ingest rules make of a fixed corpus, as one JSON file: two versions of the code
that dump byte-identical files prepare the same items and read the same files.

    python bench/corpus_dump.py OUT.json [--feeds 200] [--items 50]

The corpus: figure 9's generated feeds (`bench/feeds.py`, 200 x 50 items) through `prepare_feed`
(what a refresh's worker processes run, the article file's JSON included); every file under
`sample_articles/` and `tests/data/` through `load_file` (articles, or the error); and the text of
each of those files again as a feed item's HTML (an HTML file's own markup, any other file's lines
as paragraphs), so that the feed item rules also meet real-looking text, not only generated copy.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))

from feeds import build_feeds  # noqa: E402

from tui.core.article import Article  # noqa: E402
from tui.feeds.items import Prepared, feed_payload, prepare_feed  # noqa: E402
from tui.ingest import pipeline  # noqa: E402


def article_fields(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "body": article.body,
        "source": article.source,
        "published": article.published,
        "url": article.url,
        "notices": list(article.notices),
        "links": [str(link) for link in article.links],
        "words": article.words,
    }


def prepared_fields(p: Prepared, feed_url: str) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "title": p.item.title,
        "guid": p.item.guid,
        "link_item": p.item.link,
        "published_item": p.item.published,
        "digest": p.digest,
        "links": p.links,
        "keys": p.keys,
        "link": p.link,
        "truncated": p.truncated,
        "item_links": [str(link) for link in p.item_links],
        "article": None if p.article is None else article_fields(p.article),
    }
    if p.article is not None:
        fields["payload"] = json.dumps(
            feed_payload(p.article, feed_url, p.item.guid, False), ensure_ascii=False
        )
    return fields


def prepare(documents: dict[str, bytes]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for path, body in documents.items():
        url = f"http://127.0.0.1{path}"
        try:
            feed, items = prepare_feed(body, url, "application/rss+xml", url, {})
        except Exception as error:  # noqa: BLE001 - the error is part of the answer
            out[path] = {"error": f"{type(error).__name__}: {error}"}
            continue
        out[path] = {
            "feed": [feed.title, feed.link, feed.version, feed.notice],
            "items": [prepared_fields(p, url) for p in items],
        }
    return out


def corpus_files() -> list[Path]:
    files = sorted(p for p in (ROOT / "sample_articles").rglob("*") if p.is_file())
    files += sorted(p for p in (ROOT / "tests" / "data").rglob("*") if p.is_file())
    return files


def loaded(files: list[Path]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for path in files:
        name = str(path.relative_to(ROOT))
        try:
            out[name] = [article_fields(a) for a in pipeline.load_file(path)]
        except Exception as error:  # noqa: BLE001
            out[name] = {"error": f"{type(error).__name__}: {error}"}
    return out


def as_feeds(files: list[Path]) -> dict[str, bytes]:
    """Each file's text as one feed item's HTML, 20 items to a feed document."""
    documents: dict[str, bytes] = {}
    items: list[str] = []
    for number, path in enumerate(files):
        text = path.read_bytes().decode("utf-8", "replace")
        if path.suffix == ".html":
            html = text
        else:
            html = "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())
        html = html.replace("]]>", "]] >")
        items.append(
            f"<item><title>{escape(path.stem)}</title><link>http://127.0.0.1/a/{number}</link>"
            f"<guid>http://127.0.0.1/a/{number}</guid><content:encoded><![CDATA[{html}]]></content:encoded></item>"
        )
    for start in range(0, len(items), 20):
        documents[f"/files/{start}.xml"] = (
            '<?xml version="1.0" encoding="utf-8"?>'
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>Files {start}</title><link>http://127.0.0.1/</link>"
            + "\n".join(items[start : start + 20])
            + "</channel></rss>"
        ).encode("utf-8")
    return documents


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out")
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    options = parser.parse_args()
    files = corpus_files()
    dump = {
        "generated": prepare(build_feeds(options.feeds, options.items)),
        "files": loaded(files),
        "files_as_items": prepare(as_feeds(files)),
    }
    data = json.dumps(dump, ensure_ascii=False, indent=0, sort_keys=True).encode("utf-8")
    Path(options.out).write_bytes(data)
    print(f"{options.out}: {len(data):,} bytes, sha256 {hashlib.sha256(data).hexdigest()[:16]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
