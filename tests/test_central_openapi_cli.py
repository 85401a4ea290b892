"""The committed OpenAPI document matches the app; `kioskctl platform …` verbs."""

from __future__ import annotations

import json
import uuid as uuidlib

from central_helpers import SignedClient, enrolled_client, running_platform, submission_body

from central.openapi import OPENAPI_PATH, openapi_text
from kiosk.cli.main import main


def test_committed_openapi_matches_the_app():
    committed = OPENAPI_PATH.read_text(encoding="utf-8")
    assert committed == openapi_text(), (
        "central/openapi.json is out of date: run `kioskctl platform openapi "
        "--out central/openapi.json`")


def test_openapi_documents_every_contract_endpoint():
    paths = json.loads(OPENAPI_PATH.read_text(encoding="utf-8"))["paths"]
    for path, method in [
        ("/v1/health", "get"), ("/v1/enrol", "post"), ("/v1/attachments/{sha256}", "put"),
        ("/v1/attachments/{sha256}", "head"), ("/v1/submissions/{uuid}", "put"),
        ("/v1/ratings/{uuid}", "put"), ("/v1/feedback/{uuid}", "put"),
        ("/v1/audit-batches/{uuid}", "put"), ("/v1/catalog", "get"),
        ("/v1/status/query", "post"), ("/v1/heartbeat", "post"),
        ("/v1/identity-codes", "post"), ("/v1/identity-codes/resolve", "post"),
        ("/v1/queue/{category}", "get"), ("/v1/queue/{category}/tickets", "post"),
    ]:
        assert method in paths[path], f"{method.upper()} {path} missing from openapi.json"
    signed = paths["/v1/submissions/{uuid}"]["put"]["parameters"]
    assert {"X-Signature", "X-Nonce"} <= {p["name"].title() for p in signed}


def test_cli_issue_code_enrols_then_stats_and_revoke(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["platform", "issue-code", "--db", db, "--site", "431002"]) == 0
    code = capsys.readouterr().out.strip()
    assert len(code) == 12
    assert main(["platform", "stats", "--db", db, "--json"]) == 0
    counts = json.loads(capsys.readouterr().out)
    assert counts == {"submissions": 0, "distinct_ids": 0, "attachments": 0, "ratings": 0,
                      "feedback": 0, "devices": 0}
    assert main(["platform", "revoke", "--db", db, "Dmissing"]) == 2
    assert "Dmissing" in capsys.readouterr().err


def test_cli_set_status_and_stats_after_traffic(tmp_path, capsys):
    with running_platform("sqlite", tmp_path) as server:
        client = SignedClient(server.url, *enrolled_client(server))
        uuid = str(uuidlib.uuid4())
        client.put(f"/v1/submissions/{uuid}", json=submission_body(uuid, receipt_no="R-9"))
        assert main(["platform", "set-status", "--db", server.db_url, "R-9", "needs_correction",
                     "--missing", "户口簿"]) == 0
        result = json.loads(capsys.readouterr().out)
        assert result["status"] == "needs_correction"
        assert result["missing"] == ["户口簿"]
        assert main(["platform", "set-status", "--db", server.db_url, "R-9", "bogus"]) == 2
        assert "unknown status" in capsys.readouterr().err
        [app] = client.post("/v1/status/query", json={"receipt_nos": ["R-9"]}).json()[
            "applications"]
        assert app["status_label"] == "需补正材料"
        assert main(["platform", "revoke", "--db", server.db_url, client.device_id]) == 0
        assert client.get("/v1/queue/x").json()["error"] == "revoked"
        assert main(["platform", "stats", "--db", server.db_url, "--json"]) == 0
        assert json.loads(capsys.readouterr().out.split("\n", 1)[1])["submissions"] == 1


def test_cli_serve_refuses_a_bad_fault_spec(capsys):
    assert main(["platform", "serve", "--db", "sqlite://", "--faults", "boom=1"]) == 2
    assert "boom" in capsys.readouterr().err
