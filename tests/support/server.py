"""A real uvicorn server in a background thread, for HTTP and browser tests."""

from __future__ import annotations

import inspect
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

import httpx
import uvicorn


def _resolve_app(app_or_factory: Any) -> Any:
    """Call a zero-argument factory; return an ASGI app (which needs arguments) as is."""
    try:
        inspect.signature(app_or_factory).bind()
    except (TypeError, ValueError):
        return app_or_factory
    return app_or_factory()


def _wait(deadline: float, thread: threading.Thread, errors: list[BaseException], what: str) -> None:
    """Give the server thread a moment; fail if it died or the deadline passed."""
    if not thread.is_alive():
        raise RuntimeError(f"uvicorn stopped while waiting for {what}") from (errors[0] if errors else None)
    if time.monotonic() > deadline:
        raise TimeoutError(f"uvicorn: timed out waiting for {what}")
    thread.join(0.02)


def _wait_until_healthy(url: str, deadline: float, thread: threading.Thread, errors: list[BaseException]) -> None:
    while True:
        with suppress(httpx.TransportError):
            if httpx.get(url, timeout=2).is_success:
                return
        _wait(deadline, thread, errors, f"GET {url} to answer 2xx")


@contextmanager
def run_server(
    app_or_factory: Any | Callable[[], Any], *, health_path: str | None = "/healthz", timeout: float = 20.0
) -> Iterator[str]:
    """Serve an ASGI app (or a zero-argument factory of one) on 127.0.0.1; yield its base URL.

    Ready means uvicorn has started and, unless health_path is None, GET health_path answers 2xx.
    """
    app = _resolve_app(app_or_factory)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)  # asyncio sets TCP_NODELAY
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    base_url = f"http://127.0.0.1:{port}"
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
        lifespan="auto",
        timeout_graceful_shutdown=5,
    )
    server = uvicorn.Server(config)
    errors: list[BaseException] = []

    def serve() -> None:
        try:
            server.run(sockets=[sock])
        except BaseException as exc:  # noqa: BLE001 - reported to the test thread
            errors.append(exc)

    thread = threading.Thread(target=serve, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + timeout
        while not server.started:
            _wait(deadline, thread, errors, "startup")
        if health_path is not None:
            _wait_until_healthy(base_url + health_path, deadline, thread, errors)
        yield base_url
    finally:
        server.should_exit = True
        thread.join(10)
        if thread.is_alive():
            server.force_exit = True
            thread.join(5)
        sock.close()
    if thread.is_alive():
        raise RuntimeError(f"uvicorn on {base_url} did not shut down")
    if errors:
        raise RuntimeError(f"uvicorn on {base_url} crashed") from errors[0]
