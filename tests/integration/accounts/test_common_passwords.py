"""Common and over-long passwords are refused wherever a password is set; demo mode keeps its own."""

from __future__ import annotations

import io

import pytest

from application.shared.errors import NotFound
from domain.accounts.account import PASSWORD_MAX, CommonPassword, PasswordTooLong
from infrastructure.accounts.common_passwords import CommonPasswordList
from tests.support.app import SETUP, ganxin_on
from web.cli.demo import DEMO_PASSWORD, ensure_demo_accounts
from web.cli.main import main

# From the issue, from the well-known leak tables, and the demo's published password (outside demo mode).
WEAK = [
    "password12",
    "1234567890",
    "qwertyuiop",
    "ganxin-demo-2026",
    "woaini1314",
    "a123456789",
    "WoAiNi1314",
    "zhang123456",
    "5201314520",
    "1qaz2wsx3edc",
]
GOOD = "river-stone-2026x"
# `ganxin users add` for 李承办, the password read from stdin; the database URL goes last.
ADD_LI_FROM_STDIN = [
    "users",
    "add",
    "li.handler",
    "--name",
    "李承办",
    "--role",
    "cadre",
    "--password-stdin",
    "--database-url",
]


def test_the_list_holds_over_ten_thousand_passwords_with_the_chinese_ones():
    common = CommonPasswordList()
    assert len(common.passwords) >= 10_000
    assert all(common.contains(password) for password in WEAK)
    assert not common.contains(GOOD) and not common.contains("甘井子区-营商-2026")
    assert not common.allowing(DEMO_PASSWORD).contains(DEMO_PASSWORD) and common.contains(DEMO_PASSWORD)


def test_common_and_over_long_passwords_are_refused_and_nothing_is_written(database_url):
    with ganxin_on(database_url) as ganxin:
        for password in WEAK:
            with pytest.raises(CommonPassword) as refused:
                ganxin.accounts.create_account(
                    SETUP, username="li.handler", display_name="李承办", role="cadre", password=password
                )
            assert (refused.value.code, refused.value.field) == ("password_too_common", "password")
            assert "过于常见" in refused.value.message
        with pytest.raises(PasswordTooLong) as too_long:
            ganxin.accounts.create_account(
                SETUP, username="li.handler", display_name="李承办", role="cadre", password="x7-" * 43
            )
        assert too_long.value.code == "password_too_long" and f"最多{PASSWORD_MAX}位" in too_long.value.message
        with pytest.raises(NotFound):
            ganxin.accounts.get_account("li.handler")
        longest = ("river-stone-" * 11)[:PASSWORD_MAX]
        ganxin.accounts.create_account(
            SETUP, username="li.handler", display_name="李承办", role="cadre", password=longest
        )
        for password in ("woaini1314", "q" * 3 + "-x7" * 42):
            with pytest.raises((CommonPassword, PasswordTooLong)):
                ganxin.accounts.reset_password(SETUP, "li.handler", password)
        assert ganxin.accounts.authenticate("li.handler", longest).username == "li.handler"


def test_the_command_line_refuses_a_common_password_with_its_code(database_url, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("woaini1314\n"))
    assert main([*ADD_LI_FROM_STDIN, database_url]) == 2
    assert "错误（password_too_common）：该密码过于常见" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{GOOD}\n"))
    assert main([*ADD_LI_FROM_STDIN, database_url]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("a123456789\n"))
    assert main(["users", "reset-password", "li.handler", "--password-stdin", "--database-url", database_url]) == 2
    assert "password_too_common" in capsys.readouterr().err
    with ganxin_on(database_url) as ganxin:
        assert ganxin.accounts.authenticate("li.handler", GOOD)


def test_demo_mode_keeps_its_documented_password(database_url):
    with ganxin_on(database_url) as ganxin:
        ensure_demo_accounts(ganxin)
        assert ganxin.accounts.authenticate("demo-cadre", DEMO_PASSWORD).username == "demo-cadre"
    with ganxin_on(database_url) as ganxin, pytest.raises(CommonPassword):  # the same database outside demo mode
        ganxin.accounts.reset_password(SETUP, "demo-cadre", DEMO_PASSWORD)
