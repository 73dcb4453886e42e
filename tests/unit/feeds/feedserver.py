"""A web server on 127.0.0.1 (port 0) for feed tests: routes with bodies, ETag/Last-Modified,
redirects, delays and bodies without a length. Nothing here reaches beyond loopback."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    """What the server answers for one path."""

    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None
    delay: float = 0.0  # seconds before the headers
    send_length: bool = True


@dataclass
class Seen:
    """One request the server received."""

    path: str
    headers: dict[str, str]
    status: int


@dataclass
class FeedServer:
    """Routes by path; `requests` lists what was asked, in order."""

    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[Seen] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)
    port: int = 0

    def url(self, path: str) -> str:
        """The full URL of `path` on this server."""
        return f"http://127.0.0.1:{self.port}{path}"

    def hits(self, path: str) -> list[Seen]:
        """The requests for `path`."""
        return [seen for seen in self.requests if seen.path == path]


def _handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
            return

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            route = server.routes.get(self.path)
            headers = {k.lower(): v for k, v in self.headers.items()}
            if route is None:
                route = Route(body=b"not found", status=404, content_type="text/plain")
            if route.delay and server.stopping.wait(route.delay):
                return
            status = route.status
            if route.etag and headers.get("if-none-match") == route.etag:
                status = 304
            elif route.last_modified and headers.get("if-modified-since") == route.last_modified:
                status = 304
            server.requests.append(Seen(self.path, headers, status))
            self.send_response(status)
            self.send_header("Content-Type", route.content_type)
            if route.etag:
                self.send_header("ETag", route.etag)
            if route.last_modified:
                self.send_header("Last-Modified", route.last_modified)
            if route.location:
                self.send_header("Location", route.location)
            body = b"" if status == 304 else route.body
            if route.send_length:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

    return Handler


@contextmanager
def serve(routes: dict[str, Route] | None = None) -> Iterator[FeedServer]:
    """Run a FeedServer on 127.0.0.1 for the duration of the block."""
    state = FeedServer(routes=dict(routes or {}))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    httpd.block_on_close = False
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.stopping.set()
        httpd.shutdown()
        httpd.server_close()


def rss(title: str, items: list[dict[str, str]], *, extra: str = "") -> bytes:
    """An RSS 2.0 document; each item dict may have title, link, guid, description, content, pubDate."""
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
        f"<channel><title>{title}</title><link>http://127.0.0.1/</link>{extra}",
    ]
    for item in items:
        parts.append("<item>")
        for key in ("title", "link", "guid", "pubDate"):
            if key in item:
                parts.append(f"<{key}>{item[key]}</{key}>")
        if "description" in item:
            parts.append(f"<description><![CDATA[{item['description']}]]></description>")
        if "content" in item:
            parts.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "\n".join(parts).encode("utf-8")


def long_text(topic: str, sentences: int = 40) -> str:
    """Distinct article prose about `topic`, as HTML paragraphs, long enough not to look like a teaser."""
    paragraphs = []
    for n in range(0, sentences, 4):
        paragraphs.append(
            "<p>"
            + " ".join(
                f"The {topic} report, part {n + k}, describes how council members met on day {n + k} "
                f"to discuss the {topic} budget and its effects on local schools."
                for k in range(4)
            )
            + "</p>"
        )
    return "".join(paragraphs)


def page(title: str, body_html: str) -> bytes:
    """An article page with chrome around the text."""
    return (
        f"<!doctype html><html><head><title>{title}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body_html}</article>"
        "<footer>Copyright Example News</footer></body></html>"
    ).encode()
