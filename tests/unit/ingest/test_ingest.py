"""Ingest: every format, decoding, hostile text, rejection reasons, URL fetch."""

from __future__ import annotations

import codecs
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import locations
from tui.ingest import pipeline as ingest
from tui.ingest.pipeline import (
    MAX_FILE_BYTES,
    SUPPORTED_SUFFIXES,
    IngestError,
    decode_bytes,
    fetch_url,
    iter_article_files,
    load_file,
    normalize_date,
    parse_feed,
    parse_html,
    parse_json,
    parse_markdown,
    parse_text,
)

ROOT = locations.ROOT
SEED = ROOT / "sample_articles" / "us-japan-security-alliance.txt"
DATA = locations.DATA / "ingest"
JUNK = {"Accessibility links", "Breaking News", "XS", "SM", "MD", "LG"}


def test_seed_title_and_body() -> None:
    [article] = load_file(SEED)
    assert article.title == "US, Japan Strengthen Security Alliance"
    paragraphs = article.paragraphs
    # The seed has 11 article paragraphs (the deck counts as the first one).
    assert len(paragraphs) == 11
    assert paragraphs[0].startswith("The United States will station a new missile defense radar")
    assert paragraphs[0].endswith("officials")
    assert paragraphs[-1].startswith("A White House statement says Kerry")
    for paragraph in paragraphs:
        assert paragraph not in JUNK
        assert "\n" not in paragraph
    for junk in JUNK:
        assert junk not in article.body.split()
    assert article.source == str(SEED)
    assert article.notices == ()


def test_missing_file_is_rejected_with_reason(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="cannot read"):
        load_file(tmp_path / "nope.txt")


# --- formats ---


def test_clean_text_file_uses_first_line_as_title(tmp_path: Path) -> None:
    path = tmp_path / "clean.txt"
    path.write_text(
        "Council Approves New Cycle Lanes\n\n"
        "The city council approved 12 kilometres of protected cycle lanes on Monday,\n"
        "with construction due to start in the spring and finish before the end of\n"
        "next year, officials said.\n\n"
        "The plan was passed by 31 votes to 9 after a long debate about parking.\n",
        encoding="utf-8",
    )
    [article] = load_file(path)
    assert article.title == "Council Approves New Cycle Lanes"
    assert article.paragraphs == [
        "The city council approved 12 kilometres of protected cycle lanes on Monday, with "
        "construction due to start in the spring and finish before the end of next year, "
        "officials said.",
        "The plan was passed by 31 votes to 9 after a long debate about parking.",
    ]


def test_text_without_title_line_falls_back_to_first_sentence() -> None:
    article = parse_text(
        "the river rose by two metres overnight and forced the closure of three bridges. "
        "Residents were told to stay away from the banks until the water falls again.",
        "notes/flood.txt",
    )
    assert article.title.startswith("the river rose by two metres overnight")
    assert len(article.title) <= 81


def test_html_page_title_paragraphs_and_no_chrome() -> None:
    [article] = load_file(DATA / "page.html")
    assert article.title == "Harbour Ferry Fares Frozen Until 2027"
    assert article.published == "2026-02-11T08:45:00+00:00"
    assert article.url == "https://coast.example/news/ferry-fares-frozen"
    assert article.paragraphs[0].startswith("Fares on the three harbour ferry routes")
    assert "\u00a32.40" in article.paragraphs[0]  # entity decoded
    assert "14 percent" in article.paragraphs[0]  # &nbsp; is a space
    assert "\u201cPeople chose the ferry over the car,\u201d" in article.paragraphs[1]
    assert article.paragraphs[2].endswith("a one-off grant & a review of the contract next spring.")
    assert article.paragraphs[-1] == "Season tickets, which cost \u00a338 a month, are also frozen."
    assert len(article.paragraphs) == 4
    for junk in (
        "SCRIPT",
        "STYLE",
        "cookies",
        "Weather",
        "Share on",
        "Related",
        "Bridge tolls",
        "Most read",
        "All rights",
        "ONERROR",
        "Photo:",
        "By Mira Holt",
        "alert",
    ):
        assert junk not in article.body, junk


def test_html_title_from_og_or_title_with_site_suffix_stripped() -> None:
    og = parse_html(
        '<html><head><title>Old Title | Site</title><meta property="og:title" '
        'content="Dock Workers Back New Contract"></head><body><article><p>Dock workers voted '
        "to accept a new four-year contract on Friday evening after long talks.</p></article>"
        "</body></html>",
        "x.html",
    )
    assert og.title == "Dock Workers Back New Contract"
    plain = parse_html(
        "<html><head><title>Tram Depot Plan Dropped - Example Gazette</title></head><body>"
        "<div><p>The city has dropped its plan to build a tram depot beside the river park, "
        "the mayor said.</p></div></body></html>",
        "y.html",
        url="https://gazette.example/tram",
    )
    assert plain.title == "Tram Depot Plan Dropped"
    assert plain.url == "https://gazette.example/tram"


def test_html_densest_block_without_article_or_main() -> None:
    html = (
        "<html><body><div class='top'><p>Home</p><p>World</p></div><div id='x'>"
        + "".join(f"<p>Paragraph {i} of the story has enough words to count as prose.</p>" for i in range(5))
        + "</div><div><p>Short teaser.</p></div></body></html>"
    )
    article = parse_html(html, "z.html")
    assert len(article.paragraphs) == 5
    assert "Home" not in article.body and "Short teaser" not in article.body


def test_markdown_front_matter_and_syntax_stripped() -> None:
    [article] = load_file(DATA / "notes.md")
    assert article.title == "Night Trains Return to the Alps"
    assert article.published == "2026-01-30"
    assert article.url == "https://rail.example/night-trains"
    assert article.source == str(DATA / "notes.md")  # the file, not the front matter's site
    assert (
        "A sleeper service between Zurich and Vienna will run three nights a week from June, "
        "the operator Alpenbahn said on Friday." in article.paragraphs
    )
    assert "Private cabins start at 149 euros." in article.paragraphs
    assert '"Demand surprised us," said spokeswoman Lena Graf.' in article.paragraphs
    for syntax in ("**", "](", "![", "> ", "---", "tags:"):
        assert syntax not in article.body


def test_markdown_heading_is_title_without_front_matter() -> None:
    article = parse_markdown("# Snow Closes Mountain Pass\n\nThe pass closed at noon.\n", "a.md")
    assert article.title == "Snow Closes Mountain Pass"
    assert article.body == "The pass closed at noon."


def test_json_object_list_and_lines() -> None:
    articles = load_file(DATA / "export.json")
    assert [a.title for a in articles] == [
        "City Opens Its First Heat Network",
        "Orchard Harvest Beats Forecast",
    ]
    assert articles[0].paragraphs == [
        "The city switched on a district heating network on Monday.",
        "It will supply 4,000 homes by 2028.",
    ]
    assert articles[0].published == "2026-03-02T10:00:00+00:00"
    assert articles[0].url == "https://news.example/heat"
    assert articles[1].published == "2026-03-03"
    assert "alert" not in articles[1].body  # HTML body cleaned like a page
    lines = load_file(DATA / "export.jsonl")
    assert [a.title for a in lines] == [
        "Dam Inspection Finds Cracks",
        "Museum Extends Opening Hours",
    ]
    assert lines[1].paragraphs == [
        "The museum will open until 9 p.m. on Thursdays.",
        "Entry after 6 p.m. is free.",
    ]
    single = parse_json('{"title": "One", "content": "Only one article here."}', "one.json")
    assert [a.title for a in single] == ["One"]


def test_json_source_and_url_fields_win_over_the_file_path() -> None:
    stored = {
        "title": "Kerry Arrives",
        "body": "Kerry arrived in Tokyo on Monday.\n\nHe met the prime minister.",
        "source": "https://news.example/story",
        "published": "2026-03-02",
        "url": "https://news.example/story?amp=1",
    }
    [article] = parse_json(json.dumps(stored), "/data/articles/0123abcd4567.json")
    assert article.source == "https://news.example/story"
    assert article.url == "https://news.example/story?amp=1"
    assert article.paragraphs == ["Kerry arrived in Tokyo on Monday.", "He met the prime minister."]
    assert article.published == "2026-03-02"
    # No usable "source" (missing, empty or not a string): the file is the source.
    for missing in ({}, {"source": ""}, {"source": {"name": "Wire"}}):
        record = {"title": "T", "body": "Some text here.", **missing}
        [fallback] = parse_json(json.dumps(record), "/data/x.json")
        assert fallback.source == "/data/x.json"


def test_json_without_articles_is_rejected() -> None:
    with pytest.raises(IngestError, match="no article text"):
        parse_json('{"foo": 1}', "x.json")
    with pytest.raises(IngestError, match="invalid JSON"):
        parse_json("{not json", "x.json")


# feed.rss declares an external entity: refused, as the refresh refuses it (one feed reader).
XXE_DTD = b'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
SAFE_RSS = (DATA / "feed.rss").read_bytes().replace(XXE_DTD, b"")


def test_rss_items_cleaned_and_entities_not_expanded(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="refused: the DTD declares external or parameter entities"):
        load_file(DATA / "feed.rss")
    assert SAFE_RSS != (DATA / "feed.rss").read_bytes()
    (tmp_path / "feed.rss").write_bytes(SAFE_RSS)
    articles = load_file(tmp_path / "feed.rss")
    assert [a.title for a in articles] == [
        "Glacier Tour Boats Banned on Lake Aurel",
        "Second Item Uses Description",
    ]
    first, second = articles
    assert first.url == "https://wire.example/lake-aurel"
    assert first.published == "2026-03-10T14:30:00+00:00"
    assert "SCRIPT" not in first.body and "alert" not in first.body
    assert "root:" not in first.body  # no external entity was read
    assert second.url == "https://wire.example/second"
    assert second.paragraphs == ["The description holds escaped HTML.", "Two paragraphs of it."]
    assert second.published == "2026-03-11T08:00:00+00:00"  # the feed reader's dates are in UTC


def test_atom_entries() -> None:
    articles = parse_feed((DATA / "feed.atom").read_text(encoding="utf-8"), "feed.atom")
    assert [a.title for a in articles] == ["Comet & Moon Seen Together", "Plain Text Entry"]
    assert articles[0].url == "https://science.example/comet"
    assert articles[0].body == "Skywatchers saw the comet pass close to the Moon."
    assert articles[1].body == "XHTML content works too."
    assert articles[1].published == "2026-03-02T07:00:00+00:00"


def test_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    html = tmp_path / "page.download"
    html.write_bytes((DATA / "page.html").read_bytes())
    assert load_file(html)[0].title == "Harbour Ferry Fares Frozen Until 2027"
    feed = tmp_path / "feed"
    feed.write_bytes((DATA / "feed.atom").read_bytes())
    assert len(load_file(feed)) == 2


def test_iter_article_files_walks_sorted_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("b/z.md", "b/a.txt", "a.html", ".secret.txt", ".hidden/x.txt", "image.png"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    loose = tmp_path / "image.png"
    found = list(iter_article_files([tmp_path, loose]))
    assert found == [tmp_path / "a.html", tmp_path / "b" / "a.txt", tmp_path / "b" / "z.md", loose]
    assert ".txt" in SUPPORTED_SUFFIXES and ".atom" in SUPPORTED_SUFFIXES


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2026-03-04", "2026-03-04"),
        ("2026-03-04T10:15:00Z", "2026-03-04T10:15:00+00:00"),
        ("Tue, 10 Mar 2026 14:30:00 GMT", "2026-03-10T14:30:00+00:00"),
        ("March 4, 2026", "2026-03-04"),
        ("4 March 2026", "2026-03-04"),
        ("Oct. 10, 2013 at 9:14 p.m.", "2013-10-10T21:14:00"),
        ("2026/03/04", "2026-03-04"),
        ("yesterday", None),
        ("2026-13-45", None),
    ],
)
def test_normalize_date(raw: str, iso: str | None) -> None:
    assert normalize_date(raw) == iso


# --- decoding, rejection, hostile text ---


def test_decode_bytes_variants() -> None:
    assert decode_bytes("caf\u00e9".encode()) == ("caf\u00e9", [])
    text, notices = decode_bytes(codecs.BOM_UTF16_LE + "Caf\u00e9 news".encode("utf-16-le"))
    assert text == "Caf\u00e9 news" and "UTF-16" in notices[0]
    text, notices = decode_bytes(codecs.BOM_UTF16_BE + "Caf\u00e9".encode("utf-16-be"))
    assert text == "Caf\u00e9" and notices
    text, notices = decode_bytes(codecs.BOM_UTF32_LE + "\u00e9t\u00e9".encode("utf-32-le"))
    assert text == "\u00e9t\u00e9" and "UTF-32" in notices[0]
    assert decode_bytes(codecs.BOM_UTF8 + b"plain") == ("plain", [])
    text, notices = decode_bytes("Se\u00f1or M\u00fcller".encode("latin-1"))
    assert text == "Se\u00f1or M\u00fcller" and "Latin-1" in notices[0]
    text, notices = decode_bytes("caf\u00e9 ".encode() + b"\xff\xfe broken")
    assert "\ufffd" in text and "caf\u00e9" in text and "invalid UTF-8" in notices[0]


def test_invalid_utf8_file_loads_with_replacement_and_notice(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(
        "Caf\u00e9 Owners Protest New Rules\n\nThe owners of forty caf\u00e9s in the old town "
        "protested on Monday against new rules on outdoor seating ".encode()
        + b"\xc3\x28 and opening hours.\n"
    )
    [article] = load_file(path)
    assert "\ufffd" in article.body
    assert any("invalid UTF-8" in n for n in article.notices)


def test_utf16_and_latin1_files(tmp_path: Path) -> None:
    text = "M\u00fcnchen Opens New Station\n\nThe new station in M\u00fcnchen opened on Friday.\n"
    utf16 = tmp_path / "u16.txt"
    utf16.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    [a16] = load_file(utf16)
    assert a16.title == "M\u00fcnchen Opens New Station" and a16.notices
    latin = tmp_path / "latin.txt"
    latin.write_bytes(text.encode("latin-1"))
    [a1] = load_file(latin)
    assert a1.body == "The new station in M\u00fcnchen opened on Friday."
    assert any("Latin-1" in n for n in a1.notices)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "binary file (PNG image)"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 20, "binary file (JPEG image)"),
        (b"GIF89a" + b"\x01" * 20, "binary file (GIF image)"),
        (b"%PDF-1.7\n%\xe2\xe3", "binary file (PDF document)"),
        (b"PK\x03\x04" + b"\x14" * 20, "binary file (ZIP archive)"),
        (b"\x1f\x8b\x08\x00", "binary file (gzip archive)"),
        (b"\x7fELF\x02\x01\x01", "binary file (ELF executable)"),
        (b"Some text\x00with a NUL byte in the middle of it", "binary file (contains NUL bytes)"),
        (b"", "empty file"),
        (b"  \n\t\r\n  ", "empty file (only whitespace)"),
    ],
)
def test_binary_and_empty_files_rejected(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    with pytest.raises(IngestError) as err:
        load_file(path)
    assert str(err.value) == reason


def test_too_large_and_directory_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.txt"
    path.write_text("Big Story Title\n\n" + "word " * 100, encoding="utf-8")
    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 100)
    with pytest.raises(IngestError, match="too large"):
        load_file(path)
    with pytest.raises(IngestError, match="directory"):
        load_file(tmp_path)


def test_only_chrome_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "chrome.txt"
    path.write_text("Menu\nHome\nSign in\nSubscribe\n\nAdvertisement\n", encoding="utf-8")
    with pytest.raises(IngestError, match="no article text"):
        load_file(path)


HOSTILE = (
    "\x1b[31mRed\x1b[0m Title \x1b]0;pwned\x07Here\u202e\n\n"
    "Body with CSI \x1b[2J clear, OSC 52 \x1b]52;c;ZXZpbA==\x07 clipboard, a link "
    "\x1b]8;;http://evil.example\x1b\\text\x1b]8;;\x1b\\ and C1 \x9b31m and \x9d0;x\x07 and "
    "NUL\x00 and backspace\x08 and bidi \u2066isolate\u2069 \u202aembed\u202c. [bold]x[/bold] "
    "[link=file:///etc/passwd]click[/link] [@click=app.quit]quit[/] trailing \\"
)
BAD_CHARS = ["\x1b", "\x00", "\x08", "\x07", "\u202e", "\u2066", "\u2069", "\u202a", "\u202c"] + [
    chr(c) for c in range(0x80, 0xA0)
]


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json", "feed"])
def test_escape_sequences_removed_markup_kept_literal(fmt: str) -> None:
    if fmt == "text":
        articles = [parse_text(HOSTILE, "h.txt")]
    elif fmt == "markdown":
        articles = [parse_markdown(HOSTILE, "h.md")]
    elif fmt == "html":
        title, body = HOSTILE.split("\n\n")
        articles = [parse_html(f"<h1>{title}</h1><article><p>{body}</p></article>", "h.html")]
    elif fmt == "json":
        title, body = HOSTILE.split("\n\n")
        articles = parse_json(json.dumps({"title": title, "body": body}), "h.json")
    else:
        title, body = HOSTILE.split("\n\n")
        item = f"<item><title>{title}</title><description>{body}</description></item>"
        articles = parse_feed(f"<rss><channel>{item}</channel></rss>", "h.rss")
    [article] = articles
    for text in (article.title, article.body):
        for bad in BAD_CHARS:
            assert bad not in text, (fmt, repr(bad), text)
        for payload in ("pwned", "ZXZpbA==", "evil.example", "[2J"):
            assert payload not in text
    assert "Red Title" in article.title
    assert "[bold]x[/bold]" in article.body
    assert "[link=file:///etc/passwd]click[/link]" in article.body
    assert "[@click=app.quit]quit[/]" in article.body
    assert article.body.endswith("trailing \\")


def test_load_file_notes_removed_escape_sequences(tmp_path: Path) -> None:
    path = tmp_path / "esc.txt"
    path.write_text(HOSTILE.replace("\x00", ""), encoding="utf-8")
    [article] = load_file(path)
    assert "\x1b" not in article.body
    assert any("control" in n for n in article.notices)


def test_25_mb_text_loads(tmp_path: Path) -> None:
    sentence = "Officials in the northern province said on {} that repairs would take weeks. "
    paragraphs = [sentence.format(i) * 4 for i in range(80_000)]
    path = tmp_path / "huge.txt"
    path.write_text("Huge Article About Repairs\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    assert 25_000_000 <= path.stat().st_size < MAX_FILE_BYTES
    [article] = load_file(path)
    assert article.title == "Huge Article About Repairs"
    assert len(article.paragraphs) == len(paragraphs)


# --- URL fetch (local server on 127.0.0.1 only) ---


class _Handler(http.server.BaseHTTPRequestHandler):
    agents: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.agents.append(self.headers.get("User-Agent", ""))
        routes = {
            "/page": ("text/html; charset=utf-8", (DATA / "page.html").read_bytes(), 200),
            "/feed": ("application/rss+xml", SAFE_RSS, 200),
            "/relative-feed": (
                "application/rss+xml",
                b'<rss version="2.0"><channel><title>Local</title><item><title>Relative link</title>'
                b"<link>/news/1</link><description>&lt;p&gt;A body.&lt;/p&gt;</description></item>"
                b"</channel></rss>",
                200,
            ),
            "/big": ("text/html", b"<p>" + b"x" * 5000 + b"</p>", 200),
            "/image": ("image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 10, 200),
            "/missing": ("text/plain", b"not found", 404),
            "/redirect-file": ("text/plain", b"", 302),
        }
        content_type, body, status = routes.get(self.path, ("text/plain", b"?", 404))
        self.send_response(status)
        if status == 302:
            self.send_header("Location", "file:///etc/passwd")
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture()
def local_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_fetch_url_html_and_feed(local_server: str) -> None:
    [article] = fetch_url(f"{local_server}/page", timeout=5)
    assert article.title == "Harbour Ferry Fares Frozen Until 2027"
    assert article.source == f"{local_server}/page"
    assert article.url == f"{local_server}/page"
    assert _Handler.agents[-1].startswith("Dateline/") and "terminal news reader" in _Handler.agents[-1]
    feed = fetch_url(f"{local_server}/feed", timeout=5)
    assert len(feed) == 2


def test_fetch_url_of_a_feed_resolves_relative_links_as_the_refresh_does(local_server: str) -> None:
    [article] = fetch_url(f"{local_server}/relative-feed", timeout=5)
    assert article.url == f"{local_server}/news/1"
    assert article.source == f"{local_server}/relative-feed"


def test_fetch_url_errors(local_server: str) -> None:
    with pytest.raises(IngestError, match="HTTP 404"):
        fetch_url(f"{local_server}/missing", timeout=5)
    with pytest.raises(IngestError, match="too large"):
        fetch_url(f"{local_server}/big", timeout=5, max_bytes=1000)
    with pytest.raises(IngestError, match="PNG"):
        fetch_url(f"{local_server}/image", timeout=5)
    with pytest.raises(IngestError, match="(?i)redirect"):
        fetch_url(f"{local_server}/redirect-file", timeout=5)
    with pytest.raises(IngestError, match="scheme"):
        fetch_url("file:///etc/passwd")


# --- bundled samples and scraped-text rules ---

SAMPLES = ROOT / "sample_articles"
SAMPLE_TITLES = {
    "alpine-glaciers-record-loss.txt": ["Alpine Glaciers Lost Record Share of Ice in 2025, Study Finds"],
    "andalusia-drought-emergency.html": ["Andalusia Declares Drought Emergency as Reservoirs Fall to 19%"],
    "cardiff-welsh-language-schools.txt": ["Cardiff to Open Three New Welsh-Language Primary Schools"],
    "ghana-malaria-vaccine-trial.txt": ["New Malaria Vaccine Cuts Child Infections by 71% in Ghana Trial"],
    "glasgow-museum-benin-bronzes.md": ["Glasgow Museum Agrees to Return 42 Benin Bronzes to Nigeria"],
    "lisbon-coalition-talks-collapse.html": [
        "Coalition Talks Collapse as Finance Minister Ana Ruiz Walks Out"
    ],
    "northwind-foods-job-cuts.txt": ["Northwind Foods to Cut 1,200 Jobs as Profits Slide"],
    "riverside-tram-line-approved.txt": ["Brookfield Council Approves $48 Million Riverside Tram Line"],
    "rotterdam-port-strike-ends.json": ["Rotterdam Port Strike Ends After Dockers Accept 9% Pay Deal"],
    "science-briefs.json": [
        "Astronomers Spot Water Vapour on Nearby Rocky Planet",
        "Rare Beetle Rediscovered in Scottish Forest After 60 Years",
    ],
    "silica-nova-dresden-chip-plant.md": ["Chipmaker Silica Nova Opens €4 Billion Plant in Dresden"],
    "tech-desk-feed.atom": [
        "Finnish Start-Up Unveils Phone Battery That Charges in Five Minutes",
        "EU Fines Streaming Giant €210 Million Over Cancellation Tricks",
    ],
    "us-japan-security-alliance.txt": ["US, Japan Strengthen Security Alliance"],
    "valencia-marathon-world-record.txt": [
        "Kenya's Grace Wanjiru Breaks Women's Marathon World Record in Valencia"
    ],
    "world-desk-feed.xml": [
        "Canada and Mexico Sign Lithium Supply Pact",
        "Floods Force 30,000 From Homes in Northern Bangladesh",
        "Chile Names First Woman to Lead Its Central Bank",
    ],
}


def test_every_bundled_sample_has_its_headline_and_no_chrome() -> None:
    assert sorted(p.name for p in SAMPLES.iterdir()) == sorted(SAMPLE_TITLES)
    for name, titles in SAMPLE_TITLES.items():
        articles = load_file(SAMPLES / name)
        assert [a.title for a in articles] == titles, name
        for article in articles:
            assert len(article.paragraphs) >= 3, name
            for paragraph in article.paragraphs:
                assert len(paragraph.split()) >= 8, (name, paragraph)  # no menu words or buttons
                assert not paragraph.startswith(("By ", "Published", "Updated", "Share on")), name


def test_alpine_sample_date_and_byline_dropped() -> None:
    [article] = load_file(SAMPLES / "alpine-glaciers-record-loss.txt")
    assert article.published == "2026-03-14"
    assert "Clara Weiss" not in article.body and "Correspondent" not in article.body


@pytest.mark.parametrize(
    "byline",
    [
        "By Clara Weiss, Science Correspondent",
        "By Clara Weiss, Science Correspondent Published 14 March 2026",
        "By Clara Weiss, Science Correspondent, in Zurich and Geneva for the Alpine Desk",
        "Clara Weiss, Science Correspondent",
        "Chief Political Correspondent",
        "Health editor Samir Haddad",
        "Published 14 March 2026",
        "Updated: 11:12, 13 March 2026",
    ],
)
def test_bylines_are_never_titles(byline: str) -> None:
    headline = "Alpine Glaciers Lost Record Share of Ice in 2025, Study Finds"
    body = (
        "Glaciers in the Swiss Alps lost about 5 percent of their remaining volume in 2025, "
        "the report said on Monday."
    )
    for text in (
        f"{headline}\n\n{byline}\n\n{body}\n\n{body.replace('5', '6')}\n",
        f"{headline}\n{byline}\n{body}\n",
    ):
        article = parse_text(text, "a.txt")
        assert article.title == headline, (byline, article.title)
        assert byline not in article.body


def test_sentences_starting_with_by_stay_body() -> None:
    text = (
        "Council Approves Budget\n\n"
        "By Tuesday, the council had approved the plan to reopen the library.\n\n"
        "The vote was unanimous and the library will reopen in May after a long campaign.\n"
    )
    article = parse_text(text, "a.txt")
    assert article.paragraphs[0].startswith("By Tuesday, the council")


PROSE = (
    "The ferry company said on Monday that it would cut a third of its sailings from April "
    "because it could not find enough crew."
)


def test_author_bio_after_the_body_is_dropped() -> None:
    text = (
        "Ferry Timetable Cut by a Third\n\nBy Ines Carvalho\n\n"
        f"{PROSE}\n\nIslanders said they had already missed hospital appointments this winter "
        "because of cancelled sailings.\n\nComments (12)\n\n"
        "Ines Carvalho is the Courier's transport correspondent. She has covered ferries, buses "
        "and rail on the west coast since 2019 and lives on the island.\n"
    )
    article = parse_text(text, "a.txt")
    assert len(article.paragraphs) == 2
    assert "correspondent" not in article.body


def test_list_items_inside_the_body_stay_separate_paragraphs() -> None:
    text = (
        "Council Tax Rises in April\n\n"
        f"{PROSE}\n\nYou may get a discount if any of these applies to you:\n"
        "1. You live alone, in which case your bill is cut by a quarter.\n"
        "2. You are on a low income or receive certain benefits from the state.\n"
        "3. You are a full-time student, or everyone in your home is a student.\n\n"
        f"{PROSE.replace('ferry', 'bus')}\n"
    )
    paragraphs = parse_text(text, "a.txt").paragraphs
    assert "2. You are on a low income or receive certain benefits from the state." in paragraphs
    assert len(paragraphs) == 6


def test_caption_with_agency_line_timestamps_and_subheadings() -> None:
    text = (
        "Storm Closes Rail Lines Along the North Coast\n\n"
        f"{PROSE}\n\n"
        "Firefighters tackle the blaze near the station on Monday evening\nEPA\n\n"
        "10:42 GMT\nSchools closed\n"
        "More than 120 schools across the region have closed for the day, the county council "
        "said in a statement on its website.\n\n"
        "What happens next\n\n"
        f"{PROSE.replace('ferry', 'rail')}\n"
    )
    paragraphs = parse_text(text, "a.txt").paragraphs
    assert "Schools closed" in paragraphs and "What happens next" in paragraphs
    assert not any("Firefighters" in p or "EPA" in p or "GMT" in p for p in paragraphs)


def test_headline_with_question_mark_and_first_line_headline() -> None:
    question = "Do free school meals raise grades? A ten-year study says yes"
    assert parse_text(f"Menu\n\n{question}\n\n{PROSE}\n", "a.txt").title == question
    long_headline = "Storm Hilde: rail lines closed and thousands without power as gales hit the north coast"
    article = parse_text(f"LIVE\n\n{long_headline}\n\n{PROSE}\n", "a.txt")
    assert article.title == long_headline
    assert article.paragraphs == [PROSE]


def test_date_found_under_a_deck() -> None:
    text = (
        "Island Ferry Timetable Cut by a Third\n\n"
        "Residents say the winter schedule leaves them unable to reach hospital appointments\n\n"
        "By Ines Carvalho\nTue 17 Mar 2026 09.14 GMT\n\n"
        f"{PROSE}\n\n{PROSE.replace('ferry', 'bus')}\n"
    )
    article = parse_text(text, "a.txt")
    assert article.published == "2026-03-17"
    assert article.title == "Island Ferry Timetable Cut by a Third"
    assert article.paragraphs[0].startswith("Residents say the winter schedule")
    assert len(article.paragraphs) == 3


def test_link_blocks_and_pull_quotes_dropped() -> None:
    text = (
        "Four-Day Week Trial Cut Sick Days\n\n"
        f"{PROSE}\n\n"
        "\u201cNobody could explain the purpose of half our meetings\u201d\n\n"
        "We asked every team to drop one task that nobody could explain the purpose of, "
        "and most teams found two.\n\n"
        "Around the web\n"
        "Doctors are stunned: this simple trick helps you sleep through the night.\n"
        "The one kitchen gadget everyone in Leeds is buying this spring.\n"
    )
    paragraphs = parse_text(text, "a.txt").paragraphs
    assert len(paragraphs) == 2
    assert not any("Nobody could" in p or "Doctors" in p or "gadget" in p for p in paragraphs)
