"""The one HTTP client: feeds, their linked pages and `dateline import URL` all fetch through here.

httpx builds the requests (URL normalisation, headers) and reads the answers, over a transport of
our own on httpcore, so that three things hold whatever the server does:

* **One deadline for the whole exchange.** Connect, TLS, sending, the status line, every header
  byte, every body byte and every redirect hop share one clock: each socket operation may wait at
  most what is left of it (httpx's timeouts are per operation, so a server dripping one header
  byte a second was never cut).
* **Bounded decoding.** `Content-Encoding` is decoded here, not by httpx, layer by layer in small
  pieces, and the size cap applies to what every layer produces as it produces it: `gzip, gzip`
  from 10 KB cannot become gigabytes in memory before "too large".
* **Redirects checked before they are followed**, by hand: only to http(s), only to URLs that can be
  sent, at most `max_redirects` hops, each message in words with any password in a URL hidden.

Only visible ASCII validators (ETag, Last-Modified) are kept from a response or sent back, so one
odd header cannot make every later request of a feed fail.

One `Fetcher` is shared by the refresh's worker threads (the pool is thread-safe and keeps
connections alive), with a semaphore per host so a refresh never opens more than a few connections
to one server however many of its feeds are due.
"""

from __future__ import annotations

import base64
import re
import socket
import ssl
import threading
import time
import urllib.parse
import urllib.request
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import httpcore
import httpx

from tui import __version__
from tui.core.sanitize import clean_line

__all__ = [
    "ANY_ACCEPT",
    "FEED_ACCEPT",
    "MAX_URL_CHARS",
    "PAGE_ACCEPT",
    "USER_AGENT",
    "FetchError",
    "Fetcher",
    "Limits",
    "Response",
    "check_url",
    "redact",
    "sendable",
]

USER_AGENT = f"Dateline/{__version__} (+terminal news reader)"
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
ANY_ACCEPT = (
    "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
    "application/json;q=0.9, text/plain;q=0.8, */*;q=0.5"
)
MAX_URL_CHARS = 8_000  # RFC 9110 asks servers for at least this much; longer is refused in words
MAX_VALIDATOR_CHARS = 1_000
_ENCODINGS = "gzip, deflate"  # what `_Layer` decodes, and so all that is asked for
_MAX_LAYERS = 3
_CHUNK = 64 * 1024
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]")
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)([^/?#\s]*)@")  # to the authority's last @


@dataclass(frozen=True)
class Limits:
    """How far one request goes, and how many run at once."""

    timeout: float = 15.0  # seconds for the whole exchange: connect, headers, body, redirects
    max_bytes: int = 10_000_000  # the body, and every decoding layer of it, is abandoned past this
    max_redirects: int = 5
    per_host: int = 4
    workers: int = 16


@dataclass(frozen=True)
class Response:
    """A successful answer: 200 with a body, or 304 (not modified) without one."""

    status: int
    url: str
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None
    charset: str | None = None  # as the Content-Type declares it, if it does

    @property
    def not_modified(self) -> bool:
        """The server said the feed has not changed since our copy."""
        return self.status == 304


class FetchError(Exception):
    """A request that gave nothing usable; `str(error)` is a one-line reason, with any password in
    a URL in it hidden."""

    def __init__(self, reason: str) -> None:
        super().__init__(redact(clean_line(reason)) or "could not fetch")


# --- words about URLs ------------------------------------------------------------------------


def redact(text: str) -> str:
    """`text` with the password of every `scheme://user:password@` in it replaced by `***`, so
    that no message, source or log line shows it."""

    def hide(match: re.Match[str]) -> str:
        user, colon, _password = match.group(2).partition(":")
        return f"{match.group(1)}{user}{':***' if colon else ''}@"

    return _USERINFO.sub(hide, text)


def _scheme(url: str) -> str:
    head = url.strip().split(":", 1)
    return head[0].lower() if len(head) == 2 and re.fullmatch(r"[A-Za-z][\w+.-]*", head[0]) else ""


def check_url(url: str) -> str | None:
    """Why `url` cannot be fetched, in words, or None when it can: only absolute http(s) URLs with
    a host, no spaces or control characters, at most MAX_URL_CHARS long."""
    text = url.strip()
    if len(text) > MAX_URL_CHARS:
        return f"URL too long ({len(text):,} characters; limit {MAX_URL_CHARS:,})"
    scheme = _scheme(text)
    if scheme not in ("http", "https"):
        return f"not an http(s) URL ({scheme}:)" if scheme else "not an http(s) URL"
    if _SPACE_OR_CONTROL.search(text):
        return "URL has spaces or control characters in it"
    try:
        parts = urllib.parse.urlsplit(text)
        _ = parts.port  # a port out of range or not a number raises here
    except ValueError as error:
        return f"invalid URL ({clean_line(str(error))})"
    if not parts.hostname:
        return "URL has no host"
    return None


def _host(url: str) -> str:
    """Where a request to `url` goes, as httpx reads it (IDNA host, explicit or default port): the
    key of the per-host limit, and of "the same server" when credentials may follow a redirect."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError):
        return ""
    return f"{parsed.host}:{parsed.port or (443 if parsed.scheme == 'https' else 80)}"


def sendable(value: str | None) -> str | None:
    """A validator (ETag, Last-Modified) as it may be sent back: printable ASCII, not too long;
    anything else is None (dropped, so the next request is simply unconditional)."""
    if not value:
        return None
    value = value.strip()
    if not value or len(value) > MAX_VALIDATOR_CHARS:
        return None
    if any(not " " <= char <= "~" for char in value):
        return None
    return value


# --- errors in words -------------------------------------------------------------------------


def _causes(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _tls_words(error: ssl.SSLError | str) -> str:
    """OpenSSL's reason in words ("TLS handshake failed (certificate has expired)"), without its
    source line (`_ssl.c:1006`), error numbers or `[SSL: CODE]` tags."""
    if isinstance(error, str):  # the reason follows OpenSSL's tag, inside any wrapping words
        tagged = re.search(r"\[SSL[^\]]*\]\s*([^()\[\]]+)", error)
        text = tagged.group(1) if tagged else error
    else:
        text = getattr(error, "verify_message", None) or getattr(error, "reason", None) or str(error)
    text = _scrub(str(text)).replace("_", " ").lower()
    if "eof" in text:  # UNEXPECTED_EOF_WHILE_READING, "EOF occurred in violation of protocol"
        text = "the server closed the connection"
    return f"TLS handshake failed ({clean_line(text)})" if text else "TLS handshake failed"


def _scrub(text: str) -> str:
    """`text` without the C source line, errno and OpenSSL tags of a socket or TLS error
    ("[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)" -> "wrong version number")."""
    text = re.sub(r"\s*\(_ssl\.c:\d+\)", "", text)
    return re.sub(r"\[(?:SSL(?::\s*[A-Z0-9_]+)?|Errno -?\d+|WinError \d+)\]\s*", "", text).strip()


# Words for a failure known only by its message (a wrapped error whose cause was dropped).
_MESSAGE_WORDS = (
    (re.compile(r"\[SSL|_ssl\.c|certificate verify failed", re.IGNORECASE), ""),
    (re.compile(r"connection refused", re.IGNORECASE), "connection refused"),
    (re.compile(r"connection reset", re.IGNORECASE), "connection reset by the server"),
    (
        re.compile(r"name or service not known|nodename nor servname|name resolution|getaddrinfo", re.I),
        "host not found",
    ),
    (re.compile(r"network is unreachable", re.IGNORECASE), "network unreachable"),
)


def reworded(reason: str) -> str:
    """A failure reason stored by an older Dateline, said in today's words: one that still carries
    a C source line, an errno or an OpenSSL tag ("cannot connect ([SSL: WRONG_VERSION_NUMBER] …
    (_ssl.c:1006))") becomes "TLS handshake failed (wrong version number)"; others are unchanged."""
    if not re.search(r"_ssl\.c:\d+|\[SSL|\[Errno -?\d+\]", reason):
        return reason
    return _message_words(reason) or clean_line(_scrub(reason))


def _message_words(text: str) -> str | None:
    """The reason in words for an error message that carries it only as text, or None."""
    for pattern, words in _MESSAGE_WORDS:
        if pattern.search(text):
            return words or _tls_words(text)
    return None


# What a server, a proxy or the network can make the exchange raise: each is a reason in words.
# Anything else is a bug here and is not dressed up as a feed's failure.
_NETWORK_ERRORS = (
    httpx.HTTPError,
    httpx.InvalidURL,
    httpcore.ConnectionNotAvailable,
    httpcore.NetworkError,
    httpcore.ProtocolError,
    httpcore.ProxyError,
    httpcore.TimeoutException,
    httpcore.UnsupportedProtocol,
    OSError,
    ValueError,  # UnicodeError too: a header or URL that cannot be encoded
)


def _words(error: BaseException, timeout: float) -> str:
    """A one-line reason for a network failure: what went wrong, not which exception it was."""
    for cause in _causes(error):
        if isinstance(cause, FetchError):
            return str(cause)
        if isinstance(cause, ssl.SSLError):
            return _tls_words(cause)
        if isinstance(cause, socket.gaierror):
            return "host not found"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, ConnectionResetError):
            return "connection reset by the server"
        if isinstance(cause, (TimeoutError, httpcore.TimeoutException, httpx.TimeoutException)):
            return f"timed out after {timeout:g} s"
    for cause in _causes(error):
        said = _message_words(str(cause))
        if said is not None:
            return said
    for cause in _causes(error):
        if isinstance(cause, (httpcore.RemoteProtocolError, httpx.RemoteProtocolError)):
            text = clean_line(str(cause))
            if "without sending" in text or "closed" in text.lower():
                return "the server closed the connection without an answer"
            return f"not a valid HTTP answer ({text})" if text else "not a valid HTTP answer"
        if isinstance(cause, (httpcore.ProxyError, httpx.ProxyError)):
            return f"proxy refused the request ({clean_line(str(cause))})"
        if isinstance(cause, (httpcore.ConnectError, httpx.ConnectError)):
            text = clean_line(_scrub(str(cause)))
            return f"cannot connect ({text})" if text else "cannot connect"
        if isinstance(cause, (httpcore.ReadError, httpcore.WriteError, httpx.TransportError)):
            text = clean_line(_scrub(str(cause)))
            return f"connection lost ({text})" if text else "connection lost"
        if isinstance(cause, httpx.InvalidURL):
            return f"invalid URL ({clean_line(str(cause))})"
    return clean_line(_scrub(str(error))) or type(error).__name__


# --- one deadline for every socket operation ----------------------------------------------------

_clock = threading.local()  # .deadline: the monotonic time the current thread's exchange ends


def _left(timeout: float | None, expired: type[Exception]) -> float:
    """How long one socket operation may wait: what is left of the exchange, at most `timeout`."""
    deadline: float | None = getattr(_clock, "deadline", None)
    if deadline is None:
        return timeout if timeout is not None else 60.0
    left = deadline - time.monotonic()
    if left <= 0:
        raise expired("deadline passed")
    return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    """A connection whose every wait ends by the thread's deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        # One wait for the whole handshake: CPython's ssl keeps one deadline across its reads.
        inner = self._inner.start_tls(ssl_context, server_hostname, _left(timeout, httpcore.ConnectTimeout))
        return _Stream(inner)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    """httpcore's own sockets, wrapped in `_Stream`."""

    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        wait = _left(timeout, httpcore.ConnectTimeout)
        return _Stream(self._inner.connect_tcp(host, port, wait, local_address, socket_options))

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        wait = _left(timeout, httpcore.ConnectTimeout)
        return _Stream(self._inner.connect_unix_socket(path, wait, socket_options))

    def sleep(self, seconds: float) -> None:
        time.sleep(min(seconds, _left(None, httpcore.PoolTimeout)))


class _Body(httpx.SyncByteStream):
    def __init__(self, stream: Iterable[bytes]) -> None:
        self._stream = stream

    def __iter__(self) -> Iterator[bytes]:
        yield from self._stream

    def close(self) -> None:
        close = getattr(self._stream, "close", None)
        if close is not None:
            close()


class _Transport(httpx.BaseTransport):
    """httpx requests over httpcore pools whose sockets keep the deadline: one pool for direct
    requests and one per proxy the environment names (as httpx does with `trust_env`)."""

    def __init__(self, limits: Limits, *, trust_env: bool) -> None:
        self._ssl = httpx.create_ssl_context(trust_env=trust_env)
        self._limits = limits
        self._trust_env = trust_env
        self._backend = _Backend()
        self._pools: dict[str, httpcore.ConnectionPool] = {}
        self._lock = threading.Lock()

    def _proxy(self, url: httpx.URL) -> str:
        if not self._trust_env:
            return ""
        proxies = urllib.request.getproxies()
        proxy = proxies.get(url.scheme) or proxies.get("all") or ""
        if proxy and urllib.request.proxy_bypass(url.host):
            return ""
        return proxy if "://" in proxy or not proxy else f"http://{proxy}"

    def _pool(self, url: httpx.URL) -> httpcore.ConnectionPool:
        proxy = self._proxy(url)
        with self._lock:
            pool = self._pools.get(proxy)
            if pool is None:
                if proxy and not proxy.lower().startswith(("http://", "https://")):
                    raise FetchError(f"unsupported proxy {proxy} (only http and https proxies)")
                pool = self._pools[proxy] = httpcore.ConnectionPool(
                    ssl_context=self._ssl,
                    proxy=httpcore.Proxy(proxy) if proxy else None,
                    max_connections=self._limits.workers * 2,
                    max_keepalive_connections=self._limits.workers,
                    keepalive_expiry=5.0,
                    network_backend=self._backend,
                )
            return pool

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, httpx.SyncByteStream)
        core = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        answer = self._pool(request.url).handle_request(core)
        assert isinstance(answer.stream, Iterable)
        return httpx.Response(
            status_code=answer.status,
            headers=answer.headers,
            stream=_Body(answer.stream),
            extensions=answer.extensions,
            request=request,
        )

    def close(self) -> None:
        with self._lock:
            pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            pool.close()


# --- bounded decoding ---------------------------------------------------------------------------


class _Layer:
    """One gzip or deflate layer, decoded in pieces of at most _CHUNK bytes and abandoned once it
    has produced more than `cap` bytes (the cap is for every layer, not only the last)."""

    def __init__(self, name: str, cap: int) -> None:
        self.name = name
        self._cap = cap
        self._size = 0
        self._head = b""  # deflate: the first bytes, until they tell zlib-wrapped from raw
        self._inflater: Any = None
        if name == "gzip":
            self._inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)

    def _start(self, data: bytes) -> bytes:
        """For deflate, pick the decoder from the first two bytes: "deflate" is zlib-wrapped by the
        standard and raw from some servers; both are read. Returns the bytes to decode now."""
        self._head += data
        if len(self._head) < 2:
            return b""
        first, second = self._head[0], self._head[1]
        wrapped = first & 0x0F == 8 and (first << 8 | second) % 31 == 0
        self._inflater = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        data, self._head = self._head, b""
        return data

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self._inflater is None:
            data = self._start(data)
            if self._inflater is None:
                return
        while not self._inflater.eof:
            try:
                out = self._inflater.decompress(data, _CHUNK)
            except zlib.error:
                raise FetchError(f"damaged {self.name} data in the response") from None
            data = self._inflater.unconsumed_tail
            self._size += len(out)
            if self._size > self._cap:
                raise FetchError(f"too large (over {self._cap / 1e6:g} MB once decompressed)")
            if out:
                yield out
            if not data and len(out) < _CHUNK:
                return  # all input used and nothing held back: wait for more


def _layers(header: str, cap: int) -> list[_Layer]:
    """The decoders for a Content-Encoding header, outermost (last applied) first."""
    names = [name.strip().lower() for name in header.split(",")]
    layers: list[_Layer] = []
    for name in reversed(names):
        if name in ("gzip", "x-gzip"):
            layers.append(_Layer("gzip", cap))
        elif name == "deflate":
            layers.append(_Layer("deflate", cap))
        elif name in ("br", "zstd", "compress", "x-compress"):
            raise FetchError(f"the response is compressed with {name}, which Dateline cannot read")
        # "identity", empty and unknown names: the bytes are taken as they are (as httpx does)
    if len(layers) > _MAX_LAYERS:
        raise FetchError(f"too many content encodings ({len(layers)}; at most {_MAX_LAYERS})")
    return layers


def _decoded(layers: list[_Layer], data: bytes) -> Iterator[bytes]:
    if not layers:
        if data:
            yield data
        return
    for piece in layers[0].feed(data):
        yield from _decoded(layers[1:], piece)


def _charset(content_type: str) -> str | None:
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            value = value.strip().strip("\"'").strip()
            return value or None
    return None


def _origin(url: str) -> tuple[str, str]:
    return _scheme(url), _host(url)


def _basic_auth(url: str) -> str | None:
    """The Authorization header for credentials in `url` (`http://user:password@host/`), if any."""
    parsed = httpx.URL(url)
    if not parsed.username and not parsed.password:
        return None
    token = base64.b64encode(f"{parsed.username}:{parsed.password}".encode()).decode("ascii")
    return f"Basic {token}"


# --- the client -------------------------------------------------------------------------------


class Fetcher:
    """Bounded GET requests. Use as a context manager, or call `close()`."""

    def __init__(self, limits: Limits | None = None, *, trust_env: bool = True) -> None:
        self.limits = limits or Limits()
        self._transport = _Transport(self.limits, trust_env=trust_env)
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._hosts_lock = threading.Lock()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the pooled connections."""
        self._transport.close()

    def _slot(self, url: str) -> threading.BoundedSemaphore:
        host = _host(url)
        with self._hosts_lock:
            slot = self._hosts.get(host)
            if slot is None:
                slot = self._hosts[host] = threading.BoundedSemaphore(self.limits.per_host)
            return slot

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = FEED_ACCEPT,
    ) -> Response:
        """GET `url` (conditionally when `etag`/`last_modified` are given and can be sent) within
        one deadline for the whole exchange. Raises FetchError with a one-line reason."""
        problem = check_url(url)
        if problem is not None:
            raise FetchError(f"refused: {problem}")
        url = url.strip()
        headers = {"Accept": accept}
        etag, last_modified = sendable(etag), sendable(last_modified)
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        with self._slot(url):
            deadline = _clock.deadline = time.monotonic() + self.limits.timeout
            try:
                return self._exchange(url, headers)
            except FetchError:
                raise
            except _NETWORK_ERRORS as error:
                if time.monotonic() >= deadline:  # whatever broke, it broke because time ran out
                    raise FetchError(f"timed out after {self.limits.timeout:g} s") from None
                raise FetchError(_words(error, self.limits.timeout)) from None
            finally:
                _clock.deadline = None

    def _exchange(self, url: str, headers: dict[str, str]) -> Response:
        # Sent through the transport directly, not `httpx.Client.send`: the client builds the next
        # request of every redirect itself, even when not following it, and a bad Location then
        # fails there as "InvalidURL" before it can be refused in words.
        origin = _origin(url)
        auth = _basic_auth(url)
        current = url
        for _hop in range(self.limits.max_redirects + 1):
            left = _left(None, httpcore.ReadTimeout)
            hop_headers = {"User-Agent": USER_AGENT, "Accept-Encoding": _ENCODINGS, **headers}
            if auth and _origin(current) == origin:  # credentials never go to another server
                hop_headers["Authorization"] = auth
            request = httpx.Request(
                "GET", current, headers=hop_headers, extensions={"timeout": httpx.Timeout(left).as_dict()}
            )
            response = self._transport.handle_request(request)
            try:
                if response.status_code in _REDIRECTS:
                    current = self._next_hop(current, response)
                    continue
                return self._answer(current, response, headers)
            finally:
                response.close()
        raise FetchError(f"too many redirects (more than {self.limits.max_redirects})")

    def _next_hop(self, current: str, response: httpx.Response) -> str:
        location = str(response.headers.get("Location", "")).strip()
        if not location:
            raise FetchError(f"HTTP {response.status_code} redirect without a Location")
        try:
            target: str = urllib.parse.urljoin(current, location)
        except ValueError:
            target = location
        scheme = _scheme(target)
        if scheme not in ("http", "https"):
            shown = f"a {scheme}: URL" if scheme else "something that is not a URL"
            raise FetchError(f"refused a redirect to {shown} (only http and https are followed)")
        problem = check_url(target)
        if problem is not None:
            raise FetchError(f"refused a redirect: {problem}")
        return target

    def _answer(self, url: str, response: httpx.Response, sent: dict[str, str]) -> Response:
        limits = self.limits
        if response.status_code == 304:
            return Response(
                304,
                url,
                b"",
                "",
                sendable(response.headers.get("ETag")) or sent.get("If-None-Match"),
                sendable(response.headers.get("Last-Modified")) or sent.get("If-Modified-Since"),
            )
        if response.status_code >= 400 or response.status_code < 200:
            phrase = clean_line(response.reason_phrase or "")
            raise FetchError(f"HTTP {response.status_code}" + (f" {phrase}" if phrase else ""))
        length = response.headers.get("Content-Length", "").strip()
        if length.isdigit() and int(length) > limits.max_bytes:
            raise FetchError(f"too large ({int(length) / 1e6:.1f} MB; limit {limits.max_bytes / 1e6:g} MB)")
        layers = _layers(response.headers.get("Content-Encoding", ""), limits.max_bytes)
        chunks: list[bytes] = []
        size = wire = 0
        for raw in response.iter_raw(_CHUNK):
            wire += len(raw)
            if wire > limits.max_bytes:
                raise FetchError(f"too large (over {limits.max_bytes / 1e6:g} MB)")
            for piece in _decoded(layers, raw):
                size += len(piece)
                if size > limits.max_bytes:
                    raise FetchError(f"too large (over {limits.max_bytes / 1e6:g} MB)")
                chunks.append(piece)
                _left(None, httpcore.ReadTimeout)  # decoding counts against the deadline too
            _left(None, httpcore.ReadTimeout)
        full_type = response.headers.get("Content-Type", "")
        return Response(
            response.status_code,
            url,
            b"".join(chunks),
            full_type.split(";")[0].strip().lower(),
            sendable(response.headers.get("ETag")),
            sendable(response.headers.get("Last-Modified")),
            _charset(full_type),
        )
