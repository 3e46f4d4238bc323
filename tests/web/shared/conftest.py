"""Fixtures of the security tests: the app on a fresh database with 王干部's account, and his logged-in client."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.support.auth import Served, create_user, login, serve


@pytest.fixture
def served(database_url: str) -> Iterator[Served]:
    """The app served on a fresh database with the cadre 王干部's account (cadre-wang)."""
    with serve(database_url) as site:
        create_user(site.ganxin, "cadre-wang", display_name="王干部")
        yield site


@pytest.fixture
def browser(served: Served) -> Iterator[httpx.Client]:
    """王干部 logged in: his unsafe requests carry Origin and the CSRF token, as the site's pages do."""
    with served.client() as client:
        login(client, "cadre-wang")
        yield client
