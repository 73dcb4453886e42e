"""HTTP for feeds and linked pages: httpx, conditional requests, bounded in time, size and hops.

One `Fetcher` is shared by the refresh's worker threads (an `httpx.Client` is thread-safe and keeps
connections alive), with a semaphore per host so a refresh never opens more than a few connections to
one server however many of its feeds are due.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from types import TracebackType

import httpx

from tui import __version__
from tui.core.sanitize import clean_line
from tui.feeds.urls import host_of, is_http_url

USER_AGENT = f"Dateline/{__version__} (+terminal news reader; feeds)"
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


@dataclass(frozen=True)
class Limits:
    """How far a refresh goes for one request, and how many run at once."""

    timeout: float = 15.0  # seconds for the whole request, body included
    max_bytes: int = 10_000_000  # the body is read in chunks and abandoned past this
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

    @property
    def not_modified(self) -> bool:
        """The server said the feed has not changed since our copy."""
        return self.status == 304


class FetchError(Exception):
    """A request that gave nothing usable; `str(error)` is a one-line reason."""


def _reason(error: httpx.HTTPError) -> str:
    if isinstance(error, httpx.TooManyRedirects):
        return "too many redirects"
    if isinstance(error, httpx.TimeoutException):
        return "timed out"
    if isinstance(error, httpx.UnsupportedProtocol):
        return "refused: only http and https are followed"
    if isinstance(error, httpx.ConnectError):
        text = str(error) or "connection failed"
        return "cannot connect: " + text.split("] ")[-1]
    return clean_line(str(error)) or type(error).__name__


class Fetcher:
    """Bounded GET requests. Use as a context manager, or call `close()`."""

    def __init__(self, limits: Limits | None = None, *, trust_env: bool = True) -> None:
        self.limits = limits or Limits()
        self._client = httpx.Client(
            follow_redirects=True,
            max_redirects=self.limits.max_redirects,
            timeout=httpx.Timeout(self.limits.timeout),
            headers={"User-Agent": USER_AGENT},
            limits=httpx.Limits(
                max_connections=self.limits.workers * 2,
                max_keepalive_connections=self.limits.workers,
            ),
            trust_env=trust_env,
        )
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
        self._client.close()

    def _slot(self, url: str) -> threading.BoundedSemaphore:
        host = host_of(url)
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
        """GET `url` (conditionally when `etag`/`last_modified` are given). Raises FetchError."""
        if not is_http_url(url):
            raise FetchError("refused: only http and https URLs")
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        with self._slot(url):
            try:
                return self._get(url, headers)
            except httpx.HTTPError as error:
                raise FetchError(_reason(error)) from None
            except (OSError, ValueError) as error:  # ValueError: a malformed URL or header
                raise FetchError(clean_line(str(error)) or type(error).__name__) from None

    def _get(self, url: str, headers: dict[str, str]) -> Response:
        limits = self.limits
        deadline = time.monotonic() + limits.timeout
        with self._client.stream("GET", url, headers=headers) as response:
            final = str(response.url)
            if not is_http_url(final):
                raise FetchError("refused: redirected away from http(s)")
            if response.status_code == 304:
                return Response(
                    304,
                    final,
                    b"",
                    "",
                    response.headers.get("ETag") or headers.get("If-None-Match"),
                    response.headers.get("Last-Modified") or headers.get("If-Modified-Since"),
                )
            if response.status_code >= 400 or response.status_code < 200:
                phrase = clean_line(response.reason_phrase or "")
                raise FetchError(f"HTTP {response.status_code}" + (f" {phrase}" if phrase else ""))
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > limits.max_bytes:
                raise FetchError(
                    f"too large ({int(length) / 1e6:.1f} MB; limit {limits.max_bytes / 1e6:g} MB)"
                )
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limits.max_bytes:
                    raise FetchError(f"too large (over {limits.max_bytes / 1e6:g} MB)")
                if time.monotonic() > deadline:
                    raise FetchError(f"timed out after {limits.timeout:g} s")
                chunks.append(chunk)
            content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            return Response(
                response.status_code,
                final,
                b"".join(chunks),
                content_type,
                response.headers.get("ETag"),
                response.headers.get("Last-Modified"),
            )
