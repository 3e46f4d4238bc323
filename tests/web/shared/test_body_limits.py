"""Request size limits (413 before parsing) and security headers on every answer, 500 included (issue 10, 12–13).

Real HTTP on SQLite and PostgreSQL. The oversized requests go over a raw socket where the test must control
what is sent: a length announced but never delivered, or chunks with no length at all.
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import httpx
import pytest

from application.shared.clock import ControlledClock
from infrastructure.settings import Settings
from tests.support import url_for_backend
from tests.support.app import CLOCK_START, register_units
from tests.web.api_support import CADRE, visit_body
from tests.web.page_support import text_of, visit_form
from tests.web.serving import Served, serve_app
from web.app import create_app

SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options")
TOO_LARGE = "提交的内容过大"
MAX_JSON_BYTES, MAX_FORM_BYTES = 1024 * 1024, 4 * 1024 * 1024  # the limits README documents


@dataclass
class FailingApp(Served):
    """The app served with two routes that fail, and a logged-in cadre."""

    @property
    def cadre(self) -> httpx.Client:
        """The cadre's logged-in client."""
        return self.logins.client_of(CADRE)


def _fail() -> None:
    """/api/v1/test-failure and /test-failure: both raise, as a bug would."""
    raise RuntimeError("a bug no check caught")


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FailingApp]:
    """One app per database for the module (nothing here is written), with the two failing routes added."""
    with url_for_backend(request, tmp_path_factory, "limits") as url:
        app = create_app(Settings(database_url=url), clock=ControlledClock(CLOCK_START))
        app.add_api_route("/api/v1/test-failure", _fail)
        app.add_api_route("/test-failure", _fail)
        with serve_app(app, register_units) as logins:
            yield FailingApp(app.state.ganxin, logins)


def raw_post(base_url: str, path: str, headers: dict[str, str], body: Iterable[bytes]) -> tuple[int, dict, bytes]:
    """POST over a raw socket, sending the body parts until the server answers or stops reading; the answer."""
    url = httpx.URL(base_url)
    with socket.create_connection((url.host, url.port), timeout=15) as sock:
        head = f"POST {path} HTTP/1.1\r\nHost: {url.host}:{url.port}\r\n"
        sock.sendall((head + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n").encode("latin-1"))
        for part in body:
            try:
                sock.sendall(part)
            except (BrokenPipeError, ConnectionResetError):
                break
        return _read_answer(sock)


def _read_answer(sock: socket.socket) -> tuple[int, dict, bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        data += sock.recv(65536) or _closed()
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    while len(rest) < int(headers.get("content-length", "0")):
        rest += sock.recv(65536) or _closed()
    return int(lines[0].split()[1]), headers, rest


def _closed() -> bytes:
    raise AssertionError("the server closed the connection without an answer")


def chunked(total: int, piece: bytes = b"a" * 65536) -> Iterator[bytes]:
    """A chunked body of about total bytes, and its end."""
    sent = 0
    while sent < total:
        yield f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
        sent += len(piece)
    yield b"0\r\n\r\n"


def test_a_json_body_announced_over_1_mib_is_refused_before_a_byte_of_it_is_read(served):
    before, started = served.events_written(), time.monotonic()
    status, headers, body = raw_post(
        served.logins.base_url,
        "/api/v1/visits",
        {"Content-Type": "application/json", "Content-Length": str(20 * 1024 * 1024)},
        [b'{"problems": [' + b" " * 65536],
    )
    elapsed = time.monotonic() - started
    assert status == 413 and all(name in headers for name in SECURITY_HEADERS)
    assert json.loads(body)["error"] == {"code": "payload_too_large", "message": TOO_LARGE}
    assert served.events_written() == before
    print(f"20 MiB announced, 64 KiB sent: 413 after {elapsed * 1000:.0f} ms")


@pytest.mark.parametrize(
    ("content_type", "limit"), [("application/json", MAX_JSON_BYTES), ("text/plain", MAX_JSON_BYTES)]
)
def test_a_chunked_body_is_counted_as_it_streams_and_refused_past_the_limit(served, content_type, limit):
    before = served.events_written()
    status, headers, body = raw_post(
        served.logins.base_url,
        "/api/v1/visits",
        {"Content-Type": content_type, "Transfer-Encoding": "chunked"},
        chunked(limit + 200_000),
    )
    assert status == 413 and json.loads(body)["error"]["code"] == "payload_too_large"
    assert "x-content-type-options" in headers
    assert served.events_written() == before


def test_a_json_body_under_1_mib_still_reaches_the_rules(served):
    cadre, before = served.cadre, served.events_written()  # the cadre's account is opened first
    answer = cadre.post("/api/v1/visits", json=visit_body("长" * 2001 + "a" * 900_000))
    assert answer.status_code == 422 and answer.json()["error"]["field"] == "problems[0].description"
    assert served.events_written() == before


def test_an_oversized_form_is_a_413_saying_so_not_a_csrf_failure(served):
    _, before = served.cadre, served.events_written()  # the cadre's account is opened first
    answer = served.cadre.post("/visits", data=visit_form("长" * (MAX_FORM_BYTES // 3)), follow_redirects=False)
    assert answer.status_code == 413 and TOO_LARGE in text_of(answer.text)
    assert "安全校验失败" not in answer.text and "x-frame-options" in answer.headers
    status, _, body = raw_post(
        served.logins.base_url,
        "/visits",
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Transfer-Encoding": "chunked",
            "Cookie": "; ".join(f"{k}={v}" for k, v in served.cadre.cookies.items()),
            "Origin": served.logins.base_url,
        },
        chunked(MAX_FORM_BYTES + 200_000),
    )
    assert status == 413 and TOO_LARGE in body.decode("utf-8")
    padding = {f"note{n}": "a" * 100_000 for n in range(30)}  # 3 MB in fields the form ignores
    under = served.cadre.post("/visits", data=visit_form("长" * 2001, **padding))
    assert under.status_code == 422 and "问题描述不能超过2000字" in text_of(under.text)
    assert served.events_written() == before


@pytest.mark.parametrize("path", ["/api/v1/test-failure", "/test-failure"])
def test_a_500_carries_the_security_headers_and_a_chinese_message(served, path):
    _ = served.cadre  # the account exists; a fresh session, as uvicorn closes a connection whose app raised
    answer = served.logins.log_in(CADRE).get(path)
    assert answer.status_code == 500
    for name in SECURITY_HEADERS:
        assert name in answer.headers, name
    assert answer.headers["cache-control"] == "no-store"  # a logged-in person's answer
    text = answer.json()["error"]["message"] if path.startswith("/api/") else text_of(answer.text)
    assert "服务器内部错误" in text
