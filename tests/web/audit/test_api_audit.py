"""GET /api/v1/audit/proofs/{notification_id}: inspectors get a proof that checks offline; others, admins too, 403."""

from __future__ import annotations

from pathlib import Path

from application.audit.proof import check_proof
from infrastructure.audit.ed25519 import Ed25519Checker
from tests.integration.audit_support import seal_env
from tests.web.api_support import Api, error_of, log_case
from tests.web.finding_support import sensitive_reads
from tests.web.people import Person
from web.cli.main import main

INSPECTOR = Person("inspector-qin", "秦监察", "inspector")
ADMIN = Person("admin-wu", "吴管理", "admin")


def test_an_inspector_gets_a_proof_that_verifies_and_a_cadre_is_refused(
    api: Api, database_url, tmp_path: Path, monkeypatch
):
    paths = seal_env(monkeypatch, tmp_path)
    log_case(api)
    last = api.events_written()
    assert main(["audit", "seal", "--database-url", database_url]) == 0
    inspector = api.logins.client_of(INSPECTOR)
    reads = sensitive_reads(api.ganxin)

    response = inspector.get(f"/api/v1/audit/proofs/{last}")

    assert response.status_code == 200, response.text
    proof = response.json()
    assert proof["event"]["notification_id"] == last
    ok, message = check_proof(proof, Ed25519Checker.from_file(paths["public"]))
    assert ok, message
    assert sensitive_reads(api.ganxin) == [*reads, (INSPECTOR.username, "event_proof", str(last))]
    assert api.client.get(f"/api/v1/audit/proofs/{last}").status_code == 403


def test_an_admin_is_refused_a_proof_because_it_carries_the_event_and_nothing_is_written(
    api: Api, database_url, tmp_path: Path, monkeypatch
):
    seal_env(monkeypatch, tmp_path)
    log_case(api)
    last = api.events_written()
    assert main(["audit", "seal", "--database-url", database_url]) == 0
    admin = api.logins.client_of(ADMIN)
    before = api.events_written()

    response = admin.get(f"/api/v1/audit/proofs/{last}")

    assert response.status_code == 403
    assert "state" not in response.text
    assert api.events_written() == before


def test_an_event_not_yet_sealed_is_a_clear_404(api: Api):
    log_case(api)
    response = api.logins.client_of(INSPECTOR).get(f"/api/v1/audit/proofs/{api.events_written()}")
    assert response.status_code == 404
    error = error_of(response)
    assert error["code"] == "not_sealed" and "尚未封存" in error["message"]
