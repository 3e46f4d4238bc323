"""An application on each database, with units registered."""

from collections.abc import Iterator

import pytest

from application.services import Services
from application.shared.clock import ControlledClock
from tests.support.app import CLOCK_START, ganxin_on, register_units


@pytest.fixture
def clock() -> ControlledClock:
    """The application's clock, set by the test."""
    return ControlledClock(CLOCK_START)


@pytest.fixture
def ganxin(database_url: str, clock: ControlledClock) -> Iterator[Services]:
    """Services on a fresh SQLite file or PostgreSQL database, with three units."""
    with ganxin_on(database_url, clock) as app:
        register_units(app)
        yield app
