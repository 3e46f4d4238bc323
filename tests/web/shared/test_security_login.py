"""Logging in over real HTTP: the inspector's one-time code, and throttling per account and per address."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from html import unescape

import httpx
import pyotp
import pytest

from tests.support.app import SETUP
from tests.support.auth import TEST_PASSWORD, Served, create_user, csrf_origin, hidden_csrf, serve

THROTTLED = "登录尝试过于频繁，请15分钟后再试"


@pytest.fixture
def served(database_url: str) -> Iterator[Served]:
    with serve(database_url) as site:
        yield site


def error_shown(response: httpx.Response) -> str:
    match = re.search(r'<p class="error" role="alert">([^<]*)</p>', response.text)
    return unescape(match[1]) if match else ""


def post_login(client: httpx.Client, username: str, password: str) -> httpx.Response:
    token = hidden_csrf(client.get("/login").text)
    return client.post(
        "/login",
        data={"username": username, "password": password, "next": "/cases", "csrf_token": token},
        headers={"Origin": csrf_origin(client)},
        follow_redirects=False,
    )


def post_code(client: httpx.Client, code: str) -> httpx.Response:
    page = client.get("/login/totp")
    return client.post(
        "/login/totp",
        data={"code": code, "next": "/cases", "csrf_token": hidden_csrf(page.text)},
        headers={"Origin": csrf_origin(client)},
        follow_redirects=False,
    )


def logged_in(client: httpx.Client) -> bool:
    return client.get("/cases", follow_redirects=False).status_code == 200


def test_an_inspector_enrols_and_then_needs_a_fresh_code_each_time(served):
    served.ganxin.accounts.create_account(
        SETUP, username="zhao.inspector", display_name="赵监察", role="inspector", password=TEST_PASSWORD
    )
    with served.client() as client:
        step = post_login(client, "zhao.inspector", TEST_PASSWORD)
        assert (step.status_code, step.headers["location"]) == (303, "/login/totp?next=%2Fcases")
        assert not logged_in(client)  # the password alone is not enough
        page = client.get("/login/totp")
        secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page.text)[1]
        assert (
            "设置动态验证码" in page.text and "otpauth://totp/" in page.text and 'src="data:image/svg+xml' in page.text
        )
        totp = pyotp.TOTP(secret)
        wrong = post_code(client, "123456" if totp.at(served.clock.now()) != "123456" else "654321")
        assert wrong.status_code == 401 and "动态验证码不正确" in error_shown(wrong)
        assert not logged_in(client)
        code = totp.at(served.clock.now())
        assert post_code(client, code).status_code == 303 and logged_in(client)

    with served.client() as again:
        post_login(again, "zhao.inspector", TEST_PASSWORD)
        assert "输入动态验证码" in again.get("/login/totp").text  # enrolled: no secret shown any more
        replayed = post_code(again, code)
        assert replayed.status_code == 401 and not logged_in(again)
        assert post_code(again, totp.at(served.clock.now() + timedelta(seconds=30))).status_code == 303
        assert logged_in(again)


def test_the_second_step_without_a_challenge_goes_back_to_the_password(served):
    with served.client() as client:
        page = client.get("/login/totp")
        assert page.status_code == 401 and error_shown(page) == "验证已超时，请重新输入用户名和密码"


def test_five_failures_throttle_known_and_unknown_names_alike_until_fifteen_minutes_pass(served):
    create_user(served.ganxin, "li.cadre")
    with served.client() as client:
        answers = {}
        for username in ("li.cadre", "no.such.person"):
            for _ in range(5):
                assert post_login(client, username, "wrong-password-1").status_code == 401
            refused = post_login(client, username, TEST_PASSWORD if username == "li.cadre" else "x")
            answers[username] = (refused.status_code, error_shown(refused))
        assert answers["li.cadre"] == answers["no.such.person"] == (429, THROTTLED)
        served.clock.advance(timedelta(minutes=15, seconds=1))
        assert post_login(client, "li.cadre", TEST_PASSWORD).status_code == 303 and logged_in(client)


def test_twenty_failures_from_one_address_throttle_that_address_only(served):
    create_user(served.ganxin, "li.cadre")
    elsewhere = httpx.HTTPTransport(local_address="127.0.0.2")
    with served.client(transport=elsewhere) as guesser, served.client() as colleague:
        for n in range(20):  # twenty names, so no single account is locked
            assert post_login(guesser, f"guess{n}", "wrong-password-1").status_code == 401
        refused = post_login(guesser, "li.cadre", TEST_PASSWORD)
        assert (refused.status_code, error_shown(refused)) == (429, THROTTLED)
        assert post_login(colleague, "li.cadre", TEST_PASSWORD).status_code == 303  # from 127.0.0.1
        served.clock.advance(timedelta(minutes=15, seconds=1))
        assert post_login(guesser, "li.cadre", TEST_PASSWORD).status_code == 303
