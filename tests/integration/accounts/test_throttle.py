"""Login throttling per account name and per client address, on real databases, on the app's clock."""

from __future__ import annotations

from datetime import timedelta

import pytest

from application.accounts import AuthenticationFailed, LoginSession
from application.accounts.credentials import LoginThrottled
from tests.support.app import SETUP

PASSWORD = "a-long-pass-2026"
WRONG = "wrong-password-2026"


@pytest.fixture
def user(ganxin):
    return ganxin.accounts.create_account(
        SETUP, username="li.handler", display_name="李承办", role="unit_handler", password=PASSWORD, unit="zhujian"
    )


def fail(ganxin, username: str, times: int, address: str = "10.0.0.1") -> None:
    for _ in range(times):
        with pytest.raises(AuthenticationFailed):
            ganxin.credentials.login(username, WRONG, address)


def refusal(ganxin, username: str, password: str, address: str = "10.0.0.1") -> LoginThrottled:
    with pytest.raises(LoginThrottled) as caught:
        ganxin.credentials.login(username, password, address)
    return caught.value


def test_five_failures_lock_the_account_for_fifteen_minutes_even_with_the_right_password(ganxin, clock, user):
    fail(ganxin, user, 5)
    error = refusal(ganxin, user, PASSWORD, "10.9.9.9")  # another address does not help
    assert (error.code, error.status, error.message) == ("login_throttled", 429, "登录尝试过于频繁，请15分钟后再试")
    clock.advance(timedelta(minutes=14, seconds=59))
    refusal(ganxin, user, PASSWORD)
    clock.advance(timedelta(seconds=2))
    assert isinstance(ganxin.credentials.login(user, PASSWORD, "10.0.0.1"), LoginSession)


def test_an_unknown_name_is_throttled_with_the_same_answer(ganxin, user):
    fail(ganxin, user, 5)
    fail(ganxin, "no.such.user", 5, "10.0.0.2")
    known, unknown = refusal(ganxin, user, WRONG), refusal(ganxin, "no.such.user", WRONG, "10.0.0.2")
    assert (known.code, known.status, known.message, known.field) == (
        unknown.code,
        unknown.status,
        unknown.message,
        unknown.field,
    )


def test_failures_spread_beyond_the_window_do_not_lock(ganxin, clock, user):
    fail(ganxin, user, 4)
    clock.advance(timedelta(minutes=15, seconds=1))
    fail(ganxin, user, 4)
    assert isinstance(ganxin.credentials.login(user, PASSWORD, "10.0.0.1"), LoginSession)


def test_a_successful_login_clears_the_accounts_count(ganxin, user):
    fail(ganxin, user, 4)
    assert isinstance(ganxin.credentials.login(user, PASSWORD, "10.0.0.1"), LoginSession)
    fail(ganxin, user, 4)
    assert isinstance(ganxin.credentials.login(user, PASSWORD, "10.0.0.1"), LoginSession)


def test_twenty_failures_from_one_address_lock_that_address_only(ganxin, clock, user):
    for n in range(5):  # four tries each on five names: no single account reaches its limit
        fail(ganxin, f"guess{n}", 4, "192.0.2.7")
    error = refusal(ganxin, user, PASSWORD, "192.0.2.7")
    assert error.message == "登录尝试过于频繁，请15分钟后再试"
    assert isinstance(ganxin.credentials.login(user, PASSWORD, "192.0.2.8"), LoginSession)  # the person, elsewhere
    clock.advance(timedelta(minutes=15, seconds=1))
    assert isinstance(ganxin.credentials.login(user, PASSWORD, "192.0.2.7"), LoginSession)


def test_names_are_counted_as_typed_case_and_spaces_aside(ganxin, user):
    fail(ganxin, " LI.Handler ", 3)
    fail(ganxin, "li.handler", 2)
    refusal(ganxin, "Li.Handler", PASSWORD)
