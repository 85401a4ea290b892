"""Two platform processes on one database, a client alternating between them: works only
because nonces, codes and records all live in the database (PostgreSQL in CI; SQLite too)."""

from __future__ import annotations

import hashlib
import json
import uuid as uuidlib

import pytest
import requests
from central_helpers import (
    SignedClient,
    backend_params,
    enrolled_client,
    fresh_db_url,
    public_key_b64,
    submission_body,
)
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from central.admin import issue_code
from central.server import PlatformServer
from central.signing import sign_headers


@pytest.fixture(params=backend_params())
def workers(request, tmp_path):
    db_url = fresh_db_url(request.param, tmp_path)
    servers = [PlatformServer(db_url, mode="process") for _ in range(2)]
    try:
        for server in servers:
            server.start(wait=False)
        for server in servers:
            server.wait_healthy()
        yield servers
    finally:
        for server in servers:
            server.stop()


def test_client_alternating_between_two_workers(workers):
    a, b = workers
    assert a.port != b.port
    device_id, key = enrolled_client(a)
    client = SignedClient(a.url, device_id, key)

    # Enrolled on A, recognised by B.
    assert client.post("/v1/heartbeat", json={"app_version": "1"}, url=b.url).status_code == 200

    # Attachment stored through A satisfies a submission sent to B; a retry on A agrees.
    scan = b"scan bytes"
    assert client.put(f"/v1/attachments/{hashlib.sha256(scan).hexdigest()}", data=scan,
                      url=a.url).status_code == 201
    uuid = str(uuidlib.uuid4())
    body = submission_body(uuid, attachments=[scan])
    first = client.put(f"/v1/submissions/{uuid}", json=body, url=b.url)
    assert first.status_code == 201, first.text
    retry = client.put(f"/v1/submissions/{uuid}", json=body, url=a.url)
    assert retry.status_code == 200
    assert retry.json()["platform_ref"] == first.json()["platform_ref"]
    body["title"] = "changed"
    assert client.put(f"/v1/submissions/{uuid}", json=body, url=b.url).status_code == 409

    # A request replayed to the other worker is still a replay.
    payload = json.dumps({"app_version": "1"}).encode()
    headers = sign_headers(key, device_id, "POST", "/v1/heartbeat", payload)
    headers["Content-Type"] = "application/json"
    assert requests.post(f"{a.url}/v1/heartbeat", data=payload, headers=headers,
                         timeout=10).status_code == 200
    replay = requests.post(f"{b.url}/v1/heartbeat", data=payload, headers=headers, timeout=10)
    assert replay.status_code == 401
    assert replay.json()["error"] == "replayed_nonce"

    # A one-time code used on one worker is spent on the other.
    code = issue_code(a.db_url, "431002")
    enrol = {"code": code, "public_key": public_key_b64(Ed25519PrivateKey.generate()),
             "device_name": "x"}
    assert requests.post(f"{b.url}/v1/enrol", json=enrol, timeout=10).status_code == 201
    assert requests.post(f"{a.url}/v1/enrol", json=enrol, timeout=10).status_code == 403

    # Identity codes and the catalog ETag agree across workers.
    issued = client.post("/v1/identity-codes", url=a.url, json={
        "name": "王五", "id_number": "110101199003071234", "card_type": "resident"})
    resolved = client.post("/v1/identity-codes/resolve", url=b.url,
                           json={"code": issued.json()["code"]})
    assert resolved.json()["name"] == "王五"
    assert client.get("/v1/catalog", url=a.url).headers["etag"] == \
        client.get("/v1/catalog", url=b.url).headers["etag"]
