"""Shared fixtures: throwaway PostgreSQL databases, a database URL per backend, the system Chromium."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support import create_database, database_settings, drop_database
from tests.support.scenario_copies import LoadedScenario, ScenarioCopies

POSTGRES_URL_ENV = "GANXIN_TEST_POSTGRES_URL"
CHROMIUM_ENV = "GANXIN_TEST_CHROMIUM"
DEFAULT_CHROMIUM = "/usr/bin/chromium"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Turn any skipped test into a failure: this project never skips tests."""
    report = yield
    if report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipping tests is not allowed here: {report.longrepr}"
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector):
    """Turn a module-level skip (pytest.skip, importorskip) into a collection error."""
    report = yield
    if report.skipped:
        report.outcome = "failed"
        report.longrepr = f"skipping tests is not allowed here: {report.longrepr}"
    return report


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """URL of the throwaway PostgreSQL cluster's admin database, from GANXIN_TEST_POSTGRES_URL."""
    url = os.environ.get(POSTGRES_URL_ENV, "")
    if not url:
        pytest.fail(
            f"{POSTGRES_URL_ENV} is not set: run the tests with `bash .ci/test.sh`, "
            "which starts a throwaway PostgreSQL and sets it",
            pytrace=False,
        )
    return url


@pytest.fixture
def postgres_database_factory(postgres_url: str) -> Iterator[Callable[[], dict[str, str]]]:
    """Make as many fresh databases as a test needs; all are dropped afterwards."""
    created: list[str] = []

    def make() -> dict[str, str]:
        name = create_database(postgres_url)
        created.append(name)
        return database_settings(postgres_url, name)

    yield make
    for name in created:
        drop_database(postgres_url, name)


@pytest.fixture
def fresh_postgres_database(postgres_database_factory: Callable[[], dict[str, str]]) -> dict[str, str]:
    """A brand new database: POSTGRES_DBNAME/HOST/PORT/USER/PASSWORD settings plus its "url"."""
    return postgres_database_factory()


@pytest.fixture(params=["sqlite", "postgres"], ids=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """GANXIN_DATABASE_URL-style URL of an empty database, once for SQLite and once for PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ganxin.db'}"
    return request.getfixturevalue("fresh_postgres_database")["url"]


@pytest.fixture(scope="session")
def scenario_copies(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScenarioCopies]:
    """The bundled scenario replayed at most once per backend in this test process, copied for each test."""
    copies = ScenarioCopies(tmp_path_factory.mktemp("scenario"))
    yield copies
    copies.drop()


@pytest.fixture(params=["sqlite", "postgres"], ids=["sqlite", "postgres"])
def loaded_scenario(
    request: pytest.FixtureRequest, tmp_path: Path, scenario_copies: ScenarioCopies
) -> Iterator[LoadedScenario]:
    """A database of this test's own holding the replayed bundled scenario, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        with scenario_copies.on_sqlite(tmp_path) as loaded:
            yield loaded
    else:
        with scenario_copies.on_postgres(request.getfixturevalue("postgres_url")) as loaded:
            yield loaded


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Path of the system Chromium, from GANXIN_TEST_CHROMIUM or /usr/bin/chromium."""
    path = os.environ.get(CHROMIUM_ENV) or DEFAULT_CHROMIUM
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        pytest.fail(
            f"no Chromium at {path}: run the tests with `bash .ci/test.sh`, which installs it (or set {CHROMIUM_ENV})",
            pytrace=False,
        )
    return path
