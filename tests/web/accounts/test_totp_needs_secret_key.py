"""An inspector's first login on a server without GANXIN_SECRET_KEY: a clear 503, no TOTP secret stored."""

from __future__ import annotations

import httpx

from application.shared.clock import ControlledClock
from infrastructure.settings import Settings
from tests.support.app import CLOCK_START, SETUP
from tests.support.auth import hidden_csrf, install_csrf_hooks
from tests.support.server import run_server
from web.app import create_app

PASSWORD = "river-stone-2026x"


def test_first_login_of_an_inspector_without_a_secret_key_is_a_clear_503(database_url):
    app = create_app(Settings.from_environ({"GANXIN_DATABASE_URL": database_url}), clock=ControlledClock(CLOCK_START))
    ganxin = app.state.ganxin
    try:
        ganxin.accounts.create_account(
            SETUP, username="sun.inspector", display_name="孙监察", role="inspector", password=PASSWORD
        )
        before = ganxin.store.event_log.recorder.max_notification_id()
        with run_server(app) as base_url, httpx.Client(base_url=base_url, timeout=30) as client:
            install_csrf_hooks(client)
            form = client.get("/login")
            response = client.post(
                "/login",
                data={
                    "username": "sun.inspector",
                    "password": PASSWORD,
                    "next": "/cases",
                    "csrf_token": hidden_csrf(form.text),
                },
                follow_redirects=False,
            )
        assert response.status_code == 503, response.text[:300]
        assert "服务器未设置 GANXIN_SECRET_KEY" in response.text
        assert ganxin.store.event_log.recorder.max_notification_id() == before
        assert ganxin.accounts.get_account("sun.inspector").totp_secret is None
    finally:
        ganxin.store.close()
