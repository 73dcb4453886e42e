"""The one HTTP client against hostile servers (issue 19 items 1, 2, 4, 10; issue 20 item 1): stacked
encodings bounded as they decode, one deadline for the whole exchange, validators that can be sent
back, redirects and URLs refused in words, passwords never shown, network failures in words.

Every server is on 127.0.0.1 and every case ends within 30 s (most in about 2 s)."""

from __future__ import annotations

import gzip
import socket
import ssl
import time
import tracemalloc
import zlib

import httpx
import pytest

from tests.unit.ingest.rawserver import RawServer, answer, raw_server
from tui.feeds.http import Fetcher, FetchError, Limits
from tui.ingest import IngestError, fetch_url
from tui.ingest.http import _words as http_words

PAGE = (
    "<html><head><title>Harbour Ferry Fares Frozen</title></head><body><article>"
    "<h1>Harbour Ferry Fares Frozen</h1>"
    + "".join(
        f"<p>The harbour authority said on Tuesday that ferry fares would stay frozen for route {n}, "
        "after a review of passenger numbers and fuel costs over the past two years.</p>"
        for n in range(6)
    )
    + "</article></body></html>"
)


def _fetcher(**limits: float) -> Fetcher:
    return Fetcher(Limits(**{"timeout": 2.0, **limits}), trust_env=False)  # type: ignore[arg-type]


# --- 1. stacked encodings ------------------------------------------------------------------------


def test_double_gzip_bomb_ends_too_large_with_little_memory() -> None:
    bomb = gzip.compress(gzip.compress(bytes(100_000_000), 9), 9)
    assert len(bomb) < 20_000  # a 10 KB answer that would be 100 MB after two layers

    def handler(server: RawServer, conn: socket.socket, head: str) -> None:
        answer(conn, bomb, {"Content-Type": "text/html", "Content-Encoding": "gzip, gzip"})

    with raw_server(handler) as server, _fetcher(max_bytes=1_000_000, timeout=20.0) as fetcher:
        tracemalloc.start()
        try:
            with pytest.raises(FetchError, match="too large"):
                fetcher.get(server.url())
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < 12_000_000, f"peak {peak / 1e6:.0f} MB"


@pytest.mark.parametrize(
    ("header", "encode"),
    [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", lambda data: zlib.compress(data)[2:-4]),  # raw deflate, as some servers send
        ("gzip, deflate", lambda data: zlib.compress(gzip.compress(data))),
        ("gzip, gzip", lambda data: gzip.compress(gzip.compress(data))),
        ("identity", lambda data: data),
    ],
)
def test_encodings_decode_in_order(header: str, encode: object) -> None:
    body = PAGE.encode() * 50

    def handler(server: RawServer, conn: socket.socket, head: str) -> None:
        answer(conn, encode(body), {"Content-Type": "text/html", "Content-Encoding": header})  # type: ignore[operator]

    with raw_server(handler) as server, _fetcher() as fetcher:
        assert fetcher.get(server.url()).body == body


def test_damaged_and_unreadable_encodings_say_so() -> None:
    def handler(server: RawServer, conn: socket.socket, head: str) -> None:
        if "/br" in head.split("\r\n")[0]:
            answer(conn, b"\x0b\x02\x80hello\x03", {"Content-Encoding": "br"})
        else:
            answer(conn, b"\x1f\x8b\x08\x00not gzip at all", {"Content-Encoding": "gzip"})

    with raw_server(handler) as server, _fetcher() as fetcher:
        with pytest.raises(FetchError, match="damaged gzip"):
            fetcher.get(server.url("/bad"))
        with pytest.raises(FetchError, match="compressed with br"):
            fetcher.get(server.url("/br"))


# --- 2. one deadline for the whole exchange ----------------------------------------------------


def _slow_headers(server: RawServer, conn: socket.socket, head: str) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n")
    server.drip(conn, b"X-Slow: " + b"a" * 100, every=0.5)


def _slow_body(server: RawServer, conn: socket.socket, head: str) -> None:
    body = PAGE.encode()
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(body))
    server.drip(conn, body, every=0.5)


@pytest.mark.parametrize("handler", [_slow_headers, _slow_body], ids=["headers", "body"])
def test_feed_fetch_is_cut_at_the_deadline(handler: object) -> None:
    with raw_server(handler) as server, _fetcher(timeout=2.0) as fetcher:  # type: ignore[arg-type]
        started = time.monotonic()
        with pytest.raises(FetchError, match=r"timed out after 2 s"):
            fetcher.get(server.url())
        assert time.monotonic() - started < 4


@pytest.mark.parametrize("handler", [_slow_headers, _slow_body], ids=["headers", "body"])
def test_import_url_is_cut_at_the_deadline(handler: object) -> None:
    with raw_server(handler) as server:  # type: ignore[arg-type]
        started = time.monotonic()
        with pytest.raises(IngestError, match=r"timed out after 2 s"):
            fetch_url(server.url(), timeout=2.0)
        assert time.monotonic() - started < 4


def test_redirect_hops_share_the_deadline() -> None:
    def handler(server: RawServer, conn: socket.socket, head: str) -> None:
        time.sleep(0.6)
        answer(conn, b"", {"Location": "/again"}, status="302 Found")

    with raw_server(handler) as server, _fetcher(timeout=2.0, max_redirects=10) as fetcher:
        started = time.monotonic()
        with pytest.raises(FetchError, match="timed out"):
            fetcher.get(server.url())
        assert time.monotonic() - started < 4


# --- 4. validators that can be sent back -------------------------------------------------------


def test_unsendable_validators_are_neither_kept_nor_sent() -> None:
    def handler(server: RawServer, conn: socket.socket, head: str) -> None:
        answer(
            conn,
            b"<rss/>",
            {"Content-Type": "application/rss+xml", "ETag": b'"caf\xe9"', "Last-Modified": b"Mon\x01day"},
        )

    with raw_server(handler) as server, _fetcher() as fetcher:
        response = fetcher.get(server.url())
        assert response.etag is None and response.last_modified is None
        # One stored by an older version is dropped, not fatal: the request goes out unconditional.
        again = fetcher.get(server.url(), etag='"caf\xe9"', last_modified="Tue,\r\n 1 Jan")
        assert again.status == 200
        assert "If-None-Match" not in server.requests[-1]
        assert "If-Modified-Since" not in server.requests[-1]


def test_sendable_validators_round_trip() -> None:
    def handler(server: RawServer, conn: socket.socket, head: str) -> None:
        if 'If-None-Match: W/"v1"' in head:
            answer(conn, b"", status="304 Not Modified")
        else:
            answer(conn, b"<rss/>", {"ETag": 'W/"v1"', "Last-Modified": "Wed, 21 Oct 2015 07:28:00 GMT"})

    with raw_server(handler) as server, _fetcher() as fetcher:
        first = fetcher.get(server.url())
        assert (first.etag, first.last_modified) == ('W/"v1"', "Wed, 21 Oct 2015 07:28:00 GMT")
        second = fetcher.get(server.url(), etag=first.etag, last_modified=first.last_modified)
        assert second.not_modified and second.etag == 'W/"v1"'


# --- 10. URLs and redirects in words; no password shown ----------------------------------------


@pytest.mark.parametrize(
    ("location", "words"),
    [
        ("javascript:alert(1)", "redirect to a javascript: URL"),
        ("data:text/html,<p>hi</p>", "redirect to a data: URL"),
        ("file:///etc/passwd", "redirect to a file: URL"),
        ("ftp://127.0.0.1/feed", "redirect to a ftp: URL"),
        ("http://127.0.0.1/" + "a" * 70_000, "URL too long"),
        ("http://127.0.0.1:99999/", "invalid URL"),
    ],
    ids=["javascript", "data", "file", "ftp", "70000-chars", "bad-port"],
)
def test_bad_redirects_are_refused_in_words(location: str, words: str) -> None:
    def handler(server: RawServer, conn: socket.socket, head: str) -> None:
        answer(conn, b"", {"Location": location}, status="302 Found")

    with raw_server(handler) as server, _fetcher() as fetcher:
        with pytest.raises(FetchError) as caught:
            fetcher.get(server.url())
    assert words in str(caught.value)
    assert "InvalidURL" not in str(caught.value) and "internal" not in str(caught.value)
    with raw_server(handler) as server, pytest.raises(IngestError) as ingest_caught:
        fetch_url(server.url(), timeout=2.0)
    assert words in str(ingest_caught.value)


def test_a_very_long_url_is_refused_in_words() -> None:
    long = "http://127.0.0.1/" + "a" * 70_000
    with _fetcher() as fetcher, pytest.raises(FetchError, match="URL too long"):
        fetcher.get(long)
    with pytest.raises(IngestError, match="URL too long"):
        fetch_url(long)


def test_too_many_redirects_say_how_many() -> None:
    def handler(server: RawServer, conn: socket.socket, head: str) -> None:
        answer(conn, b"", {"Location": "/loop"}, status="301 Moved Permanently")

    with raw_server(handler) as server, _fetcher(max_redirects=3) as fetcher:
        with pytest.raises(FetchError, match=r"too many redirects \(more than 3\)"):
            fetcher.get(server.url())
        assert len(server.requests) == 4


def test_a_password_in_the_url_is_never_shown() -> None:
    def handler(server: RawServer, conn: socket.socket, head: str) -> None:
        if "/page" in head.split("\r\n")[0]:
            answer(conn, PAGE.encode(), {"Content-Type": "text/html; charset=utf-8"})
        elif "/away" in head.split("\r\n")[0]:
            answer(conn, b"", {"Location": "javascript:alert(1)"}, status="302 Found")
        else:
            answer(conn, b"no", status="404 Not Found")

    with raw_server(handler) as server:
        for path in ("/missing", "/away"):
            with pytest.raises(IngestError) as caught:
                fetch_url(server.url(path, userinfo="reader:s3cret@"), timeout=2.0)
            assert "s3cret" not in str(caught.value)
        [article] = fetch_url(server.url("/page", userinfo="reader:s3cret@"), timeout=2.0)
        assert "Authorization: Basic" in server.requests[-1]  # still sent, as the user asked
    assert "s3cret" not in repr(article)
    assert article.source == server.url("/page", userinfo="reader:***@")


# --- TLS and connection failures in words ------------------------------------------------------


def test_tls_failure_in_words() -> None:
    def handler(server: RawServer, conn: socket.socket, head: str) -> None:
        conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")

    with raw_server(handler) as server, _fetcher() as fetcher:
        with pytest.raises(FetchError, match=r"^TLS handshake failed"):
            fetcher.get(server.url(scheme="https"))


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (
            httpx.ConnectError(
                "[SSL: UNEXPECTED_EOF_WHILE_READING] EOF occurred in violation of protocol (_ssl.c:1006)"
            ),
            "TLS handshake failed (the server closed the connection)",
        ),
        (
            ssl.SSLEOFError(8, "EOF occurred in violation of protocol (_ssl.c:1006)"),
            "TLS handshake failed (the server closed the connection)",
        ),
        (
            ssl.SSLError(1, "[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)"),
            "TLS handshake failed (wrong version number)",
        ),
        (httpx.ConnectError("[Errno 111] Connection refused"), "connection refused"),
        (httpx.ConnectError("[Errno -2] Name or service not known"), "host not found"),
        (httpx.ReadError("[Errno 104] Connection reset by peer"), "connection reset by the server"),
        (
            httpx.ConnectError("[Errno 99] Cannot assign requested address"),
            "cannot connect (Cannot assign requested address)",
        ),
    ],
)
def test_failures_known_only_by_their_message_are_said_in_words(error: Exception, words: str) -> None:
    """Issue 21, item 8: no `_ssl.c:1006`, `[SSL: …]` or `[Errno N]` in a feed's last error, also
    when a library wrapped the error and kept only its text."""
    assert http_words(error, 15) == words


def test_a_reason_stored_by_an_older_dateline_is_said_in_words() -> None:
    from tui.ingest.http import reworded

    old = "cannot connect ([SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006))"
    assert reworded(old) == "TLS handshake failed (wrong version number)"
    assert reworded("[Errno 111] Connection refused") == "connection refused"
    assert reworded("HTTP 500 Internal Server Error") == "HTTP 500 Internal Server Error"
    assert reworded("proxy refused the request (connection refused)") == (
        "proxy refused the request (connection refused)"
    )


def test_a_dripped_tls_handshake_is_cut_at_the_deadline() -> None:
    def handler(server: RawServer, conn: socket.socket, head: str) -> None:
        server.drip(conn, b"\x16\x03\x03\x40\x00" + bytes(200), every=0.3)  # a 16 KB record, slowly

    with raw_server(handler) as server, _fetcher(timeout=2.0) as fetcher:
        started = time.monotonic()
        with pytest.raises(FetchError, match=r"^timed out after 2 s$"):
            fetcher.get(server.url(scheme="https"))
        assert time.monotonic() - started < 4


def test_connection_refused_in_words() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with _fetcher() as fetcher, pytest.raises(FetchError, match=r"^connection refused$"):
        fetcher.get(f"http://127.0.0.1:{port}/")
    with pytest.raises(IngestError, match=r"connection refused"):
        fetch_url(f"http://127.0.0.1:{port}/")


def test_a_server_that_closes_without_an_answer() -> None:
    def handler(server: RawServer, conn: socket.socket, head: str) -> None:
        return

    with raw_server(handler) as server, _fetcher() as fetcher:
        with pytest.raises(FetchError, match="closed the connection without an answer"):
            fetcher.get(server.url())


# --- issue 20: charsets as the response declares them --------------------------------------------


@pytest.mark.parametrize("charset", ["windows-1251", "shift_jis"])
def test_import_url_decodes_the_declared_charset(charset: str) -> None:
    title = "Новости гавани" if charset == "windows-1251" else "港のフェリー運賃"
    page = PAGE.replace("Harbour Ferry Fares Frozen", title)

    def handler(server: RawServer, conn: socket.socket, head: str) -> None:
        answer(conn, page.encode(charset), {"Content-Type": f"text/html; charset={charset}"})

    with raw_server(handler) as server:
        [article] = fetch_url(server.url(), timeout=2.0)
    assert article.title == title


def test_import_results_never_show_the_password() -> None:
    from tui.store.library import Library

    def handler(server: RawServer, conn: socket.socket, head: str) -> None:
        answer(conn, b"no", status="404 Not Found")

    with raw_server(handler) as server:
        url = server.url("/missing", userinfo="reader:s3cret@")
        results = Library.default().import_inputs([url, "ftp://reader:s3cret@127.0.0.1/x"])
    assert [r.status for r in results] == ["rejected", "rejected"]
    assert all("s3cret" not in f"{r.input} {r.reason}" for r in results)
    assert results[0].input == server.url("/missing", userinfo="reader:***@")
    [long] = Library.default().import_inputs(["http://127.0.0.1/" + "a" * 70_000])
    assert long.status == "rejected" and "URL too long" in long.reason and len(long.input) < 400


def test_the_environment_proxy_is_used_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    """The client's own transport still honours HTTP_PROXY/NO_PROXY, as httpx did (the proxy is on
    127.0.0.1: the feed's host is never looked up)."""

    def handler(server: RawServer, conn: socket.socket, head: str) -> None:
        answer(conn, b"<rss/>", {"Content-Type": "application/rss+xml"})

    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    with raw_server(handler) as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url("").rstrip("/"))
        with Fetcher(Limits(timeout=2.0)) as fetcher:
            assert fetcher.get("http://feeds.example/feed.xml").body == b"<rss/>"
        assert proxy.requests[-1].startswith("GET http://feeds.example/feed.xml HTTP/1.1")
        monkeypatch.setenv("NO_PROXY", "127.0.0.1")
        with Fetcher(Limits(timeout=2.0)) as fetcher:
            assert fetcher.get(proxy.url("/direct")).body == b"<rss/>"
        assert proxy.requests[-1].startswith("GET /direct HTTP/1.1")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("http://me:s3cret@host/feed", "http://me:***@host/feed"),
        ("https://me:p@ss@host:8080/x?y=a@b", "https://me:***@host:8080/x?y=a@b"),
        ("failed: http://a:b@one/ and ftp://c:d@two/", "failed: http://a:***@one/ and ftp://c:***@two/"),
        ("http://me@host/", "http://me@host/"),
        ("http://host/path@x", "http://host/path@x"),
    ],
)
def test_redact_hides_every_password(text: str, shown: str) -> None:
    from tui.ingest.http import redact

    assert redact(text) == shown


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("http://127.0.0.1/a b", "spaces or control characters"),
        ("http:///feed", "no host"),
        ("mailto:me@example.org", "not an http(s) URL (mailto:)"),
        ("feed.xml", "not an http(s) URL"),
        ("http://[::1/", "invalid URL"),
    ],
)
def test_unusable_urls_are_refused_in_words(url: str, words: str) -> None:
    with _fetcher() as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(url)
    assert words in str(caught.value)


@pytest.mark.parametrize("step", [1, 3, 4096])
@pytest.mark.parametrize("name", ["gzip", "deflate", "raw deflate"])
def test_layers_decode_however_the_bytes_arrive(name: str, step: int) -> None:
    from tui.ingest.http import _decoded, _Layer

    data = PAGE.encode() * 40
    encoded = {
        "gzip": gzip.compress(data),
        "deflate": zlib.compress(data),
        "raw deflate": zlib.compress(data)[2:-4],
    }[name]
    layer = _Layer(name.split()[-1], 10_000_000)
    pieces = (encoded[i : i + step] for i in range(0, len(encoded), step))
    assert b"".join(out for piece in pieces for out in _decoded([layer], piece)) == data
