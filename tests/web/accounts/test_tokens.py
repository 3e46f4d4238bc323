"""API tokens over real HTTP: issued by an admin and shown once, used as Bearer without CSRF, revocable."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.support.app import SETUP
from tests.support.auth import Served, create_user, login, serve

HUARUN = {
    "uscc": "91210211983690064E",
    "name": "华润置地（大连）有限公司",
    "street": "中华路街道",
    "industry": "现代服务业",
}
VISIT = {
    "enterprise": HUARUN,
    "channel": "hotline",
    "occurred_on": "2026-04-08",
    "cadres": [],
    "problems": [{"category": "市政配套", "description": "12345热线转来：厂区门前路灯不亮"}],
}


@pytest.fixture
def served(database_url: str) -> Iterator[Served]:
    with serve(database_url) as site:
        create_user(site.ganxin, "admin-qian", role="admin", display_name="钱管理员")
        create_user(site.ganxin, "hotline", role="cadre", display_name="热线系统")
        yield site


@pytest.fixture
def admin(served: Served) -> Iterator[httpx.Client]:
    with served.client() as client:
        login(client, "admin-qian")  # password and one-time code
        yield client


def bearer(served: Served, token: str) -> httpx.Client:
    """A client with nothing but the token: no cookie, no Origin, no CSRF token."""
    return served.client(headers={"Authorization": f"Bearer {token}"})


def issue(admin: httpx.Client, username: str = "hotline", name: str = "热线系统") -> dict:
    response = admin.post(f"/api/v1/accounts/{username}/tokens", json={"name": name})
    assert response.status_code == 201, response.text
    return response.json()


def test_a_token_is_shown_once_and_works_without_csrf(served, admin):
    issued = issue(admin)
    assert issued["token"].startswith("gx_") and issued["name"] == "热线系统" and issued["username"] == "hotline"
    listed = admin.get("/api/v1/accounts/hotline/tokens")
    assert listed.status_code == 200
    assert listed.json()["items"][0]["token_id"] == issued["token_id"] and issued["token"] not in listed.text
    with bearer(served, issued["token"]) as hotline:
        logged = hotline.post("/api/v1/visits", json=VISIT)
        assert logged.status_code == 201, logged.text
        case = hotline.get(f"/api/v1/cases/{logged.json()['case_ids'][0]}").json()
        assert case["logged_by"]["name"] == "热线系统"
        assert hotline.get("/api/v1/cases").json()["total"] == 1
        assert hotline.get("/api/v1/cases").headers["cache-control"] == "no-store"


def test_a_revoked_token_is_refused_at_once(served, admin):
    issued = issue(admin)
    with bearer(served, issued["token"]) as hotline:
        assert hotline.get("/api/v1/cases").status_code == 200
        assert admin.delete(f"/api/v1/accounts/hotline/tokens/{issued['token_id']}").status_code == 204
        before = served.events_written()
        refused = hotline.post("/api/v1/visits", json=VISIT)
        assert refused.status_code == 401 and refused.json()["error"]["code"] == "unauthenticated"
        assert served.events_written() == before
    again = admin.delete(f"/api/v1/accounts/hotline/tokens/{issued['token_id']}")
    assert again.status_code == 404 and again.json()["error"]["code"] == "not_found"
    assert admin.get("/api/v1/accounts/hotline/tokens").json() == {"items": []}


def test_a_disabled_accounts_token_is_refused(served, admin):
    issued = issue(admin)
    served.ganxin.accounts.disable_account(SETUP, "hotline", "停止对接")
    with bearer(served, issued["token"]) as hotline:
        before = served.events_written()
        assert hotline.get("/api/v1/cases").status_code == 401
        assert hotline.post("/api/v1/visits", json=VISIT).status_code == 401
        assert served.events_written() == before
    refused = admin.post("/api/v1/accounts/hotline/tokens", json={"name": "再签发"})
    assert refused.status_code == 409  # a disabled account gets no new token


def test_an_account_that_turned_totp_on_gets_no_token_and_its_old_tokens_stop(served, admin):
    issued = issue(admin)  # issued while the cadre logged in with a password alone
    served.ganxin.credentials.provision_totp(SETUP, "hotline")  # `ganxin users enable-totp hotline`
    before = served.events_written()
    refused = admin.post("/api/v1/accounts/hotline/tokens", json={"name": "再签发"})
    assert refused.status_code == 422
    assert refused.json()["error"] == {
        "code": "token_second_factor_account",
        "field": "username",
        "message": "该账号已开启动态验证码登录，接口令牌无法携带动态验证码，不能签发；"
        "集成系统请使用未开启动态验证码的专用账号",
    }
    with bearer(served, issued["token"]) as hotline:  # a token would skip the code the account now needs
        assert hotline.get("/api/v1/cases").status_code == 401
    assert served.events_written() == before


def test_roles_that_need_a_second_factor_get_no_token(served, admin):
    before = served.events_written()
    refused = admin.post("/api/v1/accounts/admin-qian/tokens", json={"name": "管理脚本"})
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "token_second_factor_account"
    assert "不能签发接口令牌" in refused.json()["error"]["message"]
    assert served.events_written() == before


def test_a_bad_bearer_token_is_not_rescued_by_a_session_cookie(served, admin):
    with served.client(cookies=admin.cookies, headers={"Authorization": "Bearer gx_not-a-real-token"}) as mixed:
        assert mixed.get("/api/v1/cases").status_code == 401
        assert mixed.get("/cases", follow_redirects=False).status_code == 303
    with served.client(headers={"Authorization": "Bearer"}) as empty:
        assert empty.get("/api/v1/cases").status_code == 401


def test_only_admins_issue_or_revoke_tokens_and_admin_cookies_still_need_csrf(served, admin):
    create_user(served.ganxin, "cadre-wang", display_name="王干部")
    with served.client() as cadre:
        login(cadre, "cadre-wang")
        forbidden = cadre.post("/api/v1/accounts/hotline/tokens", json={"name": "自己签发"})
        assert forbidden.status_code == 403 and forbidden.json()["error"]["code"] == "forbidden"
    issued = issue(admin)
    with bearer(served, issued["token"]) as hotline:  # the cadre-role token cannot mint more tokens
        assert hotline.post("/api/v1/accounts/hotline/tokens", json={"name": "更多"}).status_code == 403
    with served.client(cookies=admin.cookies) as no_csrf:
        refused = no_csrf.post("/api/v1/accounts/hotline/tokens", json={"name": "伪造"})
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "csrf_failed"
    assert len(admin.get("/api/v1/accounts/hotline/tokens").json()["items"]) == 1


def test_bad_token_requests_get_clear_errors(served, admin):
    assert admin.post("/api/v1/accounts/nobody/tokens", json={"name": "x"}).status_code == 404
    blank = admin.post("/api/v1/accounts/hotline/tokens", json={"name": "  "})
    assert blank.status_code == 422 and blank.json()["error"]["field"] == "name"
    assert admin.post("/api/v1/accounts/hotline/tokens", json={"nom": "x"}).status_code == 422
    assert admin.delete("/api/v1/accounts/hotline/tokens/no-such-token").status_code == 404
