"""TOTP secrets are never stored unsealed: without GANXIN_SECRET_KEY enrolment is refused (demo mode aside)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from application.shared.clock import ControlledClock
from application.shared.errors import SecretKeyMissing
from infrastructure.settings import Settings
from infrastructure.wiring.services import build_services
from tests.integration.audit_support import owner_of
from tests.support.app import CLOCK_START, SETUP

PASSWORD = "river-stone-2026x"


def configured(database_url: str, **environ: str) -> Settings:
    """Settings as every command reads them: from the environment."""
    return Settings.from_environ({"GANXIN_DATABASE_URL": database_url, **environ})


def totp_events(database_url: str) -> list[bytes]:
    with owner_of(database_url) as owner:
        return [bytes(row[4]) for row in owner.rows() if row[3] == "ganxin:Account.TotpEnrolled"]


def test_without_a_secret_key_enrolment_is_refused_in_chinese_and_nothing_is_stored(database_url):
    app = build_services(configured(database_url), clock=ControlledClock(CLOCK_START))
    try:
        app.accounts.create_account(
            SETUP, username="sun.inspector", display_name="孙监察", role="inspector", password=PASSWORD
        )
        for attempt in (
            lambda: app.credentials.provision_totp(SETUP, "sun.inspector"),
            lambda: app.credentials.login("sun.inspector", PASSWORD),
        ):  # the login that would enrol
            with pytest.raises(SecretKeyMissing) as refused:
                attempt()
            assert refused.value.code == "totp_needs_secret_key" and refused.value.status == 503
            assert "服务器未设置 GANXIN_SECRET_KEY" in refused.value.message
        assert app.accounts.get_account("sun.inspector").totp_secret is None
    finally:
        app.store.close()
    assert totp_events(database_url) == []


def test_with_a_secret_key_the_stored_secret_is_sealed(database_url):
    app = build_services(
        configured(database_url, GANXIN_SECRET_KEY="a-test-secret-key-2026"), clock=ControlledClock(CLOCK_START)
    )
    try:
        app.accounts.create_account(
            SETUP, username="sun.inspector", display_name="孙监察", role="inspector", password=PASSWORD
        )
        secret = app.credentials.provision_totp(SETUP, "sun.inspector")
    finally:
        app.store.close()
    (stored,) = totp_events(database_url)
    assert b'"fernet:' in stored and secret.encode() not in stored


def test_demo_mode_alone_may_store_its_published_secrets_plain(database_url):
    app = build_services(replace(configured(database_url), plain_totp_secrets=True), clock=ControlledClock(CLOCK_START))
    try:
        app.accounts.create_account(
            SETUP, username="demo-inspector", display_name="演示纪检监察员", role="inspector", password=PASSWORD
        )
        app.credentials.provision_totp(SETUP, "demo-inspector", "GANXINDEMOINSPECTORTOTPSECRET234")
    finally:
        app.store.close()
    (stored,) = totp_events(database_url)
    assert b'"plain:GANXINDEMOINSPECTORTOTPSECRET234"' in stored
