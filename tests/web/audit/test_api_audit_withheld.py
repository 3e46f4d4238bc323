"""GET /api/v1/audit/proofs/{n} of an account event: inclusion proved over HTTP, no credential in the answer."""

from __future__ import annotations

import json
from pathlib import Path

from application.audit.proof import check_proof
from infrastructure.audit.ed25519 import Ed25519Checker
from tests.integration.audit_support import owner_of, seal_env
from tests.web.api_support import Api
from tests.web.people import Person
from web.cli.main import main

INSPECTOR = Person("inspector-qin", "秦监察", "inspector")


def test_an_inspector_proves_an_account_event_without_seeing_its_hash(
    api: Api, database_url, tmp_path: Path, monkeypatch
):
    paths = seal_env(monkeypatch, tmp_path)
    inspector = api.logins.client_of(INSPECTOR)  # the inspector's own account and TOTP are events too
    assert main(["audit", "seal", "--database-url", database_url]) == 0
    with owner_of(database_url) as owner:
        accounts = [row for row in owner.rows() if row[3] in ("ganxin:Account.Created", "ganxin:Account.TotpEnrolled")]
    assert {row[3] for row in accounts} == {"ganxin:Account.Created", "ganxin:Account.TotpEnrolled"}
    for notification_id, _, _, topic, state in accounts:
        stored = json.loads(bytes(state))
        secret = stored.get("password_hash") or stored.get("secret_sealed")
        response = inspector.get(f"/api/v1/audit/proofs/{notification_id}")
        assert response.status_code == 200, response.text
        assert secret and secret not in response.text, topic
        proof = response.json()
        assert proof["event"]["state"] is None and proof["event"]["state_withheld"]
        ok, message = check_proof(proof, Ed25519Checker.from_file(paths["public"]))
        assert ok and "内容已隐去" in message, message
