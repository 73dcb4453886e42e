"""A raw TCP server on 127.0.0.1 (port 0) for hostile-server tests: each connection's request head
is read, then a test's function writes whatever bytes it likes, as slowly as it likes. Loops in the
handlers are bounded and stop when the server does; nothing here reaches beyond loopback."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class RawServer:
    """`requests` holds each request head as received (decoded as Latin-1)."""

    port: int = 0
    requests: list[str] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str = "/", scheme: str = "http", userinfo: str = "") -> str:
        """The URL of `path` on this server."""
        return f"{scheme}://{userinfo}127.0.0.1:{self.port}{path}"

    def drip(self, conn: socket.socket, data: bytes, every: float, limit: float = 20.0) -> None:
        """Send `data` one byte per `every` seconds, for at most `limit` seconds."""
        waited = 0.0
        for byte in data:
            if self.stopping.wait(every) or waited > limit:
                return
            waited += every
            conn.sendall(bytes([byte]))


Handler = Callable[[RawServer, socket.socket, str], None]


def _head(conn: socket.socket) -> str:
    data = b""
    while b"\r\n\r\n" not in data and len(data) < 65536:
        piece = conn.recv(4096)
        if not piece:
            break
        data += piece
        if data.startswith(b"\x16"):
            break  # a TLS ClientHello, not HTTP: the handler answers it (wrongly) at once
    return data.decode("latin-1")


@contextmanager
def raw_server(handler: Handler) -> Iterator[RawServer]:
    """Serve `handler(server, connection, request head)` for each connection until the block ends."""
    server = RawServer()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.1)
    server.port = listener.getsockname()[1]
    workers: list[threading.Thread] = []

    def serve(conn: socket.socket) -> None:
        with conn:
            conn.settimeout(30)
            try:
                head = _head(conn)
                server.requests.append(head)
                handler(server, conn, head)
            except OSError:
                pass

    def accept() -> None:
        while not server.stopping.is_set():
            try:
                conn, _ = listener.accept()
            except (TimeoutError, OSError):
                continue
            worker = threading.Thread(target=serve, args=(conn,), daemon=True)
            workers.append(worker)
            worker.start()

    acceptor = threading.Thread(target=accept, daemon=True)
    acceptor.start()
    try:
        yield server
    finally:
        server.stopping.set()
        acceptor.join(timeout=5)
        listener.close()
        for worker in workers:
            worker.join(timeout=5)


def answer(
    conn: socket.socket,
    body: bytes,
    headers: dict[str, str | bytes] | None = None,
    status: str = "200 OK",
) -> None:
    """Send a whole HTTP/1.1 answer with a Content-Length; header values may be raw bytes."""
    lines = [f"HTTP/1.1 {status}".encode()]
    for name, value in {"Content-Length": str(len(body)), "Connection": "close", **(headers or {})}.items():
        lines.append(name.encode() + b": " + (value if isinstance(value, bytes) else value.encode("latin-1")))
    conn.sendall(b"\r\n".join(lines) + b"\r\n\r\n" + body)
