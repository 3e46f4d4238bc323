"""The harness itself works: throwaway databases, a real HTTP server, the system Chromium."""

from __future__ import annotations

from pathlib import Path

import httpx
import psycopg
import pytest
from fastapi import FastAPI
from fastapi.responses import HTMLResponse, PlainTextResponse
from playwright.sync_api import sync_playwright

from tests.support import launch_chromium, run_server

PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>甘心办</title>
<style>body{margin:0;padding:40px;background:#f4efe6;font-size:32px}
h1{font-size:96px;color:#b22222;margin:0 0 24px}</style></head>
<body><h1>甘心办</h1><p>企业诉求，区里办理，办到企业甘心。</p>
<p>营商环境 · 走访 · 诉求 · 办结 · 回访</p></body></html>"""


def make_app() -> FastAPI:
    """A tiny app with a health check and one Chinese page."""
    app = FastAPI()

    @app.get("/healthz", response_class=PlainTextResponse)
    def healthz() -> str:
        return "ok"

    @app.get("/", response_class=HTMLResponse)
    def home() -> str:
        return PAGE

    return app


def test_fresh_postgres_databases_are_separate(fresh_postgres_database, postgres_database_factory):
    name = fresh_postgres_database["POSTGRES_DBNAME"]
    assert name.startswith("gx_test_")
    with psycopg.connect(fresh_postgres_database["url"], autocommit=True) as conn:
        assert conn.execute("SELECT current_database()").fetchone()[0] == name
        conn.execute("CREATE TABLE marker (id int)")
        assert conn.execute("SELECT to_regclass('marker')").fetchone()[0] == "marker"

    other = postgres_database_factory()
    assert other["POSTGRES_DBNAME"] != name
    with psycopg.connect(other["url"], autocommit=True) as conn:
        assert conn.execute("SELECT current_database()").fetchone()[0] == other["POSTGRES_DBNAME"]
        assert conn.execute("SELECT to_regclass('marker')").fetchone()[0] is None


def test_database_url_names_an_empty_database(database_url):
    assert database_url.startswith(("sqlite:///", "postgresql://"))
    if database_url.startswith("sqlite:///"):
        assert not Path(database_url.removeprefix("sqlite:///")).exists()
    else:
        with psycopg.connect(database_url) as conn:
            tables = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
            assert tables.fetchone()[0] == 0


@pytest.mark.parametrize("given", [make_app, make_app()], ids=["factory", "asgi-app"])
def test_run_server_serves_healthz(given):
    with run_server(given) as base_url:
        response = httpx.get(f"{base_url}/healthz")
        assert response.status_code == 200
        assert response.text == "ok"
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{base_url}/healthz", timeout=2)


@pytest.mark.browser
def test_chromium_renders_chinese_page(chromium_path, tmp_path):
    screenshot = tmp_path / "page.png"
    with run_server(make_app) as base_url, sync_playwright() as playwright:
        browser = launch_chromium(playwright, chromium_path)
        try:
            page = browser.new_page()
            page.goto(f"{base_url}/")
            assert page.locator("h1").inner_text() == "甘心办"
            page.screenshot(path=str(screenshot), full_page=True)
        finally:
            browser.close()
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert screenshot.stat().st_size > 2048
