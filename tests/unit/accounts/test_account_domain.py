"""Accounts: usernames, password rules, role and remit changes, disabling, one-time codes and API tokens."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.accounts.account import Account, check_password, check_username
from domain.shared.actor import Actor
from domain.shared.errors import IllegalTransition, InvalidValue
from tests.support.roles import OVERSEERS, ROLES
from tests.unit.projects.test_key_project import recorded_by, refused

ADMIN = Actor("admin", "管理员", "admin")
AT = datetime(2026, 4, 8, 1, tzinfo=UTC)
STRONG = "Zq7!mesa-river-41"


def opened(role: str = "unit_handler", unit: str | None = "zhujian") -> Account:
    return Account.open(" Li.Handler ", " 李承办 ", role, unit, "hash-1", ADMIN, AT)


def test_usernames_are_3_to_40_plain_characters_lower_cased():
    assert check_username(" Li_Wei-2.x ") == "li_wei-2.x"
    assert check_username("abc") == "abc" and check_username("a" * 40) == "a" * 40
    for bad in ("ab", "a" * 41, "li wei", "李伟", "", None):
        refused(InvalidValue, "用户名应为3至40位小写字母、数字或 - _ .", "username", check_username, bad)


def test_passwords_are_long_enough_not_the_name_and_not_one_repeated_character():
    assert check_password(STRONG, "li.handler", "李承办") == STRONG
    assert check_password("Zq7!mesa-1", "li.handler") == "Zq7!mesa-1"  # exactly 10
    refused(InvalidValue, "密码至少10位", "password", check_password, "Zq7!mesa-", "li.handler")
    refused(InvalidValue, "密码至少10位", "password", check_password, None, "li.handler")
    refused(InvalidValue, "密码不能包含用户名或姓名", "password", check_password, "XX-LI.HANDLER-7", "li.handler")
    refused(
        InvalidValue,
        "密码不能包含用户名或姓名",
        "password",
        check_password,
        "李承办Zq7!mesa-41",
        "li.handler",
        "李承办",
    )
    refused(InvalidValue, "密码过于简单，请混合使用不同字符", "password", check_password, "abcabcabcabc", "li.handler")
    assert check_password("abcdabcdabcd", "li.handler") == "abcdabcdabcd"  # four different characters suffice


def test_opening_an_account_checks_name_and_role():
    account = opened()
    assert (account.id, account.username, account.display_name, account.role, account.unit, account.password_hash) == (
        Account.create_id("li.handler"),
        "li.handler",
        "李承办",
        "unit_handler",
        "zhujian",
        "hash-1",
    )
    assert (
        account.disabled,
        account.street,
        account.task_forces,
        account.dispatch_all,
        account.totp_secret,
        account.totp_last_step,
        account.tokens,
    ) == (False, None, [], False, None, 0, {})
    assert account.as_actor() == Actor("li.handler", "李承办", "unit_handler")
    assert Account.open("li.cadre", "李干部", "cadre", "", "h", ADMIN, AT).unit is None
    refused(InvalidValue, "姓名不能为空", "display_name", Account.open, "li.x", " ", "cadre", None, "h", ADMIN, AT)
    with pytest.raises(InvalidValue) as caught:
        Account.open("li.x", "李", "boss", None, "h", ADMIN, AT)
    assert caught.value.field == "role"


def test_role_membership_and_password_changes_are_events_by_the_actor():
    account = opened()
    account.grant_role("task_force_lead", "", ADMIN, AT)
    assert (account.role, account.unit) == ("task_force_lead", None)
    account.change_membership("", "中华路街道", ["tf-b", "tf-a", "tf-b"], 1, ADMIN, AT)  # type: ignore[arg-type]  # 1 as a form sends it: stored as True
    assert (account.unit, account.street, account.task_forces, account.dispatch_all) == (
        None,
        "中华路街道",
        ["tf-a", "tf-b"],
        True,
    )
    account.change_membership("zhujian", "", [], False, ADMIN, AT)
    assert (account.unit, account.street, account.task_forces, account.dispatch_all) == ("zhujian", None, [], False)
    account.change_password("hash-2", ADMIN, AT)
    assert account.password_hash == "hash-2"
    events = account.collect_events()
    assert [type(e).__name__ for e in events] == [
        "Created",
        "RoleGranted",
        "MembershipChanged",
        "MembershipChanged",
        "PasswordChanged",
    ]
    assert all(e.actor == ADMIN.as_dict() and e.timestamp == AT for e in events)
    with pytest.raises(InvalidValue):
        account.grant_role("boss", None, ADMIN, AT)


def test_a_disabled_account_needs_a_reason_and_then_does_nothing():
    account = opened()
    refused(InvalidValue, "停用原因不能为空", "reason", account.disable, "", ADMIN, AT)
    account.disable(" 调离 ", ADMIN, AT)
    assert account.disabled and account.pending_events[-1].reason == "调离"
    for step in (
        lambda: account.grant_role("cadre", None, ADMIN, AT),
        lambda: account.change_membership(None, None, [], False, ADMIN, AT),
        lambda: account.disable("再停", ADMIN, AT),
        lambda: account.enrol_totp("s", ADMIN, AT),
        lambda: account.use_totp(5, AT),
        lambda: account.issue_token("t1", "令牌", "h", ADMIN, AT),
    ):
        refused(IllegalTransition, "该账号已停用", "username", step)


def test_only_inspectors_and_admins_must_use_a_second_factor():
    assert {role for role in ROLES if opened(role).requires_second_factor} == OVERSEERS


def test_one_time_codes_are_single_use_and_enrolling_again_starts_over():
    account = opened("inspector", None)
    refused(IllegalTransition, "该账号未设置动态验证码", "username", account.remove_totp, ADMIN, AT)
    account.enrol_totp("sealed-1", ADMIN, AT)
    assert (account.totp_secret, account.totp_last_step) == ("sealed-1", 0)
    account.use_totp(100, AT)
    assert account.totp_last_step == 100
    assert account.pending_events[-1].actor == Actor("li.handler", "李承办", "inspector").as_dict()
    for replay in (100, 99):
        refused(IllegalTransition, "该动态验证码已使用过，请等待下一个验证码", "code", account.use_totp, replay, AT)
    account.use_totp(101, AT)
    account.remove_totp(ADMIN, AT)
    assert (account.totp_secret, account.totp_last_step) == (None, 0)
    removed = account.pending_events[-1]
    assert (type(removed).__name__, removed.actor, removed.timestamp) == ("TotpRemoved", ADMIN.as_dict(), AT)
    account.enrol_totp("sealed-2", ADMIN, AT)
    account.use_totp(1, AT)
    assert account.totp_last_step == 1


def test_tokens_are_kept_by_hash_with_a_name_and_revoked_once():
    account = opened()
    account.issue_token("t1", " 数据对接 ", "hash-t1", ADMIN, AT)
    assert account.tokens == {"t1": {"name": "数据对接", "token_hash": "hash-t1", "issued_at": AT.isoformat()}}
    refused(InvalidValue, "令牌名称不能为空", "name", account.issue_token, "t2", "", "h", ADMIN, AT)
    refused(
        InvalidValue, "令牌名称不能超过60字（当前61字）", "name", account.issue_token, "t2", "名" * 61, "h", ADMIN, AT
    )
    account.revoke_token("t1", ADMIN, AT)
    assert account.tokens == {}
    recorded_by(account, ADMIN, AT)
    refused(InvalidValue, "该令牌不存在或已吊销", "token_id", account.revoke_token, "t1", ADMIN, AT)


def test_every_account_change_names_who_did_it_and_when_and_limits_the_name():
    account = opened("inspector", None)
    account.enrol_totp("sealed", ADMIN, AT)
    account.use_totp(7, AT)
    account.disable("离职", ADMIN, AT)
    events = account.collect_events()
    assert [(type(e).__name__, e.timestamp) for e in events] == [
        ("Created", AT),
        ("TotpEnrolled", AT),
        ("TotpUsed", AT),
        ("Disabled", AT),
    ]
    assert [e.actor["user_id"] for e in events] == ["admin", "admin", "li.handler", "admin"]
    refused(
        InvalidValue,
        "姓名不能超过200字（当前201字）",
        "display_name",
        Account.open,
        "li.x",
        "名" * 201,
        "cadre",
        None,
        "h",
        ADMIN,
        AT,
    )
    assert check_username("abcdefghijklmnopqrstuvwxyz0123456789-_.") == "abcdefghijklmnopqrstuvwxyz0123456789-_."
    for call in (
        lambda: Account.open("li.x", "李", "boss", None, "h", ADMIN, AT),
        lambda: opened().grant_role("boss", None, ADMIN, AT),
    ):
        with pytest.raises(InvalidValue) as caught:
            call()
        assert caught.value.field == "role" and caught.value.message.startswith("未知的角色“boss”，可选：干部（cadre）")
    granted = opened()
    granted.grant_role("cadre", "zhujian", ADMIN, AT)
    assert granted.unit == "zhujian"
