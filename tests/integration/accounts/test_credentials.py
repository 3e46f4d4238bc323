"""Second factor (TOTP) and API tokens on real databases, through the application."""

from __future__ import annotations

from datetime import timedelta

import pyotp
import pytest

from application.accounts import AuthenticationFailed, LoginSession
from application.accounts.credentials import ChallengeExpired, SecondFactorNeeded, WrongCode
from application.shared.errors import Forbidden, NotFound
from infrastructure.settings import Settings
from infrastructure.wiring.services import build_services
from tests.support.app import CADRE, SETUP
from web.cli.main import main as ganxin_cli

PASSWORD = "a-long-pass-2026"


def open_account(ganxin, username: str, role: str) -> str:
    return ganxin.accounts.create_account(
        SETUP, username=username, display_name=f"测试{username}", role=role, password=PASSWORD
    )


def account_events(ganxin, username: str) -> list:
    return list(ganxin.store.event_log.events.get(ganxin.accounts.get_account(username).id))


def test_an_inspector_must_enrol_a_second_factor_before_any_session(ganxin, clock):
    open_account(ganxin, "zhao.inspector", "inspector")
    step = ganxin.credentials.login("zhao.inspector", PASSWORD)
    assert isinstance(step, SecondFactorNeeded) and step.enrolment is not None
    assert step.enrolment.uri.startswith("otpauth://totp/") and f"secret={step.enrolment.secret}" in step.enrolment.uri
    assert ganxin.accounts.session_principal(step.challenge) is None  # the challenge is no session
    assert ganxin.credentials.second_factor_prompt(step.challenge).enrolment.secret == step.enrolment.secret

    totp = pyotp.TOTP(step.enrolment.secret)
    with pytest.raises(WrongCode):
        ganxin.credentials.complete_login(step.challenge, "000000" if totp.at(clock.now()) != "000000" else "111111")
    session = ganxin.credentials.complete_login(step.challenge, totp.at(clock.now()))
    principal = ganxin.accounts.session_principal(session.token)
    assert (principal.actor.user_id, principal.role) == ("zhao.inspector", "inspector")
    assert [type(e).__name__ for e in account_events(ganxin, "zhao.inspector")][-2:] == ["TotpEnrolled", "TotpUsed"]
    with pytest.raises(ChallengeExpired):  # a challenge answers once
        ganxin.credentials.complete_login(step.challenge, totp.at(clock.now() + timedelta(seconds=30)))


def test_a_code_works_once_and_only_near_its_time(ganxin, clock):
    open_account(ganxin, "qian.admin", "admin")
    secret = ganxin.credentials.provision_totp(SETUP, "qian.admin")
    totp = pyotp.TOTP(secret)
    first = ganxin.credentials.login("qian.admin", PASSWORD)
    assert isinstance(first, SecondFactorNeeded) and first.enrolment is None
    code = totp.at(clock.now())
    assert isinstance(ganxin.credentials.complete_login(first.challenge, code), LoginSession)

    replay = ganxin.credentials.login("qian.admin", PASSWORD)
    with pytest.raises(WrongCode):
        ganxin.credentials.complete_login(replay.challenge, code)  # the same code again: refused
    with pytest.raises(WrongCode):
        ganxin.credentials.complete_login(replay.challenge, totp.at(clock.now() - timedelta(minutes=5)))  # long past
    assert isinstance(
        ganxin.credentials.complete_login(replay.challenge, totp.at(clock.now() + timedelta(seconds=30))), LoginSession
    )


def test_the_second_step_expires_after_five_minutes(ganxin, clock):
    open_account(ganxin, "sun.inspector", "inspector")
    secret = ganxin.credentials.provision_totp(SETUP, "sun.inspector")
    step = ganxin.credentials.login("sun.inspector", PASSWORD)
    clock.advance(timedelta(minutes=5, seconds=1))
    with pytest.raises(ChallengeExpired):
        ganxin.credentials.complete_login(step.challenge, pyotp.TOTP(secret).at(clock.now()))


def test_other_roles_log_in_with_the_password_alone_unless_they_chose_totp(ganxin, clock):
    open_account(ganxin, "li.cadre", "cadre")
    assert isinstance(ganxin.credentials.login("li.cadre", PASSWORD), LoginSession)
    secret = ganxin.credentials.provision_totp(SETUP, "li.cadre")
    step = ganxin.credentials.login("li.cadre", PASSWORD)
    assert isinstance(step, SecondFactorNeeded)
    assert isinstance(
        ganxin.credentials.complete_login(step.challenge, pyotp.TOTP(secret).at(clock.now())), LoginSession
    )


def test_reset_totp_ends_sessions_and_asks_to_enrol_again(ganxin, clock):
    open_account(ganxin, "zhou.admin", "admin")
    secret = ganxin.credentials.provision_totp(SETUP, "zhou.admin")
    step = ganxin.credentials.login("zhou.admin", PASSWORD)
    session = ganxin.credentials.complete_login(step.challenge, pyotp.TOTP(secret).at(clock.now()))
    with pytest.raises(Forbidden):
        ganxin.credentials.reset_totp(CADRE, "zhou.admin")
    ganxin.credentials.reset_totp(SETUP, "zhou.admin")
    assert ganxin.accounts.session_principal(session.token) is None
    again = ganxin.credentials.login("zhou.admin", PASSWORD)
    assert again.enrolment is not None and again.enrolment.secret != secret


def test_totp_secrets_are_sealed_in_the_event_store_when_a_key_is_set(database_url, clock):
    app = build_services(Settings(database_url=database_url, secret_key="a-test-secret-key-2026"), clock=clock)
    try:
        open_account(app, "wu.inspector", "inspector")
        secret = app.credentials.provision_totp(SETUP, "wu.inspector")
        stored = app.accounts.get_account("wu.inspector").totp_secret
        assert stored.startswith("fernet:") and secret not in stored
        step = app.credentials.login("wu.inspector", PASSWORD)
        assert isinstance(
            app.credentials.complete_login(step.challenge, pyotp.TOTP(secret).at(clock.now())), LoginSession
        )
    finally:
        app.store.close()


def test_a_token_acts_as_its_account_until_revoked(ganxin):
    open_account(ganxin, "hotline", "cadre")
    issued = ganxin.tokens.issue_token(SETUP, "hotline", "热线系统")
    principal = ganxin.tokens.token_principal(issued.token)
    assert (principal.actor.user_id, principal.role) == ("hotline", "cadre")
    listed = ganxin.tokens.list_tokens(SETUP, "hotline")
    assert [(t.token_id, t.name) for t in listed] == [(issued.token_id, "热线系统")]
    assert issued.token not in repr(listed) and all(
        issued.token not in repr(e) for e in account_events(ganxin, "hotline")
    )
    ganxin.tokens.revoke_token(SETUP, "hotline", issued.token_id)
    assert ganxin.tokens.token_principal(issued.token) is None
    assert ganxin.tokens.list_tokens(SETUP, "hotline") == []
    with pytest.raises(NotFound):
        ganxin.tokens.revoke_token(SETUP, "hotline", issued.token_id)
    assert [type(e).__name__ for e in account_events(ganxin, "hotline")][-2:] == ["TokenIssued", "TokenRevoked"]


def test_a_disabled_accounts_token_and_unknown_tokens_act_for_nobody(ganxin):
    open_account(ganxin, "hotline", "cadre")
    issued = ganxin.tokens.issue_token(SETUP, "hotline", "热线系统")
    assert ganxin.tokens.token_principal(issued.token + "x") is None and ganxin.tokens.token_principal("") is None
    with pytest.raises(Forbidden):
        ganxin.tokens.issue_token(CADRE, "hotline", "自己签发")
    ganxin.accounts.disable_account(SETUP, "hotline", "停用对接")
    assert ganxin.tokens.token_principal(issued.token) is None
    with pytest.raises(AuthenticationFailed):
        ganxin.credentials.login("hotline", PASSWORD)


def test_the_command_line_issues_a_token_once_and_revokes_it(ganxin, database_url, capsys):
    open_account(ganxin, "hotline", "cadre")
    assert ganxin_cli(["users", "token-create", "hotline", "--name", "热线系统", "--database-url", database_url]) == 0
    printed = capsys.readouterr().out
    token = next(line for line in printed.splitlines() if line.startswith("gx_"))
    assert ganxin.tokens.token_principal(token).actor.user_id == "hotline"
    token_id = ganxin.tokens.list_tokens(SETUP, "hotline")[0].token_id
    assert ganxin_cli(["users", "token-list", "hotline", "--database-url", database_url]) == 0
    assert token not in capsys.readouterr().out and token_id in printed
    assert ganxin_cli(["users", "token-revoke", "hotline", token_id, "--database-url", database_url]) == 0
    assert ganxin.tokens.token_principal(token) is None
    assert ganxin_cli(["users", "token-revoke", "hotline", token_id, "--database-url", database_url]) == 2
    assert "not_found" in capsys.readouterr().err


def test_the_command_line_resets_totp(ganxin, database_url, capsys):
    open_account(ganxin, "zheng.admin", "admin")
    ganxin.credentials.provision_totp(SETUP, "zheng.admin")
    assert ganxin_cli(["users", "reset-totp", "zheng.admin", "--database-url", database_url]) == 0
    assert "已清除" in capsys.readouterr().out
    assert ganxin.accounts.get_account("zheng.admin").totp_secret is None
    assert ganxin.credentials.login("zheng.admin", PASSWORD).enrolment is not None


def test_demo_accounts_that_need_totp_get_their_documented_secret(ganxin, clock):
    from web.cli.users import DEMO_TOTP_SECRETS, demo_totp_lines  # noqa: PLC0415

    open_account(ganxin, "demo-inspector", "inspector")
    lines = demo_totp_lines(ganxin)
    secret = DEMO_TOTP_SECRETS["demo-inspector"]
    assert any(secret in line and "demo-inspector" in line for line in lines)
    assert not any("demo-admin" in line for line in lines)  # no such account here
    assert demo_totp_lines(ganxin) == lines  # a second start changes nothing
    step = ganxin.credentials.login("demo-inspector", PASSWORD)
    assert isinstance(
        ganxin.credentials.complete_login(step.challenge, pyotp.TOTP(secret).at(clock.now())), LoginSession
    )
