"""Security headers on every kind of response; nothing a logged-in person saw may be cached."""

from __future__ import annotations

import re
from pathlib import Path

import httpx

from tests.support.auth import serve

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
TEMPLATES = Path(__file__).resolve().parents[3] / "web" / "templates"


def assert_security_headers(response: httpx.Response) -> None:
    headers = response.headers
    where = f"{response.request.method} {response.request.url.path}"
    assert headers.get("content-security-policy") == CSP, where
    assert headers.get("x-content-type-options") == "nosniff", where
    assert headers.get("referrer-policy") == "same-origin", where
    assert headers.get("x-frame-options") == "DENY", where
    assert "strict-transport-security" not in headers, where  # served over plain HTTP here


def test_pages_api_login_and_static_files_carry_the_headers(served, browser):
    with served.client() as stranger:
        for response in (
            stranger.get("/login"),
            stranger.get("/cases", follow_redirects=False),
            stranger.get("/api/v1/cases"),
            stranger.get("/healthz"),
            stranger.get("/static/app.css"),
            stranger.get("/no/such/page"),
            stranger.get("/openapi.json"),
        ):
            assert_security_headers(response)
    for response in (
        browser.get("/cases"),
        browser.get("/visits/new"),
        browser.get("/api/v1/cases"),
        browser.post("/api/v1/visits", json={}),
        browser.post("/logout", follow_redirects=False),
    ):
        assert_security_headers(response)


def test_nothing_seen_while_logged_in_is_cached(served, browser):
    for path in ("/cases", "/visits/new", "/api/v1/cases", "/api/v1/units"):
        response = browser.get(path)
        assert response.status_code == 200, path
        assert response.headers["cache-control"] == "no-store", path
    with served.client() as stranger:
        assert stranger.get("/login").headers["cache-control"] == "no-store"
        assert "no-store" not in stranger.get("/static/app.css").headers.get("cache-control", "")
    assert "no-store" not in browser.get("/static/app.css").headers.get("cache-control", "")
    logout = browser.post("/logout", follow_redirects=False)
    assert logout.headers["cache-control"] == "no-store"


def test_over_https_hsts_is_sent_and_cookies_are_host_bound(database_url):
    with serve(database_url, https=True) as site, site.client() as client:
        page = client.get("/login")
        assert page.headers["strict-transport-security"] == "max-age=31536000; includeSubDomains"
        set_cookie = page.headers["set-cookie"]
        assert set_cookie.startswith("__Host-ganxin_login=") and "Secure" in set_cookie and "Path=/" in set_cookie
        assert "Domain" not in set_cookie and "HttpOnly" in set_cookie


def test_templates_have_no_inline_script_style_or_event_handlers():
    for template in sorted(TEMPLATES.glob("*.html")):
        html = template.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html, flags=re.I), f"{template.name}: inline script"
        assert not re.search(r"<style\b", html, flags=re.I), f"{template.name}: a <style> element"
        assert not re.search(r"\sstyle\s*=", html, flags=re.I), f"{template.name}: a style attribute"
        assert not re.search(r"\son[a-z]+\s*=", html, flags=re.I), f"{template.name}: an inline event handler"
        assert "javascript:" not in html.lower(), f"{template.name}: a javascript: URL"


def test_api_docs_are_served_from_our_origin_and_openapi_stays(served):
    with served.client() as client:
        docs = client.get("/docs")
        assert docs.status_code == 200
        assert_security_headers(docs)
        scripts = re.findall(r'<script src="([^"]+)"', docs.text)
        assert scripts == ["/docs/assets/swagger-ui-bundle.js", "/static/api_docs.js"]
        assert not re.search(r"<script(?![^>]*\bsrc=)", docs.text)
        for path in [*scripts, "/docs/assets/swagger-ui.css"]:
            asset = client.get(path)
            assert asset.status_code == 200 and len(asset.content) > 100, path
        assert client.get("/openapi.json").json()["info"]["title"] == "甘心办 Ganxin"
        assert client.get("/redoc").status_code == 404
