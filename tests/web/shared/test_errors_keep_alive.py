"""An unexpected error answers 500 in the site's envelope and keeps the connection open (no reset)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from infrastructure.settings import Settings
from tests.support import run_server
from tests.support.raw_http import statuses_on_one_connection
from web.app import create_app


def _broken() -> None:
    raise RuntimeError("a bug the handlers do not know")


@pytest.fixture
def base_url(database_url: str) -> Iterator[str]:
    """The app with one route that always fails, served for real."""
    app = create_app(Settings(database_url=database_url))
    app.add_api_route("/api/v1/broken", _broken)
    app.add_api_route("/broken", _broken)
    try:
        with run_server(app) as url:
            yield url
    finally:
        app.state.ganxin.store.close()


def test_a_500_keeps_the_connection_for_the_next_request(base_url: str):
    # Before, Starlette re-raised after answering and uvicorn closed the connection: the second GET was reset.
    assert statuses_on_one_connection(base_url, ["/api/v1/broken", "/api/v1/broken", "/livez"]) == [500, 500, 200]
    assert statuses_on_one_connection(base_url, ["/broken", "/healthz"]) == [500, 200]


def test_a_500_answers_in_the_error_envelope_with_the_security_headers(base_url: str):
    api = httpx.get(base_url + "/api/v1/broken")
    page = httpx.get(base_url + "/broken")
    assert api.json() == {"error": {"code": "internal_error", "message": "服务器内部错误，请稍后重试"}}
    assert page.status_code == 500 and "服务器内部错误，请稍后重试" in page.text
    for response in (api, page):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "default-src 'self'" in response.headers["content-security-policy"]
