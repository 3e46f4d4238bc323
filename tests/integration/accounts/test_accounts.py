"""Accounts and server-side sessions on real databases."""

from datetime import timedelta

import pytest

from application.accounts import AuthenticationFailed
from application.shared.errors import NotFound
from domain.shared.errors import InvalidValue
from tests.support.app import SETUP

PASSWORD = "a-long-pass-2026"


@pytest.fixture
def user(ganxin):
    ganxin.accounts.create_account(
        SETUP, username="li.handler", display_name="李承办", role="unit_handler", password=PASSWORD, unit="zhujian"
    )
    return "li.handler"


def test_login_gives_a_session_that_names_the_actor(ganxin, user):
    session = ganxin.credentials.login(user, PASSWORD)
    principal = ganxin.accounts.session_principal(session.token)
    actor = principal.actor
    assert (actor.user_id, actor.name, actor.role, principal.unit) == (user, "李承办", "unit_handler", "zhujian")


def test_membership_change_is_history_and_reaches_new_sessions_only(ganxin, user):
    old = ganxin.credentials.login(user, PASSWORD)
    ganxin.accounts.change_membership(SETUP, user, unit="chengguan", street="中华路街道")
    assert ganxin.accounts.session_principal(old.token) is None
    principal = ganxin.credentials.login(user, PASSWORD).principal
    assert (principal.unit, principal.street) == ("chengguan", "中华路街道")


def test_wrong_password_and_unknown_user_get_the_same_answer(ganxin, user):
    messages = []
    for username, password in ((user, "wrong-password-1"), ("no.such.user", PASSWORD)):
        with pytest.raises(AuthenticationFailed) as caught:
            ganxin.credentials.login(username, password)
        messages.append(caught.value.message)
    assert messages[0] == messages[1]


def test_each_login_gets_a_new_session_id(ganxin, user):
    assert ganxin.credentials.login(user, PASSWORD).token != ganxin.credentials.login(user, PASSWORD).token


def test_logout_ends_the_session(ganxin, user):
    session = ganxin.credentials.login(user, PASSWORD)
    ganxin.accounts.logout(session.token)
    assert ganxin.accounts.session_principal(session.token) is None


def test_idle_timeout_and_absolute_lifetime(ganxin, user, clock):
    session = ganxin.credentials.login(user, PASSWORD)
    clock.advance(timedelta(minutes=29))
    assert ganxin.accounts.session_principal(session.token) is not None
    clock.advance(timedelta(minutes=31))
    assert ganxin.accounts.session_principal(session.token) is None
    busy = ganxin.credentials.login(user, PASSWORD)
    for step in range(24):  # active every 29 minutes: alive through 11 h 36 min
        clock.advance(timedelta(minutes=29))
        assert ganxin.accounts.session_principal(busy.token) is not None, f"ended after {(step + 1) * 29} minutes"
    clock.advance(timedelta(minutes=23))  # 11 h 59 min after login, 23 minutes idle
    assert ganxin.accounts.session_principal(busy.token) is not None
    clock.advance(timedelta(minutes=1))  # exactly 12 hours after login, 1 minute idle
    assert ganxin.accounts.session_principal(busy.token) is None


def test_disabling_ends_every_session_and_blocks_login(ganxin, user):
    sessions = [ganxin.credentials.login(user, PASSWORD) for _ in range(2)]
    ganxin.accounts.disable_account(SETUP, user, "调离")
    assert all(ganxin.accounts.session_principal(s.token) is None for s in sessions)
    with pytest.raises(AuthenticationFailed):
        ganxin.credentials.login(user, PASSWORD)


def test_account_changes_are_history(ganxin, user):
    ganxin.accounts.grant_role(SETUP, user, "task_force_lead", None)
    ganxin.accounts.reset_password(SETUP, user, "another-pass-2026")
    account = ganxin.accounts.get_account(user)
    events = list(ganxin.store.event_log.events.get(account.id))
    assert [type(e).__name__ for e in events] == ["Created", "RoleGranted", "PasswordChanged"]
    assert events[1].actor["user_id"] == SETUP.actor.user_id


@pytest.mark.parametrize(
    "password, message", [("short", "至少10位"), ("li.handler-2026", "不能包含用户名"), ("aaaaaaaaaaaa", "过于简单")]
)
def test_weak_passwords_are_refused(ganxin, password, message):
    with pytest.raises(InvalidValue, match=message):
        ganxin.accounts.create_account(
            SETUP, username="li.handler", display_name="李承办", role="cadre", password=password
        )
    with pytest.raises(NotFound):
        ganxin.accounts.get_account("li.handler")
