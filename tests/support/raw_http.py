"""HTTP/1.1 by hand, to see what a client library hides: whether the server kept the connection open."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit


def statuses_on_one_connection(base_url: str, paths: list[str], headers: dict[str, str] | None = None) -> list[int]:
    """GET each path in turn on one TCP connection; the statuses (ConnectionError if the server closed it)."""
    parts = urlsplit(base_url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    extra = "".join(f"{name}: {value}\r\n" for name, value in (headers or {}).items())
    statuses = []
    with socket.create_connection((host, port), timeout=15) as sock, sock.makefile("rb") as stream:
        for path in paths:
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n{extra}\r\n".encode())
            status_line = stream.readline()
            if not status_line:
                raise ConnectionError(f"the server closed the connection before answering GET {path}")
            length, closing = 0, False
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("latin-1").partition(":")
                length = int(value) if name.strip().lower() == "content-length" else length
                closing = closing or (name.strip().lower() == "connection" and "close" in value.lower())
            stream.read(length)
            statuses.append(int(status_line.split()[1]))
            if closing:
                raise ConnectionError(f"the server announced it closes the connection after GET {path}")
    return statuses
