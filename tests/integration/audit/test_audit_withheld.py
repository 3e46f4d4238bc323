"""Account events (password hashes, sealed TOTP secrets, token hashes) are proved and bundled without their content."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from application.shared.clock import ControlledClock
from infrastructure.settings import Settings
from infrastructure.wiring.services import build_services
from tests.integration.audit_support import owner_of, seal_and_export_may, seal_env
from tests.support.app import SETUP, log_problems, register_units
from web.cli.main import main

MAY = datetime(2026, 5, 11, 2, tzinfo=UTC)
PASSWORD = "river-stone-2026x"


@pytest.fixture
def sealed(database_url, tmp_path, monkeypatch, capsys):
    """Units, a cadre with a token, an inspector with TOTP and a case, all in May; sealed and exported."""
    paths = seal_env(monkeypatch, tmp_path)
    app = build_services(
        Settings(database_url=database_url, secret_key="a-test-secret-key-2026"), clock=ControlledClock(MAY)
    )
    try:
        register_units(app)
        app.accounts.create_account(SETUP, username="li.cadre", display_name="李干部", role="cadre", password=PASSWORD)
        token = app.tokens.issue_token(SETUP, "li.cadre", "热线系统").token
        app.accounts.create_account(
            SETUP, username="sun.inspector", display_name="孙监察", role="inspector", password=PASSWORD
        )
        totp = app.credentials.provision_totp(SETUP, "sun.inspector")
        log_problems(app, "需迁移树木")
    finally:
        app.store.close()
    out = tmp_path / "bundle"
    seal_and_export_may(database_url, out)
    capsys.readouterr()
    with owner_of(database_url) as owner:
        rows = owner.rows()
    return {**paths, "url": database_url, "dir": out, "rows": rows, "token": token, "totp": totp}


def stored_secrets(sealed) -> list[str]:
    """What must never leave the database: the Argon2id hashes, the sealed TOTP secrets, the token hashes."""
    found = []
    for row in sealed["rows"]:
        if row[3].startswith("ganxin:Account."):
            state = json.loads(bytes(row[4]))
            found += [state[key] for key in ("password_hash", "secret_sealed", "token_hash") if key in state]
    assert any(s.startswith("$argon2id$") for s in found) and any(s.startswith("fernet:") for s in found)
    assert len(found) >= 4
    return found


def test_a_proof_of_an_account_event_proves_inclusion_without_its_content(sealed, tmp_path, capsys):
    secrets = stored_secrets(sealed)
    accounts = [row for row in sealed["rows"] if row[3].startswith("ganxin:Account.")]
    path = tmp_path / "proof.json"
    for row in accounts:
        assert main(["audit", "prove", "--database-url", sealed["url"], str(row[0])]) == 0
        text = capsys.readouterr().out
        assert not any(secret in text for secret in secrets), row[3]
        proof = json.loads(text)
        assert proof["event"]["state"] is None and "内容不随证明" in proof["event"]["state_withheld"]
        path.write_text(text)
        assert main(["audit", "verify-proof", str(path), "--public-key", str(sealed["public"])]) == 0
        assert "证明有效（内容已隐去）" in capsys.readouterr().out
    bent = json.loads(path.read_text()) | {"leaf_hash": "ab" * 32}
    path.write_text(json.dumps(bent))
    assert main(["audit", "verify-proof", str(path), "--public-key", str(sealed["public"])]) == 1
    assert "审计路径不能" in capsys.readouterr().out
    case_event = next(row for row in sealed["rows"] if row[3].startswith("ganxin:Case."))
    assert main(["audit", "prove", "--database-url", sealed["url"], str(case_event[0])]) == 0
    assert json.loads(capsys.readouterr().out)["event"]["state"]  # other events keep their content


def test_a_bundle_withholds_account_content_and_still_verifies(sealed, capsys):
    secrets = stored_secrets(sealed)
    text = (sealed["dir"] / "events.jsonl").read_text()
    assert not any(secret in text for secret in secrets) and sealed["token"] not in text
    assert sealed["totp"] not in text
    lines = [json.loads(line) for line in text.splitlines()]
    withheld = [line for line in lines if line["state"] is None]
    assert {line["topic"] for line in withheld} >= {
        "ganxin:Account.Created",
        "ganxin:Account.TokenIssued",
        "ganxin:Account.TotpEnrolled",
    }
    assert all(line["topic"].startswith("ganxin:Account.") for line in withheld)
    assert main(["audit", "verify-bundle", str(sealed["dir"]), "--public-key", str(sealed["public"])]) == 0
    assert "验证通过" in capsys.readouterr().out
    withheld[0]["leaf_hash"] = "cd" * 32
    (sealed["dir"] / "events.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    assert main(["audit", "verify-bundle", str(sealed["dir"]), "--public-key", str(sealed["public"])]) == 1
    assert f"通知编号 {withheld[0]['notification_id']}" in capsys.readouterr().out
