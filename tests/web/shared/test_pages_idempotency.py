"""The page forms carry an idempotency key drawn with the form: submitting one form twice stores it once."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from uuid import UUID

import pytest
from fastapi.routing import iter_route_contexts

from tests.support.postgres import url_for_backend
from tests.web.matrix_support import throwaway_app
from tests.web.page_support import Site, created_ids, input_value, post_action, serve_pages, visit_form
from web.idempotency import form_idempotency_key


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """One served site per backend for the module."""
    with url_for_backend(request, tmp_path_factory, "page-idempotency") as url, serve_pages(url) as served:
        yield served


def _keys(html: str) -> list[str]:
    return re.findall(r'name="idempotency_key" value="([0-9a-f]{32})"', html)


def test_each_drawn_form_carries_its_own_key(site: Site):
    first, second = (input_value(site.client.get("/visits/new").text, "idempotency_key") for _ in range(2))
    assert re.fullmatch(r"[0-9a-f]{32}", first) and first != second


def test_the_visit_form_submitted_twice_logs_the_visit_once(site: Site):
    key = input_value(site.client.get("/visits/new").text, "idempotency_key")
    form = {**visit_form("门前道路积水"), "idempotency_key": key}
    first = site.client.post("/visits", data=form, follow_redirects=False)
    written = site.events_written()

    again = site.client.post("/visits", data=form, follow_redirects=False)
    assert created_ids(again) == created_ids(first)  # the same redirect to the same cases
    assert site.events_written() == written

    edited = site.client.post(
        "/visits", data={**form, "problems[0].description": "门前道路积水严重"}, follow_redirects=False
    )
    assert edited.status_code == 422 and "另一个不同的请求" in edited.text
    assert site.events_written() == written


def test_an_action_form_submitted_twice_is_one_event_not_a_conflict(site: Site):
    case_id = created_ids(site.client.post("/visits", data=visit_form("路灯损坏"), follow_redirects=False))[0]
    page = site.lead.get(f"/cases/{case_id}").text
    keys = _keys(page)
    assert len(keys) == len(set(keys)) > 1  # one key per action form
    form = re.search(rf'action="/cases/{case_id}/classify".*?</form>', page, flags=re.S)
    assert form is not None
    key = re.search(r'name="idempotency_key" value="([0-9a-f]{32})"', form[0])
    assert key is not None
    for _ in range(2):
        done = post_action(site.lead, case_id, "classify", 1, disposition="immediate", idempotency_key=key[1])
        assert (done.status_code, done.headers["location"]) == (303, f"/cases/{case_id}#timeline")
    assert site.ganxin.store.get(UUID(case_id)).version == 2


SIGN_IN_FORMS = {"/login", "/login/totp", "/logout"}  # no person to key them to yet, or nothing to write twice
TEMPLATES = Path(__file__).resolve().parents[3] / "web" / "templates"


def test_every_page_form_that_writes_is_drawn_with_a_key():
    forms = [
        (path.name, form)
        for path in sorted(TEMPLATES.rglob("*.html"))
        for form in re.findall(r'<form method="post".*?</form>', path.read_text(encoding="utf-8"), flags=re.S)
    ]
    writing = [(name, form) for name, form in forms if re.search(r'action="([^"]*)"', form)[1] not in SIGN_IN_FORMS]  # type: ignore[index]  # every post form names its action
    assert len(writing) >= 14, "the page forms were not found"
    unkeyed = [
        name
        for name, form in writing
        if '<input type="hidden" name="idempotency_key" value="{{ new_idempotency_key() }}">' not in form
    ]
    assert unkeyed == []


def test_every_page_route_that_writes_serves_the_form_key():
    with throwaway_app() as app:
        posts = [
            r
            for r in iter_route_contexts(app.routes)
            if "POST" in (getattr(r, "methods", None) or ())
            and not r.path.startswith("/api/")
            and r.path not in SIGN_IN_FORMS
        ]
    assert len(posts) >= 14
    unkeyed = [r.path for r in posts if form_idempotency_key not in {d.call for d in r.dependant.dependencies}]
    assert unkeyed == []
