"""Fixtures of the web tests: the app served on a fresh database, once per test (for tests that write)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.web.api_support import Api, serve_api
from tests.web.page_support import Site, serve_pages


@pytest.fixture
def api(database_url: str) -> Iterator[Api]:
    """The JSON API served on a fresh database; each person logs in on first use."""
    with serve_api(database_url) as served:
        yield served


@pytest.fixture
def site(database_url: str) -> Iterator[Site]:
    """The pages served on a fresh database; each person logs in on first use."""
    with serve_pages(database_url) as served:
        yield served
