"""A real uvicorn server in a background thread on 127.0.0.1, set up as `ganxin serve` would be.

Why not tests/support/server.py: it binds `socket.socket(AF_INET, SOCK_STREAM)`, whose proto is 0,
and asyncio only sets TCP_NODELAY on sockets whose proto is IPPROTO_TCP. Without it, every response
on a keep-alive connection waits ~40 ms for the client's delayed ACK (Nagle), which would swamp the
figures. uvicorn.run(host=, port=) in production gets proto 6 from getaddrinfo, so it is not affected.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import uvicorn


@contextmanager
def run_server(make_app: Callable[[], Any], ready_path: str = "/login", timeout: float = 60.0) -> Iterator[str]:
    """Serve make_app() until the block ends; yield the base URL once ready_path answers 2xx."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    base_url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    server = uvicorn.Server(
        uvicorn.Config(make_app(), log_level="warning", access_log=False, timeout_graceful_shutdown=5)
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="bench-uvicorn", daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + timeout
        while not _ready(server, base_url + ready_path):
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the server on {base_url} did not start")
            thread.join(0.05)
        yield base_url
    finally:
        server.should_exit = True
        thread.join(15)
        sock.close()


def _ready(server: uvicorn.Server, url: str) -> bool:
    if not server.started:
        return False
    try:
        return httpx.get(url, timeout=2).is_success
    except httpx.TransportError:
        return False
