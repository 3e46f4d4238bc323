"""Creating accounts and logging in, for tests that go through HTTP."""

from __future__ import annotations

from typing import Any

from application.access import Principal
from domain.actor import Actor

TEST_PASSWORD = "ganxin-test-pass-2026"
ADMIN = Principal(Actor("test-admin", "测试管理员", "admin"))


def create_user(ganxin: Any, username: str, role: str = "cadre", display_name: str | None = None,  # noqa: PLR0913
                unit: str | None = None, password: str = TEST_PASSWORD, *, task_forces: list[str] | None = None,
                dispatch_all: bool = False) -> str:
    """Open an account directly through the application, with its remit."""
    name = ganxin.create_account(
        ADMIN, username=username, display_name=display_name or f"测试{username}", role=role,
        password=password, unit=unit,
    )
    if task_forces or dispatch_all:
        ganxin.change_membership(ADMIN, name, unit=unit, task_forces=task_forces or [], dispatch_all=dispatch_all)
    return name


def login(client: Any, username: str, password: str = TEST_PASSWORD) -> Any:
    """POST the login form with an httpx/TestClient client; the session cookie stays on the client."""
    response = client.post("/login", data={"username": username, "password": password, "next": "/cases"},
                           follow_redirects=False)
    assert response.status_code == 303, f"login failed for {username}: {response.status_code} {response.text[:200]}"
    return response
