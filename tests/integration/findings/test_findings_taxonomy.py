"""The manifestation list is published once per database, however many processes start together."""

from __future__ import annotations

import threading

import pytest

from application.shared.errors import VersionConflict
from domain.findings.manifestation import TAXONOMY_ID, ManifestationTaxonomy
from infrastructure.settings import Settings
from infrastructure.wiring.services import build_services
from tests.support.app import INSPECTOR, ganxin_on


def test_the_list_is_seeded_once_even_when_two_applications_start_at_the_same_time(database_url: str):
    # The tables first, without publishing anything (as `ganxin demo` looks before loading): two processes
    # creating a fresh SQLite file's tables at once is a race of the library's own, not this one.
    build_services(Settings(database_url=database_url), sync_calendar=False).store.close()
    apps, errors = [], []
    gate = threading.Barrier(2)

    def start() -> None:
        try:
            gate.wait()
            apps.append(build_services(Settings(database_url=database_url)))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=start) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert errors == []
        with ganxin_on(database_url) as third:
            seeded = [
                n
                for n in third.store.event_log.recorder.select_notifications(start=1, limit=10_000)
                if n.topic == "ganxin:ManifestationTaxonomy.Seeded"
            ]
            assert len(seeded) == 1
            taxonomy = third.store.get(TAXONOMY_ID)
            assert isinstance(taxonomy, ManifestationTaxonomy) and taxonomy.version == 1
            items = third.finding_queries.manifestations(INSPECTOR)
            assert len(items) == 13 and len({i.key for i in items}) == 13
            assert not third.findings.seed_taxonomy()
            with pytest.raises(VersionConflict):  # a process that raced past the check cannot make a second list
                third.store.commit(ManifestationTaxonomy.seed(INSPECTOR.actor, third.store.clock.now()))
    finally:
        for app in apps:
            app.store.close()
